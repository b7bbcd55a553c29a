"""A letter as a PDF (C9750): composed once when it is registered, kept as the contact's
document and handed as it is to the print street.

The layout is that of a Dutch business letter on A4 for a window envelope: the
organisation and its return address at the top, the addressee's block where the window
is, then date, reference and subject, the text, and a signature when one is set.
"""

from __future__ import annotations

import datetime
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from klantbeeld.domain.services.verzenden import Bericht, Opgesteld
from klantbeeld.domain.services.zaken import Bestand

# Fonts with the letters of every name a register holds (ł, ş, ĳ, ő, …), in the order
# they are looked for when KLANTBEELD_BRIEF_LETTERTYPE is empty: Debian's fonts-dejavu-core,
# fonts-liberation and fonts-noto-core. Without one the PDF's own Helvetica is used, which
# has Latin-1 only: other letters are written without their accents.
SYSTEEMLETTERTYPEN = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
)
FAMILIE = "Brief"
HELVETICA = "Helvetica"

# Millimetres on A4 (210 x 297). The address block sits in the window of a standard Dutch
# window envelope (EA5/6 and C5/6: the window 20-110 mm from the left, 45-90 mm from the top).
LINKS = 25.0
RECHTS = 20.0
BOVEN = 20.0
ONDER = 25.0
VENSTER_X = 25.0
VENSTER_Y = 48.0
VENSTER_BREEDTE = 82.0
KENMERKEN_Y = 100.0
LABEL_BREEDTE = 30.0
REGEL = 5.4  # line height of the text at 10.5 pt


@dataclass(frozen=True)
class Lettertype:
    """A TrueType font (regular and bold), or None for the PDF's own Helvetica."""

    gewoon: Path | None
    vet: Path | None = None


@dataclass(frozen=True)
class Afzender:
    naam: str
    adresregels: tuple[str, ...]
    telefoonnummer: str = ""


def afzender() -> Afzender:
    """The organisation as the settings name it."""
    return Afzender(
        naam=settings.KLANTBEELD_ORGANISATIE_NAAM,
        adresregels=tuple(settings.KLANTBEELD_ORGANISATIE_POSTADRES),
        telefoonnummer=settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER,
    )


def stel_op(bericht: Bericht) -> Opgesteld:
    """The composer of kanaal ``post``: the letter as PDF, its reference as the message's
    id, and the PDF as the document to keep with the contact."""
    regels = adresregels(bericht.adres)
    if not regels:
        raise ValidationError({"adres": gettext("Een brief heeft een postadres nodig.")})
    kenmerk = nieuw_kenmerk()
    pdf = maak_pdf(
        bericht,
        adres=regels,
        kenmerk=kenmerk,
        datum=timezone.localdate(),
        van=afzender(),
        ondertekening=bericht.afzender or settings.KLANTBEELD_BRIEF_ONDERTEKENING,
    )
    return Opgesteld(
        inhoud=pdf,
        bericht_id=kenmerk,
        document=Bestand(naam=f"{kenmerk}.pdf", inhoud=pdf, formaat="application/pdf"),
    )


def adresregels(adres: str) -> list[str]:
    """A ``Bericht.adres`` of a letter as its lines."""
    return [regel.strip() for regel in adres.splitlines() if regel.strip()]


def nieuw_kenmerk() -> str:
    """The letter's own reference ('ons kenmerk'): the day and a random part, so a reply
    or a returned envelope that quotes it finds the letter."""
    return f"BR-{timezone.localdate():%Y%m%d}-{secrets.token_hex(4).upper()}"


def datum_voluit(datum: datetime.date) -> str:
    """A date as a Dutch letter writes it: 3 november 2026."""
    with translation.override("nl"):
        return formats.date_format(datum, "j F Y")


def maak_pdf(
    bericht: Bericht,
    *,
    adres: Sequence[str],
    kenmerk: str,
    datum: datetime.date,
    van: Afzender,
    ondertekening: str = "",
    lettertype: Lettertype | None = None,
) -> bytes:
    """The letter's PDF, in Dutch whatever language the sender works in."""
    with translation.override("nl"):
        return _maak_pdf(bericht, adres, kenmerk, datum, van, ondertekening, lettertype)


def _maak_pdf(
    bericht: Bericht,
    adres: Sequence[str],
    kenmerk: str,
    datum: datetime.date,
    van: Afzender,
    ondertekening: str,
    lettertype: Lettertype | None,
) -> bytes:
    pdf = _Brief(lettertype or kies_lettertype())
    pdf.set_title(bericht.onderwerp)
    pdf.set_author(van.naam)
    pdf.set_creator("Klantbeeld")
    pdf.set_lang("nl")
    pdf.add_page()
    pdf.kop(van)
    pdf.venster(van, bericht.naam, adres)
    pdf.kenmerken(datum, kenmerk, bericht.onderwerp)
    pdf.tekst(bericht.tekst)
    if ondertekening.strip():
        pdf.ondertekening(ondertekening, van.naam)
    return bytes(pdf.output())


def kies_lettertype() -> Lettertype:
    """The font of KLANTBEELD_BRIEF_LETTERTYPE, else the first system font found (with its
    bold variant when there is one)."""
    ingesteld = settings.KLANTBEELD_BRIEF_LETTERTYPE
    kandidaten = [ingesteld] if ingesteld else list(SYSTEEMLETTERTYPEN)
    for kandidaat in kandidaten:
        pad = Path(kandidaat)
        if pad.is_file():
            return Lettertype(pad, _vet(pad))
    return Lettertype(None)


