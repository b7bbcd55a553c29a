"""``/categorieen`` and ``/categorie-relaties``: labels on partijen (experimental)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Router

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.klantinteracties.serialization import date, without_nulls
from klantbeeld.domain.models import CategorieRelatie

router = Router(tags=["categorieen"])


def relatie_queryset() -> QuerySet[CategorieRelatie]:
    return CategorieRelatie.objects.select_related("categorie")


def serialize_relatie(ctx: Ctx, obj: CategorieRelatie, tree: ExpandTree) -> dict[str, Any]:
    data = {
        "uuid": str(obj.uuid),
        "url": ctx.url("categorie-relaties", obj.uuid),
        "partij": ctx.ref("partijen", obj.partij_id),
        "categorie": (
            {
                "uuid": str(obj.categorie.uuid),
                "url": ctx.url("categorieen", obj.categorie.uuid),
                "naam": obj.categorie.naam,
            }
            if obj.categorie
            else None
        ),
        "beginDatum": date(obj.begin_datum),
        "eindDatum": date(obj.eind_datum),
    }
    return without_nulls(data, "partij", "categorie")
