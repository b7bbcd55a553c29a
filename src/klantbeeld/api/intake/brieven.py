"""``POST /brieven``: a letter from a scan street or DMS (C2138, C4374).

The scan is stored in the Documenten API and registered as the bijlage of a klantcontact
``post`` whose actor is the scan street, with the sender as betrokkene (name and address as
read from the letter, no partij: a letter authenticates nobody) and a task for the team
that is to read it. A letter of a sender whose identity is not established is registered
only when it needs action (R1).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from ninja import File, Router, UploadedFile
from ninja.decorators import decorate_view

from klantbeeld.api.common.problems import invalid
from klantbeeld.api.common.resources import change_context
from klantbeeld.api.intake.auth import BRIEVEN, IntakeAuth, caller, eis_identiteitsscope
from klantbeeld.api.intake.bestanden import als_documenten, formulier_met_bestanden
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
from klantbeeld.api.intake.schemas import Afzender, BriefIn, IntakeOut
from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Deelnemer,
    Document,
    registreer_contact,
)

router = Router(tags=["brieven"])

ONDERWERP = "Brief ontvangen"


@router.post(
    "/brieven",
    auth=IntakeAuth(BRIEVEN),
    operation_id="brief_create",
    summary="Een ontvangen brief vastleggen.",
    description="De scan (``bestand``) met zijn gegevens (``brief``, JSON) als "
    "multipart/form-data. Legt het klantcontact ``post`` vast met de scan als bijlage en, "
    "als de brief actie vraagt, een taak. Dezelfde brief (hetzelfde kenmerk) nog eens: 200 "
    "met hetzelfde antwoord, er wordt niets nieuws vastgelegd.",
    response={201: IntakeOut, 200: IntakeOut},
)
@decorate_view(formulier_met_bestanden(lambda: 1))
def brief_create(request: HttpRequest, brief: BriefIn, bestand: File[UploadedFile]) -> HttpResponse:
    client = caller(request).client
    if veld := brief.afzender.gegeven():
        eis_identiteitsscope(request, f"afzender.{veld}")
    [scan] = als_documenten([bestand], "bestand")
    bron = Bron(f"scanstraat:{client.client_id}", brief.kenmerk)
    if (eerder := eerder_antwoord(bron)) is not None:
        return eerder
    if not brief.opvolging.nodig and not brief.afzender.gegeven():
        raise invalid(
            "brief.opvolging.nodig",
            "invalid",
            "Een brief van een afzender wiens identiteit niet vaststaat wordt alleen "
            "vastgelegd als hij actie vraagt (R1): zet opvolging.nodig op true, of laat de "
            "brief buiten Klantbeeld.",
        )
    plaatsgevonden_op = moment(brief.plaatsgevonden_op, "brief.plaatsgevondenOp")
    with transaction.atomic():
        if (gelijktijdig := claim(bron)) is not None:
            return gelijktijdig
        by = change_context(request)
        aanmelding = Contactaanmelding(
            kanaal="post",
            onderwerp=brief.onderwerp.strip() or ONDERWERP,
            inhoud=brief.inhoud,
            taal=brief.taal,
            vertrouwelijk=brief.vertrouwelijk,
            plaatsgevonden_op=plaatsgevonden_op,
            deelnemers=[_afzender(brief.afzender, partij_van(brief.afzender, by))],
            actoren=[automatische_actor(client, by)],
            documenten=[
                Document(
                    bestand=scan.bestand,
                    titel=f"Brief {brief.kenmerk}"[:200],
                    beschrijving=f"Scan van een brief ontvangen op {plaatsgevonden_op:%d-%m-%Y}",
                )
            ],
            opvolging=taakverzoek(brief.opvolging, "brief.opvolging")
            if brief.opvolging.nodig
            else None,
            bron=bron,
            documenttype=settings.KLANTBEELD_INTAKE_BRIEF_INFORMATIEOBJECTTYPE,
        )
        with Documentenregister(by=by) as register:
            registratie = registreer_contact(aanmelding, by, register=register)
        klantcontact = registratie.klantcontact
        assert registratie.nieuw and klantcontact is not None  # the claim is ours
        inhoud = antwoord(request, klantcontact, registratie.taak, register.opgeslagen)
        return bewaar_antwoord(bron, klantcontact, inhoud)


def _afzender(afzender: Afzender, partij: Partij | None) -> Deelnemer:
    naam = afzender.contactnaam
    adres = afzender.correspondentieadres
    return Deelnemer(
        partij=partij,
        voornaam=naam.voornaam if naam else "",
        voorvoegsel=naam.voorvoegsel_achternaam if naam else "",
        achternaam=naam.achternaam if naam else "",
        organisatienaam=afzender.organisatienaam,
        correspondentieadres={
            deel: str(waarde)
            for deel, waarde in (adres.model_dump() if adres else {}).items()
            if waarde not in ("", None)
        },
    )
