"""The demo's customer relations (``klantbeeld demo-data``): the preset of
KLANTBEELD_KLANTRELATIES_VOORBEELD (gemeente by default) and relations on the demo
partijen: inwoners and ondernemers for a municipality; huurders (some with medebewoners),
woningzoekenden, VvE's with their members for a housing corporation. Written in bulk, as
the rest of the demo data, once: a register that holds relations gets none (safe to run
again)."""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from klantbeeld.domain.models import Actor, Categorie, CategorieRelatie, Partij
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.partijen import SoortPartij
from klantbeeld.domain.services.klantrelatie_voorbeelden import laad_voorbeeld

# Relations for at most this many partijen: enough to see and search, quick at any size.
MAX_PARTIJEN = 5000
BATCH = 1000
# The teams that handle follow-up per kind, made when missing.
TEAMS = {
    "gemeente": {"Ondernemer": "Vergunningen"},
    "woningcorporatie": {
        "Huurder": "Verhuur en Wonen",
        "Medebewoner": "Verhuur en Wonen",
        "Woningzoekende": "Woonruimtebemiddeling",
        "VvE": "VvE-beheer",
        "VvE-lid": "VvE-beheer",
    },
}


def vul_klantrelaties(voorbeeld: str, seed: int = 2026) -> int:
    """Load the preset, give its kinds their demo teams, and relations to the demo
    partijen when the register has none yet; returns how many relations were added."""
    rng = random.Random(seed)
    with transaction.atomic():
        laad_voorbeeld(voorbeeld)
        soorten = {c.naam: c for c in Categorie.objects.all()}
        _teams(voorbeeld, soorten)
        if CategorieRelatie.objects.exists():
            return 0
        partijen = list(
            Partij.objects.exclude(soort_partij=SoortPartij.CONTACTPERSOON).order_by("pk")[
                :MAX_PARTIJEN
            ]
        )
        maak = _gemeente if voorbeeld == "gemeente" else _woningcorporatie
        relaties = list(maak(rng, partijen, soorten))
        # A derived relation's source must be stored first: sources come before them.
        CategorieRelatie.objects.bulk_create(relaties, batch_size=BATCH)
    return len(relaties)


def _teams(voorbeeld: str, soorten: dict[str, Categorie]) -> None:
    for naam, team_naam in TEAMS[voorbeeld].items():
        categorie = soorten.get(naam)
        if categorie is None or categorie.team_id is not None:
            continue
        team, _ = Actor.objects.get_or_create(
            naam=team_naam,
            soort_actor=SoortActor.ORGANISATORISCHE_EENHEID,
            defaults={"indicatie_actief": True, "omschrijving": f"Team {team_naam}"},
        )
        categorie.team = team
        categorie.save(update_fields=["team"])


def _sinds(rng: random.Random, jaren: int = 15) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=rng.randint(30, 365 * jaren))


def _gemeente(
    rng: random.Random, partijen: list[Partij], soorten: dict[str, Categorie]
) -> Iterator[CategorieRelatie]:
    for partij in partijen:
        if partij.soort_partij == SoortPartij.ORGANISATIE:
            soort = "Ondernemer"
        else:
            soort = "Inwoner" if rng.random() < 0.9 else "Niet-inwoner"
        yield CategorieRelatie(partij=partij, categorie=soorten[soort], begin_datum=_sinds(rng))


def _woningcorporatie(
    rng: random.Random, partijen: list[Partij], soorten: dict[str, Categorie]
) -> Iterator[CategorieRelatie]:
    personen = [p for p in partijen if p.soort_partij == SoortPartij.PERSOON]
    organisaties = [p for p in partijen if p.soort_partij == SoortPartij.ORGANISATIE]
    vrij: list[Partij] = []  # persons left without a relation
    index = 0
    while index < len(personen):
        partij = personen[index]
        index += 1
        kans = rng.random()
        if kans < 0.5:
            huur = CategorieRelatie(
                partij=partij,
                categorie=soorten["Huurder"],
                begin_datum=_sinds(rng),
                kenmerk=f"HO-{rng.randint(100000, 999999)}",
            )
            yield huur
            # One huurder in four shares the home with a medebewoner.
            if rng.random() < 0.25 and index < len(personen):
                yield CategorieRelatie(
                    partij=personen[index],
                    categorie=soorten["Medebewoner"],
                    begin_datum=_later(rng, huur.begin_datum),
                    via=huur,
                    kenmerk=huur.kenmerk,
                )
                index += 1
        elif kans < 0.8:
            yield CategorieRelatie(
                partij=partij,
                categorie=soorten["Woningzoekende"],
                begin_datum=_sinds(rng, 8),
                kenmerk=f"WZ-{rng.randint(1000000, 9999999)}",
            )
        else:
            vrij.append(partij)
    # A few organisations are VvE's, with members among the persons left without relation.
    zonder = iter(vrij)
    for organisatie in organisaties[: max(1, len(organisaties) // 10)]:
        vve = CategorieRelatie(
            partij=organisatie,
            categorie=soorten["VvE"],
            begin_datum=_sinds(rng),
            kenmerk=f"VVE-{rng.randint(1000, 9999)}",
        )
        yield vve
        for lid in (next(zonder, None) for _ in range(2)):
            if lid is not None:
                yield CategorieRelatie(
                    partij=lid,
                    categorie=soorten["VvE-lid"],
                    begin_datum=_later(rng, vve.begin_datum),
                    via=vve,
                    kenmerk=vve.kenmerk,
                )


def _later(rng: random.Random, begin: datetime.date | None) -> datetime.date:
    assert begin is not None
    vandaag = timezone.localdate()
    return min(vandaag, begin + datetime.timedelta(days=rng.randint(0, 365)))
