"""Finding and verifying a company in the Handelsregister from the workspace (the local
KVK over real HTTP): search, Basisprofiel with vestigingen, recording, the Handelsregister
beside the register, each look-up logged with its purpose, and out of sight where it is
not configured or not for the viewer."""

from __future__ import annotations

import re
from typing import Any

import pytest

from klantbeeld.demo.numbers import kvk_nummer, vestigingsnummer
from klantbeeld.domain.models import Partij
from klantbeeld.privacy.models import Verwerkingsactie, Verwerkingsactiviteit
from klantbeeld.workspace.roles import Rol
from standins.kvk import LocalKvk
from tests.domain.test_zoeken import nummer
from tests.support.basisregistraties import HOEKJE, KORST
from tests.workspace.test_zoeken import ZOEKEN_STANDAARD, medewerker

pytestmark = pytest.mark.django_db

ZOEKEN = "/werkplek/kvk/"


def organisatie(naam: str, kvk: str, **velden: Any) -> Partij:
    partij = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam=naam, **velden
    )
    nummer(partij, "kvk_nummer", kvk, "niet_natuurlijk_persoon")
    return partij


def test_search_by_name_leads_to_the_register_and_the_profile(kvk: LocalKvk) -> None:
    hoekje = organisatie("Café Het Hoekje B.V.", HOEKJE.kvk_nummer)
    bezwaar = Verwerkingsactiviteit.objects.create(naam="Behandelen van bezwaarschriften")
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert kcc.get(ZOEKEN).status_code == 200
    antwoord = kcc.post(ZOEKEN, {"naam": "hoekje", "doel": bezwaar.pk})
    page = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "3 inschrijvingen gevonden" in page
    assert "Rechtspersoon" in page and "Hoofdvestiging" in page and "Nevenvestiging" in page
    assert "Parkweg, Woerden" in page
    assert f'href="/werkplek/klanten/{hoekje.uuid}/?doel={bezwaar.pk}"' in page
    assert f'data-belpaneel-klant="{hoekje.uuid}"' in page
    profiel = f"/werkplek/kvk/{HOEKJE.kvk_nummer}/?doel={bezwaar.pk}"
    assert f'href="{profiel}"' in page
    [actie] = Verwerkingsactie.objects.all()
    assert (actie.actie_naam, actie.handeling_naam, actie.gegevensbron, actie.activiteit) == (
        "Zoeken",
        "Bedrijf zoeken in het Handelsregister",
        "Handelsregister",
        bezwaar,
    )
    assert [(o.soort_object_id, o.object_id) for o in actie.verwerkte_objecten.all()] == [
        ("KVK", HOEKJE.kvk_nummer)
    ]

    page = kcc.get(f"{profiel}&vestiging={vestigingsnummer(1)}").content.decode()
    assert "Besloten Vennootschap" in page and "5630 Cafés" in page
    assert "1 maart 2012" in page
    assert "Vestiging Café Het Hoekje Zeist" in page  # the Vestigingsprofiel asked for
    assert "Lindenlaan 3 3701AB Zeist" in page and "Parkweg 199 3441XW Woerden" in page
    assert f'href="/werkplek/klanten/{hoekje.uuid}/?doel={bezwaar.pk}"' in page
    assert kvk.requests[-1].startswith(f"/api/v1/vestigingsprofielen/{vestigingsnummer(1)}")
    laatste = Verwerkingsactie.objects.get(actie_naam="Raadplegen")
    assert laatste.handeling_naam == "Bedrijf raadplegen in het Handelsregister"


