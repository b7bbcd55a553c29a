"""One factory for both APIs, so they share auth, errors, rendering and the schema views."""

from __future__ import annotations

from typing import Any

import orjson
import yaml
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from klantbeeld.api.clients.auth import ClientAuth
from klantbeeld.api.common.problems import install_problem_handlers
from klantbeeld.api.common.renderers import OrjsonRenderer


class StandardApi(NinjaAPI):
    """A NinjaAPI that serves its OpenAPI document as JSON and YAML at ``schema``."""

    def __init__(self, *, api_path: str, scope: str, **kwargs: Any) -> None:
        self.api_path = api_path
        super().__init__(
            renderer=OrjsonRenderer(),
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

    def _document(self) -> dict[str, Any]:
        # Status codes are int keys in ninja's document; JSON and YAML want strings.
        raw = orjson.dumps(self.get_openapi_schema(path_prefix=""), option=orjson.OPT_NON_STR_KEYS)
        document: dict[str, Any] = orjson.loads(raw)
        return document

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
