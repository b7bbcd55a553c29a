"""/categorieen: the labels partijen can be given (experimental in the standard)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klantbeeld.domain.models import AuditTrail, Categorie
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

UNKNOWN = "8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"


def create(ki, naam: str) -> dict:
    response = ki.post("categorieen", {"naam": naam})
    assert response.status_code == 201, response
    return response.json()


def test_create_and_read(ki):
    body = create(ki, "Ondernemer")
    assert body["url"].endswith(f"/klantinteracties/api/v1/categorieen/{body['uuid']}")
    assert body["naam"] == "Ondernemer"
    assert ki.get(f"categorieen/{body['uuid']}").json() == body
    assert ki.get("categorieen").json()["results"] == [body]


def test_put_and_patch_rename(ki):
    categorie = create(ki, "Ondernemer")
    path = f"categorieen/{categorie['uuid']}"
    assert ki.put(path, {"naam": "ZZP'er"}).json()["naam"] == "ZZP'er"
    assert ki.patch(path, {"naam": "Zzp-er"}).json()["naam"] == "Zzp-er"
    assert ki.patch(path, {}).json()["naam"] == "Zzp-er"


def test_delete_removes_the_categorie_and_its_relaties(ki):
    categorie = create(ki, "Ondernemer")
    partij = ki.post(
        "partijen",
        {"soortPartij": "organisatie", "indicatieActief": True, "partijIdentificatie": {}},
    ).json()
    relatie = ki.post(
        "categorie-relaties",
        {"partij": {"uuid": partij["uuid"]}, "categorie": {"uuid": categorie["uuid"]}},
    ).json()
    assert ki.delete(f"categorieen/{categorie['uuid']}").status_code == 204
    assert ki.get(f"categorieen/{categorie['uuid']}").status_code == 404
    assert ki.get(f"categorie-relaties/{relatie['uuid']}").status_code == 404
    assert ki.get(f"partijen/{partij['uuid']}").json()["categorieRelaties"] == []
    # the relaties that went with it are in the audit trail too
    assert AuditTrail.objects.filter(resource_uuid=relatie["uuid"], actie="destroy").exists()


def test_unknown_uuid_is_a_404_for_every_operation(ki):
    path = f"categorieen/{UNKNOWN}"
    assert ki.get(path).status_code == 404
    assert ki.put(path, {"naam": "x"}).status_code == 404
    assert ki.patch(path, {"naam": "x"}).status_code == 404
    assert ki.delete(path).status_code == 404


def test_a_name_means_one_categorie_whatever_the_case(ki):
    create(ki, "Ondernemer")
    for naam in ("Ondernemer", "ondernemer", " ONDERNEMER "):
        response = ki.post("categorieen", {"naam": naam})
        assert invalid_names(response) == {"naam"}
        assert response.json()["invalidParams"][0]["code"] == "unique"
    assert Categorie.objects.count() == 1


def test_renaming_to_a_name_in_use_is_refused_but_keeping_its_own_name_is_fine(ki):
    create(ki, "Ondernemer")
    other = create(ki, "Inwoner")
    path = f"categorieen/{other['uuid']}"
    assert invalid_names(ki.patch(path, {"naam": "ondernemer"})) == {"naam"}
    assert ki.put(path, {"naam": "Inwoner"}).status_code == 200
    assert ki.put(path, {"naam": "inwoner"}).json()["naam"] == "inwoner"


def test_surrounding_spaces_are_dropped(ki):
    assert create(ki, "  Inwoner ")["naam"] == "Inwoner"


@pytest.mark.parametrize("body", [{}, {"naam": ""}, {"naam": "   "}])
def test_a_categorie_needs_a_name(ki, body):
    response = ki.post("categorieen", body)
    assert invalid_names(response) == {"naam"}
    assert response.json()["invalidParams"][0]["code"] == "blank"


def test_a_name_has_at_most_80_characters(ki):
    assert create(ki, "x" * 80)["naam"] == "x" * 80
    assert invalid_names(ki.post("categorieen", {"naam": "y" * 81})) == {"naam"}


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(ki, django_assert_num_queries):
    for n in range(5):
        create(ki, f"Categorie {n}")
    with CaptureQueriesContext(connection) as captured:
        ki.get("categorieen", {"pageSize": 1})
    with django_assert_num_queries(len(captured.captured_queries)):
        response = ki.get("categorieen", {"pageSize": 5})
    assert len(response.json()["results"]) == 5
