"""Finding and verifying a person in the BRP from the workspace (the local BRP over real
HTTP): the three Henk Bos told apart by date of birth, every kind of search, recording a
person found, the BRP beside the register, each look-up logged with its purpose, and the
BRP out of sight where it is not configured or not for the viewer."""

from __future__ import annotations

import re
from typing import Any

import pytest

from klantbeeld.domain.models import Partij
from klantbeeld.privacy.models import Verwerkingsactie, Verwerkingsactiviteit
from klantbeeld.workspace.roles import Rol
from standins.brp import LocalBrp
from tests.domain.test_zoeken import nummer, persoon
from tests.support.basisregistraties import HENK_NIEUWEGEIN, HENK_VEENENDAAL, HENK_WOERDEN, JOHANNA
from tests.workspace.test_zoeken import ZOEKEN_STANDAARD, medewerker

pytestmark = pytest.mark.django_db

ZOEKEN = "/werkplek/brp/"


def henk_in_register(henk: Any = HENK_NIEUWEGEIN, **adres: Any) -> Partij:
    """A Henk Bos as the demo register has him: name, BSN, correspondence address."""
    partij = persoon(
        "Henk",
        "Bos",
        correspondentieadres_straatnaam=adres.get("straat", henk.straat),
        correspondentieadres_huisnummer=adres.get("huisnummer", henk.huisnummer),
        correspondentieadres_postcode=adres.get(
            "postcode", f"{henk.postcode[:4]} {henk.postcode[4:]}"
        ),
        correspondentieadres_stad=henk.woonplaats,
    )
    nummer(partij, "bsn", henk.bsn)
    return partij


def test_three_henk_bos_told_apart_by_date_of_birth(brp: LocalBrp) -> None:
    henk = henk_in_register()
    bezwaar = Verwerkingsactiviteit.objects.create(naam="Behandelen van bezwaarschriften")
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    pagina = kcc.get(ZOEKEN)
    assert pagina.status_code == 200 and "Op achternaam en geboortedatum" in pagina.content.decode()

    antwoord = kcc.post(
        ZOEKEN, {"geslachtsnaam": "Bos", "geboortedatum": "1971-11-03", "doel": bezwaar.pk}
    )
    page = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "1 persoon gevonden in de BRP" in page
    assert "3 november 1971" in page and "Beatrixstraat 92, 3431 WX  NIEUWEGEIN" in page
    assert f'href="/werkplek/klanten/{henk.uuid}/?doel={bezwaar.pk}"' in page
    assert f'data-belpaneel-klant="{henk.uuid}"' in page
    # Only what tells persons apart was asked of the BRP, for the purpose chosen.
    [vraag] = brp.vragen
    assert vraag["type"] == "ZoekMetGeslachtsnaamEnGeboortedatum"
    assert brp.protocol[0]["x-verwerking"].startswith("Behandelen van bezwaarschriften@")
    assert brp.protocol[0]["x-gebruiker"] == "sanne"

    [actie] = Verwerkingsactie.objects.all()
    assert (actie.actie_naam, actie.handeling_naam, actie.gegevensbron) == (
        "Zoeken",
        "Persoon zoeken in de BRP op achternaam en geboortedatum",
        "BRP",
    )
    assert actie.activiteit == bezwaar
    assert [(o.soort_object_id, o.object_id) for o in actie.verwerkte_objecten.all()] == [
        ("BSN", HENK_NIEUWEGEIN.bsn)
    ]

    # Another date of birth: another Henk Bos, not in the register, to record.
    andere = kcc.post(ZOEKEN, {"geslachtsnaam": "bos", "geboortedatum": "21-06-1990"})
    page = andere.content.decode()
    assert "Oude Gracht 124" in page and HENK_VEENENDAAL.bsn in page
    assert "Vastleggen als klant" in page
    assert f'name="nummer" value="{HENK_VEENENDAAL.bsn}"' in page
    assert 'name="voornaam" value="Henk"' in page and 'name="achternaam" value="Bos"' in page


