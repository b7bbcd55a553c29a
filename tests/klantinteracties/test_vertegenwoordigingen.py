"""/vertegenwoordigingen: one partij acting for another."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klantbeeld.domain.models import AuditTrail, Vertegenwoordigden
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

UNKNOWN = "8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"


def persoon(ki, voornaam: str) -> dict:
    response = ki.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"voornaam": voornaam}},
        },
    )
    assert response.status_code == 201, response
    return response.json()


@pytest.fixture
def partijen(ki) -> dict[str, dict]:
    return {name: persoon(ki, name) for name in ("ouder", "kind", "curator")}


def body(vertegenwoordigende: dict, vertegenwoordigde: dict) -> dict:
    return {
        "vertegenwoordigendePartij": {"uuid": vertegenwoordigende["uuid"]},
        "vertegenwoordigdePartij": {"uuid": vertegenwoordigde["uuid"]},
    }


def create(ki, vertegenwoordigende: dict, vertegenwoordigde: dict) -> dict:
    response = ki.post("vertegenwoordigingen", body(vertegenwoordigende, vertegenwoordigde))
    assert response.status_code == 201, response
    return response.json()


def test_create_and_read(ki, partijen):
    created = create(ki, partijen["ouder"], partijen["kind"])
    assert created["url"].endswith(
        f"/klantinteracties/api/v1/vertegenwoordigingen/{created['uuid']}"
    )
    assert created["vertegenwoordigendePartij"] == {
        "uuid": partijen["ouder"]["uuid"],
        "url": partijen["ouder"]["url"],
    }
    assert created["vertegenwoordigdePartij"]["uuid"] == partijen["kind"]["uuid"]
    assert ki.get(f"vertegenwoordigingen/{created['uuid']}").json() == created
    assert ki.get("vertegenwoordigingen").json()["results"] == [created]


def test_both_partijen_are_required(ki):
    response = ki.post("vertegenwoordigingen", {})
    assert invalid_names(response) == {"vertegenwoordigendePartij", "vertegenwoordigdePartij"}


def test_both_partijen_must_exist(ki):
    response = ki.post(
        "vertegenwoordigingen",
        {
            "vertegenwoordigendePartij": {"uuid": UNKNOWN},
            "vertegenwoordigdePartij": {"uuid": UNKNOWN},
        },
    )
    assert invalid_names(response) == {
        "vertegenwoordigendePartij.uuid",
        "vertegenwoordigdePartij.uuid",
    }


def test_a_partij_cannot_represent_itself(ki, partijen):
    response = ki.post("vertegenwoordigingen", body(partijen["ouder"], partijen["ouder"]))
    assert invalid_names(response) == {"vertegenwoordigdePartij"}
    assert not Vertegenwoordigden.objects.exists()


def test_a_patch_cannot_make_a_partij_represent_itself(ki, partijen):
    """The side that is not sent is taken from the stored vertegenwoordiging."""
    created = create(ki, partijen["ouder"], partijen["kind"])
    path = f"vertegenwoordigingen/{created['uuid']}"
    response = ki.patch(path, {"vertegenwoordigdePartij": {"uuid": partijen["ouder"]["uuid"]}})
    assert invalid_names(response) == {"vertegenwoordigdePartij"}
    response = ki.patch(path, {"vertegenwoordigendePartij": {"uuid": partijen["kind"]["uuid"]}})
    assert invalid_names(response) == {"vertegenwoordigdePartij"}
    assert ki.get(path).json() == created


def test_a_pair_is_recorded_once(ki, partijen):
    create(ki, partijen["ouder"], partijen["kind"])
    response = ki.post("vertegenwoordigingen", body(partijen["ouder"], partijen["kind"]))
    assert invalid_names(response) == {"nonFieldErrors"}
    assert response.json()["invalidParams"][0]["code"] == "unique"
    # the other way round is another vertegenwoordiging
    create(ki, partijen["kind"], partijen["ouder"])


def test_a_patch_cannot_make_a_pair_that_exists(ki, partijen):
    create(ki, partijen["ouder"], partijen["kind"])
    other = create(ki, partijen["curator"], partijen["kind"])
    response = ki.patch(
        f"vertegenwoordigingen/{other['uuid']}",
        {"vertegenwoordigendePartij": {"uuid": partijen["ouder"]["uuid"]}},
    )
    assert invalid_names(response) == {"nonFieldErrors"}


def test_put_replaces_both_sides_and_may_keep_the_same_pair(ki, partijen):
    created = create(ki, partijen["ouder"], partijen["kind"])
    path = f"vertegenwoordigingen/{created['uuid']}"
    assert ki.put(path, body(partijen["ouder"], partijen["kind"])).status_code == 200
    response = ki.put(path, body(partijen["curator"], partijen["kind"]))
    assert response.status_code == 200, response
    assert response.json()["vertegenwoordigendePartij"]["uuid"] == partijen["curator"]["uuid"]
    only_one = ki.put(path, {"vertegenwoordigdePartij": {"uuid": partijen["kind"]["uuid"]}})
    assert invalid_names(only_one) == {"vertegenwoordigendePartij"}


def test_patch_refuses_null(ki, partijen):
    created = create(ki, partijen["ouder"], partijen["kind"])
    response = ki.patch(
        f"vertegenwoordigingen/{created['uuid']}", {"vertegenwoordigdePartij": None}
    )
    assert invalid_names(response) == {"vertegenwoordigdePartij"}
    assert ki.get(f"vertegenwoordigingen/{created['uuid']}").json() == created


def test_delete(ki, partijen):
    created = create(ki, partijen["ouder"], partijen["kind"])
    assert ki.delete(f"vertegenwoordigingen/{created['uuid']}").status_code == 204
    assert ki.get(f"vertegenwoordigingen/{created['uuid']}").status_code == 404
    acties = AuditTrail.objects.filter(resource_uuid=created["uuid"]).values_list(
        "actie", flat=True
    )
    assert sorted(acties) == ["create", "destroy"]


def test_unknown_uuid_is_a_404_for_every_operation(ki, partijen):
    path = f"vertegenwoordigingen/{UNKNOWN}"
    assert ki.get(path).status_code == 404
    assert ki.put(path, body(partijen["ouder"], partijen["kind"])).status_code == 404
    assert ki.patch(path, {}).status_code == 404
    assert ki.delete(path).status_code == 404


# -- filters -------------------------------------------------------------------------------------


def uuids(response) -> set[str]:
    assert response.status_code == 200, response
    return {item["uuid"] for item in response.json()["results"]}


def test_filters(ki, partijen):
    ouder_kind = create(ki, partijen["ouder"], partijen["kind"])["uuid"]
    curator_ouder = create(ki, partijen["curator"], partijen["ouder"])["uuid"]
    ouder, kind, curator = partijen["ouder"], partijen["kind"], partijen["curator"]
    cases = [
        ({"vertegenwoordigendePartij__uuid": ouder["uuid"]}, {ouder_kind}),
        ({"vertegenwoordigendePartij__uuid": kind["uuid"]}, set()),
        ({"vertegenwoordigendePartij__url": curator["url"]}, {curator_ouder}),
        ({"vertegenwoordigendePartij__url": kind["url"]}, set()),
        ({"vertegenwoordigdePartij__uuid": ouder["uuid"]}, {curator_ouder}),
        ({"vertegenwoordigdePartij__uuid": curator["uuid"]}, set()),
        ({"vertegenwoordigdePartij__url": kind["url"]}, {ouder_kind}),
        ({"vertegenwoordigdePartij__url": "https://elders.example/partijen/x"}, set()),
        ({"vertegenwoordigdePartij__url": f"{curator['url']}/"}, set()),
        ({"vertegenwoordigdePartij__url": f"{kind['url']}/"}, {ouder_kind}),
        (
            {
                "vertegenwoordigendePartij__uuid": ouder["uuid"],
                "vertegenwoordigdePartij__uuid": kind["uuid"],
            },
            {ouder_kind},
        ),
    ]
    for params, expected in cases:
        assert uuids(ki.get("vertegenwoordigingen", params)) == expected, params


def test_an_invalid_uuid_filter_is_a_400(ki):
    response = ki.get("vertegenwoordigingen", {"vertegenwoordigdePartij__uuid": "x"})
    assert invalid_names(response) == {"vertegenwoordigdePartij__uuid"}


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(ki, django_assert_num_queries):
    kind = persoon(ki, "kind")
    for n in range(5):
        create(ki, persoon(ki, f"ouder{n}"), kind)
    with CaptureQueriesContext(connection) as captured:
        ki.get("vertegenwoordigingen", {"pageSize": 1})
    with django_assert_num_queries(len(captured.captured_queries)):
        response = ki.get("vertegenwoordigingen", {"pageSize": 5})
    assert len(response.json()["results"]) == 5
