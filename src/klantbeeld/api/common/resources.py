"""The steps every endpoint shares: look up, filter, paginate, expand, serialise, resolve
references in a request body, and say who makes the change."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from uuid import UUID

import orjson
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import FilterSchema
from pydantic import BaseModel

from klantbeeld.api.clients.auth import Caller
from klantbeeld.api.common.context import Ctx, api_context
from klantbeeld.api.common.expand import ExpandTree, parse_expand
from klantbeeld.api.common.naming import api_name
from klantbeeld.api.common.pagination import paginate
from klantbeeld.api.common.problems import ApiProblem, InvalidParam, invalid_params_from_django
from klantbeeld.domain.confidentiality import (
    hides_rows,
    seeing_written,
    visible,
    visible_condition,
)
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.tellingen import aantal

M = TypeVar("M", bound=Model)

Serialize = Callable[[Ctx, M, ExpandTree], dict[str, Any]]


def json_response(data: Any, status: int = 200) -> HttpResponse:
    return HttpResponse(orjson.dumps(data), status=status, content_type="application/json")


def change_context(request: HttpRequest) -> ChangeContext:
    caller = request.auth  # type: ignore[attr-defined]
    if not isinstance(caller, Caller):
        return ChangeContext()
    return ChangeContext(
        applicatie=caller.client.naam,
        gebruikers_id=caller.user_id,
        gebruikers_weergave=caller.user_representation,
    )


@dataclass
class Resource(Generic[M]):
    """One collection of an API (e.g. ``partijen``) and how to read it.

    ``queryset(expand)`` returns the rows with everything the serialiser (and the requested
    expansions) needs fetched up front, so a page costs the same number of queries whatever
    its size.
    """

    api_path: str
    collection: str
    model: type[M]
    serialize: Serialize[M]
    queryset: Callable[[ExpandTree], QuerySet[M]]
    expand_options: Sequence[str] = ()
    # Filters that follow to-many relations could return a row more than once.
    distinct_filters: bool = False
    name_renames: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _collections[self.model] = (self.api_path, self.collection)
        _resources.append(self)

    @contextmanager
    def domain_errors(self) -> Iterator[None]:
        """Answer a rule the domain enforces as a 400 naming the API's fields."""
        try:
            yield
        except ValidationError as error:
            params = invalid_params_from_django(error, self.name_renames)
            raise ApiProblem(400, invalid_params=params) from None

    def ctx(self, request: HttpRequest) -> Ctx:
        return api_context(request, self.api_path)

    def expand(self, request: HttpRequest) -> ExpandTree:
        return parse_expand(request, self.expand_options) if self.expand_options else {}

    def list(self, request: HttpRequest, filters: FilterSchema | None = None) -> HttpResponse:
        tree = self.expand(request)
        queryset = self.queryset(tree)
        condition = filters.get_filter_expression() if filters is not None else Q()
        if condition:
            # Every relation the filter crosses goes through the rows the caller may see,
            # so nothing matches through a hidden row; ``queryset`` has only visible rows.
            queryset = self._apply(queryset, visible_condition(self.model, condition))
        # The whole table: its size is kept by the database, no need to count a million rows.
        whole = not condition and not hides_rows(self.model)
        total = aantal(self.model) if whole else None
        if not queryset.ordered:
            # Newest first, as Open Klant lists: the uuid7 keys are in creation order.
            queryset = queryset.order_by("-pk")
        ctx = self.ctx(request)

        def serialize_page(rows: Sequence[M]) -> list[dict[str, Any]]:
            return [self.serialize(ctx, row, tree) for row in rows]

        return json_response(paginate(request, queryset, serialize_page, total))

    def _apply(self, queryset: QuerySet[M], condition: Q) -> QuerySet[M]:
        if self.distinct_filters:
            matching = self.model._default_manager.filter(condition).values("pk")
            return queryset.filter(pk__in=matching)
        return queryset.filter(condition)

    def retrieve(self, request: HttpRequest, uuid: UUID) -> HttpResponse:
        tree = self.expand(request)
        obj = self._get(self.queryset(tree), uuid)
        return json_response(self.serialize(self.ctx(request), obj, tree))

    def get(self, uuid: UUID) -> M:
        """The object to change or delete (404 when it does not exist or the caller may not
        see it)."""
        return self._get(visible(self.model._default_manager.all()), uuid)

    def _get(self, queryset: QuerySet[M], uuid: UUID) -> M:
        obj = by_pk(queryset, uuid)
        if obj is None:
            raise ApiProblem(
                404, detail=f"Er bestaat geen {self.model._meta.verbose_name} met uuid {uuid}."
            )
        return obj

    def respond(self, request: HttpRequest, obj: M, status: int = 200) -> HttpResponse:
        """Answer with the object as it now is in the database (the caller just wrote it,
        so it is shown even when that made it confidential; what it names is shown as the
        caller may see it)."""
        with seeing_written(obj):
            fresh = self._get(self.queryset({}), obj.pk)
        return json_response(self.serialize(self.ctx(request), fresh, {}), status)


