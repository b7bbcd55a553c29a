"""Errors in the ZGW problem-details shape, as Open Klant 2.18 answers them.

Every error the APIs give has ``type``, ``code``, ``title``, ``status``, ``detail`` and
``instance``; a 400 also lists each bad field in ``invalidParams`` (``name``, ``code``,
``reason``). The values are Open Klant's (Django REST framework's exceptions as
commonground-api-common renders them, in Dutch), and so is the media type: Open Klant
means to answer ``application/problem+json`` but its renderer overwrites that with
``application/json``, which is what its consumers (open-klant-client) expect. The
verwerkingenlogging API, which Open Klant does not have, answers as its standard says.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from klantbeeld.api.common.naming import api_name

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
ERROR_JSON = "application/json"
# APIs whose standard (not Open Klant) sets the media type of an error.
PROBLEM_JSON_APIS = ("/verwerkingenlogging/", "/notificaties/")


@dataclass(frozen=True)
class Kind:
    """One kind of error as Open Klant names it: the exception class in ``type``, its
    ``code`` and its generic ``title``."""

    type: str
    code: str
    title: str


# Open Klant's titles are the exceptions' default messages; a 405 and a 415 keep the
# placeholder in the title (the detail fills it in), as Open Klant serves them.
KINDS = {
    400: Kind("ValidationError", "invalid", "Ongeldige invoerwaarde."),
    401: Kind(
        "NotAuthenticated", "not_authenticated", "Authenticatiegegevens zijn niet opgegeven."
    ),
    403: Kind(
        "PermissionDenied",
        "permission_denied",
        "Je hebt geen toestemming om deze actie uit te voeren.",
    ),
    404: Kind("NotFound", "not_found", "Niet gevonden."),
    405: Kind("MethodNotAllowed", "method_not_allowed", 'Methode "{method}" niet toegestaan.'),
    406: Kind(
        "NotAcceptable", "not_acceptable", "Kan niet voldoen aan de opgegeven Accept header."
    ),
    409: Kind("Conflict", "conflict", "Conflict."),
    413: Kind("RequestTooLarge", "request_too_large", "Request body te groot."),
    415: Kind(
        "UnsupportedMediaType",
        "unsupported_media_type",
        'Ongeldige media type "{media_type}" in aanvraag.',
    ),
    500: Kind("APIException", "error", "Er is een serverfout opgetreden."),
}
# A wrong Authorization (as opposed to none) and a body that is not JSON.
AUTHENTICATION_FAILED = Kind(
    "AuthenticationFailed", "authentication_failed", "Ongeldige authenticatiegegevens."
)
PARSE_ERROR = Kind("ParseError", "parse_error", "Ongeldig samengestelde request.")
_OTHER = Kind("APIException", "error", "Fout.")


def error_content_type(request: HttpRequest) -> str:
    return PROBLEM_JSON if request.path.startswith(PROBLEM_JSON_APIS) else ERROR_JSON


def is_problem(response: HttpResponse) -> bool:
    """Whether ``response`` is already one of ours (every JSON error of the APIs is)."""
    content_type = response.get("Content-Type", "")
    return content_type.startswith((ERROR_JSON, PROBLEM_JSON))


@dataclass(frozen=True)
class InvalidParam:
    name: str
    code: str
    reason: str


@dataclass
class ApiProblem(Exception):
    """Raise to answer with a problem; ``invalid_params`` only for 400."""

    status: int
    detail: str = ""
    code: str = ""
    invalid_params: list[InvalidParam] = field(default_factory=list)


def invalid(name: str, code: str, reason: str) -> ApiProblem:
    return ApiProblem(400, invalid_params=[InvalidParam(name, code, reason)])


def problem_response(
    request: HttpRequest,
    status: int,
    *,
    detail: str = "",
    code: str = "",
    invalid_params: Iterable[InvalidParam] = (),
    kind: Kind | None = None,
) -> HttpResponse:
    kind = kind or KINDS.get(status, _OTHER)
    body: dict[str, Any] = {
        "type": request.build_absolute_uri(f"/ref/fouten/{kind.type}/"),
        "code": code or kind.code,
        "title": kind.title,
        "status": status,
        "detail": detail or kind.title,
        "instance": f"urn:uuid:{uuid.uuid4()}",
    }
    params = list(invalid_params)
    if status == 400 or params:
        body["invalidParams"] = [
            {"name": p.name, "code": p.code, "reason": p.reason} for p in params
        ]
    return HttpResponse(orjson.dumps(body), status=status, content_type=error_content_type(request))


def invalid_params_from_django(
    error: ValidationError, renames: Mapping[str, str] | None = None
) -> list[InvalidParam]:
    """A Django ValidationError keyed by domain field paths → invalidParams with API names."""
    params: list[InvalidParam] = []
    if hasattr(error, "error_dict"):
        for key, errors in error.error_dict.items():
            name = api_name(key, renames)
            for item in errors:
                params.extend(_messages(name, item))
    else:
        for item in error.error_list:
            params.extend(_messages("nonFieldErrors", item))
    return params


def _messages(name: str, error: ValidationError) -> list[InvalidParam]:
    messages = error.messages
    return [InvalidParam(name, error.code or "invalid", message) for message in messages]


# pydantic's error types → the codes Django REST framework (and so Open Klant) uses.
PYDANTIC_CODES = {
    "missing": "required",
    "string_too_long": "max_length",
    "string_too_short": "min_length",
    "string_pattern_mismatch": "invalid",
    "enum": "invalid_choice",
    "literal_error": "invalid_choice",
    "bool_parsing": "invalid",
    "bool_type": "invalid",
    "int_parsing": "invalid",
    "int_type": "invalid",
    "uuid_parsing": "invalid",
    "uuid_type": "invalid",
    "date_from_datetime_parsing": "invalid",
    "date_parsing": "invalid",
    "datetime_parsing": "invalid",
    "datetime_from_date_parsing": "invalid",
    "greater_than_equal": "min_value",
    "less_than_equal": "max_value",
    "list_type": "not_a_list",
    "model_type": "invalid",
    "dict_type": "invalid",
    "model_attributes_type": "invalid",
    "string_type": "invalid",
    "json_invalid": "parse_error",
    "value_error": "invalid",
    "none_required": "invalid",
}


def invalid_params_from_ninja(errors: list[dict[str, Any]]) -> list[InvalidParam]:
    params = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        # ninja puts the source first ("body", "query", "path") and, for bodies, the
        # parameter name second; what follows is the field path as the client sent it.
        if loc and loc[0] == "body":
            loc = loc[2:]
        elif loc and loc[0] in {"query", "path"}:
            loc = loc[1:]
            if len(loc) > 1:  # query schema objects add their own name first
                loc = loc[1:]
        name = ".".join(loc) or "nonFieldErrors"
        error_type = error.get("type", "invalid")
        code = error.get("ctx", {}).get("code") if isinstance(error.get("ctx"), dict) else None
        if error_type == "missing" and name == "nonFieldErrors":
            params.append(InvalidParam(name, "parse_error", "De request body ontbreekt."))
            continue
        params.append(
            InvalidParam(name, code or PYDANTIC_CODES.get(error_type, "invalid"), _reason(error))
        )
    return params


def _reason(error: dict[str, Any]) -> str:
    """A Dutch message for the common pydantic errors; pydantic's own text otherwise."""
    ctx = error.get("ctx") if isinstance(error.get("ctx"), dict) else {}
    error_type = error.get("type", "")
    template = REASONS.get(error_type)
    if template is None:
        message = str(error.get("msg", "Ongeldige waarde."))
        return message.removeprefix("Value error, ")
    try:
        return template.format(**(ctx or {}))
    except (KeyError, IndexError):
        return template


