"""A local ZGW register for tests and demos: a real HTTP server on loopback that serves the
parts of the Zaken (1.5.1), Documenten (1.4.2), Besluiten (1.1.0) and Catalogi (1.3.1) APIs
that Klantbeeld uses, as Open Zaak 1.30 serves them (tests/specs/README.md).

Beyond the documents' text it behaves as Open Zaak does:

- every request needs a ZGW JWT (HS256) of a known client, with ``client_id`` and ``iat``,
  at most an hour old (Open Zaak's ``JWT_EXPIRY``); otherwise 403;
- requests for zaken (``/zaken``, ``/zaken/{uuid}``) other than DELETE need
  ``Accept-Crs: EPSG:4326`` and writes ``Content-Crs: EPSG:4326`` (412 without, 406 for
  another CRS), and their answers carry ``Content-Crs``;
- a GET refuses query parameters its operation does not document and enum parameters with
  an unknown value (400, as Open Zaak's ``CheckQueryParamsMixin`` and django-filter do;
  recorded in ``violations`` like bodies that break the document);
- each ``rol__…`` filter of ``GET /zaken`` may be met by a different rol of the zaak
  (django-filter chains them as separate joins): a BSN that is belanghebbende together with
  ``rol__omschrijvingGeneriek=initiator`` also finds zaken someone else started;
- POST bodies are validated against the document (400 ``ValidatieFout``, recorded in
  ``violations``), then as Open Zaak does: known zaaktype, statustype, roltype and
  informatieobjecttype of the zaak's zaaktype, RSIN and BSN eleven-test, unique
  identificatie per bronorganisatie, a zaak-informatieobject once per pair and only for a
  document whose informatieobjecttype has a zaaktype-informatieobjecttype relation with
  the zaak's zaaktype (``missing-zaaktype-informatieobjecttype-relation``);
- a zaakinformatieobject also creates the objectinformatieobject in the Documenten API;
  a status with an eind-statustype closes the zaak (einddatum), a later one reopens it;
- zaken, rollen, zaakinformatieobjecten and zaakcontactmomenten can be deleted; a zaak
  takes its rollen, statussen and relations along, and is kept while it has besluiten;
- lists are paged by 100 (``pageSize`` up to 500); a page past the end is a 404;
- with ``sluit_hergebruikt`` set, that many requests sent on a kept-alive connection get
  no answer but a closed connection (an idle connection closed by the register as the
  client used it).

Where Open Zaak's answers break its own documents, the documents win (the same choice as
docs/conformance.md makes for Klantbeeld): attributes that are ``nullable`` beside an
``allOf`` (``contactpersoonRol``, ``zaakgeometrie``, ``verlenging``, ``processobject``,
``ondertekening``, ``integriteit``, …) and empty strings that a pattern, minimum length or
URI format refuses (``inpA_nummer``, ``innNnpId``, ``betrokkene``, ``link``, …) are left
out rather than ``null`` / ``""``; the required, non-nullable ``eindeObject`` of catalogi
resources without an end is ``9999-12-31``.

    python -m standins.zgw --port 8001 --client klantbeeld:SECRET --bsn 999993653
"""

from __future__ import annotations

import argparse
import base64
import binascii
import copy
import datetime
import functools
import hashlib
import json
import operator
import re
import sys
import threading
import time
import uuid
import zoneinfo
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from jsonschema_path import SchemaPath
from jsonschema_path.handlers import default_handlers
from jsonschema_path.handlers.file import FileHandler
from openapi_core import Config, OpenAPI
from openapi_core.testing import MockRequest
from openapi_core.validation.request.validators import V30RequestBodyValidator

from standins.cli import named_secrets, serve_until_stopped

SPECS = Path(__file__).resolve().parent.parent / "tests" / "specs"
# The host requests are checked under: the documents' servers are relative (/zaken/api/v1).
SPEC_HOST = "http://zgw.example.nl"


class Api(NamedTuple):
    spec: str
    version: str


APIS = {
    "zaken": Api("zaken-1.5.1_open-zaak-1.30.0.yaml", "1.5.1"),
    "documenten": Api("documenten-1.4.2_open-zaak-1.30.0.yaml", "1.4.2"),
    "besluiten": Api("besluiten-1.1.0_open-zaak-1.30.0.yaml", "1.1.0"),
    "catalogi": Api("catalogi-1.3.1_open-zaak-1.30.0.yaml", "1.3.1"),
}
# Open Zaak's documents point `_expand` at the VNG Catalogi API 1.2.0 on GitHub. Open Zaak
# expands with its own catalogi serializers, which the 1.3.1 document describes; reading
# that one also keeps the tests off the network.
REMOTE_DOCUMENTS = {
    "https://raw.githubusercontent.com/vng-Realisatie/catalogi-api/1.2.0/src/openapi.yaml": (
        "catalogi-1.3.1_open-zaak-1.30.0.yaml"
    ),
}

COLLECTIONS = {
    "zaken": "zaken",
    "rollen": "zaken",
    "statussen": "zaken",
    "zaakinformatieobjecten": "zaken",
    "zaakcontactmomenten": "zaken",
    "zaakobjecten": "zaken",
    "enkelvoudiginformatieobjecten": "documenten",
    "objectinformatieobjecten": "documenten",
    "besluiten": "besluiten",
    "catalogussen": "catalogi",
    "zaaktypen": "catalogi",
    "statustypen": "catalogi",
    "roltypen": "catalogi",
    "informatieobjecttypen": "catalogi",
    "zaaktype-informatieobjecttypen": "catalogi",
    "besluittypen": "catalogi",
}
CREATABLE = {
    "zaken",
    "rollen",
    "statussen",
    "zaakinformatieobjecten",
    "zaakcontactmomenten",
    "zaakobjecten",
    "enkelvoudiginformatieobjecten",
}
DELETABLE = {"zaken", "rollen", "zaakinformatieobjecten", "zaakcontactmomenten", "zaakobjecten"}
# These lists are plain JSON arrays in the documents; every other one is paged.
UNPAGED = {"zaakinformatieobjecten", "zaakcontactmomenten", "objectinformatieobjecten"}
# Resources whose schema has a `uuid` attribute beside `url`.
WITH_UUID = {
    "zaken",
    "rollen",
    "statussen",
    "zaakinformatieobjecten",
    "zaakcontactmomenten",
    "zaakobjecten",
}

VERTROUWELIJKHEID = (
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
)
CRS = "EPSG:4326"
PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
JWT_EXPIRY = 3600  # seconds; Open Zaak's default
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
GELDIG_VANAF = "2026-01-01"
ZONDER_EINDE = "9999-12-31"
AARD_RELATIE = "Hoort bij, omgekeerd: kent"
BETROKKENE_SOORTEN = {  # filter name part → betrokkeneType
    "natuurlijkPersoon": "natuurlijk_persoon",
    "nietNatuurlijkPersoon": "niet_natuurlijk_persoon",
    "vestiging": "vestiging",
    "organisatorischeEenheid": "organisatorische_eenheid",
    "medewerker": "medewerker",
}
BETALINGSINDICATIE = {
    "": "",
    "nvt": "Er is geen sprake van te betalen, met de zaak gemoeide, kosten.",
    "nog_niet": "De met de zaak gemoeide kosten zijn (nog) niet betaald.",
    "gedeeltelijk": "De met de zaak gemoeide kosten zijn gedeeltelijk betaald.",
    "geheel": "De met de zaak gemoeide kosten zijn geheel betaald.",
    "gefactureerd": "De met de zaak gemoeide kosten zijn gefactureerd.",
    "gecrediteerd": "De met de zaak gemoeide kosten zijn gecrediteerd.",
    "betaald": "De met de zaak gemoeide kosten zijn betaald.",
}
IDENTIFICATIE_SCHEMAS = {
    "natuurlijk_persoon": "NatuurlijkPersoonIdentificatie",
    "niet_natuurlijk_persoon": "NietNatuurlijkPersoonIdentificatie",
    "vestiging": "VestigingIdentificatie",
    "organisatorische_eenheid": "OrganisatorischeEenheidIdentificatie",
    "medewerker": "MedewerkerIdentificatie",
}
# Parts of betrokkeneIdentificatie Open Zaak always answers with, where "" fits the document.
BETROKKENE_STANDAARD: dict[str, dict[str, Any]] = {
    "natuurlijk_persoon": {
        "anpIdentificatie": "",
        "geslachtsnaam": "",
        "voorvoegselGeslachtsnaam": "",
        "voorletters": "",
        "voornamen": "",
        "geslachtsaanduiding": "",
        "geboortedatum": "",
    },
    "niet_natuurlijk_persoon": {
        "annIdentificatie": "",
        "kvkNummer": "",
        "vestigingsNummer": "",
        "statutaireNaam": "",
        "innRechtsvorm": "",
        "bezoekadres": "",
    },
    "vestiging": {"vestigingsNummer": "", "handelsnaam": [], "kvkNummer": ""},
    "organisatorische_eenheid": {"identificatie": "", "naam": "", "isGehuisvestIn": ""},
    "medewerker": {
        "identificatie": "",
        "achternaam": "",
        "voorletters": "",
        "voorvoegselAchternaam": "",
    },
}


# -- the catalogus that every register starts with ---------------------------------------


class Zaaktypedef(NamedTuple):
    identificatie: str
    omschrijving: str
    vertrouwelijkheid: str
    doorlooptijd_weken: int
    handeling_initiator: str
    onderwerp: str
    handeling_behandelaar: str
    initiator: str  # the initiator roltype's omschrijving
    statussen: tuple[tuple[str, str], ...]  # (omschrijving, statustekst); the last ends it
    informatieobjecttypen: tuple[str, ...]
    besluittype: str | None


