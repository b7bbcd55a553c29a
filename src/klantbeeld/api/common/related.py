"""The keys of related rows as one list per row, fetched in the row's own query.

A prefetch costs a round trip and Django compiling a query, about a millisecond each;
a resource that only *refers* to its related rows (``{uuid, url}``) needs no more than
their keys, so these come along as an array subquery instead. The subquery's SQL is
written out once per expression from the model's metadata: a Django ``Subquery`` would be
compiled again on every request, which cost more than the queries it saved.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Field, Func, Model
from django.db.models.expressions import Expression
from django.db.models.sql.compiler import SQLCompiler

_Sql = tuple[str, list[Any]]


class KeyList(Field):
    """A list of uuids as PostgreSQL (``uuid[]``) or SQLite (JSON text) returns it."""

    def get_internal_type(self) -> str:
        return "KeyList"

    def from_db_value(self, value: Any, expression: Expression, connection: Any) -> list[UUID]:
        return keys_from_db(value)


def keys_from_db(value: Any) -> list[UUID]:
    if value is None:
        return []
    if isinstance(value, str):
        return [UUID(item) for item in json.loads(value) if item is not None]
    return [item for item in value if item is not None]


def _column(model: type[Model], name: str) -> str:
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return str(field.column)  # type: ignore[union-attr]


class RelatedKeys(Func):
    """``RelatedKeys(Betrokkene, "was_partij")``: per row, the uuids of the betrokkenen
    whose ``was_partij`` is that row, in ``order_by`` order. ``key`` picks another column
    of the related rows (e.g. the other side of a link table)."""

    def __init__(
        self,
        model: type[Model],
        link: str,
        *,
        key: str = "pk",
        order_by: tuple[str, ...] = ("pk",),
    ) -> None:
        # The row's own key is the one source expression, so Django gives it the right
        # table alias wherever the queryset ends up (a join, a subquery).
        super().__init__(F("pk"), output_field=KeyList())
        self.table = model._meta.db_table
        self.link_column = _column(model, link)
        self.key_column = _column(model, key)
        self.ordering = [
            (_column(model, name.lstrip("-")), name.startswith("-")) for name in order_by
        ]

    def _select(self, connection: BaseDatabaseWrapper, outer: str) -> str:
        q = connection.ops.quote_name
        order = ", ".join(
            f"r.{q(column)}{' DESC' if desc else ''}" for column, desc in self.ordering
        )
        return (
            f"SELECT r.{q(self.key_column)} AS v FROM {q(self.table)} r "
            f"WHERE r.{q(self.link_column)} = {outer} ORDER BY {order}"
        )

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> _Sql:
        outer, params = compiler.compile(self.source_expressions[0])
        select = self._select(connection, outer)
        if connection.vendor == "postgresql":
            return f"ARRAY({select})", list(params)
        # json_group_array keeps the order of the rows of an ordered subquery.
        return f"(SELECT json_group_array(related.v) FROM ({select}) related)", list(params)
