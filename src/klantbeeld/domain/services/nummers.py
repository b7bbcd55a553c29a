"""Unique, human-readable numbers (``nummer``, ``referentienummer``): ten digits.

A row per series is locked (``SELECT … FOR UPDATE``) while the next number is taken, so
concurrent requests never get the same one; numbers a client chose itself are skipped.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction

from klantbeeld.domain.models import Nummerreeks

MAX_NUMMER = 10**10 - 1


def validate_nummer(value: str) -> None:
    if not value.isdigit():
        raise ValidationError("Een nummer bestaat alleen uit cijfers.", code="invalid")


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
