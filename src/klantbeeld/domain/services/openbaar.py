"""Personal data in a text that will be public (an answer on social media): what the
employee must not post where everyone reads it.

A public post is read by anyone, forever (it is copied to other servers and archives):
an answer to it must not name the resident, their address or number, their BSN or bank
account, or the zaak they asked about. ``persoonsgegevens_in`` finds these by their
shape (a BSN by the 11-proof, an IBAN by its check digits, e-mail addresses, Dutch phone
numbers, a postcode with a house number, a zaak identification) and by what the register
already knows of the customer (their names, addresses, e-mail addresses and numbers, their
zaken), so that the workspace can warn and the channel can refuse. It is a pure function:
the caller gathers what is known.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext

# Nine digits, possibly in groups (123 456 782, 1234.56.782), not part of a longer number.
_NEGEN_CIJFERS = re.compile(r"(?<![\w.,-])\d(?:[ .-]?\d){8}(?![\d]|[.,-]\d)")
# An e-mail address; not the second half of a fediverse handle (@naam@server.nl).
_EMAIL = re.compile(r"(?<![@\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A Dutch phone number: 0, +31 or 0031, then nine digits (06-12345678, 020 123 4567).
_TELEFOON = re.compile(r"(?<![\w+])(?:\+31|0031|0)[ -]?(?:\(0\)[ -]?)?[1-9](?:[ -]?\d){8}(?!\d)")
# A postcode (1234 AB, 1234AB) with a house number after it or before it.
_POSTCODE = r"[1-9]\d{3}(?: ?[A-Z]{2}|[a-z]{2})"
_POSTCODE_HUISNUMMER = re.compile(
    rf"\b{_POSTCODE}\b[ ,]+\d{{1,5}}\b|\b\d{{1,5}} ?[a-zA-Z]?[ ,]+{_POSTCODE}\b"
)
# An IBAN: country, check digits, up to 30 letters and digits, perhaps in groups of four.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b")
# A zaak's identification as Open Zaak numbers them (ZAAK-2026-0000000123).
_ZAAK = re.compile(r"\bZAAK-\d{4}-\d+\b", re.IGNORECASE)
# Shorter known names than this are not looked for (they are in ordinary words too).
_KORTSTE_NAAM = 3


@dataclass(frozen=True)
class Bekend:
    """What the register knows of the customer the answer is about."""

    namen: Sequence[str] = ()
    adressen: Sequence[str] = ()  # street and number, e-mail addresses, phone numbers
    zaken: Sequence[str] = ()  # zaak identifications


@dataclass(frozen=True)
class Vondst:
    """One piece of personal data found: what kind, and the text as written."""

    soort: str
    tekst: str

    @property
    def omschrijving(self) -> str:
        return SOORTEN.get(self.soort, self.soort)


# What each kind is called in the warning (plain Dutch, as the employee reads it).
SOORTEN = {
    "bsn": "een burgerservicenummer",
    "email": "een e-mailadres",
    "telefoon": "een telefoonnummer",
    "adres": "een adres (postcode en huisnummer)",
    "iban": "een bankrekeningnummer",
    "zaak": "een zaaknummer",
    "naam": "de naam van de klant",
    "bekend_adres": "een adres of nummer van de klant",
}


class OpenbaarMetPersoonsgegevens(ValueError):
    """A public answer that carries personal data: not registered, not sent. ``str()``
    is the warning for the employee."""

    def __init__(self, vondsten: Sequence[Vondst]) -> None:
        super().__init__(waarschuwing(vondsten))
        self.vondsten = list(vondsten)


def persoonsgegevens_in(tekst: str, bekend: Bekend = Bekend()) -> list[Vondst]:
    """The personal data in ``tekst``, in the order they appear, each once; a match inside
    another (the digits of an IBAN that look like a phone number) counts as the other."""
    gevonden: list[tuple[int, int, Vondst]] = []
    for soort, patroon, geldig in _PATRONEN:
        for match in patroon.finditer(tekst):
            if geldig(match.group()):
                gevonden.append((match.start(), match.end(), Vondst(soort, match.group())))
    gevonden += _bekende(tekst, "naam", bekend.namen)
    gevonden += _bekende(tekst, "bekend_adres", bekend.adressen)
    gevonden += _bekende(tekst, "zaak", bekend.zaken)
    gevonden.sort(key=lambda g: (g[0], -g[1]))
    uniek: dict[tuple[str, str], Vondst] = {}
    tot = -1
    for _begin, eind, vondst in gevonden:
        if eind <= tot:
            continue  # inside the one before
        tot = max(tot, eind)
        uniek.setdefault((vondst.soort, " ".join(vondst.tekst.lower().split())), vondst)
    return list(uniek.values())


def waarschuwing(vondsten: Sequence[Vondst]) -> str:
    """The warning for the employee, in plain Dutch."""
    soorten = list(dict.fromkeys(gettext(v.omschrijving) for v in vondsten))
    return gettext(
        "Dit antwoord wordt openbaar, maar het bevat persoonsgegevens: %(wat)s. Haal die uit "
        "de tekst, of stuur het antwoord als direct bericht."
    ) % {"wat": ", ".join(soorten)}


def elfproef(nummer: str) -> bool:
    """Whether nine digits pass the BSN's 11-proof (9·d1 + 8·d2 + … + 2·d8 - d9 ≡ 0)."""
    cijfers = [int(c) for c in re.sub(r"\D", "", nummer)]
    if len(cijfers) != 9 or not any(cijfers):
        return False
    som = sum(c * w for c, w in zip(cijfers[:8], range(9, 1, -1), strict=True)) - cijfers[8]
    return som % 11 == 0


def iban_geldig(iban: str) -> bool:
    """Whether ``iban`` has valid check digits (ISO 13616: mod 97 equals 1)."""
    tekens = re.sub(r"\s", "", iban).upper()
    if not 15 <= len(tekens) <= 34:
        return False
    verschoven = tekens[4:] + tekens[:4]
    return int("".join(str(int(t, 36)) for t in verschoven)) % 97 == 1


def _altijd(_: str) -> bool:
    return True


def _bekende(tekst: str, soort: str, waarden: Iterable[str]) -> list[tuple[int, int, Vondst]]:
    """Where a known value stands in ``tekst`` as a whole word, case and spacing aside."""
    gevonden = []
    for waarde in {w.strip() for w in waarden if len(w.strip()) >= _KORTSTE_NAAM}:
        delen = [re.escape(d) for d in waarde.split()]
        patroon = re.compile(r"(?<!\w)" + r"\s+".join(delen) + r"(?!\w)", re.IGNORECASE)
        gevonden += [
            (m.start(), m.end(), Vondst(soort, m.group())) for m in patroon.finditer(tekst)
        ]
    return gevonden


_PATRONEN = (
    ("bsn", _NEGEN_CIJFERS, elfproef),
    ("email", _EMAIL, _altijd),
    ("telefoon", _TELEFOON, _altijd),
    ("adres", _POSTCODE_HUISNUMMER, _altijd),
    ("iban", _IBAN, iban_geldig),
    ("zaak", _ZAAK, _altijd),
)
