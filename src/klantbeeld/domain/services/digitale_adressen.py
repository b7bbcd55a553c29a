"""Digitale adressen: e-mail addresses, phone numbers and other non-physical addresses."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from klantbeeld.domain import validators
from klantbeeld.domain.confidentiality import refusal
from klantbeeld.domain.models import DigitaalAdres
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    create_with,
    delete_audited,
    save_audited,
    snapshot,
    update_with,
)
from klantbeeld.domain.services.onderwerpvoorkeuren import verwijder_voorkeuren_met
from klantbeeld.domain.services.voorkeuren import drop_foreign_voorkeur


def create_digitaal_adres(changes: dict[str, Any], by: ChangeContext) -> DigitaalAdres:
    return create_with(DigitaalAdres(), _save_digitaal_adres, changes, by)


def update_digitaal_adres(
    adres: DigitaalAdres, changes: dict[str, Any], by: ChangeContext
) -> DigitaalAdres:
    """Change an address. Taking it away from its partij also ends its being that partij's
    standard address (unless the change says otherwise) and that partij's preference for it."""
    return update_with(adres, _save_digitaal_adres, changes, by)


def _save_digitaal_adres(
    adres: DigitaalAdres,
    changes: dict[str, Any],
    by: ChangeContext,
    oud: dict[str, Any] | None,
) -> None:
    apply_changes(adres, changes)
    if adres.verstrekt_door_partij_id is None and "is_standaard_adres" not in changes:
        # A standard address of nobody means nothing; only an explicit true is an error.
        adres.is_standaard_adres = False
    validate_digitaal_adres(adres)
    adres.adres_zoeksleutel = zoeksleutel(adres.soort_digitaal_adres, adres.adres)
    save_audited(adres, by, oud)
    if adres.is_standaard_adres:
        _unset_other_standaard(adres, by)
    drop_foreign_voorkeur("voorkeurs_digitaal_adres", adres, adres.verstrekt_door_partij_id, by)


def zoeksleutel(soort: str, adres: str) -> str:
    """The form an address is searched by: digits of a phone number (a Dutch one in its
    national form), lower-case e-mail."""
    if soort == SoortDigitaalAdres.TELEFOONNUMMER:
        number = validators.normalise_telefoonnummer(adres)
        if number.startswith("+31"):
            number = "0" + number[3:]
        elif number.startswith("0031"):
            number = "0" + number[4:]
        return number[:80]
    return adres.strip().lower()[:80]


def validate_digitaal_adres(adres: DigitaalAdres) -> None:
    """The address has the format of its kind; only a partij's address can be her standard
    address; a partij's referentie is unique per kind of address."""
    errors: dict[str, ValidationError] = {}
    try:
        _validate_adres_value(adres)
    except ValidationError as error:
        errors["adres"] = error
    if adres.is_standaard_adres and adres.verstrekt_door_partij_id is None:
        errors["is_standaard_adres"] = ValidationError(
            "Alleen een adres van een partij (verstrektDoorPartij) kan haar standaardadres zijn.",
            code="invalid",
        )
    if adres.referentie and not validators.REFERENTIE.match(adres.referentie):
        errors["referentie"] = ValidationError(
            "Een referentie bestaat alleen uit letters, cijfers, '-' en '_'.", code="invalid"
        )
    elif adres.referentie and adres.verstrekt_door_partij_id is not None:
        twin = DigitaalAdres.objects.filter(
            verstrekt_door_partij_id=adres.verstrekt_door_partij_id,
            soort_digitaal_adres=adres.soort_digitaal_adres,
            referentie=adres.referentie,
        ).exclude(pk=adres.pk)
        if twin.exists():
            errors["referentie"] = refusal(
                twin,
                "Deze partij heeft al een digitaal adres van deze soort met deze referentie.",
                "unique",
            )
    if errors:
        raise ValidationError(errors)


def _validate_adres_value(adres: DigitaalAdres) -> None:
    if not adres.adres.strip():
        raise ValidationError("Dit veld mag niet leeg zijn.", code="blank")
    if adres.soort_digitaal_adres == SoortDigitaalAdres.EMAIL:
        validators.validate_email(adres.adres)
    elif adres.soort_digitaal_adres == SoortDigitaalAdres.TELEFOONNUMMER:
        validators.validate_telefoonnummer(adres.adres)


def _unset_other_standaard(adres: DigitaalAdres, by: ChangeContext | None = None) -> None:
    """One standard address per partij and kind: choosing one unsets the others."""
    if adres.verstrekt_door_partij_id is None:
        return
    # Callers may hold a stale copy: only an address that is standard now wins.
    if not DigitaalAdres.objects.filter(pk=adres.pk, is_standaard_adres=True).exists():
        return
    others = (
        DigitaalAdres.objects.select_for_update()
        .filter(
            verstrekt_door_partij_id=adres.verstrekt_door_partij_id,
            soort_digitaal_adres=adres.soort_digitaal_adres,
            is_standaard_adres=True,
        )
        .exclude(pk=adres.pk)
    )
    for other in others:
        oud = snapshot(other)
        other.is_standaard_adres = False
        save_audited(other, by or ChangeContext(), oud)


def delete_digitaal_adres(adres: DigitaalAdres, by: ChangeContext) -> None:
    with transaction.atomic():
        drop_foreign_voorkeur("voorkeurs_digitaal_adres", adres, None, by)
        verwijder_voorkeuren_met(adres, by)
        delete_audited(adres, by)
