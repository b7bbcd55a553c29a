"""The visitor's live connection to their conversation: ``live/chat/<uuid>/``.

The window proves itself with the conversation's secret in its first message
(``{"soort": "aanmelden", "sleutel": ..., "sinds": N}``; or ``?sleutel=&sinds=`` in the
address), then gets every message after number N (so a reconnect loses nothing) and from
then on what happens in the conversation. What it may send is in ``_HANDELINGEN``; the
protocol is in docs/chat.md. Of what the conversation's group carries only what the
visitor may see is passed on (``DOORGEVEN``); queue changes of the team become the
visitor's own place in the queue.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.utils.translation import gettext

from klantbeeld.channels.chat import herkomst, openingstijden
from klantbeeld.domain.models import Afzender, Gesprek, Gespreksstatus
from klantbeeld.domain.services import gesprek_registratie, gesprekken
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.gesprekken import GesprekFout
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.live import groepen

# Close codes in the application's own range (RFC 6455, 7.4.2).
ONBEKEND = 4401
NIET_TOEGESTAAN = 4403
# What of the conversation's group the visitor's window gets.
DOORGEVEN = {"bericht", "gelezen", "typt", "gesloten", "gewaardeerd"}

Handeling = Callable[["BezoekerConsumer", dict[str, Any]], Awaitable[None]]


class BezoekerConsumer(AsyncJsonWebsocketConsumer):
    gesprek: Gesprek | None
    wachtrijgroep: str | None
    positie: int | None

    async def connect(self) -> None:
        self.gesprek, self.wachtrijgroep, self.positie = None, None, None
        self.verstuurd: deque[float] = deque()
        self.laatst_getypt = 0.0
        await self.accept()
        koppen = dict(self.scope.get("headers", []))
        origin = koppen.get(b"origin", b"").decode("latin-1")
        host = koppen.get(b"host", b"").decode("latin-1")
        scheme = "https" if self.scope.get("scheme") == "wss" else "http"
        if not herkomst.toegestaan(origin, eigen_host=host, scheme=scheme):
            await self.fout(gettext("Deze website mag de chat van Klantbeeld niet gebruiken."))
            await self.close(code=NIET_TOEGESTAAN)
            return
        query = parse_qs(self.scope.get("query_string", b"").decode())
        if query.get("sleutel"):
            await self.aanmelden(
                {"sleutel": query["sleutel"][0], "sinds": (query.get("sinds") or ["0"])[0]}
            )

    async def disconnect(self, code: int) -> None:
        if self.gesprek is not None:
            await self.channel_layer.group_discard(
                groepen.gesprek(self.gesprek.uuid), self.channel_name
            )
        await self.volg_wachtrij(None)

    async def fout(self, tekst: str, **meer: Any) -> None:
        await self.send_json({"soort": "fout", "melding": tekst, **meer})

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        soort = content.get("soort") if isinstance(content, dict) else None
        if soort == "aanmelden":
            await self.aanmelden(content)
            return
        if self.gesprek is None:
            await self.fout(gettext("Meld u eerst aan met de sleutel van het gesprek."))
            return
        functie = _HANDELINGEN.get(soort) if isinstance(soort, str) else None
        if functie is None:
            await self.fout(gettext("Onbekend bericht."))
            return
        try:
            await functie(self, content)
        except GesprekFout as fout:
            await self.fout(str(fout), clientId=content.get("clientId", ""))

    # -- signing in and catching up -----------------------------------------------------------

    async def aanmelden(self, content: dict[str, Any]) -> None:
        if self.gesprek is not None:
            return
        gesprek = await database_sync_to_async(gesprekken.voor_bezoeker)(
            self.scope["url_route"]["kwargs"]["gesprek_uuid"], str(content.get("sleutel", ""))
        )
        if gesprek is None:
            await self.fout(gettext("Dit gesprek bestaat niet of de sleutel klopt niet."))
            await self.close(code=ONBEKEND)
            return
        self.gesprek = gesprek
        # Joined before the catching up: a message stored in between comes twice (the
        # window keeps each number once), never not at all.
        await self.channel_layer.group_add(groepen.gesprek(gesprek.uuid), self.channel_name)
        try:
            sinds = max(int(content.get("sinds") or 0), 0)
        except (TypeError, ValueError):
            sinds = 0
        stand, berichten = await database_sync_to_async(_stand_en_berichten)(gesprek, sinds)
        await self.send_json({"soort": "verbonden", **stand})
        for bericht in berichten:
            await self.send_json({"soort": "bericht", "bericht": bericht})
        await self.bij_status(str(stand["status"]))

    # -- what the group carries -----------------------------------------------------------------

    async def live_bericht(self, event: dict[str, Any]) -> None:
        inhoud = event["inhoud"]
        soort = inhoud.get("soort")
        if soort == "wachtrij":
            await self.meld_positie()
        elif soort == "status":
            await self.send_json({"soort": "status", "status": inhoud.get("status")})
            await self.bij_status(str(inhoud.get("status")))
        elif soort == "typt" and inhoud.get("door") == Afzender.BEZOEKER:
            return  # the visitor's own typing
        elif soort in DOORGEVEN:
            await self.send_json(inhoud)

    async def bij_status(self, status: str) -> None:
        """While waiting: follow the queue, to tell the visitor their place when it moves."""
        assert self.gesprek is not None
        wachtend = status == Gespreksstatus.WACHTRIJ
        if wachtend:
            team = await database_sync_to_async(_team_id)(self.gesprek)
            await self.volg_wachtrij(groepen.team(team) if team else groepen.WACHTRIJ)
        else:
            await self.volg_wachtrij(None)
        await self.meld_positie()

    async def volg_wachtrij(self, groep: str | None) -> None:
        if groep == self.wachtrijgroep:
            return
        if self.wachtrijgroep:
            await self.channel_layer.group_discard(self.wachtrijgroep, self.channel_name)
        if groep:
            await self.channel_layer.group_add(groep, self.channel_name)
        self.wachtrijgroep = groep

    async def meld_positie(self) -> None:
        assert self.gesprek is not None
        positie = await database_sync_to_async(_positie)(self.gesprek)
        if positie != self.positie:
            self.positie = positie
            await self.send_json({"soort": "positie", "positie": positie})

    # -- what the visitor sends -------------------------------------------------------------------

    def te_veel(self) -> bool:
        """More messages in the last minute than KLANTBEELD_CHAT_BERICHTEN_PER_MINUUT."""
        limiet = settings.KLANTBEELD_CHAT_BERICHTEN_PER_MINUUT
        nu = time.monotonic()
        while self.verstuurd and self.verstuurd[0] < nu - 60:
            self.verstuurd.popleft()
        if limiet and len(self.verstuurd) >= limiet:
            return True
        self.verstuurd.append(nu)
        return False


def _stand_en_berichten(
    gesprek: Gesprek, sinds: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    gesprek.refresh_from_db()
    stand = {
        "gesprek": str(gesprek.uuid),
        "status": gesprek.status,
        "gewaardeerd": gesprek.waardering is not None,
        "waarderingsvraag": gesprekken.waarderingsvraag(),
        "ingelogd": gesprek.partij_id is not None,
        "laatste": gesprek.laatste_volgnummer,
        "openingstijden": openingstijden.stand(),
    }
    return stand, [
        gesprekken.bericht_als_json(b) for b in gesprekken.berichten_sinds(gesprek, sinds)
    ]


def _team_id(gesprek: Gesprek) -> Any:
    return Gesprek.objects.filter(pk=gesprek.pk).values_list("team_id", flat=True).first()


def _positie(gesprek: Gesprek) -> int | None:
    gesprek.refresh_from_db()
    return gesprekken.positie(gesprek)


async def _bericht(consumer: BezoekerConsumer, content: dict[str, Any]) -> None:
    client_id = str(content.get("clientId") or "")
    if consumer.te_veel():
        await consumer.fout(
            gettext("U stuurt te veel berichten achter elkaar. Wacht even en probeer het opnieuw."),
            clientId=client_id,
        )
        return
    bericht = await database_sync_to_async(_plaats)(
        consumer.gesprek, str(content.get("tekst") or ""), client_id
    )
    # Also when the message was there already (sent again after a lost connection): the
    # window learns its number.
    await consumer.send_json({"soort": "ontvangen", "bericht": bericht})


def _plaats(gesprek: Gesprek, tekst: str, client_id: str) -> dict[str, object]:
    bericht = gesprekken.plaats_bericht(
        gesprek,
        afzender=Afzender.BEZOEKER,
        tekst=tekst,
        naam=gesprek.bezoeker_naam,
        client_id=client_id,
    )
    return gesprekken.bericht_als_json(bericht)


async def _typt(consumer: BezoekerConsumer, content: dict[str, Any]) -> None:
    # Not stored; at most one a second reaches the agent.
    nu = time.monotonic()
    if nu - consumer.laatst_getypt < 1:
        return
    consumer.laatst_getypt = nu
    assert consumer.gesprek is not None
    await consumer.channel_layer.group_send(
        groepen.gesprek(consumer.gesprek.uuid),
        {
            "type": groepen.TYPE,
            "inhoud": {
                "soort": "typt",
                "door": Afzender.BEZOEKER,
                # An agent's window follows several chats: it tells them apart by this.
                "gesprek": str(consumer.gesprek.uuid),
            },
        },
    )


async def _gelezen(consumer: BezoekerConsumer, content: dict[str, Any]) -> None:
    try:
        tot = int(content.get("tot") or 0)
    except (TypeError, ValueError):
        await consumer.fout(gettext("Onbekend bericht."))
        return
    await database_sync_to_async(gesprekken.markeer_gelezen)(
        consumer.gesprek, door=Afzender.BEZOEKER, tot=tot
    )


async def _medewerker(consumer: BezoekerConsumer, content: dict[str, Any]) -> None:
    antwoord = await database_sync_to_async(naar_medewerker)(consumer.gesprek)
    if antwoord is not None:
        await consumer.send_json(antwoord)


def naar_medewerker(gesprek: Gesprek) -> dict[str, Any] | None:
    """The visitor asks for a person while with the chatbot: to the queue when agents are
    in, else they are told when chat opens (and what they can do now)."""
    gesprek.refresh_from_db()
    if gesprek.status != Gespreksstatus.BOT:
        if gesprek.status == Gespreksstatus.WACHTRIJ:
            return None
        raise GesprekFout(gettext("U chat al met een medewerker."))
    if not openingstijden.geconfigureerd().is_open():
        stand = openingstijden.stand()
        tekst = gettext("Er is nu geen medewerker beschikbaar.")
        if stand["opentTekst"]:
            tekst += " " + gettext("Medewerkers zijn er weer %(wanneer)s.") % {
                "wanneer": stand["opentTekst"]
            }
        gesprekken.systeembericht(gesprek, tekst)
        return {"soort": "geen-medewerker", "melding": tekst, "openingstijden": stand}
    gesprekken.naar_wachtrij(gesprek, team=gesprek.team or gesprekken.chatteam())
    return None


async def _waardering(consumer: BezoekerConsumer, content: dict[str, Any]) -> None:
    cijfer = content.get("cijfer")
    if not isinstance(cijfer, int) or isinstance(cijfer, bool):
        raise GesprekFout(gettext("Een waardering is een cijfer van 1 tot en met 5."))
    await database_sync_to_async(gesprekken.waardeer)(consumer.gesprek, cijfer)
    await consumer.send_json({"soort": "gewaardeerd", "cijfer": cijfer})


async def _stoppen(consumer: BezoekerConsumer, content: dict[str, Any]) -> None:
    await database_sync_to_async(stoppen)(consumer.gesprek)


def stoppen(gesprek: Gesprek) -> None:
    """The visitor ends the chat: with the bot, registered as the bot would (C1242: a
    signed-in visitor's chat is one klantcontact, an anonymous one nothing)."""
    gesprek.refresh_from_db()
    by = ChangeContext(applicatie="Chat", gebruikers_weergave=gesprek.bezoeker_naam)
    with ZgwZakenregister(by=by) as register:
        gesprek_registratie.sluit_door_bezoeker(gesprek, by=by, register=register)


_HANDELINGEN: dict[str, Handeling] = {
    "bericht": _bericht,
    "typt": _typt,
    "gelezen": _gelezen,
    "medewerker": _medewerker,
    "waardering": _waardering,
    "stoppen": _stoppen,
}
