"""Fixtures of the intake API's tests: applications with the intake scopes, the KCC team
as the configured default, the ZGW stand-in as document register, and requests as a scan
street or a website's backend sends them (multipart/form-data, checked against the served
document like every other API's answers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import orjson
import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.domain.models import Actor
from klantbeeld.domain.services.verzenden import Bericht
from standins.zgw import LocalZgw
from tests.integrations.conftest import zgw  # noqa: F401
from tests.support.client import ApiClient, ApiResponse
from tests.support.kanalen import testkanalen, zonder_kanalen

INTAKE = "/intake/api/v1"
PDF = b"%PDF-1.4\n% scan van een brief\n" + bytes(range(256)) * 8


class IntakeClient(ApiClient):
    """An application of the intake API: multipart forms with a JSON part and files."""

    def form(
        self,
        path: str,
        deel: str,
        gegevens: dict[str, Any] | None,
        bestanden: dict[str, list[tuple[str, bytes]]] | None = None,
        **kw: Any,
    ) -> ApiResponse:
        velden: dict[str, Any] = {}
        if gegevens is not None:
            velden[deel] = orjson.dumps(gegevens).decode()
        for naam, inhoud in (bestanden or {}).items():
            velden[naam] = [SimpleUploadedFile(bestandsnaam, data) for bestandsnaam, data in inhoud]
        body = encode_multipart(BOUNDARY, velden)
        return self.request("POST", path, raw=body, content_type=MULTIPART_CONTENT, **kw)


@pytest.fixture
def applicatie(db: None) -> Callable[..., IntakeClient]:
    """An application with ``scopes``, called as it would call."""

    def maak(naam: str, *scopes: str) -> IntakeClient:
        model = ApiClientModel(naam=naam, client_id=naam.lower().replace(" ", "-"))
        model.scopes = list(scopes)
        token = model.new_token()
        model.save()
        return IntakeClient(INTAKE, f"Token {token}")

    return maak


@pytest.fixture
def kcc(db: None, settings: Any) -> Actor:
    """The KCC team, the default for what the sources do not assign (C4374)."""
    settings.KLANTBEELD_INTAKE_TEAM = "KCC"
    return Actor.objects.create(
        naam="KCC", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )


@pytest.fixture
def register(zgw: LocalZgw, settings: Any) -> LocalZgw:  # noqa: F811
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
        "url"
    ]
    return zgw


@pytest.fixture(autouse=True)
def _geen_tellingen_van_eerder(settings: Any) -> None:
    """Rate limits count in the cache: each test starts with none, and forms may be sent
    as soon as their token is issued (the minimum has a test of its own)."""
    cache.clear()
    settings.KLANTBEELD_INTAKE_TOKEN_MIN_SECONDEN = 0


@pytest.fixture
def email() -> Iterator[list[Bericht]]:
    """The ``e-mail`` channel kept by the test: what it composed."""
    with testkanalen("e-mail") as kanaal:
        yield kanaal.opgesteld


@pytest.fixture
def geen_email() -> Iterator[None]:
    """Klantbeeld without an e-mail channel."""
    with zonder_kanalen(["e-mail"]):
        yield


def token(api: IntakeClient) -> str:
    response = api.get("contactformulieren/token")
    assert response.status_code == 200, response
    waarde: str = response.json()["token"]
    return waarde
