"""Demo rows for the insight dashboards (docs/inzicht.md): the demo's employees in teams,
and complaints, survey answers and chats spread over the same two years as the demo's
contacts, written in bulk (COPY on PostgreSQL) like the rest of the demo data."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from klantbeeld.demo import vocabulary
from klantbeeld.demo.bulk import BulkWriter
from klantbeeld.domain.models import Actor, Gesprek, Klacht, Teamlid, Vragenlijst, Waardering
from klantbeeld.domain.models.actoren import SoortActor

DAGEN = 2 * 365


def vul_inzicht(klachten: int, waarderingen: int, gesprekken: int, seed: int = 2026) -> None:
    rng = random.Random(seed)
    with transaction.atomic():
        teams = list(Actor.objects.filter(soort_actor=SoortActor.ORGANISATORISCHE_EENHEID))
        _teamleden(teams)
        writer = BulkWriter()
        vandaag = timezone.localdate()
        for _ in range(klachten):
            ontvangen = vandaag - datetime.timedelta(days=rng.randint(0, DAGEN))
            termijn = ontvangen + datetime.timedelta(days=42)
            besloten = ontvangen + datetime.timedelta(days=rng.randint(10, 60))
            klaar = besloten <= vandaag
            writer.add(
                Klacht,
                {
                    "ontvangen_op": ontvangen,
                    "kanaal": rng.choice(vocabulary.KANALEN),
                    "onderwerp": "Bejegening",
                    "omschrijving": "Demo",
                    "team_id": rng.choice(teams).pk if teams else None,
                    "status": "afgehandeld" if klaar else "in_behandeling",
                    "termijn_einde": termijn,
                    "besloten_op": besloten if klaar else None,
                    "uitkomst": "gegrond" if klaar else "",
                    "gewijzigd_op": timezone.now(),
                },
            )
        # The history is of the surveys the organisation has (the satisfaction demo's).
        lijsten = {lijst.meting: lijst for lijst in Vragenlijst.objects.order_by("-volgorde")}
        if not lijsten:
            lijst = Vragenlijst.objects.create(naam="Na een contact", vraag="Hoe tevreden bent u?")
            lijsten = {lijst.meting: lijst}
        metingen = sorted(lijsten)
        for _ in range(waarderingen):
            meting = rng.choice(metingen)
            hoogste = {"csat": 5, "nps": 10, "ces": 7}[meting]
            writer.add(
                Waardering,
                {
                    "vragenlijst_id": lijsten[meting].pk,
                    "meting": meting,
                    "score": rng.randint(0 if meting == "nps" else 1, hoogste),
                    "uitgevraagd_via": "email",
                    "kanaal": rng.choice(vocabulary.KANALEN),
                    "onderwerp": rng.choice(vocabulary.ONDERWERPEN)[0],
                    "team_id": rng.choice(teams).pk if teams else None,
                    "datum": vandaag - datetime.timedelta(days=rng.randint(0, DAGEN)),
                },
            )
        nu = timezone.now()
        for _ in range(gesprekken):
            wachtrij = nu - datetime.timedelta(minutes=rng.randint(10, DAGEN * 24 * 60))
            writer.add(
                Gesprek,
                {
                    "kanaal": "chat",
                    "status": "afgesloten",
                    "bezoeker_sleutel": "0" * 64,
                    "team_id": rng.choice(teams).pk if teams else None,
                    "gestart_op": wachtrij,
                    "in_wachtrij_sinds": wachtrij,
                    "aangenomen_op": wachtrij + datetime.timedelta(seconds=rng.randint(5, 900)),
                    "afgesloten_op": wachtrij + datetime.timedelta(minutes=20),
                },
            )
        writer.flush()


def _teamleden(teams: list[Actor]) -> None:
    """Every demo employee in a team, when none is yet."""
    if not teams or Teamlid.objects.exists():
        return
    medewerkers = Actor.objects.filter(soort_actor=SoortActor.MEDEWERKER).order_by("naam")
    Teamlid.objects.bulk_create(
        Teamlid(team=teams[index % len(teams)], medewerker=medewerker)
        for index, medewerker in enumerate(medewerkers)
    )


def demo_inzicht(partijen: int) -> int:
    """The demo's insight: two years of history to show (unless there is some already:
    the complaints demo adds only recent ones) and the day figures of those years
    computed; the number of days."""
    from klantbeeld.insight.berekenen import bereken

    vandaag = timezone.localdate()
    geschiedenis = Klacht.objects.filter(ontvangen_op__lt=vandaag - datetime.timedelta(days=60))
    if partijen and not geschiedenis.exists():
        # Enough complaints and chats that a quarter's figures are above the suppression
        # threshold even in the small default demo.
        schaal = max(1, partijen // 50)
        vul_inzicht(klachten=100 + schaal, waarderingen=schaal * 10, gesprekken=200 + schaal * 5)
    return bereken(vandaag - datetime.timedelta(days=DAGEN), vandaag)
