"""gunicorn's configuration for ``klantbeeld serve`` (``--config python:klantbeeld.serving``):
an access log whose lines a request cannot forge, and no ``Server`` header naming the
web server to whoever probes for its weaknesses."""

from __future__ import annotations

import re
from typing import Any

from gunicorn import glogging
from gunicorn.http import wsgi

logger_class = "klantbeeld.serving.AccessLogger"

# C0 and C1 control characters and DEL, plus the quote and backslash of the log format.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f"\\]')


def escape(text: str) -> str:
    """``text`` with every control character written as ``\\xNN`` (and ``"`` and ``\\``
    escaped), so a path with a newline or an escape sequence stays on its own line and
    cannot colour or rewrite the terminal it is read on."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", _as_utf8(text))


def _as_utf8(text: str) -> str:
    # WSGI hands the path over as latin-1; read as UTF-8 an "é" stays one character.
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


class AccessLogger(glogging.Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        return {
            name: escape(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }


_default_headers = wsgi.Response.default_headers


def _without_server(self: Any) -> list[str]:
    return [line for line in _default_headers(self) if not line.startswith("Server:")]


# gunicorn has no setting for this header; the workers inherit the change (--preload).
wsgi.Response.default_headers = _without_server
