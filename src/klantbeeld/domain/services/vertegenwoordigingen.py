"""Vertegenwoordigingen: which partij acts for which."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from klantbeeld.domain.models import Partij, Vertegenwoordigden
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    create_with,
    delete_audited,
    save_audited,
    update_with,
)


def create_vertegenwoordiging(changes: dict[str, Any], by: ChangeContext) -> Vertegenwoordigden:
    return create_with(Vertegenwoordigden(), _save_vertegenwoordiging, changes, by)


def update_vertegenwoordiging(
    vertegenwoordiging: Vertegenwoordigden, changes: dict[str, Any], by: ChangeContext
) -> Vertegenwoordigden:
    return update_with(vertegenwoordiging, _save_vertegenwoordiging, changes, by)


def _save_vertegenwoordiging(
    vertegenwoordiging: Vertegenwoordigden,
    changes: dict[str, Any],
    by: ChangeContext,
    oud: dict[str, Any] | None,
) -> None:
    apply_changes(vertegenwoordiging, changes)
    validate_vertegenwoordiging(vertegenwoordiging)
    save_audited(vertegenwoordiging, by, oud)


def vertegenwoordigt(
    vertegenwoordigende: Partij, vertegenwoordigde: Partij, by: ChangeContext
) -> Vertegenwoordigden:
    """Record that one partij acts for the other (C5419), once: an existing record is
    returned as it is."""
    with transaction.atomic():
        bestaand = Vertegenwoordigden.objects.filter(
            vertegenwoordigende_partij=vertegenwoordigende,
            vertegenwoordigde_partij=vertegenwoordigde,
        ).first()
        if bestaand is not None:
            return bestaand
        return create_vertegenwoordiging(
            {
                "vertegenwoordigende_partij": vertegenwoordigende,
                "vertegenwoordigde_partij": vertegenwoordigde,
            },
            by,
        )


def validate_vertegenwoordiging(vertegenwoordiging: Vertegenwoordigden) -> None:
    """Both partijen are given, they differ, and the pair is recorded only once."""
    vertegenwoordigende = vertegenwoordiging.vertegenwoordigende_partij_id
    vertegenwoordigde = vertegenwoordiging.vertegenwoordigde_partij_id
    missing = {
        name: ValidationError("Dit veld is vereist.", code="required")
        for name, value in (
            ("vertegenwoordigende_partij", vertegenwoordigende),
            ("vertegenwoordigde_partij", vertegenwoordigde),
        )
        if value is None
    }
    if missing:
        raise ValidationError(missing)
    if vertegenwoordigende == vertegenwoordigde:
        raise ValidationError(
            {
                "vertegenwoordigde_partij": ValidationError(
                    "Een partij kan niet zichzelf vertegenwoordigen.", code="invalid"
                )
            }
        )
    twin = Vertegenwoordigden.objects.filter(
        vertegenwoordigende_partij_id=vertegenwoordigende,
        vertegenwoordigde_partij_id=vertegenwoordigde,
    ).exclude(pk=vertegenwoordiging.pk)
    if twin.exists():
        raise ValidationError(
            "Deze vertegenwoordiging bestaat al: deze partij vertegenwoordigt die andere "
            "partij al.",
            code="unique",
        )


def delete_vertegenwoordiging(vertegenwoordiging: Vertegenwoordigden, by: ChangeContext) -> None:
    with transaction.atomic():
        delete_audited(vertegenwoordiging, by)
