"""What every portal page shows in its header: how the user signed in and, when they act
for someone else, for whom (DigiD Machtigen, ketenmachtiging)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext, ngettext

from klantbeeld.domain.services.identiteit import Identiteit, bestaande_partij
from klantbeeld.portal import thema
from klantbeeld.portal.identiteit import Ingelogde, ingelogde
from klantbeeld.portal.navigatie import MENU, TELLERS
from klantbeeld.portal.sessies import in_portaal


def portaal(request: HttpRequest) -> dict[str, Any]:
    if not in_portaal(request):
        return {}
    algemeen = {
        "organisatie": settings.KLANTBEELD_ORGANISATIE_NAAM or "Gemeente",
        "menu": [(naam, label, reverse(naam)) for naam, label in MENU],
        "thema_css": thema.css(),
        "thema_klasse": thema.klasse(),
        "logo": thema.logo(),
    }
    wie = ingelogde(request)
    if wie is None:
        return algemeen
    return {
        **algemeen,
        "menu": menu(wie),
        "ingelogde": wie,
        "namens": lambda: naam_van(wie.klant),
        "gemachtigde": lambda: naam_van(wie.gemachtigde) if wie.gemachtigde else "",
    }


def menu(wie: Ingelogde) -> list[tuple[str, Any, str]]:
    """The menu with counts (unread messages) for the signed-in user."""
    items: list[tuple[str, Any, str]] = []
    for naam, label in MENU:
        aantal = import_string(TELLERS[naam])(wie) if naam in TELLERS else 0
        tekst: Any = label
        if aantal:
            tekst = ngettext(
                "%(label)s (%(aantal)d ongelezen)", "%(label)s (%(aantal)d ongelezen)", aantal
            ) % {"label": label, "aantal": aantal}
        items.append((naam, tekst, reverse(naam)))
    return items


def naam_van(identiteit: Identiteit) -> str:
    """The name Klantbeeld knows for this identity, else the number, partly hidden for a
    person (a screen may be seen by others)."""
    partij = bestaande_partij(identiteit)
    if partij is not None and partij.volledige_naam:
        return partij.volledige_naam
    if identiteit.bsn:
        return gettext("burgerservicenummer eindigend op %(cijfers)s") % {
            "cijfers": identiteit.bsn[-3:]
        }
    if identiteit.vestigingsnummer:
        return gettext("KVK-nummer %(kvk)s, vestiging %(vestiging)s") % {
            "kvk": identiteit.kvk_nummer,
            "vestiging": identiteit.vestigingsnummer,
        }
    return gettext("KVK-nummer %(kvk)s") % {"kvk": identiteit.kvk_nummer}
