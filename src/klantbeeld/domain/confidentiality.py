"""What is confidential (R12 of cases.md): klantcontacten marked ``vertrouwelijk`` with
everything hanging on them, and partijen with ``indicatieGeheimhouding`` with their
identificatoren and addresses. Only callers with the dedicated right see them; adapters
decide who has that right and pass it here through ``seeing_confidential``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

from klantbeeld.domain import models

M = TypeVar("M", bound=Model)

# For each model: the condition under which one of its rows is confidential.
CONFIDENTIAL: dict[type[Model], Q] = {
    models.Klantcontact: Q(vertrouwelijk=True),
    models.Betrokkene: Q(had_klantcontact__vertrouwelijk=True),
    models.Onderwerpobject: Q(klantcontact__vertrouwelijk=True),
    models.Bijlage: Q(was_bijlage_van_klantcontact__vertrouwelijk=True),
    models.ActorKlantcontact: Q(klantcontact__vertrouwelijk=True),
    models.InterneTaak: Q(aanleidinggevend_klantcontact__vertrouwelijk=True),
    models.Partij: Q(indicatie_geheimhouding=True),
    models.PartijIdentificator: Q(identificeerde_partij__indicatie_geheimhouding=True),
    models.DigitaalAdres: Q(verstrekt_door_partij__indicatie_geheimhouding=True)
    | Q(verstrekt_door_betrokkene__had_klantcontact__vertrouwelijk=True),
    models.Rekeningnummer: Q(partij__indicatie_geheimhouding=True),
}

# Rows that name a partij (a contact with its customer, a task with its contact's
# customer): in the workspace these are confidential too when that partij is, so that a
# secret person's name shows nowhere their own page does not (visible_with_partijen).
VIA_PARTIJ: dict[type[Model], Q] = {
    models.Klantcontact: Q(betrokkenen__was_partij__indicatie_geheimhouding=True),
    models.InterneTaak: Q(
        aanleidinggevend_klantcontact__betrokkenen__was_partij__indicatie_geheimhouding=True
    ),
}

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


def visible(queryset: QuerySet[M]) -> QuerySet[M]:
    """``queryset`` without the rows the current caller may not see."""
    condition = CONFIDENTIAL.get(queryset.model)
    if condition is None or _may_see.get():
        return queryset
    return queryset.exclude(condition)


def visible_with_partijen(queryset: QuerySet[M]) -> QuerySet[M]:
    """``visible(queryset)``, also without the rows that name a partij the caller may not
    see (``VIA_PARTIJ``)."""
    queryset = visible(queryset)
    condition = VIA_PARTIJ.get(queryset.model)
    if condition is None or _may_see.get():
        return queryset
    return queryset.exclude(condition)


def hides_rows(model: type[Model]) -> bool:
    """Whether ``visible()`` leaves rows of ``model`` out for the current caller."""
    return model in CONFIDENTIAL and not _may_see.get()
