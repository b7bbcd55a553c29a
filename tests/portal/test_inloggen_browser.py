"""Signing in to the portal with DigiD and eHerkenning in real Chromium, through a real
OpenID Connect provider acting as the municipality's broker."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from klantbeeld.domain.models import Partij
from standins.oidc import Provider
from tests.portal.conftest import at_320, inloggen

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
