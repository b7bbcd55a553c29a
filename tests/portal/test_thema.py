"""The municipality's theme: its design tokens after the default ones, its class on
<html>, its logo, and the Content-Security-Policy letting them in; and the language."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from klantbeeld.portal.identiteit import Middel, OngeldigeInlog, uit_claims

pytestmark = pytest.mark.django_db


def test_by_default_the_portal_has_the_utrecht_theme(client: Client) -> None:
    pagina = client.get("/mijn/inloggen/").content.decode()
    assert '<html lang="nl" class="utrecht-theme">' in pagina
    assert "portaal-logo" not in pagina


def test_the_municipalitys_tokens_class_and_logo(client: Client, settings: Any) -> None:
    settings.KLANTBEELD_MIJN_THEMA_CSS = "https://huisstijl.voorbeeld.nl/design-tokens/theme.css"
    settings.KLANTBEELD_MIJN_THEMA_KLASSE = "voorbeeld-theme"
    settings.KLANTBEELD_MIJN_LOGO = "https://huisstijl.voorbeeld.nl/logo.svg"
    response = client.get("/mijn/inloggen/")
    pagina = response.content.decode()
    assert '<html lang="nl" class="voorbeeld-theme">' in pagina
    tokens = pagina.index("vendor/utrecht-tokens/index.css")
    thema = pagina.index('href="https://huisstijl.voorbeeld.nl/design-tokens/theme.css"')
    assert tokens < thema  # the theme's tokens win over the defaults
    logo = '<img class="portaal-logo" src="https://huisstijl.voorbeeld.nl/logo.svg" alt="">'
    assert logo in pagina
    csp = response["Content-Security-Policy"]
    assert "style-src 'self' https://huisstijl.voorbeeld.nl;" in csp
    assert "img-src 'self' data: https://huisstijl.voorbeeld.nl;" in csp
    assert "script-src 'self';" in csp  # a theme never brings scripts


def test_a_theme_among_the_static_files_stays_same_origin(client: Client, settings: Any) -> None:
    settings.KLANTBEELD_MIJN_THEMA_CSS = "thema/tokens.css"
    response = client.get("/mijn/inloggen/")
    assert 'href="/static/thema/tokens.css"' in response.content.decode()
    assert "style-src 'self';" in response["Content-Security-Policy"]


def test_the_login_pages_speak_english_when_chosen(client: Client, settings: Any) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pagina = client.get("/mijn/inloggen/", {"verlopen": "1"}).content.decode()
    assert "Sign in to My Gemeente" in pagina
    assert "You were inactive for 15 minutes." in pagina
    with (
        translation.override("en"),
        pytest.raises(OngeldigeInlog, match="valid citizen service number"),
    ):
        uit_claims(Middel.DIGID, {"sub": "x", "bsn": "123"})
