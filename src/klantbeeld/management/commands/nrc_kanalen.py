"""``klantbeeld nrc-kanalen``: register Klantbeeld's kanalen at the NRC."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klantbeeld.events.nrc_client import NrcError, register_kanalen


class Command(BaseCommand):
    help = (
        "Register the kanalen Klantbeeld publishes on (partijen, klantcontacten, "
        "internetaken) at the NRC; kanalen it knows already are left as they are."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            outcome = register_kanalen()
        except NrcError as error:
            raise CommandError(str(error)) from error
        for naam, what in outcome:
            self.stdout.write(f"{naam}: {what}")
