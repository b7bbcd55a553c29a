"""Signing in to the admin in tests: the admin needs a session verified with a TOTP
device (klantbeeld.beheer.site), which a plain force_login does not give."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_code(device: TOTPDevice, shift: int = 0) -> str:
    return (
        f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift + shift):06d}"
    )


def beheer_login(client: Client, user: User) -> Client:
    """``client`` signed in as ``user`` with a (new) confirmed TOTP device, as after the
    admin's sign-in form."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
