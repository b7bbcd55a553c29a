"""Registers that answer in unexpected ways: the overview still comes, says what is
missing, and is never changed after it was returned."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx
import pytest

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Partij
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.client import MAX_PAGES, ZgwClient
from klantbeeld.integrations.zgw.zaken import zaken_van_partij
from standins.zgw import LocalZgw
from tests.cases.helpers import persoon

pytestmark = pytest.mark.django_db

SECRET = "nep-geheim-voor-de-nep-register-32-tekens"
ROOT = "https://oz.example.nl/zaken/api/v1/"
CATALOGI = "https://oz.example.nl/catalogi/api/v1/"
ZAAKTYPE = f"{CATALOGI}zaaktypen/00000000-0000-0000-0000-000000000001"


def client(handler: Callable[[httpx.Request], httpx.Response]) -> ZgwClient:
    services = [
        ZgwService(
            naam="Nep zaken", soort=Soort.ZAKEN, api_root=ROOT, client_id="k", secret=SECRET
        ),
        ZgwService(
            naam="Nep catalogi",
            soort=Soort.CATALOGI,
            api_root=CATALOGI,
            client_id="k",
            secret=SECRET,
        ),
    ]
    return ZgwClient(services, http=httpx.Client(transport=httpx.MockTransport(handler)))


def zaak(n: int, **fields: object) -> dict:
    return {
        "url": f"{ROOT}zaken/00000000-0000-0000-0000-{n:012d}",
        "identificatie": f"ZAAK-{n}",
        "zaaktype": ZAAKTYPE,
        "startdatum": "2026-10-01",
        "vertrouwelijkheidaanduiding": "openbaar",
        "_expand": {"zaaktype": {"omschrijving": "Melding"}},
        **fields,
    }


def page(results: list, next_url: str | None = None) -> dict:
    return {"count": len(results), "next": next_url, "previous": None, "results": results}


@pytest.fixture
def jan(ki) -> Partij:
    return Partij.objects.get(uuid=persoon(ki, 1, "Jan", "Jansen")["uuid"])


def test_a_list_that_is_not_a_list_is_reported_not_raised(jan):
    overzicht = zaken_van_partij(
        jan,
        max_vertrouwelijkheid="openbaar",
        client=client(lambda request: httpx.Response(200, json={"detail": "proxy"})),
    )
    assert overzicht.zaken == []
    assert [s.melding for s in overzicht.storingen] == [
        f"antwoordde op {ROOT}zaken niet met een lijst"
    ]


def test_odd_zaken_are_shown_as_far_as_they_can_be(jan):
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json=page(
                [
                    zaak(1, startdatum="2026-01-01T00:00:00", zaaktype=None, _expand=None),
                    {"identificatie": "zonder url"},
                    zaak(2, startdatum=None),
                ]
            ),
        )

    overzicht = zaken_van_partij(
        jan, max_vertrouwelijkheid="openbaar", met_details=False, client=client(handler)
    )
    assert [z.identificatie for z in overzicht.zaken] == ["ZAAK-1", "ZAAK-2"]
    meldingen = [s.melding for s in overzicht.storingen]
    assert meldingen == ["een zaak zonder url overgeslagen"]
    assert overzicht.zaken[0].storingen  # its zaaktype could not be read
    assert overzicht.zaken[1].zaaktype == "Melding"


def test_klantbeeld_filters_confidential_zaken_itself(jan):
    """Also when a register ignores maximaleVertrouwelijkheidaanduiding."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200,
            json=page(
                [
                    zaak(1),
                    zaak(2, vertrouwelijkheidaanduiding="geheim"),
                    zaak(3, vertrouwelijkheidaanduiding=None),
                ]
            ),
        )

    overzicht = zaken_van_partij(
        jan, max_vertrouwelijkheid="vertrouwelijk", met_details=False, client=client(handler)
    )
    assert [z.identificatie for z in overzicht.zaken] == ["ZAAK-1"]


def test_a_list_cut_short_says_so(jan):
    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        return httpx.Response(
            200,
            json=page(
                [zaak(number * 1000 + i) for i in range(100)],
                f"{ROOT}zaken?page={number + 1}",
            ),
        )

    overzicht = zaken_van_partij(
        jan, max_vertrouwelijkheid="openbaar", met_details=False, client=client(handler)
    )
    assert len(overzicht.zaken) == MAX_PAGES * 100
    assert not overzicht.volledig
    assert [s.melding for s in overzicht.storingen] == [
        f"meer dan {MAX_PAGES * 100} zaken: alleen de eerste worden getoond"
    ]


def test_late_answers_do_not_change_the_overview_after_it_was_returned(jan, settings):
    settings.KLANTBEELD_ZGW_DEADLINE = 0.5
    released = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/zaken"):
            return httpx.Response(200, json=page([zaak(1)]))
        if request.url.path.endswith("/statussen"):
            released.wait(5)
            return httpx.Response(200, json=page([]))
        return httpx.Response(200, json=[])

    overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar", client=client(handler))
    [late] = overzicht.zaken
    assert [s.melding for s in late.storingen] == [
        "gegevens van ZAAK-1: gaf geen antwoord binnen 0,5 s"
    ]
    before = repr(late)
    released.set()
    time.sleep(0.3)
    assert repr(late) == before


def test_a_document_above_the_registers_clearance_is_left_out_quietly(zgw: LocalZgw, ki):
    """Open Zaak answers 403 for a document above the applicatie's clearance: that document
    is not shown, the others are, and nothing is reported as broken."""
    jan = Partij.objects.get(uuid=persoon(ki, 1, "Jan", "Jansen")["uuid"])
    vergunning = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))
    zgw.add_document(vergunning, "Aanvraagformulier")
    zgw.add_document(vergunning, "Medische verklaring", vertrouwelijkheid="vertrouwelijk")
    zgw.clearance = "zaakvertrouwelijk"
    overzicht = zaken_van_partij(jan, max_vertrouwelijkheid="geheim")
    assert overzicht.volledig, overzicht.storingen
    assert [d.titel for d in overzicht.zaken[0].documenten] == ["Aanvraagformulier"]


def test_one_failing_besluiten_api_does_not_hide_the_others(zgw: LocalZgw, ki):
    jan = Partij.objects.get(uuid=persoon(ki, 1, "Jan", "Jansen")["uuid"])
    vergunning = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))
    zgw.add_besluit(vergunning, toelichting="Verleend")
    ZgwService.objects.create(
        naam="Oude besluiten",
        soort=Soort.BESLUITEN,
        api_root="http://127.0.0.1:9/besluiten/api/v1/",
        client_id="klantbeeld",
        secret="geheim-van-het-oude-register-32-tekens",
    )
    [zaak_] = zaken_van_partij(jan, max_vertrouwelijkheid="openbaar").zaken
    assert [b.toelichting for b in zaak_.besluiten] == ["Verleend"]
    assert [s.register for s in zaak_.storingen] == ["Oude besluiten"]