REASONS = {
    "missing": "Dit veld is vereist.",
    "string_too_long": "Zorg ervoor dat dit veld niet meer dan {max_length} tekens bevat.",
    "string_too_short": "Zorg ervoor dat dit veld minimaal {min_length} tekens bevat.",
    "string_pattern_mismatch": "De waarde voldoet niet aan het patroon {pattern}.",
    "enum": "Dit is geen geldige keuze; kies uit {expected}.",
    "literal_error": "Dit is geen geldige keuze; kies uit {expected}.",
    "bool_parsing": "Een geldige boolean (true of false) is vereist.",
    "bool_type": "Een geldige boolean (true of false) is vereist.",
    "int_parsing": "Een geldig geheel getal is vereist.",
    "int_type": "Een geldig geheel getal is vereist.",
    "int_from_float": "Een geldig geheel getal is vereist.",
    "finite_number": "Een eindig getal is vereist.",
    "uuid_parsing": "Een geldige UUID is vereist.",
    "uuid_type": "Een geldige UUID is vereist.",
    "date_parsing": "Een geldige datum (JJJJ-MM-DD) is vereist.",
    "date_from_datetime_parsing": "Een geldige datum (JJJJ-MM-DD) is vereist.",
    "date_from_datetime_inexact": "Een datum zonder tijd (JJJJ-MM-DD) is vereist.",
    "date_type": "Een geldige datum (JJJJ-MM-DD) is vereist.",
    "datetime_parsing": "Een geldige datum en tijd (ISO 8601) is vereist.",
    "datetime_from_date_parsing": "Een geldige datum en tijd (ISO 8601) is vereist.",
    "datetime_type": "Een geldige datum en tijd (ISO 8601) is vereist.",
    "greater_than_equal": "Zorg ervoor dat deze waarde groter of gelijk is aan {ge}.",
    "less_than_equal": "Zorg ervoor dat deze waarde kleiner of gelijk is aan {le}.",
    "list_type": "Een lijst is vereist.",
    "model_type": "Een object is vereist.",
    "model_attributes_type": "Een object is vereist.",
    "dict_type": "Een object is vereist.",
    "string_type": "Een tekst is vereist.",
    "none_required": "Deze waarde moet leeg (null) zijn.",
}


