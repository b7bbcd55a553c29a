"""/rekeningnummers: bank accounts of partijen, with a valid IBAN."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klantbeeld.domain.models import AuditTrail, Rekeningnummer
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

UNKNOWN = "8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"
IBAN = "NL91ABNA0417164300"
OTHER_IBAN = "NL20INGB0001234567"


def persoon(ki) -> dict:
    response = ki.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"voornaam": "Jan"}},
        },
    )
    assert response.status_code == 201, response
    return response.json()


def create(ki, body: dict) -> dict:
    response = ki.post("rekeningnummers", body)
    assert response.status_code == 201, response
    return response.json()


def uuids(response) -> set[str]:
    assert response.status_code == 200, response
    return {item["uuid"] for item in response.json()["results"]}


def test_create_and_read(ki):
    partij = persoon(ki)
    body = create(ki, {"partij": {"uuid": partij["uuid"]}, "iban": IBAN, "bic": "ABNANL2A"})
    assert body["url"].endswith(f"/klantinteracties/api/v1/rekeningnummers/{body['uuid']}")
    assert body["partij"]["uuid"] == partij["uuid"]
    assert (body["iban"], body["bic"]) == (IBAN, "ABNANL2A")
    assert ki.get(f"rekeningnummers/{body['uuid']}").json() == body
    assert ki.get("rekeningnummers").json()["results"] == [body]


def test_iban_is_required(ki):
    assert invalid_names(ki.post("rekeningnummers", {"bic": "ABNANL2A"})) == {"iban"}


def test_put_and_patch(ki):
    rekening = create(ki, {"iban": IBAN, "bic": "ABNANL2A"})
    path = f"rekeningnummers/{rekening['uuid']}"
    response = ki.put(path, {"iban": OTHER_IBAN})
    assert response.status_code == 200, response
    # PUT leaves a field that is not sent as it is, like Open Klant
    assert (response.json()["iban"], response.json()["bic"]) == (OTHER_IBAN, "ABNANL2A")
    assert invalid_names(ki.put(path, {"bic": "INGBNL2A"})) == {"iban"}
    response = ki.patch(path, {"bic": "INGBNL2A"})
    assert (response.json()["iban"], response.json()["bic"]) == (OTHER_IBAN, "INGBNL2A")


def test_delete(ki):
    rekening = create(ki, {"iban": IBAN})
    assert ki.delete(f"rekeningnummers/{rekening['uuid']}").status_code == 204
    assert ki.get(f"rekeningnummers/{rekening['uuid']}").status_code == 404
    acties = AuditTrail.objects.filter(resource_uuid=rekening["uuid"]).values_list(
        "actie", flat=True
    )
    assert sorted(acties) == ["create", "destroy"]


def test_unknown_uuid_is_a_404_for_every_operation(ki):
    path = f"rekeningnummers/{UNKNOWN}"
    assert ki.get(path).status_code == 404
    assert ki.put(path, {"iban": IBAN}).status_code == 404
    assert ki.patch(path, {"bic": "ABNANL2A"}).status_code == 404
    assert ki.delete(path).status_code == 404


# -- IBAN and BIC ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iban",
    [
        "NL91ABNA0417164301",  # check number wrong: a typo
        "NL19ABNA0417164300",
        "NL91 ABNA 0417 1643 01",
    ],
)
def test_an_iban_with_a_wrong_check_number_is_refused_and_nothing_is_stored(ki, iban):
    response = ki.post("rekeningnummers", {"iban": iban})
    assert invalid_names(response) == {"iban"}
    assert not Rekeningnummer.objects.exists()


@pytest.mark.parametrize(
    "iban", ["", "NL", "12ABNA0417164300", "NL91ABNA-0417164300", "NL91" + "1" * 31]
)
def test_an_iban_outside_the_pattern_is_refused(ki, iban):
    assert invalid_names(ki.post("rekeningnummers", {"iban": iban})) == {"iban"}


def test_an_iban_is_stored_in_upper_case_without_spaces(ki):
    body = create(ki, {"iban": "nl91 abna 0417 1643 00", "bic": "abnanl2a"})
    assert (body["iban"], body["bic"]) == (IBAN, "ABNANL2A")


def test_a_changed_iban_is_checked_too(ki):
    rekening = create(ki, {"iban": IBAN})
    response = ki.patch(f"rekeningnummers/{rekening['uuid']}", {"iban": "NL91ABNA0417164301"})
    assert invalid_names(response) == {"iban"}
    assert ki.get(f"rekeningnummers/{rekening['uuid']}").json()["iban"] == IBAN


@pytest.mark.parametrize("bic", ["ABNANL2A", "ABNANL2AXXX"])
def test_a_bic_has_8_to_11_characters(ki, bic):
    assert create(ki, {"iban": IBAN, "bic": bic})["bic"] == bic


@pytest.mark.parametrize("bic", ["ABNANL2", "ABNANL2AXXXX", "ABNA NL2A"])
def test_an_invalid_bic_is_refused(ki, bic):
    assert invalid_names(ki.post("rekeningnummers", {"iban": IBAN, "bic": bic})) == {"bic"}


def test_every_bad_field_is_named_at_once(ki):
    response = ki.post("rekeningnummers", {"iban": "NL91ABNA0417164301", "bic": "ABNA NL2A"})
    assert invalid_names(response) == {"iban", "bic"}


def test_an_empty_bic_is_empty_text_and_no_partij_is_null(ki):
    body = create(ki, {"iban": IBAN, "bic": ""})
    assert body["bic"] == ""
    assert body["partij"] is None


# -- partij --------------------------------------------------------------------------------------


def test_an_unknown_partij_is_refused(ki):
    response = ki.post("rekeningnummers", {"iban": IBAN, "partij": {"uuid": UNKNOWN}})
    assert invalid_names(response) == {"partij.uuid"}


def test_an_account_can_be_taken_off_its_partij(ki):
    rekening = create(ki, {"iban": IBAN, "partij": {"uuid": persoon(ki)["uuid"]}})
    response = ki.patch(f"rekeningnummers/{rekening['uuid']}", {"partij": None})
    assert response.status_code == 200, response
    assert response.json()["partij"] is None


@pytest.fixture
def rekeningen(ki):
    a = create(ki, {"iban": IBAN, "bic": "ABNANL2A"})
    b = create(ki, {"iban": OTHER_IBAN, "bic": "INGBNL2A"})
    return {"A": a["uuid"], "B": b["uuid"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "AB"),
        ({"iban": IBAN}, "A"),
        ({"iban": "nl91 abna 0417 1643 00"}, "A"),  # as people type it
        ({"iban": "NL91ABNA"}, ""),
        ({"bic": "INGBNL2A"}, "B"),
        ({"bic": "ingbnl2a"}, "B"),
        ({"bic": "INGB"}, ""),
        ({"uuid": UNKNOWN}, ""),
        ({"iban": IBAN, "bic": "INGBNL2A"}, ""),
    ],
)
def test_filters(ki, rekeningen, params, expected):
    assert uuids(ki.get("rekeningnummers", params)) == {rekeningen[k] for k in expected}


def test_filter_on_uuid(ki, rekeningen):
    assert uuids(ki.get("rekeningnummers", {"uuid": rekeningen["B"]})) == {rekeningen["B"]}


def test_an_invalid_uuid_filter_is_a_400(ki):
    assert invalid_names(ki.get("rekeningnummers", {"uuid": "geen-uuid"})) == {"uuid"}


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(ki, django_assert_num_queries):
    partij = persoon(ki)
    for _ in range(5):
        create(ki, {"iban": IBAN, "partij": {"uuid": partij["uuid"]}})
    with CaptureQueriesContext(connection) as captured:
        ki.get("rekeningnummers", {"pageSize": 1})
    with django_assert_num_queries(len(captured.captured_queries)):
        response = ki.get("rekeningnummers", {"pageSize": 5})
    assert len(response.json()["results"]) == 5
