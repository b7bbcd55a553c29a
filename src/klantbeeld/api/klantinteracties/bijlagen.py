"""``/bijlagen``: documents and other objects that are (part of) the content of a
klantcontact, kept in another register."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from django.db.models import QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import (
    Resource,
    flatten_groups,
    resolve_references,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Identificator,
    IdentificatorOut,
    Reference,
    ReferenceOut,
    ResourceOut,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import identificator
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Bijlage, Klantcontact
from klantbeeld.domain.services import klantcontacten as service

router = Router(tags=["bijlagen"])


class BijlageIn(ApiSchema):
    was_bijlage_van_klantcontact: Reference | None = None
    bijlageidentificator: Identificator | None = None


BijlagePatch = partial(BijlageIn, "PatchedBijlageIn")


class BijlageOut(ResourceOut):
    was_bijlage_van_klantcontact: ReferenceOut | None = Field(
        description="Null when there is none."
    )
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
    return data


resource: Resource[Bijlage] = Resource(
    api_path="klantinteracties/api/v1",
    collection="bijlagen",
    model=Bijlage,
    serialize=serialize,
    queryset=queryset,
)

REFERENCES = {"was_bijlage_van_klantcontact": Klantcontact}
GROUPS = {"bijlageidentificator": Identificator}


def _changes(payload: ApiSchema, existing: Bijlage | None, replacing: bool) -> dict[str, Any]:
    changes = payload.model_dump(exclude_unset=True)
    flatten_groups(payload, changes, GROUPS)
    return resolve_references(changes, REFERENCES)


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_bijlage,
        update=service.update_bijlage,
        delete=service.delete,
    ),
    Schemas(
        body=BijlageIn,
        patch=BijlagePatch,
        out=BijlageOut,
        page=PaginatedBijlageList,
        filters=BijlageFilters,
    ),
    plural="bijlagen",
    singular="bijlage",
)
