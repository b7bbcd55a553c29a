"""Who may use the workspace and what each role may do, checked around every view.

A workspace session is one that came through the organisation's identity provider or
through the emergency login with its TOTP code, never the admin's password form alone;
an emergency session ends when the emergency login closes. Pages are not cached, and the
whole request (the template included) runs with the viewer's right to see confidential
rows, so nothing loaded along the way slips past it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import auth
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from klantbeeld.domain.confidentiality import seeing_confidential
from klantbeeld.workspace import noodtoegang
from klantbeeld.workspace.noodtoegang import NOODSESSIE
from klantbeeld.workspace.roles import Rol, rollen_van

# Who may look up customers and their contacts.
KLANTEN_ZIEN = frozenset({Rol.KCC_MEDEWERKER, Rol.TEAMLEIDER, Rol.BEHANDELAAR})
# Who may give a customer a relation (huurder, medebewoner, …) or end one.
KLANTRELATIES_BEHEREN = frozenset({Rol.TEAMLEIDER, Rol.BEHANDELAAR})
# Who may see confidential partijen (geheimhouding) and confidential klantcontacten.
VERTROUWELIJK_ZIEN = frozenset({Rol.TEAMLEIDER, Rol.BEHANDELAAR})
# The highest confidentiality of zaken and documents each role may see in the registers.
ZAAK_VERTROUWELIJKHEID = {
    Rol.KCC_MEDEWERKER: "zaakvertrouwelijk",
    Rol.TEAMLEIDER: "vertrouwelijk",
    Rol.BEHANDELAAR: "vertrouwelijk",
}
_NIVEAUS = ("openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk")

View = Callable[..., HttpResponse]


def mag_vertrouwelijk_zien(request: HttpRequest) -> bool:
    return bool(VERTROUWELIJK_ZIEN.intersection(rollen_van(request.user)))


def max_zaak_vertrouwelijkheid(request: HttpRequest) -> str:
    """The highest level any of the viewer's roles allows (openbaar without a role)."""
    niveaus = [
        ZAAK_VERTROUWELIJKHEID[r] for r in rollen_van(request.user) if r in ZAAK_VERTROUWELIJKHEID
    ]
    return max(niveaus, key=_NIVEAUS.index, default="openbaar")


def werkplek_sessie(request: HttpRequest) -> bool:
    """Whether the signed-in user came in through OpenID Connect, or through an emergency
    login that is still open."""
    if not request.user.is_authenticated:
        return False
    if request.session.get(NOODSESSIE):
        is_verified = getattr(request.user, "is_verified", lambda: False)
        return bool(is_verified()) and noodtoegang.is_open()
    return str(request.session.get(auth.BACKEND_SESSION_KEY, "")).endswith("OidcBackend")


def werkplek(view: View) -> View:
    """Only workspace sessions; others are signed out and sent to the sign-in page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not werkplek_sessie(request):
            if request.user.is_authenticated:
                auth.logout(request)
            return redirect_to_login(request.get_full_path())
        return vertrouwelijk_gerenderd(view, request, *args, **kwargs)

    return wrapped


def rol_vereist(toegestaan: frozenset[Rol]) -> Callable[[View], View]:
    """A workspace session with one of these roles; others get a page that says why."""

    def decorator(view: View) -> View:
        @werkplek
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not toegestaan.intersection(rollen_van(request.user)):
                nodig = ", ".join(sorted(rol.label for rol in toegestaan))
                return render(request, "workspace/geen_toegang.html", {"nodig": nodig}, status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def vertrouwelijk_gerenderd(view: View, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    """The view's page, run and rendered with the viewer's right to see confidential rows
    (so nothing loaded on the way slips past it), and never cached: it holds personal
    data. For the workspace and the admin alike."""
    with seeing_confidential(mag_vertrouwelijk_zien(request)):
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
    add_never_cache_headers(response)
    response["Cache-Control"] += ", private"
    return response
