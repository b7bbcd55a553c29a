"""The HTTP conventions both APIs share: problem details, pagination, headers, schema."""

from __future__ import annotations

import pytest
import yaml
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from klantbeeld.demo.numbers import bsn
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db


def persoon(voornaam: str) -> dict:
    return {
        "soortPartij": "persoon",
        "indicatieActief": True,
        "partijIdentificatie": {"contactnaam": {"voornaam": voornaam, "achternaam": "Test"}},
    }


def test_api_version_header_on_answers_and_errors(ki, cg):
    assert ki.get("partijen").headers["API-version"] == "0.9.0"
    assert ki.get("partijen/00000000-0000-0000-0000-000000000000").headers["API-version"] == (
        "0.9.0"
    )
    assert cg.get("persoon").headers["API-version"] == "1.1.1"


def test_method_not_allowed_is_a_405_problem(ki):
    response = ki.request("DELETE", "partijen")
    assert response.status_code == 405
    assert response.headers["Content-Type"] == "application/json"


def test_an_unknown_path_under_the_api_is_a_404_problem(ki):
    response = ki.get("bestaat-niet")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_accept_without_json_is_a_406(ki):
    response = ki.get("partijen", headers={"Accept": "text/csv"})
    assert response.status_code == 406


def test_body_that_is_not_json_is_a_415_and_changes_nothing(ki):
    response = ki.post("partijen", raw=b"soortPartij=persoon", content_type="text/plain")
    assert response.status_code == 415
    assert ki.get("partijen").json()["count"] == 0


def test_malformed_json_is_a_parse_error(ki):
    response = ki.post("partijen", raw=b'{"soortPartij": ')
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_body_that_is_not_an_object_is_a_400(ki):
    assert ki.post("partijen", json=["persoon"]).status_code == 400


def test_bad_input_names_every_bad_field_in_dutch(ki):
    body = persoon("Kees") | {
        "voorkeurstaal": "nederlands",
        "correspondentieadres": {"postcode": "1234ab", "huisnummer": 0},
    }
    response = ki.post("partijen", body)
    assert invalid_names(response) == {
        "voorkeurstaal",
        "correspondentieadres.postcode",
        "correspondentieadres.huisnummer",
    }
    reasons = {p["name"]: p for p in response.json()["invalidParams"]}
    assert reasons["voorkeurstaal"]["code"] == "max_length"
    assert "3 tekens" in reasons["voorkeurstaal"]["reason"]


def test_pagination_with_page_size_and_links(ki):
    for index in range(5):
        ki.post("partijen", persoon(f"P{index}"))
    first = ki.get("partijen", {"pageSize": 2}).json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert "page=2" in first["next"] and "pageSize=2" in first["next"]
    second = ki.get(first["next"]).json()
    assert "page=" not in second["previous"]
    third = ki.get(second["next"]).json()
    assert third["next"] is None
    seen = [p["uuid"] for page in (first, second, third) for p in page["results"]]
    assert len(set(seen)) == 5


@pytest.mark.parametrize(
    ("page", "size", "count", "on_page"),
    [(1, 2, 5, 2), (2, 2, 5, 2), (3, 2, 5, 1), (1, 5, 5, 5), (2, 5, 5, None), (1, 10, 5, 5)],
)
def test_filtered_counts_are_exact_on_every_page(ki, page, size, count, on_page):
    for index in range(5):
        ki.post("partijen", persoon(f"P{index}"))
    ki.post("partijen", {**persoon("Organisatie"), "indicatieActief": False})
    response = ki.get("partijen", {"indicatieActief": "true", "page": page, "pageSize": size})
    if on_page is None:
        assert response.status_code == 404
        return
    assert response.json()["count"] == count
    assert len(response.json()["results"]) == on_page


def test_a_filtered_list_that_fits_on_one_page_needs_no_count_query(ki):
    ki.post("partijen", persoon("A"))
    with CaptureQueriesContext(connection) as queries:
        assert ki.get("partijen", {"indicatieActief": "true"}).json()["count"] == 1
    assert not any("COUNT(" in query["sql"] for query in queries.captured_queries)


