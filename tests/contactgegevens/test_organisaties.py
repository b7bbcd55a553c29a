"""/organisatie: organisations in the Contactgegevens register."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from klantbeeld.domain.models import AuditTrail, Organisatie
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

ORGANISATIE = {
    "handelsnaam": "Bakkerij De Korst",
    "oprichtingsdatum": "1998-03-01",
    "adres": {"nummeraanduidingId": "0344200000123456", "postcode": "3511 AB", "stad": "Utrecht"},
}
UNKNOWN = "8d7e9b4c-0f4a-4e8e-9a55-5d0b5f1a1a1a"


def create(cg, **changes):
    response = cg.post("organisatie", {**ORGANISATIE, **changes})
    assert response.status_code == 201, response
    return response.json()


def test_create_and_read_an_organisatie(cg):
    body = create(cg)
    assert body["url"].endswith(f"/contactgegevens/api/v1/organisatie/{body['uuid']}")
    assert body["handelsnaam"] == "Bakkerij De Korst"
    assert body["oprichtingsdatum"] == "1998-03-01"
    assert body["opheffingsdatum"] is None
    assert body["adres"] == {
        "nummeraanduidingId": "0344200000123456",
        "straatnaam": "",
        "huisnummer": None,
        "huisnummertoevoeging": "",
        "postcode": "3511 AB",
        "stad": "Utrecht",
        "adresregel1": "",
        "adresregel2": "",
        "adresregel3": "",
        "land": "",
    }
    assert cg.get(f"organisatie/{body['uuid']}").json() == body


def test_only_handelsnaam_is_needed(cg):
    response = cg.post("organisatie", {"handelsnaam": "Korst"})
    assert response.status_code == 201, response
    body = response.json()
    assert body["oprichtingsdatum"] is None
    assert body["opheffingsdatum"] is None
    assert body["adres"]["straatnaam"] == ""


def test_handelsnaam_is_required(cg):
    response = cg.post("organisatie", {"oprichtingsdatum": "2000-01-01"})
    assert invalid_names(response) == {"handelsnaam"}
    assert Organisatie.objects.count() == 0


@pytest.mark.parametrize("blank", ["", "  "])
def test_handelsnaam_may_not_be_blank(cg, blank):
    response = cg.post("organisatie", {**ORGANISATIE, "handelsnaam": blank})
    assert invalid_names(response) == {"handelsnaam"}


def test_handelsnaam_length(cg):
    assert create(cg, handelsnaam="a" * 255)["handelsnaam"] == "a" * 255
    response = cg.post("organisatie", {**ORGANISATIE, "handelsnaam": "a" * 256})
    assert invalid_names(response) == {"handelsnaam"}


@pytest.mark.parametrize("value", ["01-03-1998", "1998-03-01T12:00:00Z", 19980301])
def test_dates_are_written_yyyy_mm_dd(cg, value):
    response = cg.post(
        "organisatie", {**ORGANISATIE, "oprichtingsdatum": value, "opheffingsdatum": value}
    )
    assert invalid_names(response) == {"oprichtingsdatum", "opheffingsdatum"}


def test_opheffingsdatum_not_before_oprichtingsdatum(cg):
    response = cg.post("organisatie", {**ORGANISATIE, "opheffingsdatum": "1998-02-28"})
    assert invalid_names(response) == {"opheffingsdatum"}
    assert Organisatie.objects.count() == 0
    assert create(cg, opheffingsdatum="1998-03-01")["opheffingsdatum"] == "1998-03-01"


def test_the_date_order_is_checked_against_the_stored_dates_on_patch(cg):
    organisatie = create(cg, opheffingsdatum="2010-01-01")
    url = f"organisatie/{organisatie['uuid']}"
    assert invalid_names(cg.patch(url, {"opheffingsdatum": "1990-01-01"})) == {"opheffingsdatum"}
    assert invalid_names(cg.patch(url, {"oprichtingsdatum": "2011-01-01"})) == {"oprichtingsdatum"}
    assert cg.get(url).json() == organisatie


def test_dates_in_the_future_are_allowed(cg):
    # Founding and dissolving are announced ahead of time.
    future = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    body = create(cg, oprichtingsdatum=None, opheffingsdatum=future)
    assert body["opheffingsdatum"] == future


def test_adres_parts_are_checked(cg):
    response = cg.post(
        "organisatie", {**ORGANISATIE, "adres": {"postcode": "3511AB", "land": "Nederland"}}
    )
    assert invalid_names(response) == {"adres.postcode", "adres.land"}


def test_put_requires_handelsnaam_and_changes_nothing_without_it(cg):
    organisatie = create(cg)
    response = cg.put(f"organisatie/{organisatie['uuid']}", {"opheffingsdatum": "2020-01-01"})
    assert invalid_names(response) == {"handelsnaam"}
    assert cg.get(f"organisatie/{organisatie['uuid']}").json() == organisatie


def test_put_sets_what_is_sent_and_leaves_optional_fields_out_unchanged(cg):
    organisatie = create(cg)
    response = cg.put(
        f"organisatie/{organisatie['uuid']}",
        {"handelsnaam": "Korst B.V.", "opheffingsdatum": "2020-01-01"},
    )
    assert response.status_code == 200, response
    assert response.json() == {
        **organisatie,
        "handelsnaam": "Korst B.V.",
        "opheffingsdatum": "2020-01-01",
    }


def test_patch_changes_only_what_is_sent(cg):
    organisatie = create(cg)
    response = cg.patch(f"organisatie/{organisatie['uuid']}", {"handelsnaam": "Korst"})
    assert response.status_code == 200, response
    assert response.json() == {**organisatie, "handelsnaam": "Korst"}


def test_patch_clears_a_date_with_null_but_not_handelsnaam(cg):
    organisatie = create(cg)
    url = f"organisatie/{organisatie['uuid']}"
    assert cg.patch(url, {"oprichtingsdatum": None}).json()["oprichtingsdatum"] is None
    assert invalid_names(cg.patch(url, {"handelsnaam": None})) == {"handelsnaam"}


def test_patch_adres_replaces_the_whole_group(cg):
    organisatie = create(cg)
    response = cg.patch(f"organisatie/{organisatie['uuid']}", {"adres": {"stad": "Zeist"}})
    adres = response.json()["adres"]
    assert adres["stad"] == "Zeist"
    assert adres["postcode"] == ""
    assert adres["nummeraanduidingId"] == ""


def test_delete_organisatie(cg):
    organisatie = create(cg)
    assert cg.delete(f"organisatie/{organisatie['uuid']}").status_code == 204
    assert cg.get(f"organisatie/{organisatie['uuid']}").status_code == 404
    assert AuditTrail.objects.filter(resource_uuid=organisatie["uuid"], actie="destroy").exists()


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_unknown_organisatie_is_a_404(cg, method):
    kwargs = {"json": ORGANISATIE} if method in {"put", "patch"} else {}
    response = getattr(cg, method)(f"organisatie/{UNKNOWN}", **kwargs)
    assert response.status_code == 404
