"""``/categorieen`` and ``/categorie-relaties``: labels on partijen (experimental in the
standard), each relatie valid from a begin date to an optional end date."""

from __future__ import annotations

import datetime
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
    Datum,
    Reference,
    ReferenceOut,
    ResourceOut,
    Uri,
    omitted,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import date, without_nulls
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


@router.get(
    "/categorieen",
    response=PaginatedCategorieList,
    operation_id="categorieenList",
    summary="Alle categorieën opvragen.",
)
def categorieen_list(
    request: HttpRequest,
    page: int | None = None,
    page_size: int | None = Query(None, alias="pageSize"),
) -> HttpResponse:
    return resource.list(request)


@router.post(
    "/categorieen",
    response={201: CategorieOut},
    operation_id="categorieenCreate",
    summary="Maak een categorie aan.",
)
def categorieen_create(request: HttpRequest, payload: CategorieIn) -> HttpResponse:
    with resource.domain_errors():
        obj = service.create_categorie(payload.model_dump(), change_context(request))
    return resource.respond(request, obj, 201)


@router.get(
    "/categorieen/{uuid}",
    response=CategorieOut,
    operation_id="categorieenRetrieve",
    summary="Een specifiek categorie opvragen..",
)
def categorieen_retrieve(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return resource.retrieve(request, uuid)


def _update_categorie(request: HttpRequest, uuid: UUID, payload: ApiSchema) -> HttpResponse:
    obj = resource.get(uuid)
    changes = payload.model_dump(exclude_unset=True)
    with resource.domain_errors():
        obj = service.update_categorie(obj, changes, change_context(request))
    return resource.respond(request, obj)


@router.put(
    "/categorieen/{uuid}",
    response=CategorieOut,
    operation_id="categorieenUpdate",
    summary="Werk een categorie in zijn geheel bij.",
)
def categorieen_update(request: HttpRequest, uuid: UUID, payload: CategorieIn) -> HttpResponse:
    return _update_categorie(request, uuid, payload)


@router.patch(
    "/categorieen/{uuid}",
    response=CategorieOut,
    operation_id="categorieenPartialUpdate",
    summary="Werk een categorie deels bij.",
)
def categorieen_partial_update(
    request: HttpRequest,
    uuid: UUID,
    payload: CategoriePatch,  # type: ignore[valid-type]
) -> HttpResponse:
    return _update_categorie(request, uuid, payload)


@router.delete(
    "/categorieen/{uuid}",
    response={204: None},
    operation_id="categorieenDestroy",
    summary="Verwijder een categorie.",
)
def categorieen_destroy(request: HttpRequest, uuid: UUID) -> HttpResponse:
    with resource.domain_errors():
        service.delete_categorie(resource.get(uuid), change_context(request))
    return HttpResponse(status=204)


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
    partij: ReferenceOut = omitted("Left out when there is none.")
    categorie: CategorieRefOut = omitted("Left out when there is none.")
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
    return CategorieRelatie.objects.select_related("categorie")


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
    return without_nulls(data, "partij", "categorie")


relatie_resource: Resource[CategorieRelatie] = Resource(
    api_path=API_PATH,
    collection="categorie-relaties",
    model=CategorieRelatie,
    serialize=serialize_relatie,
    queryset=relatie_queryset,
)

RELATIE_REFERENCES = {"partij": Partij, "categorie": Categorie}


def _relatie_changes(payload: ApiSchema) -> dict[str, Any]:
    return resolve_references(payload.model_dump(exclude_unset=True), RELATIE_REFERENCES)


@router.get(
    "/categorie-relaties",
    response=PaginatedCategorieRelatieList,
    operation_id="categorieRelatiesList",
    summary="Alle categorie relaties opvragen.",
)
def categorie_relaties_list(
    request: HttpRequest,
    filters: Query[CategorieRelatieFilters],
    page: int | None = None,
    page_size: int | None = Query(None, alias="pageSize"),
) -> HttpResponse:
    return relatie_resource.list(request, filters)


@router.post(
    "/categorie-relaties",
    response={201: CategorieRelatieOut},
    operation_id="categorieRelatiesCreate",
    summary="Maak een categorie relatie aan.",
)
def categorie_relaties_create(request: HttpRequest, payload: CategorieRelatieIn) -> HttpResponse:
    changes = _relatie_changes(payload)
    with relatie_resource.domain_errors():
        obj = service.create_categorie_relatie(changes, change_context(request))
    return relatie_resource.respond(request, obj, 201)


@router.get(
    "/categorie-relaties/{uuid}",
    response=CategorieRelatieOut,
    operation_id="categorieRelatiesRetrieve",
    summary="Een specifiek categorie relatie opvragen..",
)
def categorie_relaties_retrieve(request: HttpRequest, uuid: UUID) -> HttpResponse:
    return relatie_resource.retrieve(request, uuid)


def _update_relatie(request: HttpRequest, uuid: UUID, payload: ApiSchema) -> HttpResponse:
    obj = relatie_resource.get(uuid)
    changes = _relatie_changes(payload)
    with relatie_resource.domain_errors():
        obj = service.update_categorie_relatie(obj, changes, change_context(request))
    return relatie_resource.respond(request, obj)


@router.put(
    "/categorie-relaties/{uuid}",
    response=CategorieRelatieOut,
    operation_id="categorieRelatiesUpdate",
    summary="Werk een categorie relatie in zijn geheel bij.",
)
def categorie_relaties_update(
    request: HttpRequest, uuid: UUID, payload: CategorieRelatieIn
) -> HttpResponse:
    return _update_relatie(request, uuid, payload)


@router.patch(
    "/categorie-relaties/{uuid}",
    response=CategorieRelatieOut,
    operation_id="categorieRelatiesPartialUpdate",
    summary="Werk een categorie relatie deels bij.",
)
def categorie_relaties_partial_update(
    request: HttpRequest,
    uuid: UUID,
    payload: CategorieRelatiePatch,  # type: ignore[valid-type]
) -> HttpResponse:
    return _update_relatie(request, uuid, payload)


@router.delete(
    "/categorie-relaties/{uuid}",
    response={204: None},
    operation_id="categorieRelatiesDestroy",
    summary="Verwijder een categorie relatie.",
)
def categorie_relaties_destroy(request: HttpRequest, uuid: UUID) -> HttpResponse:
    with relatie_resource.domain_errors():
        service.delete_categorie_relatie(relatie_resource.get(uuid), change_context(request))
    return HttpResponse(status=204)
