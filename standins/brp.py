"""A local BRP for tests and demos: the Haal Centraal BRP API Personen 2.7.0
(``POST /haalcentraal/api/brp/personen``, as the BRP API proxy serves it) on loopback,
checked against its published document
(``tests/specs/brp-personen-2.7.0_haal-centraal-brp.yaml``, tests/specs/README.md).

It answers the four questions a contact centre asks:

- ``RaadpleegMetBurgerservicenummer``: up to 20 BSNs, each person found (also a deceased
  one);
- ``ZoekMetGeslachtsnaamEnGeboortedatum`` (optional ``voornamen``, ``voorvoegsel``,
  ``geslacht``);
- ``ZoekMetPostcodeEnHuisnummer`` (optional ``huisletter``, ``huisnummertoevoeging``,
  ``geslachtsnaam``, ``geboortedatum``);
- ``ZoekMetNaamEnGemeenteVanInschrijving`` (``geslachtsnaam``, ``voornamen``,
  ``gemeenteVanInschrijving``);

the other three search types of the document are refused as not supported (501). As the
API's feature descriptions say (BRP-API/Haal-Centraal-BRP-bevragen, ``features/``):

- text is compared case-insensitively; a name ending in ``*`` (after at least three
  letters) matches every name that begins with it;
- a search leaves out deceased persons unless ``inclusiefOverledenPersonen`` is true;
  ``gemeenteVanInschrijving`` narrows any question to the persons registered there;
- ``fields`` names the fields wanted as dotted paths (``naam``, ``geboorte.datum``,
  ``adressering.adresregel1``); a path the answer's schema (``Persoon`` for raadplegen,
  ``PersoonBeperkt`` for zoeken) does not have is refused, and so is one of the fields
  delivered automatically (``geheimhoudingPersoonsgegevens``, ``opschortingBijhouding``,
  ``inOnderzoek``, ``rni``, ``verificatie``), which come whenever they are set. A date
  comes whole (``type``, ``datum``, ``langFormaat``), and a verblijfplaats always with
  its ``type``;
- a parameter the question's type does not have is refused (``unknownParam``);
- errors are problem details (``application/problem+json``) with ``invalidParams``.

The API key is a header (``X-API-KEY`` by default, as the Haal Centraal test environment
asks; 401 without it). A municipality's gateway also asks for its protocol headers
(``x-doelbinding``, ``x-verwerking``, ``x-gebruiker``, ``x-origin-oin``): they are kept
in ``protocol`` per request, for the tests to read.

Every request is checked against the document before it is answered (400, and recorded in
``violations`` when it breaks it) and so is every answer, errors included (a 500 and a
violation), so that what works against this stand-in works against the BRP API. Where the
API's own error texts break its document (``title`` and ``detail`` allow no colon,
``invalidParams.name`` no brackets, ``reason`` no pattern), the document wins:
``burgerservicenummer.0`` for ``burgerservicenummer[0]``, and reasons without the
pattern.

    python -m standins.brp --port 8007 --api-key-env VARIABLE --personen personen.json
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import os
import re
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml
from jsonschema.exceptions import ValidationError
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from standins.cli import serve_until_stopped
from standins.http import LoopbackServer, Reply
from standins.openapi import SPECS, document, failure, schema_problems

DOCUMENT = "brp-personen-2.7.0_haal-centraal-brp.yaml"
PATH = "/haalcentraal/api/brp/personen"
SPEC_HOST = "https://proefomgeving.haalcentraal.nl"
JSON = "application/json; charset=utf-8"
PROBLEM = "application/problem+json"
API_KEY_HEADER = "X-API-KEY"
PROTOCOL_HEADERS = ("x-doelbinding", "x-verwerking", "x-gebruiker", "x-origin-oin")
SUPPORTED = (
    "RaadpleegMetBurgerservicenummer",
    "ZoekMetGeslachtsnaamEnGeboortedatum",
    "ZoekMetPostcodeEnHuisnummer",
    "ZoekMetNaamEnGemeenteVanInschrijving",
)
# The fields the API fills in by itself; asking for them is refused.
AUTOMATIC = {"geheimhoudingPersoonsgegevens", "opschortingBijhouding", "rni", "verificatie"}
MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
GESLACHT = {"M": "man", "V": "vrouw", "O": "onbekend"}
NEDERLAND = {"code": "6030", "omschrijving": "Nederland"}
BAD_REQUEST = "https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.1"


@functools.cache
def api() -> OpenAPI:
    return document(DOCUMENT)


@functools.cache
def _schemas() -> dict[str, Any]:
    loaded = yaml.safe_load((SPECS / DOCUMENT).read_text(encoding="utf-8"))
    return dict(loaded["components"]["schemas"])


@dataclass
class Persoon:
    """One person as the stand-in holds them (a persoonslijst, much simplified)."""

    bsn: str
    geslachtsnaam: str
    voornamen: str = ""
    voorvoegsel: str = ""
    geslacht: str = "O"  # M, V or O
    geboortedatum: str = ""  # ISO date
    geboorteplaats: str = ""
    straat: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    huisnummertoevoeging: str = ""
    postcode: str = ""  # 1234AB
    woonplaats: str = ""
    gemeente_code: str = ""  # the gemeente van inschrijving, four digits
    gemeente: str = ""
    adres_sinds: str = ""  # ISO date: datumVan of the verblijfplaats
    geheimhouding: bool = False
    overlijdensdatum: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Persoon:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def overleden(self) -> bool:
        return bool(self.overlijdensdatum)


def lees_personen(pad: str | Path) -> list[Persoon]:
    """The persons in a JSON file: a list of objects with ``Persoon``'s fields."""
    return [Persoon.from_dict(p) for p in json.loads(Path(pad).read_text(encoding="utf-8"))]


