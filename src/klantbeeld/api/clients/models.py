"""An application that may call the APIs, with its credentials and scopes."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.utils import timezone


class Scope(models.TextChoices):
    KLANTINTERACTIES_LEZEN = "klantinteracties.lezen", "Klantinteracties: lezen"
    KLANTINTERACTIES_SCHRIJVEN = "klantinteracties.schrijven", "Klantinteracties: schrijven"
    KLANTINTERACTIES_VERTROUWELIJK = (
        "klantinteracties.vertrouwelijk",
        "Klantinteracties: vertrouwelijke klantcontacten en geheime partijen zien",
    )
    CONTACTGEGEVENS_LEZEN = "contactgegevens.lezen", "Contactgegevens: lezen"
    CONTACTGEGEVENS_SCHRIJVEN = "contactgegevens.schrijven", "Contactgegevens: schrijven"
    VERWERKINGENLOGGING_LEZEN = (
        "verwerkingenlogging.lezen",
        "Verwerkingenlogging: inzage per persoon",
    )
    VERWERKINGENLOGGING_VERTROUWELIJK = (
        "verwerkingenlogging.vertrouwelijk",
        "Verwerkingenlogging: ook vertrouwelijke verwerkingen",
    )
    VERWERKINGENLOGGING_VOLLEDIG = (
        "verwerkingenlogging.volledig",
        "Verwerkingenlogging: volledige verwerkingsacties (gebruiker, systeem)",
    )
    # The intake API (docs/intake-api.md): one scope per kind of source.
    INTAKE_BRIEVEN = "intake.brieven", "Intake: brieven en documenten (scanstraat, DMS)"
    INTAKE_FORMULIEREN = "intake.formulieren", "Intake: contactformulieren van websites"
    INTAKE_IDENTITEIT = (
        "intake.identiteit",
        "Intake: een vastgestelde identiteit (BSN, KVK-nummer) doorgeven",
    )
    # The chatbot API (docs/chatbot.md).
    CHATBOT = "chatbot", "Chatbot: gesprekken voeren, overdragen en vastleggen"
    # The BI API of the dashboards (docs/inzicht.md): totals only.
    INZICHT = "inzicht", "Inzicht: cijfers voor managementinformatie (alleen totalen)"


ALL_SCOPES = [scope.value for scope in Scope]
# What an application gets unless told otherwise: not the right to vouch for someone's
# identity (R3), which is granted by name to an application that logs its users in.
# Nor the management figures: granted by name to the organisation's BI.
DEFAULT_SCOPES = [
    scope for scope in ALL_SCOPES if scope not in {Scope.INTAKE_IDENTITEIT, Scope.INZICHT}
]


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiClient(models.Model):
    """Credentials: a token (``Authorization: Token …``, as Open Klant) and a ZGW JWT
    client id + secret (``Authorization: Bearer <HS256 JWT>``). Only a hash of the token is
    kept; the JWT secret is kept as-is because HS256 verification needs it."""

    naam = models.CharField(max_length=200, unique=True)
    client_id = models.CharField(max_length=200, unique=True)
    secret = models.CharField(max_length=200, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    token_prefix = models.CharField(max_length=8, blank=True)
    scopes = models.JSONField(default=list, blank=True)
    actief = models.BooleanField(default=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "API-client"
        verbose_name_plural = "API-clients"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def new_token(self) -> str:
        """Replace the token; the new value is returned once and never stored in clear."""
        token = secrets.token_hex(20)
        self.token_hash = hash_token(token)
        self.token_prefix = token[:8]
        return token

    def new_secret(self) -> str:
        self.secret = secrets.token_urlsafe(32)
        return self.secret
