"""``klantbeeld bench-zoeken``: how fast the workspace's search finds a customer, per kind
of input, on a register filled to --partijen (docs/performance.md)."""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from klantbeeld.bench import report, zoeken
from klantbeeld.demo.dataset import create_demo_data
from klantbeeld.domain.models import Partij


class Command(BaseCommand):
    help = "Measure the workspace's customer search per kind of input (in-process)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partijen", type=int, default=10_000)
        parser.add_argument("--samples", type=int, default=300, help="Searches per kind.")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        present = Partij.objects.count()
        if present < options["partijen"]:
            create_demo_data(options["partijen"] - present, seed=present + 1)
        rng = random.Random(options["seed"])
        rows = []
        for soort in zoeken.SOORTEN:
            zoeken.meet(soort, rng, 20)  # warm up caches and the connection
            started = time.perf_counter()
            outcome = zoeken.meet(soort, rng, options["samples"])
            seconds = time.perf_counter() - started
            rows.append(report.figures(soort, "zoek_partijen", outcome, seconds))
        title = (
            f"Customer search, {Partij.objects.count():,} partijen, {connection.vendor}, "
            "one client, in-process"
        )
        self.stdout.write(report.markdown(rows, title))
        failed = [r for r in rows if r.errors or not r.requests]
        if failed:
            self.stderr.write(
                f"Errors or no samples: {[(r.scenario, r.error_samples) for r in failed]}"
            )
