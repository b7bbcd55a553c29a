"""Related rows fetched in the row's own query: their keys (``RelatedKeys``) or the rows
themselves (``RelatedRows``), one list per row.

A prefetch costs a round trip and Django compiling a query, about a millisecond each;
a resource that *refers* to its related rows (``{uuid, url}``) needs only their keys, and
one that embeds a few small rows (a partij's identificatoren) needs only their columns, so
these come along as a subquery instead. The subquery's SQL is written once per shape and
database from the models' metadata and kept: a Django ``Subquery`` would be compiled again
on every request, which cost more than the queries it saved.

Related rows the caller may not see (R12) are left out: for such a caller the subquery
gets one more condition, ``NOT EXISTS`` a hidden row of the related model with the listed
row's key (the domain's ``hidden_under``, correlated so that only the listed rows are
checked), compiled once per database and kept as well.
"""

from __future__ import annotations

import json
from functools import cache, cached_property
from typing import Any
from uuid import UUID

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, Field, Func, Model
from django.db.models.expressions import Expression, RawSQL
from django.db.models.sql.compiler import SQLCompiler

from klantbeeld.domain.confidentiality import hidden_under, hides_under, writing

_Sql = tuple[str, list[Any]]
_OUTER = "%(outer)s"


class KeyList(Field):
    """A list of uuids as PostgreSQL (``uuid[]``) or SQLite (JSON text) returns it."""

    def get_internal_type(self) -> str:
        return "KeyList"

    def from_db_value(self, value: Any, expression: Expression, connection: Any) -> list[UUID]:
        if value is None:
            return []
        if isinstance(value, str):
            return [UUID(item) for item in json.loads(value) if item is not None]
        return [item for item in value if item is not None]


class RowList(Field):
    """Rows of ``model`` as a JSON array of objects (column name → value), turned back
    into model instances as if Django had read them, with the rows of ``joined`` foreign
    keys under ``<name>__<column>`` (as ``select_related``)."""

    def __init__(self, model: type[Model], joined: tuple[str, ...]) -> None:
        super().__init__()
        self.row_model = model
        self.joined = [(name, model._meta.get_field(name)) for name in joined]

    def get_internal_type(self) -> str:
        return "RowList"

    def from_db_value(self, value: Any, expression: Expression, connection: Any) -> list[Model]:
        rows = json.loads(value) if isinstance(value, str) else value or []
        instances = []
        for row in rows:
            instance = _instance(self.row_model, connection.alias, row)
            for name, field in self.joined:
                related = None
                if getattr(instance, field.attname) is not None:  # type: ignore[union-attr]
                    target: type[Model] = field.related_model  # type: ignore[assignment]
                    related = _instance(target, connection.alias, row, f"{name}__")
                instance._state.fields_cache[name] = related
            instances.append(instance)
        return instances


def _instance(model: type[Model], alias: str, row: dict[str, Any], prefix: str = "") -> Model:
    fields = model._meta.concrete_fields
    return model.from_db(
        alias,
        [field.attname for field in fields],
        [field.to_python(row[prefix + field.column]) for field in fields],
    )


_KEY_LIST = KeyList()


@cache
def _row_list(model: type[Model], joined: tuple[str, ...]) -> RowList:
    return RowList(model, joined)


class _Related(Func):
    """A subquery over the rows related to the outer row, its SQL written by ``_sql``."""

    shape: tuple[Any, ...]

    def __init__(
        self, output_field: Field, shape: tuple[Any, ...], model: type[Model], link: str
    ) -> None:
        # The row's own key is the one source expression, so Django gives it the right
        # table alias wherever the queryset ends up (a join, a subquery).
        super().__init__(F("pk"), output_field=output_field)
        # Whether to leave out hidden rows is decided when the queryset is built, for the
        # caller of that request.
        self.hiding = hides_under(model, link)
        self.shape = (*shape, self.hiding)

    @cached_property
    def identity(self) -> tuple[Any, ...]:
        # Django derives it from the constructor's signature on every new expression,
        # which cost more than compiling the query; the shape says the same.
        return (type(self), self.shape)

    def _sql(self, vendor: str) -> str:
        raise NotImplementedError

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> _Sql:
        outer, params = compiler.compile(self.source_expressions[0])
        sql = self._sql(connection.vendor).replace(_OUTER, outer)
        if not self.hiding:
            return sql, list(params)
        hidden_sql, hidden_params = _hidden_sql(connection, self.shape[0], self.shape[1])
        return sql.replace(_HIDDEN, hidden_sql), [*params, *hidden_params]


