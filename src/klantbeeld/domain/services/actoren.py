"""Actoren: who acts for the organisation (medewerker, organisatorische eenheid,
geautomatiseerde actor), and what deleting one does to the work assigned to it."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from klantbeeld.domain import validators
from klantbeeld.domain.confidentiality import refusal, visible
from klantbeeld.domain.models import Actor, ActorKlantcontact, InterneTaak, InterneTaakActor
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    clean_fields,
    collect,
    create_with,
    delete_audited,
    save_audited,
    update_with,
)
from klantbeeld.domain.services.internetaken import audit_toewijzing

# The columns of ``actorIdentificatie`` that belong to each soort; the others stay empty.
SOORT_FIELDS: dict[str, tuple[str, ...]] = {
    SoortActor.MEDEWERKER: ("functie", "emailadres", "telefoonnummer"),
    SoortActor.GEAUTOMATISEERDE_ACTOR: ("functie", "omschrijving"),
    SoortActor.ORGANISATORISCHE_EENHEID: (
        "omschrijving",
        "emailadres",
        "faxnummer",
        "telefoonnummer",
    ),
}
ALL_SOORT_FIELDS = frozenset(name for names in SOORT_FIELDS.values() for name in names)
# What the spec requires in ``actorIdentificatie`` per soort.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    SoortActor.MEDEWERKER: ("functie", "telefoonnummer"),
    SoortActor.GEAUTOMATISEERDE_ACTOR: ("functie",),
    SoortActor.ORGANISATORISCHE_EENHEID: (),
}
COLUMNS = (
    "naam",
    "soort_actor",
    "indicatie_actief",
    *sorted(ALL_SOORT_FIELDS),
    "actoridentificator_code_objecttype",
    "actoridentificator_code_soort_object_id",
    "actoridentificator_object_id",
    "actoridentificator_code_register",
)


def create_actor(changes: dict[str, Any], by: ChangeContext) -> Actor:
    return create_with(Actor(), _save_actor, changes, by)


def update_actor(actor: Actor, changes: dict[str, Any], by: ChangeContext) -> Actor:
    """Change an actor. Changing ``soort_actor`` empties the identificatie columns the new
    soort does not have, so no data of the old soort lingers unseen."""
    return update_with(actor, _save_actor, changes, by)


def _save_actor(
    actor: Actor, changes: dict[str, Any], by: ChangeContext, oud: dict[str, Any] | None
) -> None:
    apply_changes(actor, changes)
    _clear_other_soort_fields(actor)
    validate_actor(actor)
    save_audited(actor, by, oud)


def _clear_other_soort_fields(actor: Actor) -> None:
    keep = set(SOORT_FIELDS.get(actor.soort_actor, ()))
    for name in ALL_SOORT_FIELDS - keep:
        setattr(actor, name, "")


def validate_actor(actor: Actor) -> None:
    collect(
        lambda: clean_fields(actor, COLUMNS),
        lambda: _validate_required(actor),
        lambda: _validate_telefoonnummer(actor),
    )


def _validate_required(actor: Actor) -> None:
    """The spec's required parts, once an identificatie is given. Without one (all of the
    soort's parts empty) an actor is still valid, as in Open Klant: a medewerker known by
    name only, whose identificatie is served as null."""
    soort = actor.soort_actor
    if not any(getattr(actor, name) for name in SOORT_FIELDS.get(soort, ())):
        return
    missing = [name for name in REQUIRED_FIELDS.get(soort, ()) if not getattr(actor, name)]
    if missing:
        label = SoortActor(soort).label.lower()
        raise ValidationError(
            {
                name: ValidationError(
                    f"Dit veld is vereist voor een actor van soort '{label}'.", code="required"
                )
                for name in missing
            }
        )


def _validate_telefoonnummer(actor: Actor) -> None:
    if actor.telefoonnummer and not validators.ACTOR_TELEFOONNUMMER.match(actor.telefoonnummer):
        raise ValidationError(
            {
                "telefoonnummer": ValidationError(
                    "Voer een telefoonnummer in zonder spaties of streepjes: 10 cijfers "
                    "beginnend met 0 (bijvoorbeeld 0201234567), of een internationaal "
                    "nummer beginnend met + of 00 (bijvoorbeeld +31201234567).",
                    code="invalid",
                )
            }
        )


# -- deleting --------------------------------------------------------------------------------


def delete_actor(actor: Actor, by: ChangeContext) -> None:
    """Delete an actor, unless it is the only assignee of an open interne taak: such a task
    would be left without anyone to do it. Reassign the task (or set the actor inactive)
    first.

    The actor's other assignments are removed: a closed task whose only assignee this was
    stays, as history of its klantcontact, without assignee. The actor's links to
    klantcontacten (actorklantcontacten) are deleted with it, as Open Klant does; each
    removal is recorded in the audit trail.
    """
    with transaction.atomic():
        # The lock makes concurrent assignments to this actor wait until we are done.
        locked = Actor.objects.select_for_update().get(pk=actor.pk)
        _refuse_if_sole_assignee(locked)
        _remove_assignments(locked, by)
        for link in ActorKlantcontact.objects.filter(actor=locked):
            delete_audited(link, by)
        delete_audited(locked, by)


def _refuse_if_sole_assignee(actor: Actor) -> None:
    shared = InterneTaakActor.objects.exclude(actor=actor).values("interne_taak")
    stranded = (
        InterneTaak.objects.filter(status=Status.TE_VERWERKEN, interne_taak_actoren__actor=actor)
        .exclude(pk__in=shared)
        .order_by("toegewezen_op", "pk")
    )
    if not stranded.exists():
        return
    # Only tasks the caller may see are named; a hidden one makes the refusal neutral.
    names = [taak.referentienummer or str(taak.pk) for taak in visible(stranded)[:11]]
    shown = ", ".join(names[:10]) + (" en meer" if len(names) > 10 else "")
    raise refusal(
        stranded,
        "Deze actor kan niet worden verwijderd: hij is de enige aan wie open interne taken "
        f"zijn toegewezen ({shown}). Wijs die taken eerst (ook) aan een andere actor toe, "
        "of zet indicatieActief op false.",
        code="protected",
    )


def _remove_assignments(actor: Actor, by: ChangeContext) -> None:
    taken = InterneTaak.objects.filter(interne_taak_actoren__actor=actor).prefetch_related(
        "interne_taak_actoren"
    )
    for taak in taken:
        oud = [t.actor_id for t in taak.interne_taak_actoren.all()]
        nieuw = [actor_id for actor_id in oud if actor_id != actor.pk]
        audit_toewijzing(taak, by, oud, nieuw)
    InterneTaakActor.objects.filter(actor=actor).delete()


def geautomatiseerde_actor(naam: str, omschrijving: str, by: ChangeContext) -> Actor:
    """The automated actor (soortActor geautomatiseerde_actor) named ``naam`` that a
    channel or the portal registers its contacts as (R4), made at first use."""
    with transaction.atomic():
        bestaand = (
            Actor.objects.filter(naam=naam, soort_actor=SoortActor.GEAUTOMATISEERDE_ACTOR)
            .order_by("uuid")
            .first()
        )
        return bestaand or create_actor(
            {
                "naam": naam,
                "soort_actor": SoortActor.GEAUTOMATISEERDE_ACTOR,
                "indicatie_actief": True,
                "functie": naam[:40],
                "omschrijving": omschrijving,
            },
            by,
        )


def actief_team(ingesteld: str) -> Actor | None:
    """The active organisatorische eenheid a setting names by its uuid or its name."""
    teams = Actor.objects.filter(
        soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, indicatie_actief=True
    )
    try:
        return teams.filter(uuid=uuid.UUID(ingesteld.strip())).first()
    except ValueError:
        return teams.filter(naam=ingesteld.strip()).order_by("uuid").first()
