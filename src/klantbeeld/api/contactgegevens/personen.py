"""``/persoon``: persons in the Contactgegevens register, with their address."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.db.models import QuerySet
from ninja import Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import Resource, flatten_groups
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    Adres,
    AdresOut,
    ApiSchema,
    Datum,
    ResourceOut,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import adres, date
from klantbeeld.domain.models import Persoon
from klantbeeld.domain.services import contactgegevens as service

router = Router(tags=["personen"])

# The spec's oneOf GeslachtEnum (m, v, o) | BlankEnum (""): one literal, so a bad value
# gives one error on ``geslacht`` rather than one per branch.
Geslacht = Literal["m", "v", "o", ""]

# -- request bodies ------------------------------------------------------------------------


class PersoonIn(ApiSchema):
    geboortedatum: Datum
    overlijdensdatum: Datum | None = None
    geslachtsnaam: str = Field(max_length=200)
    geslacht: Geslacht = ""
    voorvoegsel: str = Field("", max_length=10)
    voornamen: str = Field("", max_length=200)
    adres: Adres | None = None


PersoonPatch = partial(PersoonIn, "PatchedPersoonIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class PersoonOut(ResourceOut):
    geboortedatum: datetime.date
    overlijdensdatum: datetime.date | None
    geslachtsnaam: str
    geslacht: Geslacht
    voorvoegsel: str
    voornamen: str
    adres: AdresOut


PaginatedPersoonList = paginated(PersoonOut, "PaginatedPersoonList")

# -- reading -----------------------------------------------------------------------------------


def queryset(tree: ExpandTree) -> QuerySet[Persoon]:
    return Persoon.objects.all()


def serialize(ctx: Ctx, persoon: Persoon, tree: ExpandTree) -> dict[str, Any]:
    return {
        "uuid": str(persoon.uuid),
        "url": ctx.url("persoon", persoon.uuid),
        "geboortedatum": date(persoon.geboortedatum),
        "overlijdensdatum": date(persoon.overlijdensdatum),
        "geslachtsnaam": persoon.geslachtsnaam,
        "geslacht": persoon.geslacht,
        "voorvoegsel": persoon.voorvoegsel,
        "voornamen": persoon.voornamen,
        "adres": adres(persoon, "adres"),
    }


resource: Resource[Persoon] = Resource(
    api_path="contactgegevens/api/v1",
    collection="persoon",
    model=Persoon,
    serialize=serialize,
    queryset=queryset,
)

# -- writing -------------------------------------------------------------------------------------

GROUPS = {"adres": Adres}


def _changes(payload: ApiSchema, existing: Persoon | None, replacing: bool) -> dict[str, Any]:
    return flatten_groups(payload, payload.model_dump(exclude_unset=True), GROUPS)


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_persoon,
        update=service.update_persoon,
        delete=service.delete_persoon,
    ),
    Schemas(
        body=PersoonIn,
        patch=PersoonPatch,
        out=PersoonOut,
        page=PaginatedPersoonList,
    ),
    plural="personen",
    singular="persoon",
)
