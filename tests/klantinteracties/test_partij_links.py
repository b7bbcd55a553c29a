"""How digitale adressen, rekeningnummers, vertegenwoordigingen and categorie-relaties hang
on a partij, seen from both sides."""

from __future__ import annotations

import pytest

from klantbeeld.domain.models import AuditTrail
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

IBAN = "NL91ABNA0417164300"
OTHER_IBAN = "NL20INGB0001234567"


def persoon(ki, voornaam: str = "Jan", **extra) -> dict:
    response = ki.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"voornaam": voornaam}},
            **extra,
        },
    )
    assert response.status_code == 201, response
    return response.json()


def post(ki, path: str, body: dict) -> dict:
    response = ki.post(path, body)
    assert response.status_code == 201, response
    return response.json()


def email(ki, partij: dict | None = None, adres: str = "jan@voorbeeld.nl", **extra) -> dict:
    body = {"adres": adres, "soortDigitaalAdres": "email", **extra}
    if partij:
        body["verstrektDoorPartij"] = {"uuid": partij["uuid"]}
    return post(ki, "digitaleadressen", body)


def ref(obj: dict) -> dict:
    return {"uuid": obj["uuid"], "url": obj["url"]}


def fetch(ki, obj: dict) -> dict:
    response = ki.get(obj["url"])
    assert response.status_code == 200, response
    return response.json()


# -- digitale adressen -----------------------------------------------------------------------------


def test_an_address_created_for_a_partij_is_listed_on_her(ki):
    jan = persoon(ki)
    adres = email(ki, jan)
    assert fetch(ki, jan)["digitaleAdressen"] == [ref(adres)]


def test_a_partij_links_existing_addresses_and_unlinks_those_left_out(ki):
    jan = persoon(ki)
    eerste, tweede = email(ki), email(ki, adres="jan@werk.nl")
    response = ki.patch(f"partijen/{jan['uuid']}", {"digitaleAdressen": [{"uuid": eerste["uuid"]}]})
    assert response.status_code == 200, response
    assert fetch(ki, eerste)["verstrektDoorPartij"]["uuid"] == jan["uuid"]
    response = ki.patch(f"partijen/{jan['uuid']}", {"digitaleAdressen": [{"uuid": tweede["uuid"]}]})
    assert response.json()["digitaleAdressen"] == [ref(tweede)]
    assert fetch(ki, eerste)["verstrektDoorPartij"] is None, "unlinked, not deleted"


def test_a_partij_created_with_addresses_takes_them_over(ki):
    adres = email(ki)
    jan = persoon(ki, digitaleAdressen=[{"uuid": adres["uuid"]}])
    assert fetch(ki, adres)["verstrektDoorPartij"]["uuid"] == jan["uuid"]


def test_linking_a_standard_address_ends_the_standard_address_the_partij_had(ki):
    jan, piet = persoon(ki), persoon(ki, "Piet")
    eigen = email(ki, jan, isStandaardAdres=True)
    van_piet = email(ki, piet, adres="piet@voorbeeld.nl", isStandaardAdres=True)
    response = ki.patch(
        f"partijen/{jan['uuid']}",
        {"digitaleAdressen": [{"uuid": eigen["uuid"]}, {"uuid": van_piet["uuid"]}]},
    )
    assert response.status_code == 200, response
    standard = [fetch(ki, a)["isStandaardAdres"] for a in (eigen, van_piet)]
    assert standard.count(True) == 1


def test_the_preferred_address_must_be_one_of_her_addresses(ki):
    jan, piet = persoon(ki), persoon(ki, "Piet")
    van_piet = email(ki, piet)
    response = ki.patch(
        f"partijen/{jan['uuid']}", {"voorkeursDigitaalAdres": {"uuid": van_piet["uuid"]}}
    )
    assert invalid_names(response) == {"voorkeursDigitaalAdres"}
    eigen = email(ki, jan, adres="jan@werk.nl")
    response = ki.patch(
        f"partijen/{jan['uuid']}", {"voorkeursDigitaalAdres": {"uuid": eigen["uuid"]}}
    )
    assert response.json()["voorkeursDigitaalAdres"] == ref(eigen)