def test_a_person_found_in_the_brp_is_recorded_with_the_brps_name(brp: LocalBrp) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    velden = {"nummer": HENK_WOERDEN.bsn, "voornaam": "Henk", "achternaam": "Bos"}
    begin = kcc.post("/werkplek/klanten/nieuw/", {**velden, "begin": "1"})
    page = begin.content.decode()
    assert f'value="{HENK_WOERDEN.bsn}"' in page and 'value="Henk"' in page
    assert 'value="Bos"' in page
    klaar = kcc.post("/werkplek/klanten/nieuw/", {**velden, "vastgesteld": "controlevragen"})
    assert klaar.status_code == 302
    [partij] = Partij.objects.all()
    assert (partij.contactnaam_voornaam, partij.contactnaam_achternaam) == ("Henk", "Bos")
    # Found again, the person now leads to the customer.
    page = kcc.post(ZOEKEN, {"bsn": HENK_WOERDEN.bsn}).content.decode()
    assert f"/werkplek/klanten/{partij.uuid}/" in page and "Staat in het register" in page


def test_postcode_and_huisnummer_and_bsn(brp: LocalBrp) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.post(ZOEKEN, {"postcode": "3441 vc", "huisnummer": "88"}).content.decode()
    assert "2 personen gevonden in de BRP" in page
    assert "Johanna Maria Bos" in page and "geheimhouding BRP" in page
    [actie] = Verwerkingsactie.objects.all()
    assert actie.handeling_naam == "Persoon zoeken in de BRP op postcode en huisnummer"
    # Someone under geheimhouding in the BRP: the record is confidential.
    assert actie.vertrouwelijkheid == "vertrouwelijk"
    objecten = {o.object_id for o in actie.verwerkte_objecten.all()}
    assert objecten == {HENK_WOERDEN.bsn, JOHANNA.bsn}

    niemand = kcc.post(ZOEKEN, {"bsn": "999999990"}).content.decode()
    assert "Niemand gevonden in de BRP" in niemand
    # The number looked up is logged, though no one has it.
    laatste = Verwerkingsactie.objects.order_by("-tijdstip_registratie", "-pk").first()
    assert laatste is not None
    assert [o.object_id for o in laatste.verwerkte_objecten.all()] == ["999999990"]


def test_by_name_in_the_municipality_only_where_its_code_is_set(
    brp: LocalBrp, settings: Any
) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.post(ZOEKEN, {"geslachtsnaam": "Bos", "voornamen": "Henk"}).content.decode()
    assert HENK_WOERDEN.bsn in page and HENK_NIEUWEGEIN.bsn not in page
    assert brp.vragen[-1]["type"] == "ZoekMetNaamEnGemeenteVanInschrijving"
    settings.KLANTBEELD_BRP_GEMEENTECODE = ""
    zonder = kcc.post(ZOEKEN, {"geslachtsnaam": "Bos", "voornamen": "Henk"})
    assert zonder.status_code == 400
    assert "Vul ook de geboortedatum in" in zonder.content.decode()


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({}, "Vul een BSN in, of de achternaam en de geboortedatum"),
        ({"bsn": "123456789"}, "Vul een geldig BSN in"),
        ({"postcode": "3441VC"}, "Vul de postcode en het huisnummer in"),
        ({"geslachtsnaam": "Bos", "geboortedatum": "31-02-1970"}, "Vul een geldige datum in"),
        ({"geslachtsnaam": "<b>Bos</b>", "geboortedatum": "1970-01-01"}, "Gebruik letters"),
        ({"geslachtsnaam": "*os", "geboortedatum": "1970-01-01"}, "een * alleen aan het eind"),
        ({"postcode": "0123AB", "huisnummer": "1"}, "Vul een postcode in zoals"),
    ],
)
def test_bad_input_asks_nothing_and_says_why(brp: LocalBrp, velden: dict, melding: str) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    antwoord = kcc.post(ZOEKEN, velden)
    assert antwoord.status_code == 400
    assert melding in antwoord.content.decode()
    assert brp.vragen == [] and brp.violations == []
    assert not Verwerkingsactie.objects.exists()


