"""In real Chromium, signed in through the real OpenID Connect provider: a KCC employee
finds the caller, one of three Henk Bos, in the BRP by achternaam and geboortedatum,
opens him in the register and verifies him against the BRP. Every page is checked with
axe-core at 1280 and at 320 px, where it must not scroll sideways."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.privacy.models import Verwerkingsactie
from standins.brp import LocalBrp
from tests.support.basisregistraties import HENK_NIEUWEGEIN, HENK_VEENENDAAL, HENK_WOERDEN
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_brp import henk_in_register
from tests.workspace.test_gevallen_browser import Werkplek, provider  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_henk_bos_found_by_birth_date_opened_and_verified(
    browser: Browser,
    live_server: Any,
    provider: Any,  # noqa: F811
    brp: LocalBrp,
) -> None:
    for henk in (HENK_WOERDEN, HENK_VEENENDAAL):
        henk_in_register(henk)
    # The caller's register entry still has his old address.
    gezocht = henk_in_register(HENK_NIEUWEGEIN, straat="Dorpsstraat", huisnummer=3)
    werkplek = Werkplek(browser, live_server, "sanne")
    page = werkplek.page

    page.get_by_role("link", name="Klant zoeken").click()
    page.get_by_role("link", name="Zoeken in de BRP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoeken in de BRP")
    op_elke_breedte(page)
    page.get_by_label("Achternaam").fill("Bos")
    page.get_by_label("Geboortedatum").fill("1971-11-03")
    page.get_by_role("button", name="Zoeken in de BRP").click()
    expect(page.get_by_role("heading", name="1 persoon gevonden in de BRP")).to_be_visible()
    resultaat = page.get_by_role("table", name="1 persoon gevonden in de BRP")
    expect(resultaat).to_contain_text("3 november 1971")
    expect(resultaat).to_contain_text("Beatrixstraat 92")
    op_elke_breedte(page)
    screenshot(page, "brp-zoeken")
    # The person found is the caller: into the call panel with one click.
    resultaat.get_by_role("button", name="Koppel aan gesprek").click()
    expect(page.locator("#belpaneel").get_by_role("link", name="Henk Bos")).to_be_visible()

    resultaat.get_by_role("link", name="Henk Bos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Henk Bos")
    assert str(gezocht.uuid) in page.url
    page.get_by_role("link", name="Controleer in BRP").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Henk Bos in de BRP")
    expect(page.get_by_role("status").first).to_contain_text("De BRP wijkt af")
    vergelijking = page.get_by_role("table", name="Vergelijking met het klantregister")
    expect(vergelijking.get_by_role("row", name="Adres")).to_contain_text("anders")
    expect(vergelijking.get_by_role("row", name="Achternaam")).to_contain_text("gelijk")
    op_elke_breedte(page)
    screenshot(page, "brp-controle")

    page.get_by_role("link", name="Terug naar het klantbeeld").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Henk Bos")
    handelingen = set(Verwerkingsactie.objects.values_list("handeling_naam", "gegevensbron"))
    assert {
        ("Persoon zoeken in de BRP op achternaam en geboortedatum", "BRP"),
        ("Gegevens van de klant controleren in de BRP", "BRP"),
    } <= handelingen
    werkplek.context.close()
