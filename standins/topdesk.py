"""A local TOPdesk for tests and demos: the part of TOPdesk's incident REST API Klantbeeld
uses (``/tas/api/incidents``, ``…/id/{id}``, ``…/progresstrail``, ``…/actions``,
``/tas/api/version``) on loopback, checked against the document written from TOPdesk's
published facts (``tests/specs/topdesk-incidents_klantbeeld.yaml``; tests/specs/README.md
says where each fact comes from).

As TOPdesk does, it

- wants HTTP Basic with the operator's login name and application password (401 without);
- numbers incidents ``I YYMM NNN`` (e.g. ``I 2612 001``), counting again each month;
- lists incidents by a FIQL ``query`` on ``modificationDate``, ``creationDate``,
  ``callDate`` (``=gt=``, ``=ge=``, ``=lt=``, ``=le=``), ``externalNumber``, ``number``,
  ``closed`` and ``completed`` (``==``), joined by ``;``; pages by ``pageStart`` and
  ``pageSize``: 200 for the last page, 206 when more follow, 204 when none;
- answers errors as ``[{"message": …}]``.

Every request is checked against the document before it is answered (400 and recorded in
``violations`` when it breaks it), and so is every answer (a 500 and a violation).

Test hooks play an operator: ``actie`` (an action, visible to the caller or not),
``zet_status`` (the processing status), ``sluit`` (completed and closed); each updates the
incident's modificationDate, as TOPdesk does, and then calls the action sequence's URL
(``terugmeld_url``, with ``Authorization: Bearer <terugmeld_sleutel>`` and the incident's
``id`` and ``number`` as JSON) when one is set, as an action sequence configured on
"incident changed" does (docs/topdesk.md). The same operator works over HTTP, for the
demo and browser tests (not TOPdesk's API, so not in its document):

- ``GET /_standin/``: the incidents, with a form per incident to add an action or close it;
- ``POST /_standin/incidents/{id}/actie`` (``tekst``, ``zichtbaar``: form or JSON);
- ``POST /_standin/incidents/{id}/sluiten`` (``tekst``: a last action, optional).

    python -m standins.topdesk --port 8010 --user klantbeeld --password-env VARIABLE \
        [--terugmeld-url URL --terugmeld-sleutel-env VARIABLE]
"""

from __future__ import annotations

import argparse
import base64
import datetime
import functools
import html
import json
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, parse_qsl, urlsplit

import httpx
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import ImmutableMultiDict

from standins.cli import serve_until_stopped
from standins.http import LoopbackServer, Reply
from standins.openapi import document, problems

DOCUMENT = "topdesk-incidents_klantbeeld.yaml"
SPEC_HOST = "https://topdesk.example"
ROOT = "/tas/api"
VERSIE = "3.9.0"

# TOPdesk's processing statuses are the organisation's own list; these are a Dutch default.
AANGEMELD = "Aangemeld"
IN_BEHANDELING = "In behandeling"
AFGEMELD = "Afgemeld"
STATUSSEN = (AANGEMELD, IN_BEHANDELING, "Wachten op aanmelder", AFGEMELD)


def _id(naam: str) -> str:
    """A fixed id for a list entry, the same in every run."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"topdesk:{naam}"))


OPERATOR = {"id": _id("operator:Tweede lijn"), "name": "Tweede lijn"}


def _nu() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def datum(moment: datetime.datetime) -> str:
    """TOPdesk's spelling of a moment: 2026-12-01T09:30:00.123+0000."""
    utc = moment.astimezone(datetime.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}+0000"


@dataclass
class Memo:
    tekst: str
    zichtbaar: bool
    moment: datetime.datetime
    door_operator: bool = True
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def json(self, aanmelder: str) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "memoText": self.tekst,
            "plainText": self.tekst,
            "flag": 0,
            "invisibleForCaller": not self.zichtbaar,
            "entryDate": datum(self.moment),
            "creationDate": datum(self.moment),
        }
        if self.door_operator:
            body["operator"] = OPERATOR
        else:
            body["person"] = {"id": _id(f"persoon:{aanmelder}"), "name": aanmelder}
        return body


