"""``/internetaken``: follow-up work born from a klantcontact, assigned to actoren."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from django.db.models import Q, QuerySet
from ninja import FilterLookup, FilterSchema, Router
from pydantic import Field

from klantbeeld.api.common.context import Ctx
from klantbeeld.api.common.expand import ExpandTree
from klantbeeld.api.common.problems import ApiProblem, InvalidParam
from klantbeeld.api.common.related import RelatedKeys
from klantbeeld.api.common.resources import (
    Resource,
    resolve_references,
    url_filter,
    uuid_from_url,
)
from klantbeeld.api.common.routes import Schemas, Writes, crud_routes
from klantbeeld.api.common.schemas import (
    ApiSchema,
    DatumTijd,
    Reference,
    ReferenceOut,
    ResourceOut,
    Uri,
    paginated,
    partial,
)
from klantbeeld.api.klantinteracties.serialization import datetime_, related_keys
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, InterneTaak, InterneTaakActor, Klantcontact
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.services import internetaken as service

router = Router(tags=["interne taken"])

# -- request bodies ------------------------------------------------------------------------


class InterneTaakIn(ApiSchema):
    """An interne taak. Assign it with ``toegewezenAanActoren`` (or, deprecated, with one
    ``toegewezenAanActor``; never both)."""

    nummer: str | None = Field(
        None, max_length=10, description="Deprecated. Generated when not given."
    )
    referentienummer: str | None = Field(
        None, max_length=10, description="Generated when not given."
    )
    gevraagde_handeling: str = Field(max_length=200)
    aanleidinggevend_klantcontact: Reference
    # Not nullable: a default of None only marks the key as optional.
    toegewezen_aan_actor: Reference = Field(None, description="Deprecated.")  # type: ignore[assignment]
    toegewezen_aan_actoren: list[Reference] = Field(None)  # type: ignore[arg-type]
    toelichting: str = Field("", max_length=1000)
    status: Status = Field(Status.TE_VERWERKEN, description="A new task starts te_verwerken.")
    afgehandeld_op: DatumTijd | None = Field(
        None, description="Only with status verwerkt; set to now when it becomes verwerkt."
    )


InterneTaakPatch = partial(InterneTaakIn, "PatchedInterneTaakIn")

# -- responses (documentation; the bodies are built by serialize()) --------------------------


class InterneTaakOut(ResourceOut):
    nummer: str | None
    referentienummer: str | None
    gevraagde_handeling: str
    aanleidinggevend_klantcontact: ReferenceOut
    toegewezen_aan_actor: ReferenceOut | None = Field(
        description="Deprecated: the first of toegewezenAanActoren; null when there is none."
    )
    toegewezen_aan_actoren: list[ReferenceOut]
    toelichting: str
    status: Status
    toegewezen_op: datetime
    afgehandeld_op: datetime | None


PaginatedInterneTaakList = paginated(InterneTaakOut, "PaginatedInterneTaakList")

# -- filters -----------------------------------------------------------------------------------


def _assigned(condition: Q) -> Q:
    """Tasks with an assignee meeting ``condition``; a subquery per filter, so each filter
    may be met by a different assignee (as Open Klant) and no task is listed twice."""
    return Q(pk__in=InterneTaakActor.objects.filter(condition).values("interne_taak"))


class InterneTaakFilters(FilterSchema):
    aanleidinggevend_klantcontact_url: Uri | None = Field(
        None, alias="aanleidinggevendKlantcontact__url"
    )
    aanleidinggevend_klantcontact_uuid: Annotated[
        UUID | None, FilterLookup("aanleidinggevend_klantcontact")
    ] = Field(None, alias="aanleidinggevendKlantcontact__uuid")
    actoren_naam: str | None = Field(None, alias="actoren__naam")
    klantcontact_nummer: Annotated[
        str | None, FilterLookup("aanleidinggevend_klantcontact__nummer")
    ] = Field(None, alias="klantcontact__nummer")
    klantcontact_referentienummer: Annotated[
        str | None, FilterLookup("aanleidinggevend_klantcontact__referentienummer")
    ] = Field(None, alias="klantcontact__referentienummer")
    klantcontact_uuid: Annotated[UUID | None, FilterLookup("aanleidinggevend_klantcontact")] = (
        Field(None, alias="klantcontact__uuid")
    )
    nummer: Annotated[str | None, FilterLookup("nummer")] = None
    referentienummer: Annotated[str | None, FilterLookup("referentienummer")] = None
    status: Annotated[Status | None, FilterLookup("status")] = None
    toegewezen_aan_actor_url: Uri | None = Field(None, alias="toegewezenAanActor__url")
    toegewezen_aan_actor_uuid: UUID | None = Field(None, alias="toegewezenAanActor__uuid")
    toegewezen_op: Annotated[DatumTijd | None, FilterLookup("toegewezen_op")] = Field(
        None, alias="toegewezenOp"
    )

    def filter_aanleidinggevend_klantcontact_url(self, value: str | None) -> Q:
        return url_filter("aanleidinggevend_klantcontact", value)

    def filter_actoren_naam(self, value: str | None) -> Q:
        return Q() if value is None else _assigned(Q(actor__naam=value))

    def filter_toegewezen_aan_actor_uuid(self, value: UUID | None) -> Q:
        return Q() if value is None else _assigned(Q(actor=value))

    def filter_toegewezen_aan_actor_url(self, value: str | None) -> Q:
        if value is None:
            return Q()
        uuid = uuid_from_url(value)
        return _assigned(Q(actor=uuid)) if uuid else Q(pk__in=[])


# -- reading -----------------------------------------------------------------------------------


def queryset(tree: ExpandTree) -> QuerySet[InterneTaak]:
    """What ``serialize`` needs, without the rows the caller may not see (R12)."""
    return visible(_queryset(tree))


def _queryset(tree: ExpandTree) -> QuerySet[InterneTaak]:
    return InterneTaak.objects.annotate(
        actor_keys=RelatedKeys(
            InterneTaakActor, "interne_taak", key="actor", order_by=("volgorde", "id")
        )
    )


def serialize(ctx: Ctx, obj: InterneTaak, tree: ExpandTree) -> dict[str, Any]:
    actoren = ctx.refs("actoren", related_keys(obj, "actor"))
    data: dict[str, Any] = {
        "uuid": str(obj.uuid),
        "url": ctx.url("internetaken", obj.uuid),
        "nummer": obj.nummer,
        "referentienummer": obj.referentienummer,
        "gevraagdeHandeling": obj.gevraagde_handeling,
        "aanleidinggevendKlantcontact": ctx.ref(
            "klantcontacten", obj.aanleidinggevend_klantcontact_id
        ),
        # Deprecated single assignee: the first actor, as Open Klant serves it; null for a
        # closed task whose only actor was deleted.
        "toegewezenAanActor": actoren[0] if actoren else None,
        "toegewezenAanActoren": actoren,
        "toelichting": obj.toelichting,
        "status": obj.status,
        "toegewezenOp": datetime_(obj.toegewezen_op),
        "afgehandeldOp": datetime_(obj.afgehandeld_op),
    }
    return data


resource: Resource[InterneTaak] = Resource(
    api_path="klantinteracties/api/v1",
    collection="internetaken",
    model=InterneTaak,
    serialize=serialize,
    queryset=queryset,
    distinct_filters=True,
)

# -- writing -------------------------------------------------------------------------------------

REFERENCES = {
    "aanleidinggevend_klantcontact": Klantcontact,
    "toegewezen_aan_actoren": Actor,
    "toegewezen_aan_actor": Actor,
}
ACTOR_KEYS = ("toegewezen_aan_actor", "toegewezen_aan_actoren")


def _changes(payload: ApiSchema, existing: InterneTaak | None, replacing: bool) -> dict[str, Any]:
    """The domain's changes; ``replacing`` (POST, PUT) demands the assignees."""
    changes = payload.model_dump(exclude_unset=True)
    errors = _assignee_key_errors(changes, replacing=replacing)
    try:
        resolve_references(changes, REFERENCES)
    except ApiProblem as problem:
        errors.extend(problem.invalid_params)
    if errors:
        raise ApiProblem(400, invalid_params=errors)
    if "toegewezen_aan_actor" in changes:
        changes["toegewezen_aan_actoren"] = [changes.pop("toegewezen_aan_actor")]
    return changes


def _assignee_key_errors(changes: dict[str, Any], *, replacing: bool) -> list[InvalidParam]:
    """The deprecated single key and the list are two ways to give the same thing: one of
    them, never both; a full body (POST, PUT) needs one."""
    given = [key for key in ACTOR_KEYS if key in changes]
    if len(given) == 2:
        return [
            InvalidParam(
                "nonFieldErrors",
                "invalid",
                "Geef toegewezenAanActoren of het verouderde toegewezenAanActor, niet allebei.",
            )
        ]
    if not given and replacing:
        return [
            InvalidParam(
                "toegewezenAanActoren",
                "required",
                "Dit veld is vereist: een interne taak is aan minstens één actor toegewezen "
                "(of geef het verouderde toegewezenAanActor).",
            )
        ]
    return []


crud_routes(
    router,
    resource,
    Writes(
        changes=_changes,
        create=service.create_interne_taak,
        update=service.update_interne_taak,
        delete=service.delete_interne_taak,
    ),
    Schemas(
        body=InterneTaakIn,
        patch=InterneTaakPatch,
        out=InterneTaakOut,
        page=PaginatedInterneTaakList,
        filters=InterneTaakFilters,
    ),
    plural="interne taken",
    singular="interne taak",
)
