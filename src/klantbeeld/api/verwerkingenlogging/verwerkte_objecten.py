"""``/verwerkte-objecten`` (Inzage API 0.9.0): the processings of one person's data in a
period, each with its verwerkingsactie as the person may see it."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router

from klantbeeld.api.common.pagination import paginate
from klantbeeld.api.common.problems import ApiProblem
from klantbeeld.api.common.resources import json_response
from klantbeeld.api.common.schemas import paginated
from klantbeeld.api.verwerkingenlogging.common import (
    PersoonFilter,
    VerwerktObjectUitgebreidOut,
    actie_beperkt,
    ctx,
    persoon_filter,
    verwerkt_object,
    zichtbaar,
)
from klantbeeld.privacy.models import VerwerktObject

router = Router(tags=["verwerkte-objecten"])
ACTIE = "verwerkingsactie__"


def _uitgebreid(request: HttpRequest, obj: VerwerktObject) -> dict[str, Any]:
    c = ctx(request)
    eigen = verwerkt_object(c, obj)
    # The spec requires verwerkteObjecten on the action; the person sees only themselves
    # there, never the others the same action concerned.
    actie = {**actie_beperkt(c, obj.verwerkingsactie), "verwerkteObjecten": [eigen]}
    return {**eigen, "verwerkingsactie": actie}


def _zichtbaar(request: HttpRequest) -> QuerySet[VerwerktObject]:
    return VerwerktObject.objects.select_related("verwerkingsactie").filter(
        zichtbaar(request, actie=ACTIE)
    )


@router.get(
    "/verwerkte-objecten",
    operation_id="verwerkte-objecten_list",
    response=paginated(VerwerktObjectUitgebreidOut, "PaginatedVerwerktObjectList"),
    summary="Verwerkte objecten opvragen.",
)
def verwerkte_objecten_list(request: HttpRequest, filters: Query[PersoonFilter]) -> HttpResponse:
    rows = _zichtbaar(request).filter(persoon_filter(filters, actie=ACTIE))
    page = paginate(
        request,
        rows.order_by("-verwerkingsactie__tijdstip", "-pk"),
        lambda objs: [_uitgebreid(request, obj) for obj in objs],
    )
    return json_response(page)


@router.get(
    "/verwerkte-objecten/{verwerktObjectId}",
    operation_id="verwerktobject_read",
    response=VerwerktObjectUitgebreidOut,
    summary="Een specifiek verwerkt object opvragen.",
)
def verwerktobject_read(request: HttpRequest, verwerktObjectId: uuid.UUID) -> HttpResponse:  # noqa: N803
    obj = _zichtbaar(request).filter(verwerkt_object_id=verwerktObjectId).first()
    if obj is None:
        raise ApiProblem(404, detail="Niet gevonden.", code="not_found")
    return json_response(_uitgebreid(request, obj))
