"""The directory of colleagues and teams (models/collegas.py): who can be reached now, in
Dutch time; finding a colleague by name, team, function or skill as an agent types
(forgiving typos as the customer search does, services/gelijkenis.py); keeping an entry
from an outside source (the identity provider at sign-in, an HR export); an employee's
own working hours and absences."""

from __future__ import annotations

import datetime
import logging
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from klantbeeld.domain import validators
from klantbeeld.domain.models import Actor, Teamlid
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.collegas import (
    Afwezigheid,
    Gidsvermelding,
    Vaardigheid,
    Werktijd,
)
from klantbeeld.domain.services import gelijkenis
from klantbeeld.domain.services.actoren import update_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.gelijkenis import Mate

logger = logging.getLogger(__name__)

# Office hours are Dutch wall-clock times, whatever the server's zone.
NL = ZoneInfo("Europe/Amsterdam")
MAX_TREFFERS = 20
MAX_TEKST = 100
# How far ahead the next moment someone can be reached is looked for.
VOORUIT_DAGEN = 28
GIDSSOORTEN = (SoortActor.MEDEWERKER, SoortActor.ORGANISATORISCHE_EENHEID)


# -- reachable now ---------------------------------------------------------------------------


class Stand(StrEnum):
    BEREIKBAAR = "bereikbaar"
    BUITEN_WERKTIJD = "buiten_werktijd"
    AFWEZIG = "afwezig"
    ONBEKEND = "onbekend"


@dataclass(frozen=True)
class Bereikbaarheid:
    stand: Stand
    tot: datetime.datetime | None = None  # reachable until (today's end of hours)
    weer_vanaf: datetime.datetime | None = None  # the next start of hours
    afwezig_tot_en_met: datetime.date | None = None

    @property
    def nu_bereikbaar(self) -> bool:
        return self.stand == Stand.BEREIKBAAR


@dataclass(frozen=True)
class Rooster:
    """Hours per ISO weekday and the absences that have not ended."""

    werktijden: Mapping[int, tuple[datetime.time, datetime.time]]
    afwezig: Sequence[tuple[datetime.date, datetime.date]] = ()

    def afwezig_op(self, dag: datetime.date) -> datetime.date | None:
        """The last day of the absence ``dag`` falls in, if any."""
        return max((tot for van, tot in self.afwezig if van <= dag <= tot), default=None)


def bereikbaarheid(rooster: Rooster, nu: datetime.datetime | None = None) -> Bereikbaarheid:
    """Whether someone with ``rooster`` can be reached at ``nu`` (default: now), and
    until or from when, in Dutch time."""
    lokaal = (nu or timezone.now()).astimezone(NL)
    vandaag = lokaal.date()
    if (laatste := rooster.afwezig_op(vandaag)) is not None:
        na_afwezigheid = datetime.datetime.combine(
            laatste + datetime.timedelta(days=1), datetime.time(0), tzinfo=NL
        )
        return Bereikbaarheid(
            Stand.AFWEZIG,
            weer_vanaf=_volgende_begin(rooster, na_afwezigheid),
            afwezig_tot_en_met=laatste,
        )
    if not rooster.werktijden:
        return Bereikbaarheid(Stand.ONBEKEND)
    uren = rooster.werktijden.get(vandaag.isoweekday())
    if uren is not None and uren[0] <= lokaal.time() < uren[1]:
        return Bereikbaarheid(
            Stand.BEREIKBAAR, tot=datetime.datetime.combine(vandaag, uren[1], tzinfo=NL)
        )
    return Bereikbaarheid(Stand.BUITEN_WERKTIJD, weer_vanaf=_volgende_begin(rooster, lokaal))


