"""``klantbeeld zgw-services``: list, load and check the ZGW services."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from klantbeeld.integrations.models import ZgwService
from klantbeeld.integrations.zgw.config import ConfigError, load
from klantbeeld.integrations.zgw.health import controleer


class Command(BaseCommand):
    help = (
        "list: show the ZGW services; load [FILE]: create or update them from a TOML file "
        "(default $KLANTBEELD_ZGW_CONFIG); check: ask each active service once and report."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["list", "load", "check"])
        parser.add_argument("file", nargs="?", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "load":
            self._load(options["file"] or settings.KLANTBEELD_ZGW_CONFIG)
        elif action == "check":
            self._check()
        else:
            for service in ZgwService.objects.all():
                state = "actief" if service.actief else "uit"
                self.stdout.write(f"{service.naam}\t{service.soort}\t{service.api_root}\t{state}")

    def _load(self, file: str) -> None:
        if not file:
            raise CommandError("Geef een bestand of zet KLANTBEELD_ZGW_CONFIG.")
        try:
            outcome = load(Path(file))
        except ConfigError as error:
            raise CommandError(str(error)) from error
        for naam, what in outcome:
            self.stdout.write(f"{naam}: {what}")

    def _check(self) -> None:
        failed = []
        for service in ZgwService.objects.filter(actief=True):
            controleer(service)
            self.stdout.write(f"{service.naam}: {service.controle_melding}")
            if not service.gezond:
                failed.append(service.naam)
        if failed:
            raise CommandError(f"Niet in orde: {', '.join(failed)}.")
