"""A stand-in's HTTP server on loopback: each request goes to a function that answers it,
in a thread of the server's own, for the length of a ``with`` block."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)


# (method, target: the path with its query, headers, body) → the reply.
Respond = Callable[[str, str, dict[str, str], bytes], Reply]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    respond: Respond
    failed: Callable[[str], Reply]

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
        try:
            reply = self.server.respond(self.command, self.path, dict(self.headers.items()), raw)
        except Exception as error:  # a bug here must not look like a hanging stand-in
            reply = self.server.failed(f"{type(error).__name__}: {error}")
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

    def log_message(self, format: str, *args: object) -> None:
        pass


class LoopbackServer:
    """Bound to ``host:port`` (0: a free port) at once, so that its URL is known before
    what answers its requests is made; serving only inside ``serving()``."""

    def __init__(self, host: str, port: int) -> None:
        self._server = _Server((host, port), _Handler)
        shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
        self.url = f"http://{shown}:{self._server.server_address[1]}"

    @contextmanager
    def serving(self, respond: Respond, failed: Callable[[str], Reply]) -> Iterator[None]:
        """``respond`` answers each request; ``failed`` the one it raised on (the message)."""
        self._server.respond = respond
        self._server.failed = failed
        # A short poll: shutdown() waits for the loop to look, and tests start many of these.
        thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        thread.start()
        try:
            yield
        finally:
            self._server.shutdown()
            self._server.server_close()