def _vet(gewoon: Path) -> Path:
    """The bold font beside ``gewoon`` by the usual name (DejaVuSans-Bold.ttf beside
    DejaVuSans.ttf, LiberationSans-Bold.ttf beside LiberationSans-Regular.ttf), else
    ``gewoon`` itself."""
    stam = gewoon.stem.removesuffix("-Regular")
    vet = gewoon.with_name(f"{stam}-Bold{gewoon.suffix}")
    return vet if vet.is_file() else gewoon


def latin1(tekst: str) -> str:
    """``tekst`` in the letters Helvetica has: accents outside Latin-1 dropped (ł → l),
    ligatures written out (ĳ → ij), typographic punctuation made plain."""
    uit = []
    for teken in tekst:
        if _in_latin1(teken):
            uit.append(teken)
            continue
        vervanging = _VERVANGINGEN.get(teken)
        if vervanging is None:
            ontleed = unicodedata.normalize("NFKD", teken)
            vervanging = "".join(c for c in ontleed if not unicodedata.combining(c))
        uit.append(vervanging if all(_in_latin1(c) for c in vervanging) else "?")
    return "".join(uit)


def _in_latin1(teken: str) -> bool:
    return ord(teken) < 256


_VERVANGINGEN = {
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "œ": "oe",
    "Œ": "OE",
    "\u0131": "i",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": ",",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u00a0": " ",
}


class _Brief(FPDF):
    """One letter; the methods draw its parts top to bottom."""

    def __init__(self, lettertype: Lettertype) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.unicode = lettertype.gewoon is not None
        if lettertype.gewoon is not None:
            self.add_font(FAMILIE, "", str(lettertype.gewoon))
            self.add_font(FAMILIE, "B", str(lettertype.vet or lettertype.gewoon))
            self.familie = FAMILIE
        else:
            self.familie = HELVETICA
        self.set_margins(LINKS, BOVEN, RECHTS)
        self.set_auto_page_break(auto=True, margin=ONDER)

    def normalize_text(self, text: str) -> str:
        # Helvetica has Latin-1 only; fpdf2 would refuse any other letter.
        return super().normalize_text(text if self.unicode else latin1(text))

    def letter(self, grootte: float, vet: bool = False) -> None:
        self.set_font(self.familie, "B" if vet else "", grootte)

    def kop(self, van: Afzender) -> None:
        self.set_xy(LINKS, BOVEN)
        if van.naam:
            self.letter(14, vet=True)
            self.cell(0, 7, van.naam, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.letter(9)
        for regel in van.adresregels:
            self.cell(0, 4.2, regel, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if van.telefoonnummer:
            telefoon = gettext("Telefoon %(nummer)s") % {"nummer": van.telefoonnummer}
            self.cell(0, 4.2, telefoon, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def venster(self, van: Afzender, naam: str, adres: Sequence[str]) -> None:
        """The return address in small print, then the addressee: what the window shows."""
        self.set_xy(VENSTER_X, VENSTER_Y)
        if van.adresregels:
            retour = ", ".join([van.naam, *van.adresregels] if van.naam else van.adresregels)
            self.letter(7)
            self.cell(VENSTER_BREEDTE, 4, retour, new_x=XPos.LEFT, new_y=YPos.NEXT)
            self.ln(1.5)
        self.letter(10.5)
        for regel in [naam, *adres] if naam.strip() else adres:
            self.cell(VENSTER_BREEDTE, REGEL, regel, new_x=XPos.LEFT, new_y=YPos.NEXT)

    def kenmerken(self, datum: datetime.date, kenmerk: str, onderwerp: str) -> None:
        self.set_xy(LINKS, max(self.get_y() + 8, KENMERKEN_Y))
        for label, waarde in (
            (gettext("Datum"), datum_voluit(datum)),
            (gettext("Ons kenmerk"), kenmerk),
            (gettext("Onderwerp"), onderwerp),
        ):
            self.letter(9)
            self.cell(LABEL_BREEDTE, REGEL, label)
            self.letter(10.5)
            self.multi_cell(0, REGEL, waarde, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(REGEL * 2)

    def tekst(self, tekst: str) -> None:
        """Paragraphs are separated by an empty line; a single line break stays one."""
        self.letter(10.5)
        for alinea in _alineas(tekst):
            self.multi_cell(0, REGEL, alinea, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(REGEL * 0.8)

    def ondertekening(self, ondertekening: str, organisatie: str) -> None:
        self.ln(REGEL)
        self.letter(10.5)
        regels = [gettext("Met vriendelijke groet,"), "", *ondertekening.splitlines()]
        if organisatie and organisatie not in ondertekening:
            regels.append(organisatie)
        for regel in regels:
            self.cell(0, REGEL, regel, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def footer(self) -> None:
        self.set_y(-15)
        self.letter(8)
        # fpdf2 puts the number of pages in place of its alias once they are all made.
        pagina = gettext("Pagina %(pagina)s van %(totaal)s") % {
            "pagina": self.page_no(),
            "totaal": self.str_alias_nb_pages,
        }
        self.cell(0, 4, pagina, align="R")


def _alineas(tekst: str) -> list[str]:
    alineas, huidig = [], []
    for regel in tekst.replace("\r\n", "\n").split("\n"):
        if regel.strip():
            huidig.append(regel.rstrip())
        elif huidig:
            alineas.append("\n".join(huidig))
            huidig = []
    if huidig:
        alineas.append("\n".join(huidig))
    return alineas
