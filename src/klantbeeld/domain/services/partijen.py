"""Partijen and their identificatoren (BSN, KVK-nummer, vestigingsnummer, RSIN)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from klantbeeld.domain import validators
from klantbeeld.domain.confidentiality import (
    NEUTRAL_REFUSAL,
    keep_hidden_references,
    refusal,
    visible,
)
from klantbeeld.domain.models import (
    DigitaalAdres,
    Partij,
    PartijIdentificator,
    Rekeningnummer,
)
from klantbeeld.domain.models.partijen import (
    CodeObjecttype,
    CodeRegister,
    CodeSoortObjectId,
    SoortPartij,
)
from klantbeeld.domain.services import digitale_adressen as adres_service
from klantbeeld.domain.services import rekeningnummers as rekening_service
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    delete_audited,
    delete_with_dependents,
    save_audited,
    snapshot,
)
from klantbeeld.domain.services.nummers import (
    next_nummer,
    take_blank_nummers,
    validate_nummers,
)

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
    changes = keep_hidden_references(
        partij, dict(changes), "voorkeurs_digitaal_adres", "voorkeurs_rekeningnummer"
    )
    digitale_adressen = changes.pop("digitale_adressen", None)
    rekeningnummers = changes.pop("rekeningnummers", None)
    blank = take_blank_nummers(changes, ["nummer"])
    apply_changes(partij, changes)
    _clear_other_soort_fields(partij)
    _validate_partij(partij, changes, digitale_adressen, rekeningnummers)
    # An explicit null on update clears the number.
    if not partij.nummer and (creating or blank):
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
    try:
        validate_nummers(partij, ["nummer"])
    except ValidationError as error:
        errors.update(error.error_dict)  # type: ignore[arg-type]
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
    # An address the caller may not see (R12) was not in the list they could send: it stays.
    stored = visible(DigitaalAdres.objects.filter(verstrekt_door_partij=partij))
    for adres in stored.exclude(pk__in=wanted):
        adres_service.update_digitaal_adres(adres, {"verstrekt_door_partij": None}, by)
    for index, adres in enumerate(adressen):
        if adres.verstrekt_door_partij_id != partij.pk:
            try:
                adres_service.update_digitaal_adres(adres, {"verstrekt_door_partij": partij}, by)
            except ValidationError as error:
                raise _prefixed(error, f"digitale_adressen.{index}.") from None


def _relink_rekeningnummers(
    partij: Partij, rekeningnummers: list[Rekeningnummer], by: ChangeContext
) -> None:
    wanted = {rekeningnummer.pk for rekeningnummer in rekeningnummers}
    for old in Rekeningnummer.objects.filter(partij=partij).exclude(pk__in=wanted):
        rekening_service.update_rekeningnummer(old, {"partij": None}, by)
    for rekeningnummer in rekeningnummers:
        if rekeningnummer.partij_id != partij.pk:
            rekening_service.update_rekeningnummer(rekeningnummer, {"partij": partij}, by)


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
    # The caller's list holds only what they see: a hidden identificator stays (R12).
    for old in visible(partij.partij_identificatoren.exclude(pk__in=kept)):
        delete_identificator(old, by)
    for index, item in enumerate(items):
        item = dict(item)
        uuid = item.pop("uuid", None)
        item["identificeerde_partij"] = partij
        try:
            existing = (
                visible(PartijIdentificator.objects.filter(pk=uuid)).first() if uuid else None
            )
            if existing is None and uuid and PartijIdentificator.objects.filter(pk=uuid).exists():
                # A uuid of a hidden identificator: it cannot be taken over nor made again.
                raise ValidationError({"uuid": ValidationError(NEUTRAL_REFUSAL, code="invalid")})
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
        raise refusal(
            blocking,
            "Deze partij kan niet worden verwijderd: andere partijen hebben een "
            "vestigingsnummer onder haar KVK-nummer. Verwijder of wijzig die eerst.",
            "protected",
        )
    with transaction.atomic():
        _keep_adressen_given_on_contacts(partij, by)
        # Vestigingen first: they point to this partij's KVK identificator (PROTECT).
        for vestiging in partij.partij_identificatoren.exclude(sub_identificator_van=None):
            delete_audited(vestiging, by)
        # Every row that goes with the partij is audited and announced (docs/events.md).
        delete_with_dependents(partij, by)


def _keep_adressen_given_on_contacts(partij: Partij, by: ChangeContext) -> None:
    """An address the partij also gave on a klantcontact stays with that contact's
    betrokkene (R4: a contact keeps the contact data given at the time), only no longer
    as hers; it would otherwise go with her (the link to the partij cascades)."""
    for adres in DigitaalAdres.objects.filter(verstrekt_door_partij=partij).exclude(
        verstrekt_door_betrokkene=None
    ):
        oud = snapshot(adres)
        adres.verstrekt_door_partij = None
        adres.is_standaard_adres = False
        save_audited(adres, by, oud)


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
        raise refusal(
            identificator.sub_identificatoren.all(),
            "Deze identificator kan niet worden verwijderd: er zijn vestigingsnummers aan "
            "gekoppeld.",
            "protected",
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
        # Two partijen with one BSN would corrupt the register, so this is refused even
        # when the other one is secret; then the refusal does not say why.
        raise ValidationError(
            {
                "partij_identificator": refusal(
                    same,
                    "Deze identificator is al in gebruik: er bestaat al een "
                    "partij-identificator met dezelfde gegevens.",
                    "unique",
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
                    f"{P}code_soort_object_id": refusal(
                        twin,
                        f"Deze partij heeft al een identificator van soort '{soort}'.",
                        "unique",
                    )
                }
            )
