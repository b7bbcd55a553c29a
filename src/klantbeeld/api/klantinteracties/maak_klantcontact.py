"""``/maak-klantcontact``: a klantcontact with its betrokkene and onderwerpobject in one
request, stored all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router
from pydantic import Field

from klantbeeld.api.common.problems import ApiProblem, InvalidParam
from klantbeeld.api.common.resources import change_context, json_response
from klantbeeld.api.common.schemas import ApiSchema
from klantbeeld.api.klantinteracties import betrokkenen, klantcontacten, onderwerpobjecten
from klantbeeld.api.klantinteracties.betrokkenen import BetrokkeneNested, BetrokkeneOut
from klantbeeld.api.klantinteracties.klantcontacten import KlantcontactIn, KlantcontactOut
from klantbeeld.api.klantinteracties.onderwerpobjecten import (
    OnderwerpobjectNested,
    OnderwerpobjectOut,
)
from klantbeeld.domain.services import klantcontacten as service

router = Router(tags=["maak-klantcontact"])


class MaakKlantcontactIn(ApiSchema):
    """The betrokkene's ``hadKlantcontact`` and the onderwerpobject's ``klantcontact`` are
    the new klantcontact; values sent for them are ignored."""

    klantcontact: KlantcontactIn
    betrokkene: BetrokkeneNested | None = None
    onderwerpobject: OnderwerpobjectNested | None = None


class MaakKlantcontactOut(ApiSchema):
    klantcontact: KlantcontactOut
    betrokkene: BetrokkeneOut | None = Field(description="Null when none was sent.")
    onderwerpobject: OnderwerpobjectOut | None = Field(description="Null when none was sent.")


def _nested_changes(
    payload: MaakKlantcontactIn,
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The betrokkene's and onderwerpobject's changes; unknown references in both are
    reported together."""
    errors: list[InvalidParam] = []

    def resolved(
        part: ApiSchema | None, changes_from: Callable[[ApiSchema, str], dict[str, Any]], name: str
    ) -> dict[str, Any] | None:
        if part is None:
            return None
        try:
            return changes_from(part, f"{name}.")
        except ApiProblem as problem:
            errors.extend(problem.invalid_params)
            return None

    betrokkene = resolved(payload.betrokkene, betrokkenen.changes_from, "betrokkene")
    onderwerpobject = resolved(
        payload.onderwerpobject, onderwerpobjecten.changes_from, "onderwerpobject"
    )
    if errors:
        raise ApiProblem(400, invalid_params=errors)
    return betrokkene, onderwerpobject


@router.post(
    "/maak-klantcontact",
    response={201: MaakKlantcontactOut},
    operation_id="maakKlantcontactCreate",
    summary="Maak een KlantContact, Betrokkene en een OnderwerpObject aan.",
)
def maak_klantcontact(request: HttpRequest, payload: MaakKlantcontactIn) -> HttpResponse:
    betrokkene_changes, onderwerpobject_changes = _nested_changes(payload)
    with klantcontacten.resource.domain_errors():
        klantcontact, betrokkene, onderwerpobject = service.maak_klantcontact(
            klantcontacten.changes_from(payload.klantcontact),
            betrokkene_changes,
            onderwerpobject_changes,
            change_context(request),
        )
    # Served from the objects just written (what a read would return, without one).
    ctx = klantcontacten.resource.ctx(request)
    body: dict[str, Any] = {
        "klantcontact": klantcontacten.serialize(
            ctx, klantcontacten.as_created(klantcontact, betrokkene, onderwerpobject), {}
        )
    }
    # A part that was not sent is null, as Open Klant answers.
    body["betrokkene"] = (
        None
        if betrokkene is None
        else betrokkenen.serialize(ctx, betrokkenen.as_created(betrokkene), {})
    )
    body["onderwerpobject"] = (
        None if onderwerpobject is None else onderwerpobjecten.serialize(ctx, onderwerpobject, {})
    )
    return json_response(body, 201)
