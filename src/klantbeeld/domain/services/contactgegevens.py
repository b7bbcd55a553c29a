"""Personen and organisaties of the Contactgegevens API: a register of its own, apart
from the partijen of Klantinteracties."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from klantbeeld.domain.models import Organisatie, Persoon
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    clean_fields,
    collect,
    delete_audited,
    save_audited,
    snapshot,
)

M = TypeVar("M", bound=models.Model)
Validate = Callable[[M, Collection[str] | None], None]

# -- persoon -------------------------------------------------------------------------------


def create_persoon(changes: dict[str, Any], by: ChangeContext) -> Persoon:
    return _create(Persoon(), changes, by, validate_persoon)


def update_persoon(persoon: Persoon, changes: dict[str, Any], by: ChangeContext) -> Persoon:
    """Change the fields in ``changes``; the others keep their value."""
    return _update(persoon, changes, by, validate_persoon)


def delete_persoon(persoon: Persoon, by: ChangeContext) -> None:
    with transaction.atomic():
        delete_audited(persoon, by)


def validate_persoon(persoon: Persoon, changed: Collection[str] | None = None) -> None:
    """Every field must be valid; geboortedatum and geslachtsnaam are required; neither
    date lies in the future and nobody dies before being born.

    With ``changed`` (an update) only the fields changed and the rules they take part in
    are checked, so an older record that breaks a later rule can still be corrected
    field by field.
    """
    collect(
        lambda: clean_fields(persoon, changed),
        lambda: _not_blank(persoon, "geslachtsnaam", changed),
        lambda: _not_in_future(persoon, ("geboortedatum", "overlijdensdatum"), changed),
        lambda: _in_order(
            persoon,
            "geboortedatum",
            "overlijdensdatum",
            changed,
            "De overlijdensdatum kan niet voor de geboortedatum liggen.",
        ),
    )


# -- organisatie ---------------------------------------------------------------------------


def create_organisatie(changes: dict[str, Any], by: ChangeContext) -> Organisatie:
    return _create(Organisatie(), changes, by, validate_organisatie)


def update_organisatie(
    organisatie: Organisatie, changes: dict[str, Any], by: ChangeContext
) -> Organisatie:
    """Change the fields in ``changes``; the others keep their value."""
    return _update(organisatie, changes, by, validate_organisatie)


def delete_organisatie(organisatie: Organisatie, by: ChangeContext) -> None:
    with transaction.atomic():
        delete_audited(organisatie, by)


def validate_organisatie(organisatie: Organisatie, changed: Collection[str] | None = None) -> None:
    """Every field must be valid; handelsnaam is required; an organisation cannot be
    dissolved before it was founded. (A future oprichtingsdatum or opheffingsdatum is
    allowed: both are announced ahead of time.)"""
    collect(
        lambda: clean_fields(organisatie, changed),
        lambda: _not_blank(organisatie, "handelsnaam", changed),
        lambda: _in_order(
            organisatie,
            "oprichtingsdatum",
            "opheffingsdatum",
            changed,
            "De opheffingsdatum kan niet voor de oprichtingsdatum liggen.",
        ),
    )


# -- shared --------------------------------------------------------------------------------


def _create(instance: M, changes: dict[str, Any], by: ChangeContext, validate: Validate[M]) -> M:
    with transaction.atomic():
        apply_changes(instance, changes)
        validate(instance, None)
        save_audited(instance, by, None)
    return instance


def _update(instance: M, changes: dict[str, Any], by: ChangeContext, validate: Validate[M]) -> M:
    with transaction.atomic():
        locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        oud = snapshot(locked)
        apply_changes(locked, changes)
        validate(locked, set(changes))
        save_audited(locked, by, oud)
    return locked


def _concerns(changed: Collection[str] | None, *names: str) -> bool:
    return changed is None or any(name in changed for name in names)


def _not_blank(instance: models.Model, name: str, changed: Collection[str] | None) -> None:
    # Whitespace alone is no name either (Open Klant trims it away, then finds it blank).
    value = getattr(instance, name)
    if _concerns(changed, name) and isinstance(value, str) and value and not value.strip():
        raise ValidationError({name: ValidationError("Dit veld mag niet leeg zijn.", "blank")})


def _not_in_future(
    instance: models.Model, names: tuple[str, ...], changed: Collection[str] | None
) -> None:
    today = timezone.localdate()
    errors = {}
    for name in names:
        value = _date(instance, name)
        if _concerns(changed, name) and value is not None and value > today:
            errors[name] = ValidationError("Deze datum kan niet in de toekomst liggen.", "invalid")
    if errors:
        raise ValidationError(errors)


def _in_order(
    instance: models.Model,
    earlier: str,
    later: str,
    changed: Collection[str] | None,
    message: str,
) -> None:
    first, second = _date(instance, earlier), _date(instance, later)
    if _concerns(changed, earlier, later) and first and second and second < first:
        # Name the date the client changed: moving only the earlier one past the stored
        # later one is an error in the earlier one.
        name = earlier if changed is not None and later not in changed else later
        raise ValidationError({name: ValidationError(message, "invalid")})


def _date(instance: models.Model, name: str) -> datetime.date | None:
    value = getattr(instance, name)
    return value if isinstance(value, datetime.date) else None
