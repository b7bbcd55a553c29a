"""A local appointment system for tests and demos: Qmatic Orchestra's calendar, as far as a
portal reads a customer's appointments, on loopback.

Qmatic publishes no public API document for Orchestra (its OpenAPI document comes with a
contract), so this stand-in follows the shape Open Inwoner's Qmatic client uses
(maykinmedia/open-inwoner, ``src/open_inwoner/qmatic/client.py`` and the recorded answers
in ``src/open_inwoner/apimock/apis/qmatic/``), with the API key in the ``X-Api-Key``
header as Open Forms' Qmatic documentation describes
(``docs/configuration/appointment/qmatic.rst``):

- ``GET /appointment/customers/identify;email=<address>``: the customers with that e-mail
  address (a JSON array; ``[]`` when none), each with its ``publicId``;
- ``GET /calendar-backend/public/api/v1/customers/<publicId>/appointments``: that
  customer's appointments, ``{"meta": …, "appointmentList": [...], "notifications": []}``,
  each with ``publicId``, ``title``, ``start`` / ``end`` (``2024-08-15T14:45:00.000+0000``),
  ``services`` [{``publicId``, ``name``, ``duration``, …}] and ``branch`` (name, address,
  ``timeZone``); an unknown customer is a 404;
- without the right key: 401.

Every answer is checked against the JSON schema below, written from the fields Open
Inwoner's client requires (its pydantic models ``Appointment``, ``QmaticService`` and
``BranchDetail``); an answer that breaks it becomes a 500 and a violation.

    python -m standins.afspraken --port 8006 --api-key-env AFSPRAKEN_SLEUTEL --demo e-mail
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import jsonschema

from standins.cli import serve_until_stopped
from standins.http import LoopbackServer, Reply

IDENTIFY = "/appointment/customers/identify"
APPOINTMENTS = "/calendar-backend/public/api/v1/customers/"

_NULLABLE_TEXT = {"type": ["string", "null"]}
_SERVICE = {
    "type": "object",
    "required": ["publicId", "name", "duration", "additionalCustomerDuration", "custom"],
    "properties": {
        "publicId": {"type": "string"},
        "name": {"type": "string"},
        "duration": {"type": "integer"},
        "additionalCustomerDuration": {"type": "integer"},
        "custom": _NULLABLE_TEXT,
    },
}
_BRANCH = {
    "type": "object",
    "required": [
        "name",
        "publicId",
        "phone",
        "email",
        "branchPrefix",
        "addressLine1",
        "addressLine2",
        "addressZip",
        "addressCity",
        "addressState",
        "addressCountry",
        "latitude",
        "longitude",
        "timeZone",
        "fullTimeZone",
        "custom",
        "created",
        "updated",
    ],
    "properties": {
        "name": {"type": "string"},
        "publicId": {"type": "string"},
        "timeZone": {"type": "string"},
        "fullTimeZone": {"type": "string"},
        "latitude": {"type": ["number", "null"]},
        "longitude": {"type": ["number", "null"]},
        "created": {"type": "integer"},
        "updated": {"type": "integer"},
        **{
            name: _NULLABLE_TEXT
            for name in (
                "phone",
                "email",
                "branchPrefix",
                "addressLine1",
                "addressLine2",
                "addressZip",
                "addressCity",
                "addressState",
                "addressCountry",
                "custom",
            )
        },
    },
}
_MOMENT = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$"}
APPOINTMENT_LIST = {
    "type": "object",
    "required": ["appointmentList"],
    "properties": {
        "appointmentList": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "services",
                    "title",
                    "start",
                    "end",
                    "created",
                    "updated",
                    "publicId",
                    "branch",
                    "notes",
                ],
                "properties": {
                    "services": {"type": "array", "items": _SERVICE},
                    "title": {"type": "string"},
                    "start": _MOMENT,
                    "end": _MOMENT,
                    "created": {"type": "integer"},
                    "updated": {"type": "integer"},
                    "publicId": {"type": "string"},
                    "branch": _BRANCH,
                    "notes": _NULLABLE_TEXT,
                },
            },
        }
    },
}
CUSTOMERS = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["publicId"],
        "properties": {"publicId": {"type": "string"}},
    },
}


@dataclass
class Afspraak:
    """One booked appointment, as the demo or a test makes it."""

    dienst: str
    start: datetime.datetime
    minuten: int = 10
    vestiging: str = "Stadskantoor"
    adres: str = "Markt 1"
    postcode: str = "1234 AB"
    plaats: str = "Gemeentestad"
    public_id: str = field(default_factory=lambda: secrets.token_hex(32))


@dataclass
class _Klant:
    public_id: str
    email: str
    afspraken: list[Afspraak] = field(default_factory=list)


class LocalAfspraken:
    """Qmatic's calendar for ``api_key``: customers by e-mail address, each with their
    appointments. ``failing``: answer every request with this status."""

    def __init__(self, url: str, api_key: str) -> None:
        self.url = url
        self.api_key = api_key
        self.klanten: dict[str, _Klant] = {}
        self.violations: list[str] = []
        self.requests: list[str] = []
        self.failing: int | None = None
        self._lock = threading.Lock()

    def boek(self, email: str, afspraak: Afspraak) -> Afspraak:
        with self._lock:
            klant = next((k for k in self.klanten.values() if k.email == email.lower()), None)
            if klant is None:
                klant = _Klant(str(100000 + len(self.klanten)), email.lower())
                self.klanten[klant.public_id] = klant
            klant.afspraken.append(afspraak)
        return afspraak

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Reply:
        self.requests.append(target)
        if self.failing is not None:
            return Reply(self.failing, b"Service unavailable", "text/plain")
        given = {k.lower(): v for k, v in headers.items()}.get("x-api-key", "")
        if not secrets.compare_digest(given.encode(), self.api_key.encode()):
            return Reply(401, b'{"message": "Unauthorized"}')
        path = urlsplit(target).path
        if method != "GET":
            return Reply(405, b"")
        if path.startswith(IDENTIFY + ";"):
            return self._checked(self._identify(path), CUSTOMERS)
        if path.startswith(APPOINTMENTS) and path.endswith("/appointments"):
            public_id = path.removeprefix(APPOINTMENTS).removesuffix("/appointments")
            klant = self.klanten.get(unquote(public_id))
            if klant is None:
                return Reply(404, b'{"message": "Customer not found"}')
            return self._checked(self._lijst(klant), APPOINTMENT_LIST)
        return Reply(404, b'{"message": "Not found"}')

    def _identify(self, path: str) -> list[dict[str, Any]]:
        params = dict(
            part.split("=", 1) for part in path.removeprefix(IDENTIFY).split(";") if "=" in part
        )
        email = unquote(params.get("email", "")).lower()
        return [
            {
                "id": int(k.public_id),
                "publicId": k.public_id,
                "firstName": "",
                "lastName": "",
                "properties": {"email": k.email},
            }
            for k in self.klanten.values()
            if email and k.email == email
        ]

    def _lijst(self, klant: _Klant) -> dict[str, Any]:
        return {
            "meta": {
                "start": "",
                "end": "",
                "totalResults": len(klant.afspraken),
                "offset": None,
                "limit": None,
                "fields": "",
                "arguments": {},
            },
            "appointmentList": [_appointment(a) for a in klant.afspraken],
            "notifications": [],
        }

    def _checked(self, body: Any, schema: dict[str, Any]) -> Reply:
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(body)]
        if errors:
            self.violations.extend(errors)
            return Reply(500, json.dumps({"message": "; ".join(errors)}).encode())
        return Reply(200, json.dumps(body).encode())


def _moment(value: datetime.datetime) -> str:
    utc = value.astimezone(datetime.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}+0000"


def _appointment(afspraak: Afspraak) -> dict[str, Any]:
    millis = int(afspraak.start.timestamp() * 1000) - 86_400_000
    return {
        "notes": "",
        "created": millis,
        "updated": millis,
        "custom": "",
        "title": "Qmatic Web Booking",
        "start": _moment(afspraak.start),
        "end": _moment(afspraak.start + datetime.timedelta(minutes=afspraak.minuten)),
        "publicId": afspraak.public_id,
        "status": 20,
        "services": [
            {
                "publicId": f"dienst-{afspraak.dienst.lower().replace(' ', '-')}",
                "name": afspraak.dienst,
                "duration": afspraak.minuten,
                "additionalCustomerDuration": 5,
                "custom": "",
                "active": True,
                "publicEnabled": True,
                "created": millis,
                "updated": millis,
            }
        ],
        "branch": {
            "name": afspraak.vestiging,
            "publicId": "vestiging-1",
            "phone": "",
            "email": "",
            "branchPrefix": None,
            "addressLine1": afspraak.vestiging,
            "addressLine2": afspraak.adres,
            "addressZip": afspraak.postcode,
            "addressCity": afspraak.plaats,
            "addressState": None,
            "addressCountry": "Nederland",
            "latitude": None,
            "longitude": None,
            "timeZone": "Europe/Amsterdam",
            "fullTimeZone": "Europe/Amsterdam",
            "custom": "",
            "created": millis,
            "updated": millis,
        },
    }


@contextmanager
def local_afspraken(
    api_key: str, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[LocalAfspraken]:
    server = LoopbackServer(host, port)
    systeem = LocalAfspraken(server.url, api_key)
    with server.serving(
        systeem.answer, lambda message: Reply(500, json.dumps({"message": message}).encode())
    ):
        yield systeem


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.afspraken",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8006)
    parser.add_argument(
        "--api-key-env", required=True, metavar="VARIABLE", help="the API key's variable"
    )
    parser.add_argument(
        "--demo", action="append", default=[], metavar="E-MAIL", help="book demo appointments"
    )
    options = parser.parse_args(argv)
    api_key = os.environ.get(options.api_key_env, "")
    if not api_key:
        parser.error(f"--api-key-env {options.api_key_env}: the variable is empty or not set")

    @contextmanager
    def serve() -> Iterator[LocalAfspraken]:
        with local_afspraken(api_key, host=options.host, port=options.port) as systeem:
            morgen = datetime.datetime.now(datetime.UTC).replace(
                hour=9, minute=30, second=0, microsecond=0
            ) + datetime.timedelta(days=7)
            for email in options.demo:
                systeem.boek(email, Afspraak("Paspoort aanvragen", morgen))
            yield systeem

    return serve_until_stopped(
        serve, lambda s: print(f"Lokaal afsprakensysteem (Qmatic) op {s.url}/", flush=True)
    )


if __name__ == "__main__":
    raise SystemExit(main())
