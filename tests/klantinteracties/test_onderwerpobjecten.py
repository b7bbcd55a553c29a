"""/onderwerpobjecten: what a klantcontact was about, and deleting with ?cascade=true."""

from __future__ import annotations

import uuid

import pytest

from klantbeeld.domain.models import AuditTrail, DigitaalAdres, Klantcontact
from tests.klantinteracties.test_klantcontacten import (
    ZAAK,
    betrokkene,
    digitaal_adres,
    klantcontact,
    onderwerpobject,
    persoon,
    queries,
    resolve,
    spec_filters,
    uuids,
)
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

EMPTY_IDENTIFICATOR = {
    "objectId": "",
    "codeObjecttype": "",
    "codeRegister": "",
    "codeSoortObjectId": "",
}


def test_create_and_read(ki):
    kc = klantcontact(ki)
    body = onderwerpobject(ki, klantcontact={"uuid": kc["uuid"]}, onderwerpobjectidentificator=ZAAK)
    assert body["klantcontact"]["uuid"] == kc["uuid"]
    assert body["onderwerpobjectidentificator"] == ZAAK
    assert body["wasKlantcontact"] is None
    assert ki.get(f"onderwerpobjecten/{body['uuid']}").json() == body
    listed = ki.get(f"klantcontacten/{kc['uuid']}").json()["gingOverOnderwerpobjecten"]
    assert [o["uuid"] for o in listed] == [body["uuid"]]


def test_everything_is_optional_and_the_identificator_is_always_an_object(ki):
    body = onderwerpobject(ki)
    assert body["onderwerpobjectidentificator"] == EMPTY_IDENTIFICATOR
    assert body["klantcontact"] is None


def test_references_must_exist(ki):
    response = ki.post(
        "onderwerpobjecten",
        {
            "klantcontact": {"uuid": str(uuid.uuid4())},
            "wasKlantcontact": {"uuid": str(uuid.uuid4())},
        },
    )
    assert invalid_names(response) == {"klantcontact.uuid", "wasKlantcontact.uuid"}


def test_identificator_parts_are_at_most_200_characters(ki):
    response = ki.post(
        "onderwerpobjecten", {"onderwerpobjectidentificator": {"objectId": "x" * 201}}
    )
    assert invalid_names(response) == {"onderwerpobjectidentificator.objectId"}


def test_follow_up_contact_points_back_to_the_original(ki):
    original = klantcontact(ki)
    follow_up = klantcontact(ki, onderwerp="Teruggebeld")
    link = onderwerpobject(
        ki, klantcontact={"uuid": follow_up["uuid"]}, wasKlantcontact={"uuid": original["uuid"]}
    )
    found = ki.get("onderwerpobjecten", {"wasKlantcontact__uuid": original["uuid"]}).json()
    assert [o["uuid"] for o in found["results"]] == [link["uuid"]]


def test_patch_and_put(ki):
    kc = klantcontact(ki)
    o = onderwerpobject(ki, klantcontact={"uuid": kc["uuid"]}, onderwerpobjectidentificator=ZAAK)
    patched = ki.patch(f"onderwerpobjecten/{o['uuid']}", {"wasKlantcontact": {"uuid": kc["uuid"]}})
    assert patched.status_code == 200, patched
    assert patched.json()["onderwerpobjectidentificator"] == ZAAK
    assert patched.json()["wasKlantcontact"]["uuid"] == kc["uuid"]
    put = ki.put(f"onderwerpobjecten/{o['uuid']}", {"onderwerpobjectidentificator": None})
    assert put.status_code == 200, put
    assert put.json()["onderwerpobjectidentificator"] == EMPTY_IDENTIFICATOR
    assert put.json()["klantcontact"]["uuid"] == kc["uuid"]  # left out of the PUT: kept


# -- deleting ------------------------------------------------------------------------------------


def test_delete_without_cascade_keeps_the_klantcontact(ki):
    kc = klantcontact(ki)
    o = onderwerpobject(ki, klantcontact={"uuid": kc["uuid"]})
    response = ki.delete(f"onderwerpobjecten/{o['uuid']}")
    assert response.status_code == 204
    assert ki.get(f"onderwerpobjecten/{o['uuid']}").status_code == 404
    assert ki.get(f"klantcontacten/{kc['uuid']}").status_code == 200
    assert ki.delete(f"onderwerpobjecten/{uuid.uuid4()}").status_code == 404


def test_cascade_false_is_the_plain_delete(ki):
    kc = klantcontact(ki)
    o = onderwerpobject(ki, klantcontact={"uuid": kc["uuid"]})
    assert ki.delete(f"onderwerpobjecten/{o['uuid']}?cascade=false").status_code == 204
    assert Klantcontact.objects.filter(pk=kc["uuid"]).exists()


