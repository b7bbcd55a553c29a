"""``klantbeeld demo-data``: fill the register with a realistic Dutch demo dataset."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klantbeeld.demo.dataset import create_demo_data, is_empty
from klantbeeld.demo.inzicht import demo_inzicht
from klantbeeld.demo.kennisbank import laad_kennisbank
from klantbeeld.demo.klachten import maak_demo_klachten
from klantbeeld.demo.klantrelaties import vul_klantrelaties
from klantbeeld.demo.tevredenheid import vul_tevredenheid


class Command(BaseCommand):
    help = (
        "Add demo partijen (persons with valid BSNs, organisations with KVK numbers, contact "
        "persons) with digital addresses, klantcontacten across all channels and interne taken; "
        "and the demo knowledge base (once)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--partijen", type=int, default=250, help="How many partijen to add (default 250)."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the register already holds partijen (for repeated runs).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed.")
        parser.add_argument(
            "--actoren",
            type=int,
            default=0,
            help="Extra employees who share the interne taken (default none).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["partijen"] < 0:
            raise CommandError("--partijen cannot be negative.")
        # The knowledge base is loaded once, also into a register that already has data.
        artikelen = laad_kennisbank()
        if artikelen:
            self.stdout.write(f"Demo data: {artikelen} kennisartikelen.")
        if options["if_empty"] and not is_empty():
            self.stdout.write("Demo data: the register is not empty; nothing added.")
            return
        counts = create_demo_data(
            options["partijen"], seed=options["seed"], actoren=options["actoren"]
        )
        self.stdout.write(
            f"Demo data: {counts.partijen} partijen, {counts.digitale_adressen} digitale "
            f"adressen, {counts.klantcontacten} klantcontacten, {counts.interne_taken} interne "
            f"taken, {counts.actoren} actoren."
        )
        relaties = vul_klantrelaties(settings.KLANTBEELD_KLANTRELATIES_VOORBEELD, options["seed"])
        self.stdout.write(
            f"Demo data: {relaties} klantrelaties ({settings.KLANTBEELD_KLANTRELATIES_VOORBEELD})."
        )
        antwoorden = vul_tevredenheid(options["seed"])
        self.stdout.write(f"Demo data: {antwoorden} antwoorden op tevredenheidsvragen.")
        self.stdout.write(f"Demo data: {maak_demo_klachten()} klachten.")
        # The dashboards' figures for the demo's contacts (docs/inzicht.md).
        self.stdout.write(f"Demo data: inzicht over {demo_inzicht(options['partijen'])} dagen.")
