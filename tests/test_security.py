"""Security headers on every answer, and the checks that refuse an unsafe production
configuration (a weak SECRET_KEY, any Host accepted)."""

from __future__ import annotations

import pytest
from django.test import Client

from klantbeeld.checks import check_production_settings

STRONG_KEY = "k3N9-q8ZrT1vX0bYw2LmP5sJ7dF4hG6aQeRtUiOpAsDfGhJkLzXcVbNm"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/werkplek/inloggen/", "/klantinteracties/api/v1/partijen"])
def test_every_answer_carries_the_security_headers(path):
    response = Client().get(path)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_hsts_only_over_https_and_configurable(settings):
    assert "Strict-Transport-Security" not in Client().get("/werkplek/inloggen/")
    secure = Client().get("/werkplek/inloggen/", secure=True)
    assert secure["Strict-Transport-Security"] == "max-age=31536000"
    settings.SECURE_HSTS_SECONDS = 0
    assert "Strict-Transport-Security" not in Client().get("/werkplek/inloggen/", secure=True)


def _ids(settings) -> set[str]:
    return {error.id for error in check_production_settings()}


@pytest.mark.parametrize(
    "key", ["geheim", "a" * 60, "django-insecure-" + STRONG_KEY, STRONG_KEY[:40]]
)
def test_production_refuses_a_weak_secret_key(settings, key):
    settings.DEBUG, settings.ALLOWED_HOSTS, settings.SECRET_KEY = False, ["k.example.nl"], key
    assert _ids(settings) == {"klantbeeld.E001"}


def test_production_refuses_any_host(settings):
    settings.DEBUG, settings.SECRET_KEY = False, STRONG_KEY
    settings.ALLOWED_HOSTS = ["klanten.gemeente.nl", "*"]
    assert _ids(settings) == {"klantbeeld.E002"}


def test_a_sound_production_configuration_passes_and_debug_is_not_checked(settings):
    settings.DEBUG, settings.SECRET_KEY = False, STRONG_KEY
    settings.ALLOWED_HOSTS = ["klanten.gemeente.nl"]
    assert _ids(settings) == set()
    settings.DEBUG, settings.SECRET_KEY, settings.ALLOWED_HOSTS = True, "x", ["*"]
    assert _ids(settings) == set()


def test_the_default_host_list_is_this_machine_and_the_base_url(monkeypatch):
    import importlib

    import klantbeeld.settings as module

    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    monkeypatch.setenv("KLANTBEELD_BASE_URL", "https://klanten.gemeente.nl/")
    try:
        reloaded = importlib.reload(module)
        assert reloaded.ALLOWED_HOSTS == [
            "localhost",
            "127.0.0.1",
            "[::1]",
            "klanten.gemeente.nl",
        ]
    finally:
        monkeypatch.undo()
        importlib.reload(module)


@pytest.mark.django_db
def test_forms_may_lead_to_the_openid_connect_provider_and_the_policy_is_configurable(settings):
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.gemeente.nl/auth/authorize"
    settings.OIDC_OP_LOGOUT_ENDPOINT = "https://login.gemeente.nl/auth/logout"
    csp = Client().get("/werkplek/inloggen/")["Content-Security-Policy"]
    assert "form-action 'self' https://login.gemeente.nl;" in csp
    settings.KLANTBEELD_CSP = "default-src 'none'"
    assert Client().get("/werkplek/inloggen/")["Content-Security-Policy"] == "default-src 'none'"
    settings.KLANTBEELD_CSP = ""
    assert "Content-Security-Policy" not in Client().get("/werkplek/inloggen/")
