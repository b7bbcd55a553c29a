"""The chatbot cases of cases.md walked by a visitor in the chat widget in real Chromium
(on the organisation's website, or on MijnGemeente when logged in), against the live
server and the REAL demo bot (standins/chatbot.py): the visitor's messages go through the
outbox to the bot (signed), the bot answers and acts through the chatbot API. C9309 adds
an agent in a second browser context. Every registration is checked through the
Klantinteracties API.

C1242 + C7352 (logged in, and anonymous: R1) · C9476 · C5479 · C4374 · C9309."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect

from klantbeeld.domain.models import Actor, Gesprek, Gespreksstatus, Partij
from standins.chatbot import Chatbot
from standins.objecten import LocalObjecten
from standins.website import Website, local_website
from tests.chatbot.test_bot_standin import bot, objecten  # noqa: F401  (fixtures)
from tests.integrations.conftest import drain
from tests.portal.conftest import BSN_JAN, portaalsessie
from tests.support.client import ApiClient
from tests.support.live import zonder_slot
from tests.workspace.conftest import (  # noqa: F401  (fixtures)
    _standaard_verwerkingsactiviteit,
    browser_type_launch_args,
    op_elke_breedte,
)
from tests.workspace.test_gevallen_browser import (  # noqa: F401  (fixtures)
    provider,
    teams,
    werkplek,
)

pytestmark = pytest.mark.django_db(transaction=True)

VRAAG = "Wanneer wordt het oud papier opgehaald?"


@pytest.fixture
def chat(bot: Chatbot, live_server: Any, live_ws: str, settings: Any) -> Chatbot:  # noqa: F811
    """Chat open around the clock, the demo bot answering first."""
    settings.KLANTBEELD_BASE_URL = live_server.url
    settings.KLANTBEELD_CHAT_OPENINGSTIJDEN = ""
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    return bot


@pytest.fixture
def website(chat: Chatbot, live_server: Any, settings: Any) -> Iterator[Website]:
    with local_website(chat=live_server.url) as site:
        settings.KLANTBEELD_CHAT_HERKOMSTEN = [site.url]
        yield site


def op_mijngemeente(page: Page, context: BrowserContext, live_server: Any) -> None:
    """Jan, logged in on the portal (DigiD), on a page with the widget."""
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


def open_widget(page: Page) -> None:
    page.get_by_role("button", name="Chat met ons").click()
    expect(page.get_by_role("dialog", name="Chat met Gemeente Voorbeeld")).to_be_visible()


def zeg(page: Page, tekst: str) -> None:
    """The visitor sends ``tekst``; once Klantbeeld confirmed it, the worker passes it on
    to the bot (as ``klantbeeld worker`` does; here at this moment, so that on SQLite no
    worker's transaction runs beside the live server's writes)."""
    page.get_by_label("Uw bericht").fill(tekst)
    page.get_by_role("button", name="Versturen").click()
    regel = page.locator(".kb-bericht--bezoeker").last
    expect(regel).to_contain_text(tekst)
    expect(regel).to_contain_text(re.compile("Verstuurd|Gelezen"))
    zonder_slot(drain)


def stand(page: Page) -> Any:
    """The widget's status line (a portal page has a status of its own)."""
    return page.locator("klantbeeld-chat").get_by_role("status")


def rond_af_met_cijfer(page: Page, cijfer: int) -> None:
    """ "Nee" to the bot's "anything else?": the bot closes the conversation; then the
    widget asks the rating (C7352), which is kept on the conversation."""
    zeg(page, "nee")
    expect(page.get_by_role("log")).to_contain_text("Graag gedaan. Fijne dag!")
    expect(stand(page)).to_have_text("Het gesprek is beëindigd.")
    page.get_by_label(str(cijfer), exact=True).check()
    page.get_by_role("button", name="Waardering versturen").click()
    expect(stand(page)).to_have_text("Dank u wel voor uw waardering.")
    expect(page.get_by_role("button", name="Nieuw gesprek")).to_be_visible()
    gesprek = zonder_slot(Gesprek.objects.get)
    assert (gesprek.status, gesprek.waardering) == (Gespreksstatus.AFGESLOTEN, cijfer)


def chatcontacten(ki: ApiClient) -> list[dict[str, Any]]:
    resultaten: list[dict[str, Any]] = zonder_slot(
        lambda: ki.get("klantcontacten", {"kanaal": "chat"}).json()["results"]
    )
    return resultaten


def actoren(ki: ApiClient, contact: dict[str, Any]) -> set[tuple[str, str]]:
    """Who handled the contact, read through /actorklantcontacten: (naam, soortActor)."""
    koppelingen = zonder_slot(
        lambda: ki.get("actorklantcontacten", {"klantcontact__uuid": contact["uuid"]}).json()
    )["results"]
    gelezen = [zonder_slot(lambda k=k: ki.get(k["actor"]["url"]).json()) for k in koppelingen]
    return {(a["naam"], a["soortActor"]) for a in gelezen}


