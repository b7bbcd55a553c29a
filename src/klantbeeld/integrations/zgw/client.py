"""HTTP access to the configured ZGW services: the right credentials for every URL, and
errors a person can read."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

import httpx
from django.core.cache import cache
from django.views.decorators.debug import sensitive_variables

from klantbeeld.domain.services.zaken import RegisterFout
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.zgw_auth import zgw_jwt

# The Zaken API refuses reads and writes of zaken without a coordinate system named.
CRS = "EPSG:4326"
# A list is followed for at most this many pages (Open Zaak pages by 100); a longer one is
# returned cut short, marked ``afgekapt``, and the caller says so.
MAX_PAGES = 5
# Catalogi resources (zaaktypen, statustypen, …) do not change once published.
CATALOGI_CACHE_SECONDS = 600
# A kept-alive connection the register closed while it lay idle fails the next request
# sent on it (no answer, or a reset): a read is then asked once more on a new connection.
# A write is not: whether the register acted on it cannot be known.
VERBINDING_WEG = (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError)
IDEMPOTENT = frozenset({"GET", "HEAD"})


class ZgwError(RegisterFout):
    """A register did not answer as it should; ``str()`` is a message for the user."""

    def __init__(self, service: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{service}: {message}")
        self.service = service
        self.message = message
        self.status = status

    @property
    def tijdelijk(self) -> bool:
        """Whether asking again later may help (no answer, a server error, too many
        requests), rather than a refusal that will stay."""
        return self.status is None or self.status >= 500 or self.status == 429


class Lijst(list[dict[str, Any]]):
    """The items of a list; ``afgekapt`` when there were more than ``MAX_PAGES`` pages."""

    afgekapt = False


class ZgwClient:
    """Requests to the services in ``services``; one is chosen per URL by its API root
    (the longest that matches). ``user`` is the end user for the JWT's user claims, so the
    register's audit trail names who acted. Once ``stop`` is set, no new request starts."""

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
        self.stop = threading.Event()

    def __enter__(self) -> ZgwClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self._own_http:
            self.http.close()

    def of_kind(self, soort: str) -> list[ZgwService]:
        return [s for s in self.services if s.soort == soort]

    def service_for(self, url: str, soort: str | None = None) -> ZgwService:
        for service in self.services:
            if url.startswith(service.api_root) and soort in (None, service.soort):
                return service
        wat = f"een {Soort(soort).label}" if soort else "een actieve ZGW-service"
        raise ZgwError("Koppeling", f"{url} valt onder geen ingestelde API-root van {wat}")

    # -- requests ------------------------------------------------------------------------

    def get(self, url: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        """One resource (a JSON object)."""
        service = self.service_for(url)
        key = f"zgw:{url}"
        cacheable = service.soort == Soort.CATALOGI and not params
        found = cache.get(key) if cacheable else None
        if found is None:
            found = self._request(service, "GET", url, params=params)
            if not isinstance(found, dict):
                raise ZgwError(service.naam, f"antwoordde op {url} niet met een object")
            if cacheable:
                cache.set(key, found, CATALOGI_CACHE_SECONDS)
        return found

    def get_list(self, url: str, params: dict[str, str] | None = None) -> Lijst:
        """Every item of a list, paginated (``{count, next, results}``) or a plain array."""
        service = self.service_for(url)
        data = self._request(service, "GET", url, params=params)
        items = Lijst()
        pages = 0
        while True:
            if isinstance(data, list):
                items.extend(data)
                return items
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise ZgwError(service.naam, f"antwoordde op {url} niet met een lijst")
            items.extend(data["results"])
            pages += 1
            following = data.get("next")
            if not following:
                return items
            if pages == MAX_PAGES:
                items.afgekapt = True
                return items
            data = self._request(self.service_for(following), "GET", following)

    def post(self, url: str, body: dict[str, Any]) -> dict[str, Any]:
        service = self.service_for(url)
        created = self._request(service, "POST", url, json=body)
        if not isinstance(created, dict) or "url" not in created:
            raise ZgwError(service.naam, f"antwoordde op {url} niet met het nieuwe object")
        return created

    def delete(self, url: str) -> None:
        self._request(self.service_for(url), "DELETE", url)

    @sensitive_variables("token")
    def download(self, url: str) -> bytes:
        """A document's file from its download URL, which must lie in a configured
        Documenten API (the URL comes from a register's answer, and the request carries our
        key)."""
        service = self.service_for(url, Soort.DOCUMENTEN)
        if self.stop.is_set():
            raise ZgwError(service.naam, "niet meer gevraagd: de tijd was om")
        token = zgw_jwt(
            service.client_id,
            service.secret,
            user_id=self.user[0],
            user_representation=self.user[1],
        )
        try:
            response = self._send(
                "GET", url, headers={"Authorization": f"Bearer {token}"}, timeout=service.timeout
            )
        except httpx.TimeoutException as error:
            raise ZgwError(
                service.naam, f"gaf geen antwoord binnen {seconds(service.timeout)}"
            ) from error
        except httpx.HTTPError as error:
            raise ZgwError(service.naam, f"is niet bereikbaar ({_reason(error)})") from error
        if not response.is_success:
            raise ZgwError(
                service.naam, f"antwoordde met HTTP {response.status_code}", response.status_code
            )
        return response.content

    @sensitive_variables("headers")
    def _request(
        self,
        service: ZgwService,
        method: str,
        url: str,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        if self.stop.is_set():
            raise ZgwError(service.naam, "niet meer gevraagd: de tijd was om")
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
            response = self._send(
                method, url, params=params, json=json, headers=headers, timeout=service.timeout
            )
        except httpx.TimeoutException as error:
            raise ZgwError(
                service.naam, f"gaf geen antwoord binnen {seconds(service.timeout)}"
            ) from error
        except (httpx.HTTPError, httpx.InvalidURL, RuntimeError) as error:
            # RuntimeError: the connection pool was closed under a request still waiting.
            raise ZgwError(service.naam, f"is niet bereikbaar ({_reason(error)})") from error
        if response.status_code == 401:
            raise ZgwError(
                service.naam,
                "weigert Klantbeeld de toegang (HTTP 401): controleer client-ID en secret",
                401,
            )
        if response.status_code == 403:
            raise ZgwError(
                service.naam,
                "staat dit Klantbeeld niet toe (HTTP 403): controleer client-ID, secret en de "
                f"autorisaties van de applicatie{_detail(response)}",
                403,
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

    def _send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.http.request(method, url, **kwargs)
        except VERBINDING_WEG:
            if method not in IDEMPOTENT or self.stop.is_set():
                raise
            return self.http.request(method, url, **kwargs)


def seconds(value: float) -> str:
    return f"{round(value, 1):g} s".replace(".", ",")


def _reason(error: Exception) -> str:
    if isinstance(error, httpx.ConnectError):
        return "verbinding geweigerd of host onbekend"
    if isinstance(error, httpx.InvalidURL):
        return "ongeldige URL"
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
        if isinstance(param, dict):
            parts.append(f"{param.get('name')}: {param.get('reason')}")
    text = "; ".join(p for p in parts if p)
    return f": {text}" if text else ""
