"""``/organisatie``: organisations in the Contactgegevens register, with their address."""

from __future__ import annotations

import datetime
from typing import Any
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
from klantbeeld.domain.models import Organisatie
from klantbeeld.domain.services import contactgegevens as service

router = Router(tags=["organisaties"])

# -- request bodies ------------------------------------------------------------------------


class OrganisatieIn(ApiSchema):
    handelsnaam: str = Field(max_length=255)
    oprichtingsdatum: Datum | None = None
    opheffingsdatum: Datum | None = None
    adres: Adres | None = None


OrganisatiePatch = partial(OrganisatieIn, "PatchedOrganisatieIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class OrganisatieOut(ResourceOut):
    handelsnaam: str
    oprichtingsdatum: datetime.date | None
    opheffingsdatum: datetime.date | None
    adres: AdresOut


PaginatedOrganisatieList = paginated(OrganisatieOut, "PaginatedOrganisatieList")

# -- reading -----------------------------------------------------------------------------------


def queryset(tree: ExpandTree) -> QuerySet[Organisatie]:
    return Organisatie.objects.all()


def serialize(ctx: Ctx, organisatie: Organisatie, tree: ExpandTree) -> dict[str, Any]:
    return {
        "uuid": str(organisatie.uuid),
        "url": ctx.url("organisatie", organisatie.uuid),
        "handelsnaam": organisatie.handelsnaam,
        "oprichtingsdatum": date(organisatie.oprichtingsdatum),
        "opheffingsdatum": date(organisatie.opheffingsdatum),
        "adres": adres(organisatie, "adres"),
    }


resource: Resource[Organisatie] = Resource(
    api_path="contactgegevens/api/v1",
    collection="organisatie",
    model=Organisatie,
    serialize=serialize,
    queryset=queryset,
)

# -- writing -------------------------------------------------------------------------------------

GROUPS = {"adres": Adres}


def _changes(payload: ApiSchema) -> dict[str, Any]:
    return flatten_groups(payload, payload.model_dump(exclude_unset=True), GROUPS)


@router.get(
    "/organisatie",
    response=PaginatedOrganisatieList,
    operation_id="organisatieList",
    summary="Alle organisaties opvragen.",
)
def organisatie_list(
    request: HttpRequest,
    page: int | None = None,
    page_size: int | None = Query(None, alias="pageSize"),
) -> HttpResponse:
    return resource.list(request)


@router.post(
    "/organisatie",
    response={201: OrganisatieOut},
    operation_id="organisatieCreate",
    summary="Maak een organisatie aan.",
)
def organisatie_create(request: HttpRequest, payload: OrganisatieIn) -> HttpResponse:
    with resource.domain_errors():
        organisatie = service.create_organisatie(_changes(payload), change_context(request))
    return resource.respond(request, organisatie, 201)


@router.get(
    "/organisatie/{uuid}",
    response=OrganisatieOut,
    operation_id="organisatieRetrieve",
    summary="Een specifiek organisatie opvragen.",
)
def organisatie_retrieve(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return resource.retrieve(request, uuid)


def _update(request: HttpRequest, uuid: UUID, payload: ApiSchema) -> HttpResponse:
    organisatie = resource.get(uuid)
    with resource.domain_errors():
        organisatie = service.update_organisatie(
            organisatie, _changes(payload), change_context(request)
        )
    return resource.respond(request, organisatie)


@router.put(
    "/organisatie/{uuid}",
    response=OrganisatieOut,
    operation_id="organisatieUpdate",
    summary="Werk een organisatie in zijn geheel bij.",
)
def organisatie_update(request: HttpRequest, uuid: UUID, payload: OrganisatieIn) -> HttpResponse:
    return _update(request, uuid, payload)


@router.patch(
    "/organisatie/{uuid}",
    response=OrganisatieOut,
    operation_id="organisatiePartialUpdate",
    summary="Werk een organisatie deels bij.",
)
def organisatie_partial_update(
    request: HttpRequest,
    uuid: UUID,
    payload: OrganisatiePatch,  # type: ignore[valid-type]
) -> HttpResponse:
    return _update(request, uuid, payload)


@router.delete(
    "/organisatie/{uuid}",
    response={204: None},
    operation_id="organisatieDestroy",
    summary="Verwijder een organisatie.",
)
def organisatie_destroy(request: HttpRequest, uuid: UUID) -> HttpResponse:
    with resource.domain_errors():
        service.delete_organisatie(resource.get(uuid), change_context(request))
    return HttpResponse(status=204)
