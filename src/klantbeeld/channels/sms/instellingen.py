"""Whether SMS is set up, and the provider's settings from Django's: the composer and
sender for kanaal "sms" are registered only while it is, so that
``verzenden.kan_versturen("sms")`` tells the truth."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from klantbeeld.api.common.resources import public_root
from klantbeeld.channels import uitgaand
from klantbeeld.channels.gateways.sms import SmsSettings
from klantbeeld.domain.services import verzenden

KANAAL = "sms"
log = logging.getLogger(__name__)


def ingesteld() -> bool:
    return all(
        (
            settings.KLANTBEELD_SMS_ACCOUNT_SID,
            settings.KLANTBEELD_SMS_AUTH_TOKEN,
            settings.KLANTBEELD_SMS_SENDER,
        )
    )


def sms_instellingen() -> SmsSettings | None:
    """The provider's settings; None while SMS is not set up. ImproperlyConfigured when
    they are set but wrong (an account SID that is none, a sender that cannot be one)."""
    if not ingesteld():
        return None
    env = {
        "KLANTBEELD_SMS_URL": settings.KLANTBEELD_SMS_URL,
        "KLANTBEELD_SMS_ACCOUNT_SID": settings.KLANTBEELD_SMS_ACCOUNT_SID,
        "KLANTBEELD_SMS_AUTH_TOKEN": settings.KLANTBEELD_SMS_AUTH_TOKEN,
        "KLANTBEELD_SMS_SENDER": settings.KLANTBEELD_SMS_SENDER,
        "KLANTBEELD_SMS_TIMEOUT": str(settings.KLANTBEELD_SMS_TIMEOUT),
    }
    try:
        return SmsSettings.from_env(env)
    except ValueError as error:
        raise ImproperlyConfigured(str(error)) from error


def callback_url() -> str:
    """Where the provider posts delivery reports: the public URL of our status view (the
    provider signs it, so it must be the one it calls, behind any proxy)."""
    return public_root() + reverse("sms-status")


def activeer(*, streng: bool = True) -> bool:
    """Register the composer and sender while SMS is set up, take them away otherwise.
    ``streng``: raise on wrong settings (at start-up) rather than leave SMS off."""
    from klantbeeld.channels.sms import opstellen, versturen

    try:
        aan = sms_instellingen() is not None
    except ImproperlyConfigured:
        if streng:
            raise
        log.warning("SMS staat uit: de instellingen kloppen niet.", exc_info=True)
        aan = False
    if aan:
        verzenden.registreer_opsteller(KANAAL, opstellen.stel_op)
        uitgaand.registreer_verzender(KANAAL, versturen.verstuur_sms)
    else:
        # Only ours: a test may have put a channel of its own under this name.
        if verzenden._opstellers.get(KANAAL) is opstellen.stel_op:
            del verzenden._opstellers[KANAAL]
        if uitgaand._verzenders.get(KANAAL) is versturen.verstuur_sms:
            del uitgaand._verzenders[KANAAL]
    return aan
