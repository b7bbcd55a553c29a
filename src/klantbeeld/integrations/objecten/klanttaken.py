"""A resident's klanttaken (cases.md C6334) and productaanvragen in the Objecten API.

They are asked for by the resident's own BSN or KVK-nummer, and every object that comes
back is checked again against that number before it is shown or changed: a register that
ignores a filter must still not show anyone someone else's task (R12). A register that
fails or is too slow gives a ``Storing``: the page says the list may be incomplete."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from klantbeeld.domain.services.identiteit import Identiteit
from klantbeeld.integrations.objecten.client import (
    REGISTER,
    ObjectenClient,
    ObjectenFout,
    ingesteld,
)
from klantbeeld.integrations.zgw.zaken import Storing

logger = logging.getLogger(__name__)

OPEN, AFGEROND = "open", "afgerond"


@dataclass(frozen=True)
class Klanttaak:
    uuid: str
    url: str
    titel: str
    status: str
    zaak: str = ""
    zaakidentificatie: str = ""
    formulierlink: str = ""
    prefill: dict[str, Any] = field(default_factory=dict)
    betaallink: str = ""
    documentlink: str = ""
    verloopdatum: str = ""

    @property
    def open(self) -> bool:
        return self.status == OPEN


@dataclass(frozen=True)
class Productaanvraag:
    uuid: str
    product: str
    datum: str
    kenmerk: str
    pdf: str = ""
    zaak: str = ""


@dataclass
class Overzicht:
    taken: list[Klanttaak] = field(default_factory=list)
    aanvragen: list[Productaanvraag] = field(default_factory=list)
    storingen: list[Storing] = field(default_factory=list)


def _eigen(identiteit: Identiteit) -> tuple[str, str] | None:
    """(type, nummer) by which the register knows this person or company."""
    if identiteit.bsn:
        return "bsn", identiteit.bsn
    if identiteit.kvk_nummer:
        return "kvk", identiteit.kvk_nummer
    return None


def _van(data: dict[str, Any], identiteit: Identiteit) -> bool:
    eigen = _eigen(identiteit)
    identificatie = data.get("identificatie")
    return (
        eigen is not None
        and isinstance(identificatie, dict)
        and (identificatie.get("type"), identificatie.get("value")) == eigen
    )


def open_klanttaken(identiteit: Identiteit, *, client: ObjectenClient | None = None) -> Overzicht:
    """The open klanttaken of ``identiteit``, those with a deadline first."""
    overzicht = Overzicht()
    eigen = _eigen(identiteit)
    if eigen is None:
        return overzicht
    if not ingesteld() or not settings.KLANTBEELD_OBJECTEN_KLANTTAAK_TYPE:
        overzicht.storingen.append(Storing(REGISTER, "er is geen objecttype voor taken ingesteld"))
        return overzicht
    soort, nummer = eigen
    expressions = [
        f"identificatie__type__exact__{soort}",
        f"identificatie__value__exact__{nummer}",
        f"status__exact__{OPEN}",
    ]
    try:
        with client or ObjectenClient() as objecten:
            gevonden = objecten.objecten(settings.KLANTBEELD_OBJECTEN_KLANTTAAK_TYPE, expressions)
    except ObjectenFout as fout:
        overzicht.storingen.append(Storing(REGISTER, fout.message))
        return overzicht
    for item in gevonden:
        taak = _klanttaak(item)
        if taak is not None and taak.open and _van(_data(item), identiteit):
            overzicht.taken.append(taak)
    overzicht.taken.sort(key=lambda t: (not t.verloopdatum, t.verloopdatum, t.titel))
    return overzicht


def klanttaak_van(
    identiteit: Identiteit, uuid: str, *, client: ObjectenClient | None = None
) -> tuple[Klanttaak, dict[str, Any]] | None:
    """The klanttaak ``uuid`` with the object it came from, when it is an open task of
    ``identiteit``; None for someone else's, a closed one, or none. Raises ObjectenFout
    when the register cannot tell."""
    if _eigen(identiteit) is None or not ingesteld():
        return None
    with client or ObjectenClient() as objecten:
        gevonden = objecten.object(uuid)
    if gevonden is None or gevonden.get("type") != settings.KLANTBEELD_OBJECTEN_KLANTTAAK_TYPE:
        return None
    taak = _klanttaak(gevonden)
    if taak is None or not taak.open or not _van(_data(gevonden), identiteit):
        return None
    return taak, gevonden


def rond_af(gevonden: dict[str, Any], *, client: ObjectenClient | None = None) -> None:
    """Mark the klanttaak done in the register."""
    with client or ObjectenClient() as objecten:
        objecten.werk_bij(gevonden, {"status": AFGEROND, "afgerondOp": timezone.now().isoformat()})


def productaanvragen(identiteit: Identiteit, *, client: ObjectenClient | None = None) -> Overzicht:
    """The productaanvragen of ``identiteit``, newest first."""
    overzicht = Overzicht()
    eigen = _eigen(identiteit)
    if eigen is None:
        return overzicht
    if not ingesteld() or not settings.KLANTBEELD_OBJECTEN_PRODUCTAANVRAAG_TYPE:
        overzicht.storingen.append(
            Storing(REGISTER, "er is geen objecttype voor productaanvragen ingesteld")
        )
        return overzicht
    soort, nummer = eigen
    try:
        with client or ObjectenClient() as objecten:
            gevonden = objecten.objecten(
                settings.KLANTBEELD_OBJECTEN_PRODUCTAANVRAAG_TYPE, [f"{soort}__exact__{nummer}"]
            )
    except ObjectenFout as fout:
        overzicht.storingen.append(Storing(REGISTER, fout.message))
        return overzicht
    for item in gevonden:
        data = _data(item)
        if _tekst(data.get(soort)) != nummer:
            continue  # never someone else's, whatever the register answered
        overzicht.aanvragen.append(
            Productaanvraag(
                uuid=_tekst(item.get("uuid")),
                product=_tekst(data.get("type")),
                datum=_tekst((item.get("record") or {}).get("startAt")),
                kenmerk=_tekst(data.get("submission_id")),
                pdf=_tekst(data.get("pdf_url")),
                zaak=_tekst(data.get("zaak")),
            )
        )
    overzicht.aanvragen.sort(key=lambda a: a.datum, reverse=True)
    return overzicht


def _data(item: dict[str, Any]) -> dict[str, Any]:
    record = item.get("record")
    data = record.get("data") if isinstance(record, dict) else None
    return data if isinstance(data, dict) else {}


def _klanttaak(item: dict[str, Any]) -> Klanttaak | None:
    data = _data(item)
    uuid = _tekst(item.get("uuid"))
    if not uuid or not _tekst(data.get("titel")):
        logger.warning("Klanttaak zonder uuid of titel overgeslagen: %s", item.get("url"))
        return None
    prefill = data.get("prefill")
    return Klanttaak(
        uuid=uuid,
        url=_tekst(item.get("url")),
        titel=_tekst(data.get("titel")),
        status=_tekst(data.get("status")),
        zaak=_tekst(data.get("zaak")),
        zaakidentificatie=_tekst(data.get("zaakidentificatie")),
        formulierlink=_link(data.get("formulierlink")),
        prefill=prefill if isinstance(prefill, dict) else {},
        betaallink=_link(data.get("betaallink")),
        documentlink=_link(data.get("documentlink")),
        verloopdatum=_tekst(data.get("verloopdatum")),
    )


def _tekst(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _link(value: Any) -> str:
    """Only web links are shown: a ``javascript:`` URL in a register must not become one."""
    tekst = _tekst(value)
    return tekst if tekst.startswith(("https://", "http://")) else ""
