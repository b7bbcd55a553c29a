"""R12 on every path, generated from the APIs' own lists: for an API client without the
scope ``klantinteracties.vertrouwelijk`` a hidden row does not exist.

"Does not exist" is tested literally: the client's answer in a register with hidden rows
must be the same, byte for byte, as its answer once every hidden row is removed from the
register. That holds for every filter of every list (the parameters come from the served
OpenAPI documents), every expansion of every collection (from the resources) and every
reference and key list (every visible object is read back with all its expansions). A
client with the scope must see a difference, which shows each probe touches a hidden row.

A filter added later is picked up here by itself; the test then fails until ``VALUES``
says which value makes that filter match the hidden rows of ``register``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any
from uuid import UUID, uuid4

import pytest
from django.db.models import Model
from django.utils import timezone

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.api.common.resources import all_resources
from klantbeeld.api.contactgegevens import api as contactgegevens_api
from klantbeeld.api.klantinteracties import api as klantinteracties_api
from klantbeeld.demo.numbers import bsn, kvk_nummer, vestigingsnummer
from klantbeeld.domain import models as m
from klantbeeld.domain.confidentiality import hidden_condition
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db

KI = "/klantinteracties/api/v1"
BASIS = ["klantinteracties.lezen", "klantinteracties.schrijven", "contactgegevens.lezen"]

BSN = bsn(66)
KVK = kvk_nummer(66)
NUMMER = "0000000666"
DAG = datetime.date(2020, 2, 2)
MOMENT = datetime.datetime(2020, 2, 2, 10, 0, tzinfo=datetime.UTC)


def _client(naam: str, scopes: list[str]) -> ApiClient:
    client = ApiClientModel(naam=naam, client_id=naam.lower(), scopes=scopes)
    token = client.new_token()
    client.save()
    # Responses are compared as they come; the shape is other tests' business.
    return ApiClient(KI, f"Token {token}", validate=False)


@pytest.fixture
def loket() -> ApiClient:
    return _client("Loket", BASIS)


@pytest.fixture
def kcc() -> ApiClient:
    return _client("KCC", [*BASIS, "klantinteracties.vertrouwelijk"])


# -- the register -------------------------------------------------------------------------


def _identificator(partij: m.Partij | None, soort: str, object_id: str, **extra: Any) -> Any:
    objecttype, register = {
        "bsn": ("natuurlijk_persoon", "brp"),
        "kvk_nummer": ("niet_natuurlijk_persoon", "hr"),
        "vestigingsnummer": ("vestiging", "hr"),
    }[soort]
    return m.PartijIdentificator.objects.create(
        identificeerde_partij=partij,
        partij_identificator_code_objecttype=objecttype,
        partij_identificator_code_soort_object_id=soort,
        partij_identificator_object_id=object_id,
        partij_identificator_code_register=register,
        **extra,
    )


def _adres(prefix: str) -> dict[str, str]:
    return {
        f"{prefix}_adresregel1": "Geheimlaan 1",
        f"{prefix}_adresregel2": "Geheimlaan 2",
        f"{prefix}_adresregel3": "Geheimlaan 3",
        f"{prefix}_land": "ZZ",
        f"{prefix}_nummeraanduiding_id": "0363200000000666",
    }


def _identificatie(prefix: str, value: str) -> dict[str, str]:
    return {
        f"{prefix}_object_id": value,
        f"{prefix}_code_objecttype": f"{value}-type",
        f"{prefix}_code_register": f"{value}-register",
        f"{prefix}_code_soort_object_id": f"{value}-soort",
    }


@pytest.fixture
def register() -> dict[str, Any]:
    """Visible rows, and hidden ones of every kind, each with values no visible row has:

    a secret person (S) with identificator, address, account, category, representations
    both ways; a secret organisation (SO) with a contactpersoon and a vestigingsnummer a
    visible partij holds under its KVK number; an open contact with S as betrokkene (KS);
    a confidential contact (C) with a visible partij, onderwerpobject, bijlage, actor and
    task; onderwerpobjecten linking a visible contact (K) to C both ways.
    """
    w: dict[str, Any] = {}
    gewoon = m.Partij.objects.create(
        soort_partij="persoon", indicatie_actief=True, contactnaam_voornaam="Gewoon"
    )
    w["G"] = gewoon
    w["S"] = s = m.Partij.objects.create(
        soort_partij="persoon",
        indicatie_actief=True,
        indicatie_geheimhouding=True,
        nummer=NUMMER,
        contactnaam_voornaam="Geheime",
        contactnaam_achternaam="Persoon",
        **_adres("bezoekadres"),
        **_adres("correspondentieadres"),
    )
    w["S_bsn"] = _identificator(s, "bsn", BSN, andere_partij_identificator="geheim-id")
    w["SO"] = so = m.Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, indicatie_geheimhouding=True, naam="SO"
    )
    w["SO_kvk"] = kvk = _identificator(so, "kvk_nummer", KVK)
    _identificator(so, "vestigingsnummer", vestigingsnummer(66), sub_identificator_van=kvk)
    w["V2"] = v2 = m.Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Vestiging"
    )
    _identificator(v2, "vestigingsnummer", vestigingsnummer(67), sub_identificator_van=kvk)
    w["CP"] = m.Partij.objects.create(
        soort_partij="contactpersoon",
        indicatie_actief=True,
        werkte_voor_partij=so,
        contactnaam_voornaam="Contact",
    )
    w["A_S"] = m.DigitaalAdres.objects.create(
        verstrekt_door_partij=s,
        adres="geheim@example.nl",
        soort_digitaal_adres="email",
        is_standaard_adres=True,
        omschrijving="geheim",
        referentie="geheim",
        verificatie_datum=DAG,
    )
    w["R_S"] = m.Rekeningnummer.objects.create(partij=s, iban="NL66GEHE0123456789", bic="GEHENL2A")
    w["cat"] = cat = m.Categorie.objects.create(naam="Geheimcategorie")
    m.CategorieRelatie.objects.create(
        partij=s, categorie=cat, begin_datum=DAG, eind_datum=datetime.date(2030, 2, 2)
    )
    w["V"] = v = m.Partij.objects.create(
        soort_partij="persoon", indicatie_actief=True, contactnaam_voornaam="Vertegenwoordiger"
    )
    m.Vertegenwoordigden.objects.create(vertegenwoordigende_partij=v, vertegenwoordigde_partij=s)
    m.Vertegenwoordigden.objects.create(vertegenwoordigende_partij=s, vertegenwoordigde_partij=v)
    w["X"] = actor = m.Actor.objects.create(naam="Behandelaar", soort_actor="medewerker")

    def contact(naam: str, vertrouwelijk: bool, **extra: Any) -> m.Klantcontact:
        return m.Klantcontact.objects.create(
            kanaal=f"{naam}kanaal",
            onderwerp=f"{naam} gesprek",
            inhoud=f"{naam} inhoud",
            reactie=f"{naam} reactie",
            taal="nld",
            vertrouwelijk=vertrouwelijk,
            indicatie_contact_gelukt=True,
            **extra,
        )

    w["K"] = k = contact("open", False, plaatsgevonden_op=timezone.now())
    m.Betrokkene.objects.create(had_klantcontact=k, was_partij=gewoon, rol="klant", initiator=True)
    w["KS"] = ks = contact(
        "geheim", False, nummer=NUMMER, referentienummer="0000000667", plaatsgevonden_op=MOMENT
    )
    w["BS"] = bs = m.Betrokkene.objects.create(
        had_klantcontact=ks,
        was_partij=s,
        rol="klant",
        initiator=True,
        organisatienaam="Geheim BV",
        contactnaam_voorletters="G",
        contactnaam_voornaam="Geheime",
        contactnaam_voorvoegsel_achternaam="van",
        contactnaam_achternaam="Persoon",
    )
    w["A_B"] = m.DigitaalAdres.objects.create(
        verstrekt_door_betrokkene=bs,
        adres="betrokkene-geheim@example.nl",
        soort_digitaal_adres="email",
    )
    w["C"] = c = contact("vertrouwelijk", True, nummer="0000000665", referentienummer="0000000668")
    bc = m.Betrokkene.objects.create(
        had_klantcontact=c, was_partij=gewoon, rol="klant", initiator=True
    )
    # An address G gave, also given on the confidential contact: G's preferred one.
    gewoon.voorkeurs_digitaal_adres = m.DigitaalAdres.objects.create(
        verstrekt_door_partij=gewoon,
        verstrekt_door_betrokkene=bc,
        adres="gedeeld@example.nl",
        soort_digitaal_adres="email",
    )
    gewoon.save()
    w["OC"] = m.Onderwerpobject.objects.create(
        klantcontact=c, **_identificatie("onderwerpobjectidentificator", "geheim-object")
    )
    w["OW"] = m.Onderwerpobject.objects.create(klantcontact=k, was_klantcontact=c)
    w["OW2"] = m.Onderwerpobject.objects.create(
        klantcontact=c,
        was_klantcontact=k,
        **_identificatie("onderwerpobjectidentificator", "geheim-was"),
    )
    w["BijC"] = m.Bijlage.objects.create(
        was_bijlage_van_klantcontact=c, **_identificatie("bijlageidentificator", "geheim-bijlage")
    )
    m.ActorKlantcontact.objects.create(actor=actor, klantcontact=c)
    w["TC"] = taak = m.InterneTaak.objects.create(
        aanleidinggevend_klantcontact=c,
        gevraagde_handeling="Geheim",
        status="te_verwerken",
        nummer=NUMMER,
        referentienummer="0000000669",
        toegewezen_op=MOMENT,
    )
    m.InterneTaakActor.objects.create(interne_taak=taak, actor=actor, volgorde=0)
    return w


def remove_hidden_rows() -> None:
    """Delete every row a client without the scope may not see, leaves first, all decided
    before anything is deleted (a visible row that needs a hidden one would then change)."""
    order: list[type[Model]] = [
        m.InterneTaak,
        m.ActorKlantcontact,
        m.Bijlage,
        m.DigitaalAdres,
        m.Onderwerpobject,
        m.Betrokkene,
        m.Klantcontact,
        m.Rekeningnummer,
        m.CategorieRelatie,
        m.Vertegenwoordigden,
        m.Zaakmelding,
        m.PartijIdentificator,
        m.Partij,
    ]
    hidden = {
        model: list(model._default_manager.filter(hidden_condition(model)).values_list("pk"))
        for model in order
    }
    for model in order:
        rows = model._default_manager.filter(pk__in=[pk for (pk,) in hidden[model]])
        if model is m.PartijIdentificator:
            rows.exclude(sub_identificator_van=None).delete()
        rows.delete()


# -- what the APIs list -------------------------------------------------------------------


def _list_operations() -> list[tuple[str, str, list[str]]]:
    """(API root, collection, query parameters) of every list operation of both APIs."""
    found = []
    for api in (klantinteracties_api, contactgegevens_api):
        document = api.get_openapi_schema()
        for path, operations in document["paths"].items():
            get = operations.get("get")
            if get is None or "{" in path or not get["operationId"].endswith("List"):
                continue
            root, _, collection = path.rstrip("/").rpartition("/")
            names = [
                p["name"]
                for p in get.get("parameters", [])
                if p["in"] == "query" and p["name"] not in ("page", "pageSize", "expand")
            ]
            found.append((root, collection, names))
    return found


LISTS = _list_operations()
FILTERS = [(root, collection, name) for root, collection, names in LISTS for name in names]
EXPANSIONS = [
    (f"/{resource.api_path}", resource.collection, option)
    for resource in all_resources()
    for option in resource.expand_options
]

# Collections whose rows are never hidden and whose filters cross no relation to a hidden
# row: their filters are still checked for "no difference", but cannot show one.
NOTHING_HIDDEN_BEHIND = {"actoren", "categorieen", "organisatie", "persoon"}

W = dict[str, Any]


def _url(collection: str, key: str) -> Callable[[W], str]:
    return lambda w: f"http://testserver{KI}/{collection}/{w[key].pk}"


def _uuid(key: str) -> Callable[[W], str]:
    return lambda w: str(w[key].pk)


def _const(value: str) -> Callable[[W], str]:
    return lambda w: value


def _ref(prefix: str, collection: str, key: str) -> dict[str, Callable[[W], str]]:
    return {f"{prefix}__url": _url(collection, key), f"{prefix}__uuid": _uuid(key)}


def _join(prefix: str, name: str) -> str:
    """``a__`` + ``codeRegister`` → ``a__codeRegister``; ``a`` + it → ``aCodeRegister``."""
    return (
        prefix + name
        if not prefix or prefix.endswith("__")
        else prefix + name[0].upper() + name[1:]
    )


def _identificator_values(prefix: str, soort: str = "bsn") -> dict[str, Callable[[W], str]]:
    objecttype, register, object_id = {
        "bsn": ("natuurlijk_persoon", "brp", BSN),
        "kvk_nummer": ("niet_natuurlijk_persoon", "hr", KVK),
    }[soort]
    return {
        _join(prefix, "codeObjecttype"): _const(objecttype),
        _join(prefix, "codeRegister"): _const(register),
        _join(prefix, "codeSoortObjectId"): _const(soort),
        _join(prefix, "objectId"): _const(object_id),
    }


def _ow(prefix: str, value: str) -> dict[str, Callable[[W], str]]:
    name = "onderwerpobjectidentificator"
    return {
        f"{prefix}{name}ObjectId": _const(value),
        f"{prefix}{name}CodeObjecttype": _const(f"{value}-type"),
        f"{prefix}{name}CodeRegister": _const(f"{value}-register"),
        f"{prefix}{name}CodeSoortObjectId": _const(f"{value}-soort"),
    }


def _adres_values(prefix: str) -> dict[str, Callable[[W], str]]:
    return {
        f"{prefix}Adresregel1": _const("Geheimlaan 1"),
        f"{prefix}Adresregel2": _const("Geheimlaan 2"),
        f"{prefix}Adresregel3": _const("Geheimlaan 3"),
        f"{prefix}Land": _const("ZZ"),
        f"{prefix}NummeraanduidingId": _const("0363200000000666"),
    }


def _iso(value: datetime.datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


# collection → query parameter → the value that makes it match hidden rows of register.
VALUES: dict[str, dict[str, Callable[[W], str]]] = {
    "actoren": {
        "actoridentificatorCodeObjecttype": _const("x"),
        "actoridentificatorCodeRegister": _const("x"),
        "actoridentificatorCodeSoortObjectId": _const("x"),
        "actoridentificatorObjectId": _const("x"),
        "indicatieActief": _const("true"),
        "naam": _const("Behandelaar"),
        "soortActor": _const("medewerker"),
    },
    "actorklantcontacten": {
        **_ref("actor", "actoren", "X"),
        **_ref("klantcontact", "klantcontacten", "C"),
    },
    "betrokkenen": {
        "contactnaamAchternaam": _const("Persoon"),
        "contactnaamVoorletters": _const("G"),
        "contactnaamVoornaam": _const("Geheime"),
        "contactnaamVoorvoegselAchternaam": _const("van"),
        "organisatienaam": _const("Geheim BV"),
        "hadKlantcontact__nummer": _const(NUMMER),
        "hadKlantcontact__referentienummer": _const("0000000667"),
        **_ref("hadKlantcontact", "klantcontacten", "KS"),
        "verstrektedigitaalAdres__adres": _const("betrokkene-geheim@example.nl"),
        **_ref("verstrektedigitaalAdres", "digitaleadressen", "A_B"),
        "wasPartij__nummer": _const(NUMMER),
        **_identificator_values("wasPartij__partijIdentificator__"),
        **_ref("wasPartij", "partijen", "S"),
    },
    "bijlagen": {
        "bijlageidentificatorObjectId": _const("geheim-bijlage"),
        "bijlageidentificatorCodeObjecttype": _const("geheim-bijlage-type"),
        "bijlageidentificatorCodeRegister": _const("geheim-bijlage-register"),
        "bijlageidentificatorCodeSoortObjectId": _const("geheim-bijlage-soort"),
        "klantcontact__uuid": _uuid("C"),
    },
    "categorie-relaties": {
        "beginDatum": _const(DAG.isoformat()),
        "eindDatum": _const("2030-02-02"),
        "categorie__naam": _const("Geheimcategorie"),
        **_ref("categorie", "categorieen", "cat"),
        "partij__nummer": _const(NUMMER),
        **_ref("partij", "partijen", "S"),
    },
    "digitaleadressen": {
        "adres": _const("geheim@example.nl"),
        "adres__icontains": _const("geheim@"),
        "isGeverifieerd": _const("true"),
        "isStandaardAdres": _const("true"),
        "omschrijving": _const("geheim"),
        "referentie": _const("geheim"),
        "soortDigitaalAdres": _const("email"),
        "verificatieDatum": _const(DAG.isoformat()),
        "verificatieDatum__gt": _const("2000-01-01"),
        "verificatieDatum__gte": _const(DAG.isoformat()),
        "verificatieDatum__lt": _const("2100-01-01"),
        "verificatieDatum__lte": _const(DAG.isoformat()),
        "verstrektDoorBetrokkene__rol": _const("klant"),
        **_ref("verstrektDoorBetrokkene", "betrokkenen", "BS"),
        **_identificator_values("verstrektDoorPartij__partijIdentificator__"),
        "verstrektDoorPartij__soortPartij": _const("persoon"),
        **_ref("verstrektDoorPartij", "partijen", "S"),
    },
    "internetaken": {
        **_ref("aanleidinggevendKlantcontact", "klantcontacten", "C"),
        "actoren__naam": _const("Behandelaar"),
        "klantcontact__nummer": _const("0000000665"),
        "klantcontact__referentienummer": _const("0000000668"),
        "klantcontact__uuid": _uuid("C"),
        "nummer": _const(NUMMER),
        "referentienummer": _const("0000000669"),
        "status": _const("te_verwerken"),
        **_ref("toegewezenAanActor", "actoren", "X"),
        "toegewezenOp": _const(_iso(MOMENT)),
    },
    "klantcontacten": {
        "hadBetrokkene__digitaaladres__adres__icontains": _const("betrokkene-geheim"),
        **_ref("hadBetrokkene", "betrokkenen", "BS"),
        "hadBetrokkene__wasPartij": _const("true"),
        **_identificator_values("hadBetrokkene__wasPartij__partijIdentificator__"),
        **_ref("hadBetrokkene__wasPartij", "partijen", "S"),
        "indicatieContactGelukt": _const("true"),
        "inhoud": _const("geheim inhoud"),
        "kanaal": _const("geheimkanaal"),
        "leiddeTotInterneTaken": _const("true"),
        "nummer": _const(NUMMER),
        "onderwerp": _const("geheim gesprek"),
        **_ow("onderwerpobject__", "geheim-object"),
        # OW links the visible K to the confidential C.
        **_ref("onderwerpobject", "onderwerpobjecten", "OW"),
        "plaatsgevondenOp": _const(_iso(MOMENT)),
        "reactie": _const("geheim reactie"),
        "referentienummer": _const("0000000667"),
        "vertrouwelijk": _const("true"),
        **_ow("wasOnderwerpobject__", "geheim-was"),
        # OW2 names the visible K as what the confidential C was about.
        **_ref("wasOnderwerpobject", "onderwerpobjecten", "OW2"),
    },
    "onderwerpobjecten": {
        **_ref("klantcontact", "klantcontacten", "C"),
        **_ow("", "geheim-object"),
        **_ref("wasKlantcontact", "klantcontacten", "C"),
    },
    "partij-identificatoren": {
        "anderePartijIdentificator": _const("geheim-id"),
        **_identificator_values("partijIdentificator"),
    },
    "partijen": {
        **_adres_values("bezoekadres"),
        **_adres_values("correspondentieadres"),
        "categorierelatie__categorie__naam": _const("Geheimcategorie"),
        "indicatieActief": _const("true"),
        "indicatieGeheimhouding": _const("true"),
        "nummer": _const(NUMMER),
        **_identificator_values("partijIdentificator__"),
        "soortPartij": _const("persoon"),
        # V2 holds a vestigingsnummer under the secret organisation's KVK number.
        **_identificator_values("subIdentificatorVan__", "kvk_nummer"),
        # V (visible) represents S.
        **_ref("vertegenwoordigdePartij", "partijen", "S"),
    },
    "rekeningnummers": {
        "bic": _const("GEHENL2A"),
        "iban": _const("NL66GEHE0123456789"),
        "uuid": _uuid("R_S"),
    },
    "vertegenwoordigingen": {
        **_ref("vertegenwoordigdePartij", "partijen", "S"),
        **_ref("vertegenwoordigendePartij", "partijen", "S"),
    },
}


def _value(collection: str, name: str, register: W) -> str:
    given = VALUES.get(collection, {}).get(name)
    if given is None:
        pytest.fail(
            f"No value for the filter {collection}?{name}: add to VALUES the value that "
            "makes it match the hidden rows of the register (R12 must hold for it too)."
        )
    return given(register)


def _get(client: ApiClient, path: str, params: dict[str, str] | None = None) -> Any:
    response = client.get(path, params)
    assert response.status_code == 200, response
    return response.json()


# -- the tests ----------------------------------------------------------------------------


def test_every_list_and_filter_is_known_here() -> None:
    """The generated cases cover what the APIs serve: a list without filters still counts."""
    assert {collection for _, collection, _ in LISTS} >= {"partijen", "klantcontacten"}
    assert len(FILTERS) > 100
    assert ("/klantinteracties/api/v1", "klantcontacten", "hadBetrokkenen.wasPartij") in EXPANSIONS


@pytest.mark.parametrize(("root", "collection", "name"), FILTERS)
def test_a_filter_never_matches_through_a_hidden_row(
    root: str, collection: str, name: str, register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    params = {name: _value(collection, name, register)}
    path = f"{root}/{collection}"
    without_scope = _get(loket, path, params)
    with_scope = _get(kcc, path, params)
    if collection not in NOTHING_HIDDEN_BEHIND:
        assert with_scope != without_scope, "the value does not reach a hidden row"
    remove_hidden_rows()
    assert _get(loket, path, params) == without_scope


@pytest.mark.parametrize(("root", "collection", "option"), EXPANSIONS)
def test_an_expansion_never_shows_or_counts_a_hidden_row(
    root: str, collection: str, option: str, register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    path = f"{root}/{collection}"
    params = {"expand": option, "pageSize": "100"}
    without_scope = _get(loket, path, params)
    assert _get(kcc, path, params) != without_scope
    remove_hidden_rows()
    assert _get(loket, path, params) == without_scope


def test_no_visible_object_names_a_hidden_one(
    register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    """Every object the client may see, read by uuid with every expansion: its references
    and key lists are those of a register without the hidden rows."""
    reads: dict[str, Any] = {}
    for resource in all_resources():
        path = f"/{resource.api_path}/{resource.collection}"
        expand = {"expand": ",".join(resource.expand_options)} if resource.expand_options else {}
        listed = _get(loket, path, {"pageSize": "100"})
        reads[path] = listed
        for item in listed["results"]:
            reads[item["url"]] = _get(loket, item["url"], expand)
    assert len(reads) > 20
    seen_by_kcc = {path: _get(kcc, path, {"pageSize": "100"}) for path in reads if "/" in path}
    assert seen_by_kcc[f"{KI}/partijen"] != reads[f"{KI}/partijen"]
    remove_hidden_rows()
    for path, answer in reads.items():
        expand = {}
        for resource in all_resources():
            if f"/{resource.collection}/" in path and resource.expand_options:
                expand = {"expand": ",".join(resource.expand_options)}
        params = expand if path.startswith("http") else {"pageSize": "100"}
        assert _get(loket, path, params) == answer, path


def test_hidden_rows_are_not_found_by_uuid(register: W, loket: ApiClient, kcc: ApiClient) -> None:
    for key, collection in (
        ("S", "partijen"),
        ("SO", "partijen"),
        ("CP", "partijen"),
        ("KS", "klantcontacten"),
        ("C", "klantcontacten"),
        ("BS", "betrokkenen"),
        ("OW", "onderwerpobjecten"),
        ("OW2", "onderwerpobjecten"),
        ("A_S", "digitaleadressen"),
        ("A_B", "digitaleadressen"),
        ("R_S", "rekeningnummers"),
        ("TC", "internetaken"),
        ("BijC", "bijlagen"),
        ("S_bsn", "partij-identificatoren"),
    ):
        uuid = register[key].pk
        unknown = uuid4()
        hidden = loket.get(f"{collection}/{uuid}")
        missing = loket.get(f"{collection}/{unknown}")
        assert hidden.status_code == missing.status_code == 404, key
        assert _neutral(hidden.json(), uuid) == _neutral(missing.json(), unknown), key
        assert kcc.get(f"{collection}/{uuid}").status_code == 200, key


def _neutral(body: Any, uuid: UUID) -> Any:
    """An error body without what differs between two requests anyway: the uuid asked
    for and the request's own instance."""
    text = str(body).replace(str(uuid), "<uuid>")
    return (
        text
        if "instance" not in body
        else str({k: v for k, v in body.items() if k != "instance"}).replace(str(uuid), "<uuid>")
    )


