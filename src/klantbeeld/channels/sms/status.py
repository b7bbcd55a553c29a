"""The provider's delivery reports (status callbacks): believed only when signed with our
auth token over the URL we gave, stored once, and recorded by the worker: ``delivered``
marks the Verzending afgeleverd, ``undelivered`` and ``failed`` mark the contact not
reached (C5655), with the provider's reason.

Recorded by the worker rather than in the request: the provider reports as soon as it
has the message, possibly before the worker that sent it has stored that it did."""

from __future__ import annotations

import uuid

import httpx
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from klantbeeld.channels.gateways.sms import CallbackError, SmsStatus, parse_status_callback
from klantbeeld.channels.sms.instellingen import callback_url
from klantbeeld.channels.sms.models import Smsstatus
from klantbeeld.channels.uitgaand import KANALEN
from klantbeeld.domain.models import Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.events.delivery import DeliveryError
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue

DESTINATION = "sms:status"
NIET_AFGELEVERD = frozenset({"undelivered", "failed"})
# Twilio's error codes for an SMS that did not arrive, for the employee who reads why.
FOUTEN = {
    21610: "de ontvanger heeft zich afgemeld voor sms van deze afzender (STOP)",
    30003: "het toestel is onbereikbaar (uit of buiten bereik)",
    30004: "de ontvanger heeft berichten van deze afzender geblokkeerd",
    30005: "het nummer is onbekend of bestaat niet meer",
    30006: "het nummer is een vast nummer of de provider is onbereikbaar",
    30007: "de provider heeft het bericht gefilterd",
    30008: "onbekende fout bij de provider",
}


@csrf_exempt
@require_POST
def status_callback(request: HttpRequest) -> HttpResponse:
    token = settings.KLANTBEELD_SMS_AUTH_TOKEN
    # The URL the provider called, as it signed it: the one we gave, with its query.
    aangeroepen = f"{callback_url()}?{request.META.get('QUERY_STRING', '')}"
    try:
        melding = parse_status_callback(
            aangeroepen, request.body, request.headers.get("X-Twilio-Signature"), token
        )
    except CallbackError:
        return HttpResponse(status=403)
    if melding.delivered or melding.status in NIET_AFGELEVERD:
        _bewaar(melding)
    return HttpResponse(status=204)


def _bewaar(melding: SmsStatus) -> None:
    referentie = _uuid_of(melding.reference)
    verzending = Verzending.objects.filter(uuid=referentie).first() if referentie else None
    if verzending is None:
        return  # not ours (another application on the account), or deleted since
    try:
        with transaction.atomic():
            status = Smsstatus.objects.create(
                bericht_sid=melding.message_id[:64],
                status=melding.status[:20],
                foutcode=melding.error_code,
                verzending=verzending,
            )
            enqueue(
                [
                    OutboxMessage(
                        destination=DESTINATION,
                        ordering_key=str(verzending.uuid),
                        payload={"smsstatus": status.pk},
                    )
                ]
            )
    except IntegrityError:
        pass  # posted before: recorded once


def _uuid_of(reference: str | None) -> str | None:
    try:
        return str(uuid.UUID(reference or ""))
    except ValueError:
        return None


def verwerk(message: OutboxMessage, client: httpx.Client) -> None:
    """Record one stored report on its Verzending (the worker's destination)."""
    with transaction.atomic():
        status = (
            Smsstatus.objects.select_for_update(of=("self",))
            .select_related("verzending")
            .filter(pk=message.payload["smsstatus"], verwerkt_op=None)
            .first()
        )
        if status is None:
            return
        verzending = status.verzending
        if verzending is not None:
            if verzending.status == Verzendstatus.TE_VERSTUREN:
                raise DeliveryError("Het versturen is nog niet vastgelegd; later opnieuw.")
            if status.status in NIET_AFGELEVERD:
                if verzending.status != Verzendstatus.MISLUKT:
                    verzenden.niet_afgeleverd(verzending, reden(status), KANALEN)
            else:
                verzenden.afgeleverd(verzending)
        status.verwerkt_op = timezone.now()
        status.save(update_fields=["verwerkt_op"])


def reden(status: Smsstatus) -> str:
    """Why the SMS did not arrive, in words, with the provider's code."""
    if status.foutcode is None:
        return f"SMS niet afgeleverd ({status.status})."
    uitleg = FOUTEN.get(status.foutcode, "zie de documentatie van de provider")
    return f"SMS niet afgeleverd ({status.status}, foutcode {status.foutcode}: {uitleg})."