def betrokkene(ki: ApiClient, contact: dict[str, Any]) -> dict[str, Any]:
    uitgebreid = zonder_slot(
        lambda: ki.get(
            contact["url"], {"expand": "hadBetrokkenen,hadBetrokkenen.digitaleAdressen"}
        ).json()
    )
    [enige] = uitgebreid["_expand"]["hadBetrokkenen"]
    result: dict[str, Any] = enige
    return result


def jan() -> Partij:
    partij: Partij = zonder_slot(
        lambda: Partij.objects.get(partij_identificatoren__partij_identificator_object_id=BSN_JAN)
    )
    return partij


BOT = ("Chatbot", "geautomatiseerde_actor")


def test_c1242_c7352_a_logged_in_resident_is_answered_by_the_bot_and_rates(
    page: Page, context: BrowserContext, chat: Chatbot, live_server: Any, ki: ApiClient
):
    op_mijngemeente(page, context, live_server)
    open_widget(page)
    zeg(page, VRAAG)
    log = page.get_by_role("log")
    expect(log).to_contain_text("tweede woensdag van de maand")
    expect(stand(page)).to_contain_text("U chat met de chatbot.")
    op_elke_breedte(page)
    rond_af_met_cijfer(page, 4)

    [contact] = chatcontacten(ki)
    assert contact["inhoud"].startswith(VRAAG)
    assert "tweede woensdag" in contact["reactie"]
    assert actoren(ki, contact) == {BOT}
    assert betrokkene(ki, contact)["wasPartij"]["uuid"] == str(jan().uuid)
    # The rating is management information on the conversation, not in the klantcontact.
    tekst = str(zonder_slot(lambda: ki.get(contact["url"]).json())).lower()
    assert "waardering" not in tekst and "cijfer" not in tekst


def test_c1242_an_anonymous_visitor_the_bot_helped_leaves_nothing_registered(
    page: Page, website: Website, ki: ApiClient
):
    page.goto(f"{website.url}/contact")
    open_widget(page)
    zeg(page, "Hoe laat is het gemeentehuis open?")
    expect(page.get_by_role("log")).to_contain_text("open op werkdagen van 9.00 tot 17.00")
    rond_af_met_cijfer(page, 5)

    assert chatcontacten(ki) == []  # R1: identity unknown and no follow-up
    assert zonder_slot(lambda: ki.get("internetaken").json()["count"]) == 0


def test_c9476_an_anonymous_visitor_leaves_name_and_number_for_a_call_back(
    page: Page, website: Website, ki: ApiClient
):
    page.goto(f"{website.url}/contact")
    open_widget(page)
    zeg(page, "Kunt u mij terugbellen over mijn aanslag?")
    log = page.get_by_role("log")
    expect(log).to_contain_text("Wat is uw naam?")
    zeg(page, "Jan de Vries")
    expect(log).to_contain_text("Op welk telefoonnummer")
    zeg(page, "0612345678")
    expect(log).to_contain_text("Dank u, Jan de Vries. Een medewerker belt u zo snel mogelijk")
    expect(stand(page)).to_have_text("Het gesprek is beëindigd.")

    kcc = zonder_slot(lambda: Actor.objects.get(naam="KCC"))
    [taak] = zonder_slot(
        lambda: ki.get(
            "internetaken", {"status": "te_verwerken", "toegewezenAanActor__uuid": str(kcc.uuid)}
        ).json()["results"]
    )
    assert taak["gevraagdeHandeling"] == "Terugbellen"
    [contact] = chatcontacten(ki)
    assert taak["aanleidinggevendKlantcontact"]["uuid"] == contact["uuid"]
    assert contact["inhoud"].startswith("Kunt u mij terugbellen over mijn aanslag?")
    assert actoren(ki, contact) == {BOT}
    wie = betrokkene(ki, contact)
    assert wie["wasPartij"] is None
    assert wie["contactnaam"]["achternaam"] == "Jan de Vries"
    assert [(a["soortDigitaalAdres"], a["adres"]) for a in wie["_expand"]["digitaleAdressen"]] == [
        ("telefoonnummer", "0612345678")
    ]


def test_c5479_the_bot_fills_the_form_for_a_logged_in_resident(
    page: Page,
    context: BrowserContext,
    chat: Chatbot,
    objecten: LocalObjecten,  # noqa: F811
    live_server: Any,
    ki: ApiClient,
):
    op_mijngemeente(page, context, live_server)
    open_widget(page)
    zeg(page, "Ik wil een parkeervergunning aanvragen")
    log = page.get_by_role("log")
    expect(log).to_contain_text("Wat is het kenteken?")
    zeg(page, "AB-123-C")
    expect(log).to_contain_text("Uw aanvraag voor een parkeervergunning (AB-123-C) is ingediend.")
    rond_af_met_cijfer(page, 5)

    [inzending] = objecten.objects.values()
    assert inzending.current.data["data"] == {"kenteken": "AB-123-C"}
    [contact] = chatcontacten(ki)
    assert contact["onderwerp"] == "Aanvraag parkeervergunning"
    assert actoren(ki, contact) == {BOT}
    assert betrokkene(ki, contact)["wasPartij"]["uuid"] == str(jan().uuid)
    [bijlage] = contact["omvatteBijlagen"]
    identificator = zonder_slot(lambda: ki.get(bijlage["url"]).json())["bijlageidentificator"]
    assert (identificator["codeObjecttype"], identificator["objectId"]) == (
        "productaanvraag",
        inzending.uuid,
    )
    # Closing the conversation afterwards added no second klantcontact.
    assert zonder_slot(lambda: ki.get("klantcontacten").json()["count"]) == 1


