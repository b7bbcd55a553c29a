"""End to end with the demo chatbot (standins/chatbot.py) as a real process part: a
visitor's message in the widget's conversation → the outbox → the bot (signature
checked) → the chatbot API of a live Klantbeeld → the bot's answer in the conversation;
and the cases the bot walks (C1242 + C7352, C9309, C9476, C5479)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from django.db import OperationalError

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.domain.models import Actor, Afzender, Gesprek, Gespreksstatus, Klantcontact, Partij
from klantbeeld.domain.services import gesprekken
from standins.chatbot import Chatbot, Objecten, chatbot
from standins.objecten import ALLE, LocalObjecten, local_objecten
from tests.integrations.conftest import drain
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)

GEHEIM = "whsec_" + "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
OBJECTEN_TOKEN = "objecten-token-van-de-formulierenmodule"


@pytest.fixture
def objecten() -> Iterator[LocalObjecten]:
    with local_objecten({OBJECTEN_TOKEN: ALLE}) as register:
        yield register
        assert register.violations == []


@pytest.fixture
def bot(live_server: Any, settings: Any, objecten: LocalObjecten) -> Iterator[Chatbot]:
    client = ApiClientModel(naam="Demo-assistent", client_id="demo-assistent", scopes=["chatbot"])
    token = client.new_token()
    client.save()
    settings.KLANTBEELD_CHAT_TEAM = "KCC"
    Actor.objects.create(naam="KCC", soort_actor="organisatorische_eenheid", indicatie_actief=True)
    with chatbot(
        api=f"{live_server.url}/chatbot/api/v1",
        token=token,
        secret=GEHEIM,
        objecten=Objecten(
            objecten.api_root, OBJECTEN_TOKEN, objecten.objecttype_url("productaanvraag")
        ),
    ) as (bot, url):
        settings.KLANTBEELD_CHATBOT_URL = url
        settings.KLANTBEELD_CHATBOT_SECRET = GEHEIM
        yield bot
        assert bot.fouten == []


def wacht_tot(voorwaarde: Callable[[], Any], seconden: float = 15) -> Any:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            if resultaat := voorwaarde():
                return resultaat
        except OperationalError:
            pass  # SQLite: the live server is writing; read again
        time.sleep(0.05)
    raise AssertionError("niet op tijd")


def bezoeker_zegt(gesprek: Gesprek, tekst: str) -> str:
    """The visitor's message, passed on by the worker; the bot's answer to it."""
    nu = gesprek.berichten.count()
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst=tekst)
    drain()

    def antwoord() -> str:
        nieuw = list(gesprek.berichten.filter(volgnummer__gt=nu + 1).order_by("volgnummer"))
        return " ".join(b.tekst for b in nieuw if b.afzender != Afzender.BEZOEKER)

    return str(wacht_tot(antwoord))


def widget(partij: Partij | None = None) -> Gesprek:
    gesprek, _ = gesprekken.open_gesprek(chatbot=gesprekken.chatbot(), partij=partij)
    return gesprek


def test_c1242_c7352_the_bot_answers_then_closes_and_the_visitor_rates(bot: Chatbot):
    gesprek = widget()
    assert "tweede woensdag" in bezoeker_zegt(gesprek, "Wanneer wordt het oud papier opgehaald?")
    assert "Fijne dag" in bezoeker_zegt(gesprek, "nee")

    gesloten = wacht_tot(
        lambda: Gesprek.objects.filter(pk=gesprek.pk, status=Gespreksstatus.AFGESLOTEN).first()
    )
    assert not Klantcontact.objects.exists()  # anonymous and solved: nothing (R1)
    # The rating is the widget's to ask, after the close (C7352).
    assert gesprekken.waardeer(gesloten, 4).waardering == 4


def test_c9309_the_bot_hands_over_what_it_does_not_know(bot: Chatbot):
    gesprek = widget()
    antwoord = bezoeker_zegt(gesprek, "Mag ik een boom kappen in mijn tuin?")

    assert "weet ik helaas niet" in antwoord
    gesprek = wacht_tot(
        lambda: Gesprek.objects.filter(pk=gesprek.pk, status=Gespreksstatus.WACHTRIJ).first()
    )
    assert "boom kappen" in gesprekken.transcript(gesprek)
    assert gesprek.team is not None and gesprek.team.naam == "KCC"


def test_c9476_the_bot_takes_a_name_and_number_for_a_call_back(bot: Chatbot, ki: ApiClient):
    gesprek = widget()
    assert "naam" in bezoeker_zegt(gesprek, "Kunt u mij terugbellen over mijn aanslag?")
    assert "telefoonnummer" in bezoeker_zegt(gesprek, "Jan de Vries")
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="0612345678")
    drain()

    wacht_tot(lambda: Gesprek.objects.filter(pk=gesprek.pk, status="afgesloten").exists())
    [taak] = ki.get("internetaken", {"status": "te_verwerken"}).json()["results"]
    assert taak["gevraagdeHandeling"] == "Terugbellen"
    contact = ki.get(
        taak["aanleidinggevendKlantcontact"]["url"],
        {"expand": "hadBetrokkenen,hadBetrokkenen.digitaleAdressen"},
    ).json()
    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    assert betrokkene["wasPartij"] is None
    assert betrokkene["_expand"]["digitaleAdressen"][0]["adres"] == "0612345678"


def test_c5479_the_bot_fills_a_form_for_a_logged_in_visitor(
    bot: Chatbot, objecten: LocalObjecten, ki: ApiClient
):
    inwoner = Partij.objects.create(soort_partij="persoon", indicatie_actief=True)
    gesprek = widget(inwoner)
    assert "kenteken" in bezoeker_zegt(gesprek, "Ik wil een parkeervergunning")
    assert "ingediend" in bezoeker_zegt(gesprek, "AB-123-C")

    [inzending] = objecten.objects.values()
    assert inzending.current.data["data"] == {"kenteken": "AB-123-C"}
    [contact] = ki.get("klantcontacten", {"kanaal": "chat"}).json()["results"]
    [bijlage] = contact["omvatteBijlagen"]
    assert ki.get(bijlage["url"]).json()["bijlageidentificator"]["objectId"] == inzending.uuid


def test_the_bot_refuses_a_message_that_is_not_signed_with_the_secret(bot: Chatbot, settings):
    body = b'{"id": "x-1", "gesprek": "x", "bericht": {"tekst": "hallo"}}'
    headers = {"webhook-id": "x-1", "webhook-timestamp": str(int(time.time()))}
    antwoord = httpx.post(
        settings.KLANTBEELD_CHATBOT_URL,
        content=body,
        headers={**headers, "webhook-signature": "v1,bm9wZQ=="},
    )
    assert antwoord.status_code == 401
