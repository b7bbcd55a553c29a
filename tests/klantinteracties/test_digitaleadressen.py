"""/digitaleadressen: e-mail addresses, phone numbers and other digital addresses of partijen
(for future contact) and betrokkenen (for the follow-up of one klantcontact)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klantbeeld.demo.numbers import bsn, kvk_nummer, rsin
from klantbeeld.domain.models import (
    Actor,
    AuditTrail,
    Betrokkene,
    DigitaalAdres,
    InterneTaak,
    InterneTaakActor,
    Klantcontact,
)
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

UNKNOWN = "8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"


def identificator(soort: str, object_id: str) -> dict:
    objecttype, register = {
        "bsn": ("natuurlijk_persoon", "brp"),
        "kvk_nummer": ("niet_natuurlijk_persoon", "hr"),
        "rsin": ("niet_natuurlijk_persoon", "hr"),
    }[soort]
    return {
        "partijIdentificator": {
            "codeObjecttype": objecttype,
            "codeSoortObjectId": soort,
            "objectId": object_id,
            "codeRegister": register,
        }
    }


def persoon(ki, n: int = 1) -> dict:
    response = ki.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"voornaam": "Jan", "achternaam": "Jansen"}},
            "partijIdentificatoren": [identificator("bsn", bsn(n))],
        },
    )
    assert response.status_code == 201, response
    return response.json()


def organisatie(ki, n: int = 1) -> dict:
    response = ki.post(
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "Bakkerij De Korst B.V."},
            "partijIdentificatoren": [
                identificator("kvk_nummer", kvk_nummer(n)),
                identificator("rsin", rsin(n)),
            ],
        },
    )
    assert response.status_code == 201, response
    return response.json()


def betrokkene(rol: str = "klant") -> Betrokkene:
    klantcontact = Klantcontact.objects.create(
        kanaal="telefoon", onderwerp="Vraag over afval", taal="nld", vertrouwelijk=False
    )
    return Betrokkene.objects.create(had_klantcontact=klantcontact, rol=rol, initiator=True)


def ref(obj) -> dict:
    return {"uuid": str(obj["uuid"] if isinstance(obj, dict) else obj.uuid)}


def email(partij: dict | None = None, **extra) -> dict:
    body = {"adres": "jan@voorbeeld.nl", "soortDigitaalAdres": "email", **extra}
    if partij is not None:
        body["verstrektDoorPartij"] = ref(partij)
    return body


def create(ki, body: dict) -> dict:
    response = ki.post("digitaleadressen", body)
    assert response.status_code == 201, response
    return response.json()


def uuids(response) -> set[str]:
    assert response.status_code == 200, response
    return {item["uuid"] for item in response.json()["results"]}


# -- the operations ------------------------------------------------------------------------------


def test_create_and_read_an_email_address_of_a_partij(ki):
    partij = persoon(ki)
    response = ki.post(
        "digitaleadressen",
        email(partij, omschrijving="Privé", referentie="prive", verificatieDatum="2024-03-10"),
    )
    assert response.status_code == 201, response
    body = response.json()
    assert body["url"].endswith(f"/klantinteracties/api/v1/digitaleadressen/{body['uuid']}")
    assert body["verstrektDoorPartij"]["uuid"] == partij["uuid"]
    assert body["adres"] == "jan@voorbeeld.nl"
    assert body["soortDigitaalAdres"] == "email"
    assert body["isStandaardAdres"] is False
    assert body["omschrijving"] == "Privé"
    assert body["referentie"] == "prive"
    assert body["verificatieDatum"] == "2024-03-10"
    assert ki.get(f"digitaleadressen/{body['uuid']}").json() == body
    assert ki.get("digitaleadressen").json()["results"] == [body]


def test_missing_required_fields_are_named_and_nothing_is_stored(ki):
    response = ki.post("digitaleadressen", {"omschrijving": "Werk"})
    assert invalid_names(response) == {"adres", "soortDigitaalAdres"}
    assert not DigitaalAdres.objects.exists()


def test_an_unknown_soort_is_refused(ki):
    response = ki.post("digitaleadressen", {"adres": "x", "soortDigitaalAdres": "fax"})
    assert invalid_names(response) == {"soortDigitaalAdres"}


def test_put_replaces_the_given_fields(ki):
    partij = persoon(ki)
    adres = create(ki, email(partij, omschrijving="Oud"))
    response = ki.put(
        f"digitaleadressen/{adres['uuid']}",
        {"adres": "0612345678", "soortDigitaalAdres": "telefoonnummer", "omschrijving": "Mobiel"},
    )
    assert response.status_code == 200, response
    body = response.json()
    assert (body["adres"], body["soortDigitaalAdres"], body["omschrijving"]) == (
        "0612345678",
        "telefoonnummer",
        "Mobiel",
    )
    assert body["verstrektDoorPartij"]["uuid"] == partij["uuid"]


def test_put_requires_adres_and_soort(ki):
    adres = create(ki, email())
    response = ki.put(f"digitaleadressen/{adres['uuid']}", {"omschrijving": "x"})
    assert invalid_names(response) == {"adres", "soortDigitaalAdres"}


def test_patch_changes_only_what_is_sent(ki):
    partij = persoon(ki)
    adres = create(ki, email(partij, omschrijving="Werk", referentie="werk"))
    response = ki.patch(f"digitaleadressen/{adres['uuid']}", {"verificatieDatum": "2025-01-02"})
    assert response.status_code == 200, response
    assert response.json() == {**adres, "verificatieDatum": "2025-01-02"}


def test_patch_can_empty_the_verification_date(ki):
    adres = create(ki, email(verificatieDatum="2024-01-01"))
    response = ki.patch(f"digitaleadressen/{adres['uuid']}", {"verificatieDatum": None})
    assert response.json()["verificatieDatum"] is None


def test_patch_refuses_null_for_a_field_that_is_not_nullable(ki):
    adres = create(ki, email())
    response = ki.patch(f"digitaleadressen/{adres['uuid']}", {"isStandaardAdres": None})
    assert invalid_names(response) == {"isStandaardAdres"}


def test_delete(ki):
    adres = create(ki, email())
    assert ki.delete(f"digitaleadressen/{adres['uuid']}").status_code == 204
    assert ki.get(f"digitaleadressen/{adres['uuid']}").status_code == 404
    assert ki.delete(f"digitaleadressen/{adres['uuid']}").status_code == 404


def test_unknown_uuid_is_a_404_for_every_operation(ki):
    path = f"digitaleadressen/{UNKNOWN}"
    assert ki.get(path).status_code == 404
    assert ki.put(path, email()).status_code == 404
    assert ki.patch(path, {"omschrijving": "x"}).status_code == 404
    assert ki.delete(path).status_code == 404


def test_changes_are_recorded_in_the_audit_trail(ki):
    adres = create(ki, email())
    ki.patch(f"digitaleadressen/{adres['uuid']}", {"omschrijving": "Werk"})
    ki.delete(f"digitaleadressen/{adres['uuid']}")
    acties = AuditTrail.objects.filter(resource_uuid=adres["uuid"]).values_list("actie", flat=True)
    assert sorted(acties) == ["create", "destroy", "update"]


# -- references ----------------------------------------------------------------------------------


def test_references_to_unknown_objects_are_refused(ki):
    response = ki.post(
        "digitaleadressen",
        email(verstrektDoorPartij={"uuid": UNKNOWN}, verstrektDoorBetrokkene={"uuid": UNKNOWN}),
    )
    assert invalid_names(response) == {"verstrektDoorPartij.uuid", "verstrektDoorBetrokkene.uuid"}


def test_an_address_given_during_a_klantcontact_belongs_to_the_betrokkene(ki):
    bij_contact = betrokkene()
    body = create(ki, email(verstrektDoorBetrokkene=ref(bij_contact)))
    assert body["verstrektDoorBetrokkene"]["uuid"] == str(bij_contact.uuid)
    assert body["verstrektDoorBetrokkene"]["url"].endswith(f"/betrokkenen/{bij_contact.uuid}")


def test_a_partij_and_a_betrokkene_may_both_have_given_the_address(ki):
    partij = persoon(ki)
    body = create(ki, email(partij, verstrektDoorBetrokkene=ref(betrokkene())))
    assert {"verstrektDoorPartij", "verstrektDoorBetrokkene"} <= body.keys()


def test_empty_references_are_null_and_an_empty_referentie_is_empty_text(ki):
    # As Open Klant serves them.
    body = create(ki, email())
    assert body["verstrektDoorPartij"] is None
    assert body["verstrektDoorBetrokkene"] is None
    assert body["referentie"] == ""


def test_a_partij_can_be_taken_off_an_address(ki):
    adres = create(ki, email(persoon(ki)))
    response = ki.patch(f"digitaleadressen/{adres['uuid']}", {"verstrektDoorPartij": None})
    assert response.status_code == 200, response
    assert response.json()["verstrektDoorPartij"] is None


@pytest.mark.parametrize("adres", ["jan", "jan@", "jan@voorbeeld", "jan voorbeeld.nl"])
def test_an_invalid_email_address_is_refused_and_nothing_is_stored(ki, adres):
    response = ki.post("digitaleadressen", {"adres": adres, "soortDigitaalAdres": "email"})
    assert invalid_names(response) == {"adres"}
    assert not DigitaalAdres.objects.exists()


@pytest.mark.parametrize(
    "adres",
    [
        "0201234567",
        "020 123 45 67",
        "06-12345678",
        "088 123 4567",  # Open Klant refuses 088: accepted deliberately
        "0800 1234",  # free-phone: Open Klant refuses
        "0800-1234567",
        "0900 1234567",  # paid service number: Open Klant refuses
        "+31 6 12345678",
        "0031612345678",
        "+32 2 123 45 67",
        "0044 20 7946 0958",
    ],
)
def test_dutch_service_mobile_geographic_and_international_numbers_are_accepted(ki, adres):
    body = create(ki, {"adres": adres, "soortDigitaalAdres": "telefoonnummer"})
    assert body["adres"] == adres


@pytest.mark.parametrize("adres", ["12345", "020123456", "0800 12", "06-CALLME", "+31 123", "1400"])
def test_an_invalid_phone_number_is_refused(ki, adres):
    response = ki.post("digitaleadressen", {"adres": adres, "soortDigitaalAdres": "telefoonnummer"})
    assert invalid_names(response) == {"adres"}


@pytest.mark.parametrize("adres", ["@gemeente_x", "https://mijn.example.nl/berichten", "x"])
def test_overig_is_free_text(ki, adres):
    assert create(ki, {"adres": adres, "soortDigitaalAdres": "overig"})["adres"] == adres


@pytest.mark.parametrize("soort", ["email", "telefoonnummer", "overig"])
def test_an_empty_address_is_refused_for_every_soort(ki, soort):
    response = ki.post("digitaleadressen", {"adres": "  ", "soortDigitaalAdres": soort})
    assert invalid_names(response) == {"adres"}
    assert response.json()["invalidParams"][0]["code"] == "blank"


def test_an_address_longer_than_80_characters_is_refused(ki):
    response = ki.post("digitaleadressen", {"adres": "x" * 81, "soortDigitaalAdres": "overig"})
    assert invalid_names(response) == {"adres"}


def test_changing_only_the_soort_checks_the_stored_address_against_it(ki):
    adres = create(ki, email())
    response = ki.patch(
        f"digitaleadressen/{adres['uuid']}", {"soortDigitaalAdres": "telefoonnummer"}
    )
    assert invalid_names(response) == {"adres"}
    assert ki.get(f"digitaleadressen/{adres['uuid']}").json()["soortDigitaalAdres"] == "email"


def test_changing_only_the_address_checks_it_against_the_stored_soort(ki):
    adres = create(ki, {"adres": "0612345678", "soortDigitaalAdres": "telefoonnummer"})
    response = ki.patch(f"digitaleadressen/{adres['uuid']}", {"adres": "jan@voorbeeld.nl"})
    assert invalid_names(response) == {"adres"}


# -- isStandaardAdres ------------------------------------------------------------------------------


def test_only_an_address_of_a_partij_can_be_the_standard_address(ki):
    response = ki.post("digitaleadressen", email(isStandaardAdres=True))
    assert invalid_names(response) == {"isStandaardAdres"}
    losse = create(ki, email(verstrektDoorBetrokkene=ref(betrokkene())))
    response = ki.patch(f"digitaleadressen/{losse['uuid']}", {"isStandaardAdres": True})
    assert invalid_names(response) == {"isStandaardAdres"}


def test_choosing_a_standard_address_unsets_the_other_of_that_partij_and_soort(ki):
    partij, ander = persoon(ki, 1), persoon(ki, 2)
    oud = create(ki, email(partij, isStandaardAdres=True))
    telefoon = create(
        ki,
        {
            "adres": "0612345678",
            "soortDigitaalAdres": "telefoonnummer",
            "verstrektDoorPartij": ref(partij),
            "isStandaardAdres": True,
        },
    )
    van_ander = create(ki, email(ander, isStandaardAdres=True))
    nieuw = create(ki, email(partij, adres="jan@werk.nl", isStandaardAdres=True))

    def standaard(adres: dict) -> bool:
        return ki.get(f"digitaleadressen/{adres['uuid']}").json()["isStandaardAdres"]

    assert standaard(nieuw)
    assert not standaard(oud)
    assert standaard(telefoon), "another soort keeps its standard address"
    assert standaard(van_ander), "another partij keeps its standard address"
    # the unset is a change like any other: it is in the audit trail
    assert AuditTrail.objects.filter(resource_uuid=oud["uuid"], actie="update").exists()


def test_choosing_the_standard_address_by_patch_unsets_the_other(ki):
    partij = persoon(ki)
    eerste = create(ki, email(partij, isStandaardAdres=True))
    tweede = create(ki, email(partij, adres="jan@werk.nl"))
    response = ki.patch(f"digitaleadressen/{tweede['uuid']}", {"isStandaardAdres": True})
    assert response.json()["isStandaardAdres"] is True
    assert ki.get(f"digitaleadressen/{eerste['uuid']}").json()["isStandaardAdres"] is False


def test_moving_a_standard_address_to_a_partij_unsets_her_standard_address(ki):
    partij, ander = persoon(ki, 1), persoon(ki, 2)
    eigen = create(ki, email(partij, isStandaardAdres=True))
    verhuisd = create(ki, email(ander, adres="jan@werk.nl", isStandaardAdres=True))
    ki.patch(f"digitaleadressen/{verhuisd['uuid']}", {"verstrektDoorPartij": ref(partij)})
    assert ki.get(f"digitaleadressen/{eigen['uuid']}").json()["isStandaardAdres"] is False
    assert ki.get(f"digitaleadressen/{verhuisd['uuid']}").json()["isStandaardAdres"] is True


def test_taking_the_partij_off_a_standard_address_ends_it_being_standard(ki):
    adres = create(ki, email(persoon(ki), isStandaardAdres=True))
    response = ki.patch(f"digitaleadressen/{adres['uuid']}", {"verstrektDoorPartij": None})
    assert response.status_code == 200, response
    assert response.json()["isStandaardAdres"] is False


def test_taking_the_partij_off_while_asking_for_standard_is_refused(ki):
    adres = create(ki, email(persoon(ki), isStandaardAdres=True))
    response = ki.patch(
        f"digitaleadressen/{adres['uuid']}",
        {"verstrektDoorPartij": None, "isStandaardAdres": True},
    )
    assert invalid_names(response) == {"isStandaardAdres"}
    assert "verstrektDoorPartij" in ki.get(f"digitaleadressen/{adres['uuid']}").json()


# -- referentie ------------------------------------------------------------------------------------


def test_referentie_is_unique_per_partij_and_soort(ki):
    partij = persoon(ki)
    create(ki, email(partij, referentie="prive"))
    response = ki.post(
        "digitaleadressen", email(partij, adres="ander@voorbeeld.nl", referentie="prive")
    )
    assert invalid_names(response) == {"referentie"}
    assert response.json()["invalidParams"][0]["code"] == "unique"
    # the same referentie for another soort, another partij or without partij is fine
    create(
        ki,
        {
            "adres": "0612345678",
            "soortDigitaalAdres": "telefoonnummer",
            "verstrektDoorPartij": ref(partij),
            "referentie": "prive",
        },
    )
    create(ki, email(persoon(ki, 2), referentie="prive"))
    create(ki, email(referentie="prive"))
    create(ki, email(referentie="prive"))


def test_referentie_uniqueness_is_checked_when_an_address_moves_to_a_partij(ki):
    partij = persoon(ki)
    create(ki, email(partij, referentie="prive"))
    los = create(ki, email(referentie="prive"))
    response = ki.patch(f"digitaleadressen/{los['uuid']}", {"verstrektDoorPartij": ref(partij)})
    assert invalid_names(response) == {"referentie"}


def test_an_address_keeps_its_own_referentie_on_put(ki):
    partij = persoon(ki)
    adres = create(ki, email(partij, referentie="prive"))
    response = ki.put(
        f"digitaleadressen/{adres['uuid']}",
        email(partij, referentie="prive", omschrijving="Thuis"),
    )
    assert response.status_code == 200, response


@pytest.mark.parametrize("referentie", ["met spatie", "prive!", "x" * 51])
def test_referentie_must_be_a_slug_of_at_most_50_characters(ki, referentie):
    response = ki.post("digitaleadressen", email(referentie=referentie))
    assert invalid_names(response) == {"referentie"}


def test_an_empty_referentie_is_accepted_and_left_out(ki):
    adres = create(ki, email(referentie="oud"))
    response = ki.patch(f"digitaleadressen/{adres['uuid']}", {"referentie": ""})
    assert response.status_code == 200, response
    assert response.json()["referentie"] == ""


def test_verificatie_datum_must_be_a_date(ki):
    response = ki.post("digitaleadressen", email(verificatieDatum="gisteren"))
    assert invalid_names(response) == {"verificatieDatum"}


# -- filters -------------------------------------------------------------------------------------


@pytest.fixture
def adressen(ki):
    """A: e-mail of a persoon (BSN); B: phone number given during a klantcontact;
    C: other address of an organisatie (KVK + RSIN)."""
    jan, bedrijf = persoon(ki), organisatie(ki)
    bij_contact = betrokkene("klant")
    a = create(
        ki,
        email(
            jan,
            adres="Jan@Voorbeeld.nl",
            omschrijving="Privé mail",
            referentie="prive",
            verificatieDatum="2024-03-10",
            isStandaardAdres=True,
        ),
    )
    b = create(
        ki,
        {
            "adres": "0612345678",
            "soortDigitaalAdres": "telefoonnummer",
            "verstrektDoorBetrokkene": ref(bij_contact),
            "omschrijving": "Mobiel",
        },
    )
    c = create(
        ki,
        {
            "adres": "@bakkerij",
            "soortDigitaalAdres": "overig",
            "verstrektDoorPartij": ref(bedrijf),
            "verificatieDatum": "2024-05-01",
        },
    )
    return {
        "A": a["uuid"],
        "B": b["uuid"],
        "C": c["uuid"],
        "jan": jan,
        "bedrijf": bedrijf,
        "betrokkene": bij_contact,
    }


def test_without_filters_all_are_listed(ki, adressen):
    assert uuids(ki.get("digitaleadressen")) == {adressen[k] for k in "ABC"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"adres": "0612345678"}, "B"),
        ({"adres": "0612"}, ""),
        ({"adres__icontains": "voorbeeld"}, "A"),
        ({"adres__icontains": "VOORBEELD.NL"}, "A"),
        ({"adres__icontains": "xyz"}, ""),
        ({"isGeverifieerd": "true"}, "AC"),
        ({"isGeverifieerd": "false"}, "B"),
        ({"isStandaardAdres": "true"}, "A"),
        ({"isStandaardAdres": "false"}, "BC"),
        ({"omschrijving": "mobiel"}, "B"),
        ({"omschrijving": "mail"}, "A"),
        ({"omschrijving": "werk"}, ""),
        ({"referentie": "prive"}, "A"),
        ({"referentie": "priv"}, ""),
        ({"soortDigitaalAdres": "telefoonnummer"}, "B"),
        ({"soortDigitaalAdres": "email"}, "A"),
        ({"verificatieDatum": "2024-03-10"}, "A"),
        ({"verificatieDatum": "2024-03-11"}, ""),
        ({"verificatieDatum__gt": "2024-03-10"}, "C"),
        ({"verificatieDatum__gte": "2024-03-10"}, "AC"),
        ({"verificatieDatum__gt": "2024-05-01"}, ""),
        ({"verificatieDatum__lt": "2024-05-01"}, "A"),
        ({"verificatieDatum__lte": "2024-05-01"}, "AC"),
        ({"verificatieDatum__lt": "2024-03-10"}, ""),
        ({"verstrektDoorBetrokkene__rol": "klant"}, "B"),
        ({"verstrektDoorBetrokkene__rol": "vertegenwoordiger"}, ""),
        ({"verstrektDoorPartij__soortPartij": "persoon"}, "A"),
        ({"verstrektDoorPartij__soortPartij": "organisatie"}, "C"),
        ({"verstrektDoorPartij__soortPartij": "contactpersoon"}, ""),
        ({"verstrektDoorPartij__partijIdentificator__codeSoortObjectId": "bsn"}, "A"),
        ({"verstrektDoorPartij__partijIdentificator__codeSoortObjectId": "rsin"}, "C"),
        ({"verstrektDoorPartij__partijIdentificator__codeSoortObjectId": "vestigingsnummer"}, ""),
        ({"verstrektDoorPartij__partijIdentificator__codeRegister": "hr"}, "C"),
        ({"verstrektDoorPartij__partijIdentificator__codeRegister": "brp"}, "A"),
        ({"verstrektDoorPartij__partijIdentificator__codeObjecttype": "natuurlijk_persoon"}, "A"),
        ({"verstrektDoorPartij__partijIdentificator__codeObjecttype": "vestiging"}, ""),
        ({"verstrektDoorPartij__partijIdentificator__objectId": bsn(1)}, "A"),
        ({"verstrektDoorPartij__partijIdentificator__objectId": bsn(2)}, ""),
        ({"soortDigitaalAdres": "email", "isGeverifieerd": "true"}, "A"),
        ({"soortDigitaalAdres": "email", "isGeverifieerd": "false"}, ""),
    ],
)
def test_filters(ki, adressen, params, expected):
    assert uuids(ki.get("digitaleadressen", params)) == {adressen[k] for k in expected}


def test_identificator_filters_must_hold_for_one_and_the_same_identificator(ki, adressen):
    """Looking up by BSN is `codeSoortObjectId=bsn&objectId=…`: a partij with a KVK number
    and some other identificator must not match because the parts match different ones."""
    both = {
        "verstrektDoorPartij__partijIdentificator__codeSoortObjectId": "rsin",
        "verstrektDoorPartij__partijIdentificator__objectId": kvk_nummer(1),
    }
    assert uuids(ki.get("digitaleadressen", both)) == set()
    both["verstrektDoorPartij__partijIdentificator__objectId"] = rsin(1)
    assert uuids(ki.get("digitaleadressen", both)) == {adressen["C"]}


def test_a_filter_over_several_identificatoren_lists_an_address_once(ki, adressen):
    response = ki.get(
        "digitaleadressen", {"verstrektDoorPartij__partijIdentificator__codeRegister": "hr"}
    )
    assert response.json()["count"] == 1


def test_filters_on_the_partij_and_betrokkene_by_uuid_and_url(ki, adressen):
    jan, bij_contact = adressen["jan"], adressen["betrokkene"]
    assert uuids(ki.get("digitaleadressen", {"verstrektDoorPartij__uuid": jan["uuid"]})) == {
        adressen["A"]
    }
    assert uuids(ki.get("digitaleadressen", {"verstrektDoorPartij__url": jan["url"]})) == {
        adressen["A"]
    }
    betrokkene_url = f"http://testserver/klantinteracties/api/v1/betrokkenen/{bij_contact.uuid}"
    assert uuids(
        ki.get("digitaleadressen", {"verstrektDoorBetrokkene__uuid": str(bij_contact.uuid)})
    ) == {adressen["B"]}
    assert uuids(ki.get("digitaleadressen", {"verstrektDoorBetrokkene__url": betrokkene_url})) == {
        adressen["B"]
    }
    for name in ("verstrektDoorPartij__uuid", "verstrektDoorBetrokkene__uuid"):
        assert uuids(ki.get("digitaleadressen", {name: UNKNOWN})) == set()
    # a URL without a uuid at its end matches nothing (as in Open Klant), it is no error
    for name in ("verstrektDoorPartij__url", "verstrektDoorBetrokkene__url"):
        assert (
            uuids(ki.get("digitaleadressen", {name: "https://elders.example/geen-uuid"})) == set()
        )


@pytest.mark.parametrize(
    "params",
    [
        {"soortDigitaalAdres": "fax"},
        {"verificatieDatum__gte": "10-03-2024"},
        {"verstrektDoorPartij__uuid": "geen-uuid"},
        {"verstrektDoorBetrokkene__rol": "baas"},
        {"verstrektDoorPartij__soortPartij": "bedrijf"},
    ],
)
def test_an_invalid_filter_value_is_a_400_naming_the_parameter(ki, params):
    assert invalid_names(ki.get("digitaleadressen", params)) == set(params)


def test_pagination(ki):
    for n in range(3):
        create(ki, email(adres=f"jan{n}@voorbeeld.nl"))
    first = ki.get("digitaleadressen", {"pageSize": 2}).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (3, 2, None)
    second = ki.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert second["next"] is None
    listed = {r["uuid"] for r in first["results"] + second["results"]}
    assert listed == {str(u) for u in DigitaalAdres.objects.values_list("uuid", flat=True)}


# -- expand --------------------------------------------------------------------------------------


def test_no_expand_means_no_underscore_expand(ki):
    adres = create(ki, email(verstrektDoorBetrokkene=ref(betrokkene())))
    assert "_expand" not in ki.get(f"digitaleadressen/{adres['uuid']}").json()
    assert "_expand" not in ki.get("digitaleadressen").json()["results"][0]


def test_expand_verstrekt_door_betrokkene(ki):
    bij_contact = betrokkene("vertegenwoordiger")
    adres = create(ki, email(verstrektDoorBetrokkene=ref(bij_contact)))
    response = ki.get(f"digitaleadressen/{adres['uuid']}", {"expand": "verstrektDoorBetrokkene"})
    assert response.status_code == 200, response
    expanded = response.json()["_expand"]["verstrektDoorBetrokkene"]
    assert expanded["uuid"] == str(bij_contact.uuid)
    assert expanded["rol"] == "vertegenwoordiger"
    assert expanded["digitaleAdressen"] == [adres_ref(adres)]
    assert "_expand" not in expanded, "nothing below the betrokkene was asked for"


def adres_ref(adres: dict) -> dict:
    return {"uuid": adres["uuid"], "url": adres["url"]}


def test_expand_on_an_address_without_betrokkene_is_null(ki):
    """As Open Klant answers, and as the reference itself is."""
    create(ki, email())
    response = ki.get("digitaleadressen", {"expand": "verstrektDoorBetrokkene"})
    assert response.json()["results"][0]["_expand"] == {"verstrektDoorBetrokkene": None}


def test_an_unknown_expand_is_a_400(ki):
    assert invalid_names(ki.get("digitaleadressen", {"expand": "verstrektDoorPartij"})) == {
        "expand"
    }
    assert invalid_names(
        ki.get(f"digitaleadressen/{UNKNOWN}", {"expand": "verstrektDoorBetrokkene.wasPartij"})
    ) == {"expand"}


# -- cost of a list --------------------------------------------------------------------------------


def count_queries(ki, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = ki.get("digitaleadressen", params)
    assert response.status_code == 200, response
    return len(captured.captured_queries)


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(ki, django_assert_num_queries):
    for n in range(6):
        create(ki, email(persoon(ki, n), verstrektDoorBetrokkene=ref(betrokkene())))
    one = count_queries(ki, {"pageSize": 1})
    with django_assert_num_queries(one):
        ki.get("digitaleadressen", {"pageSize": 6})
    expanded = count_queries(ki, {"pageSize": 1, "expand": "verstrektDoorBetrokkene"})
    with django_assert_num_queries(expanded):
        ki.get("digitaleadressen", {"pageSize": 6, "expand": "verstrektDoorBetrokkene"})


# -- nested expand (needs the klantcontacten and internetaken serialisers) ------------------------

NESTED = (
    "verstrektDoorBetrokkene,verstrektDoorBetrokkene.hadKlantcontact,"
    "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken"
)


def interne_taak(klantcontact: Klantcontact) -> InterneTaak:
    taak = InterneTaak.objects.create(
        gevraagde_handeling="Terugbellen",
        aanleidinggevend_klantcontact=klantcontact,
        status="te_verwerken",
    )
    actor = Actor.objects.create(naam="KCC", soort_actor="organisatorische_eenheid")
    InterneTaakActor.objects.create(interne_taak=taak, actor=actor)
    return taak


def test_expand_the_klantcontact_of_the_betrokkene_and_its_interne_taken(ki):
    bij_contact = betrokkene()
    taak = interne_taak(bij_contact.had_klantcontact)
    adres = create(ki, email(verstrektDoorBetrokkene=ref(bij_contact)))
    response = ki.get(f"digitaleadressen/{adres['uuid']}", {"expand": NESTED})
    assert response.status_code == 200, response
    expanded = response.json()["_expand"]["verstrektDoorBetrokkene"]
    klantcontact = expanded["_expand"]["hadKlantcontact"]
    assert klantcontact["uuid"] == str(bij_contact.had_klantcontact_id)
    taken = klantcontact["_expand"]["leiddeTotInterneTaken"]
    assert [t["uuid"] for t in taken] == [str(taak.uuid)]

    only_contact = ki.get(
        f"digitaleadressen/{adres['uuid']}",
        {"expand": "verstrektDoorBetrokkene,verstrektDoorBetrokkene.hadKlantcontact"},
    ).json()
    contact = only_contact["_expand"]["verstrektDoorBetrokkene"]["_expand"]["hadKlantcontact"]
    assert "_expand" not in contact


def test_a_page_with_nested_expand_costs_the_same_whatever_its_size(ki, django_assert_num_queries):
    for _ in range(4):
        bij_contact = betrokkene()
        interne_taak(bij_contact.had_klantcontact)
        create(ki, email(verstrektDoorBetrokkene=ref(bij_contact)))
    one = count_queries(ki, {"pageSize": 1, "expand": NESTED})
    with django_assert_num_queries(one):
        ki.get("digitaleadressen", {"pageSize": 4, "expand": NESTED})
