"""``/betrokkenen``: who took part in a klantcontact, and in what role."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from ninja import Router

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.klantinteracties.serialization import adres, contactnaam, without_nulls
from klantbeeld.domain.models import Betrokkene, DigitaalAdres

router = Router(tags=["betrokkenen"])


def queryset(tree: ExpandTree) -> QuerySet[Betrokkene]:
    return Betrokkene.objects.prefetch_related(
        Prefetch(
            "digitale_adressen",
            queryset=DigitaalAdres.objects.only("uuid", "verstrekt_door_betrokkene"),
        )
    )


def serialize(ctx: Ctx, obj: Betrokkene, tree: ExpandTree) -> dict[str, Any]:
    data = {
        "uuid": str(obj.uuid),
        "url": ctx.url("betrokkenen", obj.uuid),
        "wasPartij": ctx.ref("partijen", obj.was_partij_id),
        "hadKlantcontact": ctx.ref("klantcontacten", obj.had_klantcontact_id),
        "digitaleAdressen": ctx.refs(
            "digitaleadressen", [d.uuid for d in obj.digitale_adressen.all()]
        ),
        "bezoekadres": adres(obj, "bezoekadres"),
        "correspondentieadres": adres(obj, "correspondentieadres"),
        "contactnaam": contactnaam(obj),
        "volledigeNaam": obj.volledige_naam,
        "rol": obj.rol,
        "organisatienaam": obj.organisatienaam,
        "initiator": obj.initiator,
    }
    return without_nulls(data, "wasPartij")
