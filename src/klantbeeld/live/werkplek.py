"""The workspace's live connection: one per open workspace window.

It listens to the employee's own group (a call answered for them, a chat handed to them)
and to the groups of their teams (a chat waiting in the team's queue). What the employee
may send over it (typing in a chat, following a conversation) is added by the features
that need it, with :func:`handeling`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth.models import User

from klantbeeld.domain.models import Actor
from klantbeeld.domain.services.opvolging import teams_van
from klantbeeld.live import groepen
from klantbeeld.live.tickets import medewerker_van_ticket

# Close codes in the 4000 range are the application's own (RFC 6455, 7.4.2).
NIET_INGELOGD = 4401

Handeling = Callable[["WerkplekConsumer", dict[str, Any]], Awaitable[None]]
_HANDELINGEN: dict[str, Handeling] = {}


def handeling(soort: str) -> Callable[[Handeling], Handeling]:
    """Register what the workspace may send with ``{"soort": soort, ...}``."""

    def registreer(functie: Handeling) -> Handeling:
        _HANDELINGEN[soort] = functie
        return functie

    return registreer


def groepen_van(user: User) -> list[str]:
    namen = [groepen.medewerker(user.pk), groepen.WACHTRIJ]
    actor = Actor.objects.filter(
        actoridentificator_object_id=user.get_username(), soort_actor="medewerker"
    ).first()
    if actor is not None:
        namen += [groepen.team(team.uuid) for team in teams_van(actor)]
    return namen


class WerkplekConsumer(AsyncJsonWebsocketConsumer):
    user: User
    groepen: set[str]

    async def connect(self) -> None:
        self.groepen = set()
        query = parse_qs(self.scope.get("query_string", b"").decode())
        user = await database_sync_to_async(medewerker_van_ticket)((query.get("ticket") or [""])[0])
        # Accepted before refusing, so the window learns why (a refused handshake shows
        # no code) and stops trying until the page is reloaded.
        await self.accept()
        if user is None:
            await self.close(code=NIET_INGELOGD)
            return
        self.user = user
        for groep in await database_sync_to_async(groepen_van)(user):
            await self.volg(groep)
        await self.send_json({"soort": "verbonden"})

    async def disconnect(self, code: int) -> None:
        for groep in list(self.groepen):
            await self.ontvolg(groep)

    async def volg(self, groep: str) -> None:
        await self.channel_layer.group_add(groep, self.channel_name)
        self.groepen.add(groep)

    async def ontvolg(self, groep: str) -> None:
        await self.channel_layer.group_discard(groep, self.channel_name)
        self.groepen.discard(groep)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        soort = content.get("soort") if isinstance(content, dict) else None
        functie = _HANDELINGEN.get(soort) if isinstance(soort, str) else None
        if functie is None:
            await self.send_json({"soort": "fout", "melding": "Onbekend bericht."})
            return
        await functie(self, content)

    async def live_bericht(self, event: dict[str, Any]) -> None:
        await self.send_json(event["inhoud"])
