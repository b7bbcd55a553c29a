"""Both APIs serve what Open Klant 2.18 serves: every key, always.

Consumers written against Open Klant (Open Forms through open-klant-client, KISS, Open
Inwoner) read ``obj["wasPartij"]`` and ``obj["bezoekadres"]["postcode"]``; a key left out
is a KeyError there. The key lists below are Open Klant's (its serializers, as listed in
/work/research/openklant-shape.md and the property lists of tests/specs/*_open-klant-2.18
.yaml); a minimal object of each resource must be served with all of them, unset
references as null and empty texts as "".
"""

from __future__ import annotations

from typing import Any

import pytest

from klantbeeld.demo.numbers import bsn
from tests.support.client import ApiClient

Json = dict[str, Any]

ADRES = [
    "nummeraanduidingId",
    "straatnaam",
    "huisnummer",
    "huisnummertoevoeging",
    "postcode",
    "stad",
    "adresregel1",
    "adresregel2",
    "adresregel3",
    "land",
]
IDENTIFICATOR = ["objectId", "codeObjecttype", "codeRegister", "codeSoortObjectId"]

# Per resource: every key Open Klant serves, the ones that are null on a minimal object,
# and the ones that are "" there although the spec gives them a pattern or format.
SHAPES: dict[str, dict[str, list[str]]] = {
    "partijen": {
        "keys": [
            "uuid",
            "url",
            "nummer",
            "interneNotitie",
            "betrokkenen",
            "categorieRelaties",
            "digitaleAdressen",
            "voorkeursDigitaalAdres",
            "vertegenwoordigden",
            "rekeningnummers",
            "voorkeursRekeningnummer",
            "partijIdentificatoren",
            "soortPartij",
            "indicatieGeheimhouding",
            "voorkeurstaal",
            "indicatieActief",
            "bezoekadres",
            "correspondentieadres",
            "partijIdentificatie",
        ],
        "null": ["voorkeursDigitaalAdres", "voorkeursRekeningnummer"],
        "empty": [],
    },
    "partij-identificatoren": {
        "keys": [
            "uuid",
            "url",
            "identificeerdePartij",
            "anderePartijIdentificator",
            "partijIdentificator",
            "subIdentificatorVan",
        ],
        "null": ["subIdentificatorVan"],
        "empty": [],
    },
    "betrokkenen": {
        "keys": [
            "uuid",
            "url",
            "wasPartij",
            "hadKlantcontact",
            "digitaleAdressen",
            "bezoekadres",
            "correspondentieadres",
            "contactnaam",
            "volledigeNaam",
            "rol",
            "organisatienaam",
            "initiator",
        ],
        "null": ["wasPartij"],
        "empty": [],
    },
    "klantcontacten": {
        "keys": [
            "uuid",
            "url",
            "gingOverOnderwerpobjecten",
            "hadBetrokkenActoren",
            "omvatteBijlagen",
            "hadBetrokkenen",
            "leiddeTotInterneTaken",
            "nummer",
            "referentienummer",
            "kanaal",
            "onderwerp",
            "inhoud",
            "reactie",
            "indicatieContactGelukt",
            "hoofdOnderwerpType",
            "verdereActieOndernomen",
            "taal",
            "vertrouwelijk",
            "plaatsgevondenOp",
            "metadata",
        ],
        "null": ["indicatieContactGelukt"],
        "empty": ["hoofdOnderwerpType"],
    },
    "onderwerpobjecten": {
        "keys": ["uuid", "url", "klantcontact", "wasKlantcontact", "onderwerpobjectidentificator"],
        "null": ["klantcontact", "wasKlantcontact"],
        "empty": [],
    },
    "bijlagen": {
        "keys": ["uuid", "url", "wasBijlageVanKlantcontact", "bijlageidentificator"],
        "null": ["wasBijlageVanKlantcontact"],
        "empty": [],
    },
    "digitaleadressen": {
        "keys": [
            "uuid",
            "url",
            "verstrektDoorBetrokkene",
            "verstrektDoorPartij",
            "adres",
            "soortDigitaalAdres",
            "isStandaardAdres",
            "omschrijving",
            "referentie",
            "verificatieDatum",
        ],
        "null": ["verstrektDoorBetrokkene", "verstrektDoorPartij", "verificatieDatum"],
        "empty": ["referentie"],
    },
    "rekeningnummers": {
        "keys": ["uuid", "url", "partij", "iban", "bic"],
        "null": ["partij"],
        "empty": ["bic"],
    },
    "actoren": {
        "keys": [
            "uuid",
            "url",
            "naam",
            "soortActor",
            "indicatieActief",
            "actoridentificator",
            "actorIdentificatie",
        ],
        "null": ["actorIdentificatie"],
        "empty": [],
    },
    "actorklantcontacten": {
        "keys": ["uuid", "url", "actor", "klantcontact"],
        "null": [],
        "empty": [],
    },
    "internetaken": {
        "keys": [
            "uuid",
            "url",
            "nummer",
            "referentienummer",
            "gevraagdeHandeling",
            "aanleidinggevendKlantcontact",
            "toegewezenAanActor",
            "toegewezenAanActoren",
            "toelichting",
            "status",
            "toegewezenOp",
            "afgehandeldOp",
        ],
        "null": ["afgehandeldOp"],
        "empty": [],
    },
    "categorieen": {"keys": ["uuid", "url", "naam"], "null": [], "empty": []},
    "categorie-relaties": {
        "keys": ["uuid", "url", "partij", "categorie", "beginDatum", "eindDatum"],
        "null": ["partij", "categorie", "eindDatum"],
        "empty": [],
    },
    "vertegenwoordigingen": {
        "keys": ["uuid", "url", "vertegenwoordigendePartij", "vertegenwoordigdePartij"],
        "null": [],
        "empty": [],
    },
    "persoon": {
        "keys": [
            "uuid",
            "url",
            "geboortedatum",
            "overlijdensdatum",
            "geslachtsnaam",
            "geslacht",
            "voorvoegsel",
            "voornamen",
            "adres",
        ],
        "null": ["overlijdensdatum"],
        "empty": [],
    },
    "organisatie": {
        "keys": ["uuid", "url", "handelsnaam", "oprichtingsdatum", "opheffingsdatum", "adres"],
        "null": ["oprichtingsdatum", "opheffingsdatum"],
        "empty": [],
    },
}
# Groups served as objects with every part, "" when empty (huisnummer null).
ADRES_GROUPS = {
    "partijen": ["bezoekadres", "correspondentieadres"],
    "betrokkenen": ["bezoekadres", "correspondentieadres"],
    "persoon": ["adres"],
    "organisatie": ["adres"],
}


