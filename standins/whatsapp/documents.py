"""The document the WhatsApp stand-in checks requests, answers and webhooks against:
whatsapp-cloud-api-v23.0_klantbeeld.yaml, written from Meta's (tests/specs/README.md says
why Meta's own cannot be used as published)."""

from __future__ import annotations

import functools

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

from standins.openapi import SPECS, problems, webhook

DOCUMENT = "whatsapp-cloud-api-v23.0_klantbeeld.yaml"
META_DOCUMENT = "whatsapp-business-messaging-v23.0_meta.yaml"
# The host requests are checked under (the document's server).
SPEC_HOST = "https://graph.facebook.com"


@functools.cache
def cloud_api() -> OpenAPI:
    return OpenAPI.from_file_path(str(SPECS / DOCUMENT))


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
    request = _request(method, path, query, headers, raw)
    return problems(lambda: cloud_api().validate_request(request))


def answer_problems(
    method: str, path: str, status: int, body: bytes, content_type: str
) -> list[str]:
    """What in the stand-in's own answer breaks the document."""
    request = _request(method, path, {}, {}, b"")
    response = MockResponse(body, status_code=status, content_type=content_type)
    return problems(lambda: cloud_api().validate_response(request, response))


def webhook_problems(body: bytes, signature: str) -> list[str]:
    """What in a webhook the stand-in posts breaks the document."""
    posted = webhook("messages", body, "application/json", {"X-Hub-Signature-256": signature})
    return problems(lambda: cloud_api().validate_webhook_request(posted))
