"""The visitor's live connection (channels/chat/consumer.py) against the real live server
(uvicorn in a thread) and the machine's Redis: the secret, origins, catching up after a
reconnect, a message sent twice stored once, the queue position, office hours."""

from __future__ import annotations

import contextlib
import json

import pytest
from django.contrib.auth.models import User
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from klantbeeld.domain.models import Afzender, Gesprek, Gespreksstatus
from klantbeeld.domain.services import gesprekken

WEBSITE = "https://www.gemeente.example"


@pytest.fixture(autouse=True)
def _chat(settings):
    settings.KLANTBEELD_CHAT_HERKOMSTEN = [WEBSITE]
    settings.KLANTBEELD_CHAT_OPENINGSTIJDEN = ""
    settings.KLANTBEELD_CHAT_GESLOTEN_DAGEN = []


def ontvang(ws: ClientConnection, timeout: float = 5) -> dict:
    return json.loads(ws.recv(timeout=timeout))


def tot(ws: ClientConnection, soort: str) -> dict:
    while True:
        bericht = ontvang(ws)
        if bericht["soort"] == soort:
            return bericht


def verbind(live_ws: str, gesprek: Gesprek, sleutel: str, sinds: int = 0, origin: str = WEBSITE):
    ws = connect(f"{live_ws}/live/chat/{gesprek.uuid}/", open_timeout=5, origin=origin)  # type: ignore[arg-type]
    # Refused at once (a page of another site): the test reads the close code.
    with contextlib.suppress(ConnectionClosed):
        ws.send(json.dumps({"soort": "aanmelden", "sleutel": sleutel, "sinds": sinds}))
    return ws


def gesloten_met(ws: ClientConnection) -> int | None:
    try:
        while True:
            ws.recv(timeout=5)
    except ConnectionClosed as gesloten:
        return gesloten.rcvd.code if gesloten.rcvd else None


def test_a_wrong_secret_closes_the_connection(live_ws):
    gesprek, _ = gesprekken.open_gesprek()
    with verbind(live_ws, gesprek, "geraden") as ws:
        assert gesloten_met(ws) == 4401


def test_a_page_of_another_website_is_refused(live_ws):
    gesprek, sleutel = gesprekken.open_gesprek()
    with verbind(live_ws, gesprek, sleutel, origin="https://kwaad.example") as ws:
        assert gesloten_met(ws) == 4403
    assert not gesprek.berichten.exists()


def test_nothing_before_signing_in(live_ws):
    gesprek, _ = gesprekken.open_gesprek()
    with connect(f"{live_ws}/live/chat/{gesprek.uuid}/", open_timeout=5) as ws:
        ws.send(json.dumps({"soort": "bericht", "tekst": "hoi"}))
        assert ontvang(ws)["melding"] == "Meld u eerst aan met de sleutel van het gesprek."
    assert not gesprek.berichten.exists()


def test_a_reconnect_gets_what_was_said_while_away_and_nothing_twice(live_ws):
    gesprek, sleutel = gesprekken.open_gesprek()
    with verbind(live_ws, gesprek, sleutel) as ws:
        verbonden = ontvang(ws)
        assert verbonden["soort"] == "verbonden" and verbonden["status"] == "wachtrij"
        ws.send(
            json.dumps({"soort": "bericht", "tekst": "Mijn container is kapot", "clientId": "c1"})
        )
        ontvangen = tot(ws, "ontvangen")["bericht"]
        assert ontvangen["volgnummer"] == 1 and ontvangen["clientId"] == "c1"
    # While the window is away, an agent takes the chat and answers.
    sanne = User.objects.create_user("sanne", first_name="Sanne")
    gesprekken.neem_aan(gesprek, sanne)
    gesprekken.plaats_bericht(
        gesprek, afzender=Afzender.MEDEWERKER, tekst="Ik help u.", medewerker=sanne
    )
    with verbind(live_ws, gesprek, sleutel, sinds=1) as ws:
        assert ontvang(ws)["status"] == "actief"
        gemist = [ontvang(ws)["bericht"] for _ in range(2)]
        assert [(b["volgnummer"], b["afzender"]) for b in gemist] == [
            (2, "systeem"),
            (3, "medewerker"),
        ]
        # The message sent again (the window did not see its receipt) is stored once.
        ws.send(
            json.dumps({"soort": "bericht", "tekst": "Mijn container is kapot", "clientId": "c1"})
        )
        assert tot(ws, "ontvangen")["bericht"]["volgnummer"] == 1
    assert gesprek.berichten.filter(afzender="bezoeker").count() == 1


