"""Human-readable numbers are unique, also when many requests ask for one at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from klantbeeld.domain.models import Partij
from klantbeeld.domain.services import partijen
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.nummers import next_nummer, reserve_nummers
from tests.support.client import invalid_names

PERSOON = {
    "soortPartij": "persoon",
    "indicatieActief": True,
    "partijIdentificatie": {"contactnaam": {"voornaam": "Piet"}},
}


def number(value: int) -> str:
    return f"{value:010d}"


@pytest.mark.django_db
def test_numbers_count_up_and_skip_numbers_clients_chose(ki):
    # Relative to the first: on PostgreSQL the sequences are not reset between tests.
    start = int(ki.post("partijen", PERSOON).json()["nummer"])
    ki.post("partijen", PERSOON | {"nummer": number(start + 2)})
    first = ki.post("partijen", PERSOON).json()["nummer"]
    second = ki.post("partijen", PERSOON).json()["nummer"]
    assert (first, second) == (number(start + 1), number(start + 3))


@pytest.mark.django_db
def test_bulk_reservations_skip_numbers_in_use_and_continue_the_series(ki):
    start = int(ki.post("partijen", PERSOON).json()["nummer"])
    ki.post("partijen", PERSOON | {"nummer": number(start + 2)})
    reserved = reserve_nummers("partij.nummer", Partij, "nummer", 3)
    assert reserved == [number(start + 1), number(start + 3), number(start + 4)]
    assert ki.post("partijen", PERSOON).json()["nummer"] == number(start + 5)


def test_an_unknown_series_is_a_programming_error():
    with pytest.raises(ValueError, match="Unknown number series"):
        next_nummer("partij.volgnummer", Partij, "nummer")


@pytest.mark.django_db
def test_a_number_chosen_twice_or_not_digits_is_refused(ki):
    ki.post("partijen", PERSOON | {"nummer": "42"})
    assert invalid_names(ki.post("partijen", PERSOON | {"nummer": "42"})) == {"nummer"}
    assert invalid_names(ki.post("partijen", PERSOON | {"nummer": "A1"})) == {"nummer"}


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_creation_hands_out_distinct_numbers():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises every write")

    def create(index: int) -> str:
        try:
            partij = partijen.create_partij(
                {
                    "soort_partij": "persoon",
                    "indicatie_actief": True,
                    "contactnaam_voornaam": f"P{index}",
                },
                ChangeContext(applicatie="test"),
            )
            return str(partij.nummer)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        numbers = list(pool.map(create, range(40)))
    assert len(set(numbers)) == 40
    assert Partij.objects.count() == 40


KLANTCONTACT = {"kanaal": "chat", "onderwerp": "x", "taal": "nld", "vertrouwelijk": False}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("collection", "body", "fields"),
    [
        ("partijen", PERSOON, ["nummer"]),
        ("klantcontacten", KLANTCONTACT, ["nummer", "referentienummer"]),
    ],
)
def test_an_empty_number_counts_as_not_given_and_null_clears_it(ki, collection, body, fields):
    blank = {field: "" for field in fields}
    created = ki.post(collection, body | blank).json()
    for field in fields:
        assert len(created[field]) == 10 and created[field].isdigit()
    url = f"{collection}/{created['uuid']}"
    for method in (ki.patch, ki.put):
        kept = method(url, body | blank).json()
        assert {f: kept[f] for f in fields} == {f: created[f] for f in fields}
    cleared = ki.patch(url, {field: None for field in fields}).json()
    assert all(cleared[field] is None for field in fields)
    # Without a number, "" hands one out again.
    renumbered = ki.patch(url, blank).json()
    for field in fields:
        assert renumbered[field] and renumbered[field] != created[field]


@pytest.mark.django_db
def test_an_interne_taak_keeps_its_numbers_when_given_empty_ones(ki):
    from tests.klantinteracties.test_internetaken import actor, body, klantcontact

    blank = {"nummer": "", "referentienummer": ""}
    taak = ki.post("internetaken", body(klantcontact(), actor(ki)) | blank).json()
    assert taak["nummer"] and taak["referentienummer"]
    kept = ki.patch(f"internetaken/{taak['uuid']}", blank).json()
    assert (kept["nummer"], kept["referentienummer"]) == (
        taak["nummer"],
        taak["referentienummer"],
    )