ZAAKTYPEN = (
    Zaaktypedef(
        "MOR",
        "Melding openbare ruimte",
        "openbaar",
        2,
        "melden",
        "Openbare ruimte",
        "behandelen",
        "Melder",
        (
            ("Ontvangen", "Wij hebben uw melding ontvangen."),
            ("In behandeling", "Uw melding is doorgestuurd naar de buitendienst."),
            ("Afgehandeld", "Uw melding is afgehandeld."),
        ),
        ("Melding", "Bijlage"),
        None,
    ),
    Zaaktypedef(
        "PARKEERVERGUNNING",
        "Parkeervergunning aanvragen",
        "zaakvertrouwelijk",
        8,
        "aanvragen",
        "Parkeervergunning",
        "beoordelen",
        "Aanvrager",
        (
            ("Ontvangen", "Wij hebben uw aanvraag ontvangen."),
            ("In behandeling", "Wij beoordelen uw aanvraag."),
            ("Besluit genomen", "Er is een besluit genomen over uw aanvraag."),
            ("Afgehandeld", "Uw aanvraag is afgehandeld."),
        ),
        ("Aanvraag", "Bijlage", "Besluitbrief"),
        "Parkeervergunning verlenen",
    ),
    Zaaktypedef(
        "BEZWAAR",
        "Bezwaar behandelen",
        "vertrouwelijk",
        12,
        "indienen",
        "Bezwaar",
        "beslissen",
        "Indiener bezwaar",
        (
            ("Ontvangen", "Wij hebben uw bezwaarschrift ontvangen."),
            ("In behandeling", "De bezwaarcommissie behandelt uw bezwaar."),
            ("Besluit genomen", "Er is op uw bezwaar beslist."),
            ("Afgehandeld", "Uw bezwaar is afgehandeld."),
        ),
        ("Bezwaarschrift", "Bijlage", "Besluitbrief"),
        "Beslissing op bezwaar",
    ),
    Zaaktypedef(
        "SUBSIDIE",
        "Subsidie aanvragen",
        "intern",
        8,
        "aanvragen",
        "Subsidie",
        "beoordelen",
        "Aanvrager",
        (
            ("Ontvangen", "Wij hebben uw subsidieaanvraag ontvangen."),
            ("In behandeling", "Wij beoordelen uw subsidieaanvraag."),
            ("Besluit genomen", "Er is een besluit genomen over uw subsidieaanvraag."),
        ),
        ("Aanvraag", "Bijlage", "Besluitbrief"),
        "Subsidie verlenen",
    ),
)
INFORMATIEOBJECTTYPEN = {  # omschrijving → (vertrouwelijkheid, categorie)
    "Melding": ("openbaar", "Melding"),
    "Aanvraag": ("zaakvertrouwelijk", "Aanvraag"),
    "Bijlage": ("zaakvertrouwelijk", "Bijlage"),
    "Bezwaarschrift": ("zaakvertrouwelijk", "Bezwaarschrift"),
    "Besluitbrief": ("zaakvertrouwelijk", "Besluit"),
}
# The direction of each document type within a zaaktype (zaaktype-informatieobjecttype).
RICHTING = {"Besluitbrief": "uitgaand"}
ROLTYPEN = ("initiator", "belanghebbende", "behandelaar", "klantcontacter")


# -- the documents ------------------------------------------------------------------------


@functools.cache
def document(api: str) -> dict[str, Any]:
    """The API's OpenAPI document as plain data."""
    with (SPECS / APIS[api].spec).open(encoding="utf-8") as stream:
        data: dict[str, Any] = FileHandler()(stream)
    return data


def _remote_document(uri: str) -> Any:
    filename = REMOTE_DOCUMENTS.get(uri.split("#", 1)[0])
    if filename is None:
        raise LookupError(f"{uri} is not available offline")
    return _local_document(filename)


@functools.cache  # the resolver asks again for every reference into the document
def _local_document(filename: str) -> Any:
    with (SPECS / filename).open(encoding="utf-8") as stream:
        return FileHandler()(stream)


@functools.cache
def openapi_for(api: str) -> OpenAPI:
    """openapi-core's view of the API's document, with its remote references read from
    tests/specs (``tests.support.spec.openapi`` would fetch them from GitHub)."""
    path = SPECS / APIS[api].spec
    spec = SchemaPath.from_dict(
        document(api),
        base_uri=path.as_uri(),
        handlers={**default_handlers, "http": _remote_document, "https": _remote_document},
    )
    config = Config(
        # Checking the document itself would resolve every reference, remote ones included.
        spec_validator_cls=None,
        extra_media_type_deserializers={"application/problem+json": json.loads},
    )
    return OpenAPI(spec, config=config)


@functools.cache
def _body_validator(api: str) -> V30RequestBodyValidator:
    return V30RequestBodyValidator(openapi_for(api).spec)


def _query_parameters(api: str, template: str, method: str) -> dict[str, dict[str, Any]]:
    operation = document(api)["paths"][template][method.lower()]
    return {
        p["name"]: p.get("schema", {})
        for p in operation.get("parameters", [])
        if p["in"] == "query"
    }


# -- small helpers ------------------------------------------------------------------------


def informatieobjecttype_uuid(omschrijving: str) -> str:
    """The uuid of the demo catalogue's document type ``omschrijving``: the same in every
    run, so the demo can name its URL before the register starts."""
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"klantbeeld-demo:informatieobjecttype:{omschrijving}")
    )


def elfproef(nummer: str) -> bool:
    """The eleven-test of BSN and RSIN (the last digit weighs -1)."""
    if len(nummer) != 9 or not nummer.isdigit():
        return False
    weights = range(9, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(nummer[:8], weights, strict=True))
    return (total - int(nummer[8])) % 11 == 0


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _now() -> str:
    return _iso(datetime.datetime.now(datetime.UTC).replace(microsecond=0))


def _moment(value: str) -> datetime.datetime:
    """A date or date-time as given by a client; without an offset it is Dutch time, as
    Open Zaak (TIME_ZONE Europe/Amsterdam) reads it."""
    if len(value) == 10:
        value += "T09:00:00"
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment


def _level(vertrouwelijkheid: str) -> int:
    return (
        VERTROUWELIJKHEID.index(vertrouwelijkheid) if vertrouwelijkheid in VERTROUWELIJKHEID else 0
    )


def _truthy(value: str) -> bool:
    return value.lower() in ("true", "1", "yes")


def _uuid_of(url: str) -> str:
    return urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Received:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    claims: dict[str, Any] | None
    headers: dict[str, str]


@dataclass
class Answer:
    status: int
    body: Any = None  # JSON-able; bytes are sent as they are
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


