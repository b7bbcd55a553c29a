"""Rekeningnummers: the bank accounts of partijen."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from klantbeeld.domain import validators
from klantbeeld.domain.models import Rekeningnummer
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    create_with,
    delete_audited,
    save_audited,
    update_with,
)
from klantbeeld.domain.services.voorkeuren import drop_foreign_voorkeur


def create_rekeningnummer(changes: dict[str, Any], by: ChangeContext) -> Rekeningnummer:
    return create_with(Rekeningnummer(), _save_rekeningnummer, changes, by)


def update_rekeningnummer(
    rekeningnummer: Rekeningnummer, changes: dict[str, Any], by: ChangeContext
) -> Rekeningnummer:
    """Change an account; taking it away from its partij ends her preference for it."""
    return update_with(rekeningnummer, _save_rekeningnummer, changes, by)


def _save_rekeningnummer(
    rekeningnummer: Rekeningnummer,
    changes: dict[str, Any],
    by: ChangeContext,
    oud: dict[str, Any] | None,
) -> None:
    apply_changes(rekeningnummer, changes)
    # One spelling, so that the exact iban and bic filters find what people typed.
    rekeningnummer.iban = validators.normalise_iban(rekeningnummer.iban)
    rekeningnummer.bic = rekeningnummer.bic.strip().upper()
    validate_rekeningnummer(rekeningnummer)
    save_audited(rekeningnummer, by, oud)
    drop_foreign_voorkeur("voorkeurs_rekeningnummer", rekeningnummer, rekeningnummer.partij_id, by)


def validate_rekeningnummer(rekeningnummer: Rekeningnummer) -> None:
    errors: dict[str, ValidationError] = {}
    try:
        validators.validate_iban(rekeningnummer.iban)
    except ValidationError as error:
        errors["iban"] = error
    try:
        validators.validate_bic(rekeningnummer.bic)
    except ValidationError as error:
        errors["bic"] = error
    if errors:
        raise ValidationError(errors)


def delete_rekeningnummer(rekeningnummer: Rekeningnummer, by: ChangeContext) -> None:
    with transaction.atomic():
        drop_foreign_voorkeur("voorkeurs_rekeningnummer", rekeningnummer, None, by)
        delete_audited(rekeningnummer, by)
