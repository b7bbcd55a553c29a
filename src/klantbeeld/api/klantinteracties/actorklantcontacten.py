"""``/actorklantcontacten``: which actor (employee, team, automated system) handled which
klantcontact."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from django.db.models import Q, QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import (
    Resource,
    url_filter,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes, resolved_body
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


crud_routes(
    router,
    resource,
    Writes(
        changes=resolved_body(REFERENCES),
        create=service.create_actor_klantcontact,
        update=service.update_actor_klantcontact,
        delete=service.delete,
    ),
    Schemas(
        body=ActorKlantcontactIn,
        patch=ActorKlantcontactPatch,
        out=ActorKlantcontactOut,
        page=PaginatedActorKlantcontactList,
        filters=ActorKlantcontactFilters,
    ),
    plural="actor klantcontacten",
    singular="actor klantcontact",
    # The spec's summary, typo and all.
    summaries={"destroy": "Verwijder een aactor klantcontactctor."},
)
