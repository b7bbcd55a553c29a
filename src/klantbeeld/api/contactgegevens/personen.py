"""``/persoon``: persons in the Contactgegevens register, with their address."""

from __future__ import annotations

import datetime
from typing import Any, Literal
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import Resource, change_context, flatten_groups
from klantbeeld.api.common.schemas import (
    Adres,
    AdresOut,
    ApiSchema,
    Datum,
    ResourceOut,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import adres, date
from klantbeeld.domain.models import Persoon
from klantbeeld.domain.services import contactgegevens as service

router = Router(tags=["personen"])

# The spec's oneOf GeslachtEnum (m, v, o) | BlankEnum (""): one literal, so a bad value
# gives one error on ``geslacht`` rather than one per branch.
Geslacht = Literal["m", "v", "o", ""]

# -- request bodies ------------------------------------------------------------------------


class PersoonIn(ApiSchema):
    geboortedatum: Datum
    overlijdensdatum: Datum | None = None
    geslachtsnaam: str = Field(max_length=200)
    geslacht: Geslacht = ""
    voorvoegsel: str = Field("", max_length=10)
    voornamen: str = Field("", max_length=200)
    adres: Adres | None = None


PersoonPatch = partial(PersoonIn, "PatchedPersoonIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class PersoonOut(ResourceOut):
    geboortedatum: datetime.date
    overlijdensdatum: datetime.date | None
    geslachtsnaam: str
    geslacht: Geslacht
    voorvoegsel: str
    voornamen: str
    adres: AdresOut


PaginatedPersoonList = paginated(PersoonOut, "PaginatedPersoonList")

# -- reading -----------------------------------------------------------------------------------


def queryset(tree: ExpandTree) -> QuerySet[Persoon]:
    return Persoon.objects.all()


def serialize(ctx: Ctx, persoon: Persoon, tree: ExpandTree) -> dict[str, Any]:
    return {
        "uuid": str(persoon.uuid),
        "url": ctx.url("persoon", persoon.uuid),
        "geboortedatum": date(persoon.geboortedatum),
        "overlijdensdatum": date(persoon.overlijdensdatum),
        "geslachtsnaam": persoon.geslachtsnaam,
        "geslacht": persoon.geslacht,
        "voorvoegsel": persoon.voorvoegsel,
        "voornamen": persoon.voornamen,
        "adres": adres(persoon, "adres"),
    }


resource: Resource[Persoon] = Resource(
    api_path="contactgegevens/api/v1",
    collection="persoon",
    model=Persoon,
    serialize=serialize,
    queryset=queryset,
)

# -- writing -------------------------------------------------------------------------------------

GROUPS = {"adres": Adres}


def _changes(payload: ApiSchema) -> dict[str, Any]:
    return flatten_groups(payload, payload.model_dump(exclude_unset=True), GROUPS)


@router.get(
    "/persoon",
    response=PaginatedPersoonList,
    operation_id="persoonList",
    summary="Alle personen opvragen.",
)
def persoon_list(
    request: HttpRequest,
    page: int | None = None,
    page_size: int | None = Query(None, alias="pageSize"),
) -> HttpResponse:
    return resource.list(request)


@router.post(
    "/persoon",
    response={201: PersoonOut},
    operation_id="persoonCreate",
    summary="Maak een persoon aan.",
)
def persoon_create(request: HttpRequest, payload: PersoonIn) -> HttpResponse:
    with resource.domain_errors():
        persoon = service.create_persoon(_changes(payload), change_context(request))
    return resource.respond(request, persoon, 201)


@router.get(
    "/persoon/{uuid}",
    response=PersoonOut,
    operation_id="persoonRetrieve",
    summary="Een specifiek persoon opvragen.",
)
def persoon_retrieve(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return resource.retrieve(request, uuid)


def _update(request: HttpRequest, uuid: UUID, payload: ApiSchema) -> HttpResponse:
    persoon = resource.get(uuid)
    with resource.domain_errors():
        persoon = service.update_persoon(persoon, _changes(payload), change_context(request))
    return resource.respond(request, persoon)


@router.put(
    "/persoon/{uuid}",
    response=PersoonOut,
    operation_id="persoonUpdate",
    summary="Werk een persoon in zijn geheel bij.",
)
def persoon_update(request: HttpRequest, uuid: UUID, payload: PersoonIn) -> HttpResponse:
    return _update(request, uuid, payload)


@router.patch(
    "/persoon/{uuid}",
    response=PersoonOut,
    operation_id="persoonPartialUpdate",
    summary="Werk een persoon deels bij.",
)
def persoon_partial_update(
    request: HttpRequest,
    uuid: UUID,
    payload: PersoonPatch,  # type: ignore[valid-type]
) -> HttpResponse:
    return _update(request, uuid, payload)


@router.delete(
    "/persoon/{uuid}",
    response={204: None},
    operation_id="persoonDestroy",
    summary="Verwijder een persoon.",
)
def persoon_destroy(request: HttpRequest, uuid: UUID) -> HttpResponse:
    with resource.domain_errors():
        service.delete_persoon(resource.get(uuid), change_context(request))
    return HttpResponse(status=204)