def test_moving_the_preferred_address_to_another_partij_ends_the_preference(ki):
    jan, piet = persoon(ki), persoon(ki, "Piet")
    adres = email(ki, jan)
    ki.patch(f"partijen/{jan['uuid']}", {"voorkeursDigitaalAdres": {"uuid": adres["uuid"]}})
    response = ki.patch(adres["url"], {"verstrektDoorPartij": {"uuid": piet["uuid"]}})
    assert response.status_code == 200, response
    assert fetch(ki, jan)["voorkeursDigitaalAdres"] is None
    assert AuditTrail.objects.filter(resource_uuid=jan["uuid"], actie="update").count() == 2


def test_taking_the_partij_off_her_preferred_address_ends_the_preference(ki):
    jan = persoon(ki)
    adres = email(ki, jan)
    ki.patch(f"partijen/{jan['uuid']}", {"voorkeursDigitaalAdres": {"uuid": adres["uuid"]}})
    ki.patch(adres["url"], {"verstrektDoorPartij": None})
    assert fetch(ki, jan)["voorkeursDigitaalAdres"] is None


def test_changing_another_field_of_the_preferred_address_keeps_the_preference(ki):
    jan = persoon(ki)
    adres = email(ki, jan)
    ki.patch(f"partijen/{jan['uuid']}", {"voorkeursDigitaalAdres": {"uuid": adres["uuid"]}})
    ki.patch(adres["url"], {"omschrijving": "Thuis"})
    assert fetch(ki, jan)["voorkeursDigitaalAdres"] == ref(adres)


def test_deleting_the_preferred_address_ends_the_preference(ki):
    jan = persoon(ki)
    adres = email(ki, jan)
    ki.patch(f"partijen/{jan['uuid']}", {"voorkeursDigitaalAdres": {"uuid": adres["uuid"]}})
    assert ki.delete(adres["url"]).status_code == 204
    partij = fetch(ki, jan)
    assert partij["voorkeursDigitaalAdres"] is None
    assert partij["digitaleAdressen"] == []
    # the partij changed: that is in the audit trail (set, then ended)
    assert AuditTrail.objects.filter(resource_uuid=jan["uuid"], actie="update").count() == 2


def test_expand_digitale_adressen_on_a_partij_serves_them_whole(ki):
    jan = persoon(ki)
    adres = email(ki, jan, referentie="prive")
    response = ki.get(jan["url"], {"expand": "digitaleAdressen"})
    assert response.json()["_expand"]["digitaleAdressen"] == [fetch(ki, adres)]


def test_deleting_a_partij_deletes_her_addresses_and_accounts(ki):
    jan = persoon(ki)
    adres = email(ki, jan)
    rekening = post(ki, "rekeningnummers", {"iban": IBAN, "partij": {"uuid": jan["uuid"]}})
    assert ki.delete(jan["url"]).status_code == 204
    assert ki.get(adres["url"]).status_code == 404
    assert ki.get(rekening["url"]).status_code == 404


def test_filter_digitale_adressen_of_a_partij(ki):
    jan, piet = persoon(ki), persoon(ki, "Piet")
    adres = email(ki, jan)
    email(ki, piet, adres="piet@voorbeeld.nl")
    found = ki.get("digitaleadressen", {"verstrektDoorPartij__uuid": jan["uuid"]}).json()
    assert [item["uuid"] for item in found["results"]] == [adres["uuid"]]


# -- rekeningnummers -------------------------------------------------------------------------------


def test_an_account_created_for_a_partij_is_listed_on_her(ki):
    jan = persoon(ki)
    rekening = post(ki, "rekeningnummers", {"iban": IBAN, "partij": {"uuid": jan["uuid"]}})
    assert fetch(ki, jan)["rekeningnummers"] == [ref(rekening)]


