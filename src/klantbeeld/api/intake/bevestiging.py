"""The confirmation of a contact form by e-mail (C1284): its own outbound klantcontact,
for the same person with the same address, by the form's application, following up the
submission's contact; sent by the e-mail channel through the outbox."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from klantbeeld.api.common.context import api_context
from klantbeeld.api.intake.registratie import KLANTINTERACTIES
from klantbeeld.domain.models import Actor, Klantcontact
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Bron, Deelnemer
from klantbeeld.domain.services.verzenden import Bericht
from klantbeeld.domain.services.zaken import Zakenregister

KANAAL = "e-mail"
ONDERWERP_MAX = 200


def bevestig(
    request: HttpRequest,
    inzending: Klantcontact,
    indiener: Deelnemer,
    emailadres: str,
    *,
    actor: Actor,
    by: ChangeContext,
    register: Zakenregister,
) -> dict[str, Any]:
    """Register the confirmation for sending, or say that it cannot be sent: Klantbeeld
    has no e-mail channel set up. The submission is registered either way."""
    if not verzenden.kan_versturen(KANAAL):
        return {"status": "niet_mogelijk", "klantcontact": None}
    # The submitter, with the address the confirmation goes to.
    ontvanger = dataclasses.replace(
        indiener, initiator=False, adressen=[a for a in indiener.adressen if a.soort == "email"]
    )
    naam = " ".join(
        deel for deel in (indiener.voornaam, indiener.voorvoegsel, indiener.achternaam) if deel
    )
    verzending = verzenden.verstuur(
        Bericht(
            kanaal=KANAAL,
            adres=emailadres,
            onderwerp=f"Ontvangen: {inzending.onderwerp}"[:ONDERWERP_MAX],
            tekst=_tekst(inzending, naam),
            naam=naam,
            automatisch=True,
        ),
        ontvanger=ontvanger,
        actor=actor,
        by=by,
        register=register,
        vervolg_op=inzending,
        bron=Bron("bevestiging", str(inzending.uuid)),
    )
    ctx = api_context(request, KLANTINTERACTIES)
    contact = verzending.klantcontact_id if verzending is not None else None
    return {"status": "te_versturen", "klantcontact": ctx.ref("klantcontacten", contact)}


def _tekst(inzending: Klantcontact, naam: str) -> str:
    ontvangen = timezone.localtime(inzending.plaatsgevonden_op)
    nummer = inzending.referentienummer or inzending.nummer or ""
    return (
        f"{f'Beste {naam}' if naam else 'Geachte heer, mevrouw'},\n\n"
        f"Wij hebben uw bericht van {ontvangen:%d-%m-%Y} om {ontvangen:%H:%M} ontvangen en "
        f"geregistreerd onder nummer {nummer}. Noem dat nummer als u er contact over "
        "opneemt.\n\n"
        f"Onderwerp: {inzending.onderwerp}\n\n"
        "Wij nemen zo snel mogelijk contact met u op.\n\n"
        "Dit bericht is automatisch verstuurd.\n"
    )
