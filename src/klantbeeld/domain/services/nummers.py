"""Unique, human-readable numbers (``nummer``, ``referentienummer``): ten digits.

On PostgreSQL each series is a sequence; elsewhere a row per series is counted up (and
locked until commit). Concurrent requests never get the same number; numbers a client
chose itself are skipped. Numbers are unique, not gapless.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import connection, models

from klantbeeld.domain.confidentiality import refusal
from klantbeeld.domain.models import Nummerreeks

MAX_NUMMER = 10**10 - 1
# Every series in use; on PostgreSQL each is a sequence (migration 0003).
SERIES = (
    "partij.nummer",
    "klantcontact.nummer",
    "klantcontact.referentienummer",
    "internetaak.nummer",
    "internetaak.referentienummer",
    "klacht.nummer",  # migration 0017
)


def sequence_name(series: str) -> str:
    return "klantbeeld_" + series.replace(".", "_")


def validate_nummer(value: str) -> None:
    if not value.isdigit():
        raise ValidationError("Een nummer bestaat alleen uit cijfers.", code="invalid")


def validate_nummers(instance: models.Model, fields: Iterable[str]) -> None:
    """The numbers a client gave are digits and not yet used by another object."""
    errors: dict[str, ValidationError] = {}
    model = type(instance)
    for field in fields:
        value = getattr(instance, field)
        if not value:
            continue
        try:
            validate_nummer(value)
        except ValidationError as error:
            errors[field] = error
            continue
        same = model._default_manager.filter(**{field: value}).exclude(pk=instance.pk)
        if same.exists():
            # Neutral when the other one is hidden from the caller (R12).
            errors[field] = refusal(
                same, f"Er bestaat al een {model._meta.verbose_name} met dit {field}.", "unique"
            )
    if errors:
        raise ValidationError(errors)


def take_blank_nummers(changes: dict[str, object], fields: Iterable[str]) -> set[str]:
    """Remove the numbers given as ``""`` from ``changes`` and return their names: ``""``
    counts as not given (docs/conformance.md), so a stored number stays and an object
    without one gets one; only an explicit null clears a number."""
    blank = {field for field in fields if changes.get(field) == ""}
    for field in blank:
        del changes[field]
    return blank


def next_nummer(series: str, model: type[models.Model], field: str) -> str:
    """The next free number of ``series`` for ``model.field``, zero-padded to 10 digits."""
    while True:
        nummer = _checked(_take(series, 1)[0], field)
        if not model._default_manager.filter(**{field: nummer}).exists():
            return nummer


def reserve_nummers(series: str, model: type[models.Model], field: str, count: int) -> list[str]:
    """``count`` free numbers at once, in ascending order, for bulk loads (demo data,
    benchmark)."""
    nummers: list[str] = []
    while len(nummers) < count:
        wanted = [_checked(n, field) for n in _take(series, count - len(nummers))]
        taken = set(
            model._default_manager.filter(
                **{f"{field}__gte": wanted[0], f"{field}__lte": wanted[-1]}
            ).values_list(field, flat=True)
        )
        nummers.extend(nummer for nummer in wanted if nummer not in taken)
    return nummers


def _checked(value: int, field: str) -> str:
    if value > MAX_NUMMER:
        raise ValidationError(
            {
                field: ValidationError(
                    "Er kon geen volgend nummer worden gegeven: de reeks is vol.",
                    code="overflow",
                )
            }
        )
    return f"{value:010d}"


def _take(series: str, count: int) -> list[int]:
    """The series' next ``count`` values, ascending."""
    if series not in SERIES:
        raise ValueError(f"Unknown number series {series!r}")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A sequence: nothing stays locked until commit, so concurrent registrations
            # do not wait for each other. A rolled-back transaction leaves a gap.
            cursor.execute(
                "SELECT nextval(%s) FROM generate_series(1, %s)", [sequence_name(series), count]
            )
            return [int(row[0]) for row in cursor.fetchall()]
        # Elsewhere (SQLite, one writer at a time anyway) the series' row is counted up.
        table = connection.ops.quote_name(Nummerreeks._meta.db_table)
        cursor.execute(
            f"UPDATE {table} SET laatste = laatste + %s WHERE naam = %s RETURNING laatste",
            [count, series],
        )
        row = cursor.fetchone()
    if row is None:
        Nummerreeks.objects.get_or_create(naam=series)  # the series' first number
        return _take(series, count)
    last = int(row[0])
    return list(range(last - count + 1, last + 1))
