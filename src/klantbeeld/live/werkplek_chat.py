"""What a workspace window may send about chats (workspace/chats.py): following a
conversation's messages, and saying that the agent is typing.

Only the agent who holds a chat, or a teamleider looking along, follows it; only the
holder types in it. Everything else the agent does in a chat (messages, files, read
marks) is stored first, by POST.
"""

from __future__ import annotations

import uuid
from typing import Any

from channels.db import database_sync_to_async
from django.contrib.auth.models import User

from klantbeeld.domain.models import Gesprek, Gespreksstatus
from klantbeeld.live import groepen
from klantbeeld.live.werkplek import WerkplekConsumer, handeling

GEEN_TOEGANG = "Dit gesprek kunt u niet volgen."


def _kenmerk(bericht: dict[str, Any]) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(bericht.get("gesprek", "")))
    except ValueError:
        return None


def mag_volgen(user: User, kenmerk: uuid.UUID) -> bool:
    from klantbeeld.workspace.chats import mag_zien

    gesprek = Gesprek.objects.filter(uuid=kenmerk).first()
    return gesprek is not None and mag_zien(user, gesprek)


def voert(user: User, kenmerk: uuid.UUID) -> bool:
    return Gesprek.objects.filter(
        uuid=kenmerk, medewerker=user, status=Gespreksstatus.ACTIEF
    ).exists()


@handeling("volg")
async def volg(consumer: WerkplekConsumer, bericht: dict[str, Any]) -> None:
    kenmerk = _kenmerk(bericht)
    if kenmerk is None or not await database_sync_to_async(mag_volgen)(consumer.user, kenmerk):
        await consumer.send_json({"soort": "fout", "melding": GEEN_TOEGANG})
        return
    await consumer.volg(groepen.gesprek(kenmerk))


@handeling("typt")
async def typt(consumer: WerkplekConsumer, bericht: dict[str, Any]) -> None:
    kenmerk = _kenmerk(bericht)
    if kenmerk is None or not await database_sync_to_async(voert)(consumer.user, kenmerk):
        await consumer.send_json({"soort": "fout", "melding": GEEN_TOEGANG})
        return
    await consumer.channel_layer.group_send(
        groepen.gesprek(kenmerk),
        {
            "type": groepen.TYPE,
            "inhoud": {
                "soort": "typt",
                "door": "medewerker",
                "naam": consumer.user.first_name or consumer.user.get_short_name(),
                "gesprek": str(kenmerk),
            },
        },
    )
