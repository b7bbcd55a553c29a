"""A local ZGW register (standins/zgw.py) on loopback, configured as Klantbeeld's
Zaken, Documenten, Besluiten and Catalogi API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.core.cache import cache

from klantbeeld.events.worker import deliver_next
from klantbeeld.integrations.models import Soort, ZgwService
from standins.zgw import LocalZgw, local_zgw
from tests.support.basisregistraties import brp, kvk  # noqa: F401
from tests.support.objecten import afspraken, objecten  # noqa: F401

SECRET = "klantbeeld-geheim-voor-open-zaak-32-tekens"
RSIN = "002220647"


def configure(register: LocalZgw, naam: str = "Open Zaak", **fields: Any) -> list[ZgwService]:
    roots = {
        Soort.ZAKEN: register.zaken_root,
        Soort.DOCUMENTEN: register.documenten_root,
        Soort.BESLUITEN: register.besluiten_root,
        Soort.CATALOGI: register.catalogi_root,
    }
    return [
        ZgwService.objects.create(
            naam=f"{naam} {soort}",
            soort=soort,
            api_root=root,
            client_id="klantbeeld",
            secret=SECRET,
            **fields,
        )
        for soort, root in roots.items()
    ]


@pytest.fixture
def zgw(db: None, settings: Any) -> Iterator[LocalZgw]:
    settings.KLANTBEELD_ORGANISATIE_RSIN = RSIN
    cache.clear()  # catalogi answers remembered from another test's register
    with local_zgw({"klantbeeld": SECRET}) as register:
        configure(register)
        yield register
        assert register.violations == []


def drain() -> None:
    """Let the worker send everything in the outbox."""
    with httpx.Client(timeout=5) as client:
        while deliver_next(client):
            pass
