"""Secrets the admin makes (an API client's token and JWT secret, a webhook's signing
secret) are shown once, on the page that answers the save that made them: never kept for a
later page, a message or a cookie. Afterwards only their first characters show."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

# Where save_model leaves the new secrets for the response to the same request.
NIEUW = "_klantbeeld_nieuwe_geheimen"


def gemaskeerd(waarde: str) -> str:
    return f"{waarde[:4]}… (verborgen)" if waarde else "-"


def onthoud(request: HttpRequest, label: str, waarde: str) -> None:
    """Show ``waarde`` once, in the answer to this request."""
    geheimen: list[tuple[str, str]] = getattr(request, NIEUW, [])
    geheimen.append((label, waarde))
    setattr(request, NIEUW, geheimen)


class EenmaligAdmin(admin.ModelAdmin):
    """Answers a save that made secrets (``onthoud``) with a page showing them once."""

    def response_add(self, request: HttpRequest, obj: Any, post_url_continue: Any = None) -> Any:
        return self._eenmalig(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request: HttpRequest, obj: Any) -> Any:
        return self._eenmalig(request, obj) or super().response_change(request, obj)

    def _eenmalig(self, request: HttpRequest, obj: Any) -> HttpResponse | None:
        geheimen = getattr(request, NIEUW, None)
        if not geheimen:
            return None
        meta = obj._meta
        wijzigen = f"admin:{meta.app_label}_{meta.model_name}_change"
        return TemplateResponse(
            request,
            "beheer/eenmalig.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Nieuwe gegevens voor {obj}",
                "object": obj,
                "geheimen": geheimen,
                "verder": reverse(wijzigen, args=[obj.pk]),
            },
        )
