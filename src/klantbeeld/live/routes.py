"""Which WebSocket path is served by which consumer."""

from __future__ import annotations

from typing import Any


def websocket_routes() -> list[tuple[str, Any]]:
    from klantbeeld.channels.chat.consumer import BezoekerConsumer
    from klantbeeld.live import werkplek_chat  # noqa: F401  (the workspace's chat messages)
    from klantbeeld.live.werkplek import WerkplekConsumer

    return [
        ("live/werkplek/", WerkplekConsumer.as_asgi()),
        ("live/chat/<uuid:gesprek_uuid>/", BezoekerConsumer.as_asgi()),
    ]
