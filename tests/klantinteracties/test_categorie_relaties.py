"""/categorie-relaties: a categorie given to a partij, from a begin date to an end date."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klantbeeld.domain.models import AuditTrail, CategorieRelatie
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

UNKNOWN = "8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"


def partij(ki, nummer: str | None = None) -> dict:
    body = {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "partijIdentificatie": {"contactnaam": {"voornaam": "Jan"}},
    }
    if nummer:
        body["nummer"] = nummer
    response = ki.post("partijen", body)
    assert response.status_code == 201, response
    return response.json()


def categorie(ki, naam: str) -> dict:
    response = ki.post("categorieen", {"naam": naam})
    assert response.status_code == 201, response
    return response.json()


def create(ki, **fields) -> dict:
    body = {
        key: {"uuid": value["uuid"]} if isinstance(value, dict) else value
        for key, value in fields.items()
    }
    response = ki.post("categorie-relaties", body)
    assert response.status_code == 201, response
    return response.json()


def test_create_and_read(ki):
    jan, ondernemer = partij(ki), categorie(ki, "Ondernemer")
    body = create(
        ki, partij=jan, categorie=ondernemer, beginDatum="2024-01-01", eindDatum="2024-12-31"
    )
    assert body["url"].endswith(f"/klantinteracties/api/v1/categorie-relaties/{body['uuid']}")
    assert body["partij"] == {"uuid": jan["uuid"], "url": jan["url"]}
    assert body["categorie"] == {
        "uuid": ondernemer["uuid"],
        "url": ondernemer["url"],
        "naam": "Ondernemer",
    }
    assert (body["beginDatum"], body["eindDatum"]) == ("2024-01-01", "2024-12-31")
    assert ki.get(f"categorie-relaties/{body['uuid']}").json() == body
    assert ki.get("categorie-relaties").json()["results"] == [body]


def test_the_partij_shows_its_categorie_relaties(ki):
    jan = partij(ki)
    relatie = create(ki, partij=jan, categorie=categorie(ki, "Ondernemer"), beginDatum="2024-01-01")
    shown = ki.get(f"partijen/{jan['uuid']}").json()["categorieRelaties"]
    assert shown == [
        {
            "uuid": relatie["uuid"],
            "url": relatie["url"],
            "categorieNaam": "Ondernemer",
            "beginDatum": "2024-01-01",
            "eindDatum": None,
        }
    ]
    expanded = ki.get(f"partijen/{jan['uuid']}", {"expand": "categorieRelaties"}).json()
    assert expanded["_expand"]["categorieRelaties"] == [relatie]


def test_begin_date_is_today_when_not_given(ki):
    today = timezone.localdate().isoformat()
    assert create(ki, partij=partij(ki))["beginDatum"] == today
    assert create(ki, beginDatum=None)["beginDatum"] == today


def test_a_given_begin_date_is_kept_and_an_update_does_not_reset_it(ki):
    relatie = create(ki, beginDatum="2020-05-01")
    assert relatie["beginDatum"] == "2020-05-01"
    response = ki.patch(f"categorie-relaties/{relatie['uuid']}", {"eindDatum": "2021-01-01"})
    assert response.json()["beginDatum"] == "2020-05-01"


def test_put_and_patch(ki):
    jan, ander = partij(ki), partij(ki)
    relatie = create(ki, partij=jan, categorie=categorie(ki, "Ondernemer"), beginDatum="2024-01-01")
    path = f"categorie-relaties/{relatie['uuid']}"
    inwoner = categorie(ki, "Inwoner")
    response = ki.put(
        path, {"partij": {"uuid": ander["uuid"]}, "categorie": {"uuid": inwoner["uuid"]}}
    )
    assert response.status_code == 200, response
    assert response.json()["partij"]["uuid"] == ander["uuid"]
    assert response.json()["categorie"]["naam"] == "Inwoner"
    assert response.json()["beginDatum"] == "2024-01-01"
    response = ki.patch(path, {"categorie": None, "partij": None})
    assert response.json()["categorie"] is None
    assert response.json()["partij"] is None


def test_delete(ki):
    relatie = create(ki)
    assert ki.delete(f"categorie-relaties/{relatie['uuid']}").status_code == 204
    assert ki.get(f"categorie-relaties/{relatie['uuid']}").status_code == 404
    acties = AuditTrail.objects.filter(resource_uuid=relatie["uuid"]).values_list(
        "actie", flat=True
    )
    assert sorted(acties) == ["create", "destroy"]


def test_unknown_uuid_is_a_404_for_every_operation(ki):
    path = f"categorie-relaties/{UNKNOWN}"
    assert ki.get(path).status_code == 404
    assert ki.put(path, {}).status_code == 404
    assert ki.patch(path, {}).status_code == 404
    assert ki.delete(path).status_code == 404


def test_references_must_exist(ki):
    response = ki.post(
        "categorie-relaties", {"partij": {"uuid": UNKNOWN}, "categorie": {"uuid": UNKNOWN}}
    )
    assert invalid_names(response) == {"partij.uuid", "categorie.uuid"}


def test_the_read_only_parts_of_categorie_are_ignored_on_input(ki):
    ondernemer = categorie(ki, "Ondernemer")
    response = ki.post("categorie-relaties", {"categorie": {**ondernemer, "naam": "Iets anders"}})
    assert response.status_code == 201, response
    assert response.json()["categorie"]["naam"] == "Ondernemer"


# -- eindDatum not before beginDatum ---------------------------------------------------------------


def test_the_end_date_cannot_be_before_the_begin_date(ki):
    response = ki.post(
        "categorie-relaties", {"beginDatum": "2024-06-01", "eindDatum": "2024-05-31"}
    )
    assert invalid_names(response) == {"eindDatum"}
    assert not CategorieRelatie.objects.exists()
    assert create(ki, beginDatum="2024-06-01", eindDatum="2024-06-01")["eindDatum"] == "2024-06-01"


def test_the_rule_holds_against_the_stored_date_on_patch(ki):
    relatie = create(ki, beginDatum="2024-06-01")
    path = f"categorie-relaties/{relatie['uuid']}"
    assert invalid_names(ki.patch(path, {"eindDatum": "2024-01-01"})) == {"eindDatum"}
    ended = create(ki, beginDatum="2024-01-01", eindDatum="2024-03-01")
    path = f"categorie-relaties/{ended['uuid']}"
    assert invalid_names(ki.patch(path, {"beginDatum": "2024-04-01"})) == {"eindDatum"}
    assert ki.get(path).json()["beginDatum"] == "2024-01-01"


def test_an_end_date_in_the_past_needs_a_begin_date(ki):
    """The begin date defaults to today, so a relatie that already ended must say when it
    began."""
    response = ki.post("categorie-relaties", {"eindDatum": "2000-01-01"})
    assert invalid_names(response) == {"eindDatum"}


def test_dates_must_be_dates(ki):
    response = ki.post("categorie-relaties", {"beginDatum": "1-1-2024", "eindDatum": "morgen"})
    assert invalid_names(response) == {"beginDatum", "eindDatum"}


# -- filters -------------------------------------------------------------------------------------


def uuids(response) -> set[str]:
    assert response.status_code == 200, response
    return {item["uuid"] for item in response.json()["results"]}


def test_filters(ki):
    jan, piet = partij(ki, "0000000042"), partij(ki, "0000000043")
    ondernemer, inwoner = categorie(ki, "Ondernemer"), categorie(ki, "Inwoner")
    a = create(ki, partij=jan, categorie=ondernemer, beginDatum="2024-01-01")["uuid"]
    b = create(ki, partij=piet, categorie=inwoner, beginDatum="2023-01-01", eindDatum="2023-12-31")[
        "uuid"
    ]
    cases = [
        ({}, {a, b}),
        ({"beginDatum": "2024-01-01"}, {a}),
        ({"beginDatum": "2024-01-02"}, set()),
        ({"eindDatum": "2023-12-31"}, {b}),
        ({"eindDatum": "2024-12-31"}, set()),
        ({"categorie__naam": "Inwoner"}, {b}),
        ({"categorie__naam": "Inwon"}, set()),
        ({"categorie__uuid": ondernemer["uuid"]}, {a}),
        ({"categorie__uuid": UNKNOWN}, set()),
        ({"categorie__url": inwoner["url"]}, {b}),
        ({"categorie__url": "https://elders.example/categorieen/geen-uuid"}, set()),
        ({"partij__nummer": "0000000042"}, {a}),
        ({"partij__nummer": "0000000044"}, set()),
        ({"partij__uuid": piet["uuid"]}, {b}),
        ({"partij__uuid": UNKNOWN}, set()),
        ({"partij__url": jan["url"]}, {a}),
        ({"partij__url": f"http://testserver{ki.base}/partijen/{UNKNOWN}"}, set()),
        ({"partij__uuid": jan["uuid"], "categorie__naam": "Inwoner"}, set()),
    ]
    for params, expected in cases:
        assert uuids(ki.get("categorie-relaties", params)) == expected, params


@pytest.mark.parametrize(
    "params", [{"beginDatum": "gisteren"}, {"eindDatum": "2024-13-01"}, {"partij__uuid": "x"}]
)
def test_an_invalid_filter_value_is_a_400(ki, params):
    assert invalid_names(ki.get("categorie-relaties", params)) == set(params)


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(ki, django_assert_num_queries):
    jan = partij(ki)
    for n in range(5):
        create(ki, partij=jan, categorie=categorie(ki, f"Categorie {n}"))
    with CaptureQueriesContext(connection) as captured:
        ki.get("categorie-relaties", {"pageSize": 1})
    with django_assert_num_queries(len(captured.captured_queries)):
        response = ki.get("categorie-relaties", {"pageSize": 5})
    assert len(response.json()["results"]) == 5
