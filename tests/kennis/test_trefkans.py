"""The knowledge search finds the right article for agents' questions (typos, synonyms,
colloquial words) in the demo knowledge base: a floor for hit@1 and hit@5, on whichever
database the suite runs (SQLite by default, PostgreSQL with DATABASE_URL). The figures
measured are in docs/kennisbank.md; ``klantbeeld bench-kennis`` prints them."""

from __future__ import annotations

import pytest

from klantbeeld.bench.kennis import meet_trefkans
from klantbeeld.bench.kennisvragen import VRAGEN
from klantbeeld.demo.kennisbank import laad_kennisbank
from klantbeeld.domain.models import Artikel

pytestmark = pytest.mark.django_db

HIT1 = 0.90
HIT5 = 0.95


def test_the_question_set_is_large_and_every_answer_is_a_published_demo_article():
    laad_kennisbank()
    assert len(VRAGEN) >= 50
    gepubliceerd = set(
        Artikel.objects.filter(status="gepubliceerd").values_list("titel", flat=True)
    )
    assert {verwacht for _, verwacht in VRAGEN} <= gepubliceerd


def test_hit_rate_at_1_and_at_5():
    laad_kennisbank()
    uitkomst = meet_trefkans()
    missers = "\n".join(f"{v!r}: {w!r} not first in {t}" for v, w, t in uitkomst.missers)
    assert uitkomst.hit1 >= HIT1, missers
    assert uitkomst.hit5 >= HIT5, missers
