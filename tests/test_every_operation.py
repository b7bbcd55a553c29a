"""Every operation of both upstream documents, called once with valid input, answers
2xx with a body that the upstream document accepts (the test clients validate it); and
every operation of Klantbeeld's own intake API, whose document is the one it serves."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from klantbeeld.demo.numbers import bsn
from tests.intake.conftest import INTAKE, PDF, IntakeClient, applicatie, kcc, register, zgw
from tests.intake.test_brieven import brief
from tests.intake.test_formulieren import formulier, stuur
from tests.support.client import ApiClient, ApiResponse
from tests.support.spec import SPECS, served_document

# Fixtures of the intake API's tests, used here as well.
__all__ = ["applicatie", "kcc", "register", "zgw"]

pytestmark = pytest.mark.django_db

_counter = itertools.count(1)


def _create(api: ApiClient, collection: str) -> dict[str, Any]:
    response = api.post(collection, BODIES[collection](api))
    assert response.status_code == 201, response
    return response.json()


def _ref(api: ApiClient, collection: str) -> dict[str, str]:
    return {"uuid": _create(api, collection)["uuid"]}


def _partij(api: ApiClient) -> dict[str, Any]:
    return {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "partijIdentificatie": {"contactnaam": {"voornaam": "Test", "achternaam": "Persoon"}},
    }


def _klantcontact(api: ApiClient) -> dict[str, Any]:
    return {"kanaal": "telefoon", "onderwerp": "Vraag", "taal": "nld", "vertrouwelijk": False}


def _actor(api: ApiClient) -> dict[str, Any]:
    return {
        "naam": f"Medewerker {next(_counter)}",
        "soortActor": "medewerker",
        "actorIdentificatie": {"functie": "KCC", "telefoonnummer": "0201234567"},
    }


BODIES: dict[str, Callable[[ApiClient], dict[str, Any]]] = {
    "partijen": _partij,
    "partij-identificatoren": lambda api: {
        "identificeerdePartij": _ref(api, "partijen"),
        "partijIdentificator": {
            "codeObjecttype": "natuurlijk_persoon",
            "codeSoortObjectId": "bsn",
            "objectId": bsn(next(_counter)),
            "codeRegister": "brp",
        },
    },
    "digitaleadressen": lambda api: {
        "verstrektDoorPartij": _ref(api, "partijen"),
        "adres": "test@example.nl",
        "soortDigitaalAdres": "email",
    },
    "rekeningnummers": lambda api: {
        "partij": _ref(api, "partijen"),
        "iban": "NL91ABNA0417164300",
        "bic": "ABNANL2A",
    },
    "vertegenwoordigingen": lambda api: {
        "vertegenwoordigendePartij": _ref(api, "partijen"),
        "vertegenwoordigdePartij": _ref(api, "partijen"),
    },
    "categorieen": lambda api: {"naam": f"Categorie {next(_counter)}"},
    "categorie-relaties": lambda api: {
        "partij": _ref(api, "partijen"),
        "categorie": _ref(api, "categorieen"),
        "beginDatum": "2026-01-01",
    },
    "actoren": _actor,
    "klantcontacten": _klantcontact,
    "betrokkenen": lambda api: {
        "hadKlantcontact": _ref(api, "klantcontacten"),
        "wasPartij": _ref(api, "partijen"),
        "rol": "klant",
        "initiator": True,
    },
    "onderwerpobjecten": lambda api: {
        "klantcontact": _ref(api, "klantcontacten"),
        "onderwerpobjectidentificator": {
            "objectId": "5b7d3c2e-1111-4a4a-9b9b-000000000001",
            "codeObjecttype": "zgw-Zaak",
            "codeRegister": "openzaak",
            "codeSoortObjectId": "uuid",
        },
    },
    "bijlagen": lambda api: {
        "wasBijlageVanKlantcontact": _ref(api, "klantcontacten"),
        "bijlageidentificator": {
            "objectId": "5b7d3c2e-2222-4a4a-9b9b-000000000002",
            "codeObjecttype": "zgw-EnkelvoudigInformatieObject",
            "codeRegister": "openzaak",
            "codeSoortObjectId": "uuid",
        },
    },
    "actorklantcontacten": lambda api: {
        "actor": _ref(api, "actoren"),
        "klantcontact": _ref(api, "klantcontacten"),
    },
    "internetaken": lambda api: {
        "gevraagdeHandeling": "Terugbellen",
        "aanleidinggevendKlantcontact": _ref(api, "klantcontacten"),
        "toegewezenAanActoren": [_ref(api, "actoren")],
        "status": "te_verwerken",
    },
    "maak-klantcontact": lambda api: {
        "klantcontact": _klantcontact(api),
        "betrokkene": {"wasPartij": _ref(api, "partijen"), "rol": "klant", "initiator": True},
    },
    "persoon": lambda api: {"geboortedatum": "1980-05-17", "geslachtsnaam": "Jansen"},
    "organisatie": lambda api: {"handelsnaam": "Bakkerij De Korst"},
}


def _operations(filename: str) -> list[tuple[str, str]]:
    document = yaml.safe_load((SPECS / filename).read_text())
    return [
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


OPERATIONS = [
    ("ki", method, path)
    for method, path in _operations("klantinteracties-0.9.0_open-klant-2.18.yaml")
] + [
    ("cg", method, path)
    for method, path in _operations("contactgegevens-1.1.1_open-klant-2.18.yaml")
]


def test_both_documents_are_covered():
    assert len(OPERATIONS) == 85 + 12


@pytest.mark.parametrize(("api_name", "method", "path"), OPERATIONS)
def test_operation_answers_as_the_spec_says(request, api_name, method, path):
    api: ApiClient = request.getfixturevalue(api_name)
    collection = path.strip("/").split("/")[0]
    if "{uuid}" not in path:
        if method == "GET":
            _create(api, collection)
            response = api.get(collection)
            assert response.json()["count"] >= 1
        else:
            response = api.post(collection, BODIES[collection](api))
        assert response.status_code in {200, 201}, response
        return
    obj = _create(api, collection)
    target = f"{collection}/{obj['uuid']}"
    if method == "GET":
        response = api.get(target)
        assert response.json()["uuid"] == obj["uuid"]
    elif method == "PUT":
        response = api.put(target, BODIES[collection](api))
    elif method == "PATCH":
        response = api.patch(target, {})
    else:
        response = api.delete(target)
        assert response.status_code == 204, response
        assert api.get(target).status_code == 404
        return
    assert response.status_code == 200, response


# -- the intake API ---------------------------------------------------------------------------

INTAKE_CALLS: dict[str, Callable[[IntakeClient], ApiResponse]] = {
    "brief_create": lambda api: api.form(
        "brieven", "brief", brief(), {"bestand": [("brief.pdf", PDF)]}
    ),
    "contactformulier_create": lambda api: stuur(api, formulier(api)),
    "contactformuliertoken_read": lambda api: api.get("contactformulieren/token"),
}


def test_the_intake_document_is_covered():
    document = served_document(INTAKE)
    served = {
        operation["operationId"]
        for item in document["paths"].values()
        for operation in item.values()
    }
    assert served == set(INTAKE_CALLS)


@pytest.mark.parametrize("operation_id", sorted(INTAKE_CALLS))
def test_intake_operation_answers_as_its_document_says(
    operation_id, applicatie, kcc, register, settings
):
    from django.core.cache import cache

    cache.clear()  # rate limits counted by other tests in this process
    settings.KLANTBEELD_INTAKE_TOKEN_MIN_SECONDEN = 0
    api = applicatie("Alles", "intake.brieven", "intake.formulieren")
    response = INTAKE_CALLS[operation_id](api)
    assert response.status_code in {200, 201}, response
