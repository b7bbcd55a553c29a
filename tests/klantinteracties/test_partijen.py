"""/partijen: the register of persons, organisations and contact persons."""

from __future__ import annotations

import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

PERSOON = {
    "soortPartij": "persoon",
    "indicatieActief": True,
    "voorkeurstaal": "nld",
    "partijIdentificatie": {
        "contactnaam": {
            "voorletters": "J.",
            "voornaam": "Jan",
            "voorvoegselAchternaam": "van",
            "achternaam": "Dijk",
        }
    },
    "correspondentieadres": {"postcode": "1234 AB", "huisnummer": 12, "stad": "Utrecht"},
}


def test_create_and_read_a_persoon(ki):
    response = ki.post("partijen", PERSOON)
    assert response.status_code == 201, response
    body = response.json()
    assert body["partijIdentificatie"]["volledigeNaam"] == "Jan van Dijk"
    assert body["nummer"] == "0000000001"
    assert body["url"].endswith(f"/klantinteracties/api/v1/partijen/{body['uuid']}")
    fetched = ki.get(f"partijen/{body['uuid']}").json()
    assert fetched == body


def test_a_persoon_with_its_bsn_in_one_call_is_found_by_bsn(ki):
    number = bsn(1)
    body = {
        **PERSOON,
        "partijIdentificatoren": [
            {
                "partijIdentificator": {
                    "codeObjecttype": "natuurlijk_persoon",
                    "codeSoortObjectId": "bsn",
                    "objectId": number,
                    "codeRegister": "brp",
                }
            }
        ],
    }
    created = ki.post("partijen", body)
    assert created.status_code == 201, created
    found = ki.get(
        "partijen",
        {
            "partijIdentificator__codeSoortObjectId": "bsn",
            "partijIdentificator__objectId": number,
        },
    ).json()
    assert found["count"] == 1
    assert found["results"][0]["uuid"] == created.json()["uuid"]
    identificator = found["results"][0]["partijIdentificatoren"][0]
    assert identificator["identificeerdePartij"]["uuid"] == created.json()["uuid"]


def test_a_bsn_failing_the_eleven_test_is_refused_and_nothing_is_stored(ki):
    body = {
        **PERSOON,
        "partijIdentificatoren": [
            {
                "partijIdentificator": {
                    "codeObjecttype": "natuurlijk_persoon",
                    "codeSoortObjectId": "bsn",
                    "objectId": "123456789",
                    "codeRegister": "brp",
                }
            }
        ],
    }
    response = ki.post("partijen", body)
    assert invalid_names(response) == {"partijIdentificatoren.0.partijIdentificator.objectId"}
    assert ki.get("partijen").json()["count"] == 0


def test_missing_required_fields_are_named(ki):
    response = ki.post("partijen", {"partijIdentificatie": {}})
    assert invalid_names(response) == {"soortPartij", "indicatieActief"}


def test_contactpersoon_works_for_an_organisatie(ki):
    organisatie = ki.post(
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "Bakkerij De Korst B.V."},
            "partijIdentificatoren": [
                {
                    "partijIdentificator": {
                        "codeObjecttype": "niet_natuurlijk_persoon",
                        "codeSoortObjectId": "kvk_nummer",
                        "objectId": kvk_nummer(1),
                        "codeRegister": "hr",
                    }
                }
            ],
        },
    ).json()
    persoon = ki.post("partijen", PERSOON).json()
    response = ki.post(
        "partijen",
        {
            "soortPartij": "contactpersoon",
            "indicatieActief": True,
            "partijIdentificatie": {
                "werkteVoorPartij": {"uuid": organisatie["uuid"]},
                "contactnaam": {"voornaam": "Els", "achternaam": "Bakker"},
            },
        },
    )
    assert response.status_code == 201, response
    assert response.json()["partijIdentificatie"]["werkteVoorPartij"]["uuid"] == organisatie["uuid"]
    wrong = ki.post(
        "partijen",
        {
            "soortPartij": "contactpersoon",
            "indicatieActief": True,
            "partijIdentificatie": {"werkteVoorPartij": {"uuid": persoon["uuid"]}},
        },
    )
    assert invalid_names(wrong) == {"partijIdentificatie.werkteVoorPartij"}


def test_patch_changes_only_what_is_sent(ki):
    partij = ki.post("partijen", PERSOON).json()
    response = ki.patch(f"partijen/{partij['uuid']}", {"interneNotitie": "Belt vaak"})
    assert response.status_code == 200, response
    body = response.json()
    assert body["interneNotitie"] == "Belt vaak"
    assert body["partijIdentificatie"] == partij["partijIdentificatie"]
    assert body["correspondentieadres"] == partij["correspondentieadres"]


def test_put_requires_the_mandatory_fields(ki):
    partij = ki.post("partijen", PERSOON).json()
    response = ki.put(f"partijen/{partij['uuid']}", {"interneNotitie": "x"})
    assert invalid_names(response) == {"soortPartij", "indicatieActief"}


def test_unknown_partij_is_a_404_problem(ki):
    response = ki.get("partijen/8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a")
    assert response.status_code == 404


def test_delete_partij(ki):
    partij = ki.post("partijen", PERSOON).json()
    assert ki.delete(f"partijen/{partij['uuid']}").status_code == 204
    assert ki.get(f"partijen/{partij['uuid']}").status_code == 404


def test_expand_digitale_adressen_is_served_in_underscore_expand(ki):
    partij = ki.post("partijen", PERSOON).json()
    response = ki.get(f"partijen/{partij['uuid']}", {"expand": "digitaleAdressen,betrokkenen"})
    assert response.status_code == 200, response
    assert response.json()["_expand"] == {"digitaleAdressen": [], "betrokkenen": []}


