"""A refusal that will stay (400, 403, 404, 409, 410, 422) is not tried again: the message
is marked failed at once, with the answer, for staff to see and try again. A timeout (408),
too many requests (429) and a server error are retried as before."""

from __future__ import annotations

import httpx
import pytest

from klantbeeld.events.delivery import PERMANENT_STATUS, is_permanent
from klantbeeld.events.models import OutboxMessage, OutboxStatus, WebhookSubscription
from klantbeeld.events.worker import deliver_next
from tests.klantinteracties.test_klantcontacten import persoon
from tests.support.receiver import receiver

pytestmark = pytest.mark.django_db


def test_which_answers_are_refusals_that_stay() -> None:
    assert {400, 403, 404, 409, 410, 422} == PERMANENT_STATUS
    assert not any(is_permanent(status) for status in (None, 401, 408, 429, 500, 502, 503))


@pytest.mark.parametrize(
    ("status", "uitkomst"),
    [
        (400, OutboxStatus.DEAD),
        (404, OutboxStatus.DEAD),
        (410, OutboxStatus.DEAD),
        (422, OutboxStatus.DEAD),
        (408, OutboxStatus.PENDING),
        (429, OutboxStatus.PENDING),
        (503, OutboxStatus.PENDING),
    ],
)
def test_a_permanent_refusal_is_failed_at_once_and_others_are_retried(
    ki, settings, status: int, uitkomst: str
) -> None:
    settings.KLANTBEELD_OUTBOX_MAX_ATTEMPTS = 10
    with receiver() as consumer, httpx.Client(timeout=5) as http:
        consumer.answers = [status]
        WebhookSubscription.objects.create(naam="C", url=consumer.url, resources=["partij"])
        persoon(ki)
        assert deliver_next(http, batch=1)
        message = OutboxMessage.objects.get()
        assert (message.status, message.attempts) == (uitkomst, 1)
        assert message.last_error.startswith(f"HTTP {status}")
        OutboxMessage.objects.update(next_attempt_at=message.aangemaakt_op)  # time passes
        deliver_next(http, batch=1)
        assert len(consumer.received) == (1 if uitkomst == OutboxStatus.DEAD else 2)
