"""The call panel in real Chromium: what the agent types survives navigation, a reload and a
second tab; the keyboard shortcuts it shows work; every page with the panel passes axe at
1280 and 320 px without sideways scrolling."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from klantbeeld.demo.kennisbank import laad_kennisbank
from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Artikel, Klantcontact, Partij
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

    # The call goes on to a team found in the directory from the panel (C0534).
    page.keyboard.press("Alt+C")
    page.keyboard.type("Vergunningen")
    expect(paneel.get_by_role("button", name="Doorverbinden").first).to_be_visible()
    page.keyboard.press("Enter")
    expect(paneel).to_contain_text("Doorverbinden of opvolging door: Vergunningen")

    # Finishing: the one step, with the details of the follow-up folded away until needed.
    page.keyboard.press("Alt+V")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact afronden met Jan Jansen")
    expect(page.get_by_label("Toelichting voor wie het oppakt")).to_be_hidden()
    at_320(page)
    screenshot(page, "contact-afronden")
    page.get_by_label("Onderwerp", exact=True).fill("Afvalkalender")
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("Contact vastgelegd met nummer")
    [kc] = Klantcontact.objects.all()
    assert kc.inhoud == "Belt over de afvalkalender en de grijze container"
    [taak] = kc.interne_taken.all()
    assert [a.naam for a in taak.toegewezen_aan_actoren.all()] == ["Vergunningen"]
    expect(page.get_by_text("Verbind door met Vergunningen en noem contactnummer")).to_be_visible()
    expect(paneel.get_by_role("button", name="Nieuw contact")).to_be_visible()


class Agent:
    """What an agent does, counted: a click, a key press or a shortcut is an action; each
    key pressed (typed characters too) a keystroke. Choosing in a list is two actions."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.acties = 0
        self.toetsen = 0
        self.begin = time.monotonic()

    def klik(self, locator: Locator) -> None:
        locator.click()
        self.acties += 1

    def toets(self, toets: str) -> None:
        self.page.keyboard.press(toets)
        self.acties += 1
        self.toetsen += 1

    def typ(self, tekst: str) -> None:
        self.page.keyboard.type(tekst)
        self.toetsen += len(tekst)

    def vul(self, locator: Locator, tekst: str) -> None:
        self.klik(locator)
        self.typ(tekst)

    def kies(self, locator: Locator, label: str) -> None:
        locator.select_option(label=label)
        self.acties += 2

    def uitkomst(self) -> dict[str, float]:
        return {
            "acties": self.acties,
            "toetsen": self.toetsen,
            "seconden": round(time.monotonic() - self.begin, 1),
        }


VRAAG = "Wanneer wordt de grijze container geleegd?"
ANTWOORD_ZOEK = "afval ophalen kliko"
ARTIKEL = "Huisvuil: ophaaldagen en containers"


def test_the_common_call_with_the_panel_against_the_same_call_before(
    browser: Browser,
    live_server: Any,
    teams: dict[str, Actor],  # noqa: F811
    jan: Partij,  # noqa: F811
    record_property: Any,
):
    """The common call: find the caller by BSN, see the customer, answer from the
    knowledge base, register with a call-back request. Counted with the panel, and the
    same call as it was done before it (the separate contact form, the answer typed from
    another screen). Figures are reported, not timed against a limit."""
    laad_kennisbank()
    samenvatting = Artikel.objects.get(titel=ARTIKEL).samenvatting

    # Before: search, customer view, the contact form of more than twenty fields.
    sanne = werkplek(browser, live_server, "sanne")
    page = sanne.page
    voor = Agent(page)
    voor.klik(page.get_by_role("link", name="Klant zoeken", exact=True))
    voor.vul(page.get_by_label("Zoek op"), bsn(1))
    voor.toets("Enter")
    voor.klik(page.get_by_role("link", name="Jan Jansen"))
    voor.klik(page.get_by_role("link", name="Contact vastleggen"))
    voor.vul(page.get_by_label("Onderwerp"), ARTIKEL)
    voor.vul(page.get_by_label("Vraag of aanleiding"), VRAAG)
    voor.vul(page.get_by_label("Antwoord"), samenvatting)
    voor.kies(page.get_by_label("Opvolging door"), "Klantcontactcentrum")
    voor.klik(page.get_by_role("button", name="Vastleggen", exact=True))
    expect(page.get_by_role("status").first).to_contain_text("Contact vastgelegd met nummer")

    # With the panel, by keyboard where it helps.
    page.goto(f"{sanne.url}/werkplek/")
    met = Agent(page)
    met.toets("Alt+K")
    expect(page.get_by_label("Zoek op")).to_be_focused()
    met.typ(bsn(1))
    met.toets("Enter")
    met.klik(page.locator("main").get_by_role("link", name="Jan Jansen"))
    met.toets("Alt+B")  # starts the contact in the panel; the notes get the focus
    expect(page.locator("#belpaneel").get_by_role("link", name="Jan Jansen")).to_be_visible()
    expect(page.locator("#belpaneel").get_by_label("Vraag en aantekeningen")).to_be_focused()
    met.typ(VRAAG)
    met.toets("Alt+W")
    met.typ(ANTWOORD_ZOEK)
    expect(page.locator("#belpaneel .werkplek-kennistreffer").first).to_contain_text(ARTIKEL)
    met.toets("Enter")
    expect(page.locator("#belpaneel").get_by_label("Antwoord")).to_have_value(samenvatting)
    met.toets("Alt+V")
    met.kies(page.get_by_label("Opvolging door"), "Klantcontactcentrum")
    met.klik(page.get_by_role("button", name="Vastleggen", exact=True))
    expect(page.get_by_role("status").first).to_contain_text("Contact vastgelegd met nummer")

    eerst, nu = Klantcontact.objects.order_by("plaatsgevonden_op")
    for kc in (eerst, nu):
        assert (kc.onderwerp, kc.inhoud, kc.reactie) == (ARTIKEL, VRAAG, samenvatting)
        assert kc.interne_taken.get().gevraagde_handeling == "Terugbellen"
    figuren = {"voor": voor.uitkomst(), "met_belpaneel": met.uitkomst()}
    record_property("gewone_oproep", figuren)
    print(f"\nDe gewone oproep: {figuren}")
    assert met.toetsen < voor.toetsen / 2
    assert met.acties < voor.acties
