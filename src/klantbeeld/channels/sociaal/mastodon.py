"""Mastodon's REST API (docs.joinmastodon.org) for one account, with an application's
access token (``Authorization: Bearer``; scopes ``read:notifications``,
``read:statuses``, ``write:statuses``).

- Reading: ``GET /api/v1/notifications?types[]=mention&min_id=…&limit=40``. A mention is
  any status that names the account: a public post, a reply, a followers-only post, or a
  direct message (a status with ``visibility: direct``). ``min_id`` gives the page right
  after the cursor (newest first within it), so reading forward loses nothing however many
  arrive between two looks; without a cursor the newest page is taken.
- Answering: ``POST /api/v1/statuses`` with ``status``, ``in_reply_to_id`` and
  ``visibility`` (``public`` or ``direct``), and an ``Idempotency-Key`` header (Mastodon
  posts a status once per key for an hour): a retry after a timeout does not post twice.
  The author is mentioned at the start of the text: a direct message reaches only the
  accounts it mentions.

httpx, not Mastodon.py: two endpoints, the outbox worker's connection pool, and errors
sorted as the other channel clients sort them (``gateways.common``); Mastodon.py would
bring its own HTTP stack and retry logic for a tenth of its API.
"""

from __future__ import annotations

import datetime
import html
import re
from html.parser import HTMLParser
from typing import Any

import httpx

from klantbeeld.channels.gateways.common import PooledClient, json_object, kind_of
from klantbeeld.channels.sociaal.connector import Pagina, PlatformFout, Post, Zichtbaarheid

PAGINA = 40  # Mastodon's default and largest page of notifications is 40 (80 for some)
ZICHTBAAR: dict[str, Zichtbaarheid] = {
    "public": "openbaar",
    "unlisted": "openbaar",
    "private": "volgers",
    "direct": "direct",
}


class Mastodon(PooledClient):
    """The account behind ``token`` on the server at ``url``."""

    def __init__(
        self, url: str, token: str, *, timeout: float = 10.0, http: httpx.Client | None = None
    ) -> None:
        if not url or not token:
            raise ValueError("Mastodon: server en toegangstoken zijn nodig.")
        super().__init__(http)
        self.url = url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def nieuwe_posts(self, na: str | None) -> Pagina:
        params: list[tuple[str, str | int]] = [("types[]", "mention"), ("limit", PAGINA)]
        if na:
            params.append(("min_id", na))
        antwoord = self._vraag("GET", "/api/v1/notifications", params=params)
        meldingen = antwoord.json()
        if not isinstance(meldingen, list):
            raise PlatformFout("Mastodon: de meldingen zijn geen lijst.", kind="unavailable")
        posts = [p for m in meldingen if (p := _post(m)) is not None]
        posts.sort(key=lambda p: _volgorde(p.cursor))
        cursors = [str(m["id"]) for m in meldingen if isinstance(m, dict) and "id" in m]
        laatste = max(cursors, key=_volgorde) if cursors else na
        return Pagina(posts=posts, cursor=laatste)

    def plaats(self, tekst: str, *, antwoord_op: str, direct: bool, sleutel: str) -> str:
        antwoord = self._vraag(
            "POST",
            "/api/v1/statuses",
            json={
                "status": tekst,
                "in_reply_to_id": antwoord_op,
                "visibility": "direct" if direct else "public",
            },
            headers={"Idempotency-Key": sleutel},
        )
        return str(json_object(antwoord).get("id", ""))

    def _vraag(self, methode: str, pad: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.token}", **kwargs.pop("headers", {})}
        try:
            antwoord = self.http.request(
                methode, self.url + pad, headers=headers, timeout=self.timeout, **kwargs
            )
        except httpx.HTTPError as fout:
            raise PlatformFout(
                f"Mastodon ({self.url}) niet bereikbaar: {fout}", kind="unavailable"
            ) from fout
        if antwoord.is_success:
            return antwoord
        reden = str(json_object(antwoord).get("error") or antwoord.reason_phrase)
        raise PlatformFout(
            f"Mastodon weigerde ({antwoord.status_code}): {reden}",
            kind=kind_of(antwoord.status_code),
            status=antwoord.status_code,
        )


def _post(melding: Any) -> Post | None:
    """A mention notification as a Post; None for anything else (a deleted status)."""
    if not isinstance(melding, dict) or melding.get("type") != "mention":
        return None
    status = melding.get("status")
    if not isinstance(status, dict):
        return None
    account = status.get("account") or melding.get("account") or {}
    return Post(
        id=str(status["id"]),
        cursor=str(melding["id"]),
        tijdstip=_tijd(str(status.get("created_at") or melding.get("created_at"))),
        auteur=str(account.get("acct", "")),
        auteur_naam=str(account.get("display_name") or account.get("username") or ""),
        tekst=tekst_van(str(status.get("content", ""))),
        zichtbaarheid=ZICHTBAAR.get(str(status.get("visibility")), "volgers"),
        url=str(status.get("url") or status.get("uri") or ""),
        antwoord_op=str(status["in_reply_to_id"]) if status.get("in_reply_to_id") else None,
    )


def _volgorde(id_: str) -> tuple[int, str]:
    """Mastodon's ids are numbers in a string: longer is newer."""
    return (len(id_), id_)


def _tijd(waarde: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(waarde.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


class _Tekst(HTMLParser):
    """A status's HTML (paragraphs, line breaks, links, mention spans) as plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.delen: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.delen.append("\n")
        elif tag == "p" and self.delen:
            self.delen.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.delen.append(data)


def tekst_van(inhoud: str) -> str:
    lezer = _Tekst()
    lezer.feed(inhoud)
    lezer.close()
    tekst = html.unescape("".join(lezer.delen))
    return re.sub(r"\n{3,}", "\n\n", tekst).strip()