def test_unknown_expand_value_is_a_400(ki):
    response = ki.get("partijen", {"expand": "nietBestaand"})
    assert invalid_names(response) == {"expand"}


def _adres(ki, partij_uuid, adres, standaard=False):
    body = {
        "verstrektDoorPartij": {"uuid": partij_uuid},
        "adres": adres,
        "soortDigitaalAdres": "email",
        "isStandaardAdres": standaard,
    }
    response = ki.post("digitaleadressen", body)
    assert response.status_code == 201, response
    return response.json()


def test_unlinking_the_preferred_address_ends_the_preference_and_standard(ki):
    partij = ki.post("partijen", PERSOON).json()
    eerste = _adres(ki, partij["uuid"], "jan@example.nl", standaard=True)
    tweede = _adres(ki, partij["uuid"], "jan.werk@example.nl")
    ki.patch(f"partijen/{partij['uuid']}", {"voorkeursDigitaalAdres": {"uuid": eerste["uuid"]}})
    response = ki.patch(
        f"partijen/{partij['uuid']}", {"digitaleAdressen": [{"uuid": tweede["uuid"]}]}
    )
    assert response.status_code == 200, response
    assert response.json()["voorkeursDigitaalAdres"] is None
    losgemaakt = ki.get(f"digitaleadressen/{eerste['uuid']}").json()
    assert losgemaakt["verstrektDoorPartij"] is None
    assert losgemaakt["isStandaardAdres"] is False


def test_moving_an_address_to_another_partij_ends_the_old_preference(ki):
    oud = ki.post("partijen", PERSOON).json()
    adres = _adres(ki, oud["uuid"], "gedeeld@example.nl")
    ki.patch(f"partijen/{oud['uuid']}", {"voorkeursDigitaalAdres": {"uuid": adres["uuid"]}})
    nieuw = ki.post(
        "partijen",
        PERSOON
        | {
            "digitaleAdressen": [{"uuid": adres["uuid"]}],
            "voorkeursDigitaalAdres": {"uuid": adres["uuid"]},
        },
    ).json()
    assert nieuw["voorkeursDigitaalAdres"]["uuid"] == adres["uuid"]
    assert ki.get(f"partijen/{oud['uuid']}").json()["voorkeursDigitaalAdres"] is None


def test_preferred_address_must_be_one_of_the_partij(ki):
    ander = ki.post("partijen", PERSOON).json()
    adres = _adres(ki, ander["uuid"], "ander@example.nl")
    partij = ki.post("partijen", PERSOON).json()
    response = ki.patch(
        f"partijen/{partij['uuid']}", {"voorkeursDigitaalAdres": {"uuid": adres["uuid"]}}
    )
    assert invalid_names(response) == {"voorkeursDigitaalAdres"}


def test_deleting_a_partij_keeps_its_klantcontacten_without_the_link(ki):
    partij = ki.post("partijen", PERSOON).json()
    adres = _adres(ki, partij["uuid"], "weg@example.nl")
    made = ki.post(
        "maak-klantcontact",
        {
            "klantcontact": {
                "kanaal": "telefoon",
                "onderwerp": "Vraag",
                "taal": "nld",
                "vertrouwelijk": False,
            },
            "betrokkene": {
                "wasPartij": {"uuid": partij["uuid"]},
                "rol": "klant",
                "initiator": True,
                "contactnaam": {"voornaam": "Jan", "achternaam": "Dijk"},
            },
        },
    ).json()
    assert ki.delete(f"partijen/{partij['uuid']}").status_code == 204
    betrokkene = ki.get(f"betrokkenen/{made['betrokkene']['uuid']}").json()
    assert betrokkene["wasPartij"] is None
    assert betrokkene["volledigeNaam"] == "Jan Dijk"
    assert ki.get(f"klantcontacten/{made['klantcontact']['uuid']}").status_code == 200
    assert ki.get(f"digitaleadressen/{adres['uuid']}").status_code == 404


def test_a_partij_whose_kvk_carries_another_partijs_vestiging_cannot_be_deleted(ki):
    kvk = {
        "codeObjecttype": "niet_natuurlijk_persoon",
        "codeSoortObjectId": "kvk_nummer",
        "objectId": kvk_nummer(7),
        "codeRegister": "hr",
    }
    moeder = ki.post(
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "Moeder B.V."},
            "partijIdentificatoren": [{"partijIdentificator": kvk}],
        },
    ).json()
    vestiging = ki.post(
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "Filiaal Utrecht"},
            "partijIdentificatoren": [
                {
                    "partijIdentificator": {
                        "codeObjecttype": "vestiging",
                        "codeSoortObjectId": "vestigingsnummer",
                        "objectId": "000012345678",
                        "codeRegister": "hr",
                    },
                    "subIdentificatorVan": {"uuid": moeder["partijIdentificatoren"][0]["uuid"]},
                }
            ],
        },
    )
    assert vestiging.status_code == 201, vestiging
    refused = ki.delete(f"partijen/{moeder['uuid']}")
    assert invalid_names(refused) == {"nonFieldErrors"}
    assert ki.get(f"partijen/{moeder['uuid']}").status_code == 200
    found = ki.get(
        "partijen",
        {
            "subIdentificatorVan__codeSoortObjectId": "kvk_nummer",
            "subIdentificatorVan__objectId": kvk_nummer(7),
        },
    ).json()
    assert [p["uuid"] for p in found["results"]] == [vestiging.json()["uuid"]]
