"""``klantbeeld topdesk``: is TOPdesk configured, and does it answer Klantbeeld?"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klantbeeld.integrations.topdesk.client import controleer


class Command(BaseCommand):
    help = (
        "Check the connection to TOPdesk: one harmless question (the API's version). "
        "Fails when TOPdesk is configured and does not answer as it should."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        controle = controleer()
        self.stdout.write(controle.melding)
        if controle.ingesteld and not controle.gezond:
            raise CommandError("TOPdesk antwoordt niet zoals het moet.")
