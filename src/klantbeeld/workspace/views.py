"""Signing in and out, and the start page."""

from __future__ import annotations

from django.contrib import auth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from klantbeeld.workspace import noodtoegang
from klantbeeld.workspace.forms import NoodtoegangForm
from klantbeeld.workspace.models import Aanmelding, Methode
from klantbeeld.workspace.oidc import logout_url, oidc_enabled
from klantbeeld.workspace.roles import rollen_van
from klantbeeld.workspace.toegang import werkplek, werkplek_sessie


def inloggen(request: HttpRequest) -> HttpResponse:
    if werkplek_sessie(request):
        return redirect("workspace:start")
    return render(
        request,
        "workspace/inloggen.html",
        {
            "oidc": oidc_enabled(),
            "noodtoegang": noodtoegang.is_open(),
            "mislukt": request.GET.get("mislukt") == "1",
            "volgende": _volgende(request),
        },
    )


def _volgende(request: HttpRequest) -> str:
    """The workspace page the employee was on their way to, to return to once signed in
    (only a page of the workspace itself)."""
    volgende = request.GET.get("next", "")
    veilig = url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return volgende if veilig and volgende.startswith("/werkplek/") else ""


def noodtoegang_inloggen(request: HttpRequest) -> HttpResponse:
    if not noodtoegang.is_open():
        return render(request, "workspace/noodtoegang_dicht.html", status=403)
    form = NoodtoegangForm(request.POST or None)
    fout = ""
    if request.method == "POST" and form.is_valid():
        try:
            noodtoegang.aanmelden(
                request,
                form.cleaned_data["gebruikersnaam"],
                form.cleaned_data["wachtwoord"],
                form.cleaned_data["code"],
            )
        except noodtoegang.Geweigerd:
            fout = gettext("Gebruikersnaam, wachtwoord of code klopt niet.")
        else:
            return redirect("workspace:start")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workspace/noodtoegang.html",
        {"form": form, "fout": fout, "open_tot": noodtoegang.open_tot()},
        status=status,
    )


@require_POST
def uitloggen(request: HttpRequest) -> HttpResponse:
    via_oidc = str(request.session.get(auth.BACKEND_SESSION_KEY, "")).endswith("OidcBackend")
    # Read before the session is cleared: the provider signs out without asking with it.
    url = logout_url(request) if via_oidc else ""
    auth.logout(request)
    return redirect(url or "workspace:inloggen")


@werkplek
def start(request: HttpRequest) -> HttpResponse:
    aanmeldingen = Aanmelding.objects.filter(gebruikersnaam=request.user.get_username())
    return render(
        request,
        "workspace/start.html",
        {
            "rollen": rollen_van(request.user),
            "aanmeldingen": aanmeldingen.exclude(methode=Methode.UITLOGGEN)[:10],
        },
    )
