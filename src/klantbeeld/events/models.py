"""The outbox (messages waiting for delivery) and the webhook subscriptions."""

from __future__ import annotations

import base64
import secrets

from django.db import models
from django.utils import timezone


def new_webhook_secret() -> str:
    """A Standard Webhooks secret: ``whsec_`` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


class WebhookSubscription(models.Model):
    """A consumer without an NRC: gets every change of the chosen resources as a CloudEvent,
    signed with its secret."""

    naam = models.CharField(max_length=200, unique=True)
    url = models.URLField(max_length=1000)
    secret = models.CharField(max_length=200, default=new_webhook_secret)
    resources = models.JSONField(
        default=list,
        blank=True,
        help_text="Resource names (partij, klantcontact, …); empty: every resource.",
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "webhook-abonnement"
        verbose_name_plural = "webhook-abonnementen"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam

    def wants(self, resource: str) -> bool:
        return not self.resources or resource in self.resources


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Te verwerken"
    DELIVERED = "delivered", "Verwerkt"
    DEAD = "dead", "Opgegeven"


class Retried(models.Model):
    """Work the worker does with retries: its state, tries and last error."""

    status = models.CharField(
        max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class OutboxMessage(Retried):
    """One message for one destination, written in the transaction of the change it is
    about. Messages with the same ``destination`` and ``ordering_key`` (the resource) are
    delivered in ``id`` order."""

    aangemaakt_op = models.DateTimeField(default=timezone.now)
    destination = models.CharField(max_length=50)  # "nrc" or "webhook:<id>"
    subscription = models.ForeignKey(
        WebhookSubscription, null=True, blank=True, on_delete=models.CASCADE
    )
    ordering_key = models.CharField(max_length=64)
    payload = models.JSONField()

    class Meta:
        verbose_name = "uitgaand bericht"
        verbose_name_plural = "uitgaande berichten"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["destination", "ordering_key", "status", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.destination} #{self.pk} ({self.status})"


class InboxNotification(Retried):
    """A notification the NRC delivered to the callback, handled by the worker. The same
    notification delivered twice (at-least-once upstream) is stored once."""

    ontvangen_op = models.DateTimeField(default=timezone.now)
    fingerprint = models.CharField(max_length=64, unique=True)
    kanaal = models.CharField(max_length=50)
    payload = models.JSONField()

    class Meta:
        verbose_name = "inkomende notificatie"
        verbose_name_plural = "inkomende notificaties"
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kanaal} #{self.pk} ({self.status})"
