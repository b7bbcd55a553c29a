"""Interne taken: follow-up work born from a klantcontact, assigned to one or more actoren
(cases.md R8)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from klantbeeld.domain.models import Actor, AuditTrail, InterneTaak, InterneTaakActor
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    clean_fields,
    collect,
    delete_audited,
    save_audited,
    snapshot,
)
from klantbeeld.domain.services.nummers import (
    next_nummer,
    take_blank_nummers,
    validate_nummers,
)

ACTOREN = "toegewezen_aan_actoren"
NUMMER_FIELDS = ("nummer", "referentienummer")
COLUMNS = ("gevraagde_handeling", "toelichting", "status", "afgehandeld_op", *NUMMER_FIELDS)


def create_interne_taak(changes: dict[str, Any], by: ChangeContext) -> InterneTaak:
    """Create a task. It needs an ``aanleidinggevend_klantcontact`` and at least one actor
    in ``toegewezen_aan_actoren`` (in the order given); it starts ``te_verwerken`` unless
    told otherwise, and gets a nummer and referentienummer when none is given."""
    with transaction.atomic():
        taak = InterneTaak(status=Status.TE_VERWERKEN)
        _save_interne_taak(taak, changes, by, creating=True)
    return taak


def update_interne_taak(
    taak: InterneTaak, changes: dict[str, Any], by: ChangeContext
) -> InterneTaak:
    """Change a task. A list given for ``toegewezen_aan_actoren`` replaces all assignees."""
    with transaction.atomic():
        locked = InterneTaak.objects.select_for_update().get(pk=taak.pk)
        _save_interne_taak(locked, changes, by, creating=False)
    return locked


def delete_interne_taak(taak: InterneTaak, by: ChangeContext) -> None:
    with transaction.atomic():
        delete_audited(taak, by)


def _save_interne_taak(
    taak: InterneTaak, changes: dict[str, Any], by: ChangeContext, *, creating: bool
) -> None:
    changes = dict(changes)
    actoren = _unique(changes.pop(ACTOREN)) if ACTOREN in changes else None
    take_blank_nummers(changes, NUMMER_FIELDS)  # a stored number stays; none: one is made
    oud = None if creating else snapshot(taak)
    oude_actoren = [] if creating else _assignee_ids(taak)
    apply_changes(taak, changes)
    nieuwe_actoren = [a.pk for a in actoren] if actoren is not None else oude_actoren
    collect(
        lambda: clean_fields(taak, COLUMNS),
        lambda: _validate_klantcontact(taak),
        lambda: _validate_actoren(taak, nieuwe_actoren, checked=creating or actoren is not None),
        lambda: _validate_afgehandeld_op(taak, changes),
        lambda: validate_nummers(taak, NUMMER_FIELDS),
    )
    _settle_afgehandeld_op(taak)
    for field in NUMMER_FIELDS:
        if not getattr(taak, field):
            setattr(taak, field, next_nummer(f"internetaak.{field}", InterneTaak, field))
    save_audited(taak, by, oud)
    if actoren is not None and nieuwe_actoren != oude_actoren:
        _replace_assignees(taak, actoren)
        audit_toewijzing(taak, by, oude_actoren, nieuwe_actoren)


def _unique(actoren: Iterable[Actor]) -> list[Actor]:
    """The actors in the order given; one named twice is assigned once (as Open Klant)."""
    seen: set[UUID] = set()
    result = []
    for actor in actoren:
        if actor.pk not in seen:
            seen.add(actor.pk)
            result.append(actor)
    return result


def _assignee_ids(taak: InterneTaak) -> list[UUID]:
    return list(
        InterneTaakActor.objects.filter(interne_taak=taak)
        .order_by("volgorde", "id")
        .values_list("actor_id", flat=True)
    )


def _validate_klantcontact(taak: InterneTaak) -> None:
    if taak.aanleidinggevend_klantcontact_id is None:
        raise ValidationError(
            {
                "aanleidinggevend_klantcontact": ValidationError(
                    "Een interne taak komt altijd voort uit een klantcontact.", code="required"
                )
            }
        )


def _validate_actoren(taak: InterneTaak, actoren: list[UUID], *, checked: bool) -> None:
    """At least one assignee. A closed task may have lost its only one when that actor was
    deleted; it needs one again when it is reopened or its assignees are set."""
    if actoren or not (checked or taak.status == Status.TE_VERWERKEN):
        return
    raise ValidationError(
        {
            ACTOREN: ValidationError(
                "Een interne taak is aan minstens één actor toegewezen: geef "
                "toegewezenAanActoren (of het verouderde toegewezenAanActor).",
                code="required",
            )
        }
    )


def _validate_afgehandeld_op(taak: InterneTaak, changes: dict[str, Any]) -> None:
    if changes.get("afgehandeld_op") is not None and taak.status != Status.VERWERKT:
        raise ValidationError(
            {
                "afgehandeld_op": ValidationError(
                    "Een interne taak kan alleen een afgehandeldOp hebben als de status "
                    f"'{Status.VERWERKT}' is.",
                    code="invalid",
                )
            }
        )


def _settle_afgehandeld_op(taak: InterneTaak) -> None:
    """A task that is (or becomes) verwerkt without a moment of handling gets "now"; a task
    that is (or goes back to) te_verwerken has none."""
    if taak.status == Status.VERWERKT and taak.afgehandeld_op is None:
        taak.afgehandeld_op = timezone.now()
    elif taak.status == Status.TE_VERWERKEN:
        taak.afgehandeld_op = None


def _replace_assignees(taak: InterneTaak, actoren: list[Actor]) -> None:
    InterneTaakActor.objects.filter(interne_taak=taak).delete()
    InterneTaakActor.objects.bulk_create(
        InterneTaakActor(interne_taak=taak, actor=actor, volgorde=index)
        for index, actor in enumerate(actoren)
    )


def audit_toewijzing(
    taak: InterneTaak, by: ChangeContext, oud: list[UUID], nieuw: list[UUID]
) -> None:
    """Record a change of a task's assignees. The task's own audit entry holds its columns
    only, so the assignees get an entry of their own."""
    AuditTrail.objects.create(
        resource=taak._meta.model_name or "",
        resource_uuid=taak.pk,
        actie="update",
        applicatie=by.applicatie,
        gebruikers_id=by.gebruikers_id,
        gebruikers_weergave=by.gebruikers_weergave,
        oud={ACTOREN: [str(uuid) for uuid in oud]},
        nieuw={ACTOREN: [str(uuid) for uuid in nieuw]},
    )
    # Not announced again: the task's own save, just before, announced this change.