def _created(api: ApiClient, collection: str, body: Json) -> Json:
    response = api.post(collection, body)
    assert response.status_code == 201, response
    created: Json = response.json()
    return created


def _persoon(ki: ApiClient) -> Json:
    return _created(
        ki,
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"achternaam": "Jansen"}},
        },
    )


def _klantcontact(ki: ApiClient) -> Json:
    return _created(
        ki,
        "klantcontacten",
        {"kanaal": "telefoon", "onderwerp": "Vraag", "taal": "nld", "vertrouwelijk": False},
    )


def _actor(ki: ApiClient) -> Json:
    return _created(ki, "actoren", {"naam": "Fatima el Amrani", "soortActor": "medewerker"})


def _minimal(collection: str, ki: ApiClient, cg: ApiClient) -> tuple[ApiClient, Json]:
    """A minimal object of ``collection``, made through the API as a consumer would."""
    ref = lambda obj: {"uuid": obj["uuid"]}  # noqa: E731
    bodies: dict[str, Any] = {
        "partijen": lambda: None,
        "partij-identificatoren": lambda: {
            "identificeerdePartij": ref(_persoon(ki)),
            "partijIdentificator": {
                "codeObjecttype": "natuurlijk_persoon",
                "codeSoortObjectId": "bsn",
                "objectId": bsn(1),
                "codeRegister": "brp",
            },
        },
        "betrokkenen": lambda: {
            "hadKlantcontact": ref(_klantcontact(ki)),
            "rol": "klant",
            "initiator": True,
        },
        "klantcontacten": lambda: None,
        "onderwerpobjecten": lambda: {},
        "bijlagen": lambda: {},
        "digitaleadressen": lambda: {"adres": "jan@example.nl", "soortDigitaalAdres": "email"},
        "rekeningnummers": lambda: {"iban": "NL91ABNA0417164300"},
        "actoren": lambda: None,
        "actorklantcontacten": lambda: {
            "actor": ref(_actor(ki)),
            "klantcontact": ref(_klantcontact(ki)),
        },
        "internetaken": lambda: {
            "gevraagdeHandeling": "Terugbellen",
            "aanleidinggevendKlantcontact": ref(_klantcontact(ki)),
            "toegewezenAanActoren": [ref(_actor(ki))],
        },
        "categorieen": lambda: {"naam": "Inwoner"},
        "categorie-relaties": lambda: {},
        "vertegenwoordigingen": lambda: {
            "vertegenwoordigendePartij": ref(_persoon(ki)),
            "vertegenwoordigdePartij": ref(_persoon(ki)),
        },
    }
    if collection == "persoon":
        return cg, _created(cg, "persoon", {"geboortedatum": "1990-01-01", "geslachtsnaam": "B"})
    if collection == "organisatie":
        return cg, _created(cg, "organisatie", {"handelsnaam": "Bakkerij"})
    if collection == "partijen":
        return ki, _persoon(ki)
    if collection == "klantcontacten":
        return ki, _klantcontact(ki)
    if collection == "actoren":
        return ki, _actor(ki)
    return ki, _created(ki, collection, bodies[collection]())


