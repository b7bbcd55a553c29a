"""A local Objecten API for tests and demos: a real HTTP server on loopback that serves the
objects part of the Common Ground Objects API as Open Object (Objects API 4.0.0, API version
2.7.0) serves it, checked against its published document
(``tests/specs/objects-2.7.0_objects-api-4.0.0.yaml``, tests/specs/README.md).

It holds three objecttypes of the demo, each with the JSON schema its records must follow:

- ``klanttaak`` (cases.md C6334): a task the *customer* must do for a zaak: ``titel``,
  ``status`` (``open`` / ``afgerond``), ``identificatie`` {``type`` bsn/kvk, ``value``},
  the Klantinteracties ``partij`` uuid, the ``zaak`` URL and its ``zaakidentificatie`` (the
  number a resident knows, as Open Inwoner shows it), a ``formulierlink`` with
  ``prefill`` data, a ``betaallink``, a ``documentlink`` (an invoice), ``verloopdatum``
  and, once done, ``afgerondOp``; the fields Open Inwoner and GZAC's portaaltaak carry, in
  the words of cases.md;
- ``productaanvraag``: as Open Forms registers a submission with its default Objects API
  template (v1): ``type`` (the product), ``data`` (what was filled in), ``bsn`` / ``kvk``,
  ``submission_id``, ``language_code``, ``pdf_url``, ``attachments``, plus the ``zaak``
  it led to;
- ``kennisartikel``: a product of the SDG product catalogue (the SDG invoervoorziening's
  product: ``upnLabel``, ``upnUri``, and ``vertalingen`` per language with
  ``productTitelDecentraal``, ``specifiekeTekst``, ``procedureBeschrijving``,
  ``kostenEnBetaalmethoden``, …), as KISS keeps its knowledge articles; the knowledge
  search indexes them (``klantbeeld kennis-bijwerken``).

As Open Object does, it

- wants ``Authorization: Token <key>`` of a known token (401 without or unknown), and
  each token may read, or read and write, only the objecttypes it has a permission for
  (lists leave the others out, a detail or write is a 403);
- lists the current record of each object (``/objects``), filtered by ``type`` (an
  unknown objecttype is a 400), ``data_attr`` (repeatable) and the deprecated
  ``data_attrs`` (comma separated), each ``key__operator__value`` with the operators
  ``exact``, ``gt``, ``gte``, ``lt``, ``lte``, ``icontains``, ``in`` (a malformed one is a
  400), paged by 100 (``pageSize`` up to 500);
- needs ``Content-Crs: EPSG:4326`` on writes (412 without, 406 for another), answers with
  ``Content-Crs``, and ``API-version``;
- POST creates an object (its first record; the data must fit the objecttype's schema);
- PATCH merges ``record.data`` into the current data (its merge patch, where ``null`` is a
  value, not a removal) and adds a record (``index`` + 1; the old one ends); the data must
  still fit the objecttype's schema (400 ``invalid-json-schema``).

Where Open Object's answers break its own document, the document wins (as in
standins/zgw.py): ``record.geometry``, ``nullable`` beside an ``allOf``, is left out rather
than ``null`` for objects without a geometry (these objecttypes allow none).

Every request is checked against the document before it is answered (400 and recorded in
``violations`` when it breaks it), and so is every 2xx answer (a 500 and a violation), so
that what works against this stand-in works against Open Object. Errors are problem
details as vng-api-common renders them (the document describes no error bodies).

    python -m standins.objecten --port 8005 --token-env klantbeeld:OBJECTEN_TOKEN --demo BSN
"""

from __future__ import annotations

import argparse
import copy
import datetime
import functools
import json
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import jsonschema
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from standins.cli import named_secrets, serve_until_stopped
from standins.http import LoopbackServer, Reply
from standins.openapi import SPECS, problems

DOCUMENT = "objects-2.7.0_objects-api-4.0.0.yaml"
API_VERSION = "2.7.0"
ROOT = "/api/v2"
SPEC_HOST = "http://objecten.example.nl"
CRS = "EPSG:4326"
PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
OPERATORS = ("exact", "gt", "gte", "lt", "lte", "icontains", "in")
READ_ONLY, READ_AND_WRITE = "read_only", "read_and_write"

