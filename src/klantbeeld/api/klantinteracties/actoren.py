"""``/actoren``: employees, teams and automated systems acting for the organisation."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from ninja import Router

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.klantinteracties.serialization import identificator
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor

router = Router(tags=["actoren"])

IDENTIFICATIE_FIELDS = {
    SoortActor.MEDEWERKER: ("functie", "emailadres", "telefoonnummer"),
    SoortActor.GEAUTOMATISEERDE_ACTOR: ("functie", "omschrijving"),
    SoortActor.ORGANISATORISCHE_EENHEID: (
        "omschrijving",
        "emailadres",
        "faxnummer",
        "telefoonnummer",
    ),
}
# Parts with a format or pattern in the spec: left out when empty (see docs/conformance.md).
_PATTERNED = {"emailadres", "telefoonnummer"}


def queryset(tree: ExpandTree) -> QuerySet[Actor]:
    return Actor.objects.all()


def _actor_identificatie(obj: Actor) -> dict[str, str]:
    values = {
        name: getattr(obj, name) for name in IDENTIFICATIE_FIELDS[SoortActor(obj.soort_actor)]
    }
    return {k: v for k, v in values.items() if not (k in _PATTERNED and v == "")}


def serialize(ctx: Ctx, obj: Actor, tree: ExpandTree) -> dict[str, Any]:
    return {
        "uuid": str(obj.uuid),
        "url": ctx.url("actoren", obj.uuid),
        "naam": obj.naam,
        "soortActor": obj.soort_actor,
        "indicatieActief": obj.indicatie_actief,
        "actoridentificator": identificator(obj, "actoridentificator"),
        "actorIdentificatie": _actor_identificatie(obj),
    }
