"""The standard routes of a collection (api/common/routes.py), on a collection of its own:
what every resource module relies on when it hands its routes to ``crud_routes``."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest
from ninja import FilterSchema, NinjaAPI, Router

from klantbeeld.api.common.resources import Resource
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes, operation_prefix
from klantbeeld.api.common.schemas import ApiSchema, ResourceOut, paginated, partial
from klantbeeld.domain.models import Categorie
from klantbeeld.domain.services import categorieen as service

Json = dict[str, Any]


class DingIn(ApiSchema):
    naam: str


class DingOut(ResourceOut):
    naam: str


class ExpandDingOut(DingOut):
    expand: dict[str, Any] | None = None


class DingFilters(FilterSchema):
    naam: str | None = None


def _changes(payload: ApiSchema, existing: Categorie | None, replacing: bool) -> Json:
    return payload.model_dump(exclude_unset=True)


WRITES = Writes(
    changes=_changes,
    create=service.create_categorie,
    update=service.update_categorie,
    delete=service.delete_categorie,
)


def _resource(collection: str, expand_options: tuple[str, ...] = ()) -> Resource[Categorie]:
    return Resource(
        api_path="test/api/v1",
        collection=collection,
        model=Categorie,
        serialize=lambda ctx, obj, tree: {},
        queryset=lambda tree: Categorie.objects.all(),
        expand_options=expand_options,
    )


def _schemas(*, expanded: bool) -> Schemas:
    return Schemas(
        body=DingIn,
        patch=partial(DingIn, "PatchedDingIn"),
        out=DingOut,
        page=paginated(ExpandDingOut if expanded else DingOut, "PaginatedDingList"),
        expanded=ExpandDingOut if expanded else None,
        filters=DingFilters,
    )


def _document(router: Router, namespace: str) -> Json:
    api = NinjaAPI(urls_namespace=namespace)
    api.add_router("", router)
    document: Json = api.get_openapi_schema(path_prefix="")
    return document


def _response_ref(operation: Json, status: int) -> str:
    ref: str = operation["responses"][status]["content"]["application/json"]["schema"]["$ref"]
    return ref.rsplit("/", 1)[-1]


def _parameters(operation: Json) -> list[str]:
    return [parameter["name"] for parameter in operation.get("parameters", [])]


def test_a_collection_gets_the_six_operations_with_the_upstream_ids_and_summaries() -> None:
    router = Router()
    crud_routes(
        router,
        _resource("ding-en"),
        WRITES,
        _schemas(expanded=False),
        plural="dingen",
        singular="ding",
        summaries={"retrieve": "Een specifiek ding opvragen.."},
    )
    paths = _document(router, "test-routes-plain")["paths"]
    operations = {
        (path, method): (operation["operationId"], operation["summary"])
        for path, item in paths.items()
        for method, operation in item.items()
    }
    assert operations == {
        ("/ding-en", "get"): ("dingEnList", "Alle dingen opvragen."),
        ("/ding-en", "post"): ("dingEnCreate", "Maak een ding aan."),
        ("/ding-en/{uuid}", "get"): ("dingEnRetrieve", "Een specifiek ding opvragen.."),
        ("/ding-en/{uuid}", "put"): ("dingEnUpdate", "Werk een ding in zijn geheel bij."),
        ("/ding-en/{uuid}", "patch"): ("dingEnPartialUpdate", "Werk een ding deels bij."),
        ("/ding-en/{uuid}", "delete"): ("dingEnDestroy", "Verwijder een ding."),
    }
    # Without expand options there is no expand parameter.
    assert _parameters(paths["/ding-en"]["get"]) == ["naam", "page", "pageSize"]
    assert _parameters(paths["/ding-en/{uuid}"]["get"]) == ["uuid"]


def test_expansions_are_documented_on_reads_and_writes_answer_without_them() -> None:
    router = Router()
    crud_routes(
        router,
        _resource("dingen", expand_options=("andere",)),
        WRITES,
        _schemas(expanded=True),
        plural="dingen",
        singular="ding",
    )
    paths = _document(router, "test-routes-expanded")["paths"]
    assert _parameters(paths["/dingen"]["get"]) == ["naam", "expand", "page", "pageSize"]
    assert _parameters(paths["/dingen/{uuid}"]["get"]) == ["uuid", "expand"]
    assert _response_ref(paths["/dingen/{uuid}"]["get"], 200) == "ExpandDingOut"
    assert _response_ref(paths["/dingen"]["post"], 201) == "DingOut"
    assert _response_ref(paths["/dingen/{uuid}"]["put"], 200) == "DingOut"
    assert _response_ref(paths["/dingen/{uuid}"]["patch"], 200) == "DingOut"


def test_a_skipped_operation_is_left_to_the_module() -> None:
    router = Router()
    crud_routes(
        router,
        _resource("dingen"),
        WRITES,
        _schemas(expanded=False),
        plural="dingen",
        singular="ding",
        skip={"destroy"},
    )

    @router.delete("/dingen/{uuid}", operation_id="dingenDestroy")
    def eigen_destroy(request: HttpRequest, uuid: str, cascade: bool = False) -> None: ...

    # One DELETE: requests go to the first operation with their method.
    methods = [
        operation.methods for operation in router.path_operations["/dingen/{uuid}"].operations
    ]
    assert methods == [["GET"], ["PUT"], ["PATCH"], ["DELETE"]]
    item = _document(router, "test-routes-skip")["paths"]["/dingen/{uuid}"]
    assert _parameters(item["delete"]) == ["uuid", "cascade"]


@pytest.mark.parametrize("option", ["skip", "summaries"])
def test_a_misspelt_operation_is_refused(option: str) -> None:
    # Otherwise the standard operation would silently stay, next to the module's own.
    names: Any = {"delete": "Verwijder."} if option == "summaries" else {"delete"}
    with pytest.raises(ValueError, match="delete"):
        crud_routes(
            Router(),
            _resource("dingen"),
            WRITES,
            _schemas(expanded=False),
            plural="dingen",
            singular="ding",
            **{option: names},
        )


def test_operation_ids_are_the_collection_in_camel_case() -> None:
    assert operation_prefix("partijen") == "partijen"
    assert operation_prefix("partij-identificatoren") == "partijIdentificatoren"
    assert operation_prefix("categorie-relaties") == "categorieRelaties"
