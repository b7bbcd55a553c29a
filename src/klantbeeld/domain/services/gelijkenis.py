"""How closely a typed word matches a word in a name, for searches an agent types while
someone spells their name aloud: the same word, its beginning (as they type), a word that
sounds the same in Dutch spelling (Janssen, Jansen; Bosch, Bos; Meijer, Meyer), or one
letter off (Pieterse, Pietersen). Shared by the customer search and the directory of
colleagues, so both forgive the same mistakes."""

from __future__ import annotations

import re
import unicodedata
from enum import IntEnum
from functools import lru_cache


class Mate(IntEnum):
    """How well a word matches, best last; ``GEEN`` for no match."""

    GEEN = 0
    TYPFOUT = 1
    KLANK = 2
    DEEL = 3
    BEGIN = 4
    GELIJK = 5


# Shorter words give too many chance matches for a typo; a sound-alike needs three letters.
MIN_TYPFOUT = 4
MIN_KLANK = 3
MIN_DEEL = 3

_NIET_LETTER = re.compile(r"[^0-9a-z]+")
# Dutch spellings of one sound, applied in this order to a normalised word.
_KLANKREGELS = (
    (re.compile(r"sch$"), "s"),  # Bosch, Bos
    (re.compile(r"e?ij|e[iy]|y"), "y"),  # Meijer, Meyer, Meier; Rijn, Ryn
    (re.compile(r"[ao]uw?"), "au"),  # Bouwman, Bouman, Bauman
    (re.compile(r"ae"), "a"),  # Claes, Klaas
    (re.compile(r"ph"), "f"),
    (re.compile(r"th"), "t"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"c(?=[eiy])"), "s"),
    (re.compile(r"c(?!h)"), "k"),  # Claassen, Klaassen; not the ch of Schouten
    (re.compile(r"z"), "s"),
    (re.compile(r"dt?$"), "t"),  # Smid, Smit
    (re.compile(r"(.)\1+"), r"\1"),  # Janssen, Jansen
)


def normaliseer(tekst: str) -> str:
    """Lower case, without accents or punctuation, words separated by one space."""
    zonder_accenten = "".join(
        c for c in unicodedata.normalize("NFKD", tekst) if not unicodedata.combining(c)
    )
    return " ".join(_NIET_LETTER.sub(" ", zonder_accenten.lower()).split())


def woorden(tekst: str) -> list[str]:
    return list(_woorden(tekst))


@lru_cache(maxsize=65536)
def _woorden(tekst: str) -> tuple[str, ...]:
    """Names recur (a team, a function, a common surname): normalised once."""
    return tuple(normaliseer(tekst).split())


@lru_cache(maxsize=65536)
def klank(woord: str) -> str:
    """The word as it sounds (a normalised word in, a key out); equal keys sound alike."""
    for patroon, vervanging in _KLANKREGELS:
        woord = patroon.sub(vervanging, woord)
    return woord


def een_fout(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one letter added, left out, changed, or
    two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    return a[i + 1 :] == b[i + 1 :] or (
        a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    )


def mate(zoekwoord: str, woord: str) -> Mate:
    """How well the normalised ``zoekwoord`` matches the normalised ``woord``."""
    if woord == zoekwoord:
        return Mate.GELIJK
    if woord.startswith(zoekwoord):
        return Mate.BEGIN
    if len(zoekwoord) >= MIN_DEEL and zoekwoord in woord:
        return Mate.DEEL
    if len(zoekwoord) >= MIN_KLANK and klank(woord) == klank(zoekwoord):
        return Mate.KLANK
    if len(zoekwoord) >= MIN_TYPFOUT and len(woord) >= MIN_TYPFOUT and een_fout(zoekwoord, woord):
        return Mate.TYPFOUT
    return Mate.GEEN


def beste_mate(zoekwoord: str, kandidaten: list[str]) -> Mate:
    return max((mate(zoekwoord, woord) for woord in kandidaten), default=Mate.GEEN)


def alle_woorden_passen(zoekwoorden: list[str], kandidaten: list[str]) -> Mate:
    """The weakest match among the typed words, each against its best word of
    ``kandidaten`` (``GEEN`` as soon as one word matches nothing)."""
    slechtste = Mate.GELIJK
    for zoekwoord in zoekwoorden:
        slechtste = min(slechtste, beste_mate(zoekwoord, kandidaten))
        if slechtste == Mate.GEEN:
            break
    return slechtste
