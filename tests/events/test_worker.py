"""The worker delivers the outbox over real HTTP, retries with backoff, keeps order per
resource and gives up after the configured number of tries."""

from __future__ import annotations

import datetime

import httpx
import jwt
import orjson
import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.utils import timezone

from klantbeeld.events import webhooks
from klantbeeld.events.admin import OutboxMessageAdmin, try_again
from klantbeeld.events.models import OutboxMessage, OutboxStatus, WebhookSubscription
from klantbeeld.events.worker import deliver_next
from tests.klantinteracties.test_klantcontacten import persoon
from tests.support.receiver import receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def consumer():
    with receiver() as state:
        yield state


@pytest.fixture
def http():
    with httpx.Client(timeout=5) as client:
        yield client


def subscribe(url: str) -> WebhookSubscription:
    return WebhookSubscription.objects.create(naam="Consumer", url=url, resources=["partij"])


def drain(http: httpx.Client) -> int:
    """Deliver one message at a time until none is due; how many were tried."""
    rounds = 0
    while deliver_next(http, batch=1):
        rounds += 1
    return rounds


def test_a_signed_cloud_event_reaches_the_consumer(ki, consumer, http):
    subscription = subscribe(f"{consumer.url}/hook")
    partij = persoon(ki)
    assert drain(http) == 1
    [request] = consumer.received
    assert request.path == "/hook"
    assert request.headers["content-type"] == "application/cloudevents+json"
    assert webhooks.verify(subscription.secret, request.headers, request.body)
    assert not webhooks.verify(subscription.secret, request.headers, request.body + b" ")
    assert orjson.loads(request.body)["subject"] == partij["uuid"]
    message = OutboxMessage.objects.get()
    assert (message.status, message.attempts) == (OutboxStatus.DELIVERED, 1)
    assert message.delivered_at is not None
    assert request.headers["webhook-id"] == message.payload["id"]


def test_a_failing_consumer_gets_retries_with_growing_waits_then_is_given_up(
    ki, consumer, http, settings
):
    settings.KLANTBEELD_OUTBOX_MAX_ATTEMPTS = 3
    settings.KLANTBEELD_OUTBOX_BACKOFF = 60
    subscribe(consumer.url)
    consumer.answers = [500, 503, 500]
    persoon(ki)
    waits = []
    for _ in range(3):
        before = timezone.now()
        assert drain(http) == 1
        message = OutboxMessage.objects.get()
        waits.append(round((message.next_attempt_at - before).total_seconds()))
        OutboxMessage.objects.update(next_attempt_at=timezone.now())  # time passes
    assert waits[:2] == [60, 120]
    assert (message.status, message.attempts) == (OutboxStatus.DEAD, 3)
    assert message.last_error.startswith("HTTP 500")
    assert len(consumer.received) == 3
    assert drain(http) == 0  # given up: no more tries

    admin = OutboxMessageAdmin(OutboxMessage, site)
    admin.message_user = lambda *args, **kwargs: None  # type: ignore[method-assign]
    try_again(admin, RequestFactory().post("/"), OutboxMessage.objects.all())
    assert drain(http) == 1
    assert OutboxMessage.objects.get().status == OutboxStatus.DELIVERED


def test_an_unreachable_consumer_is_retried(ki, http):
    subscribe("http://127.0.0.1:9/")  # discard port: nothing listens
    persoon(ki)
    assert drain(http) == 1
    message = OutboxMessage.objects.get()
    assert message.status == OutboxStatus.PENDING
    assert message.next_attempt_at > timezone.now()
    assert "ConnectError" in message.last_error


def test_messages_about_one_resource_keep_their_order(ki, consumer, http):
    subscribe(consumer.url)
    partij = persoon(ki)
    ki.patch(f"partijen/{partij['uuid']}", {"interneNotitie": "Eerste wijziging"})
    other = persoon(ki, 2)
    consumer.answers = [500]  # the create of the first partij fails once
    assert drain(http) == 2  # that failure, then the other partij's create
    delivered = [orjson.loads(r.body) for r in consumer.received[1:]]
    assert [e["subject"] for e in delivered] == [other["uuid"]]
    # The update of the first partij waited for its create.
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert drain(http) == 2
    types = [orjson.loads(r.body)["type"] for r in consumer.received[2:]]
    assert types == ["nl.klantbeeld.partij.create", "nl.klantbeeld.partij.update"]