# Fixed uuids, so that a demo's configuration names the same objecttype every run.
OBJECTTYPE_UUIDS = {
    "klanttaak": "8d1a3f2e-6b0c-4a51-9c7e-3f5b2d6a1c01",
    "productaanvraag": "8d1a3f2e-6b0c-4a51-9c7e-3f5b2d6a1c02",
    "kennisartikel": "8d1a3f2e-6b0c-4a51-9c7e-3f5b2d6a1c03",
}
PLURALS = {
    "klanttaak": "klanttaken",
    "productaanvraag": "productaanvragen",
    "kennisartikel": "kennisartikelen",
}
_LINK = {"type": "string", "format": "uri", "minLength": 1, "maxLength": 1000}
SCHEMAS: dict[str, dict[str, Any]] = {
    "klanttaak": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["titel", "status", "identificatie"],
        "properties": {
            "titel": {"type": "string", "minLength": 1, "maxLength": 200},
            "status": {"enum": ["open", "afgerond"]},
            "identificatie": {
                "type": "object",
                "required": ["type", "value"],
                "properties": {
                    "type": {"enum": ["bsn", "kvk"]},
                    "value": {"type": "string", "pattern": "^[0-9]{8,9}$"},
                },
                "additionalProperties": False,
            },
            "partij": {"type": "string", "format": "uuid"},
            "zaak": _LINK,
            "zaakidentificatie": {"type": "string", "maxLength": 40},
            "formulierlink": _LINK,
            "prefill": {"type": "object"},
            "betaallink": _LINK,
            "documentlink": _LINK,
            "verloopdatum": {"type": "string", "format": "date"},
            "afgerondOp": {"type": "string", "format": "date-time"},
        },
        "additionalProperties": False,
    },
    "productaanvraag": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["type", "data", "submission_id"],
        "properties": {
            "type": {"type": "string", "minLength": 1},
            "data": {"type": "object"},
            "bsn": {"type": "string"},
            "kvk": {"type": "string"},
            "submission_id": {"type": "string", "minLength": 1},
            "language_code": {"type": "string"},
            "pdf_url": {"type": "string"},
            "csv_url": {"type": "string"},
            "attachments": {"type": "array", "items": {"type": "string"}},
            "payment": {"type": "object"},
            "zaak": _LINK,
        },
    },
    # A product of the SDG product catalogue as the SDG invoervoorziening (PDC) describes
    # it and KISS keeps it as a kennisartikel: the product's UPN, and per language its
    # title and texts.
    "kennisartikel": {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["uuid", "upnLabel", "vertalingen"],
        "properties": {
            "uuid": {"type": "string", "format": "uuid"},
            "url": {"type": "string"},
            "upnLabel": {"type": "string", "minLength": 1},
            "upnUri": {"type": "string"},
            "publicatieDatum": {"type": ["string", "null"]},
            "productAanwezig": {"type": ["boolean", "integer", "null"]},
            "doelgroep": {"type": "string"},
            "vertalingen": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["taal", "productTitelDecentraal"],
                    "properties": {
                        "taal": {"enum": ["nl", "en"]},
                        **{
                            veld: {"type": "string"}
                            for veld in (
                                "productTitelDecentraal",
                                "specifiekeTekst",
                                "procedureBeschrijving",
                                "vereisten",
                                "bewijs",
                                "bezwaarEnBeroep",
                                "kostenEnBetaalmethoden",
                                "uitersteTermijn",
                                "wtdBijGeenReactie",
                                "decentraleProcedureLink",
                                "datumWijziging",
                            )
                        },
                        "verwijzingLinks": {"type": "array"},
                    },
                },
            },
        },
    },
}


@functools.cache
def api() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPECS / DOCUMENT))


@dataclass
class Record:
    index: int
    type_version: int
    data: dict[str, Any]
    start_at: datetime.date
    registration_at: datetime.date
    end_at: datetime.date | None = None
    references: list[dict[str, str]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "typeVersion": self.type_version,
            "data": copy.deepcopy(self.data),
            "references": copy.deepcopy(self.references),
            "startAt": self.start_at.isoformat(),
            "endAt": self.end_at.isoformat() if self.end_at else None,
            "registrationAt": self.registration_at.isoformat(),
            "correctionFor": None,
        }


@dataclass
class StoredObject:
    uuid: str
    objecttype: str  # the name
    records: list[Record]

    @property
    def current(self) -> Record:
        return self.records[-1]


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


