"""``/onderwerpobjecten``: what a klantcontact was about (a zaak, an earlier klantcontact, …)."""

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
    flatten_groups,
    json_response,
    resolve_references,
    url_filter,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Identificator,
    IdentificatorOut,
    Reference,
    ReferenceOut,
    ResourceOut,
    Uri,
    Url,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import identificator
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Klantcontact, Onderwerpobject
from klantbeeld.domain.services import klantcontacten as service

router = Router(tags=["onderwerpobjecten"])

# -- request bodies ------------------------------------------------------------------------


class OnderwerpobjectNested(ApiSchema):
    """An onderwerpobject whose ``klantcontact`` is given by the context (maak-klantcontact)."""

    was_klantcontact: Reference | None = None
    onderwerpobjectidentificator: Identificator | None = None


class OnderwerpobjectIn(OnderwerpobjectNested):
    klantcontact: Reference | None = None


OnderwerpobjectPatch = partial(OnderwerpobjectIn, "PatchedOnderwerpobjectIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class OnderwerpobjectOut(ResourceOut):
    klantcontact: ReferenceOut | None = Field(description="Null when there is none.")
    was_klantcontact: ReferenceOut | None = Field(description="Null when there is none.")
    onderwerpobjectidentificator: IdentificatorOut


class OnderwerpobjectDeleteResponse(ApiSchema):
    behouden: list[Url] = Field(
        description="De klantcontacten die bleven bestaan omdat andere onderwerpobjecten "
        "ze nog gebruiken."
    )


PaginatedOnderwerpobjectList = paginated(OnderwerpobjectOut, "PaginatedOnderwerpobjectList")

# -- filters -----------------------------------------------------------------------------------

_ID = "onderwerpobjectidentificator_"


class OnderwerpobjectFilters(FilterSchema):
    klantcontact_url: Uri | None = Field(None, alias="klantcontact__url")
    klantcontact_uuid: Annotated[UUID | None, FilterLookup("klantcontact")] = Field(
        None, alias="klantcontact__uuid"
    )
    code_objecttype: Annotated[str | None, FilterLookup(f"{_ID}code_objecttype")] = Field(
        None, alias="onderwerpobjectidentificatorCodeObjecttype"
    )
    code_register: Annotated[str | None, FilterLookup(f"{_ID}code_register")] = Field(
        None, alias="onderwerpobjectidentificatorCodeRegister"
    )
    code_soort_object_id: Annotated[str | None, FilterLookup(f"{_ID}code_soort_object_id")] = Field(
        None, alias="onderwerpobjectidentificatorCodeSoortObjectId"
    )
    object_id: Annotated[str | None, FilterLookup(f"{_ID}object_id")] = Field(
        None, alias="onderwerpobjectidentificatorObjectId"
    )
    was_klantcontact_url: Uri | None = Field(None, alias="wasKlantcontact__url")
    was_klantcontact_uuid: Annotated[UUID | None, FilterLookup("was_klantcontact")] = Field(
        None, alias="wasKlantcontact__uuid"
    )

    def filter_klantcontact_url(self, value: str | None) -> Q:
        return url_filter("klantcontact", value)

    def filter_was_klantcontact_url(self, value: str | None) -> Q:
        return url_filter("was_klantcontact", value)


# -- reading -----------------------------------------------------------------------------------


def queryset(tree: ExpandTree) -> QuerySet[Onderwerpobject]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[Onderwerpobject]:
    return Onderwerpobject.objects.all()


def serialize(ctx: Ctx, obj: Onderwerpobject, tree: ExpandTree) -> dict[str, Any]:
    data = {
        "uuid": str(obj.uuid),
        "url": ctx.url("onderwerpobjecten", obj.uuid),
        "klantcontact": ctx.ref("klantcontacten", obj.klantcontact_id),
        "wasKlantcontact": ctx.ref("klantcontacten", obj.was_klantcontact_id),
        "onderwerpobjectidentificator": identificator(obj, "onderwerpobjectidentificator"),
    }
    return data


resource: Resource[Onderwerpobject] = Resource(
    api_path="klantinteracties/api/v1",
    collection="onderwerpobjecten",
    model=Onderwerpobject,
    serialize=serialize,
    queryset=queryset,
)

# -- writing -------------------------------------------------------------------------------------

REFERENCES = {"klantcontact": Klantcontact, "was_klantcontact": Klantcontact}
GROUPS = {"onderwerpobjectidentificator": Identificator}


def changes_from(payload: ApiSchema, prefix: str = "") -> dict[str, Any]:
    """The domain's changes from an onderwerpobject body (also nested, with ``prefix``)."""
    changes = payload.model_dump(exclude_unset=True)
    flatten_groups(payload, changes, GROUPS)
    return resolve_references(changes, REFERENCES, prefix)


def _changes(
    payload: ApiSchema, existing: Onderwerpobject | None, replacing: bool
) -> dict[str, Any]:
    return changes_from(payload)


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_onderwerpobject,
        update=service.update_onderwerpobject,
        delete=service.delete_onderwerpobject,
    ),
    Schemas(
        body=OnderwerpobjectIn,
        patch=OnderwerpobjectPatch,
        out=OnderwerpobjectOut,
        page=PaginatedOnderwerpobjectList,
        filters=OnderwerpobjectFilters,
    ),
    plural="onderwerpobjecten",
    singular="onderwerpobject",
    summaries={"list": "Alle onderwerpobject opvragen."},  # the spec's, sic
    # Written out below: DELETE takes ``cascade`` and may answer with what was kept.
    skip={"destroy"},
)


@router.delete(
    "/onderwerpobjecten/{uuid}",
    response={204: None, 200: OnderwerpobjectDeleteResponse},
    operation_id="onderwerpobjectenDestroy",
    summary="Verwijder een onderwerpobject.",
)
def onderwerpobjecten_destroy(
    request: HttpRequest,
    uuid: UUID,
    cascade: bool = Query(
        False,
        description="Als `true`, worden gerelateerde Klantcontacten en DigitaalAdressen "
        "verwijderd indien ze niet door andere Onderwerpobjecten worden gebruikt.",
    ),
) -> HttpResponse:
    obj = resource.get(uuid)
    with resource.domain_errors():
        behouden = service.delete_onderwerpobject(obj, change_context(request), cascade=cascade)
    if not cascade:
        return HttpResponse(status=204)
    ctx = resource.ctx(request)
    return json_response({"behouden": [ctx.url("klantcontacten", k.uuid) for k in behouden]})
