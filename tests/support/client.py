"""An API client for tests: JSON in and out, credentials set, every response validated
against the upstream specification and against the document Klantbeeld itself serves
(see support.spec)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import orjson
from django.test import Client

from tests.support.spec import validate_response, validate_served_response


class ApiResponse:
    def __init__(self, status: int, content: bytes, headers: Any) -> None:
        self.status_code = status
        self.content = content
        self.headers = headers

    def json(self) -> Any:
        return orjson.loads(self.content) if self.content else None

    def __repr__(self) -> str:
        return f"<ApiResponse {self.status_code} {self.content[:500]!r}>"


class ApiClient:
    """Calls ``base`` (an API root such as /klantinteracties/api/v1) like a consumer would."""

    def __init__(self, base: str, authorization: str | None, validate: bool = True) -> None:
        self.base = base.rstrip("/")
        self.client = Client()
        self.authorization = authorization
        self.validate = validate

    def _url(self, path: str) -> str:
        if path.startswith("http"):
            return urlsplit(path).path + (
                f"?{urlsplit(path).query}" if urlsplit(path).query else ""
            )
        if path.startswith("/"):
            return path
        return f"{self.base}/{path}"

    def request(
        self,
        method: str,
        path: str,
        json: Any = None,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
        content_type: str = "application/json",
    ) -> ApiResponse:
        url = self._url(path)
        extra: dict[str, str] = dict(headers or {})
        if self.authorization and "Authorization" not in extra:
            extra["Authorization"] = self.authorization
        body = raw if raw is not None else (orjson.dumps(json) if json is not None else b"")
        kwargs: dict[str, Any] = {"headers": extra}
        if method in {"POST", "PUT", "PATCH"}:
            kwargs["data"] = body
            kwargs["content_type"] = content_type
        elif params:
            kwargs["data"] = params
        response = (
            self.client.generic(method, url, **kwargs)
            if method
            in {
                "POST",
                "PUT",
                "PATCH",
            }
            else getattr(self.client, method.lower())(url, **kwargs)
        )
        result = ApiResponse(response.status_code, response.content, response.headers)
        if self.validate:
            query = {k: v for k, v in (params or {}).items()}
            if "?" in url:
                from urllib.parse import parse_qsl

                query.update(dict(parse_qsl(url.split("?", 1)[1])))
            exchange = (
                method,
                url.split("?", 1)[0],
                query,
                body if method in {"POST", "PUT", "PATCH"} else b"",
                content_type,
                response.status_code,
                response.content,
                response.headers.get("Content-Type", ""),
            )
            validate_response(*exchange)
            validate_served_response(*exchange, response_headers=response.headers)
        return result

    def get(self, path: str, params: dict[str, Any] | None = None, **kw: Any) -> ApiResponse:
        return self.request("GET", path, params=params, **kw)

    def post(self, path: str, json: Any = None, **kw: Any) -> ApiResponse:
        return self.request("POST", path, json=json, **kw)

    def put(self, path: str, json: Any = None, **kw: Any) -> ApiResponse:
        return self.request("PUT", path, json=json, **kw)

    def patch(self, path: str, json: Any = None, **kw: Any) -> ApiResponse:
        return self.request("PATCH", path, json=json, **kw)

    def delete(self, path: str, **kw: Any) -> ApiResponse:
        return self.request("DELETE", path, **kw)


def invalid_names(response: ApiResponse) -> set[str]:
    """The ``invalidParams`` names of a 400 answer."""
    assert response.status_code == 400, response
    return {param["name"] for param in response.json()["invalidParams"]}
