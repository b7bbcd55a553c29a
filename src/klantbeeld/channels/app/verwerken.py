"""The worker's part of the webhook: each stored message is taken into its conversation
unit, each stored status recorded on what we sent. What fails for now (a setting
missing, the sending not yet recorded) is tried again later; what was handled is not
handled again."""

from __future__ import annotations

import httpx
from django.db import transaction
from django.utils import timezone

from klantbeeld.channels.app import gesprekken, instellingen, versturen
from klantbeeld.channels.app.models import Webhookbericht
from klantbeeld.channels.app.webhook import DESTINATION, item_van
from klantbeeld.channels.gateways.whatsapp import InboundMessage
from klantbeeld.events.delivery import DeliveryError
from klantbeeld.events.models import OutboxMessage

__all__ = ["DESTINATION", "verwerk"]


def verwerk(message: OutboxMessage, client: httpx.Client) -> None:
    rij = Webhookbericht.objects.filter(pk=message.payload["webhookbericht"]).first()
    if rij is None or rij.verwerkt_op is not None:
        return
    item = item_van(rij)
    try:
        with transaction.atomic():
            if not _claim(rij):
                return
            if isinstance(item, InboundMessage):
                gesprekken.neem_op(item)
            else:
                versturen.verwerk_status(item)
    except instellingen.NietIngesteld as fout:
        raise DeliveryError(str(fout)) from fout


def _claim(rij: Webhookbericht) -> bool:
    """Mark the item handled (in the transaction that handles it, so undone with it);
    False when another worker did already. Its data goes: it is on the unit now."""
    gedaan = Webhookbericht.objects.filter(pk=rij.pk, verwerkt_op=None).update(
        verwerkt_op=timezone.now(), gegevens={}
    )
    return gedaan == 1
