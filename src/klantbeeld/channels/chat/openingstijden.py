"""When agents answer chats (KLANTBEELD_CHAT_OPENINGSTIJDEN, KLANTBEELD_CHAT_GESLOTEN_DAGEN),
in the organisation's time zone (TIME_ZONE).

The format an operator writes: day ranges with times, separated by ``;``, e.g.
``ma-vr 08:30-17:00; za 10:00-12:00`` or ``ma-do 08:30-12:00,13:00-17:00; vr 08:30-12:00``.
Empty: always open. A chatbot answers whatever the time; only handing over to a person
waits for these hours.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.translation import gettext

DAGEN = ["ma", "di", "wo", "do", "vr", "za", "zo"]
_BLOK = re.compile(
    r"^(?P<dagen>[a-z]{2}(?:-[a-z]{2})?(?:,[a-z]{2}(?:-[a-z]{2})?)*)\s+(?P<tijden>.+)$"
)
_TIJD = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")
# How far ahead the next opening is looked for (a long holiday closes more than a week).
_VOORUIT_DAGEN = 31

Tijdvak = tuple[datetime.time, datetime.time]


@dataclass(frozen=True)
class Openingstijden:
    # Per weekday (0 is Monday) the periods chat is open; empty everywhere: always open.
    per_dag: tuple[tuple[Tijdvak, ...], ...]
    gesloten_dagen: frozenset[datetime.date]

    @property
    def altijd(self) -> bool:
        return not any(self.per_dag) and not self.gesloten_dagen

    def is_open(self, nu: datetime.datetime | None = None) -> bool:
        moment = timezone.localtime(nu or timezone.now())
        if moment.date() in self.gesloten_dagen:
            return False
        if not any(self.per_dag):
            return True
        return any(van <= moment.time() < tot for van, tot in self.per_dag[moment.weekday()])

    def volgende_opening(self, nu: datetime.datetime | None = None) -> datetime.datetime | None:
        """When chat opens next after ``nu`` (None when open, or nothing in the next month)."""
        moment = timezone.localtime(nu or timezone.now())
        if self.is_open(moment):
            return None
        for dagen in range(_VOORUIT_DAGEN):
            dag = moment.date() + datetime.timedelta(days=dagen)
            if dag in self.gesloten_dagen:
                continue
            vakken = self.per_dag[dag.weekday()] if any(self.per_dag) else ((datetime.time(0),),)
            for vak in vakken:
                begin = timezone.make_aware(datetime.datetime.combine(dag, vak[0]))
                if begin > moment:
                    return begin
        return None


def lees(tekst: str, gesloten: list[str] | tuple[str, ...] = ()) -> Openingstijden:
    """The hours an operator wrote; ImproperlyConfigured naming what is wrong."""
    per_dag: list[list[Tijdvak]] = [[] for _ in DAGEN]
    for deel in filter(None, (d.strip().lower() for d in tekst.split(";"))):
        blok = _BLOK.match(deel)
        if blok is None:
            raise ImproperlyConfigured(f"KLANTBEELD_CHAT_OPENINGSTIJDEN: '{deel}' is onleesbaar.")
        vakken = [_tijdvak(t.strip(), deel) for t in blok["tijden"].split(",")]
        for dag in _dagen(blok["dagen"], deel):
            per_dag[dag].extend(vakken)
    try:
        dagen = frozenset(datetime.date.fromisoformat(d.strip()) for d in gesloten if d.strip())
    except ValueError as fout:
        raise ImproperlyConfigured(f"KLANTBEELD_CHAT_GESLOTEN_DAGEN: {fout}") from None
    return Openingstijden(tuple(tuple(sorted(v)) for v in per_dag), dagen)


def _dagen(tekst: str, deel: str) -> list[int]:
    uitkomst: list[int] = []
    for stuk in tekst.split(","):
        van, _, tot = stuk.partition("-")
        if van not in DAGEN or (tot and tot not in DAGEN):
            raise ImproperlyConfigured(
                f"KLANTBEELD_CHAT_OPENINGSTIJDEN: onbekende dag in '{deel}' (ma di wo do vr za zo)."
            )
        a, b = DAGEN.index(van), DAGEN.index(tot or van)
        uitkomst += list(range(a, b + 1)) if a <= b else [*range(a, 7), *range(0, b + 1)]
    return uitkomst


def _tijdvak(tekst: str, deel: str) -> Tijdvak:
    tijd = _TIJD.match(tekst)
    try:
        if tijd is None:
            raise ValueError
        van = datetime.time(int(tijd[1]), int(tijd[2]))
        tot = (
            datetime.time(23, 59, 59)
            if (tijd[3], tijd[4]) == ("24", "00")
            else datetime.time(int(tijd[3]), int(tijd[4]))
        )
    except ValueError:
        raise ImproperlyConfigured(
            f"KLANTBEELD_CHAT_OPENINGSTIJDEN: '{tekst}' in '{deel}' is geen tijdvak "
            "als 08:30-17:00."
        ) from None
    if tot <= van:
        raise ImproperlyConfigured(
            f"KLANTBEELD_CHAT_OPENINGSTIJDEN: '{tekst}' eindigt voor het begint."
        )
    return van, tot


@functools.cache
def _geconfigureerd(tekst: str, gesloten: tuple[str, ...]) -> Openingstijden:
    return lees(tekst, gesloten)


def geconfigureerd() -> Openingstijden:
    return _geconfigureerd(
        settings.KLANTBEELD_CHAT_OPENINGSTIJDEN, tuple(settings.KLANTBEELD_CHAT_GESLOTEN_DAGEN)
    )


def dagnaam(dag: int) -> str:
    return [
        gettext("maandag"),
        gettext("dinsdag"),
        gettext("woensdag"),
        gettext("donderdag"),
        gettext("vrijdag"),
        gettext("zaterdag"),
        gettext("zondag"),
    ][dag]


def wanneer(moment: datetime.datetime, nu: datetime.datetime | None = None) -> str:
    """'vandaag om 13:00', 'morgen om 08:30', 'maandag 5 januari om 08:30' in plain Dutch."""
    lokaal = timezone.localtime(moment)
    vandaag = timezone.localtime(nu or timezone.now()).date()
    tijd = lokaal.strftime("%H:%M")
    if lokaal.date() == vandaag:
        return gettext("vandaag om %(tijd)s") % {"tijd": tijd}
    if lokaal.date() == vandaag + datetime.timedelta(days=1):
        return gettext("morgen om %(tijd)s") % {"tijd": tijd}
    return gettext("%(dag)s %(datum)s om %(tijd)s") % {
        "dag": dagnaam(lokaal.weekday()),
        "datum": f"{lokaal.day}-{lokaal.month}",
        "tijd": tijd,
    }


def beschrijving(uren: Openingstijden) -> str:
    """The hours in plain Dutch, e.g. 'maandag tot en met vrijdag 08:30 tot 17:00'."""
    if not any(uren.per_dag):
        return gettext("altijd")
    regels: list[str] = []
    dag = 0
    while dag < 7:
        vakken = uren.per_dag[dag]
        eind = dag
        while eind + 1 < 7 and uren.per_dag[eind + 1] == vakken:
            eind += 1
        if vakken:
            dagen = (
                dagnaam(dag)
                if eind == dag
                else gettext("%(van)s tot en met %(tot)s")
                % {"van": dagnaam(dag), "tot": dagnaam(eind)}
            )
            tijden = gettext(" en ").join(
                gettext("%(van)s tot %(tot)s")
                % {"van": v.strftime("%H:%M"), "tot": t.strftime("%H:%M")}
                for v, t in vakken
            )
            regels.append(f"{dagen} {tijden}")
        dag = eind + 1
    return "; ".join(regels)


def stand(nu: datetime.datetime | None = None) -> dict[str, object]:
    """What the widget shows about the hours: open now, when it opens, the hours."""
    uren = geconfigureerd()
    volgende = uren.volgende_opening(nu)
    return {
        "open": uren.is_open(nu),
        "opent": volgende.isoformat() if volgende else None,
        "opentTekst": wanneer(volgende, nu) if volgende else "",
        "tijden": beschrijving(uren),
    }
