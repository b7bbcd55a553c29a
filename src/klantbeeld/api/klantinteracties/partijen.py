"""``/partijen``: persons, organisations and contact persons (polymorphic on soortPartij)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.related import RelatedKeys, RelatedRows
from klantbeeld.api.common.resources import (
    Resource,
    flatten_groups,
    resolve_references,
    url_filter,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    READ_ONLY,
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
    Url,
    VariantOut,
    documented,
    omitted,
    one_of,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties import (
    betrokkenen,
    categorieen,
    digitaleadressen,
    partij_identificatoren,
)
from klantbeeld.api.klantinteracties.betrokkenen import ExpandBetrokkeneOut
from klantbeeld.api.klantinteracties.partij_identificatoren import (
    PartijIdentificatorNested,
    PartijIdentificatorOut,
)
from klantbeeld.api.klantinteracties.serialization import (
    adres,
    contactnaam,
    related_keys,
    related_rows,
)
from klantbeeld.domain.confidentiality import visible, without_hidden_references
from klantbeeld.domain.models import (
    Betrokkene,
    CategorieRelatie,
    DigitaalAdres,
    Partij,
    PartijIdentificator,
    Rekeningnummer,
    Vertegenwoordigden,
)
from klantbeeld.domain.models.partijen import SoortPartij
from klantbeeld.domain.services import partijen as service
from klantbeeld.domain.services.common import ChangeContext

router = Router(tags=["partijen"])

# -- request bodies ------------------------------------------------------------------------


class PartijIdentificatieIn(ApiSchema):
    """The parts of all three shapes; which are used follows from ``soortPartij``:
    persoon {contactnaam}, organisatie {naam}, contactpersoon {werkteVoorPartij,
    contactnaam}. Parts of another shape are checked but not stored."""

    contactnaam: Contactnaam | None = None
    naam: str = Field("", max_length=200)
    uuid: UUID | None = Field(
        None, description="Read-only; ignored on input.", json_schema_extra=READ_ONLY
    )
    werkte_voor_partij: Reference | None = None
    volledige_naam: str | None = Field(
        None, description="Read-only; ignored on input.", json_schema_extra=READ_ONLY
    )


class PartijIn(ApiSchema):
    """A partij; ``partijIdentificatie`` has the shape that belongs to ``soortPartij``."""

    nummer: str | None = Field(None, max_length=10, description="Deprecated.")
    interne_notitie: str = Field("", max_length=1000)
    digitale_adressen: list[Reference] | None = None
    voorkeurs_digitaal_adres: Reference | None = None
    rekeningnummers: list[Reference] | None = None
    voorkeurs_rekeningnummer: Reference | None = None
    partij_identificatoren: list[PartijIdentificatorNested] | None = None
    soort_partij: SoortPartij
    indicatie_geheimhouding: Boolean | None = None
    voorkeurstaal: str = Field("", max_length=3)
    indicatie_actief: Boolean
    bezoekadres: Adres | None = None
    correspondentieadres: Adres | None = None
    partij_identificatie: PartijIdentificatieIn | None = None


PartijPatch = partial(PartijIn, "PatchedPartijIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class PersoonIdentificatieOut(VariantOut):
    """``partijIdentificatie`` of a persoon."""

    contactnaam: ContactnaamOut
    volledige_naam: str = documented(readOnly=True)


class OrganisatieIdentificatieOut(VariantOut):
    """``partijIdentificatie`` of an organisatie."""

    naam: str


class ContactpersoonIdentificatieOut(VariantOut):
    """``partijIdentificatie`` of a contactpersoon; ``uuid`` is the contactpersoon's own."""

    uuid: UUID
    werkte_voor_partij: ReferenceOut | None = Field(
        description="The organisatie; null when unknown."
    )
    contactnaam: ContactnaamOut
    volledige_naam: str = documented(readOnly=True)


class CategorieRelatieRef(ApiSchema):
    uuid: UUID
    url: Url
    categorie_naam: str | None
    begin_datum: datetime.date | None
    eind_datum: datetime.date | None


