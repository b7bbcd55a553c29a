"""The WhatsApp stand-in served over HTTP on loopback, for the length of a ``with`` block."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standins.whatsapp.gateway import GraphError, LocalWhatsApp

DEMO_PHONE_NUMBER_ID = "106540352242922"
DEMO_DISPLAY_NUMBER = "31201234567"
DEMO_WABA_ID = "419561257915477"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    gateway: LocalWhatsApp  # set once the port, and so the URL, is known

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
        gateway = self.server.gateway
        try:
            answer = gateway.answer(self.command, self.path, dict(self.headers.items()), raw)
        except Exception as error:  # a bug here must not look like a hanging gateway
            answer = GraphError(500, 1, f"{type(error).__name__}: {error}").answer
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(answer.body)

    do_GET = do_POST = do_PUT = do_DELETE = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def whatsapp_gateway(
    *,
    token: str,
    app_secret: str,
    webhook_url: str | None = None,
    verify_token: str | None = None,
    phone_number_id: str = DEMO_PHONE_NUMBER_ID,
    display_phone_number: str = DEMO_DISPLAY_NUMBER,
    waba_id: str = DEMO_WABA_ID,
    host: str = "127.0.0.1",
    port: int = 0,
    automatic_reports: bool = True,
) -> Iterator[LocalWhatsApp]:
    """The Cloud API for one business number on ``host:port`` (0: a free port); see
    ``LocalWhatsApp``. Its base URL (``.url``) stands for https://graph.facebook.com."""
    server = _Server((host, port), _Handler)
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    gateway = LocalWhatsApp(
        f"http://{shown}:{server.server_address[1]}",
        token=token,
        app_secret=app_secret,
        phone_number_id=phone_number_id,
        display_phone_number=display_phone_number,
        waba_id=waba_id,
        webhook_url=webhook_url,
        verify_token=verify_token,
    )
    server.gateway = gateway
    # Without automatic reports they wait for ``post_reports()`` (standins/reports.py).
    gateway.reports.start(automatic=automatic_reports)
    # A short poll: shutdown() waits for the loop to look, and tests start many of these.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
        gateway.reports.stop()
