"""Whether the BRP and the KVK are configured, so that the workspace shows links to their
pages only then (no dead buttons)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from klantbeeld.domain.models import PartijIdentificator
from klantbeeld.integrations.brp import client as brp
from klantbeeld.integrations.kvk import client as kvk

register = template.Library()


@register.simple_tag
def brp_ingesteld() -> bool:
    return brp.ingesteld()


@register.simple_tag
def kvk_ingesteld() -> bool:
    return kvk.ingesteld()


@register.filter
def heeft(identificatoren: Iterable[PartijIdentificator], soort: str) -> bool:
    """Whether one of the identificatoren is of ``soort`` (bsn, kvk_nummer)."""
    return any(i.partij_identificator_code_soort_object_id == soort for i in identificatoren)
