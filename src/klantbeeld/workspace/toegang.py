"""What each role may do in the workspace, checked in the views (and, for confidential
rows, in the domain's ``visible`` through ``seeing_confidential``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klantbeeld.workspace.roles import Rol, rollen_van

# Who may look up customers and their contacts.
KLANTEN_ZIEN = frozenset({Rol.KCC_MEDEWERKER, Rol.TEAMLEIDER, Rol.BEHANDELAAR})
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


def max_zaak_vertrouwelijkheid(request: HttpRequest) -> str:
    """The highest level any of the viewer's roles allows (openbaar without a role)."""
    niveaus = [
        ZAAK_VERTROUWELIJKHEID[r] for r in rollen_van(request.user) if r in ZAAK_VERTROUWELIJKHEID
    ]
    return max(niveaus, key=_NIVEAUS.index, default="openbaar")


def mag_vertrouwelijk_zien(request: HttpRequest) -> bool:
    return bool(VERTROUWELIJK_ZIEN.intersection(rollen_van(request.user)))


def rol_vereist(toegestaan: frozenset[Rol]) -> Callable[[View], View]:
    """Only signed-in users with one of these roles; others get a page that says why."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not toegestaan.intersection(rollen_van(request.user)):
                nodig = ", ".join(sorted(rol.label for rol in toegestaan))
                return render(request, "workspace/geen_toegang.html", {"nodig": nodig}, status=403)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