def test_cascade_deletes_klantcontacten_no_other_onderwerpobject_uses(ki):
    partij = persoon(ki)
    only_here = klantcontact(ki, onderwerp="Alleen via dit onderwerpobject")
    also_elsewhere = klantcontact(ki, onderwerp="Ook elders gebruikt")
    b = betrokkene(ki, only_here, wasPartij={"uuid": partij["uuid"]})
    own_adres = digitaal_adres(b["uuid"], "eigen@example.nl")
    shared_adres = digitaal_adres(b["uuid"], "jan@example.nl", partij_uuid=partij["uuid"])
    target = onderwerpobject(
        ki,
        klantcontact={"uuid": only_here["uuid"]},
        wasKlantcontact={"uuid": also_elsewhere["uuid"]},
    )
    other = onderwerpobject(ki, klantcontact={"uuid": also_elsewhere["uuid"]})

    response = ki.delete(f"onderwerpobjecten/{target['uuid']}?cascade=true")

    assert response.status_code == 200, response
    assert response.json() == {"behouden": [also_elsewhere["url"]]}
    assert ki.get(f"onderwerpobjecten/{target['uuid']}").status_code == 404
    assert ki.get(f"klantcontacten/{only_here['uuid']}").status_code == 404
    assert ki.get(f"betrokkenen/{b['uuid']}").status_code == 404
    assert not DigitaalAdres.objects.filter(pk=own_adres.pk).exists()
    assert DigitaalAdres.objects.filter(pk=shared_adres.pk).exists()  # the partij's too
    assert ki.get(f"klantcontacten/{also_elsewhere['uuid']}").status_code == 200
    assert ki.get(f"onderwerpobjecten/{other['uuid']}").status_code == 200
    assert AuditTrail.objects.filter(resource_uuid=only_here["uuid"], actie="destroy").exists()
    assert AuditTrail.objects.filter(resource_uuid=b["uuid"], actie="destroy").exists()


def test_cascade_without_klantcontacten_keeps_nothing(ki):
    o = onderwerpobject(ki, onderwerpobjectidentificator=ZAAK)
    response = ki.delete(f"onderwerpobjecten/{o['uuid']}?cascade=true")
    assert response.status_code == 200, response
    assert response.json() == {"behouden": []}


def test_cascade_must_be_a_boolean(ki):
    o = onderwerpobject(ki)
    assert invalid_names(ki.delete(f"onderwerpobjecten/{o['uuid']}?cascade=misschien")) == {
        "cascade"
    }
    assert ki.get(f"onderwerpobjecten/{o['uuid']}").status_code == 200


# -- filters -------------------------------------------------------------------------------------


@pytest.fixture
def two_onderwerpobjecten(ki):
    kc = klantcontact(ki)
    was = klantcontact(ki, onderwerp="Eerder")
    a = onderwerpobject(
        ki,
        klantcontact={"uuid": kc["uuid"]},
        wasKlantcontact={"uuid": was["uuid"]},
        onderwerpobjectidentificator=ZAAK,
    )
    b = onderwerpobject(ki)
    return {"A": a["uuid"], "B": b["uuid"], "kc": kc, "was": was}


ID = "onderwerpobjectidentificator"
FILTERS = [
    ("klantcontact__url", "<kc.url>", "A", "<was.url>", ""),
    ("klantcontact__uuid", "<kc.uuid>", "A", "<was.uuid>", ""),
    (f"{ID}CodeObjecttype", "zgw-Zaak", "A", "zaak", ""),
    (f"{ID}CodeRegister", "openzaak", "A", "open", ""),
    (f"{ID}CodeSoortObjectId", "uuid", "A", "nummer", ""),
    (f"{ID}ObjectId", ZAAK["objectId"], "A", "zaak", ""),
    ("wasKlantcontact__url", "<was.url>", "A", "<kc.url>", ""),
    ("wasKlantcontact__uuid", "<was.uuid>", "A", "<random uuid>", ""),
]


@pytest.mark.parametrize(("param", "hit", "hits", "miss", "misses"), FILTERS)
def test_filter(ki, two_onderwerpobjecten, param, hit, hits, miss, misses):
    for value, expected in ((hit, hits), (miss, misses)):
        found = uuids(ki.get("onderwerpobjecten", {param: resolve(value, two_onderwerpobjecten)}))
        assert found == {two_onderwerpobjecten[label] for label in expected}, (param, value)


def test_every_filter_of_the_spec_is_tested():
    assert spec_filters("/onderwerpobjecten") == {row[0] for row in FILTERS}


def test_a_page_costs_the_same_queries_whatever_its_size(ki, django_assert_num_queries):
    for _ in range(3):
        onderwerpobject(ki, klantcontact={"uuid": klantcontact(ki)["uuid"]})
    one = queries(lambda: ki.get("onderwerpobjecten", {"pageSize": 1}))
    with django_assert_num_queries(one):
        response = ki.get("onderwerpobjecten", {"pageSize": 3})
    assert len(response.json()["results"]) == 3
