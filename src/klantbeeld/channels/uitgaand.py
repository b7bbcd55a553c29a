"""Messages to customers leave through the outbox: a Verzending registered by the domain
(``domain.services.verzenden``) is queued in its transaction, and the worker hands it to
the sender of its channel after commit, again after a temporary failure.

Each channel adapter registers a composer (``verzenden.registreer_opsteller``) and a
sender here (``registreer_verzender``).
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from klantbeeld.domain.models import Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.changes import Change
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.events import delivery
from klantbeeld.events.delivery import DeliveryError
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue

PREFIX = "verzending:"
KANALEN = ChangeContext(applicatie="Klantbeeld kanalen")


class VerzendFout(Exception):
    """The channel did not take the message. ``permanent``: it never will (an unknown
    address); otherwise it is tried again later."""

    def __init__(self, reden: str, *, permanent: bool) -> None:
        super().__init__(reden)
        self.permanent = permanent


# Sends a Verzending; returns the channel's id of the message ("" to keep the one given).
Verzender = Callable[[Verzending], str]
_verzenders: dict[str, Verzender] = {}


def registreer_verzender(kanaal: str, verzender: Verzender) -> None:
    _verzenders[kanaal] = verzender
    delivery.register_destination(PREFIX + kanaal, _bezorg)


def in_outbox(change: Change) -> None:
    """A new Verzending is queued for its channel, in its own transaction."""
    if change.actie != "create" or not isinstance(change.instance, Verzending):
        return
    verzending = change.instance
    enqueue(
        [
            OutboxMessage(
                destination=PREFIX + verzending.kanaal,
                ordering_key=str(verzending.uuid),
                payload={"verzending": str(verzending.uuid)},
            )
        ]
    )


def _bezorg(message: OutboxMessage, client: httpx.Client) -> None:
    verzending = Verzending.objects.filter(uuid=message.payload["verzending"]).first()
    if verzending is None or verzending.status != Verzendstatus.TE_VERSTUREN:
        return  # deleted since, or sent by an earlier try whose outcome was not stored
    verzender = _verzenders.get(verzending.kanaal)
    if verzender is None:
        raise DeliveryError(f"Geen verzender voor kanaal {verzending.kanaal!r} ingesteld.")
    try:
        bericht_id = verzender(verzending)
    except VerzendFout as fout:
        if not fout.permanent:
            raise DeliveryError(str(fout)) from fout
        verzenden.niet_afgeleverd(verzending, str(fout), KANALEN)
        return
    verzenden.verstuurd(verzending, bericht_id)
