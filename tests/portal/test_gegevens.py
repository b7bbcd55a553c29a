"""*Mijn gegevens* without a browser: what a resident without a partij sees and may do (R3,
C1790: nothing stored without consent), someone else's address or link is the portal's
404, levels of assurance, and every page logged."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from klantbeeld.domain.models import DigitaalAdres, GeplandeAdreswijziging, Partij, Verzending
from klantbeeld.domain.services import eigen_gegevens
from klantbeeld.portal.niveaus import Niveau
from klantbeeld.privacy.models import Verwerkingsactie
from tests.portal.conftest import BSN_ANNA, BSN_JAN
from tests.portal.sessie import portaal
from tests.support.kanalen import testkanalen

pytestmark = pytest.mark.django_db


def ingelogd(bsn: str, niveau: Niveau = Niveau.MIDDEN) -> Client:
    return portaal(bsn=bsn, niveau=niveau)


@pytest.fixture
def mail(settings):
    settings.KLANTBEELD_EMAIL_AFZENDER = "Gemeente <info@gemeente.example>"
    with testkanalen("e-mail") as kanalen:
        yield kanalen


def test_a_resident_without_partij_sees_nothing_is_known_and_gets_no_partij_by_looking() -> None:
    jan = ingelogd(BSN_JAN)
    pagina = jan.get("/mijn/gegevens/")
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "Wij hebben nog geen gegevens van u" in tekst
    assert "E-mailadres of telefoonnummer toevoegen" in tekst
    assert Partij.objects.count() == 0
    # Logged, also the resident's own look.
    assert Verwerkingsactie.objects.filter(handeling_naam="Mijn gegevens").count() == 1
    assert pagina["Cache-Control"].startswith("max-age=0")


def test_without_consent_nothing_is_stored(mail) -> None:
    jan = ingelogd(BSN_JAN)
    antwoord = jan.post("/mijn/gegevens/adres/", {"soort": "email", "adres": "jan@example.org"})
    assert antwoord.status_code == 400
    assert "Zonder uw toestemming bewaren wij niets" in antwoord.content.decode()
    verhuizing = jan.post(
        "/mijn/gegevens/verhuizing/",
        {
            "omschrijving": "Nieuwe woning",
            "soort": "beide",
            "straatnaam": "Dorpsstraat",
            "huisnummer": "12",
            "postcode": "1234ab",
            "stad": "Ons Dorp",
            "geldig_vanaf": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        },
    )
    assert verhuizing.status_code == 400
    assert Partij.objects.count() == 0 and DigitaalAdres.objects.count() == 0
    assert GeplandeAdreswijziging.objects.count() == 0 and mail.opgesteld == []


def test_with_consent_the_partij_is_made_then_and_a_link_is_mailed(mail) -> None:
    jan = ingelogd(BSN_JAN)
    antwoord = jan.post(
        "/mijn/gegevens/adres/",
        {"soort": "email", "adres": "jan@example.org", "toestemming": "on"},
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/mijn/gegevens/?gedaan=mail#contactgegevens"
    [partij] = Partij.objects.all()
    [adres] = DigitaalAdres.objects.filter(verstrekt_door_partij=partij)
    assert adres.verificatie_datum is None
    # The mail is a plain service message: no klantcontact registered for it.
    [bericht] = mail.opgesteld
    assert bericht.adres == "jan@example.org" and bericht.automatisch
    [verzending] = Verzending.objects.all()
    assert verzending.klantcontact is None
    link = re.search(r"http://testserver(/mijn/gegevens/bevestigen/[^/\s]+/)", bericht.tekst)
    assert link is not None
    # Not yet preferred: first verified.
    fout = jan.post(f"/mijn/gegevens/adres/{adres.uuid}/voorkeur/")
    assert fout.status_code == 400 and "Bevestig eerst" in fout.content.decode()

    # Anna cannot use Jan's link: for her it does not exist.
    anna = ingelogd(BSN_ANNA)
    assert anna.get(link[1]).status_code == 404
    assert anna.post(link[1]).status_code == 404
    # Nor his address.
    for pad in ("voorkeur", "verwijderen", "opnieuw"):
        assert anna.post(f"/mijn/gegevens/adres/{adres.uuid}/{pad}/").status_code == 404
    adres.refresh_from_db()
    assert adres.verificatie_datum is None

    # Jan confirms: a page first (a mail scanner's GET changes nothing), then the button.
    assert jan.get(link[1]).status_code == 200
    adres.refresh_from_db()
    assert adres.verificatie_datum is None
    assert jan.post(link[1])["Location"] == "/mijn/gegevens/?gedaan=bevestigd#contactgegevens"
    adres.refresh_from_db()
    assert adres.verificatie_datum == timezone.localdate()
    # Once only.
    opnieuw = jan.get(link[1])
    assert opnieuw.status_code == 400 and "al gebruikt" in opnieuw.content.decode()
    assert jan.post(f"/mijn/gegevens/adres/{adres.uuid}/voorkeur/").status_code == 302
    partij.refresh_from_db()
    assert partij.voorkeurs_digitaal_adres_id == adres.pk
    assert set(Verwerkingsactie.objects.values_list("handeling_naam", flat=True)) >= {
        "E-mailadres of telefoonnummer toevoegen",
        "E-mailadres bevestigen",
        "Voorkeursadres kiezen",
    }


def test_someone_elses_planned_move_is_a_404_and_a_low_level_may_only_look(mail) -> None:
    jan = ingelogd(BSN_JAN)
    jan.post(
        "/mijn/gegevens/verhuizing/",
        {
            "omschrijving": "Nieuwe woning",
            "soort": "beide",
            "straatnaam": "Dorpsstraat",
            "huisnummer": "12",
            "postcode": "1234ab",
            "stad": "Ons Dorp",
            "geldig_vanaf": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
            "toestemming": "on",
        },
    )
    [wijziging] = GeplandeAdreswijziging.objects.all()
    assert wijziging.adres_postcode == "1234 AB"
    anna = ingelogd(BSN_ANNA)
    assert anna.post(f"/mijn/gegevens/verhuizing/{wijziging.uuid}/intrekken/").status_code == 404
    assert GeplandeAdreswijziging.objects.count() == 1

    basis = ingelogd(BSN_JAN, Niveau.BASIS)
    assert basis.get("/mijn/gegevens/").status_code == 200
    assert "Dorpsstraat 12" in basis.get("/mijn/gegevens/").content.decode()
    assert basis.get("/mijn/gegevens/adres/").status_code == 403
    assert basis.post(f"/mijn/gegevens/verhuizing/{wijziging.uuid}/intrekken/").status_code == 403
    assert jan.post(f"/mijn/gegevens/verhuizing/{wijziging.uuid}/intrekken/").status_code == 302
    assert GeplandeAdreswijziging.objects.count() == 0


def test_a_foreign_or_forged_token_changes_nothing() -> None:
    jan = ingelogd(BSN_JAN)
    assert jan.get("/mijn/gegevens/bevestigen/niet-echt/").status_code == 404
    assert jan.post("/mijn/gegevens/bevestigen/niet-echt/").status_code == 404
    anna = Partij.objects.create(soort_partij="persoon", indicatie_actief=True)
    adres = eigen_gegevens.voeg_adres_toe(
        anna, soort="email", adres="anna@example.org", by=eigen_gegevens.ChangeContext()
    )
    sleutel = eigen_gegevens.vraag_verificatie(adres)
    assert jan.post(f"/mijn/gegevens/bevestigen/{sleutel}/").status_code == 404
    adres.refresh_from_db()
    assert adres.verificatie_datum is None
