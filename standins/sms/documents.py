"""Twilio's documents, as the SMS stand-in checks requests, answers and callbacks against
them: the excerpt of Twilio's OpenAPI document for sending a message, and the document
written here for what Twilio describes in prose only (errors, status callbacks); see
tests/specs/README.md."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import jsonschema
import yaml
from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import Headers

SPECS = Path(__file__).resolve().parents[2] / "tests" / "specs"
MESSAGES_DOCUMENT = "twilio-api-v2010-2.6.7_messages.yaml"
PROSE_DOCUMENT = "twilio-api-v2010_klantbeeld.yaml"
# The host requests are checked under (the document's server).
SPEC_HOST = "https://api.twilio.com"
FORM = "application/x-www-form-urlencoded"


@functools.cache
def messages_api() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPECS / MESSAGES_DOCUMENT))


@functools.cache
def prose_api() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPECS / PROSE_DOCUMENT))


@functools.cache
def _error_validator() -> jsonschema.Draft202012Validator:
    document = yaml.safe_load((SPECS / PROSE_DOCUMENT).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(document["components"]["schemas"]["Error"])


def _problems(error: Exception) -> list[str]:
    """What a validation error found, one line each."""
    cause = error.__cause__
    inner = getattr(cause, "schema_errors", None)
    if inner:
        return [f"{'.'.join(map(str, e.absolute_path)) or 'body'}: {e.message}" for e in inner]
    return [str(cause or error)]


def request_problems(path: str, headers: dict[str, str], raw: bytes) -> list[str]:
    """What in a request to send a message breaks Twilio's document."""
    request = MockRequest(
        SPEC_HOST,
        "post",
        path,
        headers=headers,
        data=raw,
        content_type=headers.get("content-type", ""),
    )
    try:
        messages_api().validate_request(request)
    except Exception as error:  # openapi-core's errors share no useful base
        return _problems(error)
    return []


def answer_problems(path: str, status: int, body: bytes) -> list[str]:
    """What in the stand-in's own answer breaks the documents: a created message against
    Twilio's, an error against the one written here."""
    if status >= 400:
        return [
            f"{'.'.join(map(str, e.absolute_path)) or 'body'}: {e.message}"
            for e in _error_validator().iter_errors(json.loads(body))
        ]
    request = MockRequest(SPEC_HOST, "post", path, data=b"", content_type=FORM)
    try:
        messages_api().validate_response(request, MockResponse(body, status_code=status))
    except Exception as error:
        return _problems(error)
    return []


@dataclass
class _Callback:
    """A status callback as openapi-core's webhook validation reads it."""

    body: bytes
    parameters: RequestParameters
    name: str = "messageStatus"
    method: str = "post"
    content_type: str = FORM


def callback_problems(body: bytes, signature: str) -> list[str]:
    """What in a status callback breaks the document written from Twilio's prose."""
    callback = _Callback(body, RequestParameters(header=Headers({"X-Twilio-Signature": signature})))
    try:
        prose_api().validate_webhook_request(callback)
    except Exception as error:
        return _problems(error)
    return []
