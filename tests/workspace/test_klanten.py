"""Recording a new customer after their identity is established (R3), and a contact with
a representative at the desk (C5419)."""

from __future__ import annotations

import pytest

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Partij, Vertegenwoordigden
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.support.client import ApiClient
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


def test_r3_a_bsn_not_found_can_be_recorded_once_identity_is_established(ki: ApiClient):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.post("/werkplek/zoeken/", {"q": bsn(7)}, follow=True).content.decode()
    assert "Geen klant gevonden" in page and f"Klant vastleggen met {bsn(7)}" in page
    begin = kcc.post("/werkplek/klanten/nieuw/", {"nummer": bsn(7), "begin": "1"})
    assert begin.status_code == 200 and f'value="{bsn(7)}"' in begin.content.decode()

    zonder = kcc.post("/werkplek/klanten/nieuw/", {"nummer": bsn(7), "achternaam": "Visser"})
    assert zonder.status_code == 400
    assert "Kies hoe de identiteit is vastgesteld" in zonder.content.decode()
    fout = kcc.post(
        "/werkplek/klanten/nieuw/",
        {"nummer": "123456789", "achternaam": "Visser", "vastgesteld": "id-bewijs"},
    )
    assert fout.status_code == 400 and "geldig BSN" in fout.content.decode()
    assert not Partij.objects.exists()

    done = kcc.post(
        "/werkplek/klanten/nieuw/",
        {"nummer": bsn(7), "voornaam": "Anna", "achternaam": "Visser", "vastgesteld": "id-bewijs"},
    )
    assert done.status_code == 302
    [partij] = ki.get(
        "partijen",
        params={
            "partijIdentificator__codeSoortObjectId": "bsn",
            "partijIdentificator__objectId": bsn(7),
        },
    ).json()["results"]
    assert partij["soortPartij"] == "persoon"
    assert partij["partijIdentificatie"]["contactnaam"]["achternaam"] == "Visser"
    [log] = Verwerkingsactie.objects.filter(actie_naam="Registreren")
    assert "identiteitsbewijs aan de balie" in log.handeling_naam

    # Recording the same number again leads to the existing customer.
    again = kcc.post(
        "/werkplek/klanten/nieuw/",
        {"nummer": bsn(7), "achternaam": "Visser", "vastgesteld": "digid"},
    )
    assert again.status_code == 302 and partij["uuid"] in again["Location"]
    assert Partij.objects.count() == 1


def test_an_organisation_is_recorded_by_its_kvk_number():
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    done = kcc.post(
        "/werkplek/klanten/nieuw/",
        {"nummer": "12345678", "achternaam": "Bakkerij Jansen", "vastgesteld": "eherkenning"},
    )
    assert done.status_code == 302
    [partij] = Partij.objects.all()
    assert (partij.soort_partij, partij.naam) == ("organisatie", "Bakkerij Jansen")


def test_c5419_a_representative_at_the_desk(ki: ApiClient):
    marie = persoon("Marie", "de Wit")
    nummer(marie, "bsn", bsn(2))
    zoon = persoon("Peter", "de Wit")
    nummer(zoon, "bsn", bsn(3))
    balie = medewerker(Rol.KCC_MEDEWERKER)
    data = {"kanaal": "balie", "onderwerp": "Parkeervergunning", "gelukt": "ja"}

    onbekend = balie.post(
        f"/werkplek/klanten/{marie.uuid}/contact/",
        {**data, "vertegenwoordiger_nummer": bsn(9)},
    )
    assert onbekend.status_code == 400
    assert "leg de vertegenwoordiger eerst vast" in onbekend.content.decode()
    zelf = balie.post(
        f"/werkplek/klanten/{marie.uuid}/contact/", {**data, "vertegenwoordiger_nummer": bsn(2)}
    )
    assert zelf.status_code == 400
    assert ki.get("klantcontacten").json()["count"] == 0

    done = balie.post(
        f"/werkplek/klanten/{marie.uuid}/contact/", {**data, "vertegenwoordiger_nummer": bsn(3)}
    )
    assert done.status_code == 302
    [kc] = ki.get(
        "klantcontacten", params={"hadBetrokkene__wasPartij__uuid": str(marie.uuid)}
    ).json()["results"]
    betrokkenen = ki.get("betrokkenen", params={"hadKlantcontact__uuid": kc["uuid"]}).json()
    rollen = {(b["rol"], b["initiator"], b["wasPartij"]["uuid"]) for b in betrokkenen["results"]}
    assert rollen == {
        ("vertegenwoordiger", True, str(zoon.uuid)),
        ("klant", False, str(marie.uuid)),
    }
    # The representation is recorded once; next time Peter is offered by name.
    balie.post(f"/werkplek/klanten/{marie.uuid}/contact/", {**data, "namens": str(zoon.uuid)})
    assert (
        Vertegenwoordigden.objects.filter(
            vertegenwoordigende_partij=zoon, vertegenwoordigde_partij=marie
        ).count()
        == 1
    )
    assert (
        "Peter de Wit (vertegenwoordiger)"
        in balie.get(f"/werkplek/klanten/{marie.uuid}/contact/").content.decode()
    )
    assert ki.get("klantcontacten").json()["count"] == 2


def test_the_contact_form_is_logged_once_with_the_representatives_it_shows() -> None:
    from klantbeeld.domain.models import Vertegenwoordigden
    from klantbeeld.workspace.models import Vragenset

    marie = persoon("Marie", "de Wit")
    nummer(marie, "bsn", bsn(2))
    zoon = persoon("Peter", "de Wit")
    nummer(zoon, "bsn", bsn(3))
    Vertegenwoordigden.objects.create(
        vertegenwoordigende_partij=zoon, vertegenwoordigde_partij=marie
    )
    Vragenset.objects.create(code="x", naam="X", vragen="a: Vraag A?")
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    url = f"/werkplek/klanten/{marie.uuid}/contact/"
    kcc.get(url)
    kcc.post(url, {"onderwerp": "x", "vragenset": "x", "toon_vragen": "1"})
    [actie] = Verwerkingsactie.objects.filter(handeling_naam="Contactformulier openen")
    assert sorted((o.object_id, o.betrokkenheid) for o in actie.verwerkte_objecten.all()) == [
        (bsn(2), ""),
        (bsn(3), "vertegenwoordiger"),
    ]
