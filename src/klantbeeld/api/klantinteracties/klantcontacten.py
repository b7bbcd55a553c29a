"""``/klantcontacten``: each contact between the organisation and a customer (or someone
acting for one), about one subject, through any channel."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.related import RelatedKeys, RelatedRows
from klantbeeld.api.common.resources import Resource, url_filter
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Boolean,
    DatumTijd,
    ReferenceOut,
    ResourceOut,
    Uri,
    documented,
    omitted,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties import (
    actoren,
    betrokkenen,
    bijlagen,
    internetaken,
    onderwerpobjecten,
)
from klantbeeld.api.klantinteracties.serialization import datetime_, related_keys, related_rows
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import (
    Actor,
    ActorKlantcontact,
    Betrokkene,
    Bijlage,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
)
from klantbeeld.domain.services import klantcontacten as service

router = Router(tags=["klanten contacten"])

# -- request bodies ------------------------------------------------------------------------


class KlantcontactIn(ApiSchema):
    nummer: str | None = Field(
        None,
        max_length=10,
        description="Deprecated; use referentienummer. Digits; filled in when not given.",
    )
    referentienummer: str | None = Field(
        None, max_length=10, description="Digits, unique; filled in when not given."
    )
    kanaal: str = Field(max_length=50)
    onderwerp: str = Field(max_length=200)
    inhoud: str = Field("", max_length=1000)
    reactie: str = Field("", max_length=4000)
    indicatie_contact_gelukt: Boolean | None = None
    hoofd_onderwerp_type: str | None = Field(
        "", max_length=200, description="A URL, e.g. of the zaaktype of a zaak it led to."
    )
    verdere_actie_ondernomen: Boolean = False
    taal: str = Field(max_length=3)
    vertrouwelijk: Boolean
    plaatsgevonden_op: DatumTijd = Field(None, description="Now when not given.")  # type: ignore[assignment]
    metadata: dict[str, Any] | None = Field(
        None, description="An object whose values are texts of at most 255 characters."
    )


KlantcontactPatch = partial(KlantcontactIn, "PatchedKlantcontactIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class KlantcontactOut(ResourceOut):
    ging_over_onderwerpobjecten: list[ReferenceOut]
    had_betrokken_actoren: list[actoren.ActorOut]
    omvatte_bijlagen: list[ReferenceOut]
    had_betrokkenen: list[ReferenceOut]
    leidde_tot_interne_taken: list[ReferenceOut]
    nummer: str | None
    referentienummer: str | None
    kanaal: str
    onderwerp: str
    inhoud: str
    reactie: str
    indicatie_contact_gelukt: bool | None
    hoofd_onderwerp_type: str = documented(anyOf=[{"const": ""}, {"format": "uri"}])
    verdere_actie_ondernomen: bool
    taal: str
    vertrouwelijk: bool
    plaatsgevonden_op: datetime
    metadata: dict[str, str]


class KlantcontactExpand(ApiSchema):
    """The related resources ``expand`` asked for."""

    had_betrokkenen: list[betrokkenen.ExpandBetrokkeneOut] = omitted()
    ging_over_onderwerpobjecten: list[onderwerpobjecten.OnderwerpobjectOut] = omitted()
    omvatte_bijlagen: list[bijlagen.BijlageOut] = omitted()
    leidde_tot_interne_taken: list[internetaken.InterneTaakOut] = omitted()


class ExpandKlantcontactOut(KlantcontactOut):
    expand: KlantcontactExpand = omitted("Only when expand was asked for.", alias="_expand")


PaginatedKlantcontactList = paginated(ExpandKlantcontactOut, "PaginatedExpandKlantcontactList")

# -- filters -----------------------------------------------------------------------------------

_PARTIJ_ID = "betrokkenen__was_partij__partij_identificatoren__partij_identificator_"
_OW = "onderwerpobjecten__onderwerpobjectidentificator_"
_WAS_OW = "was_onderwerpobjecten__onderwerpobjectidentificator_"


class KlantcontactFilters(FilterSchema):
    had_betrokkene_adres: Annotated[
        str | None, FilterLookup("betrokkenen__digitale_adressen__adres__icontains")
    ] = Field(None, alias="hadBetrokkene__digitaaladres__adres__icontains")
    had_betrokkene_url: Uri | None = Field(None, alias="hadBetrokkene__url")
    had_betrokkene_uuid: Annotated[UUID | None, FilterLookup("betrokkenen")] = Field(
        None, alias="hadBetrokkene__uuid"
    )
    had_betrokkene_was_partij: bool | None = Field(None, alias="hadBetrokkene__wasPartij")
    partij_code_objecttype: Annotated[str | None, FilterLookup(f"{_PARTIJ_ID}code_objecttype")] = (
        Field(None, alias="hadBetrokkene__wasPartij__partijIdentificator__codeObjecttype")
    )
    partij_code_register: Annotated[str | None, FilterLookup(f"{_PARTIJ_ID}code_register")] = Field(
        None, alias="hadBetrokkene__wasPartij__partijIdentificator__codeRegister"
    )
    partij_code_soort_object_id: Annotated[
        str | None, FilterLookup(f"{_PARTIJ_ID}code_soort_object_id")
    ] = Field(None, alias="hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId")
    partij_object_id: Annotated[str | None, FilterLookup(f"{_PARTIJ_ID}object_id")] = Field(
        None, alias="hadBetrokkene__wasPartij__partijIdentificator__objectId"
    )
    partij_url: Uri | None = Field(None, alias="hadBetrokkene__wasPartij__url")
    partij_uuid: Annotated[UUID | None, FilterLookup("betrokkenen__was_partij")] = Field(
        None, alias="hadBetrokkene__wasPartij__uuid"
    )
    indicatie_contact_gelukt: Annotated[bool | None, FilterLookup("indicatie_contact_gelukt")] = (
        Field(None, alias="indicatieContactGelukt")
    )
    inhoud: Annotated[str | None, FilterLookup("inhoud__icontains")] = None
    kanaal: Annotated[str | None, FilterLookup("kanaal")] = None
    leidde_tot_interne_taken: bool | None = Field(None, alias="leiddeTotInterneTaken")
    nummer: Annotated[str | None, FilterLookup("nummer")] = None
    onderwerp: Annotated[str | None, FilterLookup("onderwerp__icontains")] = None
    ow_code_objecttype: Annotated[str | None, FilterLookup(f"{_OW}code_objecttype")] = Field(
        None, alias="onderwerpobject__onderwerpobjectidentificatorCodeObjecttype"
    )
    ow_code_register: Annotated[str | None, FilterLookup(f"{_OW}code_register")] = Field(
        None, alias="onderwerpobject__onderwerpobjectidentificatorCodeRegister"
    )
    ow_code_soort_object_id: Annotated[str | None, FilterLookup(f"{_OW}code_soort_object_id")] = (
        Field(None, alias="onderwerpobject__onderwerpobjectidentificatorCodeSoortObjectId")
    )
    ow_object_id: Annotated[str | None, FilterLookup(f"{_OW}object_id")] = Field(
        None, alias="onderwerpobject__onderwerpobjectidentificatorObjectId"
    )
    ow_url: Uri | None = Field(None, alias="onderwerpobject__url")
    ow_uuid: Annotated[UUID | None, FilterLookup("onderwerpobjecten")] = Field(
        None, alias="onderwerpobject__uuid"
    )
    plaatsgevonden_op: Annotated[DatumTijd | None, FilterLookup("plaatsgevonden_op")] = Field(
        None, alias="plaatsgevondenOp"
    )
    reactie: Annotated[str | None, FilterLookup("reactie__icontains")] = None
    referentienummer: Annotated[str | None, FilterLookup("referentienummer")] = None
    vertrouwelijk: Annotated[bool | None, FilterLookup("vertrouwelijk")] = None
    was_ow_code_objecttype: Annotated[str | None, FilterLookup(f"{_WAS_OW}code_objecttype")] = (
        Field(None, alias="wasOnderwerpobject__onderwerpobjectidentificatorCodeObjecttype")
    )
    was_ow_code_register: Annotated[str | None, FilterLookup(f"{_WAS_OW}code_register")] = Field(
        None, alias="wasOnderwerpobject__onderwerpobjectidentificatorCodeRegister"
    )
    was_ow_code_soort_object_id: Annotated[
        str | None, FilterLookup(f"{_WAS_OW}code_soort_object_id")
    ] = Field(None, alias="wasOnderwerpobject__onderwerpobjectidentificatorCodeSoortObjectId")
    was_ow_object_id: Annotated[str | None, FilterLookup(f"{_WAS_OW}object_id")] = Field(
        None, alias="wasOnderwerpobject__onderwerpobjectidentificatorObjectId"
    )
    was_ow_url: Uri | None = Field(None, alias="wasOnderwerpobject__url")
    was_ow_uuid: Annotated[UUID | None, FilterLookup("was_onderwerpobjecten")] = Field(
        None, alias="wasOnderwerpobject__uuid"
    )

    def filter_had_betrokkene_url(self, value: str | None) -> Q:
        return url_filter("betrokkenen", value)

    def filter_had_betrokkene_was_partij(self, value: bool | None) -> Q:
        """true: a betrokkene was a partij; false: none was (also: no betrokkenen)."""
        if value is None:
            return Q()
        met_partij = Q(
            pk__in=Betrokkene.objects.filter(was_partij__isnull=False).values("had_klantcontact")
        )
        return met_partij if value else ~met_partij

    def filter_partij_url(self, value: str | None) -> Q:
        return url_filter("betrokkenen__was_partij", value)

    def filter_leidde_tot_interne_taken(self, value: bool | None) -> Q:
        if value is None:
            return Q()
        met_taak = Q(pk__in=InterneTaak.objects.values("aanleidinggevend_klantcontact"))
        return met_taak if value else ~met_taak

    def filter_ow_url(self, value: str | None) -> Q:
        return url_filter("onderwerpobjecten", value)

    def filter_was_ow_url(self, value: str | None) -> Q:
        return url_filter("was_onderwerpobjecten", value)


# -- reading -----------------------------------------------------------------------------------

EXPAND = (
    "gingOverOnderwerpobjecten",
    "hadBetrokkenen",
    "hadBetrokkenen.digitaleAdressen",
    "hadBetrokkenen.wasPartij",
    "leiddeTotInterneTaken",
    "omvatteBijlagen",
)


def queryset(tree: ExpandTree) -> QuerySet[Klantcontact]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[Klantcontact]:
    # Imported here: internetaken refers back to klantcontacten.
    from klantbeeld.api.klantinteracties import internetaken

    # Related objects in the order they were registered (uuid7 keys), expanded or not.
    prefetches: list[Prefetch[Any] | str] = []
    if "hadBetrokkenen" in tree:
        prefetches.append(
            Prefetch(
                "betrokkenen",
                queryset=betrokkenen.queryset(tree["hadBetrokkenen"]).order_by("pk"),
                to_attr="expanded_betrokkenen",
            )
        )
    if "gingOverOnderwerpobjecten" in tree:
        prefetches.append(
            Prefetch(
                "onderwerpobjecten",
                queryset=onderwerpobjecten.queryset({}).order_by("pk"),
                to_attr="expanded_onderwerpobjecten",
            )
        )
    if "omvatteBijlagen" in tree:
        prefetches.append(
            Prefetch(
                "bijlagen",
                queryset=bijlagen.queryset({}).order_by("pk"),
                to_attr="expanded_bijlagen",
            )
        )
    if "leiddeTotInterneTaken" in tree:
        prefetches.append(
            Prefetch(
                "interne_taken",
                queryset=internetaken.queryset(tree["leiddeTotInterneTaken"]),
                to_attr="expanded_interne_taken",
            )
        )
    # Newest first; of two at the same moment, the one registered last.
    return (
        Klantcontact.objects.annotate(
            actor_link_rows=RelatedRows(
                ActorKlantcontact, "klantcontact", select_related=("actor",)
            ),
            betrokkene_keys=RelatedKeys(Betrokkene, "had_klantcontact"),
            onderwerpobject_keys=RelatedKeys(Onderwerpobject, "klantcontact"),
            bijlage_keys=RelatedKeys(Bijlage, "was_bijlage_van_klantcontact"),
            interne_taak_keys=RelatedKeys(
                InterneTaak, "aanleidinggevend_klantcontact", order_by=("-toegewezen_op", "uuid")
            ),
        )
        .prefetch_related(*prefetches)
        .order_by("-plaatsgevonden_op", "-pk")
    )


def as_created(
    klantcontact: Klantcontact,
    betrokkene: Betrokkene | None,
    onderwerpobject: Onderwerpobject | None,
) -> Klantcontact:
    """A klantcontact just created with these parts, carrying what ``queryset`` would
    fetch for it (nothing else can refer to it yet)."""
    values = {
        "betrokkene_keys": [betrokkene.pk] if betrokkene else [],
        "onderwerpobject_keys": [onderwerpobject.pk] if onderwerpobject else [],
        "bijlage_keys": [],
        "interne_taak_keys": [],
        "actor_link_rows": [],
    }
    for name, value in values.items():
        setattr(klantcontact, name, value)
    return klantcontact


def _actoren(klantcontact: Klantcontact) -> list[Actor]:
    """The actoren that handled the klantcontact, by name (as ``/actoren`` lists them)."""
    links: list[ActorKlantcontact] = related_rows(klantcontact, "actor_link")
    return sorted((link.actor for link in links), key=lambda actor: (actor.naam, actor.uuid))


def serialize(ctx: Ctx, obj: Klantcontact, tree: ExpandTree) -> dict[str, Any]:
    data: dict[str, Any] = {
        "uuid": str(obj.uuid),
        "url": ctx.url("klantcontacten", obj.uuid),
        "gingOverOnderwerpobjecten": ctx.refs(
            "onderwerpobjecten", related_keys(obj, "onderwerpobject")
        ),
        "hadBetrokkenActoren": [actoren.serialize(ctx, a, {}) for a in _actoren(obj)],
        "omvatteBijlagen": ctx.refs("bijlagen", related_keys(obj, "bijlage")),
        "hadBetrokkenen": ctx.refs("betrokkenen", related_keys(obj, "betrokkene")),
        "leiddeTotInterneTaken": ctx.refs("internetaken", related_keys(obj, "interne_taak")),
        "nummer": obj.nummer,
        "referentienummer": obj.referentienummer,
        "kanaal": obj.kanaal,
        "onderwerp": obj.onderwerp,
        "inhoud": obj.inhoud,
        "reactie": obj.reactie,
        "indicatieContactGelukt": obj.indicatie_contact_gelukt,
        "hoofdOnderwerpType": obj.hoofd_onderwerp_type,
        "verdereActieOndernomen": obj.verdere_actie_ondernomen,
        "taal": obj.taal,
        "vertrouwelijk": obj.vertrouwelijk,
        "plaatsgevondenOp": datetime_(obj.plaatsgevonden_op),
        "metadata": obj.metadata,
    }
    if tree:
        data["_expand"] = _expand(ctx, obj, tree)
    return data


def _expand(ctx: Ctx, obj: Klantcontact, tree: ExpandTree) -> dict[str, Any]:
    from klantbeeld.api.klantinteracties import internetaken

    expanded: dict[str, Any] = {}
    if "hadBetrokkenen" in tree:
        expanded["hadBetrokkenen"] = [
            betrokkenen.serialize(ctx, b, tree["hadBetrokkenen"])
            for b in obj.expanded_betrokkenen  # type: ignore[attr-defined]
        ]
    if "gingOverOnderwerpobjecten" in tree:
        expanded["gingOverOnderwerpobjecten"] = [
            onderwerpobjecten.serialize(ctx, o, {})
            for o in obj.expanded_onderwerpobjecten  # type: ignore[attr-defined]
        ]
    if "omvatteBijlagen" in tree:
        expanded["omvatteBijlagen"] = [
            bijlagen.serialize(ctx, b, {})
            for b in obj.expanded_bijlagen  # type: ignore[attr-defined]
        ]
    if "leiddeTotInterneTaken" in tree:
        expanded["leiddeTotInterneTaken"] = [
            internetaken.serialize(ctx, t, tree["leiddeTotInterneTaken"])
            for t in obj.expanded_interne_taken  # type: ignore[attr-defined]
        ]
    return expanded


resource: Resource[Klantcontact] = Resource(
    api_path="klantinteracties/api/v1",
    collection="klantcontacten",
    model=Klantcontact,
    serialize=serialize,
    queryset=queryset,
    expand_options=EXPAND,
    distinct_filters=True,
)

# -- writing -------------------------------------------------------------------------------------


def changes_from(payload: ApiSchema) -> dict[str, Any]:
    return payload.model_dump(exclude_unset=True)


def _changes(payload: ApiSchema, existing: Klantcontact | None, replacing: bool) -> dict[str, Any]:
    return changes_from(payload)


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_klantcontact,
        update=service.update_klantcontact,
        delete=service.delete_klantcontact,
    ),
    Schemas(
        body=KlantcontactIn,
        patch=KlantcontactPatch,
        out=KlantcontactOut,
        page=PaginatedKlantcontactList,
        expanded=ExpandKlantcontactOut,
        filters=KlantcontactFilters,
    ),
    plural="klanten contacten",
    singular="klant contact",
)