def test_the_agents_messages_typing_and_read_marks_reach_the_visitor(live_ws):
    gesprek, sleutel = gesprekken.open_gesprek()
    with verbind(live_ws, gesprek, sleutel) as ws:
        tot(ws, "positie")
        ws.send(json.dumps({"soort": "bericht", "tekst": "Hallo", "clientId": "c1"}))
        tot(ws, "ontvangen")
        gesprekken.markeer_gelezen(gesprek, door=Afzender.MEDEWERKER, tot=1)
        assert tot(ws, "gelezen") == {
            "soort": "gelezen",
            "door": "medewerker",
            "tot": 1,
            "gesprek": str(gesprek.uuid),
        }
        ws.send(json.dumps({"soort": "typt"}))
        gesprekken.plaats_bericht(gesprek, afzender=Afzender.MEDEWERKER, tekst="Dag!")
        # The visitor's own typing does not come back to them.
        volgende = ontvang(ws)
        assert volgende["soort"] == "bericht" and volgende["bericht"]["tekst"] == "Dag!"
        ws.send(json.dumps({"soort": "gelezen", "tot": 2}))
        assert tot(ws, "gelezen")["door"] == "bezoeker"
    assert gesprek.berichten.get(volgnummer=2).gelezen_op is not None


def test_the_queue_position_moves_when_the_chat_before_is_taken(live_ws):
    eerste, _ = gesprekken.open_gesprek()
    gesprek, sleutel = gesprekken.open_gesprek()
    with verbind(live_ws, gesprek, sleutel) as ws:
        assert tot(ws, "positie")["positie"] == 2
        gesprekken.neem_aan(eerste, User.objects.create_user("bram"))
        assert tot(ws, "positie")["positie"] == 1
        gesprekken.neem_aan(gesprek, User.objects.create_user("sanne"))
        # The team's queue and the conversation's status are two groups: either comes first.
        gezien = {}
        while len(gezien) < 2:
            bericht = ontvang(ws)
            if bericht["soort"] in ("status", "positie"):
                gezien[bericht["soort"]] = bericht.get(bericht["soort"])
        assert gezien == {"status": "actief", "positie": None}


def test_with_the_bot_the_visitor_asks_for_a_person(live_ws, settings):
    settings.KLANTBEELD_CHATBOT_URL = "http://127.0.0.1:9/bot"
    gesprek, sleutel = gesprekken.open_gesprek(chatbot=gesprekken.chatbot())
    with verbind(live_ws, gesprek, sleutel) as ws:
        assert ontvang(ws)["status"] == "bot"
        ws.send(json.dumps({"soort": "medewerker"}))
        assert tot(ws, "status")["status"] == "wachtrij"
        assert tot(ws, "positie")["positie"] == 1
    gesprek.refresh_from_db()
    assert gesprek.status == Gespreksstatus.WACHTRIJ


def test_outside_office_hours_the_bot_stays_and_the_visitor_is_told_when(live_ws, settings):
    settings.KLANTBEELD_CHATBOT_URL = "http://127.0.0.1:9/bot"
    settings.KLANTBEELD_CHAT_OPENINGSTIJDEN = "ma-zo 00:00-00:01"
    gesprek, sleutel = gesprekken.open_gesprek(chatbot=gesprekken.chatbot())
    with verbind(live_ws, gesprek, sleutel) as ws:
        ontvang(ws)
        ws.send(json.dumps({"soort": "medewerker"}))
        antwoord = tot(ws, "geen-medewerker")
        assert antwoord["melding"].startswith("Er is nu geen medewerker beschikbaar.")
    gesprek.refresh_from_db()
    assert gesprek.status == Gespreksstatus.BOT


