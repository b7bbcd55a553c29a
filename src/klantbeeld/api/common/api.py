"""One factory for both APIs, so they share auth, errors, rendering and the schema views."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import yaml
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router

from klantbeeld.api.clients.auth import ClientAuth
from klantbeeld.api.common.parsers import StrictJsonParser
from klantbeeld.api.common.problems import (
    ERROR_JSON,
    PROBLEM_JSON,
    PROBLEM_JSON_APIS,
    install_problem_handlers,
)
from klantbeeld.api.common.renderers import OrjsonRenderer


class StandardApi(NinjaAPI):
    """A NinjaAPI that serves its OpenAPI document as JSON and YAML at ``schema``."""

    def __init__(self, *, api_path: str, scope: str, **kwargs: Any) -> None:
        self.api_path = api_path
        super().__init__(
            renderer=OrjsonRenderer(),
            parser=StrictJsonParser(),
            auth=ClientAuth(scope),
            openapi_url="/schema/openapi.json",
            docs_url="/schema/docs",
            servers=[{"url": f"/{api_path}"}],
            **kwargs,
        )

        def schema(request: HttpRequest) -> HttpResponse:
            return self._schema_view(request)

        def schema_yaml(request: HttpRequest) -> HttpResponse:
            return self._schema_yaml_view(request)

        self.get("/schema", auth=None, include_in_schema=False)(schema)
        self.get("/schema/openapi.yaml", auth=None, include_in_schema=False)(schema_yaml)
        install_problem_handlers(self)

    def add_router(self, prefix: str, router: Router | str, **kwargs: Any) -> None:
        if isinstance(router, Router):
            _document_by_alias(router)
        super().add_router(prefix, router, **kwargs)

    def _document(self) -> dict[str, Any]:
        # Status codes are int keys in ninja's document; JSON and YAML want strings.
        raw = orjson.dumps(self.get_openapi_schema(path_prefix=""), option=orjson.OPT_NON_STR_KEYS)
        document: dict[str, Any] = orjson.loads(raw)
        media_type = (
            PROBLEM_JSON if f"/{self.api_path}/".startswith(PROBLEM_JSON_APIS) else ERROR_JSON
        )
        return describe_version_header(describe_errors(document, media_type), self.version)

    def _schema_view(self, request: HttpRequest) -> HttpResponse:
        wants_yaml = request.GET.get("format") == "yaml" or "yaml" in request.headers.get(
            "Accept", ""
        )
        if wants_yaml:
            return self._schema_yaml_view(request)
        from klantbeeld.api.common.resources import json_response

        return json_response(self._document())

    def _schema_yaml_view(self, request: HttpRequest) -> HttpResponse:
        text = yaml.safe_dump(self._document(), sort_keys=False, allow_unicode=True)
        return HttpResponse(text, content_type="application/vnd.oai.openapi; charset=utf-8")


def _document_by_alias(router: Router) -> None:
    """Document the responses under the API's (camelCase) names. Every view answers with
    an HttpResponse built by its resource's serialize(), which ninja passes on untouched, so
    this changes the document only."""
    for view in router.path_operations.values():
        for operation in view.operations:
            operation.by_alias = True


# The ZGW problem-details shapes every operation can answer with (Open Klant's documents
# leave them out; ours say what is really served). Every problem carries all of these
# attributes (see problems.problem_response).
FOUT_PROPERTIES: dict[str, Any] = {
    "type": {"type": "string", "description": "URI-referentie naar het type fout."},
    "code": {"type": "string", "description": "Systeemcode die het type fout aangeeft."},
    "title": {"type": "string", "description": "Generieke titel voor het type fout."},
    "status": {"type": "integer", "description": "De HTTP-statuscode."},
    "detail": {"type": "string", "description": "Uitleg over deze specifieke fout."},
    "instance": {"type": "string", "description": "URN die deze fout uniek aanduidt."},
}
FOUT = {
    "type": "object",
    "description": "Formaat van HTTP 4xx en 5xx fouten.",
    "required": list(FOUT_PROPERTIES),
    "properties": FOUT_PROPERTIES,
}
FIELD_ERROR = {
    "type": "object",
    "required": ["name", "code", "reason"],
    "properties": {
        "name": {"type": "string", "description": "Naam van het veld met ongeldige gegevens."},
        "code": {"type": "string", "description": "Systeemcode die het type fout aangeeft."},
        "reason": {"type": "string", "description": "Uitleg wat er precies fout is."},
    },
}
# Written out rather than ``allOf`` [Fout, …]: a validator that refuses undocumented
# attributes (as the test client's does) would otherwise refuse invalidParams in Fout.
VALIDATIE_FOUT = {
    "type": "object",
    "description": "Formaat van HTTP 400 fouten: een Fout met de ongeldige velden.",
    "required": [*FOUT_PROPERTIES, "invalidParams"],
    "properties": {
        **FOUT_PROPERTIES,
        "invalidParams": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/FieldValidationError"},
        },
    },
}
ERROR_RESPONSES = {
    "400": ("Ongeldige invoer.", "ValidatieFout"),
    "401": ("Geen (geldige) authenticatiegegevens.", "Fout"),
    "403": ("Geen toestemming (scope) voor deze actie.", "Fout"),
    "404": ("Niet gevonden.", "Fout"),
    "406": ("Accept header zonder JSON.", "Fout"),
    "413": ("Request body te groot.", "Fout"),
    "415": ("Request body is geen JSON.", "Fout"),
    "500": ("Interne fout.", "Fout"),
}


def describe_errors(document: dict[str, Any], media_type: str) -> dict[str, Any]:
    """Add the problem-details responses (as ``media_type``) and call the security scheme
    ``tokenAuth`` (as the upstream documents do)."""
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    # Separate copies: objects shared between them would become aliases in the YAML.
    for name, shape in (
        ("Fout", FOUT),
        ("FieldValidationError", FIELD_ERROR),
        ("ValidatieFout", VALIDATIE_FOUT),
    ):
        schemas[name] = copy.deepcopy(shape)
    schemes = components.get("securitySchemes", {})
    if "ClientAuth" in schemes:
        scheme = schemes.pop("ClientAuth")
        scheme["description"] = "'Token <sleutel>' of 'Bearer <ZGW JWT>'"
        schemes["tokenAuth"] = scheme
    for path in document.get("paths", {}).values():
        for method, operation in path.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            for security in operation.get("security", []):
                if "ClientAuth" in security:
                    security["tokenAuth"] = security.pop("ClientAuth")
            for status, (description, schema) in ERROR_RESPONSES.items():
                # Only a body can have the wrong media type; the rest applies to every
                # operation (406 and 400 come from the middleware for any request).
                if status in {"413", "415"} and method not in {"post", "put", "patch"}:
                    continue
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            media_type: {"schema": {"$ref": f"#/components/schemas/{schema}"}}
                        },
                    },
                )
    return document


def describe_version_header(document: dict[str, Any], version: str) -> dict[str, Any]:
    """Document the ``API-version`` header that every answer of the API carries (see
    middleware.ApiConventionsMiddleware), as the upstream documents do."""
    for path in document.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            for response in operation.get("responses", {}).values():
                # A new object each time: the YAML would otherwise be full of aliases.
                response.setdefault("headers", {})["API-version"] = {
                    "description": "Geeft een specifieke API-versie aan in de context van een "
                    f"specifieke aanroep. Voorbeeld: {version}.",
                    "required": True,
                    "schema": {"type": "string", "example": version},
                }
    return document
