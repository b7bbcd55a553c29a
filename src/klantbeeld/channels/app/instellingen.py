"""The messaging gateway's settings from Django's, the team that gets new conversations,
and the automated actor that registers them. Answers by app are offered
(``verzenden.kan_versturen("app")``) only while the gateway is set up."""

from __future__ import annotations

import httpx
from django.conf import settings

from klantbeeld.channels.gateways.whatsapp import WhatsAppGateway
from klantbeeld.domain.models import Actor
from klantbeeld.domain.services.actoren import actief_team, geautomatiseerde_actor
from klantbeeld.domain.services.common import ChangeContext

KANAAL = "app"
BY = ChangeContext(applicatie="Klantbeeld kanalen", gebruikers_weergave="App-gateway")
ACTOR_NAAM = "App-gateway"
ACTOR_OMSCHRIJVING = "Berichten uit de gemeente-app"


class NietIngesteld(Exception):
    """A setting the channel needs is missing or names nothing; ``str()`` says which."""


def ingesteld() -> bool:
    """Whether answers can go out: the business number and its access token are set."""
    return bool(settings.KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID and settings.KLANTBEELD_WHATSAPP_TOKEN)


def gateway(http: httpx.Client | None = None) -> WhatsAppGateway:
    """The Cloud API client for the business number; ``http``: the caller's pool."""
    if not ingesteld():
        raise NietIngesteld(
            "De berichtengateway is niet ingesteld "
            "(KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID, KLANTBEELD_WHATSAPP_TOKEN)."
        )
    return WhatsAppGateway(
        settings.KLANTBEELD_WHATSAPP_URL,
        settings.KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID,
        settings.KLANTBEELD_WHATSAPP_TOKEN,
        version=settings.KLANTBEELD_WHATSAPP_VERSION,
        timeout=settings.KLANTBEELD_WHATSAPP_TIMEOUT,
        http=http,
    )


def team() -> Actor:
    """The organisatorische eenheid KLANTBEELD_APP_TEAM names (its uuid or name)."""
    naam = settings.KLANTBEELD_APP_TEAM.strip()
    if not naam:
        raise NietIngesteld("KLANTBEELD_APP_TEAM is niet ingesteld: geen team voor app-berichten.")
    gevonden = actief_team(naam)
    if gevonden is None:
        raise NietIngesteld(f"KLANTBEELD_APP_TEAM: geen actieve organisatorische eenheid {naam!r}.")
    return gevonden


def actor() -> Actor:
    """The automated actor "App-gateway" (soortActor geautomatiseerde_actor), made once."""
    return geautomatiseerde_actor(ACTOR_NAAM, ACTOR_OMSCHRIJVING, BY)
