"""Ready-made kinds of customer relation for a municipality and for a housing corporation
(``klantbeeld klantrelaties --voorbeeld gemeente|woningcorporatie``), a start the
functional administrator adapts in the admin. Loading is idempotent: a kind that exists
(by name, whatever the case) is left as the administrator made it; only a missing
``afgeleid_van`` is filled in."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from klantbeeld.domain.models import Categorie
from klantbeeld.domain.services.categorieen import create_categorie, update_categorie
from klantbeeld.domain.services.common import SYSTEM, ChangeContext


@dataclass(frozen=True)
class Soort:
    naam: str
    omschrijving: str
    afgeleid_van: str = ""


GEMEENTE = (
    Soort("Inwoner", "Staat met een woonadres in de gemeente ingeschreven (BRP)."),
    Soort("Ondernemer", "Heeft een onderneming of vestiging in de gemeente (Handelsregister)."),
    Soort(
        "Niet-inwoner",
        "Woont elders, maar heeft met de gemeente te maken (parkeren, graf, eigendom).",
    ),
    Soort("Instelling", "Maatschappelijke organisatie of ketenpartner (zorg, onderwijs)."),
    Soort(
        "Contactpersoon ondernemer",
        "Handelt namens een onderneming; de relatie loopt via die van de ondernemer.",
        afgeleid_van="Ondernemer",
    ),
)

WONINGCORPORATIE = (
    Soort("Huurder", "Contractant: heeft een huurovereenkomst; kenmerk: het contractnummer."),
    Soort(
        "Medebewoner",
        "Woont in de woning van een huurder zonder eigen contract; de relatie loopt via het "
        "contract van de huurder.",
        afgeleid_van="Huurder",
    ),
    Soort("Woningzoekende", "Staat ingeschreven als woningzoekende; kenmerk: inschrijfnummer."),
    Soort(
        "VvE",
        "Contractant: Vereniging van Eigenaars met een beheerovereenkomst met de corporatie.",
    ),
    Soort(
        "VvE-lid",
        "Eigenaar in een complex waarvan de VvE de contractant is; de relatie loopt via die "
        "van de VvE.",
        afgeleid_van="VvE",
    ),
    Soort("Koper", "Heeft een woning van de corporatie gekocht (terugkoopregeling, garantie)."),
    Soort(
        "Huurder bedrijfsruimte",
        "Contractant: huurt een bedrijfsruimte of maatschappelijk vastgoed.",
    ),
)

VOORBEELDEN: dict[str, tuple[Soort, ...]] = {
    "gemeente": GEMEENTE,
    "woningcorporatie": WONINGCORPORATIE,
}


def laad_voorbeeld(naam: str, by: ChangeContext = SYSTEM) -> list[Categorie]:
    """Make the kinds of preset ``naam`` that do not exist yet; returns those made."""
    soorten = VOORBEELDEN[naam]
    gemaakt: list[Categorie] = []
    with transaction.atomic():
        for volgorde, soort in enumerate(soorten, start=1):
            if _bestaand(soort.naam) is None:
                changes = {
                    "naam": soort.naam,
                    "omschrijving": soort.omschrijving,
                    "volgorde": volgorde,
                }
                gemaakt.append(create_categorie(changes, by))
        for soort in soorten:
            categorie = _bestaand(soort.naam)
            bron = _bestaand(soort.afgeleid_van) if soort.afgeleid_van else None
            if categorie is not None and bron is not None and categorie.afgeleid_van_id is None:
                update_categorie(categorie, {"afgeleid_van": bron}, by)
    return gemaakt


def _bestaand(naam: str) -> Categorie | None:
    return Categorie.objects.filter(naam__iexact=naam).first()
