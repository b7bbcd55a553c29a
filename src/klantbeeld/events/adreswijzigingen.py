"""The worker applies planned address changes on their date (cases.md C1923,
``domain/services/adreswijzigingen.py``): when a change is planned, a job is queued in
the outbox, in the same transaction, due at the start of its day; the worker runs it then
(or as soon as it runs again, when it was down) and applies every change that is due."""

from __future__ import annotations

import httpx

from klantbeeld.domain.models import GeplandeAdreswijziging
from klantbeeld.domain.services.adreswijzigingen import begin_van, pas_toe_wat_geldt
from klantbeeld.domain.services.changes import Change
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue

DESTINATION = "adreswijzigingen"
# Who applies them, as the audit trail and the notifications say.
BY = ChangeContext(applicatie="Klantbeeld geplande adreswijzigingen")


def plan_taak(change: Change) -> None:
    """A newly planned change: a job for the worker at the start of its day."""
    wijziging = change.instance
    if change.actie != "create" or not isinstance(wijziging, GeplandeAdreswijziging):
        return
    enqueue(
        [
            OutboxMessage(
                destination=DESTINATION,
                ordering_key=str(wijziging.pk),
                payload={"adreswijziging": str(wijziging.pk)},
                next_attempt_at=begin_van(wijziging.geldig_vanaf),
            )
        ]
    )


def voer_uit(message: OutboxMessage, client: httpx.Client) -> None:
    """Apply what is due today: this change and any other whose job has not run yet."""
    pas_toe_wat_geldt(BY)
