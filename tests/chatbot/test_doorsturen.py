"""The widget's visitor messages reach the configured chatbot through the outbox: queued
in the message's own transaction, POSTed signed to KLANTBEELD_CHATBOT_URL (a real
receiver on loopback), retried while the bot is down, and handed to the agents' queue
when it stays down."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from django.db import transaction
from django.utils import timezone

from klantbeeld.api.chatbot import doorsturen
from klantbeeld.domain.models import Afzender, Gesprek, Gespreksstatus
from klantbeeld.domain.services import gesprekken
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from tests.integrations.conftest import drain
from tests.support.receiver import Receiver, receiver

pytestmark = pytest.mark.django_db

GEHEIM = "een-lang-willekeurig-geheim-voor-de-chatbot"


@pytest.fixture
def bot(settings: Any) -> Iterator[Receiver]:
    with receiver() as ontvanger:
        settings.KLANTBEELD_CHATBOT_URL = f"{ontvanger.url}/berichten"
        settings.KLANTBEELD_CHATBOT_SECRET = GEHEIM
        settings.KLANTBEELD_CHATBOT_POGINGEN = 3
        yield ontvanger


def widgetgesprek() -> Gesprek:
    gesprek, _ = gesprekken.open_gesprek(chatbot=gesprekken.chatbot(), pagina="/afval")
    return gesprek


def opnieuw_proberen() -> None:
    OutboxMessage.objects.filter(status=OutboxStatus.PENDING).update(next_attempt_at=timezone.now())


def test_each_visitor_message_is_posted_signed_in_order(bot: Receiver):
    gesprek = widgetgesprek()
    for nr, tekst in enumerate(["Hallo", "Wanneer komt het oud papier?"], start=1):
        gesprekken.plaats_bericht(
            gesprek, afzender=Afzender.BEZOEKER, tekst=tekst, client_id=f"w{nr}"
        )
    assert OutboxMessage.objects.filter(destination="chatbot").count() == 2

    drain()

    ontvangen = bot.wait_for(2)
    assert [orjson.loads(r.body)["bericht"]["tekst"] for r in ontvangen] == [
        "Hallo",
        "Wanneer komt het oud papier?",
    ]
    eerste = orjson.loads(ontvangen[0].body)
    assert eerste["gesprek"] == str(gesprek.uuid)
    assert eerste["bezoekerBekend"] is False
    assert eerste["type"] == "nl.klantbeeld.chat.bericht"
    for r in ontvangen:
        assert r.path == "/berichten"
        assert doorsturen.controleer(GEHEIM, r.headers, r.body)
        assert not doorsturen.controleer("een ander geheim", r.headers, r.body)
        assert r.headers["webhook-id"] == orjson.loads(r.body)["id"]


def test_only_the_visitors_messages_of_a_conversation_the_bot_holds(bot: Receiver):
    gesprek = widgetgesprek()
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BOT, tekst="Waarmee kan ik helpen?")
    gesprekken.naar_wachtrij(gesprek)
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Ik wacht")
    zonder_bot, _ = gesprekken.open_gesprek()
    gesprekken.plaats_bericht(zonder_bot, afzender=Afzender.BEZOEKER, tekst="Hallo")

    assert not OutboxMessage.objects.filter(destination="chatbot").exists()


def test_a_message_stored_but_rolled_back_is_never_sent(bot: Receiver):
    gesprek = widgetgesprek()
    with pytest.raises(RuntimeError), transaction.atomic():
        gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo")
        raise RuntimeError
    assert not OutboxMessage.objects.filter(destination="chatbot").exists()


def test_a_bot_that_is_down_gets_the_message_when_it_is_back(bot: Receiver):
    gesprek = widgetgesprek()
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo", client_id="1")
    bot.answers = [503]

    drain()
    bericht = OutboxMessage.objects.get(destination="chatbot")
    assert (bericht.status, bericht.attempts) == (OutboxStatus.PENDING, 1)
    assert "503" in bericht.last_error
    assert bericht.next_attempt_at > timezone.now()

    opnieuw_proberen()
    drain()
    bericht.refresh_from_db()
    assert bericht.status == OutboxStatus.DELIVERED
    ontvangen = bot.wait_for(2)
    # The same message both times: the bot drops a duplicate by its id.
    assert ontvangen[0].headers["webhook-id"] == ontvangen[1].headers["webhook-id"]
    assert Gesprek.objects.get(pk=gesprek.pk).status == Gespreksstatus.BOT


def test_a_bot_that_stays_down_leaves_the_visitor_to_an_agent(bot: Receiver):
    gesprek = widgetgesprek()
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo", client_id="1")
    bot.answers = [503, 503, 503]

    for _ in range(3):
        opnieuw_proberen()
        drain()

    gesprek.refresh_from_db()
    assert gesprek.status == Gespreksstatus.WACHTRIJ
    assert "niet bereikbaar" in gesprek.berichten.last().tekst
    assert OutboxMessage.objects.get(destination="chatbot").status == OutboxStatus.DELIVERED
    assert len(bot.received) == 3


def test_a_message_for_a_conversation_handed_over_since_is_not_sent(bot: Receiver):
    gesprek = widgetgesprek()
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo")
    gesprekken.naar_wachtrij(gesprek)

    drain()
    assert bot.received == []
    assert OutboxMessage.objects.get(destination="chatbot").status == OutboxStatus.DELIVERED
