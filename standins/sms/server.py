"""The SMS stand-in served over HTTP on loopback, for the length of a ``with`` block."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standins.sms.provider import LocalSmsProvider, Refusal


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    provider: LocalSmsProvider  # set once the port, and so the URL, is known

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that stopped waiting (a timeout test) is not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # answers on kept-alive connections go out at once
    server: _Server

    def _handle(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        provider = self.server.provider
        try:
            answer = provider.answer(self.command, self.path, dict(self.headers.items()), raw)
        except Exception as error:  # a bug here must not look like a hanging provider
            answer = Refusal(500, 20500, f"{type(error).__name__}: {error}").answer
        data = json.dumps(answer.body).encode()
        self.send_response(answer.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


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
    server = _Server((host, port), _Handler)
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    provider = LocalSmsProvider(
        f"http://{shown}:{server.server_address[1]}",
        accounts,
        senders=senders,
        messaging_services=messaging_services,
        unreachable=unreachable,
        not_mobile=not_mobile,
    )
    server.provider = provider
    # Without automatic reports they wait for ``post_reports()`` (standins/reports.py).
    provider.reports.start(automatic=automatic_reports)
    # A short poll: shutdown() waits for the loop to look, and tests start many of these.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        provider.reports.stop()
