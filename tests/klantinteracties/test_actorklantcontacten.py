"""/actorklantcontacten: which actor handled which klantcontact."""

from __future__ import annotations

import uuid

import pytest

from tests.klantinteracties.test_klantcontacten import (
    actor,
    klantcontact,
    queries,
    resolve,
    spec_filters,
    uuids,
)
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db


def link(ki, actor_uuid, klantcontact_uuid):
    response = ki.post(
        "actorklantcontacten",
        {"actor": {"uuid": str(actor_uuid)}, "klantcontact": {"uuid": str(klantcontact_uuid)}},
    )
    assert response.status_code == 201, response
    return response.json()


def test_create_and_read(ki):
    kc = klantcontact(ki)
    medewerker = actor()
    body = link(ki, medewerker.uuid, kc["uuid"])
    assert body["actor"] == {
        "uuid": str(medewerker.uuid),
        "url": f"http://testserver/klantinteracties/api/v1/actoren/{medewerker.uuid}",
    }
    assert body["klantcontact"]["uuid"] == kc["uuid"]
    assert body["url"].endswith(f"/actorklantcontacten/{body['uuid']}")
    assert ki.get(f"actorklantcontacten/{body['uuid']}").json() == body


def test_a_colleague_joins_as_second_actor(ki):
    """C0534: the colleague who answers after a transfer joins the klantcontact."""
    kc = klantcontact(ki)
    kcc, vergunningen = actor("Anna (KCC)"), actor("Bert (Vergunningen)")
    link(ki, kcc.uuid, kc["uuid"])
    link(ki, vergunningen.uuid, kc["uuid"])
    actors = ki.get(f"klantcontacten/{kc['uuid']}").json()["hadBetrokkenActoren"]
    assert [a["naam"] for a in actors] == ["Anna (KCC)", "Bert (Vergunningen)"]


def test_required_and_existing_references(ki):
    assert invalid_names(ki.post("actorklantcontacten", {})) == {"actor", "klantcontact"}
    response = ki.post(
        "actorklantcontacten",
        {"actor": {"uuid": str(uuid.uuid4())}, "klantcontact": {"uuid": str(uuid.uuid4())}},
    )
    assert invalid_names(response) == {"actor.uuid", "klantcontact.uuid"}


def test_an_actor_is_linked_to_a_klantcontact_once(ki):
    kc = klantcontact(ki)
    medewerker = actor()
    link(ki, medewerker.uuid, kc["uuid"])
    response = ki.post(
        "actorklantcontacten",
        {"actor": {"uuid": str(medewerker.uuid)}, "klantcontact": {"uuid": kc["uuid"]}},
    )
    assert invalid_names(response) == {"nonFieldErrors"}
    assert response.json()["invalidParams"][0]["code"] == "unique"


def test_patch_put_and_delete(ki):
    kc, other = klantcontact(ki), klantcontact(ki)
    first, second = actor("Anna"), actor("Bert")
    body = link(ki, first.uuid, kc["uuid"])
    link(ki, second.uuid, other["uuid"])
    patched = ki.patch(f"actorklantcontacten/{body['uuid']}", {"actor": {"uuid": str(second.uuid)}})
    assert patched.status_code == 200, patched
    assert patched.json()["actor"]["uuid"] == str(second.uuid)
    clash = ki.put(
        f"actorklantcontacten/{body['uuid']}",
        {"actor": {"uuid": str(second.uuid)}, "klantcontact": {"uuid": other["uuid"]}},
    )
    assert invalid_names(clash) == {"nonFieldErrors"}
    assert invalid_names(ki.put(f"actorklantcontacten/{body['uuid']}", {})) == {
        "actor",
        "klantcontact",
    }
    assert ki.delete(f"actorklantcontacten/{body['uuid']}").status_code == 204
    assert ki.get(f"actorklantcontacten/{body['uuid']}").status_code == 404
    assert ki.get(f"klantcontacten/{kc['uuid']}").json()["hadBetrokkenActoren"] == []


@pytest.fixture
def two_links(ki):
    kc, other = klantcontact(ki), klantcontact(ki)
    anna, bert = actor("Anna"), actor("Bert")
    a = link(ki, anna.uuid, kc["uuid"])
    b = link(ki, bert.uuid, other["uuid"])
    return {"A": a["uuid"], "B": b["uuid"], "a": a, "b": b}


FILTERS = [
    ("actor__url", "<a.actor>", "A", "<random actoren>", ""),
    ("actor__uuid", "<a.actor>", "A", "<random uuid>", ""),
    ("klantcontact__url", "<b.klantcontact>", "B", "<random klantcontacten>", ""),
    ("klantcontact__uuid", "<b.klantcontact>", "B", "<random uuid>", ""),
]


def _value(param: str, value: str, fixture: dict) -> str:
    if value.startswith("<") and "." in value:
        key, attr = value[1:-1].split(".")
        reference = fixture[key][attr]
        return reference["url"] if param.endswith("__url") else reference["uuid"]
    return resolve(value, fixture)


@pytest.mark.parametrize(("param", "hit", "hits", "miss", "misses"), FILTERS)
def test_filter(ki, two_links, param, hit, hits, miss, misses):
    for value, expected in ((hit, hits), (miss, misses)):
        found = uuids(ki.get("actorklantcontacten", {param: _value(param, value, two_links)}))
        assert found == {two_links[label] for label in expected}, (param, value)


def test_every_filter_of_the_spec_is_tested():
    assert spec_filters("/actorklantcontacten") == {row[0] for row in FILTERS}


def test_a_page_costs_the_same_queries_whatever_its_size(ki, django_assert_num_queries):
    medewerker = actor()
    for _ in range(3):
        link(ki, medewerker.uuid, klantcontact(ki)["uuid"])
    one = queries(lambda: ki.get("actorklantcontacten", {"pageSize": 1}))
    with django_assert_num_queries(one):
        response = ki.get("actorklantcontacten", {"pageSize": 3})
    assert len(response.json()["results"]) == 3
