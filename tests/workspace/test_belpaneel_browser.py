"""The call panel in real Chromium: what the agent types survives navigation, a reload and a
second tab; the keyboard shortcuts it shows work; every page with the panel passes axe at
1280 and 320 px without sideways scrolling."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Klantcontact, Partij
from klantbeeld.workspace.models import LopendOnderwerp
from tests.portal.conftest import at_320
from tests.workspace.conftest import screenshot
from tests.workspace.test_gevallen_browser import (  # noqa: F401  (fixtures)
    jan,
    provider,
    teams,
    werkplek,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_notes_survive_navigation_reload_and_a_second_tab(
    browser: Browser,
    live_server: Any,
    teams: dict[str, Actor],  # noqa: F811
    jan: Partij,  # noqa: F811
):
    sanne = werkplek(browser, live_server, "sanne")
    page = sanne.page
    paneel = page.locator("#belpaneel")

    page.keyboard.press("Alt+N")
    notities = paneel.get_by_label("Vraag en aantekeningen")
    expect(notities).to_be_visible()
    page.keyboard.press("Alt+I")
    expect(notities).to_be_focused()
    page.keyboard.type("Belt over de afvalkalender")
    # Straight on to the search (Alt+K): nothing typed is lost on the way.
    page.keyboard.press("Alt+K")
    expect(page.get_by_role("heading", level=1)).to_have_text("Klant zoeken")
    expect(paneel.get_by_label("Vraag en aantekeningen")).to_have_value(
        "Belt over de afvalkalender"
    )
    page.keyboard.press("Alt+K")
    expect(page.get_by_label("Zoek op")).to_be_focused()
    page.keyboard.type(bsn(1))
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Jan Jansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jan Jansen")
    page.keyboard.press("Alt+B")
    expect(paneel.get_by_role("link", name="Jan Jansen")).to_be_visible()
    at_320(page)
    screenshot(page, "belpaneel")

    page.reload()
    expect(paneel.get_by_label("Vraag en aantekeningen")).to_have_value(
        "Belt over de afvalkalender"
    )

    # A second tab shows the same call; what is typed there shows here on coming back.
    tab = sanne.context.new_page()
    tab.goto(f"{sanne.url}/werkplek/taken/")
    tweede = tab.locator("#belpaneel").get_by_label("Vraag en aantekeningen")
    expect(tweede).to_have_value("Belt over de afvalkalender")
    tweede.fill("Belt over de afvalkalender en de grijze container")
    tab.locator("#belpaneel").get_by_label("Antwoord").click()  # leaves the field: saved
    expect(tab.locator("[data-belpaneel-status]")).to_have_text("Opgeslagen")
    page.bring_to_front()
    page.evaluate("window.dispatchEvent(new Event('focus'))")
    expect(paneel.get_by_label("Vraag en aantekeningen")).to_have_value(
        "Belt over de afvalkalender en de grijze container"
    )
    [onderwerp] = LopendOnderwerp.objects.all()
    assert onderwerp.vraag == "Belt over de afvalkalender en de grijze container"

    # Finishing: the one step, with follow-up folded away until needed.
    page.keyboard.press("Alt+V")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact afronden met Jan Jansen")
    expect(page.get_by_label("Opvolging door")).to_be_hidden()
    at_320(page)
    screenshot(page, "contact-afronden")
    page.get_by_label("Onderwerp", exact=True).fill("Afvalkalender")
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Contact vastgelegd met nummer")
    [kc] = Klantcontact.objects.all()
    assert kc.inhoud == "Belt over de afvalkalender en de grijze container"
    expect(paneel.get_by_role("button", name="Nieuw contact")).to_be_visible()
