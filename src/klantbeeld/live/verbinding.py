"""The address a page's script opens its WebSocket at."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest

from klantbeeld.live.tickets import werkplek_ticket


def adres(pad: str, **query: str) -> str:
    """``pad`` on the live server: absolute when KLANTBEELD_LIVE_URL names one, else a
    path on the page's own host (the script makes it ws: or wss:)."""
    basis = settings.KLANTBEELD_LIVE_URL.rstrip("/")
    return f"{basis}/live/{pad}?{urlencode(query)}" if query else f"{basis}/live/{pad}"


def werkplek_adres(request: HttpRequest) -> str:
    return adres("werkplek/", ticket=werkplek_ticket(request))
