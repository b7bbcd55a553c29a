"""A letter needs a font with every letter of the names it prints: said when Klantbeeld
starts rather than found out on paper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register

from klantbeeld.channels.post.brief import SYSTEEMLETTERTYPEN


def registreer() -> None:
    register(lettertype)


def lettertype(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    ingesteld = settings.KLANTBEELD_BRIEF_LETTERTYPE
    if ingesteld and not Path(ingesteld).is_file():
        return [
            Error(
                f"KLANTBEELD_BRIEF_LETTERTYPE ({ingesteld}) is geen bestand.",
                hint="Geef het pad van een TrueType-lettertype (.ttf), of laat het leeg.",
                id="post.E001",
            )
        ]
    if not ingesteld and not any(Path(pad).is_file() for pad in SYSTEEMLETTERTYPEN):
        return [
            Warning(
                "Geen lettertype voor brieven gevonden: brieven gebruiken Helvetica, en "
                "letters buiten Latin-1 (ł, ş, ő) worden zonder accent gedrukt.",
                hint="Installeer fonts-dejavu-core of zet KLANTBEELD_BRIEF_LETTERTYPE.",
                id="post.W001",
            )
        ]
    return []
