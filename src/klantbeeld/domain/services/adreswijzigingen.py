"""Planned address changes (cases.md C1923: a person moving has two named, dated
addresses). The Klantinteracties API has one ``bezoekadres`` and one
``correspondentieadres`` per partij, without names or dates, so Klantbeeld keeps the new
address with its label and date here and writes it to the partij on that date (through
the partij service: audited, published on channel ``partijen``). Before the date the API
returns the old address, from the date the new one; during a move the
correspondentieadres may change before the bezoekadres.

The worker applies them (``events/adreswijzigingen.py``): a planned change queues a job
for the start of its day, and that job applies every change that is due, so a job run
late (a worker that was down) catches up all of them.
"""

from __future__ import annotations

import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.models import GeplandeAdreswijziging, Partij
from klantbeeld.domain.models.base import ADRES_PARTS
from klantbeeld.domain.models.eigen_gegevens import SoortAdres
from klantbeeld.domain.services.common import (
    ChangeContext,
    clean_fields,
    delete_audited,
    save_audited,
    snapshot,
)
from klantbeeld.domain.services.partijen import update_partij

log = logging.getLogger(__name__)
# The parts a planned address needs: a Dutch address by street, number, postcode and town.
VERPLICHT = ("straatnaam", "huisnummer", "postcode", "stad")


def geplande_van(partij: Partij) -> list[GeplandeAdreswijziging]:
    """The partij's changes still waiting for their date, soonest first."""
    return list(
        GeplandeAdreswijziging.objects.filter(partij=partij, toegepast_op=None).order_by(
            "geldig_vanaf", "aangemaakt_op"
        )
    )


def plan_adreswijziging(
    partij: Partij,
    *,
    soort: str,
    omschrijving: str,
    geldig_vanaf: datetime.date,
    adres: dict[str, Any],
    by: ChangeContext,
    vandaag: datetime.date | None = None,
) -> GeplandeAdreswijziging:
    """A new address for the partij from ``geldig_vanaf`` on (today or later); ``adres``
    holds the address parts (``straatnaam``, ``huisnummer``, …, as ``ADRES_PARTS``)."""
    vandaag = vandaag or timezone.localdate()
    wijziging = GeplandeAdreswijziging(
        partij=partij,
        soort=soort,
        omschrijving=omschrijving.strip(),
        geldig_vanaf=geldig_vanaf,
        **{f"adres_{deel}": waarde for deel, waarde in adres.items() if deel in ADRES_PARTS},
    )
    errors: dict[str, list[str]] = {}
    try:
        clean_fields(wijziging)
    except ValidationError as error:
        errors.update(
            {k: [str(m) for e in v for m in e.messages] for k, v in error.error_dict.items()}
        )
    for deel in VERPLICHT:
        if not getattr(wijziging, f"adres_{deel}"):
            errors.setdefault(f"adres_{deel}", []).append(gettext("Vul dit in."))
    if geldig_vanaf < vandaag:
        errors.setdefault("geldig_vanaf", []).append(
            gettext("Kies vandaag of een datum in de toekomst.")
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return save_audited(wijziging, by, None)


def trek_in(wijziging: GeplandeAdreswijziging, by: ChangeContext) -> None:
    """The move does not go ahead: a change not yet applied is dropped."""
    with transaction.atomic():
        locked = GeplandeAdreswijziging.objects.select_for_update().get(pk=wijziging.pk)
        if locked.toegepast_op is not None:
            raise ValidationError(gettext("Deze wijziging is al doorgevoerd."))
        delete_audited(locked, by)


def pas_toe(wijziging: GeplandeAdreswijziging, by: ChangeContext) -> Partij:
    """Write the new address to the partij (PATCH through the partij service) and mark
    the change applied, in one transaction."""
    with transaction.atomic():
        locked = GeplandeAdreswijziging.objects.select_for_update().get(pk=wijziging.pk)
        if locked.toegepast_op is not None:
            return locked.partij
        changes = {
            f"{veld}_{deel}": getattr(locked, f"adres_{deel}")
            for veld in SoortAdres(locked.soort).velden
            for deel in ADRES_PARTS
        }
        partij = update_partij(locked.partij, changes, by)
        oud = snapshot(locked)
        locked.toegepast_op = timezone.now()
        save_audited(locked, by, oud)
    return partij


def pas_toe_wat_geldt(by: ChangeContext, vandaag: datetime.date | None = None) -> int:
    """Apply every change whose date has come, oldest date first (a later change of the
    same address wins); the number applied."""
    vandaag = vandaag or timezone.localdate()
    te_doen = GeplandeAdreswijziging.objects.filter(
        toegepast_op=None, geldig_vanaf__lte=vandaag
    ).order_by("geldig_vanaf", "aangemaakt_op", "uuid")
    aantal = 0
    for wijziging in te_doen:
        try:
            pas_toe(wijziging, by)
        except ValidationError:
            # One partij whose data breaks a rule must not hold up everyone else's move.
            log.exception("Adreswijziging %s kon niet worden doorgevoerd", wijziging.pk)
            continue
        aantal += 1
    return aantal


def begin_van(dag: datetime.date) -> datetime.datetime:
    """The first moment of ``dag`` in the organisation's time zone."""
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))
