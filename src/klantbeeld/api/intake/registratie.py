"""What registering a letter and a form share: the calling application as the contact's
actor, the team asked to act, the partij of an established identity (R3), the documents
stored, and the answer, which is given again for the same letter or form (R14)."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

import orjson
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from klantbeeld.api.clients.models import ApiClient
from klantbeeld.api.common.context import api_context
from klantbeeld.api.common.problems import ApiProblem, invalid
from klantbeeld.api.intake.models import Intakeantwoord
from klantbeeld.api.intake.schemas import Identiteit, Opvolging
from klantbeeld.domain.models import Actor, Bijlage, InterneTaak, Klantcontact, Partij
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services.actoren import create_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.identiteit import Identiteit as DomeinIdentiteit
from klantbeeld.domain.services.identiteit import partij_van as domein_partij_van
from klantbeeld.domain.services.intake import Bron
from klantbeeld.domain.services.intake import Opvolging as Taakverzoek
from klantbeeld.domain.services.zaken import Documentverwijzing, Zaakverwijzing
from klantbeeld.integrations.zgw.register import ZgwZakenregister

KLANTINTERACTIES = "klantinteracties/api/v1"
# A clock a little ahead at the source is no contact in the future (R5).
KLOKVERSCHIL = datetime.timedelta(minutes=5)
# How the calling application is known as actor.
APPLICATIE = {
    "actoridentificator_code_objecttype": "applicatie",
    "actoridentificator_code_register": "klantbeeld",
    "actoridentificator_code_soort_object_id": "client_id",
}


# -- who ----------------------------------------------------------------------------------------


def automatische_actor(
    client: ApiClient,
    by: ChangeContext,
    *,
    functie: str = "Intake",
    omschrijving: str = "Levert brieven of formulieren aan via de intake-API",
) -> Actor:
    """The application as geautomatiseerde actor (the scan street, the website's form),
    made at its first letter or form. Call within a transaction: the first two requests of
    a new application at the same moment make one actor."""
    gevonden = actor_van(client)
    if gevonden is not None:
        return gevonden
    ApiClient.objects.select_for_update().filter(pk=client.pk).first()
    gevonden = actor_van(client)
    if gevonden is not None:
        return gevonden
    return create_actor(
        {
            "naam": client.naam[:200],
            "soort_actor": SoortActor.GEAUTOMATISEERDE_ACTOR,
            "indicatie_actief": True,
            "functie": functie,
            "omschrijving": omschrijving,
            "actoridentificator_object_id": client.client_id[:200],
            **APPLICATIE,
        },
        by,
    )


def actor_van(client: ApiClient) -> Actor | None:
    return (
        Actor.objects.filter(actoridentificator_object_id=client.client_id[:200], **APPLICATIE)
        .order_by("pk")
        .first()
    )


def taakverzoek(opvolging: Opvolging, veld: str) -> Taakverzoek:
    """The interne taak asked: for the actor named, else the configured team."""
    handeling = opvolging.gevraagde_handeling.strip() or settings.KLANTBEELD_INTAKE_HANDELING
    return Taakverzoek(
        gevraagde_handeling=handeling[:200],
        toegewezen_aan=[_team(opvolging, veld)],
        toelichting=opvolging.toelichting,
    )


def _team(opvolging: Opvolging, veld: str) -> Actor:
    naam = f"{veld}.toegewezenAanActor"
    if opvolging.toegewezen_aan_actor is not None:
        actor = Actor.objects.filter(
            uuid=opvolging.toegewezen_aan_actor.uuid, indicatie_actief=True
        ).first()
        if actor is None:
            raise invalid(naam, "does_not_exist", "Er is geen actieve actor met deze uuid.")
        return actor
    ingesteld = settings.KLANTBEELD_INTAKE_TEAM.strip()
    if not ingesteld:
        raise invalid(
            naam,
            "required",
            "Geef aan wie dit moet opvolgen: er is geen standaardteam ingesteld "
            "(KLANTBEELD_INTAKE_TEAM).",
        )
    actoren = Actor.objects.filter(indicatie_actief=True)
    sleutel = _uuid(ingesteld)
    actor = actoren.filter(uuid=sleutel).first() if sleutel is not None else None
    actor = actor or actoren.filter(naam=ingesteld).order_by("pk").first()
    if actor is None:
        raise ApiProblem(
            503,
            detail=f"Het standaardteam KLANTBEELD_INTAKE_TEAM ('{ingesteld}') is geen actieve "
            "actor in Klantbeeld; geef toegewezenAanActor op of laat de instelling herstellen.",
        )
    return actor


def _uuid(tekst: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(tekst)
    except ValueError:
        return None


def partij_van(identiteit: Identiteit, by: ChangeContext) -> Partij | None:
    """The partij of the identity the calling application established (R3)."""
    return domein_partij_van(
        DomeinIdentiteit(identiteit.bsn, identiteit.kvk_nummer, identiteit.vestigingsnummer), by
    )


def moment(waarde: datetime.datetime | None, veld: str) -> datetime.datetime:
    """When it happened (now when not given): never in the future (R5)."""
    nu = timezone.now()
    if waarde is None:
        return nu
    if timezone.is_naive(waarde):
        waarde = timezone.make_aware(waarde)
    if waarde > nu + KLOKVERSCHIL:
        raise invalid(veld, "invalid", "Dit moment ligt in de toekomst.")
    return waarde


# -- documents --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opgeslagen:
    titel: str
    document: Documentverwijzing


class Documentenregister(ZgwZakenregister):
    """The ZGW register, keeping what it stored: the answer names each document."""

    def __init__(self, *, by: ChangeContext) -> None:
        super().__init__(by=by)
        self.opgeslagen: list[Opgeslagen] = []

    def __enter__(self) -> Documentenregister:
        return self

    def maak_document(self, zaak: Zaakverwijzing | None, **velden: Any) -> Documentverwijzing:
        document = super().maak_document(zaak, **velden)
        self.opgeslagen.append(Opgeslagen(velden["titel"], document))
        return document


# -- the answer ---------------------------------------------------------------------------------


def antwoord(
    request: HttpRequest,
    klantcontact: Klantcontact,
    taak: InterneTaak | None,
    opgeslagen: list[Opgeslagen],
) -> dict[str, Any]:
    ctx = api_context(request, KLANTINTERACTIES)
    bijlagen = {
        str(b.bijlageidentificator_object_id): b.uuid
        for b in Bijlage.objects.filter(was_bijlage_van_klantcontact=klantcontact)
    }
    return {
        "klantcontact": {
            "uuid": str(klantcontact.uuid),
            "url": ctx.url("klantcontacten", klantcontact.uuid),
            "referentienummer": klantcontact.referentienummer or "",
        },
        "internetaak": ctx.ref("internetaken", taak.uuid) if taak is not None else None,
        "documenten": [
            {
                "titel": o.titel,
                "informatieobject": {"uuid": o.document.uuid, "url": o.document.url},
                "bijlage": ctx.ref("bijlagen", bijlagen[o.document.uuid]),
            }
            for o in opgeslagen
        ],
    }


def claim(bron: Bron) -> HttpResponse | None:
    """Claim ``bron`` for this transaction: None when it is ours, else the answer given to
    the request that took it in before. On PostgreSQL a second claim of the same key waits
    until the first transaction ends: after its commit the key is taken, after a rollback
    the claim succeeds."""
    try:
        with transaction.atomic():
            Intakeantwoord.objects.create(sleutel=bron.sleutel)
    except IntegrityError:
        eerder = eerder_antwoord(bron)
        assert eerder is not None
        return eerder
    return None


def bewaar_antwoord(bron: Bron, klantcontact: Klantcontact, inhoud: dict[str, Any]) -> HttpResponse:
    """Keep the answer for a later delivery of the same letter or form; 201."""
    Intakeantwoord.objects.filter(sleutel=bron.sleutel).update(
        klantcontact=klantcontact, antwoord=inhoud
    )
    return _antwoord(inhoud, status=201)


def _antwoord(inhoud: Any, status: int) -> HttpResponse:
    # Keys sorted: PostgreSQL keeps a JSON object's keys in an order of its own, and a
    # later delivery gets the very same bytes.
    body = orjson.dumps(inhoud, option=orjson.OPT_SORT_KEYS)
    return HttpResponse(body, status=status, content_type="application/json")


def eerder_antwoord(bron: Bron) -> HttpResponse | None:
    """The answer given when this letter or form came first (200), None when it is new,
    or 409 when it was registered but its klantcontact deleted since (it is not registered
    again)."""
    eerder = Intakeantwoord.objects.filter(sleutel=bron.sleutel).first()
    if eerder is None:
        return None
    if eerder.klantcontact_id is None:
        raise ApiProblem(
            409,
            detail="Dit is eerder aangeleverd en vastgelegd; het klantcontact is inmiddels "
            "verwijderd en wordt niet opnieuw vastgelegd.",
        )
    return _antwoord(eerder.antwoord, status=200)
