"""Absolute URLs for resources, built from one prefix per request (no reverse() per object)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest

Reference = dict[str, str]


@dataclass(frozen=True)
class Ctx:
    """What a serializer needs from the request: the API's absolute base URL."""

    base: str  # e.g. "https://klanten.example.nl/klantinteracties/api/v1"

    def url(self, collection: str, uuid: UUID | str) -> str:
        return f"{self.base}/{collection}/{uuid}"

    def ref(self, collection: str, uuid: UUID | str | None) -> Reference | None:
        """The ``{uuid, url}`` object the specs use for a reference, or None."""
        if uuid is None:
            return None
        return {"uuid": str(uuid), "url": f"{self.base}/{collection}/{uuid}"}

    def refs(self, collection: str, uuids: list[UUID]) -> list[Reference]:
        return [{"uuid": str(u), "url": f"{self.base}/{collection}/{u}"} for u in uuids]


def api_context(request: HttpRequest, api_path: str) -> Ctx:
    root = settings.KLANTBEELD_BASE_URL or f"{request.scheme}://{request.get_host()}"
    return Ctx(base=f"{root}/{api_path}")
