"""``/categorieen`` and ``/categorie-relaties``: labels on partijen (experimental in the
standard), each relatie valid from a begin date to an optional end date."""

from __future__ import annotations

import datetime
from typing import Annotated, Any
from uuid import UUID

from django.db.models import Q, QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import (
    Resource,
    resolve_references,
    url_filter,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Datum,
    Reference,
    ReferenceOut,
    ResourceOut,
    Uri,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import date
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Categorie, CategorieRelatie, Partij
from klantbeeld.domain.services import categorieen as service

router = Router(tags=["categorieen"])
API_PATH = "klantinteracties/api/v1"

# -- /categorieen --------------------------------------------------------------------------------


class CategorieIn(ApiSchema):
    naam: str = Field(
        "",
        max_length=80,
        description="Not empty, and unique (case-insensitive) among the categorieën.",
    )


CategoriePatch = partial(CategorieIn, "PatchedCategorieIn")


class CategorieOut(ResourceOut):
    naam: str


PaginatedCategorieList = paginated(CategorieOut, "PaginatedCategorieList")


def queryset(tree: ExpandTree) -> QuerySet[Categorie]:
    return Categorie.objects.all()


def serialize(ctx: Ctx, obj: Categorie, tree: ExpandTree) -> dict[str, Any]:
    return {"uuid": str(obj.uuid), "url": ctx.url("categorieen", obj.uuid), "naam": obj.naam}


resource: Resource[Categorie] = Resource(
    api_path=API_PATH,
    collection="categorieen",
    model=Categorie,
    serialize=serialize,
    queryset=queryset,
)


def _changes(payload: ApiSchema, existing: Categorie | None, replacing: bool) -> dict[str, Any]:
    # A new categorie takes the defaults too: a naam left out is "", which the domain
    # answers as a blank naam.
    return payload.model_dump(exclude_unset=existing is not None)


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_categorie,
        update=service.update_categorie,
        delete=service.delete_categorie,
    ),
    Schemas(
        body=CategorieIn,
        patch=CategoriePatch,
        out=CategorieOut,
        page=PaginatedCategorieList,
    ),
    plural="categorieën",
    singular="categorie",
    summaries={"retrieve": "Een specifiek categorie opvragen.."},  # the spec's, sic
)


# -- /categorie-relaties -------------------------------------------------------------------------


class CategorieRelatieIn(ApiSchema):
    partij: Reference | None = None
    categorie: Reference | None = Field(
        None, description="{uuid}; url and naam are read-only and ignored on input."
    )
    begin_datum: Datum | None = Field(None, description="Today when left out or null on creation.")
    eind_datum: Datum | None = Field(None, description="Not before beginDatum.")


CategorieRelatiePatch = partial(CategorieRelatieIn, "PatchedCategorieRelatieIn")


class CategorieRefOut(ReferenceOut):
    naam: str


class CategorieRelatieOut(ResourceOut):
    partij: ReferenceOut | None = Field(description="Null when there is none.")
    categorie: CategorieRefOut | None = Field(description="Null when there is none.")
    begin_datum: datetime.date | None
    eind_datum: datetime.date | None


PaginatedCategorieRelatieList = paginated(CategorieRelatieOut, "PaginatedCategorieRelatieList")


class CategorieRelatieFilters(FilterSchema):
    begin_datum: Annotated[Datum | None, FilterLookup("begin_datum")] = Field(
        None, alias="beginDatum"
    )
    categorie_naam: Annotated[str | None, FilterLookup("categorie__naam")] = Field(
        None, alias="categorie__naam"
    )
    categorie_url: Uri | None = Field(None, alias="categorie__url")
    categorie_uuid: Annotated[UUID | None, FilterLookup("categorie")] = Field(
        None, alias="categorie__uuid"
    )
    eind_datum: Annotated[Datum | None, FilterLookup("eind_datum")] = Field(None, alias="eindDatum")
    partij_nummer: Annotated[str | None, FilterLookup("partij__nummer")] = Field(
        None, alias="partij__nummer"
    )
    partij_url: Uri | None = Field(None, alias="partij__url")
    partij_uuid: Annotated[UUID | None, FilterLookup("partij")] = Field(None, alias="partij__uuid")

    def filter_categorie_url(self, value: str | None) -> Q:
        return url_filter("categorie", value)

    def filter_partij_url(self, value: str | None) -> Q:
        return url_filter("partij", value)


def relatie_queryset(tree: ExpandTree | None = None) -> QuerySet[CategorieRelatie]:
    """What ``serialize_relatie`` needs, without the rows the caller may not see (R12)."""
    return visible(CategorieRelatie.objects.select_related("categorie"))


def serialize_relatie(ctx: Ctx, obj: CategorieRelatie, tree: ExpandTree) -> dict[str, Any]:
    data = {
        "uuid": str(obj.uuid),
        "url": ctx.url("categorie-relaties", obj.uuid),
        "partij": ctx.ref("partijen", obj.partij_id),
        "categorie": (
            {
                "uuid": str(obj.categorie.uuid),
                "url": ctx.url("categorieen", obj.categorie.uuid),
                "naam": obj.categorie.naam,
            }
            if obj.categorie
            else None
        ),
        "beginDatum": date(obj.begin_datum),
        "eindDatum": date(obj.eind_datum),
    }
    return data


relatie_resource: Resource[CategorieRelatie] = Resource(
    api_path=API_PATH,
    collection="categorie-relaties",
    model=CategorieRelatie,
    serialize=serialize_relatie,
    queryset=relatie_queryset,
)

RELATIE_REFERENCES = {"partij": Partij, "categorie": Categorie}


def _relatie_changes(
    payload: ApiSchema, existing: CategorieRelatie | None, replacing: bool
) -> dict[str, Any]:
    return resolve_references(payload.model_dump(exclude_unset=True), RELATIE_REFERENCES)


crud_routes(
    router,
    relatie_resource,
    Writes(
        changes=_relatie_changes,
        create=service.create_categorie_relatie,
        update=service.update_categorie_relatie,
        delete=service.delete_categorie_relatie,
    ),
    Schemas(
        body=CategorieRelatieIn,
        patch=CategorieRelatiePatch,
        out=CategorieRelatieOut,
        page=PaginatedCategorieRelatieList,
        filters=CategorieRelatieFilters,
    ),
    plural="categorie relaties",
    singular="categorie relatie",
    summaries={"retrieve": "Een specifiek categorie relatie opvragen.."},  # the spec's, sic
)
