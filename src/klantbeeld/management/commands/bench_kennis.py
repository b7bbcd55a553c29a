"""``klantbeeld bench-kennis``: the knowledge search's hit rate on the agents' questions and
its latency, on a knowledge base filled to --artikelen (docs/kennisbank.md)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from klantbeeld.bench.kennis import als_kcc, meet_trefkans, percentiel
from klantbeeld.bench.kennisvragen import VRAGEN
from klantbeeld.demo.kennisbank import laad_kennisbank, vul_aan
from klantbeeld.domain.models import Kennisdocument
from klantbeeld.domain.services.kennis_zoeken import zoek_kennis


class Command(BaseCommand):
    help = "Measure the knowledge search: hit@1, hit@5 and latency (in-process)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--artikelen", type=int, default=10_000)
        parser.add_argument("--rondes", type=int, default=5, help="Times each question is asked.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        laad_kennisbank()
        ontbreekt = options["artikelen"] - Kennisdocument.objects.count()
        if ontbreekt > 0:
            begin = time.perf_counter()
            vul_aan(ontbreekt, seed=options["seed"])
            self.stdout.write(
                f"Filled to {Kennisdocument.objects.count():,} documents "
                f"in {time.perf_counter() - begin:.1f} s."
            )
        uitkomst = meet_trefkans()
        filter = als_kcc()
        duur: list[float] = []
        typend: list[float] = []
        for _ in range(options["rondes"]):
            for vraag, _verwacht in VRAGEN:
                begin = time.perf_counter()
                zoek_kennis(vraag, filter, aantal=10)
                duur.append((time.perf_counter() - begin) * 1000)
                # As typed: the question cut off in its last word (results as you type).
                begin = time.perf_counter()
                zoek_kennis(vraag[: max(3, len(vraag) - 2)], filter, aantal=5, typend=True)
                typend.append((time.perf_counter() - begin) * 1000)
        self.stdout.write(
            f"Knowledge search, {Kennisdocument.objects.count():,} documents, "
            f"{connection.vendor}, {len(VRAGEN)} questions, in-process\n\n"
            "| measure | value |\n| --- | --- |\n"
            f"| hit@1 | {uitkomst.hit1:.1%} ({uitkomst.eerste}/{uitkomst.vragen}) |\n"
            f"| hit@5 | {uitkomst.hit5:.1%} ({uitkomst.top5}/{uitkomst.vragen}) |\n"
            f"| latency p50 / p95 (whole question) | {percentiel(duur, 50):.1f} / "
            f"{percentiel(duur, 95):.1f} ms |\n"
            f"| latency p50 / p95 (as you type) | {percentiel(typend, 50):.1f} / "
            f"{percentiel(typend, 95):.1f} ms |\n"
        )
        for vraag, verwacht, titels in uitkomst.missers:
            self.stdout.write(f"not first: {vraag!r} → {verwacht!r}; got {titels[:3]}")