Handler = Callable[[HttpRequest, Exception], HttpResponse]


def unauthenticated(request: HttpRequest) -> HttpResponse:
    """401 with a title that says what is wrong: no credentials, or credentials that are
    not valid (an unknown or inactive token, a JWT that does not check out)."""
    header = request.headers.get("Authorization", "").strip()
    if not header:
        response = problem_response(request, 401)
    else:
        scheme = header.partition(" ")[0]
        detail = {
            "Token": "Ongeldige token.",
            "Bearer": "Ongeldige JWT: onbekende client_id, verkeerde handtekening of verlopen.",
        }.get(
            scheme,
            "Ongeldige Authorization header: gebruik 'Token <sleutel>' of 'Bearer <JWT>'.",
        )
        response = problem_response(request, 401, kind=AUTHENTICATION_FAILED, detail=detail)
    # As Open Klant (Django REST framework's TokenAuthentication) says how to authenticate.
    response["WWW-Authenticate"] = "Token"
    return response


def constraint_name(error: Exception) -> str:
    """The name of the constraint a database error broke, without the values."""
    diag = getattr(error.__cause__, "diag", None)
    name = getattr(diag, "constraint_name", None)
    return str(name) if name else "unknown"


def install_problem_handlers(api: NinjaAPI) -> None:
    """Answer every error of ``api`` as a problem."""

    def on_problem(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, ApiProblem)
        return problem_response(
            request,
            exc.status,
            detail=exc.detail,
            code=exc.code,
            invalid_params=exc.invalid_params,
        )

    def on_validation(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, NinjaValidationError)
        return problem_response(request, 400, invalid_params=invalid_params_from_ninja(exc.errors))

    def on_django_validation(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, ValidationError)
        return problem_response(request, 400, invalid_params=invalid_params_from_django(exc))

    def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return problem_response(request, 404)

    def on_authentication(request: HttpRequest, exc: Exception) -> HttpResponse:
        return unauthenticated(request)

    def on_authorization(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, AuthorizationError)
        return problem_response(request, 403, detail=exc.message)

    def on_http_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        assert isinstance(exc, HttpError)
        if exc.status_code == 400:  # ninja's only 400 of its own: a body that is not JSON
            return problem_response(
                request,
                400,
                kind=PARSE_ERROR,
                detail="De request body is geen geldige JSON.",
                invalid_params=[
                    InvalidParam(
                        "nonFieldErrors", "parse_error", "De request body is geen geldige JSON."
                    )
                ],
            )
        return problem_response(request, exc.status_code, detail=str(exc))

    def on_integrity(request: HttpRequest, exc: Exception) -> HttpResponse:
        # Reached only when a concurrent request won a race the services had checked for.
        # Only the constraint's name: PostgreSQL's message quotes the clashing values
        # (a BSN, an e-mail address), which have no place in the application log.
        logger.info("Integrity error answered as 400 (constraint %s)", constraint_name(exc))
        return problem_response(
            request,
            400,
            invalid_params=[
                InvalidParam(
                    "nonFieldErrors",
                    "unique",
                    "Dit object botst met een gelijktijdig aangemaakt of gewijzigd object; "
                    "probeer het opnieuw.",
                )
            ],
        )

    def on_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error in %s %s", request.method, request.path)
        return problem_response(request, 500)

    handlers: list[tuple[type[Exception], Handler]] = [
        (ApiProblem, on_problem),
        (NinjaValidationError, on_validation),
        (ValidationError, on_django_validation),
        (Http404, on_not_found),
        (ObjectDoesNotExist, on_not_found),
        (AuthenticationError, on_authentication),
        (AuthorizationError, on_authorization),
        (HttpError, on_http_error),
        (IntegrityError, on_integrity),
        (Exception, on_error),
    ]
    for exception, handler in handlers:
        api.add_exception_handler(exception, handler)  # type: ignore[arg-type]
