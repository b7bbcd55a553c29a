"""``klantbeeld klantrelaties --voorbeeld gemeente|woningcorporatie``: load a preset of
kinds of customer relation (docs/klantrelaties.md); safe to run again."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from klantbeeld.domain.services.klantrelatie_voorbeelden import VOORBEELDEN, laad_voorbeeld
from klantbeeld.domain.services.klantrelaties import soorten


class Command(BaseCommand):
    help = (
        "Load the kinds of customer relation of a municipality or a housing corporation "
        "(categorieën); existing kinds are left as they are."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--voorbeeld", required=True, choices=sorted(VOORBEELDEN))

    def handle(self, *args: Any, **options: Any) -> None:
        gemaakt = laad_voorbeeld(options["voorbeeld"])
        self.stdout.write(
            f"Klantrelaties ({options['voorbeeld']}): {len(gemaakt)} soorten toegevoegd"
            + (f" ({', '.join(c.naam for c in gemaakt)})" if gemaakt else "")
            + f"; {soorten().count()} in gebruik."
        )
