"""The OpenAPI documents Klantbeeld serves describe what it really serves.

Every response the ``ki``/``cg`` test clients receive is validated against these documents
(tests/support/spec.py). The tests here check the documents themselves, that the check in
the test clients catches what it is meant to catch, and they call every expansion with
content, so the documentation of ``_expand`` is exercised by the check.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import orjson
import pytest
import yaml
from django.test import Client
from openapi_spec_validator import validate

from klantbeeld.demo.numbers import bsn
from tests.support.client import ApiClient
from tests.support.spec import API_SPECS, SPECS, served_document, validate_served_response

Json = dict[str, Any]

KI = "/klantinteracties/api/v1"
CG = "/contactgegevens/api/v1"
INTAKE = "/intake/api/v1"
# The APIs of a standard, whose upstream documents name their operations.
STANDARD_APIS = [KI, CG]
APIS = [*STANDARD_APIS, INTAKE]


# -- the documents ---------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", APIS)
def test_served_document_is_valid_openapi_3_1(prefix: str) -> None:
    document = Client().get(f"{prefix}/schema").json()
    assert document["openapi"].startswith("3.1")
    validate(document)


@pytest.mark.parametrize("prefix", APIS)
def test_json_and_yaml_are_the_same_document(prefix: str) -> None:
    client = Client()
    as_json = client.get(f"{prefix}/schema").json()
    text = client.get(f"{prefix}/schema/openapi.yaml").content.decode()
    assert yaml.safe_load(text) == as_json
    assert "&id0" not in text, "YAML aliases make the document hard to read"


@pytest.mark.parametrize("prefix", STANDARD_APIS)
def test_operations_have_the_upstream_operation_ids_and_summaries(prefix: str) -> None:
    upstream = yaml.safe_load((SPECS / API_SPECS[prefix]).read_text())
    assert _operations(served_document(prefix)) == _operations(upstream)


def _operations(document: Json) -> dict[tuple[str, str], tuple[str, str]]:
    return {
        (path, method): (operation["operationId"], operation.get("summary", ""))
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if isinstance(operation, dict) and "operationId" in operation
    }


@pytest.mark.parametrize("prefix", APIS)
def test_every_answer_documents_the_api_version_header_and_its_problems(prefix: str) -> None:
    for path, item in served_document(prefix)["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert {"400", "401", "403", "404", "406", "500"} <= set(responses), (path, method)
            assert ("415" in responses) == (method in {"post", "put", "patch"}), (path, method)
            for response in responses.values():
                assert response["headers"]["API-version"]["required"] is True


def test_responses_use_the_api_names_not_the_python_names() -> None:
    schemas = served_document(KI)["components"]["schemas"]
    assert "interneNotitie" in schemas["PartijOut"]["properties"]
    assert "_expand" in schemas["ExpandPartijOut"]["properties"]
    assert "interne_notitie" not in schemas["PartijOut"]["properties"]


# -- the check in the test clients catches what it should -----------------------------------


@pytest.fixture
def partij(ki: ApiClient) -> Json:
    return _create(ki, "partijen", _persoon("Jan", "Jansen"))


def _check(path: str, body: Json | bytes, *, status: int = 200, **kwargs: Any) -> None:
    data = body if isinstance(body, bytes) else orjson.dumps(body)
    validate_served_response(
        kwargs.get("method", "GET"),
        f"{KI}/{path}",
        {},
        kwargs.get("request", b""),
        "application/json",
        status,
        data,
        "application/json",
        response_headers=kwargs.get("headers", {"API-version": "0.9.0"}),
    )


def test_the_check_accepts_what_is_served(partij: Json) -> None:
    _check(f"partijen/{partij['uuid']}", partij)


def test_an_undocumented_attribute_breaks_the_document(partij: Json) -> None:
    with pytest.raises(AssertionError, match="'nieuw' was unexpected"):
        _check(f"partijen/{partij['uuid']}", partij | {"nieuw": 1})


def test_a_missing_required_attribute_breaks_the_document(partij: Json) -> None:
    del partij["interneNotitie"]
    with pytest.raises(AssertionError, match="'interneNotitie' is a required property"):
        _check(f"partijen/{partij['uuid']}", partij)


def test_a_null_that_is_not_documented_breaks_the_document(partij: Json) -> None:
    # References are documented nullable (Open Klant serves null); a text is not.
    _check(f"partijen/{partij['uuid']}", partij | {"voorkeursDigitaalAdres": None})
    with pytest.raises(AssertionError, match="interneNotitie"):
        _check(f"partijen/{partij['uuid']}", partij | {"interneNotitie": None})


def test_an_identificatie_of_two_shapes_breaks_the_document(partij: Json) -> None:
    partij["partijIdentificatie"]["naam"] = "Jansen BV"
    with pytest.raises(AssertionError, match="partijIdentificatie"):
        _check(f"partijen/{partij['uuid']}", partij)


def test_an_undocumented_error_status_breaks_the_document(partij: Json) -> None:
    problem = _problem(409)
    with pytest.raises(AssertionError, match="409"):
        _check(f"partijen/{partij['uuid']}", problem, status=409)


def test_an_error_body_must_be_the_documented_problem() -> None:
    _check("partijen", _problem(404), status=404)
    with pytest.raises(AssertionError, match="'instance' is a required property"):
        _check("partijen", {k: v for k, v in _problem(404).items() if k != "instance"}, status=404)
    with pytest.raises(AssertionError, match="'invalidParams' is a required property"):
        _check("partijen", _problem(400), status=400)


def test_an_error_on_an_undocumented_path_must_be_a_problem_too() -> None:
    _check("bestaat-niet", _problem(404), status=404)
    with pytest.raises(AssertionError, match="'title' is a required property"):
        _check("bestaat-niet", {"status": 404}, status=404)


def test_a_missing_version_header_breaks_the_document(partij: Json) -> None:
    with pytest.raises(AssertionError, match="API-version"):
        _check(f"partijen/{partij['uuid']}", partij, headers={})


def test_an_accepted_request_the_document_would_refuse_breaks_it(ki: ApiClient) -> None:
    served = _create(ki, "rekeningnummers", {"iban": "NL91ABNA0417164300"})
    # As if the API had taken a BIC of three characters, which the document refuses.
    body = orjson.dumps({"iban": "NL91ABNA0417164300", "bic": "ABC"})
    with pytest.raises(AssertionError, match="was accepted"):
        _check("rekeningnummers", served, status=201, method="POST", request=body)


def _problem(status: int) -> Json:
    return {
        "type": "http://testserver/ref/fouten/X/",
        "code": "x",
        "title": "X",
        "status": status,
        "detail": "X",
        "instance": "urn:uuid:00000000-0000-0000-0000-000000000000",
    }


# -- what the request documents promise is what the API accepts ----------------------------


def test_an_iban_with_spaces_and_an_empty_bic_are_documented_as_accepted(ki: ApiClient) -> None:
    # The client checks every accepted request against the document: these were refused
    # by the documented pattern (no spaces) and minLength (8) while the API takes them.
    served = _create(ki, "rekeningnummers", {"iban": "nl91 abna 0417 1643 00", "bic": ""})
    assert served["iban"] == "NL91ABNA0417164300"
    assert served["bic"] == ""
    served = _create(ki, "rekeningnummers", {"iban": "NL91ABNA0417164300", "bic": " abnanl2a "})
    assert served["bic"] == "ABNANL2A"


# -- polymorphic attributes -----------------------------------------------------------------


def _fitting_variants(schema_name: str, attribute: str, value: Json) -> int:
    """How many of the oneOf shapes of ``attribute`` a plain JSON Schema validator (no
    discriminator, unknown attributes allowed unless the shape says otherwise) accepts."""
    document = served_document(KI)
    shapes = document["components"]["schemas"][schema_name]["properties"][attribute]["oneOf"]
    return sum(
        jsonschema.Draft202012Validator({**shape, "components": document["components"]}).is_valid(
            value
        )
        for shape in shapes
    )


def test_each_partij_identificatie_fits_exactly_one_documented_shape(
    ki: ApiClient, partij: Json
) -> None:
    organisatie = _create(
        ki,
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "Bakkerij De Korst"},
        },
    )
    contactpersoon = _create(
        ki,
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
    for served in (partij, organisatie, contactpersoon):
        identificatie = served["partijIdentificatie"]
        assert _fitting_variants("PartijOut", "partijIdentificatie", identificatie) == 1


def test_each_actor_identificatie_fits_exactly_one_documented_shape(ki: ApiClient) -> None:
    actors = [
        _create(ki, "actoren", body)
        for body in (
            {
                "naam": "Mila",
                "soortActor": "medewerker",
                "actorIdentificatie": {
                    "functie": "KCC",
                    "emailadres": "mila@gemeente.example",
                    "telefoonnummer": "0201234567",
                },
            },
            {
                "naam": "Chatbot",
                "soortActor": "geautomatiseerde_actor",
                "actorIdentificatie": {"functie": "chat", "omschrijving": "Digitale assistent"},
            },
            {
                "naam": "Team Burgerzaken",
                "soortActor": "organisatorische_eenheid",
                "actorIdentificatie": {"omschrijving": "Burgerzaken", "faxnummer": ""},
            },
        )
    ]
    for actor in actors:
        identificatie = actor["actorIdentificatie"]
        assert _fitting_variants("ActorOut", "actorIdentificatie", identificatie) == 1


# -- every expansion, with content, through the checking client ----------------------------


@pytest.fixture
def everything(ki: ApiClient, partij: Json) -> Json:
    """A klantcontact with a betrokkene (a partij), digital address, onderwerpobject,
    bijlage, actor and interne taak, and a partij in a categorie: something for every
    expansion to show."""
    ref = {"uuid": partij["uuid"]}
    klantcontact = _create(
        ki,
        "klantcontacten",
        {"kanaal": "telefoon", "onderwerp": "Afval", "taal": "nld", "vertrouwelijk": False},
    )
    contact_ref = {"uuid": klantcontact["uuid"]}
    actor = _create(
        ki,
        "actoren",
        {
            "naam": "Mila",
            "soortActor": "medewerker",
            "actorIdentificatie": {"functie": "KCC", "telefoonnummer": "0201234567"},
        },
    )
    _create(
        ki, "actorklantcontacten", {"actor": {"uuid": actor["uuid"]}, "klantcontact": contact_ref}
    )
    betrokkene = _create(
        ki,
        "betrokkenen",
        {"hadKlantcontact": contact_ref, "wasPartij": ref, "rol": "klant", "initiator": True},
    )
    onbekende = _create(
        ki, "betrokkenen", {"hadKlantcontact": contact_ref, "rol": "klant", "initiator": False}
    )
    adres = _create(
        ki,
        "digitaleadressen",
        {
            "verstrektDoorBetrokkene": {"uuid": betrokkene["uuid"]},
            "verstrektDoorPartij": ref,
            "adres": "jan@example.nl",
            "soortDigitaalAdres": "email",
            "referentie": "opvolging",
        },
    )
    _create(
        ki,
        "onderwerpobjecten",
        {
            "klantcontact": contact_ref,
            "onderwerpobjectidentificator": {
                "objectId": "1",
                "codeObjecttype": "zaak",
                "codeRegister": "openzaak",
                "codeSoortObjectId": "uuid",
            },
        },
    )
    _create(ki, "bijlagen", {"wasBijlageVanKlantcontact": contact_ref})
    _create(
        ki,
        "internetaken",
        {
            "gevraagdeHandeling": "Terugbellen",
            "aanleidinggevendKlantcontact": contact_ref,
            "toegewezenAanActoren": [{"uuid": actor["uuid"]}],
        },
    )
    categorie = _create(ki, "categorieen", {"naam": "VIP"})
    _create(ki, "categorie-relaties", {"partij": ref, "categorie": {"uuid": categorie["uuid"]}})
    _create(
        ki,
        "partij-identificatoren",
        {
            "identificeerdePartij": ref,
            "partijIdentificator": {
                "codeObjecttype": "natuurlijk_persoon",
                "codeSoortObjectId": "bsn",
                "objectId": bsn(1),
                "codeRegister": "brp",
            },
        },
    )
    return {
        "partij": partij,
        "klantcontact": klantcontact,
        "betrokkene": betrokkene,
        "onbekende": onbekende,
        "adres": adres,
    }


def _expanded(ki: ApiClient, collection: str, uuid: str, expand: str) -> Json:
    response = ki.get(f"{collection}/{uuid}", {"expand": expand})
    assert response.status_code == 200, response
    listed = ki.get(collection, {"expand": expand})
    assert listed.status_code == 200, listed
    body: Json = response.json()["_expand"]
    return body


def test_partij_expansions_are_documented(ki: ApiClient, everything: Json) -> None:
    expand = _expanded(
        ki,
        "partijen",
        everything["partij"]["uuid"],
        "betrokkenen,betrokkenen.hadKlantcontact,categorieRelaties,digitaleAdressen",
    )
    assert (
        expand["betrokkenen"][0]["_expand"]["hadKlantcontact"]["uuid"]
        == (everything["klantcontact"]["uuid"])
    )
    assert expand["categorieRelaties"] and expand["digitaleAdressen"]


def test_klantcontact_expansions_are_documented(ki: ApiClient, everything: Json) -> None:
    expand = _expanded(
        ki,
        "klantcontacten",
        everything["klantcontact"]["uuid"],
        "gingOverOnderwerpobjecten,hadBetrokkenen,hadBetrokkenen.digitaleAdressen,"
        "hadBetrokkenen.wasPartij,leiddeTotInterneTaken,omvatteBijlagen",
    )
    partijen = [b["_expand"]["wasPartij"] for b in expand["hadBetrokkenen"]]
    assert None in partijen  # the betrokkene that was no known partij
    assert {p["uuid"] for p in partijen if p} == {everything["partij"]["uuid"]}
    assert any(b["_expand"]["digitaleAdressen"] for b in expand["hadBetrokkenen"])
    for name in ("gingOverOnderwerpobjecten", "leiddeTotInterneTaken", "omvatteBijlagen"):
        assert expand[name], name


def test_betrokkene_expansions_are_documented(ki: ApiClient, everything: Json) -> None:
    expand = _expanded(ki, "betrokkenen", everything["betrokkene"]["uuid"], "digitaleAdressen")
    assert expand["digitaleAdressen"][0]["uuid"] == everything["adres"]["uuid"]


def test_digitaal_adres_expansions_are_documented(ki: ApiClient, everything: Json) -> None:
    expand = _expanded(
        ki,
        "digitaleadressen",
        everything["adres"]["uuid"],
        "verstrektDoorBetrokkene.hadKlantcontact.leiddeTotInterneTaken",
    )
    klantcontact = expand["verstrektDoorBetrokkene"]["_expand"]["hadKlantcontact"]
    assert klantcontact["_expand"]["leiddeTotInterneTaken"]


def test_maak_klantcontact_is_documented_with_and_without_its_parts(ki: ApiClient) -> None:
    klantcontact = {
        "kanaal": "balie",
        "onderwerp": "Paspoort",
        "taal": "nld",
        "vertrouwelijk": False,
    }
    alone = ki.post("maak-klantcontact", {"klantcontact": klantcontact})
    assert alone.status_code == 201, alone
    assert alone.json()["betrokkene"] is None
    assert alone.json()["onderwerpobject"] is None
    whole = ki.post(
        "maak-klantcontact",
        {
            "klantcontact": klantcontact,
            "betrokkene": {"rol": "klant", "initiator": True},
            "onderwerpobject": {},
        },
    )
    assert whole.status_code == 201, whole
    assert set(whole.json()) == {"klantcontact", "betrokkene", "onderwerpobject"}


def _persoon(voornaam: str, achternaam: str) -> Json:
    return {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "partijIdentificatie": {"contactnaam": {"voornaam": voornaam, "achternaam": achternaam}},
    }


def _create(api: ApiClient, collection: str, body: Json) -> Json:
    response = api.post(collection, body)
    assert response.status_code == 201, response
    created: Json = response.json()
    return created
