"""HTTP access to the configured ZGW services: the right credentials for every URL, and
errors a person can read."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpx
from django.core.cache import cache

from klantbeeld.domain.services.zaken import RegisterFout
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.auth import zgw_jwt

# The Zaken API refuses reads and writes of zaken without a coordinate system named.
CRS = "EPSG:4326"
# A list is followed for at most this many pages (Open Zaak pages by 100): a partij with
# more zaken than that is an anomaly the view says it cut short, not a reason to wait.
MAX_PAGES = 5
# Catalogi resources (zaaktypen, statustypen, …) do not change once published.
CATALOGI_CACHE_SECONDS = 600


class ZgwError(RegisterFout):
    """A register did not answer as it should; ``str()`` is a message for the user."""

    def __init__(self, service: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{service}: {message}")
        self.service = service
        self.message = message
        self.status = status


class ZgwClient:
    """Requests to the services in ``services``; one is chosen per URL by its API root
    (the longest that matches). ``user`` is the end user for the JWT's user claims."""

    def __init__(
        self,
        services: Iterable[ZgwService] | None = None,
        *,
        http: httpx.Client | None = None,
        user: tuple[str, str] = ("klantbeeld", "Klantbeeld"),
    ) -> None:
        if services is None:
            services = ZgwService.objects.filter(actief=True)
        self.services = sorted(services, key=lambda s: len(s.api_root), reverse=True)
        # A connection pool given by the caller (the worker's) is the caller's to close.
        self._own_http = http is None
        self.http = http or httpx.Client()
        self.user = user

    def __enter__(self) -> ZgwClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own_http:
            self.http.close()

    def of_kind(self, soort: str) -> list[ZgwService]:
        return [s for s in self.services if s.soort == soort]

    def service_for(self, url: str) -> ZgwService:
        for service in self.services:
            if url.startswith(service.api_root):
                return service
        raise ZgwError("Koppeling", f"geen actieve ZGW-service ingesteld voor {url}")

    # -- requests ------------------------------------------------------------------------

    def get(self, url: str, params: dict[str, str] | None = None) -> Any:
        service = self.service_for(url)
        if service.soort == Soort.CATALOGI and not params:
            key = f"zgw:{url}"
            found = cache.get(key)
            if found is None:
                found = self._request(service, "GET", url, params=params)
                cache.set(key, found, CATALOGI_CACHE_SECONDS)
            return found
        return self._request(service, "GET", url, params=params)

    def get_list(self, url: str, params: dict[str, str] | None = None) -> list[dict[str, Any]]:
        """Every item of a list, paginated (``{count, next, results}``) or a plain array."""
        service = self.service_for(url)
        data = self._request(service, "GET", url, params=params)
        if isinstance(data, list):
            return data
        items = list(data["results"])
        pages = 1
        while data.get("next") and pages < MAX_PAGES:
            data = self._request(self.service_for(data["next"]), "GET", data["next"])
            items.extend(data["results"])
            pages += 1
        return items

    def post(self, url: str, body: dict[str, Any]) -> Any:
        return self._request(self.service_for(url), "POST", url, json=body)

    def delete(self, url: str) -> None:
        self._request(self.service_for(url), "DELETE", url)

    def _request(
        self,
        service: ZgwService,
        method: str,
        url: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        headers = {
            "Authorization": "Bearer "
            + zgw_jwt(
                service.client_id,
                service.secret,
                user_id=self.user[0],
                user_representation=self.user[1],
            ),
            "Accept": "application/json",
        }
        if service.soort == Soort.ZAKEN:
            headers["Accept-Crs"] = CRS
            if json is not None:
                headers["Content-Crs"] = CRS
        try:
            response = self.http.request(
                method, url, params=params, json=json, headers=headers, timeout=service.timeout
            )
        except httpx.TimeoutException as error:
            raise ZgwError(
                service.naam, f"gaf geen antwoord binnen {seconds(service.timeout)}"
            ) from error
        except httpx.HTTPError as error:
            raise ZgwError(service.naam, f"is niet bereikbaar ({_reason(error)})") from error
        if response.status_code in (401, 403):
            raise ZgwError(
                service.naam,
                f"weigert Klantbeeld de toegang (HTTP {response.status_code}): "
                "controleer client-ID, secret en autorisaties",
                response.status_code,
            )
        if not response.is_success:
            raise ZgwError(
                service.naam,
                f"antwoordde met HTTP {response.status_code}{_detail(response)}",
                response.status_code,
            )
        if method == "DELETE" or not response.content:
            return None
        try:
            return response.json()
        except ValueError as error:
            raise ZgwError(service.naam, "antwoordde niet met JSON") from error


def seconds(value: float) -> str:
    return f"{round(value, 1):g} s".replace(".", ",")


def _reason(error: httpx.HTTPError) -> str:
    if isinstance(error, httpx.ConnectError):
        return "verbinding geweigerd of host onbekend"
    return type(error).__name__


def _detail(response: httpx.Response) -> str:
    """The problem's own words, when the register sent a ZGW problem."""
    try:
        body = response.json()
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    parts = [str(body.get("detail") or body.get("title") or "")]
    for param in body.get("invalidParams") or []:
        parts.append(f"{param.get('name')}: {param.get('reason')}")
    text = "; ".join(p for p in parts if p)
    return f": {text}" if text else ""
