"""Validation of real responses against the upstream OpenAPI documents in tests/specs.

Success responses are checked against the operation's response schema in the upstream
spec; error responses against the ZGW problem-details schemas (``Fout`` and, for 400,
``ValidatieFout``) that Open Klant answers with but its own documents leave out.

Every exchange is also checked against the document Klantbeeld itself serves
(``validate_served_response``, below).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import orjson
import yaml
from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.testing import MockRequest, MockResponse
from openapi_core.validation.request.validators import (
    V31RequestBodyValidator,
    V31RequestParametersValidator,
)

from tests.support.liberties import allow_open_klant_liberties

SPECS = Path(__file__).resolve().parent.parent / "specs"
API_SPECS = {
    "/klantinteracties/api/v1": "klantinteracties-0.9.0_open-klant-2.18.yaml",
    "/contactgegevens/api/v1": "contactgegevens-1.1.1_open-klant-2.18.yaml",
}


# The documents of Open Klant's APIs, whose answers take two liberties the documents do
# not allow: "" for a string with a format or pattern, null for a nested object. Klantbeeld
# serves Open Klant's shape, so exactly these two are allowed (tests/support/liberties.py).
OPEN_KLANT_SPECS = frozenset(API_SPECS.values())


@functools.cache
def openapi(filename: str) -> OpenAPI:
    if filename not in OPEN_KLANT_SPECS:
        return OpenAPI.from_file_path(str(SPECS / filename))
    document = yaml.safe_load((SPECS / filename).read_text())
    allow_open_klant_liberties(document)
    return OpenAPI.from_dict(document, base_uri=(SPECS / filename).as_uri())


@functools.cache
def problem_schemas() -> dict[str, Any]:
    document = yaml.safe_load((SPECS / "zaken-1.5.1_open-zaak-1.30.0.yaml").read_text())
    schemas = document["components"]["schemas"]
    return {"Fout": schemas["Fout"], "ValidatieFout": schemas["ValidatieFout"], "all": schemas}


# The verwerkingenlogging documents name their server https://localhost:8000/api/v1; the
# inzage and bewerking operations Klantbeeld serves share one API root.
VERWERKINGENLOGGING = "/verwerkingenlogging/api/v1"
VERWERKINGENLOGGING_SPECS = {
    "/verwerkte-objecten": "verwerkingenlogging-inzage-0.9.0_vng.yaml",
    "/verwerkingsacties": "verwerkingenlogging-bewerking-0.9.0_vng.yaml",
}


def _spec_for(path: str) -> str | None:
    for prefix, filename in API_SPECS.items():
        if path.startswith(prefix):
            return filename
    if path.startswith(VERWERKINGENLOGGING + "/"):
        rest = path[len(VERWERKINGENLOGGING) :]
        for collection, filename in VERWERKINGENLOGGING_SPECS.items():
            if rest.startswith(collection):
                return filename
    return None


def _upstream_location(path: str) -> tuple[str, str]:
    """Host and path as the upstream document's server names them."""
    if path.startswith(VERWERKINGENLOGGING + "/"):
        return "https://localhost:8000", "/api/v1" + path[len(VERWERKINGENLOGGING) :]
    return "http://testserver", path


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
        validate_problem(status, data, response_content_type, error_content_type(path))
        return
    host, upstream_path = _upstream_location(path)
    request = MockRequest(
        host,
        method.lower(),
        upstream_path,
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


def error_content_type(path: str) -> str:
    """Open Klant answers errors as ``application/json`` (its renderer overwrites the
    ``application/problem+json`` it means to set), and so does Klantbeeld for Open Klant's
    APIs; the verwerkingenlogging API answers as its standard says."""
    if path.startswith(VERWERKINGENLOGGING + "/"):
        return "application/problem+json"
    return "application/json"


def validate_problem(status: int, data: bytes, content_type: str, expected: str) -> None:
    assert content_type.split(";")[0] == expected, (
        f"an error must be {expected}, got {content_type!r}"
    )
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


# -- Klantbeeld's own documents ------------------------------------------------------------
#
# Every response is also checked against the document Klantbeeld itself serves at
# ``<api>/schema``, so that document keeps describing what is really served: each served
# attribute documented (unknown ones are refused), each documented-required one present,
# types, formats, enums and nullability as served, and every error status and body
# documented for its operation. A request the API accepted must also fit the documented
# request schema, so the document never promises a check (a pattern, a length) that the
# API does not apply.

SERVED_API_PREFIXES = (
    "/klantinteracties/api/v1",
    "/contactgegevens/api/v1",
    "/verwerkingenlogging/api/v1",
    "/intake/api/v1",
    "/chatbot/api/v1",
)
# Not operations of the API but views of its document (include_in_schema=False):
# /schema, /schema/openapi.yaml, /schema/docs, …
_DOCUMENT_VIEWS = "/schema"


def _served_prefix(path: str) -> str | None:
    for prefix in SERVED_API_PREFIXES:
        if path.startswith(prefix + "/"):
            return prefix
    return None


@functools.cache
def served_document(prefix: str) -> dict[str, Any]:
    """The OpenAPI document the API at ``prefix`` serves (fetched once per process)."""
    response = Client().get(f"{prefix}/schema")
    assert response.status_code == 200, response
    document: dict[str, Any] = orjson.loads(response.content)
    return document


def _served_config(additional_properties: str) -> Config:
    # Checking the document itself is tests/test_served_schema.py's job; here it would
    # only make every test fail at once.
    return Config(
        spec_validator_cls=None,
        additional_properties_default_policy=additional_properties,  # type: ignore[arg-type]
        extra_media_type_deserializers={"application/problem+json": orjson.loads},
    )


@functools.cache
def served_response_openapi(prefix: str) -> OpenAPI:
    """For responses: an attribute the document does not mention is an error."""
    return OpenAPI.from_dict(served_document(prefix), config=_served_config("forbid"))


@functools.cache
def served_request_validators(
    prefix: str,
) -> tuple[V31RequestBodyValidator, V31RequestParametersValidator]:
    """For accepted requests: body and parameters (unknown body attributes are ignored by
    the API, so the document allows them)."""
    spec = OpenAPI.from_dict(served_document(prefix), config=_served_config("allow")).spec
    media = {"application/problem+json": orjson.loads}
    return (
        V31RequestBodyValidator(spec, extra_media_type_deserializers=media),
        V31RequestParametersValidator(spec, extra_media_type_deserializers=media),
    )


def validate_served_response(
    method: str,
    url: str,
    query: dict[str, Any],
    body: bytes,
    content_type: str,
    status: int,
    data: bytes,
    response_content_type: str,
    response_headers: Mapping[str, str] | None = None,
) -> None:
    """Raise an AssertionError when the exchange breaks Klantbeeld's own document."""
    path = urlsplit(url).path
    prefix = _served_prefix(path)
    if prefix is None:
        return
    rest = path[len(prefix) :].rstrip("/")
    if rest == _DOCUMENT_VIEWS or rest.startswith(_DOCUMENT_VIEWS + "/"):
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
        headers=dict(response_headers or {}),
        content_type=response_content_type.split(";")[0] or "application/json",
    )
    where = f"{method} {path} → {status} breaks the served {prefix}/schema"
    # Validation only: unmarshalling as well (as the upstream check does) costs five times
    # as much, and the values it builds are not used here.
    errors = list(served_response_openapi(prefix).response_validator.iter_errors(request, response))
    if errors and status >= 400 and isinstance(errors[0], PathError):
        # A path or method the API does not have (404, 405): no operation documents it, so
        # the body must be the documented problem shape.
        errors = _undocumented_problem_errors(prefix, status, data)
    if errors:
        raise AssertionError(f"{where}: {_describe_served(errors)}")
    if 200 <= status < 300:
        body_validator, parameters_validator = served_request_validators(prefix)
        request_errors = [
            *parameters_validator.iter_errors(request),
            *(body_validator.iter_errors(request) if body else ()),
        ]
        if request_errors:
            raise AssertionError(
                f"{method} {path} was accepted ({status}) but its request breaks the served "
                f"{prefix}/schema: {_describe_served(request_errors)}"
            )