class Refusal(Exception):
    """A problem as vng-api-common's exception handler renders it."""

    def __init__(
        self, status: int, code: str, detail: str, invalid: Sequence[tuple[str, str]] = ()
    ) -> None:
        super().__init__(detail)
        body: dict[str, Any] = {
            "type": f"http://objecten.example.nl/ref/fouten/{code}/",
            "code": code,
            "title": detail if not invalid else "Invalid input.",
            "status": status,
            "detail": detail,
            "instance": f"urn:uuid:{uuid.uuid4()}",
        }
        if invalid:
            body["invalidParams"] = [
                {"name": name, "code": code, "reason": reason} for name, reason in invalid
            ]
        self.answer = Answer(status, body)


class LocalObjecten:
    """The Objecten API at ``url`` for ``tokens`` (key → {objecttype name: mode}; see
    ``ALLE``). ``failing``: answer every request with this status (a register that is
    down); ``delay``: seconds to wait before answering (a slow register)."""

    def __init__(self, url: str, tokens: Mapping[str, Mapping[str, str]]) -> None:
        self.url = url
        self.api_root = f"{url}{ROOT}/"
        self.tokens = {key: dict(permissions) for key, permissions in tokens.items()}
        self.objects: dict[str, StoredObject] = {}
        self.violations: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self.failing: int | None = None
        self.delay = 0.0
        self._lock = threading.Lock()

    # -- for tests and the demo -------------------------------------------------------------

    def objecttype_url(self, name: str) -> str:
        return f"{self.api_root}objecttypes/{OBJECTTYPE_UUIDS[name]}"

    def add(
        self,
        objecttype: str,
        data: dict[str, Any],
        *,
        object_uuid: str | None = None,
        start_at: datetime.date | None = None,
        references: Iterable[dict[str, str]] = (),
    ) -> dict[str, Any]:
        """Store an object as a registering system would (a form engine, a zaak system)."""
        self._check_schema(objecttype, data)
        today = datetime.date.today()
        stored = StoredObject(
            uuid=object_uuid or str(uuid.uuid4()),
            objecttype=objecttype,
            records=[
                Record(1, 1, copy.deepcopy(data), start_at or today, today, None, list(references))
            ],
        )
        with self._lock:
            self.objects[stored.uuid] = stored
        return self._object_json(stored)

    def data(self, object_uuid: str) -> dict[str, Any]:
        return copy.deepcopy(self.objects[object_uuid].current.data)

    # -- answering ------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Answer:
        headers = {k.lower(): v for k, v in headers.items()}
        parts = urlsplit(target)
        self.requests.append((method, target))
        if self.delay:
            threading.Event().wait(self.delay)
        if self.failing is not None:
            return Refusal(self.failing, "error", "De server is niet beschikbaar.").answer
        try:
            permissions = self._authenticate(headers)
            if method in ("POST", "PUT", "PATCH"):
                # Open Object's GeoMixin refuses a write without its CRS before anything else.
                self._check_crs(headers)
            self._check_request(method, target, headers, raw)
            answer = self._route(
                method, parts.path, parse_qs(parts.query), headers, raw, permissions
            )
        except Refusal as refusal:
            return refusal.answer
        answer.headers.setdefault("API-version", API_VERSION)
        if 200 <= answer.status < 300:
            found = self._answer_problems(method, target, answer)
            if found:
                self.violations.extend(f"answer {method} {target}: {p}" for p in found)
                return Refusal(500, "error", "; ".join(found)).answer
        return answer

    def _authenticate(self, headers: Mapping[str, str]) -> dict[str, str]:
        given = headers.get("authorization", "")
        scheme, _, key = given.partition(" ")
        if not given or scheme.lower() != "token":
            raise Refusal(401, "not_authenticated", "Authenticatiegegevens zijn niet opgegeven.")
        if key.strip() not in self.tokens:
            raise Refusal(401, "authentication_failed", "Ongeldige token.")
        return self.tokens[key.strip()]

    def _check_request(
        self, method: str, target: str, headers: Mapping[str, str], raw: bytes
    ) -> None:
        parts = urlsplit(target)
        if not parts.path.startswith(ROOT):
            return  # not in the document: the router answers 404
        request = MockRequest(
            SPEC_HOST,
            method.lower(),
            parts.path,
            args=_multi(parse_qs(parts.query)),
            headers=dict(headers),
            data=raw or None,
            content_type=headers.get("content-type", "application/json"),
        )
        found = problems(lambda: api().validate_request(request))
        if found:
            self.violations.extend(f"request {method} {target}: {p}" for p in found)
            raise Refusal(400, "invalid", "; ".join(found), [("nonFieldErrors", p) for p in found])

    def _answer_problems(self, method: str, target: str, answer: Answer) -> list[str]:
        parts = urlsplit(target)
        request = MockRequest(
            SPEC_HOST, method.lower(), parts.path, args=_multi(parse_qs(parts.query))
        )
        response = MockResponse(
            json.dumps(answer.body).encode() if answer.body is not None else b"",
            status_code=answer.status,
            headers=answer.headers,
        )
        return problems(lambda: api().validate_response(request, response))

    def _route(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: Mapping[str, str],
        raw: bytes,
        permissions: dict[str, str],
    ) -> Answer:
        rest = path.removeprefix(ROOT).strip("/").split("/")
        if rest == ["objects"] and method == "GET":
            return self._list(query, permissions)
        if rest == ["objects"] and method == "POST":
            return self._create(raw, permissions)
        if len(rest) == 2 and rest[0] == "objects" and method in ("GET", "PATCH"):
            stored = self._find(rest[1], permissions)
            if method == "GET":
                return Answer(200, self._object_json(stored), {"Content-Crs": CRS})
            self._mag_schrijven(stored, permissions)
            return self._patch(stored, raw)
        if len(rest) == 2 and rest[0] == "objecttypes" and method == "GET":
            return self._objecttype(rest[1])
        raise Refusal(404, "not_found", "Niet gevonden.")

    # -- objects --------------------------------------------------------------------------

    def _list(self, query: dict[str, list[str]], permissions: dict[str, str]) -> Answer:
        with self._lock:
            found = [o for o in self.objects.values() if o.objecttype in permissions]
        if "type" in query:
            wanted = self._type_name(query["type"][-1])
            found = [o for o in found if o.objecttype == wanted]
        expressions = list(query.get("data_attr", []))
        for value in query.get("data_attrs", []):
            expressions.extend(value.split(","))
        for expression in expressions:
            key, operator, value = _expression(expression, "data_attrs" in query)
            found = [o for o in found if _matches(o.current.data, key, operator, value)]
        found.sort(key=lambda o: o.current.registration_at, reverse=True)
        return Answer(200, self._page(found, query), {"Content-Crs": CRS})

    def _page(self, found: list[StoredObject], query: dict[str, list[str]]) -> dict[str, Any]:
        size = min(_positive(query, "pageSize", PAGE_SIZE), MAX_PAGE_SIZE)
        page = _positive(query, "page", 1)
        if page > 1 and (page - 1) * size >= len(found):
            raise Refusal(404, "not_found", "Ongeldige pagina.")
        start = (page - 1) * size

        def link(number: int) -> str:
            rest = {k: v for k, v in query.items() if k != "page"}
            return f"{self.api_root}objects?{urlencode({**rest, 'page': number}, doseq=True)}"

        return {
            "count": len(found),
            "next": link(page + 1) if start + size < len(found) else None,
            "previous": link(page - 1) if page > 1 else None,
            "results": [self._object_json(o) for o in found[start : start + size]],
        }

    def _find(self, object_uuid: str, permissions: dict[str, str]) -> StoredObject:
        stored = self.objects.get(object_uuid)
        if stored is None:
            raise Refusal(404, "not_found", "Niet gevonden.")
        if stored.objecttype not in permissions:
            raise Refusal(403, "permission_denied", "U heeft geen toestemming voor deze actie.")
        return stored

    def _mag_schrijven(self, stored: StoredObject, permissions: dict[str, str]) -> None:
        if permissions.get(stored.objecttype) != READ_AND_WRITE:
            raise Refusal(403, "permission_denied", "U heeft geen toestemming voor deze actie.")

    def _create(self, raw: bytes, permissions: dict[str, str]) -> Answer:
        """A new object (a form engine storing a submission, C5479), record index 1."""
        body = json.loads(raw or b"{}")
        objecttype = self._type_name(str(body.get("type", "")))
        if permissions.get(objecttype) != READ_AND_WRITE:
            raise Refusal(403, "permission_denied", "U heeft geen toestemming voor deze actie.")
        record = body.get("record") or {}
        data = record.get("data") or {}
        self._check_schema(objecttype, data)
        start = datetime.date.fromisoformat(
            record.get("startAt") or datetime.date.today().isoformat()
        )
        stored = StoredObject(
            uuid=str(uuid.uuid4()),
            objecttype=objecttype,
            records=[
                Record(
                    1,
                    int(record.get("typeVersion", 1)),
                    copy.deepcopy(data),
                    start,
                    datetime.date.today(),
                    None,
                    list(record.get("references", [])),
                )
            ],
        )
        with self._lock:
            self.objects[stored.uuid] = stored
        return Answer(201, self._object_json(stored), {"Content-Crs": CRS})

    def _patch(self, stored: StoredObject, raw: bytes) -> Answer:
        body = json.loads(raw or b"{}")
        if "type" in body and self._type_name(body["type"]) != stored.objecttype:
            raise Refusal(
                400, "invalid", "Invalid input.", [("type", "Dit veld kan niet gewijzigd worden.")]
            )
        record = body.get("record") or {}
        with self._lock:
            current = stored.current
            data = _merge_patch(copy.deepcopy(current.data), record.get("data", {}))
            self._check_schema(stored.objecttype, data)
            start = datetime.date.fromisoformat(
                record.get("startAt") or current.start_at.isoformat()
            )
            current.end_at = start
            stored.records.append(
                Record(
                    index=current.index + 1,
                    type_version=int(record.get("typeVersion", current.type_version)),
                    data=data,
                    start_at=start,
                    registration_at=datetime.date.today(),
                    references=list(record.get("references", current.references)),
                )
            )
        return Answer(200, self._object_json(stored), {"Content-Crs": CRS})

    def _check_crs(self, headers: Mapping[str, str]) -> None:
        given = headers.get("content-crs")
        if given is None:
            raise Refusal(412, "precondition_failed", "'Content-Crs' header ontbreekt")
        if given != CRS:
            raise Refusal(406, "not_acceptable", f"CRS '{given}' is niet ondersteund")

    def _check_schema(self, objecttype: str, data: dict[str, Any]) -> None:
        validator = jsonschema.Draft202012Validator(
            SCHEMAS[objecttype], format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
        if errors:
            reasons = [
                f"{'.'.join(map(str, e.absolute_path)) or 'data'}: {e.message}" for e in errors
            ]
            raise Refusal(
                400,
                "invalid-json-schema",
                "Invalid input.",
                [("nonFieldErrors", reason) for reason in reasons],
            )

    def _type_name(self, url: str) -> str:
        for name in OBJECTTYPE_UUIDS:
            if url.rstrip("/") == self.objecttype_url(name):
                return name
        raise Refusal(
            400,
            "invalid",
            "Invalid input.",
            [("type", f"Select a valid object type. {url} is not one of the available choices.")],
        )

    def _object_json(self, stored: StoredObject) -> dict[str, Any]:
        return {
            "url": f"{self.api_root}objects/{stored.uuid}",
            "uuid": stored.uuid,
            "type": self.objecttype_url(stored.objecttype),
            "record": stored.current.as_json(),
        }

    def _objecttype(self, type_uuid: str) -> Answer:
        for name, known in OBJECTTYPE_UUIDS.items():
            if known == type_uuid:
                url = self.objecttype_url(name)
                return Answer(
                    200,
                    {
                        "url": url,
                        "uuid": known,
                        "name": name,
                        "namePlural": PLURALS[name],
                        "description": "",
                        "dataClassification": "confidential",
                        "allowGeometry": False,
                        "versions": [f"{url}/versions/1"],
                    },
                )
        raise Refusal(404, "not_found", "Niet gevonden.")


def _multi(query: dict[str, list[str]]) -> Any:
    from werkzeug.datastructures import ImmutableMultiDict

    return ImmutableMultiDict([(k, v) for k, values in query.items() for v in values])


def _positive(query: dict[str, list[str]], name: str, default: int) -> int:
    try:
        value = int(query.get(name, [str(default)])[-1])
    except ValueError:
        raise Refusal(
            400, "invalid", "Invalid input.", [(name, "Een geheel getal is vereist.")]
        ) from None
    if value < 1:
        raise Refusal(404, "not_found", "Ongeldige pagina.")
    return value


def _expression(expression: str, deprecated: bool) -> tuple[str, str, str]:
    """``key__operator__value`` as Open Object's validators read it."""
    name = "data_attrs" if deprecated else "data_attr"
    code = f"invalid-{name.replace('_', '-')}-query"
    try:
        key, operator, value = expression.rsplit("__", 2)
    except ValueError:
        raise Refusal(
            400,
            code,
            "Invalid input.",
            [
                (
                    name,
                    f"Filter expression '{expression}' doesn't have the shape "
                    + "'key__operator__value'",
                )
            ],
        ) from None
    if operator not in OPERATORS:
        raise Refusal(
            400, code, "Invalid input.", [(name, f"Comparison operator `{operator}` is unknown")]
        )
    if operator in ("gt", "gte", "lt", "lte") and isinstance(_value(value), str):
        raise Refusal(
            400,
            code,
            "Invalid input.",
            [(name, f"Operator `{operator}` supports only dates and/or numeric values")],
        )
    return key, operator, value


def _value(text: str) -> str | float | datetime.date:
    try:
        return float(text)
    except ValueError:
        pass
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text


def _matches(data: dict[str, Any], key: str, operator: str, text: str) -> bool:
    found: Any = data
    for part in key.split("__"):
        if not isinstance(found, dict) or part not in found:
            return False
        found = found[part]
    if operator == "exact":
        # Open Object compares with JSON containment: the string, or the number it reads as.
        wanted = _value(text)
        return found == text or (isinstance(wanted, float) and found == wanted)
    if operator == "icontains":
        return text.lower() in json.dumps(found, ensure_ascii=False).lower()
    if operator == "in":
        return str(found) in text.split("|")
    wanted = _value(text)
    try:
        mine = datetime.date.fromisoformat(found) if isinstance(wanted, datetime.date) else found
        return bool(
            {
                "gt": mine > wanted,
                "gte": mine >= wanted,
                "lt": mine < wanted,
                "lte": mine <= wanted,
            }[operator]
        )
    except (TypeError, ValueError):
        return False


def _merge_patch(target: Any, patch: Any) -> Any:
    """Open Object's merge: RFC 7396, except that ``null`` is stored, not a removal."""
    if not isinstance(patch, dict):
        return patch
    if not isinstance(target, dict):
        target = {}
    for key, value in patch.items():
        target[key] = _merge_patch(target.get(key), value)
    return target


ALLE = {name: READ_AND_WRITE for name in OBJECTTYPE_UUIDS}


def _reply(answer: Answer) -> Reply:
    body = b"" if answer.body is None else json.dumps(answer.body).encode()
    return Reply(answer.status, body, "application/json", answer.headers)


@contextmanager
def local_objecten(
    tokens: Mapping[str, Mapping[str, str]], *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[LocalObjecten]:
    """The Objecten API on ``host:port`` (0: a free port) for the length of the block."""
    server = LoopbackServer(host, port)
    register = LocalObjecten(server.url, tokens)
    with server.serving(
        lambda *request: _reply(register.answer(*request)),
        lambda message: _reply(Refusal(500, "error", message).answer),
    ):
        yield register


def seed_demo(register: LocalObjecten, bsn: str, base: str) -> None:
    """A demo resident's open klanttaak and a productaanvraag (``base``: the demo's own
    address, for the links)."""
    register.add(
        "klanttaak",
        {
            "titel": "Stuur een kopie van uw huurcontract",
            "status": "open",
            "identificatie": {"type": "bsn", "value": bsn},
            "formulierlink": f"{base}/formulieren/huurcontract",
            "prefill": {"bsn": bsn},
            "verloopdatum": (datetime.date.today() + datetime.timedelta(days=14)).isoformat(),
        },
    )
    register.add(
        "klanttaak",
        {
            "titel": "Betaal de leges voor uw parkeervergunning",
            "status": "open",
            "identificatie": {"type": "bsn", "value": bsn},
            "betaallink": f"{base}/betalen/leges-parkeervergunning",
            "documentlink": f"{base}/documenten/factuur-parkeervergunning.pdf",
        },
    )
    register.add(
        "productaanvraag",
        {
            "type": "Parkeervergunning",
            "data": {"kenteken": "AB-123-C"},
            "bsn": bsn,
            "submission_id": str(uuid.uuid4()),
            "language_code": "nl",
            "pdf_url": f"{base}/documenten/aanvraag-parkeervergunning.pdf",
        },
    )


def sdg_product(
    upn: str, titel: str, tekst: str, *, procedure: str = "", kosten: str = "", link: str = ""
) -> dict[str, Any]:
    """A kennisartikel as the SDG catalogue holds one, in Dutch."""
    return {
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"sdg:{upn}")),
        "upnLabel": upn,
        "upnUri": f"http://standaarden.overheid.nl/owms/terms/{upn.replace(' ', '_')}",
        "publicatieDatum": "2026-01-15",
        "productAanwezig": True,
        "doelgroep": "eu-burger",
        "vertalingen": [
            {
                "taal": "nl",
                "productTitelDecentraal": titel,
                "specifiekeTekst": tekst,
                "procedureBeschrijving": procedure,
                "kostenEnBetaalmethoden": kosten,
                "decentraleProcedureLink": link,
                "verwijzingLinks": [],
                "datumWijziging": "2026-01-15T10:00:00",
            }
        ],
    }


