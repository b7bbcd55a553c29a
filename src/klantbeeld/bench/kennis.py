"""How well and how fast the knowledge search answers agents' questions: the share of the
questions in bench/kennisvragen.py whose expected article comes first (hit@1) or in the
first five (hit@5), asked as a KCC agent would, and the time a search takes."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from klantbeeld.bench.kennisvragen import VRAGEN
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services.kennis_opslag import Zoekfilter
from klantbeeld.domain.services.kennis_zoeken import zoek_kennis

KCC = "Klantcontactcentrum"


@dataclass
class Trefkans:
    vragen: int = 0
    eerste: int = 0
    top5: int = 0
    missers: list[tuple[str, str, list[str]]] = field(default_factory=list)
    duur_ms: list[float] = field(default_factory=list)

    @property
    def hit1(self) -> float:
        return self.eerste / self.vragen if self.vragen else 0.0

    @property
    def hit5(self) -> float:
        return self.top5 / self.vragen if self.vragen else 0.0


def als_kcc() -> Zoekfilter:
    """What an agent of the contact centre sees: everything for everyone, and what is for
    their team."""
    teams = Actor.objects.filter(naam=KCC, soort_actor=SoortActor.ORGANISATORISCHE_EENHEID)
    return Zoekfilter(teams=frozenset(str(pk) for pk in teams.values_list("pk", flat=True)))


def meet_trefkans(vragen: list[tuple[str, str]] = VRAGEN) -> Trefkans:
    filter = als_kcc()
    uitkomst = Trefkans()
    for vraag, verwacht in vragen:
        begin = time.perf_counter()
        resultaat = zoek_kennis(vraag, filter, aantal=5)
        uitkomst.duur_ms.append((time.perf_counter() - begin) * 1000)
        titels = [t.document.titel for t in resultaat.treffers]
        uitkomst.vragen += 1
        uitkomst.eerste += titels[:1] == [verwacht]
        uitkomst.top5 += verwacht in titels
        if titels[:1] != [verwacht]:
            uitkomst.missers.append((vraag, verwacht, titels))
    return uitkomst


def percentiel(waarden: list[float], p: int) -> float:
    if len(waarden) < 2:
        return waarden[0] if waarden else 0.0
    return statistics.quantiles(waarden, n=100, method="inclusive")[p - 1]