@pytest.mark.parametrize("collection", sorted(SHAPES))
def test_a_minimal_object_is_served_with_every_key_open_klant_serves(
    collection: str, ki: ApiClient, cg: ApiClient
) -> None:
    api, created = _minimal(collection, ki, cg)
    shape = SHAPES[collection]
    for served in (
        created,
        api.get(f"{collection}/{created['uuid']}").json(),
        next(r for r in api.get(collection).json()["results"] if r["uuid"] == created["uuid"]),
    ):
        assert list(served) == shape["keys"]
        for key in shape["null"]:
            assert served[key] is None, key
        for key in shape["empty"]:
            assert served[key] == "", key
        for group in ADRES_GROUPS.get(collection, []):
            assert list(served[group]) == ADRES
            assert served[group]["huisnummer"] is None
            assert all(served[group][part] == "" for part in ADRES if part != "huisnummer")


def test_every_identificator_group_has_all_its_parts(ki: ApiClient) -> None:
    onderwerpobject = _created(ki, "onderwerpobjecten", {})
    bijlage = _created(ki, "bijlagen", {})
    actor = _actor(ki)
    assert onderwerpobject["onderwerpobjectidentificator"] == dict.fromkeys(IDENTIFICATOR, "")
    assert bijlage["bijlageidentificator"] == dict.fromkeys(IDENTIFICATOR, "")
    assert actor["actoridentificator"] == dict.fromkeys(IDENTIFICATOR, "")


def test_a_contactpersoon_without_organisatie_serves_werkte_voor_partij_null(
    ki: ApiClient,
) -> None:
    contactpersoon = _created(
        ki,
        "partijen",
        {
            "soortPartij": "contactpersoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"achternaam": "Jansen"}},
        },
    )
    identificatie = contactpersoon["partijIdentificatie"]
    assert list(identificatie) == ["uuid", "werkteVoorPartij", "contactnaam", "volledigeNaam"]
    assert identificatie["werkteVoorPartij"] is None


def test_expand_of_an_absent_to_one_relation_is_null_and_of_an_empty_list_is_empty(
    ki: ApiClient,
) -> None:
    _created(ki, "digitaleadressen", {"adres": "jan@example.nl", "soortDigitaalAdres": "email"})
    adres = ki.get("digitaleadressen", {"expand": "verstrektDoorBetrokkene"}).json()["results"][0]
    assert adres["_expand"] == {"verstrektDoorBetrokkene": None}
    _persoon(ki)
    partij = ki.get("partijen", {"expand": "digitaleAdressen"}).json()["results"][0]
    assert partij["_expand"] == {"digitaleAdressen": []}


def test_maak_klantcontact_answers_null_for_the_parts_not_sent(ki: ApiClient) -> None:
    klantcontact = {"kanaal": "Webformulier", "onderwerp": "Vraag", "taal": "nld"}
    answer = ki.post(
        "maak-klantcontact", {"klantcontact": {**klantcontact, "vertrouwelijk": False}}
    )
    assert answer.status_code == 201, answer
    body = answer.json()
    assert list(body) == ["klantcontact", "betrokkene", "onderwerpobject"]
    assert body["betrokkene"] is None
    assert body["onderwerpobject"] is None
    assert list(body["klantcontact"]) == SHAPES["klantcontacten"]["keys"]


