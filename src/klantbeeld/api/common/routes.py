"""The six operations of a standard collection (list, create, retrieve, update, partial
update, destroy), registered once for every resource instead of written out per module.

A resource module declares its schemas, its filters and how a request body becomes a
domain change (``Writes``); ``crud_routes`` adds the routes with the spec's operationIds.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar
from uuid import UUID

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from ninja import FilterSchema, Query, Router
from pydantic import BaseModel

from klantbeeld.api.common.resources import Resource, change_context
from klantbeeld.domain.services.common import ChangeContext

M = TypeVar("M", bound=Model)

OPERATIONS = ("list", "create", "retrieve", "update", "partial_update", "destroy")
OPERATION_SUFFIXES = {
    "list": "List",
    "create": "Create",
    "retrieve": "Retrieve",
    "update": "Update",
    "partial_update": "PartialUpdate",
    "destroy": "Destroy",
}


class ChangesFrom(Protocol[M]):  # type: ignore[misc]
    """Turn a validated body into domain changes. ``existing`` is the stored object (None
    on create); ``replacing`` is True for POST and PUT, False for PATCH."""

    def __call__(self, payload: Any, existing: M | None, replacing: bool) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Writes(Generic[M]):
    changes: ChangesFrom[M]
    create: Callable[[dict[str, Any], ChangeContext], M]
    update: Callable[[M, dict[str, Any], ChangeContext], M]
    delete: Callable[[M, ChangeContext], object]


@dataclass(frozen=True)
class Schemas:
    body: type[BaseModel]
    patch: type[BaseModel]
    out: type[BaseModel]
    page: type[BaseModel]
    filters: type[FilterSchema] | None = None


def crud_routes(
    router: Router,
    resource: Resource[M],
    writes: Writes[M],
    schemas: Schemas,
    *,
    operation_prefix: str,
    summaries: Mapping[str, str],
    skip: Collection[str] = (),
) -> None:
    """Add the standard operations of ``resource`` (all but those in ``skip``) to
    ``router`` at ``/<collection>`` and ``/<collection>/{uuid}``."""
    collection = f"/{resource.collection}"
    item = f"{collection}/{{uuid}}"
    views = _views(resource, writes, schemas)
    for name in OPERATIONS:
        if name in skip:
            continue
        method, path, response = _shape(name, collection, item, schemas)
        router.add_api_operation(
            path,
            [method],
            views[name],
            response=response,
            operation_id=operation_prefix + OPERATION_SUFFIXES[name],
            summary=summaries[name],
        )


def _shape(name: str, collection: str, item: str, schemas: Schemas) -> tuple[str, str, Any]:
    return {
        "list": ("GET", collection, schemas.page),
        "create": ("POST", collection, {201: schemas.out}),
        "retrieve": ("GET", item, schemas.out),
        "update": ("PUT", item, schemas.out),
        "partial_update": ("PATCH", item, schemas.out),
        "destroy": ("DELETE", item, {204: None}),
    }[name]


def _views(
    resource: Resource[M], writes: Writes[M], schemas: Schemas
) -> dict[str, Callable[..., HttpResponse]]:
    def list_(request: HttpRequest, filters: Any = None, **_: Any) -> HttpResponse:
        return resource.list(request, filters)

    def create(request: HttpRequest, payload: Any) -> HttpResponse:
        changes = writes.changes(payload, None, True)
        with resource.domain_errors():
            obj = writes.create(changes, change_context(request))
        return resource.respond(request, obj, 201)

    def retrieve(request: HttpRequest, uuid: UUID, **_: Any) -> HttpResponse:
        return resource.retrieve(request, uuid)

    def update(request: HttpRequest, uuid: UUID, payload: Any) -> HttpResponse:
        return _write(request, uuid, payload, replacing=True)

    def partial_update(request: HttpRequest, uuid: UUID, payload: Any) -> HttpResponse:
        return _write(request, uuid, payload, replacing=False)

    def _write(request: HttpRequest, uuid: UUID, payload: Any, *, replacing: bool) -> HttpResponse:
        obj = resource.get(uuid)
        changes = writes.changes(payload, obj, replacing)
        with resource.domain_errors():
            obj = writes.update(obj, changes, change_context(request))
        return resource.respond(request, obj)

    def destroy(request: HttpRequest, uuid: UUID) -> HttpResponse:
        obj = resource.get(uuid)
        with resource.domain_errors():
            writes.delete(obj, change_context(request))
        return HttpResponse(status=204)

    expand = bool(resource.expand_options)
    page = [
        _query("page", int | None),
        _query("page_size", int | None, alias="pageSize"),
    ]
    expand_param = [_query("expand", str | None)] if expand else []
    filters = (
        [_param("filters", Query[schemas.filters])]  # type: ignore[misc,name-defined]
        if schemas.filters
        else []
    )
    _sign(list_, filters + expand_param + page)
    _sign(create, [_param("payload", schemas.body)])
    _sign(retrieve, [_param("uuid", UUID), *expand_param])
    _sign(update, [_param("uuid", UUID), _param("payload", schemas.body)])
    _sign(partial_update, [_param("uuid", UUID), _param("payload", schemas.patch)])
    _sign(destroy, [_param("uuid", UUID)])
    return {
        "list": list_,
        "create": create,
        "retrieve": retrieve,
        "update": update,
        "partial_update": partial_update,
        "destroy": destroy,
    }


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default, annotation=annotation
    )


def _query(name: str, annotation: Any, alias: str | None = None) -> inspect.Parameter:
    default = Query(None, alias=alias) if alias else None
    return _param(name, annotation, default)


def _sign(view: Callable[..., HttpResponse], params: list[inspect.Parameter]) -> None:
    """Give ``view`` the signature ninja reads its parameters from (documentation and
    validation), with the schema classes of this resource."""
    request = _param("request", HttpRequest)
    view.__signature__ = inspect.Signature([request, *params])  # type: ignore[attr-defined]
