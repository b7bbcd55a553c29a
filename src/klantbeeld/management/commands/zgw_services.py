"""``klantbeeld zgw-services``: list, load and check the ZGW services."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from klantbeeld.integrations.models import ZgwService
from klantbeeld.integrations.zgw import config
from klantbeeld.integrations.zgw.health import controleer
from klantbeeld.management.config_command import ConfigCommand


class Command(ConfigCommand):
    help = (
        "list: show the ZGW services; load [FILE]: create or update them from a TOML file "
        "(default $KLANTBEELD_ZGW_CONFIG); check: ask each active service once and report."
    )
    setting = "KLANTBEELD_ZGW_CONFIG"

    def rows(self) -> Iterator[str]:
        for service in ZgwService.objects.all():
            state = "actief" if service.actief else "uit"
            yield f"{service.naam}\t{service.soort}\t{service.api_root}\t{state}"

    def load(self, path: Path) -> list[tuple[str, str]]:
        return config.load(path)

    def checks(self) -> Iterator[tuple[str, str, bool]]:
        for service in ZgwService.objects.filter(actief=True):
            controleer(service)
            yield service.naam, service.controle_melding, bool(service.gezond)
