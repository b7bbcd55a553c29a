"""``klantbeeld bench-events``: how fast one worker delivers notifications to an NRC."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from klantbeeld.bench.events import new_partij, sink
from klantbeeld.bench.report import delays


class Command(BaseCommand):
    help = (
        "Measure one outbox worker against a local NRC sink: notifications delivered per "
        "second from a backlog, and the delay from commit to delivery at a steady rate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--backlog", type=int, default=2000)
        parser.add_argument("--rate", type=float, default=50.0, help="Changes per second.")
        parser.add_argument("--seconds", type=float, default=10.0)

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("bench-events needs PostgreSQL (DATABASE_URL).")
        with sink() as nrc:
            settings.KLANTBEELD_NRC_URL = f"{nrc.url}/api/v1"
            backlog = options["backlog"]
            for index in range(backlog):
                new_partij(index)
            worker = self._worker(nrc.url)
            try:
                started = time.time()
                if not nrc.wait_for(backlog, timeout=600):
                    raise CommandError(f"only {nrc.count()} of {backlog} delivered")
                arrivals = sorted(nrc.arrivals.values())
                rate = (backlog - 1) / (arrivals[-1] - arrivals[0])
                self.stdout.write(
                    f"Backlog: {backlog} notifications in {arrivals[-1] - started:.1f} s "
                    f"after the worker started; {rate:.0f} delivered/s"
                )
                committed = self._steady(options["rate"], options["seconds"])
                nrc.wait_for(backlog + len(committed), timeout=60)
                found = delays(committed, nrc.arrivals)
                self.stdout.write(
                    f"Steady {options['rate']:.0f} changes/s for {options['seconds']:.0f} s: "
                    f"{found.count} delivered; commit → delivery p50 {found.p50_ms:.1f} ms, "
                    f"p99 {found.p99_ms:.1f} ms, max {found.max_ms:.1f} ms"
                )
            finally:
                worker.terminate()
                worker.wait(timeout=30)

    def _worker(self, nrc_url: str) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "KLANTBEELD_NRC_URL": f"{nrc_url}/api/v1",
            "KLANTBEELD_NRC_SECRET": settings.KLANTBEELD_NRC_SECRET or "bench-" + "x" * 32,
        }
        return subprocess.Popen([sys.executable, "-m", "klantbeeld.cli", "worker"], env=env)

    def _steady(self, rate: float, seconds: float) -> dict[str, float]:
        committed: dict[str, float] = {}
        start = time.monotonic()
        index = 0
        while time.monotonic() - start < seconds:
            url, at = new_partij(1_000_000 + index)
            committed[url] = at
            index += 1
            pause = start + index / rate - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        return committed
