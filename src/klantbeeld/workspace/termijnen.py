"""Response deadlines of written conversations: a number of working days per channel after
the message came in (``KLANTBEELD_REACTIETERMIJNEN``), or the task's own deadline when that
is earlier. Working days are those of the organisation's calendar
(``domain/services/termijnen.py``): no weekends, no public holidays of the Algemene
termijnenwet, none of its own closing days."""

from __future__ import annotations

import datetime
from enum import StrEnum

from django.conf import settings
from django.utils import timezone

from klantbeeld.domain.services.termijnen import werkdagen_later

# werkdagen_later is the calendar's: the screens and their tests count working days here.
__all__ = ["Stand", "reactietermijn", "stand", "werkdagen_later"]


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


def _lokale_datum(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
