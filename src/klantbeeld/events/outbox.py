"""Writing the outbox: one message per change per destination, in the change's transaction."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from klantbeeld.api.common.resources import url_of
from klantbeeld.domain.services.changes import Change
from klantbeeld.events import nrc, webhooks
from klantbeeld.events.models import OutboxMessage, WebhookSubscription

# Wakes a waiting worker on PostgreSQL; sent at commit, never for a rolled-back change.
WAKE_CHANNEL = "klantbeeld_outbox"


# Every change looks at the subscriptions: they are kept per process for a few seconds
# (one query per change was a fifth of a registration's queries). A change in the admin
# clears this process's copy at once; other processes see it within the period.
SUBSCRIPTIONS_SECONDS = 5.0
_subscriptions: tuple[float, list[WebhookSubscription]] | None = None


def active_subscriptions() -> list[WebhookSubscription]:
    global _subscriptions
    now = time.monotonic()
    if _subscriptions is None or now - _subscriptions[0] > SUBSCRIPTIONS_SECONDS:
        _subscriptions = (now, list(WebhookSubscription.objects.filter(actief=True)))
    return _subscriptions[1]


@receiver(post_save, sender=WebhookSubscription)
@receiver(post_delete, sender=WebhookSubscription)
def forget_subscriptions(**kwargs: Any) -> None:
    global _subscriptions
    _subscriptions = None


def record_change(change: Change) -> None:
    url = url_of(change.instance)
    if url is None:
        return  # not an API resource (e.g. an audit row): nobody subscribes to it
    resource = change.instance._meta.model_name or ""
    key = str(change.instance.pk)
    messages = [
        OutboxMessage(
            destination=f"webhook:{subscription.pk}",
            subscription=subscription,
            ordering_key=key,
            payload=webhooks.cloud_event(change, resource, url),
        )
        for subscription in active_subscriptions()
        if subscription.wants(resource)
    ]
    if settings.KLANTBEELD_NRC_URL:
        notificatie = nrc.notificatie(change, resource, url)
        if notificatie is not None:
            messages.append(OutboxMessage(destination="nrc", ordering_key=key, payload=notificatie))
    enqueue(messages)


def enqueue(messages: list[OutboxMessage]) -> None:
    """Write ``messages`` in the current transaction; a waiting worker wakes at commit."""
    if not messages:
        return
    OutboxMessage.objects.bulk_create(messages)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {WAKE_CHANNEL}")
