"""Sending an SMS through the provider. A number the provider refuses for good is a
permanent failure (the contact is marked not reached); anything else (the provider
unreachable, our credentials refused) is tried again later by the outbox."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from klantbeeld.channels.gateways.common import ChannelError
from klantbeeld.channels.gateways.sms import SmsProvider
from klantbeeld.channels.sms.instellingen import callback_url, sms_instellingen
from klantbeeld.channels.uitgaand import VerzendFout
from klantbeeld.domain.models import Verzending


def verstuur_sms(verzending: Verzending) -> str:
    """Send ``verzending``; the provider's message SID. Delivery reports name the
    Verzending by its uuid."""
    try:
        instellingen = sms_instellingen()
    except ImproperlyConfigured as error:
        raise VerzendFout(str(error), permanent=False) from error
    if instellingen is None:
        raise VerzendFout("SMS is niet ingesteld (KLANTBEELD_SMS_…).", permanent=False)
    tekst = bytes(verzending.inhoud).decode("utf-8")
    try:
        with SmsProvider(instellingen) as provider:
            return provider.send(
                verzending.adres,
                tekst,
                reference=str(verzending.uuid),
                status_callback=callback_url(),
            )
    except ChannelError as error:
        raise VerzendFout(str(error), permanent=error.permanent) from error
