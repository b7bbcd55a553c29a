"""``/internetaken``: follow-up work born from a klantcontact, assigned to actoren."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from ninja import Router

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.klantinteracties.serialization import datetime_
from klantbeeld.domain.models import InterneTaak, InterneTaakActor

router = Router(tags=["interne taken"])


def queryset(tree: ExpandTree) -> QuerySet[InterneTaak]:
    return InterneTaak.objects.prefetch_related(
        Prefetch(
            "interne_taak_actoren",
            queryset=InterneTaakActor.objects.order_by("volgorde", "id"),
            to_attr="toewijzingen",
        )
    )


def serialize(ctx: Ctx, obj: InterneTaak, tree: ExpandTree) -> dict[str, Any]:
    actoren = ctx.refs("actoren", [t.actor_id for t in obj.toewijzingen])  # type: ignore[attr-defined]
    data: dict[str, Any] = {
        "uuid": str(obj.uuid),
        "url": ctx.url("internetaken", obj.uuid),
        "nummer": obj.nummer,
        "referentienummer": obj.referentienummer,
        "gevraagdeHandeling": obj.gevraagde_handeling,
        "aanleidinggevendKlantcontact": ctx.ref(
            "klantcontacten", obj.aanleidinggevend_klantcontact_id
        ),
        "toegewezenAanActoren": actoren,
        "toelichting": obj.toelichting,
        "status": obj.status,
        "toegewezenOp": datetime_(obj.toegewezen_op),
        "afgehandeldOp": datetime_(obj.afgehandeld_op),
    }
    if actoren:
        # Deprecated single assignee: the first actor, as Open Klant serves it.
        data["toegewezenAanActor"] = actoren[0]
    return data