def by_pk(queryset: QuerySet[M], pk: Any) -> M | None:
    """The row with primary key ``pk``, or None. Without ORDER BY (one row at most):
    Django spends more compiling an ordering over a queryset with annotations than the
    database spends on the whole query."""
    return next(iter(queryset.filter(pk=pk).order_by()[:1]), None)


# model → (API path, collection) of every resource the APIs serve.
_collections: dict[type[Model], tuple[str, str]] = {}
_resources: list[Resource[Any]] = []


def all_resources() -> list[Resource[Any]]:
    """Every collection the APIs serve (for checks that must cover them all)."""
    return list(_resources)


def public_root() -> str:
    """The root URL outside a request (messages sent by the worker)."""
    root: str = settings.KLANTBEELD_BASE_URL or (
        f"http://{settings.KLANTBEELD_HOST}:{settings.KLANTBEELD_PORT}"
    )
    return root


def url_of(instance: Model) -> str | None:
    """The absolute URL of ``instance`` in the API that serves it (None if none does)."""
    if not _collections:
        # Outside the web process (worker, commands) the API modules may not be loaded.
        import klantbeeld.api.contactgegevens
        import klantbeeld.api.klantinteracties  # noqa: F401
    place = _collections.get(type(instance))
    if place is None:
        return None
    api_path, collection = place
    return f"{public_root()}/{api_path}/{collection}/{instance.pk}"


def uuid_from_url(value: str) -> UUID | None:
    """The uuid at the end of a resource URL (a trailing slash is allowed)."""
    try:
        return UUID(value.rstrip("/").rsplit("/", 1)[-1])
    except ValueError:
        return None


def url_filter(lookup: str, value: str | None) -> Q:
    """Filter on the uuid in a URL; a URL without one matches nothing (as Open Klant)."""
    if value is None:
        return Q()
    uuid = uuid_from_url(value)
    return Q(**{lookup: uuid}) if uuid else Q(pk__in=[])


References = Mapping[str, type[Model]]


def resolve_references(
    changes: dict[str, Any], references: References, prefix: str = ""
) -> dict[str, Any]:
    """Replace the ``{uuid, url}`` references in ``changes`` by the objects they name.

    A reference to an object that does not exist, or that the caller may not see (R12),
    is a 400 on ``<field>.uuid``: the same answer for both, so it tells nothing.
    """
    errors: list[InvalidParam] = []
    for key, model in references.items():
        if key not in changes:
            continue
        value = changes[key]
        name = prefix + api_name(key)
        if value is None:
            continue
        if isinstance(value, list):
            wanted = [item["uuid"] for item in value]
            found = visible(model._default_manager.all()).in_bulk(wanted)
            for index, uuid in enumerate(wanted):
                if uuid not in found:
                    errors.append(_missing(f"{name}.{index}.uuid", model, uuid))
            changes[key] = [found[uuid] for uuid in wanted if uuid in found]
        else:
            obj = by_pk(visible(model._default_manager.all()), value["uuid"])
            if obj is None:
                errors.append(_missing(f"{name}.uuid", model, value["uuid"]))
            changes[key] = obj
    if errors:
        raise ApiProblem(400, invalid_params=errors)
    return changes


def _missing(name: str, model: type[Model], uuid: UUID) -> InvalidParam:
    return InvalidParam(
        name,
        "does_not_exist",
        f"Er bestaat geen {model._meta.verbose_name} met uuid {uuid}.",
    )


def flatten_groups(
    payload: BaseModel, changes: dict[str, Any], groups: Mapping[str, type[BaseModel]]
) -> dict[str, Any]:
    """``{"bezoekadres": {"postcode": …}}`` → ``{"bezoekadres_postcode": …, …}``.

    A group is one value: sending it sets all its parts (the ones left out to empty), and
    ``null`` empties them all.
    """
    for group, schema in groups.items():
        if group not in changes:
            continue
        del changes[group]
        value = getattr(payload, group) or schema.model_validate({})
        for part, part_value in value.model_dump().items():
            changes[f"{group}_{part}"] = part_value
    return changes