class PartijOut(ResourceOut):
    nummer: str | None
    interne_notitie: str
    betrokkenen: list[ReferenceOut]
    categorie_relaties: list[CategorieRelatieRef]
    digitale_adressen: list[ReferenceOut]
    voorkeurs_digitaal_adres: ReferenceOut | None = Field(description="Null when there is none.")
    vertegenwoordigden: list[ReferenceOut]
    rekeningnummers: list[ReferenceOut]
    voorkeurs_rekeningnummer: ReferenceOut | None = Field(description="Null when there is none.")
    partij_identificatoren: list[PartijIdentificatorOut]
    soort_partij: SoortPartij
    indicatie_geheimhouding: bool | None
    voorkeurstaal: str
    indicatie_actief: bool
    bezoekadres: AdresOut
    correspondentieadres: AdresOut
    partij_identificatie: (
        PersoonIdentificatieOut | OrganisatieIdentificatieOut | ContactpersoonIdentificatieOut
    ) = one_of(
        "The shape that belongs to soortPartij: persoon {contactnaam, volledigeNaam}, "
        "organisatie {naam}, contactpersoon {uuid, werkteVoorPartij, contactnaam, "
        "volledigeNaam}."
    )


class PartijExpand(ApiSchema):
    """The related resources ``expand`` asked for."""

    betrokkenen: list[ExpandBetrokkeneOut] = omitted()
    categorie_relaties: list[categorieen.CategorieRelatieOut] = omitted()
    digitale_adressen: list[digitaleadressen.DigitaalAdresOut] = omitted()


class ExpandPartijOut(PartijOut):
    expand: PartijExpand = omitted("Only when expand was asked for.", alias="_expand")


PaginatedPartijList = paginated(ExpandPartijOut, "PaginatedExpandPartijList")

# -- filters -----------------------------------------------------------------------------------


def _exact(lookup: str) -> FilterLookup:
    return FilterLookup(lookup)


