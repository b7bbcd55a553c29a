"""Partijen and what hangs on them directly: identificatoren, digitale adressen,
rekeningnummers, vertegenwoordigingen, categorieën."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from klantbeeld.domain import validators
from klantbeeld.domain.models import (
    Categorie,
    CategorieRelatie,
    DigitaalAdres,
    Partij,
    PartijIdentificator,
    Rekeningnummer,
    Vertegenwoordigden,
)
from klantbeeld.domain.models.partijen import (
    CodeObjecttype,
    CodeRegister,
    CodeSoortObjectId,
    SoortDigitaalAdres,
    SoortPartij,
)
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    delete_audited,
    save_audited,
    snapshot,
)
from klantbeeld.domain.services.nummers import next_nummer, validate_nummer

# -- partij ------------------------------------------------------------------------------

SOORT_FIELDS = {
    SoortPartij.PERSOON: (
        "contactnaam_voorletters",
        "contactnaam_voornaam",
        "contactnaam_voorvoegsel_achternaam",
        "contactnaam_achternaam",
    ),
    SoortPartij.ORGANISATIE: ("naam",),
    SoortPartij.CONTACTPERSOON: (
        "contactnaam_voorletters",
        "contactnaam_voornaam",
        "contactnaam_voorvoegsel_achternaam",
        "contactnaam_achternaam",
        "werkte_voor_partij",
    ),
}
ALL_SOORT_FIELDS = {name for names in SOORT_FIELDS.values() for name in names}


def create_partij(
    changes: dict[str, Any],
    by: ChangeContext,
    identificatoren: list[dict[str, Any]] | None = None,
) -> Partij:
    """Create a partij, linking the digitale adressen and rekeningnummers it names and
    creating its identificatoren, all or nothing."""
    with transaction.atomic():
        partij = Partij()
        _save_partij(partij, changes, by, identificatoren, creating=True)
    return partij


def update_partij(
    partij: Partij,
    changes: dict[str, Any],
    by: ChangeContext,
    identificatoren: list[dict[str, Any]] | None = None,
) -> Partij:
    """Change a partij. A list given for digitale adressen, rekeningnummers or
    identificatoren replaces the current one: addresses and accounts left out are unlinked,
    identificatoren left out are deleted."""
    with transaction.atomic():
        locked = Partij.objects.select_for_update().get(pk=partij.pk)
        _save_partij(locked, changes, by, identificatoren, creating=False)
    return locked


def _save_partij(
    partij: Partij,
    changes: dict[str, Any],
    by: ChangeContext,
    identificatoren: list[dict[str, Any]] | None,
    *,
    creating: bool,
) -> None:
    oud = None if creating else snapshot(partij)
    changes = dict(changes)
    digitale_adressen = changes.pop("digitale_adressen", None)
    rekeningnummers = changes.pop("rekeningnummers", None)
    apply_changes(partij, changes)
    _clear_other_soort_fields(partij)
    _validate_partij(partij, changes, digitale_adressen, rekeningnummers)
    # "" counts as not given (a number is handed out); an explicit null on update clears it.
    if partij.nummer == "" or (creating and partij.nummer is None):
        partij.nummer = next_nummer("partij.nummer", Partij, "nummer")
    save_audited(partij, by, oud)
    if digitale_adressen is not None:
        _relink_digitale_adressen(partij, digitale_adressen, by)
    if rekeningnummers is not None:
        _relink_rekeningnummers(partij, rekeningnummers, by)
    if identificatoren is not None:
        _replace_identificatoren(partij, identificatoren, by)


def _clear_other_soort_fields(partij: Partij) -> None:
    keep = set(SOORT_FIELDS.get(SoortPartij(partij.soort_partij), ()))
    for name in ALL_SOORT_FIELDS - keep:
        field = Partij._meta.get_field(name)
        setattr(partij, name, None if getattr(field, "null", False) else "")


def _validate_partij(
    partij: Partij,
    changes: dict[str, Any],
    digitale_adressen: list[DigitaalAdres] | None,
    rekeningnummers: list[Rekeningnummer] | None,
) -> None:
    errors: dict[str, ValidationError] = {}
    if partij.nummer:
        try:
            validate_nummer(partij.nummer)
        except ValidationError as error:
            errors["nummer"] = error
        else:
            if Partij.objects.filter(nummer=partij.nummer).exclude(pk=partij.pk).exists():
                errors["nummer"] = ValidationError(
                    "Er bestaat al een partij met dit nummer.", code="unique"
                )
    werkgever = partij.werkte_voor_partij
    if werkgever is not None and werkgever.soort_partij != SoortPartij.ORGANISATIE:
        errors["werkte_voor_partij"] = ValidationError(
            "Een contactpersoon kan alleen werken voor een partij van soort 'organisatie'.",
            code="invalid",
        )
    voorkeur_adres = partij.voorkeurs_digitaal_adres
    if voorkeur_adres is not None and "voorkeurs_digitaal_adres" in changes:
        linked = _linked_uuids(partij, DigitaalAdres, "verstrekt_door_partij", digitale_adressen)
        if voorkeur_adres.pk not in linked:
            errors["voorkeurs_digitaal_adres"] = ValidationError(
                "Het voorkeursadres moet een van de digitale adressen van deze partij zijn.",
                code="invalid",
            )
    voorkeur_rekening = partij.voorkeurs_rekeningnummer
    if voorkeur_rekening is not None and "voorkeurs_rekeningnummer" in changes:
        linked = _linked_uuids(partij, Rekeningnummer, "partij", rekeningnummers)
        if voorkeur_rekening.pk not in linked:
            errors["voorkeurs_rekeningnummer"] = ValidationError(
                "Het voorkeursrekeningnummer moet een van de rekeningnummers van deze partij zijn.",
                code="invalid",
            )
    if errors:
        raise ValidationError(errors)


def _linked_uuids(
    partij: Partij,
    model: type[models.Model],
    field: str,
    given: list[Any] | None,
) -> set[Any]:
    if given is not None:
        return {obj.pk for obj in given}
    if partij._state.adding:
        return set()
    return set(model._default_manager.filter(**{field: partij}).values_list("pk", flat=True))


def _relink_digitale_adressen(
    partij: Partij, adressen: list[DigitaalAdres], by: ChangeContext
) -> None:
    """Make ``adressen`` exactly the partij's addresses, through the address rules (a
    standard address that leaves stops being one; a preference for it ends)."""
    wanted = {adres.pk for adres in adressen}
    for adres in DigitaalAdres.objects.filter(verstrekt_door_partij=partij).exclude(pk__in=wanted):
        update_digitaal_adres(adres, {"verstrekt_door_partij": None}, by)
    for index, adres in enumerate(adressen):
        if adres.verstrekt_door_partij_id != partij.pk:
            try:
                update_digitaal_adres(adres, {"verstrekt_door_partij": partij}, by)
            except ValidationError as error:
                raise _prefixed(error, f"digitale_adressen.{index}.") from None


def _relink_rekeningnummers(
    partij: Partij, rekeningnummers: list[Rekeningnummer], by: ChangeContext
) -> None:
    wanted = {rekeningnummer.pk for rekeningnummer in rekeningnummers}
    for old in Rekeningnummer.objects.filter(partij=partij).exclude(pk__in=wanted):
        update_rekeningnummer(old, {"partij": None}, by)
    for rekeningnummer in rekeningnummers:
        if rekeningnummer.partij_id != partij.pk:
            update_rekeningnummer(rekeningnummer, {"partij": partij}, by)


def _replace_identificatoren(
    partij: Partij, items: list[dict[str, Any]], by: ChangeContext
) -> None:
    seen: set[Any] = set()
    for index, item in enumerate(items):
        uuid = item.get("uuid")
        if uuid is not None and uuid in seen:
            raise ValidationError(
                {
                    f"partij_identificatoren.{index}.uuid": ValidationError(
                        "Deze uuid komt meer dan eens voor in partijIdentificatoren.",
                        code="duplicated",
                    )
                }
            )
        seen.add(uuid)
    kept = [item["uuid"] for item in items if item.get("uuid") is not None]
    for old in partij.partij_identificatoren.exclude(pk__in=kept):
        delete_identificator(old, by)
    for index, item in enumerate(items):
        item = dict(item)
        uuid = item.pop("uuid", None)
        item["identificeerde_partij"] = partij
        try:
            existing = PartijIdentificator.objects.filter(pk=uuid).first() if uuid else None
            if existing is not None:
                update_identificator(existing, item, by)
            else:
                create_identificator(item, by, uuid=uuid)
        except ValidationError as error:
            raise _prefixed(error, f"partij_identificatoren.{index}.") from None


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError({prefix + key: value for key, value in error.error_dict.items()})
    return ValidationError({prefix.rstrip("."): error.error_list})


def delete_partij(partij: Partij, by: ChangeContext) -> None:
    """Delete a partij with its identificatoren, digitale adressen, rekeningnummers,
    vertegenwoordigingen and categorie-relaties. Its klantcontacten stay: their betrokkenen
    keep the name and contact data given at the time, without the link to the partij."""
    blocking = PartijIdentificator.objects.filter(
        sub_identificator_van__identificeerde_partij=partij
    ).exclude(identificeerde_partij=partij)
    if blocking.exists():
        raise ValidationError(
            "Deze partij kan niet worden verwijderd: andere partijen hebben een "
            "vestigingsnummer onder haar KVK-nummer. Verwijder of wijzig die eerst.",
            code="protected",
        )
    with transaction.atomic():
        # Vestigingen first: they point to this partij's KVK identificator.
        partij.partij_identificatoren.exclude(sub_identificator_van=None).delete()
        delete_audited(partij, by)


# -- partij-identificator ----------------------------------------------------------------

ALLOWED_COMBINATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    CodeRegister.BRP: {CodeObjecttype.NATUURLIJK_PERSOON: (CodeSoortObjectId.BSN,)},
    CodeRegister.HR: {
        CodeObjecttype.NIET_NATUURLIJK_PERSOON: (
            CodeSoortObjectId.KVK_NUMMER,
            CodeSoortObjectId.RSIN,
        ),
        CodeObjecttype.VESTIGING: (CodeSoortObjectId.VESTIGINGSNUMMER,),
    },
}
OBJECT_ID_VALIDATORS = {
    CodeSoortObjectId.BSN: validators.validate_bsn,
    CodeSoortObjectId.RSIN: validators.validate_rsin,
    CodeSoortObjectId.KVK_NUMMER: validators.validate_kvk_nummer,
    CodeSoortObjectId.VESTIGINGSNUMMER: validators.validate_vestigingsnummer,
}
P = "partij_identificator_"


def create_identificator(
    changes: dict[str, Any], by: ChangeContext, uuid: Any = None
) -> PartijIdentificator:
    with transaction.atomic():
        identificator = PartijIdentificator(**({"uuid": uuid} if uuid else {}))
        apply_changes(identificator, changes)
        validate_identificator(identificator)
        save_audited(identificator, by, None)
    return identificator


def update_identificator(
    identificator: PartijIdentificator, changes: dict[str, Any], by: ChangeContext
) -> PartijIdentificator:
    with transaction.atomic():
        oud = snapshot(identificator)
        old_soort = identificator.partij_identificator_code_soort_object_id
        apply_changes(identificator, changes)
        new_soort = identificator.partij_identificator_code_soort_object_id
        if new_soort != old_soort and identificator.sub_identificatoren.exists():
            raise ValidationError(
                {
                    f"{P}code_soort_object_id": ValidationError(
                        "De soort van deze identificator kan niet veranderen: er zijn "
                        "vestigingsnummers aan gekoppeld.",
                        code="invalid",
                    )
                }
            )
        validate_identificator(identificator)
        save_audited(identificator, by, oud)
    return identificator


def delete_identificator(identificator: PartijIdentificator, by: ChangeContext) -> None:
    if identificator.sub_identificatoren.exists():
        raise ValidationError(
            "Deze identificator kan niet worden verwijderd: er zijn vestigingsnummers aan "
            "gekoppeld.",
            code="protected",
        )
    delete_audited(identificator, by)


def validate_identificator(identificator: PartijIdentificator) -> None:
    """The register, object type and kind of id must fit together; the id must have the
    format of its kind; and no two partijen share an identificator."""
    register = identificator.partij_identificator_code_register
    objecttype = identificator.partij_identificator_code_objecttype
    soort = identificator.partij_identificator_code_soort_object_id
    object_id = identificator.partij_identificator_object_id
    objecttypes = ALLOWED_COMBINATIONS.get(register, {})
    if objecttype not in objecttypes:
        raise ValidationError(
            {
                f"{P}code_objecttype": ValidationError(
                    f"Bij codeRegister '{register}' past alleen codeObjecttype "
                    f"{_one_of(objecttypes)}.",
                    code="invalid",
                )
            }
        )
    if soort not in objecttypes[objecttype]:
        raise ValidationError(
            {
                f"{P}code_soort_object_id": ValidationError(
                    f"Bij codeObjecttype '{objecttype}' past alleen codeSoortObjectId "
                    f"{_one_of(objecttypes[objecttype])}.",
                    code="invalid",
                )
            }
        )
    try:
        OBJECT_ID_VALIDATORS[CodeSoortObjectId(soort)](object_id)
    except ValidationError as error:
        raise ValidationError({f"{P}object_id": error}) from None
    _validate_sub_identificator(identificator, soort)
    _validate_identificator_unique(identificator, soort)


def _one_of(values: Any) -> str:
    return " of ".join(f"'{value}'" for value in values)


def _validate_sub_identificator(identificator: PartijIdentificator, soort: str) -> None:
    parent = identificator.sub_identificator_van
    if soort == CodeSoortObjectId.VESTIGINGSNUMMER:
        if parent is None:
            raise ValidationError(
                {
                    "sub_identificator_van": ValidationError(
                        "Een vestigingsnummer hoort bij een KVK-nummer: geef in "
                        "subIdentificatorVan de identificator van dat KVK-nummer.",
                        code="required",
                    )
                }
            )
        if parent.partij_identificator_code_soort_object_id != CodeSoortObjectId.KVK_NUMMER:
            raise ValidationError(
                {
                    "sub_identificator_van": ValidationError(
                        "subIdentificatorVan moet een identificator met codeSoortObjectId "
                        "'kvk_nummer' zijn.",
                        code="invalid",
                    )
                }
            )
        if parent.pk == identificator.pk:
            raise ValidationError(
                {
                    "sub_identificator_van": ValidationError(
                        "Een identificator kan geen subidentificator van zichzelf zijn.",
                        code="invalid",
                    )
                }
            )
    elif parent is not None:
        raise ValidationError(
            {
                "sub_identificator_van": ValidationError(
                    "Alleen een vestigingsnummer kan een subidentificator zijn.",
                    code="invalid",
                )
            }
        )


def _validate_identificator_unique(identificator: PartijIdentificator, soort: str) -> None:
    same = PartijIdentificator.objects.filter(
        partij_identificator_code_objecttype=identificator.partij_identificator_code_objecttype,
        partij_identificator_code_soort_object_id=soort,
        partij_identificator_object_id=identificator.partij_identificator_object_id,
        partij_identificator_code_register=identificator.partij_identificator_code_register,
        sub_identificator_van=identificator.sub_identificator_van,
    ).exclude(pk=identificator.pk)
    if same.exists():
        raise ValidationError(
            {
                "partij_identificator": ValidationError(
                    "Deze identificator is al in gebruik: er bestaat al een "
                    "partij-identificator met dezelfde gegevens.",
                    code="unique",
                )
            }
        )
    partij = identificator.identificeerde_partij
    if partij is not None:
        twin = PartijIdentificator.objects.filter(
            identificeerde_partij=partij, partij_identificator_code_soort_object_id=soort
        ).exclude(pk=identificator.pk)
        if twin.exists():
            raise ValidationError(
                {
                    f"{P}code_soort_object_id": ValidationError(
                        f"Deze partij heeft al een identificator van soort '{soort}'.",
                        code="unique",
                    )
                }
            )


# -- digitaal adres ------------------------------------------------------------------------


def create_digitaal_adres(changes: dict[str, Any], by: ChangeContext) -> DigitaalAdres:
    with transaction.atomic():
        adres = DigitaalAdres()
        _save_digitaal_adres(adres, changes, by, creating=True)
    return adres


def update_digitaal_adres(
    adres: DigitaalAdres, changes: dict[str, Any], by: ChangeContext
) -> DigitaalAdres:
    """Change an address. Taking it away from its partij also ends its being that partij's
    standard address (unless the change says otherwise) and that partij's preference for it."""
    with transaction.atomic():
        locked = DigitaalAdres.objects.select_for_update().get(pk=adres.pk)
        _save_digitaal_adres(locked, changes, by, creating=False)
    return locked


