"""Signing in to the portal with DigiD and eHerkenning in real Chromium, through a real
OpenID Connect provider acting as the municipality's broker."""

from __future__ import annotations

import base64
import datetime
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from authlib.integrations.django_client import DjangoOAuth2App
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from klantbeeld.domain.models import Partij
from standins.oidc import Provider
from tests.portal.conftest import BSN_ANNA, assert_accessible, at_320, inloggen

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_signs_in_with_digid_and_out_at_the_broker(
    page: Page, live_server: Any, broker: Provider
) -> None:
    page.goto(f"{live_server.url}/mijn/")
    expect(page).to_have_title("Inloggen · Mijn Gemeente")
    at_320(page)
    inloggen(page, live_server, "jan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")
    # A resident who never did anything has no partij yet, and gets none by looking (R3).
    expect(page.get_by_role("status")).to_contain_text("Ingelogd met DigiD")
    assert Partij.objects.count() == 0
    at_320(page)
    # The portal's session is its own: the workspace does not know this resident.
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["mijn_sessie"]["path"] == "/mijn/"
    assert cookies["mijn_sessie"]["httpOnly"]
    assert "sessionid" not in cookies
    page.goto(f"{live_server.url}/werkplek/")
    expect(page).to_have_title("Inloggen · Klantbeeld")

    page.goto(f"{live_server.url}/mijn/")
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    # Signed out at the broker too: the next login asks for the login again.
    page.goto(f"{live_server.url}/mijn/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    expect(page.locator("input[name=login]")).to_be_visible()


def test_a_representative_sees_for_whom_they_act(
    page: Page, live_server: Any, broker: Provider
) -> None:
    inloggen(page, live_server, "piet-voor-anna")
    expect(page.get_by_role("status")).to_contain_text("U handelt namens")
    expect(page.get_by_role("status")).to_contain_text("eindigend op")
    at_320(page)


def test_a_company_signs_in_with_eherkenning(
    page: Page, live_server: Any, broker: Provider
) -> None:
    inloggen(page, live_server, "bakkerij", middel="eHerkenning")
    expect(page.get_by_role("status")).to_contain_text("Ingelogd met eHerkenning")
    expect(page.get_by_role("status")).to_contain_text("vestiging")


def test_a_too_low_level_of_assurance_is_refused_where_a_function_demands_more(
    page: Page, live_server: Any, broker: Provider, settings: Any
) -> None:
    settings.KLANTBEELD_MIJN_NIVEAU_INZIEN = "midden"
    inloggen(page, live_server, "jan-basis")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hoger inlogniveau nodig")
    expect(page.get_by_text("betrouwbaarheidsniveau midden of hoger")).to_be_visible()
    response = page.goto(f"{live_server.url}/mijn/")
    assert response is not None and response.status == 403
    assert "no-store" in response.headers["cache-control"]
    at_320(page)
    # The way out: sign out (at the broker too) and in again with a higher level.
    page.get_by_role("button", name="Uitloggen en opnieuw inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    inloggen(page, live_server, "jan")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")


def _vervals(id_token: str, **claims: Any) -> str:
    """The ID token with changed claims and its original signature."""
    kop, inhoud, handtekening = id_token.split(".")
    data = json.loads(base64.urlsafe_b64decode(inhoud + "=" * (-len(inhoud) % 4)))
    data.update(claims)
    nieuw = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{kop}.{nieuw}.{handtekening}"


def _zonder_handtekening(id_token: str, **claims: Any) -> str:
    kop = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    return f"{kop}.{_vervals(id_token, **claims).split('.')[1]}."


@pytest.mark.parametrize("vervalsing", [_vervals, _zonder_handtekening])
def test_an_id_token_with_a_changed_claim_signs_nobody_in(
    page: Page,
    live_server: Any,
    broker: Provider,
    monkeypatch: pytest.MonkeyPatch,
    vervalsing: Callable[..., str],
) -> None:
    """The broker's real ID token for jan, changed on its way to Klantbeeld to say anna
    (as a man in the middle or a broken broker would): the signature no longer fits."""
    echt = DjangoOAuth2App.fetch_access_token

    def onderschept(self: DjangoOAuth2App, *args: Any, **kwargs: Any) -> dict[str, Any]:
        token: dict[str, Any] = echt(self, *args, **kwargs)
        token["id_token"] = vervalsing(token["id_token"], bsn=BSN_ANNA)
        return token

    monkeypatch.setattr(DjangoOAuth2App, "fetch_access_token", onderschept)
    page.goto(f"{live_server.url}/mijn/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    page.fill("input[name=login]", "jan")
    page.fill("input[name=password]", "wat-dan-ook")
    # The provider, the callback and the first page: slow on a loaded CI machine.
    page.click("button[type=submit]", timeout=30_000)
    expect(page.get_by_role("alert")).to_have_text(
        "Inloggen met DigiD is niet gelukt. Probeer het opnieuw."
    )
    assert_accessible(page)
    page.goto(f"{live_server.url}/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen op Mijn Gemeente")


def test_a_replayed_callback_signs_nobody_in(
    page: Page, live_server: Any, broker: Provider, browser: Browser
) -> None:
    terug: list[str] = []
    page.on(
        "request",
        lambda request: terug.append(request.url) if "/terug/?" in request.url else None,
    )
    inloggen(page, live_server, "jan")
    (callback,) = terug
    assert "state=" in callback and "code=" in callback
    # Someone else who got hold of the callback URL (browser history, a log).
    ander = browser.new_context()
    try:
        aanvaller = ander.new_page()
        response = aanvaller.goto(callback)
        assert response is not None and response.status == 400
        expect(aanvaller.get_by_role("alert")).to_contain_text("niet gelukt")
        aanvaller.goto(f"{live_server.url}/mijn/")
        expect(aanvaller.get_by_role("heading", level=1)).to_have_text("Inloggen op Mijn Gemeente")
    finally:
        ander.close()
    # And in the same browser: the state was used once, the login stays as it was.
    response = page.goto(callback)
    assert response is not None and response.status == 400
    page.goto(f"{live_server.url}/mijn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")


def test_the_login_gives_a_new_session_key_and_signing_out_leaves_no_cookie(
    page: Page, live_server: Any, broker: Provider
) -> None:
    # A key planted before the login (session fixation) is not taken over.
    page.context.add_cookies(
        [
            {
                "name": "mijn_sessie",
                "value": "geplantsessiesleutel0123456789ab",
                "domain": urlsplit(live_server.url).hostname or "",
                "path": "/mijn/",
            }
        ]
    )
    page.goto(f"{live_server.url}/mijn/")
    page.get_by_role("button", name="Inloggen met DigiD").click()
    expect(page.locator("input[name=login]")).to_be_visible()
    voor = _sessiesleutel(page)
    assert voor and voor != "geplantsessiesleutel0123456789ab"
    page.fill("input[name=login]", "jan")
    page.fill("input[name=password]", "wat-dan-ook")
    # The provider, the callback and the first page: slow on a loaded CI machine.
    page.click("button[type=submit]", timeout=30_000)
    expect(page.get_by_role("button", name="Uitloggen", exact=True)).to_be_visible()
    na = _sessiesleutel(page)
    assert na and na != voor
    assert not Session.objects.filter(session_key=voor).exists()

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")
    assert _sessiesleutel(page) is None
    assert not Session.objects.filter(session_key=na).exists()
    at_320(page)


def test_after_the_idle_time_the_login_page_says_why(
    page: Page, live_server: Any, broker: Provider
) -> None:
    inloggen(page, live_server, "anna")
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    page.reload()
    expect(page.get_by_role("status")).to_have_text(
        "U was 15 minuten niet actief. Voor uw veiligheid bent u uitgelogd. Log opnieuw in."
    )
    at_320(page)


def _sessiesleutel(page: Page) -> str | None:
    return next((c["value"] for c in page.context.cookies() if c["name"] == "mijn_sessie"), None)
