"""Categorieën and the categorie-relaties that label partijen with them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from klantbeeld.domain.models import Categorie, CategorieRelatie
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    create_with,
    delete_audited,
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
    """Delete a categorie with its relaties to partijen (each recorded in the audit trail)."""
    with transaction.atomic():
        for relatie in categorie.categorie_relaties.all():
            delete_audited(relatie, by)
        delete_audited(categorie, by)


def create_categorie_relatie(changes: dict[str, Any], by: ChangeContext) -> CategorieRelatie:
    """Give a partij a categorie; it starts today unless a begin date is given."""
    with transaction.atomic():
        relatie = CategorieRelatie()
        apply_changes(relatie, changes)
        if relatie.begin_datum is None:
            relatie.begin_datum = timezone.localdate()
        validate_categorie_relatie(relatie)
        save_audited(relatie, by, None)
    return relatie


def update_categorie_relatie(
    relatie: CategorieRelatie, changes: dict[str, Any], by: ChangeContext
) -> CategorieRelatie:
    with transaction.atomic():
        locked = CategorieRelatie.objects.select_for_update().get(pk=relatie.pk)
        oud = snapshot(locked)
        apply_changes(locked, changes)
        validate_categorie_relatie(locked)
        save_audited(locked, by, oud)
    return locked


def validate_categorie_relatie(relatie: CategorieRelatie) -> None:
    if relatie.begin_datum and relatie.eind_datum and relatie.eind_datum < relatie.begin_datum:
        raise ValidationError(
            {
                "eind_datum": ValidationError(
                    "De einddatum kan niet voor de begindatum liggen.", code="invalid"
                )
            }
        )


def delete_categorie_relatie(relatie: CategorieRelatie, by: ChangeContext) -> None:
    with transaction.atomic():
        delete_audited(relatie, by)
