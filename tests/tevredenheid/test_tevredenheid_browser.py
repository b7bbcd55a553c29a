"""A survey answered in real Chromium: by the link in the invitation mail after a phone
contact, and at the end of a chat in the visitor's widget. axe on every page of it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from klantbeeld.domain.models import Gesprek
from klantbeeld.domain.models.tevredenheid import Uitnodiging, Waardering
from klantbeeld.domain.services import gesprekken
from standins.website import Website, local_website
from tests.channels.test_chat_browser import medewerker_doet, open_widget, zeg
from tests.domain.test_opvolging import actor
from tests.integrations.conftest import drain
from tests.support.kanalen import Testkanalen, testkanalen
from tests.support.live import zonder_slot
from tests.tevredenheid.steun import contact, klant, team_met_medewerker, vragenlijst
from tests.workspace.conftest import (  # noqa: F401
    _standaard_verwerkingsactiviteit,
    assert_accessible,
    browser_type_launch_args,
    op_elke_breedte,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mail(live_server: Any, settings: Any) -> Iterator[Testkanalen]:
    settings.KLANTBEELD_BASE_URL = live_server.url
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    with testkanalen("e-mail", met_document=False) as kanalen:
        yield kanalen


def test_a_survey_answered_by_the_link_in_the_mail(page: Page, live_server: Any, mail):
    eenheid, sanne = team_met_medewerker()
    vragenlijst()
    klantcontact = contact(klant(), sanne)
    # The worker decides and sends the invitation.
    drain()
    [bericht] = mail.opgesteld
    link = next(r for r in bericht.tekst.splitlines() if "/mijn/waardering/" in r)
    assert link.startswith(live_server.url)

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw mening over ons contact")
    op_elke_breedte(page)
    groep = page.get_by_role("group", name="Hoe tevreden bent u over uw contact met ons?")
    expect(groep.get_by_role("radio")).to_have_count(5)
    # Without a score: an error summary that leads to the first choice.
    page.get_by_role("button", name="Versturen").click()
    samenvatting = page.get_by_role("alert")
    expect(samenvatting).to_contain_text("Kies een cijfer van 1 tot en met 5.")
    op_elke_breedte(page)
    samenvatting.get_by_role("link").click()
    expect(page.get_by_label("1 (heel ontevreden)")).to_be_focused()
    # With the keyboard: the arrow keys move through the scale.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(page.get_by_label("4", exact=True)).to_be_checked()
    page.get_by_label("Wat kan beter? (niet verplicht)").fill("Niets, dank u.")
    page.get_by_role("button", name="Versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dank u wel")
    op_elke_breedte(page)

    waardering = zonder_slot(Waardering.objects.get)
    assert (waardering.score, waardering.kanaal, waardering.team_id) == (4, "telefoon", eenheid.pk)
    uitnodiging = zonder_slot(Uitnodiging.objects.get)
    assert uitnodiging.klantcontact_id == klantcontact.pk and uitnodiging.beantwoord_op

    # The link a second time: answered already, nothing about anyone.
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Al beantwoord")
    op_elke_breedte(page)
    page.goto(f"{live_server.url}/mijn/waardering/onbekend/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet")
    op_elke_breedte(page)
    zonder_slot(
        lambda: Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
            beantwoord_op=None, verloopt_op=uitnodiging.verstuurd_op
        )
    )
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Deze link is verlopen")
    op_elke_breedte(page)


@pytest.fixture
def website(live_server: Any, live_ws: str, settings: Any) -> Iterator[Website]:
    settings.KLANTBEELD_BASE_URL = live_server.url
    settings.KLANTBEELD_CHAT_OPENINGSTIJDEN = ""
    settings.KLANTBEELD_CHATBOT_URL = ""
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    settings.KLANTBEELD_CHAT_TEAM = "Chatteam"
    with local_website(chat=live_server.url) as site:
        settings.KLANTBEELD_CHAT_HERKOMSTEN = [site.url]
        yield site


def test_a_survey_answered_at_the_end_of_a_chat(page: Page, website: Website):
    chatteam = actor("Chatteam", "organisatorische_eenheid")
    vragenlijst("Na de chat", kanalen=["chat"], vraag="Hoe goed hielpen wij u in de chat?")
    page.goto(f"{website.url}/contact")
    open_widget(page)
    zeg(page, "Wanneer komt de groene container?")
    expect(page.get_by_role("log")).to_contain_text("Wanneer komt de groene container?")
    expect(page.get_by_role("status").first).to_contain_text("volgende in de wachtrij")
    gesprek = zonder_slot(Gesprek.objects.get)
    zonder_slot(lambda: Gesprek.objects.filter(pk=gesprek.pk).update(onderwerp="Afval"))
    sanne = User.objects.create_user("sanne", first_name="Sanne")
    medewerker_doet(gesprekken.neem_aan, gesprek, sanne)
    page.get_by_role("button", name="Gesprek beëindigen").click()
    vraag = page.get_by_role("group", name="Hoe goed hielpen wij u in de chat?")
    expect(vraag).to_be_visible()
    op_elke_breedte(page)
    vraag.get_by_label("2").check()
    page.get_by_role("button", name="Waardering versturen").click()
    expect(page.get_by_role("status").first).to_contain_text("Dank u wel voor uw waardering.")

    waardering = zonder_slot(Waardering.objects.get)
    assert (waardering.meting, waardering.score, waardering.uitgevraagd_via) == ("csat", 2, "chat")
    assert (waardering.kanaal, waardering.onderwerp, waardering.team_id) == (
        "chat",
        "Afval",
        chatteam.pk,
    )
    # Counted once: the conversation keeps one rating, and a chat contact gets no mail.
    zonder_slot(gesprek.refresh_from_db)
    assert gesprek.waardering == 2
    assert not zonder_slot(Uitnodiging.objects.exists)
