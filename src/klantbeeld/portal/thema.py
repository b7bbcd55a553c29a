"""The municipality's look in the portal: NL Design System components themed by the
municipality's design tokens (settings ``KLANTBEELD_MIJN_THEMA_*`` and
``KLANTBEELD_MIJN_LOGO``, docs/portaal.md)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.templatetags.static import static


def adres(waarde: str) -> str:
    """The URL of a theme file: a full URL or a path on this server as it is, anything
    else a path among the static files (``thema/tokens.css``)."""
    waarde = waarde.strip()
    if not waarde:
        return ""
    if urlsplit(waarde).scheme in {"http", "https"} or waarde.startswith("/"):
        return waarde
    return static(waarde)


def css() -> str:
    return adres(settings.KLANTBEELD_MIJN_THEMA_CSS)


def logo() -> str:
    return adres(settings.KLANTBEELD_MIJN_LOGO)


def klasse() -> str:
    return settings.KLANTBEELD_MIJN_THEMA_KLASSE.strip() or "utrecht-theme"


def _origin(url: str) -> str:
    delen = urlsplit(url)
    return f"{delen.scheme}://{delen.netloc}" if delen.scheme and delen.netloc else ""


def stijl_origins() -> list[str]:
    """Other origins the theme's CSS comes from, for the Content-Security-Policy's
    style-src (and font-src: a theme may load its typeface from beside its tokens)."""
    origin = _origin(css())
    return [origin] if origin else []


def beeld_origins() -> list[str]:
    origin = _origin(logo())
    return [origin] if origin else []
