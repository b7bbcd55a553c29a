"""``klantbeeld zaken``: a partij's zaken as the workspace reads them, for operators."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from klantbeeld.domain.models import Partij
from klantbeeld.integrations.zgw.zaken import VERTROUWELIJKHEID, Status, Zaak, zaken_van_partij


class Command(BaseCommand):
    help = (
        "Show the zaken of the partij with this BSN, KVK-nummer, RSIN, vestigingsnummer, "
        "partijnummer or uuid, read from the configured ZGW registers (docs/zgw.md)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("partij")
        parser.add_argument(
            "--max-vertrouwelijkheid", choices=VERTROUWELIJKHEID, default="zaakvertrouwelijk"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        partij = _partij(options["partij"])
        overzicht = zaken_van_partij(partij, max_vertrouwelijkheid=options["max_vertrouwelijkheid"])
        self.stdout.write(f"{partij} ({partij.nummer}): {len(overzicht.zaken)} zaken")
        for zaak in overzicht.zaken:
            self.stdout.write(_regel(zaak))
        for storing in [
            *overzicht.storingen,
            *(s for zaak in overzicht.zaken for s in zaak.storingen),
        ]:
            self.stderr.write(f"Onvolledig: {storing.register}: {storing.melding}")


def _partij(ref: str) -> Partij:
    condition = Q(nummer=ref) | Q(partij_identificatoren__partij_identificator_object_id=ref)
    if len(ref) == 36:
        condition |= Q(uuid=ref)
    found = list(Partij.objects.filter(condition).distinct()[:2])
    if len(found) != 1:
        raise CommandError(
            f"Geen partij gevonden met {ref}." if not found else f"Meer dan één partij met {ref}."
        )
    return found[0]


def _tijd(status: Status) -> str:
    """When the status was set, in Dutch time (TIME_ZONE): the register answers in UTC,
    which is a day off for a status set late in the evening."""
    if status.moment is None:
        return status.datum
    return timezone.localtime(status.moment).strftime("%Y-%m-%d %H:%M")


def _regel(zaak: Zaak) -> str:
    status = zaak.status.omschrijving if zaak.status else "geen status"
    einde = zaak.einddatum or (
        f"verwacht {zaak.verwachte_einddatum}" if zaak.verwachte_einddatum else ""
    )
    regels = [f"{zaak.identificatie}  {zaak.zaaktype}: {zaak.omschrijving}  [{status}] {einde}"]
    regels += [f"    status   {_tijd(s)}  {s.omschrijving}" for s in zaak.statussen]
    regels += [f"    document {d.titel} ({d.bestandsnaam})" for d in zaak.documenten]
    regels += [f"    besluit  {b.datum}  {b.besluittype}" for b in zaak.besluiten]
    return "\n".join(regels)
