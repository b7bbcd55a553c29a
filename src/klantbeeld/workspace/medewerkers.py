"""The actor that stands for a signed-in employee in the register (R4: the employee who
handles a contact is its actor)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext

from klantbeeld.domain.models import Actor, Betrokkene
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services.actoren import create_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.roles import rollen_van

# How an employee's actor is identified: by their username in Klantbeeld.
IDENTIFICATOR = {
    "actoridentificator_code_objecttype": "mdw",
    "actoridentificator_code_register": "klantbeeld",
    "actoridentificator_code_soort_object_id": "gebruikersnaam",
}


def gebruiker(request: HttpRequest) -> User:
    """The signed-in employee (workspace views run only for them, toegang.py)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionError("Geen ingelogde medewerker.")
    return user


def wie(user: User) -> ChangeContext:
    """The employee as the author of a change (audit trail, notifications)."""
    return ChangeContext(
        applicatie="Werkplek",
        gebruikers_id=user.get_username(),
        gebruikers_weergave=user.get_full_name() or user.get_username(),
    )


def actor_van(user: User) -> Actor:
    """The employee's actor, made at their first contact (or sign-in)."""
    rollen = rollen_van(user)
    return medewerker_actor(
        user.get_username(),
        naam=user.get_full_name() or user.get_username(),
        emailadres=user.email,
        functie=rollen[0].label if rollen else "Medewerker",
        by=wie(user),
    )


def medewerker_actor(
    gebruikersnaam: str, *, naam: str, emailadres: str, functie: str, by: ChangeContext
) -> Actor:
    """The actor of the employee with this username, made when there is none. A
    medewerker actor needs a phone number (the API requires one): the organisation's
    number is used, so the employee's own is not exposed."""
    bestaand = Actor.objects.filter(
        actoridentificator_object_id=gebruikersnaam, **IDENTIFICATOR
    ).first()
    if bestaand is not None:
        return bestaand
    if not settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER:
        raise ValidationError(
            gettext(
                "KLANTBEELD_ORGANISATIE_TELEFOONNUMMER is niet ingesteld: zonder telefoonnummer "
                "kan Klantbeeld u niet als medewerker bij een contact vastleggen."
            )
        )
    return create_actor(
        {
            "naam": naam[:200],
            "soort_actor": SoortActor.MEDEWERKER,
            "indicatie_actief": True,
            "functie": functie[:40],
            "emailadres": emailadres,
            "telefoonnummer": settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER,
            "actoridentificator_object_id": gebruikersnaam,
            **IDENTIFICATOR,
        },
        by,
    )


def naam_van(user: object) -> str:
    """The employee's name for the log's ``uitvoerder`` (empty when unknown)."""
    return user.get_full_name() if isinstance(user, User) else ""


def log_verwerking(request: HttpRequest, **verwerking: Any) -> None:
    """Log a processing of personal data by the signed-in employee (see
    ``privacy.verwerkingen.log_verwerking`` for what ``verwerking`` holds), with their
    team as the unit the person concerned is shown."""
    gebruikersnaam = request.user.get_username()
    verwerkingen.log_verwerking(
        gebruiker=gebruikersnaam,
        uitvoerder=naam_van(request.user),
        organisatie_eenheid=eenheid_van(gebruikersnaam),
        **verwerking,
    )


def eenheid_van(gebruikersnaam: str) -> str:
    """The names of the teams the employee is a member of now (Teamlid, kept by the
    functioneel beheerder), for the log: recorded at the moment of processing because
    membership changes later. Empty when they are in no team (or have no actor yet). One
    query, and no actor is made by looking."""
    if not gebruikersnaam:
        return ""
    namen = (
        Actor.objects.filter(
            soort_actor=SoortActor.ORGANISATORISCHE_EENHEID,
            teamleden__medewerker__actoridentificator_object_id=gebruikersnaam,
            **{f"teamleden__medewerker__{veld}": waarde for veld, waarde in IDENTIFICATOR.items()},
        )
        .order_by("naam")
        .values_list("naam", flat=True)
        .distinct()
    )
    return ", ".join(namen)


# How a person shown who is no partij (someone not identified, R1: a name and an address
# left with a message) is logged: by their betrokkene, the only key there is for them.
BETROKKENE = "betrokkene"


def niet_geidentificeerd(betrokkenen: Iterable[Betrokkene]) -> list[tuple[str, str]]:
    """The ``objecten`` for ``log_verwerking`` of the betrokkenen without a partij."""
    return [(BETROKKENE, str(b.uuid)) for b in betrokkenen if b.was_partij_id is None]
