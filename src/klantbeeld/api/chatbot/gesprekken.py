"""``/gesprekken``: a chatbot opens a conversation, says its turns (and relays the
visitor's), reads what the agent answered, hands over (C9309), asks for a call-back
(C9476) or a task (C4374), records a form it filled (C5479), closes (C1242) and passes on
the visitor's rating (C7352). What is registered is decided in the domain
(domain/services/gesprek_registratie.py); this module only translates."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from klantbeeld.api.chatbot.auth import (
    ChatbotAuth,
    bot_actor,
    caller,
    eis_identiteitsscope,
    gesprek_van,
)
from klantbeeld.api.chatbot.schemas import (
    AfsluitingIn,
    AfsluitingOut,
    BerichtenOut,
    BerichtIn,
    BerichtOut,
    FormulierIn,
    GesprekIn,
    GesprekOut,
    OverdrachtIn,
    RegistratieOut,
    TaakIn,
    TerugbelverzoekIn,
    WaarderingIn,
)
from klantbeeld.api.common.context import api_context
from klantbeeld.api.common.problems import ApiProblem, InvalidParam, invalid
from klantbeeld.api.common.resources import change_context, json_response
from klantbeeld.domain.models import Actor, Gesprek, Partij
from klantbeeld.domain.services import gesprek_registratie as registratie
from klantbeeld.domain.services import gesprekken
from klantbeeld.domain.services.actoren import actief_team
from klantbeeld.domain.services.gesprek_registratie import Bezoeker, Objectverwijzing
from klantbeeld.domain.services.identiteit import Identiteit as DomeinIdentiteit
from klantbeeld.domain.services.identiteit import partij_van
from klantbeeld.domain.services.intake import Registratie
from klantbeeld.domain.services.zaken import RegisterFout, Zaakverwijzing
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.live.tickets import partij_van_ticket

API_PATH = "chatbot/api/v1"
KLANTINTERACTIES = "klantinteracties/api/v1"

router = Router(tags=["gesprekken"], auth=ChatbotAuth())


class Sinds(Schema):
    sinds: int = Field(0, ge=0, description="Alleen de berichten na dit volgnummer.")


# -- opening and reading ------------------------------------------------------------------


@router.post(
    "/gesprekken",
    operation_id="gesprek_create",
    summary="Een gesprek openen.",
    description="De chatbot opent een gesprek (met een eigen venster). Met het partijTicket "
    "van de widget, of met scope intake.identiteit een BSN of KVK-nummer, is de bezoeker bekend.",
    response={201: GesprekOut},
)
def gesprek_create(request: HttpRequest, body: GesprekIn) -> HttpResponse:
    by = change_context(request)
    with transaction.atomic():
        partij = _partij(request, body)
        bot = bot_actor(caller(request).client, by)
        gesprek, _ = gesprekken.open_gesprek(
            partij=partij,
            chatbot=bot,
            team=gesprekken.chatteam(),
            naam=body.naam,
            pagina=body.pagina,
            onderwerp=body.onderwerp,
        )
    return json_response(gesprek_json(request, gesprek), status=201)


def _partij(request: HttpRequest, body: GesprekIn) -> Partij | None:
    if body.identiteit is not None and body.identiteit.gegeven():
        eis_identiteitsscope(request)
        if body.partij_ticket:
            raise invalid("partijTicket", "invalid", "Geef een partijTicket of een identiteit.")
        identiteit = body.identiteit
        return partij_van(
            DomeinIdentiteit(identiteit.bsn, identiteit.kvk_nummer, identiteit.vestigingsnummer),
            change_context(request),
        )
    if not body.partij_ticket:
        return None
    partij_uuid = partij_van_ticket(body.partij_ticket)
    partij = Partij.objects.filter(uuid=partij_uuid).first() if partij_uuid else None
    if partij is None:
        raise invalid("partijTicket", "invalid", "Dit ticket is ongeldig of verlopen.")
    return partij


@router.get(
    "/gesprekken/{uuid}",
    operation_id="gesprek_read",
    summary="Een gesprek opvragen.",
    response={200: GesprekOut},
)
def gesprek_read(request: HttpRequest, uuid: uuid.UUID) -> HttpResponse:
    return json_response(gesprek_json(request, gesprek_van(request, uuid)))


@router.post(
    "/gesprekken/{uuid}/berichten",
    operation_id="bericht_create",
    summary="Een beurt van de chatbot of de bezoeker plaatsen.",
    description="201: geplaatst; 200: hetzelfde clientId van dezelfde afzender nog eens "
    "(niets nieuws). Een beurt van de bot alleen zolang de bot het gesprek voert.",
    response={201: BerichtOut, 200: BerichtOut},
)
def bericht_create(request: HttpRequest, uuid: uuid.UUID, body: BerichtIn) -> HttpResponse:
    gesprek = gesprek_van(request, uuid)
    eerder = gesprek.berichten.filter(afzender=body.afzender, client_id=body.client_id).first()
    if eerder is not None:
        return json_response(gesprekken.bericht_als_json(eerder), status=200)
    if body.afzender == "bot" and gesprek.status != "bot":
        raise ApiProblem(
            409, detail="De chatbot voert dit gesprek niet meer: een medewerker heeft het."
        )
    naam = body.naam or (gesprek.chatbot.naam if body.afzender == "bot" and gesprek.chatbot else "")
    with _gesprekfouten():
        bericht = gesprekken.plaats_bericht(
            gesprek, afzender=body.afzender, tekst=body.tekst, naam=naam, client_id=body.client_id
        )
    return json_response(gesprekken.bericht_als_json(bericht), status=201)


@router.get(
    "/gesprekken/{uuid}/berichten",
    operation_id="bericht_list",
    summary="De berichten na een volgnummer.",
    description="Voor een chatbot met een eigen venster: de antwoorden van de medewerker "
    "na de overdracht. Vraag steeds met sinds = het laatste volgnummer dat u zag.",
    response={200: BerichtenOut},
)
def bericht_list(request: HttpRequest, uuid: uuid.UUID, query: Query[Sinds]) -> HttpResponse:
    gesprek = gesprek_van(request, uuid)
    berichten = [
        gesprekken.bericht_als_json(b) for b in gesprekken.berichten_sinds(gesprek, query.sinds)
    ]
    return json_response(
        {
            "status": gesprek.status,
            "laatsteVolgnummer": gesprek.laatste_volgnummer,
            "berichten": berichten,
        }
    )


# -- the bot's steps ----------------------------------------------------------------------


@router.post(
    "/gesprekken/{uuid}/overdracht",
    operation_id="gesprek_overdracht",
    summary="Overdragen aan een medewerker (C9309).",
    description="Het gesprek gaat naar de wachtrij (van het team); de medewerker ziet het "
    "hele gesprek en de samenvatting.",
    response={200: GesprekOut},
)
def gesprek_overdracht(request: HttpRequest, uuid: uuid.UUID, body: OverdrachtIn) -> HttpResponse:
    gesprek = gesprek_van(request, uuid)
    team = _team(body.team.uuid if body.team else None)
    with _gesprekfouten():
        gesprek = registratie.naar_medewerker(
            gesprek, team=team, samenvatting=body.samenvatting, onderwerp=body.onderwerp
        )
    return json_response(gesprek_json(request, gesprek))


@router.post(
    "/gesprekken/{uuid}/terugbelverzoek",
    operation_id="gesprek_terugbelverzoek",
    summary="Een terugbelverzoek vastleggen (C9476).",
    description="Klantcontact (kanaal chat, actor de chatbot) met de bezoeker als betrokkene "
    "met het telefoonnummer, en een taak Terugbellen voor het KCC. Het gesprek wordt gesloten.",
    response={201: RegistratieOut, 200: RegistratieOut},
)
def gesprek_terugbelverzoek(
    request: HttpRequest, uuid: uuid.UUID, body: TerugbelverzoekIn
) -> HttpResponse:
    gesprek = gesprek_van(request, uuid)
    team = _team(body.team.uuid if body.team else None)
    by = change_context(request)
    with _gesprekfouten(), _register(by) as register:
        vastgelegd = registratie.vraag_terugbellen(
            gesprek,
            bezoeker=Bezoeker(naam=body.naam, telefoonnummer=body.telefoonnummer),
            vraag=body.vraag,
            samenvatting=body.samenvatting,
            team=team,
            by=by,
            register=register,
        )
    return _registratie_response(request, vastgelegd)


@router.post(
    "/gesprekken/{uuid}/taak",
    operation_id="gesprek_taak",
    summary="Een taak voor het KCC vragen (C4374).",
    description="Klantcontact (actor de chatbot) en een taak, standaard 'Lezen en bepalen "
    "benodigde actie', voor het KCC. Het gesprek blijft open.",
    response={201: RegistratieOut, 200: RegistratieOut},
)
def gesprek_taak(request: HttpRequest, uuid: uuid.UUID, body: TaakIn) -> HttpResponse:
    gesprek = gesprek_van(request, uuid)
    team = _team(body.team.uuid if body.team else None)
    by = change_context(request)
    gegevens = body.bezoeker
    bezoeker = (
        Bezoeker(gegevens.naam, gegevens.telefoonnummer, gegevens.emailadres) if gegevens else None
    )
    with _gesprekfouten(), _register(by) as register:
        vastgelegd = registratie.vraag_taak(
            gesprek,
            vraag=body.vraag,
            gevraagde_handeling=body.gevraagde_handeling,
            toelichting=body.toelichting,
            bezoeker=bezoeker,
            team=team,
            by=by,
            register=register,
        )
    return _registratie_response(request, vastgelegd)


@router.post(
    "/gesprekken/{uuid}/formulier",
    operation_id="gesprek_formulier",
    summary="Een ingevuld formulier vastleggen (C5479).",
    description="Voor een ingelogde bezoeker: het klantcontact van het gesprek krijgt de "
    "inzending als bijlage en de zaak als onderwerpobject; geen tweede klantcontact.",
    response={201: RegistratieOut, 200: RegistratieOut},
)
def gesprek_formulier(request: HttpRequest, uuid: uuid.UUID, body: FormulierIn) -> HttpResponse:
    gesprek = gesprek_van(request, uuid)
    by = change_context(request)
    with _gesprekfouten(), _register(by) as register:
        zaak = _zaak(register, body.zaak) if body.zaak else None
        vastgelegd = registratie.leg_formulier_vast(
            gesprek,
            formulier=Objectverwijzing(
                body.formulier.code_objecttype, str(body.formulier.object_id)
            ),
            formuliernaam=body.naam,
            vraag=body.vraag,
            antwoord=body.antwoord,
            zaak=zaak,
            by=by,
            register=register,
        )
    return _registratie_response(request, vastgelegd)


@router.post(
    "/gesprekken/{uuid}/afsluiting",
    operation_id="gesprek_afsluiting",
    summary="Het gesprek afsluiten (C1242).",
    description="Een bekende bezoeker: één klantcontact (vraag, antwoord van de bot, het "
    "verloop; lang als document). Anoniem en zonder opvolging: niets (R1).",
    response={200: AfsluitingOut},
)
def gesprek_afsluiting(request: HttpRequest, uuid: uuid.UUID, body: AfsluitingIn) -> HttpResponse:
    gesprek = gesprek_van(request, uuid)
    by = change_context(request)
    with _gesprekfouten(), _register(by) as register:
        vastgelegd = registratie.sluit_door_bot(
            gesprek,
            vraag=body.vraag,
            antwoord=body.antwoord,
            onderwerp=body.onderwerp,
            opgelost=body.opgelost,
            by=by,
            register=register,
        )
    gesprek.refresh_from_db()
    return json_response(
        {
            "gesprek": gesprek_json(request, gesprek),
            "registratie": registratie_json(request, vastgelegd) if vastgelegd else None,
        }
    )


@router.post(
    "/gesprekken/{uuid}/waardering",
    operation_id="gesprek_waardering",
    summary="De waardering van de bezoeker (C7352).",
    description="Een cijfer van 1 tot en met 5, eenmaal; managementinformatie, nooit in "
    "het klantcontact. Ook na het afsluiten.",
    response={200: GesprekOut},
)
def gesprek_waardering(request: HttpRequest, uuid: uuid.UUID, body: WaarderingIn) -> HttpResponse:
    gesprek = gesprek_van(request, uuid)
    with _gesprekfouten():
        gesprek = gesprekken.waardeer(gesprek, body.cijfer)
    return json_response(gesprek_json(request, gesprek))


# -- translating --------------------------------------------------------------------------


@contextmanager
def _gesprekfouten() -> Iterator[None]:
    """The domain's refusals as the API's: the conversation's state (409), a missing
    team (503), a bad contact detail (400)."""
    try:
        yield
    except registratie.GeenTeam as fout:
        raise ApiProblem(503, detail=str(fout)) from fout
    except gesprekken.GesprekFout as fout:
        raise ApiProblem(409, detail=str(fout)) from fout
    except ValidationError as fout:
        raise _ongeldig(fout) from fout
    except RegisterFout as fout:
        raise ApiProblem(503, detail=f"Niet vastgelegd: het documentenregister: {fout}") from fout


def _ongeldig(fout: ValidationError) -> ApiProblem:
    # The intake names a bad address by the betrokkene's part ("betrokkene.adres.email").
    namen = {"telefoonnummer": "telefoonnummer", "email": "bezoeker.emailadres"}
    params: list[tuple[str, str]] = []
    for sleutel, meldingen in getattr(
        fout, "message_dict", {"nonFieldErrors": fout.messages}
    ).items():
        naam = namen.get(sleutel.rsplit(".", 1)[-1], "nonFieldErrors")
        params.extend((naam, melding) for melding in meldingen)
    return ApiProblem(400, invalid_params=[InvalidParam(n, "invalid", m) for n, m in params])


@contextmanager
def _register(by: Any) -> Iterator[ZgwZakenregister]:
    with ZgwZakenregister(by=by) as register:
        yield register


def _zaak(register: ZgwZakenregister, ref: str) -> Zaakverwijzing:
    try:
        return register.zaak(ref)
    except RegisterFout as fout:
        raise invalid("zaak", "does_not_exist", str(fout)) from fout


def _team(team_uuid: uuid.UUID | None) -> Actor | None:
    if team_uuid is None:
        return None
    team = actief_team(str(team_uuid))
    if team is None:
        raise invalid("team.uuid", "does_not_exist", "Er is geen actief team met deze uuid.")
    return team


def gesprek_json(request: HttpRequest, gesprek: Gesprek) -> dict[str, Any]:
    ctx = api_context(request, API_PATH)
    return {
        "uuid": str(gesprek.uuid),
        "url": ctx.url("gesprekken", gesprek.uuid),
        "kanaal": gesprek.kanaal,
        "status": gesprek.status,
        "onderwerp": gesprek.onderwerp,
        "bezoekerBekend": gesprek.partij_id is not None,
        "positie": gesprekken.positie(gesprek),
        "laatsteVolgnummer": gesprek.laatste_volgnummer,
        "waardering": gesprek.waardering,
        "klantcontact": _klantcontact(request, gesprek.klantcontact)
        if gesprek.klantcontact_id
        else None,
        "gestartOp": gesprek.gestart_op.isoformat(),
        "afgeslotenOp": gesprek.afgesloten_op.isoformat() if gesprek.afgesloten_op else None,
    }


def _klantcontact(request: HttpRequest, klantcontact: Any) -> dict[str, str]:
    ctx = api_context(request, KLANTINTERACTIES)
    return {
        "uuid": str(klantcontact.uuid),
        "url": ctx.url("klantcontacten", klantcontact.uuid),
        "referentienummer": klantcontact.referentienummer or "",
    }


def registratie_json(request: HttpRequest, vastgelegd: Registratie) -> dict[str, Any]:
    ctx = api_context(request, KLANTINTERACTIES)
    klantcontact = vastgelegd.klantcontact
    return {
        "klantcontact": _klantcontact(request, klantcontact) if klantcontact else None,
        "internetaak": ctx.ref("internetaken", vastgelegd.taak.uuid) if vastgelegd.taak else None,
        "nieuw": vastgelegd.nieuw,
    }


def _registratie_response(request: HttpRequest, vastgelegd: Registratie) -> HttpResponse:
    nieuw = vastgelegd.nieuw or vastgelegd.taak is not None
    return json_response(registratie_json(request, vastgelegd), status=201 if nieuw else 200)
