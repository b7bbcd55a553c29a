"""Kennis in real Chromium: an agent types a question with a typo, the results come as
they type (no page load), the article opens, and feedback reaches its owner. axe-core at
1280 and 320 px, with no horizontal scrolling at 320 px."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.demo.kennisbank import laad_kennisbank
from klantbeeld.domain.models import Actor, Artikelfeedback
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_gevallen_browser import Werkplek, provider, teams  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_with_a_typo_open_the_article_and_send_feedback(
    browser: Browser,
    live_server: Any,
    teams: dict[str, Actor],  # noqa: F811
):
    laad_kennisbank()
    sanne = Werkplek(browser, live_server, "sanne")
    page = sanne.page
    page.get_by_role("link", name="Kennis", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kennis")
    page.evaluate("window.zelfdePagina = true")
    page.get_by_label("Zoek in de kennis").press_sequentially("parkeervergunnig aanvrag")
    eerste = page.locator(".werkplek-kennistreffer").first
    expect(eerste.get_by_role("link")).to_have_text("Parkeervergunning voor bewoners")
    assert page.evaluate("window.zelfdePagina") is True  # results as you type, no page load
    assert "q=parkeervergunnig" in page.url  # kept across Back
    expect(eerste.locator("mark").first).to_have_text("Parkeervergunning")
    # Hidden in the page; the call panel's script shows them.
    expect(eerste.get_by_role("button", name="Neem over in contact")).to_be_visible()
    op_elke_breedte(page)
    screenshot(page, "kennis-zoeken")

    eerste.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parkeervergunning voor bewoners")
    expect(page.get_by_text("Vergunningen", exact=True)).to_be_visible()  # the owner
    expect(page.get_by_role("heading", level=2, name="Kosten")).to_be_visible()
    op_elke_breedte(page)
    screenshot(page, "kennis-artikel")

    page.get_by_label("Wat klopt er niet, of wat ontbreekt?").fill(
        "Een tweede vergunning kost nu € 135."
    )
    page.get_by_role("button", name="Feedback versturen").click()
    expect(page.get_by_role("status")).to_contain_text("Uw feedback staat bij de eigenaar")
    op_elke_breedte(page)
    [feedback] = Artikelfeedback.objects.all()
    assert (feedback.tekst, feedback.gegeven_door, feedback.artikel.eigenaar.naam) == (
        "Een tweede vergunning kost nu € 135.",
        "Sanne de Vries",
        "Vergunningen",
    )

    # Back to the search: the question and its results are still there.
    page.go_back()
    page.go_back()
    expect(page.get_by_label("Zoek in de kennis")).to_have_value("parkeervergunnig aanvrag")

    # Lisa is in team Vergunningen, the article's owner: the feedback is on her Kennis page.
    lisa = Werkplek(browser, live_server, "lisa")
    lisa.page.get_by_role("link", name="Kennis", exact=True).click()
    expect(
        lisa.page.get_by_role("heading", level=2, name="Feedback op uw artikelen")
    ).to_be_visible()
    expect(lisa.page.get_by_text("Een tweede vergunning kost nu € 135.")).to_be_visible()
    op_elke_breedte(lisa.page)
    lisa.page.get_by_role("button", name="Afgehandeld").click()
    expect(lisa.page.get_by_role("status")).to_have_text("De feedback is afgehandeld.")
    feedback.refresh_from_db()
    assert feedback.afgehandeld
