"""``klantbeeld inzicht-bijwerken``: recompute the dashboards' day figures from the register
(docs/inzicht.md): after an import, a restore, a change of teams, or to start. The worker
keeps them current afterwards; this is safe to run beside it (each day is replaced whole)."""

from __future__ import annotations

import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Min
from django.utils import timezone

from klantbeeld.domain.models import Klantcontact
from klantbeeld.insight.berekenen import bereken, lokale_dag
from klantbeeld.insight.markeren import werk_markeringen_bij


class Command(BaseCommand):
    help = "Recompute the insight dashboards' day figures from a date (default: all)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--vanaf",
            help="First day (YYYY-MM-DD); default: the day of the oldest klantcontact.",
        )
        parser.add_argument("--tot", help="Last day (YYYY-MM-DD); default: today.")

    def handle(self, *args: Any, **options: Any) -> None:
        tot = _datum(options["tot"]) if options["tot"] else timezone.localdate()
        if options["vanaf"]:
            vanaf = _datum(options["vanaf"])
        else:
            oudste = Klantcontact.objects.aggregate(m=Min("plaatsgevonden_op"))["m"]
            vanaf = lokale_dag(oudste) if oudste else tot
        if vanaf > tot:
            raise CommandError("--vanaf ligt na --tot.")
        begin = time.perf_counter()
        dagen = bereken(vanaf, tot)
        werk_markeringen_bij()
        self.stdout.write(
            f"Dagcijfers van {vanaf} tot en met {tot}: {dagen} dagen in "
            f"{time.perf_counter() - begin:.1f} s."
        )


def _datum(tekst: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(tekst)
    except ValueError as fout:
        raise CommandError(f"Geen datum (JJJJ-MM-DD): {tekst!r}.") from fout
