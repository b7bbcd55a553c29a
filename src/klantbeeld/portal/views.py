"""The portal's start page: what there is for the user, at a glance."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from klantbeeld.portal.toegang import inlog_vereist


@require_GET
@inlog_vereist()
def overzicht(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/overzicht.html", {})
