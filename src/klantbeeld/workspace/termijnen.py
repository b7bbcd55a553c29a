"""Response deadlines of written conversations: a number of working days per channel after
the message came in (``KLANTBEELD_REACTIETERMIJNEN``), or the task's own deadline when that
is earlier. Saturdays and Sundays are not working days; public holidays are not known here."""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.conf import settings
from django.utils import timezone

ZATERDAG = 5


def werkdagen_later(datum: datetime.date, dagen: int) -> datetime.date:
    """The working day ``dagen`` working days after ``datum`` (a message on Friday with two
    days is due on Tuesday; one on Saturday too: counting starts on the next working day).
    Zero days: ``datum`` itself, or the next working day when it falls in a weekend."""
    if dagen == 0:
        return _werkdag_vanaf(datum)
    for _ in range(dagen):
        datum = _werkdag_vanaf(datum + datetime.timedelta(days=1))
    return datum


def reactietermijn(
    kanaal: str, ontvangen: datetime.datetime, uiterlijk_op: datetime.date | None = None
) -> datetime.date | None:
    """When a message on ``kanaal`` received at ``ontvangen`` must be answered: the
    channel's deadline, or the task's ``uiterlijk_op`` when it is earlier (or the only one)."""
    dagen = settings.KLANTBEELD_REACTIETERMIJNEN.get(kanaal)
    kanaaltermijn = None
    if dagen is not None:
        kanaaltermijn = werkdagen_later(_lokale_datum(ontvangen), dagen)
    termijnen = [t for t in (kanaaltermijn, uiterlijk_op) if t is not None]
    return min(termijnen, default=None)


class Stand(StrEnum):
    TE_LAAT = "te_laat"
    VANDAAG = "vandaag"
    OP_TIJD = "op_tijd"
    GEEN = "geen"


def stand(termijn: datetime.date | None, vandaag: datetime.date) -> Stand:
    if termijn is None:
        return Stand.GEEN
    if termijn < vandaag:
        return Stand.TE_LAAT
    return Stand.VANDAAG if termijn == vandaag else Stand.OP_TIJD


def _werkdag_vanaf(datum: datetime.date) -> datetime.date:
    while datum.weekday() >= ZATERDAG:
        datum += datetime.timedelta(days=1)
    return datum


def _lokale_datum(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
