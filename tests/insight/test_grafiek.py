"""The charts' axis labels never overlap, however many periods there are, and a chart
whose every point is suppressed says so instead of "no figures"."""

from __future__ import annotations

import itertools
import re

import pytest

from klantbeeld.insight.cijfers import ONDERDRUKT, Kolom, Sectie
from klantbeeld.insight.grafiek import TEKENBREEDTE, svg


def weken(aantal: int, waarde: object = 3) -> Sectie:
    return Sectie(
        "contacten",
        "Contacten per kanaal",
        "",
        [Kolom("periode", "Periode"), Kolom("kanaal_telefoon", "Telefoon")],
        [[f"week {i} 2026", waarde] for i in range(1, aantal + 1)],
        grafiek="lijn",
        reeksen=["kanaal_telefoon"],
    )


def aslabels(tekening: str) -> list[tuple[float, str]]:
    return [
        (float(x), label)
        for x, label in re.findall(
            r'<text x="([\d.]+)" y="258" [^>]*>(week [^<]+)</text>', tekening
        )
    ]


@pytest.mark.parametrize("aantal", [1, 5, 14, 53])
def test_axis_labels_keep_their_distance(aantal: int) -> None:
    labels = aslabels(svg(weken(aantal)))
    assert labels[0][1] == "week 1 2026"
    assert 1 <= len(labels) <= aantal
    for (x1, label), (x2, _) in itertools.pairwise(labels):
        assert x2 - x1 >= len(label) * TEKENBREEDTE


def test_a_chart_of_suppressed_points_says_so() -> None:
    tekening = svg(weken(4, ONDERDRUKT))
    assert "Per punt te weinig om te tonen; de totalen staan in de tabel." in tekening
    assert "Geen cijfers in deze periode." in svg(weken(0))
