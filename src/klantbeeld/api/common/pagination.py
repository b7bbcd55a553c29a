"""``page`` / ``pageSize`` pagination with ``{count, next, previous, results}``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from klantbeeld.api.common.problems import ApiProblem, invalid

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
# Past this no page can exist, and the databases' 64-bit OFFSET would overflow.
_MAX_OFFSET = 2**63 - 1 - MAX_PAGE_SIZE

M = TypeVar("M", bound=Model)


def _positive_int(request: HttpRequest, name: str, default: int) -> int:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise invalid(name, "invalid", "Een geheel getal is vereist.") from None
    if value < 1:
        raise invalid(name, "min_value", "Zorg ervoor dat deze waarde groter of gelijk is aan 1.")
    return value


def page_params(request: HttpRequest) -> tuple[int, int]:
    page = _positive_int(request, "page", 1)
    size = min(_positive_int(request, "pageSize", DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    return page, size


def _page_url(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    if page == 1:
        query.pop("page", None)
    else:
        query["page"] = str(page)
    root = settings.KLANTBEELD_BASE_URL or f"{request.scheme}://{request.get_host()}"
    encoded = urlencode(sorted(query.lists()), doseq=True)
    return f"{root}{request.path}" + (f"?{encoded}" if encoded else "")


def paginate(
    request: HttpRequest,
    queryset: QuerySet[M],
    serialize_page: Callable[[Sequence[M]], list[dict[str, Any]]],
    total: int | None = None,
) -> dict[str, Any]:
    """One page of ``queryset``; ``total`` is its number of rows when the caller knows it
    cheaper than by counting."""
    page, size = page_params(request)
    start = (page - 1) * size
    if start > _MAX_OFFSET:
        raise ApiProblem(404, detail="Ongeldige pagina.", code="not_found")
    rows = list(queryset[start : start + size])
    if total is not None:
        count = total
    elif len(rows) < size and (rows or page == 1):
        # A page that is not full is the last one: it tells the count without a query
        # (most filtered lists, such as a partij by BSN, fit on one page).
        count = start + len(rows)
    else:
        count = queryset.count()
    last_page = max(1, -(-count // size))
    if page > last_page:
        raise ApiProblem(404, detail="Ongeldige pagina.", code="not_found")
    return {
        "count": count,
        "next": _page_url(request, page + 1) if page < last_page else None,
        "previous": _page_url(request, page - 1) if page > 1 else None,
        "results": serialize_page(rows),
    }
