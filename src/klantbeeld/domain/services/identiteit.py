"""The partij of an established identity (R3): a BSN from DigiD or a desk check, a
KVK-nummer (with vestigingsnummer) from eHerkenning. Used by the intake API, the portal and
every channel that knows who the customer is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeObjecttype, CodeRegister, CodeSoortObjectId
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.partijen import create_identificator, create_partij
from klantbeeld.domain.services.zoeken import partij_met_nummer


@dataclass(frozen=True)
class Identiteit:
    """Who someone is by authentication: a person by BSN, or an organisation by KVK-nummer
    and, when the login names one, the vestigingsnummer of its branch."""

    bsn: str = ""
    kvk_nummer: str = ""
    vestigingsnummer: str = ""

    @property
    def is_persoon(self) -> bool:
        return bool(self.bsn)

    @property
    def is_organisatie(self) -> bool:
        return bool(self.kvk_nummer)


def bestaande_partij(identiteit: Identiteit) -> Partij | None:
    """The partij of this identity when there is one; nothing is made (reading needs no
    partij: R3). An organisation with a vestigingsnummer is the partij that has that
    vestigingsnummer, else the organisation of the KVK-nummer."""
    if identiteit.bsn:
        return partij_met_nummer(identiteit.bsn, CodeSoortObjectId.BSN, ook_verborgen=True)
    if not identiteit.kvk_nummer:
        return None
    if identiteit.vestigingsnummer:
        vestiging = _vestigingspartij(identiteit)
        if vestiging is not None:
            return vestiging
    return partij_met_nummer(
        identiteit.kvk_nummer, CodeSoortObjectId.KVK_NUMMER, ook_verborgen=True
    )


@transaction.atomic
def partij_van(identiteit: Identiteit, by: ChangeContext) -> Partij | None:
    """The partij of an established identity, created with only its identificator when
    there is none yet (R3: no contact data on a partij without consent). None without one."""
    if identiteit.bsn:
        return _partij_met(
            "persoon",
            CodeObjecttype.NATUURLIJK_PERSOON,
            CodeSoortObjectId.BSN,
            identiteit.bsn,
            CodeRegister.BRP,
            by,
        )
    if identiteit.kvk_nummer:
        return _organisatie(identiteit, by)
    return None


def _partij_met(
    soort_partij: str, objecttype: str, soort: str, nummer: str, register: str, by: ChangeContext
) -> Partij:
    """The partij with this number, made with only its identificator when there is none."""
    return partij_met_nummer(nummer, soort, ook_verborgen=True) or create_partij(
        {"soort_partij": soort_partij, "indicatie_actief": True},
        by,
        identificatoren=[_identificator(objecttype, soort, nummer, register)],
    )


def _vestigingspartij(identiteit: Identiteit) -> Partij | None:
    return (
        Partij.objects.filter(
            partij_identificatoren__partij_identificator_code_soort_object_id=(
                CodeSoortObjectId.VESTIGINGSNUMMER
            ),
            partij_identificatoren__partij_identificator_object_id=identiteit.vestigingsnummer,
            partij_identificatoren__sub_identificator_van__partij_identificator_object_id=(
                identiteit.kvk_nummer
            ),
        )
        .order_by("pk")
        .first()
    )


def _organisatie(identiteit: Identiteit, by: ChangeContext) -> Partij:
    """The organisation of the KVK-nummer; with a vestigingsnummer the partij that has it,
    else the organisation, which gets it as its sub-identificator (C4161-form)."""
    organisatie = _partij_met(
        "organisatie",
        CodeObjecttype.NIET_NATUURLIJK_PERSOON,
        CodeSoortObjectId.KVK_NUMMER,
        identiteit.kvk_nummer,
        CodeRegister.HR,
        by,
    )
    if not identiteit.vestigingsnummer:
        return organisatie
    kvk = organisatie.partij_identificatoren.get(
        partij_identificator_code_soort_object_id=CodeSoortObjectId.KVK_NUMMER,
        partij_identificator_object_id=identiteit.kvk_nummer,
    )
    vestiging = kvk.sub_identificatoren.filter(
        partij_identificator_object_id=identiteit.vestigingsnummer
    ).first()
    if vestiging is not None and vestiging.identificeerde_partij is not None:
        return vestiging.identificeerde_partij
    create_identificator(
        {
            **_identificator(
                CodeObjecttype.VESTIGING,
                CodeSoortObjectId.VESTIGINGSNUMMER,
                identiteit.vestigingsnummer,
                CodeRegister.HR,
            ),
            "identificeerde_partij": organisatie,
            "sub_identificator_van": kvk,
        },
        by,
    )
    return organisatie


def _identificator(objecttype: str, soort: str, nummer: str, register: str) -> dict[str, Any]:
    return {
        "partij_identificator_code_objecttype": objecttype,
        "partij_identificator_code_soort_object_id": soort,
        "partij_identificator_object_id": nummer,
        "partij_identificator_code_register": register,
    }
