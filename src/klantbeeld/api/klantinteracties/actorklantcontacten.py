"""``/actorklantcontacten``: which actor (employee, team, automated system) handled which
klantcontact."""

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
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, ActorKlantcontact, Klantcontact
from klantbeeld.domain.services import klantcontacten as service

router = Router(tags=["actor klantcontacten"])


class ActorKlantcontactIn(ApiSchema):
    actor: Reference
    klantcontact: Reference


ActorKlantcontactPatch = partial(ActorKlantcontactIn, "PatchedActorKlantcontactIn")


class ActorKlantcontactOut(ResourceOut):
    actor: ReferenceOut
    klantcontact: ReferenceOut


PaginatedActorKlantcontactList = paginated(ActorKlantcontactOut, "PaginatedActorKlantcontactList")


class ActorKlantcontactFilters(FilterSchema):
    actor_url: Uri | None = Field(None, alias="actor__url")
    actor_uuid: Annotated[UUID | None, FilterLookup("actor")] = Field(None, alias="actor__uuid")
    klantcontact_url: Uri | None = Field(None, alias="klantcontact__url")
    klantcontact_uuid: Annotated[UUID | None, FilterLookup("klantcontact")] = Field(
        None, alias="klantcontact__uuid"
    )

    def filter_actor_url(self, value: str | None) -> Q:
        return url_filter("actor", value)

    def filter_klantcontact_url(self, value: str | None) -> Q:
        return url_filter("klantcontact", value)


def queryset(tree: ExpandTree) -> QuerySet[ActorKlantcontact]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[ActorKlantcontact]:
    return ActorKlantcontact.objects.all()


def serialize(ctx: Ctx, obj: ActorKlantcontact, tree: ExpandTree) -> dict[str, Any]:
    return {
        "uuid": str(obj.uuid),
        "url": ctx.url("actorklantcontacten", obj.uuid),
        "actor": ctx.ref("actoren", obj.actor_id),
        "klantcontact": ctx.ref("klantcontacten", obj.klantcontact_id),
    }


resource: Resource[ActorKlantcontact] = Resource(
    api_path="klantinteracties/api/v1",
    collection="actorklantcontacten",
    model=ActorKlantcontact,
    serialize=serialize,
    queryset=queryset,
)

REFERENCES = {"actor": Actor, "klantcontact": Klantcontact}


def _changes(payload: ApiSchema) -> dict[str, Any]:
    return resolve_references(payload.model_dump(exclude_unset=True), REFERENCES)


@router.get(
    "/actorklantcontacten",
    response=PaginatedActorKlantcontactList,
    operation_id="actorklantcontactenList",
    summary="Alle actor klantcontacten opvragen.",
)
def actorklantcontacten_list(
    request: HttpRequest,
    filters: Query[ActorKlantcontactFilters],
    page: int | None = None,
    page_size: int | None = Query(None, alias="pageSize"),
) -> HttpResponse:
    return resource.list(request, filters)


@router.post(
    "/actorklantcontacten",
    response={201: ActorKlantcontactOut},
    operation_id="actorklantcontactenCreate",
    summary="Maak een actor klantcontact aan.",
)
def actorklantcontacten_create(request: HttpRequest, payload: ActorKlantcontactIn) -> HttpResponse:
    changes = _changes(payload)
    with resource.domain_errors():
        link = service.create_actor_klantcontact(changes, change_context(request))
    return resource.respond(request, link, 201)


@router.get(
    "/actorklantcontacten/{uuid}",
    response=ActorKlantcontactOut,
    operation_id="actorklantcontactenRetrieve",
    summary="Een specifiek actor klantcontact opvragen.",
)
def actorklantcontacten_retrieve(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return resource.retrieve(request, uuid)


def _update(request: HttpRequest, uuid: UUID, payload: ApiSchema) -> HttpResponse:
    link = resource.get(uuid)
    changes = _changes(payload)
    with resource.domain_errors():
        link = service.update_actor_klantcontact(link, changes, change_context(request))
    return resource.respond(request, link)


@router.put(
    "/actorklantcontacten/{uuid}",
    response=ActorKlantcontactOut,
    operation_id="actorklantcontactenUpdate",
    summary="Werk een actor klantcontact in zijn geheel bij.",
)
def actorklantcontacten_update(
    request: HttpRequest, uuid: UUID, payload: ActorKlantcontactIn
) -> HttpResponse:
    return _update(request, uuid, payload)


@router.patch(
    "/actorklantcontacten/{uuid}",
    response=ActorKlantcontactOut,
    operation_id="actorklantcontactenPartialUpdate",
    summary="Werk een actor klantcontact deels bij.",
)
def actorklantcontacten_partial_update(
    request: HttpRequest,
    uuid: UUID,
    payload: ActorKlantcontactPatch,  # type: ignore[valid-type]
) -> HttpResponse:
    return _update(request, uuid, payload)


@router.delete(
    "/actorklantcontacten/{uuid}",
    response={204: None},
    operation_id="actorklantcontactenDestroy",
    summary="Verwijder een aactor klantcontactctor.",  # the spec's summary, typo and all
)
def actorklantcontacten_destroy(request: HttpRequest, uuid: UUID) -> HttpResponse:
    with resource.domain_errors():
        service.delete(resource.get(uuid), change_context(request))
    return HttpResponse(status=204)
