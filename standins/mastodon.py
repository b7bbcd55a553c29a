"""A local Mastodon server for tests and demos: the part of Mastodon's REST API Klantbeeld
uses (``GET /api/v1/notifications``, ``POST /api/v1/statuses``, ``GET
/api/v1/statuses/{id}``) for one organisation account, on loopback, checked against the
document written from Mastodon's documentation
(``tests/specs/mastodon-api_klantbeeld.yaml``; tests/specs/README.md).

As Mastodon does, it

- wants ``Authorization: Bearer <the application's access token>`` (401 without);
- gives notifications newest first, filtered by ``types[]``, paged by ``max_id``,
  ``since_id`` and ``min_id`` (the page right after it) and ``limit`` (default 40, at most
  80), with a ``Link`` header;
- posts a status once per ``Idempotency-Key``; refuses an empty one or one longer than
  500 characters (422), and a reply to a status it does not have (404);
- lets a direct message reach only the accounts it mentions.

Every request is checked against the document before it is answered (400 and recorded in
``violations`` when it breaks it), and so is every answer (a 500 and a violation).

Residents are played through ``/_standin/``: ``POST /_standin/post`` with
``{"van": "fatima@mastodon.example", "naam": "Fatima", "tekst": "…", "zichtbaarheid":
"direct" | "public" | "unlisted" | "private", "antwoord_op": <status id>}`` posts a status
that mentions the organisation (and notifies it); ``GET /_standin/geplaatst`` lists what
the organisation posted.

    python -m standins.mastodon --port 8012 --account gemeente --token-env VARIABLE
"""

from __future__ import annotations

import argparse
import datetime
import functools
import html
import itertools
import json
import os
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import ImmutableMultiDict

from standins.cli import serve_until_stopped
from standins.http import LoopbackServer, Reply
from standins.openapi import document, problems

DOCUMENT = "mastodon-api_klantbeeld.yaml"
SPEC_HOST = "https://mastodon.example"
MAX_TEKENS = 500
_BEGIN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


class Fout(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.body = {"error": message}


@functools.cache
def api() -> OpenAPI:
    return document(DOCUMENT)


@dataclass
class Account:
    id: str
    username: str
    domein: str
    naam: str
    lokaal: bool

    @property
    def acct(self) -> str:
        return self.username if self.lokaal else f"{self.username}@{self.domein}"

    def json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.username,
            "acct": self.acct,
            "url": f"https://{self.domein}/@{self.username}",
            "display_name": self.naam,
            "note": "",
            "avatar": f"https://{self.domein}/avatars/original/missing.png",
            "header": f"https://{self.domein}/headers/original/missing.png",
            "locked": False,
            "bot": False,
            "created_at": _tijd(_BEGIN),
            "followers_count": 0,
            "following_count": 0,
            "statuses_count": 0,
        }


@dataclass
class Status:
    id: str
    account: Account
    tekst: str
    zichtbaarheid: str
    moment: datetime.datetime
    antwoord_op: Status | None
    vermeld: list[Account] = field(default_factory=list)

    def json(self, server: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "uri": f"{server}/users/{self.account.username}/statuses/{self.id}",
            "url": f"{server}/@{self.account.acct}/{self.id}",
            "created_at": _tijd(self.moment),
            "account": self.account.json(),
            "content": "<p>" + html.escape(self.tekst).replace("\n", "<br />") + "</p>",
            "visibility": self.zichtbaarheid,
            "sensitive": False,
            "spoiler_text": "",
            "media_attachments": [],
            "mentions": [
                {"id": a.id, "username": a.username, "url": a.json()["url"], "acct": a.acct}
                for a in self.vermeld
            ],
            "tags": [],
            "emojis": [],
            "reblogs_count": 0,
            "favourites_count": 0,
            "replies_count": 0,
            "in_reply_to_id": self.antwoord_op.id if self.antwoord_op else None,
            "in_reply_to_account_id": self.antwoord_op.account.id if self.antwoord_op else None,
            "reblog": None,
            "language": "nl",
        }


@dataclass
class Melding:
    id: str
    status: Status
    moment: datetime.datetime

    def json(self, server: str) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": "mention",
            "created_at": _tijd(self.moment),
            "account": self.status.account.json(),
            "status": self.status.json(server),
        }


