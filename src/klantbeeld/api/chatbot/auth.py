"""Who may call the chatbot API: the same credentials as the other APIs (``Token`` or a
ZGW JWT) with the scope ``chatbot``. The calling bot is an actor of the register
(geautomatiseerde_actor, identified by its client id), and sees only its own
conversations and those Klantbeeld's widget gave the configured chatbot."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest

from klantbeeld.api.clients.auth import Caller, ClientAuth
from klantbeeld.api.clients.models import ApiClient, Scope
from klantbeeld.api.common.problems import ApiProblem
from klantbeeld.api.intake.registratie import actor_van, automatische_actor
from klantbeeld.domain.models import Actor, Gesprek
from klantbeeld.domain.services import gesprekken
from klantbeeld.domain.services.common import ChangeContext

CHATBOT = Scope.CHATBOT.value
# The one scope that vouches for an identity (R3), shared with the intake API.
IDENTITEIT = Scope.INTAKE_IDENTITEIT.value


class ChatbotAuth(ClientAuth):
    def __init__(self) -> None:
        super().__init__("chatbot")

    def required_scope(self, request: HttpRequest) -> str:
        return CHATBOT

    def may_see_confidential(self, caller: Caller) -> bool:
        # The bot registers; it sees nothing of the register but the keys of what it
        # registered. It must find every partij, a secret one too (R3).
        return True


def caller(request: HttpRequest) -> Caller:
    found = getattr(request, "auth", None)
    assert isinstance(found, Caller)
    return found


def bot_actor(client: ApiClient, by: ChangeContext) -> Actor:
    """The calling bot as geautomatiseerde actor, made at its first conversation (the
    same actor the intake API knows the application by)."""
    with transaction.atomic():
        return automatische_actor(
            client, by, functie="Chatbot", omschrijving="Voert chatgesprekken via de chatbot-API"
        )


def zichtbaar(client: ApiClient) -> Q:
    """The conversations ``client`` may see: its own, and the configured chatbot's."""
    voorwaarde = Q(pk__in=[])
    eigen = actor_van(client)
    if eigen is not None:
        voorwaarde |= Q(chatbot=eigen)
    geconfigureerd = gesprekken.chatbot()
    if geconfigureerd is not None:
        voorwaarde |= Q(chatbot=geconfigureerd)
    return voorwaarde


def gesprek_van(request: HttpRequest, gesprek_uuid: uuid.UUID) -> Gesprek:
    """The conversation, or 404 (the same whether it does not exist or is another's)."""
    gesprek = (
        Gesprek.objects.filter(zichtbaar(caller(request).client), uuid=gesprek_uuid)
        .select_related("chatbot")
        .first()
    )
    if gesprek is None:
        raise ApiProblem(404, detail="Er is geen gesprek met deze uuid.")
    return gesprek


def eis_identiteitsscope(request: HttpRequest) -> None:
    """403 when a bot without the scope passes a BSN or KVK-nummer (R3)."""
    if not caller(request).client.has_scope(IDENTITEIT):
        raise ApiProblem(
            403,
            detail=f"Deze applicatie mag geen identiteit doorgeven: daarvoor is de scope "
            f"'{IDENTITEIT}' nodig. Geef het partijTicket van de widget door, of laat de "
            "identiteit weg.",
        )
