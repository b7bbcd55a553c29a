"""Whether SMS is set up, and the provider's settings from Django's. The channel is
offered (``verzenden.kan_versturen("sms")``) only while it is."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from klantbeeld.api.common.resources import public_root
from klantbeeld.channels.gateways.sms import SmsSettings

KANAAL = "sms"


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