class RelatedKeys(_Related):
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
        super().__init__(_KEY_LIST, (model, link, key, order_by), model, link)

    def _sql(self, vendor: str) -> str:
        return _keys_sql(vendor, *self.shape)


class RelatedRows(_Related):
    """``RelatedRows(PartijIdentificator, "identificeerde_partij")``: per row, its
    identificatoren as model instances, in ``order_by`` order; ``select_related`` names
    foreign keys whose rows come along. For a few small rows of plain columns (text,
    numbers, keys, dates) per row."""

    def __init__(
        self,
        model: type[Model],
        link: str,
        *,
        order_by: tuple[str, ...] = ("pk",),
        select_related: tuple[str, ...] = (),
    ) -> None:
        super().__init__(
            _row_list(model, select_related), (model, link, order_by, select_related), model, link
        )

    def _sql(self, vendor: str) -> str:
        return _rows_sql(vendor, *self.shape)


# -- the SQL, written once per shape and database -------------------------------------------


def _q(name: str) -> str:
    return f'"{name}"'  # PostgreSQL and SQLite quote alike


def _column(model: type[Model], name: str) -> str:
    field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    return str(field.column)  # type: ignore[union-attr]


_HIDDEN = "%(hidden)s"


def _from_where(model: type[Model], link: str, hiding: bool, joins: str = "") -> str:
    where = f"r.{_q(_column(model, link))} = {_OUTER}"
    if hiding:
        where += f" AND NOT EXISTS ({_HIDDEN})"
    return f"FROM {_q(model._meta.db_table)} r{joins} WHERE {where}"


_hidden_sqls: dict[tuple[str, type[Model], str], _Sql] = {}


def _hidden_sql(connection: BaseDatabaseWrapper, model: type[Model], link: str) -> _Sql:
    """The SQL of the keys of the rows of ``model`` the caller may not see."""
    place = (connection.vendor, model, link)
    if place in _hidden_sqls and not writing():
        sql, params = _hidden_sqls[place]
        return sql, list(params)
    rows = hidden_under(model, link)
    assert rows is not None
    # Correlated with the related row r: the database checks only the rows listed.
    rows = rows.filter(pk=RawSQL(f"r.{_q(_column(model, 'pk'))}", ()))
    sql, compiled = rows.query.get_compiler(connection=connection).as_sql()
    if not writing():
        _hidden_sqls[place] = (sql, list(compiled))
    return sql, list(compiled)


def _order(model: type[Model], order_by: tuple[str, ...]) -> str:
    return ", ".join(
        f"r.{_q(_column(model, name.lstrip('-')))}{' DESC' if name.startswith('-') else ''}"
        for name in order_by
    )


@cache
def _keys_sql(
    vendor: str,
    model: type[Model],
    link: str,
    key: str,
    order_by: tuple[str, ...],
    hiding: bool,
) -> str:
    select = (
        f"SELECT r.{_q(_column(model, key))} AS v {_from_where(model, link, hiding)} "
        f"ORDER BY {_order(model, order_by)}"
    )
    if vendor == "postgresql":
        return f"ARRAY({select})"
    # json_group_array keeps the order of the rows of an ordered subquery.
    return f"(SELECT json_group_array(related.v) FROM ({select}) related)"


@cache
def _rows_sql(
    vendor: str,
    model: type[Model],
    link: str,
    order_by: tuple[str, ...],
    select_related: tuple[str, ...],
    hiding: bool,
) -> str:
    columns = [("r", field.column, field.column) for field in model._meta.concrete_fields]
    joins = ""
    for index, name in enumerate(select_related):
        target: type[Model] = model._meta.get_field(name).related_model  # type: ignore[assignment]
        alias = f"j{index}"
        joins += (
            f" LEFT JOIN {_q(target._meta.db_table)} {alias}"
            f" ON {alias}.{_q(_column(target, 'pk'))} = r.{_q(_column(model, name))}"
        )
        columns += [
            (alias, field.column, f"{name}__{field.column}")
            for field in target._meta.concrete_fields
        ]
    pairs = ", ".join(f"'{label}', {table}.{_q(column)}" for table, column, label in columns)
    source = _from_where(model, link, hiding, joins)
    if vendor == "postgresql":
        return (
            f"(SELECT coalesce(json_agg(json_build_object({pairs}) "
            f"ORDER BY {_order(model, order_by)}), '[]') {source})"
        )
    return (
        f"(SELECT json_group_array(json(related.v)) FROM (SELECT json_object({pairs}) AS v "
        f"{source} ORDER BY {_order(model, order_by)}) related)"
    )
