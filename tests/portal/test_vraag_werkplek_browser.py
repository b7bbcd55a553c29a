"""A question asked in the portal and answered in the workspace, both in real Chromium:
the resident signs in with DigiD through the broker, the KCC employee through the staff's
OpenID Connect provider; the answer is a follow-up contact (R9) registered from the task's
page, and reaches the resident as an unread message (C4994) without the employee's name."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact
from standins.oidc import Provider
from tests.portal.conftest import at_320, inloggen
from tests.workspace.test_gevallen_browser import provider, teams, werkplek  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_question_from_the_portal_is_answered_in_the_workspace(
    browser: Browser,
    page: Page,
    live_server: Any,
    broker: Provider,
    teams: dict[str, Actor],  # noqa: F811
    settings: Any,
) -> None:
    settings.KLANTBEELD_MIJN_TEAM = "Klantcontactcentrum"
    inloggen(page, live_server, "jan", pad="/mijn/vraag/")
    page.get_by_label("Onderwerp").fill("Afvalpas kwijt")
    page.get_by_label("Uw vraag").fill("Ik ben mijn afvalpas kwijt. Hoe krijg ik een nieuwe?")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_text("Uw vraag is verstuurd.")).to_be_visible()
    vraag = Klantcontact.objects.get(onderwerp="Afvalpas kwijt")
    taak = InterneTaak.objects.get(aanleidinggevend_klantcontact=vraag)

    # Sanne of the KCC finds it in her team's queue and answers it from the task's page.
    sanne = werkplek(browser, live_server, "sanne")
    werk = sanne.taak(taak.nummer, taak.gevraagde_handeling, "Afvalpas kwijt")
    expect(werk.get_by_text("Ik ben mijn afvalpas kwijt.")).to_be_visible()
    werk.get_by_role("button", name="Oppakken").click()
    sanne.bericht()
    werk.get_by_label("Kanaal").select_option(label="MijnGemeente")
    werk.get_by_label("Verslag").fill("U krijgt binnen een week een nieuwe afvalpas thuis.")
    werk.get_by_label("Klant gesproken, taak is klaar").check()
    werk.get_by_role("button", name="Contact vastleggen").click()
    assert f"taak {taak.nummer} afgehandeld" in sanne.bericht()
    taak.refresh_from_db()
    assert taak.status == "verwerkt"
    antwoord = Klantcontact.objects.get(onderwerpobjecten__was_klantcontact=vraag)
    assert antwoord.kanaal == "mijngemeente"
    assert not antwoord.betrokkenen.get().initiator  # a message to Jan

    # Jan sees it as an unread message, with the question it answers, and no name.
    page.goto(f"{live_server.url}/mijn/berichten/")
    expect(page.get_by_text("U heeft 1 ongelezen bericht.")).to_be_visible()
    page.get_by_role("link", name="Afvalpas kwijt").first.click()
    expect(page.get_by_text("U krijgt binnen een week een nieuwe afvalpas thuis.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Sanne")
    at_320(page)
    page.goto(f"{live_server.url}/mijn/berichten/")
    expect(page.get_by_text("U heeft 0 ongelezen berichten.")).to_be_visible()
