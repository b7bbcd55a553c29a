"""The knowledge search an agent asks during a call: one search over the articles and the
external sources, in Dutch.

A question is read word by word (kennis_taal.py). Each word becomes a *slot* with its
alternatives: its stem when the index knows it; otherwise the known words within one or two
typing errors (the last word, while typing, also the words it begins); the parts of a
compound; the words of a synonym group (Synoniemgroep). The storage backend
(kennis_opslag.py) returns the documents holding any alternative, best first by its own
index; they are then ranked here, the same on every database:

- per slot, the best alternative the document holds, by the field it is in (title 10,
  keywords 6, summary 3, body 1, plus a quarter of every other field that holds it), how
  rare its stem is (BM25's idf), and how sure the alternative is (the word itself 1, a
  synonym 0.8, a corrected typo 0.75 or 0.6, a word begun 0.7, a compound's part 0.5);
- the sum over the slots, times the share of the slots the document answers (and a little
  more for a title the question covers more of): a document
  that answers every word of the question comes before one that answers some (not
  squared: a separable verb, "vraagt … aan", often leaves one word unanswered).

Only what the index holds is found, and the index holds only published articles."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from klantbeeld.domain.models import Kennisdocument, Synoniemgroep, Zoekwoord
from klantbeeld.domain.services import kennis_taal
from klantbeeld.domain.services.kennis_opslag import GEWICHTEN, Zoekfilter, opslag

MAX_WOORDEN = 12
MAX_TEKST = 200
KANDIDATEN = 200
# How sure an alternative is that it means the word asked.
ZEKER, SYNONIEM, BEGONNEN, DEEL = 1.0, 0.8, 0.7, 0.5
TYPFOUT = {1: 0.75, 2: 0.6}
BEGIN_WOORDEN = 5
TITELDEKKING = 0.2
FRAGMENT_WOORDEN = 28
VELDEN = ("titel_termen", "trefwoord_termen", "samenvatting_termen", "tekst_termen")


@dataclass(frozen=True)
class Alternatief:
    stam: str
    zekerheid: float
    woord: str


@dataclass
class Slot:
    woord: str
    alternatieven: list[Alternatief] = field(default_factory=list)

    def voeg_toe(self, alternatief: Alternatief) -> None:
        for i, bestaand in enumerate(self.alternatieven):
            if bestaand.stam == alternatief.stam:
                if alternatief.zekerheid > bestaand.zekerheid:
                    self.alternatieven[i] = alternatief
                return
        self.alternatieven.append(alternatief)

    @property
    def verbeterd(self) -> str:
        """The word searched for instead, when the word typed was not known."""
        zeker = [a for a in self.alternatieven if a.zekerheid == ZEKER]
        if zeker or not self.alternatieven:
            return ""
        beste = max(self.alternatieven, key=lambda a: a.zekerheid)
        return beste.woord if beste.woord != self.woord else ""


@dataclass(frozen=True)
class Kennistreffer:
    document: Kennisdocument
    score: float
    titel_html: SafeString
    fragment_html: SafeString
    fragment: str  # the same, as plain text


@dataclass
class Kennisresultaat:
    vraag: str
    treffers: list[Kennistreffer] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)

    @property
    def verbeteringen(self) -> dict[str, str]:
        return {s.woord: s.verbeterd for s in self.slots if s.verbeterd}


def zoek_kennis(
    vraag: str,
    filter: Zoekfilter | None = None,
    *,
    aantal: int = 10,
    typend: bool = False,
) -> Kennisresultaat:
    """The documents that answer ``vraag`` best, at most ``aantal``; ``typend``: the last
    word may still be incomplete (results as you type)."""
    vraag = vraag.strip()[:MAX_TEKST]
    resultaat = Kennisresultaat(vraag)
    filter = filter or Zoekfilter()
    slots = ontleed(vraag, typend=typend)
    resultaat.slots = slots
    stammen = sorted({a.stam for s in slots for a in s.alternatieven})
    if not stammen:
        return resultaat
    ids = opslag().kandidaten(stammen, filter, KANDIDATEN)
    if not ids:
        return resultaat
    documenten = Kennisdocument.objects.in_bulk(ids)
    idf = _idf(stammen)
    volgorde = {pk: i for i, pk in enumerate(ids)}
    gescoord = [
        (_score(documenten[pk], slots, idf), -volgorde[pk], documenten[pk])
        for pk in ids
        if pk in documenten
    ]
    gescoord.sort(key=lambda t: (t[0], t[1]), reverse=True)
    accent = {a.stam for s in slots for a in s.alternatieven}
    for score, _, document in gescoord[:aantal]:
        if score <= 0:
            break
        fragment = _fragment(document, accent)
        resultaat.treffers.append(
            Kennistreffer(
                document=document,
                score=score,
                titel_html=markeer(document.titel, accent),
                fragment_html=markeer(fragment, accent),
                fragment=fragment,
            )
        )
    return resultaat


# -- the question -----------------------------------------------------------------------


def ontleed(vraag: str, *, typend: bool = False) -> list[Slot]:
    woorden = kennis_taal.inhoudswoorden(vraag)[:MAX_WOORDEN]
    if not woorden:
        return []
    laatste_onaf = typend and not vraag[-1:].isspace()
    stukken = {deel for w in woorden for paar in kennis_taal.splitsingen(w) for deel in paar}
    gevraagd = {kennis_taal.stam(w) for w in [*woorden, *stukken]} | stukken
    bekend = set(
        Zoekwoord.objects.filter(stam__in=gevraagd, aantal__gt=0)
        .values_list("stam", flat=True)
        .distinct()
    )
    synoniemen = _synoniemen()
    slots: list[Slot] = []
    for index, woord in enumerate(woorden):
        stam = kennis_taal.stam(woord)
        slot = Slot(woord)
        if stam in bekend:
            slot.voeg_toe(Alternatief(stam, ZEKER, woord))
        else:
            for gevonden, stam_gevonden, afstand in typfouten(woord):
                slot.voeg_toe(Alternatief(stam_gevonden, TYPFOUT[afstand], gevonden))
        if laatste_onaf and index == len(woorden) - 1 and len(woord) >= 3:
            for begonnen, stam_begonnen in _begonnen(woord):
                slot.voeg_toe(Alternatief(stam_begonnen, BEGONNEN, begonnen))
        delen = kennis_taal.delen(woord, bekend)
        if len(delen) > 1 and not slot.alternatieven:
            # An unknown compound of known words: each part is asked for on its own.
            slots.extend(Slot(woord, [Alternatief(d, ZEKER, d)]) for d in delen)
            continue
        if delen:
            for deel in delen:
                slot.voeg_toe(Alternatief(deel, DEEL, deel))
        # The word's own stem too: a synonym may be the only way to a word the index lacks.
        bronnen = [Alternatief(stam, ZEKER, woord), *slot.alternatieven]
        for alternatief in bronnen:
            for ander in synoniemen.get(alternatief.stam, ()):
                slot.voeg_toe(Alternatief(ander, SYNONIEM * alternatief.zekerheid, ander))
        slots.append(slot)
    return slots


def typfouten(woord: str) -> list[tuple[str, str, int]]:
    """Known words within the typing errors ``woord`` may hold, the nearest only: (word,
    its stem, distance). Candidates share the word's length (give or take the errors) and
    its first letter or last two; the distance is counted here."""
    grens = kennis_taal.max_afstand(woord)
    if grens == 0:
        return []
    kandidaten = Zoekwoord.objects.filter(
        Q(begin=woord[:1]) | Q(eind=woord[-2:]),
        lengte__gte=len(woord) - grens,
        lengte__lte=len(woord) + grens,
        aantal__gt=0,
    ).values_list("woord", "stam", "aantal")
    gevonden: list[tuple[int, int, str, str]] = []
    for kandidaat, stam, aantal in kandidaten:
        afstand = kennis_taal.afstand(woord, kandidaat, grens)
        if afstand <= grens:
            gevonden.append((afstand, -aantal, kandidaat, stam))
    if not gevonden:
        return []
    gevonden.sort()
    dichtst = gevonden[0][0]
    return [(w, s, a) for a, _, w, s in gevonden if a == dichtst][:3]


def _begonnen(woord: str) -> list[tuple[str, str]]:
    rijen = (
        Zoekwoord.objects.filter(woord__startswith=woord, aantal__gt=0)
        .exclude(woord=woord)
        .order_by("-aantal", "woord")
        .values_list("woord", "stam")[:BEGIN_WOORDEN]
    )
    return list(rijen)


def _synoniemen() -> dict[str, set[str]]:
    """Stem → the stems of the other words in its synonym groups."""
    uit: dict[str, set[str]] = {}
    for woorden in Synoniemgroep.objects.values_list("woorden", flat=True):
        groep = [
            {kennis_taal.stam(w) for w in kennis_taal.inhoudswoorden(deel)}
            for deel in woorden.split(",")
            if deel.strip()
        ]
        for leden in groep:
            anderen = set().union(*(g for g in groep if g is not leden)) - leden
            for lid in leden:
                uit.setdefault(lid, set()).update(anderen)
    return uit


# -- ranking ----------------------------------------------------------------------------


def _idf(stammen: Sequence[str]) -> dict[str, float]:
    totaal = max(Kennisdocument.objects.count(), 1)
    aantallen = dict(
        Zoekwoord.objects.filter(stam__in=stammen)
        .values("stam")
        .annotate(n=Sum("aantal"))
        .values_list("stam", "n")
    )
    return {
        s: math.log(
            1 + (totaal - min(aantallen.get(s, 0), totaal) + 0.5) / (aantallen.get(s, 0) + 0.5)
        )
        for s in stammen
    }


def _score(document: Kennisdocument, slots: list[Slot], idf: dict[str, float]) -> float:
    velden = [set(getattr(document, veld).split()) for veld in VELDEN]
    totaal = 0.0
    beantwoord = 0
    for slot in slots:
        beste = 0.0
        for alternatief in slot.alternatieven:
            gewichten = [
                g for g, termen in zip(GEWICHTEN, velden, strict=True) if alternatief.stam in termen
            ]
            if not gewichten:
                continue
            veld = max(gewichten) + 0.25 * (sum(gewichten) - max(gewichten))
            beste = max(beste, alternatief.zekerheid * idf.get(alternatief.stam, 1.0) * veld)
        if beste > 0:
            beantwoord += 1
            totaal += beste
    if not slots:
        return 0.0
    # Of two titles that answer alike, the one the question covers more of: "Afval"
    # before "Afvalcontainer" for "afval", whatever order the backend gave.
    titel = velden[0]
    gevraagd = {a.stam for s in slots for a in s.alternatieven}
    dekking = len(titel & gevraagd) / len(titel) if titel else 0.0
    return totaal * (beantwoord / len(slots)) * (1 + TITELDEKKING * dekking)


# -- what is shown ----------------------------------------------------------------------


def _fragment(document: Kennisdocument, stammen: set[str]) -> str:
    """The passage of summary and body with the most words asked for, about
    ``FRAGMENT_WOORDEN`` long; the start of the summary when none is there."""
    tekst = " ".join(t for t in (document.samenvatting, document.tekst) if t)
    tekst = re.sub(r"\s+", " ", tekst).strip()
    woorden = list(re.finditer(r"\S+", tekst))
    if len(woorden) <= FRAGMENT_WOORDEN:
        return tekst
    raak = [
        any(kennis_taal.stam(w) in stammen for w in kennis_taal.woorden(m.group())) for m in woorden
    ]
    beste, beste_begin = -1, 0
    lopend = sum(raak[:FRAGMENT_WOORDEN])
    for begin in range(0, len(woorden) - FRAGMENT_WOORDEN + 1):
        if begin:
            lopend += raak[begin + FRAGMENT_WOORDEN - 1] - raak[begin - 1]
        if lopend > beste:
            beste, beste_begin = lopend, begin
    eerste = woorden[beste_begin]
    laatste = woorden[min(beste_begin + FRAGMENT_WOORDEN, len(woorden)) - 1]
    stuk = tekst[eerste.start() : laatste.end()]
    voor = "… " if beste_begin > 0 else ""
    na = " …" if laatste.end() < len(tekst) else ""
    return f"{voor}{stuk}{na}"


def markeer(tekst: str, stammen: Iterable[str]) -> SafeString:
    """``tekst`` escaped, with each word whose stem was asked for in ``<mark>``."""
    gezocht = set(stammen)
    stukken: list[str] = []
    plek = 0
    gemarkeerd: set[tuple[int, int]] = set()
    for woord in kennis_taal.woorden_met_plaats(tekst):
        if (woord.begin, woord.eind) in gemarkeerd or woord.begin < plek:
            continue
        if kennis_taal.stam(woord.tekst) in gezocht or _deel_gezocht(woord.tekst, gezocht):
            stukken.append(escape(tekst[plek : woord.begin]))
            stukken.append(f"<mark>{escape(tekst[woord.begin : woord.eind])}</mark>")
            plek = woord.eind
            gemarkeerd.add((woord.begin, woord.eind))
    stukken.append(escape(tekst[plek:]))
    return mark_safe("".join(stukken))  # every piece of text is escaped above


def _deel_gezocht(woord: str, gezocht: set[str]) -> bool:
    """Whether a part of the compound ``woord`` was asked for ("container" in
    "afvalcontainer")."""
    return any(
        kennis_taal.stam(kop) in gezocht or kennis_taal.stam(staart) in gezocht
        for kop, staart in kennis_taal.splitsingen(woord)
    )