def _volgende_begin(rooster: Rooster, vanaf: datetime.datetime) -> datetime.datetime | None:
    for dagen in range(VOORUIT_DAGEN):
        dag = vanaf.date() + datetime.timedelta(days=dagen)
        uren = rooster.werktijden.get(dag.isoweekday())
        if uren is None or rooster.afwezig_op(dag) is not None:
            continue
        begin = datetime.datetime.combine(dag, uren[0], tzinfo=NL)
        if begin >= vanaf:
            return begin
    return None


def roosters(actoren: Iterable[Actor]) -> dict[uuid.UUID, Rooster]:
    """Each actor's rooster: their own hours, or else (an employee) their teams' office
    hours together; their own absences that have not ended. Three queries."""
    actoren = list(actoren)
    ids = [a.pk for a in actoren]
    teams_van: dict[object, list[object]] = defaultdict(list)
    for medewerker_id, team_id in Teamlid.objects.filter(medewerker__in=ids).values_list(
        "medewerker_id", "team_id"
    ):
        teams_van[medewerker_id].append(team_id)
    alle = set(ids) | {t for teams in teams_van.values() for t in teams}
    uren: dict[object, dict[int, tuple[datetime.time, datetime.time]]] = defaultdict(dict)
    for actor_id, dag, begin, einde in Werktijd.objects.filter(
        vermelding__actor__in=alle
    ).values_list("vermelding__actor_id", "weekdag", "begin", "einde"):
        uren[actor_id][dag] = (begin, einde)
    afwezig: dict[object, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
    vandaag = timezone.now().astimezone(NL).date()
    for actor_id, van, tot in Afwezigheid.objects.filter(
        vermelding__actor__in=ids, tot_en_met__gte=vandaag
    ).values_list("vermelding__actor_id", "van", "tot_en_met"):
        afwezig[actor_id].append((van, tot))
    uitkomst: dict[uuid.UUID, Rooster] = {}
    for actor in actoren:
        eigen = uren.get(actor.pk) or _samen([uren.get(t, {}) for t in teams_van[actor.pk]])
        uitkomst[actor.pk] = Rooster(eigen, afwezig.get(actor.pk, []))
    return uitkomst


def _samen(
    roosters_: list[dict[int, tuple[datetime.time, datetime.time]]],
) -> dict[int, tuple[datetime.time, datetime.time]]:
    """Office hours of several teams as one: per day from the earliest start to the latest
    end."""
    samen: dict[int, tuple[datetime.time, datetime.time]] = {}
    for uren in roosters_:
        for dag, (begin, einde) in uren.items():
            oud = samen.get(dag)
            samen[dag] = (min(begin, oud[0]), max(einde, oud[1])) if oud else (begin, einde)
    return samen


# -- the directory ---------------------------------------------------------------------------


class Veld(StrEnum):
    """Where a search matched, in order of weight."""

    NAAM = "naam"
    TEAM = "team"
    FUNCTIE = "functie"
    VAARDIGHEID = "vaardigheid"


VELDEN = list(Veld)


@dataclass(frozen=True)
class Collega:
    """An employee or a team as the directory shows them."""

    actor: Actor
    functie: str
    teams: list[str]
    vaardigheden: list[str]
    telefoonnummer: str
    toestelnummer: str
    emailadres: str
    bereikbaarheid: Bereikbaarheid
    leden: int = 0  # a team's members
    gevonden_op: list[Veld] = field(default_factory=list)

    @property
    def is_team(self) -> bool:
        return self.actor.soort_actor == SoortActor.ORGANISATORISCHE_EENHEID

    @property
    def naam(self) -> str:
        return self.actor.naam


def in_de_gids() -> QuerySet[Actor]:
    return Actor.objects.filter(indicatie_actief=True, soort_actor__in=GIDSSOORTEN)


def collegas(actoren: Iterable[Actor], nu: datetime.datetime | None = None) -> list[Collega]:
    """The directory's entries of ``actoren``, in their order (six queries)."""
    actoren = list(actoren)
    ids = [a.pk for a in actoren]
    vermeldingen = {
        v.actor_id: v
        for v in Gidsvermelding.objects.filter(actor__in=ids).prefetch_related("vaardigheden")
    }
    teams: dict[object, list[str]] = defaultdict(list)
    for medewerker_id, team in (
        Teamlid.objects.filter(medewerker__in=ids, team__indicatie_actief=True)
        .order_by("team__naam")
        .values_list("medewerker_id", "team__naam")
    ):
        teams[medewerker_id].append(team)
    leden = dict(
        Teamlid.objects.filter(team__in=ids, medewerker__indicatie_actief=True)
        .values("team_id")
        .annotate(aantal=Count("pk"))
        .values_list("team_id", "aantal")
    )
    rooster = roosters(actoren)
    uitkomst = []
    for actor in actoren:
        vermelding = vermeldingen.get(actor.pk)
        uitkomst.append(
            Collega(
                actor=actor,
                functie=(vermelding.functie if vermelding else "") or _eigen_functie(actor),
                teams=teams.get(actor.pk, []),
                vaardigheden=[v.naam for v in vermelding.vaardigheden.all()] if vermelding else [],
                telefoonnummer=(vermelding.telefoonnummer if vermelding else "")
                or _team_gegeven(actor, "telefoonnummer"),
                toestelnummer=vermelding.toestelnummer if vermelding else "",
                emailadres=(vermelding.emailadres if vermelding else "")
                or _team_gegeven(actor, "emailadres"),
                bereikbaarheid=bereikbaarheid(rooster[actor.pk], nu),
                leden=leden.get(actor.pk, 0),
            )
        )
    return uitkomst


def _eigen_functie(actor: Actor) -> str:
    """A team's description; an employee's function as the register's actor holds it."""
    if actor.soort_actor == SoortActor.ORGANISATORISCHE_EENHEID:
        return actor.omschrijving
    return actor.functie


def _team_gegeven(actor: Actor, naam: str) -> str:
    """A team's own phone number or e-mail address in the register (an employee's actor
    holds the organisation's number, not theirs)."""
    if actor.soort_actor != SoortActor.ORGANISATORISCHE_EENHEID:
        return ""
    return str(getattr(actor, naam))


@dataclass(frozen=True)
class _Regel:
    """What one actor is searched by: the normalised words of each field."""

    pk: uuid.UUID
    naam: str
    team: bool
    woorden: dict[Veld, tuple[str, ...]]


def zoek_collegas(
    tekst: str, limit: int = MAX_TREFFERS, nu: datetime.datetime | None = None
) -> list[Collega]:
    """Employees and teams whose name, team, function or skill matches every word of
    ``tekst`` (a word's beginning as one types, a word that sounds the same, one letter
    off), best first: how well the weakest word matched, then where (name before team
    before function before skill), teams before their members, then by name. Without a
    text: all teams."""
    zoekwoorden = gelijkenis.woorden(tekst[:MAX_TEKST])
    if not zoekwoorden:
        teams = in_de_gids().filter(soort_actor=SoortActor.ORGANISATORISCHE_EENHEID)
        return collegas(teams.order_by("naam", "uuid")[:limit], nu)
    gevonden: list[tuple[tuple[object, ...], uuid.UUID, list[Veld]]] = []
    maten: dict[tuple[str, str], Mate] = {}
    for regel in _index.regels():
        passend = _past(regel, zoekwoorden, maten)
        if passend is None:
            continue
        zwakste, velden = passend
        sleutel = (
            -zwakste,
            VELDEN.index(velden[0]),
            not regel.team,
            regel.naam.lower(),
            str(regel.pk),
        )
        gevonden.append((sleutel, regel.pk, velden))
    gevonden.sort(key=lambda g: g[0])
    beste = gevonden[:limit]
    # The actors as they are now: one the index still held but that is gone or
    # inactive is left out.
    actoren = in_de_gids().in_bulk([pk for _, pk, _ in beste])
    rij = [(actoren[pk], velden) for _, pk, velden in beste if pk in actoren]
    return [
        Collega(**{**collega.__dict__, "gevonden_op": velden})
        for collega, (_, velden) in zip(collegas([a for a, _ in rij], nu), rij, strict=True)
    ]


def _past(
    regel: _Regel, zoekwoorden: list[str], maten: dict[tuple[str, str], Mate]
) -> tuple[Mate, list[Veld]] | None:
    """The weakest of the typed words' best matches and the fields they matched in; None
    when a word matches nothing. Matches of a word are remembered across the rows (many
    share a team, a function, a skill)."""
    zwakste = Mate.GELIJK
    velden: list[Veld] = []
    for zoekwoord in zoekwoorden:
        beste, waar = Mate.GEEN, Veld.NAAM
        for veld in VELDEN:
            for woord in regel.woorden.get(veld, ()):
                sleutel = (zoekwoord, woord)
                mate = maten.get(sleutel)
                if mate is None:
                    mate = maten[sleutel] = gelijkenis.mate(zoekwoord, woord)
                if mate > beste:
                    beste, waar = mate, veld
        if beste == Mate.GEEN:
            return None
        zwakste = min(zwakste, beste)
        if waar not in velden:
            velden.append(waar)
    return zwakste, sorted(velden, key=VELDEN.index)


class _Index:
    """The words every active employee and team is found by, built in four queries and
    kept in this process for BEWAAR_SECONDEN: read on every keystroke, it would cost
    some 100 ms at two thousand employees (reading, not matching). A change saved in this
    process (an actor, a team membership, an entry, a skill) empties it at once
    (``vergeet``, connected to the models' signals in apps.py); another process's
    change shows within BEWAAR_SECONDEN. Whether someone can be reached now is never
    kept: it is read for the results each time."""

    BEWAAR_SECONDEN = 60.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._regels: list[_Regel] | None = None
        self._sinds = 0.0

    def regels(self) -> list[_Regel]:
        with self._lock:
            if self._regels is None or time.monotonic() - self._sinds > self.BEWAAR_SECONDEN:
                self._regels, self._sinds = _regels(), time.monotonic()
            return self._regels

    def vergeet(self, **kwargs: object) -> None:
        with self._lock:
            self._regels = None


_index = _Index()
vergeet_index = _index.vergeet


def verbind_signalen() -> None:
    """Empty the kept index when what it is built from is saved or deleted here."""
    for model in (Actor, Teamlid, Gidsvermelding, Vaardigheid):
        naam = f"collegagids-{model.__name__}"
        post_save.connect(vergeet_index, sender=model, dispatch_uid=f"{naam}-save")
        post_delete.connect(vergeet_index, sender=model, dispatch_uid=f"{naam}-delete")
    m2m_changed.connect(
        vergeet_index,
        sender=Gidsvermelding.vaardigheden.through,
        dispatch_uid="collegagids-vaardigheden",
    )


def _regels() -> list[_Regel]:
    woorden: dict[uuid.UUID, dict[Veld, list[str]]] = {}
    kop: dict[uuid.UUID, tuple[str, bool]] = {}
    functies = dict(Gidsvermelding.objects.exclude(functie="").values_list("actor_id", "functie"))
    for pk, naam, soort, functie, omschrijving in (
        in_de_gids()
        .order_by("naam", "uuid")
        .values_list("pk", "naam", "soort_actor", "functie", "omschrijving")
    ):
        team = soort == SoortActor.ORGANISATORISCHE_EENHEID
        kop[pk] = (naam, team)
        eigen = functies.get(pk) or (omschrijving if team else functie)
        woorden[pk] = {
            Veld.NAAM: gelijkenis.woorden(naam),
            Veld.FUNCTIE: gelijkenis.woorden(eigen),
        }
    for medewerker_id, team_naam in Teamlid.objects.filter(team__indicatie_actief=True).values_list(
        "medewerker_id", "team__naam"
    ):
        if medewerker_id in woorden:
            woorden[medewerker_id].setdefault(Veld.TEAM, []).extend(gelijkenis.woorden(team_naam))
    for actor_id, vaardigheid in Gidsvermelding.vaardigheden.through.objects.values_list(
        "gidsvermelding__actor_id", "vaardigheid__naam"
    ):
        if actor_id in woorden:
            woorden[actor_id].setdefault(Veld.VAARDIGHEID, []).extend(
                gelijkenis.woorden(vaardigheid)
            )
    return [
        _Regel(pk, kop[pk][0], kop[pk][1], {v: tuple(w) for v, w in velden.items()})
        for pk, velden in woorden.items()
    ]


# -- keeping the directory from an outside source -------------------------------------------


@dataclass(frozen=True)
class Gidsgegevens:
    """What an outside source says of an employee; ``None``: it says nothing about it (the
    value kept in the admin stays)."""

    naam: str | None = None
    emailadres: str | None = None
    telefoonnummer: str | None = None
    toestelnummer: str | None = None
    functie: str | None = None
    teams: Sequence[str] | None = None
    vaardigheden: Sequence[str] | None = None


def vermelding_van(actor: Actor) -> Gidsvermelding:
    vermelding, _ = Gidsvermelding.objects.get_or_create(actor=actor)
    return vermelding


def werk_bij(
    medewerker: Actor, gegevens: Gidsgegevens, by: ChangeContext, *, bron: str
) -> list[str]:
    """Keep ``medewerker``'s entry (and the register's actor: name, e-mail, function) as
    ``gegevens`` say. Teams are matched by name among the active teams (an unknown team is
    not made: a typo at the source must not make one); memberships from an outside source
    that it no longer names are removed, those the beheerder made stay. A value the entry
    cannot hold is skipped. Returns what was skipped, in words, for ``bron``'s log."""
    overgeslagen: list[str] = []
    with transaction.atomic():
        _werk_actor_bij(medewerker, gegevens, by)
        vermelding = vermelding_van(medewerker)
        if gegevens.functie is not None:
            vermelding.functie = " ".join(gegevens.functie.split())[:200]
        if gegevens.toestelnummer is not None:
            vermelding.toestelnummer = gegevens.toestelnummer.strip()[:10]
        for naam, check in (
            ("telefoonnummer", validators.validate_telefoonnummer),
            ("emailadres", validators.validate_email),
        ):
            waarde = getattr(gegevens, naam)
            if waarde is None:
                continue
            waarde = waarde.strip()
            try:
                if waarde:
                    check(waarde)
            except ValidationError:
                overgeslagen.append(f"{naam} {waarde!r} is ongeldig")
                continue
            setattr(vermelding, naam, waarde)
        vermelding.gesynchroniseerd_op = timezone.now()
        vermelding.save()
        if gegevens.vaardigheden is not None:
            vermelding.vaardigheden.set(
                [
                    Vaardigheid.objects.get_or_create(naam=naam[:80])[0]
                    for naam in dict.fromkeys(" ".join(v.split()) for v in gegevens.vaardigheden)
                    if naam
                ]
            )
        if gegevens.teams is not None:
            overgeslagen += _werk_teams_bij(medewerker, gegevens.teams)
    for melding in overgeslagen:
        logger.warning("Collegagids, %s, %s: %s", bron, medewerker.naam, melding)
    return overgeslagen


def _werk_actor_bij(medewerker: Actor, gegevens: Gidsgegevens, by: ChangeContext) -> None:
    """The register's actor: its name, and its e-mail address and function when it has
    an identificatie (the API requires a phone number beside them, which an actor made
    without the organisation's number lacks)."""
    changes: dict[str, str] = {}
    naam = " ".join((gegevens.naam or "").split())[:200]
    if naam and naam != medewerker.naam:
        changes["naam"] = naam
    email = (gegevens.emailadres or "").strip()
    if email and email != medewerker.emailadres and medewerker.telefoonnummer:
        changes["emailadres"] = email
    functie = " ".join((gegevens.functie or "").split())[:40]
    if functie and functie != medewerker.functie and medewerker.telefoonnummer:
        changes["functie"] = functie
    if changes:
        try:
            update_actor(medewerker, changes, by)
        except ValidationError as error:
            logger.warning("Collegagids: actor %s niet bijgewerkt: %s", medewerker.pk, error)


def _team_naam(waarde: str) -> str:
    """A team as a source names it: "Vergunningen", or a group path "/Afdelingen/Vergunningen"."""
    return waarde.strip().rstrip("/").rsplit("/", 1)[-1].strip()


def _werk_teams_bij(medewerker: Actor, namen: Sequence[str]) -> list[str]:
    actieve = {
        team.naam.casefold(): team
        for team in Actor.objects.filter(
            soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, indicatie_actief=True
        ).order_by("-naam", "-uuid")
    }
    gewenst: dict[object, Actor] = {}
    onbekend: list[str] = []
    for waarde in namen:
        naam = _team_naam(str(waarde))
        team = actieve.get(naam.casefold())
        if team is None:
            if naam:
                onbekend.append(naam)
            continue
        gewenst[team.pk] = team
    Teamlid.objects.filter(medewerker=medewerker, gesynchroniseerd=True).exclude(
        team__in=list(gewenst)
    ).delete()
    bestaand = set(Teamlid.objects.filter(medewerker=medewerker).values_list("team_id", flat=True))
    Teamlid.objects.bulk_create(
        [
            Teamlid(team=team, medewerker=medewerker, gesynchroniseerd=True)
            for pk, team in gewenst.items()
            if pk not in bestaand
        ]
    )
    vergeet_index()  # bulk_create sends no signals
    return [_("team %(naam)s bestaat niet") % {"naam": naam} for naam in onbekend]


# -- an employee's own hours and absences ----------------------------------------------------


def stel_werktijden_in(
    vermelding: Gidsvermelding,
    werktijden: Mapping[int, tuple[datetime.time, datetime.time] | None],
) -> None:
    """Set the hours of each weekday given (``None``: not working that day)."""
    fouten = {
        f"dag_{dag}": ValidationError(_("Het einde moet na het begin liggen."), code="invalid")
        for dag, uren in werktijden.items()
        if uren is not None and uren[0] >= uren[1]
    }
    if fouten:
        raise ValidationError(fouten)
    with transaction.atomic():
        for dag, uren in werktijden.items():
            if uren is None:
                Werktijd.objects.filter(vermelding=vermelding, weekdag=dag).delete()
            else:
                Werktijd.objects.update_or_create(
                    vermelding=vermelding,
                    weekdag=dag,
                    defaults={"begin": uren[0], "einde": uren[1]},
                )


def meld_afwezig(
    vermelding: Gidsvermelding, van: datetime.date, tot_en_met: datetime.date
) -> Afwezigheid:
    """An absence from ``van`` up to and including ``tot_en_met``; not one that ended."""
    if tot_en_met < van:
        raise ValidationError(
            {
                "tot_en_met": ValidationError(
                    _("De laatste dag ligt voor de eerste."), code="invalid"
                )
            }
        )
    if tot_en_met < timezone.now().astimezone(NL).date():
        raise ValidationError(
            {"tot_en_met": ValidationError(_("Deze afwezigheid is al voorbij."), code="invalid")}
        )
    return Afwezigheid.objects.create(vermelding=vermelding, van=van, tot_en_met=tot_en_met)


def afwezigheden(vermelding: Gidsvermelding) -> list[Afwezigheid]:
    """The absences that have not ended, first first."""
    vandaag = timezone.now().astimezone(NL).date()
    return list(vermelding.afwezigheden.filter(tot_en_met__gte=vandaag).order_by("van", "pk"))
