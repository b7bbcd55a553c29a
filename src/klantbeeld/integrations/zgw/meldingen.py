"""A zaak's new status, announced by the NRC, for every known partij involved (C0322)."""

from __future__ import annotations

import logging
from typing import Any

from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services import meldingen
from klantbeeld.events.handlers import NRC
from klantbeeld.integrations.models import Soort
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError

logger = logging.getLogger(__name__)

# Rol fields that name a partij, and the kind of identifier each holds.
_ROL_VELDEN = {
    "inpBsn": CodeSoortObjectId.BSN,
    "kvkNummer": CodeSoortObjectId.KVK_NUMMER,
    "innNnpId": CodeSoortObjectId.RSIN,
    "vestigingsNummer": CodeSoortObjectId.VESTIGINGSNUMMER,
}


def zaakstatus(notificatie: dict[str, Any]) -> None:
    """A zaakmelding for every partij with a klantcontact about the zaak or named in one of
    its rollen. A register that does not answer raises, and the notification is handled
    again later."""
    if notificatie.get("resource") != "status" or notificatie.get("actie") != "create":
        return
    zaak = notificatie["hoofdObject"]
    meldingen.zaakstatus_gewijzigd(
        zaak=zaak,
        status=notificatie["resourceUrl"],
        zaaktype=str(notificatie.get("kenmerken", {}).get("zaaktype", "")),
        by=NRC,
        identificatoren=rol_identificatoren(zaak),
    )


def rol_identificatoren(zaak: str) -> list[tuple[str, str]]:
    """(soort, waarde) of every betrokkene in the zaak's rollen; none when no configured
    Zaken API holds the zaak, or when it refuses for good (no rights for the zaaktype, a zaak
    deleted since): then only klantcontacten about it tell who is involved. A register that
    does not answer raises, to be asked again later."""
    with ZgwClient() as zgw:
        try:
            root = zgw.service_for(zaak, Soort.ZAKEN).api_root
        except ZgwError:
            return []
        try:
            rollen = zgw.get_list(f"{root}rollen", {"zaak": zaak})
        except ZgwError as error:
            if error.tijdelijk:
                raise
            logger.warning("Rollen van %s niet te lezen, alleen klantcontacten: %s", zaak, error)
            return []
    found = []
    for rol in rollen:
        identificatie = rol.get("betrokkeneIdentificatie") or {}
        for veld, soort in _ROL_VELDEN.items():
            if identificatie.get(veld):
                found.append((str(soort), str(identificatie[veld])))
    return found
