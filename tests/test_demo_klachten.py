"""The demo's complaints: made once by ``klantbeeld demo-data``, one new, one near the end
of its term (two working days left), one decided with the committee's advice."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from klantbeeld.demo.klachten import maak_demo_klachten
from klantbeeld.domain.models import Klacht
from klantbeeld.domain.services import klachten

pytestmark = pytest.mark.django_db


def test_demo_data_holds_complaints_one_near_its_deadline(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("demo_data", "--partijen", "30")
    assert "Demo data: 3 klachten." in capsys.readouterr().out
    # The numbered ones: the insight demo adds two years of unnumbered history beside them.
    nieuw, bijna, besloten = Klacht.objects.exclude(nummer=None).order_by("aangemaakt_op")
    assert nieuw.status == "ontvangen" and nieuw.behandelaar is None
    assert bijna.status == "in_behandeling" and klachten.werkdagen_over(bijna) == 2
    assert besloten.status == "afgehandeld" and besloten.commissie
    assert besloten.besloten_op is not None and besloten.besloten_op <= besloten.termijn_einde
    assert maak_demo_klachten() == 0
