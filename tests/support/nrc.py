"""A local notification router (NRC) for tests and demos: a real HTTP server on loopback
that follows the Notificaties API 1.0.0 and behaves as Open Notificaties does beyond the
spec text (shared/specs/README.md):

- every request body is validated against both the Open Notificaties and the VNG
  document (a request that breaks either is answered 400 and recorded as a violation);
- requests need a ZGW JWT of a known client (403 otherwise);
- a notification's kanaal must exist, its ``aanmaakdatum`` may not lie in the future,
  its kenmerken must match the kanaal's filters (compared in snake_case), and its URLs
  need a dotted host name;
- a new abonnement is checked by calling its callback: without ``Authorization`` it must
  answer 401 or 403, with it 204;
- notifications are forwarded to the abonnementen of their kanaal (filters honoured,
  ``*`` a wildcard), with the abonnement's ``auth`` as ``Authorization``.
"""

from __future__ import annotations

import datetime
import json
import re
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import jwt
from openapi_core.testing import MockRequest

from klantbeeld.bench.loopback import serving
from tests.support.spec import openapi

SPECS = ("notificaties-1.0.0_open-notificaties-1.16.1.yaml", "notificaties-1.0.0_vng-standard.yaml")
_DOTTED_HOST = re.compile(r"^https?://[^/:]+\.[^/:]+(:\d+)?(/|$)")


def snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


