"""``/digitaleadressen``: e-mail addresses, phone numbers and other digital addresses."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Router

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.klantinteracties.serialization import date, without_nulls
from klantbeeld.domain.models import DigitaalAdres

router = Router(tags=["digitale adressen"])


def queryset(tree: ExpandTree) -> QuerySet[DigitaalAdres]:
    return DigitaalAdres.objects.all()


def serialize(ctx: Ctx, obj: DigitaalAdres, tree: ExpandTree) -> dict[str, Any]:
    data: dict[str, Any] = {
        "uuid": str(obj.uuid),
        "url": ctx.url("digitaleadressen", obj.uuid),
        "verstrektDoorBetrokkene": ctx.ref("betrokkenen", obj.verstrekt_door_betrokkene_id),
        "verstrektDoorPartij": ctx.ref("partijen", obj.verstrekt_door_partij_id),
        "adres": obj.adres,
        "soortDigitaalAdres": obj.soort_digitaal_adres,
        "isStandaardAdres": obj.is_standaard_adres,
        "omschrijving": obj.omschrijving,
        "verificatieDatum": date(obj.verificatie_datum),
    }
    if obj.referentie:
        data["referentie"] = obj.referentie
    return without_nulls(data, "verstrektDoorBetrokkene", "verstrektDoorPartij")
