"""Every filter the APIs offer is backed by a database index (DESIGN.md, issue 2).

Each filter's lookup path is followed through the models to the column it compares; that
column must be indexed on its own or lead a composite index. Substring filters
(``icontains``) cannot use a B-tree index; they are listed here on purpose and have
trigram (GIN) indexes on PostgreSQL (migration 0004).
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django.db import connection, models
from ninja import FilterLookup, FilterSchema

import klantbeeld.api.contactgegevens as contactgegevens
import klantbeeld.api.klantinteracties as klantinteracties

LOOKUP_SUFFIXES = {"exact", "gt", "gte", "lt", "lte", "isnull", "in", "iexact"}
SUBSTRING_SUFFIXES = {"icontains", "contains"}


def _modules():
    for package in (klantinteracties, contactgegevens):
        for info in pkgutil.iter_modules(package.__path__):
            yield importlib.import_module(f"{package.__name__}.{info.name}")


def _filter_lookups():
    """(module, filter field, model, lookup) for every declared FilterLookup."""
    for module in _modules():
        resource = getattr(module, "resource", None)
        for value in vars(module).values():
            if not (
                isinstance(value, type)
                and issubclass(value, FilterSchema)
                and value is not FilterSchema
                and value.__module__ == module.__name__
            ):
                continue
            model = _model_for(module, value, resource)
            for name, field in value.model_fields.items():
                for meta in field.metadata:
                    if isinstance(meta, FilterLookup):
                        lookups = [meta.q] if isinstance(meta.q, str) else list(meta.q or [])
                        for lookup in lookups:
                            yield module.__name__, name, model, lookup


def _model_for(module, filter_class, resource):
    relaties = getattr(module, "relatie_resource", None)
    if relaties is not None and "Relatie" in filter_class.__name__:
        return relaties.model
    return resource.model


def _indexed(model: type[models.Model], column: str) -> bool:
    field = model._meta.get_field(column)
    if getattr(field, "primary_key", False) or getattr(field, "unique", False):
        return True
    if getattr(field, "db_index", False) or isinstance(field, models.ForeignKey):
        return True
    leading = [index.fields[0] for index in model._meta.indexes if index.fields]
    leading += [c.fields[0] for c in model._meta.constraints if getattr(c, "fields", None)]
    return column in leading


def _target(model: type[models.Model], lookup: str) -> tuple[type[models.Model], str, str]:
    parts = lookup.split("__")
    suffix = parts[-1] if parts[-1] in LOOKUP_SUFFIXES | SUBSTRING_SUFFIXES else "exact"
    if suffix != "exact" or parts[-1] == "exact":
        parts = parts[:-1]
    current = model
    for part in parts[:-1]:
        current = current._meta.get_field(part).related_model  # type: ignore[assignment]
    last = current._meta.get_field(parts[-1])
    if last.is_relation and last.related_model is not None and not last.concrete:
        # a reverse relation compared by key: the other side's foreign key is indexed
        return last.related_model, last.remote_field.name, suffix
    return current, parts[-1], suffix


ALL = sorted(set(_filter_lookups()), key=lambda item: (item[0], item[1], item[3]))
SUBSTRING = [item for item in ALL if _target(item[2], item[3])[2] in SUBSTRING_SUFFIXES]
LOOKUPS = [item for item in ALL if item not in SUBSTRING]

# Substring searches: a B-tree index cannot serve them. Known and listed, so that a new one
# is a decision (and gets its trigram index in a migration).
KNOWN_SUBSTRING_FILTERS = {
    ("klantbeeld.api.klantinteracties.actoren", "naam"),
    ("klantbeeld.api.klantinteracties.digitaleadressen", "adres_icontains"),
    ("klantbeeld.api.klantinteracties.digitaleadressen", "omschrijving"),
    ("klantbeeld.api.klantinteracties.klantcontacten", "had_betrokkene_adres"),
    ("klantbeeld.api.klantinteracties.klantcontacten", "inhoud"),
    ("klantbeeld.api.klantinteracties.klantcontacten", "onderwerp"),
    ("klantbeeld.api.klantinteracties.klantcontacten", "reactie"),
}


def test_the_filters_are_found():
    assert len(LOOKUPS) > 80


def test_substring_filters_are_the_known_ones():
    assert {(module, name) for module, name, _, _ in SUBSTRING} == KNOWN_SUBSTRING_FILTERS


@pytest.mark.parametrize(("module", "name", "model", "lookup"), LOOKUPS)
def test_every_filter_has_an_index(module, name, model, lookup):
    target_model, column, _ = _target(model, lookup)
    assert _indexed(target_model, column), f"{module}: {name} → {target_model.__name__}.{column}"


@pytest.mark.postgres_only
@pytest.mark.django_db
@pytest.mark.parametrize(("module", "name", "model", "lookup"), SUBSTRING)
def test_every_substring_filter_has_a_trigram_index(module, name, model, lookup):
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are a PostgreSQL feature")
    target_model, column, _ = _target(model, lookup)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s",
            [target_model._meta.db_table],
        )
        definitions = [row[0] for row in cursor.fetchall()]
    assert any(
        "gin_trgm_ops" in d and f"upper(({column})::text)" in d.lower() for d in definitions
    ), f"{module}: {name} → {target_model.__name__}.{column}"


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_planner_uses_the_trigram_index_for_icontains():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are a PostgreSQL feature")
    from klantbeeld.domain.models import Klantcontact

    query = Klantcontact.objects.filter(onderwerp__icontains="afval").order_by().query
    sql, params = query.sql_with_params()
    with connection.cursor() as cursor:
        # An empty test table is cheapest to scan whole; leave the planner only the
        # bitmap scans, which need an index whose condition matches.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "domain_klantcontact_onderwerp_trgm" in plan


@pytest.mark.postgres_only
@pytest.mark.django_db
def test_the_name_search_has_trigram_indexes_on_the_name_columns():
    """The workspace's search by any part of a name (domain/services/zoeken.py)."""
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes are a PostgreSQL feature")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'domain_partij'")
        definitions = [row[0].lower() for row in cursor.fetchall()]
    for column in (
        "contactnaam_achternaam",
        "contactnaam_voornaam",
        "contactnaam_voorvoegsel_achternaam",
        "naam",
    ):
        assert any("gin_trgm_ops" in d and f"upper(({column})::text)" in d for d in definitions), (
            column
        )
