"""The chatbot API as an integrator meets it: its document, auth and scope, answers in
the error format of the other APIs, turns stored once per client id, messages since a
number, and conversations of other bots that do not exist for a bot."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from openapi_spec_validator import validate

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Afzender, Gesprek, Partij
from klantbeeld.domain.services import gesprekken
from tests.chatbot.conftest import CHATBOT, open_gesprek, zeg
from tests.support.client import ApiClient, invalid_names

pytestmark = pytest.mark.django_db


def test_the_document_is_valid_openapi_3_1_and_documents_errors_and_version():
    document = Client().get(f"{CHATBOT}/schema").json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    for item in document["paths"].values():
        for operation in item.values():
            assert {"400", "401", "403", "404", "406", "500"} <= set(operation["responses"])
            assert operation["security"] == [{"tokenAuth": []}]
            for response in operation["responses"].values():
                assert response["headers"]["API-version"]["required"] is True


def test_without_credentials_or_scope_nothing_is_done(
    applicatie: Callable[..., ApiClient], bot: ApiClient
):
    anoniem = ApiClient(CHATBOT, None)
    assert anoniem.post("gesprekken", {}).status_code == 401
    zonder_scope = applicatie("Website", "intake.formulieren")
    response = zonder_scope.post("gesprekken", {})
    assert response.status_code == 403
    assert "chatbot" in response.json()["detail"]
    assert not Gesprek.objects.exists()


def test_a_bot_opens_a_conversation_it_holds_as_its_own_actor(bot: ApiClient):
    gesprek = open_gesprek(bot, naam="Fatima", pagina="https://gemeente.nl/afval")

    assert gesprek["status"] == "bot"
    assert gesprek["bezoekerBekend"] is False
    opgeslagen = Gesprek.objects.select_related("chatbot").get(uuid=gesprek["uuid"])
    assert opgeslagen.chatbot is not None
    assert opgeslagen.chatbot.soort_actor == "geautomatiseerde_actor"
    assert opgeslagen.chatbot.naam == "Virtuele assistent"
    assert bot.get(f"gesprekken/{gesprek['uuid']}").json()["uuid"] == gesprek["uuid"]


def test_turns_are_numbered_and_a_resend_is_stored_once(bot: ApiClient):
    gesprek = open_gesprek(bot)
    zeg(bot, gesprek, "bezoeker", "Wanneer komt de groene bak?", "b1")
    zeg(bot, gesprek, "bot", "Elke dinsdag.", "t1")
    opnieuw = bot.post(
        f"gesprekken/{gesprek['uuid']}/berichten",
        {"afzender": "bezoeker", "tekst": "Wanneer komt de groene bak?", "clientId": "b1"},
    )

    assert opnieuw.status_code == 200
    assert opnieuw.json()["volgnummer"] == 1
    sinds = bot.get(f"gesprekken/{gesprek['uuid']}/berichten", {"sinds": 1}).json()
    assert [(b["volgnummer"], b["afzender"], b["naam"]) for b in sinds["berichten"]] == [
        (2, "bot", "Virtuele assistent")
    ]
    assert sinds["laatsteVolgnummer"] == 2


def test_bad_turns_are_refused_in_the_error_format_and_change_nothing(bot: ApiClient):
    gesprek = open_gesprek(bot)
    pad = f"gesprekken/{gesprek['uuid']}/berichten"

    assert invalid_names(bot.post(pad, {"afzender": "medewerker", "tekst": "x", "clientId": "1"}))
    assert invalid_names(bot.post(pad, {"afzender": "bot", "tekst": "", "clientId": "1"})) == {
        "tekst"
    }
    assert invalid_names(bot.post(pad, {"afzender": "bot", "tekst": "x"})) == {"clientId"}
    assert invalid_names(bot.get(pad, {"sinds": -1})) == {"sinds"}
    assert Gesprek.objects.get(uuid=gesprek["uuid"]).laatste_volgnummer == 0


def test_the_bot_speaks_no_more_once_an_agent_has_the_conversation(bot: ApiClient):
    gesprek = open_gesprek(bot)
    assert bot.post(f"gesprekken/{gesprek['uuid']}/overdracht", {}).status_code == 200
    response = bot.post(
        f"gesprekken/{gesprek['uuid']}/berichten",
        {"afzender": "bot", "tekst": "Nog iets", "clientId": "t9"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    # The visitor's turns a bot relays still reach the agent.
    zeg(bot, gesprek, "bezoeker", "Ik wacht wel", "b9")


def test_another_bots_conversation_does_not_exist(
    applicatie: Callable[..., ApiClient], bot: ApiClient
):
    gesprek = open_gesprek(bot)
    ander = applicatie("Andere bot", "chatbot")
    for response in (
        ander.get(f"gesprekken/{gesprek['uuid']}"),
        ander.post(f"gesprekken/{gesprek['uuid']}/afsluiting", {}),
        ander.get("gesprekken/7d0f4c1e-1234-4abc-9def-0123456789ab"),
    ):
        assert response.status_code == 404
    assert not Gesprek.objects.get(uuid=gesprek["uuid"]).afgesloten


def test_a_widget_ticket_makes_the_visitor_known_a_bad_one_is_refused(
    bot: ApiClient, ticket: str, inwoner: Partij
):
    gesprek = open_gesprek(bot, partijTicket=ticket)
    assert gesprek["bezoekerBekend"] is True
    assert Gesprek.objects.get(uuid=gesprek["uuid"]).partij == inwoner

    assert invalid_names(bot.post("gesprekken", {"partijTicket": ticket + "x"})) == {"partijTicket"}
    assert Gesprek.objects.count() == 1


def test_a_bsn_only_from_a_bot_trusted_with_identities(
    applicatie: Callable[..., ApiClient], bot: ApiClient, inwoner: Partij
):
    response = bot.post("gesprekken", {"identiteit": {"bsn": bsn(3)}})
    assert response.status_code == 403
    assert "intake.identiteit" in response.json()["detail"]

    vertrouwd = applicatie("Assistent met DigiD", "chatbot", "intake.identiteit")
    gesprek = open_gesprek(vertrouwd, identiteit={"bsn": bsn(3)})
    assert Gesprek.objects.get(uuid=gesprek["uuid"]).partij == inwoner
    assert invalid_names(vertrouwd.post("gesprekken", {"identiteit": {"bsn": "123"}}))


def test_the_rating_is_one_to_five_and_once(bot: ApiClient):
    gesprek = open_gesprek(bot)
    pad = f"gesprekken/{gesprek['uuid']}/waardering"
    assert invalid_names(bot.post(pad, {"cijfer": 6})) == {"cijfer"}
    assert bot.post(pad, {"cijfer": 4}).json()["waardering"] == 4
    assert bot.post(pad, {"cijfer": 5}).status_code == 409
    assert Gesprek.objects.get(uuid=gesprek["uuid"]).waardering == 4


def test_the_widgets_conversations_are_the_configured_bots(bot: ApiClient, settings):
    """A conversation Klantbeeld's widget gave the configured chatbot is answered by the
    bot through the API."""
    settings.KLANTBEELD_CHATBOT_URL = "http://127.0.0.1:9/bot"
    gesprek, _ = gesprekken.open_gesprek(chatbot=gesprekken.chatbot())
    gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Hoi", client_id="w1")
    zeg(bot, {"uuid": str(gesprek.uuid)}, "bot", "Hallo, waarmee kan ik helpen?", "t1")
    assert gesprek.berichten.count() == 2