# -- writes --------------------------------------------------------------------------------


def _reference_fields() -> list[tuple[str, str]]:
    """(collection, field) of every reference (``{uuid}``) in a POST body of the APIs,
    nested ones as ``group.field``."""
    found = []
    for api in (klantinteracties_api, contactgegevens_api):
        document = api.get_openapi_schema()
        schemas = document["components"]["schemas"]
        for path, operations in document["paths"].items():
            post = operations.get("post")
            if post is None or "requestBody" not in post:
                continue
            body = _schema_name(post["requestBody"]["content"]["application/json"]["schema"])
            collection = path.rstrip("/").rpartition("/")[2]
            found += [(collection, field) for field in _references(schemas, body, "", ())]
    return found


def _schema_name(schema: dict[str, Any]) -> str | None:
    if "$ref" in schema:
        return str(schema["$ref"]).rpartition("/")[2]
    for key in ("anyOf", "allOf", "oneOf"):
        for option in schema.get(key, []):
            if name := _schema_name(option):
                return name
    if schema.get("type") == "array":
        return _schema_name(schema["items"])
    return None


def _references(schemas: W, name: str | None, prefix: str, seen: tuple[str, ...]) -> list[str]:
    fields = []
    for prop, schema in schemas.get(name, {}).get("properties", {}).items():
        target = _schema_name(schema)
        parts = set(schemas.get(target, {}).get("properties", {}))
        if "uuid" in parts and parts <= {"uuid", "url"}:
            fields.append(prefix + prop)
        elif target and target not in seen:
            fields += _references(schemas, target, f"{prefix}{prop}.", (*seen, target))
    return fields