def test_page_past_the_end_is_a_404_and_page_size_is_capped(ki):
    ki.post("partijen", persoon("A"))
    assert ki.get("partijen", {"page": 2}).status_code == 404
    # Also far past what a database offset can hold (found by the fuzzer).
    for filters in ({}, {"indicatieActief": "true"}):
        assert ki.get("partijen", {**filters, "page": 10**27}).status_code == 404
    assert ki.get("partijen", {"pageSize": 100000}).status_code == 200
    assert invalid_names(ki.get("partijen", {"pageSize": 0})) == {"pageSize"}


def test_unknown_query_parameters_are_ignored_like_open_klant(ki):
    ki.post("partijen", persoon("A"))
    assert ki.get("partijen", {"bestaatNiet": "x"}).json()["count"] == 1


def test_invalid_filter_values_are_a_400(ki):
    response = ki.get("partijen", {"soortPartij": "robot", "indicatieActief": "misschien"})
    assert invalid_names(response) == {"soortPartij", "indicatieActief"}


def test_filter_on_a_url_with_no_uuid_matches_nothing(ki):
    ki.post("partijen", persoon("A"))
    response = ki.get("partijen", {"vertegenwoordigdePartij__url": "http://x/geen-uuid"})
    assert response.json()["count"] == 0


def test_schema_is_served_as_json_and_yaml_without_credentials():
    client = Client()
    document = client.get("/klantinteracties/api/v1/schema").json()
    assert document["info"]["version"] == "0.9.0"
    operation_ids = {
        op["operationId"] for path in document["paths"].values() for op in path.values()
    }
    assert {"partijenList", "partijenCreate", "partijenPartialUpdate"} <= operation_ids
    as_yaml = client.get("/klantinteracties/api/v1/schema/openapi.yaml")
    assert yaml.safe_load(as_yaml.content)["info"]["title"] == "klantinteracties"
    assert client.get("/contactgegevens/api/v1/schema?format=yaml").status_code == 200


def test_absolute_urls_follow_the_configured_base_url(ki, settings):
    settings.KLANTBEELD_BASE_URL = "https://klanten.gemeente.example"
    body = ki.post("partijen", persoon("A")).json()
    assert body["url"].startswith("https://klanten.gemeente.example/klantinteracties/api/v1/")


def test_a_failed_request_changes_nothing(ki):
    number = bsn(7)
    identificator = {
        "partijIdentificator": {
            "codeObjecttype": "natuurlijk_persoon",
            "codeSoortObjectId": "bsn",
            "objectId": number,
            "codeRegister": "brp",
        }
    }
    ki.post("partijen", persoon("A") | {"partijIdentificatoren": [identificator]})
    response = ki.post("partijen", persoon("B") | {"partijIdentificatoren": [identificator]})
    assert invalid_names(response) == {"partijIdentificatoren.0.partijIdentificator"}
    assert ki.get("partijen").json()["count"] == 1


def test_lists_are_newest_first_like_open_klant(ki):
    created = [ki.post("partijen", persoon(f"P{i}")).json()["uuid"] for i in range(3)]
    listed = [p["uuid"] for p in ki.get("partijen").json()["results"]]
    assert listed == list(reversed(created))


def test_booleans_are_json_true_or_false_only(ki):
    response = ki.post("partijen", persoon("A") | {"indicatieActief": 1})
    assert invalid_names(response) == {"indicatieActief"}


def test_date_time_filters_take_iso_8601_text_only(ki):
    assert invalid_names(ki.get("klantcontacten", {"plaatsgevondenOp": "0.5"})) == {
        "plaatsgevondenOp"
    }
    assert ki.get("klantcontacten", {"plaatsgevondenOp": "2026-01-02T10:00:00Z"}).status_code == 200


def test_an_empty_expand_is_a_400(ki):
    assert invalid_names(ki.get("partijen", {"expand": ""})) == {"expand"}


