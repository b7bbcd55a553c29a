"""A partij's preferred digitaal adres and rekeningnummer are her own."""

from __future__ import annotations

from typing import Any

from django.db import models

from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.common import (
    ChangeContext,
    save_audited,
    snapshot,
)


def drop_foreign_voorkeur(
    field: str, target: models.Model, owner_id: Any, by: ChangeContext
) -> None:
    """A partij's preferred address or account is one of her own: when ``target`` leaves
    a partij (moved, unlinked, deleted), that partij's preference for it ends."""
    stale = Partij.objects.select_for_update().filter(**{field: target})
    if owner_id is not None:
        stale = stale.exclude(pk=owner_id)
    for partij in stale:
        oud = snapshot(partij)
        setattr(partij, field, None)
        save_audited(partij, by, oud)
