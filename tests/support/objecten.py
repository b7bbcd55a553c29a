"""The local Objecten API (standins/objecten.py) and appointment system
(standins/afspraken.py), configured as Klantbeeld's, and the demo objects the tests use."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest

from standins.afspraken import LocalAfspraken, local_afspraken
from standins.objecten import ALLE, LocalObjecten, local_objecten

TOKEN = "klantbeeld-token-voor-de-objecten-api-40"
SLEUTEL = "klantbeeld-sleutel-voor-qmatic"


@pytest.fixture
def objecten(settings: Any) -> Iterator[LocalObjecten]:
    with local_objecten({TOKEN: ALLE}) as register:
        settings.KLANTBEELD_OBJECTEN_API_ROOT = register.api_root
        settings.KLANTBEELD_OBJECTEN_TOKEN = TOKEN
        settings.KLANTBEELD_OBJECTEN_KLANTTAAK_TYPE = register.objecttype_url("klanttaak")
        settings.KLANTBEELD_OBJECTEN_PRODUCTAANVRAAG_TYPE = register.objecttype_url(
            "productaanvraag"
        )
        settings.KLANTBEELD_OBJECTEN_DEADLINE = 3
        yield register
        assert register.violations == []


@pytest.fixture
def afspraken(settings: Any) -> Iterator[LocalAfspraken]:
    with local_afspraken(SLEUTEL) as systeem:
        settings.KLANTBEELD_AFSPRAKEN_API_ROOT = f"{systeem.url}/"
        settings.KLANTBEELD_AFSPRAKEN_API_KEY = SLEUTEL
        settings.KLANTBEELD_AFSPRAKEN_BEHEER_URL = "https://afspraken.example.nl/beheer/"
        settings.KLANTBEELD_AFSPRAKEN_DEADLINE = 3
        yield systeem
        assert systeem.violations == []


def klanttaak(bsn: str = "", kvk: str = "", **velden: Any) -> dict[str, Any]:
    soort, nummer = ("bsn", bsn) if bsn else ("kvk", kvk)
    return {
        "titel": "Stuur een kopie van uw huurcontract",
        "status": "open",
        "identificatie": {"type": soort, "value": nummer},
        **velden,
    }


def productaanvraag(bsn: str, product: str = "Parkeervergunning", **velden: Any) -> dict[str, Any]:
    return {
        "type": product,
        "data": {"kenteken": "AB-123-C"},
        "bsn": bsn,
        "submission_id": f"aanvraag-{product.lower()}",
        "language_code": "nl",
        "pdf_url": f"https://formulieren.example.nl/pdf/{product.lower()}.pdf",
        **velden,
    }


def over_een_week(uur: int = 10) -> datetime.datetime:
    dag = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=7)
    return dag.replace(hour=uur, minute=0, second=0, microsecond=0)
