"""Fixtures of the chatbot API's tests: a bot with the scope ``chatbot`` calling the API
(every answer checked against the served document), the KCC team, the ZGW stand-in as
document register, and a known resident's partij ticket as the widget passes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Partij, PartijIdentificator
from klantbeeld.live.tickets import partij_ticket
from standins.zgw import LocalZgw
from tests.integrations.conftest import zgw  # noqa: F401
from tests.support.client import ApiClient

CHATBOT = "/chatbot/api/v1"


@pytest.fixture
def applicatie(db: None) -> Callable[..., ApiClient]:
    def maak(naam: str, *scopes: str) -> ApiClient:
        model = ApiClientModel(naam=naam, client_id=naam.lower().replace(" ", "-"))
        model.scopes = list(scopes)
        token = model.new_token()
        model.save()
        return ApiClient(CHATBOT, f"Token {token}")

    return maak


@pytest.fixture
def bot(applicatie: Callable[..., ApiClient]) -> ApiClient:
    """The municipality's virtual assistant, with its own front end."""
    return applicatie("Virtuele assistent", "chatbot")


@pytest.fixture
def kcc(db: None, settings: Any) -> Actor:
    """The KCC team, which gets the call-backs and tasks from the chat."""
    settings.KLANTBEELD_CHAT_TEAM = "KCC"
    return Actor.objects.create(
        naam="KCC", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )


@pytest.fixture
def register(zgw: LocalZgw, settings: Any) -> LocalZgw:  # noqa: F811
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
        "url"
    ]
    return zgw


@pytest.fixture
def inwoner(db: None) -> Partij:
    """A resident known by BSN (logged in with DigiD through the portal)."""
    partij = Partij.objects.create(
        soort_partij="persoon",
        indicatie_actief=True,
        contactnaam_voornaam="Fatima",
        contactnaam_achternaam="El Amrani",
    )
    PartijIdentificator.objects.create(
        identificeerde_partij=partij,
        partij_identificator_code_objecttype="natuurlijk_persoon",
        partij_identificator_code_soort_object_id="bsn",
        partij_identificator_object_id=bsn(3),
        partij_identificator_code_register="brp",
    )
    return partij


@pytest.fixture
def ticket(inwoner: Partij) -> str:
    return partij_ticket(inwoner.uuid)


def open_gesprek(bot: ApiClient, **velden: Any) -> dict[str, Any]:
    response = bot.post("gesprekken", velden)
    assert response.status_code == 201, response
    gesprek: dict[str, Any] = response.json()
    return gesprek


def zeg(bot: ApiClient, gesprek: dict[str, Any], afzender: str, tekst: str, nr: str) -> None:
    response = bot.post(
        f"gesprekken/{gesprek['uuid']}/berichten",
        {"afzender": afzender, "tekst": tekst, "clientId": nr},
    )
    assert response.status_code == 201, response
