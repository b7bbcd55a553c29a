"""The local Objecten API behaves as Open Object does, and holds to its document."""

from __future__ import annotations

import httpx
import pytest

from klantbeeld.demo.numbers import bsn
from standins.objecten import ALLE, READ_ONLY, LocalObjecten, local_objecten
from tests.support.objecten import klanttaak

TOKEN = "een-token"
CRS = {"Content-Crs": "EPSG:4326"}


@pytest.fixture
def register() -> LocalObjecten:
    with local_objecten({TOKEN: ALLE, "alleen-lezen": {"klanttaak": READ_ONLY}}) as r:
        yield r


def api(token: str = TOKEN) -> httpx.Client:
    return httpx.Client(headers={"Authorization": f"Token {token}"}, timeout=5)


def test_without_or_with_an_unknown_token_is_401(register: LocalObjecten) -> None:
    assert httpx.get(f"{register.api_root}objects").status_code == 401
    assert api("onbekend").get(f"{register.api_root}objects").status_code == 401


def test_filters_by_type_and_data_attr(register: LocalObjecten) -> None:
    mijn = register.add("klanttaak", klanttaak(bsn(1)))
    register.add("klanttaak", klanttaak(bsn(2)))
    register.add("klanttaak", klanttaak(bsn(1), status="afgerond"))
    antwoord = api().get(
        f"{register.api_root}objects",
        params=[
            ("type", register.objecttype_url("klanttaak")),
            ("data_attr", f"identificatie__value__exact__{bsn(1)}"),
            ("data_attr", "status__exact__open"),
        ],
    )
    assert antwoord.status_code == 200
    assert antwoord.headers["Content-Crs"] == "EPSG:4326"
    assert [o["uuid"] for o in antwoord.json()["results"]] == [mijn["uuid"]]
    oud = api().get(f"{register.api_root}objects", params={"data_attrs": "status__exact__open"})
    assert oud.json()["count"] == 2
    assert register.violations == []


def test_a_malformed_filter_or_unknown_type_is_400(register: LocalObjecten) -> None:
    slecht = api().get(f"{register.api_root}objects", params={"data_attr": "status__zo__open"})
    assert slecht.status_code == 400
    assert slecht.json()["invalidParams"][0]["code"] == "invalid-data-attr-query"
    onbekend = api().get(
        f"{register.api_root}objects", params={"type": "https://elders.example.nl/ot/1"}
    )
    assert onbekend.status_code == 400


def test_patch_merges_data_into_a_new_record(register: LocalObjecten) -> None:
    taak = register.add("klanttaak", klanttaak(bsn(1), prefill={"a": 1, "b": 2}))
    antwoord = api().patch(
        f"{register.api_root}objects/{taak['uuid']}",
        json={
            "record": {"typeVersion": 1, "startAt": "2026-12-07", "data": {"status": "afgerond"}}
        },
        headers=CRS,
    )
    assert antwoord.status_code == 200, antwoord.text
    record = antwoord.json()["record"]
    assert record["index"] == 2
    assert record["data"]["status"] == "afgerond"
    assert record["data"]["prefill"] == {"a": 1, "b": 2}
    assert register.violations == []


def test_patch_needs_a_crs_the_schema_and_the_document(register: LocalObjecten) -> None:
    taak = register.add("klanttaak", klanttaak(bsn(1)))
    url = f"{register.api_root}objects/{taak['uuid']}"
    record = {"typeVersion": 1, "startAt": "2026-12-07"}
    assert api().patch(url, json={"record": record}).status_code == 412
    fout = api().patch(url, json={"record": {**record, "data": {"status": "klaar"}}}, headers=CRS)
    assert fout.status_code == 400
    assert fout.json()["code"] == "invalid-json-schema"
    # The document makes startAt and typeVersion required in a record, also in a PATCH.
    assert api().patch(url, json={"record": {"data": {}}}, headers=CRS).status_code == 400
    assert register.violations
    assert register.data(taak["uuid"])["status"] == "open"


def test_permissions_per_objecttype(register: LocalObjecten) -> None:
    taak = register.add("klanttaak", klanttaak(bsn(1)))
    register.add("productaanvraag", {"type": "x", "data": {}, "submission_id": "1"})
    lezer = api("alleen-lezen")
    assert lezer.get(f"{register.api_root}objects").json()["count"] == 1
    antwoord = lezer.patch(
        f"{register.api_root}objects/{taak['uuid']}",
        json={"record": {"typeVersion": 1, "startAt": "2026-12-07", "data": {}}},
        headers=CRS,
    )
    assert antwoord.status_code == 403


def test_unknown_object_is_404_and_objecttype_is_served(register: LocalObjecten) -> None:
    onbekend = "00000000-0000-4000-8000-000000000000"
    assert api().get(f"{register.api_root}objects/{onbekend}").status_code == 404
    soort = api().get(register.objecttype_url("klanttaak"))
    assert soort.status_code == 200
    assert soort.json()["name"] == "klanttaak"
    assert register.violations == []
