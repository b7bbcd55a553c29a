"""Every sign-in, failed sign-in and sign-out is recorded (``Aanmelding``), whichever way
it came: OpenID Connect, the emergency login or the admin's password form."""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from klantbeeld.workspace.models import Aanmelding, Methode

# Set on the request by the emergency login view before it signs the user in.
METHODE_ATTRIBUTE = "klantbeeld_aanmeldmethode"


def connect() -> None:
    user_logged_in.connect(_ingelogd, dispatch_uid="klantbeeld-ingelogd")
    user_login_failed.connect(_mislukt, dispatch_uid="klantbeeld-mislukt")
    user_logged_out.connect(_uitgelogd, dispatch_uid="klantbeeld-uitgelogd")


def _methode(request: HttpRequest | None, backend: str) -> str:
    if request is not None and hasattr(request, METHODE_ATTRIBUTE):
        return str(getattr(request, METHODE_ATTRIBUTE))
    if backend.endswith("OidcBackend") or (
        request is not None and request.path.startswith("/oidc/")
    ):
        return Methode.OIDC
    return Methode.WACHTWOORD


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: behind ``KLANTBEELD_PROXY_COUNT`` proxies, the address the
    outermost trusted proxy saw in X-Forwarded-For; otherwise REMOTE_ADDR."""
    proxies = settings.KLANTBEELD_PROXY_COUNT
    if proxies:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies]
    address: str | None = request.META.get("REMOTE_ADDR")
    return address


def failure_limit(request: HttpRequest, credentials: Any = None) -> int:
    """The number of failures that locks out (django-axes compares it with the larger of
    the failures for this username from this address and those for this address): the
    limit per username once that username has reached it, else the higher limit per
    address, so that one address trying many usernames is stopped too."""
    per_gebruiker: int = settings.KLANTBEELD_AXES_PER_GEBRUIKER
    per_adres = max(per_gebruiker, settings.KLANTBEELD_AXES_PER_ADRES)
    pogingen = AccessAttempt.objects.filter(
        username=get_client_username(request, credentials),
        ip_address=getattr(request, "axes_ip_address", None) or client_ip(request),
    )
    if settings.AXES_COOLOFF_TIME and hasattr(request, "axes_attempt_time"):
        pogingen = pogingen.filter(attempt_time__gte=get_cool_off_threshold(request))
    mislukt = pogingen.aggregate(n=Sum("failures_since_start"))["n"] or 0
    return per_gebruiker if mislukt >= per_gebruiker else per_adres


def niet_door_axes(request: HttpRequest, credentials: Any) -> bool:
    """Requests axes does not count: OpenID Connect callbacks (no username; the provider
    protects its own login)."""
    return request.path.startswith("/oidc/")


def _ip(request: HttpRequest | None) -> str | None:
    return client_ip(request) if request is not None else None


def _ingelogd(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    methode = _methode(request, str(getattr(user, "backend", "")))
    Aanmelding.objects.create(
        gebruikersnaam=user.get_username(),
        methode=methode,
        geslaagd=True,
        ip_adres=_ip(request),
        toelichting=_waarom_open() if methode == Methode.NOODTOEGANG else "",
    )


def _waarom_open() -> str:
    """Why the emergency login was open: by whom and why, or by the setting."""
    from klantbeeld.workspace.models import Noodtoegang

    periode = (
        Noodtoegang.objects.filter(open_tot__gt=timezone.now(), gesloten_op__isnull=True)
        .select_related("geopend_door")
        .order_by("-open_tot")
        .first()
    )
    if periode is not None:
        door = periode.geopend_door.get_username() if periode.geopend_door else "onbekend"
        return f"Noodtoegang open door {door}: {periode.reden}"[:500]
    if settings.KLANTBEELD_NOODTOEGANG:
        return "Noodtoegang open door de instelling KLANTBEELD_NOODTOEGANG"
    return ""


def _mislukt(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    Aanmelding.objects.create(
        gebruikersnaam=str(credentials.get("username", ""))[:150],
        methode=_methode(request, str(sender)),
        geslaagd=False,
        ip_adres=_ip(request),
        toelichting=str(credentials.get("reden", ""))[:500],
    )


def _uitgelogd(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    Aanmelding.objects.create(
        gebruikersnaam=user.get_username(),
        methode=Methode.UITLOGGEN,
        geslaagd=True,
        ip_adres=_ip(request),
    )
