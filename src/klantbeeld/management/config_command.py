"""The shape of the commands for objects configured from a TOML file (``postvakken``,
``zgw-services``): list them, load them from a file, check each active one once."""

from __future__ import annotations

from argparse import ArgumentParser
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from klantbeeld.configfile import ConfigError


class ConfigCommand(BaseCommand):
    # The setting (and environment variable) that names the default file.
    setting: str

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("action", choices=["list", "load", "check"])
        parser.add_argument("file", nargs="?", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "load":
            self._load(options["file"] or getattr(settings, self.setting))
        elif action == "check":
            self._check()
        else:
            for row in self.rows():
                self.stdout.write(row)

    def rows(self) -> Iterable[str]:
        """One line per object, for ``list``."""
        raise NotImplementedError

    def load(self, path: Path) -> list[tuple[str, str]]:
        """(naam, what became of it) per object in the file; ConfigError where it is wrong."""
        raise NotImplementedError

    def checks(self) -> Iterable[tuple[str, str, bool]]:
        """(naam, what the check found, whether it is in order) per active object."""
        raise NotImplementedError

    def _load(self, file: str) -> None:
        if not file:
            raise CommandError(f"Geef een bestand of zet {self.setting}.")
        try:
            outcome = self.load(Path(file))
        except ConfigError as error:
            raise CommandError(str(error)) from error
        for naam, what in outcome:
            self.stdout.write(f"{naam}: {what}")

    def _check(self) -> None:
        failed = []
        for naam, melding, in_orde in self.checks():
            self.stdout.write(f"{naam}: {melding}")
            if not in_orde:
                failed.append(naam)
        if failed:
            raise CommandError(f"Niet in orde: {', '.join(failed)}.")
