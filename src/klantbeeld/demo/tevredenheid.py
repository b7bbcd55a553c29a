"""Demo satisfaction surveys and answers (docs/tevredenheid.md): a CSAT survey after phone
and e-mail contacts with follow-up of low scores, the chat's CSAT rating, a Customer Effort
survey after questions asked in MijnGemeente, and answers over the last eight weeks so the
management dashboards have figures. Made once: run again, it adds nothing."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.utils import timezone

from klantbeeld.demo import vocabulary
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.tevredenheid import Meting, Uitvraagkanaal, Vragenlijst, Waardering

WEKEN = 8
# (channel, how it was asked, answers per week)
KANALEN = (
    ("telefoon", Uitvraagkanaal.SMS, 14),
    ("e-mail", Uitvraagkanaal.EMAIL, 9),
    ("chat", Uitvraagkanaal.CHAT, 11),
    ("mijngemeente", Uitvraagkanaal.PORTAAL, 6),
)


def vul_tevredenheid(seed: int = 2026) -> int:
    """The demo surveys, and their answers when there are none yet; returns the answers made."""
    teams = list(Actor.objects.filter(soort_actor=SoortActor.ORGANISATORISCHE_EENHEID))
    with transaction.atomic():
        lijsten = _vragenlijsten(teams)
        if Waardering.objects.exists():
            return 0
        return _antwoorden(random.Random(seed), lijsten, teams)


def _vragenlijsten(teams: list[Actor]) -> dict[str, Vragenlijst]:
    kcc = next((t for t in teams if t.naam == "Klantcontactcentrum"), None)
    lijsten = {}
    for kanaal, naam, velden in (
        (
            "telefoon",
            "Tevredenheid na telefoon en e-mail",
            {
                "meting": Meting.CSAT,
                "vraag": "Hoe tevreden bent u over uw contact met ons?",
                "open_vraag": "Wat kan beter?",
                "kanalen": ["telefoon", "e-mail"],
                "steekproef_procent": 25,
                "opvolging_tot_en_met": 2 if kcc else None,
                "opvolging_team": kcc,
            },
        ),
        (
            "chat",
            "Tevredenheid na de chat",
            {
                "meting": Meting.CSAT,
                "vraag": "Hoe tevreden bent u over dit gesprek?",
                "kanalen": ["chat"],
            },
        ),
        (
            "mijngemeente",
            "Gemak van MijnGemeente",
            {
                "meting": Meting.CES,
                "vraag": "Stelling: het was makkelijk om mijn vraag geregeld te krijgen.",
                "open_vraag": "Wat maakte het moeilijk?",
                "kanalen": ["mijngemeente", "e-formulier"],
            },
        ),
    ):
        lijsten[kanaal], _ = Vragenlijst.objects.get_or_create(naam=naam, defaults=velden)
    lijsten["e-mail"] = lijsten["telefoon"]
    return lijsten


def _antwoorden(rng: random.Random, lijsten: dict[str, Vragenlijst], teams: list[Actor]) -> int:
    vandaag = timezone.localdate()
    rijen = []
    for week in range(WEKEN):
        # Satisfaction improves a little over the weeks: a trend to see.
        beter = (WEKEN - week) / WEKEN
        for kanaal, via, aantal in KANALEN:
            vragenlijst = lijsten[kanaal]
            laag, hoog = {Meting.CSAT: (1, 5), Meting.CES: (1, 7), Meting.NPS: (0, 10)}[
                Meting(vragenlijst.meting)
            ]
            for _ in range(aantal + rng.randint(-2, 2)):
                onderwerp, _vraag = rng.choice(vocabulary.ONDERWERPEN)
                midden = laag + (hoog - laag) * (0.55 + 0.2 * beter)
                score = max(laag, min(hoog, round(rng.gauss(midden, (hoog - laag) / 4))))
                rijen.append(
                    Waardering(
                        vragenlijst=vragenlijst,
                        meting=vragenlijst.meting,
                        score=score,
                        uitgevraagd_via=via,
                        kanaal=kanaal,
                        onderwerp=onderwerp,
                        team=rng.choice(teams) if teams else None,
                        datum=vandaag - datetime.timedelta(days=week * 7 + rng.randint(0, 6)),
                    )
                )
    Waardering.objects.bulk_create(rijen)
    return len(rijen)
