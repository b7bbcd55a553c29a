"""``klantbeeld nrc-abonnement``: subscribe Klantbeeld's callback to kanaal zaken."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klantbeeld.events.nrc_client import NrcError, callback_url, subscribe_zaken


class Command(BaseCommand):
    help = (
        "Create an abonnement at the NRC on kanaal zaken (per KLANTBEELD_NRC_ZAAKTYPEN) "
        "with Klantbeeld's callback, or bring the one it has for the callback up to date; "
        "the NRC tests the callback before it accepts."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            url, outcome = subscribe_zaken()
        except NrcError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Abonnement {url} → {callback_url()}: {outcome}")
