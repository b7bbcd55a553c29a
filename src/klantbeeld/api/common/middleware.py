"""HTTP-level conventions of the APIs that apply before and after any endpoint runs."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from klantbeeld.api.common.parsers import NonFiniteNumber, parse_json
from klantbeeld.api.common.problems import (
    InvalidParam,
    is_problem,
    problem_response,
)
from klantbeeld.api.common.receipts import limit_to_receipt
from klantbeeld.domain.confidentiality import seeing_confidential

API_VERSIONS = {
    "/klantinteracties/api/v1/": "0.9.0",
    "/contactgegevens/api/v1/": "1.1.1",
    "/verwerkingenlogging/api/v1/": "0.9.0",
    "/intake/api/v1/": "1.0.0",
    "/chatbot/api/v1/": "1.0.0",
    "/inzicht/api/v1/": "1.0.0",
}
# APIs that take files: their bodies are multipart/form-data, not JSON, and their
# operations check the media type and size themselves (api/intake/bestanden.py) without
# reading a body that is too large.
FORM_DATA_APIS = ("/intake/api/v1/",)
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
# A refused body up to this size is read and thrown away, so the client (which sends it
# whole before it reads the answer) gets the 413 and the connection serves its next
# request; a larger one is not worth the transfer and the connection is closed instead.
DISCARD_AT_MOST = 64 * 1024 * 1024


def _discard_body(request: HttpRequest) -> None:
    if int(request.META.get("CONTENT_LENGTH") or 0) > DISCARD_AT_MOST:
        return
    while request.read(64 * 1024):
        pass


def _api_version(path: str) -> str | None:
    for prefix, version in API_VERSIONS.items():
        if path.startswith(prefix):
            return version
    return None


def _accepts_json(accept: str) -> bool:
    if not accept:
        return True
    for item in accept.split(","):
        media = item.split(";")[0].strip().lower()
        if media in {"*/*", "application/*", "application/json", "application/problem+json"}:
            return True
        if media.endswith("+json") or "yaml" in media or "openapi" in media or media == "text/html":
            return True
    return False


class ApiConventionsMiddleware:
    """For the APIs: 406 for an Accept header without JSON, 415 for a body that is
    not JSON, the ``API-version`` header on every answer, and problem details for the
    errors the framework answers itself (405, unknown paths)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        version = _api_version(request.path)
        if version is None:
            return self.get_response(request)
        # Authentication narrows what this request may see; the default is restored after.
        with seeing_confidential(True):
            response = self._check(request) or self.get_response(request)
        response = self._as_problem(request, response)
        response = limit_to_receipt(request, response)
        response["API-version"] = version
        return response

    def _check(self, request: HttpRequest) -> HttpResponse | None:
        nul_params = sorted(
            name
            for name, values in request.GET.lists()
            if "\x00" in name or any("\x00" in value for value in values)
        )
        if nul_params:
            return problem_response(
                request,
                400,
                invalid_params=[
                    InvalidParam(
                        name.replace("\x00", ""), "invalid", "Tekst mag geen NUL-teken bevatten."
                    )
                    for name in nul_params
                ],
            )
        if not _accepts_json(request.headers.get("Accept", "")):
            return problem_response(
                request,
                406,
                detail="Deze API antwoordt alleen in JSON (application/json).",
            )
        if request.method in BODY_METHODS and not request.path.startswith(FORM_DATA_APIS):
            content_type = request.content_type or ""
            if content_type not in {"application/json", ""} and not content_type.endswith("+json"):
                return problem_response(
                    request,
                    415,
                    detail=f'Ongeldige media type "{content_type}" in aanvraag.',
                )
            return self._check_body(request)
        return None

    def _check_body(self, request: HttpRequest) -> HttpResponse | None:
        """413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE (read here, before any view,
        so the framework's catch-all cannot turn it into a 500), and 400 for a number
        JSON does not have (NaN, Infinity): Python's parser would let them through into
        fields the schemas do not check, such as unknown ones."""
        try:
            body = request.body
        except RequestDataTooBig:
            _discard_body(request)
            return problem_response(
                request,
                413,
                detail="De request body is groter dan deze API aanneemt "
                f"({settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes).",
            )
        if not body:
            return None
        try:
            parse_json(request)
        except NonFiniteNumber:
            reason = "NaN, Infinity en -Infinity zijn geen getallen in JSON."
            return problem_response(
                request,
                400,
                code="parse_error",
                detail=reason,
                invalid_params=[InvalidParam("nonFieldErrors", "parse_error", reason)],
            )
        except ValueError:
            pass  # the API answers a body that is not JSON as it always does
        return None

    def _as_problem(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.status_code < 400 or is_problem(response):
            return response
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            problem = problem_response(
                request,
                405,
                detail=f'Methode "{request.method}" niet toegestaan.',
            )
            if allowed:
                problem["Allow"] = allowed
            return problem
        if response.status_code == 404:
            return problem_response(request, 404)
        return response
