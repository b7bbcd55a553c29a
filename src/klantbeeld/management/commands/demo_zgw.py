"""``klantbeeld demo-zgw``: configure the demo's local ZGW register (used by bin/run)."""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klantbeeld.demo.zgw import configure, seed_arguments


class Command(BaseCommand):
    help = (
        "Configure the four ZGW services of the demo register at --url, with the secret in "
        "$KLANTBEELD_DEMO_ZGW_SECRET, and print the register's --bsn/--kvk seed arguments."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--url", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        secret = os.environ.get("KLANTBEELD_DEMO_ZGW_SECRET", "")
        if not secret:
            raise CommandError("KLANTBEELD_DEMO_ZGW_SECRET is niet gezet.")
        configure(options["url"], "klantbeeld", secret)
        self.stdout.write(" ".join(seed_arguments()))
