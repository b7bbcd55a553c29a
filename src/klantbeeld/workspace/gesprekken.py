"""The queue of written conversations (issue 13 step 8; C1199, C9853, C2138, C5499): the
open tasks of the employee and their teams whose contact came in on a written channel
(``KLANTBEELD_SCHRIFTELIJKE_KANALEN``), nearest response deadline first, filterable by team
and channel, with the counts per channel. Only what the employee may see (R12)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, Betrokkene, InterneTaak, Klantcontact
from klantbeeld.domain.services import opvolging
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.antwoorden import adresregels, afzender, met_betrokkenen, naam_van
from klantbeeld.workspace.contact import KANAAL_LABELS
from klantbeeld.workspace.medewerkers import log_verwerking, niet_geidentificeerd
from klantbeeld.workspace.taken import SCHERM, mijn_actor
from klantbeeld.workspace.termijnen import Stand, reactietermijn, stand
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

# The team filter's value for the tasks assigned to the employee themselves.
MIJ = "mij"


@dataclass(frozen=True)
class Gesprek:
    """One open conversation as the queue shows it."""

    taak: InterneTaak
    klantcontact: Klantcontact
    afzender: str
    geidentificeerd: bool
    adres: str
    termijn: datetime.date | None
    stand: Stand
    wacht: str


def schriftelijk() -> list[tuple[str, str]]:
    """The written channels, with their labels."""
    return [(k, str(KANAAL_LABELS.get(k, k))) for k in settings.KLANTBEELD_SCHRIFTELIJKE_KANALEN]


@rol_vereist(KLANTEN_ZIEN)
def werkvoorraad(request: HttpRequest) -> HttpResponse:
    try:
        activiteit = verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/gesprekken.html", {"fout": str(error)}, status=503)
    actor = mijn_actor(request)
    teams = opvolging.teams_van(actor) if actor is not None else []
    team = request.GET.get("team", "")
    kanalen = dict(schriftelijk())
    kanaal = request.GET.get("kanaal", "")
    kanaal = kanaal if kanaal in kanalen else ""
    alle = _gesprekken(_voor_wie(actor, teams, team))
    tellingen = Counter(g.klantcontact.kanaal for g in alle)
    getoond = [g for g in alle if not kanaal or g.klantcontact.kanaal == kanaal]
    _log(request, activiteit, getoond)
    return render(
        request,
        "workspace/gesprekken.html",
        {
            "gesprekken": getoond,
            "heeft_actor": actor is not None,
            "teams": teams,
            "team": team if team == MIJ or team in {str(t.pk) for t in teams} else "",
            "kanaal": kanaal,
            "kanalen": [(k, label, tellingen[k]) for k, label in kanalen.items()],
            "totaal": len(alle),
            "vandaag": timezone.localdate(),
        },
    )


def _voor_wie(actor: Actor | None, teams: list[Actor], keuze: str) -> list[Actor]:
    """Whose tasks: the employee's and all their teams', or the one chosen."""
    if actor is None:
        return []
    if keuze == MIJ:
        return [actor]
    gekozen = [t for t in teams if str(t.pk) == keuze]
    return gekozen or [actor, *teams]


def _gesprekken(actoren: list[Actor]) -> list[Gesprek]:
    if not actoren:
        return []
    taken = (
        visible(opvolging.open_taken(actoren))
        .filter(aanleidinggevend_klantcontact__kanaal__in=settings.KLANTBEELD_SCHRIFTELIJKE_KANALEN)
        .select_related("aanleidinggevend_klantcontact")
        .prefetch_related(
            met_betrokkenen("aanleidinggevend_klantcontact__betrokkenen"),
            "toegewezen_aan_actoren",
        )
    )
    vandaag = timezone.localdate()
    nu = timezone.now()
    gesprekken = [_gesprek(taak, vandaag, nu) for taak in taken]
    return sorted(
        gesprekken,
        key=lambda g: (g.termijn or datetime.date.max, g.klantcontact.plaatsgevonden_op),
    )


def _gesprek(taak: InterneTaak, vandaag: datetime.date, nu: datetime.datetime) -> Gesprek:
    kc = taak.aanleidinggevend_klantcontact
    schrijver = afzender(kc)
    termijn = reactietermijn(kc.kanaal, kc.plaatsgevonden_op, taak.uiterlijk_op)
    return Gesprek(
        taak=taak,
        klantcontact=kc,
        afzender=naam_van(schrijver) or gettext("onbekend"),
        geidentificeerd=schrijver is not None and schrijver.was_partij is not None,
        adres=_adres(schrijver),
        termijn=termijn,
        stand=stand(termijn, vandaag),
        wacht=timesince(kc.plaatsgevonden_op, nu, depth=1),
    )


def _adres(schrijver: Betrokkene | None) -> str:
    """The address the message came from: the first one left with it, or the letter's."""
    if schrijver is None:
        return ""
    adressen = list(schrijver.digitale_adressen.all())
    if adressen:
        return adressen[0].adres
    return ", ".join(adresregels(schrijver, "correspondentieadres"))


def _log(
    request: HttpRequest, activiteit: verwerkingen.Verwerkingsactiviteit, getoond: list[Gesprek]
) -> None:
    betrokkenen = [b for g in getoond for b in g.klantcontact.betrokkenen.all()]
    klanten = [b.was_partij for b in betrokkenen if b.was_partij is not None]
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Gesprekken bekijken",
        activiteit=activiteit,
        partijen=list(dict.fromkeys(klanten)),
        soorten_gegevens=("naam", "contactgegevens", "klantcontacten", "interne taken"),
        vertrouwelijk=any(g.klantcontact.vertrouwelijk for g in getoond),
        objecten=niet_geidentificeerd(betrokkenen),
    )
