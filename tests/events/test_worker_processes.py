"""Real worker processes on PostgreSQL: side by side they never send a message twice, and a
worker killed mid-delivery (kill -9) loses nothing."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from klantbeeld.events.models import OutboxMessage, OutboxStatus, WebhookSubscription
from tests.support.receiver import Receiver, receiver

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

COUNT = 60


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent workers need SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL)")


def start_worker() -> subprocess.Popen[bytes]:
    """A worker that is running: a SIGTERM from here on stops it cleanly."""
    worker = launch_worker()
    wait_until_delivering(worker)
    return worker


def launch_worker() -> subprocess.Popen[bytes]:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "klantbeeld.cli", "worker", "--poll", "0.2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_until_delivering(worker: subprocess.Popen[bytes], timeout: float = 60) -> None:
    """Until the worker says it delivers: its signal handlers are in place by then (a fixed
    sleep is too short on a loaded machine, and a signal before them kills it)."""
    assert worker.stdout is not None
    deadline = time.monotonic() + timeout
    seen = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([worker.stdout], [], [], 0.5)
        if ready:
            line = worker.stdout.readline()
            seen += line
            if b"delivering the outbox" in line:
                return
            if not line:
                break
    raise AssertionError(f"the worker did not start: {seen!r}")


def outbox(url: str) -> list[str]:
    subscription = WebhookSubscription.objects.create(naam="Teller", url=url)
    messages = OutboxMessage.objects.bulk_create(
        OutboxMessage(
            destination=f"webhook:{subscription.pk}",
            subscription=subscription,
            ordering_key=str(index),
            payload={"id": f"event-{index}", "type": "nl.klantbeeld.test"},
        )
        for index in range(COUNT)
    )
    return [m.payload["id"] for m in messages]


def received_ids(consumer: Receiver) -> list[str]:
    with consumer.lock:
        return [r.headers["webhook-id"] for r in consumer.received]


def wait_until_delivered(timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not OutboxMessage.objects.exclude(status=OutboxStatus.DELIVERED).exists():
            return
        time.sleep(0.1)
    raise AssertionError("not every message was delivered")


def stop(worker: subprocess.Popen[bytes]) -> None:
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=20) == 0, worker.stderr.read() if worker.stderr else ""


def test_two_workers_share_the_work_and_send_each_message_once():
    with receiver() as consumer:
        consumer.delay = 0.01
        ids = outbox(consumer.url)
        workers = [launch_worker(), launch_worker()]  # side by side from the start
        try:
            for worker in workers:
                wait_until_delivering(worker)
            wait_until_delivered()
        finally:
            for worker in workers:
                stop(worker)
        assert sorted(received_ids(consumer)) == sorted(ids)


def test_a_worker_killed_mid_delivery_loses_nothing():
    with receiver() as consumer:
        consumer.delay = 0.05
        ids = outbox(consumer.url)
        worker = start_worker()
        consumer.wait_for(30, timeout=30)  # past the first batch of 20, into the second
        worker.kill()  # SIGKILL: no chance to finish the message in hand
        worker.wait(timeout=10)
        before_restart = OutboxMessage.objects.filter(status=OutboxStatus.DELIVERED).count()
        assert 0 < before_restart < COUNT
        worker = start_worker()
        try:
            wait_until_delivered()
        finally:
            stop(worker)
        delivered = received_ids(consumer)
        assert set(delivered) == set(ids)  # no gaps
        # At most the batch in hand when it was killed is sent twice.
        assert len(delivered) - len(ids) <= 20


def test_an_idle_worker_stops_at_once_on_repeated_sigterm():
    worker = start_worker()
    time.sleep(0.5)  # and waiting for work
    worker.send_signal(signal.SIGTERM)
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=10) == 0
