"""Trigger-kept row counts (PostgreSQL): exact after inserts, deletes, bulk loads and
truncation, folded without losing changes; lists of a whole table use them."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from klantbeeld.domain.models import Klantcontact, Partij, Rijtelling
from klantbeeld.domain.services import tellingen

pytestmark = pytest.mark.django_db


def _partij(naam: str) -> Partij:
    return Partij.objects.create(soort_partij="organisatie", indicatie_actief=True, naam=naam)


def test_count_is_exact_after_inserts_and_deletes():
    partijen = [_partij(f"P{i}") for i in range(5)]
    Partij.objects.filter(pk__in=[p.pk for p in partijen[:2]]).delete()
    assert tellingen.aantal(Partij) == Partij.objects.count() == 3


def test_count_is_exact_after_a_bulk_load():
    call_command("demo_data", "--partijen", "30")
    assert tellingen.aantal(Partij) == Partij.objects.count() == 30
    assert tellingen.aantal(Klantcontact) == Klantcontact.objects.count() == 60


@pytest.mark.postgres_only
def test_the_database_keeps_the_count_and_folding_keeps_it_exact():
    if connection.vendor != "postgresql":
        pytest.skip("the counting triggers exist on PostgreSQL only")
    for index in range(7):
        _partij(f"P{index}")
    assert Rijtelling.objects.filter(tabel="domain_partij").count() >= 7
    tellingen.fold("domain_partij")
    assert list(
        Rijtelling.objects.filter(tabel="domain_partij").values_list("aantal", flat=True)
    ) == [7]
    _partij("na het vouwen")
    assert tellingen.aantal(Partij) == 8


@pytest.mark.postgres_only
def test_a_whole_table_list_does_not_count_the_table(ki):
    if connection.vendor != "postgresql":
        pytest.skip("the counting triggers exist on PostgreSQL only")
    for index in range(3):
        _partij(f"P{index}")
    with connection.execute_wrapper(_refuse_count("domain_partij")):
        page = ki.get("partijen")
    assert page.json()["count"] == 3
    filtered = ki.get("partijen", {"soortPartij": "organisatie"})
    assert filtered.json()["count"] == 3


def _refuse_count(table: str):
    def wrapper(execute, sql, params, many, context):
        if "COUNT(*)" in sql.upper() and f'"{table}"' in sql and "WHERE" not in sql.upper():
            raise AssertionError(f"the whole of {table} was counted: {sql}")
        return execute(sql, params, many, context)

    return wrapper