class PartijFilters(FilterSchema):
    bezoekadres_adresregel1: Annotated[str | None, _exact("bezoekadres_adresregel1")] = Field(
        None, alias="bezoekadresAdresregel1"
    )
    bezoekadres_adresregel2: Annotated[str | None, _exact("bezoekadres_adresregel2")] = Field(
        None, alias="bezoekadresAdresregel2"
    )
    bezoekadres_adresregel3: Annotated[str | None, _exact("bezoekadres_adresregel3")] = Field(
        None, alias="bezoekadresAdresregel3"
    )
    bezoekadres_land: Annotated[str | None, _exact("bezoekadres_land")] = Field(
        None, alias="bezoekadresLand"
    )
    bezoekadres_nummeraanduiding_id: Annotated[
        str | None, _exact("bezoekadres_nummeraanduiding_id")
    ] = Field(None, alias="bezoekadresNummeraanduidingId")
    categorie_naam: str | None = Field(
        None,
        alias="categorierelatie__categorie__naam",
        description="One or more categorie names, separated by commas (as Open Klant).",
    )
    correspondentieadres_adresregel1: Annotated[
        str | None, _exact("correspondentieadres_adresregel1")
    ] = Field(None, alias="correspondentieadresAdresregel1")
    correspondentieadres_adresregel2: Annotated[
        str | None, _exact("correspondentieadres_adresregel2")
    ] = Field(None, alias="correspondentieadresAdresregel2")
    correspondentieadres_adresregel3: Annotated[
        str | None, _exact("correspondentieadres_adresregel3")
    ] = Field(None, alias="correspondentieadresAdresregel3")
    correspondentieadres_land: Annotated[str | None, _exact("correspondentieadres_land")] = Field(
        None, alias="correspondentieadresLand"
    )
    correspondentieadres_nummeraanduiding_id: Annotated[
        str | None, _exact("correspondentieadres_nummeraanduiding_id")
    ] = Field(None, alias="correspondentieadresNummeraanduidingId")
    indicatie_actief: Annotated[bool | None, _exact("indicatie_actief")] = Field(
        None, alias="indicatieActief"
    )
    indicatie_geheimhouding: Annotated[bool | None, _exact("indicatie_geheimhouding")] = Field(
        None, alias="indicatieGeheimhouding"
    )
    nummer: Annotated[str | None, _exact("nummer")] = None
    identificator_code_objecttype: Annotated[
        str | None, _exact("partij_identificatoren__partij_identificator_code_objecttype")
    ] = Field(None, alias="partijIdentificator__codeObjecttype")
    identificator_code_register: Annotated[
        str | None, _exact("partij_identificatoren__partij_identificator_code_register")
    ] = Field(None, alias="partijIdentificator__codeRegister")
    identificator_code_soort_object_id: Annotated[
        str | None, _exact("partij_identificatoren__partij_identificator_code_soort_object_id")
    ] = Field(None, alias="partijIdentificator__codeSoortObjectId")
    identificator_object_id: Annotated[
        str | None, _exact("partij_identificatoren__partij_identificator_object_id")
    ] = Field(None, alias="partijIdentificator__objectId")
    soort_partij: Annotated[SoortPartij | None, _exact("soort_partij")] = Field(
        None, alias="soortPartij"
    )
    sub_code_objecttype: Annotated[
        str | None,
        _exact(
            "partij_identificatoren__sub_identificator_van__partij_identificator_code_objecttype"
        ),
    ] = Field(None, alias="subIdentificatorVan__codeObjecttype")
    sub_code_register: Annotated[
        str | None,
        _exact("partij_identificatoren__sub_identificator_van__partij_identificator_code_register"),
    ] = Field(None, alias="subIdentificatorVan__codeRegister")
    sub_code_soort_object_id: Annotated[
        str | None,
        _exact(
            "partij_identificatoren__sub_identificator_van__"
            "partij_identificator_code_soort_object_id"
        ),
    ] = Field(None, alias="subIdentificatorVan__codeSoortObjectId")
    sub_object_id: Annotated[
        str | None,
        _exact("partij_identificatoren__sub_identificator_van__partij_identificator_object_id"),
    ] = Field(None, alias="subIdentificatorVan__objectId")
    vertegenwoordigde_partij_url: Uri | None = Field(None, alias="vertegenwoordigdePartij__url")
    vertegenwoordigde_partij_uuid: Annotated[
        UUID | None, _exact("vertegenwoordigingen__vertegenwoordigde_partij")
    ] = Field(None, alias="vertegenwoordigdePartij__uuid")

    def filter_vertegenwoordigde_partij_url(self, value: str | None) -> Q:
        return url_filter("vertegenwoordigingen__vertegenwoordigde_partij", value)

    def filter_categorie_naam(self, value: str | None) -> Q:
        # Open Klant reads a comma-separated list: partijen with a relatie of any of them.
        if value is None:
            return Q()
        return Q(categorie_relaties__categorie__naam__in=value.split(","))


# -- reading -----------------------------------------------------------------------------------

EXPAND = ("betrokkenen", "betrokkenen.hadKlantcontact", "categorieRelaties", "digitaleAdressen")


def queryset(tree: ExpandTree) -> QuerySet[Partij]:
    """What ``serialize`` needs, without the rows the caller may not see (R12). A preferred
    address or account the caller may not see (also given on a confidential contact)
    reads as none."""
    return without_hidden_references(
        visible(_queryset(tree)), "voorkeurs_digitaal_adres", "voorkeurs_rekeningnummer"
    )


def _queryset(tree: ExpandTree) -> QuerySet[Partij]:
    prefetches: list[Prefetch[Any] | str] = []
    if "betrokkenen" in tree:
        prefetches.append(
            Prefetch(
                "betrokkenen",
                queryset=betrokkenen.queryset(tree["betrokkenen"]),
                to_attr="expanded_betrokkenen",
            )
        )
    if "categorieRelaties" in tree:
        prefetches.append(
            Prefetch(
                "categorie_relaties",
                queryset=categorieen.relatie_queryset(),
                to_attr="expanded_categorie_relaties",
            )
        )
    if "digitaleAdressen" in tree:
        prefetches.append(
            Prefetch(
                "digitale_adressen",
                queryset=digitaleadressen.queryset({}),
                to_attr="expanded_digitale_adressen",
            )
        )
    return Partij.objects.annotate(
        betrokkene_keys=RelatedKeys(Betrokkene, "was_partij"),
        digitaal_adres_keys=RelatedKeys(DigitaalAdres, "verstrekt_door_partij"),
        vertegenwoordigde_keys=RelatedKeys(
            Vertegenwoordigden, "vertegenwoordigende_partij", key="vertegenwoordigde_partij"
        ),
        rekeningnummer_keys=RelatedKeys(Rekeningnummer, "partij"),
        categorie_relatie_rows=RelatedRows(
            CategorieRelatie, "partij", select_related=("categorie",)
        ),
        partij_identificator_rows=RelatedRows(
            PartijIdentificator,
            "identificeerde_partij",
            order_by=("partij_identificator_code_soort_object_id", "pk"),
        ),
    ).prefetch_related(*prefetches)


