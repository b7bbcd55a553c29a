"""Security headers Django 5.2 does not send itself: Content-Security-Policy and
Permissions-Policy (HSTS, nosniff, Referrer-Policy and X-Frame-Options come from Django's
own middleware, configured in settings.py)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from klantbeeld.portal import thema


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def default_csp() -> str:
    """Everything the workspace, the admin and the API documentation load comes from this
    server (static files: htmx, the NL Design System CSS), nothing inline. Forms may also
    lead to the OpenID Connect providers (staff's, the portal's brokers): signing in and out
    redirect there."""
    from klantbeeld.portal.inloggen import broker_origins

    provider = sorted(
        {
            origin
            for origin in (
                _origin(settings.OIDC_OP_AUTHORIZATION_ENDPOINT),
                _origin(settings.OIDC_OP_LOGOUT_ENDPOINT),
            )
            if origin
        }
        # The portal's brokers (docs/portaal.md).
        | set(broker_origins())
    )
    form_action = " ".join(["'self'", *provider])
    # The portal's theme (docs/portaal.md) may come from the municipality's own server.
    style = " ".join(["'self'", *thema.stijl_origins()])
    img = " ".join(["'self'", "data:", *thema.beeld_origins()])
    # The live server's WebSockets when they are on another host or port (docs/live.md).
    connect = " ".join(["'self'", *filter(None, [_origin(settings.KLANTBEELD_LIVE_URL)])])
    return (
        f"default-src 'self'; script-src 'self'; style-src {style}; img-src {img}; "
        f"font-src {style}; connect-src {connect}; object-src 'none'; base-uri 'self'; "
        f"form-action {form_action}; frame-ancestors 'none'"
    )


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        csp = default_csp() if settings.KLANTBEELD_CSP is None else settings.KLANTBEELD_CSP
        if csp:
            response.headers.setdefault("Content-Security-Policy", csp)
        if settings.KLANTBEELD_PERMISSIONS_POLICY:
            response.headers.setdefault(
                "Permissions-Policy", settings.KLANTBEELD_PERMISSIONS_POLICY
            )
        return response
