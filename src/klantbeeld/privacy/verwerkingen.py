"""Logging a processing of personal data: one ``Verwerkingsactie`` per look-up, search or
change, with every person involved (``VerwerktObject``) and the kinds of data used."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import transaction

from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId, SoortPartij
from klantbeeld.privacy.models import (
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
    """The activity the user chose (by id), or the screen's default."""
    if gekozen:
        for activiteit in activiteiten():
            if str(activiteit.pk) == gekozen:
                return activiteit
    return standaard_activiteit(scherm)


def personen(partijen: Iterable[Partij]) -> list[tuple[str, str]]:
    """(soortObjectId, objectId) of the natural persons among ``partijen``: their BSN, or
    Klantbeeld's uuid when they have none. Organisations are not logged (the AVG protects
    natural persons)."""
    partijen = [p for p in partijen if p.soort_partij != SoortPartij.ORGANISATIE]
    bsns = dict(
        Partij.objects.filter(
            pk__in=[p.pk for p in partijen],
            partij_identificatoren__partij_identificator_code_soort_object_id=CodeSoortObjectId.BSN,
        ).values_list("pk", "partij_identificatoren__partij_identificator_object_id")
    )
    return [("BSN", bsns[p.pk]) if p.pk in bsns else ("partij", str(p.uuid)) for p in partijen]


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
) -> Verwerkingsactie | None:
    """Record that ``gebruiker`` processed ``soorten_gegevens`` of the persons among
    ``partijen`` for ``activiteit``. Nothing is recorded when no person is involved."""
    betrokken = personen(partijen)
    if not betrokken:
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
        gebruiker=gebruiker[:40],
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
    return verwerkingsactie
