"""``klantbeeld demo-basisregistraties``: the persons and companies of the demo's local BRP
and Handelsregister, made from the demo register (used by bin/run)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klantbeeld.demo.basisregistraties import bedrijven, personen


class Command(BaseCommand):
    help = (
        "Write the demo register's persons (BRP) and organisations (Handelsregister) as the "
        "JSON files `python -m standins.brp --personen` and `python -m standins.kvk "
        "--bedrijven` read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--brp", required=True, metavar="FILE", help="The persons' file.")
        parser.add_argument("--kvk", required=True, metavar="FILE", help="The companies' file.")

    def handle(self, *args: Any, **options: Any) -> None:
        for pad, inhoud in ((options["brp"], personen()), (options["kvk"], bedrijven())):
            Path(pad).write_text(json.dumps(inhoud, ensure_ascii=False, indent=1), "utf-8")
        self.stdout.write(f"Demo BRP: {options['brp']}; demo Handelsregister: {options['kvk']}.")