def _save_digitaal_adres(
    adres: DigitaalAdres, changes: dict[str, Any], by: ChangeContext, *, creating: bool
) -> None:
    oud = None if creating else snapshot(adres)
    apply_changes(adres, changes)
    if adres.verstrekt_door_partij_id is None and "is_standaard_adres" not in changes:
        # A standard address of nobody means nothing; only an explicit true is an error.
        adres.is_standaard_adres = False
    validate_digitaal_adres(adres)
    adres.adres_zoeksleutel = zoeksleutel(adres.soort_digitaal_adres, adres.adres)
    save_audited(adres, by, oud)
    if adres.is_standaard_adres:
        _unset_other_standaard(adres, by)
    _drop_foreign_voorkeur("voorkeurs_digitaal_adres", adres, adres.verstrekt_door_partij_id, by)


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
            errors["referentie"] = ValidationError(
                "Deze partij heeft al een digitaal adres van deze soort met deze referentie.",
                code="unique",
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


def _drop_foreign_voorkeur(
    field: str, target: models.Model, owner_id: Any, by: ChangeContext
) -> None:
    """A partij's preferred address or account is one of her own: when ``target`` leaves
    a partij (moved, unlinked, deleted), that partij's preference for it ends."""
    stale = Partij.objects.select_for_update().filter(**{field: target})
    if owner_id is not None:
        stale = stale.exclude(pk=owner_id)
    for partij in stale:
        oud = snapshot(partij)
        setattr(partij, field, None)
        save_audited(partij, by, oud)


def delete_digitaal_adres(adres: DigitaalAdres, by: ChangeContext) -> None:
    with transaction.atomic():
        _drop_foreign_voorkeur("voorkeurs_digitaal_adres", adres, None, by)
        delete_audited(adres, by)


# -- rekeningnummer ------------------------------------------------------------------------


def create_rekeningnummer(changes: dict[str, Any], by: ChangeContext) -> Rekeningnummer:
    with transaction.atomic():
        rekeningnummer = Rekeningnummer()
        _save_rekeningnummer(rekeningnummer, changes, by, creating=True)
    return rekeningnummer


def update_rekeningnummer(
    rekeningnummer: Rekeningnummer, changes: dict[str, Any], by: ChangeContext
) -> Rekeningnummer:
    """Change an account; taking it away from its partij ends her preference for it."""
    with transaction.atomic():
        locked = Rekeningnummer.objects.select_for_update().get(pk=rekeningnummer.pk)
        _save_rekeningnummer(locked, changes, by, creating=False)
    return locked


def _save_rekeningnummer(
    rekeningnummer: Rekeningnummer, changes: dict[str, Any], by: ChangeContext, *, creating: bool
) -> None:
    oud = None if creating else snapshot(rekeningnummer)
    apply_changes(rekeningnummer, changes)
    # One spelling, so that the exact iban and bic filters find what people typed.
    rekeningnummer.iban = validators.normalise_iban(rekeningnummer.iban)
    rekeningnummer.bic = rekeningnummer.bic.strip().upper()
    validate_rekeningnummer(rekeningnummer)
    save_audited(rekeningnummer, by, oud)
    _drop_foreign_voorkeur("voorkeurs_rekeningnummer", rekeningnummer, rekeningnummer.partij_id, by)


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
        _drop_foreign_voorkeur("voorkeurs_rekeningnummer", rekeningnummer, None, by)
        delete_audited(rekeningnummer, by)


# -- vertegenwoordiging ----------------------------------------------------------------------


def create_vertegenwoordiging(changes: dict[str, Any], by: ChangeContext) -> Vertegenwoordigden:
    with transaction.atomic():
        vertegenwoordiging = Vertegenwoordigden()
        _save_vertegenwoordiging(vertegenwoordiging, changes, by, creating=True)
    return vertegenwoordiging


def update_vertegenwoordiging(
    vertegenwoordiging: Vertegenwoordigden, changes: dict[str, Any], by: ChangeContext
) -> Vertegenwoordigden:
    with transaction.atomic():
        locked = Vertegenwoordigden.objects.select_for_update().get(pk=vertegenwoordiging.pk)
        _save_vertegenwoordiging(locked, changes, by, creating=False)
    return locked


def _save_vertegenwoordiging(
    vertegenwoordiging: Vertegenwoordigden,
    changes: dict[str, Any],
    by: ChangeContext,
    *,
    creating: bool,
) -> None:
    oud = None if creating else snapshot(vertegenwoordiging)
    apply_changes(vertegenwoordiging, changes)
    validate_vertegenwoordiging(vertegenwoordiging)
    save_audited(vertegenwoordiging, by, oud)


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


# -- categorie / categorie-relatie -------------------------------------------------------------


def create_categorie(changes: dict[str, Any], by: ChangeContext) -> Categorie:
    with transaction.atomic():
        categorie = Categorie()
        _save_categorie(categorie, changes, by, creating=True)
    return categorie


def update_categorie(categorie: Categorie, changes: dict[str, Any], by: ChangeContext) -> Categorie:
    with transaction.atomic():
        locked = Categorie.objects.select_for_update().get(pk=categorie.pk)
        _save_categorie(locked, changes, by, creating=False)
    return locked


def _save_categorie(
    categorie: Categorie, changes: dict[str, Any], by: ChangeContext, *, creating: bool
) -> None:
    oud = None if creating else snapshot(categorie)
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
