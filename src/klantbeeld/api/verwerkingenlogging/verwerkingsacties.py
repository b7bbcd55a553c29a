"""``/verwerkingsacties`` (the read operations of the Bewerking API 0.9.0): the full records
of the processings of one person's data, with who did it and with which system. For
accountability (a privacy officer, an audit), so it needs the scope
``verwerkingenlogging.volledig`` besides ``verwerkingenlogging.lezen``."""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import AuthorizationError

from klantbeeld.api.common.pagination import paginate
from klantbeeld.api.common.problems import ApiProblem
from klantbeeld.api.common.resources import json_response
from klantbeeld.api.common.schemas import paginated
from klantbeeld.api.verwerkingenlogging.common import (
    VOLLEDIG,
    PersoonFilter,
    VerwerkingsactieOut,
    actie_beperkt,
    ctx,
    mag,
    persoon_filter,
    verwerkt_object,
    zichtbaar,
)
from klantbeeld.privacy.models import Verwerkingsactie, VerwerktObject

router = Router(tags=["verwerkingsacties"])


def _volledig(request: HttpRequest, actie: Verwerkingsactie) -> dict[str, Any]:
    c = ctx(request)
    return {
        **actie_beperkt(c, actie),
        "systeem": actie.systeem,
        "gebruiker": actie.gebruiker[:40],
        "gegevensbron": actie.gegevensbron,
        "verwerkteObjecten": [verwerkt_object(c, obj) for obj in actie.verwerkte_objecten.all()],
    }


def _acties(request: HttpRequest) -> QuerySet[Verwerkingsactie]:
    if not mag(request, VOLLEDIG):
        raise AuthorizationError(message=f"Deze applicatie heeft geen scope '{VOLLEDIG}'.")
    return Verwerkingsactie.objects.filter(zichtbaar(request)).prefetch_related(
        Prefetch("verwerkte_objecten", queryset=VerwerktObject.objects.order_by("pk"))
    )


@router.get(
    "/verwerkingsacties",
    operation_id="verwerkingsactie_list",
    response=paginated(VerwerkingsactieOut, "PaginatedVerwerkingsactieList"),
    summary="Verwerkingsacties opvragen.",
)
def verwerkingsactie_list(request: HttpRequest, filters: Query[PersoonFilter]) -> HttpResponse:
    rows = (
        _acties(request)
        .filter(persoon_filter(filters, objecten="verwerkte_objecten__"))
        .distinct()
        .order_by("-tijdstip", "-pk")
    )
    page = paginate(request, rows, lambda acties: [_volledig(request, a) for a in acties])
    return json_response(page)


@router.get(
    "/verwerkingsacties/{actieId}",
    operation_id="verwerkingsactie_read",
    response=VerwerkingsactieOut,
    summary="Een specifieke verwerkingsactie opvragen.",
)
def verwerkingsactie_read(request: HttpRequest, actieId: uuid.UUID) -> HttpResponse:  # noqa: N803
    actie = _acties(request).filter(actie_id=actieId).first()
    if actie is None:
        raise ApiProblem(404, detail="Niet gevonden.", code="not_found")
    return json_response(_volledig(request, actie))