def test_a_partij_links_existing_accounts_and_unlinks_those_left_out(ki):
    jan = persoon(ki)
    eerste = post(ki, "rekeningnummers", {"iban": IBAN})
    tweede = post(ki, "rekeningnummers", {"iban": OTHER_IBAN})
    ki.patch(jan["url"], {"rekeningnummers": [{"uuid": eerste["uuid"]}]})
    assert fetch(ki, eerste)["partij"]["uuid"] == jan["uuid"]
    ki.patch(jan["url"], {"rekeningnummers": [{"uuid": tweede["uuid"]}]})
    assert fetch(ki, eerste)["partij"] is None
    assert fetch(ki, tweede)["partij"]["uuid"] == jan["uuid"]


def test_the_preferred_account_must_be_one_of_her_accounts(ki):
    jan = persoon(ki)
    los = post(ki, "rekeningnummers", {"iban": IBAN})
    response = ki.patch(jan["url"], {"voorkeursRekeningnummer": {"uuid": los["uuid"]}})
    assert invalid_names(response) == {"voorkeursRekeningnummer"}


def test_moving_or_deleting_the_preferred_account_ends_the_preference(ki):
    jan, piet = persoon(ki), persoon(ki, "Piet")
    rekening = post(ki, "rekeningnummers", {"iban": IBAN, "partij": {"uuid": jan["uuid"]}})
    ki.patch(jan["url"], {"voorkeursRekeningnummer": {"uuid": rekening["uuid"]}})
    assert fetch(ki, jan)["voorkeursRekeningnummer"] == ref(rekening)
    ki.patch(rekening["url"], {"partij": {"uuid": piet["uuid"]}})
    assert fetch(ki, jan)["voorkeursRekeningnummer"] is None

    ki.patch(piet["url"], {"voorkeursRekeningnummer": {"uuid": rekening["uuid"]}})
    assert ki.delete(rekening["url"]).status_code == 204
    assert fetch(ki, piet)["voorkeursRekeningnummer"] is None


def test_a_partij_lists_the_partijen_she_represents(ki):
    ouder, kind, ander = persoon(ki, "Ouder"), persoon(ki, "Kind"), persoon(ki, "Ander")
    vertegenwoordiging = post(
        ki,
        "vertegenwoordigingen",
        {
            "vertegenwoordigendePartij": {"uuid": ouder["uuid"]},
            "vertegenwoordigdePartij": {"uuid": kind["uuid"]},
        },
    )
    assert fetch(ki, ouder)["vertegenwoordigden"] == [ref(kind)]
    assert fetch(ki, kind)["vertegenwoordigden"] == []
    found = ki.get("partijen", {"vertegenwoordigdePartij__uuid": kind["uuid"]}).json()
    assert [p["uuid"] for p in found["results"]] == [ouder["uuid"]]
    assert ki.delete(ander["url"]).status_code == 204
    assert ki.delete(kind["url"]).status_code == 204
    assert ki.get(vertegenwoordiging["url"]).status_code == 404
    assert fetch(ki, ouder)["vertegenwoordigden"] == []


def test_partijen_are_found_by_categorie_naam(ki):
    jan, piet = persoon(ki), persoon(ki, "Piet")
    ondernemer = post(ki, "categorieen", {"naam": "Ondernemer"})
    relatie = post(
        ki,
        "categorie-relaties",
        {"partij": {"uuid": jan["uuid"]}, "categorie": {"uuid": ondernemer["uuid"]}},
    )
    found = ki.get("partijen", {"categorierelatie__categorie__naam": "Ondernemer"}).json()
    assert [p["uuid"] for p in found["results"]] == [jan["uuid"]]
    assert fetch(ki, piet)["categorieRelaties"] == []
    assert ki.delete(jan["url"]).status_code == 204
    assert ki.get(relatie["url"]).status_code == 404
