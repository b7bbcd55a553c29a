"""Writing the outbox: one message per change per destination, in the change's transaction."""

from __future__ import annotations

from django.conf import settings
from django.db import connection

from klantbeeld.api.common.resources import url_of
from klantbeeld.domain.services.changes import Change
from klantbeeld.events import nrc, webhooks
from klantbeeld.events.models import OutboxMessage, WebhookSubscription

# Wakes a waiting worker on PostgreSQL; sent at commit, never for a rolled-back change.
WAKE_CHANNEL = "klantbeeld_outbox"


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
        for subscription in WebhookSubscription.objects.filter(actief=True)
        if subscription.wants(resource)
    ]
    if settings.KLANTBEELD_NRC_URL:
        notificatie = nrc.notificatie(change, resource, url)
        if notificatie is not None:
            messages.append(OutboxMessage(destination="nrc", ordering_key=key, payload=notificatie))
    if not messages:
        return
    OutboxMessage.objects.bulk_create(messages)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {WAKE_CHANNEL}")
