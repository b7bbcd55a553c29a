"""Mijn taken and Producten en afspraken through Django's test client (the browser walk is
in test_taken_browser.py): only one's own, completing registers the contact and closes the
task, someone else's task is the portal's 404 and nothing changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import ActorKlantcontact, Klantcontact, Onderwerpobject
from klantbeeld.portal.niveaus import Niveau
from klantbeeld.privacy.models import Verwerkingsactie, VerwerktObject
from standins.afspraken import Afspraak, LocalAfspraken
from standins.objecten import LocalObjecten, Refusal
from tests.portal.sessie import portaal
from tests.support.objecten import klanttaak, over_een_week, productaanvraag

pytestmark = pytest.mark.django_db

JAN, ANNA = bsn(101), bsn(102)
ZAAK = "https://zaken.example.nl/zaken/api/v1/zaken/5d1e4c7a-0b8e-4f7e-9f53-0d7a3c2b1a00"


def aangemeld(client: Client, nummer: str, niveau: Niveau = Niveau.MIDDEN) -> Client:
    """``client`` signed in to the portal as the person ``nummer`` (tests/portal/sessie.py)."""
    naam = settings.KLANTBEELD_MIJN_SESSIE_COOKIE
    client.cookies[naam] = portaal(bsn=nummer, niveau=niveau).cookies[naam].value
    return client


def gedaan(client: Client, taak_uuid: str) -> Any:
    return client.post(f"/mijn/taken/{taak_uuid}/gedaan/")


def test_the_list_shows_only_ones_own_open_tasks(client: Client, objecten: LocalObjecten) -> None:
    objecten.add(
        "klanttaak",
        klanttaak(
            JAN,
            formulierlink="https://formulieren.example.nl/huurcontract?taal=nl",
            betaallink="https://betalen.example.nl/leges",
            documentlink="https://documenten.example.nl/factuur.pdf",
            zaakidentificatie="ZAAK-2026-0001",
        ),
    )
    objecten.add("klanttaak", klanttaak(ANNA, titel="Geheime taak van Anna"))
    antwoord = aangemeld(client, JAN).get("/mijn/taken/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "Stuur een kopie van uw huurcontract" in html
    assert "Geheime taak van Anna" not in html
    assert "ZAAK-2026-0001" in html
    taak = next(iter(objecten.objects))
    # Open Forms prefills from the task itself: only its reference is in the link.
    assert (
        f"https://formulieren.example.nl/huurcontract?taal=nl&amp;initial_data_reference={taak}"
        in html
    )
    assert "https://betalen.example.nl/leges" in html
    assert "no-store" in antwoord["Cache-Control"]
    actie = Verwerkingsactie.objects.get(handeling_naam="Mijn taken")
    assert VerwerktObject.objects.get(verwerkingsactie=actie).object_id == JAN


def test_completing_registers_the_contact_and_closes_the_task(
    client: Client, objecten: LocalObjecten
) -> None:
    taak = objecten.add("klanttaak", klanttaak(JAN, zaak=ZAAK))
    aangemeld(client, JAN)

    antwoord = gedaan(client, taak["uuid"])

    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/mijn/taken/?gedaan=1"
    klantcontact = Klantcontact.objects.get()
    assert klantcontact.kanaal == "mijngemeente"
    assert klantcontact.onderwerp == "Taak gedaan: Stuur een kopie van uw huurcontract"
    betrokkene = klantcontact.betrokkenen.get()
    assert betrokkene.initiator
    assert betrokkene.was_partij.partij_identificatoren.get().partij_identificator_object_id == JAN
    actoren = ActorKlantcontact.objects.filter(klantcontact=klantcontact)
    assert [a.actor.naam for a in actoren] == ["MijnGemeente"]
    onderwerpen = {
        (
            o.onderwerpobjectidentificator_code_objecttype,
            o.onderwerpobjectidentificator_code_register,
            o.onderwerpobjectidentificator_code_soort_object_id,
            o.onderwerpobjectidentificator_object_id,
        )
        for o in Onderwerpobject.objects.filter(klantcontact=klantcontact)
    }
    assert onderwerpen == {
        ("klanttaak", "objecten", "uuid", taak["uuid"]),
        ("zgw-Zaak", "openzaak", "uuid", ZAAK.rsplit("/", 1)[1]),
    }
    assert objecten.data(taak["uuid"])["status"] == "afgerond"
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "We hebben genoteerd dat u de taak heeft gedaan" in pagina
    assert "U heeft geen open taken." in pagina
    # A second press (another tab): the task is no longer open, nothing is registered again.
    assert gedaan(client, taak["uuid"]).status_code == 404
    assert Klantcontact.objects.count() == 1


def test_someone_elses_task_is_404_and_nothing_changes(
    client: Client, objecten: LocalObjecten
) -> None:
    van_anna = objecten.add("klanttaak", klanttaak(ANNA))
    antwoord = gedaan(aangemeld(client, JAN), van_anna["uuid"])
    assert antwoord.status_code == 404
    assert "hoort niet bij u" in antwoord.content.decode()
    assert Klantcontact.objects.count() == 0
    assert objecten.data(van_anna["uuid"])["status"] == "open"
    assert [m for m, _ in objecten.requests if m == "PATCH"] == []
    onbekend = gedaan(client, "00000000-0000-4000-8000-000000000000")
    assert onbekend.status_code == 404


def test_when_the_register_refuses_the_change_no_contact_is_kept(
    client: Client, objecten: LocalObjecten, monkeypatch: Any
) -> None:
    taak = objecten.add("klanttaak", klanttaak(JAN))

    def weiger(*args: Any) -> Any:
        raise Refusal(503, "error", "Onderhoud")

    monkeypatch.setattr(LocalObjecten, "_patch", weiger)
    antwoord = gedaan(aangemeld(client, JAN), taak["uuid"])
    assert antwoord.status_code == 503
    assert "Er is niets veranderd" in antwoord.content.decode()
    assert Klantcontact.objects.count() == 0
    assert objecten.data(taak["uuid"])["status"] == "open"


def test_the_return_page_shows_ones_own_open_task_only(
    client: Client, objecten: LocalObjecten
) -> None:
    mijn = objecten.add("klanttaak", klanttaak(JAN, betaallink="https://betalen.example.nl/x"))
    van_anna = objecten.add("klanttaak", klanttaak(ANNA))
    aangemeld(client, JAN)
    pagina = client.get(f"/mijn/taken/{mijn['uuid']}/")
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert f'action="/mijn/taken/{mijn["uuid"]}/gedaan/"' in html
    assert "https://betalen.example.nl/x" in html
    assert client.get(f"/mijn/taken/{van_anna['uuid']}/").status_code == 404
    assert [m for m, _ in objecten.requests if m == "PATCH"] == []


def test_completing_needs_the_level_for_changes(client: Client, objecten: LocalObjecten) -> None:
    taak = objecten.add("klanttaak", klanttaak(JAN))
    aangemeld(client, JAN, Niveau.BASIS)
    assert client.get("/mijn/taken/").status_code == 200
    assert gedaan(client, taak["uuid"]).status_code == 403
    assert objecten.data(taak["uuid"])["status"] == "open"
    assert Klantcontact.objects.count() == 0


def test_completing_is_a_post(client: Client, objecten: LocalObjecten) -> None:
    taak = objecten.add("klanttaak", klanttaak(JAN))
    assert aangemeld(client, JAN).get(f"/mijn/taken/{taak['uuid']}/gedaan/").status_code == 405


def test_a_failing_register_shows_a_partial_result(client: Client, objecten: LocalObjecten) -> None:
    objecten.failing = 503
    antwoord = aangemeld(client, JAN).get("/mijn/taken/")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "We konden niet alles ophalen" in html
    assert "Objecten API: antwoordde met HTTP 503" in html
    assert "U heeft geen open taken." not in html


def test_products_and_appointments(
    client: Client, objecten: LocalObjecten, afspraken: LocalAfspraken
) -> None:
    objecten.add("productaanvraag", productaanvraag(JAN, "Parkeervergunning"))
    objecten.add("productaanvraag", productaanvraag(ANNA, "Hondenbelasting"))
    afspraken.boek("jan@example.nl", Afspraak("Paspoort aanvragen", over_een_week()))
    aangemeld(client, JAN)
    # Without a verified e-mail address the appointment system is not asked.
    html = client.get("/mijn/producten/").content.decode()
    assert "Parkeervergunning" in html and "Hondenbelasting" not in html
    assert "gecontroleerde e-mailadres" in html
    assert afspraken.requests == []
    assert Verwerkingsactie.objects.filter(handeling_naam="Producten en afspraken").count() == 1