def _partij_identificatie(ctx: Ctx, partij: Partij) -> dict[str, Any]:
    if partij.soort_partij == SoortPartij.ORGANISATIE:
        return {"naam": partij.naam}
    identificatie = {
        "contactnaam": contactnaam(partij),
        "volledigeNaam": partij.volledige_naam,
    }
    if partij.soort_partij == SoortPartij.CONTACTPERSOON:
        contactpersoon = {
            "uuid": str(partij.uuid),
            "werkteVoorPartij": ctx.ref("partijen", partij.werkte_voor_partij_id),
            **identificatie,
        }
        return contactpersoon
    return identificatie


def serialize(ctx: Ctx, partij: Partij, tree: ExpandTree) -> dict[str, Any]:
    data: dict[str, Any] = {
        "uuid": str(partij.uuid),
        "url": ctx.url("partijen", partij.uuid),
        "nummer": partij.nummer,
        "interneNotitie": partij.interne_notitie,
        "betrokkenen": ctx.refs("betrokkenen", related_keys(partij, "betrokkene")),
        "categorieRelaties": [
            {
                "uuid": str(relatie.uuid),
                "url": ctx.url("categorie-relaties", relatie.uuid),
                "categorieNaam": relatie.categorie.naam if relatie.categorie else None,
                "beginDatum": relatie.begin_datum.isoformat() if relatie.begin_datum else None,
                "eindDatum": relatie.eind_datum.isoformat() if relatie.eind_datum else None,
            }
            for relatie in related_rows(partij, "categorie_relatie")
        ],
        "digitaleAdressen": ctx.refs("digitaleadressen", related_keys(partij, "digitaal_adres")),
        "voorkeursDigitaalAdres": ctx.ref("digitaleadressen", partij.voorkeurs_digitaal_adres_id),
        "vertegenwoordigden": ctx.refs("partijen", related_keys(partij, "vertegenwoordigde")),
        "rekeningnummers": ctx.refs("rekeningnummers", related_keys(partij, "rekeningnummer")),
        "voorkeursRekeningnummer": ctx.ref("rekeningnummers", partij.voorkeurs_rekeningnummer_id),
        "partijIdentificatoren": [
            partij_identificatoren.serialize(ctx, identificator, {})
            for identificator in related_rows(partij, "partij_identificator")
        ],
        "soortPartij": partij.soort_partij,
        "indicatieGeheimhouding": partij.indicatie_geheimhouding,
        "voorkeurstaal": partij.voorkeurstaal,
        "indicatieActief": partij.indicatie_actief,
        "bezoekadres": adres(partij, "bezoekadres"),
        "correspondentieadres": adres(partij, "correspondentieadres"),
        "partijIdentificatie": _partij_identificatie(ctx, partij),
    }
    if tree:
        data["_expand"] = _expand(ctx, partij, tree)
    return data


def _expand(ctx: Ctx, partij: Partij, tree: ExpandTree) -> dict[str, Any]:
    expanded: dict[str, Any] = {}
    if "betrokkenen" in tree:
        expanded["betrokkenen"] = [
            betrokkenen.serialize(ctx, b, tree["betrokkenen"]) for b in partij.expanded_betrokkenen
        ]
    if "categorieRelaties" in tree:
        expanded["categorieRelaties"] = [
            categorieen.serialize_relatie(ctx, r, {}) for r in partij.expanded_categorie_relaties
        ]
    if "digitaleAdressen" in tree:
        expanded["digitaleAdressen"] = [
            digitaleadressen.serialize(ctx, d, {}) for d in partij.expanded_digitale_adressen
        ]
    return expanded


