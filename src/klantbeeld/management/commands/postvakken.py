"""``klantbeeld postvakken``: list, load and check the mailboxes the worker reads."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from klantbeeld.channels.email.config import ConfigError, load
from klantbeeld.channels.email.controle import controleer
from klantbeeld.channels.email.models import Postvak


class Command(BaseCommand):
    help = (
        "list: show the mailboxes; load [FILE]: create or update them from a TOML file "
        "(default $KLANTBEELD_POSTVAKKEN), all or none; check: log in to each active "
        "mailbox once and report."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["list", "load", "check"])
        parser.add_argument("file", nargs="?", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "load":
            self._load(options["file"] or settings.KLANTBEELD_POSTVAKKEN)
        elif action == "check":
            self._check()
        else:
            for postvak in Postvak.objects.select_related("team"):
                staat = "actief" if postvak.actief else "uit"
                self.stdout.write(
                    f"{postvak.naam}\t{postvak.adres}\t{postvak.host}:{postvak.poort}"
                    f"\t{postvak.map}\t{postvak.team}\t{staat}"
                )

    def _load(self, file: str) -> None:
        if not file:
            raise CommandError("Geef een bestand of zet KLANTBEELD_POSTVAKKEN.")
        try:
            outcome = load(Path(file))
        except ConfigError as error:
            raise CommandError(str(error)) from error
        for naam, what in outcome:
            self.stdout.write(f"{naam}: {what}")

    def _check(self) -> None:
        failed = []
        for postvak in Postvak.objects.filter(actief=True):
            controle = controleer(postvak)
            self.stdout.write(f"{postvak.naam}: {controle.melding}")
            if not controle.gelukt:
                failed.append(postvak.naam)
        if failed:
            raise CommandError(f"Niet in orde: {', '.join(failed)}.")
