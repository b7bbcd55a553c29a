"""``klantbeeld bench``: fill the register, start the production server, measure."""

from __future__ import annotations

import datetime
import json
import os
import random
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from klantbeeld.api.clients.models import ALL_SCOPES, ApiClient, Scope
from klantbeeld.bench import driver, report, scenarios, sql, system
from klantbeeld.demo.dataset import create_demo_data
from klantbeeld.domain.models import Partij


class Command(BaseCommand):
    help = (
        "Benchmark Klantbeeld: fill the database to --partijen (bulk), start the production "
        "server, drive it with --clients concurrent clients per scenario, and write JSON and "
        "Markdown figures to --output."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partijen", type=int, default=10_000)
        parser.add_argument("--actoren", type=int, default=2_000)
        parser.add_argument("--clients", type=int, default=8)
        parser.add_argument("--seconds", type=float, default=20.0, help="Per scenario.")
        parser.add_argument("--warmup", type=float, default=3.0, help="Per scenario.")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--port", type=int, default=8790)
        parser.add_argument("--scenario", action="append", help="Only these (repeatable).")
        parser.add_argument("--no-sql", action="store_true", help="Skip the plain-SQL limit.")
        parser.add_argument("--output", default=str(settings.VAR_DIR / "bench"))
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--without-confidential",
            action="store_true",
            help="Drive the API as a client without klantinteracties.vertrouwelijk, so every "
            "request goes through the filtering of hidden rows (R12).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        self._fill(options["partijen"], options["actoren"])
        chosen = [
            s
            for s in scenarios.SCENARIOS
            if not options["scenario"] or s.name in options["scenario"]
        ]
        if not chosen:
            raise CommandError("No scenario matches --scenario.")
        authorization = self._client(options["without_confidential"])
        base = f"http://127.0.0.1:{options['port']}"
        server = self._start(options)
        try:
            rows = [self._measure(s, rng, base, authorization, server.pid, options) for s in chosen]
        finally:
            server.terminate()
            server.wait(timeout=30)
        limits = self._limits(rng, options) if not options["no_sql"] else []
        self._write(rows, limits, options)

    def _fill(self, partijen: int, actoren: int) -> None:
        present = Partij.objects.count()
        if present < partijen:
            started = time.perf_counter()
            create_demo_data(partijen - present, seed=present + 1, actoren=actoren)
            self.stdout.write(
                f"Filled {partijen - present} partijen in {time.perf_counter() - started:.0f} s"
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _client(self, without_confidential: bool) -> str:
        client = ApiClient.objects.filter(naam="Benchmark").first() or ApiClient(
            naam="Benchmark", client_id="benchmark"
        )
        hidden = {Scope.KLANTINTERACTIES_VERTROUWELIJK} if without_confidential else set()
        client.scopes = [scope for scope in ALL_SCOPES if scope not in hidden]
        token = client.new_token()
        client.save()
        return f"Token {token}"

    def _start(self, options: dict[str, Any]) -> subprocess.Popen[bytes]:
        command = [
            sys.executable,
            "-m",
            "klantbeeld.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(options["port"]),
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
        ]
        log = Path(options["output"]) / "server.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        server = subprocess.Popen(
            command, stdout=log.open("wb"), stderr=subprocess.STDOUT, env=dict(os.environ)
        )
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{options['port']}/health"):
                    return server
            except OSError:
                time.sleep(0.5)
        server.terminate()
        raise CommandError(f"The server did not start; see {log}")

    def _measure(
        self,
        scenario: scenarios.Scenario,
        rng: random.Random,
        base: str,
        authorization: str,
        pid: int,
        options: dict[str, Any],
    ) -> report.Figures:
        make = scenario.prepare(rng)
        headers = {"Authorization": authorization}
        driver.run(base, headers, make, options["clients"], options["warmup"])
        before = system.usage(pid)
        started = time.perf_counter()
        outcome = driver.run(base, headers, make, options["clients"], options["seconds"])
        elapsed = time.perf_counter() - started
        after = system.usage(pid)
        row = report.figures(
            scenario.name,
            scenario.description,
            outcome,
            elapsed,
            server_cpu=after.cpu_seconds - before.cpu_seconds,
            rss=after.rss_mib_per_process,
        )
        self.stdout.write(
            f"{row.scenario:26} {row.requests_per_second:8.1f} req/s  p50 {row.p50_ms} ms  "
            f"p99 {row.p99_ms} ms  errors {row.errors}"
        )
        return row

    def _limits(self, rng: random.Random, options: dict[str, Any]) -> list[report.Figures]:
        if connection.vendor != "postgresql":
            return []
        rows = []
        for name, params in sql.samples(rng).items():
            outcome = sql.run(name, params, options["clients"], options["seconds"])
            rows.append(report.figures(f"{name} (SQL)", "plain SQL", outcome, options["seconds"]))
        return rows

    def _write(
        self, rows: list[report.Figures], limits: list[report.Figures], options: dict[str, Any]
    ) -> None:
        output = Path(options["output"])
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        size = Partij.objects.count()
        meta = {
            "partijen": size,
            "clients": options["clients"],
            "seconds": options["seconds"],
            "workers": options["workers"],
            "threads": options["threads"],
            "database": connection.vendor,
        }
        document = {
            "meta": meta,
            "scenarios": [r.as_dict() for r in rows],
            "sql": [r.as_dict() for r in limits],
        }
        (output / f"bench-{stamp}.json").write_text(json.dumps(document, indent=2))
        title = f"{size} partijen, {options['clients']} clients, {connection.vendor}"
        text = report.markdown(rows + limits, title)
        (output / f"bench-{stamp}.md").write_text(text)
        self.stdout.write("\n" + text)