REFERENCE_FIELDS = _reference_fields()
# References to rows that are never hidden (actoren, categorieen).
NEVER_HIDDEN = {"actor", "categorie", "toegewezenAanActor", "toegewezenAanActoren"}

_PERSOON = {
    "soortPartij": "persoon",
    "indicatieActief": True,
    "partijIdentificatie": {"contactnaam": {"voornaam": "Nieuw"}},
}
_CONTACT = {"kanaal": "telefoon", "onderwerp": "Vraag", "taal": "nld", "vertrouwelijk": False}
_OW_ID = {
    "codeObjecttype": "zaak",
    "codeRegister": "openzaak",
    "codeSoortObjectId": "uuid",
    "objectId": "1",
}
_NIEUW_BSN = {
    "codeObjecttype": "natuurlijk_persoon",
    "codeSoortObjectId": "bsn",
    "objectId": bsn(77),
    "codeRegister": "brp",
}

# collection → a body of valid values, the referenced rows visible (keys of register).
BODIES: dict[str, W] = {
    "actorklantcontacten": {"actor": "X", "klantcontact": "K"},
    "betrokkenen": {"hadKlantcontact": "K", "wasPartij": "G", "rol": "klant", "initiator": True},
    "bijlagen": {"wasBijlageVanKlantcontact": "K"},
    "categorie-relaties": {"partij": "G", "categorie": "cat"},
    "digitaleadressen": {
        "verstrektDoorPartij": "G",
        "adres": "nieuw@example.nl",
        "soortDigitaalAdres": "email",
        "omschrijving": "nieuw",
    },
    "internetaken": {
        "aanleidinggevendKlantcontact": "K",
        "toegewezenAanActoren": ["X"],
        "gevraagdeHandeling": "Terugbellen",
        "status": "te_verwerken",
    },
    "maak-klantcontact": {
        "klantcontact": _CONTACT,
        "betrokkene": {"wasPartij": "G", "rol": "klant", "initiator": True},
        "onderwerpobject": {"wasKlantcontact": "K", "onderwerpobjectidentificator": _OW_ID},
    },
    "onderwerpobjecten": {
        "klantcontact": "K",
        "wasKlantcontact": "K",
        "onderwerpobjectidentificator": _OW_ID,
    },
    "partij-identificatoren": {"identificeerdePartij": "G", "partijIdentificator": _NIEUW_BSN},
    "partijen": {
        **_PERSOON,
        "partijIdentificatoren": [{"partijIdentificator": _NIEUW_BSN}],
    },
    "rekeningnummers": {"partij": "G", "iban": "NL91ABNA0417164300"},
    "vertegenwoordigingen": {"vertegenwoordigendePartij": "G", "vertegenwoordigdePartij": "V"},
}
# (collection, field) → the hidden row to name there.
HIDDEN_TARGETS: dict[tuple[str, str], str] = {
    ("actorklantcontacten", "klantcontact"): "C",
    ("betrokkenen", "hadKlantcontact"): "C",
    ("betrokkenen", "wasPartij"): "S",
    ("bijlagen", "wasBijlageVanKlantcontact"): "C",
    ("categorie-relaties", "partij"): "S",
    ("digitaleadressen", "verstrektDoorBetrokkene"): "BS",
    ("digitaleadressen", "verstrektDoorPartij"): "S",
    ("internetaken", "aanleidinggevendKlantcontact"): "C",
    ("maak-klantcontact", "betrokkene.wasPartij"): "S",
    ("maak-klantcontact", "onderwerpobject.wasKlantcontact"): "C",
    ("onderwerpobjecten", "klantcontact"): "C",
    ("onderwerpobjecten", "wasKlantcontact"): "C",
    ("partij-identificatoren", "identificeerdePartij"): "S",
    ("partij-identificatoren", "subIdentificatorVan"): "SO_kvk",
    ("partijen", "digitaleAdressen"): "A_S",
    ("partijen", "voorkeursDigitaalAdres"): "A_S",
    ("partijen", "rekeningnummers"): "R_S",
    ("partijen", "voorkeursRekeningnummer"): "R_S",
    ("partijen", "partijIdentificatoren.identificeerdePartij"): "S",
    ("partijen", "partijIdentificatoren.subIdentificatorVan"): "SO_kvk",
    ("partijen", "partijIdentificatie.werkteVoorPartij"): "SO",
    ("rekeningnummers", "partij"): "S",
    ("vertegenwoordigingen", "vertegenwoordigendePartij"): "S",
    ("vertegenwoordigingen", "vertegenwoordigdePartij"): "S",
}


