"""Unique, human-readable numbers (``nummer``, ``referentienummer``): ten digits.

A row per series is locked (``SELECT … FOR UPDATE``) while the next number is taken, so
concurrent requests never get the same one; numbers a client chose itself are skipped.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction

from klantbeeld.domain.models import Nummerreeks

MAX_NUMMER = 10**10 - 1


def validate_nummer(value: str) -> None:
    if not value.isdigit():
        raise ValidationError("Een nummer bestaat alleen uit cijfers.", code="invalid")


def validate_nummers(instance: models.Model, fields: Iterable[str]) -> None:
    """The numbers a client gave are digits and not yet used by another object."""
    errors: dict[str, ValidationError] = {}
    model = type(instance)
    for field in fields:
        value = getattr(instance, field)
        if not value:
            continue
        try:
            validate_nummer(value)
        except ValidationError as error:
            errors[field] = error
            continue
        if model._default_manager.filter(**{field: value}).exclude(pk=instance.pk).exists():
            errors[field] = ValidationError(
                f"Er bestaat al een {model._meta.verbose_name} met dit {field}.", code="unique"
            )
    if errors:
        raise ValidationError(errors)


def next_nummer(series: str, model: type[models.Model], field: str) -> str:
    """The next free number of ``series`` for ``model.field``, zero-padded to 10 digits."""
    with transaction.atomic():
        Nummerreeks.objects.get_or_create(naam=series)
        reeks = Nummerreeks.objects.select_for_update().get(naam=series)
        candidate = reeks.laatste
        while True:
            candidate += 1
            if candidate > MAX_NUMMER:
                raise ValidationError(
                    {
                        field: ValidationError(
                            "Er kon geen volgend nummer worden gegeven: de reeks is vol.",
                            code="overflow",
                        )
                    }
                )
            nummer = f"{candidate:010d}"
            if not model._default_manager.filter(**{field: nummer}).exists():
                break
        reeks.laatste = candidate
        reeks.save(update_fields=["laatste"])
    return nummer


def reserve_nummers(series: str, model: type[models.Model], field: str, count: int) -> list[str]:
    """``count`` consecutive free numbers at once, for bulk loads (demo data, benchmark)."""
    if count <= 0:
        return []
    with transaction.atomic():
        Nummerreeks.objects.get_or_create(naam=series)
        reeks = Nummerreeks.objects.select_for_update().get(naam=series)
        start = reeks.laatste + 1
        while True:
            end = start + count - 1
            if end > MAX_NUMMER:
                raise ValidationError("De nummerreeks is vol.", code="overflow")
            taken = (
                model._default_manager.filter(
                    **{f"{field}__gte": f"{start:010d}", f"{field}__lte": f"{end:010d}"}
                )
                .order_by(f"-{field}")
                .values_list(field, flat=True)
                .first()
            )
            if taken is None:
                break
            start = int(taken) + 1
        reeks.laatste = end
        reeks.save(update_fields=["laatste"])
    return [f"{n:010d}" for n in range(start, end + 1)]