def test_other_searches_and_recording_a_company(kvk: LocalKvk) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.post(ZOEKEN, {"kvk_nummer": KORST.kvk_nummer}).content.decode()
    assert "1 inschrijving gevonden" in page and "niet in het register" in page
    page = kcc.post(ZOEKEN, {"postcode": "3441 xw", "huisnummer": "199"}).content.decode()
    assert "Café Het Hoekje" in page
    niets = kcc.post(ZOEKEN, {"naam": "niemand"}).content.decode()
    assert "Niets gevonden in het Handelsregister" in niets

    profiel = kcc.get(f"/werkplek/kvk/{KORST.kvk_nummer}/").content.decode()
    assert "Deze organisatie staat niet in het klantregister" in profiel
    assert f'name="nummer" value="{KORST.kvk_nummer}"' in profiel
    assert 'name="achternaam" value="Bakkerij De Korst"' in profiel
    klaar = kcc.post(
        "/werkplek/klanten/nieuw/",
        {
            "nummer": KORST.kvk_nummer,
            "achternaam": "Bakkerij De Korst",
            "vastgesteld": "eherkenning",
        },
    )
    assert klaar.status_code == 302
    assert Partij.objects.get().naam == "Bakkerij De Korst"
    assert kcc.get(f"/werkplek/kvk/{kvk_nummer(999)}/").status_code == 404
    assert kcc.get("/werkplek/kvk/123/").status_code == 404


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        ({}, "Vul een naam in, of het KVK-nummer"),
        ({"kvk_nummer": "1234"}, "Een KVK-nummer heeft acht cijfers"),
        ({"postcode": "3441XW"}, "Vul de postcode en het huisnummer in"),
    ],
)
def test_bad_input_asks_nothing(kvk: LocalKvk, velden: dict, melding: str) -> None:
    antwoord = medewerker(Rol.KCC_MEDEWERKER).post(ZOEKEN, velden)
    assert antwoord.status_code == 400 and melding in antwoord.content.decode()
    assert kvk.requests == []


def test_controleer_in_kvk_marks_a_new_address(kvk: LocalKvk) -> None:
    hoekje = organisatie(
        "Het Hoekje",
        HOEKJE.kvk_nummer,
        bezoekadres_straatnaam="Stationsweg",
        bezoekadres_huisnummer=2,
        bezoekadres_postcode="3441 AA",
        bezoekadres_stad="Woerden",
    )
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    standaard = Verwerkingsactiviteit.objects.get(naam=ZOEKEN_STANDAARD)
    klant = kcc.get(f"/werkplek/klanten/{hoekje.uuid}/?doel={standaard.pk}").content.decode()
    link = f"/werkplek/klanten/{hoekje.uuid}/kvk/?doel={standaard.pk}"
    assert f'href="{link}"' in klant and "Controleer in KVK" in klant
    assert "Controleer in BRP" not in klant

    page = kcc.get(link).content.decode()
    assert "Het Handelsregister wijkt af van het klantregister" in page
    regels = dict(
        re.findall(r'scope="row">([^<]+)</th>.*?(gelijk|anders|niet te vergelijken)', page, re.S)
    )
    # A trade name counts as the same name.
    assert regels == {
        "Naam": "anders",
        "Bezoekadres": "anders",
        "Correspondentieadres": "niet te vergelijken",
    }
    actie = Verwerkingsactie.objects.get(gegevensbron="Handelsregister")
    assert actie.handeling_naam == "Gegevens van de klant controleren in het Handelsregister"
    assert actie.activiteit == standaard


def test_a_trade_name_is_the_same_name(kvk: LocalKvk) -> None:
    hoekje = organisatie("Café Het Hoekje", HOEKJE.kvk_nummer)
    page = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{hoekje.uuid}/kvk/")
    assert re.search(r'scope="row">Naam</th>.*?gelijk', page.content.decode(), re.S)


def test_down_refused_hidden_and_not_configured(kvk: LocalKvk, settings: Any) -> None:
    hoekje = organisatie("Café Het Hoekje B.V.", HOEKJE.kvk_nummer)
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    kvk.failing = 503
    down = kcc.post(ZOEKEN, {"naam": "hoekje"})
    assert down.status_code == 503
    assert "Het Handelsregister (KVK) is tijdelijk niet beschikbaar" in down.content.decode()
    assert kcc.get(f"/werkplek/klanten/{hoekje.uuid}/kvk/").status_code == 503
    assert not Verwerkingsactie.objects.exists()
    kvk.failing = None

    beheerder = medewerker(Rol.FUNCTIONEEL_BEHEERDER, naam="bea")
    assert beheerder.post(ZOEKEN, {"naam": "hoekje"}).status_code == 403
    assert beheerder.get(f"/werkplek/kvk/{HOEKJE.kvk_nummer}/").status_code == 403

    Partij.objects.filter(pk=hoekje.pk).update(indicatie_geheimhouding=True)
    page = kcc.post(ZOEKEN, {"naam": "hoekje"}).content.decode()
    assert str(hoekje.uuid) not in page
    assert kcc.get(f"/werkplek/klanten/{hoekje.uuid}/kvk/").status_code == 404

    settings.KLANTBEELD_KVK_API_ROOT = ""
    assert kcc.get(ZOEKEN).status_code == 404
    assert kcc.get(f"/werkplek/kvk/{HOEKJE.kvk_nummer}/").status_code == 404
    assert "Handelsregister" not in kcc.get("/werkplek/zoeken/").content.decode()
