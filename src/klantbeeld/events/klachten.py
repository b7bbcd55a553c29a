"""Reminders before a complaint's term ends (docs/klachten.md): whenever a complaint is
registered or changed, its pending reminders are planned again in the same transaction,
one job per ``KLANTBEELD_KLACHT_HERINNERINGEN`` working days before the end, due at the
start of that day. A moved term (an extension, the committee) moves them; a decided or
withdrawn complaint has none. The job itself checks again (``klachten.herinner``): it does
nothing when the complaint was decided or its term moved meanwhile, nor twice."""

from __future__ import annotations

import datetime

import httpx
from django.conf import settings
from django.utils import timezone

from klantbeeld.domain.models import Klacht
from klantbeeld.domain.services import klachten, termijnen
from klantbeeld.domain.services.actoren import geautomatiseerde_actor
from klantbeeld.domain.services.adreswijzigingen import begin_van
from klantbeeld.domain.services.changes import Change
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.events.outbox import enqueue

DESTINATION = "klachtherinneringen"
BY = ChangeContext(applicatie="Klantbeeld klachtbewaking")
ACTOR = "Klachtbewaking"


def plan_herinneringen(change: Change) -> None:
    klacht = change.instance
    if not isinstance(klacht, Klacht):
        return
    OutboxMessage.objects.filter(
        destination=DESTINATION, ordering_key=str(klacht.pk), status=OutboxStatus.PENDING
    ).delete()
    if not klachten.is_open(klacht):
        return
    vandaag = timezone.localdate()
    enqueue(
        [
            OutboxMessage(
                destination=DESTINATION,
                ordering_key=str(klacht.pk),
                payload={
                    "klacht": str(klacht.pk),
                    "termijn_einde": klacht.termijn_einde.isoformat(),
                    "werkdagen": dagen,
                },
                next_attempt_at=begin_van(dag),
            )
            for dagen, dag in herinneringsdagen(klacht.termijn_einde)
            if dag >= vandaag
        ]
    )


def herinneringsdagen(termijn_einde: datetime.date) -> list[tuple[int, datetime.date]]:
    """(working days before, the day) of each reminder of a term ending ``termijn_einde``."""
    return [
        (dagen, termijnen.werkdagen_eerder(termijn_einde, dagen))
        for dagen in sorted(set(settings.KLANTBEELD_KLACHT_HERINNERINGEN), reverse=True)
    ]


def voer_uit(message: OutboxMessage, client: httpx.Client) -> None:
    klacht = Klacht.objects.filter(pk=message.payload["klacht"]).first()
    if klacht is None:
        return  # deleted meanwhile
    klachten.herinner(
        klacht,
        werkdagen=int(message.payload["werkdagen"]),
        termijn_einde=datetime.date.fromisoformat(message.payload["termijn_einde"]),
        door=geautomatiseerde_actor(
            ACTOR, "Herinnert klachtbehandelaars aan de termijn van een klacht.", BY
        ),
        by=BY,
    )
