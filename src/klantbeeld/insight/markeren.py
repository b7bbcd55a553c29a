"""Keeping the day figures current without slowing the register.

A change marks the days whose figures it touches: one row inserted in the change's own
transaction (``Markering``, no unique key, so concurrent writers never wait on each
other). The first marking after a quiet spell also queues one outbox job, due a little
later (``KLANTBEELD_INZICHT_VERTRAGING``), so a burst of writes is recomputed once; the
worker then recomputes the marked days and removes their markings, and queues one more
run behind itself to pick up markings of transactions that committed while it worked.
A rolled-back change marks nothing; a missed marking is caught by
``klantbeeld inzicht-bijwerken``."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from klantbeeld.channels.telefonie.models import Oproep
from klantbeeld.domain.models import (
    Gesprek,
    InterneTaak,
    Klacht,
    Klantcontact,
    Onderwerpobject,
    Waardering,
)
from klantbeeld.domain.services.changes import Change
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.events.outbox import enqueue
from klantbeeld.insight.berekenen import bereken_dagen, lokale_dag
from klantbeeld.insight.models import Markering

DESTINATION = "inzicht"


def bij_wijziging(change: Change) -> None:
    """The domain's changes: contacts, their subjects and tasks."""
    markeer(dagen_van(change.instance))


def volg_kanaalregistraties() -> None:
    """Complaints, answers to surveys, chats and calls are also saved outside the
    audited services (a channel's own records): watched as Django saves them."""
    for model in (Klacht, Waardering, Gesprek, Oproep):
        post_save.connect(_bij_opslaan, sender=model, dispatch_uid=f"inzicht-{model.__name__}")
        post_delete.connect(
            _bij_opslaan, sender=model, dispatch_uid=f"inzicht-weg-{model.__name__}"
        )


# The fields of a channel's record its figures are made of: a chat saved for each message
# (its counter) or a call for each event changes none of them.
TELLENDE_VELDEN = {
    Gesprek: {"in_wachtrij_sinds", "aangenomen_op", "team", "kanaal"},
    Oproep: {"overgaan_op", "opgenomen_op", "medewerker"},
}


def _bij_opslaan(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    velden = kwargs.get("update_fields")
    tellend = TELLENDE_VELDEN.get(sender)
    if tellend is not None and velden is not None and not tellend.intersection(velden):
        return
    markeer(dagen_van(instance))


def _dag(waarde: Any) -> datetime.date | None:
    if isinstance(waarde, datetime.datetime):
        return lokale_dag(waarde)
    if isinstance(waarde, datetime.date):
        return waarde
    return None


def _contactdag(pk: Any) -> datetime.date | None:
    moment = Klantcontact.objects.filter(pk=pk).values_list("plaatsgevonden_op", flat=True).first()
    return _dag(moment)


def dagen_van(instance: models.Model) -> set[datetime.date]:
    """The days whose figures ``instance`` counts in."""
    waarden: list[Any] = []
    if isinstance(instance, Klantcontact):
        waarden = [instance.plaatsgevonden_op]
    elif isinstance(instance, Onderwerpobject):
        # The contact it follows up: its first-contact resolution and answer time.
        if instance.was_klantcontact_id is not None:
            waarden = [_contactdag(instance.was_klantcontact_id)]
            if instance.klantcontact_id is not None:
                waarden.append(_contactdag(instance.klantcontact_id))
    elif isinstance(instance, InterneTaak):
        waarden = [
            instance.toegewezen_op,
            instance.afgehandeld_op,
            _contactdag(instance.aanleidinggevend_klantcontact_id),
        ]
    elif isinstance(instance, Klacht):
        waarden = [instance.ontvangen_op, instance.besloten_op]
    elif isinstance(instance, Waardering):
        waarden = [instance.datum]
    elif isinstance(instance, Gesprek):
        waarden = [instance.aangenomen_op]
    elif isinstance(instance, Oproep):
        waarden = [instance.opgenomen_op]
    return {dag for waarde in waarden if (dag := _dag(waarde)) is not None}


def markeer(dagen_: set[datetime.date]) -> None:
    if not dagen_:
        return
    Markering.objects.bulk_create([Markering(datum=dag) for dag in sorted(dagen_)])
    plan()


def plan() -> None:
    """One job queued (if none is waiting) a little later, in the current transaction: an
    indexed look per write, and one outbox row per quiet spell, not one per write."""
    wachtend = OutboxMessage.objects.filter(
        destination=DESTINATION, ordering_key=DESTINATION, status=OutboxStatus.PENDING
    ).exists()
    if not wachtend:
        _nieuwe_taak(float(settings.KLANTBEELD_INZICHT_VERTRAGING))


def _nieuwe_taak(vertraging: float) -> None:
    enqueue(
        [
            OutboxMessage(
                destination=DESTINATION,
                ordering_key=DESTINATION,
                payload={"inzicht": "dagcijfers"},
                next_attempt_at=timezone.now() + datetime.timedelta(seconds=vertraging),
            )
        ]
    )


def werk_bij(message: OutboxMessage, client: httpx.Client) -> None:
    """The worker's job: recompute the marked days (in the worker's transaction: when it
    fails, the markings stay and the job is tried again)."""
    if werk_markeringen_bij() and not message.payload.get("naloop"):
        enqueue(
            [
                OutboxMessage(
                    destination=DESTINATION,
                    ordering_key=DESTINATION,
                    payload={"inzicht": "dagcijfers", "naloop": True},
                    next_attempt_at=timezone.now()
                    + datetime.timedelta(seconds=float(settings.KLANTBEELD_INZICHT_VERTRAGING)),
                )
            ]
        )


def werk_markeringen_bij() -> int:
    """Recompute every marked day; the number of days."""
    markeringen = list(Markering.objects.values_list("id", "datum"))
    if not markeringen:
        return 0
    dagen_ = {datum for _, datum in markeringen}
    bereken_dagen(dagen_)
    Markering.objects.filter(id__lte=max(pk for pk, _ in markeringen)).delete()
    return len(dagen_)
