"""``klantbeeld demo-kanalen``: the demo's mailbox and text modules (used by bin/run)."""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klantbeeld.demo.kanalen import configureer


class Command(BaseCommand):
    help = (
        "Configure the demo mailbox on the demo mail server (address, IMAP port, and the "
        "environment variable holding its password) and the demo text modules."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--adres", required=True)
        parser.add_argument("--imap-poort", type=int, required=True)
        parser.add_argument("--wachtwoord-env", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if not os.environ.get(options["wachtwoord_env"]):
            raise CommandError(f"{options['wachtwoord_env']} is niet gezet.")
        configureer(options["adres"], options["imap_poort"], options["wachtwoord_env"])
