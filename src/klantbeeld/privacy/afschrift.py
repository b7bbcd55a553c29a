"""The copy of a person's data (AVG artikel 15 lid 3) in two forms, both written from the
structure ``inzageverzoek.stel_samen`` makes: JSON to read by machine (and to take to
another organisation), and a PDF to read. The PDF uses the letters' font (channels/post:
DejaVu or the configured one) so every name prints as it is written."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from klantbeeld.channels.post.brief import HELVETICA, Lettertype, kies_lettertype, latin1

FAMILIE = "Afschrift"
LABEL_BREEDTE = 52.0
REGEL = 5.0


def bestandsnaam(inzage: dict[str, Any], extensie: str) -> str:
    dag = timezone.localtime(inzage["gemaakt_op"]).date()
    return f"mijn-gegevens-{dag:%Y-%m-%d}.{extensie}"


def als_json(inzage: dict[str, Any]) -> bytes:
    """UTF-8 JSON, dates and moments in ISO 8601."""
    return json.dumps(inzage, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def tekst(waarde: Any) -> list[str]:
    """A value as the lines the readable copy prints (none for an empty value)."""
    if waarde is None or waarde == "" or waarde == [] or waarde == {}:
        return []
    if isinstance(waarde, bool):
        return [gettext("ja") if waarde else gettext("nee")]
    if isinstance(waarde, datetime.datetime):
        return [formats.date_format(timezone.localtime(waarde), "j F Y, H:i")]
    if isinstance(waarde, datetime.date):
        return [formats.date_format(waarde, "j F Y")]
    if isinstance(waarde, dict):
        delen = [regel for v in waarde.values() for regel in tekst(v)]
        return [", ".join(delen)] if delen else []
    if isinstance(waarde, (list, tuple)):
        return [regel for v in waarde for regel in tekst(v)]
    return [str(waarde)]


def als_pdf(inzage: dict[str, Any], lettertype: Lettertype | None = None) -> bytes:
    pdf = _Afschrift(lettertype or kies_lettertype())
    pdf.set_title(inzage["titel"])
    pdf.set_author(inzage["organisatie"])
    pdf.set_creator(inzage["systeem"])
    pdf.set_lang(get_language() or "nl")
    pdf.add_page()
    pdf.kop(inzage)
    for sectie in inzage["secties"]:
        pdf.sectie(sectie)
    return bytes(pdf.output())


class _Afschrift(FPDF):
    def __init__(self, lettertype: Lettertype) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.unicode = lettertype.gewoon is not None
        if lettertype.gewoon is not None:
            self.add_font(FAMILIE, "", str(lettertype.gewoon))
            self.add_font(FAMILIE, "B", str(lettertype.vet or lettertype.gewoon))
            self.familie = FAMILIE
        else:
            self.familie = HELVETICA
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)

    def normalize_text(self, text: str) -> str:
        # Helvetica has Latin-1 only; fpdf2 would refuse any other letter.
        return super().normalize_text(text if self.unicode else latin1(text))

    def letter(self, grootte: float, vet: bool = False) -> None:
        self.set_font(self.familie, "B" if vet else "", grootte)

    def alinea(self, tekst: str, grootte: float = 10) -> None:
        self.letter(grootte)
        self.multi_cell(0, REGEL, tekst, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def kop(self, inzage: dict[str, Any]) -> None:
        self.letter(16, vet=True)
        self.multi_cell(0, 8, inzage["titel"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        gemaakt = tekst(inzage["gemaakt_op"])[0]
        self.alinea(gettext("Gemaakt op %(moment)s.") % {"moment": gemaakt}, 9)
        self.ln(2)
        self.alinea(inzage["inleiding"])

    def sectie(self, sectie: dict[str, Any]) -> None:
        self.ln(4)
        self.letter(13, vet=True)
        self.multi_cell(0, 7, sectie["titel"], align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if sectie["toelichting"]:
            self.alinea(sectie["toelichting"], 9)
        self.ln(1)
        if not sectie["items"]:
            if sectie["leeg"]:
                self.alinea(sectie["leeg"])
            return
        for item in sectie["items"]:
            self.item(sectie["velden"], item)

    def item(self, velden: dict[str, str], item: dict[str, Any]) -> None:
        regels = [(label, tekst(item.get(sleutel))) for sleutel, label in velden.items()]
        self._regels([(label, waarden) for label, waarden in regels if waarden])
        self.ln(1)
        # A thin line between items, so each one reads as one.
        self.set_draw_color(190)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(2)

    def _regels(self, regels: Iterable[tuple[str, list[str]]]) -> None:
        for label, waarden in regels:
            self.letter(9, vet=True)
            label_regels: list[str] = self.multi_cell(  # type: ignore[assignment]
                LABEL_BREEDTE - 2,
                REGEL,
                label,
                align="L",
                dry_run=True,
                output=MethodReturnValue.LINES,
            )
            hoog = len(label_regels)
            if self.will_page_break(hoog * REGEL):
                self.add_page()
            y, pagina = self.get_y(), self.page
            self.multi_cell(
                LABEL_BREEDTE - 2, REGEL, label, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.set_xy(self.l_margin + LABEL_BREEDTE, y)
            self.letter(10)
            self.multi_cell(
                0, REGEL, "\n".join(waarden), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            if self.page == pagina:
                self.set_y(max(self.get_y(), y + hoog * REGEL))

    def footer(self) -> None:
        self.set_y(-15)
        self.letter(8)
        pagina = gettext("Pagina %(pagina)s van %(totaal)s") % {
            "pagina": self.page_no(),
            "totaal": self.str_alias_nb_pages,
        }
        self.cell(0, 4, pagina, align="R")
