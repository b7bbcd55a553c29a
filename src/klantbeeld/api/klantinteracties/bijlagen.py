"""``/bijlagen``: documents and other objects that are (part of) the content of a
klantcontact, kept in another register."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import FilterLookup, FilterSchema, Query, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import (
    Resource,
    change_context,
    flatten_groups,
    resolve_references,
)
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Identificator,
    IdentificatorOut,
    Reference,
    ReferenceOut,
    ResourceOut,
    omitted,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import identificator, without_nulls
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Bijlage, Klantcontact
from klantbeeld.domain.services import klantcontacten as service

router = Router(tags=["bijlagen"])


class BijlageIn(ApiSchema):
    was_bijlage_van_klantcontact: Reference | None = None
    bijlageidentificator: Identificator | None = None


BijlagePatch = partial(BijlageIn, "PatchedBijlageIn")


class BijlageOut(ResourceOut):
    was_bijlage_van_klantcontact: ReferenceOut = omitted("Left out when there is none.")
    bijlageidentificator: IdentificatorOut


PaginatedBijlageList = paginated(BijlageOut, "PaginatedBijlageList")

_ID = "bijlageidentificator_"


class BijlageFilters(FilterSchema):
    code_objecttype: Annotated[str | None, FilterLookup(f"{_ID}code_objecttype")] = Field(
        None, alias="bijlageidentificatorCodeObjecttype"
    )
    code_register: Annotated[str | None, FilterLookup(f"{_ID}code_register")] = Field(
        None, alias="bijlageidentificatorCodeRegister"
    )
    code_soort_object_id: Annotated[str | None, FilterLookup(f"{_ID}code_soort_object_id")] = Field(
        None, alias="bijlageidentificatorCodeSoortObjectId"
    )
    object_id: Annotated[str | None, FilterLookup(f"{_ID}object_id")] = Field(
        None, alias="bijlageidentificatorObjectId"
    )
    klantcontact_uuid: Annotated[UUID | None, FilterLookup("was_bijlage_van_klantcontact")] = Field(
        None, alias="klantcontact__uuid"
    )


def queryset(tree: ExpandTree) -> QuerySet[Bijlage]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[Bijlage]:
    return Bijlage.objects.all()


def serialize(ctx: Ctx, obj: Bijlage, tree: ExpandTree) -> dict[str, Any]:
    data = {
        "uuid": str(obj.uuid),
        "url": ctx.url("bijlagen", obj.uuid),
        "wasBijlageVanKlantcontact": ctx.ref("klantcontacten", obj.was_bijlage_van_klantcontact_id),
        "bijlageidentificator": identificator(obj, "bijlageidentificator"),
    }
    return without_nulls(data, "wasBijlageVanKlantcontact")


resource: Resource[Bijlage] = Resource(
    api_path="klantinteracties/api/v1",
    collection="bijlagen",
    model=Bijlage,
    serialize=serialize,
    queryset=queryset,
)

REFERENCES = {"was_bijlage_van_klantcontact": Klantcontact}
GROUPS = {"bijlageidentificator": Identificator}


def _changes(payload: ApiSchema) -> dict[str, Any]:
    changes = payload.model_dump(exclude_unset=True)
    flatten_groups(payload, changes, GROUPS)
    return resolve_references(changes, REFERENCES)


@router.get(
    "/bijlagen",
    response=PaginatedBijlageList,
    operation_id="bijlagenList",
    summary="Alle bijlagen opvragen.",
)
def bijlagen_list(
    request: HttpRequest,
    filters: Query[BijlageFilters],
    page: int | None = None,
    page_size: int | None = Query(None, alias="pageSize"),
) -> HttpResponse:
    return resource.list(request, filters)


@router.post(
    "/bijlagen",
    response={201: BijlageOut},
    operation_id="bijlagenCreate",
    summary="Maak een bijlage aan.",
)
def bijlagen_create(request: HttpRequest, payload: BijlageIn) -> HttpResponse:
    changes = _changes(payload)
    with resource.domain_errors():
        bijlage = service.create_bijlage(changes, change_context(request))
    return resource.respond(request, bijlage, 201)


@router.get(
    "/bijlagen/{uuid}",
    response=BijlageOut,
    operation_id="bijlagenRetrieve",
    summary="Een specifiek bijlage opvragen.",
)
def bijlagen_retrieve(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return resource.retrieve(request, uuid)


def _update(request: HttpRequest, uuid: UUID, payload: ApiSchema) -> HttpResponse:
    bijlage = resource.get(uuid)
    changes = _changes(payload)
    with resource.domain_errors():
        bijlage = service.update_bijlage(bijlage, changes, change_context(request))
    return resource.respond(request, bijlage)


@router.put(
    "/bijlagen/{uuid}",
    response=BijlageOut,
    operation_id="bijlagenUpdate",
    summary="Werk een bijlage in zijn geheel bij.",
)
def bijlagen_update(request: HttpRequest, uuid: UUID, payload: BijlageIn) -> HttpResponse:
    return _update(request, uuid, payload)


@router.patch(
    "/bijlagen/{uuid}",
    response=BijlageOut,
    operation_id="bijlagenPartialUpdate",
    summary="Werk een bijlage deels bij.",
)
def bijlagen_partial_update(
    request: HttpRequest,
    uuid: UUID,
    payload: BijlagePatch,  # type: ignore[valid-type]
) -> HttpResponse:
    return _update(request, uuid, payload)


@router.delete(
    "/bijlagen/{uuid}",
    response={204: None},
    operation_id="bijlagenDestroy",
    summary="Verwijder een bijlage.",
)
def bijlagen_destroy(request: HttpRequest, uuid: UUID) -> HttpResponse:
    with resource.domain_errors():
        service.delete(resource.get(uuid), change_context(request))
    return HttpResponse(status=204)
