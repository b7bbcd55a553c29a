"""Tickets that let a page's script open a live connection as the person the page was
made for, whatever host or port the live server is on (cookies are not sent across
origins, and the portal's cookie only under /mijn/).

A ticket is signed with the secret key and names the session it came from; the session
is checked again on every connect, so signing out closes the door for old tickets too.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.sessions.backends.base import SessionBase
from django.core import signing
from django.http import HttpRequest
from django.utils.module_loading import import_string

WERKPLEK = "klantbeeld.live.werkplek"
PARTIJ = "klantbeeld.live.partij"


def werkplek_ticket(request: HttpRequest) -> str:
    return signing.dumps(
        {"u": request.user.pk, "s": request.session.session_key}, salt=WERKPLEK, compress=True
    )


def medewerker_van_ticket(ticket: str) -> User | None:
    """The employee whose workspace session issued ``ticket``, while that session is
    still a workspace session; None otherwise."""
    try:
        inhoud = signing.loads(ticket, salt=WERKPLEK, max_age=settings.SESSION_COOKIE_AGE)
    except signing.BadSignature:
        return None
    sessie = import_string(settings.SESSION_ENGINE).SessionStore(inhoud.get("s"))
    if str(sessie.get(auth.SESSION_KEY, "")) != str(inhoud.get("u")):
        return None
    if not _werkplek_sessie(sessie):
        return None
    user = get_user_model().objects.filter(pk=inhoud["u"], is_active=True).first()
    return user if isinstance(user, User) else None


def _werkplek_sessie(sessie: SessionBase) -> bool:
    # The same rule as workspace.toegang.werkplek_sessie, on a stored session.
    from django_otp import DEVICE_ID_SESSION_KEY

    from klantbeeld.workspace import noodtoegang
    from klantbeeld.workspace.noodtoegang import NOODSESSIE

    if sessie.get(NOODSESSIE):
        return bool(sessie.get(DEVICE_ID_SESSION_KEY)) and noodtoegang.is_open()
    return str(sessie.get(auth.BACKEND_SESSION_KEY, "")).endswith("OidcBackend")


def partij_ticket(partij: uuid.UUID) -> str:
    """For a page of the portal: the signed-in resident's partij, so that a chat they open
    there is theirs (DigiD or eHerkenning through the portal's login)."""
    return signing.dumps({"p": str(partij)}, salt=PARTIJ, compress=True)


def partij_van_ticket(ticket: str) -> uuid.UUID | None:
    try:
        inhoud = signing.loads(
            ticket, salt=PARTIJ, max_age=settings.KLANTBEELD_LIVE_TICKET_SECONDEN
        )
        return uuid.UUID(inhoud["p"])
    except (signing.BadSignature, KeyError, ValueError, TypeError):
        return None
