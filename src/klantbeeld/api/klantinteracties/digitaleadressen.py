"""``/digitaleadressen``: e-mail addresses, phone numbers and other digital addresses."""

from __future__ import annotations

import datetime
from typing import Annotated, Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.resources import (
    Resource,
    url_filter,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes, resolved_body
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Boolean,
    Datum,
    OptionalPattern,
    Reference,
    ReferenceOut,
    ResourceOut,
    Uri,
    documented,
    omitted,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import date
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Betrokkene, DigitaalAdres, Partij
from klantbeeld.domain.models.klantcontacten import Rol
from klantbeeld.domain.models.partijen import SoortDigitaalAdres, SoortPartij
from klantbeeld.domain.services import digitale_adressen as service

router = Router(tags=["digitale adressen"])

REFERENTIE_PATTERN = r"^[-a-zA-Z0-9_]+$"

# -- request bodies ------------------------------------------------------------------------


class DigitaalAdresIn(ApiSchema):
    """A digital address, given by a partij (for future contact) and/or by a betrokkene
    (for the follow-up of one klantcontact)."""

    verstrekt_door_betrokkene: Reference | None = None
    verstrekt_door_partij: Reference | None = None
    adres: str = Field(
        max_length=80,
        description="Checked by soortDigitaalAdres: email → an e-mail address; "
        "telefoonnummer → a Dutch number (including 088, 0800 and 0900 numbers; spaces and "
        "dashes allowed) or an international number with + or 00; overig → free text.",
    )
    soort_digitaal_adres: SoortDigitaalAdres
    is_standaard_adres: Boolean = Field(
        False,
        description="Only for an address of a partij. Choosing one unsets the standard "
        "address of the same soort of that partij.",
    )
    omschrijving: str = Field("", max_length=40)
    referentie: OptionalPattern(  # type: ignore[valid-type]
        REFERENTIE_PATTERN,
        50,
        "Een referentie bestaat alleen uit letters, cijfers, '-' en '_'.",
    ) = ""
    verificatie_datum: Datum | None = None


DigitaalAdresPatch = partial(DigitaalAdresIn, "PatchedDigitaalAdresIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class DigitaalAdresOut(ResourceOut):
    verstrekt_door_betrokkene: ReferenceOut | None = Field(description="Null when there is none.")
    verstrekt_door_partij: ReferenceOut | None = Field(description="Null when there is none.")
    adres: str
    soort_digitaal_adres: SoortDigitaalAdres
    is_standaard_adres: bool
    omschrijving: str
    referentie: str = documented(pattern=f"^$|{REFERENTIE_PATTERN}", maxLength=50)
    verificatie_datum: datetime.date | None


class DigitaalAdresExpand(ApiSchema):
    """The related resources ``expand`` asked for."""

    verstrekt_door_betrokkene: betrokkenen.ExpandBetrokkeneOut | None = Field(
        None, description="Null when there is none."
    )


class ExpandDigitaalAdresOut(DigitaalAdresOut):
    expand: DigitaalAdresExpand = omitted("Only when expand was asked for.", alias="_expand")


PaginatedDigitaalAdresList = paginated(ExpandDigitaalAdresOut, "PaginatedExpandDigitaalAdresList")

# -- filters -----------------------------------------------------------------------------------

PI = "verstrekt_door_partij__partij_identificatoren__partij_identificator_"


class DigitaalAdresFilters(FilterSchema):
    adres: Annotated[str | None, FilterLookup("adres")] = None
    adres_icontains: Annotated[str | None, FilterLookup("adres__icontains")] = Field(
        None, alias="adres__icontains"
    )
    is_geverifieerd: bool | None = Field(None, alias="isGeverifieerd")
    is_standaard_adres: Annotated[bool | None, FilterLookup("is_standaard_adres")] = Field(
        None, alias="isStandaardAdres"
    )
    omschrijving: Annotated[str | None, FilterLookup("omschrijving__icontains")] = None
    referentie: Annotated[str | None, FilterLookup("referentie")] = None
    soort_digitaal_adres: Annotated[
        SoortDigitaalAdres | None, FilterLookup("soort_digitaal_adres")
    ] = Field(None, alias="soortDigitaalAdres")
    verificatie_datum: Annotated[Datum | None, FilterLookup("verificatie_datum")] = Field(
        None, alias="verificatieDatum"
    )
    verificatie_datum_gt: Annotated[Datum | None, FilterLookup("verificatie_datum__gt")] = Field(
        None, alias="verificatieDatum__gt"
    )
    verificatie_datum_gte: Annotated[Datum | None, FilterLookup("verificatie_datum__gte")] = Field(
        None, alias="verificatieDatum__gte"
    )
    verificatie_datum_lt: Annotated[Datum | None, FilterLookup("verificatie_datum__lt")] = Field(
        None, alias="verificatieDatum__lt"
    )
    verificatie_datum_lte: Annotated[Datum | None, FilterLookup("verificatie_datum__lte")] = Field(
        None, alias="verificatieDatum__lte"
    )
    betrokkene_rol: Annotated[Rol | None, FilterLookup("verstrekt_door_betrokkene__rol")] = Field(
        None, alias="verstrektDoorBetrokkene__rol"
    )
    betrokkene_url: Uri | None = Field(None, alias="verstrektDoorBetrokkene__url")
    betrokkene_uuid: Annotated[UUID | None, FilterLookup("verstrekt_door_betrokkene")] = Field(
        None, alias="verstrektDoorBetrokkene__uuid"
    )
    partij_code_objecttype: Annotated[str | None, FilterLookup(f"{PI}code_objecttype")] = Field(
        None, alias="verstrektDoorPartij__partijIdentificator__codeObjecttype"
    )
    partij_code_register: Annotated[str | None, FilterLookup(f"{PI}code_register")] = Field(
        None, alias="verstrektDoorPartij__partijIdentificator__codeRegister"
    )
    partij_code_soort_object_id: Annotated[
        str | None, FilterLookup(f"{PI}code_soort_object_id")
    ] = Field(None, alias="verstrektDoorPartij__partijIdentificator__codeSoortObjectId")
    partij_object_id: Annotated[str | None, FilterLookup(f"{PI}object_id")] = Field(
        None, alias="verstrektDoorPartij__partijIdentificator__objectId"
    )
    partij_soort_partij: Annotated[
        SoortPartij | None, FilterLookup("verstrekt_door_partij__soort_partij")
    ] = Field(None, alias="verstrektDoorPartij__soortPartij")
    partij_url: Uri | None = Field(None, alias="verstrektDoorPartij__url")
    partij_uuid: Annotated[UUID | None, FilterLookup("verstrekt_door_partij")] = Field(
        None, alias="verstrektDoorPartij__uuid"
    )

    def filter_is_geverifieerd(self, value: bool | None) -> Q:
        if value is None:
            return Q()
        return Q(verificatie_datum__isnull=not value)

    def filter_betrokkene_url(self, value: str | None) -> Q:
        return url_filter("verstrekt_door_betrokkene", value)

    def filter_partij_url(self, value: str | None) -> Q:
        return url_filter("verstrekt_door_partij", value)


# -- reading -----------------------------------------------------------------------------------

BETROKKENE = "verstrektDoorBetrokkene"
KLANTCONTACT = "hadKlantcontact"
INTERNE_TAKEN = "leiddeTotInterneTaken"
EXPAND = (
    BETROKKENE,
    f"{BETROKKENE}.{KLANTCONTACT}",
    f"{BETROKKENE}.{KLANTCONTACT}.{INTERNE_TAKEN}",
)


def queryset(tree: ExpandTree) -> QuerySet[DigitaalAdres]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[DigitaalAdres]:
    addresses = DigitaalAdres.objects.all()
    if BETROKKENE in tree:
        addresses = addresses.prefetch_related(
            Prefetch(
                "verstrekt_door_betrokkene",
                queryset=_betrokkene_queryset(tree[BETROKKENE]),
                to_attr="expanded_betrokkene",
            )
        )
    return addresses


# betrokkenen and klantcontacten expand digitale adressen in turn: importing them where used
# keeps the modules free of an import cycle.


def _betrokkene_queryset(tree: ExpandTree) -> QuerySet[Betrokkene]:
    from klantbeeld.api.klantinteracties import betrokkenen

    rows = betrokkenen.queryset({})
    if KLANTCONTACT in tree:
        from klantbeeld.api.klantinteracties import klantcontacten

        contacts = klantcontacten.queryset({})
        if INTERNE_TAKEN in tree[KLANTCONTACT]:
            from klantbeeld.api.klantinteracties import internetaken

            contacts = contacts.prefetch_related(
                Prefetch(
                    "interne_taken",
                    queryset=internetaken.queryset({}),
                    to_attr="expanded_interne_taken",
                )
            )
        rows = rows.prefetch_related(
            Prefetch("had_klantcontact", queryset=contacts, to_attr="expanded_klantcontact")
        )
    return rows


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
        "referentie": obj.referentie,
        "verificatieDatum": date(obj.verificatie_datum),
    }
    if tree:
        data["_expand"] = _expand(ctx, obj, tree)
    return data


def _expand(ctx: Ctx, obj: DigitaalAdres, tree: ExpandTree) -> dict[str, Any]:
    expanded: dict[str, Any] = {}
    if BETROKKENE in tree:
        betrokkene = obj.expanded_betrokkene  # type: ignore[attr-defined]
        # Like the reference itself, null when there is none (as Open Klant).
        expanded[BETROKKENE] = (
            None if betrokkene is None else _serialize_betrokkene(ctx, betrokkene, tree[BETROKKENE])
        )
    return expanded


def _serialize_betrokkene(ctx: Ctx, betrokkene: Betrokkene, tree: ExpandTree) -> dict[str, Any]:
    from klantbeeld.api.klantinteracties import betrokkenen

    data = betrokkenen.serialize(ctx, betrokkene, {})
    if KLANTCONTACT in tree:
        from klantbeeld.api.klantinteracties import klantcontacten

        klantcontact = betrokkene.expanded_klantcontact
        contact = klantcontacten.serialize(ctx, klantcontact, {})
        if INTERNE_TAKEN in tree[KLANTCONTACT]:
            from klantbeeld.api.klantinteracties import internetaken

            contact["_expand"] = {
                INTERNE_TAKEN: [
                    internetaken.serialize(ctx, taak, {})
                    for taak in klantcontact.expanded_interne_taken
                ]
            }
        data["_expand"] = {KLANTCONTACT: contact}
    return data


resource: Resource[DigitaalAdres] = Resource(
    api_path="klantinteracties/api/v1",
    collection="digitaleadressen",
    model=DigitaalAdres,
    serialize=serialize,
    queryset=queryset,
    expand_options=EXPAND,
    # The partijIdentificator filters follow a partij's identificatoren (to-many).
    distinct_filters=True,
)

# -- writing -------------------------------------------------------------------------------------

REFERENCES = {"verstrekt_door_betrokkene": Betrokkene, "verstrekt_door_partij": Partij}


crud_routes(
    router,
    resource,
    Writes(
        changes=resolved_body(REFERENCES),
        create=service.create_digitaal_adres,
        update=service.update_digitaal_adres,
        delete=service.delete_digitaal_adres,
    ),
    Schemas(
        body=DigitaalAdresIn,
        patch=DigitaalAdresPatch,
        out=DigitaalAdresOut,
        page=PaginatedDigitaalAdresList,
        expanded=ExpandDigitaalAdresOut,
        filters=DigitaalAdresFilters,
    ),
    plural="digitale adressen",
    singular="digitaal adres",
)


# The expansion's documentation names a resource that imports this module; bound last, when
# this module's own names exist, and resolved when the API's document is generated.
from klantbeeld.api.klantinteracties import betrokkenen  # noqa: E402
