"""Charts as server-rendered SVG: no script, no style attribute (strict CSP), a title and
a description that says the trend in words, and never colour alone: every series also
has its own line pattern and marker (lines) or fill pattern (bars), and a legend."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from klantbeeld.insight.cijfers import Cel, Onderdrukt, Sectie

# Dark colours: each at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 for graphics).
KLEUREN = ("#1d4f91", "#a13d00", "#2b6b2b", "#6b2c91", "#222222", "#7a5600", "#005f73", "#8b1a1a")
STREEPJES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 2", "12 2", "6 2 2 2")
BREEDTE, HOOGTE, LINKS, ONDER, BOVEN, RECHTS = 720, 300, 60, 60, 16, 16


def getal(cel: Cel) -> float | None:
    if isinstance(cel, bool) or not isinstance(cel, int | float):
        return None
    return float(cel)


def tekst(cel: Cel, eenheid: str = "") -> str:
    if cel is None:
        return "-"
    if isinstance(cel, Onderdrukt):
        return str(cel)
    waarde = f"{cel:.1f}".replace(".", ",") if isinstance(cel, float) else str(cel)
    if eenheid == "%" and isinstance(cel, int | float):
        return f"{waarde}%"
    return waarde


def beschrijving(sectie: Sectie) -> str:
    """The trend in words: for time, first against last and the highest; per group, the
    highest and the lowest."""
    labels = [str(rij[0]) for rij in sectie.rijen]
    delen = []
    for sleutel in sectie.reeksen:
        kolom = next(k for k in sectie.kolommen if k.sleutel == sleutel)
        punten = [
            (label, waarde)
            for label, cel in zip(labels, sectie.waarden(sleutel), strict=True)
            if (waarde := getal(cel)) is not None
        ]
        if sectie.grafiek == "lijn" and sectie.sleutel in {"klachten", "tevredenheid"}:
            punten = punten[:-1] if punten and labels and punten[-1][0] == labels[-1] else punten
        if not punten:
            delen.append(gettext("%(naam)s: geen cijfers.") % {"naam": kolom.titel})
            continue
        hoogste = max(punten, key=lambda p: p[1])
        laagste = min(punten, key=lambda p: p[1])
        if sectie.grafiek == "lijn":
            eerste, laatste = punten[0], punten[-1]
            richting = (
                gettext("gestegen")
                if laatste[1] > eerste[1]
                else gettext("gedaald")
                if laatste[1] < eerste[1]
                else gettext("gelijk gebleven")
            )
            delen.append(
                gettext(
                    "%(naam)s is %(richting)s van %(van)s (%(eerste)s) naar %(naar)s "
                    "(%(laatste)s); het hoogst was %(hoogste)s (%(hl)s)."
                )
                % {
                    "naam": kolom.titel,
                    "richting": richting,
                    "van": tekst(eerste[1], kolom.eenheid),
                    "eerste": eerste[0],
                    "naar": tekst(laatste[1], kolom.eenheid),
                    "laatste": laatste[0],
                    "hoogste": tekst(hoogste[1], kolom.eenheid),
                    "hl": hoogste[0],
                }
            )
        else:
            delen.append(
                gettext(
                    "%(naam)s: het hoogst bij %(hl)s (%(hoogste)s), het laagst bij %(ll)s "
                    "(%(laagste)s)."
                )
                % {
                    "naam": kolom.titel,
                    "hl": hoogste[0],
                    "hoogste": tekst(hoogste[1], kolom.eenheid),
                    "ll": laagste[0],
                    "laagste": tekst(laagste[1], kolom.eenheid),
                }
            )
    return " ".join(delen)


def svg(sectie: Sectie) -> SafeString:
    reeksen = [
        (k.titel, [getal(c) for c in sectie.waarden(k.sleutel)], k.eenheid)
        for k in sectie.kolommen
        if k.sleutel in sectie.reeksen
    ]
    rijen = sectie.rijen
    if sectie.sleutel in {"klachten", "tevredenheid"}:
        rijen = rijen[:-1]  # the whole period's row is in the table, not on the time axis
        reeksen = [(n, w[:-1], e) for n, w, e in reeksen]
    labels = [str(rij[0]) for rij in rijen]
    titel = escape(sectie.titel)
    uitleg = escape(beschrijving(sectie))
    kop = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="inzicht-grafiek" role="img" '
        f'viewBox="0 0 {BREEDTE} {HOOGTE + 24 * len(reeksen)}" '
        f'aria-labelledby="g-{sectie.sleutel}-t" aria-describedby="g-{sectie.sleutel}-d">'
        f'<title id="g-{sectie.sleutel}-t">{titel}</title>'
        f'<desc id="g-{sectie.sleutel}-d">{uitleg}</desc>'
        '<defs><pattern id="arcering-' + sectie.sleutel + '" width="6" height="6" '
        'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{KLEUREN[1]}" stroke-width="3"/>'
        "</pattern></defs>"
    )
    waarden = [w for _, reeks, _ in reeksen for w in reeks if w is not None]
    if not waarden or not labels:
        inhoud = (
            f'<text x="{BREEDTE / 2}" y="{HOOGTE / 2}" text-anchor="middle" font-size="16" '
            f'fill="#222222">{escape(_leeg(rijen))}</text>'
        )
    elif sectie.grafiek == "lijn":
        inhoud = _lijnen(labels, reeksen, min(0.0, min(waarden)), max(waarden))
    else:
        inhoud = _staven(labels, reeksen, sectie.sleutel, min(0.0, min(waarden)), max(waarden))
    return mark_safe(kop + inhoud + _legenda(reeksen, sectie) + "</svg>")


def _streep(streep: str) -> str:
    return f' stroke-dasharray="{streep}"' if streep else ""


def _as(laag: float, hoog: float) -> tuple[float, float, list[float]]:
    if hoog <= laag:
        hoog = laag + 1
    stap = (hoog - laag) / 4
    return laag, hoog, [laag + stap * i for i in range(5)]


def _y(waarde: float, laag: float, hoog: float) -> float:
    return BOVEN + (HOOGTE - ONDER - BOVEN) * (1 - (waarde - laag) / (hoog - laag))


def _raster(laag: float, hoog: float, eenheid: str) -> str:
    delen = []
    for waarde in _as(laag, hoog)[2]:
        y = _y(waarde, laag, hoog)
        delen.append(
            f'<line x1="{LINKS}" y1="{y:.1f}" x2="{BREEDTE - RECHTS}" y2="{y:.1f}" '
            'stroke="#767676" stroke-width="0.5"/>'
            f'<text x="{LINKS - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="#222222">{escape(tekst(round(waarde, 1), eenheid))}</text>'
        )
    return "".join(delen)


def _leeg(rijen: Sequence[Sequence[Cel]]) -> str:
    """What an empty chart says: nothing happened, or too little to show per point."""
    if any(isinstance(cel, Onderdrukt) for rij in rijen for cel in rij[1:]):
        return gettext("Per punt te weinig om te tonen; de totalen staan in de tabel.")
    return gettext("Geen cijfers in deze periode.")


# The width a character of the axis labels (font-size 12) takes at most, and the room
# kept between two labels.
TEKENBREEDTE, TUSSENRUIMTE = 7.0, 12.0


def _xlabels(labels: Sequence[str], x: list[float]) -> str:
    """Every label that fits: as many as the plot's width holds without overlap (a table
    beside the chart has them all)."""
    if not labels:
        return ""
    breedste = max(len(label) for label in labels) * TEKENBREEDTE + TUSSENRUIMTE
    passen = max(1, int((BREEDTE - LINKS - RECHTS) // breedste))
    stap = max(1, -(-len(labels) // passen))
    return "".join(
        f'<text x="{x[i]:.1f}" y="{HOOGTE - ONDER + 18}" text-anchor="middle" font-size="12" '
        f'fill="#222222">{escape(labels[i])}</text>'
        for i in range(0, len(labels), stap)
    )


def _marker(index: int, x: float, y: float, kleur: str) -> str:
    vorm = index % 4
    if vorm == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{kleur}"/>'
    if vorm == 1:
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{kleur}"/>'
    if vorm == 2:
        punten = f"M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y + 4:.1f} L{x - 5:.1f} {y + 4:.1f} Z"
        return f'<path d="{punten}" fill="{kleur}"/>'
    punten = (
        f"M{x:.1f} {y - 5:.1f} L{x + 5:.1f} {y:.1f} L{x:.1f} {y + 5:.1f} L{x - 5:.1f} {y:.1f} Z"
    )
    return f'<path d="{punten}" fill="{kleur}"/>'


def _lijnen(
    labels: Sequence[str],
    reeksen: list[tuple[str, list[float | None], str]],
    laag: float,
    hoog: float,
) -> str:
    laag, hoog, _ = _as(laag, hoog)
    breedte = BREEDTE - LINKS - RECHTS
    x = [
        LINKS + (breedte * i / max(1, len(labels) - 1) if len(labels) > 1 else breedte / 2)
        for i in range(len(labels))
    ]
    delen = [_raster(laag, hoog, reeksen[0][2]), _xlabels(labels, x)]
    for index, (_, reeks, _) in enumerate(reeksen):
        kleur, streep = KLEUREN[index % len(KLEUREN)], STREEPJES[index % len(STREEPJES)]
        stukken: list[list[str]] = [[]]
        for i, waarde in enumerate(reeks):
            if waarde is None:  # a suppressed or empty period: the line breaks there
                stukken.append([])
                continue
            stukken[-1].append(f"{x[i]:.1f},{_y(waarde, laag, hoog):.1f}")
        for stuk in stukken:
            if len(stuk) > 1:
                delen.append(
                    f'<polyline points="{" ".join(stuk)}" fill="none" stroke="{kleur}" '
                    f'stroke-width="2"{_streep(streep)}/>'
                )
        if len(labels) <= 60:
            delen += [
                _marker(index, x[i], _y(w, laag, hoog), kleur)
                for i, w in enumerate(reeks)
                if w is not None
            ]
    return "".join(delen)


def _staven(
    labels: Sequence[str],
    reeksen: list[tuple[str, list[float | None], str]],
    sleutel: str,
    laag: float,
    hoog: float,
) -> str:
    laag, hoog, _ = _as(laag, hoog)
    breedte = BREEDTE - LINKS - RECHTS
    vak = breedte / max(1, len(labels))
    staaf = vak * 0.8 / len(reeksen)
    x = [LINKS + vak * (i + 0.5) for i in range(len(labels))]
    delen = [_raster(laag, hoog, reeksen[0][2]), _xlabels([lab[:18] for lab in labels], x)]
    nul = _y(max(laag, 0.0), laag, hoog)
    for index, (_, reeks, eenheid) in enumerate(reeksen):
        vulling = KLEUREN[0] if index == 0 else f"url(#arcering-{sleutel})"
        for i, waarde in enumerate(reeks):
            links = LINKS + vak * i + vak * 0.1 + staaf * index
            if waarde is None:
                continue
            y = _y(waarde, laag, hoog)
            delen.append(
                f'<rect x="{links:.1f}" y="{min(y, nul):.1f}" width="{staaf:.1f}" '
                f'height="{abs(nul - y):.1f}" fill="{vulling}" stroke="#222222" stroke-width="1"/>'
            )
            if len(labels) * len(reeksen) <= 24:
                delen.append(
                    f'<text x="{links + staaf / 2:.1f}" y="{min(y, nul) - 4:.1f}" '
                    'text-anchor="middle" font-size="11" fill="#222222">'
                    f"{escape(tekst(round(waarde, 1), eenheid))}</text>"
                )
    return "".join(delen)


def _legenda(reeksen: list[tuple[str, list[float | None], str]], sectie: Sectie) -> str:
    delen = []
    for index, (naam, _, _) in enumerate(reeksen):
        y = HOOGTE + 24 * index
        kleur = KLEUREN[index % len(KLEUREN)]
        if sectie.grafiek == "lijn":
            streep = STREEPJES[index % len(STREEPJES)]
            teken = (
                f'<line x1="{LINKS}" y1="{y}" x2="{LINKS + 36}" y2="{y}" stroke="{kleur}" '
                f'stroke-width="2"{_streep(streep)}/>' + _marker(index, LINKS + 18, y, kleur)
            )
        else:
            vulling = KLEUREN[0] if index == 0 else f"url(#arcering-{sectie.sleutel})"
            teken = (
                f'<rect x="{LINKS}" y="{y - 7}" width="36" height="14" fill="{vulling}" '
                'stroke="#222222"/>'
            )
        delen.append(
            teken
            + f'<text x="{LINKS + 44}" y="{y + 4}" font-size="13" fill="#222222">'
            + f"{escape(naam)}</text>"
        )
    return "".join(delen)
