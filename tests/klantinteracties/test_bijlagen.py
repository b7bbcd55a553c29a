"""/bijlagen: documents and other objects that are the content of a klantcontact."""

from __future__ import annotations

import uuid

import pytest

from klantbeeld.domain.models import AuditTrail
from tests.klantinteracties.test_klantcontacten import (
    klantcontact,
    queries,
    resolve,
    spec_filters,
    uuids,
)
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

DOCUMENT = {
    "objectId": "3f2b6c1e-5a0d-4c47-9e8b-0c5d1e7f2a90",
    "codeObjecttype": "zgw-EnkelvoudigInformatieObject",
    "codeRegister": "openzaak",
    "codeSoortObjectId": "uuid",
}


def bijlage(ki, **fields):
    response = ki.post("bijlagen", fields)
    assert response.status_code == 201, response
    return response.json()


def test_create_and_read(ki):
    kc = klantcontact(ki)
    body = bijlage(
        ki, wasBijlageVanKlantcontact={"uuid": kc["uuid"]}, bijlageidentificator=DOCUMENT
    )
    assert body["wasBijlageVanKlantcontact"]["uuid"] == kc["uuid"]
    assert body["bijlageidentificator"] == DOCUMENT
    assert body["url"].endswith(f"/bijlagen/{body['uuid']}")
    assert ki.get(f"bijlagen/{body['uuid']}").json() == body
    listed = ki.get(f"klantcontacten/{kc['uuid']}").json()["omvatteBijlagen"]
    assert [b["uuid"] for b in listed] == [body["uuid"]]


def test_an_empty_bijlage_has_an_empty_identificator_and_no_klantcontact(ki):
    body = bijlage(ki)
    assert body["wasBijlageVanKlantcontact"] is None
    assert body["bijlageidentificator"] == {
        "objectId": "",
        "codeObjecttype": "",
        "codeRegister": "",
        "codeSoortObjectId": "",
    }


def test_klantcontact_must_exist(ki):
    response = ki.post("bijlagen", {"wasBijlageVanKlantcontact": {"uuid": str(uuid.uuid4())}})
    assert invalid_names(response) == {"wasBijlageVanKlantcontact.uuid"}


def test_identificator_parts_are_at_most_200_characters(ki):
    response = ki.post("bijlagen", {"bijlageidentificator": {"codeRegister": "x" * 201}})
    assert invalid_names(response) == {"bijlageidentificator.codeRegister"}


def test_patch_put_and_delete(ki):
    kc = klantcontact(ki)
    body = bijlage(ki, bijlageidentificator=DOCUMENT)
    patched = ki.patch(
        f"bijlagen/{body['uuid']}", {"wasBijlageVanKlantcontact": {"uuid": kc["uuid"]}}
    )
    assert patched.status_code == 200, patched
    assert patched.json()["bijlageidentificator"] == DOCUMENT
    put = ki.put(
        f"bijlagen/{body['uuid']}",
        {
            "bijlageidentificator": {**DOCUMENT, "objectId": "ander"},
            "wasBijlageVanKlantcontact": None,
        },
    )
    assert put.status_code == 200, put
    assert put.json()["bijlageidentificator"]["objectId"] == "ander"
    assert put.json()["wasBijlageVanKlantcontact"] is None
    assert ki.delete(f"bijlagen/{body['uuid']}").status_code == 204
    assert ki.get(f"bijlagen/{body['uuid']}").status_code == 404
    actions = AuditTrail.objects.filter(resource_uuid=body["uuid"]).order_by("id")
    assert [a.actie for a in actions] == ["create", "update", "update", "destroy"]


@pytest.fixture
def two_bijlagen(ki):
    kc = klantcontact(ki)
    a = bijlage(ki, wasBijlageVanKlantcontact={"uuid": kc["uuid"]}, bijlageidentificator=DOCUMENT)
    b = bijlage(ki)
    return {"A": a["uuid"], "B": b["uuid"], "kc": kc}


ID = "bijlageidentificator"
FILTERS = [
    (f"{ID}CodeObjecttype", DOCUMENT["codeObjecttype"], "A", "document", ""),
    (f"{ID}CodeRegister", "openzaak", "A", "open", ""),
    (f"{ID}CodeSoortObjectId", "uuid", "A", "nummer", ""),
    (f"{ID}ObjectId", DOCUMENT["objectId"], "A", "3f2b6c1e", ""),
    ("klantcontact__uuid", "<kc.uuid>", "A", "<random uuid>", ""),
]


@pytest.mark.parametrize(("param", "hit", "hits", "miss", "misses"), FILTERS)
def test_filter(ki, two_bijlagen, param, hit, hits, miss, misses):
    for value, expected in ((hit, hits), (miss, misses)):
        found = uuids(ki.get("bijlagen", {param: resolve(value, two_bijlagen)}))
        assert found == {two_bijlagen[label] for label in expected}, (param, value)


def test_every_filter_of_the_spec_is_tested():
    assert spec_filters("/bijlagen") == {row[0] for row in FILTERS}


def test_a_page_costs_the_same_queries_whatever_its_size(ki, django_assert_num_queries):
    kc = klantcontact(ki)
    for _ in range(3):
        bijlage(ki, wasBijlageVanKlantcontact={"uuid": kc["uuid"]})
    one = queries(lambda: ki.get("bijlagen", {"pageSize": 1}))
    with django_assert_num_queries(one):
        response = ki.get("bijlagen", {"pageSize": 3})
    assert len(response.json()["results"]) == 3