@dataclass
class Incident:
    id: str
    nummer: str
    data: dict[str, Any]  # the fields as TOPdesk answers them, dates excepted
    aangemaakt: datetime.datetime
    gewijzigd: datetime.datetime
    afgerond: datetime.datetime | None = None
    gesloten: datetime.datetime | None = None
    memos: list[Memo] = field(default_factory=list)  # oldest first

    def json(self) -> dict[str, Any]:
        pad = f"{ROOT}/incidents/id/{self.id}"
        return {
            "id": self.id,
            "number": self.nummer,
            **self.data,
            "requests": f"{pad}/requests",
            "action": f"{pad}/actions",
            "attachments": f"{pad}/attachments",
            "completed": self.afgerond is not None,
            "completedDate": datum(self.afgerond) if self.afgerond else None,
            "closed": self.gesloten is not None,
            "closedDate": datum(self.gesloten) if self.gesloten else None,
            "callDate": datum(self.aangemaakt),
            "creationDate": datum(self.aangemaakt),
            "modificationDate": datum(self.gewijzigd),
        }

    @property
    def aanmelder(self) -> str:
        caller = self.data.get("caller") or {}
        return str(caller.get("dynamicName", ""))


class Fout(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = [{"message": message}]


@functools.cache
def api() -> OpenAPI:
    return document(DOCUMENT)


class LocalTopdesk:
    """TOPdesk's incident API at ``url`` for ``user`` with ``password``. ``failing``:
    answer every request with this status; ``delay``: seconds to wait before answering;
    ``klok``: what time it is (tests set it)."""

    def __init__(self, url: str, user: str, password: str) -> None:
        self.url = url
        self.api_root = f"{url}{ROOT}"
        self.user = user
        self.password = password
        self.incidents: dict[str, Incident] = {}
        self.violations: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self.failing: int | None = None
        self.delay = 0.0
        self.klok: Callable[[], datetime.datetime] = _nu
        self._lock = threading.Lock()
        # The action sequence: whom to tell of a change, and what it answered.
        self.terugmeld_url = ""
        self.terugmeld_sleutel = ""
        self.terugmeldingen: list[tuple[str, int | None, str]] = []

    # -- test hooks: an operator at work ---------------------------------------------------

    def actie(
        self, incident_id: str, tekst: str, *, zichtbaar: bool = True, melden: bool = True
    ) -> None:
        """An operator adds an action; ``zichtbaar``: the caller may see it."""
        with self._lock:
            incident = self._incident(incident_id)
            incident.memos.append(Memo(tekst, zichtbaar, self.klok()))
            incident.gewijzigd = self.klok()
        if melden:
            self.actievolgorde(incident_id)

    def zet_status(self, incident_id: str, naam: str, *, melden: bool = True) -> None:
        with self._lock:
            incident = self._incident(incident_id)
            incident.data["processingStatus"] = _status(naam)
            incident.gewijzigd = self.klok()
        if melden:
            self.actievolgorde(incident_id)

    def sluit(self, incident_id: str, tekst: str = "") -> None:
        """An operator completes and closes the incident, with a last action if ``tekst``."""
        if tekst:
            self.actie(incident_id, tekst, melden=False)
        self.zet_status(incident_id, AFGEMELD, melden=False)
        with self._lock:
            incident = self._incident(incident_id)
            incident.afgerond = incident.gesloten = incident.gewijzigd = self.klok()
        self.actievolgorde(incident_id)

    def actievolgorde(self, incident_id: str) -> None:
        """What an action sequence on "incident changed" does: POST the incident's id and
        number to the configured URL with the agreed secret (nothing when none is set)."""
        if not self.terugmeld_url:
            return
        with self._lock:
            incident = self._incident(incident_id)
            body = {"id": incident.id, "number": incident.nummer}
        headers = {"Content-Type": "application/json"}
        if self.terugmeld_sleutel:
            headers["Authorization"] = f"Bearer {self.terugmeld_sleutel}"
        try:
            with httpx.Client(timeout=10) as client:
                status: int | None = client.post(
                    self.terugmeld_url, json=body, headers=headers
                ).status_code
            fout = ""
        except httpx.HTTPError as error:
            status, fout = None, f"{type(error).__name__}: {error}"
        self.terugmeldingen.append((incident_id, status, fout))

    # -- answering ------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Reply:
        headers = {k.lower(): v for k, v in headers.items()}
        parts = urlsplit(target)
        self.requests.append((method, target))
        if parts.path.startswith("/_standin/"):
            return self._operator(method, parts.path, headers, raw)
        if self.delay:
            threading.Event().wait(self.delay)
        query = parse_qs(parts.query)
        try:
            if self.failing is not None:
                raise Fout(self.failing, "An internal error occurred.")
            if not self._aangemeld(headers.get("authorization", "")):
                raise Fout(401, "Authentication failed: login name or password is incorrect.")
            self._check_request(method, parts.path, query, headers, raw)
            status, body = self._route(method, parts.path, query, raw)
        except Fout as fout:
            return self._checked(method, parts.path, query, fout.status, fout.body)
        return self._checked(method, parts.path, query, status, body)

    # -- the operator's screen (not TOPdesk's API) -----------------------------------------

    def _operator(self, method: str, path: str, headers: Mapping[str, str], raw: bytes) -> Reply:
        delen = path.strip("/").split("/")
        if method == "GET" and delen == ["_standin"]:
            return Reply(200, self._scherm().encode(), "text/html; charset=utf-8")
        if method == "GET" and delen == ["_standin", "incidents"]:
            with self._lock:
                return Reply(200, json.dumps([i.json() for i in self.incidents.values()]).encode())
        if method != "POST" or len(delen) != 4 or delen[1] != "incidents":
            return Reply(404, json.dumps([{"message": "Not found."}]).encode())
        formulier = "form" in headers.get("content-type", "")
        try:
            velden = dict(parse_qsl(raw.decode())) if formulier else json.loads(raw or b"{}")
            tekst = str(velden.get("tekst", "")).strip()
            if delen[3] == "actie" and tekst:
                zichtbaar = velden.get("zichtbaar", True) not in (False, "false", "nee", "")
                self.actie(delen[2], tekst, zichtbaar=zichtbaar)
            elif delen[3] == "sluiten":
                self.sluit(delen[2], tekst)
            else:
                raise Fout(400, "Give a tekst for the action.")
        except (ValueError, AttributeError):
            return Reply(400, json.dumps([{"message": "Not a form or JSON object."}]).encode())
        except Fout as fout:
            return Reply(fout.status, json.dumps(fout.body).encode())
        if formulier:
            return Reply(303, b"", "text/plain", {"Location": "/_standin/"})
        with self._lock:
            return Reply(200, json.dumps(self._incident(delen[2]).json()).encode())

    def _scherm(self) -> str:
        """The incidents, newest first, each with forms to add an action or close it."""
        with self._lock:
            incidents = sorted(self.incidents.values(), key=lambda i: i.aangemaakt, reverse=True)
            rijen = "".join(_kaart(i) for i in incidents) or "<p>Nog geen meldingen.</p>"
        return (
            '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>Lokale TOPdesk: meldingen</title></head><body><main>"
            f"<h1>Lokale TOPdesk: meldingen</h1>{rijen}</main></body></html>"
        )

    def _aangemeld(self, authorization: str) -> bool:
        soort, _, waarde = authorization.partition(" ")
        if soort.lower() != "basic" or not self.password:
            return False
        try:
            user, _, password = base64.b64decode(waarde).decode().partition(":")
        except ValueError:
            return False
        return (user, password) == (self.user, self.password)

    def _check_request(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: Mapping[str, str],
        raw: bytes,
    ) -> None:
        request = MockRequest(
            SPEC_HOST,
            method.lower(),
            path,
            args=_multi(query),
            headers=dict(headers),
            data=raw or None,
            content_type=headers.get("content-type", "application/json").split(";")[0],
        )
        found = problems(lambda: api().validate_request(request))
        if not found:
            return
        self.violations.extend(f"request {method} {path}: {p}" for p in found)
        if any("not found" in p.lower() and "path" in p.lower() for p in found):
            raise Fout(404, "The requested resource was not found.")
        raise Fout(400, "; ".join(found))

    def _route(
        self, method: str, path: str, query: dict[str, list[str]], raw: bytes
    ) -> tuple[int, Any]:
        rest = path.removeprefix(ROOT).strip("/").split("/")
        if rest == ["version"]:
            return 200, {"version": VERSIE}
        if rest == ["incidents"] and method == "POST":
            return 201, self._maak(json.loads(raw))
        if rest == ["incidents"]:
            return self._lijst(query)
        if len(rest) >= 3 and rest[:2] == ["incidents", "id"]:
            with self._lock:
                incident = self._incident(rest[2])
                if rest[3:] == [] and method == "PATCH":
                    return 200, self._wijzig(incident, json.loads(raw))
                if rest[3:] == []:
                    return 200, incident.json()
                nieuwste = list(reversed(incident.memos))
                if rest[3:] == ["actions"]:
                    memos = [m.json(incident.aanmelder) for m in nieuwste if m.door_operator]
                    return (200, memos) if memos else (204, None)
                if rest[3:] == ["progresstrail"]:
                    memos = [m.json(incident.aanmelder) for m in nieuwste]
                    return _pagina(memos, query, 10)
        raise Fout(404, "The requested resource was not found.")

    def _incident(self, incident_id: str) -> Incident:
        incident = self.incidents.get(incident_id)
        if incident is None:
            raise Fout(404, f"No incident found with id {incident_id}.")
        return incident

    def _maak(self, body: dict[str, Any]) -> dict[str, Any]:
        nu = self.klok()
        data: dict[str, Any] = {
            "status": body.get("status", "firstLine"),
            "request": body.get("request", ""),
            "briefDescription": body.get("briefDescription", ""),
            "externalNumber": body.get("externalNumber", ""),
            "processingStatus": {"id": _id(f"status:{AANGEMELD}"), "name": AANGEMELD},
            "operator": None,
        }
        if "callerLookup" in body:
            persoon = body["callerLookup"]["id"]
            data["caller"] = {"id": persoon, "dynamicName": f"Persoon {persoon[:8]}"}
        else:
            data["caller"] = {"id": None, "branch": None, **body["caller"]}
        for veld in ("category", "subcategory", "operatorGroup", "entryType", "callType"):
            data[veld] = _lijstwaarde(veld, body.get(veld))
        if "processingStatus" in body:
            data["processingStatus"] = _lijstwaarde("status", body["processingStatus"])
        with self._lock:
            maand = nu.strftime("%y%m")
            volgnummer = 1 + sum(1 for i in self.incidents.values() if i.nummer[2:6] == maand)
            incident = Incident(
                id=str(uuid.uuid4()),
                nummer=f"I {maand} {volgnummer:03d}",
                data=data,
                aangemaakt=nu,
                gewijzigd=nu,
            )
            if body.get("action"):
                zichtbaar = not body.get("actionInvisibleForCaller", False)
                incident.memos.append(Memo(body["action"], zichtbaar, nu))
            self.incidents[incident.id] = incident
        return incident.json()

    def _wijzig(self, incident: Incident, body: dict[str, Any]) -> dict[str, Any]:
        nu = self.klok()
        for veld in ("briefDescription", "request", "externalNumber"):
            if veld in body:
                incident.data[veld] = body[veld]
        for veld in ("category", "subcategory", "operatorGroup"):
            if veld in body:
                incident.data[veld] = _lijstwaarde(veld, body[veld])
        if "processingStatus" in body:
            incident.data["processingStatus"] = _lijstwaarde("status", body["processingStatus"])
        if body.get("action"):
            zichtbaar = not body.get("actionInvisibleForCaller", False)
            incident.memos.append(Memo(body["action"], zichtbaar, nu))
        if "completed" in body:
            incident.afgerond = nu if body["completed"] else None
        if "closed" in body:
            incident.gesloten = nu if body["closed"] else None
        incident.gewijzigd = nu
        return incident.json()

    def _lijst(self, query: dict[str, list[str]]) -> tuple[int, Any]:
        voorwaarden = _fiql(query.get("query", [""])[-1])
        with self._lock:
            items = [i.json() for i in self.incidents.values()]
        items = [i for i in items if all(v(i) for v in voorwaarden)]
        veld, _, richting = (query.get("sort", [""])[-1] or "creationDate:asc").partition(":")
        items.sort(key=lambda i: _moment(i[veld]) if i.get(veld) else _BEGIN)
        if richting == "desc":
            items.reverse()
        return _pagina(items, query, 10)

    def _checked(
        self, method: str, path: str, query: dict[str, list[str]], status: int, body: Any
    ) -> Reply:
        raw = b"" if status == 204 else json.dumps(body).encode()
        request = MockRequest(SPEC_HOST, method.lower(), path, args=_multi(query))
        response = MockResponse(raw, status_code=status, content_type="application/json")
        found = problems(lambda: api().validate_response(request, response))
        if status == 404 and any(p.startswith("Path not found") for p in found):
            found = []  # a path TOPdesk does not have: its 404 is the answer
        if found:
            self.violations.extend(f"answer {status} {method} {path}: {p}" for p in found)
            return Reply(500, json.dumps(Fout(500, "An internal error occurred.").body).encode())
        return Reply(status, raw)


def _status(naam: str) -> dict[str, str]:
    return {"id": _id(f"status:{naam}"), "name": naam}


def _kaart(incident: Incident) -> str:
    e = html.escape
    data = incident.json()
    pad = f"/_standin/incidents/{e(incident.id)}"
    trail = "".join(
        f"<li>{e(m.tekst)}{'' if m.zichtbaar else ' (niet zichtbaar voor aanmelder)'}</li>"
        for m in incident.memos
    )
    status = "gesloten" if incident.gesloten else e(data["processingStatus"]["name"])
    formulieren = (
        ""
        if incident.gesloten
        else f"""<form method="post" action="{pad}/actie">
<label for="actie-{e(incident.id)}">Actie</label>
<textarea id="actie-{e(incident.id)}" name="tekst" required></textarea>
<label><input type="checkbox" name="zichtbaar" value="ja" checked> Zichtbaar voor aanmelder</label>
<button type="submit">Actie toevoegen</button></form>
<form method="post" action="{pad}/sluiten">
<label for="sluit-{e(incident.id)}">Afsluittekst</label>
<textarea id="sluit-{e(incident.id)}" name="tekst"></textarea>
<button type="submit">Afsluiten</button></form>"""
    )
    return (
        f"<section><h2>{e(incident.nummer)}: {e(data['briefDescription'])}</h2>"
        f"<p>Extern nummer {e(data['externalNumber'])}, status {status}</p>"
        f"<p>{e(data['request'])}</p><ul>{trail}</ul>{formulieren}</section>"
    )


_BEGIN = datetime.datetime.min.replace(tzinfo=datetime.UTC)
_VERGELIJK = re.compile(r"^([A-Za-z.]+)(==|!=|=gt=|=ge=|=lt=|=le=)(.+)$")
_DATUMVELDEN = {"modificationDate", "creationDate", "callDate", "closedDate"}
_GELIJKVELDEN = {"externalNumber", "number", "closed", "completed", "briefDescription"}


def _fiql(query: str) -> list[Callable[[dict[str, Any]], bool]]:
    """The conditions of a FIQL query joined by ``;`` (AND); what this TOPdesk cannot
    read is refused with 400, as TOPdesk refuses a selector it does not know."""
    voorwaarden: list[Callable[[dict[str, Any]], bool]] = []
    for deel in filter(None, query.split(";")):
        gevonden = _VERGELIJK.match(deel)
        if gevonden is None:
            raise Fout(400, f"The query '{deel}' is not a valid FIQL expression.")
        veld, operator, waarde = gevonden.groups()
        waarde = waarde.strip("'\"")
        if veld in _DATUMVELDEN and operator not in ("==", "!="):
            try:
                grens = _moment(waarde)
            except ValueError as error:
                raise Fout(400, f"The value '{waarde}' is not a valid date.") from error
            voorwaarden.append(_datumvoorwaarde(veld, operator, grens))
        elif veld in _GELIJKVELDEN and operator in ("==", "!="):
            voorwaarden.append(_gelijk(veld, operator == "==", waarde))
        else:
            raise Fout(400, f"The selector '{veld}{operator}' is not supported.")
    return voorwaarden


def _datumvoorwaarde(
    veld: str, operator: str, grens: datetime.datetime
) -> Callable[[dict[str, Any]], bool]:
    vergelijk: dict[str, Callable[[datetime.datetime], bool]] = {
        "=gt=": lambda m: m > grens,
        "=ge=": lambda m: m >= grens,
        "=lt=": lambda m: m < grens,
        "=le=": lambda m: m <= grens,
    }
    return lambda item: bool(item.get(veld)) and vergelijk[operator](_moment(item[veld]))


def _gelijk(veld: str, gelijk: bool, waarde: str) -> Callable[[dict[str, Any]], bool]:
    def past(item: dict[str, Any]) -> bool:
        eigen = item.get(veld)
        tekst = str(eigen).lower() if isinstance(eigen, bool) else str(eigen or "")
        return (tekst == waarde) == gelijk

    return past


def _moment(tekst: str) -> datetime.datetime:
    """A moment in TOPdesk's spelling (+0000) or ISO 8601 (Z, +00:00)."""
    moment = datetime.datetime.fromisoformat(re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", tekst))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _pagina(items: list[Any], query: dict[str, list[str]], standaard: int) -> tuple[int, Any]:
    begin = int(query.get("pageStart", ["0"])[-1])
    grootte = int(query.get("pageSize", [str(standaard)])[-1])
    pagina = items[begin : begin + grootte]
    if not pagina:
        return 204, None
    return (206 if begin + grootte < len(items) else 200), pagina


def _lijstwaarde(soort: str, verwijzing: Mapping[str, str] | None) -> dict[str, str] | None:
    """A list entry as TOPdesk answers it; every id or name is known here."""
    if not verwijzing:
        return None
    naam = verwijzing.get("name") or f"{soort} {verwijzing['id'][:8]}"
    return {"id": verwijzing.get("id") or _id(f"{soort}:{naam}"), "name": naam}


def _multi(query: dict[str, list[str]]) -> Any:
    return ImmutableMultiDict([(k, v) for k, values in query.items() for v in values])


@contextmanager
def local_topdesk(
    user: str, password: str, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[LocalTopdesk]:
    """TOPdesk's incident API on ``host:port`` (0: a free port) for the length of the block."""
    server = LoopbackServer(host, port)
    topdesk = LocalTopdesk(server.url, user, password)
    with server.serving(
        topdesk.answer, lambda message: Reply(500, json.dumps(Fout(500, message).body).encode())
    ):
        yield topdesk


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.topdesk",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8010)
    parser.add_argument("--user", default="klantbeeld", help="the operator's login name")
    parser.add_argument(
        "--password-env",
        required=True,
        metavar="VARIABLE",
        help="the variable holding the application password",
    )
    parser.add_argument(
        "--terugmeld-url",
        default="",
        help="the URL the action sequence calls when an incident changes (Klantbeeld's)",
    )
    parser.add_argument(
        "--terugmeld-sleutel-env",
        default="",
        metavar="VARIABLE",
        help="the variable holding the secret the action sequence sends",
    )
    options = parser.parse_args(argv)
    password = os.environ.get(options.password_env, "")
    if not password:
        parser.error(f"--password-env {options.password_env}: the variable is empty or not set")
    sleutel = (
        os.environ.get(options.terugmeld_sleutel_env, "") if options.terugmeld_sleutel_env else ""
    )

    def ready(topdesk: LocalTopdesk) -> None:
        topdesk.terugmeld_url = options.terugmeld_url
        topdesk.terugmeld_sleutel = sleutel
        print(f"Lokale TOPdesk (incident-API) op {topdesk.api_root}", flush=True)
        print(f"Operator (meldingen behandelen): {topdesk.url}/_standin/", flush=True)

    return serve_until_stopped(
        lambda: local_topdesk(options.user, password, host=options.host, port=options.port),
        ready,
    )


if __name__ == "__main__":
    raise SystemExit(main())
