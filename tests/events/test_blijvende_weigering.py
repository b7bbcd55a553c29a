"""A register's refusal that will stay (400, 403, 404, 409, 410, 422) is not tried again:
the link is marked failed at once, with the answer, for staff to see and try again
(tests/integrations/test_zgw_open_zaak.py shows it against the register). A timeout (408),
too many requests (429) and a server error are retried. Webhook subscribers and the NRC
are tried again whatever they answer: their refusal is often mended by configuration, and
no event may be lost (tests/events/test_nrc.py: a kanaal not yet registered)."""

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


@pytest.mark.parametrize("status", [400, 404, 410, 422, 408, 429, 503])
def test_a_webhook_subscriber_is_tried_again_whatever_it_answers(ki, settings, status: int) -> None:
    settings.KLANTBEELD_OUTBOX_MAX_ATTEMPTS = 10
    with receiver() as consumer, httpx.Client(timeout=5) as http:
        consumer.answers = [status]
        WebhookSubscription.objects.create(naam="C", url=consumer.url, resources=["partij"])
        persoon(ki)
        assert deliver_next(http, batch=1)
        message = OutboxMessage.objects.get()
        assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
        assert message.last_error.startswith(f"HTTP {status}")
        OutboxMessage.objects.update(next_attempt_at=message.aangemaakt_op)  # time passes
        deliver_next(http, batch=1)
        assert len(consumer.received) == 2
