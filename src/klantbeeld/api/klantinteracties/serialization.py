"""Small serialisation helpers shared by the Klantinteracties resources."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django.db.models import Model

from klantbeeld.domain.models.base import ADRES_PARTS

_ADRES_NAMES = {
    "nummeraanduiding_id": "nummeraanduidingId",
}


def adres(obj: Model, prefix: str) -> dict[str, Any]:
    """An address group as Open Klant serves it: always an object with every part, an
    empty one as "" (also where the spec gives a pattern; see docs/conformance.md)."""
    return {_ADRES_NAMES.get(part, part): getattr(obj, f"{prefix}_{part}") for part in ADRES_PARTS}


def contactnaam(obj: Model) -> dict[str, str]:
    return {
        "voorletters": obj.contactnaam_voorletters,  # type: ignore[attr-defined]
        "voornaam": obj.contactnaam_voornaam,  # type: ignore[attr-defined]
        "voorvoegselAchternaam": obj.contactnaam_voorvoegsel_achternaam,  # type: ignore[attr-defined]
        "achternaam": obj.contactnaam_achternaam,  # type: ignore[attr-defined]
    }


def identificator(obj: Model, prefix: str) -> dict[str, str]:
    """An objectidentificator group; always an object."""
    return {
        "objectId": getattr(obj, f"{prefix}_object_id"),
        "codeObjecttype": getattr(obj, f"{prefix}_code_objecttype"),
        "codeRegister": getattr(obj, f"{prefix}_code_register"),
        "codeSoortObjectId": getattr(obj, f"{prefix}_code_soort_object_id"),
    }


def date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def datetime_(value: datetime.datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``, as the ZGW APIs write date-times."""
    if value is None:
        return None
    text = value.astimezone(datetime.UTC).isoformat()
    return text.removesuffix("+00:00") + "Z"


def related_keys(obj: Model, relation: str) -> list[UUID]:
    """The uuids a ``queryset`` annotated as ``<relation>_keys`` (see ``RelatedKeys``)."""
    keys: list[UUID] = getattr(obj, f"{relation}_keys")
    return keys


def related_rows(obj: Model, relation: str) -> list[Any]:
    """The rows a ``queryset`` annotated as ``<relation>_rows`` (see ``RelatedRows``)."""
    rows: list[Any] = getattr(obj, f"{relation}_rows")
    return rows