def test_rating_and_ending(live_ws):
    gesprek, sleutel = gesprekken.open_gesprek()
    with verbind(live_ws, gesprek, sleutel) as ws:
        ontvang(ws)
        ws.send(json.dumps({"soort": "stoppen"}))
        assert tot(ws, "gesloten") == {"soort": "gesloten", "gesprek": str(gesprek.uuid)}
        ws.send(json.dumps({"soort": "bericht", "tekst": "nog iets", "clientId": "x"}))
        fout = tot(ws, "fout")
        assert fout == {"soort": "fout", "melding": "Dit gesprek is afgesloten.", "clientId": "x"}
        ws.send(json.dumps({"soort": "waardering", "cijfer": 9}))
        assert "1 tot en met 5" in tot(ws, "fout")["melding"]
        ws.send(json.dumps({"soort": "waardering", "cijfer": 4}))
        assert tot(ws, "gewaardeerd")["cijfer"] == 4
    gesprek.refresh_from_db()
    assert gesprek.waardering == 4 and gesprek.afgesloten


def test_too_many_messages_in_a_minute_are_refused(live_ws, settings):
    settings.KLANTBEELD_CHAT_BERICHTEN_PER_MINUUT = 2
    gesprek, sleutel = gesprekken.open_gesprek()
    with verbind(live_ws, gesprek, sleutel) as ws:
        for nummer in range(3):
            ws.send(json.dumps({"soort": "bericht", "tekst": "spam", "clientId": str(nummer)}))
        assert "te veel berichten" in tot(ws, "fout")["melding"]
    assert gesprek.berichten.count() == 2


def test_a_rating_the_bot_passes_on_reaches_the_window(live_ws):
    """A bot that took the rating itself (the chatbot API, C7352): the widget is told, so
    it does not ask the visitor a second time."""
    gesprek, sleutel = gesprekken.open_gesprek()
    with verbind(live_ws, gesprek, sleutel) as ws:
        # Connected, and done reading: the place in the queue is the last thing it sends
        # (on SQLite's test database a write beside a read fails at once).
        tot(ws, "positie")
        gesprekken.waardeer(gesprek, 5)
        assert tot(ws, "gewaardeerd") == {
            "soort": "gewaardeerd",
            "cijfer": 5,
            "gesprek": str(gesprek.uuid),
        }


@pytest.mark.parametrize("ingelogd", [True, False])
def test_a_visitor_ending_a_chat_with_the_bot_registers_as_the_bot_would(
    live_ws, settings, ki, ingelogd
):
    """C1242 / R1: a signed-in visitor's chat with the bot is one klantcontact whose only
    actor is the bot, however it ends; an anonymous one that asked nothing more is none."""
    from tests.domain.test_zoeken import persoon

    settings.KLANTBEELD_CHATBOT_URL = "http://127.0.0.1:9/bot"
    partij = persoon("Jan", "Jansen") if ingelogd else None
    gesprek, sleutel = gesprekken.open_gesprek(chatbot=gesprekken.chatbot(), partij=partij)
    gesprekken.plaats_bericht(
        gesprek, afzender=Afzender.BEZOEKER, tekst="Wanneer is het oud papier?"
    )
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BOT, naam="Gem", tekst="Elke dinsdag.")
    with verbind(live_ws, gesprek, sleutel) as ws:
        ontvang(ws)
        ws.send(json.dumps({"soort": "stoppen"}))
        tot(ws, "gesloten")

    contacten = ki.get("/klantinteracties/api/v1/klantcontacten", {"kanaal": "chat"}).json()
    if not ingelogd:
        assert contacten["count"] == 0
        return
    assert contacten["count"] == 1
    contact = contacten["results"][0]
    assert contact["inhoud"].startswith("Wanneer is het oud papier?")
    assert contact["reactie"] == "Elke dinsdag."
    assert [ki.get(a["url"]).json()["soortActor"] for a in contact["hadBetrokkenActoren"]] == [
        "geautomatiseerde_actor"
    ]
