"""``/betrokkenen``: who took part in a klantcontact, and in what role."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.related import RelatedKeys
from klantbeeld.api.common.resources import (
    Resource,
    flatten_groups,
    resolve_references,
    url_filter,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    Adres,
    AdresOut,
    ApiSchema,
    Boolean,
    Contactnaam,
    ContactnaamOut,
    Reference,
    ReferenceOut,
    ResourceOut,
    Uri,
    documented,
    omitted,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import (
    adres,
    contactnaam,
    related_keys,
)
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Betrokkene, DigitaalAdres, Klantcontact, Partij
from klantbeeld.domain.models.klantcontacten import Rol
from klantbeeld.domain.services import klantcontacten as service

router = Router(tags=["betrokkenen"])

# -- request bodies ------------------------------------------------------------------------


class BetrokkeneNested(ApiSchema):
    """A betrokkene without its klantcontact (given by the context, e.g. maak-klantcontact)."""

    was_partij: Reference | None = None
    bezoekadres: Adres | None = None
    correspondentieadres: Adres | None = None
    contactnaam: Contactnaam | None = None
    rol: Rol
    organisatienaam: str = Field("", max_length=200)
    initiator: Boolean


class BetrokkeneIn(BetrokkeneNested):
    had_klantcontact: Reference


BetrokkenePatch = partial(BetrokkeneIn, "PatchedBetrokkeneIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class BetrokkeneOut(ResourceOut):
    was_partij: ReferenceOut | None = Field(
        description="Null when the betrokkene was no known partij."
    )
    had_klantcontact: ReferenceOut
    digitale_adressen: list[ReferenceOut]
    bezoekadres: AdresOut
    correspondentieadres: AdresOut
    contactnaam: ContactnaamOut
    volledige_naam: str = documented(readOnly=True)
    rol: Rol
    organisatienaam: str
    initiator: bool


class BetrokkeneExpand(ApiSchema):
    """The related resources ``expand`` asked for: ``digitaleAdressen`` here, ``wasPartij``
    through /klantcontacten, ``hadKlantcontact`` through /partijen and /digitaleadressen."""

    digitale_adressen: list[digitaleadressen.DigitaalAdresOut] = omitted()
    was_partij: partijen.PartijOut | None = Field(None, description="Null without a partij.")
    had_klantcontact: klantcontacten.ExpandKlantcontactOut = omitted()


class ExpandBetrokkeneOut(BetrokkeneOut):
    expand: BetrokkeneExpand = omitted("Only when expand was asked for.", alias="_expand")


PaginatedBetrokkeneList = paginated(ExpandBetrokkeneOut, "PaginatedExpandBetrokkeneList")

# -- filters -----------------------------------------------------------------------------------

_IDENTIFICATOR = "was_partij__partij_identificatoren__partij_identificator_"


class BetrokkeneFilters(FilterSchema):
    contactnaam_achternaam: Annotated[str | None, FilterLookup("contactnaam_achternaam")] = Field(
        None, alias="contactnaamAchternaam"
    )
    contactnaam_voorletters: Annotated[str | None, FilterLookup("contactnaam_voorletters")] = Field(
        None, alias="contactnaamVoorletters"
    )
    contactnaam_voornaam: Annotated[str | None, FilterLookup("contactnaam_voornaam")] = Field(
        None, alias="contactnaamVoornaam"
    )
    contactnaam_voorvoegsel_achternaam: Annotated[
        str | None, FilterLookup("contactnaam_voorvoegsel_achternaam")
    ] = Field(None, alias="contactnaamVoorvoegselAchternaam")
    had_klantcontact_nummer: Annotated[str | None, FilterLookup("had_klantcontact__nummer")] = (
        Field(None, alias="hadKlantcontact__nummer")
    )
    had_klantcontact_referentienummer: Annotated[
        str | None, FilterLookup("had_klantcontact__referentienummer")
    ] = Field(None, alias="hadKlantcontact__referentienummer")
    had_klantcontact_url: Uri | None = Field(None, alias="hadKlantcontact__url")
    had_klantcontact_uuid: Annotated[UUID | None, FilterLookup("had_klantcontact")] = Field(
        None, alias="hadKlantcontact__uuid"
    )
    organisatienaam: Annotated[str | None, FilterLookup("organisatienaam")] = None
    digitaal_adres_adres: Annotated[str | None, FilterLookup("digitale_adressen__adres")] = Field(
        None, alias="verstrektedigitaalAdres__adres"
    )
    digitaal_adres_url: Uri | None = Field(None, alias="verstrektedigitaalAdres__url")
    digitaal_adres_uuid: Annotated[UUID | None, FilterLookup("digitale_adressen")] = Field(
        None, alias="verstrektedigitaalAdres__uuid"
    )
    was_partij_nummer: Annotated[str | None, FilterLookup("was_partij__nummer")] = Field(
        None, alias="wasPartij__nummer"
    )
    was_partij_code_objecttype: Annotated[
        str | None, FilterLookup(f"{_IDENTIFICATOR}code_objecttype")
    ] = Field(None, alias="wasPartij__partijIdentificator__codeObjecttype")
    was_partij_code_register: Annotated[
        str | None, FilterLookup(f"{_IDENTIFICATOR}code_register")
    ] = Field(None, alias="wasPartij__partijIdentificator__codeRegister")
    was_partij_code_soort_object_id: Annotated[
        str | None, FilterLookup(f"{_IDENTIFICATOR}code_soort_object_id")
    ] = Field(None, alias="wasPartij__partijIdentificator__codeSoortObjectId")
    was_partij_object_id: Annotated[str | None, FilterLookup(f"{_IDENTIFICATOR}object_id")] = Field(
        None, alias="wasPartij__partijIdentificator__objectId"
    )
    was_partij_url: Uri | None = Field(None, alias="wasPartij__url")
    was_partij_uuid: Annotated[UUID | None, FilterLookup("was_partij")] = Field(
        None, alias="wasPartij__uuid"
    )

    def filter_had_klantcontact_url(self, value: str | None) -> Q:
        return url_filter("had_klantcontact", value)

    def filter_digitaal_adres_url(self, value: str | None) -> Q:
        return url_filter("digitale_adressen", value)

    def filter_was_partij_url(self, value: str | None) -> Q:
        return url_filter("was_partij", value)


# -- reading -----------------------------------------------------------------------------------

EXPAND = ("digitaleAdressen",)


def queryset(tree: ExpandTree) -> QuerySet[Betrokkene]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[Betrokkene]:
    """Betrokkenen with what ``serialize`` needs. Besides ``digitaleAdressen`` (the only
    expansion of ``/betrokkenen`` itself), the tree may hold ``wasPartij`` (asked through
    ``/klantcontacten``) and ``hadKlantcontact`` (through ``/partijen`` and
    ``/digitaleadressen``)."""
    # Imported here: these modules import this one.
    from klantbeeld.api.klantinteracties import digitaleadressen, klantcontacten, partijen

    prefetches: list[Prefetch[Any] | str] = []
    if "digitaleAdressen" in tree:
        prefetches.append(
            Prefetch(
                "digitale_adressen",
                queryset=digitaleadressen.queryset(tree["digitaleAdressen"]).order_by("pk"),
                to_attr="expanded_digitale_adressen",
            )
        )
    # The references are served from the foreign keys' columns, so an expanded one can
    # fill the relation's own cache. (With to_attr, Django would later read the relation
    # once per row while merging the nested querysets' prefetches.)
    if "wasPartij" in tree:
        prefetches.append(Prefetch("was_partij", queryset=partijen.queryset(tree["wasPartij"])))
    if "hadKlantcontact" in tree:
        prefetches.append(
            Prefetch("had_klantcontact", queryset=klantcontacten.queryset(tree["hadKlantcontact"]))
        )
    return Betrokkene.objects.annotate(
        digitaal_adres_keys=RelatedKeys(DigitaalAdres, "verstrekt_door_betrokkene")
    ).prefetch_related(*prefetches)


def as_created(betrokkene: Betrokkene) -> Betrokkene:
    """A betrokkene just created, carrying what ``queryset`` would fetch for it (no
    digitaal adres can refer to it yet)."""
    betrokkene.digitaal_adres_keys = []
    return betrokkene


def serialize(ctx: Ctx, obj: Betrokkene, tree: ExpandTree) -> dict[str, Any]:
    data = {
        "uuid": str(obj.uuid),
        "url": ctx.url("betrokkenen", obj.uuid),
        "wasPartij": ctx.ref("partijen", obj.was_partij_id),
        "hadKlantcontact": ctx.ref("klantcontacten", obj.had_klantcontact_id),
        "digitaleAdressen": ctx.refs("digitaleadressen", related_keys(obj, "digitaal_adres")),
        "bezoekadres": adres(obj, "bezoekadres"),
        "correspondentieadres": adres(obj, "correspondentieadres"),
        "contactnaam": contactnaam(obj),
        "volledigeNaam": obj.volledige_naam,
        "rol": obj.rol,
        "organisatienaam": obj.organisatienaam,
        "initiator": obj.initiator,
    }
    if tree:
        data["_expand"] = _expand(ctx, obj, tree)
    return data


def _expand(ctx: Ctx, obj: Betrokkene, tree: ExpandTree) -> dict[str, Any]:
    from klantbeeld.api.klantinteracties import digitaleadressen, klantcontacten, partijen

    expanded: dict[str, Any] = {}
    if "digitaleAdressen" in tree:
        expanded["digitaleAdressen"] = [
            digitaleadressen.serialize(ctx, d, tree["digitaleAdressen"])
            for d in obj.expanded_digitale_adressen
        ]
    if "wasPartij" in tree:
        partij = obj.was_partij
        expanded["wasPartij"] = (
            partijen.serialize(ctx, partij, tree["wasPartij"]) if partij else None
        )
    if "hadKlantcontact" in tree:
        expanded["hadKlantcontact"] = klantcontacten.serialize(
            ctx, obj.had_klantcontact, tree["hadKlantcontact"]
        )
    return expanded


resource: Resource[Betrokkene] = Resource(
    api_path="klantinteracties/api/v1",
    collection="betrokkenen",
    model=Betrokkene,
    serialize=serialize,
    queryset=queryset,
    expand_options=EXPAND,
    distinct_filters=True,
)

# -- writing -------------------------------------------------------------------------------------

REFERENCES = {"was_partij": Partij, "had_klantcontact": Klantcontact}
GROUPS: dict[str, type[ApiSchema]] = {
    "bezoekadres": Adres,
    "correspondentieadres": Adres,
    "contactnaam": Contactnaam,
}


def changes_from(payload: ApiSchema, prefix: str = "") -> dict[str, Any]:
    """The domain's changes from a betrokkene body (also nested, with ``prefix``)."""
    changes = payload.model_dump(exclude_unset=True)
    flatten_groups(payload, changes, GROUPS)
    return resolve_references(changes, REFERENCES, prefix)


def _changes(payload: ApiSchema, existing: Betrokkene | None, replacing: bool) -> dict[str, Any]:
    return changes_from(payload)


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_betrokkene,
        update=service.update_betrokkene,
        delete=service.delete_betrokkene,
    ),
    Schemas(
        body=BetrokkeneIn,
        patch=BetrokkenePatch,
        out=BetrokkeneOut,
        page=PaginatedBetrokkeneList,
        expanded=ExpandBetrokkeneOut,
        filters=BetrokkeneFilters,
    ),
    plural="betrokkenen",
    singular="betrokkene",
)


# The expansions' documentation names resources that import this module; bound last, when
# this module's own names exist, and resolved when the API's document is generated.
from klantbeeld.api.klantinteracties import (  # noqa: E402
    digitaleadressen,
    klantcontacten,
    partijen,
)
