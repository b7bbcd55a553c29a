"""Writing many rows fast: COPY on PostgreSQL, batched INSERTs elsewhere.

Rows are given as dicts of attribute names; every other column gets the model field's
default, computed once per table (a fresh uuid7 for the primary key), because COPY does
not apply Django's Python-side defaults.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import connection, models

from klantbeeld.domain.models.base import uuid7


class Table:
    """The columns of one model and how a row of it is written."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        # A database-generated key (AutoField) is left to the database.
        self.fields = [
            field
            for field in model._meta.concrete_fields
            if not isinstance(field, models.AutoField | models.BigAutoField)
        ]
        self.attnames = [field.attname for field in self.fields]
        self.defaults: dict[str, Any] = {}
        for field in self.fields:
            if field.primary_key:
                continue
            if field.has_default() and not callable(field.default):
                self.defaults[field.attname] = field.default
            elif field.has_default():
                self.defaults[field.attname] = field.get_default()
            else:
                self.defaults[field.attname] = None if field.null else ""
        pk = model._meta.pk
        self.pk = pk.attname if pk is not None and pk in self.fields else None

    def row(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        merged = {**self.defaults, **values}
        if self.pk is not None and self.pk not in merged:
            merged[self.pk] = uuid7()
        return tuple(merged[name] for name in self.attnames)


class BulkWriter:
    """Collect rows per table and write them in batches."""

    def __init__(self, batch_size: int = 20_000) -> None:
        self.batch_size = batch_size
        self.pending: dict[type[models.Model], list[tuple[Any, ...]]] = {}
        self.tables: dict[type[models.Model], Table] = {}
        self.counts: dict[str, int] = {}
        self.order: list[type[models.Model]] = []

    def table(self, model: type[models.Model]) -> Table:
        if model not in self.tables:
            self.tables[model] = Table(model)
            self.order.append(model)
        return self.tables[model]

    def add(self, model: type[models.Model], values: Mapping[str, Any]) -> Any:
        """Queue a row; returns its primary key (None when the database assigns it)."""
        table = self.table(model)
        row = table.row(values)
        self.pending.setdefault(model, []).append(row)
        return row[table.attnames.index(table.pk)] if table.pk is not None else None

    def flush(self) -> None:
        """Write everything queued, parents before children (the order tables were first
        used in)."""
        for model in self.order:
            rows = self.pending.pop(model, [])
            if rows:
                _write(self.tables[model], rows)
                name = model._meta.model_name or model.__name__
                self.counts[name] = self.counts.get(name, 0) + len(rows)


def _write(table: Table, rows: list[tuple[Any, ...]]) -> None:
    if connection.vendor == "postgresql":
        _copy(table, rows)
    else:
        _insert(table, rows)


def _copy(table: Table, rows: Iterable[tuple[Any, ...]]) -> None:
    from psycopg.types.json import Jsonb

    json_columns = {
        index for index, field in enumerate(table.fields) if isinstance(field, models.JSONField)
    }
    columns = ", ".join(connection.ops.quote_name(field.column) for field in table.fields)
    sql = f"COPY {connection.ops.quote_name(table.model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            if json_columns:
                row = tuple(
                    Jsonb(value) if index in json_columns else value
                    for index, value in enumerate(row)
                )
            copy.write_row(row)


def _insert(table: Table, rows: list[tuple[Any, ...]]) -> None:
    prepared = [
        tuple(
            json.dumps(value)
            if isinstance(field, models.JSONField)
            else field.get_db_prep_value(value, connection, prepared=False)
            for field, value in zip(table.fields, row, strict=True)
        )
        for row in rows
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in table.fields)
    marks = ", ".join(["%s"] * len(table.fields))
    name = connection.ops.quote_name(table.model._meta.db_table)
    sql = f"INSERT INTO {name} ({columns}) VALUES ({marks})"
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)
