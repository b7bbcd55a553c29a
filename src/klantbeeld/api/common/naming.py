"""Translate between the domain's snake_case field names and the API's camelCase names."""

from __future__ import annotations

from collections.abc import Mapping

# Column groups stored flat in the domain (``bezoekadres_postcode``) that the API shows
# nested (``bezoekadres.postcode``).
GROUPS = (
    "bezoekadres",
    "correspondentieadres",
    "adres",
    "partij_identificator",
    "actoridentificator",
    "onderwerpobjectidentificator",
    "bijlageidentificator",
    "contactnaam",
)


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def api_name(domain_path: str, renames: Mapping[str, str] | None = None) -> str:
    """``partij_identificatoren.0.partij_identificator_object_id`` →
    ``partijIdentificatoren.0.partijIdentificator.objectId``."""
    parts = []
    for segment in domain_path.split("."):
        if renames and segment in renames:
            parts.append(renames[segment])
        elif segment.isdigit() or segment == "nonFieldErrors":
            parts.append(segment)
        else:
            parts.append(_segment(segment))
    return ".".join(parts)


def _segment(segment: str) -> str:
    if segment == "__all__":
        return "nonFieldErrors"
    for group in GROUPS:
        if segment.startswith(group + "_"):
            return f"{camel(group)}.{camel(segment[len(group) + 1 :])}"
    return camel(segment)
