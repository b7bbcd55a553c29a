"""The BI API (``/inzicht/api/v1/``): each dashboard section as JSON for the
organisation's own reporting, with the same filters and the same suppression; aggregates
only. Authorised like the other APIs (``Token`` or a ZGW JWT) with the scope
``inzicht``; bad filters answer with problem details (docs/inzicht.md)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import Field

from klantbeeld.api.clients.auth import Caller, ClientAuth
from klantbeeld.api.clients.models import Scope
from klantbeeld.api.common.api import StandardApi
from klantbeeld.api.common.problems import ApiProblem, InvalidParam
from klantbeeld.api.common.resources import json_response
from klantbeeld.domain.models import Actor, Categorie
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.insight import cijfers
from klantbeeld.insight.filters import MAX_DAGEN

API_PATH = "inzicht/api/v1"
VERSION = "1.0.0"


class InzichtAuth(ClientAuth):
    def __init__(self) -> None:
        super().__init__("inzicht")

    def required_scope(self, request: HttpRequest) -> str:
        return Scope.INZICHT.value

    def may_see_confidential(self, caller: Caller) -> bool:
        return False  # totals only: nothing confidential is read


class FilterIn(Schema):
    vanaf: datetime.date | None = Field(
        None, description="Eerste dag (JJJJ-MM-DD); standaard 30 dagen voor 'tot'."
    )
    tot: datetime.date | None = Field(
        None, description="Laatste dag, inbegrepen; standaard vandaag."
    )
    team: str | None = Field(None, description="UUID van een team (organisatorische eenheid).")
    kanaal: str | None = Field(None, description="Alleen dit kanaal (bijv. telefoon, e-mail).")
    relatiesoort: str | None = Field(
        None, description="UUID van een categorie (soort klantrelatie)."
    )


class KolomOut(Schema):
    sleutel: str
    titel: str
    eenheid: str


class SectieOut(Schema):
    sectie: str
    titel: str
    uitleg: str
    vanaf: datetime.date
    tot: datetime.date
    minimum_groep: int = Field(alias="minimumGroep")
    kolommen: list[KolomOut]
    rijen: list[dict[str, Any]] = Field(
        description="Per rij de waarde per kolomsleutel; null: geen waarde of onderdrukt "
        "(de sleutels staan dan in 'onderdrukt')."
    )
    opmerking: str


class SectiesOut(Schema):
    secties: list[str]


router = Router(tags=["inzicht"], auth=InzichtAuth())


def _filter(params: FilterIn) -> cijfers.Filter:
    fouten = []
    tot = params.tot or timezone.localdate()
    vanaf = params.vanaf or tot - datetime.timedelta(days=29)
    if vanaf > tot:
        fouten.append(InvalidParam("tot", "invalid", "De einddatum ligt voor de begindatum."))
    elif (tot - vanaf).days >= MAX_DAGEN:
        fouten.append(InvalidParam("vanaf", "invalid", "Kies een periode van hoogstens drie jaar."))
    team = None
    if params.team:
        team = (
            Actor.objects.filter(
                uuid=_uuid(params.team), soort_actor=SoortActor.ORGANISATORISCHE_EENHEID
            )
            .values_list("pk", flat=True)
            .first()
            if _uuid(params.team)
            else None
        )
        if team is None:
            fouten.append(InvalidParam("team", "does_not_exist", "Er is geen team met deze uuid."))
    soort = None
    if params.relatiesoort:
        soort = (
            Categorie.objects.filter(uuid=_uuid(params.relatiesoort))
            .values_list("pk", flat=True)
            .first()
            if _uuid(params.relatiesoort)
            else None
        )
        if soort is None:
            fouten.append(
                InvalidParam(
                    "relatiesoort", "does_not_exist", "Er is geen categorie met deze uuid."
                )
            )
    if fouten:
        raise ApiProblem(400, invalid_params=fouten)
    return cijfers.Filter(vanaf, tot, team=team, kanaal=params.kanaal or "", relatiesoort=soort)


def _uuid(tekst: str) -> Any:
    import uuid

    try:
        return uuid.UUID(tekst)
    except ValueError:
        return None


def _json(waarde: cijfers.Cel) -> Any:
    return None if isinstance(waarde, cijfers.Onderdrukt) else waarde


@router.get("/secties", response=SectiesOut, operation_id="secties_list", summary="De secties")
def secties(request: HttpRequest) -> HttpResponse:
    return json_response({"secties": list(cijfers.SECTIES)})


@router.get(
    "/secties/{sectie}",
    response=SectieOut,
    operation_id="sectie_read",
    summary="De cijfers van één sectie",
)
def sectie(request: HttpRequest, sectie: str, filters: Query[FilterIn]) -> HttpResponse:
    if sectie not in cijfers.SECTIES:
        raise ApiProblem(404, detail=f"Onbekende sectie; kies uit {', '.join(cijfers.SECTIES)}.")
    f = _filter(filters)
    tabel = cijfers.SECTIES[sectie](f)
    rijen = []
    for rij in tabel.als_dicts():
        rijen.append(
            {
                **{sleutel: _json(waarde) for sleutel, waarde in rij.items()},
                "onderdrukt": [s for s, w in rij.items() if isinstance(w, cijfers.Onderdrukt)],
            }
        )
    return json_response(
        {
            "sectie": tabel.sleutel,
            "titel": tabel.titel,
            "uitleg": tabel.uitleg,
            "vanaf": f.vanaf.isoformat(),
            "tot": f.tot.isoformat(),
            "minimumGroep": cijfers.minimum(),
            "kolommen": [
                {"sleutel": k.sleutel, "titel": k.titel, "eenheid": k.eenheid}
                for k in tabel.kolommen
            ],
            "rijen": rijen,
            "opmerking": tabel.opmerking,
        }
    )


class InzichtApi(StandardApi):
    def _document(self) -> dict[str, Any]:
        """The scheme named ``tokenAuth`` like in the other APIs' documents."""
        document = super()._document()
        schemes = document["components"]["securitySchemes"]
        scheme = schemes.pop("InzichtAuth")
        schemes["tokenAuth"] = {**scheme, "description": "'Token <sleutel>' of 'Bearer <ZGW JWT>'"}
        for path in document["paths"].values():
            for operation in path.values():
                operation["security"] = [{"tokenAuth": []}]
        return document


api = InzichtApi(
    api_path=API_PATH,
    scope="inzicht",
    title="inzicht",
    version=VERSION,
    description="Inzicht-API van Klantbeeld: de cijfers van de dashboards (contacten, "
    "eerste-contactoplossing, taken, antwoordtijden, klachten, tevredenheid) voor de eigen "
    "BI van de organisatie. Alleen totalen; kleine groepen zijn onderdrukt (zie "
    "docs/inzicht.md).",
    urls_namespace="inzicht",
)
api.add_router("", router)
