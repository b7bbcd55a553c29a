"""Validation of real responses against the upstream OpenAPI documents in tests/specs.

Success responses are checked against the operation's response schema in the upstream
spec; error responses against the ZGW problem-details schemas (``Fout`` and, for 400,
``ValidatieFout``) that Open Klant answers with but its own documents leave out.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

SPECS = Path(__file__).resolve().parent.parent / "specs"
API_SPECS = {
    "/klantinteracties/api/v1": "klantinteracties-0.9.0_open-klant-2.18.yaml",
    "/contactgegevens/api/v1": "contactgegevens-1.1.1_open-klant-2.18.yaml",
}


@functools.cache
def openapi(filename: str) -> OpenAPI:
    return OpenAPI.from_file_path(str(SPECS / filename))


@functools.cache
def problem_schemas() -> dict[str, Any]:
    document = yaml.safe_load((SPECS / "zaken-1.5.1_open-zaak-1.30.0.yaml").read_text())
    schemas = document["components"]["schemas"]
    return {"Fout": schemas["Fout"], "ValidatieFout": schemas["ValidatieFout"], "all": schemas}


def _spec_for(path: str) -> str | None:
    for prefix, filename in API_SPECS.items():
        if path.startswith(prefix):
            return filename
    return None


def validate_response(
    method: str,
    url: str,
    query: dict[str, Any],
    body: bytes,
    content_type: str,
    status: int,
    data: bytes,
    response_content_type: str,
) -> None:
    """Raise an AssertionError when the response breaks the upstream document."""
    path = urlsplit(url).path
    filename = _spec_for(path)
    if filename is None:
        return
    if status >= 400:
        validate_problem(status, data, response_content_type)
        return
    request = MockRequest(
        "http://testserver",
        method.lower(),
        path,
        args=query,
        data=body,
        content_type=content_type or "application/json",
    )
    response = MockResponse(
        data,
        status_code=status,
        content_type=response_content_type.split(";")[0] or "application/json",
    )
    result = openapi(filename).unmarshal_response(request, response)
    if result.errors:
        details = "; ".join(_describe(error) for error in result.errors)
        raise AssertionError(f"{method} {path} → {status} breaks {filename}: {details}")


def _describe(error: Exception) -> str:
    parts = [str(error)]
    for inner in getattr(error, "schema_errors", []) or []:
        parts.append(f"{list(inner.absolute_path)}: {inner.message}")
    cause = error.__cause__
    if cause is not None:
        for inner in getattr(cause, "schema_errors", []) or []:
            parts.append(f"{list(inner.absolute_path)}: {inner.message}")
    return " | ".join(parts)


def validate_problem(status: int, data: bytes, content_type: str) -> None:
    assert content_type.startswith("application/problem+json"), (
        f"an error must be application/problem+json, got {content_type!r}"
    )
    import orjson

    body = orjson.loads(data)
    schemas = problem_schemas()
    name = "ValidatieFout" if status == 400 else "Fout"
    schema = {**schemas[name], "components": {"schemas": schemas["all"]}}
    resolver_document = {"components": {"schemas": schemas["all"]}, **schema}
    jsonschema.validate(
        body,
        resolver_document,
        cls=jsonschema.Draft4Validator,
    )
    assert body["status"] == status
