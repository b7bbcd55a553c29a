"""Telephony in real Chromium with the live server: the local telephony platform
(standins/telefonie.py) places a call and the agent's extension answers; the agent's
open workspace shows the call in its call panel without a reload, keeps the contact the
agent was typing, shows the end and the duration, and registers a klantcontact with the
call's start. A call nobody answered is a call-back task in the team's queue. Both checked
through the Klantinteracties API; the changed screens pass axe at 320 and 1280 px."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.channels.telefonie.models import Oproep, Toestel
from klantbeeld.domain.models import Actor, Partij
from klantbeeld.workspace.models import LopendContact
from standins.telefonie import LocalTelefonie, local_telefonie
from tests.domain.test_zoeken import adres
from tests.support.client import ApiClient
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_gevallen_browser import (  # noqa: F401  (fixtures)
    jan,
    provider,
    teams,
    werkplek,
)

pytestmark = pytest.mark.django_db(transaction=True)

GEHEIM = "geheim-van-het-platform"


@pytest.fixture
def platform(live_server: Any, live_ws: str, settings: Any) -> Iterator[LocalTelefonie]:
    settings.KLANTBEELD_TELEFONIE_GEHEIM = GEHEIM
    settings.KLANTBEELD_TELEFONIE_TEAM = "Klantcontactcentrum"
    Toestel.objects.create(toestel="201", gebruikersnaam="sanne")
    with local_telefonie(f"{live_server.url}/kanalen/telefonie/oproepen", GEHEIM) as telefonie:
        yield telefonie
    assert telefonie.violations == []


def test_an_answered_call_pops_up_in_the_open_workspace_and_is_registered_with_its_start(
    browser: Browser,
    live_server: Any,
    platform: LocalTelefonie,
    teams: dict[str, Actor],  # noqa: F811
    jan: Partij,  # noqa: F811
    ki: ApiClient,
):
    adres(jan, "telefoonnummer", "06-12345678")
    sanne = werkplek(browser, live_server, "sanne")
    page = sanne.page
    paneel = page.locator("#belpaneel")
    page.get_by_role("link", name="Klant zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klant zoeken")
    # Sanne is noting a chat when the phone rings: it is kept, not thrown away.
    page.keyboard.press("Alt+N")
    expect(paneel.get_by_label("Vraag en aantekeningen")).to_be_visible()
    page.keyboard.press("Alt+I")
    page.keyboard.type("Vraag via de chat over parkeren")
    expect(page.locator("[data-belpaneel-status]")).to_have_text("Opgeslagen")
    page.evaluate("window.zelfdePagina = true")

    oproep = platform.bel("+31612345678", "Algemeen")
    assert platform.neem_op(oproep, "201") == 204

    expect(paneel).to_contain_text("Telefoongesprek met +31612345678 (Algemeen).")
    expect(paneel.get_by_role("link", name="Jan Jansen")).to_be_visible()
    expect(paneel.get_by_role("link", name="+31612345678")).to_have_attribute(
        "href", "tel:+31612345678"
    )
    expect(page.locator("[data-belpaneel-melding]")).to_have_text("Nieuw gesprek met +31612345678.")
    assert page.evaluate("window.zelfdePagina") is True  # no reload
    expect(paneel.locator(".belpaneel__andere li")).to_have_count(1)
    assert sorted(c.onderwerpen.get().vraag for c in LopendContact.objects.all()) == [
        "",
        "Vraag via de chat over parkeren",
    ]
    op_elke_breedte(page)
    screenshot(page, "telefonie-schermpop")

    page.keyboard.press("Alt+I")
    page.keyboard.type("Wil een parkeervergunning")
    assert platform.hang_op(oproep) == 204
    expect(paneel).to_contain_text("Beëindigd om")
    expect(paneel).to_contain_text("duur 0:")
    expect(paneel.get_by_label("Vraag en aantekeningen")).to_have_value("Wil een parkeervergunning")

    page.keyboard.press("Alt+V")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact afronden met Jan Jansen")
    page.get_by_label("Onderwerp", exact=True).fill("Parkeervergunning")
    page.get_by_role("button", name="Vastleggen", exact=True).click()
    assert "Contact vastgelegd met nummer" in sanne.bericht()

    call = Oproep.objects.get()
    [contact] = ki.get(
        "klantcontacten", params={"hadBetrokkene__wasPartij__uuid": str(jan.uuid)}
    ).json()["results"]
    assert contact["kanaal"] == "telefoon" and contact["onderwerp"] == "Parkeervergunning"
    assert datetime.datetime.fromisoformat(contact["plaatsgevondenOp"]) == call.overgaan_op
    assert contact["metadata"]["oproepId"] == oproep
    assert contact["metadata"]["gespreksduur"].startswith("PT")


def test_a_missed_call_becomes_a_call_back_task_in_the_team_queue(
    browser: Browser,
    live_server: Any,
    platform: LocalTelefonie,
    teams: dict[str, Actor],  # noqa: F811
    ki: ApiClient,
):
    oproep = platform.bel("+31687654321", "Algemeen")
    assert platform.niet_opgenomen(oproep, "abandoned") == 204

    [taak] = ki.get("internetaken").json()["results"]
    assert taak["gevraagdeHandeling"] == "Terugbellen"
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [
        str(teams["Klantcontactcentrum"].uuid)
    ]
    contact = ki.get(taak["aanleidinggevendKlantcontact"]["url"]).json()
    assert contact["kanaal"] == "telefoon" and contact["indicatieContactGelukt"] is False

    # In Sanne's team queue, the number a link to call back.
    sanne = werkplek(browser, live_server, "sanne")
    page = sanne.taak(taak["nummer"], "Terugbellen", "Gemiste oproep")
    expect(page.get_by_role("link", name="+31687654321").first).to_have_attribute(
        "href", "tel:+31687654321"
    )
    op_elke_breedte(page)


def test_a_transferred_call_moves_with_its_notes_to_the_colleagues_open_panel(
    browser: Browser,
    live_server: Any,
    platform: LocalTelefonie,
    teams: dict[str, Actor],  # noqa: F811
):
    Toestel.objects.create(toestel="202", gebruikersnaam="lisa")
    sanne = werkplek(browser, live_server, "sanne")
    lisa = werkplek(browser, live_server, "lisa")
    oproep = platform.bel("+31687654321", "Algemeen")
    platform.neem_op(oproep, "201")
    paneel = sanne.page.locator("#belpaneel")
    expect(paneel).to_contain_text("Telefoongesprek met +31687654321")
    sanne.page.keyboard.press("Alt+I")
    sanne.page.keyboard.type("Vraagt naar een kapvergunning")
    expect(sanne.page.locator("[data-belpaneel-status]")).to_have_text("Opgeslagen")

    assert platform.verbind_door(oproep, "202") == 204

    bij_lisa = lisa.page.locator("#belpaneel")
    expect(bij_lisa).to_contain_text("Telefoongesprek met +31687654321")
    expect(bij_lisa.get_by_label("Vraag en aantekeningen")).to_have_value(
        "Vraagt naar een kapvergunning"
    )
    expect(lisa.page.locator("[data-belpaneel-melding]")).to_have_text(
        "Doorverbonden gesprek met +31687654321."
    )
    expect(sanne.page.locator("[data-belpaneel-melding]")).to_have_text(
        "Het gesprek is doorverbonden naar een collega."
    )
    expect(paneel).not_to_contain_text("Telefoongesprek")
    op_elke_breedte(lisa.page)
