"""An e-mail that a new message waits in MijnGemeente (C4994), sent through the outbox.

When an outbound klantcontact gets a betrokkene for a partij (a message to them, R9), a
listener writes an outbox message in that change's transaction (never for a rolled-back
one). The worker then sends the notice when the partij has a verified preferred e-mail
address (``voorkeursDigitaalAdres`` of soort email with a ``verificatieDatum``): no name,
no subject, no content, only a link to ``/mijn/berichten/``. The notice itself is not a
klantcontact (``verzenden.verstuur_kennisgeving``), so it announces nothing in turn."""

from __future__ import annotations

import datetime
import logging
import uuid

import httpx
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from klantbeeld.api.common.resources import public_root
from klantbeeld.domain.models import Betrokkene, DigitaalAdres, Klantcontact, Partij, Verzending
from klantbeeld.domain.models.intake import Verzendkanaal
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.changes import Change
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.eigen_contacten import ontvangers
from klantbeeld.domain.services.verzenden import Bericht
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue

logger = logging.getLogger(__name__)
BESTEMMING = "mijngemeente:nieuw-bericht"
DOOR = ChangeContext(applicatie="MijnGemeente")
ONDERWERP = "Er staat een nieuw bericht voor u klaar"
# A contact that took place longer ago than this is an import of history, not news.
HOOGSTENS_DAGEN = 2


def bij_wijziging(change: Change) -> None:
    """A new betrokkene for a partij that did not take the initiative: a message to it."""
    if change.actie != "create" or not isinstance(change.instance, Betrokkene):
        return
    betrokkene = change.instance
    if betrokkene.initiator or betrokkene.was_partij_id is None:
        return
    # Most partijen have no verified preferred e-mail address: nothing to queue for them
    # (the worker checks again, as the address may change before it sends).
    if not verzenden.kan_versturen(Verzendkanaal.EMAIL) or not _met_geverifieerd_adres(
        betrokkene.was_partij_id
    ):
        return
    enqueue(
        [
            OutboxMessage(
                destination=BESTEMMING,
                ordering_key=str(betrokkene.was_partij_id),
                payload={
                    "klantcontact": str(betrokkene.had_klantcontact_id),
                    "partij": str(betrokkene.was_partij_id),
                },
            )
        ]
    )


def bezorg(message: OutboxMessage, client: httpx.Client) -> None:
    """The worker's part: send the notice, or nothing when it is not wanted (any more)."""
    klantcontact = Klantcontact.objects.filter(uuid=message.payload["klantcontact"]).first()
    partij = Partij.objects.filter(uuid=message.payload["partij"]).first()
    if klantcontact is None or partij is None:
        return  # deleted since
    adres = geverifieerd_voorkeursadres(partij)
    if adres is None or not _nieuw(klantcontact, partij, adres):
        return
    if not verzenden.kan_versturen(Verzendkanaal.EMAIL):
        logger.warning("Geen kennisgeving van een nieuw bericht: e-mail is niet ingesteld.")
        return
    # Its own savepoint: a failure leaves nothing of it in the worker's transaction.
    with transaction.atomic():
        verzenden.verstuur_kennisgeving(
            Bericht(
                kanaal=Verzendkanaal.EMAIL,
                adres=adres.adres,
                onderwerp=ONDERWERP,
                tekst=tekst(),
                automatisch=True,
            ),
            DOOR,
        )


def geverifieerd_voorkeursadres(partij: Partij) -> DigitaalAdres | None:
    """The partij's preferred address when it is an e-mail address they verified."""
    adres = partij.voorkeurs_digitaal_adres
    if (
        adres is None
        or adres.soort_digitaal_adres != SoortDigitaalAdres.EMAIL
        or adres.verificatie_datum is None
    ):
        return None
    return adres


def _met_geverifieerd_adres(partij_id: uuid.UUID) -> bool:
    return Partij.objects.filter(
        pk=partij_id,
        voorkeurs_digitaal_adres__soort_digitaal_adres=SoortDigitaalAdres.EMAIL,
        voorkeurs_digitaal_adres__verificatie_datum__isnull=False,
    ).exists()


def tekst() -> str:
    """The notice: nothing personal (a mailbox may be shared or read by others)."""
    organisatie = settings.KLANTBEELD_ORGANISATIE_NAAM or "de gemeente"
    link = public_root() + reverse("portal:berichten")
    return (
        "Beste heer, mevrouw,\n\n"
        f"Er staat een nieuw bericht voor u klaar in Mijn {organisatie}. "
        "Log in om het te lezen:\n"
        f"{link}\n\n"
        "Dit is een automatisch bericht. U kunt er niet op antwoorden.\n\n"
        f"Met vriendelijke groet,\n{organisatie}\n"
    )


def _nieuw(klantcontact: Klantcontact, partij: Partij, adres: DigitaalAdres) -> bool:
    """Still a message to ``partij`` (``eigen_contacten``), recent, and not itself mailed
    to ``adres`` (then the customer has it already)."""
    if ontvangers(klantcontact, [partij]) != [partij]:
        return False
    if klantcontact.plaatsgevonden_op < timezone.now() - datetime.timedelta(days=HOOGSTENS_DAGEN):
        return False
    return not Verzending.objects.filter(
        klantcontact=klantcontact, kanaal=Verzendkanaal.EMAIL, adres__iexact=adres.adres
    ).exists()