resource: Resource[Partij] = Resource(
    api_path="klantinteracties/api/v1",
    collection="partijen",
    model=Partij,
    serialize=serialize,
    queryset=queryset,
    expand_options=EXPAND,
    distinct_filters=True,
    name_renames={
        "naam": "partijIdentificatie.naam",
        "werkte_voor_partij": "partijIdentificatie.werkteVoorPartij",
    },
)

# -- writing -------------------------------------------------------------------------------------

REFERENCES = {
    "digitale_adressen": DigitaalAdres,
    "voorkeurs_digitaal_adres": DigitaalAdres,
    "rekeningnummers": Rekeningnummer,
    "voorkeurs_rekeningnummer": Rekeningnummer,
}
GROUPS = {"bezoekadres": Adres, "correspondentieadres": Adres}


def _identificatie_changes(
    identificatie: PartijIdentificatieIn | None, soort: str, given: bool
) -> dict[str, Any]:
    """The columns ``partijIdentificatie`` sets for a partij of ``soort``."""
    if not given:
        return {}
    identificatie = identificatie or PartijIdentificatieIn.model_validate({})
    changes: dict[str, Any] = {}
    if soort in (SoortPartij.PERSOON, SoortPartij.CONTACTPERSOON):
        naam = identificatie.contactnaam or Contactnaam.model_validate({})
        for part, value in naam.model_dump().items():
            changes[f"contactnaam_{part}"] = value
    if soort == SoortPartij.ORGANISATIE:
        changes["naam"] = identificatie.naam
    if soort == SoortPartij.CONTACTPERSOON:
        werkgever = identificatie.werkte_voor_partij
        changes["werkte_voor_partij"] = resolve_references(
            {"werkte_voor_partij": werkgever.model_dump() if werkgever else None},
            {"werkte_voor_partij": Partij},
            prefix="partijIdentificatie.",
        )["werkte_voor_partij"]
    return changes


def _changes(payload: ApiSchema, existing: Partij | None, replacing: bool) -> dict[str, Any]:
    """The domain's changes, with the identificatoren under ``partij_identificatoren``
    (None when not given)."""
    # A PATCH may leave soortPartij out: the stored one gives partijIdentificatie its shape.
    stored = existing.soort_partij if existing else ""
    soort = getattr(payload, "soort_partij", None) or stored
    changes = payload.model_dump(exclude_unset=True)
    identificatoren = changes.pop("partij_identificatoren", None)
    if identificatoren is not None:
        identificatoren = [
            partij_identificatoren.nested_changes(item, index)
            for index, item in enumerate(payload.partij_identificatoren or [])  # type: ignore[attr-defined]
        ]
    given = "partij_identificatie" in changes
    changes.pop("partij_identificatie", None)
    flatten_groups(payload, changes, GROUPS)
    resolve_references(changes, REFERENCES)
    changes.update(
        _identificatie_changes(payload.partij_identificatie, soort, given)  # type: ignore[attr-defined]
    )
    changes["partij_identificatoren"] = identificatoren
    return changes


def _create(changes: dict[str, Any], by: ChangeContext) -> Partij:
    identificatoren = changes.pop("partij_identificatoren")
    return service.create_partij(changes, by, identificatoren)


def _update(partij: Partij, changes: dict[str, Any], by: ChangeContext) -> Partij:
    identificatoren = changes.pop("partij_identificatoren")
    return service.update_partij(partij, changes, by, identificatoren)


crud_routes(
    router,
    resource,
    Writes(changes=_changes, create=_create, update=_update, delete=service.delete_partij),
    Schemas(
        body=PartijIn,
        patch=PartijPatch,
        out=PartijOut,
        page=PaginatedPartijList,
        expanded=ExpandPartijOut,
        filters=PartijFilters,
    ),
    plural="partijen",
    singular="partij",
)
