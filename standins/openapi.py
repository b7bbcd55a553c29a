"""Checking a stand-in's traffic against an OpenAPI document with openapi-core: what breaks
the document, as lines a test can show.

openapi-core reads OAS 3.0 and 3.1 documents alike, but leaves two things of 3.1 documents
unchecked that the BRP API's document leans on (``document()`` adds them):

- a ``discriminator`` beside ``properties`` (no ``allOf``/``oneOf``/``anyOf`` in the same
  schema), as in ``PersonenQuery`` and ``AbstractDatum``: openapi-schema-validator honours
  a discriminator only inside those three, so a request with an unknown ``type`` or
  without the fields its type requires passed;
- ``application/problem+json`` (and ``application/hal+json``) bodies, which it did not
  read as JSON."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jsonschema.exceptions import ValidationError
from jsonschema.validators import extend
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.deserializing.media_types.util import json_loads
from openapi_core.validation.schemas.factories import SchemaValidatorsFactory
from openapi_schema_validator import OAS30ReadValidator, OAS31Validator
from werkzeug.datastructures import Headers

SPECS = Path(__file__).resolve().parents[1] / "tests" / "specs"


@dataclass
class Webhook:
    """A webhook (or callback) as openapi-core's webhook validation reads it."""

    name: str
    body: bytes
    parameters: RequestParameters
    content_type: str
    method: str = "post"


def webhook(name: str, body: bytes, content_type: str, headers: dict[str, str]) -> Webhook:
    return Webhook(name, body, RequestParameters(header=Headers(headers)), content_type)


def schema_problems(errors: Iterable[Any]) -> list[str]:
    """jsonschema's errors, one line each, named by where in the body they are."""
    return [f"{'.'.join(map(str, e.absolute_path)) or 'body'}: {e.message}" for e in errors]


def failure(validate: Callable[[], object]) -> list[ValidationError] | str | None:
    """What ``validate`` (one of openapi-core's) finds: the body's schema errors, or a line
    for any other problem (an unknown path, a wrong media type); None when it passes."""
    try:
        validate()
    except Exception as error:  # openapi-core's errors share no useful base
        cause = error.__cause__
        inner = getattr(cause, "schema_errors", None)
        if inner:
            return list(inner)
        return str(cause or error)
    return None


def problems(validate: Callable[[], object]) -> list[str]:
    """What ``validate`` (one of openapi-core's) finds, one line each; none when it passes."""
    found = failure(validate)
    if found is None:
        return []
    return [found] if isinstance(found, str) else schema_problems(found)


# The (instance, mapped schema) pairs being checked in this thread: the mapped schema's
# allOf names the schema with the discriminator again, which must not map once more.
_mapping = threading.local()


def _discriminator(
    validator: Any, discriminator: Mapping[str, Any], instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if any(keyword in schema for keyword in ("allOf", "oneOf", "anyOf")):
        return  # openapi-schema-validator's own keywords take these
    if not validator.is_type(instance, "object"):
        return
    value = instance.get(discriminator["propertyName"])
    if not isinstance(value, str):
        return  # "required" and "type" report it
    mapping = discriminator.get("mapping", {})
    ref = mapping.get(value)
    if ref is None:
        yield ValidationError(
            f"{value!r} is not one of {sorted(mapping)}",
            validator="discriminator",
            validator_value=discriminator,
            instance=value,
            schema=schema,
            path=[discriminator["propertyName"]],
        )
        return
    active: set[tuple[int, str]] = _mapping.__dict__.setdefault("active", set())
    key = (id(instance), ref)
    if key in active:
        return
    active.add(key)
    try:
        yield from list(validator.descend(instance, {"$ref": ref}))
    finally:
        active.discard(key)


OAS31_WITH_DISCRIMINATOR = extend(OAS31Validator, {"discriminator": _discriminator})


def document(name: str) -> OpenAPI:
    """The OpenAPI document ``name`` in tests/specs, problem details read as JSON and, for
    an OAS 3.1 document, checked with its discriminators (see above)."""
    path = SPECS / name
    with path.open(encoding="utf-8") as text:
        version = next(
            (line.split(":", 1)[1].strip() for line in text if line.startswith("openapi:")), ""
        )
    validators = (
        # As openapi-core's own factory for 3.1: the 3.0 format checker (byte, binary).
        SchemaValidatorsFactory(OAS31_WITH_DISCRIMINATOR, OAS30ReadValidator.FORMAT_CHECKER)
        if version.startswith("3.1")
        else None
    )
    config = Config(
        schema_validators_factory=validators,
        extra_media_type_deserializers={
            "application/problem+json": json_loads,
            "application/hal+json": json_loads,
        },
    )
    return OpenAPI.from_file_path(str(path), config=config)
