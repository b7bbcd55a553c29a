"""The worker: delivers outbox messages and handles the notifications the NRC sent,
oldest first, in small batches (one transaction and commit per batch).

Many workers can run side by side: on PostgreSQL a message is claimed with ``SELECT …
FOR UPDATE SKIP LOCKED`` and stays locked until its outcome is stored, so no two workers
send it at once. A worker killed mid-delivery leaves its batch pending: those are sent
again (duplicates at most, never a gap). A message waits while an earlier message of the
same destination and resource is pending, which keeps their order.
"""

from __future__ import annotations

import datetime
import logging
import time
from typing import TypeVar

import httpx
import psycopg
from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from klantbeeld.events import handlers
from klantbeeld.events.delivery import DeliveryError, deliver
from klantbeeld.events.models import InboxNotification, OutboxMessage, OutboxStatus, Retried
from klantbeeld.events.outbox import WAKE_CHANNEL

log = logging.getLogger(__name__)
R = TypeVar("R", bound=Retried)


def deliver_next(client: httpx.Client, batch: int = 20) -> bool:
    """Deliver (or try) the next due outbox messages, up to ``batch`` of them in one
    transaction (one commit for all their outcomes); False when none is due."""
    with transaction.atomic():
        messages = _claim_messages(batch)
        for message in messages:
            _deliver_one(message, client)
    return bool(messages)


def _deliver_one(message: OutboxMessage, client: httpx.Client) -> None:
    try:
        deliver(message, client)
    except DeliveryError as error:
        _failed(message, str(error), permanent=error.permanent)
    except Exception as error:  # a bug or odd data must not stop the queue
        log.exception("Delivering %s failed", message)
        _failed(message, f"{type(error).__name__}: {error}")
    else:
        _done(message)


def handle_next() -> bool:
    """Handle (or try) the next due notification from the NRC; False when none is due."""
    with transaction.atomic():
        notification = _due(InboxNotification.objects.all()).first()
        if notification is None:
            return False
        try:
            with transaction.atomic():
                handlers.handle(notification.payload)
        except Exception as error:  # a handler's failure is retried, whatever it is
            log.exception("Handling notification %s failed", notification.pk)
            _failed(notification, f"{type(error).__name__}: {error}")
        else:
            _done(notification)
    return True


def _due(queryset: QuerySet[R]) -> QuerySet[R]:
    return (
        queryset.filter(status=OutboxStatus.PENDING, next_attempt_at__lte=timezone.now())
        .order_by("id")
        .select_for_update(skip_locked=True, of=("self",))
    )


def _claim_messages(batch: int) -> list[OutboxMessage]:
    # A message whose resource has an earlier pending message waits: order per resource.
    earlier = OutboxMessage.objects.filter(
        destination=OuterRef("destination"),
        ordering_key=OuterRef("ordering_key"),
        status=OutboxStatus.PENDING,
        id__lt=OuterRef("id"),
    )
    due = _due(OutboxMessage.objects.exclude(Exists(earlier)).select_related("subscription"))
    return list(due[:batch])


def _done(item: Retried) -> None:
    item.status = OutboxStatus.DELIVERED
    item.attempts += 1
    item.delivered_at = timezone.now()
    item.last_error = ""
    item.save(update_fields=["status", "attempts", "delivered_at", "last_error"])


def _failed(item: Retried, error: str, *, permanent: bool = False) -> None:
    """Another try later, or (a refusal that will stay, or the last try) failed for good:
    then it is shown as failed (the admin, and where its adapter shows it)."""
    item.attempts += 1
    item.last_error = error[:2000]
    if permanent:
        item.status = OutboxStatus.DEAD
        log.warning("%s refused for good: %s", item, error)
    elif item.attempts >= settings.KLANTBEELD_OUTBOX_MAX_ATTEMPTS:
        item.status = OutboxStatus.DEAD
        log.warning("%s given up after %s tries: %s", item, item.attempts, error)
    else:
        wait = min(
            settings.KLANTBEELD_OUTBOX_BACKOFF * 2 ** (item.attempts - 1),
            settings.KLANTBEELD_OUTBOX_MAX_BACKOFF,
        )
        item.next_attempt_at = timezone.now() + datetime.timedelta(seconds=wait)
    item.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


class Stop:
    """A stop request that a signal handler may make. (``threading.Event.set`` from a
    handler deadlocks when the signal arrives while the main thread waits on that event.)"""

    def __init__(self) -> None:
        self.requested = False

    def set(self) -> None:
        self.requested = True

    def is_set(self) -> bool:
        return self.requested

    def wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.requested and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.1))


class _Waker:
    """Waits for the NOTIFY that a new message sends on PostgreSQL, or polls elsewhere."""

    def __init__(self) -> None:
        self.listening: psycopg.Connection[tuple[object, ...]] | None = None
        if connection.vendor == "postgresql":
            params = connection.get_connection_params()
            params.pop("cursor_factory", None)
            params.pop("context", None)
            self.listening = psycopg.connect(**params, autocommit=True)
            self.listening.execute(f"LISTEN {WAKE_CHANNEL}")

    def wait(self, seconds: float, stop: Stop) -> None:
        if self.listening is None:
            stop.wait(seconds)
            return
        for _ in self.listening.notifies(timeout=seconds, stop_after=1):
            pass

    def close(self) -> None:
        if self.listening is not None:
            self.listening.close()


def run(
    stop: Stop,
    poll_seconds: float = 1.0,
) -> None:
    """Deliver until ``stop`` is set."""
    waker = _Waker()
    try:
        with httpx.Client(timeout=settings.KLANTBEELD_DELIVERY_TIMEOUT) as client:
            while not stop.is_set():
                try:
                    busy = deliver_next(client) or handle_next()
                except Exception:
                    log.exception("Outbox worker: delivery round failed; retrying")
                    close_old_connections()
                    stop.wait(poll_seconds)
                    continue
                if not busy:
                    waker.wait(poll_seconds, stop)
    finally:
        waker.close()