def test_controleer_in_brp_marks_a_move(brp: LocalBrp) -> None:
    # The register still has Henk's old address: he moved.
    henk = henk_in_register(HENK_WOERDEN, straat="Molenweg", huisnummer=12, postcode="3441 AB")
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    standaard = Verwerkingsactiviteit.objects.get(naam=ZOEKEN_STANDAARD)
    klant = kcc.get(f"/werkplek/klanten/{henk.uuid}/?doel={standaard.pk}").content.decode()
    link = f"/werkplek/klanten/{henk.uuid}/brp/?doel={standaard.pk}"
    assert f'href="{link}"' in klant and "Controleer in BRP" in klant

    antwoord = kcc.get(link)
    page = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "De BRP wijkt af van het klantregister" in page
    regels = {
        m[0]: m[1]
        for m in re.findall(
            r'scope="row">([^<]+)</th>.*?(gelijk|anders|niet te vergelijken)', page, re.S
        )
    }
    assert regels == {
        "Voornaam": "gelijk",
        "Achternaam": "gelijk",
        "Geboortedatum": "niet te vergelijken",
        "Adres": "anders",
    }
    assert "Parkweg 88, 3441 VC, Woerden" not in page  # the BRP's address, in its own form
    assert "Parkweg 88, 3441 VC Woerden" in page and "Molenweg 12, 3441 AB Woerden" in page
    assert "12 april 1958" in page and "sinds 1 september 2004" in page
    assert f'data-belpaneel-klant="{henk.uuid}"' in page
    [vraag] = brp.vragen
    assert "verblijfplaats.verblijfadres" in vraag["fields"]
    actie = Verwerkingsactie.objects.get(actie_naam="Raadplegen", gegevensbron="BRP")
    assert actie.handeling_naam == "Gegevens van de klant controleren in de BRP"
    assert actie.activiteit == standaard
    assert [o.object_id for o in actie.verwerkte_objecten.all()] == [HENK_WOERDEN.bsn]


def test_controle_of_someone_the_brp_does_not_know(brp: LocalBrp) -> None:
    onbekend = persoon("Anna", "Visser")
    nummer(onbekend, "bsn", "999999990")
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get(f"/werkplek/klanten/{onbekend.uuid}/brp/").content.decode()
    assert "De BRP kent geen persoon met BSN 999999990" in page
    zonder = persoon("Piet", "Zonder")
    assert kcc.get(f"/werkplek/klanten/{zonder.uuid}/brp/").status_code == 404


def test_a_brp_that_is_down_is_said_in_words(brp: LocalBrp) -> None:
    henk = henk_in_register()
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    brp.failing = 503
    antwoord = kcc.post(ZOEKEN, {"geslachtsnaam": "Bos", "geboortedatum": "1971-11-03"})
    assert antwoord.status_code == 503
    assert "De BRP is tijdelijk niet beschikbaar" in antwoord.content.decode()
    controle = kcc.get(f"/werkplek/klanten/{henk.uuid}/brp/")
    assert controle.status_code == 503
    assert "tijdelijk niet beschikbaar" in controle.content.decode()
    assert not Verwerkingsactie.objects.exists()


def test_only_roles_that_see_customers(brp: LocalBrp) -> None:
    henk = henk_in_register()
    beheerder = medewerker(Rol.FUNCTIONEEL_BEHEERDER, naam="bea")
    assert beheerder.get(ZOEKEN).status_code == 403
    assert beheerder.post(ZOEKEN, {"bsn": HENK_WOERDEN.bsn}).status_code == 403
    assert beheerder.get(f"/werkplek/klanten/{henk.uuid}/brp/").status_code == 403
    assert brp.vragen == []


def test_a_hidden_partij_stays_hidden(brp: LocalBrp) -> None:
    geheim = henk_in_register(HENK_WOERDEN)
    Partij.objects.filter(pk=geheim.pk).update(indicatie_geheimhouding=True)
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.post(ZOEKEN, {"bsn": HENK_WOERDEN.bsn}).content.decode()
    assert str(geheim.uuid) not in page and "Staat in het register" not in page
    assert kcc.get(f"/werkplek/klanten/{geheim.uuid}/brp/").status_code == 404
    leider = medewerker(Rol.TEAMLEIDER, naam="ruud")
    assert str(geheim.uuid) in leider.post(ZOEKEN, {"bsn": HENK_WOERDEN.bsn}).content.decode()


def test_not_configured_it_is_not_there(settings: Any) -> None:
    settings.KLANTBEELD_BRP_API_ROOT = ""
    henk = henk_in_register()
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert kcc.get(ZOEKEN).status_code == 404
    assert kcc.get(f"/werkplek/klanten/{henk.uuid}/brp/").status_code == 404
    assert "Zoeken in de BRP" not in kcc.get("/werkplek/zoeken/").content.decode()
    assert "Controleer in BRP" not in kcc.get(f"/werkplek/klanten/{henk.uuid}/").content.decode()


def test_configured_the_search_page_leads_there(brp: LocalBrp) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert f'href="{ZOEKEN}"' in kcc.get("/werkplek/zoeken/").content.decode()
