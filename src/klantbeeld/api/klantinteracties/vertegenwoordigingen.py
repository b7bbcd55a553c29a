"""``/vertegenwoordigingen``: one partij acting for another (a guardian, an authorised
representative, a contact person for an organisation)."""

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
    """Without the rows the caller may not see (R12): a hidden partij on either side."""
    return visible(Vertegenwoordigden.objects.all())


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


crud_routes(
    router,
    resource,
    Writes(
        changes=resolved_body(REFERENCES),
        create=service.create_vertegenwoordiging,
        update=service.update_vertegenwoordiging,
        delete=service.delete_vertegenwoordiging,
    ),
    Schemas(
        body=VertegenwoordigdenIn,
        patch=VertegenwoordigdenPatch,
        out=VertegenwoordigdenOut,
        page=PaginatedVertegenwoordigdenList,
        filters=VertegenwoordigdenFilters,
    ),
    plural="vertegenwoordigingen",
    singular="vertegenwoordiging",
)
