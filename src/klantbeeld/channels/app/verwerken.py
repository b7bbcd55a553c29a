"""The worker's part of the webhook: each stored message is taken into its conversation
unit (its file fetched from the gateway first, outside the transaction), each stored
status recorded on what we sent. What fails for now (the gateway or the Documenten API
away, a setting missing) is tried again later; what was handled is not handled again."""

from __future__ import annotations

import httpx
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.channels.app import gesprekken, instellingen, versturen
from klantbeeld.channels.app.gesprekken import Ontvangen
from klantbeeld.channels.app.models import Appbericht, Webhookbericht
from klantbeeld.channels.app.webhook import DESTINATION, item_van
from klantbeeld.channels.gateways.whatsapp import GatewayError, InboundMessage
from klantbeeld.domain.services.zaken import Bestand, RegisterFout
from klantbeeld.events.delivery import DeliveryError
from klantbeeld.events.models import OutboxMessage
from klantbeeld.integrations.zgw.register import ZgwZakenregister

__all__ = ["DESTINATION", "verwerk"]


def verwerk(message: OutboxMessage, client: httpx.Client) -> None:
    rij = Webhookbericht.objects.filter(pk=message.payload["webhookbericht"]).first()
    if rij is None or rij.verwerkt_op is not None:
        return
    item = item_van(rij)
    try:
        if isinstance(item, InboundMessage):
            ontvangen = _met_bestand(item, client)
            with ZgwZakenregister(by=instellingen.BY) as register, transaction.atomic():
                if _claim(rij):
                    gesprekken.neem_op(ontvangen, register)
        else:
            with transaction.atomic():
                if _claim(rij):
                    versturen.verwerk_status(item)
    except (RegisterFout, instellingen.NietIngesteld) as fout:
        raise DeliveryError(str(fout)) from fout


def _claim(rij: Webhookbericht) -> bool:
    """Mark the item handled (in the transaction that handles it); False when another
    worker did already."""
    gedaan = Webhookbericht.objects.filter(pk=rij.pk, verwerkt_op=None).update(
        verwerkt_op=timezone.now(), gegevens={}
    )
    return gedaan == 1


def _met_bestand(bericht: InboundMessage, client: httpx.Client) -> Ontvangen:
    """The message with its file from the gateway; a file the gateway no longer has, or
    one too big to keep, is noted instead."""
    if bericht.media_id is None or Appbericht.objects.filter(wamid=bericht.message_id).exists():
        return Ontvangen(bericht)
    try:
        with instellingen.gateway(http=client) as gateway:
            media = gateway.download_media(bericht.media_id)
    except GatewayError as fout:
        if not fout.permanent:
            raise DeliveryError(str(fout)) from fout
        return Ontvangen(bericht, probleem=gettext("bestand niet op te halen: %s") % fout)
    maximum = settings.KLANTBEELD_BIJLAGE_MAX_MB
    if len(media.content) > maximum * 2**20:
        return Ontvangen(
            bericht,
            probleem=gettext("bestand groter dan %(mb)s MB, niet bewaard") % {"mb": maximum},
        )
    if not media.content:
        return Ontvangen(bericht, probleem=gettext("leeg bestand"))
    formaat = (bericht.mime_type or media.mime_type or "application/octet-stream").split(";")[0]
    naam = gesprekken.bestandsnaam(bericht, formaat)
    return Ontvangen(bericht, Bestand(naam=naam, inhoud=media.content, formaat=formaat.strip()))