class Refusal(Exception):
    """An error answer: problem details as the BRP API gives them."""

    def __init__(
        self,
        status: int,
        code: str,
        title: str,
        detail: str,
        invalid: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.body: dict[str, Any] = {
            "type": BAD_REQUEST
            if status == 400
            else "https://datatracker.ietf.org/doc/html/rfc7231",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": f"{SPEC_HOST}{PATH}",
            "code": code,
        }
        if invalid:
            self.body["invalidParams"] = [
                {"type": BAD_REQUEST, "name": _naam(name), "code": kind, "reason": reason}
                for kind, name, reason in invalid
            ]


def _naam(name: str) -> str:
    """A parameter's name as the document allows it in ``invalidParams``."""
    return re.sub(r"[^a-zA-Z0-9._]", "", name)[:30] or "body"


def _ongeldig(invalid: Sequence[tuple[str, str, str]]) -> Refusal:
    namen = ", ".join(dict.fromkeys(_naam(name) for _, name, _ in invalid))
    return Refusal(
        400,
        "paramsValidation",
        "Een of meerdere parameters zijn niet correct.",
        f"De foutieve parameter(s) zijn {namen}."[:200],
        invalid,
    )


class LocalBrp:
    """The BRP API at ``url`` for ``api_key``, holding ``personen``. ``failing``: answer
    every request with this status (a BRP that is down); ``delay``: seconds to wait."""

    def __init__(
        self,
        url: str,
        api_key: str,
        personen: Iterable[Persoon] = (),
        *,
        api_key_header: str = API_KEY_HEADER,
    ) -> None:
        self.url = url
        self.api_root = f"{url}/haalcentraal/api/brp"
        self.api_key = api_key
        self.api_key_header = api_key_header.lower()
        self.personen: dict[str, Persoon] = {p.bsn: p for p in personen}
        self.violations: list[str] = []
        # Per request: the question asked and the protocol headers it came with.
        self.vragen: list[dict[str, Any]] = []
        self.protocol: list[dict[str, str]] = []
        self.failing: int | None = None
        self.delay = 0.0
        self._lock = threading.Lock()

    def add(self, persoon: Persoon) -> Persoon:
        with self._lock:
            self.personen[persoon.bsn] = persoon
        return persoon

    # -- answering ------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Reply:
        headers = {k.lower(): v for k, v in headers.items()}
        if self.delay:
            threading.Event().wait(self.delay)
        try:
            if self.failing is not None:
                raise Refusal(
                    self.failing,
                    "notAvailable",
                    "Bronservice BRP is tijdelijk niet beschikbaar.",
                    "De BRP is tijdelijk niet beschikbaar.",
                )
            if headers.get(self.api_key_header, "") != self.api_key or not self.api_key:
                raise Refusal(
                    401,
                    "authentication",
                    "Niet correct geauthenticeerd.",
                    "Geen of een onjuiste API-sleutel.",
                )
            if target.split("?")[0] != PATH:
                raise Refusal(
                    404, "notFound", "Niet gevonden.", "De opgevraagde bron bestaat niet."
                )
            if method != "POST":
                raise Refusal(405, "methodNotAllowed", "Methode niet toegestaan.", "Alleen POST.")
            self.protocol.append({h: headers[h] for h in PROTOCOL_HEADERS if h in headers})
            self._check_media_types(headers)
            vraag = self._vraag(headers, raw)
            body = self._zoek(vraag)
        except Refusal as refusal:
            return self._checked(method, target, refusal.status, refusal.body, PROBLEM)
        return self._checked(method, target, 200, body, JSON)

    def _check_media_types(self, headers: Mapping[str, str]) -> None:
        soort = headers.get("content-type", "").split(";")[0].strip().lower()
        if soort != "application/json":
            raise Refusal(
                415,
                "unsupported",
                "Unsupported Media Type",
                "Het verzoek moet JSON zijn.",
            )
        accept = headers.get("accept", "*/*").lower()
        if not any(
            deel.split(";")[0].strip() in ("*/*", "application/*", "application/json")
            for deel in accept.split(",")
        ):
            raise Refusal(
                406,
                "notAcceptable",
                "Gevraagde contenttype wordt niet ondersteund.",
                "Het antwoord is alleen in JSON.",
            )

    def _vraag(self, headers: Mapping[str, str], raw: bytes) -> dict[str, Any]:
        """The question, checked against the document and beyond it."""
        try:
            vraag = json.loads(raw or b"null")
        except ValueError:
            raise _ongeldig([("json", "body", "Het verzoek is geen geldige JSON.")]) from None
        # The document names only "application/json; charset=utf-8"; a plain
        # "application/json" is the same body and is checked as that.
        request = MockRequest(SPEC_HOST, "post", PATH, data=raw, content_type=JSON)
        found = failure(lambda: api().validate_request(request))
        if isinstance(found, str):
            self.violations.append(f"request: {found}")
            raise _ongeldig([("body", "body", "Het verzoek past niet bij de specificatie.")])
        invalid = _invalid_params(found or [], vraag)
        if found:
            self.violations.extend(f"request: {p}" for p in schema_problems(found))
        soort = vraag.get("type") if isinstance(vraag, dict) else None
        if soort in _schemas()["PersonenQuery"]["discriminator"]["mapping"]:
            invalid += [
                ("unknownParam", name, "Parameter is niet verwacht.")
                for name in vraag
                if name not in _parameters(soort)
            ]
            wanted = vraag.get("fields")
            if isinstance(wanted, list) and all(isinstance(f, str) for f in wanted):
                schema = "Persoon" if _raadplegen(str(soort)) else "PersoonBeperkt"
                invalid += _field_problems(wanted, schema)
        if invalid:
            raise _ongeldig(sorted(dict.fromkeys(invalid), key=lambda i: i[1]))
        self.vragen.append(vraag)
        if soort not in SUPPORTED:
            raise Refusal(
                501,
                "notImplemented",
                "Niet ondersteund.",
                f"Deze lokale BRP kent {soort} niet.",
            )
        return vraag

    def _zoek(self, vraag: dict[str, Any]) -> dict[str, Any]:
        soort = vraag["type"]
        with self._lock:
            alle = list(self.personen.values())
        if _raadplegen(soort):
            gevonden = [
                self.personen[b]
                for b in dict.fromkeys(vraag["burgerservicenummer"])
                if b in self.personen
            ]
        else:
            gevonden = [p for p in alle if _past(p, vraag)]
            if not vraag.get("inclusiefOverledenPersonen"):
                gevonden = [p for p in gevonden if not p.overleden]
        if vraag.get("gemeenteVanInschrijving") and soort != "ZoekMetNaamEnGemeenteVanInschrijving":
            gevonden = [p for p in gevonden if p.gemeente_code == vraag["gemeenteVanInschrijving"]]
        paden = [tuple(f.split(".")) for f in vraag["fields"]]
        return {
            "type": soort,
            "personen": [_met_automatische(_kies(persoon_json(p), paden), p) for p in gevonden],
        }

    def _checked(
        self, method: str, target: str, status: int, body: dict[str, Any], content_type: str
    ) -> Reply:
        request = MockRequest(SPEC_HOST, method.lower(), PATH, content_type=JSON)
        raw = json.dumps(body).encode()
        response = MockResponse(raw, status_code=status, content_type=content_type)
        found = failure(lambda: api().validate_response(request, response))
        if found and target.split("?")[0] == PATH and method == "POST":
            lines = [found] if isinstance(found, str) else schema_problems(found)
            self.violations.extend(f"answer {status}: {line}" for line in lines)
            fout = Refusal(
                500,
                "serverError",
                "Interne server fout.",
                "Het antwoord past niet bij de specificatie.",
            )
            return Reply(500, json.dumps(fout.body).encode(), PROBLEM)
        return Reply(status, raw, content_type)


# -- the question ---------------------------------------------------------------------------


def _raadplegen(soort: str) -> bool:
    return soort == "RaadpleegMetBurgerservicenummer"


@functools.cache
def _parameters(soort: str) -> frozenset[str]:
    """The parameters the document gives a question of this type."""
    schemas = _schemas()
    namen = set(schemas["PersonenQuery"]["properties"])
    for deel in schemas[soort].get("allOf", []):
        namen.update(deel.get("properties", {}))
    return frozenset(namen)


def _invalid_params(errors: Sequence[ValidationError], vraag: Any) -> list[tuple[str, str, str]]:
    """jsonschema's errors as the BRP API names them in ``invalidParams``."""
    invalid: list[tuple[str, str, str]] = []
    for error in errors:
        pad = ".".join(str(p) for p in error.absolute_path)
        if error.validator == "required":
            aanwezig = error.instance if isinstance(error.instance, dict) else {}
            for naam in error.validator_value:
                if naam not in aanwezig:
                    invalid.append(("required", naam, "Parameter is verplicht."))
            continue
        soort, reden = {
            "pattern": ("pattern", "Waarde voldoet niet aan het patroon."),
            "format": ("date", "Waarde is geen geldige datum."),
            "minItems": ("minItems", f"Array bevat minder dan {error.validator_value} items."),
            "maxItems": ("maxItems", f"Array bevat meer dan {error.validator_value} items."),
            "minimum": ("minimum", f"Waarde is lager dan minimum {error.validator_value}."),
            "maximum": ("maximum", f"Waarde is hoger dan maximum {error.validator_value}."),
            "discriminator": ("value", "Waarde is geen geldig zoektype."),
        }.get(str(error.validator), ("value", "Waarde is niet geldig."))
        if error.validator == "type":
            soort, reden = {
                "array": ("array", "Parameter is geen array."),
                "integer": ("integer", "Waarde is geen geldig getal."),
                "boolean": ("boolean", "Waarde is geen boolean."),
            }.get(str(error.validator_value), ("string", "Waarde is geen string."))
        invalid.append((soort, pad or "body", reden))
    return invalid


def _field_problems(wanted: list[str], schema: str) -> list[tuple[str, str, str]]:
    bestaand = _paden(schema)
    invalid = []
    for index, pad in enumerate(wanted):
        delen = pad.split(".")
        if (
            delen[0] in AUTOMATIC
            or "inOnderzoek" in delen
            or (delen[-1] == "indicatieVastgesteldVerblijftNietOpAdres")
        ):
            invalid.append(
                ("fields", f"fields.{index}", "Parameter bevat een niet toegestane veldnaam.")
            )
        elif pad not in bestaand:
            invalid.append(
                ("fields", f"fields.{index}", "Parameter bevat een niet bestaande veldnaam.")
            )
    return invalid


@functools.cache
def _paden(naam: str) -> frozenset[str]:
    """Every dotted path into the document's schema ``naam``."""
    schemas = _schemas()
    paden: set[str] = set()

    def loop(schema: dict[str, Any], prefix: str, stapel: tuple[str, ...]) -> None:
        if "$ref" in schema:
            ref = schema["$ref"].rsplit("/", 1)[-1]
            if ref in stapel:
                return
            loop(schemas[ref], prefix, (*stapel, ref))
            return
        if schema.get("type") == "array" and "items" in schema:
            loop(schema["items"], prefix, stapel)
            return
        for deel in schema.get("allOf", []):
            loop(deel, prefix, stapel)
        for ref in schema.get("discriminator", {}).get("mapping", {}).values():
            loop({"$ref": ref}, prefix, stapel)
        for eigenschap, sub in schema.get("properties", {}).items():
            pad = f"{prefix}{eigenschap}"
            paden.add(pad)
            loop(sub, f"{pad}.", stapel)

    loop({"$ref": f"#/components/schemas/{naam}"}, "", ())
    return frozenset(paden)


def _tekst(waarde: str) -> str:
    return waarde.strip().casefold()


def _zelfde_naam(gezocht: str, naam: str) -> bool:
    """Case-insensitive, with a trailing ``*`` as wildcard."""
    gezocht, naam = _tekst(gezocht), _tekst(naam)
    if gezocht.endswith("*"):
        return naam.startswith(gezocht[:-1])
    return naam == gezocht


def _postcode(waarde: str) -> str:
    return waarde.replace(" ", "").upper()


def _past(persoon: Persoon, vraag: dict[str, Any]) -> bool:
    """Whether ``persoon`` answers a search (the filters the document gives its type)."""
    soort = vraag["type"]
    voorwaarden: list[bool] = []
    if "geslachtsnaam" in vraag:
        voorwaarden.append(_zelfde_naam(vraag["geslachtsnaam"], persoon.geslachtsnaam))
    if "geboortedatum" in vraag:
        voorwaarden.append(vraag["geboortedatum"] == persoon.geboortedatum)
    if "voornamen" in vraag:
        voorwaarden.append(_zelfde_naam(vraag["voornamen"], persoon.voornamen))
    if "voorvoegsel" in vraag:
        voorwaarden.append(_tekst(vraag["voorvoegsel"]) == _tekst(persoon.voorvoegsel))
    if "geslacht" in vraag:
        voorwaarden.append(vraag["geslacht"].upper() == persoon.geslacht)
    if soort == "ZoekMetPostcodeEnHuisnummer":
        voorwaarden.append(_postcode(vraag["postcode"]) == _postcode(persoon.postcode))
        voorwaarden.append(vraag["huisnummer"] == persoon.huisnummer)
        for naam, waarde in (
            ("huisletter", persoon.huisletter),
            ("huisnummertoevoeging", persoon.huisnummertoevoeging),
        ):
            if naam in vraag:
                voorwaarden.append(_tekst(vraag[naam]) == _tekst(waarde))
    if soort == "ZoekMetNaamEnGemeenteVanInschrijving":
        voorwaarden.append(vraag["gemeenteVanInschrijving"] == persoon.gemeente_code)
    return all(voorwaarden)


# -- the answer -----------------------------------------------------------------------------


def datum(iso: str) -> dict[str, Any]:
    """A full date as the API gives it: ``Datum`` with its long form ("26 mei 1983")."""
    dag = datetime.date.fromisoformat(iso)
    return {
        "type": "Datum",
        "datum": iso,
        "langFormaat": f"{dag.day} {MAANDEN[dag.month - 1]} {dag.year}",
    }


def _leeftijd(persoon: Persoon, vandaag: datetime.date) -> int | None:
    if not persoon.geboortedatum or persoon.overleden:
        return None
    geboren = datetime.date.fromisoformat(persoon.geboortedatum)
    return (
        vandaag.year - geboren.year - ((vandaag.month, vandaag.day) < (geboren.month, geboren.day))
    )


def _voorletters(voornamen: str) -> str:
    return "".join(f"{naam[0].upper()}." for naam in voornamen.split())


def persoon_json(persoon: Persoon, vandaag: datetime.date | None = None) -> dict[str, Any]:
    """Everything the stand-in knows of ``persoon``, in the API's shape (before ``fields``
    chooses)."""
    naam: dict[str, Any] = {"geslachtsnaam": persoon.geslachtsnaam}
    if persoon.voornamen:
        naam["voornamen"] = persoon.voornamen
        naam["voorletters"] = _voorletters(persoon.voornamen)
    if persoon.voorvoegsel:
        naam["voorvoegsel"] = persoon.voorvoegsel
    naam["volledigeNaam"] = " ".join(
        deel for deel in (persoon.voornamen, persoon.voorvoegsel, persoon.geslachtsnaam) if deel
    )
    data: dict[str, Any] = {
        "burgerservicenummer": persoon.bsn,
        "geslacht": {"code": persoon.geslacht, "omschrijving": GESLACHT[persoon.geslacht]},
        "naam": naam,
    }
    if persoon.geboortedatum:
        geboorte: dict[str, Any] = {"datum": datum(persoon.geboortedatum), "land": NEDERLAND}
        if persoon.geboorteplaats:
            geboorte["plaats"] = {"omschrijving": persoon.geboorteplaats}
        data["geboorte"] = geboorte
    leeftijd = _leeftijd(persoon, vandaag or datetime.date.today())
    if leeftijd is not None:
        data["leeftijd"] = leeftijd
    if persoon.overleden:
        data["overlijden"] = {"datum": datum(persoon.overlijdensdatum), "land": NEDERLAND}
    if persoon.postcode and persoon.huisnummer:
        data["verblijfplaats"] = _verblijfplaats(persoon)
        data["adressering"] = _adressering(persoon)
    if persoon.gemeente_code:
        data["gemeenteVanInschrijving"] = {
            "code": persoon.gemeente_code,
            "omschrijving": persoon.gemeente or persoon.woonplaats,
        }
    return data


def _verblijfplaats(persoon: Persoon) -> dict[str, Any]:
    adres: dict[str, Any] = {
        "officieleStraatnaam": persoon.straat,
        "korteStraatnaam": persoon.straat[:24],
        "huisnummer": persoon.huisnummer,
        "postcode": _postcode(persoon.postcode),
        "woonplaats": persoon.woonplaats,
    }
    if persoon.huisletter:
        adres["huisletter"] = persoon.huisletter
    if persoon.huisnummertoevoeging:
        adres["huisnummertoevoeging"] = persoon.huisnummertoevoeging
    plaats: dict[str, Any] = {
        "type": "Adres",
        "verblijfadres": adres,
        "functieAdres": {"code": "W", "omschrijving": "woonadres"},
    }
    if persoon.adres_sinds:
        plaats["datumVan"] = datum(persoon.adres_sinds)
    return plaats


def _adressering(persoon: Persoon) -> dict[str, Any]:
    """The address lines for an envelope: street and number, then postcode and place."""
    nummer = f"{persoon.huisnummer}{persoon.huisletter}"
    if persoon.huisnummertoevoeging:
        nummer += f"-{persoon.huisnummertoevoeging}"
    postcode = _postcode(persoon.postcode)
    return {
        "adresregel1": f"{persoon.straat} {nummer}"[:40],
        "adresregel2": f"{postcode[:4]} {postcode[4:]}  {persoon.woonplaats.upper()}"[:50],
        "land": NEDERLAND,
    }


def _kies(waarde: Any, paden: list[tuple[str, ...]]) -> Any:
    """What ``fields`` chose of ``waarde``: the parts its paths lead to."""
    if any(not pad for pad in paden) or not isinstance(waarde, dict | list):
        return waarde
    if isinstance(waarde, list):
        return [_kies(item, paden) for item in waarde]
    if "langFormaat" in waarde:
        return waarde  # a date comes whole
    gekozen: dict[str, Any] = {}
    for sleutel, sub in waarde.items():
        verder = [pad[1:] for pad in paden if pad[0] == sleutel]
        if verder:
            deel = _kies(sub, verder)
            if deel not in ({}, []):
                gekozen[sleutel] = deel
    if gekozen and "type" in waarde:
        gekozen = {"type": waarde["type"], **gekozen}
    return gekozen


def _met_automatische(gekozen: dict[str, Any], persoon: Persoon) -> dict[str, Any]:
    """The fields the API delivers whether asked or not, when they are set."""
    if persoon.geheimhouding:
        gekozen["geheimhoudingPersoonsgegevens"] = True
    if persoon.overleden:
        gekozen["opschortingBijhouding"] = {
            "reden": {"code": "O", "omschrijving": "overlijden"},
            "datum": datum(persoon.overlijdensdatum),
        }
    return gekozen


# -- serving --------------------------------------------------------------------------------


@contextmanager
def local_brp(
    api_key: str,
    personen: Iterable[Persoon] = (),
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    api_key_header: str = API_KEY_HEADER,
) -> Iterator[LocalBrp]:
    """The BRP API on ``host:port`` (0: a free port) for the length of the block."""
    server = LoopbackServer(host, port)
    brp = LocalBrp(server.url, api_key, personen, api_key_header=api_key_header)
    with server.serving(
        brp.answer,
        lambda message: Reply(
            500,
            json.dumps(Refusal(500, "serverError", "Interne server fout.", "Fout.").body).encode(),
            PROBLEM,
        ),
    ):
        yield brp


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.brp",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8007)
    parser.add_argument(
        "--api-key-env", required=True, metavar="VARIABLE", help="the API key's variable"
    )
    parser.add_argument("--api-key-header", default=API_KEY_HEADER)
    parser.add_argument(
        "--personen", metavar="FILE", help="a JSON file with the persons (see Persoon)"
    )
    options = parser.parse_args(argv)
    api_key = os.environ.get(options.api_key_env, "")
    if not api_key:
        parser.error(f"--api-key-env {options.api_key_env}: the variable is empty or not set")
    personen = lees_personen(options.personen) if options.personen else []

    def ready(brp: LocalBrp) -> None:
        print(f"Lokale BRP (Haal Centraal BRP API Personen) op {brp.api_root}", flush=True)

    return serve_until_stopped(
        lambda: local_brp(
            api_key,
            personen,
            host=options.host,
            port=options.port,
            api_key_header=options.api_key_header,
        ),
        ready,
    )


if __name__ == "__main__":
    raise SystemExit(main())
