"""The visitor's messages to the chatbot: each message of the widget's visitor while the
bot holds the conversation is queued in the outbox in the message's own transaction and
POSTed by the worker to KLANTBEELD_CHATBOT_URL, signed as Klantbeeld's webhooks are
(Standard Webhooks: HMAC-SHA256 with KLANTBEELD_CHATBOT_SECRET). Nothing is lost: a bot
that is down gets the message when it is back, in order per conversation. A bot that
stays down does not leave the visitor waiting: after KLANTBEELD_CHATBOT_POGINGEN tries
the conversation goes to the agents' queue.
"""

from __future__ import annotations

import base64
import logging
from typing import Any

import httpx
import orjson
from django.conf import settings
from django.utils.translation import gettext

from klantbeeld.domain.models import Gesprek, Gespreksbericht, Gespreksstatus
from klantbeeld.domain.services import gesprekken
from klantbeeld.events import webhooks
from klantbeeld.events.delivery import DeliveryError, is_permanent
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue

log = logging.getLogger(__name__)

DESTINATION = "chatbot"
SOORT = "nl.klantbeeld.chat.bericht"


def in_outbox(gesprek: Gesprek, bericht: Gespreksbericht) -> None:
    """Queue ``bericht`` for the configured bot, when it is the bot of this conversation
    (a bot with its own front end relays the visitor's messages itself: no echo)."""
    if not settings.KLANTBEELD_CHATBOT_URL:
        return
    bot = gesprekken.chatbot()
    if bot is None or gesprek.chatbot_id != bot.pk:
        return
    enqueue(
        [
            OutboxMessage(
                destination=DESTINATION,
                ordering_key=str(gesprek.uuid),
                payload=bericht_voor_bot(gesprek, bericht),
            )
        ]
    )


def bericht_voor_bot(gesprek: Gesprek, bericht: Gespreksbericht) -> dict[str, Any]:
    """What the bot gets: the conversation, whether the visitor is known (never who: the
    bot needs no personal data to answer) and the message."""
    return {
        "id": f"{gesprek.uuid}-{bericht.volgnummer}",
        "type": SOORT,
        "gesprek": str(gesprek.uuid),
        "kanaal": gesprek.kanaal,
        "bezoekerBekend": gesprek.partij_id is not None,
        "pagina": gesprek.pagina,
        "bericht": gesprekken.bericht_als_json(bericht),
    }


def bezorg(message: OutboxMessage, client: httpx.Client) -> None:
    """POST the message to the bot; raises DeliveryError to have it tried again."""
    gesprek = Gesprek.objects.filter(uuid=message.payload["gesprek"]).first()
    if gesprek is None or gesprek.status != Gespreksstatus.BOT:
        return  # handed over or closed since: the bot is no longer in it
    url = settings.KLANTBEELD_CHATBOT_URL
    try:
        if not url:
            raise DeliveryError("KLANTBEELD_CHATBOT_URL is niet ingesteld.")
        _post(client, url, message.payload)
    except DeliveryError as fout:
        # A refusal that will stay, or the last try: the visitor is not left waiting.
        if not fout.permanent and message.attempts + 1 < settings.KLANTBEELD_CHATBOT_POGINGEN:
            raise
        log.warning("Chatbot niet bereikbaar, gesprek %s naar de wachtrij: %s", gesprek.uuid, fout)
        gesprekken.naar_wachtrij(
            gesprek,
            team=gesprek.team or gesprekken.chatteam(),
            reden=gettext(
                "De virtuele assistent is even niet bereikbaar. U wordt doorverbonden met "
                "een medewerker."
            ),
        )


def _post(client: httpx.Client, url: str, payload: dict[str, Any]) -> None:
    body = orjson.dumps(payload)
    headers = {"Content-Type": "application/json"}
    headers.update(handtekening(str(payload["id"]), body))
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as error:
        raise DeliveryError(f"{type(error).__name__}: {error}") from error
    if not response.is_success:
        raise DeliveryError(
            f"HTTP {response.status_code}: {response.text[:500]}",
            permanent=is_permanent(response.status_code),
        )


def geheim(waarde: str) -> str:
    """The signing secret as Standard Webhooks writes it: ``whsec_<base64>`` as given, any
    other text as its UTF-8 bytes."""
    if waarde.startswith("whsec_"):
        return waarde
    return "whsec_" + base64.b64encode(waarde.encode()).decode()


def handtekening(bericht_id: str, body: bytes) -> dict[str, str]:
    if not settings.KLANTBEELD_CHATBOT_SECRET:
        raise DeliveryError(
            "KLANTBEELD_CHATBOT_SECRET is niet ingesteld: berichten aan de chatbot worden "
            "altijd ondertekend."
        )
    return webhooks.signature_headers(geheim(settings.KLANTBEELD_CHATBOT_SECRET), bericht_id, body)


def controleer(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """What the bot checks (reference implementation; the demo bot uses it)."""
    return webhooks.verify(geheim(secret), {k.lower(): v for k, v in headers.items()}, body)
