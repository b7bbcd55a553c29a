"""What both Contactgegevens collections share: pagination, cost per page, access."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.domain.services.contactgegevens import create_organisatie, create_persoon
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db


def _persoon(n: int) -> None:
    create_persoon(
        {
            "geboortedatum": f"19{50 + n}-01-01",
            "geslachtsnaam": f"Persoon {n}",
            "adres_postcode": "1234 AB",
        },
        SYSTEM,
    )


def _organisatie(n: int) -> None:
    create_organisatie({"handelsnaam": f"Organisatie {n}", "adres_land": "NL"}, SYSTEM)


COLLECTIONS = [("persoon", _persoon), ("organisatie", _organisatie)]


@pytest.mark.parametrize(("collection", "make"), COLLECTIONS)
def test_pagination(cg, collection, make):
    for n in range(5):
        make(n)
    first = cg.get(collection, {"pageSize": 2}).json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert first["next"].endswith(f"/contactgegevens/api/v1/{collection}?page=2&pageSize=2")
    second = cg.get(first["next"]).json()
    third = cg.get(second["next"]).json()
    assert third["next"] is None
    assert third["previous"] == first["next"]
    pages = [first, second, third]
    assert [len(page["results"]) for page in pages] == [2, 2, 1]
    seen = {item["uuid"] for page in pages for item in page["results"]}
    assert len(seen) == 5
    assert cg.get(collection, {"page": 4, "pageSize": 2}).status_code == 404


@pytest.mark.parametrize(("collection", "make"), COLLECTIONS)
def test_an_empty_list(cg, collection, make):
    assert cg.get(collection).json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }


@pytest.mark.parametrize(("collection", "make"), COLLECTIONS)
def test_a_page_costs_the_same_queries_whatever_its_size(
    cg, django_assert_num_queries, collection, make
):
    for n in range(6):
        make(n)
    with CaptureQueriesContext(connection) as one:
        assert len(cg.get(collection, {"pageSize": 1}).json()["results"]) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(cg.get(collection, {"pageSize": 6}).json()["results"]) == 6


@pytest.fixture
def klantinteracties_only(db: None) -> ApiClient:
    client = ApiClientModel(
        naam="Alleen KI",
        client_id="alleen-ki",
        scopes=["klantinteracties.lezen", "klantinteracties.schrijven"],
    )
    token = client.new_token()
    client.save()
    return ApiClient("/contactgegevens/api/v1", f"Token {token}")


@pytest.mark.parametrize("collection", ["persoon", "organisatie"])
def test_a_client_without_contactgegevens_scopes_is_refused(klantinteracties_only, collection):
    for method, path in [
        ("GET", collection),
        ("POST", collection),
        ("GET", f"{collection}/8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"),
        ("PATCH", f"{collection}/8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"),
        ("DELETE", f"{collection}/8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"),
    ]:
        response = klantinteracties_only.request(method, path, json={} if method != "GET" else None)
        assert response.status_code == 403, (method, path, response)
        assert response.json()["code"] == "permission_denied"


@pytest.mark.parametrize("collection", ["persoon", "organisatie"])
def test_no_credentials_is_a_401(collection):
    anonymous = ApiClient("/contactgegevens/api/v1", None)
    assert anonymous.get(collection).status_code == 401


def test_the_api_version_header_is_1_1_1(cg):
    assert cg.get("persoon").headers["API-version"] == "1.1.1"
