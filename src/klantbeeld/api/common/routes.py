"""The six operations of a standard collection (list, create, retrieve, update, partial
update, destroy), registered once for every resource instead of written out per module.

A resource module declares its schemas, its filters and how a request body becomes a
domain change (``Writes``); ``crud_routes`` adds the routes with the spec's operationIds
and summaries. An operation that works differently (e.g. a delete with parameters of its
own) is left out with ``skip`` and written out in the module.

Call ``crud_routes`` before the router is added to the API: ``StandardApi.add_router``
documents the operations it finds then by their API names.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from uuid import UUID

from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from ninja import FilterSchema, Query, Router
from pydantic import BaseModel

from klantbeeld.api.common.resources import (
    References,
    Resource,
    change_context,
    resolve_references,
)
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


# Turns a validated body into domain changes: (payload, existing, replacing), where
# ``existing`` is the stored object (None on create) and ``replacing`` is True for POST and
# PUT, False for PATCH.
ChangesFrom = Callable[[Any, M | None, bool], dict[str, Any]]


def resolved_body(references: References) -> ChangesFrom[Any]:
    """The changes of a body that has no groups: its fields as sent, with its references
    resolved to the objects they name."""

    def changes(payload: Any, existing: Any, replacing: bool) -> dict[str, Any]:
        return resolve_references(payload.model_dump(exclude_unset=True), references)

    return changes


@dataclass(frozen=True)
class Writes(Generic[M]):
    """How a resource is changed: the body's changes and the domain services to apply
    them (each raising Django's ValidationError for a broken rule)."""

    changes: ChangesFrom[M]
    create: Callable[[dict[str, Any], ChangeContext], M]
    update: Callable[[M, dict[str, Any], ChangeContext], M]
    delete: Callable[[M, ChangeContext], object]


@dataclass(frozen=True)
class Schemas:
    """The request bodies, the documented responses and the list filters of a resource.

    ``expanded`` is the object with ``_expand`` (for a resource with expand options): the
    shape of retrieve (and of the items of ``page``). Create and (partial) update answer
    without expansions, in ``out``.
    """

    body: type[BaseModel]
    patch: type[BaseModel]
    out: type[BaseModel]
    page: type[BaseModel]
    expanded: type[BaseModel] | None = None
    filters: type[FilterSchema] | None = None


def standard_summaries(plural: str, singular: str) -> dict[str, str]:
    """The summaries the upstream documents give the operations of a collection."""
    return {
        "list": f"Alle {plural} opvragen.",
        "create": f"Maak een {singular} aan.",
        "retrieve": f"Een specifiek {singular} opvragen.",
        "update": f"Werk een {singular} in zijn geheel bij.",
        "partial_update": f"Werk een {singular} deels bij.",
        "destroy": f"Verwijder een {singular}.",
    }


def operation_prefix(collection: str) -> str:
    """``partij-identificatoren`` → ``partijIdentificatoren`` (as the upstream operationIds)."""
    first, *rest = collection.split("-")
    return first + "".join(part[:1].upper() + part[1:] for part in rest)


def crud_routes(
    router: Router,
    resource: Resource[M],
    writes: Writes[M],
    schemas: Schemas,
    *,
    plural: str,
    singular: str,
    summaries: Mapping[str, str] | None = None,
    skip: Collection[str] = (),
) -> None:
    """Add the standard operations of ``resource`` (all but those in ``skip``) to
    ``router`` at ``/<collection>`` and ``/<collection>/{uuid}``.

    The summaries are the standard ones for ``plural`` and ``singular``; ``summaries``
    replaces some of them (where the upstream document words an operation otherwise).
    """
    overrides = dict(summaries or {})
    unknown = (set(overrides) | set(skip)) - set(OPERATIONS)
    if unknown:
        raise ValueError(f"Unknown operations: {sorted(unknown)}")
    texts = standard_summaries(plural, singular) | overrides
    collection = f"/{resource.collection}"
    item = f"{collection}/{{uuid}}"
    prefix = operation_prefix(resource.collection)
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
            operation_id=prefix + OPERATION_SUFFIXES[name],
            summary=texts[name],
        )


def _shape(name: str, collection: str, item: str, schemas: Schemas) -> tuple[str, str, Any]:
    return {
        "list": ("GET", collection, schemas.page),
        "create": ("POST", collection, {201: schemas.out}),
        "retrieve": ("GET", item, schemas.expanded or schemas.out),
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

    page = [
        _query("page", int | None),
        _query("page_size", int | None, alias="pageSize"),
    ]
    expand = [_query("expand", str | None)] if resource.expand_options else []
    filters = (
        [_param("filters", Query[schemas.filters])]  # type: ignore[misc,name-defined]
        if schemas.filters
        else []
    )
    views: dict[str, tuple[Callable[..., HttpResponse], list[inspect.Parameter]]] = {
        "list": (list_, filters + expand + page),
        "create": (create, [_param("payload", schemas.body)]),
        "retrieve": (retrieve, [_param("uuid", UUID), *expand]),
        "update": (update, [_param("uuid", UUID), _param("payload", schemas.body)]),
        "partial_update": (
            partial_update,
            [_param("uuid", UUID), _param("payload", schemas.patch)],
        ),
        "destroy": (destroy, [_param("uuid", UUID)]),
    }
    # Named as a hand-written view would be: the name of each operation's Django URL.
    stem = resource.collection.replace("-", "_")
    for name, (view, params) in views.items():
        _sign(view, params)
        view.__name__ = view.__qualname__ = f"{stem}_{name}"
    return {name: view for name, (view, _) in views.items()}


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
