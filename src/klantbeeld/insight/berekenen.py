"""The day figures computed from the register: each day (local time, TIME_ZONE) is
recomputed whole, so recomputing is always right whatever changed; a range is read in
blocks of days with a handful of queries per block (a rebuild of two years of a register
of two million contacts reads each row once).

The definitions are those of docs/inzicht.md; where this module decides something the
docs name the rule (which team a contact counts for, which answer is the first)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from klantbeeld.channels.telefonie.models import Oproep
from klantbeeld.domain.models import (
    Actor,
    ActorKlantcontact,
    Betrokkene,
    CategorieRelatie,
    Gesprek,
    InterneTaak,
    InterneTaakActor,
    Klacht,
    Klantcontact,
    Onderwerpobject,
    Teamlid,
    Waardering,
)
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.insight.models import (
    CIJFERMODELLEN,
    Antwoordcijfer,
    Contactcijfer,
    Klachtcijfer,
    Taakcijfer,
    Waarderingcijfer,
)

Dag = datetime.date
# Days read together in a rebuild: few queries, rows of a week in memory.
BLOK_DAGEN = 7
MINUUT = 60
UUR = 3600
DAG = 86400
# The top and bottom answers per measure (NPS: promoters and detractors).
HOOG_LAAG = {"nps": (9, 6), "csat": (4, 2), "ces": (6, 2)}


def begin_van(dag: Dag) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def lokale_dag(moment: datetime.datetime) -> Dag:
    return timezone.localtime(moment).date()


def dagen(vanaf: Dag, tot: Dag) -> Iterator[Dag]:
    """Every day from ``vanaf`` up to and including ``tot``."""
    dag = vanaf
    while dag <= tot:
        yield dag
        dag += datetime.timedelta(days=1)


def fcr_dagen() -> int:
    return int(settings.KLANTBEELD_INZICHT_FCR_DAGEN)


class Teamwijzer:
    """Which team an actor counts for: a team itself, or the team of an employee (the
    first by name when they are in more than one). Read once per computation."""

    def __init__(self) -> None:
        self.teams = set(
            Actor.objects.filter(soort_actor=SoortActor.ORGANISATORISCHE_EENHEID).values_list(
                "pk", flat=True
            )
        )
        self.van_medewerker: dict[Any, Any] = {}
        for medewerker, team in Teamlid.objects.order_by("team__naam", "team_id").values_list(
            "medewerker_id", "team_id"
        ):
            self.van_medewerker.setdefault(medewerker, team)
        self._van_gebruiker: dict[Any, Any] | None = None

    def team(self, actor: Any) -> Any:
        if actor is None:
            return None
        if actor in self.teams:
            return actor
        return self.van_medewerker.get(actor)

    def eerste(self, actoren: Iterable[Any]) -> Any:
        for actor in actoren:
            team = self.team(actor)
            if team is not None:
                return team
        return None

    def van_gebruiker(self, user_id: Any) -> Any:
        """The team of a workspace user (the telephony's records know the user)."""
        if self._van_gebruiker is None:
            from django.contrib.auth.models import User

            from klantbeeld.workspace.medewerkers import IDENTIFICATOR

            namen = dict(User.objects.values_list("username", "pk"))
            actoren = Actor.objects.filter(
                actoridentificator_object_id__in=list(namen), **IDENTIFICATOR
            ).values_list("actoridentificator_object_id", "pk")
            self._van_gebruiker = {namen[naam]: self.team(pk) for naam, pk in actoren}
        return self._van_gebruiker.get(user_id)


@dataclass
class Blok:
    """The figures of a block of days, summed per day and group before they are written."""

    vanaf: Dag
    tot: Dag
    rijen: dict[type, dict[tuple[Any, ...], dict[str, int]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    )

    def tel(self, model: type, sleutel: tuple[Any, ...], **waarden: int) -> None:
        rij = self.rijen[model][sleutel]
        for naam, waarde in waarden.items():
            rij[naam] += waarde

    def binnen(self, dag: Dag) -> bool:
        return self.vanaf <= dag <= self.tot


SLEUTELS: dict[type, tuple[str, ...]] = {
    Contactcijfer: ("datum", "kanaal", "onderwerp", "team_id", "relatiesoort_id"),
    Taakcijfer: ("datum", "kanaal", "team_id"),
    Antwoordcijfer: ("datum", "kanaal", "team_id"),
    Klachtcijfer: ("datum", "kanaal", "team_id"),
    Waarderingcijfer: ("datum", "meting", "kanaal", "onderwerp", "team_id"),
}


def bereken(vanaf: Dag, tot: Dag) -> int:
    """Recompute every day from ``vanaf`` to ``tot`` (inclusive); the number of days."""
    wijzer = Teamwijzer()
    aantal = 0
    begin = vanaf
    while begin <= tot:
        eind = min(tot, begin + datetime.timedelta(days=BLOK_DAGEN - 1))
        bereken_blok(begin, eind, wijzer)
        aantal += (eind - begin).days + 1
        begin = eind + datetime.timedelta(days=1)
    return aantal


def bereken_dagen(dagen_: Iterable[Dag]) -> None:
    wijzer = Teamwijzer()
    for dag in sorted(set(dagen_)):
        bereken_blok(dag, dag, wijzer)


def bereken_blok(vanaf: Dag, tot: Dag, wijzer: Teamwijzer) -> None:
    blok = Blok(vanaf, tot)
    _contacten(blok, wijzer)
    _taken(blok, wijzer)
    _schriftelijke_antwoorden(blok, wijzer)
    _chats(blok)
    _oproepen(blok, wijzer)
    _klachten(blok)
    _waarderingen(blok)
    with transaction.atomic():
        for model in CIJFERMODELLEN:
            model._default_manager.filter(datum__gte=vanaf, datum__lte=tot).delete()
            velden = SLEUTELS[model]
            model._default_manager.bulk_create(
                [
                    model(**dict(zip(velden, sleutel, strict=True)), **waarden)
                    for sleutel, waarden in blok.rijen[model].items()
                ],
                batch_size=2000,
            )


def _periode(blok: Blok, veld: str) -> Q:
    return Q(
        **{
            f"{veld}__gte": begin_van(blok.vanaf),
            f"{veld}__lt": begin_van(blok.tot + datetime.timedelta(days=1)),
        }
    )


def _inkomend() -> ExpressionWrapper:
    """The customer started it: a betrokkene who took the initiative, or nobody known
    (an anonymous call). An answer the organisation sent has betrokkenen, none initiator."""
    return ExpressionWrapper(
        Q(Exists(Betrokkene.objects.filter(had_klantcontact=OuterRef("pk"), initiator=True)))
        | ~Q(Exists(Betrokkene.objects.filter(had_klantcontact=OuterRef("pk")))),
        output_field=BooleanField(),
    )


def _contacten(blok: Blok, wijzer: Teamwijzer) -> None:
    contacten = list(
        Klantcontact.objects.filter(_periode(blok, "plaatsgevonden_op"))
        .annotate(inkomend=_inkomend())
        .values_list("pk", "kanaal", "onderwerp", "plaatsgevonden_op", "inkomend")
    )
    if not contacten:
        return
    in_blok = Q(**{"klantcontact__plaatsgevonden_op__gte": begin_van(blok.vanaf)}) & Q(
        klantcontact__plaatsgevonden_op__lt=begin_van(blok.tot + datetime.timedelta(days=1))
    )
    actoren: dict[Any, list[Any]] = defaultdict(list)
    for contact, actor in (
        ActorKlantcontact.objects.filter(in_blok)
        .order_by("pk")
        .values_list("klantcontact_id", "actor_id")
    ):
        actoren[contact].append(actor)
    soorten = _relatiesoorten(blok)
    taken, terug = _vervolg(blok)
    venster = datetime.timedelta(days=fcr_dagen())
    schriftelijk = set(settings.KLANTBEELD_SCHRIFTELIJKE_KANALEN)
    for pk, kanaal, onderwerp, moment, inkomend in contacten:
        dag = lokale_dag(moment)
        partij_soorten = soorten.get(pk, ())
        soort = next(
            (
                s
                for begin, eind, s in partij_soorten
                if (begin is None or begin <= dag) and (eind is None or dag <= eind)
            ),
            None,
        )
        opgelost = 0
        if inkomend:
            binnen_venster = [t for t in taken.get(pk, ()) if t - moment <= venster]
            # A written message is answered through its task: one task is the answer.
            toegestaan = 1 if kanaal in schriftelijk else 0
            teruggekomen = any(t - moment <= venster for t in terug.get(pk, ()))
            opgelost = int(len(binnen_venster) <= toegestaan and not teruggekomen)
        blok.tel(
            Contactcijfer,
            (dag, kanaal, onderwerp[:200], wijzer.eerste(actoren.get(pk, ())), soort),
            contacten=1,
            inkomend=int(bool(inkomend)),
            opgelost=opgelost,
        )


def _relatiesoorten(blok: Blok) -> dict[Any, list[tuple[Dag | None, Dag | None, Any]]]:
    """Per contact of the block: the relation kinds of its customer (the initiating
    betrokkene's partij), first by the kind's order."""
    rijen = (
        CategorieRelatie.objects.filter(
            categorie__isnull=False,
            partij__betrokkenen__had_klantcontact__plaatsgevonden_op__gte=begin_van(blok.vanaf),
            partij__betrokkenen__had_klantcontact__plaatsgevonden_op__lt=begin_van(
                blok.tot + datetime.timedelta(days=1)
            ),
            partij__betrokkenen__rol="klant",
        )
        .order_by("categorie__volgorde", "categorie__naam")
        .values_list(
            "partij__betrokkenen__had_klantcontact_id", "begin_datum", "eind_datum", "categorie_id"
        )
    )
    soorten: dict[Any, list[tuple[Dag | None, Dag | None, Any]]] = defaultdict(list)
    for contact, begin, eind, categorie in rijen:
        soorten[contact].append((begin, eind, categorie))
    return soorten


def _vervolg(
    blok: Blok,
) -> tuple[dict[Any, list[datetime.datetime]], dict[Any, list[datetime.datetime]]]:
    """Per contact of the block: when tasks were started from it, and when the customer
    came back about it (a later contact they started, with this one as its subject)."""
    taken: dict[Any, list[datetime.datetime]] = defaultdict(list)
    for contact, moment in InterneTaak.objects.filter(
        _periode(blok, "aanleidinggevend_klantcontact__plaatsgevonden_op")
    ).values_list("aanleidinggevend_klantcontact_id", "toegewezen_op"):
        taken[contact].append(moment)
    terug: dict[Any, list[datetime.datetime]] = defaultdict(list)
    klant_begon = Exists(
        Betrokkene.objects.filter(had_klantcontact=OuterRef("klantcontact_id"), initiator=True)
    )
    for contact, moment in (
        Onderwerpobject.objects.filter(
            _periode(blok, "was_klantcontact__plaatsgevonden_op"), klantcontact__isnull=False
        )
        .filter(klant_begon)
        .values_list("was_klantcontact_id", "klantcontact__plaatsgevonden_op")
    ):
        terug[contact].append(moment)
    return taken, terug


def _taakteams(taken: Iterable[Any], wijzer: Teamwijzer) -> dict[Any, Any]:
    """A task counts for the team of its first assignee: a team, or an employee's team."""
    actoren: dict[Any, list[Any]] = defaultdict(list)
    for taak, actor in (
        InterneTaakActor.objects.filter(interne_taak__in=list(taken))
        .order_by("volgorde", "id")
        .values_list("interne_taak_id", "actor_id")
    ):
        actoren[taak].append(actor)
    return {taak: wijzer.team(lijst[0]) for taak, lijst in actoren.items()}


def _taken(blok: Blok, wijzer: Teamwijzer) -> None:
    rijen = list(
        InterneTaak.objects.filter(
            _periode(blok, "toegewezen_op") | _periode(blok, "afgehandeld_op")
        ).values_list(
            "pk",
            "toegewezen_op",
            "afgehandeld_op",
            "uiterlijk_op",
            "aanleidinggevend_klantcontact__kanaal",
        )
    )
    teams: dict[Any, Any] = {}
    for start in range(0, len(rijen), 2000):
        teams.update(_taakteams([r[0] for r in rijen[start : start + 2000]], wijzer))
    for pk, toegewezen, afgehandeld, uiterlijk, kanaal in rijen:
        team = teams.get(pk)
        dag = lokale_dag(toegewezen)
        if blok.binnen(dag):
            blok.tel(Taakcijfer, (dag, kanaal, team), geopend=1)
        if afgehandeld is not None and blok.binnen(dag := lokale_dag(afgehandeld)):
            blok.tel(
                Taakcijfer,
                (dag, kanaal, team),
                afgehandeld=1,
                te_laat=int(uiterlijk is not None and dag > uiterlijk),
                behandelduur_seconden=max(0, int((afgehandeld - toegewezen).total_seconds())),
            )


def _antwoord(blok: Blok, dag: Dag, kanaal: str, team: Any, seconden: float) -> None:
    seconden = max(0, int(seconden))
    blok.tel(
        Antwoordcijfer,
        (dag, kanaal, team),
        aantal=1,
        seconden=seconden,
        binnen_5_minuten=int(seconden <= 5 * MINUUT),
        binnen_1_uur=int(seconden <= UUR),
        binnen_1_dag=int(seconden <= DAG),
    )


def _schriftelijke_antwoorden(blok: Blok, wijzer: Teamwijzer) -> None:
    """A written message's answer time: from the message to the first contact the
    organisation registered with it as subject (the answer), counted on the answer's day."""
    eerder = Onderwerpobject.objects.filter(
        was_klantcontact=OuterRef("was_klantcontact"),
        klantcontact__plaatsgevonden_op__lt=OuterRef("klantcontact__plaatsgevonden_op"),
        klantcontact__betrokkenen__initiator=False,
    )
    klant_begon = Exists(
        Betrokkene.objects.filter(had_klantcontact=OuterRef("klantcontact_id"), initiator=True)
    )
    rijen = list(
        Onderwerpobject.objects.filter(
            _periode(blok, "klantcontact__plaatsgevonden_op"),
            was_klantcontact__kanaal__in=list(settings.KLANTBEELD_SCHRIFTELIJKE_KANALEN),
        )
        .exclude(klant_begon)
        .exclude(Exists(eerder))
        .values_list(
            "klantcontact_id",
            "klantcontact__plaatsgevonden_op",
            "was_klantcontact__kanaal",
            "was_klantcontact__plaatsgevonden_op",
        )
        .distinct()
    )
    actoren: dict[Any, list[Any]] = defaultdict(list)
    for start in range(0, len(rijen), 2000):
        for contact, actor in ActorKlantcontact.objects.filter(
            klantcontact__in=[r[0] for r in rijen[start : start + 2000]]
        ).values_list("klantcontact_id", "actor_id"):
            actoren[contact].append(actor)
    for antwoord, beantwoord, kanaal, ontvangen in rijen:
        team = wijzer.eerste(actoren.get(antwoord, ()))
        _antwoord(
            blok, lokale_dag(beantwoord), kanaal, team, (beantwoord - ontvangen).total_seconds()
        )


def _chats(blok: Blok) -> None:
    """A chat's wait: from joining the queue to an agent taking it."""
    for kanaal, team, wachtrij, aangenomen in Gesprek.objects.filter(
        _periode(blok, "aangenomen_op"), in_wachtrij_sinds__isnull=False
    ).values_list("kanaal", "team_id", "in_wachtrij_sinds", "aangenomen_op"):
        if wachtrij is None or aangenomen is None:  # the filter says not; the types do not
            continue
        _antwoord(
            blok, lokale_dag(aangenomen), kanaal, team, (aangenomen - wachtrij).total_seconds()
        )


def _oproepen(blok: Blok, wijzer: Teamwijzer) -> None:
    """A call's wait: from ringing (in the queue) to an agent answering it."""
    for medewerker, overgaan, opgenomen in Oproep.objects.filter(
        _periode(blok, "opgenomen_op"), overgaan_op__isnull=False
    ).values_list("medewerker_id", "overgaan_op", "opgenomen_op"):
        if overgaan is None or opgenomen is None:
            continue
        _antwoord(
            blok,
            lokale_dag(opgenomen),
            "telefoon",
            wijzer.van_gebruiker(medewerker),
            (opgenomen - overgaan).total_seconds(),
        )


def _klachten(blok: Blok) -> None:
    periode = Q(ontvangen_op__gte=blok.vanaf, ontvangen_op__lte=blok.tot) | Q(
        besloten_op__gte=blok.vanaf, besloten_op__lte=blok.tot
    )
    for kanaal, team, ontvangen, besloten, termijn in Klacht.objects.filter(periode).values_list(
        "kanaal", "team_id", "ontvangen_op", "besloten_op", "termijn_einde"
    ):
        if blok.binnen(ontvangen):
            blok.tel(Klachtcijfer, (ontvangen, kanaal, team), ontvangen=1)
        if besloten is not None and blok.binnen(besloten):
            blok.tel(
                Klachtcijfer,
                (besloten, kanaal, team),
                besloten=1,
                binnen_termijn=int(besloten <= termijn),
            )


def _waarderingen(blok: Blok) -> None:
    for meting, kanaal, onderwerp, team, datum, score in Waardering.objects.filter(
        datum__gte=blok.vanaf, datum__lte=blok.tot
    ).values_list("meting", "kanaal", "onderwerp", "team_id", "datum", "score"):
        hoog, laag = HOOG_LAAG.get(meting, (score + 1, -1))
        blok.tel(
            Waarderingcijfer,
            (datum, meting, kanaal, onderwerp[:200], team),
            aantal=1,
            som=score,
            hoog=int(score >= hoog),
            laag=int(score <= laag),
        )
