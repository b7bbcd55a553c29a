"""Categorieën and the categorie-relaties that label partijen with them: the kinds of
customer relation and the relations themselves, with the rules of ``klantrelaties``
(derived relations, inactive kinds, no overlap). Ending a relation ends the relations
derived from it on the same date, in the same transaction, each change announced."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from klantbeeld.domain.models import Categorie, CategorieRelatie, Partij
from klantbeeld.domain.services import klantrelaties
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    create_with,
    delete_with_dependents,
    save_audited,
    snapshot,
    update_with,
)


def create_categorie(changes: dict[str, Any], by: ChangeContext) -> Categorie:
    return create_with(Categorie(), _save_categorie, changes, by)


def update_categorie(categorie: Categorie, changes: dict[str, Any], by: ChangeContext) -> Categorie:
    return update_with(categorie, _save_categorie, changes, by)


def _save_categorie(
    categorie: Categorie,
    changes: dict[str, Any],
    by: ChangeContext,
    oud: dict[str, Any] | None,
) -> None:
    apply_changes(categorie, changes)
    categorie.naam = categorie.naam.strip()
    validate_categorie(categorie)
    klantrelaties.controleer_soort(categorie)
    save_audited(categorie, by, oud)


def validate_categorie(categorie: Categorie) -> None:
    """A categorie has a name, and no two share one (whatever the case): partijen are
    searched by categorie name, so a name must mean one categorie."""
    if not categorie.naam:
        raise ValidationError(
            {"naam": ValidationError("Een categorie heeft een naam.", code="blank")}
        )
    if Categorie.objects.filter(naam__iexact=categorie.naam).exclude(pk=categorie.pk).exists():
        raise ValidationError(
            {"naam": ValidationError("Er bestaat al een categorie met deze naam.", code="unique")}
        )


def delete_categorie(categorie: Categorie, by: ChangeContext) -> None:
    """Delete a categorie with its relaties to partijen and the relaties derived from those
    (each recorded in the audit trail and announced)."""
    with transaction.atomic():
        delete_with_dependents(categorie, by)


def create_categorie_relatie(changes: dict[str, Any], by: ChangeContext) -> CategorieRelatie:
    """Give a partij a categorie; it starts today unless a begin date is given. A derived
    relation without an end or kenmerk takes its source's."""
    with transaction.atomic():
        relatie = CategorieRelatie()
        apply_changes(relatie, changes)
        if relatie.begin_datum is None:
            relatie.begin_datum = timezone.localdate()
        _lock_partij(relatie)
        if relatie.via is not None:
            # What it rests on is the source's contract, and it lasts no longer.
            relatie.kenmerk = relatie.kenmerk or relatie.via.kenmerk
            if relatie.eind_datum is None:
                relatie.eind_datum = relatie.via.eind_datum
        klantrelaties.controleer_relatie(relatie, None, nieuw=True)
        save_audited(relatie, by, None)
    return relatie


def update_categorie_relatie(
    relatie: CategorieRelatie, changes: dict[str, Any], by: ChangeContext
) -> CategorieRelatie:
    """Change a relatie; an end date set or brought forward ends the relaties derived from
    it on that date too."""
    with transaction.atomic():
        locked = CategorieRelatie.objects.select_for_update().get(pk=relatie.pk)
        oud_rij = copy.copy(locked)
        oud = snapshot(locked)
        apply_changes(locked, changes)
        _lock_partij(locked)
        klantrelaties.controleer_relatie(locked, oud_rij, nieuw=False)
        save_audited(locked, by, oud)
        _beeindig_afgeleiden(locked, by)
    return locked


def end_categorie_relatie(
    relatie: CategorieRelatie, eind_datum: datetime.date, by: ChangeContext
) -> CategorieRelatie:
    """End a relatie per ``eind_datum`` with the relaties derived from it."""
    return update_categorie_relatie(relatie, {"eind_datum": eind_datum}, by)


def _beeindig_afgeleiden(relatie: CategorieRelatie, by: ChangeContext) -> None:
    for afgeleide in klantrelaties.te_beeindigen(relatie):
        oud = snapshot(afgeleide)
        afgeleide.eind_datum = relatie.eind_datum
        save_audited(afgeleide, by, oud)


def _lock_partij(relatie: CategorieRelatie) -> None:
    """Two writers giving one partij the same kind at once: the second waits and then
    sees the first's relatie (the overlap rule). The source of a derived relatie is read
    as stored, locked, so it cannot end unseen meanwhile."""
    if relatie.partij_id is not None:
        list(Partij.objects.select_for_update().filter(pk=relatie.partij_id).values("pk"))
    if relatie.via_id is not None:
        relatie.via = (
            CategorieRelatie.objects.select_for_update(of=("self",))
            .select_related("categorie", "partij")
            .get(pk=relatie.via_id)
        )


def delete_categorie_relatie(relatie: CategorieRelatie, by: ChangeContext) -> None:
    """Delete a relatie with the relaties derived from it (each audited and announced)."""
    with transaction.atomic():
        delete_with_dependents(relatie, by)
