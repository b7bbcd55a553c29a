"""What a write answers to a client that may write but not read (scope ``…schrijven``
without ``…lezen``): only the ``uuid`` and ``url`` of each object written, so a write
(even ``PATCH {}``) is no way to read what the client has no scope for
(docs/api-authentication.md)."""

from __future__ import annotations

from typing import Any

import orjson
from django.http import HttpRequest, HttpResponse

from klantbeeld.api.clients.auth import Caller

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH"})
RECEIPT_KEYS = ("uuid", "url")
# APIs that have no reading scope: their answers name only what the caller brought in and
# the keys and numbers of what was registered from it (the intake and chatbot APIs).
WRITE_ONLY_APIS = frozenset({"intake", "chatbot"})


def may_read(request: HttpRequest) -> bool:
    caller = getattr(request, "auth", None)
    if not isinstance(caller, Caller):
        return True  # no client: the answer is an error, not data
    api_name = request.path.strip("/").split("/", 1)[0]
    return api_name in WRITE_ONLY_APIS or caller.client.has_scope(f"{api_name}.lezen")


def receipt(data: Any) -> Any:
    """``data`` with every object that has a ``url`` cut down to its uuid and url; the
    answer of ``maak-klantcontact`` keeps its parts (klantcontact, betrokkene,
    onderwerpobject), each cut down; other values are left out."""
    if isinstance(data, dict):
        if "url" in data:
            return {key: data[key] for key in RECEIPT_KEYS if key in data}
        return {
            key: receipt(value)
            for key, value in data.items()
            if value is None or isinstance(value, dict | list)
        }
    if isinstance(data, list):
        return [receipt(item) for item in data]
    return data


def limit_to_receipt(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if (
        request.method not in WRITE_METHODS
        or not 200 <= response.status_code < 300
        or not response.get("Content-Type", "").startswith("application/json")
        or may_read(request)
    ):
        return response
    response.content = orjson.dumps(receipt(orjson.loads(response.content)))
    return response
