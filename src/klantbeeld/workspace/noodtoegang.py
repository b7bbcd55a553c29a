"""The emergency login: for when the identity provider is down. Closed unless
``KLANTBEELD_NOODTOEGANG`` is set or an administrator opened it for a while (``Noodtoegang``);
it asks for a password and a TOTP code of a confirmed device, and brute force is stopped by
django-axes (attempts per username and address, and per address across usernames:
``aanmeldingen.failure_limit``)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.models import User
from django.core import checks
from django.http import HttpRequest
from django.utils import timezone
from django_otp import login as otp_login

from klantbeeld.workspace.aanmeldingen import METHODE_ATTRIBUTE
from klantbeeld.workspace.models import Methode, Noodtoegang
from klantbeeld.workspace.totp import apparaat_voor

# The session key that marks an emergency session (workspace/toegang.py reads it).
NOODSESSIE = "klantbeeld_noodtoegang"

# The longest an administrator may open the emergency login for at once.
MAX_DUUR = datetime.timedelta(hours=24)


def is_open() -> bool:
    if settings.KLANTBEELD_NOODTOEGANG:
        return True
    return Noodtoegang.objects.filter(open_tot__gt=timezone.now()).exists()


def open_tot() -> datetime.datetime | None:
    laatste = Noodtoegang.objects.filter(open_tot__gt=timezone.now()).order_by("-open_tot")
    return laatste.values_list("open_tot", flat=True).first()


class Geweigerd(Exception):
    """The sign-in failed; the message does not say which part was wrong."""


def aanmelden(request: HttpRequest, gebruikersnaam: str, wachtwoord: str, code: str) -> User:
    """Sign in with password and TOTP code, or raise ``Geweigerd``."""
    setattr(request, METHODE_ATTRIBUTE, Methode.NOODTOEGANG)
    user = auth.authenticate(request, username=gebruikersnaam, password=wachtwoord)
    if not isinstance(user, User):
        raise Geweigerd()
    device = apparaat_voor(user, code)
    if device is None:
        # Counted by axes like a wrong password, and recorded as a failed sign-in.
        auth.signals.user_login_failed.send(
            sender=__name__,
            credentials={"username": gebruikersnaam, "reden": "TOTP-code onjuist of geen apparaat"},
            request=request,
        )
        raise Geweigerd()
    auth.login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    otp_login(request, device)
    request.session[NOODSESSIE] = True
    return user


def check_instelling(**kwargs: object) -> list[checks.CheckMessage]:
    """An emergency login open by a setting is open to anyone with a password and a TOTP
    device, for as long as the setting stays: say so wherever checks are shown."""
    if not settings.KLANTBEELD_NOODTOEGANG:
        return []
    return [
        checks.Warning(
            "De noodtoegang staat open door KLANTBEELD_NOODTOEGANG.",
            hint="Bedoeld voor een installatie zonder identity provider; open de noodtoegang "
            "anders tijdelijk in de admin (met reden). Elke aanmelding vermeldt de instelling.",
            id="klantbeeld.W001",
        )
    ]
