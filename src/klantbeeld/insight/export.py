"""A section as CSV or XLSX, with the filters it was shown with: the table as on the page,
suppressed cells as their text ("minder dan 5"), never their number."""

from __future__ import annotations

import csv
import io

import xlsxwriter  # type: ignore[import-untyped]
from django.utils.translation import gettext

from klantbeeld.insight.cijfers import Cel, Filter, Onderdrukt, Sectie


def _waarde(cel: Cel) -> str | int | float:
    if cel is None:
        return ""
    if isinstance(cel, Onderdrukt):
        return str(cel)
    return cel


def _kop(sectie: Sectie) -> list[str]:
    return [f"{k.titel} ({k.eenheid})" if k.eenheid else k.titel for k in sectie.kolommen]


def filterregel(f: Filter) -> str:
    return gettext("Periode %(vanaf)s tot en met %(tot)s") % {
        "vanaf": f.vanaf.isoformat(),
        "tot": f.tot.isoformat(),
    }


def als_csv(sectie: Sectie) -> bytes:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer)
    schrijver.writerow(_kop(sectie))
    for rij in sectie.rijen:
        schrijver.writerow([_waarde(cel) for cel in rij])
    # A BOM, so spreadsheet programs read the accents as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def als_xlsx(sectie: Sectie, f: Filter) -> bytes:
    buffer = io.BytesIO()
    boek = xlsxwriter.Workbook(buffer, {"in_memory": True})
    blad = boek.add_worksheet(sectie.titel[:31])
    vet = boek.add_format({"bold": True})
    blad.write(0, 0, sectie.titel, vet)
    blad.write(1, 0, filterregel(f))
    for kolom, titel in enumerate(_kop(sectie)):
        blad.write(3, kolom, titel, vet)
        blad.set_column(kolom, kolom, max(12, len(titel) + 2))
    for index, rij in enumerate(sectie.rijen, start=4):
        for kolom, cel in enumerate(rij):
            blad.write(index, kolom, _waarde(cel))
    blad.freeze_panes(4, 1)
    boek.close()
    return buffer.getvalue()
