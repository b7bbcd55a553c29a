"""Klantcontacten and what hangs on them: betrokkenen, onderwerpobjecten, bijlagen and the
actoren that handled them; plus registering a whole contact in one go."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import (
    Actor,
    ActorKlantcontact,
    Betrokkene,
    Bijlage,
    DigitaalAdres,
    Klantcontact,
    Onderwerpobject,
)
from klantbeeld.domain.services.common import (
    ChangeContext,
    apply_changes,
    clean_fields,
    collect,
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

# The spec's limit for a metadata value (cases.md C3155 relies on it).
METADATA_VALUE_MAX_LENGTH = 255
# ``nummer`` (deprecated) and ``referentienummer`` each count up in a series of their own.
NUMMER_SERIES = {
    "nummer": "klantcontact.nummer",
    "referentienummer": "klantcontact.referentienummer",
}
_url = URLValidator(message="Voer een geldige URL in.", code="invalid")

# -- klantcontact ------------------------------------------------------------------------


def create_klantcontact(changes: dict[str, Any], by: ChangeContext) -> Klantcontact:
    """Register a klantcontact; ``nummer`` and ``referentienummer`` are filled when not given."""
    with transaction.atomic():
        klantcontact = Klantcontact()
        prepare_klantcontact(klantcontact, changes)
        _save_new_klantcontact(klantcontact, by)
    return klantcontact


def update_klantcontact(
    klantcontact: Klantcontact, changes: dict[str, Any], by: ChangeContext
) -> Klantcontact:
    with transaction.atomic():
        locked = Klantcontact.objects.select_for_update().get(pk=klantcontact.pk)
        oud = snapshot(locked)
        changes = dict(changes)
        blank = take_blank_nummers(changes, NUMMER_SERIES)
        prepare_klantcontact(locked, changes)
        for field in blank:
            if not getattr(locked, field):
                setattr(locked, field, next_nummer(NUMMER_SERIES[field], Klantcontact, field))
        save_audited(locked, by, oud)
    return locked


def delete_klantcontact(klantcontact: Klantcontact, by: ChangeContext) -> None:
    """Delete a klantcontact with everything that only exists because of it: betrokkenen
    (and their own digitale adressen), onderwerpobjecten on both sides, bijlagen, interne
    taken and actor links. Each of those deletions is audited."""
    with transaction.atomic():
        _delete_klantcontact(klantcontact, by)


def prepare_klantcontact(klantcontact: Klantcontact, changes: dict[str, Any]) -> None:
    """Apply ``changes`` and check every rule; nothing is saved."""
    changes = dict(changes)
    take_blank_nummers(changes, NUMMER_SERIES)  # a new klantcontact gets a number
    if "metadata" in changes and changes["metadata"] is None:
        changes["metadata"] = {}
    if "hoofd_onderwerp_type" in changes and changes["hoofd_onderwerp_type"] is None:
        changes["hoofd_onderwerp_type"] = ""
    if changes.get("plaatsgevonden_op") is None:
        changes.pop("plaatsgevonden_op", None)
    apply_changes(klantcontact, changes)
    if klantcontact.plaatsgevonden_op is None:
        klantcontact.plaatsgevonden_op = timezone.now()
    elif timezone.is_naive(klantcontact.plaatsgevonden_op):
        klantcontact.plaatsgevonden_op = timezone.make_aware(klantcontact.plaatsgevonden_op)
    collect(
        lambda: clean_fields(klantcontact, _plain_fields(Klantcontact) - {"metadata"}),
        lambda: validate_nummers(klantcontact, NUMMER_SERIES),
        lambda: _validate_hoofd_onderwerp_type(klantcontact.hoofd_onderwerp_type),
        lambda: validate_metadata(klantcontact.metadata),
        lambda: _validate_uitkomst(klantcontact),
    )


def _validate_uitkomst(klantcontact: Klantcontact) -> None:
    """cases.md C7300: ``verdereActieOndernomen`` says the organisation follows up because
    contact was not made; with ``indicatieContactGelukt`` true the two contradict."""
    if klantcontact.indicatie_contact_gelukt and klantcontact.verdere_actie_ondernomen:
        raise ValidationError(
            {
                "verdere_actie_ondernomen": ValidationError(
                    "Een klantcontact kan niet tegelijk geslaagd zijn (indicatieContactGelukt) "
                    "en om verdere actie vragen (verdereActieOndernomen): die actie volgt op "
                    "een poging waarbij geen contact was.",
                    code="invalid",
                )
            }
        )


def _save_new_klantcontact(klantcontact: Klantcontact, by: ChangeContext) -> None:
    for field, series in NUMMER_SERIES.items():
        if not getattr(klantcontact, field):
            setattr(klantcontact, field, next_nummer(series, Klantcontact, field))
    save_audited(klantcontact, by, None)


def _validate_hoofd_onderwerp_type(value: str) -> None:
    if not value:
        return
    try:
        _url(value)
    except ValidationError as error:
        raise ValidationError({"hoofd_onderwerp_type": error}) from None


def validate_metadata(value: Any) -> None:
    """An object whose values are texts of at most 255 characters (as the spec says)."""
    if not isinstance(value, dict):
        raise ValidationError(
            {"metadata": ValidationError("Metadata moet een JSON-object zijn.", code="invalid")}
        )
    messages: list[ValidationError] = []
    for key, item in value.items():
        if not isinstance(item, str):
            messages.append(
                ValidationError(
                    f"Alle waarden moeten teksten zijn; '{key}' heeft type {type(item).__name__}.",
                    code="invalid",
                )
            )
        elif len(item) > METADATA_VALUE_MAX_LENGTH:
            messages.append(
                ValidationError(
                    f"De waarde van '{key}' mag maximaal {METADATA_VALUE_MAX_LENGTH} tekens "
                    "bevatten.",
                    code="max_length",
                )
            )
    if messages:
        raise ValidationError({"metadata": messages})


def _delete_klantcontact(klantcontact: Klantcontact, by: ChangeContext) -> None:
    for adres in DigitaalAdres.objects.filter(
        verstrekt_door_betrokkene__had_klantcontact=klantcontact,
        verstrekt_door_partij__isnull=False,
    ):
        _keep_for_partij(adres, by)
    # The model keeps these (SET_NULL), but an onderwerpobject saying "this was that
    # klantcontact" means nothing once the klantcontact is gone. One the caller may not
    # see (its other side is hidden) is left alone: only its link goes (R12).
    for onderwerpobject in visible(
        Onderwerpobject.objects.filter(was_klantcontact=klantcontact).exclude(
            klantcontact=klantcontact
        )
    ):
        delete_with_dependents(onderwerpobject, by)
    hidden = Onderwerpobject.objects.filter(klantcontact=klantcontact).exclude(
        pk__in=visible(Onderwerpobject.objects.all()).values("pk")
    )
    for onderwerpobject in hidden:
        # "This klantcontact was about a hidden one": the hidden side stays.
        oud = snapshot(onderwerpobject)
        onderwerpobject.klantcontact = None
        save_audited(onderwerpobject, by, oud)
    delete_with_dependents(klantcontact, by)


def _keep_for_partij(adres: DigitaalAdres, by: ChangeContext) -> None:
    """An address the partij gave as well outlives the betrokkene: it is only unlinked."""
    oud = snapshot(adres)
    adres.verstrekt_door_betrokkene = None
    save_audited(adres, by, oud)


# -- betrokkene ---------------------------------------------------------------------------


def create_betrokkene(changes: dict[str, Any], by: ChangeContext) -> Betrokkene:
    with transaction.atomic():
        betrokkene = Betrokkene()
        prepare_betrokkene(betrokkene, changes)
        save_audited(betrokkene, by, None)
    return betrokkene


def update_betrokkene(
    betrokkene: Betrokkene, changes: dict[str, Any], by: ChangeContext
) -> Betrokkene:
    with transaction.atomic():
        oud = snapshot(betrokkene)
        prepare_betrokkene(betrokkene, changes)
        save_audited(betrokkene, by, oud)
    return betrokkene


def delete_betrokkene(betrokkene: Betrokkene, by: ChangeContext) -> None:
    """Delete a betrokkene with the digitale adressen only it gave."""
    with transaction.atomic():
        for adres in betrokkene.digitale_adressen.filter(verstrekt_door_partij__isnull=False):
            _keep_for_partij(adres, by)
        delete_with_dependents(betrokkene, by)


def prepare_betrokkene(betrokkene: Betrokkene, changes: dict[str, Any]) -> None:
    apply_changes(betrokkene, changes)

    def klantcontact_given() -> None:
        if betrokkene.had_klantcontact_id is None:
            raise ValidationError(
                {
                    "had_klantcontact": ValidationError(
                        "Een betrokkene hoort altijd bij een klantcontact.", code="required"
                    )
                }
            )

    collect(lambda: clean_fields(betrokkene, _plain_fields(Betrokkene)), klantcontact_given)


# -- onderwerpobject ------------------------------------------------------------------------


def create_onderwerpobject(changes: dict[str, Any], by: ChangeContext) -> Onderwerpobject:
    with transaction.atomic():
        onderwerpobject = Onderwerpobject()
        prepare_onderwerpobject(onderwerpobject, changes)
        save_audited(onderwerpobject, by, None)
    return onderwerpobject


def update_onderwerpobject(
    onderwerpobject: Onderwerpobject, changes: dict[str, Any], by: ChangeContext
) -> Onderwerpobject:
    with transaction.atomic():
        oud = snapshot(onderwerpobject)
        prepare_onderwerpobject(onderwerpobject, changes)
        save_audited(onderwerpobject, by, oud)
    return onderwerpobject


def prepare_onderwerpobject(onderwerpobject: Onderwerpobject, changes: dict[str, Any]) -> None:
    apply_changes(onderwerpobject, changes)
    clean_fields(onderwerpobject, _plain_fields(Onderwerpobject))


def delete_onderwerpobject(
    onderwerpobject: Onderwerpobject, by: ChangeContext, *, cascade: bool = False
) -> list[Klantcontact]:
    """Delete an onderwerpobject; with ``cascade`` also the klantcontacten it links
    (``klantcontact`` and ``wasKlantcontact``) that no other onderwerpobject uses, with
    their digitale adressen. Returns the linked klantcontacten that were kept."""
    with transaction.atomic():
        linked = {onderwerpobject.klantcontact_id, onderwerpobject.was_klantcontact_id} - {None}
        delete_with_dependents(onderwerpobject, by)
        if not cascade:
            return []
        kept: list[Klantcontact] = []
        # A linked klantcontact the caller may not see is left alone and not listed (R12).
        for klantcontact in visible(Klantcontact.objects.filter(pk__in=linked)).order_by("pk"):
            # Only uses the caller sees count: one they cannot see loses its link, as when
            # the klantcontact itself is deleted (_delete_klantcontact), instead of keeping
            # the klantcontact and so betraying a link that no list shows them.
            in_use = visible(
                Onderwerpobject.objects.filter(
                    Q(klantcontact=klantcontact) | Q(was_klantcontact=klantcontact)
                )
            ).exists()
            if in_use:
                kept.append(klantcontact)
            else:
                _delete_klantcontact(klantcontact, by)
    return kept


# -- bijlage -----------------------------------------------------------------------------------


def create_bijlage(changes: dict[str, Any], by: ChangeContext) -> Bijlage:
    with transaction.atomic():
        bijlage = Bijlage()
        apply_changes(bijlage, changes)
        clean_fields(bijlage, _plain_fields(Bijlage))
        save_audited(bijlage, by, None)
    return bijlage


def update_bijlage(bijlage: Bijlage, changes: dict[str, Any], by: ChangeContext) -> Bijlage:
    with transaction.atomic():
        oud = snapshot(bijlage)
        apply_changes(bijlage, changes)
        clean_fields(bijlage, _plain_fields(Bijlage))
        save_audited(bijlage, by, oud)
    return bijlage


# -- actor bij klantcontact ---------------------------------------------------------------------


def create_actor_klantcontact(changes: dict[str, Any], by: ChangeContext) -> ActorKlantcontact:
    with transaction.atomic():
        link = ActorKlantcontact()
        apply_changes(link, changes)
        _validate_actor_klantcontact(link)
        save_audited(link, by, None)
    return link


def update_actor_klantcontact(
    link: ActorKlantcontact, changes: dict[str, Any], by: ChangeContext
) -> ActorKlantcontact:
    with transaction.atomic():
        oud = snapshot(link)
        apply_changes(link, changes)
        _validate_actor_klantcontact(link)
        save_audited(link, by, oud)
    return link


def _validate_actor_klantcontact(link: ActorKlantcontact) -> None:
    twin = ActorKlantcontact.objects.filter(
        actor_id=link.actor_id, klantcontact_id=link.klantcontact_id
    ).exclude(pk=link.pk)
    if twin.exists():
        raise ValidationError("Deze actor is al aan dit klantcontact gekoppeld.", code="unique")


# -- deleting without rules of its own ------------------------------------------------------


def delete(instance: models.Model, by: ChangeContext) -> None:
    """Delete a bijlage or actor link (nothing depends on them)."""
    with transaction.atomic():
        delete_audited(instance, by)


# -- a transferred call (C0534) -------------------------------------------------------------

# The channels of a conversation that can be transferred while it goes on.
LIVE_KANALEN = ("telefoon", "balie", "chat")


def waarom_geen_antwoord(klantcontact: Klantcontact) -> str:
    """Why a colleague cannot add the answer to ``klantcontact`` (C0534), or "" when they
    can: only a conversation (a transferred call) without an open task, not answered yet,
    on the day it took place."""
    if klantcontact.reactie:
        return gettext("Dit contact heeft al een antwoord.")
    open_taak = any(t.status == "te_verwerken" for t in klantcontact.interne_taken.all())
    if klantcontact.kanaal not in LIVE_KANALEN or open_taak:
        return gettext(
            "Alleen een gesprek (telefoon, balie, chat) zonder open taak kan hier een "
            "antwoord krijgen; beantwoord anders vanuit de taak."
        )
    if timezone.localdate(klantcontact.plaatsgevonden_op) != timezone.localdate():
        return gettext(
            "Een antwoord kan alleen worden toegevoegd op de dag van het contact zelf; leg "
            "anders een nieuw contact of een taak vast."
        )
    return ""


def beantwoord_doorverbonden(
    klantcontact: Klantcontact, *, reactie: str, actor: Actor, by: ChangeContext
) -> Klantcontact:
    """C0534: the colleague a call was transferred to adds the answer and joins the
    contact as its actor. Only while the contact has no answer yet and on the day it took
    place: afterwards a contact is a record that changes only to fix mistakes (R6)."""
    reactie = reactie.strip()
    with transaction.atomic():
        locked = Klantcontact.objects.select_for_update().get(pk=klantcontact.pk)
        if not reactie:
            raise ValidationError(
                {"reactie": ValidationError(gettext("Vul het antwoord in."), code="required")}
            )
        waarom = waarom_geen_antwoord(locked)
        if waarom:
            raise ValidationError({"reactie": ValidationError(waarom, code="invalid")})
        locked = update_klantcontact(locked, {"reactie": reactie}, by)
        if not ActorKlantcontact.objects.filter(actor=actor, klantcontact=locked).exists():
            create_actor_klantcontact({"actor": actor, "klantcontact": locked}, by)
    return locked


# -- a whole klantcontact in one go ---------------------------------------------------------


def maak_klantcontact(
    klantcontact_changes: dict[str, Any],
    betrokkene_changes: dict[str, Any] | None,
    onderwerpobject_changes: dict[str, Any] | None,
    by: ChangeContext,
    actoren: Sequence[Actor] = (),
) -> tuple[Klantcontact, Betrokkene | None, Onderwerpobject | None]:
    """Register a klantcontact with, optionally, one betrokkene and one onderwerpobject
    (and the actoren that handled it, for Klantbeeld's own flows): all or nothing.

    Every part is checked before anything is stored, so all errors are reported at once,
    named after their part (``klantcontact.onderwerp``, ``betrokkene.rol``).
    """
    with transaction.atomic():
        klantcontact = Klantcontact()
        betrokkene = Betrokkene() if betrokkene_changes is not None else None
        onderwerpobject = Onderwerpobject() if onderwerpobject_changes is not None else None
        checks = [_part("klantcontact", prepare_klantcontact, klantcontact, klantcontact_changes)]
        if betrokkene is not None and betrokkene_changes is not None:
            changes = {**betrokkene_changes, "had_klantcontact": klantcontact}
            checks.append(_part("betrokkene", prepare_betrokkene, betrokkene, changes))
        if onderwerpobject is not None and onderwerpobject_changes is not None:
            changes = {**onderwerpobject_changes, "klantcontact": klantcontact}
            checks.append(
                _part("onderwerpobject", prepare_onderwerpobject, onderwerpobject, changes)
            )
        collect(*checks)
        _save_new_klantcontact(klantcontact, by)
        if betrokkene is not None:
            betrokkene.had_klantcontact = klantcontact
            save_audited(betrokkene, by, None)
        if onderwerpobject is not None:
            onderwerpobject.klantcontact = klantcontact
            save_audited(onderwerpobject, by, None)
        for actor in dict.fromkeys(actoren):
            save_audited(ActorKlantcontact(actor=actor, klantcontact=klantcontact), by, None)
    return klantcontact, betrokkene, onderwerpobject


def _part(
    name: str,
    prepare: Callable[[Any, dict[str, Any]], None],
    instance: models.Model,
    changes: dict[str, Any],
) -> Callable[[], None]:
    """A check of one part whose errors are named ``<part>.<field>``."""

    def check() -> None:
        try:
            prepare(instance, changes)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                raise ValidationError({name: error.error_list}) from None
            raise ValidationError(
                {f"{name}.{key}": items for key, items in error.error_dict.items()}
            ) from None

    return check


# -- shared ---------------------------------------------------------------------------------


def _plain_fields(model: type[models.Model]) -> set[str]:
    """The fields checked with the model's own validators: not the key or relations
    (references are resolved before a service is called)."""
    return {
        field.name
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.is_relation
    }
