"""Issue 15 in real Chromium: a customer found by street and house number, opened, and
the search with its results back after the browser's Back (no BSN in any URL); the
directory of colleagues with who can be reached now; a call-back request routed to a
colleague found by the directory's search. Every page checked with axe at 1280 and
320 px, without sideways scrolling at 320 px."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, InterneTaak
from klantbeeld.domain.models.collegas import Afwezigheid, Gidsvermelding, Vaardigheid, Werktijd
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.conftest import assert_accessible, screenshot
from tests.workspace.test_gevallen_browser import (  # noqa: F401  (fixtures)
    Werkplek,
    contact_vastleggen,
    provider,
    teams,
)

pytestmark = pytest.mark.django_db(transaction=True)


def breed_en_smal(page: Page) -> None:
    """axe at 1280 and at 320 px, and nothing wider than the screen at 320 px (WCAG
    1.4.10)."""
    for breedte in (320, 1280):
        page.set_viewport_size({"width": breedte, "height": 900})
        assert_accessible(page)
        if breedte == 320:
            assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url


def gids(afdelingen: dict[str, Actor]) -> tuple[Actor, Actor]:
    """Vergunningen open around the clock (reachable whenever the test runs), Lisa in it
    with her own number and a skill; Kees away this week."""
    kantoor = Gidsvermelding.objects.create(actor=afdelingen["Vergunningen"])
    for dag in range(1, 8):
        Werktijd.objects.create(
            vermelding=kantoor, weekdag=dag, begin=datetime.time(0), einde=datetime.time(23, 59)
        )
    lisa = Actor.objects.get(actoridentificator_object_id="lisa")
    vermelding = Gidsvermelding.objects.create(
        actor=lisa, functie="Vergunningverlener", telefoonnummer="030 286 12 34"
    )
    vermelding.vaardigheden.add(Vaardigheid.objects.create(naam="Dakkapel"))
    kees = Actor.objects.get(actoridentificator_object_id="kees")
    vandaag = datetime.date.today()
    Afwezigheid.objects.create(
        vermelding=Gidsvermelding.objects.create(actor=kees),
        van=vandaag,
        tot_en_met=vandaag + datetime.timedelta(days=3),
    )
    return lisa, kees


def test_street_search_back_and_a_colleague_found_for_the_call_back(
    browser: Browser,
    live_server: Any,
    teams: dict[str, Actor],  # noqa: F811
):
    jan = persoon(
        "Jan",
        "Jansen",
        bezoekadres_straatnaam="Parkweg",
        bezoekadres_huisnummer=88,
        bezoekadres_postcode="1234 AB",
        bezoekadres_stad="Utrecht",
    )
    nummer(jan, "bsn", bsn(1))
    persoon(
        "Els",
        "Visser",
        bezoekadres_straatnaam="Parkweg",
        bezoekadres_huisnummer=88,
        bezoekadres_huisnummertoevoeging="a",
    )
    lisa, _ = gids(teams)
    sanne = Werkplek(browser, live_server, "sanne")

    # Street and house number in one box; the results page's address holds a key only.
    page = sanne.zoek("Parkweg 88")
    expect(page.locator("#resultaten")).to_have_text("2 gevonden")
    expect(page).to_have_url(re.compile(r"/werkplek/zoeken/\?opdracht=[\w-]+$"))
    breed_en_smal(page)
    screenshot(page, "zoeken-straat")

    # A customer opened, and Back: the search and its results are there again.
    page.get_by_role("link", name="Jan Jansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jan Jansen")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klant zoeken")
    expect(page.get_by_label("Zoek op")).to_have_value("Parkweg 88")
    expect(page.get_by_role("link", name="Els Visser")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('htmx-history-cache')") is None

    # A BSN is in no address either.
    page = sanne.zoek(bsn(1))
    assert bsn(1) not in page.url
    page.get_by_role("link", name="Jan Jansen").click()
    page.go_back()
    expect(page.get_by_role("link", name="Jan Jansen")).to_be_visible()
    assert bsn(1) not in page.url

    # The directory: found as one types, with who can be reached now and a number to dial.
    page.get_by_role("link", name="Collega's").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collega's")
    page.get_by_label("Zoek een collega of team").fill("dakkap")
    expect(page.locator("#collega-resultaten h3")).to_have_text(["Lisa van Dijk"])
    expect(page.locator("#collega-resultaten")).to_contain_text("Nu bereikbaar")
    expect(page.get_by_role("link", name="030 286 12 34")).to_have_attribute(
        "href", "tel:0302861234"
    )
    expect(page).to_have_url(re.compile(r"/werkplek/collegas/\?q=dakkap$"))
    breed_en_smal(page)
    page.get_by_label("Zoek een collega of team").fill("openbare ruimte")
    expect(page.locator("#collega-resultaten")).to_contain_text("Afwezig tot en met")
    screenshot(page, "collegas")
    page.get_by_role("link", name="Mijn bereikbaarheid bijwerken").click()
    page.get_by_label("Van").first.fill("08:30")
    page.get_by_label("Tot").first.fill("17:00")
    page.get_by_role("button", name="Werktijden bewaren").click()
    expect(page.get_by_role("status").first).to_have_text("Uw werktijden zijn bewaard.")
    breed_en_smal(page)

    # C9167: the call-back request goes to the colleague the directory's search found.
    page = sanne.open_klant(bsn(1), "Jan Jansen")
    contact_vastleggen(page, "Dakkapel", Vraag_of_aanleiding="Mag ik een dakkapel bouwen?")
    page.get_by_label("Zoek een team of collega").fill("dakkapel")
    expect(page.get_by_label("Opvolging door")).to_have_value(str(lisa.pk))
    expect(page.get_by_role("status").filter(has_text="gevonden")).to_contain_text("1 gevonden")
    expect(page.get_by_label("Onderwerp")).to_have_value("Dakkapel")
    breed_en_smal(page)
    page.get_by_label("Zoek een team of collega").press("Enter")  # searches, sends nothing
    expect(page.get_by_label("Onderwerp")).to_have_value("Dakkapel")
    page.get_by_role("button", name="Vastleggen").click()
    assert "is uitgezet" in sanne.bericht()
    assert list(InterneTaak.objects.values_list("toegewezen_aan_actoren", flat=True)) == [lisa.pk]
