"""``klantbeeld bench-mail``: how fast the worker registers mail from a mailbox."""

from __future__ import annotations

import os
import platform
import random
import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klantbeeld.bench import mail
from klantbeeld.bench.report import delays
from klantbeeld.bench.system import usage


class Command(BaseCommand):
    help = (
        "Measure the mail intake against a local Dovecot mailbox and ZGW register: a "
        "backlog of --berichten mails with an attachment, registered per second by "
        "--workers worker processes, then mails delivered at --tempo per second for "
        "--seconden and the time from delivery to the task in the queue (p50/p95/max). "
        "Adds contacts, tasks and documents to the database: use a database for measuring."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--berichten", type=int, default=1000)
        parser.add_argument("--bijlage-kb", type=int, default=40, help="Attachment size.")
        parser.add_argument("--workers", type=int, default=1)
        parser.add_argument("--tempo", type=float, default=5.0, help="Mails per second.")
        parser.add_argument("--seconden", type=float, default=20.0)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args: Any, **options: Any) -> None:
        rng = random.Random(options["seed"])
        aantal, workers = options["berichten"], options["workers"]
        with mail.omgeving() as omgeving:
            bezorger = mail.Bezorger(omgeving.dovecot)
            try:
                self._beschrijf(aantal, workers, options["bijlage_kb"])
                begin = time.monotonic()
                ids = []
                for nummer in range(aantal):
                    bericht_id, raw = mail.bericht(nummer, mail.bijlage(options["bijlage_kb"], rng))
                    bezorger.bezorg(bericht_id, raw)
                    ids.append(bericht_id)
                self.stdout.write(
                    f"Backlog of {aantal} delivered in {time.monotonic() - begin:.1f} s"
                )
                self._meet(bezorger, ids, workers, options)
            finally:
                bezorger.sluit()

    def _beschrijf(self, aantal: int, workers: int, kb: int) -> None:
        self.stdout.write(
            f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{mail.database()}; {workers} worker(s); {aantal} mails with a {kb} KB attachment"
        )

    def _meet(
        self, bezorger: mail.Bezorger, ids: list[str], workers: int, options: dict[str, Any]
    ) -> None:
        processen = mail.start_workers(workers)
        gestart = time.time()
        try:
            if not mail.wacht_tot_verwerkt(bezorger, len(ids), timeout=3600):
                raise CommandError("the backlog was not handled within an hour")
            klaar = mail.taaktijden(ids)
            if len(klaar) != len(ids):
                raise CommandError(f"{len(klaar)} of {len(ids)} mails have a task")
            eerste, laatste = min(klaar.values()), max(klaar.values())
            cpu = sum(usage(p.pid).cpu_seconds for p in processen)
            self.stdout.write(
                f"Backlog: {len(ids)} mails registered {laatste - gestart:.1f} s after the "
                f"worker started; {(len(ids) - 1) / (laatste - eerste):.1f} mails/s "
                f"(first to last task), worker CPU {cpu / len(ids) * 1000:.1f} ms per mail"
            )
            self._stroom(bezorger, len(ids), options)
        finally:
            for proces in processen:
                proces.send_signal(signal.SIGTERM)
            for proces in processen:
                proces.wait(timeout=60)

    def _stroom(self, bezorger: mail.Bezorger, al: int, options: dict[str, Any]) -> None:
        rng = random.Random(options["seed"] + 1)
        tempo, seconden = options["tempo"], options["seconden"]
        bezorger.bezorgd.clear()
        begin = time.monotonic()
        nummer = 0
        while time.monotonic() - begin < seconden:
            bericht_id, raw = mail.bericht(
                1_000_000 + nummer, mail.bijlage(options["bijlage_kb"], rng)
            )
            bezorger.bezorg(bericht_id, raw)
            nummer += 1
            pauze = begin + nummer / tempo - time.monotonic()
            if pauze > 0:
                time.sleep(pauze)
        if not mail.wacht_tot_verwerkt(bezorger, al + nummer, timeout=600):
            raise CommandError("the steady mails were not all handled")
        gemeten = delays(bezorger.bezorgd, mail.taaktijden(list(bezorger.bezorgd)))
        self.stdout.write(
            f"Steady {tempo:.0f} mails/s for {seconden:.0f} s: {gemeten.count} mails; "
            f"delivery → task p50 {gemeten.p50_ms:.0f} ms, p95 {gemeten.p95_ms:.0f} ms, "
            f"max {gemeten.max_ms:.0f} ms"
        )
