"""Who may use the chat: the organisation's websites that embed the widget
(KLANTBEELD_CHAT_HERKOMSTEN) and Klantbeeld's own pages, checked on the Origin a browser
sends with every cross-site request and WebSocket; and how often one address may open
chats or send files (a counter per period in Django's cache, as the contact forms do).

A request without an Origin header is not a browser on another site (browsers always send
it on these requests); such a client could forge any Origin anyway, so the secret of the
conversation is what protects it, and the rate limits what protects the server.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponseBase
from django.utils.crypto import salted_hmac

from klantbeeld.workspace.aanmeldingen import client_ip

_SALT = "klantbeeld.channels.chat.limiet"


def herkomst(url: str) -> str:
    """``scheme://host[:port]`` of ``url``, lower case; empty when it is not one."""
    delen = urlsplit(url.strip())
    if not delen.scheme or not delen.netloc:
        return ""
    return f"{delen.scheme}://{delen.netloc}".lower()


def eigen_herkomsten() -> set[str]:
    """Klantbeeld's own pages (the portal): KLANTBEELD_BASE_URL, or where ``klantbeeld
    serve`` listens when that is not set."""
    if settings.KLANTBEELD_BASE_URL:
        return {herkomst(settings.KLANTBEELD_BASE_URL)}
    poort = settings.KLANTBEELD_PORT
    return {
        f"http://{host}:{poort}" for host in (settings.KLANTBEELD_HOST, "localhost", "127.0.0.1")
    }


def toegestaan(origin: str | None, *, eigen_host: str = "", scheme: str = "") -> bool:
    """May a page from ``origin`` use the chat? No Origin: not a browser on another site.
    ``eigen_host``: the Host the request came to (a page of that same host may)."""
    if not origin:
        return True
    gezien = herkomst(origin)
    if not gezien:
        return False
    if eigen_host and scheme and gezien == f"{scheme}://{eigen_host}".lower():
        return True
    return gezien in eigen_herkomsten() | {herkomst(h) for h in settings.KLANTBEELD_CHAT_HERKOMSTEN}


def verzoek_toegestaan(request: HttpRequest) -> bool:
    return toegestaan(
        request.headers.get("Origin"), eigen_host=request.get_host(), scheme=request.scheme or ""
    )


def cors(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Let the page that asked read the answer (only pages allowed get here)."""
    origin = request.headers.get("Origin")
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type, X-Klantbeeld-Sleutel"
        response["Access-Control-Max-Age"] = "600"
    response["Vary"] = "Origin"
    return response


def binnen_limiet(request: HttpRequest, wat: str) -> bool:
    """Count one more ``wat`` (open, bestand) from this address; False once over the limit."""
    limiet = settings.KLANTBEELD_CHAT_LIMIET_PER_IP
    if limiet <= 0:
        return True
    periode = settings.KLANTBEELD_CHAT_LIMIET_SECONDEN
    # The address is personal data: the cache holds a keyed hash of it.
    ip = salted_hmac(_SALT, client_ip(request) or "", algorithm="sha256").hexdigest()[:32]
    sleutel = f"klantbeeld:chat:limiet:{wat}:{ip}:{int(time.time() // periode)}"
    cache.add(sleutel, 0, timeout=periode)
    try:
        aantal = cache.incr(sleutel)
    except ValueError:  # expired between add and incr
        cache.set(sleutel, 1, timeout=periode)
        aantal = 1
    return aantal <= limiet
