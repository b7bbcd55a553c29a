"""The demo knowledge base (demo/kennisartikelen.py) through the domain's own services, and
filler articles for the benchmark (``klantbeeld bench-kennis``), written in bulk."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from klantbeeld.demo.kennisartikelen import ARTIKELEN, SYNONIEMEN
from klantbeeld.domain.models import Actor, Artikel, Kennisdocument, Sectie, Synoniemgroep
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.kennis import Soort, Status
from klantbeeld.domain.services import kennis_index, kennis_taal
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.kennis import Sectietekst, bewaar_artikel

REDACTIE = ChangeContext(applicatie="Demo", gebruikers_weergave="Redactie kennisbank")


@dataclass
class Demoartikel:
    soort: str
    titel: str
    velden: dict[str, str] = field(default_factory=dict)
    secties: list[Sectietekst] = field(default_factory=list)


def lees(tekst: str = ARTIKELEN) -> list[Demoartikel]:
    artikelen: list[Demoartikel] = []
    for regel in tekst.strip().splitlines():
        regel = regel.strip()
        if not regel:
            continue
        if regel.startswith("@"):
            soort, _, titel = regel[1:].partition(" ")
            artikelen.append(Demoartikel(Soort(soort), titel.strip()))
        elif regel.startswith("## "):
            artikelen[-1].secties.append(Sectietekst(regel[3:].strip(), ""))
        elif artikelen[-1].secties:
            vorige = artikelen[-1].secties[-1]
            tekst_nu = f"{vorige.tekst} {regel}".strip()
            artikelen[-1].secties[-1] = Sectietekst(vorige.kop, tekst_nu)
        else:
            sleutel, _, waarde = regel.partition(":")
            artikelen[-1].velden[sleutel.strip()] = waarde.strip()
    return artikelen


def _team(naam: str) -> Actor:
    team, _ = Actor.objects.get_or_create(
        naam=naam,
        soort_actor=SoortActor.ORGANISATORISCHE_EENHEID,
        defaults={"indicatie_actief": True, "omschrijving": f"Team {naam}"[:200]},
    )
    return team


@transaction.atomic
def laad_kennisbank(vandaag: datetime.date | None = None) -> int:
    """The demo articles and synonyms, once (articles already there by title are left
    alone). Some review dates have passed, so the admin lists them as due. Returns the
    number of articles added."""
    vandaag = vandaag or timezone.localdate()
    for woorden in SYNONIEMEN:
        Synoniemgroep.objects.get_or_create(woorden=woorden)
    bestaand = set(Artikel.objects.values_list("titel", flat=True))
    toegevoegd = 0
    for index, demo in enumerate(lees()):
        if demo.titel in bestaand:
            continue
        doelgroep = [
            _team(naam.strip()) for naam in demo.velden.get("doelgroep", "").split(",") if naam
        ]
        artikel = Artikel()
        bewaar_artikel(
            artikel,
            {
                "soort": demo.soort,
                "titel": demo.titel,
                "samenvatting": demo.velden["samenvatting"],
                "trefwoorden": demo.velden.get("trefwoorden", ""),
                "eigenaar": _team(demo.velden["eigenaar"]),
                "herzien_op": vandaag + datetime.timedelta(days=(index * 37) % 400 - 20),
                "status": demo.velden.get("status", Status.GEPUBLICEERD),
            },
            REDACTIE,
            secties=demo.secties,
            doelgroep=doelgroep,
        )
        toegevoegd += 1
    if toegevoegd:
        kennis_index.herbouw()
    return toegevoegd


# -- filler for the benchmark -----------------------------------------------------------


# Subjects of the filler articles: what else a municipality's knowledge base holds at
# 10,000 articles (per neighbourhood, per project, per year), none of them an answer to the
# agents' questions; their text is made of the demo articles' own words, so every question
# finds many of them.
ONDERWERPEN = (
    "Wegwerkzaamheden",
    "Bestemmingsplan",
    "Inspraakavond",
    "Verkeersbesluit",
    "Bekendmaking",
    "Wijkplan",
    "Projectplan",
    "Raadsinformatiebrief",
    "Subsidieregeling sport",
    "Werkinstructie archivering",
    "Aanbesteding",
    "Buurtonderzoek",
    "Evaluatie",
    "Jaarverslag",
    "Kunstroute",
    "Nieuwsbrief",
    "Herinrichting",
    "Kaderbrief",
    "Beleidsregel",
    "Informatiebijeenkomst",
)
WIJKEN = ("Noord", "Oost", "Zuid", "West", "Centrum", "De Hoven", "Molenwijk", "Stationsgebied")


def vul_aan(aantal: int, seed: int = 2026) -> int:
    """Add ``aantal`` filler articles, published and indexed, in bulk. Returns how many
    documents the index holds afterwards."""
    rng = random.Random(seed)
    woorden = sorted(
        {
            w
            for demo in lees()
            for w in kennis_taal.woorden(
                " ".join([demo.titel, demo.velden.get("samenvatting", "")])
                + " ".join(s.tekst for s in demo.secties)
            )
            if len(w) > 3 and not w.isdigit() and w not in kennis_taal.STOPWOORDEN
        }
    )
    eigenaar = _team("Klantcontactcentrum")
    soorten = list(Soort)
    vandaag = timezone.localdate()
    begin = Artikel.objects.filter(titel__contains="(vulartikel ").count()
    for blok in range(0, aantal, 1000):
        artikelen: list[Artikel] = []
        secties: list[Sectie] = []
        for nummer in range(begin + blok, begin + min(blok + 1000, aantal)):
            onderwerp = rng.choice(ONDERWERPEN)
            jaar = 2000 + nummer % 30
            artikel = Artikel(
                soort=rng.choice(soorten),
                titel=f"{onderwerp} {rng.choice(WIJKEN)} {jaar} (vulartikel {nummer})",
                samenvatting=_zinnen(rng, woorden, 2),
                trefwoorden=onderwerp.lower(),
                eigenaar=eigenaar,
                herzien_op=vandaag + datetime.timedelta(days=365),
                status=Status.GEPUBLICEERD,
            )
            artikelen.append(artikel)
            secties.extend(
                Sectie(
                    artikel=artikel,
                    volgorde=i,
                    kop=_zinnen(rng, woorden, 1)[:60],
                    tekst=_zinnen(rng, woorden, 4),
                )
                for i in range(2)
            )
        with transaction.atomic():
            Artikel.objects.bulk_create(artikelen)
            Sectie.objects.bulk_create(secties)
            Kennisdocument.objects.bulk_create(
                [_document(a, [s for s in secties if s.artikel is a]) for a in artikelen]
            )
    kennis_index.herbouw()
    return Kennisdocument.objects.count()


def _document(artikel: Artikel, secties: list[Sectie]) -> Kennisdocument:
    return Kennisdocument(
        bron="artikel",
        sleutel=f"artikel:{artikel.pk}",
        artikel=artikel,
        soort=artikel.soort,
        titel=artikel.titel,
        samenvatting=artikel.samenvatting,
        tekst="\n\n".join(f"{s.kop}\n{s.tekst}" for s in secties),
        trefwoorden=artikel.trefwoorden,
    )


def _zinnen(rng: random.Random, woorden: list[str], aantal: int) -> str:
    return " ".join(
        " ".join(rng.sample(woorden, rng.randint(6, 14))).capitalize() + "." for _ in range(aantal)
    )
