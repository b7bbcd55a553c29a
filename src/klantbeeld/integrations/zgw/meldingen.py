"""A zaak's new status, announced by the NRC (``zaken``/``status``/``create``), read from
the Zaken and Catalogi APIs and handed to the domain to tell the customers (C0322).

A register that does not answer raises, and the notification is handled again later. A
refusal that will stay (no rights for the zaaktype, a status deleted since) is logged and
the notification is done: without the statustype nobody can say whether to inform. A zaak
in a register Klantbeeld has no service for is not Klantbeeld's to announce.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import replace
from typing import Any

from django.utils import timezone

from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services import meldingen
from klantbeeld.domain.services.meldingen import Rolbetrokkene, Zaakstatus
from klantbeeld.domain.services.zaken import Contactgegevens, Zaakverwijzing
from klantbeeld.events.handlers import NRC
from klantbeeld.integrations.models import Soort
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError
from klantbeeld.integrations.zgw.register import ZgwZakenregister

logger = logging.getLogger(__name__)

# Rol fields that name a partij, and the kind of identifier each holds.
_ROL_VELDEN = {
    "inpBsn": CodeSoortObjectId.BSN,
    "kvkNummer": CodeSoortObjectId.KVK_NUMMER,
    "innNnpId": CodeSoortObjectId.RSIN,
    "vestigingsNummer": CodeSoortObjectId.VESTIGINGSNUMMER,
}


class Weigering(Exception):
    """The register refuses for good to tell what is needed."""


def zaakstatus(notificatie: dict[str, Any]) -> None:
    """The NRC handler of kanaal ``zaken``."""
    if notificatie.get("resource") != "status" or notificatie.get("actie") != "create":
        return
    zaak, status_url = notificatie["hoofdObject"], notificatie["resourceUrl"]
    with ZgwClient() as zgw:
        try:
            zgw.service_for(zaak, Soort.ZAKEN)
        except ZgwError:
            return
        try:
            status = lees_status(zgw, zaak, status_url)
        except Weigering as weigering:
            logger.warning("Status %s van %s niet te lezen: %s", status_url, zaak, weigering)
            return
        if not status.informeren:
            return
        rollen = lees_rollen(zgw, zaak)
        # The letters and mails sent are kept as documents of the zaak.
        register = ZgwZakenregister(zgw)
        meldingen.zaakstatus_gewijzigd(status, rollen, NRC, register=register)


def lees_status(zgw: ZgwClient, zaak_url: str, status_url: str) -> Zaakstatus:
    """The status with its statustype; the zaak and zaaktype only when it informs."""
    status = _lees(zgw, status_url)
    statustype = _lees(zgw, str(status.get("statustype", "")))
    zaak = Zaakverwijzing(url=zaak_url, uuid=_uuid(zaak_url), identificatie="", zaaktype="")
    gegevens = Zaakstatus(
        zaak=zaak,
        status=status_url,
        statustype=str(statustype.get("url") or status.get("statustype")),
        omschrijving=str(statustype.get("omschrijving") or ""),
        informeren=statustype.get("informeren") is True,
        statustekst=str(statustype.get("statustekst") or ""),
        datum=_datum(status.get("datumStatusGezet")),
    )
    if not gegevens.informeren:
        return gegevens
    zaakdata = _lees(zgw, zaak_url)
    zaaktype = _lees(zgw, str(zaakdata.get("zaaktype", "")))
    return replace(
        gegevens,
        zaak=Zaakverwijzing(
            url=zaak_url,
            uuid=str(zaakdata.get("uuid") or _uuid(zaak_url)),
            identificatie=str(zaakdata.get("identificatie") or ""),
            zaaktype=str(zaakdata.get("zaaktype") or ""),
        ),
        zaakomschrijving=str(zaakdata.get("omschrijving") or ""),
        zaaktype_identificatie=str(zaaktype.get("identificatie") or ""),
        zaaktype_omschrijving=str(zaaktype.get("omschrijving") or ""),
    )


def lees_rollen(zgw: ZgwClient, zaak: str) -> list[Rolbetrokkene]:
    """Everyone the zaak's rollen name; none when the register refuses for good (then
    only klantcontacten about the zaak tell who is involved)."""
    root = zgw.service_for(zaak, Soort.ZAKEN).api_root
    try:
        rollen = zgw.get_list(f"{root}rollen", {"zaak": zaak})
    except ZgwError as error:
        if error.tijdelijk:
            raise
        logger.warning("Rollen van %s niet te lezen, alleen klantcontacten: %s", zaak, error)
        return []
    return [rolbetrokkene(rol) for rol in rollen]


def rolbetrokkene(rol: dict[str, Any]) -> Rolbetrokkene:
    identificatie = rol.get("betrokkeneIdentificatie") or {}
    identificatoren = tuple(
        (str(soort), str(identificatie[veld]))
        for veld, soort in _ROL_VELDEN.items()
        if identificatie.get(veld)
    )
    contact = rol.get("contactpersoonRol") or {}
    contactpersoon = None
    if any(contact.get(veld) for veld in ("naam", "emailadres", "telefoonnummer")):
        contactpersoon = Contactgegevens(
            naam=str(contact.get("naam") or _naam(identificatie)),
            emailadres=str(contact.get("emailadres") or ""),
            telefoonnummer=str(contact.get("telefoonnummer") or ""),
        )
    return Rolbetrokkene(
        url=str(rol.get("url") or ""),
        omschrijving_generiek=str(rol.get("omschrijvingGeneriek") or ""),
        identificatoren=identificatoren,
        contactpersoon=contactpersoon,
    )


def _lees(zgw: ZgwClient, url: str) -> dict[str, Any]:
    try:
        return zgw.get(url)
    except ZgwError as error:
        if error.tijdelijk:
            raise
        raise Weigering(str(error)) from error


def _naam(identificatie: dict[str, Any]) -> str:
    delen = (
        identificatie.get("voorletters"),
        identificatie.get("voorvoegselGeslachtsnaam"),
        identificatie.get("geslachtsnaam"),
    )
    return " ".join(str(deel) for deel in delen if deel) or str(
        identificatie.get("statutaireNaam") or ""
    )


def _datum(waarde: Any) -> datetime.date | None:
    if not isinstance(waarde, str) or not waarde:
        return None
    try:
        moment = datetime.datetime.fromisoformat(waarde.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = timezone.localtime(moment)
    return moment.date()


def _uuid(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]
