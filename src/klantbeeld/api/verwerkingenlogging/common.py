"""What both collections share: the filters on one person and a period, who may see
confidential records, and how a record is written out."""

from __future__ import annotations

import datetime
import uuid
from typing import Any, Literal

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from pydantic import Field

from klantbeeld.api.common.context import Ctx, api_context
from klantbeeld.api.common.problems import invalid
from klantbeeld.api.common.schemas import ApiSchema
from klantbeeld.api.klantinteracties.serialization import datetime_
from klantbeeld.privacy.models import Vertrouwelijkheid, Verwerkingsactie, VerwerktObject

API_PATH = "verwerkingenlogging/api/v1"
# Seeing everything about a record (who did it, with which system) needs more than seeing
# that it happened: the Inzage API leaves those out (VerwerkingsactieBeperkt).
VOLLEDIG = "verwerkingenlogging.volledig"
VERTROUWELIJK = "verwerkingenlogging.vertrouwelijk"


class PersoonFilter(ApiSchema):
    """The spec's required parameters: one person and a period (eindDatum exclusive)."""

    objecttype: Literal["persoon"]
    soort_object_id: str = Field(max_length=242)
    object_id: str = Field(max_length=40)
    begin_datum: datetime.date
    eind_datum: datetime.date
    verwerkingsactiviteit_id: uuid.UUID | None = None


def ctx(request: HttpRequest) -> Ctx:
    return api_context(request, API_PATH)


def mag(request: HttpRequest, scope: str) -> bool:
    caller = getattr(request, "auth", None)
    return caller is not None and caller.client.has_scope(scope)


def zichtbaar(request: HttpRequest, actie: str = "") -> Q:
    """Records marked confidential only for clients with the scope for them (``actie``:
    the path to the verwerkingsactie)."""
    if mag(request, VERTROUWELIJK):
        return Q()
    return ~Q(**{f"{actie}vertrouwelijkheid": Vertrouwelijkheid.VERTROUWELIJK})


def persoon_filter(filters: PersoonFilter, *, objecten: str = "", actie: str = "") -> Q:
    """Records of one person (``soortObjectId`` as logged: BSN, or partij for a partij
    without one) in the period, and optionally for one processing activity. ``objecten``
    and ``actie`` are the paths to the verwerkt object and the verwerkingsactie from the
    rows filtered."""
    if filters.eind_datum <= filters.begin_datum:
        raise invalid("eindDatum", "invalid", "eindDatum moet na beginDatum liggen.")
    condition = Q(
        **{
            f"{objecten}objecttype": filters.objecttype,
            f"{objecten}soort_object_id__iexact": filters.soort_object_id,
            f"{objecten}object_id": filters.object_id,
            f"{actie}tijdstip__gte": _begin(filters.begin_datum),
            f"{actie}tijdstip__lt": _begin(filters.eind_datum),
        }
    )
    if filters.verwerkingsactiviteit_id is not None:
        condition &= Q(**{f"{actie}verwerkingsactiviteit_id": filters.verwerkingsactiviteit_id})
    return condition


def _begin(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def actie_beperkt(c: Ctx, actie: Verwerkingsactie) -> dict[str, Any]:
    """A verwerkingsactie as the Inzage API shows it to the person concerned: without
    user, system and data source (VerwerkingsactieBeperkt)."""
    data: dict[str, Any] = {
        "url": c.url("verwerkingsacties", actie.actie_id),
        "actieId": str(actie.actie_id),
        "actieNaam": actie.actie_naam,
        "handelingNaam": actie.handeling_naam,
        "verwerkingNaam": actie.verwerking_naam,
        "verwerkingId": str(actie.verwerking_id),
        "verwerkingsactiviteitId": str(actie.verwerkingsactiviteit_id),
        "vertrouwelijkheid": actie.vertrouwelijkheid,
        "bewaartermijn": actie.bewaartermijn,
        "tijdstip": datetime_(actie.tijdstip),
        "tijdstipRegistratie": datetime_(actie.tijdstip_registratie),
    }
    if actie.verwerkingsactiviteit_url:
        data["verwerkingsactiviteitUrl"] = actie.verwerkingsactiviteit_url
    return data


def verwerkt_object(c: Ctx, obj: VerwerktObject) -> dict[str, Any]:
    data: dict[str, Any] = {
        "url": c.url("verwerkte-objecten", obj.verwerkt_object_id),
        "verwerktObjectId": str(obj.verwerkt_object_id),
        "objecttype": obj.objecttype,
        "soortObjectId": obj.soort_object_id,
        "objectId": obj.object_id,
        "verwerkteSoortenGegevens": [
            {"soortGegeven": soort} for soort in obj.verwerkte_soorten_gegevens
        ],
    }
    if obj.betrokkenheid:
        data["betrokkenheid"] = obj.betrokkenheid
    return data


# -- responses (documentation; the bodies are built above) -----------------------------------


class VerwerktSoortGegevenOut(ApiSchema):
    soort_gegeven: str


class VerwerkingsactieBeperktOut(ApiSchema):
    url: str
    actie_id: uuid.UUID
    actie_naam: str
    handeling_naam: str
    verwerking_naam: str
    verwerking_id: uuid.UUID
    verwerkingsactiviteit_id: uuid.UUID
    verwerkingsactiviteit_url: str = Field(
        "", description="Weggelaten als de verwerkingsactiviteit geen URL heeft."
    )
    vertrouwelijkheid: Literal["normaal", "vertrouwelijk", "opgeheven"]
    bewaartermijn: str
    tijdstip: datetime.datetime
    tijdstip_registratie: datetime.datetime


class VerwerktObjectOut(ApiSchema):
    url: str
    verwerkt_object_id: uuid.UUID
    objecttype: Literal["persoon"]
    soort_object_id: str
    object_id: str
    betrokkenheid: str = Field("", description="Weggelaten als die niet is vastgelegd.")
    verwerkte_soorten_gegevens: list[VerwerktSoortGegevenOut]


class VerwerkingsactieInzageOut(VerwerkingsactieBeperktOut):
    verwerkte_objecten: list[VerwerktObjectOut] = Field(
        description="Alleen het eigen verwerkte object, nooit dat van anderen."
    )


class VerwerktObjectUitgebreidOut(VerwerktObjectOut):
    verwerkingsactie: VerwerkingsactieInzageOut


class VerwerkingsactieOut(VerwerkingsactieBeperktOut):
    systeem: str
    gebruiker: str
    gegevensbron: str
    verwerkte_objecten: list[VerwerktObjectOut]
