"""``klantbeeld collegas-importeren FILE``: fill or update the directory of colleagues from
a CSV export (an HR system's, a phone book's), as the identity provider does at each
sign-in (docs/workspace.md)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klantbeeld.domain.services.collegas import Gidsgegevens, werk_bij
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.workspace.medewerkers import medewerker_actor

# The columns read; only gebruikersnaam is required. An empty cell (or a missing column)
# says nothing: what the directory holds stays. Teams and skills: several separated by |.
KOLOMMEN = (
    "gebruikersnaam",
    "naam",
    "emailadres",
    "telefoonnummer",
    "toestelnummer",
    "functie",
    "teams",
    "vaardigheden",
)
LIJSTEN = ("teams", "vaardigheden")
DOOR = ChangeContext(applicatie="klantbeeld collegas-importeren")


class Command(BaseCommand):
    help = (
        "Fill or update the directory of colleagues from a CSV file (UTF-8, comma or "
        f"semicolon separated, a header row with {', '.join(KOLOMMEN)}; gebruikersnaam is "
        "the employee's login at the identity provider, its 'sub')."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("bestand", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        rijen = _lees(options["bestand"])
        bijgewerkt = 0
        for nummer, rij in enumerate(rijen, start=2):
            gebruikersnaam = (rij.get("gebruikersnaam") or "").strip()
            if not gebruikersnaam:
                self.stderr.write(f"Regel {nummer}: geen gebruikersnaam; overgeslagen.")
                continue
            gegevens = _gegevens(rij)
            try:
                actor = medewerker_actor(
                    gebruikersnaam,
                    naam=gegevens.naam or gebruikersnaam,
                    emailadres=gegevens.emailadres or "",
                    functie=gegevens.functie or "Medewerker",
                    by=DOOR,
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            for melding in werk_bij(actor, gegevens, DOOR, bron="import"):
                self.stderr.write(f"Regel {nummer} ({gebruikersnaam}): {melding}")
            bijgewerkt += 1
        self.stdout.write(f"{bijgewerkt} collega's bijgewerkt.")


def _lees(bestand: Path) -> list[dict[str, str]]:
    try:
        tekst = bestand.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{bestand}: {error}") from error
    eerste = tekst.splitlines()[0] if tekst else ""
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    lezer = csv.DictReader(tekst.splitlines(), delimiter=scheiding)
    kolommen = {k.strip().lower() for k in lezer.fieldnames or []}
    if "gebruikersnaam" not in kolommen:
        raise CommandError(f"{bestand}: de kolom gebruikersnaam ontbreekt.")
    return [{(k or "").strip().lower(): (v or "") for k, v in rij.items()} for rij in lezer]


def _gegevens(rij: dict[str, str]) -> Gidsgegevens:
    waarden: dict[str, Any] = {}
    for kolom in KOLOMMEN[1:]:
        tekst = rij.get(kolom, "").strip()
        if not tekst:
            continue
        waarden[kolom] = (
            [d.strip() for d in tekst.split("|") if d.strip()] if kolom in LIJSTEN else tekst
        )
    return Gidsgegevens(**waarden)
