"""The dashboard in real Chromium: management signs in, opens "Inzicht", narrows the
figures with the filters (a bookmarkable address) and reads the contacts, tasks,
complaint terms and satisfaction created in the test; axe finds nothing on the page; a
KCC employee without the role gets no access."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from standins.oidc import Provider
from tests.insight.gegevens import Register, vul
from tests.support.werkplek import werkplek_provider
from tests.workspace.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

MENSEN = {
    "mia": ("Mia Verbeek", ["management"]),
    "anna": ("Anna", ["teamleider"]),
    "sanne": ("Sanne de Vries", ["kcc-medewerker"]),
}


@pytest.fixture
def provider(live_server: Any, settings: Any) -> Iterator[Provider]:
    with werkplek_provider(live_server, settings, MENSEN) as op:
        yield op


@pytest.fixture
def register(provider: Provider, settings: Any) -> Register:
    # Small numbers on purpose: the suppression has its own tests (test_cijfers.py).
    settings.KLANTBEELD_INZICHT_MINIMUM = 1
    dag = timezone.localdate() - datetime.timedelta(days=14)
    r = vul(dag)
    call_command("inzicht_bijwerken", vanaf=(dag - datetime.timedelta(days=1)).isoformat())
    return r


# What the Content-Security-Policy refused on any page of these tests: nothing may be.
GEWEIGERD: list[str] = []


@pytest.fixture(autouse=True)
def _niets_geweigerd() -> Iterator[None]:
    GEWEIGERD.clear()
    yield
    assert GEWEIGERD == []


def aanmelden(browser: Browser, live_server: Any, login: str) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(10_000)
    page.on(
        "console",
        lambda bericht: (
            GEWEIGERD.append(bericht.text) if "Content Security Policy" in bericht.text else None
        ),
    )
    page.goto(f"{live_server.url}/werkplek/")
    page.get_by_role("link", name="Inloggen met uw organisatie-account").click()
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "wat-dan-ook")
    page.click("button[type=submit]", timeout=30_000)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welkom, {MENSEN[login][0]}")
    return page


def cel(page: Page, sectie: str, rij: str, kolom: int) -> str:
    regel = page.locator(f"table[data-sectie='{sectie}'] tbody tr").filter(
        has=page.get_by_role("rowheader", name=rij, exact=True)
    )
    return regel.locator("td").nth(kolom).inner_text()


def test_management_reads_the_figures_and_filters_them(
    browser: Browser, live_server: Any, register: Register
):
    page = aanmelden(browser, live_server, "mia")
    page.get_by_role("link", name="Inzicht", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inzicht")
    assert_accessible(page)

    page.locator("#id_periode").select_option("eigen")
    page.get_by_role("textbox", name="Van (niet verplicht)").fill(
        (register.dag - datetime.timedelta(days=1)).isoformat()
    )
    page.get_by_role("textbox", name="Tot en met (niet verplicht)").fill(
        (register.dag + datetime.timedelta(days=10)).isoformat()
    )
    page.get_by_role("button", name="Tonen").click()
    expect(page).to_have_url(re.compile(r"vanaf="))
    dag = register.dag.strftime("%-d")
    # Contacts: three calls, a mail and its answer on the day.
    eerste_rij = page.locator("table[data-sectie='contacten'] tbody tr").nth(1)
    expect(eerste_rij.locator("th")).to_contain_text(dag)
    expect(eerste_rij.locator("td").last).to_have_text("5")
    # Tasks of Belastingen: one open and late now, two opened, one handled late in 24 hours.
    assert [cel(page, "taken", "Belastingen", i) for i in range(6)] == [
        "1",
        "1",
        "2",
        "1",
        "1",
        "24,0",
    ]
    # Complaints: three received, two decided, one of them within its term.
    assert [cel(page, "klachten", "Hele periode", i) for i in range(4)] == ["3", "2", "1", "50,0%"]
    expect(page.get_by_text("Nu open met verstreken termijn: 1.")).to_be_visible()
    # Satisfaction: NPS (2 promoters - 1 detractor) / 4 answers, CSAT 4.
    assert cel(page, "tevredenheid", "Hele periode", 5) == "25,0"
    assert cel(page, "tevredenheid", "Hele periode", 1) == "4,0"
    # Each chart says its trend in words.
    expect(page.locator("svg[role=img] desc").first).to_contain_text("van")
    assert_accessible(page)
    screenshot(page, "inzicht-dashboard")

    # Only the calls: the address holds the filters and can be bookmarked.
    page.locator("#id_kanaal").select_option("telefoon")
    page.locator("#id_team").select_option(label="Belastingen")
    page.get_by_role("button", name="Tonen").click()
    assert "kanaal=telefoon" in page.url and f"team={register.belastingen.pk}" in page.url
    expect(page.locator("table[data-sectie='contacten'] thead th")).to_have_text(
        ["Periode", "Telefoon", "Totaal"]
    )
    assert cel(page, "eerste-contact", "Telefoon", 2) == "50,0%"
    tweede = aanmelden(browser, live_server, "mia")
    tweede.goto(page.url)
    expect(tweede.locator("#id_kanaal")).to_have_value("telefoon")
    assert_accessible(page)


def test_a_kcc_employee_gets_no_access(browser: Browser, live_server: Any, register: Register):
    page = aanmelden(browser, live_server, "sanne")
    expect(page.get_by_role("link", name="Inzicht", exact=True)).to_have_count(0)
    page.goto(f"{live_server.url}/werkplek/inzicht/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    assert_accessible(page)


def test_a_teamleader_sees_their_team(browser: Browser, live_server: Any, register: Register):
    page = aanmelden(browser, live_server, "anna")  # a member of Belastingen
    page.get_by_role("link", name="Inzicht", exact=True).click()
    opties = page.locator("#id_team option").all_inner_texts()
    assert opties == ["Al mijn teams", "Belastingen"]
    assert_accessible(page)
