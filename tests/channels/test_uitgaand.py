"""Messages to customers leave through the outbox (R11-style delivery): sent after commit,
retried after a temporary failure, and a permanent refusal marks the contact not reached."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from klantbeeld.channels.uitgaand import VerzendFout
from klantbeeld.domain.models import Klantcontact, Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.intake import Deelnemer
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from tests.domain.test_opvolging import BY, actor
from tests.domain.test_zoeken import persoon
from tests.integrations.conftest import drain
from tests.support.kanalen import Testkanalen, testkanalen

pytestmark = pytest.mark.django_db


@pytest.fixture
def verzender() -> Iterator[Testkanalen]:
    with testkanalen("sms") as kanaal:
        yield kanaal


def bericht() -> Verzending:
    verzending = verstuur(
        Bericht(kanaal="sms", adres="+31612345678", onderwerp="Voortgang", tekst="Klaar."),
        ontvanger=Deelnemer(partij=persoon("Jan", "Jansen"), initiator=False),
        actor=actor("Behandelaar"),
        by=BY,
    )
    assert verzending is not None
    return verzending


def test_a_message_is_sent_by_the_worker_and_marked_sent(verzender):
    verzending = bericht()
    [message] = OutboxMessage.objects.filter(destination="verzending:sms")
    assert message.payload == {"verzending": str(verzending.uuid)}
    drain()
    verzending.refresh_from_db()
    assert [v.pk for v in verzender.verstuurd] == [verzending.pk]
    assert (verzending.status, verzending.bericht_id) == (Verzendstatus.VERSTUURD, "sms-1")


def test_nothing_is_sent_for_a_rolled_back_change(verzender):
    with pytest.raises(RuntimeError), transaction.atomic():
        bericht()
        raise RuntimeError("the rest of the change failed")
    drain()
    assert verzender.verstuurd == [] and not Verzending.objects.exists()
    assert not Klantcontact.objects.exists() and not OutboxMessage.objects.exists()


def test_a_temporary_failure_is_tried_again(verzender):
    verzender.uitkomsten.append(VerzendFout("421 try again later", permanent=False))
    verzending = bericht()
    drain()
    message = OutboxMessage.objects.get(destination="verzending:sms")
    assert message.status == OutboxStatus.PENDING and "421" in message.last_error
    message.next_attempt_at = message.aangemaakt_op
    message.save()
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD and len(verzender.verstuurd) == 1


def test_a_permanent_refusal_marks_the_contact_not_reached(verzender):
    verzender.uitkomsten.append(VerzendFout("21211 invalid 'To' number", permanent=True))
    verzending = bericht()
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.MISLUKT and "21211" in verzending.fout
    assert verzending.klantcontact is not None
    assert verzending.klantcontact.indicatie_contact_gelukt is False
    message = OutboxMessage.objects.get(destination="verzending:sms")
    assert message.status == OutboxStatus.DELIVERED  # handled: not tried again


def test_a_channel_that_is_not_set_up_is_not_offered(verzender):
    assert verzenden.kan_versturen("sms")
    verzenden.registreer_opsteller("sms", verzender.stel_op, lambda: False)
    assert not verzenden.kan_versturen("sms")
    with pytest.raises(verzenden.GeenKanaal):
        bericht()
    assert not Verzending.objects.exists()
