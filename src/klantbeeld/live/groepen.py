"""Sending to open windows: by employee, by team queue, or by conversation.

A group is everyone listening for one thing; a message is a JSON object with ``soort``
saying what happened. Messages go out after the transaction that caused them commits, so a
window that reacts by loading the new state finds it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)

# The consumer method that hands a group message to the socket (type "live.bericht").
TYPE = "live.bericht"
# Every workspace window: chats waiting without a team.
WACHTRIJ = "wachtrij"


def medewerker(user_id: int) -> str:
    return f"medewerker.{user_id}"


def team(actor_uuid: uuid.UUID | str) -> str:
    return f"team.{uuid.UUID(str(actor_uuid)).hex}"


def gesprek(gesprek_uuid: uuid.UUID | str) -> str:
    return f"gesprek.{uuid.UUID(str(gesprek_uuid)).hex}"


def stuur(groep: str, soort: str, **gegevens: Any) -> None:
    """Send ``{"soort": soort, **gegevens}`` to everyone in ``groep`` once the current
    transaction commits (at once outside one)."""
    bericht = {"soort": soort, **gegevens}
    transaction.on_commit(lambda: stuur_nu(groep, bericht))


def stuur_nu(groep: str, bericht: dict[str, Any]) -> None:
    laag = get_channel_layer()
    if laag is None:
        return
    if _loop_in_deze_draad():
        # Sync code on a thread that runs an event loop of its own (a sync library driving
        # one, as Playwright does): async_to_sync refuses to block that loop, so the
        # message goes from a thread of its own.
        draad = threading.Thread(target=_verstuur, args=(laag, groep, bericht))
        draad.start()
        draad.join(timeout=10)
    else:
        _verstuur(laag, groep, bericht)


def _verstuur(laag: Any, groep: str, bericht: dict[str, Any]) -> None:
    try:
        async_to_sync(laag.group_send)(groep, {"type": TYPE, "inhoud": bericht})
    except Exception:
        # The state is in the database; the window catches up on reconnect or focus.
        logger.warning(
            "Live bericht %s aan %s niet verstuurd", bericht.get("soort"), groep, exc_info=True
        )


def _loop_in_deze_draad() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True
