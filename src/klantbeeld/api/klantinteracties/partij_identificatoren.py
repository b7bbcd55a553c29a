"""``/partij-identificatoren``: the keys of partijen in base registers (BSN, KVK, …)."""

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
    resolve_references,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Reference,
    ReferenceOut,
    ResourceOut,
    paginated,
    partial,
)
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Partij, PartijIdentificator
from klantbeeld.domain.models.partijen import CodeObjecttype, CodeRegister, CodeSoortObjectId
from klantbeeld.domain.services import partijen as service

router = Router(tags=["partij-identificatoren"])


class PartijIdentificatorGroep(ApiSchema):
    code_objecttype: CodeObjecttype
    code_soort_object_id: CodeSoortObjectId
    object_id: str = Field(max_length=200)
    code_register: CodeRegister


class PartijIdentificatorIn(ApiSchema):
    uuid: UUID | None = None
    identificeerde_partij: Reference | None = None
    andere_partij_identificator: str = Field("", max_length=200, description="Deprecated.")
    partij_identificator: PartijIdentificatorGroep
    sub_identificator_van: Reference | None = None


PartijIdentificatorPatch = partial(PartijIdentificatorIn, "PatchedPartijIdentificatorIn")


class PartijIdentificatorNested(PartijIdentificatorIn):
    """An identificator given inside a partij: it always belongs to that partij."""


class PartijIdentificatorGroepOut(ApiSchema):
    code_objecttype: CodeObjecttype
    code_soort_object_id: CodeSoortObjectId
    object_id: str
    code_register: CodeRegister


class PartijIdentificatorOut(ResourceOut):
    identificeerde_partij: ReferenceOut | None = Field(description="Null when there is none.")
    andere_partij_identificator: str
    partij_identificator: PartijIdentificatorGroepOut
    sub_identificator_van: ReferenceOut | None = Field(description="Null when there is none.")


PaginatedPartijIdentificatorList = paginated(
    PartijIdentificatorOut, "PaginatedPartijIdentificatorList"
)


class PartijIdentificatorFilters(FilterSchema):
    andere_partij_identificator: Annotated[
        str | None, FilterLookup("andere_partij_identificator")
    ] = Field(None, alias="anderePartijIdentificator")
    code_objecttype: Annotated[
        CodeObjecttype | None, FilterLookup("partij_identificator_code_objecttype")
    ] = Field(None, alias="partijIdentificatorCodeObjecttype")
    code_register: Annotated[
        CodeRegister | None, FilterLookup("partij_identificator_code_register")
    ] = Field(None, alias="partijIdentificatorCodeRegister")
    code_soort_object_id: Annotated[
        CodeSoortObjectId | None, FilterLookup("partij_identificator_code_soort_object_id")
    ] = Field(None, alias="partijIdentificatorCodeSoortObjectId")
    object_id: Annotated[str | None, FilterLookup("partij_identificator_object_id")] = Field(
        None, alias="partijIdentificatorObjectId"
    )


def queryset(tree: ExpandTree) -> QuerySet[PartijIdentificator]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[PartijIdentificator]:
    return PartijIdentificator.objects.all()


def serialize(ctx: Ctx, obj: PartijIdentificator, tree: ExpandTree) -> dict[str, Any]:
    data = {
        "uuid": str(obj.uuid),
        "url": ctx.url("partij-identificatoren", obj.uuid),
        "identificeerdePartij": ctx.ref("partijen", obj.identificeerde_partij_id),
        "anderePartijIdentificator": obj.andere_partij_identificator,
        "partijIdentificator": {
            "codeObjecttype": obj.partij_identificator_code_objecttype,
            "codeSoortObjectId": obj.partij_identificator_code_soort_object_id,
            "objectId": obj.partij_identificator_object_id,
            "codeRegister": obj.partij_identificator_code_register,
        },
        "subIdentificatorVan": ctx.ref("partij-identificatoren", obj.sub_identificator_van_id),
    }
    return data


resource: Resource[PartijIdentificator] = Resource(
    api_path="klantinteracties/api/v1",
    collection="partij-identificatoren",
    model=PartijIdentificator,
    serialize=serialize,
    queryset=queryset,
)

REFERENCES = {"identificeerde_partij": Partij, "sub_identificator_van": PartijIdentificator}


def _changes_from(payload: ApiSchema, prefix: str = "") -> dict[str, Any]:
    """The domain's changes from an identificator body (also nested, with ``prefix``)."""
    changes = payload.model_dump(exclude_unset=True)
    changes.pop("uuid", None)
    groep = changes.pop("partij_identificator", None)
    if groep is not None:
        for part, value in groep.items():
            changes[f"partij_identificator_{part}"] = value
    return resolve_references(changes, REFERENCES, prefix)


def nested_changes(item: PartijIdentificatorNested, index: int) -> dict[str, Any]:
    """An identificator inside a partij's body: ``uuid`` names one to update."""
    prefix = f"partijIdentificatoren.{index}."
    changes = _changes_from(item, prefix)
    changes.pop("identificeerde_partij", None)
    if item.uuid is not None:
        changes["uuid"] = item.uuid
    return changes


def _changes(
    payload: ApiSchema, existing: PartijIdentificator | None, replacing: bool
) -> dict[str, Any]:
    return _changes_from(payload)


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_identificator,
        update=service.update_identificator,
        delete=service.delete_identificator,
    ),
    Schemas(
        body=PartijIdentificatorIn,
        patch=PartijIdentificatorPatch,
        out=PartijIdentificatorOut,
        page=PaginatedPartijIdentificatorList,
        filters=PartijIdentificatorFilters,
    ),
    plural="partij-identificatoren",
    singular="partij-identificator",
)
