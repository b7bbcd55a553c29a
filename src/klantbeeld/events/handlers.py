"""What Klantbeeld does with a notification from the NRC, per kanaal.

Handlers are pluggable: ``register("zaken", handler)``. A handler gets the notification
(the Notificaties API's message, camelCase) and may raise to have it retried later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from klantbeeld.domain.services.common import ChangeContext

Handler = Callable[[dict[str, Any]], None]
_handlers: dict[str, list[Handler]] = {}

NRC = ChangeContext(applicatie="Notificatierouter")


def register(kanaal: str, handler: Handler) -> None:
    handlers = _handlers.setdefault(kanaal, [])
    if handler not in handlers:
        handlers.append(handler)


def handle(notificatie: dict[str, Any]) -> None:
    for handler in _handlers.get(notificatie["kanaal"], []):
        handler(notificatie)
