"""Checking a stand-in's traffic against an OpenAPI document with openapi-core: what breaks
the document, as lines a test can show."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openapi_core.datatypes import RequestParameters
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


def problems(validate: Callable[[], object]) -> list[str]:
    """What ``validate`` (one of openapi-core's) finds, one line each; none when it passes."""
    try:
        validate()
    except Exception as error:  # openapi-core's errors share no useful base
        cause = error.__cause__
        inner = getattr(cause, "schema_errors", None)
        if inner:
            return schema_problems(inner)
        return [str(cause or error)]
    return []
