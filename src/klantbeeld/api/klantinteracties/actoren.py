"""``/actoren``: employees, teams and automated systems acting for the organisation
(polymorphic on soortActor)."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import AfterValidator, Field, ValidationError

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.problems import ApiProblem, InvalidParam, invalid_params_from_ninja
from klantbeeld.api.common.resources import Resource, flatten_groups
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    ApiSchema,
    Boolean,
    Identificator,
    IdentificatorOut,
    OptionalPattern,
    ResourceOut,
    VariantOut,
    documented,
    one_of,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import identificator
from klantbeeld.domain import validators
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services import actoren as service

router = Router(tags=["actoren"])

# -- request bodies ------------------------------------------------------------------------

TELEFOONNUMMER_PATTERN = validators.ACTOR_TELEFOONNUMMER.pattern
TELEFOONNUMMER_MESSAGE = (
    "Voer een telefoonnummer in zonder spaties of streepjes: 10 cijfers beginnend met 0, "
    "of een internationaal nummer beginnend met + of 00."
)


def _email(value: str) -> str:
    if value:
        try:
            validators.validate_email(value)
        except DjangoValidationError as error:
            raise ValueError(error.messages[0]) from None
    return value


Emailadres = Annotated[
    str,
    Field(max_length=254, json_schema_extra={"format": "email"}),
    AfterValidator(_email),
]


class MedewerkerIdentificatie(ApiSchema):
    functie: str = Field(max_length=40)
    emailadres: Emailadres = ""
    telefoonnummer: str = Field(max_length=20, pattern=TELEFOONNUMMER_PATTERN)


class GeautomatiseerdeActorIdentificatie(ApiSchema):
    functie: str = Field(max_length=40)
    omschrijving: str = Field("", max_length=200)


class OrganisatorischeEenheidIdentificatie(ApiSchema):
    omschrijving: str = Field("", max_length=200)
    emailadres: Emailadres = ""
    faxnummer: str = Field("", max_length=20)
    telefoonnummer: OptionalPattern(  # type: ignore[valid-type]
        TELEFOONNUMMER_PATTERN, 20, TELEFOONNUMMER_MESSAGE
    ) = ""


IDENTIFICATIE_SCHEMAS: dict[str, type[ApiSchema]] = {
    SoortActor.MEDEWERKER: MedewerkerIdentificatie,
    SoortActor.GEAUTOMATISEERDE_ACTOR: GeautomatiseerdeActorIdentificatie,
    SoortActor.ORGANISATORISCHE_EENHEID: OrganisatorischeEenheidIdentificatie,
}


class ActorIn(ApiSchema):
    """An actor; ``actorIdentificatie`` has the shape that belongs to ``soortActor``."""

    naam: str = Field(max_length=200)
    soort_actor: SoortActor
    indicatie_actief: Boolean = True
    actoridentificator: Identificator | None = None
    actor_identificatie: dict[str, Any] | None = Field(
        None,
        description="Medewerker: {functie, emailadres, telefoonnummer}; geautomatiseerde "
        "actor: {functie, omschrijving}; organisatorische eenheid: {omschrijving, "
        "emailadres, faxnummer, telefoonnummer}. Checked against the shape of soortActor.",
    )


ActorPatch = partial(ActorIn, "PatchedActorIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class MedewerkerIdentificatieOut(VariantOut):
    """``actorIdentificatie`` of a medewerker."""

    functie: str
    emailadres: str = documented(anyOf=[{"const": ""}, {"format": "email"}])
    telefoonnummer: str


class GeautomatiseerdeActorIdentificatieOut(VariantOut):
    """``actorIdentificatie`` of a geautomatiseerde actor."""

    functie: str
    omschrijving: str


class OrganisatorischeEenheidIdentificatieOut(VariantOut):
    """``actorIdentificatie`` of an organisatorische eenheid."""

    omschrijving: str
    emailadres: str = documented(anyOf=[{"const": ""}, {"format": "email"}])
    faxnummer: str
    telefoonnummer: str


class ActorOut(ResourceOut):
    naam: str
    soort_actor: SoortActor
    indicatie_actief: bool
    actoridentificator: IdentificatorOut
    actor_identificatie: (
        MedewerkerIdentificatieOut
        | GeautomatiseerdeActorIdentificatieOut
        | OrganisatorischeEenheidIdentificatieOut
        | None
    ) = one_of(
        "Null when none was given; else the shape that belongs to soortActor: medewerker "
        "{functie, emailadres, "
        "telefoonnummer}, geautomatiseerde_actor {functie, omschrijving}, "
        "organisatorische_eenheid {omschrijving, emailadres, faxnummer, telefoonnummer}."
    )


PaginatedActorList = paginated(ActorOut, "PaginatedActorList")

# -- filters -----------------------------------------------------------------------------------


class ActorFilters(FilterSchema):
    code_objecttype: Annotated[str | None, FilterLookup("actoridentificator_code_objecttype")] = (
        Field(None, alias="actoridentificatorCodeObjecttype")
    )
    code_register: Annotated[str | None, FilterLookup("actoridentificator_code_register")] = Field(
        None, alias="actoridentificatorCodeRegister"
    )
    code_soort_object_id: Annotated[
        str | None, FilterLookup("actoridentificator_code_soort_object_id")
    ] = Field(None, alias="actoridentificatorCodeSoortObjectId")
    object_id: Annotated[str | None, FilterLookup("actoridentificator_object_id")] = Field(
        None, alias="actoridentificatorObjectId"
    )
    indicatie_actief: Annotated[bool | None, FilterLookup("indicatie_actief")] = Field(
        None, alias="indicatieActief"
    )
    # Part of the name, any case, as Open Klant searches (a team is found by "burgerzaken").
    naam: Annotated[str | None, FilterLookup("naam__icontains")] = None
    soort_actor: Annotated[SoortActor | None, FilterLookup("soort_actor")] = Field(
        None, alias="soortActor"
    )


# -- reading -----------------------------------------------------------------------------------


def queryset(tree: ExpandTree) -> QuerySet[Actor]:
    return Actor.objects.order_by("naam", "uuid")


def _actor_identificatie(obj: Actor) -> dict[str, str] | None:
    """The soort's parts, empty ones as ""; null when none was given (Open Klant stores the
    block as a separate record, and serves null without one)."""
    names = service.SOORT_FIELDS.get(obj.soort_actor, ())
    values = {name: getattr(obj, name) for name in names}
    return values if any(values.values()) else None


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


resource: Resource[Actor] = Resource(
    api_path="klantinteracties/api/v1",
    collection="actoren",
    model=Actor,
    serialize=serialize,
    queryset=queryset,
    name_renames={name: f"actorIdentificatie.{name}" for name in service.ALL_SOORT_FIELDS},
)

# -- writing -------------------------------------------------------------------------------------

GROUPS = {"actoridentificator": Identificator}


def _identificatie_changes(raw: Any, soort: str) -> dict[str, Any]:
    """The columns for ``actorIdentificatie``, checked against the shape of ``soort``.

    The group is one value: parts left out are emptied, and null empties them all (an
    actor without identificatie, as Open Klant accepts it).
    """
    if raw is None:
        return dict.fromkeys(service.SOORT_FIELDS.get(soort, ()), "")
    schema = IDENTIFICATIE_SCHEMAS[soort]
    try:
        identificatie = schema.model_validate(raw or {})
    except ValidationError as error:
        params = invalid_params_from_ninja(
            [
                {**e, "loc": ("body", "payload", "actorIdentificatie", *e["loc"])}
                for e in error.errors()
            ]
        )
        raise ApiProblem(400, invalid_params=params) from None
    values = identificatie.model_dump()
    # A block that is sent must be whole (as Open Klant: a required part may not be
    # blank); only leaving it out or null means "no identificatie".
    blank = [name for name in service.REQUIRED_FIELDS.get(soort, ()) if not values[name]]
    if blank:
        raise ApiProblem(
            400,
            invalid_params=[
                InvalidParam(f"actorIdentificatie.{name}", "blank", "Dit veld mag niet leeg zijn.")
                for name in blank
            ],
        )
    return values


def _changes(payload: ApiSchema, existing: Actor | None, replacing: bool) -> dict[str, Any]:
    # A PATCH may leave soortActor out: the stored one gives actorIdentificatie its shape.
    stored = existing.soort_actor if existing else ""
    soort = getattr(payload, "soort_actor", None) or stored
    changes = payload.model_dump(exclude_unset=True)
    given = "actor_identificatie" in changes
    changes.pop("actor_identificatie", None)
    flatten_groups(payload, changes, GROUPS)
    if given:
        changes.update(
            _identificatie_changes(payload.actor_identificatie, soort)  # type: ignore[attr-defined]
        )
    return changes


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_actor,
        update=service.update_actor,
        delete=service.delete_actor,
    ),
    Schemas(
        body=ActorIn,
        patch=ActorPatch,
        out=ActorOut,
        page=PaginatedActorList,
        filters=ActorFilters,
    ),
    plural="actoren",
    singular="actor",
)
