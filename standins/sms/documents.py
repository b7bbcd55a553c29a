"""Twilio's documents, as the SMS stand-in checks requests, answers and callbacks against
them: the excerpt of Twilio's OpenAPI document for sending a message, and the document
written here for what Twilio describes in prose only (errors, status callbacks); see
tests/specs/README.md."""

from __future__ import annotations

import functools
import json

import jsonschema
import yaml
from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from standins.openapi import SPECS, problems, schema_problems, webhook

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
    return problems(lambda: messages_api().validate_request(request))


def answer_problems(path: str, status: int, body: bytes) -> list[str]:
    """What in the stand-in's own answer breaks the documents: a created message against
    Twilio's, an error against the one written here."""
    if status >= 400:
        return schema_problems(_error_validator().iter_errors(json.loads(body)))
    request = MockRequest(SPEC_HOST, "post", path, data=b"", content_type=FORM)
    response = MockResponse(body, status_code=status)
    return problems(lambda: messages_api().validate_response(request, response))


def callback_problems(body: bytes, signature: str) -> list[str]:
    """What in a status callback breaks the document written from Twilio's prose."""
    callback = webhook("messageStatus", body, FORM, {"X-Twilio-Signature": signature})
    return problems(lambda: prose_api().validate_webhook_request(callback))