def test_an_actor_without_actor_identificatie_is_stored_and_served_as_null(ki: ApiClient) -> None:
    # KISS registers the employee who handled a contact by name and identificator only.
    actor = _created(
        ki,
        "actoren",
        {
            "naam": "Fatima el Amrani",
            "soortActor": "medewerker",
            "actoridentificator": {
                "objectId": "fel001",
                "codeObjecttype": "mdw",
                "codeRegister": "msei",
                "codeSoortObjectId": "email",
            },
        },
    )
    assert actor["actorIdentificatie"] is None
    read = ki.get(f"actoren/{actor['uuid']}").json()
    assert read["actorIdentificatie"] is None
    assert read["actoridentificator"]["objectId"] == "fel001"


# -- errors ------------------------------------------------------------------------------------


def _problem(response: Any, status: int, type_: str, code: str, title: str) -> Json:
    assert response.status_code == status, response
    assert response.headers["Content-Type"] == "application/json"
    body: Json = response.json()
    assert body["type"].endswith(f"/ref/fouten/{type_}/")
    assert (body["code"], body["title"], body["status"]) == (code, title, status)
    assert body["instance"].startswith("urn:uuid:")
    return body


def test_a_validation_error_has_open_klants_title(ki: ApiClient) -> None:
    body = _problem(
        ki.post("klantcontacten", {}), 400, "ValidationError", "invalid", "Ongeldige invoerwaarde."
    )
    assert body["detail"] == "Ongeldige invoerwaarde."
    assert {p["name"] for p in body["invalidParams"]} >= {"kanaal", "onderwerp", "taal"}


def test_a_body_that_is_not_json_is_a_parse_error(ki: ApiClient) -> None:
    _problem(
        ki.request("POST", "klantcontacten", raw=b"{niet json"),
        400,
        "ParseError",
        "parse_error",
        "Ongeldig samengestelde request.",
    )


@pytest.mark.parametrize("api", ["klantinteracties", "contactgegevens"])
def test_without_authorization_the_title_says_none_was_given(api: str, db: None) -> None:
    anonymous = ApiClient(f"/{api}/api/v1", None, validate=False)
    collection = "partijen" if api == "klantinteracties" else "persoon"
    response = anonymous.get(collection)
    body = _problem(
        response,
        401,
        "NotAuthenticated",
        "not_authenticated",
        "Authenticatiegegevens zijn niet opgegeven.",
    )
    assert body["detail"] == "Authenticatiegegevens zijn niet opgegeven."
    assert response.headers["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(
    ("authorization", "detail"),
    [
        ("Token onbekend", "Ongeldige token."),
        ("Bearer ey.onzin.jwt", "Ongeldige JWT"),
        ("Basic dXNlcjpwdw==", "Ongeldige Authorization header"),
    ],
)
def test_a_wrong_authorization_has_a_title_that_says_so(
    authorization: str, detail: str, db: None
) -> None:
    client = ApiClient("/klantinteracties/api/v1", authorization, validate=False)
    body = _problem(
        client.get("partijen"),
        401,
        "AuthenticationFailed",
        "authentication_failed",
        "Ongeldige authenticatiegegevens.",
    )
    assert body["detail"].startswith(detail)


def test_not_found_and_method_not_allowed_have_open_klants_titles(ki: ApiClient) -> None:
    _problem(
        ki.get("partijen/00000000-0000-0000-0000-000000000000"),
        404,
        "NotFound",
        "not_found",
        "Niet gevonden.",
    )
    body = _problem(
        ki.request("DELETE", "partijen"),
        405,
        "MethodNotAllowed",
        "method_not_allowed",
        'Methode "{method}" niet toegestaan.',
    )
    assert body["detail"] == 'Methode "DELETE" niet toegestaan.'


def test_a_missing_scope_is_a_403_with_open_klants_title(db: None) -> None:
    from klantbeeld.api.clients.models import ApiClient as ApiClientModel

    lezer = ApiClientModel(naam="Lezer", client_id="lezer", scopes=["klantinteracties.lezen"])
    token = lezer.new_token()
    lezer.save()
    client = ApiClient("/klantinteracties/api/v1", f"Token {token}", validate=False)
    body = _problem(
        client.post("klantcontacten", {}),
        403,
        "PermissionDenied",
        "permission_denied",
        "Je hebt geen toestemming om deze actie uit te voeren.",
    )
    assert "klantinteracties.schrijven" in body["detail"]


def test_the_verwerkingenlogging_api_keeps_its_standards_media_type(db: None) -> None:
    anonymous = ApiClient("/verwerkingenlogging/api/v1", None, validate=False)
    response = anonymous.get("verwerkingsacties")
    assert response.status_code == 401
    assert response.headers["Content-Type"] == "application/problem+json"
