"""``/contactformulieren``: the contact form of a website or other application (C3759,
C1790, C4161-form, C1284).

The submission becomes a klantcontact (``e-formulier`` unless another configured channel
is named) whose actor is the application, with the submitter as betrokkene and the
addresses given on it (R7), the attachments as documents, and a task. An identity the
application established (DigiD: BSN, eHerkenning: KVK-nummer) links the partij, created
with only its identificator when new (R3). On request a confirmation is sent by e-mail.
The spam protection is in spam.py.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import File, Router, UploadedFile
from ninja.decorators import decorate_view

from klantbeeld.api.common.problems import invalid
from klantbeeld.api.common.resources import change_context, json_response
from klantbeeld.api.intake import spam
from klantbeeld.api.intake.auth import FORMULIEREN, IntakeAuth, caller, eis_identiteitsscope
from klantbeeld.api.intake.bestanden import als_documenten, formulier_met_bestanden
from klantbeeld.api.intake.bevestiging import bevestig
from klantbeeld.api.intake.models import Weigerreden
from klantbeeld.api.intake.registratie import (
    Documentenregister,
    antwoord,
    automatische_actor,
    bewaar_antwoord,
    claim,
    eerder_antwoord,
    moment,
    partij_van,
    taakverzoek,
)
from klantbeeld.api.intake.schemas import (
    ContactformulierIn,
    ContactformulierOut,
    FormuliertokenOut,
    NietVastgelegdOut,
)
from klantbeeld.api.intake.spam import Formuliertoken
from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Document,
    registreer_contact,
)

router = Router(tags=["contactformulieren"])


@router.get(
    "/contactformulieren/token",
    auth=IntakeAuth(FORMULIEREN),
    operation_id="contactformuliertoken_read",
    summary="Een formuliertoken opvragen.",
    description="Vraag een token op als de website het formulier toont, en stuur het mee "
    "met de inzending. Een token geldt eenmaal, van geldigVanaf tot geldigTot.",
    response=FormuliertokenOut,
)
def contactformuliertoken_read(request: HttpRequest) -> HttpResponse:
    token, uitgegeven_op = spam.geef_token(caller(request).client.client_id)
    van, tot = spam.geldigheid(uitgegeven_op)
    return json_response(
        {"token": token, "geldigVanaf": van.isoformat(), "geldigTot": tot.isoformat()}
    )


@router.post(
    "/contactformulieren",
    auth=IntakeAuth(FORMULIEREN),
    operation_id="contactformulier_create",
    summary="Een ingevuld contactformulier vastleggen.",
    description="De gegevens (``contactformulier``, JSON) en de bijlagen (``bijlagen``, "
    "nul of meer bestanden) als multipart/form-data. 201: vastgelegd; 200: dezelfde "
    "inzending nog eens (niets nieuws vastgelegd); 202: aangenomen maar niet vastgelegd "
    "(de honeypot was ingevuld).",
    response={201: ContactformulierOut, 200: ContactformulierOut, 202: NietVastgelegdOut},
)
@decorate_view(formulier_met_bestanden(lambda: settings.KLANTBEELD_INTAKE_MAX_BIJLAGEN))
def contactformulier_create(
    request: HttpRequest,
    contactformulier: ContactformulierIn,
    bijlagen: File[list[UploadedFile] | None] = None,
) -> HttpResponse:
    formulier = contactformulier
    client = caller(request).client
    documenten = _controleer(request, formulier, list(bijlagen or []))
    plaatsgevonden_op = moment(formulier.plaatsgevonden_op, "contactformulier.plaatsgevondenOp")
    spam.binnen_limieten(client.client_id, formulier.indiener_ip)
    token = spam.lees_token(formulier.token, client.client_id)
    bron = Bron(f"formulier:{client.client_id}", formulier.inzending_id or f"token:{token.nonce}")
    # A submission sent again is answered as before, however long after.
    if (eerder := eerder_antwoord(bron)) is not None:
        return eerder
    spam.controleer_tijd(token)
    if formulier.honeypot.strip():
        spam.tel_weigering(client.naam, Weigerreden.HONEYPOT)
        return json_response(
            {"toelichting": "Aangenomen, niet vastgelegd: het verborgen veld was ingevuld."},
            status=202,
        )
    spam.controleer_inhoud(formulier.onderwerp, formulier.bericht)
    return _registreer(request, formulier, documenten, plaatsgevonden_op, token, bron)


def _controleer(
    request: HttpRequest, formulier: ContactformulierIn, bestanden: list[UploadedFile]
) -> list[Document]:
    """What the schema cannot check: the scope for an identity, the configured channels
    and the attachments. Returns the attachments as documents."""
    if veld := formulier.gegeven():
        eis_identiteitsscope(request, veld)
    if formulier.kanaal not in settings.KLANTBEELD_KANALEN:
        raise invalid(
            "contactformulier.kanaal",
            "invalid_choice",
            f"Kies een van de ingestelde kanalen: {', '.join(settings.KLANTBEELD_KANALEN)}.",
        )
    if len(bestanden) > settings.KLANTBEELD_INTAKE_MAX_BIJLAGEN:
        raise invalid(
            "bijlagen",
            "max_items",
            f"Hoogstens {settings.KLANTBEELD_INTAKE_MAX_BIJLAGEN} bijlagen per formulier.",
        )
    return als_documenten(bestanden, "bijlagen")


def _registreer(
    request: HttpRequest,
    formulier: ContactformulierIn,
    documenten: list[Document],
    plaatsgevonden_op: datetime.datetime,
    token: Formuliertoken,
    bron: Bron,
) -> HttpResponse:
    """The submission, its task and documents, and its confirmation: all or nothing."""
    client = caller(request).client
    with transaction.atomic():
        if (gelijktijdig := claim(bron)) is not None:
            return gelijktijdig
        spam.gebruik_token(token)
        by = change_context(request)
        actor = automatische_actor(client, by)
        indiener = _indiener(formulier, partij_van(formulier, by))
        aanmelding = Contactaanmelding(
            kanaal=formulier.kanaal,
            onderwerp=formulier.onderwerp,
            inhoud=formulier.bericht,
            taal=formulier.taal,
            plaatsgevonden_op=plaatsgevonden_op,
            deelnemers=[indiener],
            actoren=[actor],
            documenten=documenten,
            opvolging=taakverzoek(formulier.opvolging, "contactformulier.opvolging"),
            bron=bron,
        )
        with Documentenregister(by=by) as register:
            registratie = registreer_contact(aanmelding, by, register=register)
            klantcontact = registratie.klantcontact
            assert registratie.nieuw and klantcontact is not None  # the claim is ours
            opgeslagen = list(register.opgeslagen)
            bevestiging = (
                bevestig(
                    request,
                    klantcontact,
                    indiener,
                    formulier.emailadres,
                    actor=actor,
                    by=by,
                    register=register,
                )
                if formulier.bevestiging_gewenst
                else None
            )
        inhoud = {
            **antwoord(request, klantcontact, registratie.taak, opgeslagen),
            "bevestiging": bevestiging,
        }
        return bewaar_antwoord(bron, klantcontact, inhoud)


def _indiener(formulier: ContactformulierIn, partij: Partij | None) -> Deelnemer:
    """The submitter with the addresses given for this contact (R7: on the betrokkene, not
    on the partij)."""
    naam = formulier.contactnaam
    adressen = [
        Contactadres(soort, adres, "Opgegeven in contactformulier")
        for soort, adres in (
            ("email", formulier.emailadres),
            ("telefoonnummer", formulier.telefoonnummer),
        )
        if adres
    ]
    return Deelnemer(
        partij=partij,
        voornaam=naam.voornaam if naam else "",
        voorvoegsel=naam.voorvoegsel_achternaam if naam else "",
        achternaam=(naam.achternaam if naam else "") or formulier.naam.strip(),
        organisatienaam=formulier.organisatienaam,
        adressen=adressen,
    )
