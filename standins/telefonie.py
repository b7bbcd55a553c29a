"""A local telephony platform for tests and demos: it places calls and sends their events
to Klantbeeld as the platform does, one signed JSON POST per event, in the shape of
Voys's call notifications (v2) that Klantbeeld's OpenAPI document
(src/klantbeeld/channels/telefonie/openapi.yaml) describes. Every event is checked against
that document before it is sent; one that breaks it is not sent and is kept as a
violation.

What a call does is driven from outside, like a caller and the agents' phones would:

- ``POST /_standin/oproepen`` ``{"beller": "+31612345678", "wachtrij": "Algemeen"}``:
  a call comes in (``created``, ``ringing``); the answer names its ``call_id``;
- ``POST /_standin/oproepen/<call_id>/opnemen`` ``{"toestel": "201"}``: an agent's
  extension answers (``in-progress``);
- ``POST /_standin/oproepen/<call_id>/doorverbinden`` ``{"toestel": "202", "warm": false}``:
  the agent passes it on (``cold-transfer`` or ``warm-transfer``);
- ``POST /_standin/oproepen/<call_id>/ophangen``: the call ends (``ended``, ``completed``);
- ``POST /_standin/oproepen/<call_id>/niet-opgenomen`` ``{"reden": "abandoned"}``: the
  caller gives up waiting (or ``no-answer``: nobody answered).

Each answers ``{"call_id": …, "verzonden": [HTTP status of each event sent]}``. The same
actions, as forms, are on ``GET /_standin/`` for the demo. Events are signed with
``X-Klantbeeld-Signature: sha256=<HMAC-SHA256 of the body>`` and the shared secret.

    python -m standins.telefonie --port 8015 --secret-env KLANTBEELD_TELEFONIE_GEHEIM \\
        --webhook-url http://127.0.0.1:8000/kanalen/telefonie/oproepen
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import hmac
import html
import itertools
import json
import os
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest

from standins.cli import serve_until_stopped
from standins.http import LoopbackServer, Reply
from standins.openapi import problems

DOCUMENT = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "klantbeeld"
    / "channels"
    / "telefonie"
    / "openapi.yaml"
)
# The document's own server: requests are checked as if sent there.
DOCUMENT_HOST = "https://klantbeeld.gemeente.example.nl"
PATH = "/kanalen/telefonie/oproepen"
PREFIX = "/_standin/oproepen"


@dataclass
class Oproep:
    call_id: str
    beller: str
    gebeld: str
    wachtrij: str
    toestel: str = ""
    beeindigd: bool = False


@dataclass
class LocalTelefonie:
    url: str
    webhook_url: str
    geheim: str
    gebeld: str = "+31201234567"
    oproepen: dict[str, Oproep] = field(default_factory=dict)
    # Every event sent, as sent, with Klantbeeld's HTTP status.
    verzonden: list[tuple[dict[str, Any], int]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._nummers = itertools.count(1)
        self._document = OpenAPI.from_file_path(str(DOCUMENT))
        self._laatste = datetime.datetime.min.replace(tzinfo=datetime.UTC)

    # -- what callers and phones do --------------------------------------------------------

    def bel(self, beller: str, wachtrij: str = "", gebeld: str = "") -> str:
        """A call comes in; its call_id."""
        with self._lock:
            call_id = f"standin-{os.getpid()}-{next(self._nummers)}"
            self.oproepen[call_id] = Oproep(call_id, beller, gebeld or self.gebeld, wachtrij)
        self._stuur(call_id, "created")
        self._stuur(call_id, "ringing")
        return call_id

    def neem_op(self, call_id: str, toestel: str) -> int:
        oproep = self._oproep(call_id)
        oproep.toestel = toestel
        return self._stuur(call_id, "in-progress", target=toestel)

    def verbind_door(self, call_id: str, toestel: str, *, warm: bool = False) -> int:
        oproep = self._oproep(call_id)
        van, oproep.toestel = oproep.toestel, toestel
        status = "warm-transfer" if warm else "cold-transfer"
        return self._stuur(call_id, status, target=toestel, redirector=van)

    def hang_op(self, call_id: str) -> int:
        oproep = self._oproep(call_id)
        oproep.beeindigd = True
        reden = "completed" if oproep.toestel else "abandoned"
        return self._stuur(call_id, "ended", reason=reden)

    def niet_opgenomen(self, call_id: str, reden: str = "no-answer") -> int:
        self._oproep(call_id).beeindigd = True
        return self._stuur(call_id, "ended", reason=reden)

    def melding(self, call_id: str, status: str, **extra: str) -> dict[str, Any]:
        """The notification of one event, as the platform sends it (tests resend it)."""
        oproep = self._oproep(call_id)
        with self._lock:
            # Strictly increasing: two events of one call never share a moment.
            nu = max(
                datetime.datetime.now(datetime.UTC),
                self._laatste + datetime.timedelta(microseconds=1),
            )
            self._laatste = nu
        body: dict[str, Any] = {
            "call_id": call_id,
            "timestamp": nu.isoformat(),
            "status": status,
            "version": "v2",
            "direction": "inbound",
            "caller": {
                "number": oproep.beller or None,
                "name": None,
                "account_number": None,
                "user_numbers": [],
                "user_emails": [],
            },
            "destination": {"number": oproep.gebeld},
        }
        if oproep.wachtrij:
            body["queue"] = {"name": oproep.wachtrij}
        if extra.get("target"):
            body["destination"]["target"] = {"type": "account", "account_number": extra["target"]}
        if extra.get("redirector"):
            body["redirector"] = {"type": "account", "account_number": extra["redirector"]}
        if extra.get("reason"):
            body["reason"] = extra["reason"]
        return body

    def verstuur(self, body: dict[str, Any]) -> int:
        """Send one notification, signed; Klantbeeld's HTTP status (0: not sent)."""
        raw = json.dumps(body).encode()
        handtekening = "sha256=" + hmac.new(self.geheim.encode(), raw, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json", "X-Klantbeeld-Signature": handtekening}
        request = MockRequest(
            DOCUMENT_HOST, "post", PATH, headers=headers, data=raw, content_type="application/json"
        )
        gevonden = problems(lambda: self._document.validate_request(request))
        if gevonden:
            self.violations.extend(gevonden)
            return 0
        try:
            antwoord = httpx.post(self.webhook_url, content=raw, headers=headers, timeout=10)
            status = antwoord.status_code
        except httpx.HTTPError:
            status = 0
        with self._lock:
            self.verzonden.append((body, status))
        return status

    def _stuur(self, call_id: str, status: str, **extra: str) -> int:
        return self.verstuur(self.melding(call_id, status, **extra))

    def _oproep(self, call_id: str) -> Oproep:
        oproep = self.oproepen.get(call_id)
        if oproep is None:
            raise KeyError(call_id)
        return oproep

    # -- the stand-in's own endpoints --------------------------------------------------------

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Reply:
        path = urlsplit(target).path.rstrip("/")
        formulier = "form-urlencoded" in {k.lower(): v for k, v in headers.items()}.get(
            "content-type", ""
        )
        if method == "GET" and path == "/_standin":
            return Reply(200, self._pagina().encode(), "text/html; charset=utf-8")
        if method != "POST" or not path.startswith(PREFIX):
            return Reply(404, b'{"fout": "onbekend"}')
        try:
            gegevens = _gegevens(raw, formulier)
            call_id = self._actie(path.removeprefix(PREFIX).strip("/"), gegevens)
        except (KeyError, ValueError) as fout:
            return Reply(400, json.dumps({"fout": str(fout)}).encode())
        if formulier:
            return Reply(303, b"", "text/plain", {"Location": "/_standin/"})
        statussen = [s for b, s in self.verzonden if b["call_id"] == call_id]
        return Reply(201, json.dumps({"call_id": call_id, "verzonden": statussen}).encode())

    def _actie(self, rest: str, gegevens: dict[str, str]) -> str:
        if not rest:
            if not gegevens.get("beller"):
                raise ValueError("beller ontbreekt")
            return self.bel(gegevens["beller"], gegevens.get("wachtrij", ""))
        call_id, _, actie = rest.rpartition("/")
        if actie == "opnemen":
            self.neem_op(call_id, _verplicht(gegevens, "toestel"))
        elif actie == "doorverbinden":
            warm = gegevens.get("warm") in ("1", "true", "True", "on")
            self.verbind_door(call_id, _verplicht(gegevens, "toestel"), warm=warm)
        elif actie == "ophangen":
            self.hang_op(call_id)
        elif actie == "niet-opgenomen":
            self.niet_opgenomen(call_id, gegevens.get("reden") or "no-answer")
        else:
            raise ValueError(f"onbekende handeling {actie!r}")
        return call_id

    def _pagina(self) -> str:
        rijen = "".join(
            f"<li>{html.escape(o.beller)} ({html.escape(o.wachtrij or '-')}), "
            f"toestel {html.escape(o.toestel or '-')}{' — beëindigd' if o.beeindigd else ''}"
            + ("" if o.beeindigd else _knoppen(o.call_id))
            + "</li>"
            for o in self.oproepen.values()
        )
        return (
            '<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            "<title>Telefonieplatform (stand-in)</title></head><body>"
            "<h1>Telefonieplatform (stand-in)</h1>"
            f'<form method="post" action="{PREFIX}">'
            '<label>Nummer van de beller <input name="beller" value="+31612345678"></label> '
            '<label>Wachtrij <input name="wachtrij" value="Algemeen"></label> '
            "<button>Bellen</button></form>"
            f"<h2>Oproepen</h2><ul>{rijen}</ul></body></html>"
        )


def _knoppen(call_id: str) -> str:
    basis = f"{PREFIX}/{html.escape(call_id)}"
    return (
        f' <form method="post" action="{basis}/opnemen"><label>Toestel '
        '<input name="toestel" value="201" size="4"></label> <button>Opnemen</button></form>'
        f' <form method="post" action="{basis}/doorverbinden"><label>Naar toestel '
        '<input name="toestel" value="202" size="4"></label> <button>Doorverbinden</button></form>'
        f' <form method="post" action="{basis}/ophangen"><button>Ophangen</button></form>'
        f' <form method="post" action="{basis}/niet-opgenomen"><button>Beller hangt op'
        " in de wachtrij</button></form>"
    )


def _gegevens(raw: bytes, formulier: bool) -> dict[str, str]:
    if formulier:
        return {k: v[0] for k, v in parse_qs(raw.decode()).items()}
    if not raw:
        return {}
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("geen JSON-object")
    return {k: str(v) for k, v in data.items() if v is not None}


def _verplicht(gegevens: dict[str, str], naam: str) -> str:
    if not gegevens.get(naam):
        raise ValueError(f"{naam} ontbreekt")
    return gegevens[naam]


@contextmanager
def local_telefonie(
    webhook_url: str, geheim: str, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[LocalTelefonie]:
    server = LoopbackServer(host, port)
    platform = LocalTelefonie(server.url, webhook_url, geheim)
    with server.serving(
        platform.answer, lambda message: Reply(500, json.dumps({"fout": message}).encode())
    ):
        yield platform


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.telefonie",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8015)
    parser.add_argument("--webhook-url", required=True, help="Klantbeeld's endpoint")
    parser.add_argument(
        "--secret-env", required=True, metavar="VARIABLE", help="the shared secret's variable"
    )
    options = parser.parse_args(argv)
    geheim = os.environ.get(options.secret_env, "")
    if not geheim:
        parser.error(f"--secret-env {options.secret_env}: the variable is empty or not set")

    @contextmanager
    def serve() -> Iterator[LocalTelefonie]:
        with local_telefonie(
            options.webhook_url, geheim, host=options.host, port=options.port
        ) as platform:
            yield platform

    return serve_until_stopped(
        serve, lambda p: print(f"Lokaal telefonieplatform op {p.url}/_standin/", flush=True)
    )


if __name__ == "__main__":
    raise SystemExit(main())
