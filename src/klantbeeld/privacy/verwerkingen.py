"""Logging a processing of personal data: one ``Verwerkingsactie`` per look-up, search or
change, with every person involved (``VerwerktObject``) and the kinds of data used."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId, SoortPartij
from klantbeeld.privacy.models import (
    Uitvoering,
    Vertrouwelijkheid,
    Verwerkingsactie,
    Verwerkingsactiviteit,
    VerwerktObject,
)


class GeenVerwerkingsactiviteit(Exception):
    """No active processing activity is configured for a screen: nothing may be shown
    until an administrator records why it is processed."""


def activiteiten() -> list[Verwerkingsactiviteit]:
    return list(Verwerkingsactiviteit.objects.filter(actief=True))


def standaard_activiteit(scherm: str) -> Verwerkingsactiviteit:
    for activiteit in activiteiten():
        if scherm in activiteit.standaard_voor:
            return activiteit
    raise GeenVerwerkingsactiviteit(
        f"Er is geen verwerkingsactiviteit ingesteld voor '{scherm}' (beheer: "
        "Verwerkingenlogging → Verwerkingsactiviteiten)."
    )


def kies_activiteit(scherm: str, gekozen: str | None) -> Verwerkingsactiviteit:
    """The activity the user chose (by id), or the screen's default when none was chosen.
    A choice that is not (or no longer) an active activity is refused, not replaced."""
    if not gekozen:
        return standaard_activiteit(scherm)
    for activiteit in activiteiten():
        if str(activiteit.pk) == gekozen:
            return activiteit
    raise GeenVerwerkingsactiviteit(
        "Het gekozen doel bestaat niet (meer) of is uitgeschakeld; kies opnieuw."
    )


def personen(partijen: Iterable[Partij]) -> list[tuple[str, str]]:
    """(soortObjectId, objectId) of the natural persons among ``partijen``: their BSN, or
    Klantbeeld's uuid when they have none. Organisations are not logged (the AVG protects
    natural persons)."""
    partijen = list(partijen)
    kenmerken = _kenmerken(partijen)
    return [kenmerken[p.pk] for p in partijen if p.pk in kenmerken]


def _kenmerken(partijen: list[Partij]) -> dict[Any, tuple[str, str]]:
    """The key each natural person is logged by, in one query however many there are."""
    mensen = [p for p in partijen if p.soort_partij != SoortPartij.ORGANISATIE]
    if not mensen:
        return {}
    bsns = dict(
        Partij.objects.filter(
            pk__in=[p.pk for p in mensen],
            partij_identificatoren__partij_identificator_code_soort_object_id=CodeSoortObjectId.BSN,
        ).values_list("pk", "partij_identificatoren__partij_identificator_object_id")
    )
    return {p.pk: ("BSN", bsns[p.pk]) if p.pk in bsns else ("partij", str(p.uuid)) for p in mensen}


@transaction.atomic
def log_verwerking(
    *,
    actie: str,
    handeling: str,
    activiteit: Verwerkingsactiviteit,
    gebruiker: str,
    partijen: Sequence[Partij],
    soorten_gegevens: Sequence[str],
    vertrouwelijk: bool = False,
    betrokkenheid: str = "",
    uitvoerder: str = "",
    ook_getoond: Sequence[tuple[Partij, str]] = (),
    objecten: Sequence[tuple[str, str]] = (),
    organisatie_eenheid: str = "",
    uitgevoerd_door: Uitvoering = Uitvoering.ORGANISATIE,
    gegevensbron: str = "Klantbeeld",
) -> Verwerkingsactie | None:
    """Record that ``gebruiker`` processed ``soorten_gegevens`` of the persons among
    ``partijen`` for ``activiteit``, and the names of ``ook_getoond`` (other persons shown,
    with their relation: representative, contact person) and ``objecten``, persons who are
    no partij (soortObjectId, objectId), such as a Contactgegevens persoon.
    ``organisatie_eenheid`` is the team the person concerned is shown instead of
    ``gebruiker``; ``uitgevoerd_door`` says whether the person (or their gemachtigde) did
    it themselves in the portal; ``gegevensbron`` where the data came from (the BRP, the
    Handelsregister) when not from Klantbeeld's register. The record is
    confidential when ``vertrouwelijk`` (confidential data such as a confidential contact
    was shown) or when one of those persons is under geheimhouding. Nothing is recorded
    when no person is involved."""
    vertrouwelijk = vertrouwelijk or any(
        p.indicatie_geheimhouding for p in [*partijen, *(p for p, _ in ook_getoond)]
    )
    betrokken = [*personen(partijen), *objecten]
    kenmerken = _kenmerken([partij for partij, _ in ook_getoond])
    anderen = [
        (*kenmerken[partij.pk], relatie)
        for partij, relatie in ook_getoond
        if partij.pk in kenmerken
    ]
    if not betrokken and not anderen:
        return None
    verwerkingsactie = Verwerkingsactie.objects.create(
        actie_naam=actie[:242],
        handeling_naam=handeling[:242],
        verwerking_naam=activiteit.naam[:242],
        activiteit=activiteit,
        verwerkingsactiviteit_id=activiteit.verwerkingsactiviteit_id,
        verwerkingsactiviteit_url=activiteit.url,
        vertrouwelijkheid=(
            Vertrouwelijkheid.VERTROUWELIJK if vertrouwelijk else Vertrouwelijkheid.NORMAAL
        ),
        gebruiker=gebruiker[:255],
        uitvoerder=uitvoerder[:242],
        organisatie_eenheid=organisatie_eenheid[:242],
        uitgevoerd_door=uitgevoerd_door,
        gegevensbron=gegevensbron[:242],
    )
    VerwerktObject.objects.bulk_create(
        VerwerktObject(
            verwerkingsactie=verwerkingsactie,
            soort_object_id=soort,
            object_id=object_id,
            betrokkenheid=betrokkenheid,
            verwerkte_soorten_gegevens=list(soorten_gegevens),
        )
        for soort, object_id in betrokken
    )
    VerwerktObject.objects.bulk_create(
        VerwerktObject(
            verwerkingsactie=verwerkingsactie,
            soort_object_id=soort,
            object_id=object_id,
            betrokkenheid=relatie,
            verwerkte_soorten_gegevens=["naam"],
        )
        for soort, object_id, relatie in anderen
    )
    return verwerkingsactie
