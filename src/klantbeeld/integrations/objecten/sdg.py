"""The SDG product catalogue in the Objecten API as a source of the knowledge search:
each object of the kennisartikel objecttype (KLANTBEELD_KENNIS_SDG_TYPE) is a product as
the SDG invoervoorziening describes it (``upnLabel``, ``vertalingen`` per language with
``productTitelDecentraal``, ``specifiekeTekst``, ``procedureBeschrijving``, …); its Dutch
texts become one document (docs/kennisbank.md)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings

from klantbeeld.domain.models.kennis import Soort
from klantbeeld.domain.services.kennis_index import ExternDocument
from klantbeeld.integrations.objecten.client import ObjectenClient, ObjectenFout, ingesteld
from klantbeeld.integrations.website.tekst import hoofdtekst

logger = logging.getLogger(__name__)

# The texts of a product, in the order an agent reads them, with the heading shown.
TEKSTEN = (
    ("procedureBeschrijving", "Hoe werkt het"),
    ("vereisten", "Voorwaarden"),
    ("bewijs", "Wat heeft u nodig"),
    ("kostenEnBetaalmethoden", "Kosten"),
    ("uitersteTermijn", "Termijn"),
    ("wtdBijGeenReactie", "Geen reactie"),
    ("bezwaarEnBeroep", "Bezwaar en beroep"),
)
PAGINAS = 100  # of 100 objects: a catalogue has some hundreds of products


def ingesteld_sdg() -> bool:
    return ingesteld() and bool(settings.KLANTBEELD_KENNIS_SDG_TYPE)


def haal_op(*, client: ObjectenClient | None = None) -> list[ExternDocument]:
    """Every product of the catalogue; raises ObjectenFout when the register cannot be
    read (the index then keeps what it had)."""
    with client or ObjectenClient(deadline=settings.KLANTBEELD_KENNIS_SDG_DEADLINE) as objecten:
        gevonden = objecten.objecten(settings.KLANTBEELD_KENNIS_SDG_TYPE, [], max_pages=PAGINAS)
    documenten = []
    for item in gevonden:
        document = _document(item)
        if document is None:
            logger.warning("SDG-product zonder titel of uuid overgeslagen: %s", item.get("url"))
        else:
            documenten.append(document)
    return documenten


def _document(item: dict[str, Any]) -> ExternDocument | None:
    record = item.get("record")
    data = record.get("data") if isinstance(record, dict) else None
    if not isinstance(data, dict):
        return None
    vertaling = _nederlands(data.get("vertalingen"))
    upn = _tekst(data.get("upnLabel"))
    titel = _tekst(vertaling.get("productTitelDecentraal")) or upn
    sleutel = _tekst(item.get("uuid")) or _tekst(data.get("uuid"))
    if not titel or not sleutel:
        return None
    delen = []
    for veld, kop in TEKSTEN:
        tekst = _platte_tekst(vertaling.get(veld))
        if tekst:
            delen.append(f"{kop}\n{tekst}")
    link = _tekst(vertaling.get("decentraleProcedureLink"))
    return ExternDocument(
        sleutel=f"sdg:{sleutel}",
        soort=Soort.PRODUCT,
        titel=titel,
        samenvatting=_platte_tekst(vertaling.get("specifiekeTekst")),
        tekst="\n\n".join(delen),
        trefwoorden=upn,
        url=link if link.startswith(("https://", "http://")) else "",
    )


def _nederlands(vertalingen: Any) -> dict[str, Any]:
    if not isinstance(vertalingen, list):
        return {}
    items = [v for v in vertalingen if isinstance(v, dict)]
    return next((v for v in items if v.get("taal") == "nl"), items[0] if items else {})


def _tekst(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _platte_tekst(value: Any) -> str:
    """The catalogue's texts are HTML: their words, without the markup."""
    tekst = _tekst(value)
    return hoofdtekst(f"<body>{tekst}</body>").tekst if "<" in tekst else tekst


__all__ = ["ObjectenFout", "haal_op", "ingesteld_sdg"]