def _body(collection: str, field: str, target: str, register: W) -> W:
    """The body of ``collection`` with ``field`` naming ``target`` (a uuid string)."""
    references = {name for c, name in REFERENCE_FIELDS if c == collection}

    def resolve(value: Any, name: str) -> Any:
        if name in references and isinstance(value, str):
            return {"uuid": str(register[value].pk)}
        if name in references and isinstance(value, list):
            return [{"uuid": str(register[item].pk)} for item in value]
        if isinstance(value, list):
            return [resolve(item, name) for item in value]
        if isinstance(value, dict):
            return {
                key: resolve(item, f"{name}.{key}" if name else key) for key, item in value.items()
            }
        return value

    body: W = resolve(BODIES[collection], "")
    *groups, last = field.split(".")
    node: Any = body
    if collection == "partijen" and groups == ["partijIdentificatie"]:
        body["soortPartij"] = "contactpersoon"
    for group in groups:
        node = node[group][0] if isinstance(node.get(group), list) else node.setdefault(group, {})
    many = last in ("digitaleAdressen", "rekeningnummers", "toegewezenAanActoren")
    node[last] = [{"uuid": target}] if many else {"uuid": target}
    return body


@pytest.mark.parametrize(("collection", "field"), REFERENCE_FIELDS)
def test_a_reference_to_a_hidden_row_is_refused_as_an_unknown_one(
    collection: str, field: str, register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    if field in NEVER_HIDDEN:
        return
    key = HIDDEN_TARGETS.get((collection, field))
    if key is None:
        pytest.fail(f"No hidden row for {collection}: {field}; add one to HIDDEN_TARGETS.")
    hidden, unknown = str(register[key].pk), str(uuid4())
    refused = loket.post(collection, _body(collection, field, hidden, register))
    missing = loket.post(collection, _body(collection, field, unknown, register))
    assert refused.status_code == missing.status_code == 400, (refused, missing)
    assert _neutral(refused.json(), UUID(hidden)) == _neutral(missing.json(), UUID(unknown))
    accepted = kcc.post(collection, _body(collection, field, hidden, register))
    assert _neutral(accepted.json(), UUID(hidden)) != _neutral(refused.json(), UUID(hidden))


def test_every_reference_field_has_a_case() -> None:
    assert len(REFERENCE_FIELDS) > 20
    assert set(BODIES) >= {collection for collection, _ in REFERENCE_FIELDS}


# -- deletes and refusals ---------------------------------------------------------------------


def test_deleting_a_visible_contact_leaves_the_hidden_rows_that_name_it(
    register: W, loket: ApiClient
) -> None:
    assert loket.delete(f"klantcontacten/{register['K'].pk}").status_code == 204
    ow, ow2 = (m.Onderwerpobject.objects.get(pk=register[key].pk) for key in ("OW", "OW2"))
    assert (ow.klantcontact_id, ow.was_klantcontact_id) == (None, register["C"].pk)
    assert (ow2.klantcontact_id, ow2.was_klantcontact_id) == (register["C"].pk, None)


def test_a_cascading_delete_counts_and_lists_only_what_the_caller_sees(
    register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    eigen = m.Klantcontact.objects.create(
        kanaal="t", onderwerp="o", taal="nld", vertrouwelijk=False
    )
    los = m.Onderwerpobject.objects.create(klantcontact=eigen, was_klantcontact=register["K"])
    answer = loket.delete(f"onderwerpobjecten/{los.pk}?cascade=true")
    assert answer.status_code == 200, answer
    # Only the hidden OW uses K: for this client nothing does, so K goes (as with DELETE
    # /klantcontacten/K) and OW only loses its link to it. C is not touched.
    assert answer.json()["behouden"] == []
    assert not m.Klantcontact.objects.filter(pk__in=[eigen.pk, register["K"].pk]).exists()
    ow = m.Onderwerpobject.objects.get(pk=register["OW"].pk)
    assert (ow.klantcontact_id, ow.was_klantcontact_id) == (None, register["C"].pk)
    assert m.Klantcontact.objects.filter(pk=register["C"].pk).exists()


def test_a_cascading_delete_keeps_a_contact_the_caller_sees_in_use(
    register: W, kcc: ApiClient
) -> None:
    eigen = m.Klantcontact.objects.create(
        kanaal="t", onderwerp="o", taal="nld", vertrouwelijk=False
    )
    los = m.Onderwerpobject.objects.create(klantcontact=eigen, was_klantcontact=register["K"])
    answer = kcc.delete(f"onderwerpobjecten/{los.pk}?cascade=true")
    assert answer.json()["behouden"] == [f"http://testserver{KI}/klantcontacten/{register['K'].pk}"]
    assert m.Klantcontact.objects.filter(pk=register["K"].pk).exists()


def test_an_actor_whose_only_open_task_is_hidden_is_refused_neutrally(
    register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    refused = loket.delete(f"actoren/{register['X'].pk}")
    assert refused.status_code == 400
    assert "0000000669" not in refused.content.decode()
    assert "vraag een beheerder" in refused.content.decode()
    told = kcc.delete(f"actoren/{register['X'].pk}")
    assert told.status_code == 400
    assert "0000000669" in told.content.decode()
    assert m.Actor.objects.filter(pk=register["X"].pk).exists()


def test_a_second_identificator_of_a_kind_is_refused_neutrally_when_the_first_is_hidden(
    register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    organisatie = m.Partij.objects.create(soort_partij="organisatie", indicatie_actief=True)
    kvk = _identificator(organisatie, "kvk_nummer", kvk_nummer(70))
    body = {
        "identificeerdePartij": {"uuid": str(register["V2"].pk)},
        "partijIdentificator": {
            "codeObjecttype": "vestiging",
            "codeSoortObjectId": "vestigingsnummer",
            "objectId": vestigingsnummer(70),
            "codeRegister": "hr",
        },
        "subIdentificatorVan": {"uuid": str(kvk.pk)},
    }
    refused = loket.post("partij-identificatoren", body)
    assert refused.status_code == 400, refused.content
    assert "vestigingsnummer" not in refused.content.decode()
    assert "vraag een beheerder" in refused.content.decode()
    told = kcc.post("partij-identificatoren", body)
    assert "al een identificator van soort 'vestigingsnummer'" in told.content.decode()


def test_deleting_a_partij_keeps_an_address_she_gave_on_a_hidden_contact(
    register: W, loket: ApiClient
) -> None:
    gedeeld = register["G"].voorkeurs_digitaal_adres
    assert loket.delete(f"partijen/{register['G'].pk}").status_code == 204
    adres = m.DigitaalAdres.objects.get(pk=gedeeld.pk)
    assert adres.verstrekt_door_partij_id is None
    assert adres.verstrekt_door_betrokkene is not None
    assert adres.verstrekt_door_betrokkene.had_klantcontact_id == register["C"].pk


def test_writing_back_what_was_read_keeps_a_hidden_preferred_address(
    register: W, loket: ApiClient
) -> None:
    gewoon = register["G"]
    gelezen = loket.get(f"partijen/{gewoon.pk}").json()
    assert gelezen["voorkeursDigitaalAdres"] is None
    assert loket.put(f"partijen/{gewoon.pk}", gelezen).status_code == 200
    assert loket.patch(f"partijen/{gewoon.pk}", {"voorkeursDigitaalAdres": None}).status_code == 200
    gewoon.refresh_from_db()
    assert gewoon.voorkeurs_digitaal_adres_id == register["G"].voorkeurs_digitaal_adres_id
    assert gewoon.voorkeurs_digitaal_adres_id is not None


def test_a_bsn_of_a_secret_person_is_refused_without_saying_why(
    register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    identificator = {**_NIEUW_BSN, "objectId": BSN}
    body = {**_PERSOON, "partijIdentificatoren": [{"partijIdentificator": identificator}]}
    refused = loket.post("partijen", body)
    assert refused.status_code == 400
    assert "al in gebruik" not in refused.content.decode()
    assert "vraag een beheerder" in refused.content.decode()
    told = kcc.post("partijen", body)
    assert told.status_code == 400
    assert "al in gebruik" in told.content.decode()


def test_a_delete_stopped_by_a_hidden_row_is_refused_neutrally(
    register: W, loket: ApiClient, kcc: ApiClient
) -> None:
    organisatie = m.Partij.objects.create(soort_partij="organisatie", indicatie_actief=True)
    kvk = _identificator(organisatie, "kvk_nummer", kvk_nummer(68))
    _identificator(
        register["S"], "vestigingsnummer", vestigingsnummer(68), sub_identificator_van=kvk
    )
    refused = loket.delete(f"partijen/{organisatie.pk}")
    assert refused.status_code == 400
    assert "vestigingsnummer" not in refused.content.decode()
    assert "vestigingsnummer" in kcc.delete(f"partijen/{organisatie.pk}").content.decode()
    assert m.Partij.objects.filter(pk=organisatie.pk).exists()


def test_a_number_of_a_hidden_row_is_refused_without_saying_why(
    register: W, loket: ApiClient
) -> None:
    refused = loket.post("partijen", {**_PERSOON, "nummer": NUMMER})
    assert refused.status_code == 400
    assert "bestaat al" not in refused.content.decode()


def test_an_answer_to_a_write_shows_the_written_row_but_nothing_hidden_it_names(
    register: W, loket: ApiClient
) -> None:
    gewoon = register["G"]
    changed = loket.patch(f"partijen/{gewoon.pk}", {"indicatieGeheimhouding": True})
    assert changed.status_code == 200, changed
    assert changed.json()["uuid"] == str(gewoon.pk)
    # The betrokkene on the confidential contact C stays out of the key list.
    named = {ref["uuid"] for ref in changed.json()["betrokkenen"]}
    hidden = set(
        m.Betrokkene.objects.filter(had_klantcontact=register["C"]).values_list("pk", flat=True)
    )
    assert named and not named & {str(pk) for pk in hidden}
    assert loket.get(f"partijen/{gewoon.pk}").status_code == 404


def test_a_secret_partij_made_by_a_client_without_the_scope_is_answered_whole(
    loket: ApiClient,
) -> None:
    body = {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "indicatieGeheimhouding": True,
        "partijIdentificatoren": [{"partijIdentificator": {**_NIEUW_BSN}}],
    }
    made = loket.post("partijen", body)
    assert made.status_code == 201, made
    assert len(made.json()["partijIdentificatoren"]) == 1
    assert loket.get(f"partijen/{made.json()['uuid']}").status_code == 404


def test_a_patch_naming_a_hidden_row_is_refused_as_an_unknown_one(
    register: W, loket: ApiClient
) -> None:
    betrokkene = m.Betrokkene.objects.filter(had_klantcontact=register["K"]).get()
    hidden, unknown = register["S"].pk, uuid4()
    refused = loket.patch(f"betrokkenen/{betrokkene.pk}", {"wasPartij": {"uuid": str(hidden)}})
    missing = loket.patch(f"betrokkenen/{betrokkene.pk}", {"wasPartij": {"uuid": str(unknown)}})
    assert refused.status_code == missing.status_code == 400
    assert _neutral(refused.json(), hidden) == _neutral(missing.json(), unknown)


def test_a_hidden_identificator_cannot_be_taken_over_by_its_uuid(
    register: W, loket: ApiClient
) -> None:
    hidden = register["S_bsn"]
    item = {"uuid": str(hidden.pk), "partijIdentificator": {**_NIEUW_BSN}}
    refused = loket.patch(f"partijen/{register['G'].pk}", {"partijIdentificatoren": [item]})
    assert refused.status_code == 400, refused
    assert "vraag een beheerder" in refused.content.decode()
    hidden.refresh_from_db()
    assert (hidden.identificeerde_partij_id, hidden.partij_identificator_object_id) == (
        register["S"].pk,
        BSN,
    )
