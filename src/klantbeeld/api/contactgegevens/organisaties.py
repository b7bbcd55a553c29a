"""``/organisatie``: organisations in the Contactgegevens register, with their address."""

from __future__ import annotations

import datetime
from typing import Any

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
from klantbeeld.domain.models import Organisatie
from klantbeeld.domain.services import contactgegevens as service

router = Router(tags=["organisaties"])

# -- request bodies ------------------------------------------------------------------------


class OrganisatieIn(ApiSchema):
    handelsnaam: str = Field(max_length=255)
    oprichtingsdatum: Datum | None = None
    opheffingsdatum: Datum | None = None
    adres: Adres | None = None


OrganisatiePatch = partial(OrganisatieIn, "PatchedOrganisatieIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class OrganisatieOut(ResourceOut):
    handelsnaam: str
    oprichtingsdatum: datetime.date | None
    opheffingsdatum: datetime.date | None
    adres: AdresOut


PaginatedOrganisatieList = paginated(OrganisatieOut, "PaginatedOrganisatieList")

# -- reading -----------------------------------------------------------------------------------


def queryset(tree: ExpandTree) -> QuerySet[Organisatie]:
    return Organisatie.objects.all()


def serialize(ctx: Ctx, organisatie: Organisatie, tree: ExpandTree) -> dict[str, Any]:
    return {
        "uuid": str(organisatie.uuid),
        "url": ctx.url("organisatie", organisatie.uuid),
        "handelsnaam": organisatie.handelsnaam,
        "oprichtingsdatum": date(organisatie.oprichtingsdatum),
        "opheffingsdatum": date(organisatie.opheffingsdatum),
        "adres": adres(organisatie, "adres"),
    }


resource: Resource[Organisatie] = Resource(
    api_path="contactgegevens/api/v1",
    collection="organisatie",
    model=Organisatie,
    serialize=serialize,
    queryset=queryset,
)

# -- writing -------------------------------------------------------------------------------------

GROUPS = {"adres": Adres}


def _changes(payload: ApiSchema, existing: Organisatie | None, replacing: bool) -> dict[str, Any]:
    return flatten_groups(payload, payload.model_dump(exclude_unset=True), GROUPS)


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_organisatie,
        update=service.update_organisatie,
        delete=service.delete_organisatie,
    ),
    Schemas(
        body=OrganisatieIn,
        patch=OrganisatiePatch,
        out=OrganisatieOut,
        page=PaginatedOrganisatieList,
    ),
    plural="organisaties",
    singular="organisatie",
)
