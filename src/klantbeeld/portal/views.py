"""The portal's start page: what there is for the user, at a glance, with what asks for
attention (unread messages) first. Only Klantbeeld's own data: the registers' (zaken,
tasks) are on their own pages, so this page is fast however slow a register is."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from klantbeeld.portal.berichten import ongelezen_voor
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist
from klantbeeld.portal.waardering import voor_startpagina


@require_GET
@inlog_vereist()
def overzicht(request: HttpRequest) -> HttpResponse:
    wie = cast(PortaalRequest, request).mijn
    return render(
        request,
        "portal/overzicht.html",
        {"ongelezen": ongelezen_voor(wie), "uitnodiging": voor_startpagina(request)},
    )
