"""R12: confidential klantcontacten (and what hangs on them) and partijen under
geheimhouding are seen only by API clients with the scope klantinteracties.vertrouwelijk."""

from __future__ import annotations

import pytest

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.demo.numbers import bsn
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db

BASIS = ["klantinteracties.lezen", "klantinteracties.schrijven"]


def consumer(naam: str, scopes: list[str]) -> ApiClient:
    client = ApiClientModel(naam=naam, client_id=naam.lower(), scopes=scopes)
    token = client.new_token()
    client.save()
    return ApiClient("/klantinteracties/api/v1", f"Token {token}")


@pytest.fixture
def kcc():
    return consumer("KCC", [*BASIS, "klantinteracties.vertrouwelijk"])


@pytest.fixture
def loket():
    return consumer("Loket", BASIS)


@pytest.fixture
def register(kcc):
    """A partij under geheimhouding, a normal one, and a confidential and an open contact
    with a betrokkene, onderwerpobject and interne taak each."""
    actor = kcc.post(
        "actoren",
        {
            "naam": "Team Jeugd",
            "soortActor": "organisatorische_eenheid",
            "actorIdentificatie": {"omschrijving": "Jeugdzorg"},
        },
    ).json()
    geheim = kcc.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "indicatieGeheimhouding": True,
            "partijIdentificatie": {"contactnaam": {"voornaam": "Geheim"}},
            "partijIdentificatoren": [
                {
                    "partijIdentificator": {
                        "codeObjecttype": "natuurlijk_persoon",
                        "codeSoortObjectId": "bsn",
                        "objectId": bsn(50),
                        "codeRegister": "brp",
                    }
                }
            ],
        },
    ).json()
    gewoon = kcc.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"voornaam": "Gewoon"}},
        },
    ).json()
    contacten = {}
    for naam, vertrouwelijk in (("vertrouwelijk", True), ("open", False)):
        made = kcc.post(
            "maak-klantcontact",
            {
                "klantcontact": {
                    "kanaal": "telefoon",
                    "onderwerp": f"Gesprek ({naam})",
                    "taal": "nld",
                    "vertrouwelijk": vertrouwelijk,
                },
                "betrokkene": {
                    "wasPartij": {"uuid": gewoon["uuid"]},
                    "rol": "klant",
                    "initiator": True,
                },
                "onderwerpobject": {
                    "onderwerpobjectidentificator": {
                        "codeObjecttype": "zgw-Zaak",
                        "codeRegister": "openzaak",
                        "codeSoortObjectId": "uuid",
                        "objectId": "5b7d3c2e-1111-4a4a-9b9b-000000000001",
                    }
                },
            },
        ).json()
        taak = kcc.post(
            "internetaken",
            {
                "gevraagdeHandeling": "Terugbellen",
                "aanleidinggevendKlantcontact": {"uuid": made["klantcontact"]["uuid"]},
                "toegewezenAanActoren": [{"uuid": actor["uuid"]}],
                "status": "te_verwerken",
            },
        ).json()
        contacten[naam] = {**made, "taak": taak}
    return {"geheim": geheim, "gewoon": gewoon, **contacten}


def uuids(response):
    return {item["uuid"] for item in response.json()["results"]}


def test_without_the_scope_confidential_rows_are_left_out_of_every_list(loket, register):
    open_, geheim = register["open"], register["vertrouwelijk"]
    assert uuids(loket.get("klantcontacten")) == {open_["klantcontact"]["uuid"]}
    assert uuids(loket.get("betrokkenen")) == {open_["betrokkene"]["uuid"]}
    assert uuids(loket.get("onderwerpobjecten")) == {open_["onderwerpobject"]["uuid"]}
    assert uuids(loket.get("internetaken")) == {open_["taak"]["uuid"]}
    assert register["geheim"]["uuid"] not in uuids(loket.get("partijen"))
    assert geheim["klantcontact"]["uuid"] not in uuids(loket.get("klantcontacten"))


def test_without_the_scope_a_confidential_row_is_not_found_even_by_its_uuid(loket, register):
    geheim = register["vertrouwelijk"]
    assert loket.get(f"klantcontacten/{geheim['klantcontact']['uuid']}").status_code == 404
    assert loket.get(f"internetaken/{geheim['taak']['uuid']}").status_code == 404
    assert loket.get(f"partijen/{register['geheim']['uuid']}").status_code == 404
    changed = loket.patch(f"klantcontacten/{geheim['klantcontact']['uuid']}", {"reactie": "x"})
    assert changed.status_code == 404


def test_a_search_by_bsn_does_not_reveal_a_partij_under_geheimhouding(loket, kcc, register):
    query = {
        "partijIdentificator__codeSoortObjectId": "bsn",
        "partijIdentificator__objectId": bsn(50),
    }
    assert loket.get("partijen", query).json()["count"] == 0
    assert kcc.get("partijen", query).json()["count"] == 1


def test_expansions_leave_confidential_rows_out_too(loket, register):
    partij = loket.get(
        f"partijen/{register['gewoon']['uuid']}", {"expand": "betrokkenen.hadKlantcontact"}
    ).json()
    expanded = partij["_expand"]["betrokkenen"]
    assert [b["uuid"] for b in expanded] == [register["open"]["betrokkene"]["uuid"]]


def test_with_the_scope_everything_is_seen(kcc, register):
    assert len(uuids(kcc.get("klantcontacten"))) == 2
    assert kcc.get(f"partijen/{register['geheim']['uuid']}").status_code == 200


def test_a_client_without_the_scope_still_gets_back_what_it_registers(loket):
    response = loket.post(
        "klantcontacten",
        {"kanaal": "balie", "onderwerp": "Melding", "taal": "nld", "vertrouwelijk": True},
    )
    assert response.status_code == 201
    assert response.json()["vertrouwelijk"] is True
    assert loket.get(f"klantcontacten/{response.json()['uuid']}").status_code == 404
