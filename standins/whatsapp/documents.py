"""The document the WhatsApp stand-in checks requests, answers and webhooks against:
whatsapp-cloud-api-v23.0_klantbeeld.yaml, written from Meta's (tests/specs/README.md says
why Meta's own cannot be used as published)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from openapi_core import OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import Headers

SPECS = Path(__file__).resolve().parents[2] / "tests" / "specs"
DOCUMENT = "whatsapp-cloud-api-v23.0_klantbeeld.yaml"
META_DOCUMENT = "whatsapp-business-messaging-v23.0_meta.yaml"
# The host requests are checked under (the document's server).
SPEC_HOST = "https://graph.facebook.com"


@functools.cache
def cloud_api() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPECS / DOCUMENT))


def _problems(error: Exception) -> list[str]:
    """What a validation error found, one line each."""
    cause = error.__cause__
    inner = getattr(cause, "schema_errors", None)
    if inner:
        return [f"{'.'.join(map(str, e.absolute_path)) or 'body'}: {e.message}" for e in inner]
    return [str(cause or error)]


def _request(
    method: str, path: str, query: dict[str, str], headers: dict[str, str], raw: bytes
) -> MockRequest:
    return MockRequest(
        SPEC_HOST,
        method.lower(),
        path,
        args=query,
        headers=headers,
        data=raw,
        content_type=headers.get("content-type", ""),
    )


def request_problems(
    method: str, path: str, query: dict[str, str], headers: dict[str, str], raw: bytes
) -> list[str]:
    """What in a request breaks the document (``headers`` named in lower case)."""
    try:
        cloud_api().validate_request(_request(method, path, query, headers, raw))
    except Exception as error:  # openapi-core's errors share no useful base
        return _problems(error)
    return []


def answer_problems(
    method: str, path: str, status: int, body: bytes, content_type: str
) -> list[str]:
    """What in the stand-in's own answer breaks the document."""
    request = _request(method, path, {}, {}, b"")
    response = MockResponse(body, status_code=status, content_type=content_type)
    try:
        cloud_api().validate_response(request, response)
    except Exception as error:
        return _problems(error)
    return []


@dataclass
class _Webhook:
    """A webhook as openapi-core's webhook validation reads it."""

    body: bytes
    parameters: RequestParameters
    name: str = "messages"
    method: str = "post"
    content_type: str = "application/json"


def webhook_problems(body: bytes, signature: str) -> list[str]:
    """What in a webhook the stand-in posts breaks the document."""
    webhook = _Webhook(body, RequestParameters(header=Headers({"X-Hub-Signature-256": signature})))
    try:
        cloud_api().validate_webhook_request(webhook)
    except Exception as error:
        return _problems(error)
    return []
