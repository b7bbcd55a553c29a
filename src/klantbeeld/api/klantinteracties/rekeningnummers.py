"""``/rekeningnummers``: bank accounts (IBAN, BIC) of partijen."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from django.db.models import Q, QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import Resource
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes, resolved_body
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Reference,
    ReferenceOut,
    ResourceOut,
    documented,
    paginated,
    partial,
)
from klantbeeld.domain import validators
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Partij, Rekeningnummer
from klantbeeld.domain.services import rekeningnummers as service

router = Router(tags=["rekeningnummers"])

# The spec's patterns; an IBAN and a BIC are served in these.
IBAN_PATTERN = r"^[A-Za-z]{2}[0-9]{2}[A-Za-z0-9]{1,30}$"
BIC_PATTERN = r"^[\S]+$"
# What is accepted (see the domain's validators): an IBAN with spaces anywhere, a BIC with
# spaces around it, or no BIC at all.
IBAN_INPUT_PATTERN = r"^\s*[A-Za-z]\s*[A-Za-z]\s*[0-9]\s*[0-9](\s*[A-Za-z0-9]){1,30}\s*$"
BIC_INPUT_PATTERN = r"^$|^\s*\S{8,11}\s*$"


class RekeningnummerIn(ApiSchema):
    partij: Reference | None = None
    # Length and format are checked by the domain after spaces are taken out, so an IBAN
    # copied in groups of four ("NL91 ABNA 0417 1643 00") is accepted.
    iban: str = Field(
        json_schema_extra={"pattern": IBAN_INPUT_PATTERN},
        description="An IBAN with a valid ISO 13616 check number; spaces are ignored and "
        "letters stored in upper case.",
    )
    bic: str = Field(
        "",
        max_length=11,
        json_schema_extra={"pattern": BIC_INPUT_PATTERN},
        description="8 to 11 characters without spaces, stored in upper case; empty for none.",
    )


RekeningnummerPatch = partial(RekeningnummerIn, "PatchedRekeningnummerIn")


class RekeningnummerOut(ResourceOut):
    partij: ReferenceOut | None = Field(description="Null when there is none.")
    iban: str = documented(pattern=IBAN_PATTERN, maxLength=34)
    bic: str = documented(
        anyOf=[{"const": ""}, {"pattern": BIC_PATTERN, "minLength": 8}], maxLength=11
    )


PaginatedRekeningnummerList = paginated(RekeningnummerOut, "PaginatedRekeningnummerList")


class RekeningnummerFilters(FilterSchema):
    bic: str | None = None
    iban: str | None = None
    uuid: Annotated[UUID | None, FilterLookup("uuid")] = None

    # Stored in one spelling (see the domain), so the search value is spelled the same way.
    def filter_iban(self, value: str | None) -> Q:
        return Q() if value is None else Q(iban=validators.normalise_iban(value))

    def filter_bic(self, value: str | None) -> Q:
        return Q() if value is None else Q(bic=value.strip().upper())


def queryset(tree: ExpandTree) -> QuerySet[Rekeningnummer]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[Rekeningnummer]:
    return Rekeningnummer.objects.all()


def serialize(ctx: Ctx, obj: Rekeningnummer, tree: ExpandTree) -> dict[str, Any]:
    data: dict[str, Any] = {
        "uuid": str(obj.uuid),
        "url": ctx.url("rekeningnummers", obj.uuid),
        "partij": ctx.ref("partijen", obj.partij_id),
        "iban": obj.iban,
        "bic": obj.bic,
    }
    return data


resource: Resource[Rekeningnummer] = Resource(
    api_path="klantinteracties/api/v1",
    collection="rekeningnummers",
    model=Rekeningnummer,
    serialize=serialize,
    queryset=queryset,
)

REFERENCES = {"partij": Partij}


crud_routes(
    router,
    resource,
    Writes(
        changes=resolved_body(REFERENCES),
        create=service.create_rekeningnummer,
        update=service.update_rekeningnummer,
        delete=service.delete_rekeningnummer,
    ),
    Schemas(
        body=RekeningnummerIn,
        patch=RekeningnummerPatch,
        out=RekeningnummerOut,
        page=PaginatedRekeningnummerList,
        filters=RekeningnummerFilters,
    ),
    plural="rekeningnummers",
    singular="rekeningnummer",
)
