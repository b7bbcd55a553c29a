"""``/werkplek/inzicht/``: the dashboards for teamleiders (their own teams) and management
(all), and each section's export with the same filters. Aggregates only: nothing on these
pages is about one customer, so no verwerking is logged."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from klantbeeld.domain.models import Actor, Teamlid
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.insight import cijfers, export, grafiek
from klantbeeld.insight.filters import InzichtForm
from klantbeeld.workspace.roles import Rol, rollen_van
from klantbeeld.workspace.taken import mijn_actor
from klantbeeld.workspace.toegang import rol_vereist

INZICHT = frozenset({Rol.TEAMLEIDER, Rol.MANAGEMENT})
FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def zichtbare_teams(request: HttpRequest) -> tuple[list[Actor], tuple[Any, ...] | None]:
    """The teams to choose from, and the teams the figures are limited to (None: all)."""
    if Rol.MANAGEMENT in rollen_van(request.user):
        teams = list(
            Actor.objects.filter(soort_actor=SoortActor.ORGANISATORISCHE_EENHEID).order_by("naam")
        )
        return teams, None
    actor = mijn_actor(request)
    eigen = (
        list(
            Actor.objects.filter(
                pk__in=Teamlid.objects.filter(medewerker=actor).values("team_id")
            ).order_by("naam")
        )
        if actor is not None
        else []
    )
    return eigen, tuple(t.pk for t in eigen)


def _form(request: HttpRequest) -> tuple[InzichtForm, cijfers.Filter, list[Actor]]:
    teams, zichtbaar = zichtbare_teams(request)
    form = InzichtForm(request.GET or None, teams, alle_teams=zichtbaar is None)
    if not request.GET:
        form = InzichtForm({"periode": "30"}, teams, alle_teams=zichtbaar is None)
    f = form.filter(zichtbaar) if form.is_valid() else form.standaard(zichtbaar)
    return form, f, teams


@require_GET
@rol_vereist(INZICHT)
def dashboard(request: HttpRequest) -> HttpResponse:
    form, f, _teams = _form(request)
    secties = []
    for sleutel, maak in cijfers.SECTIES.items():
        sectie = maak(f)
        secties.append(
            {
                "sectie": sectie,
                "svg": grafiek.svg(sectie),
                "rijen": [
                    [
                        grafiek.tekst(cel, kolom.eenheid)
                        for kolom, cel in zip(sectie.kolommen, rij, strict=True)
                    ]
                    for rij in sectie.rijen
                ],
                "sleutel": sleutel,
            }
        )
    status = 400 if form.errors else 200
    return render(
        request,
        "insight/dashboard.html",
        {
            "form": form,
            "filter": f,
            "secties": secties,
            "zonder_teams": f.teams == (),
            "query": request.GET.urlencode(),
            "minimum": cijfers.minimum(),
        },
        status=status,
    )


@require_GET
@rol_vereist(INZICHT)
def exporteer(request: HttpRequest, sectie: str, formaat: str) -> HttpResponse:
    if sectie not in cijfers.SECTIES or formaat not in FORMATEN:
        raise Http404
    form, f, _ = _form(request)
    if form.errors:
        return render(request, "insight/dashboard.html", {"form": form, "secties": []}, status=400)
    tabel = cijfers.SECTIES[sectie](f)
    inhoud = export.als_csv(tabel) if formaat == "csv" else export.als_xlsx(tabel, f)
    response = HttpResponse(inhoud, content_type=FORMATEN[formaat])
    naam = f"inzicht-{slugify(sectie)}-{f.vanaf.isoformat()}-{f.tot.isoformat()}.{formaat}"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response