def _tijd(moment: datetime.datetime) -> str:
    utc = moment.astimezone(datetime.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


class LocalMastodon:
    """Mastodon at ``url`` with the organisation account ``account`` (local), reached
    with ``token``. ``failing``: answer every API request with this status."""

    def __init__(self, url: str, account: str, token: str) -> None:
        self.url = url
        self.domein = "mastodon.example"
        self.token = token
        self._ids = itertools.count(110000000000000001)
        self._lock = threading.Lock()
        self.organisatie = Account(self._id(), account, self.domein, account.title(), True)
        self.accounts: dict[str, Account] = {}
        self.statussen: dict[str, Status] = {}
        self.meldingen: list[Melding] = []
        self.sleutels: dict[str, str] = {}
        self.violations: list[str] = []
        self.requests: list[tuple[str, str]] = []
        self.failing: int | None = None

    @property
    def handle(self) -> str:
        """The organisation's handle as others write it."""
        return f"{self.organisatie.username}@{self.domein}"

    def _id(self) -> str:
        return str(next(self._ids))

    # -- a resident at work ---------------------------------------------------------------

    def post(
        self,
        van: str,
        tekst: str,
        *,
        naam: str = "",
        zichtbaarheid: str = "public",
        antwoord_op: str | None = None,
    ) -> Status:
        """``van`` (naam@server) posts ``tekst`` mentioning the organisation."""
        if zichtbaarheid not in ("public", "unlisted", "private", "direct"):
            raise Fout(422, f"Validation failed: Visibility {zichtbaarheid!r} is not valid")
        with self._lock:
            username, _, domein = van.lstrip("@").partition("@")
            if not username or not domein:
                raise Fout(422, "van: naam@server verwacht")
            account = self.accounts.get(van.lstrip("@"))
            if account is None:
                account = Account(self._id(), username, domein, naam or username, False)
                self.accounts[account.acct] = account
            vorige = self.statussen.get(antwoord_op) if antwoord_op else None
            if antwoord_op and vorige is None:
                raise Fout(404, "Record not found")
            status = Status(
                self._id(),
                account,
                f"@{self.organisatie.username} {tekst}",
                zichtbaarheid,
                datetime.datetime.now(datetime.UTC),
                vorige,
                [self.organisatie],
            )
            self.statussen[status.id] = status
            self.meldingen.append(Melding(self._id(), status, status.moment))
            return status

    def geplaatst(self) -> list[dict[str, Any]]:
        """What the organisation posted, oldest first."""
        with self._lock:
            return [
                s.json(self.url) for s in self.statussen.values() if s.account is self.organisatie
            ]

    # -- answering ------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Reply:
        headers = {k.lower(): v for k, v in headers.items()}
        parts = urlsplit(target)
        query = parse_qs(parts.query)
        if parts.path.startswith("/_standin/"):
            return self._standin(method, parts.path, raw)
        self.requests.append((method, target))
        try:
            if self.failing is not None:
                raise Fout(self.failing, "Service Unavailable")
            if headers.get("authorization", "") != f"Bearer {self.token}":
                raise Fout(401, "The access token is invalid")
            self._check_request(method, parts.path, query, headers, raw)
            status, body, extra = self._route(method, parts.path, query, headers, raw)
        except Fout as fout:
            return self._checked(method, parts.path, query, fout.status, fout.body, {})
        return self._checked(method, parts.path, query, status, body, extra)

    def _standin(self, method: str, path: str, raw: bytes) -> Reply:
        try:
            if method == "POST" and path == "/_standin/post":
                body = json.loads(raw or b"{}")
                status = self.post(
                    str(body.get("van", "")),
                    str(body.get("tekst", "")),
                    naam=str(body.get("naam", "")),
                    zichtbaarheid=str(body.get("zichtbaarheid", "public")),
                    antwoord_op=body.get("antwoord_op"),
                )
                return Reply(200, json.dumps(status.json(self.url)).encode())
            if method == "GET" and path == "/_standin/geplaatst":
                return Reply(200, json.dumps(self.geplaatst()).encode())
        except Fout as fout:
            return Reply(fout.status, json.dumps(fout.body).encode())
        return Reply(404, json.dumps({"error": "Record not found"}).encode())

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
            raise Fout(404, "Record not found")
        raise Fout(400, "; ".join(found))

    def _route(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: Mapping[str, str],
        raw: bytes,
    ) -> tuple[int, Any, dict[str, str]]:
        if path == "/api/v1/notifications" and method == "GET":
            return self._meldingen(query)
        if path == "/api/v1/statuses" and method == "POST":
            return 200, self._plaats(headers, raw), {}
        if path.startswith("/api/v1/statuses/") and method == "GET":
            status = self.statussen.get(path.rsplit("/", 1)[1])
            if status is None or not self._mag_zien(status):
                raise Fout(404, "Record not found")
            return 200, status.json(self.url), {}
        raise Fout(404, "Record not found")

    def _mag_zien(self, status: Status) -> bool:
        """The organisation sees a direct message only when it is one of those mentioned."""
        return status.zichtbaarheid != "direct" or self.organisatie in (
            [*status.vermeld, status.account]
        )

    def _meldingen(self, query: dict[str, list[str]]) -> tuple[int, Any, dict[str, str]]:
        soorten = set(query.get("types[]", []))
        limiet = min(int(query.get("limit", ["40"])[-1]), 80)
        with self._lock:
            items = [m for m in self.meldingen if not soorten or "mention" in soorten]
        volgorde = _volgorde
        if "max_id" in query:
            items = [m for m in items if volgorde(m.id) < volgorde(query["max_id"][-1])]
        if "since_id" in query:
            items = [m for m in items if volgorde(m.id) > volgorde(query["since_id"][-1])]
        if "min_id" in query:
            # The page right after min_id: the oldest ones after it, shown newest first.
            items = [m for m in items if volgorde(m.id) > volgorde(query["min_id"][-1])]
            items = sorted(items, key=lambda m: volgorde(m.id))[:limiet]
        items = sorted(items, key=lambda m: volgorde(m.id), reverse=True)[:limiet]
        extra = {}
        if items:
            basis = f"{self.url}/api/v1/notifications"
            extra["Link"] = (
                f'<{basis}?max_id={items[-1].id}>; rel="next", '
                f'<{basis}?min_id={items[0].id}>; rel="prev"'
            )
        return 200, [m.json(self.url) for m in items], extra

    def _plaats(self, headers: Mapping[str, str], raw: bytes) -> dict[str, Any]:
        body = json.loads(raw)
        tekst = str(body["status"])
        if len(tekst) > MAX_TEKENS:
            raise Fout(422, f"Validation failed: Text character limit of {MAX_TEKENS} exceeded")
        sleutel = headers.get("idempotency-key")
        with self._lock:
            if sleutel and sleutel in self.sleutels:
                return self.statussen[self.sleutels[sleutel]].json(self.url)
            vorige = None
            if body.get("in_reply_to_id"):
                vorige = self.statussen.get(str(body["in_reply_to_id"]))
                if vorige is None:
                    raise Fout(404, "Record not found")
            vermeld = [
                a for acct, a in self.accounts.items() if f"@{acct}".lower() in tekst.lower()
            ]
            status = Status(
                self._id(),
                self.organisatie,
                tekst,
                str(body.get("visibility", "public")),
                datetime.datetime.now(datetime.UTC),
                vorige,
                vermeld,
            )
            self.statussen[status.id] = status
            if sleutel:
                self.sleutels[sleutel] = status.id
            return status.json(self.url)

    def _checked(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        status: int,
        body: Any,
        extra: dict[str, str],
    ) -> Reply:
        raw = json.dumps(body).encode()
        request = MockRequest(SPEC_HOST, method.lower(), path, args=_multi(query))
        response = MockResponse(raw, status_code=status, content_type="application/json")
        found = problems(lambda: api().validate_response(request, response))
        if status == 404 and any(p.startswith("Path not found") for p in found):
            found = []
        if found:
            self.violations.extend(f"answer {status} {method} {path}: {p}" for p in found)
            return Reply(500, json.dumps({"error": "Internal server error"}).encode())
        return Reply(status, raw, headers=extra)


def _volgorde(id_: str) -> tuple[int, str]:
    return (len(id_), id_)


def _multi(query: dict[str, list[str]]) -> Any:
    return ImmutableMultiDict([(k, v) for k, values in query.items() for v in values])


@contextmanager
def local_mastodon(
    account: str, token: str, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[LocalMastodon]:
    """Mastodon on ``host:port`` (0: a free port) for the length of the block."""
    server = LoopbackServer(host, port)
    mastodon = LocalMastodon(server.url, account, token)
    with server.serving(
        mastodon.answer, lambda message: Reply(500, json.dumps({"error": message}).encode())
    ):
        yield mastodon


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.mastodon",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8012)
    parser.add_argument("--account", default="gemeente", help="the organisation's username")
    parser.add_argument(
        "--token-env",
        required=True,
        metavar="VARIABLE",
        help="the variable holding the application's access token",
    )
    options = parser.parse_args(argv)
    token = os.environ.get(options.token_env, "")
    if not token:
        parser.error(f"--token-env {options.token_env}: the variable is empty or not set")

    def ready(mastodon: LocalMastodon) -> None:
        print(f"Lokale Mastodon op {mastodon.url} (account @{mastodon.handle})", flush=True)

    return serve_until_stopped(
        lambda: local_mastodon(options.account, token, host=options.host, port=options.port),
        ready,
    )


if __name__ == "__main__":
    raise SystemExit(main())