def _undocumented_problem_errors(prefix: str, status: int, data: bytes) -> list[Exception]:
    document = served_document(prefix)
    name = "ValidatieFout" if status == 400 else "Fout"
    schema = {"$ref": f"#/components/schemas/{name}", "components": document["components"]}
    validator = jsonschema.Draft202012Validator(schema)
    return list(validator.iter_errors(orjson.loads(data)))


def _describe_served(errors: list[Exception]) -> str:
    """Each schema error as ``path: message``; for oneOf/anyOf, why each branch failed."""
    lines: list[str] = []
    for error in errors:
        inner = [
            *(getattr(error, "schema_errors", None) or []),
            *(getattr(error.__cause__, "schema_errors", None) or []),
        ]
        if isinstance(error, jsonschema.ValidationError):
            inner.append(error)
        if not inner:
            lines.append(f"{type(error).__name__}: {error}")
        for schema_error in inner:
            lines.extend(_schema_error_lines(schema_error))
    return "\n  " + "\n  ".join(lines)


def _schema_error_lines(error: jsonschema.ValidationError, depth: int = 0) -> list[str]:
    where = "/".join(str(part) for part in error.absolute_path) or "(body)"
    message = error.message if len(error.message) < 300 else error.message[:300] + "…"
    lines = [f"{'    ' * depth}{where}: {message}"]
    if depth < 3:
        for branch in error.context or []:
            lines.extend(_schema_error_lines(branch, depth + 1))
    return lines
