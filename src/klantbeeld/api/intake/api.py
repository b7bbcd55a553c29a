"""The intake API 1.0.0: Klantbeeld's own API through which other systems bring in what
customers sent the organisation: letters from a scan street or DMS (``/brieven``) and
websites' contact forms (``/contactformulieren``). Authorised and answering like the
other APIs; see docs/intake-api.md."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from klantbeeld.api.common.api import StandardApi
from klantbeeld.api.common.problems import (
    PARSE_ERROR,
    InvalidParam,
    Kind,
    invalid_params_from_ninja,
    problem_response,
)
from klantbeeld.api.intake import brieven, formulieren
from klantbeeld.api.intake.auth import caller
from klantbeeld.api.intake.spam import Geweigerd, tel_weigering
from klantbeeld.domain.services.zaken import RegisterFout

API_PATH = "intake/api/v1"
VERSION = "1.0.0"
THROTTLED = Kind("Throttled", "throttled", "Te veel verzoeken.")
UNAVAILABLE = Kind(
    "ServiceUnavailable", "service_unavailable", "De dienst is tijdelijk niet beschikbaar."
)
# The statuses an operation answers besides those of every operation (describe_errors).
EXTRA_ERRORS: dict[str, dict[str, str]] = {
    "brief_create": {
        "409": "Eerder vastgelegd, maar het klantcontact is inmiddels verwijderd.",
        "503": "Het document kon niet worden opgeslagen, of de intake is niet goed ingesteld.",
    },
    "contactformulier_create": {
        "409": "Eerder vastgelegd, maar het klantcontact is inmiddels verwijderd.",
        "429": "Te veel formulieren van dit IP-adres of deze applicatie in korte tijd.",
        "503": "Een bijlage kon niet worden opgeslagen, of de intake is niet goed ingesteld.",
    },
}


class IntakeApi(StandardApi):
    """A StandardApi whose bodies are forms with files, and whose refusals are counted."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        handlers: list[tuple[type[Exception], Any]] = [
            (Geweigerd, _geweigerd),
            (NinjaValidationError, _ongeldig),
            (HttpError, _geen_json),
            (RequestDataTooBig, _te_groot),
            (TooManyFieldsSent, _te_veel_delen),
            (TooManyFilesSent, _te_veel_delen),
            (MultiPartParserError, _geen_formulier),
            (RegisterFout, _register),
        ]
        for exception, handler in handlers:
            self.add_exception_handler(exception, handler)

    def _document(self) -> dict[str, Any]:
        document = super()._document()
        # The same scheme as the other APIs', whose scope is per operation here.
        schemes = document["components"]["securitySchemes"]
        scheme = schemes.pop("IntakeAuth")
        schemes["tokenAuth"] = {**scheme, "description": "'Token <sleutel>' of 'Bearer <ZGW JWT>'"}
        for path in document["paths"].values():
            for operation in path.values():
                operation["security"] = [{"tokenAuth": []}]
                _document_files(operation)
                for status, description in EXTRA_ERRORS.get(operation["operationId"], {}).items():
                    operation["responses"][status] = {
                        "description": description,
                        "headers": _version_header(),
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Fout"}}
                        },
                    }
        return document


def _document_files(operation: dict[str, Any]) -> None:
    """A file part as OpenAPI 3.1 describes binary content: not a JSON string (``type:
    string`` is 3.0's way) but any bytes of a media type."""
    form = operation.get("requestBody", {}).get("content", {}).get("multipart/form-data")
    if form is None:
        return
    properties = form["schema"]["properties"]
    for name, schema in list(properties.items()):
        # An optional part is left out, never sent as null.
        shapes = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
        if len(shapes) == 1:
            schema = properties[name] = {"title": schema.get("title", name), **shapes[0]}
        for part in (schema, schema.get("items", {})):
            if part.get("format") == "binary":
                part.pop("type", None)
                part["contentMediaType"] = "application/octet-stream"


def _version_header() -> dict[str, Any]:
    return {
        "API-version": {
            "description": "Geeft een specifieke API-versie aan in de context van een "
            f"specifieke aanroep. Voorbeeld: {VERSION}.",
            "required": True,
            "schema": {"type": "string", "example": VERSION},
        }
    }


def _geweigerd(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, Geweigerd)
    tel_weigering(caller(request).client.naam, exc.reden)
    kind = THROTTLED if exc.status == 429 else None
    response = problem_response(
        request,
        exc.status,
        detail=exc.detail,
        code=exc.code,
        invalid_params=exc.invalid_params,
        kind=kind,
    )
    if exc.status == 429:
        response["Retry-After"] = str(settings.KLANTBEELD_INTAKE_LIMIET_SECONDEN)
    return response


def _ongeldig(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Each bad field named by the form part it is in (``brief.kenmerk``, ``bestand``)."""
    assert isinstance(exc, NinjaValidationError)
    errors = [{**error, "loc": ("body", "", *error.get("loc", ())[1:])} for error in exc.errors]
    return problem_response(request, 400, invalid_params=invalid_params_from_ninja(errors))


def _geen_json(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, HttpError)
    if exc.status_code != 400:
        return problem_response(request, exc.status_code, detail=str(exc))
    return _onleesbaar(
        request, "Het gegevensdeel (brief of contactformulier) is geen geldig JSON-object."
    )


def _te_groot(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(
        request, 413, detail="De velden van het formulier (zonder bestanden) zijn te groot."
    )


def _te_veel_delen(request: HttpRequest, exc: Exception) -> HttpResponse:
    reden = "Het formulier heeft te veel delen."
    return problem_response(
        request, 400, invalid_params=[InvalidParam("nonFieldErrors", "invalid", reden)]
    )


def _geen_formulier(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _onleesbaar(request, "De aanvraag is geen geldig multipart/form-data-formulier.")


def _onleesbaar(request: HttpRequest, reden: str) -> HttpResponse:
    return problem_response(
        request,
        400,
        kind=PARSE_ERROR,
        detail=reden,
        invalid_params=[InvalidParam("nonFieldErrors", "parse_error", reden)],
    )


def _register(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem_response(
        request,
        503,
        kind=UNAVAILABLE,
        detail=f"Niet vastgelegd: het documentenregister: {exc}",
    )


api = IntakeApi(
    api_path=API_PATH,
    scope="intake",
    title="intake",
    version=VERSION,
    description="Intake-API van Klantbeeld: brieven uit een scanstraat of DMS en "
    "contactformulieren van websites vastleggen als klantcontact met taak en documenten.",
    urls_namespace="intake",
)
for module in (brieven, formulieren):
    api.add_router("", module.router)

__all__ = ["api"]
