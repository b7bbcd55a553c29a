"""``/vertegenwoordigingen``: one partij acting for another (a guardian, an authorised
representative, a contact person for an organisation)."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import FilterLookup, FilterSchema, Query, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import (
    Resource,
    change_context,
    resolve_references,
    url_filter,
)
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Reference,
    ReferenceOut,
    ResourceOut,
    Uri,
    paginated,
    partial,
)
from klantbeeld.domain.models import Partij, Vertegenwoordigden
from klantbeeld.domain.services import vertegenwoordigingen as service

router = Router(tags=["vertegenwoordigingen"])


class VertegenwoordigdenIn(ApiSchema):
    vertegenwoordigende_partij: Reference = Field(
        description="The partij that acts for the other one."
    )
    vertegenwoordigde_partij: Reference = Field(
        description="The partij that is represented; never the vertegenwoordigende partij."
    )


VertegenwoordigdenPatch = partial(VertegenwoordigdenIn, "PatchedVertegenwoordigdenIn")


class VertegenwoordigdenOut(ResourceOut):
    vertegenwoordigende_partij: ReferenceOut
    vertegenwoordigde_partij: ReferenceOut


PaginatedVertegenwoordigdenList = paginated(
    VertegenwoordigdenOut, "PaginatedVertegenwoordigdenList"
)


class VertegenwoordigdenFilters(FilterSchema):
    vertegenwoordigde_url: Uri | None = Field(None, alias="vertegenwoordigdePartij__url")
    vertegenwoordigde_uuid: Annotated[UUID | None, FilterLookup("vertegenwoordigde_partij")] = (
        Field(None, alias="vertegenwoordigdePartij__uuid")
    )
    vertegenwoordigende_url: Uri | None = Field(None, alias="vertegenwoordigendePartij__url")
    vertegenwoordigende_uuid: Annotated[UUID | None, FilterLookup("vertegenwoordigende_partij")] = (
        Field(None, alias="vertegenwoordigendePartij__uuid")
    )

    def filter_vertegenwoordigde_url(self, value: str | None) -> Q:
        return url_filter("vertegenwoordigde_partij", value)

    def filter_vertegenwoordigende_url(self, value: str | None) -> Q:
        return url_filter("vertegenwoordigende_partij", value)


def queryset(tree: ExpandTree) -> QuerySet[Vertegenwoordigden]:
    return Vertegenwoordigden.objects.all()


def serialize(ctx: Ctx, obj: Vertegenwoordigden, tree: ExpandTree) -> dict[str, Any]:
    return {
        "uuid": str(obj.uuid),
        "url": ctx.url("vertegenwoordigingen", obj.uuid),
        "vertegenwoordigendePartij": ctx.ref("partijen", obj.vertegenwoordigende_partij_id),
        "vertegenwoordigdePartij": ctx.ref("partijen", obj.vertegenwoordigde_partij_id),
    }


resource: Resource[Vertegenwoordigden] = Resource(
    api_path="klantinteracties/api/v1",
    collection="vertegenwoordigingen",
    model=Vertegenwoordigden,
    serialize=serialize,
    queryset=queryset,
)

REFERENCES = {"vertegenwoordigende_partij": Partij, "vertegenwoordigde_partij": Partij}


def _changes(payload: ApiSchema) -> dict[str, Any]:
    return resolve_references(payload.model_dump(exclude_unset=True), REFERENCES)


@router.get(
    "/vertegenwoordigingen",
    response=PaginatedVertegenwoordigdenList,
    operation_id="vertegenwoordigingenList",
    summary="Alle vertegenwoordigingen opvragen.",
)
def vertegenwoordigingen_list(
    request: HttpRequest,
    filters: Query[VertegenwoordigdenFilters],
    page: int | None = None,
    page_size: int | None = Query(None, alias="pageSize"),
) -> HttpResponse:
    return resource.list(request, filters)


@router.post(
    "/vertegenwoordigingen",
    response={201: VertegenwoordigdenOut},
    operation_id="vertegenwoordigingenCreate",
    summary="Maak een vertegenwoordiging aan.",
)
def vertegenwoordigingen_create(
    request: HttpRequest, payload: VertegenwoordigdenIn
) -> HttpResponse:
    changes = _changes(payload)
    with resource.domain_errors():
        obj = service.create_vertegenwoordiging(changes, change_context(request))
    return resource.respond(request, obj, 201)


@router.get(
    "/vertegenwoordigingen/{uuid}",
    response=VertegenwoordigdenOut,
    operation_id="vertegenwoordigingenRetrieve",
    summary="Een specifiek vertegenwoordiging opvragen.",
)
def vertegenwoordigingen_retrieve(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return resource.retrieve(request, uuid)


def _update(request: HttpRequest, uuid: UUID, payload: ApiSchema) -> HttpResponse:
    obj = resource.get(uuid)
    changes = _changes(payload)
    with resource.domain_errors():
        obj = service.update_vertegenwoordiging(obj, changes, change_context(request))
    return resource.respond(request, obj)


@router.put(
    "/vertegenwoordigingen/{uuid}",
    response=VertegenwoordigdenOut,
    operation_id="vertegenwoordigingenUpdate",
    summary="Werk een vertegenwoordiging in zijn geheel bij.",
)
def vertegenwoordigingen_update(
    request: HttpRequest, uuid: UUID, payload: VertegenwoordigdenIn
) -> HttpResponse:
    return _update(request, uuid, payload)


@router.patch(
    "/vertegenwoordigingen/{uuid}",
    response=VertegenwoordigdenOut,
    operation_id="vertegenwoordigingenPartialUpdate",
    summary="Werk een vertegenwoordiging deels bij.",
)
def vertegenwoordigingen_partial_update(
    request: HttpRequest,
    uuid: UUID,
    payload: VertegenwoordigdenPatch,  # type: ignore[valid-type]
) -> HttpResponse:
    return _update(request, uuid, payload)


@router.delete(
    "/vertegenwoordigingen/{uuid}",
    response={204: None},
    operation_id="vertegenwoordigingenDestroy",
    summary="Verwijder een vertegenwoordiging.",
)
def vertegenwoordigingen_destroy(request: HttpRequest, uuid: UUID) -> HttpResponse:
    with resource.domain_errors():
        service.delete_vertegenwoordiging(resource.get(uuid), change_context(request))
    return HttpResponse(status=204)
