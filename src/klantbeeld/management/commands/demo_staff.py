"""``klantbeeld demo-staff``: the demo's staff accounts as JSON for the local OpenID Connect
provider (used by bin/run); with ``--teams`` they are registered as employees in their
teams instead."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from klantbeeld.demo.staff import op_users, register_staff


class Command(BaseCommand):
    help = "Print the demo staff accounts (login → name, e-mail, roles) as JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--teams",
            action="store_true",
            help="Register the accounts as medewerkers in their demo teams (idempotent).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["teams"]:
            self.stdout.write(op_users())
            return
        leden = register_staff(settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER or "0201234567")
        for lid in leden:
            self.stdout.write(f"Demo: {lid.medewerker.naam} in team {lid.team.naam}")
