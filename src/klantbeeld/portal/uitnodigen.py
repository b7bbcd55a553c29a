"""Inviting after a contact (docs/tevredenheid.md): when a klantcontact is registered, a
job is written in the outbox in the same transaction (never for a rolled-back one); the
worker runs it once the contact is whole (its betrokkenen, addresses and actors follow its
own announcement) and lets the domain decide and send (``tevredenheid.nodig_uit``). The
link in the invitation is this portal's answer page."""

from __future__ import annotations

import datetime

import httpx
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from klantbeeld.api.common.resources import public_root
from klantbeeld.domain.models import Klantcontact
from klantbeeld.domain.models.tevredenheid import Vragenlijst
from klantbeeld.domain.services import tevredenheid
from klantbeeld.domain.services.changes import Change
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue

BESTEMMING = "tevredenheid:uitnodigen"


def bij_wijziging(change: Change) -> None:
    """A new klantcontact, while a survey is active: a job to decide on an invitation."""
    if change.actie != "create" or not isinstance(change.instance, Klantcontact):
        return
    if not Vragenlijst.objects.filter(actief=True).exists():
        return
    uitstel = datetime.timedelta(minutes=settings.KLANTBEELD_TEVREDENHEID_UITSTEL_MINUTEN)
    enqueue(
        [
            OutboxMessage(
                destination=BESTEMMING,
                ordering_key=str(change.instance.pk),
                payload={"klantcontact": str(change.instance.pk)},
                next_attempt_at=timezone.now() + uitstel,
            )
        ]
    )


def bezorg(message: OutboxMessage, client: httpx.Client) -> None:
    """The worker's part: invite, or nothing when the rules say not (or it is gone)."""
    klantcontact = Klantcontact.objects.filter(uuid=message.payload["klantcontact"]).first()
    if klantcontact is not None:
        tevredenheid.nodig_uit(klantcontact, link)


def link(geheim: str) -> str:
    return public_root() + reverse("portal:waardering", args=[geheim])