def test_a_group_or_body_that_is_not_an_object_is_refused(ki):
    assert invalid_names(ki.post("partijen", persoon("A") | {"bezoekadres": [None, None]})) == {
        "bezoekadres"
    }
    partij = ki.post("partijen", persoon("A")).json()
    assert ki.patch(f"partijen/{partij['uuid']}", json=[1, 2]).status_code == 400


def test_nul_characters_are_refused_in_bodies_and_query_parameters(ki, cg):
    response = ki.post("partijen", persoon("A\u0000B"))
    assert invalid_names(response) == {"partijIdentificatie.contactnaam.voornaam"}
    assert invalid_names(ki.get("rekeningnummers", {"iban": "NL\u000091"})) == {"iban"}
    metadata = {"kanaal": "chat", "onderwerp": "x", "taal": "nld", "vertrouwelijk": False}
    response = ki.post("klantcontacten", metadata | {"metadata": {"a": "\u0000"}})
    assert invalid_names(response) == {"metadata"}
    body = {"geboortedatum": "1990-01-01", "geslachtsnaam": "Ja\u0000nsen"}
    assert invalid_names(cg.post("persoon", body)) == {"geslachtsnaam"}
    assert ki.get("partijen").json()["count"] == 0


def test_date_times_with_unusual_offsets_are_stored_in_utc(ki):
    body = {
        "kanaal": "chat",
        "onderwerp": "x",
        "taal": "nld",
        "vertrouwelijk": False,
        "plaatsgevondenOp": "2026-03-01T12:00:00+23:30",
    }
    response = ki.post("klantcontacten", body)
    assert response.status_code == 201, response
    assert response.json()["plaatsgevondenOp"] == "2026-02-28T12:30:00Z"
    too_early = body | {"plaatsgevondenOp": "0001-01-01T00:10:00+01:00"}
    assert invalid_names(ki.post("klantcontacten", too_early)) == {"plaatsgevondenOp"}


def test_a_body_over_the_size_limit_is_a_413_and_changes_nothing(ki, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = persoon("A") | {"interneNotitie": "x" * 2000}
    response = ki.post("partijen", body)
    assert response.status_code == 413
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.json()["status"] == 413
    assert "groter" in response.json()["detail"]
    assert ki.get("partijen").json()["count"] == 0
    assert ki.post("partijen", persoon("A")).status_code == 201


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e400"])
@pytest.mark.parametrize(
    "where",
    [
        '"interneNotitie": {}',
        '"bezoekadres": {{"huisnummer": {}}}',
        '"onbekendVeld": {}',
        '"onbekend": {{"diep": [1, {}]}}',
    ],
)
def test_numbers_json_does_not_have_are_a_dutch_400_anywhere(ki, constant, where):
    body = '{"soortPartij": "persoon", "indicatieActief": true, ' + where.format(constant) + "}"
    response = ki.post("partijen", raw=body.encode())
    assert response.status_code == 400, response
    problem = response.json()
    assert problem["code"] == "parse_error"
    assert problem["invalidParams"] == [
        {
            "name": "nonFieldErrors",
            "code": "parse_error",
            "reason": "NaN, Infinity en -Infinity zijn geen getallen in JSON.",
        }
    ]
    assert ki.get("partijen").json()["count"] == 0


def test_a_non_finite_number_on_update_changes_nothing(ki):
    partij = ki.post("partijen", persoon("A")).json()
    response = ki.patch(f"partijen/{partij['uuid']}", raw=b'{"onbekend": NaN}')
    assert response.status_code == 400
    assert ki.get(f"partijen/{partij['uuid']}").json() == partij


def test_pydantics_finite_number_message_is_dutch():
    from klantbeeld.api.common.problems import invalid_params_from_ninja

    error = {"type": "finite_number", "loc": ("body", "payload", "huisnummer"), "msg": "Input"}
    assert invalid_params_from_ninja([error])[0].reason == "Een eindig getal is vereist."
