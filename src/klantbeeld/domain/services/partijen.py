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
    if creating and not partij.nummer:
        partij.nummer = next_nummer("partij.nummer", Partij, "nummer")
    save_audited(partij, by, oud)
    if digitale_adressen is not None:
        _relink(partij, DigitaalAdres, "verstrekt_door_partij", digitale_adressen)
    if rekeningnummers is not None:
        _relink(partij, Rekeningnummer, "partij", rekeningnummers)
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


def _relink(partij: Partij, model: type[models.Model], field: str, objects: list[Any]) -> None:
    wanted = {obj.pk for obj in objects}
    model._default_manager.filter(**{field: partij}).exclude(pk__in=wanted).update(**{field: None})
    model._default_manager.filter(pk__in=wanted).update(**{field: partij})
    if model is DigitaalAdres:
        for adres in DigitaalAdres.objects.filter(pk__in=wanted, is_standaard_adres=True):
            _unset_other_standaard(adres)


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
        _save_digitaal_adres(adres, changes, by, None)
    return adres


def update_digitaal_adres(
    adres: DigitaalAdres, changes: dict[str, Any], by: ChangeContext
) -> DigitaalAdres:
    with transaction.atomic():
        _save_digitaal_adres(adres, changes, by, snapshot(adres))
    return adres


def _save_digitaal_adres(
    adres: DigitaalAdres, changes: dict[str, Any], by: ChangeContext, oud: dict[str, Any] | None
) -> None:
    apply_changes(adres, changes)
    validate_digitaal_adres(adres)
    adres.adres_zoeksleutel = zoeksleutel(adres.soort_digitaal_adres, adres.adres)
    save_audited(adres, by, oud)
    if adres.is_standaard_adres:
        _unset_other_standaard(adres)


def zoeksleutel(soort: str, adres: str) -> str:
    """The form an address is searched by: digits of a phone number, lower-case e-mail."""
    if soort == SoortDigitaalAdres.TELEFOONNUMMER:
        number = validators.normalise_telefoonnummer(adres)
        if number.startswith("+31"):
            number = "0" + number[3:]
        elif number.startswith("0031"):
            number = "0" + number[4:]
        return number[:80]
    return adres.strip().lower()[:80]


def validate_digitaal_adres(adres: DigitaalAdres) -> None:
    errors: dict[str, ValidationError] = {}
    try:
        if adres.soort_digitaal_adres == SoortDigitaalAdres.EMAIL:
            validators.validate_email(adres.adres)
        elif adres.soort_digitaal_adres == SoortDigitaalAdres.TELEFOONNUMMER:
            validators.validate_telefoonnummer(adres.adres)
    except ValidationError as error:
        errors["adres"] = error
    if adres.is_standaard_adres and adres.verstrekt_door_partij_id is None:
        errors["is_standaard_adres"] = ValidationError(
            "Alleen een adres van een partij (verstrektDoorPartij) kan haar standaardadres zijn.",
            code="invalid",
        )
    if adres.referentie and adres.verstrekt_door_partij_id is not None:
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


def _unset_other_standaard(adres: DigitaalAdres) -> None:
    """One standard address per partij and kind: choosing one unsets the others."""
    DigitaalAdres.objects.filter(
        verstrekt_door_partij_id=adres.verstrekt_door_partij_id,
        soort_digitaal_adres=adres.soort_digitaal_adres,
        is_standaard_adres=True,
    ).exclude(pk=adres.pk).update(is_standaard_adres=False)


def delete_digitaal_adres(adres: DigitaalAdres, by: ChangeContext) -> None:
    delete_audited(adres, by)


# -- rekeningnummer ------------------------------------------------------------------------


def save_rekeningnummer(
    rekeningnummer: Rekeningnummer, changes: dict[str, Any], by: ChangeContext
) -> Rekeningnummer:
    with transaction.atomic():
        oud = None if rekeningnummer._state.adding else snapshot(rekeningnummer)
        apply_changes(rekeningnummer, changes)
        rekeningnummer.iban = rekeningnummer.iban.replace(" ", "").upper()
        errors: dict[str, ValidationError] = {}
        if not validators.IBAN.match(rekeningnummer.iban) or not iban_checksum_ok(
            rekeningnummer.iban
        ):
            errors["iban"] = ValidationError(
                "Dit is geen geldig IBAN (controlegetal klopt niet).", code="invalid"
            )
        if rekeningnummer.bic and not validators.BIC.match(rekeningnummer.bic):
            errors["bic"] = ValidationError("Een BIC heeft 8 tot 11 tekens.", code="invalid")
        if errors:
            raise ValidationError(errors)
        save_audited(rekeningnummer, by, oud)
    return rekeningnummer


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check."""
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(char, 36)) for char in rearranged)
    return int(digits) % 97 == 1


# -- vertegenwoordiging ----------------------------------------------------------------------


def save_vertegenwoordiging(
    vertegenwoordiging: Vertegenwoordigden, changes: dict[str, Any], by: ChangeContext
) -> Vertegenwoordigden:
    with transaction.atomic():
        oud = None if vertegenwoordiging._state.adding else snapshot(vertegenwoordiging)
        apply_changes(vertegenwoordiging, changes)
        if (
            vertegenwoordiging.vertegenwoordigende_partij_id
            == vertegenwoordiging.vertegenwoordigde_partij_id
        ):
            raise ValidationError(
                {
                    "vertegenwoordigde_partij": ValidationError(
                        "Een partij kan niet zichzelf vertegenwoordigen.", code="invalid"
                    )
                }
            )
        twin = Vertegenwoordigden.objects.filter(
            vertegenwoordigende_partij_id=vertegenwoordiging.vertegenwoordigende_partij_id,
            vertegenwoordigde_partij_id=vertegenwoordiging.vertegenwoordigde_partij_id,
        ).exclude(pk=vertegenwoordiging.pk)
        if twin.exists():
            raise ValidationError("Deze vertegenwoordiging bestaat al.", code="unique")
        save_audited(vertegenwoordiging, by, oud)
    return vertegenwoordiging


# -- categorie / categorie-relatie -------------------------------------------------------------


def save_categorie(categorie: Categorie, changes: dict[str, Any], by: ChangeContext) -> Categorie:
    with transaction.atomic():
        oud = None if categorie._state.adding else snapshot(categorie)
        apply_changes(categorie, changes)
        if Categorie.objects.filter(naam=categorie.naam).exclude(pk=categorie.pk).exists():
            raise ValidationError(
                {"naam": ValidationError("Er bestaat al een categorie met deze naam.", "unique")}
            )
        save_audited(categorie, by, oud)
    return categorie


def save_categorie_relatie(
    relatie: CategorieRelatie, changes: dict[str, Any], by: ChangeContext
) -> CategorieRelatie:
    with transaction.atomic():
        oud = None if relatie._state.adding else snapshot(relatie)
        apply_changes(relatie, changes)
        if relatie.begin_datum is None and oud is None:
            relatie.begin_datum = timezone.localdate()
        if relatie.begin_datum and relatie.eind_datum and relatie.eind_datum < relatie.begin_datum:
            raise ValidationError(
                {
                    "eind_datum": ValidationError(
                        "De einddatum kan niet voor de begindatum liggen.", code="invalid"
                    )
                }
            )
        save_audited(relatie, by, oud)
    return relatie


def delete(instance: models.Model, by: ChangeContext) -> None:
    """Delete an object that has no rules of its own about deleting."""
    with transaction.atomic():
        delete_audited(instance, by)