@dataclass
class LocalNrc:
    url: str = ""
    clients: dict[str, str] = field(default_factory=dict)  # client_id → secret
    kanalen: dict[str, dict[str, Any]] = field(default_factory=dict)
    abonnementen: list[dict[str, Any]] = field(default_factory=list)
    notificaties: list[dict[str, Any]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    # -- the API ------------------------------------------------------------------------

    def post_kanaal(self, body: dict[str, Any]) -> tuple[int, Any]:
        if body["naam"] in self.kanalen:
            return 400, {"naam": ["Er bestaat al een kanaal met deze naam."]}
        kanaal = {**body, "url": f"{self.url}/api/v1/kanaal/{uuid.uuid4()}"}
        self.kanalen[body["naam"]] = kanaal
        return 201, kanaal

    def get_kanalen(self, naam: str | None) -> tuple[int, Any]:
        return 200, [k for k in self.kanalen.values() if naam in (None, k["naam"])]

    def get_abonnementen(self) -> tuple[int, Any]:
        return 200, [{k: v for k, v in a.items() if k != "auth"} for a in self.abonnementen]

    def put_abonnement(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        url = f"{self.url}{path}"
        for index, abonnement in enumerate(self.abonnementen):
            if abonnement["url"] == url:
                refused = self._test_callback(body)
                if refused:
                    return 400, refused
                self.abonnementen[index] = {**body, "url": url}
                return 200, {k: v for k, v in body.items() if k != "auth"} | {"url": url}
        return 404, {"detail": "Niet gevonden."}

    def post_abonnement(self, body: dict[str, Any]) -> tuple[int, Any]:
        refused = self._test_callback(body)
        if refused:
            return 400, refused
        for groep in body.get("kanalen", []):
            if groep["naam"] not in self.kanalen:
                return 400, {"kanalen": [f"Kanaal {groep['naam']} bestaat niet."]}
        abonnement = {**body, "url": f"{self.url}/api/v1/abonnement/{uuid.uuid4()}"}
        self.abonnementen.append(abonnement)
        return 201, {k: v for k, v in abonnement.items() if k != "auth"}

    def _test_callback(self, body: dict[str, Any]) -> dict[str, Any] | None:
        test = {
            "kanaal": "test",
            "hoofdObject": "http://some.hoofdobject.nl/",
            "resource": "some_resource",
            "resourceUrl": "http://some.resource.nl/",
            "actie": "create",
            "aanmaakdatum": "2019-01-01T12:00:00Z",
            "kenmerken": {},
        }
        without = httpx.post(body["callbackUrl"], json=test, timeout=10)
        if without.status_code not in (401, 403):
            return {"callbackUrl": [f"Callback zonder auth gaf {without.status_code}."]}
        with_auth = httpx.post(
            body["callbackUrl"], json=test, headers={"Authorization": body["auth"]}, timeout=10
        )
        if with_auth.status_code != 204:
            return {"callbackUrl": [f"Callback met auth gaf {with_auth.status_code}."]}
        return None

    def post_notificatie(self, body: dict[str, Any]) -> tuple[int, Any]:
        kanaal = self.kanalen.get(body["kanaal"])
        if kanaal is None:
            return 400, {"kanaal": ["Kanaal met deze naam bestaat niet."]}
        moment = datetime.datetime.fromisoformat(body["aanmaakdatum"].replace("Z", "+00:00"))
        if moment > datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5):
            return 400, {"aanmaakdatum": ["Datum mag niet in de toekomst liggen."]}
        for name in ("hoofdObject", "resourceUrl"):
            if not _DOTTED_HOST.match(body[name]):
                return 400, {name: ["Voer een geldige URL in."]}
        names = {snake(key) for key in body.get("kenmerken", {})}
        filters = set(kanaal.get("filters", []))
        if not (names <= filters or filters <= names):
            return 400, {
                "kenmerken": ["Kenmerken komen niet overeen met de filters van het kanaal."]
            }
        self.notificaties.append(body)
        self._forward(body)
        return 201, body

    def _forward(self, body: dict[str, Any]) -> None:
        kenmerken = {snake(k): v for k, v in body.get("kenmerken", {}).items()}
        for abonnement in list(self.abonnementen):
            for groep in abonnement.get("kanalen", []):
                wanted = {snake(k): v for k, v in groep.get("filters", {}).items()}
                if groep["naam"] == body["kanaal"] and all(
                    v == "*" or kenmerken.get(k) in (None, v) for k, v in wanted.items()
                ):
                    httpx.post(
                        abonnement["callbackUrl"],
                        json=body,
                        headers={"Authorization": abonnement["auth"]},
                        timeout=10,
                    )

    # -- plumbing -----------------------------------------------------------------------

    def authorised(self, header: str) -> bool:
        token = header.removeprefix("Bearer ")
        try:
            client_id = jwt.decode(token, options={"verify_signature": False})["client_id"]
            jwt.decode(token, self.clients[client_id], algorithms=["HS256"])
        except (KeyError, jwt.PyJWTError):
            return False
        return True

    def validate(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> list[str]:
        problems = []
        for spec in SPECS:
            request = MockRequest(
                "http://nrc.example.nl",
                method.lower(),
                path,
                data=body,
                headers=headers,
                content_type="application/json",
            )
            try:
                openapi(spec).validate_request(request)
            except Exception as error:  # openapi-core raises several kinds
                problems.append(f"{spec}: {error}: {getattr(error, '__cause__', '')}")
        return problems


@contextmanager
def local_nrc(clients: dict[str, str]) -> Iterator[LocalNrc]:
    state = LocalNrc(clients=dict(clients))

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _route(self, method: str) -> None:
            parts = urlsplit(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = {k: v for k, v in self.headers.items()}
            if not state.authorised(self.headers.get("Authorization", "")):
                self._answer(403, {"detail": "Geen geldige ZGW JWT."})
                return
            problems = state.validate(method, parts.path, raw, headers)
            if problems:
                with state.lock:
                    state.violations.extend(problems)
                self._answer(400, {"detail": problems})
                return
            body = json.loads(raw) if raw else {}
            with state.lock:
                if method == "GET" and parts.path == "/api/v1/kanaal":
                    naam = parse_qs(parts.query).get("naam", [None])[0]
                    self._answer(*state.get_kanalen(naam))
                elif method == "POST" and parts.path == "/api/v1/kanaal":
                    self._answer(*state.post_kanaal(body))
                elif method == "GET" and parts.path == "/api/v1/abonnement":
                    self._answer(*state.get_abonnementen())
                elif method == "PUT" and parts.path.startswith("/api/v1/abonnement/"):
                    self._answer(*state.put_abonnement(parts.path, body))
                elif method == "POST" and parts.path == "/api/v1/abonnement":
                    self._answer(*state.post_abonnement(body))
                elif method == "POST" and parts.path == "/api/v1/notificaties":
                    self._answer(*state.post_notificatie(body))
                else:
                    self._answer(404, {"detail": "Niet gevonden."})

        def do_GET(self) -> None:
            self._route("GET")

        def do_POST(self) -> None:
            self._route("POST")

        def do_PUT(self) -> None:
            self._route("PUT")

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as url:
        state.url = url
        yield state
