"""The sections of the dashboards, the exports and the BI API, read from the day figures
(and, for what is open now, from indexed rows of the register): one table per section,
with small groups suppressed (``onderdrukt``) before anything leaves this module."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from klantbeeld.domain.models import Actor, InterneTaakActor, Klacht, Teamlid
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.models.klachten import Klachtstatus
from klantbeeld.insight.berekenen import Teamwijzer
from klantbeeld.insight.models import (
    Antwoordcijfer,
    Contactcijfer,
    Klachtcijfer,
    Taakcijfer,
    Waarderingcijfer,
)
from klantbeeld.workspace.contact import KANAAL_LABELS

Dag = datetime.date


class Onderdrukt:
    """A cell built from too few people: shown as "minder dan K", never as its number."""

    def __str__(self) -> str:
        return gettext("minder dan %(k)s") % {"k": minimum()}

    def __repr__(self) -> str:
        return "Onderdrukt()"


ONDERDRUKT = Onderdrukt()
Cel = int | float | str | None | Onderdrukt


def minimum() -> int:
    return int(settings.KLANTBEELD_INZICHT_MINIMUM)


@dataclass(frozen=True)
class Filter:
    vanaf: Dag
    tot: Dag
    # The teams the viewer may see (a teamleider's own); None: all (management, the BI).
    teams: tuple[Any, ...] | None = None
    team: Any = None
    kanaal: str = ""
    relatiesoort: Any = None

    def teamvoorwaarde(self, veld: str = "team_id") -> Q:
        if self.team is not None:
            return Q(**{veld: self.team})
        if self.teams is not None:
            return Q(**{f"{veld}__in": self.teams})
        return Q()

    def dagen(self, kanaal: bool = True) -> Q:
        voorwaarde = Q(datum__gte=self.vanaf, datum__lte=self.tot) & self.teamvoorwaarde()
        if kanaal and self.kanaal:
            voorwaarde &= Q(kanaal=self.kanaal)
        return voorwaarde

    def enkel_team(self) -> Any:
        """The one team the figures are about, if they are about one."""
        if self.team is not None:
            return self.team
        if self.teams is not None and len(self.teams) == 1:
            return self.teams[0]
        return None


@dataclass(frozen=True)
class Kolom:
    sleutel: str
    titel: str
    eenheid: str = ""  # "", "%", "min", "uur", "score"


@dataclass
class Sectie:
    sleutel: str
    titel: str
    uitleg: str
    kolommen: list[Kolom]
    rijen: list[list[Cel]]
    # How the chart shows it: "lijn" (over time) or "staaf" (per group), which columns.
    grafiek: str = "staaf"
    reeksen: list[str] = field(default_factory=list)
    opmerking: str = ""

    def waarden(self, sleutel: str) -> list[Cel]:
        index = [k.sleutel for k in self.kolommen].index(sleutel)
        return [rij[index] for rij in self.rijen]

    def als_dicts(self) -> list[dict[str, Cel]]:
        return [
            {k.sleutel: cel for k, cel in zip(self.kolommen, rij, strict=True)}
            for rij in self.rijen
        ]


# ---- periods ------------------------------------------------------------------------


@dataclass(frozen=True)
class Indeling:
    """How a period is split for charts over time: days, weeks or months."""

    soort: str

    def van(self, dag: Dag) -> Dag:
        if self.soort == "week":
            return dag - datetime.timedelta(days=dag.weekday())
        if self.soort == "maand":
            return dag.replace(day=1)
        return dag

    def label(self, begin: Dag) -> str:
        if self.soort == "week":
            jaar, week, _ = begin.isocalendar()
            return gettext("week %(week)s %(jaar)s") % {"week": week, "jaar": jaar}
        if self.soort == "maand":
            return date_format(begin, "F Y")
        return date_format(begin, "j b")

    def reeks(self, vanaf: Dag, tot: Dag) -> list[Dag]:
        begin = self.van(vanaf)
        reeks = []
        while begin <= tot:
            reeks.append(begin)
            if self.soort == "week":
                begin += datetime.timedelta(days=7)
            elif self.soort == "maand":
                begin = (begin.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
            else:
                begin += datetime.timedelta(days=1)
        return reeks


def indeling(f: Filter) -> Indeling:
    lengte = (f.tot - f.vanaf).days + 1
    if lengte <= 31:
        return Indeling("dag")
    if lengte <= 190:
        return Indeling("week")
    return Indeling("maand")


# ---- suppression --------------------------------------------------------------------


def kleine_teams() -> set[Any]:
    """Teams with fewer members than the minimum: their figures could point at one person."""
    grootte = dict(
        Teamlid.objects.values("team_id")
        .annotate(n=Count("medewerker_id"))
        .values_list("team_id", "n")
    )
    teams = Actor.objects.filter(soort_actor="organisatorische_eenheid").values_list(
        "pk", flat=True
    )
    return {team for team in teams if grootte.get(team, 0) < minimum()}


def minstens(aantal: int | None, waarde: Cel) -> Cel:
    """``waarde`` when it rests on at least the minimum, else suppressed."""
    if aantal is None or aantal < minimum():
        return ONDERDRUKT
    return waarde


def percentage(deel: int, geheel: int) -> float | None:
    return round(100 * deel / geheel, 1) if geheel else None


def gemiddelde(som: float, aantal: int, deler: float = 1) -> float | None:
    return round(som / aantal / deler, 1) if aantal else None


def teamnamen(pks: Iterable[Any]) -> dict[Any, str]:
    return dict(
        Actor.objects.filter(pk__in=[p for p in pks if p is not None]).values_list("pk", "naam")
    )


def _zonder_team() -> str:
    return gettext("Zonder team")


def onderdruk_klein_team(f: Filter, sectie: Sectie) -> Sectie:
    """A section about one small team shows nothing but its labels."""
    team = f.enkel_team()
    if team is not None and team in kleine_teams():
        sectie.rijen = [[rij[0], *[ONDERDRUKT for _ in rij[1:]]] for rij in sectie.rijen]
        sectie.opmerking = gettext(
            "Dit team heeft minder dan %(k)s leden: de cijfers zouden naar één persoon "
            "kunnen wijzen en worden niet getoond."
        ) % {"k": minimum()}
    return sectie


# ---- sections -----------------------------------------------------------------------


def _contactrijen(f: Filter) -> QuerySet[Contactcijfer]:
    rijen = Contactcijfer.objects.filter(f.dagen())
    if f.relatiesoort is not None:
        rijen = rijen.filter(relatiesoort_id=f.relatiesoort)
    return rijen


def contacten(f: Filter) -> Sectie:
    deling = indeling(f)
    per: dict[tuple[Dag, str], int] = defaultdict(int)
    kanalen: set[str] = set()
    for datum, kanaal, aantal in (
        _contactrijen(f)
        .values("datum", "kanaal")
        .annotate(n=Sum("contacten"))
        .values_list("datum", "kanaal", "n")
    ):
        per[(deling.van(datum), kanaal)] += aantal
        kanalen.add(kanaal)
    volgorde = sorted(kanalen)
    kolommen = [Kolom("periode", gettext("Periode"))]
    kolommen += [Kolom(f"kanaal_{k}", kanaallabel(k)) for k in volgorde]
    kolommen.append(Kolom("totaal", gettext("Totaal")))
    rijen: list[list[Cel]] = []
    for begin in deling.reeks(f.vanaf, f.tot):
        waarden = [per.get((begin, k), 0) for k in volgorde]
        rijen.append([deling.label(begin), *waarden, sum(waarden)])
    return onderdruk_klein_team(
        f,
        Sectie(
            "contacten",
            gettext("Contacten per kanaal"),
            gettext("Alle geregistreerde klantcontacten, per kanaal en per %(deel)s.")
            % {"deel": deellabel(deling)},
            kolommen,
            rijen,
            grafiek="lijn",
            reeksen=[k.sleutel for k in kolommen[1:-1]],
        ),
    )


def onderwerpen(f: Filter, top: int = 10) -> Sectie:
    totaal = _contactrijen(f).aggregate(n=Sum("contacten"))["n"] or 0
    rijen: list[list[Cel]] = []
    getoond = 0
    for onderwerp, aantal in (
        _contactrijen(f)
        .values("onderwerp")
        .annotate(n=Sum("contacten"))
        .order_by("-n", "onderwerp")
        .values_list("onderwerp", "n")[:top]
    ):
        rijen.append([onderwerp or gettext("(geen onderwerp)"), aantal, percentage(aantal, totaal)])
        getoond += aantal
    if totaal > getoond:
        rijen.append(
            [gettext("Overige onderwerpen"), totaal - getoond, percentage(totaal - getoond, totaal)]
        )
    return onderdruk_klein_team(
        f,
        Sectie(
            "onderwerpen",
            gettext("Contacten per onderwerp"),
            gettext("De %(top)s onderwerpen met de meeste contacten in de periode.") % {"top": top},
            [
                Kolom("onderwerp", gettext("Onderwerp")),
                Kolom("contacten", gettext("Contacten")),
                Kolom("aandeel", gettext("Aandeel"), "%"),
            ],
            rijen,
            reeksen=["contacten"],
        ),
    )


def eerste_contact(f: Filter) -> Sectie:
    rijen: list[list[Cel]] = []
    som_in = som_op = 0
    for kanaal, inkomend, opgelost in (
        _contactrijen(f)
        .values("kanaal")
        .annotate(i=Sum("inkomend"), o=Sum("opgelost"))
        .order_by("kanaal")
        .values_list("kanaal", "i", "o")
    ):
        if not inkomend:
            continue
        rijen.append([kanaallabel(kanaal), inkomend, opgelost, percentage(opgelost, inkomend)])
        som_in += inkomend
        som_op += opgelost
    rijen.append([gettext("Alle kanalen"), som_in, som_op, percentage(som_op, som_in)])
    return onderdruk_klein_team(
        f,
        Sectie(
            "eerste-contact",
            gettext("Opgelost in het eerste contact"),
            gettext(
                "Contacten die de klant begon en die binnen %(n)s dagen geen taak nodig hadden "
                "(bij schriftelijke kanalen: alleen de taak om te antwoorden) en waarover de "
                "klant niet terugkwam."
            )
            % {"n": settings.KLANTBEELD_INZICHT_FCR_DAGEN},
            [
                Kolom("kanaal", gettext("Kanaal")),
                Kolom("inkomend", gettext("Contacten van klanten")),
                Kolom("opgelost", gettext("In één keer opgelost")),
                Kolom("percentage", gettext("Percentage opgelost"), "%"),
            ],
            rijen,
            reeksen=["percentage"],
        ),
    )


def _open_taken(f: Filter, wijzer: Teamwijzer) -> dict[Any, tuple[int, int]]:
    """Open and overdue tasks now, per team (live from the register's indexed rows,
    grouped in the database by the first assignee: ``volgorde`` 0)."""
    vandaag = timezone.localdate()
    eerste = InterneTaakActor.objects.filter(volgorde=0, interne_taak__status=Status.TE_VERWERKEN)
    if f.kanaal:
        eerste = eerste.filter(interne_taak__aanleidinggevend_klantcontact__kanaal=f.kanaal)
    per: dict[Any, list[int]] = defaultdict(lambda: [0, 0])
    for actor, open_, laat in (
        eerste.values("actor_id")
        .annotate(
            n=Count("interne_taak_id"),
            laat=Count("interne_taak_id", filter=Q(interne_taak__uiterlijk_op__lt=vandaag)),
        )
        .values_list("actor_id", "n", "laat")
    ):
        team = wijzer.team(actor)
        per[team][0] += open_
        per[team][1] += laat
    return {team: (open_, laat) for team, (open_, laat) in per.items()}


def taken(f: Filter) -> Sectie:
    wijzer = Teamwijzer()
    open_nu = _open_taken(f, wijzer)
    per: dict[Any, dict[str, int]] = {}
    for team, geopend, afgehandeld, te_laat, seconden in (
        Taakcijfer.objects.filter(f.dagen())
        .values("team_id")
        .annotate(
            g=Sum("geopend"), a=Sum("afgehandeld"), t=Sum("te_laat"), s=Sum("behandelduur_seconden")
        )
        .values_list("team_id", "g", "a", "t", "s")
    ):
        per[team] = {"g": geopend, "a": afgehandeld, "t": te_laat, "s": seconden}
    zichtbaar = set(per) | set(open_nu)
    if f.team is not None:
        zichtbaar &= {f.team}
    elif f.teams is not None:
        zichtbaar &= set(f.teams)
    namen = teamnamen(zichtbaar)
    klein = kleine_teams()
    rijen: list[list[Cel]] = []
    for team in sorted(zichtbaar, key=lambda t: (t is None, namen.get(t, ""))):
        cijfers = per.get(team, {"g": 0, "a": 0, "t": 0, "s": 0})
        open_, laat = open_nu.get(team, (0, 0))
        waarden: list[Cel] = [
            open_,
            laat,
            cijfers["g"],
            cijfers["a"],
            cijfers["t"],
            minstens(cijfers["a"], gemiddelde(cijfers["s"], cijfers["a"], 3600)),
        ]
        if team in klein:
            waarden = [ONDERDRUKT] * len(waarden)
        rijen.append([namen.get(team, _zonder_team()), *waarden])
    return Sectie(
        "taken",
        gettext("Taken per team"),
        gettext(
            "Open en te late taken op dit moment; geopend, afgehandeld en te laat afgehandeld "
            "in de periode, met de gemiddelde tijd van toewijzen tot afhandelen."
        ),
        [
            Kolom("team", gettext("Team")),
            Kolom("open", gettext("Open nu")),
            Kolom("te_laat_nu", gettext("Te laat nu")),
            Kolom("geopend", gettext("Geopend")),
            Kolom("afgehandeld", gettext("Afgehandeld")),
            Kolom("te_laat_afgehandeld", gettext("Te laat afgehandeld")),
            Kolom("behandelduur", gettext("Gemiddelde behandeltijd"), "uur"),
        ],
        rijen,
        reeksen=["open", "te_laat_nu"],
    )


def antwoordtijden(f: Filter) -> Sectie:
    rijen: list[list[Cel]] = []
    for kanaal, aantal, seconden, vijf, uur, dag in (
        Antwoordcijfer.objects.filter(f.dagen())
        .values("kanaal")
        .annotate(
            n=Sum("aantal"),
            s=Sum("seconden"),
            v=Sum("binnen_5_minuten"),
            u=Sum("binnen_1_uur"),
            d=Sum("binnen_1_dag"),
        )
        .order_by("kanaal")
        .values_list("kanaal", "n", "s", "v", "u", "d")
    ):
        rijen.append(
            [
                kanaallabel(kanaal),
                aantal,
                minstens(aantal, gemiddelde(seconden, aantal, 60)),
                minstens(aantal, percentage(vijf, aantal)),
                minstens(aantal, percentage(uur, aantal)),
                minstens(aantal, percentage(dag, aantal)),
            ]
        )
    return onderdruk_klein_team(
        f,
        Sectie(
            "antwoordtijden",
            gettext("Antwoordtijden per kanaal"),
            gettext(
                "Hoe lang klanten wachtten: bij telefoon en chat van de wachtrij tot een "
                "medewerker opnam, bij schriftelijke kanalen van het bericht tot het eerste "
                "antwoord."
            ),
            [
                Kolom("kanaal", gettext("Kanaal")),
                Kolom("beantwoord", gettext("Beantwoord")),
                Kolom("gemiddeld", gettext("Gemiddelde wachttijd"), "min"),
                Kolom("binnen_5_minuten", gettext("Binnen 5 minuten"), "%"),
                Kolom("binnen_1_uur", gettext("Binnen 1 uur"), "%"),
                Kolom("binnen_1_dag", gettext("Binnen 1 dag"), "%"),
            ],
            rijen,
            reeksen=["binnen_1_uur"],
        ),
    )


def _per_periode(
    f: Filter, rijen: Iterable[tuple[Any, ...]], velden: int
) -> tuple[Indeling, dict[Dag, list[int]]]:
    deling = indeling(f)
    per: dict[Dag, list[int]] = defaultdict(lambda: [0] * velden)
    for datum, *waarden in rijen:
        opgeteld = per[deling.van(datum)]
        for index, waarde in enumerate(waarden):
            opgeteld[index] += waarde or 0
    return deling, per


def klachten(f: Filter) -> Sectie:
    deling, per = _per_periode(
        f,
        Klachtcijfer.objects.filter(f.dagen())
        .values("datum")
        .annotate(o=Sum("ontvangen"), b=Sum("besloten"), t=Sum("binnen_termijn"))
        .values_list("datum", "o", "b", "t"),
        3,
    )
    rijen: list[list[Cel]] = []
    totaal = [0, 0, 0]
    for begin in deling.reeks(f.vanaf, f.tot):
        ontvangen, besloten, binnen = per.get(begin, [0, 0, 0])
        totaal = [totaal[0] + ontvangen, totaal[1] + besloten, totaal[2] + binnen]
        rijen.append([deling.label(begin), *_klachtcellen(ontvangen, besloten, binnen)])
    rijen.append([gettext("Hele periode"), *_klachtcellen(*totaal)])
    open_verlopen = _open_verlopen(f)
    sectie = Sectie(
        "klachten",
        gettext("Klachten binnen de termijn"),
        gettext(
            "Ontvangen klachten en besluiten, en hoeveel besluiten binnen de wettelijke "
            "termijn vielen (besloten op of voor de laatste dag van de termijn)."
        ),
        [
            Kolom("periode", gettext("Periode")),
            Kolom("ontvangen", gettext("Ontvangen")),
            Kolom("besloten", gettext("Besloten")),
            Kolom("binnen_termijn", gettext("Binnen de termijn")),
            Kolom("percentage", gettext("Percentage binnen de termijn"), "%"),
        ],
        rijen,
        grafiek="lijn",
        reeksen=["percentage"],
        opmerking=gettext("Nu open met verstreken termijn: %(n)s.")
        % {"n": str(open_verlopen) if isinstance(open_verlopen, Onderdrukt) else open_verlopen},
    )
    return onderdruk_klein_team(f, sectie)


def _klachtcellen(ontvangen: int, besloten: int, binnen: int) -> list[Cel]:
    return [
        minstens(ontvangen, ontvangen) if ontvangen else 0,
        minstens(besloten, besloten) if besloten else 0,
        minstens(besloten, binnen) if besloten else 0,
        minstens(besloten, percentage(binnen, besloten)),
    ]


def _open_verlopen(f: Filter) -> Cel:
    open_ = Klacht.objects.filter(
        f.teamvoorwaarde(),
        status__in=[Klachtstatus.ONTVANGEN, Klachtstatus.IN_BEHANDELING],
        termijn_einde__lt=timezone.localdate(),
    )
    if f.kanaal:
        open_ = open_.filter(kanaal=f.kanaal)
    aantal = open_.count()
    return minstens(aantal, aantal) if aantal else 0


METINGEN = ("csat", "ces", "nps")


def tevredenheid(f: Filter) -> Sectie:
    deling = indeling(f)
    per: dict[tuple[Dag, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for datum, meting, aantal, som, hoog, laag in (
        Waarderingcijfer.objects.filter(f.dagen())
        .values("datum", "meting")
        .annotate(n=Sum("aantal"), s=Sum("som"), h=Sum("hoog"), l=Sum("laag"))
        .values_list("datum", "meting", "n", "s", "h", "l")
    ):
        opgeteld = per[(deling.van(datum), meting)]
        for index, waarde in enumerate((aantal, som, hoog, laag)):
            opgeteld[index] += waarde
    rijen: list[list[Cel]] = []
    totaal: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for begin in deling.reeks(f.vanaf, f.tot):
        cellen: list[Cel] = [deling.label(begin)]
        for meting in METINGEN:
            cijfers = per.get((begin, meting), [0, 0, 0, 0])
            totaal[meting] = [a + b for a, b in zip(totaal[meting], cijfers, strict=True)]
            cellen += _waarderingcellen(meting, *cijfers)
        rijen.append(cellen)
    slot: list[Cel] = [gettext("Hele periode")]
    for meting in METINGEN:
        slot += _waarderingcellen(meting, *totaal[meting])
    rijen.append(slot)
    return onderdruk_klein_team(
        f,
        Sectie(
            "tevredenheid",
            gettext("Klanttevredenheid"),
            gettext(
                "Antwoorden op de korte vragenlijsten na een contact: tevredenheid (CSAT, 1 "
                "tot 5), klantinspanning (CES, 1 tot 7) en de aanbevelingsscore (NPS: "
                "percentage 9 en 10 min percentage 0 tot en met 6)."
            ),
            [
                Kolom("periode", gettext("Periode")),
                Kolom("csat_aantal", gettext("CSAT: antwoorden")),
                Kolom("csat", gettext("CSAT: gemiddelde"), "score"),
                Kolom("ces_aantal", gettext("CES: antwoorden")),
                Kolom("ces", gettext("CES: gemiddelde"), "score"),
                Kolom("nps_aantal", gettext("NPS: antwoorden")),
                Kolom("nps", gettext("NPS"), "score"),
            ],
            rijen,
            grafiek="lijn",
            reeksen=["csat", "ces"],
        ),
    )


def _waarderingcellen(meting: str, aantal: int, som: int, hoog: int, laag: int) -> list[Cel]:
    if not aantal:
        return [0, None]
    if meting == "nps":
        score: float | None = round(100 * (hoog - laag) / aantal, 1)
    else:
        score = gemiddelde(som, aantal)
    return [minstens(aantal, aantal), minstens(aantal, score)]


SECTIES: dict[str, Callable[[Filter], Sectie]] = {
    "contacten": contacten,
    "onderwerpen": onderwerpen,
    "eerste-contact": eerste_contact,
    "taken": taken,
    "antwoordtijden": antwoordtijden,
    "klachten": klachten,
    "tevredenheid": tevredenheid,
}


def deellabel(deling: Indeling) -> str:
    return {"dag": gettext("dag"), "week": gettext("week"), "maand": gettext("maand")}[deling.soort]


def kanaallabel(kanaal: str) -> str:
    return str(KANAAL_LABELS.get(kanaal, kanaal))
