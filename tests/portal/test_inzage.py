"""*Wie heeft mijn gegevens bekeken* and *Mijn gegevens downloaden* as pages of the portal
(the look-up by a real employee and the walk in Chromium: test_inzage_browser.py)."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from pypdf import PdfReader

from klantbeeld.demo.numbers import bsn, kvk_nummer
from klantbeeld.domain.models import Partij
from klantbeeld.portal.niveaus import Niveau
from klantbeeld.privacy.models import Uitvoering, Verwerkingsactie, Verwerkingsactiviteit
from klantbeeld.privacy.verwerkingen import log_verwerking
from tests.domain.test_zoeken import nummer, persoon
from tests.portal.sessie import portaal

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan() -> Partij:
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    return jan


def bekeken(partij: Partij, handeling: str = "Klantbeeld bekijken", **extra: Any) -> None:
    log_verwerking(
        actie="Raadplegen",
        handeling=handeling,
        activiteit=Verwerkingsactiviteit.objects.first(),
        gebruiker="sanne",
        uitvoerder="Sanne de Vries",
        partijen=[partij],
        soorten_gegevens=["naam", "adres"],
        organisatie_eenheid="Klantcontactcentrum",
        **extra,
    )


def test_the_page_shows_the_team_and_purpose_never_the_employee(jan: Partij):
    bekeken(jan)
    page = portaal(bsn=bsn(1)).get("/mijn/inzage/").content.decode()
    assert "Een medewerker van Klantcontactcentrum" in page
    assert "Raadplegen: Klantbeeld bekijken" in page
    assert Verwerkingsactiviteit.objects.first().naam in page  # type: ignore[union-attr]
    assert "naam, adres" in page
    assert "Sanne" not in page and "sanne" not in page


def test_the_visit_is_logged_and_shown_the_next_time_as_their_own(jan: Partij):
    client = portaal(bsn=bsn(1))
    eerste = client.get("/mijn/inzage/").content.decode()
    assert "nog niet bekeken" in eerste
    actie = Verwerkingsactie.objects.get()
    assert (actie.actie_naam, actie.handeling_naam, actie.uitgevoerd_door) == (
        "Inzien",
        "Wie heeft mijn gegevens bekeken",
        Uitvoering.BETROKKENE,
    )
    assert "Door uzelf" in client.get("/mijn/inzage/").content.decode()


def test_another_persons_processings_never_show(jan: Partij):
    marie = persoon("Marie", "Pieters")
    nummer(marie, "bsn", bsn(2))
    bekeken(marie, "Marie bekeken")
    page = portaal(bsn=bsn(1)).get("/mijn/inzage/").content.decode()
    assert "Marie bekeken" not in page
    assert "nog niet bekeken" in page


def test_a_confidential_processing_shows_only_when_and_why(jan: Partij):
    bekeken(jan, "Vertrouwelijk contact bekijken", vertrouwelijk=True)
    page = portaal(bsn=bsn(1)).get("/mijn/inzage/").content.decode()
    assert "vertrouwelijke verwerking" in page
    assert "Dit houden wij vertrouwelijk" in page
    assert "Vertrouwelijk contact bekijken" not in page
    assert "Klantcontactcentrum" not in page


def test_a_period_and_pages(jan: Partij):
    for n in range(30):
        bekeken(jan, f"Bekeken {n:02}")
    client = portaal(bsn=bsn(1))
    eerste = client.get("/mijn/inzage/").content.decode()
    assert "30 verwerkingen" in eerste and "Pagina 1 van 2" in eerste
    assert "Bekeken 29" in eerste and "Bekeken 04" not in eerste
    tweede = client.get("/mijn/inzage/", {"pagina": 2}).content.decode()
    assert "Bekeken 04" in tweede and "Bekeken 29" not in tweede
    # Today is in a period ending today; a period in the past holds nothing.
    from django.utils import timezone

    vandaag = timezone.localdate().isoformat()
    gefilterd = client.get("/mijn/inzage/", {"van": vandaag, "tot": vandaag}).content.decode()
    assert "Verwerkingen in deze periode" in gefilterd and "Bekeken 29" in gefilterd
    # The page links keep the period.
    assert f"van={vandaag}&amp;tot={vandaag}&amp;pagina=2" in gefilterd
    leeg = client.get("/mijn/inzage/", {"van": "2020-01-01", "tot": "2020-01-31"})
    assert "In deze periode zijn uw gegevens niet bekeken" in leeg.content.decode()
    fout = client.get("/mijn/inzage/", {"van": "2020-02-01", "tot": "2020-01-01"}).content
    assert "Controleer de periode" in fout.decode() and "Bekeken" not in fout.decode()


def test_a_company_gets_an_explanation():
    response = portaal(kvk_nummer=kvk_nummer(1)).get("/mijn/inzage/")
    assert response.status_code == 200
    assert "niet voor bedrijven" in response.content.decode()


def test_the_pages_need_a_login():
    from django.test import Client

    for url in ("/mijn/inzage/", "/mijn/downloaden/", "/mijn/downloaden/mijn-gegevens.json"):
        response = Client().get(url)
        assert response.status_code == 302 and "/mijn/inloggen/" in response["Location"]


def test_downloads_are_files_and_logged(jan: Partij):
    bekeken(jan)
    client = portaal(bsn=bsn(1))
    assert "Download als PDF" in client.get("/mijn/downloaden/").content.decode()
    assert not Verwerkingsactie.objects.filter(actie_naam="Downloaden").exists()

    response = client.get("/mijn/downloaden/mijn-gegevens.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="mijn-gegevens-')
    assert "no-store" in response["Cache-Control"]
    inzage = json.loads(response.content)
    secties = {s["sleutel"]: s for s in inzage["secties"]}
    assert secties["partij"]["items"][0]["achternaam"] == "Jansen"
    assert secties["verwerkingen"]["items"][0]["eenheid"] == "Klantcontactcentrum"
    assert "Sanne" not in response.content.decode()

    response = client.get("/mijn/downloaden/mijn-gegevens.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('.pdf"')
    tekst = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Jansen" in tekst

    assert list(
        Verwerkingsactie.objects.filter(actie_naam="Downloaden")
        .order_by("tijdstip_registratie", "pk")
        .values_list("handeling_naam", flat=True)
    ) == ["Mijn gegevens downloaden (JSON)", "Mijn gegevens downloaden (PDF)"]


def test_downloading_needs_the_level_set_for_it(jan: Partij):
    client = portaal(bsn=bsn(1), niveau=Niveau.BASIS)
    assert client.get("/mijn/inzage/").status_code == 200
    for url in ("/mijn/downloaden/", "/mijn/downloaden/mijn-gegevens.pdf"):
        assert client.get(url).status_code == 403
    assert not Verwerkingsactie.objects.filter(actie_naam="Downloaden").exists()


def test_a_company_downloads_its_own_data():
    bakkerij = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Bakkerij De Korenschoof"
    )
    nummer(bakkerij, "kvk_nummer", kvk_nummer(1), objecttype="niet_natuurlijk_persoon")
    response = portaal(kvk_nummer=kvk_nummer(1), niveau=Niveau.SUBSTANTIEEL).get(
        "/mijn/downloaden/mijn-gegevens.json"
    )
    inzage = json.loads(response.content)
    assert inzage["secties"][0]["items"][0]["naam"] == "Bakkerij De Korenschoof"
    # Companies are not logged (natural persons only).
    assert not Verwerkingsactie.objects.exists()


def test_a_gemachtigde_sees_the_persons_own_visits_as_theirs_not_as_their_own(jan: Partij):
    portaal(bsn=bsn(1)).get("/mijn/inzage/")  # Jan himself
    piet = portaal(bsn=bsn(1), gemachtigde=bsn(3))
    piet.get("/mijn/inzage/")  # Piet for Jan: logged as Jan's data, by his gemachtigde
    page = piet.get("/mijn/inzage/").content.decode()
    assert "Door Jan Jansen zelf" in page
    assert "Door een gemachtigde" in page
    assert "Door uzelf" not in page and bsn(3) not in page
    assert "Door uw gemachtigde" in portaal(bsn=bsn(1)).get("/mijn/inzage/").content.decode()