class Refusal(Exception):
    """Ends a request with ``answer`` (a problem)."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.status)
        self.answer = answer


class Route(NamedTuple):
    api: str
    collection: str
    uuid: str | None
    download: bool
    template: str  # the document's path


FOUT_TITELS = {
    400: ("ValidationError", "invalid", "Ongeldige invoer."),
    403: ("PermissionDenied", "permission_denied", "U heeft geen toestemming voor deze actie."),
    404: ("NotFound", "not_found", "Niet gevonden."),
    405: ("MethodNotAllowed", "method_not_allowed", "Methode niet toegestaan."),
    406: ("NotAcceptable", "not_acceptable", "Kan niet voldoen aan de opgegeven Accept-header."),
    412: ("PreconditionFailed", "precondition_failed", "Voorwaarde is niet vervuld."),
    415: ("UnsupportedMediaType", "unsupported_media_type", "Niet-ondersteund mediatype."),
    500: ("APIException", "error", "Er is een serverfout opgetreden."),
    503: (
        "ServiceUnavailable",
        "service_unavailable",
        "Service tijdelijk niet beschikbaar, probeer later opnieuw.",
    ),
}


@dataclass
class LocalZgw:
    url: str = ""
    clients: dict[str, str] = field(default_factory=dict)  # client_id → secret
    received: list[Received] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    delay: float = 0.0
    failing: bool = False
    # How many requests that arrive on a kept-alive connection get no answer: the
    # connection is closed instead, as a register (or a proxy before it) does that closed
    # the idle connection just as the client sent on it.
    sluit_hergebruikt: int = 0
    rsin: str = "002220647"
    # The highest vertrouwelijkheidaanduiding the clients' autorisaties cover (Open Zaak's
    # max_vertrouwelijkheidaanduiding): higher zaken and documents are left out of lists and
    # their details answered 403.
    clearance: str = "zeer_geheim"
    lock: threading.RLock = field(default_factory=threading.RLock)
    _store: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: {name: {} for name in COLLECTIONS}, init=False, repr=False
    )
    _inhoud: dict[str, bytes] = field(default_factory=dict, init=False, repr=False)
    _nummers: dict[str, int] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._seed_catalogus()

    @property
    def zaken_root(self) -> str:
        return self._root("zaken")

    @property
    def documenten_root(self) -> str:
        return self._root("documenten")

    @property
    def besluiten_root(self) -> str:
        return self._root("besluiten")

    @property
    def catalogi_root(self) -> str:
        return self._root("catalogi")

    def _root(self, api: str) -> str:
        return f"{self.url}/{api}/api/v1"

    # -- reading the state (copies: changing them changes nothing) -----------------------

    def objects(self, resource: str) -> list[dict[str, Any]]:
        with self.lock:
            return copy.deepcopy(list(self._store[resource].values()))

    def content_of(self, document: dict[str, Any] | str) -> bytes:
        """The stored file of an enkelvoudiginformatieobject (the resource or its URL)."""
        url = document if isinstance(document, str) else document["url"]
        return self._inhoud[_uuid_of(url)]

    def zaaktype(self, identificatie: str) -> dict[str, Any]:
        with self.lock:
            return copy.deepcopy(self._zaaktype(identificatie))

    def statustype(self, zaaktype: str, omschrijving: str) -> dict[str, Any]:
        with self.lock:
            return copy.deepcopy(self._statustype(self._zaaktype(zaaktype), omschrijving))

    def _zaaktype(self, ref: str) -> dict[str, Any]:
        found = self._get("zaaktypen", ref) if "/" in ref else None
        for zaaktype in self._store["zaaktypen"].values():
            if zaaktype["identificatie"] == ref:
                found = zaaktype
        if found is None:
            raise KeyError(f"geen zaaktype {ref!r}")
        return found

    def _statustype(self, zaaktype: dict[str, Any], omschrijving: str) -> dict[str, Any]:
        for url in zaaktype["statustypen"]:
            statustype = self._get("statustypen", url)
            if statustype is not None and statustype["omschrijving"] == omschrijving:
                return statustype
        raise KeyError(f"zaaktype {zaaktype['identificatie']} kent geen status {omschrijving!r}")

    def _statustypen(self, zaaktype: dict[str, Any]) -> list[dict[str, Any]]:
        found = [self._store["statustypen"][_uuid_of(url)] for url in zaaktype["statustypen"]]
        return sorted(found, key=lambda s: int(s["volgnummer"]))

    def _get(self, collection: str, url: Any) -> dict[str, Any] | None:
        """The resource of this collection at ``url`` (its path decides; hosts may differ
        between a register's name and the address a client uses)."""
        if not isinstance(url, str):
            return None
        path = urlsplit(url).path.rstrip("/")
        prefix = f"/{COLLECTIONS[collection]}/api/v1/{collection}/"
        if not path.startswith(prefix):
            return None
        return self._store[collection].get(path[len(prefix) :])

    def _zaak(self, zaak: dict[str, Any] | str) -> dict[str, Any]:
        url = zaak if isinstance(zaak, str) else zaak["url"]
        found = self._get("zaken", url)
        if found is None:
            raise KeyError(f"geen zaak {url}")
        return found

    def _new(
        self, collection: str, resource: dict[str, Any], key: str | None = None
    ) -> dict[str, Any]:
        key = key or str(uuid.uuid4())
        url = f"{self._root(COLLECTIONS[collection])}/{collection}/{key}"
        stored = {"url": url, **({"uuid": key} if collection in WITH_UUID else {}), **resource}
        self._store[collection][key] = stored
        return stored

    def _nummer(self, soort: str, jaar: str) -> str:
        self._nummers[soort] = self._nummers.get(soort, 0) + 1
        return f"{soort}-{jaar}-{self._nummers[soort]:010d}"

    # -- the catalogus --------------------------------------------------------------------

    def _seed_catalogus(self) -> None:
        catalogus = self._new(
            "catalogussen",
            {
                "domein": "DEMO",
                "rsin": self.rsin,
                "contactpersoonBeheerNaam": "Team Zaakgericht Werken",
                "contactpersoonBeheerTelefoonnummer": "14 020",
                "contactpersoonBeheerEmailadres": "zaakgerichtwerken@example.nl",
                "zaaktypen": [],
                "besluittypen": [],
                "informatieobjecttypen": [],
                "naam": "Zaaktypecatalogus Klantbeeld-demo",
                "versie": "1",
                "begindatumVersie": GELDIG_VANAF,
            },
        )
        geldig = {"beginObject": GELDIG_VANAF, "eindeObject": ZONDER_EINDE}
        iots: dict[str, dict[str, Any]] = {}
        for omschrijving, (vertrouwelijkheid, categorie) in INFORMATIEOBJECTTYPEN.items():
            iots[omschrijving] = self._new(
                "informatieobjecttypen",
                {
                    "catalogus": catalogus["url"],
                    "omschrijving": omschrijving,
                    "vertrouwelijkheidaanduiding": vertrouwelijkheid,
                    "beginGeldigheid": GELDIG_VANAF,
                    "eindeGeldigheid": None,
                    "concept": False,
                    "besluittypen": [],
                    "informatieobjectcategorie": categorie,
                    "trefwoord": [],
                    "omschrijvingGeneriek": {
                        "informatieobjecttypeOmschrijvingGeneriek": "",
                        "definitieInformatieobjecttypeOmschrijvingGeneriek": "",
                        "herkomstInformatieobjecttypeOmschrijvingGeneriek": "",
                        "hierarchieInformatieobjecttypeOmschrijvingGeneriek": "",
                        "opmerkingInformatieobjecttypeOmschrijvingGeneriek": "",
                    },
                    "zaaktypen": [],
                    **geldig,
                },
                key=informatieobjecttype_uuid(omschrijving),
            )
            catalogus["informatieobjecttypen"].append(iots[omschrijving]["url"])
        for definitie in ZAAKTYPEN:
            zaaktype = self._new(
                "zaaktypen",
                {
                    "identificatie": definitie.identificatie,
                    "omschrijving": definitie.omschrijving,
                    "omschrijvingGeneriek": "",
                    "vertrouwelijkheidaanduiding": definitie.vertrouwelijkheid,
                    "doel": f"{definitie.omschrijving} behandelen volgens de gemeentelijke regels.",
                    "aanleiding": f"Een inwoner of bedrijf wil: {definitie.omschrijving.lower()}.",
                    "toelichting": "",
                    "indicatieInternOfExtern": "extern",
                    "handelingInitiator": definitie.handeling_initiator,
                    "onderwerp": definitie.onderwerp,
                    "handelingBehandelaar": definitie.handeling_behandelaar,
                    "doorlooptijd": f"P{definitie.doorlooptijd_weken}W",
                    "servicenorm": None,
                    "opschortingEnAanhoudingMogelijk": False,
                    "verlengingMogelijk": definitie.besluittype is not None,
                    "verlengingstermijn": "P6W" if definitie.besluittype else None,
                    "trefwoorden": [],
                    "publicatieIndicatie": False,
                    "publicatietekst": "",
                    "verantwoordingsrelatie": [],
                    "productenOfDiensten": [],
                    "referentieproces": {"naam": definitie.omschrijving},
                    "concept": False,
                    "verantwoordelijke": "Afdeling Publiekszaken",
                    "beginGeldigheid": GELDIG_VANAF,
                    "eindeGeldigheid": None,
                    "versiedatum": GELDIG_VANAF,
                    "catalogus": catalogus["url"],
                    "statustypen": [],
                    "resultaattypen": [],
                    "eigenschappen": [],
                    "informatieobjecttypen": [],
                    "roltypen": [],
                    "besluittypen": [],
                    "deelzaaktypen": [],
                    "gerelateerdeZaaktypen": [],
                    "zaakobjecttypen": [],
                    **geldig,
                },
            )
            catalogus["zaaktypen"].append(zaaktype["url"])
            of_zaaktype = {
                "zaaktype": zaaktype["url"],
                "zaaktypeIdentificatie": definitie.identificatie,
                "catalogus": catalogus["url"],
            }
            for volgnummer, (omschrijving, statustekst) in enumerate(definitie.statussen, 1):
                statustype = self._new(
                    "statustypen",
                    {
                        "omschrijving": omschrijving,
                        "omschrijvingGeneriek": "",
                        "statustekst": statustekst,
                        **of_zaaktype,
                        "volgnummer": volgnummer,
                        "isEindstatus": volgnummer == len(definitie.statussen),
                        "informeren": volgnummer in (1, len(definitie.statussen)),
                        "doorlooptijd": None,
                        "toelichting": None,
                        "checklistitemStatustype": [],
                        "eigenschappen": [],
                        "zaakobjecttypen": [],
                        "beginGeldigheid": GELDIG_VANAF,
                        "eindeGeldigheid": None,
                        **geldig,
                    },
                )
                zaaktype["statustypen"].append(statustype["url"])
            for generiek in ROLTYPEN:
                omschrijving = definitie.initiator if generiek == "initiator" else generiek
                roltype = self._new(
                    "roltypen",
                    {
                        **of_zaaktype,
                        "omschrijving": omschrijving.capitalize(),
                        "omschrijvingGeneriek": generiek,
                        "beginGeldigheid": GELDIG_VANAF,
                        "eindeGeldigheid": None,
                        **geldig,
                    },
                )
                zaaktype["roltypen"].append(roltype["url"])
            for volgnummer, omschrijving in enumerate(definitie.informatieobjecttypen, 1):
                zaaktype["informatieobjecttypen"].append(iots[omschrijving]["url"])
                iots[omschrijving]["zaaktypen"].append(zaaktype["url"])
                self._new(
                    "zaaktype-informatieobjecttypen",
                    {
                        **of_zaaktype,
                        "informatieobjecttype": iots[omschrijving]["url"],
                        "volgnummer": volgnummer,
                        "richting": RICHTING.get(omschrijving, "inkomend"),
                        "statustype": None,
                    },
                )
            if definitie.besluittype is not None:
                brief = iots["Besluitbrief"]
                besluittype = self._new(
                    "besluittypen",
                    {
                        "catalogus": catalogus["url"],
                        "zaaktypen": [zaaktype["url"]],
                        "omschrijving": definitie.besluittype,
                        "omschrijvingGeneriek": "",
                        "besluitcategorie": "beschikking",
                        "reactietermijn": "P6W",
                        "publicatieIndicatie": False,
                        "publicatietekst": "",
                        "publicatietermijn": None,
                        "toelichting": "",
                        "informatieobjecttypen": [brief["url"]],
                        "beginGeldigheid": GELDIG_VANAF,
                        "eindeGeldigheid": None,
                        "concept": False,
                        "resultaattypen": [],
                        "resultaattypenOmschrijving": [],
                        "vastgelegdIn": [brief["omschrijving"]],
                        **geldig,
                    },
                )
                zaaktype["besluittypen"].append(besluittype["url"])
                catalogus["besluittypen"].append(besluittype["url"])
                brief["besluittypen"].append(besluittype["url"])

    # -- writing (shared by the API and the helpers below) --------------------------------

    def _create_zaak(self, fields: Mapping[str, Any], zaaktype: dict[str, Any]) -> dict[str, Any]:
        registratiedatum = fields.get("registratiedatum") or datetime.date.today().isoformat()
        identificatie = fields.get("identificatie") or self._nummer("ZAAK", registratiedatum[:4])
        opschorting = fields.get("opschorting") or {}
        zaak = self._new(
            "zaken",
            {
                "identificatie": identificatie,
                "bronorganisatie": fields["bronorganisatie"],
                "omschrijving": "",
                "toelichting": "",
                "zaaktype": zaaktype["url"],
                "registratiedatum": registratiedatum,
                "verantwoordelijkeOrganisatie": fields["verantwoordelijkeOrganisatie"],
                "startdatum": fields["startdatum"],
                "einddatum": None,
                "einddatumGepland": None,
                "uiterlijkeEinddatumAfdoening": None,
                "publicatiedatum": None,
                "laatstGemuteerd": fields.get("laatstGemuteerd") or _now(),
                "laatstGeopend": None,
                "communicatiekanaalNaam": "",
                "productenOfDiensten": [],
                "vertrouwelijkheidaanduiding": zaaktype["vertrouwelijkheidaanduiding"],
                "betalingsindicatie": "",
                "laatsteBetaaldatum": None,
                "hoofdzaak": None,
                "deelzaken": [],
                "relevanteAndereZaken": [],
                "gerelateerdeZaken": [],
                "eigenschappen": [],
                "rollen": [],
                "status": None,
                "zaakinformatieobjecten": [],
                "zaakobjecten": [],
                "kenmerken": [],
                "archiefnominatie": "",
                "archiefstatus": "nog_te_archiveren",
                "archiefactiedatum": None,
                "resultaat": None,
                "processobjectaard": "",
                "startdatumBewaartermijn": None,
                **{
                    k: v
                    for k, v in fields.items()
                    if k not in ("identificatie", "registratiedatum", "zaaktype", "opschorting")
                    and k in _writable("zaken", "ZaakRequest")
                    and v not in (None, "")
                },
            },
        )
        zaak["opschorting"] = {
            "indicatie": bool(opschorting.get("indicatie", False)),
            "eerdereOpschorting": False,
            "reden": opschorting.get("reden", ""),
        }
        zaak["betalingsindicatieWeergave"] = BETALINGSINDICATIE.get(zaak["betalingsindicatie"], "")
        for name in ("einddatumGepland", "uiterlijkeEinddatumAfdoening", "publicatiedatum"):
            zaak[name] = fields.get(name)
        hoofdzaak = self._get("zaken", zaak["hoofdzaak"])
        if hoofdzaak is not None:
            hoofdzaak["deelzaken"].append(zaak["url"])
        return zaak

    def _create_rol(
        self,
        zaak: dict[str, Any],
        roltype: dict[str, Any],
        betrokkene_type: str,
        identificatie: Mapping[str, Any],
        fields: Mapping[str, Any] | None = None,
        registratiedatum: str | None = None,
    ) -> dict[str, Any]:
        standaard = BETROKKENE_STANDAARD[betrokkene_type]
        known = _writable("zaken", IDENTIFICATIE_SCHEMAS[betrokkene_type])
        given = {k: v for k, v in identificatie.items() if k in known and v is not None}
        betrokkene = {**standaard, **given}
        # "" breaks the pattern or minimum length of these; Open Zaak answers "" all the same.
        for name in ("inpBsn", "inpA_nummer", "innNnpId"):
            if betrokkene.get(name) == "":
                del betrokkene[name]
        extra = {
            k: v
            for k, v in (fields or {}).items()
            if k in _writable("zaken", "Base_RolSerializerRequest") | {"authenticatieContext"}
            and k not in ("zaak", "roltype", "betrokkeneType")
            and v not in (None, "")
        }
        rol = self._new(
            "rollen",
            {
                "zaak": zaak["url"],
                "betrokkeneType": betrokkene_type,
                "afwijkendeNaamBetrokkene": "",
                "roltype": roltype["url"],
                "omschrijving": roltype["omschrijving"],
                "omschrijvingGeneriek": roltype["omschrijvingGeneriek"],
                "roltoelichting": "",
                "registratiedatum": registratiedatum or _now(),
                "indicatieMachtiging": "",
                "statussen": [],
                "beginGeldigheid": None,
                "eindeGeldigheid": None,
                **extra,
                "betrokkeneIdentificatie": betrokkene,
            },
        )
        zaak["rollen"].append(rol["url"])
        return rol

    def _create_status(
        self,
        zaak: dict[str, Any],
        statustype: dict[str, Any],
        gezet: datetime.datetime,
        toelichting: str = "",
        gezetdoor: str | None = None,
    ) -> dict[str, Any]:
        status = self._new(
            "statussen",
            {
                "zaak": zaak["url"],
                "statustype": statustype["url"],
                "datumStatusGezet": _iso(gezet),
                "statustoelichting": toelichting,
                "indicatieLaatstGezetteStatus": False,
                "gezetdoor": gezetdoor,
                "zaakinformatieobjecten": [],
            },
        )
        statussen = [s for s in self._store["statussen"].values() if s["zaak"] == zaak["url"]]
        laatste = max(statussen, key=lambda s: _moment(s["datumStatusGezet"]))
        for other in statussen:
            other["indicatieLaatstGezetteStatus"] = other is laatste
        zaak["status"] = laatste["url"]
        if laatste is status:
            eindstatus = statustype["isEindstatus"]
            zaak["einddatum"] = (
                gezet.astimezone(AMSTERDAM).date().isoformat() if eindstatus else None
            )
            zaak["laatstGemuteerd"] = _iso(gezet)
        rol = self._get("rollen", gezetdoor)
        if rol is not None:
            rol["statussen"].append(status["url"])
        return status

    def _create_eio(
        self, fields: Mapping[str, Any], iot: dict[str, Any], inhoud: bytes | None
    ) -> dict[str, Any]:
        creatiedatum = fields["creatiedatum"]
        eio = self._new(
            "enkelvoudiginformatieobjecten",
            {
                "identificatie": fields.get("identificatie")
                or self._nummer("DOCUMENT", creatiedatum[:4]),
                "bronorganisatie": fields["bronorganisatie"],
                "creatiedatum": creatiedatum,
                "titel": fields["titel"],
                "vertrouwelijkheidaanduiding": fields.get("vertrouwelijkheidaanduiding")
                or iot["vertrouwelijkheidaanduiding"],
                "auteur": fields["auteur"],
                "status": fields.get("status") or "",
                "formaat": fields.get("formaat") or "",
                "taal": fields["taal"],
                "versie": 1,
                "beginRegistratie": fields.get("beginRegistratie") or _now(),
                "bestandsnaam": fields.get("bestandsnaam") or "",
                "inhoud": None,
                "bestandsomvang": None,
                "beschrijving": fields.get("beschrijving") or "",
                "ontvangstdatum": fields.get("ontvangstdatum"),
                "verzenddatum": fields.get("verzenddatum"),
                "indicatieGebruiksrecht": fields.get("indicatieGebruiksrecht"),
                "verschijningsvorm": fields.get("verschijningsvorm") or "",
                "informatieobjecttype": iot["url"],
                "locked": False,
                "bestandsdelen": [],
                "trefwoorden": list(fields.get("trefwoorden") or []),
            },
        )
        for name in ("link", "ondertekening", "integriteit"):
            if fields.get(name):
                eio[name] = fields[name]
        if inhoud is not None:
            key = _uuid_of(eio["url"])
            self._inhoud[key] = inhoud
            eio["inhoud"] = f"{eio['url']}/download"
            eio["bestandsomvang"] = len(inhoud)
        return eio

    def _create_zio(
        self,
        zaak: dict[str, Any],
        eio: dict[str, Any],
        fields: Mapping[str, Any] | None = None,
        registratiedatum: str | None = None,
    ) -> dict[str, Any]:
        fields = fields or {}
        zio = self._new(
            "zaakinformatieobjecten",
            {
                "informatieobject": eio["url"],
                "zaak": zaak["url"],
                "aardRelatieWeergave": AARD_RELATIE,
                "titel": fields.get("titel") or "",
                "beschrijving": fields.get("beschrijving") or "",
                "registratiedatum": registratiedatum or _now(),
                "vernietigingsdatum": fields.get("vernietigingsdatum"),
                "status": fields.get("status"),
            },
        )
        zaak["zaakinformatieobjecten"].append(zio["url"])
        status = self._get("statussen", zio["status"])
        if status is not None:
            status["zaakinformatieobjecten"].append(zio["url"])
        self._new(
            "objectinformatieobjecten",
            {"informatieobject": eio["url"], "object": zaak["url"], "objectType": "zaak"},
        )
        return zio

    def _create_besluit(
        self, zaak: dict[str, Any], besluittype: str, toelichting: str, datum: str, ingang: str
    ) -> dict[str, Any]:
        return self._new(
            "besluiten",
            {
                "identificatie": self._nummer("BESLUIT", datum[:4]),
                "verantwoordelijkeOrganisatie": zaak["verantwoordelijkeOrganisatie"],
                "besluittype": besluittype,
                "zaak": zaak["url"],
                "datum": datum,
                "toelichting": toelichting,
                "bestuursorgaan": "College van B&W",
                "ingangsdatum": ingang,
                "vervaldatum": None,
                "vervalreden": "",
                "vervalredenWeergave": "",
                "publicatiedatum": None,
                "verzenddatum": None,
                "uiterlijkeReactiedatum": None,
            },
        )

    def _delete(self, collection: str, resource: dict[str, Any]) -> None:
        self._store[collection].pop(_uuid_of(resource["url"]), None)
        url = resource["url"]
        if collection == "zaken":
            for name in (
                "rollen",
                "statussen",
                "zaakinformatieobjecten",
                "zaakcontactmomenten",
                "zaakobjecten",
            ):
                for related in [r for r in self._store[name].values() if r["zaak"] == url]:
                    self._delete(name, related)
            hoofdzaak = self._get("zaken", resource["hoofdzaak"])
            if hoofdzaak is not None:
                hoofdzaak["deelzaken"].remove(url)
            return
        zaak = self._get("zaken", resource["zaak"])
        if zaak is not None and collection in ("rollen", "zaakinformatieobjecten"):
            zaak[collection].remove(url)
        if collection == "zaakinformatieobjecten":
            for oio in list(self._store["objectinformatieobjecten"].values()):
                if (oio["object"], oio["informatieobject"]) == (
                    resource["zaak"],
                    resource["informatieobject"],
                ):
                    self._store["objectinformatieobjecten"].pop(_uuid_of(oio["url"]))
            for status in self._store["statussen"].values():
                if url in status["zaakinformatieobjecten"]:
                    status["zaakinformatieobjecten"].remove(url)

    # -- helpers for tests and demos ------------------------------------------------------

    def add_zaak(
        self,
        zaaktype: str,
        *,
        omschrijving: str,
        bsn: str | None = None,
        kvk: str | None = None,
        vestigingsnummer: str | None = None,
        rsin: str | None = None,
        vertrouwelijkheid: str = "openbaar",
        startdatum: str = "2026-10-01",
        einddatum_gepland: str | None = None,
        status: str | None = None,
        einddatum: str | None = None,
        hoofdzaak: dict[str, Any] | str | None = None,
    ) -> dict[str, Any]:
        """A zaak with an initiator rol for the identifier given, its first status set
        (``status``, else the first statustype) and, with ``einddatum``, closed then. With
        ``hoofdzaak`` it is a deelzaak of that zaak (the hoofdzaak lists it in
        ``deelzaken``; the Zaken API allows one level only)."""
        with self.lock:
            type_ = self._zaaktype(zaaktype)
            begin = _iso(_moment(startdatum))
            hoofd = self._zaak(hoofdzaak) if hoofdzaak is not None else None
            if hoofd is not None and hoofd["hoofdzaak"] is not None:
                raise ValueError("een deelzaak kan zelf geen deelzaken hebben")
            zaak = self._create_zaak(
                {
                    "bronorganisatie": self.rsin,
                    "verantwoordelijkeOrganisatie": self.rsin,
                    "startdatum": startdatum,
                    "registratiedatum": startdatum,
                    "laatstGemuteerd": begin,
                    "omschrijving": omschrijving,
                    "vertrouwelijkheidaanduiding": vertrouwelijkheid,
                    "einddatumGepland": einddatum_gepland,
                    "hoofdzaak": hoofd["url"] if hoofd is not None else None,
                },
                type_,
            )
            betrokkene: tuple[str, dict[str, Any]] | None = None
            if bsn is not None:
                betrokkene = ("natuurlijk_persoon", {"inpBsn": bsn})
            elif kvk is not None:
                betrokkene = (
                    "niet_natuurlijk_persoon",
                    {"kvkNummer": kvk, "innNnpId": rsin, "vestigingsNummer": vestigingsnummer},
                )
            elif rsin is not None:
                betrokkene = ("niet_natuurlijk_persoon", {"innNnpId": rsin})
            elif vestigingsnummer is not None:
                betrokkene = ("vestiging", {"vestigingsNummer": vestigingsnummer})
            if betrokkene is not None:
                self._create_rol(
                    zaak, self._roltype(type_, "initiator"), *betrokkene, registratiedatum=begin
                )
            statustypen = self._statustypen(type_)
            eerste = statustypen[0] if status is None else self._statustype(type_, status)
            self._create_status(zaak, eerste, _moment(startdatum))
            if einddatum is not None and not eerste["isEindstatus"]:
                self._create_status(zaak, statustypen[-1], _moment(einddatum))
            if einddatum is not None:
                zaak["einddatum"] = einddatum
            return copy.deepcopy(zaak)

    def add_rol(
        self,
        zaak: dict[str, Any] | str,
        omschrijving_generiek: str,
        betrokkene_type: str,
        identificatie: Mapping[str, Any],
    ) -> dict[str, Any]:
        """A rol of the zaaktype's roltype ``omschrijving_generiek`` (e.g. the handling team:
        ``"behandelaar"``, ``"organisatorische_eenheid"``, ``{"identificatie": …, "naam": …}``)."""
        with self.lock:
            stored = self._zaak(zaak)
            roltype = self._roltype(self._zaaktype(stored["zaaktype"]), omschrijving_generiek)
            return copy.deepcopy(self._create_rol(stored, roltype, betrokkene_type, identificatie))

    def _roltype(self, zaaktype: dict[str, Any], generiek: str) -> dict[str, Any]:
        for url in zaaktype["roltypen"]:
            roltype = self._store["roltypen"][_uuid_of(url)]
            if roltype["omschrijvingGeneriek"] == generiek:
                return roltype
        raise KeyError(f"zaaktype {zaaktype['identificatie']} kent geen roltype {generiek}")

    def add_status(
        self,
        zaak: dict[str, Any] | str,
        omschrijving: str,
        toelichting: str = "",
        datum: str | None = None,
    ) -> dict[str, Any]:
        """A new status; without ``datum`` a day after the zaak's latest one."""
        with self.lock:
            stored = self._zaak(zaak)
            statustype = self._statustype(self._zaaktype(stored["zaaktype"]), omschrijving)
            if datum is not None:
                gezet = _moment(datum)
            elif stored["status"] is not None:
                vorige = self._store["statussen"][_uuid_of(stored["status"])]
                gezet = _moment(vorige["datumStatusGezet"]) + datetime.timedelta(days=1)
            else:
                gezet = _moment(stored["startdatum"])
            return copy.deepcopy(self._create_status(stored, statustype, gezet, toelichting))

    def add_document(
        self,
        zaak: dict[str, Any] | str,
        titel: str,
        *,
        vertrouwelijkheid: str = "openbaar",
        inhoud: bytes = b"%PDF-1.4 demo",
        bestandsnaam: str = "document.pdf",
        formaat: str = "application/pdf",
    ) -> dict[str, Any]:
        """An informatieobject of the zaak's first informatieobjecttype, related to it."""
        with self.lock:
            stored = self._zaak(zaak)
            return self._add_document(
                stored,
                titel,
                vertrouwelijkheid=vertrouwelijkheid,
                inhoud=inhoud,
                bestandsnaam=bestandsnaam,
                formaat=formaat,
            )

    def _add_document(
        self,
        zaak: dict[str, Any],
        titel: str,
        *,
        vertrouwelijkheid: str,
        inhoud: bytes = b"%PDF-1.4 demo",
        bestandsnaam: str = "document.pdf",
        formaat: str = "application/pdf",
        soort: str | None = None,
        datum: str | None = None,
    ) -> dict[str, Any]:
        zaaktype = self._zaaktype(zaak["zaaktype"])
        iots = [
            self._store["informatieobjecttypen"][_uuid_of(u)]
            for u in zaaktype["informatieobjecttypen"]
        ]
        iot = next((i for i in iots if i["omschrijving"] == soort), iots[0])
        creatiedatum = datum or zaak["startdatum"]
        eio = self._create_eio(
            {
                "bronorganisatie": self.rsin,
                "creatiedatum": creatiedatum,
                "titel": titel,
                "vertrouwelijkheidaanduiding": vertrouwelijkheid,
                "auteur": "Gemeente Voorbeeld",
                "status": "definitief",
                "formaat": formaat,
                "taal": "dut",
                "bestandsnaam": bestandsnaam,
                "beginRegistratie": f"{creatiedatum}T10:00:00Z",
                "indicatieGebruiksrecht": False,
            },
            iot,
            inhoud,
        )
        self._create_zio(zaak, eio, registratiedatum=f"{creatiedatum}T10:00:00Z")
        return copy.deepcopy(eio)

    def add_besluit(
        self,
        zaak: dict[str, Any] | str,
        *,
        toelichting: str = "",
        datum: str = "2026-10-15",
        ingangsdatum: str = "2026-10-16",
    ) -> dict[str, Any]:
        """A besluit of the (first) besluittype of the zaak's zaaktype."""
        with self.lock:
            stored = self._zaak(zaak)
            besluittypen = self._zaaktype(stored["zaaktype"])["besluittypen"]
            if not besluittypen:
                raise ValueError(f"het zaaktype van {stored['identificatie']} kent geen besluiten")
            besluit = self._create_besluit(
                stored, besluittypen[0], toelichting, datum, ingangsdatum
            )
            return copy.deepcopy(besluit)

    def seed_demo(self, personen: Sequence[str], organisaties: Sequence[str]) -> None:
        """One to three zaken for every BSN in ``personen`` and KVK-nummer in
        ``organisaties``: open and closed ones, several statuses, documents (some
        vertrouwelijk) and besluiten. The same arguments always give the same data."""
        with self.lock:
            teller = 0
            for i, bsn in enumerate(personen):
                for j in range(1 + i % 3):
                    soort = DEMO_VOLGORDE_PERSONEN[(i + j) % len(DEMO_VOLGORDE_PERSONEN)]
                    self._demo_zaak(teller, soort, DEMO_ZAKEN_PERSONEN, i + j, bsn=bsn)
                    teller += 1
            for i, kvk in enumerate(organisaties):
                for j in range(1 + (i + 1) % 3):
                    soort = DEMO_VOLGORDE_ORGANISATIES[(i + j) % len(DEMO_VOLGORDE_ORGANISATIES)]
                    self._demo_zaak(teller, soort, DEMO_ZAKEN_ORGANISATIES, i + j, kvk=kvk)
                    teller += 1

    def _demo_zaak(
        self,
        k: int,
        soort: str,
        titels: Mapping[str, Sequence[str]],
        keuze: int,
        *,
        bsn: str | None = None,
        kvk: str | None = None,
    ) -> None:
        definitie = next(d for d in ZAAKTYPEN if d.identificatie == soort)
        start = datetime.date(2026, 10, 26) - datetime.timedelta(days=(k * 17) % 150)
        gepland = start + datetime.timedelta(weeks=definitie.doorlooptijd_weken)
        stappen = len(definitie.statussen)
        gesloten = k % 3 == 1
        bereikt = stappen if gesloten else 1 + k % (stappen - 1)
        zaak = self.add_zaak(
            soort,
            omschrijving=titels[soort][keuze % len(titels[soort])],
            bsn=bsn,
            kvk=kvk,
            vertrouwelijkheid=definitie.vertrouwelijkheid,
            startdatum=start.isoformat(),
            einddatum_gepland=gepland.isoformat(),
        )
        stored = self._zaak(zaak)
        medewerker = DEMO_MEDEWERKERS[k % len(DEMO_MEDEWERKERS)]
        for stap, (omschrijving, _) in enumerate(definitie.statussen[1:bereikt], 2):
            dag = start + datetime.timedelta(days=6 * (stap - 1))
            if stap == 2:
                self._create_rol(
                    stored,
                    self._roltype(self._zaaktype(soort), "behandelaar"),
                    "medewerker",
                    medewerker,
                    registratiedatum=f"{dag.isoformat()}T08:30:00Z",
                )
            toelichting = "" if stap % 2 else f"Behandelaar: {medewerker['achternaam']}"
            self.add_status(zaak, omschrijving, toelichting, datum=f"{dag.isoformat()}T09:00:00Z")
            if omschrijving == "Besluit genomen":
                self._add_document(
                    stored,
                    f"Besluit: {definitie.besluittype}",
                    vertrouwelijkheid="zaakvertrouwelijk",
                    bestandsnaam="besluit.pdf",
                    soort="Besluitbrief",
                    datum=dag.isoformat(),
                )
                self._create_besluit(
                    stored,
                    self._zaaktype(soort)["besluittypen"][0],
                    "Besluit genomen volgens het mandaatbesluit.",
                    dag.isoformat(),
                    (dag + datetime.timedelta(days=1)).isoformat(),
                )
        for nummer, (iot, titel, bestandsnaam, formaat) in enumerate(DEMO_DOCUMENTEN[soort]):
            if nummer == 0 or k % 2 == 0:
                self._add_document(
                    stored,
                    titel,
                    vertrouwelijkheid=INFORMATIEOBJECTTYPEN[iot][0],
                    inhoud=f"%PDF-1.4 {titel}".encode(),
                    bestandsnaam=bestandsnaam,
                    formaat=formaat,
                    soort=iot,
                    datum=(start + datetime.timedelta(days=nummer)).isoformat(),
                )
        if k % 4 == 0:
            self._add_document(
                stored,
                DEMO_VERTROUWELIJK[soort],
                vertrouwelijkheid="vertrouwelijk",
                bestandsnaam="vertrouwelijk.pdf",
                soort="Bijlage",
                datum=start.isoformat(),
            )

    # -- the API ---------------------------------------------------------------------------

    def answer(
        self,
        method: str,
        target: str,
        headers: Mapping[str, str],
        raw: bytes,
    ) -> Answer:
        """The answer to one request (``target`` is the path with its query)."""
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        try:
            body: Any = json.loads(raw) if raw else None
        except ValueError:
            body = None
        named = {name.lower(): value for name, value in headers.items()}  # names ignore case
        claims, reason = self._authenticate(named.get("authorization"))
        with self.lock:
            self.received.append(
                Received(method, parts.path, query, body, claims, dict(headers.items()))
            )
        if self.delay:
            time.sleep(self.delay)
        route = self._route(parts.path)
        api = route.api if route is not None else "zaken"
        try:
            if self.failing:
                raise Refusal(self._fout(503, "Het register is tijdelijk niet beschikbaar."))
            if claims is None:
                raise Refusal(self._fout(403, reason, code="not_authenticated"))
            if route is None:
                raise Refusal(self._fout(404, f"Geen API-resource op {parts.path}."))
            with self.lock:
                answer = self._dispatch(method, route, parts.path, query, named, raw, body)
        except Refusal as refusal:
            answer = refusal.answer
        answer.headers.setdefault("API-version", APIS[api].version)
        if route is not None and route.collection == "zaken" and not route.download:
            answer.headers.setdefault("Content-Crs", CRS)
        return answer

    def _authenticate(self, header: str | None) -> tuple[dict[str, Any] | None, str]:
        scheme, _, token = (header or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None, "Authenticatiegegevens zijn niet opgegeven."
        try:
            client_id = jwt.decode(token, options={"verify_signature": False})["client_id"]
            secret = self.clients[client_id]
        except (KeyError, TypeError, jwt.PyJWTError):
            return None, "Onbekende client_id in de JWT."
        try:
            claims: dict[str, Any] = jwt.decode(
                token, secret, algorithms=["HS256"], options={"require": ["iat"]}
            )
        except jwt.PyJWTError as error:
            return None, f"De JWT is niet geldig: {error}."
        if claims["iat"] + JWT_EXPIRY < time.time():
            return None, "De JWT is verlopen (iat is meer dan een uur geleden)."
        return claims, ""

    def _route(self, path: str) -> Route | None:
        match = re.fullmatch(
            r"/(zaken|documenten|besluiten|catalogi)/api/v1/([a-z-]+)(?:/([0-9a-fA-F-]{36}))?"
            r"(/download)?/?",
            path,
        )
        if match is None:
            return None
        api, collection, key, download = match.groups()
        if COLLECTIONS.get(collection) != api:
            return None
        if download and (collection != "enkelvoudiginformatieobjecten" or not key):
            return None
        template = f"/{collection}" + ("/{uuid}" if key else "") + ("/download" if download else "")
        return Route(api, collection, key, bool(download), template)

    def _dispatch(
        self,
        method: str,
        route: Route,
        path: str,
        query: dict[str, list[str]],
        headers: Mapping[str, str],
        raw: bytes,
        body: Any,
    ) -> Answer:
        """``headers`` are named in lower case."""
        allowed = {"GET"} | ({"HEAD"} if route.uuid and not route.download else set())
        if route.uuid is None and route.collection in CREATABLE:
            allowed.add("POST")
        if route.uuid and not route.download and route.collection in DELETABLE:
            allowed.add("DELETE")
        if method not in allowed:
            answer = self._fout(405, f'Methode "{method}" niet toegestaan.')
            answer.headers["Allow"] = ", ".join(sorted(allowed))
            return answer
        if route.collection == "zaken" and method != "DELETE":
            self._negotiate_crs(method, headers)
        if method == "POST":
            return self._post(route, path, headers, raw, body)
        if route.uuid is None:
            self._check_query(route, path, query)
            return self._list(route, path, query)
        resource = self._store[route.collection].get(route.uuid.lower())
        if resource is None:
            return self._fout(404, "Niet gevonden.")
        if not self._cleared(resource):
            return self._fout(
                403,
                "U heeft geen toestemming om deze actie uit te voeren.",
                code="permission_denied",
            )
        if method == "DELETE":
            return self._destroy(route, resource)
        if route.download:
            inhoud = self._inhoud.get(route.uuid.lower(), b"")
            naam = resource["bestandsnaam"] or "document"
            return Answer(
                200,
                inhoud,
                "application/octet-stream",
                {"Content-Disposition": f'attachment; filename="{naam}"'},
            )
        self._check_query(route, path, query)
        data = self._render(route.collection, resource, _expand_paths(query))
        etag = hashlib.md5(json.dumps(data, sort_keys=True).encode(), usedforsecurity=False)
        return Answer(200, data, headers={"ETag": f'"{etag.hexdigest()}"'})

    def _cleared(self, resource: dict[str, Any]) -> bool:
        aanduiding = resource.get("vertrouwelijkheidaanduiding")
        return aanduiding is None or _level(aanduiding) <= _level(self.clearance)

    def _negotiate_crs(self, method: str, headers: Mapping[str, str]) -> None:
        wanted = [("Content-Crs", method == "POST"), ("Accept-Crs", True)]
        for name, needed in wanted:
            value = headers.get(name.lower())
            if needed and value is None:
                raise Refusal(self._fout(412, f"'{name}' header ontbreekt"))
            if needed and value != CRS:
                raise Refusal(self._fout(406, f"CRS '{value}' is niet ondersteund"))

    def _check_query(self, route: Route, path: str, query: dict[str, list[str]]) -> None:
        """Refuse (and record as breaking the document) parameters the operation does not
        have and values outside a parameter's enum."""
        known = _query_parameters(route.api, route.template, "GET")
        problems = []
        unknown = sorted(set(query) - set(known))
        if unknown:
            reason = f"Onbekende query parameters: {', '.join(unknown)}"
            problems.append(
                {"name": "nonFieldErrors", "code": "unknown-parameters", "reason": reason}
            )
        for name, values in query.items():
            schema = known.get(name, {})
            choices = schema.get("enum") or schema.get("items", {}).get("enum")
            if choices is None:
                continue
            given = values
            if "items" in schema:  # style form, explode false: comma-separated
                given = [part for value in values for part in value.split(",")]
            problems.extend(
                {
                    "name": name,
                    "code": "invalid_choice",
                    "reason": f"Selecteer een geldige keuze. {value} is niet een van de "
                    "beschikbare keuzes.",
                }
                for value in given
                if value and value not in choices
            )
        if problems:
            self.violations.extend(f"GET {path}: {p['name']}: {p['reason']}" for p in problems)
            raise Refusal(self._validaties(problems))
        for name in ("page", "pageSize"):
            for value in query.get(name, []):
                if not value.isdigit():
                    raise Refusal(self._fout(404, "Ongeldige pagina."))

    # -- reading ---------------------------------------------------------------------------

    def _list(self, route: Route, path: str, query: dict[str, list[str]]) -> Answer:
        items = [
            resource
            for resource in self._store[route.collection].values()
            if self._cleared(resource)
            and all(
                self._matches(route.collection, resource, name, value)
                for name, values in query.items()
                if name not in ("page", "pageSize", "expand", "ordering")
                for value in values
                if value != ""
            )
        ]
        for value in query.get("ordering", []):
            for name in reversed(value.split(",")):
                key = name.lstrip("-")
                present = [i for i in items if i.get(key) is not None]
                absent = [i for i in items if i.get(key) is None]
                present.sort(key=lambda i: str(i[key]), reverse=name.startswith("-"))
                # PostgreSQL sorts NULL as the largest value.
                items = absent + present if name.startswith("-") else present + absent
        expand = _expand_paths(query)
        if route.collection in UNPAGED:
            return Answer(200, [self._render(route.collection, i, expand) for i in items])
        size = min(int(query.get("pageSize", [str(PAGE_SIZE)])[0] or PAGE_SIZE), MAX_PAGE_SIZE)
        size = size or PAGE_SIZE
        page = int(query.get("page", ["1"])[0] or 1)
        last = max(1, -(-len(items) // size))
        if not 1 <= page <= last:
            return self._fout(404, "Ongeldige pagina.")

        def link(number: int) -> str | None:
            if not 1 <= number <= last or number == page:
                return None
            rest = {k: v for k, v in query.items() if k != "page"}
            if number > 1:
                rest["page"] = [str(number)]
            encoded = urlencode(rest, doseq=True)
            return f"{self.url}{path}" + (f"?{encoded}" if encoded else "")

        chunk = items[(page - 1) * size : page * size]
        return Answer(
            200,
            {
                "count": len(items),
                "next": link(page + 1),
                "previous": link(page - 1),
                "results": [self._render(route.collection, i, expand) for i in chunk],
            },
        )

    def _matches(self, collection: str, resource: dict[str, Any], name: str, value: str) -> bool:
        special = SPECIAL_FILTERS.get(collection, {})
        for prefix, test in special.items():
            if name == prefix or (prefix.endswith("__") and name.startswith(prefix)):
                return test(self, resource, name, value)
        base, _, lookup = name.rpartition("__")
        if lookup not in ("in", "gt", "gte", "lt", "lte", "isnull", "icontains"):
            base, lookup = name, ""
        if base not in resource:
            return True  # a documented filter this register does not apply
        return _compare(resource[base], lookup, value)

    def _render(self, collection: str, resource: dict[str, Any], expand: list[str]) -> Any:
        data = copy.deepcopy(resource)
        if collection == "zaken" and expand:
            data["_expand"] = self._expand_zaak(resource, expand)
        if collection == "enkelvoudiginformatieobjecten" and "informatieobjecttype" in expand:
            iot = self._get("informatieobjecttypen", resource["informatieobjecttype"])
            data["_expand"] = {"informatieobjecttype": copy.deepcopy(iot)} if iot else {}
        return data

    def _expand_zaak(self, zaak: dict[str, Any], paths: list[str]) -> dict[str, Any]:
        tree: dict[str, list[str]] = {}
        for path in paths:
            first, _, deeper = path.partition(".")
            tree.setdefault(first, [])
            if deeper:
                tree[first].append(deeper)
        expanded: dict[str, Any] = {}
        for head, rest in tree.items():
            if head == "zaaktype":
                expanded[head] = copy.deepcopy(self._get("zaaktypen", zaak["zaaktype"]))
            elif head == "status":
                status = self._get("statussen", zaak["status"])
                if status is not None:  # no status: left out, as `null` breaks the document
                    expanded[head] = self._with_types(status, "statustype", rest)
            elif head == "rollen":
                rollen = [self._get("rollen", url) for url in zaak["rollen"]]
                expanded[head] = [self._with_types(r, "roltype", rest) for r in rollen if r]
            elif head == "zaakinformatieobjecten":
                found = [self._get(head, url) for url in zaak[head]]
                expanded[head] = [copy.deepcopy(z) for z in found if z]
            elif head == "deelzaken":
                found = [self._get("zaken", url) for url in zaak[head]]
                expanded[head] = [self._render("zaken", z, rest) for z in found if z]
            elif head == "hoofdzaak":
                hoofdzaak = self._get("zaken", zaak["hoofdzaak"])
                if hoofdzaak is not None:
                    expanded[head] = self._render("zaken", hoofdzaak, rest)
            elif head in ("eigenschappen", "zaakobjecten"):
                expanded[head] = []
            # resultaat: this register keeps none, and `null` breaks the document.
        return expanded

    def _with_types(self, resource: dict[str, Any], name: str, rest: list[str]) -> dict[str, Any]:
        data = copy.deepcopy(resource)
        if name in rest:
            typed = self._get(f"{name}n", resource[name])
            data["_expand"] = {name: copy.deepcopy(typed)} if typed else {}
        return data

    # -- writing ---------------------------------------------------------------------------

    def _post(
        self, route: Route, path: str, headers: Mapping[str, str], raw: bytes, body: Any
    ) -> Answer:
        content_type = headers.get("content-type", "").split(";")[0].strip()
        if content_type != "application/json":
            return self._fout(415, f'Ongeldig mediatype "{content_type}" in aanvraag.')
        problems = self._validate_body(route.api, path, raw)
        if problems:
            with self.lock:
                self.violations.extend(f"POST {path}: {p['name']}: {p['reason']}" for p in problems)
            return self._validaties(problems)
        create = {
            "zaken": self._post_zaak,
            "rollen": self._post_rol,
            "statussen": self._post_status,
            "zaakinformatieobjecten": self._post_zio,
            "zaakcontactmomenten": self._post_zcm,
            "zaakobjecten": self._post_zaakobject,
            "enkelvoudiginformatieobjecten": self._post_eio,
        }[route.collection]
        created = create(body)
        data = self._render(route.collection, created, [])
        return Answer(201, data, headers={"Location": created["url"]})

    def _validate_body(self, api: str, path: str, raw: bytes) -> list[dict[str, str]]:
        request = MockRequest(SPEC_HOST, "post", path, data=raw, content_type="application/json")
        problems = []
        for error in _body_validator(api).iter_errors(request):
            schema_errors = getattr(error.__cause__, "schema_errors", None)
            if not schema_errors:
                reason = str(error.__cause__ or error) or type(error).__name__
                problems.append({"name": "nonFieldErrors", "code": "parse_error", "reason": reason})
                continue
            for inner in schema_errors:
                problems.append(_invalid_param(inner))
        return problems

    def _known(self, collection: str, url: Any, name: str) -> dict[str, Any]:
        found = self._get(collection, url)
        if found is None:
            raise self._ongeldig(
                name, "does_not_exist", f"Ongeldige hyperlink - {url} bestaat niet."
            )
        return found

    def _post_zaak(self, body: dict[str, Any]) -> dict[str, Any]:
        zaaktype = self._known("zaaktypen", body["zaaktype"], "zaaktype")
        for name in (
            "bronorganisatie",
            "verantwoordelijkeOrganisatie",
            "opdrachtgevendeOrganisatie",
        ):
            if name in body and not elfproef(body[name]):
                raise self._ongeldig(name, "invalid", "Onjuist RSIN formaat.")
        if body.get("hoofdzaak") is not None:
            self._known("zaken", body["hoofdzaak"], "hoofdzaak")
        identificatie = body.get("identificatie")
        if identificatie and any(
            (z["bronorganisatie"], z["identificatie"]) == (body["bronorganisatie"], identificatie)
            for z in self._store["zaken"].values()
        ):
            raise self._ongeldig(
                "identificatie",
                "identificatie-niet-uniek",
                "Deze identificatie bestaat al voor deze bronorganisatie",
            )
        return self._create_zaak(body, zaaktype)

    def _post_rol(self, body: dict[str, Any]) -> dict[str, Any]:
        zaak = self._known("zaken", body["zaak"], "zaak")
        roltype = self._known("roltypen", body["roltype"], "roltype")
        if roltype["zaaktype"] != zaak["zaaktype"]:
            raise self._ongeldig(
                "nonFieldErrors",
                "zaaktype-mismatch",
                "Het roltype hoort niet bij het zaaktype van de zaak.",
            )
        identificatie = body.get("betrokkeneIdentificatie") or {}
        if not body.get("betrokkene") and not identificatie:
            raise self._ongeldig(
                "nonFieldErrors",
                "invalid-betrokkene",
                "betrokkene of betrokkeneIdentificatie moet opgegeven worden.",
            )
        bsn = identificatie.get("inpBsn") if body["betrokkeneType"] == "natuurlijk_persoon" else ""
        if bsn and not elfproef(bsn):
            raise self._ongeldig(
                "betrokkeneIdentificatie.inpBsn", "invalid", "Onjuist BSN formaat."
            )
        return self._create_rol(zaak, roltype, body["betrokkeneType"], identificatie, body)

    def _post_status(self, body: dict[str, Any]) -> dict[str, Any]:
        zaak = self._known("zaken", body["zaak"], "zaak")
        statustype = self._known("statustypen", body["statustype"], "statustype")
        if statustype["zaaktype"] != zaak["zaaktype"]:
            raise self._ongeldig(
                "nonFieldErrors",
                "zaaktype-mismatch",
                "Het statustype hoort niet bij het zaaktype van de zaak.",
            )
        if body.get("gezetdoor") is not None:
            self._known("rollen", body["gezetdoor"], "gezetdoor")
        try:
            gezet = _moment(body["datumStatusGezet"])
        except ValueError:
            raise self._ongeldig("datumStatusGezet", "invalid", "Ongeldige datum/tijd.") from None
        return self._create_status(
            zaak, statustype, gezet, body.get("statustoelichting", ""), body.get("gezetdoor")
        )

    def _post_zio(self, body: dict[str, Any]) -> dict[str, Any]:
        zaak = self._known("zaken", body["zaak"], "zaak")
        eio = self._known(
            "enkelvoudiginformatieobjecten", body["informatieobject"], "informatieobject"
        )
        if body.get("status") is not None:
            self._known("statussen", body["status"], "status")
        if any(
            (z["zaak"], z["informatieobject"]) == (zaak["url"], eio["url"])
            for z in self._store["zaakinformatieobjecten"].values()
        ):
            raise self._ongeldig(
                "nonFieldErrors",
                "unique",
                "De velden zaak, informatieobject moeten een unieke set zijn.",
            )
        # As Open Zaak: the zaaktype must have a zaaktype-informatieobjecttype relation with
        # the document's type; a document of another type is never related to the zaak.
        if not any(
            (r["zaaktype"], r["informatieobjecttype"])
            == (zaak["zaaktype"], eio["informatieobjecttype"])
            for r in self._store["zaaktype-informatieobjecttypen"].values()
        ):
            raise self._ongeldig(
                "nonFieldErrors",
                "missing-zaaktype-informatieobjecttype-relation",
                "Het informatieobjecttype hoort niet bij het zaaktype van de zaak.",
            )
        return self._create_zio(zaak, eio, body)

    def _post_zcm(self, body: dict[str, Any]) -> dict[str, Any]:
        zaak = self._known("zaken", body["zaak"], "zaak")
        # Open Zaak fetches the contactmoment and checks it against the Contactmomenten API's
        # ContactMoment, then creates the objectcontactmoment there: a URL of any other API
        # (a Klantinteracties klantcontact, say) is refused.
        if "/contactmomenten/api/v1/contactmomenten/" not in str(body["contactmoment"]):
            raise self._ongeldig(
                "contactmoment",
                "invalid-resource",
                "De URL verwijst niet naar een ContactMoment van de Contactmomenten API.",
            )
        return self._new(
            "zaakcontactmomenten", {"zaak": zaak["url"], "contactmoment": body["contactmoment"]}
        )

    def _post_zaakobject(self, body: dict[str, Any]) -> dict[str, Any]:
        zaak = self._known("zaken", body["zaak"], "zaak")
        if body.get("object"):
            # Open Zaak asks the object URL for a 200; this register reaches no other API.
            raise self._ongeldig("object", "bad-url", "De URL gaf geen geldig antwoord.")
        if body["objectType"] == "overige" and not body.get("objectTypeOverige"):
            raise self._ongeldig(
                "objectTypeOverige", "required", "Dit veld is vereist bij objectType overige."
            )
        fields = {
            "zaak": zaak["url"],
            "object": "",
            "zaakobjecttype": "",
            "objectType": body["objectType"],
            "objectTypeOverige": body.get("objectTypeOverige", ""),
            "relatieomschrijving": body.get("relatieomschrijving", ""),
        }
        if "objectIdentificatie" in body:
            fields["objectIdentificatie"] = body["objectIdentificatie"]
        return self._new("zaakobjecten", fields)

    def _post_eio(self, body: dict[str, Any]) -> dict[str, Any]:
        iot = self._known(
            "informatieobjecttypen", body["informatieobjecttype"], "informatieobjecttype"
        )
        if not elfproef(body["bronorganisatie"]):
            raise self._ongeldig("bronorganisatie", "invalid", "Onjuist RSIN formaat.")
        inhoud = None
        if body.get("inhoud") is not None:
            try:
                inhoud = base64.b64decode(body["inhoud"], validate=True)
            except (binascii.Error, ValueError):
                raise self._ongeldig(
                    "inhoud", "invalid", "Het bestand is niet geldig base64."
                ) from None
        return self._create_eio(body, iot, inhoud)

    def _destroy(self, route: Route, resource: dict[str, Any]) -> Answer:
        if route.collection == "zaken" and any(
            b["zaak"] == resource["url"] for b in self._store["besluiten"].values()
        ):
            return self._validatie(
                "nonFieldErrors",
                "pending-besluit-relation",
                "Alle gerelateerde besluiten moeten verwijderd zijn voor de zaak verwijderd wordt.",
            )
        self._delete(route.collection, resource)
        return Answer(204)

    # -- problems --------------------------------------------------------------------------

    def _fout(self, status: int, detail: str, *, code: str | None = None) -> Answer:
        soort, standaard, titel = FOUT_TITELS[status]
        return Answer(
            status,
            {
                "type": f"{self.url}/ref/fouten/{soort}/",
                "code": code or standaard,
                "title": titel,
                "status": status,
                "detail": detail,
                "instance": f"urn:uuid:{uuid.uuid4()}",
            },
            "application/problem+json",
        )

    def _validaties(self, params: list[dict[str, str]]) -> Answer:
        answer = self._fout(400, "Ongeldige invoer.")
        answer.body["invalidParams"] = params
        return answer

    def _validatie(self, name: str, code: str, reason: str) -> Answer:
        return self._validaties([{"name": name, "code": code, "reason": reason}])

    def _ongeldig(self, name: str, code: str, reason: str) -> Refusal:
        """The 400 for one field, to raise."""
        return Refusal(self._validatie(name, code, reason))


# -- filters ------------------------------------------------------------------------------

Filter = Callable[[LocalZgw, dict[str, Any], str, str], bool]
COMPARISONS = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le}


def _compare(actual: Any, lookup: str, value: str) -> bool:
    if lookup == "isnull":
        return (actual is None) == _truthy(value)
    if isinstance(actual, bool):
        return actual == _truthy(value)
    if isinstance(actual, list):
        return value in actual
    if lookup == "in":
        return str(actual) in value.split(",")
    if lookup == "icontains":
        return value.lower() in str(actual or "").lower()
    if actual is None:
        return False
    if lookup in COMPARISONS:  # ISO dates compare as text
        return bool(COMPARISONS[lookup](str(actual), value))
    return str(actual) == value


def _rollen_van(zgw: LocalZgw, zaak: dict[str, Any]) -> list[dict[str, Any]]:
    return [zgw._store["rollen"][_uuid_of(url)] for url in zaak["rollen"]]


def _betrokkene(rol: dict[str, Any], name: str, value: str) -> bool:
    """``…betrokkeneIdentificatie__<soort>__<veld>`` on one rol."""
    soort, veld = name.split("__")[-2:]
    return (
        rol["betrokkeneType"] == BETROKKENE_SOORTEN.get(soort)
        and str(rol["betrokkeneIdentificatie"].get(veld, "")) == value
    )


def _rol_filter(zgw: LocalZgw, zaak: dict[str, Any], name: str, value: str) -> bool:
    rest = name.removeprefix("rol__")

    def matches(rol: dict[str, Any]) -> bool:
        if rest.startswith("betrokkeneIdentificatie__"):
            return _betrokkene(rol, rest, value)
        if rest == "machtiging":
            return _rol_machtiging(zgw, rol, rest, value)
        return bool(rol.get(rest) == value)

    if rest not in ("betrokkene", "betrokkeneType", "omschrijvingGeneriek", "machtiging") and (
        not rest.startswith("betrokkeneIdentificatie__")
    ):
        return True  # documented, not applied here (machtiging__loa)
    return any(matches(rol) for rol in _rollen_van(zgw, zaak))


def _zaak_omschrijving(zgw: LocalZgw, zaak: dict[str, Any], name: str, value: str) -> bool:
    return _compare(zaak["omschrijving"], "icontains", value)


def _zaaktype_omschrijving(zgw: LocalZgw, zaak: dict[str, Any], name: str, value: str) -> bool:
    zaaktype = zgw._get("zaaktypen", zaak["zaaktype"]) or {}
    return _compare(zaaktype.get("omschrijving"), "icontains", value)


def _status_statustype(zgw: LocalZgw, zaak: dict[str, Any], name: str, value: str) -> bool:
    status = zgw._get("statussen", zaak["status"]) or {}
    return status.get("statustype") == value


def _maximale_vertrouwelijkheid(zgw: LocalZgw, item: dict[str, Any], name: str, value: str) -> bool:
    return _level(item["vertrouwelijkheidaanduiding"]) <= _level(value)


def _kenmerk(zgw: LocalZgw, zaak: dict[str, Any], name: str, value: str) -> bool:
    if name == "kenmerk__bron":
        return any(k["bron"] == value for k in zaak["kenmerken"])
    return any(f"{k['bron']}:{k['kenmerk']}" == value for k in zaak["kenmerken"])


def _nooit(zgw: LocalZgw, item: dict[str, Any], name: str, value: str) -> bool:
    return False  # resultaten are not kept here


def _rol_betrokkene(zgw: LocalZgw, rol: dict[str, Any], name: str, value: str) -> bool:
    return _betrokkene(rol, name, value)


def _rol_machtiging(zgw: LocalZgw, rol: dict[str, Any], name: str, value: str) -> bool:
    return bool(rol["indicatieMachtiging"] == ("" if value == "eigen" else value))


def _publicatie(zgw: LocalZgw, item: dict[str, Any], name: str, value: str) -> bool:
    return value != "concept"  # everything in this catalogus is published


def _geldig_op(zgw: LocalZgw, item: dict[str, Any], name: str, value: str) -> bool:
    begin, einde = item.get("beginGeldigheid"), item.get("eindeGeldigheid")
    return (begin is None or begin <= value) and (einde is None or value <= einde)


def _zaaktype_identificatie(zgw: LocalZgw, item: dict[str, Any], name: str, value: str) -> bool:
    return bool(item.get("zaaktypeIdentificatie") == value)


def _eio_object(zgw: LocalZgw, eio: dict[str, Any], name: str, value: str) -> bool:
    veld = "object" if name == "objectinformatieobjecten__object" else "objectType"
    return any(
        oio["informatieobject"] == eio["url"] and oio[veld] == value
        for oio in zgw._store["objectinformatieobjecten"].values()
    )


def _contains(zgw: LocalZgw, item: dict[str, Any], name: str, value: str) -> bool:
    return _compare(item.get(name.removesuffix("__icontains")), "icontains", value)


def _trefwoorden(zgw: LocalZgw, item: dict[str, Any], name: str, value: str) -> bool:
    wanted = set(value.split(","))
    have = set(item.get("trefwoorden", []))
    return wanted <= have if name == "trefwoorden" else bool(wanted & have)


def _in_zaaktypen(zgw: LocalZgw, item: dict[str, Any], name: str, value: str) -> bool:
    return value in item["zaaktypen"]


CATALOGI_FILTERS: dict[str, Filter] = {"status": _publicatie, "datumGeldigheid": _geldig_op}
SPECIAL_FILTERS: dict[str, dict[str, Filter]] = {
    "zaken": {
        "rol__": _rol_filter,
        "omschrijving": _zaak_omschrijving,
        "zaaktype__omschrijving": _zaaktype_omschrijving,
        "status__statustype": _status_statustype,
        "resultaat__resultaattype": _nooit,
        "maximaleVertrouwelijkheidaanduiding": _maximale_vertrouwelijkheid,
        "kenmerk": _kenmerk,
        "kenmerk__bron": _kenmerk,
    },
    "rollen": {"betrokkeneIdentificatie__": _rol_betrokkene, "machtiging": _rol_machtiging},
    "enkelvoudiginformatieobjecten": {
        "objectinformatieobjecten__": _eio_object,
        "titel": _contains,
        "beschrijving": _contains,
        "trefwoorden": _trefwoorden,
        "trefwoorden__overlap": _trefwoorden,
    },
    "zaaktypen": {**CATALOGI_FILTERS, "trefwoorden": _trefwoorden},
    "statustypen": {**CATALOGI_FILTERS, "zaaktypeIdentificatie": _zaaktype_identificatie},
    "roltypen": {**CATALOGI_FILTERS, "zaaktypeIdentificatie": _zaaktype_identificatie},
    "informatieobjecttypen": {**CATALOGI_FILTERS, "zaaktype": _in_zaaktypen},
    "zaaktype-informatieobjecttypen": {"status": _publicatie},
    "besluittypen": CATALOGI_FILTERS,
}


def _expand_paths(query: Mapping[str, list[str]]) -> list[str]:
    return [part for value in query.get("expand", []) for part in value.split(",") if part]


@functools.cache
def _writable(api: str, schema: str) -> frozenset[str]:
    return frozenset(document(api)["components"]["schemas"][schema]["properties"])


ERROR_CODES = {
    "required": "required",
    "minLength": "min_length",
    "maxLength": "max_length",
    "enum": "invalid_choice",
    "minimum": "min_value",
    "maximum": "max_value",
    "nullable": "null",
}


def _invalid_param(error: Any) -> dict[str, str]:
    """One jsonschema error as a ZGW invalidParams item (dotted name, Open Zaak's codes)."""
    where = [str(part) for part in error.absolute_path]
    if error.validator == "required":
        missing = re.match(r"'(.+?)' is a required property", error.message)
        if missing:
            where.append(missing.group(1))
    return {
        "name": ".".join(where) or "nonFieldErrors",
        "code": ERROR_CODES.get(error.validator, "invalid"),
        "reason": error.message if len(error.message) < 500 else error.message[:500] + "…",
    }


# -- demo data ----------------------------------------------------------------------------

DEMO_VOLGORDE_PERSONEN = ("PARKEERVERGUNNING", "MOR", "BEZWAAR", "SUBSIDIE")
DEMO_VOLGORDE_ORGANISATIES = ("SUBSIDIE", "PARKEERVERGUNNING", "MOR", "BEZWAAR")
DEMO_ZAKEN_PERSONEN = {
    "MOR": (
        "Losliggende stoeptegels in de Dorpsstraat",
        "Zwerfafval rond de glasbak aan de Parklaan",
        "Kapotte straatverlichting op de Kerkweg",
        "Omgewaaide boom op het fietspad langs de Vaart",
    ),
    "PARKEERVERGUNNING": (
        "Bewonersvergunning zone Centrum",
        "Parkeervergunning voor een tweede auto",
        "Bezoekersvergunning zone Oost",
    ),
    "BEZWAAR": (
        "Bezwaar tegen de WOZ-beschikking 2026",
        "Bezwaar tegen de afwijzing van een parkeervergunning",
        "Bezwaar tegen de aanslag afvalstoffenheffing",
    ),
    "SUBSIDIE": (
        "Subsidie isolatie eigen woning",
        "Subsidie buurtfeest Vogelwijk",
        "Subsidie groen dak",
    ),
}
DEMO_ZAKEN_ORGANISATIES = {
    "MOR": (
        "Illegaal gestort afval bij de Industrieweg",
        "Verzakte bestrating voor de bedrijfsingang",
    ),
    "PARKEERVERGUNNING": (
        "Bedrijfsparkeervergunning Havenkwartier",
        "Ontheffing laden en lossen binnenstad",
    ),
    "BEZWAAR": (
        "Bezwaar tegen de precarioheffing voor het terras",
        "Bezwaar tegen de reclamebelasting 2026",
    ),
    "SUBSIDIE": (
        "Subsidie verduurzaming bedrijfspand",
        "Subsidie leerwerkplekken 2026",
    ),
}
DEMO_DOCUMENTEN = {  # (informatieobjecttype, titel, bestandsnaam, formaat)
    "MOR": (
        ("Melding", "Melding openbare ruimte", "melding.pdf", "application/pdf"),
        ("Bijlage", "Foto van de situatie", "foto.jpg", "image/jpeg"),
    ),
    "PARKEERVERGUNNING": (
        ("Aanvraag", "Aanvraagformulier parkeervergunning", "aanvraag.pdf", "application/pdf"),
        ("Bijlage", "Kopie kentekenbewijs", "kentekenbewijs.pdf", "application/pdf"),
    ),
    "BEZWAAR": (
        ("Bezwaarschrift", "Bezwaarschrift", "bezwaarschrift.pdf", "application/pdf"),
        ("Bijlage", "Taxatierapport", "taxatierapport.pdf", "application/pdf"),
    ),
    "SUBSIDIE": (
        ("Aanvraag", "Subsidieaanvraag", "subsidieaanvraag.pdf", "application/pdf"),
        ("Bijlage", "Begroting", "begroting.pdf", "application/pdf"),
    ),
}
DEMO_VERTROUWELIJK = {
    "MOR": "Melding met persoonlijke omstandigheden",
    "PARKEERVERGUNNING": "Medische verklaring",
    "BEZWAAR": "Verklaring over persoonlijke omstandigheden",
    "SUBSIDIE": "Inkomensgegevens",
}
DEMO_MEDEWERKERS: tuple[dict[str, str], ...] = (
    {"identificatie": "mdw-jansen", "achternaam": "Jansen", "voorletters": "A."},
    {
        "identificatie": "mdw-devries",
        "achternaam": "Vries",
        "voorvoegselAchternaam": "de",
        "voorletters": "M.",
    },
    {"identificatie": "mdw-bakker", "achternaam": "Bakker", "voorletters": "S.J."},
)


# -- serving ------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that stopped waiting (a timeout against a slow register) is not an error
        # of the register worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def local_zgw(
    clients: Mapping[str, str], *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[LocalZgw]:
    """A register served on ``host:port`` (0: a free port) for the length of the block."""
    state: LocalZgw | None = None

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; with Nagle's algorithm each answer on
        # a kept-alive connection waits for the client's delayed ACK (40 ms).
        disable_nagle_algorithm = True

        def _handle(self, method: str) -> None:
            assert state is not None
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.gevraagd = getattr(self, "gevraagd", 0) + 1
            if self.gevraagd > 1 and state.sluit_hergebruikt > 0:
                with state.lock:
                    state.sluit_hergebruikt -= 1
                self.close_connection = True
                return
            try:
                answer = state.answer(method, self.path, dict(self.headers.items()), raw)
            except Exception as error:  # a bug here must not look like a hanging register
                answer = state._fout(500, f"{type(error).__name__}: {error}")
            if isinstance(answer.body, bytes):
                data = answer.body
            elif answer.body is None:
                data = b""
            else:
                data = json.dumps(answer.body).encode()
            self.send_response(answer.status)
            if answer.status != 204:
                self.send_header("Content-Type", answer.content_type)
                self.send_header("Content-Length", str(len(data)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if method != "HEAD" and answer.status != 204:
                self.wfile.write(data)

        def do_GET(self) -> None:
            self._handle("GET")

        def do_HEAD(self) -> None:
            self._handle("HEAD")

        def do_POST(self) -> None:
            self._handle("POST")

        def do_PUT(self) -> None:
            self._handle("PUT")

        def do_PATCH(self) -> None:
            self._handle("PATCH")

        def do_DELETE(self) -> None:
            self._handle("DELETE")

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = _Server((host, port), Handler)
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    state = LocalZgw(url=f"http://{shown}:{server.server_address[1]}", clients=dict(clients))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m standins.zgw", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument(
        "--client", action="append", default=[], metavar="ID:SECRET", help="a client it accepts"
    )
    parser.add_argument(
        "--client-env",
        action="append",
        default=[],
        metavar="ID:VARIABLE",
        help="a client it accepts, its secret in this environment variable (not shown by ps)",
    )
    parser.add_argument("--bsn", action="append", default=[], help="a person to give zaken")
    parser.add_argument("--kvk", action="append", default=[], help="an organisation's KVK-nummer")
    options = parser.parse_args(argv)
    clients = named_secrets(parser, "--client", options.client, options.client_env)

    def ready(zgw: LocalZgw) -> None:
        zgw.seed_demo(options.bsn, options.kvk)
        print(f"Lokaal ZGW-register op {zgw.url}", flush=True)

    return serve_until_stopped(
        lambda: local_zgw(clients, host=options.host, port=options.port), ready
    )


if __name__ == "__main__":
    raise SystemExit(main())
