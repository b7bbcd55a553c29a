"""The SMS stand-in served over HTTP on loopback, for the length of a ``with`` block."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager

from standins.http import LoopbackServer, Reply
from standins.sms.provider import Answer, LocalSmsProvider, Refusal


def _reply(answer: Answer) -> Reply:
    return Reply(
        answer.status,
        json.dumps(answer.body).encode(),
        "application/json; charset=utf-8",
        answer.headers,
    )


@contextmanager
def sms_provider(
    accounts: Mapping[str, str],
    *,
    senders: Iterable[str] = (),
    messaging_services: Iterable[str] = (),
    unreachable: Iterable[str] = (),
    not_mobile: Iterable[str] = (),
    host: str = "127.0.0.1",
    port: int = 0,
    automatic_reports: bool = True,
) -> Iterator[LocalSmsProvider]:
    """Twilio's Messages API for ``accounts`` (SID → auth token) on ``host:port`` (0: a
    free port); see ``LocalSmsProvider`` for the rest."""
    server = LoopbackServer(host, port)
    provider = LocalSmsProvider(
        server.url,
        accounts,
        senders=senders,
        messaging_services=messaging_services,
        unreachable=unreachable,
        not_mobile=not_mobile,
    )
    # Without automatic reports they wait for ``post_reports()`` (standins/reports.py).
    provider.reports.start(automatic=automatic_reports)
    try:
        with server.serving(
            lambda *request: _reply(provider.answer(*request)),
            lambda message: _reply(Refusal(500, 20500, message).answer),
        ):
            yield provider
    finally:
        provider.reports.stop()
