"""``klantbeeld bench-inzicht``: build the insight figures on a register filled to
--partijen (two klantcontacten each) and time every dashboard request, export and BI API
call, and the cost of the listener to a klantcontact write (docs/performance.md)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.db.models import Min
from django.utils import timezone

from klantbeeld.bench import inzicht
from klantbeeld.demo.dataset import create_demo_data
from klantbeeld.demo.inzicht import vul_inzicht
from klantbeeld.domain.models import Klacht, Klantcontact, Partij
from klantbeeld.insight.berekenen import bereken, lokale_dag


class Command(BaseCommand):
    help = "Time the insight dashboards, exports and BI API, and the listener's cost."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--partijen", type=int, default=10_000)
        parser.add_argument("--samples", type=int, default=20, help="Requests per kind.")
        parser.add_argument("--schrijven", type=int, default=200, help="Writes per variant.")
        parser.add_argument(
            "--zonder-opbouw", action="store_true", help="Keep the figures already built."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        present = Partij.objects.count()
        if present < options["partijen"]:
            create_demo_data(options["partijen"] - present, seed=present + 1)
        if not Klacht.objects.exists():
            schaal = max(1, options["partijen"] // 50)
            vul_inzicht(klachten=schaal, waarderingen=schaal * 10, gesprekken=schaal * 5)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        regels = []
        if not options["zonder_opbouw"]:
            oudste = Klantcontact.objects.aggregate(m=Min("plaatsgevonden_op"))["m"]
            begin = time.perf_counter()
            dagen = bereken(
                lokale_dag(oudste) if oudste else timezone.localdate(), timezone.localdate()
            )
            regels.append(
                f"Built the day figures of {dagen} days in {time.perf_counter() - begin:.1f} s."
            )
        contacten = Klantcontact.objects.count()
        partijen = Partij.objects.count()
        kop = f"{partijen:,} partijen, {contacten:,} klantcontacten, {connection.vendor}"
        self.stdout.write("\n".join(regels))
        self.stdout.write(
            inzicht.tabel(inzicht.dashboards(options["samples"]), f"Dashboards and exports, {kop}")
        )
        self.stdout.write(inzicht.tabel(inzicht.api(options["samples"]), f"BI API, {kop}"))
        self.stdout.write(
            inzicht.tabel(
                inzicht.registerkosten(options["schrijven"]), f"Cost to the register, {kop}"
            )
        )
