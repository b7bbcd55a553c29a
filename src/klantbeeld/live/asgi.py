"""The live server's ASGI application (``klantbeeld serve-live``): WebSockets only, and a
health check over HTTP. Pages and the APIs stay on the WSGI server (``klantbeeld serve``),
whose throughput the live connections therefore do not touch."""

from __future__ import annotations

import os
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantbeeld.settings")
django.setup()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

from klantbeeld.live.routes import websocket_routes  # noqa: E402


async def gezondheid(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """``GET /live/gezond``: 200 when the server runs (for a load balancer); 404 otherwise."""
    if scope["type"] != "http":
        return
    ok = scope["path"] == "/live/gezond"
    status, body = (200, b'{"status": "ok"}') if ok else (404, b'{"detail": "Niet gevonden."}')
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json")],
        }
    )
    await send({"type": "http.response.body", "body": body})


application = ProtocolTypeRouter(
    {"http": gezondheid, "websocket": URLRouter([path(r, c) for r, c in websocket_routes()])}
)
