"""The Dutch calendar of legal terms (Algemene termijnenwet, Atw) and the organisation's
working days.

Atw art. 1: a term set by law that ends on a Saturday, a Sunday or a generally recognised
holiday is extended to the next day that is none of those. Art. 3 lid 1 names the
holidays: Nieuwjaarsdag, tweede Paasdag, Hemelvaartsdag, tweede Pinksterdag, both
Christmas days, the day the King's birthday is celebrated (Koningsdag) and 5 May; lid 2
adds Goede Vrijdag; lid 3 lets the Crown designate further days (published in the
Staatscourant, every few years: ``KLANTBEELD_ATW_GELIJKGESTELDE_DAGEN``). Easter by the
Gregorian computus (Meeus/Jones/Butcher).

Working days (for reminders and response deadlines) are the days that are none of those
and not one of the organisation's own closing days (``KLANTBEELD_SLUITINGSDAGEN``). The
closing days do not extend a legal term: the law does not know them.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.conf import settings
from django.core import checks

ZATERDAG = 5
DAG = datetime.timedelta(days=1)


def pasen(jaar: int) -> datetime.date:
    """Easter Sunday of ``jaar`` (Gregorian calendar)."""
    a = jaar % 19
    b, c = divmod(jaar, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    maand, dag = divmod(h + l_ - 7 * m + 114, 31)
    return datetime.date(jaar, maand, dag + 1)


def koningsdag(jaar: int) -> datetime.date:
    """The day the King's (or Queen's) birthday is celebrated: moved to the Saturday
    before when it falls on a Sunday. 27 April since 2014, 30 April before."""
    dag = datetime.date(jaar, 4, 27) if jaar >= 2014 else datetime.date(jaar, 4, 30)
    return dag - DAG if dag.weekday() == 6 else dag


@functools.cache
def feestdagen(jaar: int) -> dict[datetime.date, str]:
    """The generally recognised holidays of Atw art. 3 lid 1 and 2 in ``jaar``."""
    paaszondag = pasen(jaar)
    return {
        datetime.date(jaar, 1, 1): "Nieuwjaarsdag",
        paaszondag - 2 * DAG: "Goede Vrijdag",
        paaszondag + DAG: "Tweede Paasdag",
        koningsdag(jaar): "Koningsdag",
        datetime.date(jaar, 5, 5): "Bevrijdingsdag",
        paaszondag + 39 * DAG: "Hemelvaartsdag",
        paaszondag + 50 * DAG: "Tweede Pinksterdag",
        datetime.date(jaar, 12, 25): "Eerste Kerstdag",
        datetime.date(jaar, 12, 26): "Tweede Kerstdag",
    }


def is_feestdag(datum: datetime.date) -> bool:
    """A holiday of Atw art. 3, or a day designated equal to one (lid 3)."""
    return datum in feestdagen(datum.year) or datum in _datums(
        tuple(settings.KLANTBEELD_ATW_GELIJKGESTELDE_DAGEN)
    )


def is_atw_vrij(datum: datetime.date) -> bool:
    """A Saturday, a Sunday or a holiday: a legal term does not end on it."""
    return datum.weekday() >= ZATERDAG or is_feestdag(datum)


def is_werkdag(datum: datetime.date) -> bool:
    """A day the organisation works: none of the Atw's days, not one of its closing days."""
    return not is_atw_vrij(datum) and datum not in _datums(
        tuple(settings.KLANTBEELD_SLUITINGSDAGEN)
    )


def atw_einde(datum: datetime.date) -> datetime.date:
    """The last day of a legal term that would end on ``datum`` (Atw art. 1 lid 1)."""
    while is_atw_vrij(datum):
        datum += DAG
    return datum


def weken_later(datum: datetime.date, weken: int, *, atw: bool = True) -> datetime.date:
    """The end of a term of ``weken`` weeks after ``datum`` ("binnen zes weken na
    ontvangst"): the term starts the day after, so it ends on the same weekday ``weken``
    weeks on, moved by the Atw when ``atw``."""
    einde = datum + datetime.timedelta(weeks=weken)
    return atw_einde(einde) if atw else einde


def werkdagen_later(datum: datetime.date, dagen: int) -> datetime.date:
    """The working day ``dagen`` working days after ``datum`` (counting starts on the next
    working day). Zero days: ``datum`` itself, or the next working day when it is none."""
    if dagen == 0:
        return volgende_werkdag(datum)
    for _ in range(dagen):
        datum = volgende_werkdag(datum + DAG)
    return datum


def werkdagen_eerder(datum: datetime.date, dagen: int) -> datetime.date:
    """The working day ``dagen`` working days before ``datum`` (zero: ``datum`` itself, or
    the working day before it when it is none)."""
    if dagen == 0:
        return vorige_werkdag(datum)
    for _ in range(dagen):
        datum = vorige_werkdag(datum - DAG)
    return datum


def werkdagen_tussen(van: datetime.date, tot: datetime.date) -> int:
    """The working days after ``van`` up to and including ``tot`` (negative when ``tot``
    is earlier: the working days it is overdue)."""
    if tot < van:
        return -werkdagen_tussen(tot, van)
    dagen, datum = 0, van
    while datum < tot:
        datum += DAG
        dagen += is_werkdag(datum)
    return dagen


def volgende_werkdag(datum: datetime.date) -> datetime.date:
    while not is_werkdag(datum):
        datum += DAG
    return datum


def vorige_werkdag(datum: datetime.date) -> datetime.date:
    while not is_werkdag(datum):
        datum -= DAG
    return datum


@functools.cache
def _datums(teksten: tuple[str, ...]) -> frozenset[datetime.date]:
    """ISO dates from a setting; checked at start-up (``check_instellingen``)."""
    return frozenset(datetime.date.fromisoformat(t) for t in teksten)


def ongeldige_datums(teksten: list[str]) -> list[str]:
    """The entries of a date setting that are not ISO dates (YYYY-MM-DD)."""
    fout = []
    for tekst in teksten:
        try:
            datetime.date.fromisoformat(tekst)
        except ValueError:
            fout.append(tekst)
    return fout


def check_instellingen(**kwargs: Any) -> list[checks.CheckMessage]:
    """A mistyped date in the calendar's settings is reported at start-up."""
    fouten: list[checks.CheckMessage] = []
    for naam in ("KLANTBEELD_ATW_GELIJKGESTELDE_DAGEN", "KLANTBEELD_SLUITINGSDAGEN"):
        if fout := ongeldige_datums(getattr(settings, naam)):
            fouten.append(
                checks.Error(
                    f"{naam}: geen datum (JJJJ-MM-DD): {', '.join(fout)}", id="klantbeeld.E030"
                )
            )
    return fouten
