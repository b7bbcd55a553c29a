"""The second factor of staff who sign in with a password (the admin, the emergency login):
a confirmed TOTP device (authenticator app), enrolled by ``klantbeeld totp-apparaat``."""

from __future__ import annotations

import base64

from django.contrib.auth.models import AbstractBaseUser
from django_otp.plugins.otp_totp.models import TOTPDevice


def apparaat_voor(user: AbstractBaseUser, code: str) -> TOTPDevice | None:
    """The confirmed device of ``user`` that accepts ``code`` (every one is tried), or
    None."""
    code = code.replace(" ", "")
    if not code:
        return None
    for device in TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk"):
        if device.verify_token(code):
            return device
    return None


def heeft_apparaat(user: AbstractBaseUser) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def nieuw_apparaat(user: AbstractBaseUser, naam: str, *, vervang: bool = False) -> TOTPDevice:
    """A new confirmed device for ``user``; with ``vervang`` the user's other devices are
    removed (a lost phone)."""
    if vervang:
        TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=naam[:64], confirmed=True)


def geheim(device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in (base32, without padding)."""
    return base64.b32encode(device.bin_key).decode().rstrip("=")
