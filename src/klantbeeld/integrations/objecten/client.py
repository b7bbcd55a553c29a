"""HTTP access to the Objecten API (``/api/v2/objects``, ``Authorization: Token …``),
configured by settings, with errors a person can read."""

from __future__ import annotations

import datetime
import time
from typing import Any

import httpx
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from klantbeeld.integrations.zgw.client import seconds

REGISTER = "Objecten API"
# The Objects API refuses writes without a coordinate system named (its GeoMixin).
CRS = "EPSG:4326"
# A list is followed for at most this many pages of 100; a longer one is cut short.
MAX_PAGES = 5


class ObjectenFout(Exception):
    """The Objecten API did not answer as it should; ``str()`` is a message for the user."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(f"{REGISTER}: {message}")
        self.message = message
        self.status = status


def ingesteld() -> bool:
    return bool(settings.KLANTBEELD_OBJECTEN_API_ROOT)


class ObjectenClient:
    """Requests to the configured Objecten API, each within what is left of ``deadline``
    seconds from the moment this client was made."""

    def __init__(self, *, http: httpx.Client | None = None, deadline: float | None = None) -> None:
        root = settings.KLANTBEELD_OBJECTEN_API_ROOT
        self.api_root = root if root.endswith("/") else f"{root}/"
        self.deadline = settings.KLANTBEELD_OBJECTEN_DEADLINE if deadline is None else deadline
        self._tot = time.monotonic() + self.deadline
        self._own_http = http is None
        self.http = http or httpx.Client()

    def __enter__(self) -> ObjectenClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own_http:
            self.http.close()

    def objecten(
        self, objecttype: str, data_attr: list[str], *, max_pages: int = MAX_PAGES
    ) -> list[dict[str, Any]]:
        """The objects of ``objecttype`` (its URL) whose data meet every ``data_attr``
        expression (``key__operator__value``), following at most ``max_pages`` pages."""
        params: list[tuple[str, str | int | float | bool | None]] = [("type", objecttype)]
        params += [("data_attr", expression) for expression in data_attr]
        data = self._request("GET", f"{self.api_root}objects", params=params)
        items: list[dict[str, Any]] = []
        for _ in range(max_pages):
            if not isinstance(data, dict) or not isinstance(data.get("results"), list):
                raise ObjectenFout("antwoordde niet met een lijst van objecten")
            items.extend(item for item in data["results"] if isinstance(item, dict))
            following = data.get("next")
            if not following:
                break
            data = self._request("GET", str(following))
        return items

    def object(self, uuid: str) -> dict[str, Any] | None:
        """One object by uuid; None when the register does not know it."""
        try:
            found = self._request("GET", f"{self.api_root}objects/{uuid}")
        except ObjectenFout as fout:
            if fout.status == 404:
                return None
            raise
        if not isinstance(found, dict):
            raise ObjectenFout("antwoordde niet met een object")
        return found

    def werk_bij(self, gevonden: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        """Merge ``data`` into the object's current record (PATCH: a new record from today,
        with the same objecttype version)."""
        record = gevonden.get("record") or {}
        body = {
            "record": {
                "typeVersion": record.get("typeVersion", 1),
                "startAt": datetime.date.today().isoformat(),
                "data": data,
            }
        }
        url = f"{self.api_root}objects/{gevonden['uuid']}"
        bijgewerkt = self._request("PATCH", url, json=body)
        if not isinstance(bijgewerkt, dict):
            raise ObjectenFout("antwoordde niet met het bijgewerkte object")
        return bijgewerkt

    @sensitive_variables("headers")
    def _request(
        self,
        method: str,
        url: str,
        *,
        params: list[tuple[str, str | int | float | bool | None]] | None = None,
        json: dict[str, Any] | None = None,
    ) -> Any:
        over = self._tot - time.monotonic()
        if over <= 0:
            raise ObjectenFout(f"gaf geen antwoord binnen {seconds(self.deadline)}")
        headers = {
            "Authorization": f"Token {settings.KLANTBEELD_OBJECTEN_TOKEN}",
            "Accept": "application/json",
            "Accept-Crs": CRS,
        }
        if json is not None:
            headers["Content-Crs"] = CRS
        try:
            response = self.http.request(
                method, url, params=params, json=json, headers=headers, timeout=over
            )
        except httpx.TimeoutException as error:
            raise ObjectenFout(f"gaf geen antwoord binnen {seconds(self.deadline)}") from error
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise ObjectenFout("is niet bereikbaar") from error
        if response.status_code in (401, 403):
            raise ObjectenFout(
                f"weigert Klantbeeld de toegang (HTTP {response.status_code}): controleer het "
                "token en de rechten op het objecttype",
                response.status_code,
            )
        if not response.is_success:
            raise ObjectenFout(f"antwoordde met HTTP {response.status_code}", response.status_code)
        try:
            return response.json()
        except ValueError as error:
            raise ObjectenFout("antwoordde niet met JSON") from error
