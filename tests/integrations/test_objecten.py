"""Klanttaken and productaanvragen from the Objecten API (the local stand-in over real
HTTP): only the user's own, marked done with a PATCH, and a partial answer when the
register fails."""

from __future__ import annotations

from typing import Any

import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer
from klantbeeld.domain.services.identiteit import Identiteit
from klantbeeld.integrations.objecten.klanttaken import (
    klanttaak_van,
    open_klanttaken,
    productaanvragen,
    rond_af,
)
from standins.objecten import LocalObjecten
from tests.support.objecten import klanttaak, productaanvraag

JAN, ANNA = Identiteit(bsn=bsn(101)), Identiteit(bsn=bsn(102))
BAKKERIJ = Identiteit(kvk_nummer=kvk_nummer(201))


def test_open_klanttaken_are_the_users_own(objecten: LocalObjecten) -> None:
    mijn = objecten.add(
        "klanttaak",
        klanttaak(
            JAN.bsn,
            formulierlink="https://formulieren.example.nl/huurcontract",
            betaallink="https://betalen.example.nl/leges",
            documentlink="javascript:alert(1)",
            zaakidentificatie="ZAAK-2026-0001",
            prefill={"kenteken": "AB-123-C"},
        ),
    )
    objecten.add("klanttaak", klanttaak(ANNA.bsn, titel="Van Anna"))
    objecten.add("klanttaak", klanttaak(JAN.bsn, titel="Al gedaan", status="afgerond"))
    objecten.add("klanttaak", klanttaak(kvk=BAKKERIJ.kvk_nummer, titel="Van de bakkerij"))

    overzicht = open_klanttaken(JAN)

    assert overzicht.storingen == []
    assert [t.uuid for t in overzicht.taken] == [mijn["uuid"]]
    taak = overzicht.taken[0]
    assert taak.formulierlink == "https://formulieren.example.nl/huurcontract"
    assert taak.betaallink == "https://betalen.example.nl/leges"
    assert taak.documentlink == ""  # only web links are shown
    assert taak.prefill == {"kenteken": "AB-123-C"}
    assert taak.zaakidentificatie == "ZAAK-2026-0001"
    assert [t.titel for t in open_klanttaken(BAKKERIJ).taken] == ["Van de bakkerij"]


def test_a_register_that_ignores_the_filter_still_shows_no_one_elses(
    objecten: LocalObjecten, monkeypatch: Any
) -> None:
    objecten.add("klanttaak", klanttaak(ANNA.bsn, titel="Van Anna"))
    objecten.add("productaanvraag", productaanvraag(ANNA.bsn))
    # A register that answers every list with everything it has.
    monkeypatch.setattr("standins.objecten._matches", lambda *args: True)
    assert open_klanttaken(JAN).taken == []
    assert productaanvragen(JAN).aanvragen == []


def test_klanttaak_van_refuses_someone_elses(objecten: LocalObjecten) -> None:
    van_anna = objecten.add("klanttaak", klanttaak(ANNA.bsn))
    gedaan = objecten.add("klanttaak", klanttaak(JAN.bsn, status="afgerond"))
    assert klanttaak_van(JAN, van_anna["uuid"]) is None
    assert klanttaak_van(JAN, gedaan["uuid"]) is None
    assert klanttaak_van(JAN, "00000000-0000-4000-8000-000000000000") is None
    gevonden = klanttaak_van(ANNA, van_anna["uuid"])
    assert gevonden is not None and gevonden[0].uuid == van_anna["uuid"]


def test_rond_af_marks_the_object_done(objecten: LocalObjecten) -> None:
    taak = objecten.add("klanttaak", klanttaak(JAN.bsn, prefill={"a": "b"}))
    gevonden = klanttaak_van(JAN, taak["uuid"])
    assert gevonden is not None
    rond_af(gevonden[1])
    data = objecten.data(taak["uuid"])
    assert data["status"] == "afgerond"
    assert data["afgerondOp"]
    assert data["prefill"] == {"a": "b"}
    assert open_klanttaken(JAN).taken == []
    assert ("PATCH", f"/api/v2/objects/{taak['uuid']}") in objecten.requests


def test_productaanvragen_newest_first(objecten: LocalObjecten) -> None:
    objecten.add("productaanvraag", productaanvraag(JAN.bsn, "Parkeervergunning"))
    objecten.add("productaanvraag", productaanvraag(ANNA.bsn, "Hondenbelasting"))
    overzicht = productaanvragen(JAN)
    assert overzicht.storingen == []
    assert [(a.product, a.pdf) for a in overzicht.aanvragen] == [
        ("Parkeervergunning", "https://formulieren.example.nl/pdf/parkeervergunning.pdf")
    ]


@pytest.mark.parametrize("status", [500, 503])
def test_a_failing_register_gives_a_storing(objecten: LocalObjecten, status: int) -> None:
    objecten.add("klanttaak", klanttaak(JAN.bsn))
    objecten.failing = status
    overzicht = open_klanttaken(JAN)
    assert overzicht.taken == []
    assert [s.melding for s in overzicht.storingen] == [f"antwoordde met HTTP {status}"]
    assert productaanvragen(JAN).storingen


def test_a_slow_register_is_not_waited_for(objecten: LocalObjecten, settings: Any) -> None:
    settings.KLANTBEELD_OBJECTEN_DEADLINE = 0.3
    objecten.delay = 1.5
    overzicht = open_klanttaken(JAN)
    assert [s.melding for s in overzicht.storingen] == ["gaf geen antwoord binnen 0,3 s"]


def test_a_wrong_token_is_named(objecten: LocalObjecten, settings: Any) -> None:
    settings.KLANTBEELD_OBJECTEN_TOKEN = "fout"
    [storing] = open_klanttaken(JAN).storingen
    assert "HTTP 401" in storing.melding and "token" in storing.melding


def test_not_configured(settings: Any) -> None:
    settings.KLANTBEELD_OBJECTEN_API_ROOT = ""
    assert open_klanttaken(JAN).storingen
    assert klanttaak_van(JAN, "00000000-0000-4000-8000-000000000000") is None
