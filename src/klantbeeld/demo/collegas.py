"""The demo's directory of colleagues (``klantbeeld demo-staff --teams``): each team's phone
number, e-mail address and office hours; the demo employees' functions, numbers, skills
and teams; one of them away this week."""

from __future__ import annotations

import datetime

from django.utils import timezone

from klantbeeld.domain.models import Actor, Teamlid
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.collegas import Afwezigheid, Werktijd
from klantbeeld.domain.services.collegas import NL, Gidsgegevens, vermelding_van, werk_bij
from klantbeeld.domain.services.common import SYSTEM

# Team: phone, e-mail, office hours on working days.
TEAMS = {
    "Klantcontactcentrum": ("030 286 00 00", "kcc@gemeente.example", "08:00", "20:00"),
    "Vergunningen": ("030 286 10 00", "vergunningen@gemeente.example", "08:30", "17:00"),
    "Werk en Inkomen": ("030 286 20 00", "werkeninkomen@gemeente.example", "08:30", "17:00"),
    "Belastingen": ("030 286 30 00", "belastingen@gemeente.example", "09:00", "16:00"),
    "Openbare Ruimte": ("030 286 40 00", "openbareruimte@gemeente.example", "07:30", "16:00"),
}
# Employee (vocabulary.MEDEWERKERS): team, direct number, extension, skills.
MEDEWERKERS = {
    "Marieke Jansen": ("Klantcontactcentrum", "030 286 01 01", "0101", ["Afval", "Parkeren"]),
    "Pieter de Boer": ("Klantcontactcentrum", "030 286 01 02", "0102", ["Paspoort en ID-kaart"]),
    "Saida Amrani": ("Klantcontactcentrum", "030 286 01 03", "0103", ["Arabisch", "Wmo"]),
    "Tom Visser": ("Klantcontactcentrum", "030 286 01 04", "0104", ["Klachten"]),
    "Lisa van Dijk": ("Vergunningen", "030 286 11 05", "1105", ["Dakkapel", "Omgevingswet"]),
    "Kees Bakker": ("Werk en Inkomen", "030 286 21 06", "2106", ["Bijzondere bijstand"]),
    "Noor Smit": ("Belastingen", "030 286 31 07", "3107", ["WOZ", "Kwijtschelding"]),
    "Jeroen Meijer": ("Openbare Ruimte", "030 286 41 08", "4108", ["Straatverlichting"]),
}
AFWEZIG = "Kees Bakker"


def vul_gids() -> None:
    """Fill the directory for the demo's teams and employees; safe to run again."""
    teams = {
        a.naam: a
        for a in Actor.objects.filter(
            soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, naam__in=list(TEAMS)
        )
    }
    for naam, (telefoon, email, begin, einde) in TEAMS.items():
        if naam not in teams:
            continue
        vermelding = vermelding_van(teams[naam])
        vermelding.telefoonnummer, vermelding.emailadres = telefoon, email
        vermelding.save()
        for dag in range(1, 6):
            Werktijd.objects.update_or_create(
                vermelding=vermelding,
                weekdag=dag,
                defaults={"begin": _tijd(begin), "einde": _tijd(einde)},
            )
    for actor in Actor.objects.filter(
        soort_actor=SoortActor.MEDEWERKER, naam__in=list(MEDEWERKERS)
    ):
        team, telefoon, toestel, vaardigheden = MEDEWERKERS[actor.naam]
        werk_bij(
            actor,
            Gidsgegevens(telefoonnummer=telefoon, toestelnummer=toestel, vaardigheden=vaardigheden),
            SYSTEM,
            bron="demo",
        )
        if team in teams:
            Teamlid.objects.get_or_create(team=teams[team], medewerker=actor)
        if actor.naam == AFWEZIG:
            vandaag = timezone.now().astimezone(NL).date()
            Afwezigheid.objects.get_or_create(
                vermelding=vermelding_van(actor),
                defaults={"van": vandaag, "tot_en_met": vandaag + datetime.timedelta(days=4)},
            )


def _tijd(tekst: str) -> datetime.time:
    return datetime.time.fromisoformat(tekst)
