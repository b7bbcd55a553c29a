"""What every business action shares: who acts, applying changes, the audit trail."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models.deletion import Collector

from klantbeeld.domain.models import AuditTrail
from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.services.changes import Actie, Change, announce

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class ChangeContext:
    """Who makes a change: the application and, when known, the end user."""

    applicatie: str = ""
    gebruikers_id: str = ""
    gebruikers_weergave: str = ""


SYSTEM = ChangeContext(applicatie="klantbeeld")


def apply_changes(instance: models.Model, changes: dict[str, Any]) -> None:
    """Set model fields from a dict of domain field names (relations as objects)."""
    for name, value in changes.items():
        setattr(instance, name, value)


def clean_fields(instance: models.Model, names: Iterable[str] | None = None) -> None:
    """Run the field validators (formats, choices, lengths) of the given fields."""
    all_names = {f.name for f in instance._meta.concrete_fields}
    wanted = set(names) & all_names if names is not None else all_names
    exclude = list(all_names - wanted)
    instance.clean_fields(exclude=exclude)


def collect(*checks: Callable[[], None]) -> None:
    """Run every check and raise one ValidationError holding all their errors."""
    errors: dict[str, list[ValidationError]] = {}
    for check in checks:
        try:
            check()
        except ValidationError as error:
            for key, items in _error_dict(error).items():
                errors.setdefault(key, []).extend(items)
    if errors:
        raise ValidationError(errors)


def _error_dict(error: ValidationError) -> dict[str, list[ValidationError]]:
    if hasattr(error, "error_dict"):
        return {k: list(v) for k, v in error.error_dict.items()}
    return {"__all__": list(error.error_list)}


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The stored values of an object, as JSON, for the audit trail."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        values[field.attname] = _jsonable(value)
    return values


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    return value


def audit(
    instance: models.Model,
    actie: Actie,
    by: ChangeContext,
    oud: dict[str, Any] | None,
) -> None:
    """Record the change in the audit trail and announce it (see ``changes``)."""
    AuditTrail.objects.create(
        resource=instance._meta.model_name or "",
        resource_uuid=instance.pk,
        actie=actie,
        applicatie=by.applicatie,
        gebruikers_id=by.gebruikers_id,
        gebruikers_weergave=by.gebruikers_weergave,
        oud=oud,
        nieuw=snapshot(instance) if actie != "destroy" else None,
    )
    announce(Change(instance, actie, by))


def save_audited(instance: M, by: ChangeContext, oud: dict[str, Any] | None) -> M:
    """Save and record the change; ``oud`` is the snapshot before it (None: created)."""
    instance.save()
    audit(instance, "create" if oud is None else "update", by, oud)
    return instance


def delete_audited(instance: models.Model, by: ChangeContext) -> None:
    oud = snapshot(instance)
    audit(instance, "destroy", by, oud)
    instance.delete()


Save = Callable[[M, dict[str, Any], ChangeContext, dict[str, Any] | None], None]


def create_with(instance: M, save: Save[M], changes: dict[str, Any], by: ChangeContext) -> M:
    """Create ``instance`` through ``save`` (which applies the changes, checks the rules and
    saves with the audit trail) in one transaction."""
    with transaction.atomic():
        save(instance, changes, by, None)
    return instance


def update_with(instance: M, save: Save[M], changes: dict[str, Any], by: ChangeContext) -> M:
    """Lock the stored row of ``instance`` and change it through ``save``, in one
    transaction; ``save`` gets the values before the change for the audit trail."""
    with transaction.atomic():
        locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        save(locked, changes, by, snapshot(locked))
    return locked


class _EveryRow(Collector):
    """Django's delete collector without the shortcut that deletes rows unseen, so every
    row a delete takes with it can be audited."""

    def can_fast_delete(self, objs: Any, from_field: Any = None) -> bool:
        return False


def delete_with_dependents(instance: models.Model, by: ChangeContext) -> None:
    """Delete ``instance`` and audit (and so announce) every row the delete takes with it."""
    collector = _EveryRow(using=router.db_for_write(type(instance)), origin=instance)
    collector.collect([instance])
    for model, rows in collector.data.items():
        if not issubclass(model, UuidModel):
            continue  # link rows without an identity of their own
        for row in rows:
            if row.pk != instance.pk:
                audit(row, "destroy", by, snapshot(row))
    delete_audited(instance, by)
