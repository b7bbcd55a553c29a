"""Human-readable numbers are unique, also when many requests ask for one at once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from klantbeeld.domain.models import Partij
from klantbeeld.domain.services import partijen
from klantbeeld.domain.services.common import ChangeContext
from tests.support.client import invalid_names

PERSOON = {
    "soortPartij": "persoon",
    "indicatieActief": True,
    "partijIdentificatie": {"contactnaam": {"voornaam": "Piet"}},
}


@pytest.mark.django_db
def test_numbers_count_up_and_skip_numbers_clients_chose(ki):
    ki.post("partijen", PERSOON | {"nummer": "0000000002"})
    first = ki.post("partijen", PERSOON).json()["nummer"]
    second = ki.post("partijen", PERSOON).json()["nummer"]
    assert (first, second) == ("0000000001", "0000000003")


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


@pytest.mark.django_db
def test_an_empty_number_gets_a_fresh_one_and_null_clears_it(ki):
    partij = ki.post("partijen", PERSOON | {"nummer": ""}).json()
    assert partij["nummer"] == "0000000001"
    renumbered = ki.patch(f"partijen/{partij['uuid']}", {"nummer": ""}).json()
    assert renumbered["nummer"] == "0000000002"
    cleared = ki.patch(f"partijen/{partij['uuid']}", {"nummer": None}).json()
    assert cleared["nummer"] is None
