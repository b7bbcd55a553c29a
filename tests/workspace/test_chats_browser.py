"""Chat for agents in real Chromium, on the real live server and Redis: a chat the bot
handed over appears in the queue without a reload, the agent takes it and sees the bot's
transcript (C9309) and the logged-in visitor's customer view, answers with Enter, sees the
visitor typing and writing and reading; the chat is passed to a colleague whose open
workspace shows it at once, who ends and registers it: one klantcontact (kanaal chat)
with the bot and the agents as actors, read through the Klantinteracties API.

The visitor's widget is another part of the product: the visitor here is played through
the domain services, which push through Redis exactly as the widget's socket does."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.domain.models import Actor, Afzender, Gesprek, Partij
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services import gesprekken
from klantbeeld.live import groepen
from tests.support.client import ApiClient
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_gevallen_browser import (  # noqa: F401  (fixtures)
    jan,
    provider,
    teams,
    werkplek,
)

pytestmark = pytest.mark.django_db(transaction=True)
T = TypeVar("T")


def bezoeker(doe: Callable[[], T]) -> T:
    """What the visitor does, in a thread of its own: the domain pushes to Redis with
    async_to_sync, which cannot run in this thread (Playwright's event loop runs here)."""
    uitkomst: list[T] = []
    draad = threading.Thread(target=lambda: uitkomst.append(doe()))
    draad.start()
    draad.join(timeout=30)
    assert uitkomst, "the visitor's step did not finish"
    return uitkomst[0]


def bezoeker_met_bot(partij: Partij) -> Gesprek:
    """A logged-in visitor who asked the bot first; the bot hands over (C9309)."""
    bot = Actor.objects.create(
        naam="Gem", soort_actor=SoortActor.GEAUTOMATISEERDE_ACTOR, indicatie_actief=True
    )
    gesprek, _ = gesprekken.open_gesprek(chatbot=bot, partij=partij, naam="Jan Jansen")
    gesprekken.plaats_bericht(
        gesprek, afzender=Afzender.BEZOEKER, tekst="Mijn grijze container is kapot"
    )
    gesprekken.plaats_bericht(
        gesprek, afzender=Afzender.BOT, naam="Gem", tekst="Ik verbind u door met een medewerker."
    )
    return gesprek


def test_a_chat_from_the_queue_to_a_colleague_and_into_the_register(
    browser: Browser,
    live_server: Any,
    live_ws: str,
    teams: dict[str, Actor],  # noqa: F811
    jan: Partij,  # noqa: F811
    ki: ApiClient,
):
    sanne = werkplek(browser, live_server, "sanne")
    lisa = werkplek(browser, live_server, "lisa")
    page = sanne.page
    page.get_by_role("link", name=re.compile(r"^Chat")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chat")
    expect(page.get_by_text("Er wacht nu niemand.")).to_be_visible()
    page.evaluate("window.zelfdePagina = true")

    # The bot hands over: the queue shows it live, with the counter in the menu.
    gesprek = bezoeker_met_bot(jan)
    bezoeker(lambda: gesprekken.naar_wachtrij(gesprek))
    rij = page.locator(".chat-wachtrij__item")
    expect(rij).to_contain_text("Jan Jansen")
    expect(rij).to_contain_text("eerst met de chatbot")
    expect(rij).to_contain_text("Plaats 1")
    expect(page.locator("[data-chat-aantal]")).to_have_text("1 wachtend")
    assert page.evaluate("window.zelfdePagina") is True
    op_elke_breedte(page)

    rij.get_by_role("button", name=re.compile("^Aannemen")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chat met Jan Jansen")
    berichten = page.get_by_role("log")
    # C9309: what the visitor told the bot is there; the customer view is beside the chat.
    expect(berichten).to_contain_text("Mijn grijze container is kapot")
    expect(berichten).to_contain_text("Ik verbind u door met een medewerker.")
    expect(page.get_by_role("heading", name="Klant: Jan Jansen")).to_be_visible()
    expect(page.locator("#belpaneel")).to_contain_text("Naar de chat")

    # The agent answers with Enter; Shift+Enter is a new line.
    page.keyboard.press("Alt+M")
    veld = page.get_by_label("Uw bericht")
    expect(veld).to_be_focused()
    page.keyboard.type("Goedemiddag, ik help u verder.")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("Welke straat?")
    page.keyboard.press("Enter")
    eigen = berichten.locator(".chat-bericht--medewerker")
    expect(eigen).to_contain_text("Goedemiddag, ik help u verder.")
    expect(veld).to_have_value("")
    [antwoord] = gesprek.berichten.filter(afzender=Afzender.MEDEWERKER)
    assert antwoord.tekst == "Goedemiddag, ik help u verder.\nWelke straat?"
    assert antwoord.naam == "Sanne"

    # The visitor types, writes and reads: seen without a reload.
    page.evaluate("window.zelfdePagina = true")
    bezoeker(
        lambda: groepen.stuur_nu(
            groepen.gesprek(gesprek.uuid),
            {"soort": "typt", "door": "bezoeker", "naam": "Jan", "gesprek": str(gesprek.uuid)},
        )
    )
    expect(page.locator("[data-chat-typt]")).to_have_text("Jan typt…")
    vraag = bezoeker(
        lambda: gesprekken.plaats_bericht(
            gesprek, afzender=Afzender.BEZOEKER, tekst="Dorpsstraat 5, de deksel is eraf."
        )
    )
    expect(berichten).to_contain_text("Dorpsstraat 5, de deksel is eraf.")
    expect(page.locator("[data-chat-typt]")).to_have_text("")
    # The window showed it: read by the agent.
    vraag.refresh_from_db()
    for _ in range(50):
        vraag.refresh_from_db()
        if vraag.gelezen_op is not None:
            break
        page.wait_for_timeout(100)
    assert vraag.gelezen_op is not None
    bezoeker(
        lambda: gesprekken.markeer_gelezen(gesprek, door=Afzender.BEZOEKER, tot=antwoord.volgnummer)
    )
    expect(eigen.locator("[data-gelezen]")).to_have_text("gelezen")
    assert page.evaluate("window.zelfdePagina") is True
    op_elke_breedte(page)
    screenshot(page, "chat")

    # Lisa has her workspace open on the chat page; Sanne passes the chat to her.
    lisa.page.get_by_role("link", name=re.compile(r"^Chat")).click()
    expect(lisa.page.get_by_text("U voert nu geen chats.")).to_be_visible()
    page.get_by_text("Overdragen aan een collega of team").click()
    page.get_by_label("Aan collega of team").select_option(label="Lisa van Dijk")
    page.get_by_label("Toelichting voor de collega").fill("Graag een melding maken")
    page.get_by_role("button", name="Overdragen", exact=True).click()
    expect(page.get_by_text("Het gesprek is overgedragen aan Lisa van Dijk.")).to_be_visible()

    melding = lisa.page.locator("[data-chat-melding]")
    expect(melding).to_contain_text("Er is een chat aan u overgedragen. Graag een melding maken")
    expect(lisa.page.get_by_role("link", name="Jan Jansen")).to_be_visible()
    lisa.page.get_by_role("link", name="Jan Jansen").click()
    expect(lisa.page.get_by_role("heading", level=1)).to_have_text("Chat met Jan Jansen")
    expect(lisa.page.get_by_role("log")).to_contain_text("U wordt verder geholpen door Lisa")
    expect(lisa.page.get_by_role("heading", name="Klant: Jan Jansen")).to_be_visible()

    # Lisa ends the chat and registers it in the call panel's finish step.
    lisa.page.get_by_role("button", name="Chat beëindigen en afronden").click()
    expect(lisa.page.get_by_role("heading", level=1)).to_contain_text("afronden")
    lisa.page.get_by_label("Onderwerp", exact=True).fill("Kapotte container")
    lisa.page.get_by_role("button", name="Vastleggen", exact=True).last.click()
    expect(lisa.page.get_by_role("heading", level=1)).to_have_text("Jan Jansen")

    [kc] = ki.get("klantcontacten", {"kanaal": "chat"}).json()["results"]
    assert kc["onderwerp"] == "Kapotte container"
    assert "Mijn grijze container is kapot" in kc["inhoud"]
    assert "Dorpsstraat 5" in kc["inhoud"]
    actoren = {a["naam"]: a["soortActor"] for a in kc["hadBetrokkenActoren"]}
    assert actoren == {
        "Gem": "geautomatiseerde_actor",
        "Lisa van Dijk": "medewerker",
        "Sanne de Vries": "medewerker",
    }
    gesprek.refresh_from_db()
    assert gesprek.afgesloten and str(gesprek.klantcontact.uuid) == kc["uuid"]
