"""/persoon: persons in the Contactgegevens register."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klantbeeld.domain.models import AuditTrail, Persoon
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.domain.services.contactgegevens import create_persoon
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

PERSOON = {
    "geboortedatum": "1980-05-17",
    "geslachtsnaam": "Dijk",
    "geslacht": "m",
    "voorvoegsel": "van",
    "voornamen": "Jan Pieter",
    "adres": {
        "straatnaam": "Stationsplein",
        "huisnummer": 12,
        "huisnummertoevoeging": "bis",
        "postcode": "3511 ED",
        "stad": "Utrecht",
        "land": "NL",
    },
}
UNKNOWN = "8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"


def tomorrow() -> str:
    return (timezone.localdate() + datetime.timedelta(days=1)).isoformat()


def create(cg, **changes):
    response = cg.post("persoon", {**PERSOON, **changes})
    assert response.status_code == 201, response
    return response.json()


def test_create_and_read_a_persoon(cg):
    body = create(cg)
    assert body["url"].endswith(f"/contactgegevens/api/v1/persoon/{body['uuid']}")
    assert body["geboortedatum"] == "1980-05-17"
    assert body["overlijdensdatum"] is None
    assert body["geslachtsnaam"] == "Dijk"
    assert body["geslacht"] == "m"
    assert body["voorvoegsel"] == "van"
    assert body["voornamen"] == "Jan Pieter"
    assert body["adres"] == {
        "nummeraanduidingId": "",
        "straatnaam": "Stationsplein",
        "huisnummer": 12,
        "huisnummertoevoeging": "bis",
        "postcode": "3511 ED",
        "stad": "Utrecht",
        "adresregel1": "",
        "adresregel2": "",
        "adresregel3": "",
        "land": "NL",
    }
    assert cg.get(f"persoon/{body['uuid']}").json() == body


def test_only_the_required_fields_give_empty_defaults_and_an_address_object(cg):
    response = cg.post("persoon", {"geboortedatum": "1990-01-01", "geslachtsnaam": "Bakker"})
    assert response.status_code == 201, response
    body = response.json()
    assert body["geslacht"] == ""
    assert body["voorvoegsel"] == ""
    assert body["voornamen"] == ""
    assert body["overlijdensdatum"] is None
    # Always an object with every part, as Open Klant serves it: "" also where the spec
    # gives a pattern.
    assert body["adres"] == {
        "nummeraanduidingId": "",
        "straatnaam": "",
        "huisnummer": None,
        "huisnummertoevoeging": "",
        "stad": "",
        "adresregel1": "",
        "adresregel2": "",
        "adresregel3": "",
        "postcode": "",
        "land": "",
    }


def test_geboortedatum_and_geslachtsnaam_are_required(cg):
    response = cg.post("persoon", {"voornamen": "Jan"})
    assert invalid_names(response) == {"geboortedatum", "geslachtsnaam"}
    assert Persoon.objects.count() == 0


@pytest.mark.parametrize("blank", ["", "   "])
def test_geslachtsnaam_may_not_be_blank(cg, blank):
    response = cg.post("persoon", {**PERSOON, "geslachtsnaam": blank})
    assert invalid_names(response) == {"geslachtsnaam"}
    assert Persoon.objects.count() == 0


@pytest.mark.parametrize("geslacht", ["m", "v", "o", ""])
def test_geslacht_is_m_v_o_or_empty(cg, geslacht):
    assert create(cg, geslacht=geslacht)["geslacht"] == geslacht


@pytest.mark.parametrize("geslacht", ["x", "M", "man", None])
def test_another_geslacht_is_refused(cg, geslacht):
    response = cg.post("persoon", {**PERSOON, "geslacht": geslacht})
    assert invalid_names(response) == {"geslacht"}


@pytest.mark.parametrize(
    ("field", "limit"), [("geslachtsnaam", 200), ("voorvoegsel", 10), ("voornamen", 200)]
)
def test_text_lengths(cg, field, limit):
    assert create(cg, **{field: "a" * limit})[field] == "a" * limit
    response = cg.post("persoon", {**PERSOON, field: "a" * (limit + 1)})
    assert invalid_names(response) == {field}
    assert response.json()["invalidParams"][0]["code"] == "max_length"


@pytest.mark.parametrize("value", ["17-05-1980", "1980-05-17T00:00:00", "1980-02-30", 0, ""])
def test_dates_are_written_yyyy_mm_dd(cg, value):
    response = cg.post("persoon", {**PERSOON, "geboortedatum": value, "overlijdensdatum": value})
    assert invalid_names(response) == {"geboortedatum", "overlijdensdatum"}


def test_overlijdensdatum_not_before_geboortedatum(cg):
    response = cg.post("persoon", {**PERSOON, "overlijdensdatum": "1980-05-16"})
    assert invalid_names(response) == {"overlijdensdatum"}
    assert Persoon.objects.count() == 0
    assert create(cg, overlijdensdatum="1980-05-17")["overlijdensdatum"] == "1980-05-17"


def test_the_date_order_is_checked_against_the_stored_dates_on_patch(cg):
    persoon = create(cg, overlijdensdatum="2020-01-01")
    too_early = cg.patch(f"persoon/{persoon['uuid']}", {"overlijdensdatum": "1970-01-01"})
    assert invalid_names(too_early) == {"overlijdensdatum"}
    # Moving only the birth date past the stored date of death names the birth date.
    too_late = cg.patch(f"persoon/{persoon['uuid']}", {"geboortedatum": "2021-01-01"})
    assert invalid_names(too_late) == {"geboortedatum"}
    assert cg.get(f"persoon/{persoon['uuid']}").json() == persoon


def test_dates_in_the_future_are_refused(cg):
    born_tomorrow = cg.post("persoon", {**PERSOON, "geboortedatum": tomorrow()})
    assert invalid_names(born_tomorrow) == {"geboortedatum"}
    dies_tomorrow = cg.post("persoon", {**PERSOON, "overlijdensdatum": tomorrow()})
    assert invalid_names(dies_tomorrow) == {"overlijdensdatum"}
    assert Persoon.objects.count() == 0
    today = timezone.localdate().isoformat()
    assert create(cg, geboortedatum=today, overlijdensdatum=today)["overlijdensdatum"] == today


def test_every_broken_rule_is_named_at_once(cg):
    response = cg.post(
        "persoon",
        {**PERSOON, "geboortedatum": tomorrow(), "geslachtsnaam": "   ", "voorvoegsel": "x" * 11},
    )
    # The shape is checked first (all its errors at once), the rules only on a sound body.
    assert invalid_names(response) == {"voorvoegsel"}
    response = cg.post(
        "persoon",
        {
            **PERSOON,
            "geboortedatum": tomorrow(),
            "overlijdensdatum": "2000-01-01",
            "geslachtsnaam": "   ",
        },
    )
    assert invalid_names(response) == {"geboortedatum", "overlijdensdatum", "geslachtsnaam"}


@pytest.mark.parametrize(
    ("adres", "name"),
    [
        ({"postcode": "0123 AB"}, "adres.postcode"),
        ({"nummeraanduidingId": "12345"}, "adres.nummeraanduidingId"),
        ({"land": "nl"}, "adres.land"),
        ({"huisnummer": 0}, "adres.huisnummer"),
        ({"huisnummer": 100000}, "adres.huisnummer"),
        ({"adresregel1": "a" * 81}, "adres.adresregel1"),
    ],
)
def test_adres_parts_are_checked(cg, adres, name):
    response = cg.post("persoon", {**PERSOON, "adres": adres})
    assert invalid_names(response) == {name}


def test_put_requires_the_required_fields_and_changes_nothing_without_them(cg):
    persoon = create(cg)
    response = cg.put(f"persoon/{persoon['uuid']}", {"voornamen": "Piet"})
    assert invalid_names(response) == {"geboortedatum", "geslachtsnaam"}
    assert cg.get(f"persoon/{persoon['uuid']}").json() == persoon


def test_put_sets_what_is_sent_and_leaves_optional_fields_out_unchanged(cg):
    # The spec: "Optional fields are left unchanged if they are not specified."
    persoon = create(cg)
    response = cg.put(
        f"persoon/{persoon['uuid']}",
        {"geboortedatum": "1981-06-18", "geslachtsnaam": "Berg", "voornamen": "Piet"},
    )
    assert response.status_code == 200, response
    body = response.json()
    assert body["geboortedatum"] == "1981-06-18"
    assert body["geslachtsnaam"] == "Berg"
    assert body["voornamen"] == "Piet"
    assert body["voorvoegsel"] == persoon["voorvoegsel"]
    assert body["geslacht"] == persoon["geslacht"]
    assert body["adres"] == persoon["adres"]


def test_patch_changes_only_what_is_sent(cg):
    persoon = create(cg)
    response = cg.patch(f"persoon/{persoon['uuid']}", {"voornamen": "Piet"})
    assert response.status_code == 200, response
    assert response.json() == {**persoon, "voornamen": "Piet"}


def test_patch_sets_and_clears_overlijdensdatum(cg):
    persoon = create(cg)
    url = f"persoon/{persoon['uuid']}"
    assert cg.patch(url, {"overlijdensdatum": "2020-03-01"}).json()["overlijdensdatum"] == (
        "2020-03-01"
    )
    assert cg.patch(url, {"overlijdensdatum": None}).json()["overlijdensdatum"] is None


@pytest.mark.parametrize("field", ["geboortedatum", "geslachtsnaam", "geslacht", "voornamen"])
def test_patch_cannot_null_a_field_that_is_not_nullable(cg, field):
    persoon = create(cg)
    response = cg.patch(f"persoon/{persoon['uuid']}", {field: None})
    assert invalid_names(response) == {field}


def test_adres_is_one_value_replaced_as_a_whole_or_emptied_by_null(cg):
    persoon = create(cg)
    url = f"persoon/{persoon['uuid']}"
    replaced = cg.patch(url, {"adres": {"adresregel1": "Postbus 16200", "land": "NL"}}).json()
    assert replaced["adres"]["adresregel1"] == "Postbus 16200"
    assert replaced["adres"]["straatnaam"] == ""
    assert replaced["adres"]["huisnummer"] is None
    assert replaced["adres"]["postcode"] == ""
    emptied = cg.patch(url, {"adres": None}).json()
    assert emptied["adres"] == {
        "nummeraanduidingId": "",
        "straatnaam": "",
        "huisnummer": None,
        "huisnummertoevoeging": "",
        "postcode": "",
        "stad": "",
        "adresregel1": "",
        "adresregel2": "",
        "adresregel3": "",
        "land": "",
    }


def test_delete_persoon(cg):
    persoon = create(cg)
    response = cg.delete(f"persoon/{persoon['uuid']}")
    assert response.status_code == 204
    assert response.content == b""
    assert cg.get(f"persoon/{persoon['uuid']}").status_code == 404


def test_every_change_is_in_the_audit_trail(cg):
    persoon = create(cg)
    cg.patch(f"persoon/{persoon['uuid']}", {"geslachtsnaam": "Berg"})
    cg.delete(f"persoon/{persoon['uuid']}")
    trail = AuditTrail.objects.filter(resource_uuid=persoon["uuid"]).order_by("pk")
    assert [entry.actie for entry in trail] == ["create", "update", "destroy"]
    update = trail[1]
    assert update.applicatie == "Test"
    assert update.oud["geslachtsnaam"] == "Dijk"
    assert update.nieuw["geslachtsnaam"] == "Berg"


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_unknown_persoon_is_a_404(cg, method):
    kwargs = {"json": PERSOON} if method in {"put", "patch"} else {}
    response = getattr(cg, method)(f"persoon/{UNKNOWN}", **kwargs)
    assert response.status_code == 404


def test_an_older_record_breaking_a_rule_can_still_be_changed_elsewhere(cg):
    # Rules are checked on what a change touches, so a record imported before a rule
    # existed does not block unrelated corrections.
    persoon = Persoon.objects.create(
        geboortedatum=datetime.date(2000, 1, 1),
        overlijdensdatum=datetime.date(1999, 1, 1),
        geslachtsnaam="Oud",
    )
    response = cg.patch(f"persoon/{persoon.uuid}", {"voornamen": "Piet"})
    assert response.status_code == 200, response
    response = cg.patch(f"persoon/{persoon.uuid}", {"overlijdensdatum": "1999-06-01"})
    assert invalid_names(response) == {"overlijdensdatum"}


def test_the_service_checks_every_field_for_callers_other_than_the_api():
    with pytest.raises(ValidationError) as raised:
        create_persoon(
            {
                "geboortedatum": datetime.date(1980, 1, 1),
                "geslachtsnaam": "Dijk",
                "geslacht": "x",
                "adres_postcode": "1234ab",
            },
            SYSTEM,
        )
    assert set(raised.value.error_dict) == {"geslacht", "adres_postcode"}
    assert Persoon.objects.count() == 0