def test_c4374_the_bot_asks_kcc_to_read_a_complaint_and_decide(
    page: Page, website: Website, ki: ApiClient
):
    page.goto(f"{website.url}/contact")
    open_widget(page)
    zeg(page, "Ik heb een klacht over de ophaaldienst")
    expect(page.get_by_role("log")).to_contain_text(
        "Uw klacht is doorgezet naar het klantcontactcentrum."
    )

    kcc = zonder_slot(lambda: Actor.objects.get(naam="KCC"))
    [taak] = zonder_slot(lambda: ki.get("internetaken", {"status": "te_verwerken"}).json())[
        "results"
    ]
    assert taak["gevraagdeHandeling"] == "Lezen en bepalen benodigde actie"
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [str(kcc.uuid)]
    contact = zonder_slot(lambda: ki.get(taak["aanleidinggevendKlantcontact"]["url"]).json())
    assert contact["kanaal"] == "chat"
    assert contact["inhoud"].startswith("Ik heb een klacht over de ophaaldienst")
    assert actoren(ki, contact) == {BOT}
    # The conversation goes on and ends with the bot; no second klantcontact.
    rond_af_met_cijfer(page, 3)
    assert len(chatcontacten(ki)) == 1


def test_c9309_the_bot_hands_over_and_the_agent_sees_what_was_said(
    page: Page,
    context: BrowserContext,
    browser: Browser,
    chat: Chatbot,
    live_server: Any,
    teams: dict[str, Actor],  # noqa: F811
    ki: ApiClient,
    settings: Any,
):
    settings.KLANTBEELD_CHAT_TEAM = "Klantcontactcentrum"
    sanne = werkplek(browser, live_server, "sanne")
    sanne.page.get_by_role("link", name=re.compile(r"^Chat")).click()
    expect(sanne.page.get_by_text("Er wacht nu niemand.")).to_be_visible()

    op_mijngemeente(page, context, live_server)
    open_widget(page)
    zeg(page, VRAAG)
    log = page.get_by_role("log")
    expect(log).to_contain_text("tweede woensdag")
    zeg(page, "ja")
    expect(log).to_contain_text("Wat wilt u nog weten?")
    zeg(page, "Mijn container is gestolen, ik wil een medewerker spreken")
    expect(log).to_contain_text("Ik verbind u door met een medewerker.")
    expect(stand(page)).to_contain_text("volgende in de wachtrij")

    # The agent takes it from the queue (shown without a reload) and reads the bot's part.
    agent = sanne.page
    rij = agent.locator(".chat-wachtrij__item")
    expect(rij).to_contain_text("eerst met de chatbot")
    rij.get_by_role("button", name=re.compile("^Aannemen")).click()
    expect(agent.get_by_role("heading", level=1)).to_contain_text("Chat met")
    verloop = agent.get_by_role("log")
    for tekst in (VRAAG, "tweede woensdag", "Mijn container is gestolen", "Ik verbind u door"):
        expect(verloop).to_contain_text(tekst)
    expect(stand(page)).to_contain_text("U chat met een medewerker.")

    agent.get_by_label("Uw bericht").fill("Goedemiddag, ik vraag een nieuwe container voor u aan.")
    agent.keyboard.press("Enter")
    expect(log).to_contain_text("Goedemiddag, ik vraag een nieuwe container voor u aan.")
    op_elke_breedte(page)

    agent.get_by_role("button", name="Chat beëindigen en afronden").click()
    expect(agent.get_by_role("heading", level=1)).to_contain_text("afronden")
    agent.get_by_label("Onderwerp", exact=True).fill("Gestolen container")
    agent.get_by_role("button", name="Vastleggen", exact=True).last.click()
    expect(stand(page)).to_contain_text("Het gesprek is beëindigd.")

    [contact] = chatcontacten(ki)
    assert contact["onderwerp"] == "Gestolen container"
    for tekst in (VRAAG, "Mijn container is gestolen", "nieuwe container voor u aan"):
        assert tekst in contact["inhoud"]
    assert actoren(ki, contact) == {BOT, ("Sanne de Vries", "medewerker")}
    assert betrokkene(ki, contact)["wasPartij"]["uuid"] == str(jan().uuid)