# The demo's SDG products: texts the catalogue has in its own words.
DEMO_KENNIS = [
    sdg_product(
        "Gehandicaptenparkeerkaart",
        "Gehandicaptenparkeerkaart aanvragen",
        "<p>Heeft u een ziekte of handicap waardoor u moeilijk loopt? Dan kunt u een "
        "<strong>gehandicaptenparkeerkaart</strong> aanvragen.</p>",
        procedure="<p>U vraagt de kaart aan bij de gemeente. Een arts beoordeelt uw situatie.</p>",
        kosten="<p>De medische keuring kost € 75.</p>",
    ),
    sdg_product(
        "Ligplaatsvergunning",
        "Ligplaats voor een woonboot",
        "<p>Voor een woonboot of schip in openbaar water heeft u een ligplaatsvergunning "
        "nodig.</p>",
        procedure="<p>Vraag de vergunning aan via het Omgevingsloket.</p>",
    ),
    sdg_product(
        "Standplaatsvergunning",
        "Standplaats op de markt of straat",
        "<p>Wilt u op straat iets verkopen vanaf een vaste plek? Vraag een "
        "standplaatsvergunning aan.</p>",
        kosten="<p>€ 112 per jaar.</p>",
    ),
]


def seed_kennis(register: LocalObjecten) -> None:
    """The demo's SDG products as kennisartikel objects."""
    for product in DEMO_KENNIS:
        register.add("kennisartikel", product, object_uuid=product["uuid"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.objecten",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8005)
    parser.add_argument("--token", action="append", default=[], metavar="NAME:TOKEN")
    parser.add_argument(
        "--token-env",
        action="append",
        default=[],
        metavar="NAME:VARIABLE",
        help="a token (read and write on both objecttypes) in this environment variable",
    )
    parser.add_argument(
        "--demo", action="append", default=[], metavar="BSN", help="seed demo objects for a BSN"
    )
    parser.add_argument("--demo-base", default="http://127.0.0.1:8000", metavar="URL")
    parser.add_argument(
        "--demo-kennis", action="store_true", help="seed the demo's SDG products (kennisartikel)"
    )
    options = parser.parse_args(argv)
    named = named_secrets(parser, "--token", options.token, options.token_env, key="NAME")
    if not named:
        parser.error("give at least one --token or --token-env")

    @contextmanager
    def serve() -> Iterator[LocalObjecten]:
        with local_objecten(
            dict.fromkeys(named.values(), ALLE), host=options.host, port=options.port
        ) as register:
            for bsn in options.demo:
                seed_demo(register, bsn, options.demo_base.rstrip("/"))
            if options.demo_kennis:
                seed_kennis(register)
            yield register

    def ready(register: LocalObjecten) -> None:
        print(f"Lokale Objecten API op {register.api_root}", flush=True)
        for name in OBJECTTYPE_UUIDS:
            print(f"  objecttype {name}: {register.objecttype_url(name)}", flush=True)

    return serve_until_stopped(serve, ready)


if __name__ == "__main__":
    raise SystemExit(main())
