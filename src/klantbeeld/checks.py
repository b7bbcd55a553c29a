"""Checks that stop a production server (DEBUG off) from starting with a configuration an
attacker could use: a guessable SECRET_KEY, or any Host header accepted. They run with
every ``klantbeeld`` command (``serve``, ``worker``, ``migrate``) and when the WSGI
application loads (wsgi.py)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, register

SECURITY = "klantbeeld_security"
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_CHARACTERS = 5


@register(Tags.security, SECURITY)
def check_production_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    key = str(settings.SECRET_KEY)
    if (
        len(key) < MIN_SECRET_KEY_LENGTH
        or len(set(key)) < MIN_SECRET_KEY_CHARACTERS
        or key.startswith("django-insecure-")
    ):
        errors.append(
            Error(
                "SECRET_KEY is too weak: it signs sessions and password resets.",
                hint=f"Use at least {MIN_SECRET_KEY_LENGTH} random characters, e.g. "
                "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`.",
                id="klantbeeld.E001",
            )
        )
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(
            Error(
                "ALLOWED_HOSTS contains '*': any Host header is accepted, and the URLs "
                "Klantbeeld builds (OpenID Connect, error types) follow it.",
                hint="List the host names the server answers to, e.g. "
                "ALLOWED_HOSTS=klanten.gemeente.nl.",
                id="klantbeeld.E002",
            )
        )
    return errors
