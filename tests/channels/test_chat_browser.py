"""The chat widget in real Chromium on the organisation's website (the stand-in, another
origin, under a strict Content-Security-Policy) and on the portal, against the real live
server. The agent is played through the domain services (the workspace's chat screens are
tested with the workspace)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.db import connections
from django.test import Client
from playwright.sync_api import BrowserContext, Page, expect

from klantbeeld.domain.models import Afzender, Gesprek
from klantbeeld.domain.services import gesprekken
from standins.website import Website, local_website
from tests.portal.conftest import BSN_JAN, portaalsessie
from tests.support.live import zonder_slot
from tests.workspace.conftest import (  # noqa: F401
    _standaard_verwerkingsactiviteit,
    browser_type_launch_args,
    op_elke_breedte,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def website(live_server: Any, live_ws: str, settings: Any) -> Iterator[Website]:
    settings.KLANTBEELD_BASE_URL = live_server.url
    settings.KLANTBEELD_CHAT_OPENINGSTIJDEN = ""
    settings.KLANTBEELD_CHATBOT_URL = ""
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    with local_website(chat=live_server.url) as site:
        settings.KLANTBEELD_CHAT_HERKOMSTEN = [site.url]
        yield site


def medewerker_doet(functie: Any, *args: Any, **kwargs: Any) -> Any:
    """Run a domain service as the agent's side would: in another thread, since
    Playwright's event loop in this one keeps the pushes (async_to_sync) from going out."""
    uitkomst: list[Any] = []

    def doe() -> None:
        try:
            uitkomst.append(functie(*args, **kwargs))
        finally:
            connections.close_all()

    draad = threading.Thread(target=doe)
    draad.start()
    draad.join(timeout=30)
    assert uitkomst, "the service did not finish"
    return uitkomst[0]


def open_widget(page: Page) -> None:
    page.get_by_role("button", name="Chat met ons").click()
    expect(page.get_by_role("dialog", name="Chat met Gemeente Voorbeeld")).to_be_visible()


def zeg(page: Page, tekst: str) -> None:
    page.get_by_label("Uw bericht").fill(tekst)
    page.get_by_role("button", name="Versturen").click()


def test_a_visitor_chats_reloads_and_sees_everything(page: Page, website: Website):
    page.goto(f"{website.url}/contact")
    op_elke_breedte(page)  # closed
    open_widget(page)
    zeg(page, "Mijn container is niet geleegd")
    log = page.get_by_role("log")
    expect(log).to_contain_text("Mijn container is niet geleegd")
    expect(page.get_by_role("status").first).to_contain_text("volgende in de wachtrij")
    gesprek = zonder_slot(Gesprek.objects.get)
    assert gesprek.pagina == f"{website.url}/contact"

    sanne = User.objects.create_user("sanne", first_name="Sanne")
    medewerker_doet(gesprekken.neem_aan, gesprek, sanne)
    medewerker_doet(
        gesprekken.plaats_bericht,
        gesprek,
        afzender=Afzender.MEDEWERKER,
        naam="Sanne",
        tekst="Ik kijk het na.",
        medewerker=sanne,
    )
    expect(log).to_contain_text("Ik kijk het na.")
    expect(log).to_contain_text("Sanne helpt u verder.")
    # The visitor read the agent's answer (the window is open), and sees theirs read.
    medewerker_doet(gesprekken.markeer_gelezen, gesprek, door=Afzender.MEDEWERKER, tot=1)
    expect(log).to_contain_text("Gelezen")
    op_elke_breedte(page)  # open, with messages

    page.reload()
    log = page.get_by_role("log")
    expect(log).to_contain_text("Mijn container is niet geleegd")
    expect(log).to_contain_text("Ik kijk het na.")
    expect(page.get_by_role("status").first).to_contain_text("U chat met een medewerker.")
    assert zonder_slot(gesprek.berichten.filter(afzender=Afzender.BEZOEKER).count) == 1
    assert zonder_slot(lambda: gesprek.berichten.get(afzender=Afzender.MEDEWERKER).gelezen_op)

    # Escape closes the window and gives focus back to its button.
    page.get_by_label("Uw bericht").focus()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(page.get_by_role("button", name="Chat met ons")).to_be_focused()

    page.get_by_role("button", name="Chat met ons").click()
    page.get_by_role("button", name="Gesprek beëindigen").click()
    page.get_by_label("4").check()
    page.get_by_role("button", name="Waardering versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("Dank u wel voor uw waardering.")
    zonder_slot(gesprek.refresh_from_db)
    assert gesprek.afgesloten and gesprek.waardering == 4


def test_a_message_sent_while_the_connection_is_down_arrives_once(
    page: Page, context: BrowserContext, website: Website
):
    page.goto(f"{website.url}/contact")
    open_widget(page)
    zeg(page, "Eerste vraag")
    expect(page.get_by_role("log")).to_contain_text("Verstuurd")
    context.set_offline(True)
    # The connection drops (as when Wi-Fi goes): the widget's socket is closed.
    page.evaluate("document.querySelector('klantbeeld-chat').socket.close()")
    expect(page.get_by_role("status").first).to_contain_text("verbinding is verbroken")
    zeg(page, "Tweede vraag, zonder verbinding")
    expect(page.get_by_role("log")).to_contain_text("Wordt verstuurd…")
    context.set_offline(False)
    expect(page.get_by_role("log")).not_to_contain_text("Wordt verstuurd…", timeout=30_000)
    gesprek = zonder_slot(Gesprek.objects.get)
    teksten = zonder_slot(lambda: list(gesprek.berichten.values_list("tekst", flat=True)))
    assert teksten == ["Eerste vraag", "Tweede vraag, zonder verbinding"]


def test_a_signed_in_residents_chat_on_the_portal_carries_their_partij(
    page: Page, context: BrowserContext, live_server: Any, live_ws: str, settings: Any
):
    settings.KLANTBEELD_BASE_URL = live_server.url
    settings.KLANTBEELD_CHAT_OPENINGSTIJDEN = ""
    settings.KLANTBEELD_CHATBOT_URL = ""
    sessie = portaalsessie(Client(), "jan")
    context.add_cookies(
        [
            {
                "name": django_settings.KLANTBEELD_MIJN_SESSIE_COOKIE,
                "value": sessie,
                "url": f"{live_server.url}/mijn/",
            }
        ]
    )
    page.goto(f"{live_server.url}/mijn/berichten/")
    page.get_by_role("button", name="Chat met ons").click()
    zeg(page, "Hoe staat mijn aanvraag ervoor?")
    expect(page.get_by_role("log")).to_contain_text("Verstuurd")
    gesprek = zonder_slot(Gesprek.objects.get)
    assert gesprek.partij is not None
    assert zonder_slot(
        gesprek.partij.partij_identificatoren.filter(partij_identificator_object_id=BSN_JAN).exists
    )
