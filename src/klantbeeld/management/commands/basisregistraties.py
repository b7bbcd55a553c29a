"""``klantbeeld basisregistraties``: are the BRP and the Handelsregister (KVK) configured,
and do they answer Klantbeeld?"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klantbeeld.integrations.brp import client as brp
from klantbeeld.integrations.kvk import client as kvk


class Command(BaseCommand):
    help = (
        "Check the connections to the BRP and the Handelsregister (KVK): one harmless "
        "question each (a BSN and a KVK-nummer no one has). Fails when one that is "
        "configured does not answer as it should."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        controles = [brp.controleer(), kvk.controleer()]
        for controle in controles:
            self.stdout.write(controle.melding)
        if any(c.ingesteld and not c.gezond for c in controles):
            raise CommandError("Niet elke ingestelde basisregistratie antwoordt.")
