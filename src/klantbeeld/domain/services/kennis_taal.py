"""Dutch text as the knowledge search reads it: words without accents or case, their
Snowball stems, the parts of compounds, and how far a mistyped word is from a known one.

The same analysis runs when a text is indexed and when a question is asked, whatever
database holds the index, so both find the same (docs/kennisbank.md)."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import snowballstemmer

# Words that say nothing about what is asked ("hoe kan ik mijn …"). "niet" and "geen"
# are kept out too: "afval niet opgehaald" is about the afval and the ophalen.
_STOPWOORDEN = """
    aan af al alle alles als altijd andere ben bij daar dan dat de der deze die dit doch doe
    doen door dus een eens en er ga gaan gaat ge geen geweest haar had heb hebben heeft hem
    het hier hij hoe hun ik in is ja je jij jou jouw kan kon kun kunnen maar me meer men met
    mij mijn moet moeten na naar niet niets nog nu of om omdat ons onze ook op over reeds
    te tegen toch toen tot u uit uw van veel voor waar wanneer wat we wel welk welke werd
    wie wij wil willen word wordt worden zal ze zelf zich zij zijn zo zonder zou zouden
    graag even hallo goedemiddag goedemorgen beste vraag hulp help
"""
STOPWOORDEN = frozenset(_STOPWOORDEN.split())
# Compounds are split only into parts this long, so "verhuizing" is not "ver" + "huizing".
MIN_DEEL = 4
MIN_SAMENSTELLING = 8
MIN_KERN = 5
# Letters Dutch puts between the parts of a compound (stadsdeel, boekenkast).
TUSSENLETTERS = ("", "s", "e", "en")

_WOORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_stemmer = snowballstemmer.stemmer("dutch")


def normaliseer(tekst: str) -> str:
    """Lower case without accents: "Café" and "cafe" are one word to a caller."""
    ontleed = unicodedata.normalize("NFKD", tekst.lower())
    return "".join(c for c in ontleed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Woord:
    begin: int
    eind: int
    tekst: str  # normalised


def woorden_met_plaats(tekst: str) -> Iterator[Woord]:
    """Each word of ``tekst`` with where it stands. "ID-kaart" gives "id", "kaart" and
    "idkaart", so both spellings find it."""
    for match in _WOORD.finditer(tekst):
        delen = [normaliseer(d) for d in re.split(r"[-']", match.group())]
        delen = [d for d in delen if d]
        for deel in delen:
            yield Woord(match.start(), match.end(), deel)
        if len(delen) > 1:
            yield Woord(match.start(), match.end(), "".join(delen))


def woorden(tekst: str) -> list[str]:
    return [w.tekst for w in woorden_met_plaats(tekst)]


def inhoudswoorden(tekst: str) -> list[str]:
    """The words of a question that carry meaning; all of them when every word is a stop
    word (a search for "wat" still looks for "wat")."""
    alle = [w for w in woorden(tekst) if len(w) > 1 or w.isdigit()]
    zinvol = [w for w in alle if w not in STOPWOORDEN]
    return zinvol or alle


@functools.lru_cache(maxsize=100_000)
def stam(woord: str) -> str:
    return str(_stemmer.stemWord(woord))


def splitsingen(woord: str) -> Iterator[tuple[str, str]]:
    """The ways ``woord`` could be two words put together (the first with its linking
    letters removed), longest first part first; whether they are words is the caller's
    question."""
    if len(woord) < MIN_SAMENSTELLING:
        return
    for plek in range(len(woord) - MIN_DEEL, MIN_DEEL - 1, -1):
        kop, staart = woord[:plek], woord[plek:]
        for tussen in TUSSENLETTERS:
            if tussen and not kop.endswith(tussen):
                continue
            eerste = kop[: len(kop) - len(tussen)] if tussen else kop
            # "doorgeven" is no compound of "door" and "geven" to a searcher.
            if len(eerste) >= MIN_DEEL and eerste not in STOPWOORDEN:
                yield eerste, staart


def delen(woord: str, bekende_stammen: set[str] | frozenset[str]) -> tuple[str, ...]:
    """The stems of the parts of a compound: both parts when both are known stems, else
    the last part alone when it is a known stem of at least ``MIN_KERN`` letters (in Dutch
    the last part says what it is: a parkeervergunning is a vergunning); empty when it is
    no compound of known words."""
    kern: tuple[str, ...] = ()
    for eerste, staart in splitsingen(woord):
        kop, rest = stam(eerste), stam(staart)
        if rest not in bekende_stammen:
            continue
        if kop in bekende_stammen or eerste in bekende_stammen:
            return (kop if kop in bekende_stammen else eerste), rest
        if not kern and len(staart) >= MIN_KERN:
            kern = (rest,)
    return kern


def max_afstand(woord: str) -> int:
    """How many typing errors a word may hold and still be corrected: none in a short word
    (too many others lie one letter away), one up to eight letters, two beyond."""
    if len(woord) <= 3:
        return 0
    return 1 if len(woord) <= 8 else 2


def afstand(a: str, b: str, grens: int) -> int:
    """Damerau-Levenshtein distance (optimal string alignment: a swap of two neighbouring
    letters is one error), or ``grens + 1`` as soon as it exceeds ``grens``."""
    if abs(len(a) - len(b)) > grens:
        return grens + 1
    vorige2: list[int] = []
    vorige = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        huidige = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            kosten = 0 if ca == cb else 1
            huidige[j] = min(vorige[j] + 1, huidige[j - 1] + 1, vorige[j - 1] + kosten)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                huidige[j] = min(huidige[j], vorige2[j - 2] + 1)
        if min(huidige) > grens:
            return grens + 1
        vorige2, vorige = vorige, huidige
    return vorige[-1]


def termen(tekst: str, bekende_stammen: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """The stems of every word of ``tekst`` (stop words too: they cost little and a title
    like "Wat te doen bij overlijden" keeps its words), each compound followed by its parts
    when both are known stems."""
    uit: list[str] = []
    for woord in woorden(tekst):
        uit.append(stam(woord))
        gesplitst = delen(woord, bekende_stammen) if bekende_stammen else None
        if gesplitst:
            uit.extend(gesplitst)
    return uit
