"""Who sees what (R12 of cases.md): the one visibility layer every adapter reads, filters,
refers, expands, writes and deletes through.

**Hidden rows.** For a caller without the right to see confidential data (an API client
without the scope ``klantinteracties.vertrouwelijk``, an employee without the role) these
rows do not exist:

- a partij with ``indicatieGeheimhouding``, and a contactpersoon who works for one (its
  ``werkteVoorPartij`` names her);
- a klantcontact marked ``vertrouwelijk``, and a klantcontact with a hidden partij as
  betrokkene (its betrokkene names her, with her name and contact data of the time);
- everything that hangs on or names a hidden row: the betrokkenen, bijlagen, actor links
  and interne taken of a hidden klantcontact, an onderwerpobject with a hidden klantcontact
  on either side, the digitale adressen given by a hidden partij or a hidden contact's
  betrokkene, a hidden partij's identificatoren (and a vestigingsnummer under one), her
  rekeningnummers and categorie-relaties, and a vertegenwoordiging with a hidden partij on
  either side.

**A visible row that points to a hidden one.** A *to-one* reference (a betrokkene's
``wasPartij``, an onderwerpobject's ``wasKlantcontact``, a contactpersoon's
``werkteVoorPartij``, …) makes the row hidden as well, as listed above, instead of
serving the reference as unset: a client that reads a row and writes it back (PUT) would
otherwise clear a link it never saw, and the row itself (a contact with a secret person,
a contactpersoon of a secret organisation) says as much as the hidden row would. A
*to-many* key list of a visible row (a partij's ``betrokkenen``, ``vertegenwoordigden``,
a klantcontact's ``gingOverOnderwerpobjecten``, …) leaves the hidden rows out, and
counts follow. One exception: a partij's preferred address or account may also be given
on a confidential contact (an address the partij gave as well); hiding the partij for
that would be absurd, so that reference reads as unset (``without_hidden_references``).
Only a write that names it replaces it, so reading it as unset changes nothing stored.

**How adapters use it.** ``visible(queryset)`` for every read and for resolving a
reference in a request body (a hidden row then gets the same answer as an unknown one);
``visible_condition`` for a list filter (each relation it crosses goes through the
visible rows on the other side, so no filter matches through a hidden row);
``hidden_under`` for the subquery a key list leaves out; ``refusal`` for a refusal a
hidden row causes (neutral: it says nothing about that row); ``seeing_written`` to
answer a write with the row just written even when that write hid it. Domain services
use ``visible`` too, so deletes and cascades leave hidden rows alone. Adapters decide who
has the right and pass it here through ``seeing_confidential`` / ``allow_confidential``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.db.models.fields.related import ForeignObjectRel, RelatedField
from django.db.models.query import ModelIterable

from klantbeeld.domain import models

M = TypeVar("M", bound=Model)


def _hidden(model: type[Model]) -> QuerySet[Any]:
    """The keys of the hidden rows of ``model`` (a subquery)."""
    return model._default_manager.filter(hidden_condition(model)).values("pk")


# Each rule says of the row at ``prefix`` (a lookup path ending in ``__``, or "" for the
# row itself) whether it is hidden, through joins and subqueries correlated with that row:
# the database checks the rows a request reads, never the whole set of hidden rows (which
# grows with the register).


def _partij(prefix: str = "") -> Q:
    # One level deep: werkteVoorPartij is an organisatie, which works for nobody.
    return Q(**{f"{prefix}indicatie_geheimhouding": True}) | Q(
        **{f"{prefix}werkte_voor_partij__indicatie_geheimhouding": True}
    )


def _klantcontact(prefix: str = "") -> Q:
    met_verborgen_partij = Exists(
        models.Betrokkene.objects.filter(
            _rule(models.Partij, "was_partij__"), had_klantcontact=OuterRef(f"{prefix}pk")
        )
    )
    return Q(**{f"{prefix}vertrouwelijk": True}) | Q(met_verborgen_partij)


def _via(*links: str, to: type[Model]) -> Callable[[str], Q]:
    """Hidden when any of ``links`` (foreign keys) names a hidden row of ``to``."""

    def rule(prefix: str = "") -> Q:
        condition = Q()
        for link in links:
            condition |= _rule(to, f"{prefix}{link}__")
        return condition

    return rule


def _either(*rules: Callable[[str], Q]) -> Callable[[str], Q]:
    def rule(prefix: str = "") -> Q:
        condition = Q()
        for one in rules:
            condition |= one(prefix)
        return condition

    return rule


# For each model: the condition under which one of its rows is hidden (see the docstring).
RULES: dict[type[Model], Callable[[str], Q]] = {
    models.Partij: _partij,
    models.Klantcontact: _klantcontact,
    models.Betrokkene: _via("had_klantcontact", to=models.Klantcontact),
    models.Onderwerpobject: _via("klantcontact", "was_klantcontact", to=models.Klantcontact),
    models.Bijlage: _via("was_bijlage_van_klantcontact", to=models.Klantcontact),
    models.ActorKlantcontact: _via("klantcontact", to=models.Klantcontact),
    models.InterneTaak: _via("aanleidinggevend_klantcontact", to=models.Klantcontact),
    models.PartijIdentificator: _via(
        "identificeerde_partij", "sub_identificator_van__identificeerde_partij", to=models.Partij
    ),
    models.DigitaalAdres: _either(
        _via("verstrekt_door_partij", to=models.Partij),
        _via("verstrekt_door_betrokkene__had_klantcontact", to=models.Klantcontact),
    ),
    models.Rekeningnummer: _via("partij", to=models.Partij),
    models.CategorieRelatie: _via("partij", to=models.Partij),
    models.Vertegenwoordigden: _via(
        "vertegenwoordigende_partij", "vertegenwoordigde_partij", to=models.Partij
    ),
    models.Zaakmelding: _via("partij", to=models.Partij),
    models.GeplandeAdreswijziging: _via("partij", to=models.Partij),
    models.Onderwerpvoorkeur: _via("partij", to=models.Partij),
}


def hidden_condition(model: type[Model]) -> Q:
    """The condition under which a row of ``model`` is hidden (``Q()`` if none ever is)."""
    if model not in RULES:
        return Q()
    return _rule(model, "")


def _rule(model: type[Model], prefix: str) -> Q:
    """Whether the row of ``model`` at ``prefix`` is hidden."""
    condition = RULES[model](prefix)
    written = _written.get()
    if written is not None and written[0] is model:
        # The row the caller just wrote, and so what hangs on it, stays visible to them.
        condition &= ~Q(**{f"{prefix}pk": written[1]})
    return condition


# A refusal that cannot be avoided (going on would break a row the caller may not see, or
# give a BSN to two partijen) says nothing about that row: one sentence, whatever the reason.
NEUTRAL_REFUSAL = "Dit kan hier niet worden vastgelegd of verwijderd; vraag een beheerder."


def refusal(rows: QuerySet[Any], message: str, code: str) -> ValidationError:
    """The refusal because of ``rows`` (which stop a change): ``message`` when the caller
    sees them all, the neutral one when one of them is hidden from them."""
    if hides_rows(rows.model) and visible(rows).count() < rows.count():
        return ValidationError(NEUTRAL_REFUSAL, code="invalid")
    return ValidationError(message, code=code)


_may_see: ContextVar[bool] = ContextVar("may_see_confidential", default=True)


def allow_confidential(allowed: bool) -> None:
    """Set, for the current request, whether its caller may see confidential rows."""
    _may_see.set(allowed)


@contextmanager
def seeing_confidential(allowed: bool) -> Iterator[None]:
    token = _may_see.set(allowed)
    try:
        yield
    finally:
        _may_see.reset(token)


_written: ContextVar[tuple[type[Model], Any] | None] = ContextVar("written_row", default=None)


@contextmanager
def seeing_written(row: Model) -> Iterator[None]:
    """Let the caller see ``row`` itself, which they just wrote, even when their write made
    it hidden from them (e.g. marked it confidential); what it names stays hidden."""
    token = _written.set((type(row), row.pk))
    try:
        yield
    finally:
        _written.reset(token)


def writing() -> bool:
    """Whether a written row is exempted (``seeing_written``): conditions then differ from
    the usual ones and must not be kept."""
    return _written.get() is not None


def hides_rows(model: type[Model]) -> bool:
    """Whether rows of ``model`` can be hidden from the current caller."""
    return model in RULES and not _may_see.get()


def hides_anything() -> bool:
    """Whether the current caller may not see confidential rows."""
    return not _may_see.get()


def visible(queryset: QuerySet[M]) -> QuerySet[M]:
    """``queryset`` without the rows the current caller may not see."""
    if not hides_rows(queryset.model):
        return queryset
    return queryset.exclude(hidden_condition(queryset.model))


# Models whose rows are hidden only through one foreign key: listed under the row that key
# names, which the caller sees, none of them is hidden.
_ONLY_THROUGH: dict[type[Model], str] = {
    models.Betrokkene: "had_klantcontact",
    models.Bijlage: "was_bijlage_van_klantcontact",
    models.ActorKlantcontact: "klantcontact",
    models.InterneTaak: "aanleidinggevend_klantcontact",
    models.Rekeningnummer: "partij",
    models.CategorieRelatie: "partij",
    models.Zaakmelding: "partij",
}


def hides_under(model: type[Model], link: str) -> bool:
    """Whether, of the rows of ``model`` whose ``link`` names a row the caller sees, some
    can still be hidden from them."""
    return hides_rows(model) and _ONLY_THROUGH.get(model) != link


def hidden_under(model: type[Model], link: str) -> QuerySet[Any] | None:
    """For a key list of the rows of ``model`` whose ``link`` names a visible row: the
    keys of those the caller may still not see (a subquery), or None when none can be."""
    return _hidden(model) if hides_under(model, link) else None


class _WithoutHiddenReferences(ModelIterable):
    """Rows whose references (``fields``) to rows the caller may not see read as unset.
    Checked after the rows are read, with one query per reference over the keys they
    name: as a subquery in the rows' own query the database weighed it against every row
    of the table."""

    fields: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Any]:
        rows = list(super().__iter__())
        model = self.queryset.model
        for name in self.fields:
            keys = {getattr(row, f"{name}_id") for row in rows} - {None}
            if not keys:
                continue
            target: type[Model] = model._meta.get_field(name).related_model  # type: ignore[assignment]
            hidden = set(
                target._default_manager.filter(hidden_condition(target), pk__in=keys).values_list(
                    "pk", flat=True
                )
            )
            for row in rows:
                if getattr(row, f"{name}_id") in hidden:
                    setattr(row, f"{name}_id", None)
        yield from rows


def without_hidden_references(queryset: QuerySet[M], *fields: str) -> QuerySet[M]:
    """``queryset`` with its foreign keys ``fields`` read as unset where they name a row
    the caller may not see. For a reference that does not make its row hidden (a partij's
    preferred address, which may also be given on a confidential contact): the partij
    stays visible, the reference is not shown. Such a reference is only ever replaced
    by a write that names it, so leaving it unset on reading changes nothing stored."""
    if not hides_anything():
        return queryset
    hiding = tuple(
        name
        for name in fields
        if hides_rows(queryset.model._meta.get_field(name).related_model)  # type: ignore[arg-type]
    )
    if not hiding:
        return queryset
    queryset = queryset.all()
    queryset._iterable_class = _iterable(hiding)
    return queryset


def keep_hidden_references(
    instance: Model, changes: dict[str, Any], *fields: str
) -> dict[str, Any]:
    """``changes`` without a null for those ``fields`` of ``instance`` that name a row the
    caller may not see: they read it as unset (``without_hidden_references``), so sending
    back what they read must not clear it. Naming another row still replaces it."""
    for name in fields:
        if name not in changes or changes[name] is not None:
            continue
        target: type[Model] = instance._meta.get_field(name).related_model  # type: ignore[assignment]
        stored = getattr(instance, f"{name}_id")
        if (
            stored is not None
            and hides_rows(target)
            and not visible(target._default_manager.filter(pk=stored)).exists()
        ):
            del changes[name]
    return changes


@cache
def _iterable(fields: tuple[str, ...]) -> type[_WithoutHiddenReferences]:
    return type("WithoutHiddenReferences", (_WithoutHiddenReferences,), {"fields": fields})


def visible_condition(model: type[Model], condition: Q) -> Q:
    """``condition`` (a filter on ``model``) with every relation it crosses going through
    the rows of the other model the caller may see: ``betrokkenen__was_partij__uuid=x``
    becomes ``betrokkenen__in=<visible betrokkenen whose was_partij is in <visible
    partijen with uuid x>>``. Lookups on the same relation in one AND keep sharing one
    related row, as Django's own ``filter`` does. A subquery given as a value is narrowed
    to the visible rows too."""
    if not hides_anything():
        return condition
    return _rewrite(model, condition)


def _rewrite(model: type[Model], condition: Q) -> Q:
    grouped: dict[str, list[tuple[str, Any]]] = {}
    rewritten: list[Any] = []
    for child in condition.children:
        if isinstance(child, Q):
            rewritten.append(_rewrite(model, child))
            continue
        lookup, value = child  # type: ignore[misc]
        if isinstance(value, QuerySet):
            value = visible(value)
        head, _, rest = lookup.partition(LOOKUP_SEP)
        relation = _relation(model, head)
        if relation is None:
            rewritten.append((lookup, value))  # a column of the model itself
        elif rest == "isnull":
            rewritten.append(_exists(model, head, relation, negated=bool(value)))
        elif rest in _ON_KEY:
            grouped.setdefault(head, []).append((_ON_KEY[rest], value))
        else:
            grouped.setdefault(head, []).append((rest, value))
    for head, lookups in grouped.items():
        rewritten.append(_through(model, head, lookups))
    return Q(*rewritten, _connector=condition.connector, _negated=condition.negated)


# A relation compared by its key: the same lookup on the related row's primary key.
_ON_KEY = {"": "pk", "exact": "pk", "in": "pk__in", "pk": "pk", "pk__in": "pk__in"}


def _through(model: type[Model], head: str, lookups: list[tuple[str, Any]]) -> Q:
    """``head__<lookup>=value, …`` as ``head__in=<visible related rows matching all>``."""
    target: type[Model] = _relation(model, head).related_model
    inner = _rewrite(target, Q(*lookups))
    rows = visible(target._default_manager.filter(inner)).values("pk")
    return Q(**{f"{head}__in": rows})


def _exists(model: type[Model], head: str, relation: Any, *, negated: bool) -> Q:
    """``head__isnull``: whether a visible related row exists."""
    if not relation.is_relation or not (relation.one_to_many or relation.many_to_many):
        return Q(**{f"{head}__isnull": negated})  # a foreign key of the row itself
    target: type[Model] = relation.related_model
    condition = Q(**{f"{head}__in": visible(target._default_manager.all()).values("pk")})
    return ~condition if negated else condition


@cache
def _relation(model: type[Model], name: str) -> Any:
    """The relation (forward or reverse) ``name`` of ``model`` in a filter, or None."""
    if name == "pk":
        return None
    try:
        field: Any = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = next(
            (rel for rel in model._meta.related_objects if rel.field.related_query_name() == name),
            None,
        )
    if isinstance(field, RelatedField | ForeignObjectRel):
        return field
    return None
