"""``klantbeeld postvakken``: list, load and check the mailboxes the worker reads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from klantbeeld.channels.email import config
from klantbeeld.channels.email.controle import controleer
from klantbeeld.channels.email.models import Postvak
from klantbeeld.management.config_command import ConfigCommand


class Command(ConfigCommand):
    help = (
        "list: show the mailboxes; load [FILE]: create or update them from a TOML file "
        "(default $KLANTBEELD_POSTVAKKEN), all or none; check: log in to each active "
        "mailbox once and report."
    )
    setting = "KLANTBEELD_POSTVAKKEN"

    def rows(self) -> Iterator[str]:
        for postvak in Postvak.objects.select_related("team"):
            staat = "actief" if postvak.actief else "uit"
            yield (
                f"{postvak.naam}\t{postvak.adres}\t{postvak.host}:{postvak.poort}"
                f"\t{postvak.map}\t{postvak.team}\t{staat}"
            )

    def load(self, path: Path) -> list[tuple[str, str]]:
        return config.load(path)

    def checks(self) -> Iterator[tuple[str, str, bool]]:
        for postvak in Postvak.objects.filter(actief=True):
            controle = controleer(postvak)
            yield postvak.naam, controle.melding, controle.gelukt