def test_nrc_notifications_carry_a_zgw_jwt(ki, consumer, http, settings):
    settings.KLANTBEELD_NRC_URL = f"{consumer.url}/api/v1"
    settings.KLANTBEELD_NRC_CLIENT_ID = "klantbeeld-test"
    settings.KLANTBEELD_NRC_SECRET = "een-geheim-van-de-nrc-van-32-tekens!"
    persoon(ki)
    OutboxMessage.objects.exclude(payload__resource="partij").delete()
    assert drain(http) == 1
    [request] = consumer.received
    assert request.path == "/api/v1/notificaties"
    token = request.headers["authorization"].removeprefix("Bearer ")
    claims = jwt.decode(token, "een-geheim-van-de-nrc-van-32-tekens!", algorithms=["HS256"])
    assert claims["client_id"] == claims["iss"] == "klantbeeld-test"
    assert abs(claims["iat"] - timezone.now().timestamp()) < 60
    assert orjson.loads(request.body)["kanaal"] == "partijen"


def test_a_message_not_yet_due_waits(ki, consumer, http):
    subscribe(consumer.url)
    persoon(ki)
    OutboxMessage.objects.update(next_attempt_at=timezone.now() + datetime.timedelta(minutes=5))
    assert drain(http) == 0
    assert consumer.received == []


def test_a_missing_nrc_secret_is_recorded_on_the_message_not_a_crash(ki, consumer, http, settings):
    settings.KLANTBEELD_NRC_URL = f"{consumer.url}/api/v1"
    settings.KLANTBEELD_NRC_SECRET = ""
    persoon(ki)
    assert drain(http) == 2  # each message tried once, then waiting for its retry
    for message in OutboxMessage.objects.all():
        assert message.status == OutboxStatus.PENDING
        assert "KLANTBEELD_NRC_SECRET" in message.last_error
    assert consumer.received == []


def test_an_unexpected_error_is_retried_without_blocking_the_queue(ki, consumer, http, monkeypatch):
    subscribe(consumer.url)
    persoon(ki)
    persoon(ki, 2)
    from klantbeeld.events import worker

    real = worker.deliver
    calls = []

    def first_fails(message, client):
        calls.append(message.pk)
        if len(calls) == 1:
            raise RuntimeError("onverwacht")
        real(message, client)

    monkeypatch.setattr(worker, "deliver", first_fails)
    assert drain(http) == 2
    first, second = OutboxMessage.objects.order_by("id")
    assert first.status == OutboxStatus.PENDING and "RuntimeError" in first.last_error
    assert second.status == OutboxStatus.DELIVERED


def test_a_batch_delivers_several_messages_in_one_transaction(ki, consumer, http):
    subscribe(consumer.url)
    for n in range(1, 4):
        persoon(ki, n)
    assert deliver_next(http, batch=20)
    assert len(consumer.received) == 3
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {OutboxStatus.DELIVERED}


def test_a_stop_requested_by_signals_while_waiting_ends_the_wait():
    import os
    import signal
    import threading
    import time

    from klantbeeld.events.worker import Stop

    stop = Stop()
    previous = signal.signal(signal.SIGUSR1, lambda *_: stop.set())
    try:
        # Twice, as a supervisor and a shell may both send one.
        timers = [threading.Timer(d, os.kill, (os.getpid(), signal.SIGUSR1)) for d in (0.2, 0.25)]
        for timer in timers:
            timer.start()
        started = time.monotonic()
        stop.wait(10)
        assert stop.is_set()
        assert time.monotonic() - started < 2
        for timer in timers:
            timer.join()
        time.sleep(0.1)  # the second signal is handled before the handler is restored
    finally:
        signal.signal(signal.SIGUSR1, previous)
