"""The webhook the messaging gateway posts to (the WhatsApp Cloud API's callback URL).

GET is Meta's subscription handshake: the challenge comes back only with our verify
token. POST is believed only with a valid ``X-Hub-Signature-256`` over the raw body
(403 otherwise, and nothing is kept). Each message and each final status in it is stored
once (its key is unique in the database) and queued for the worker in the same
transaction; the answer is 200 straight away. Meta wants an answer within seconds and
sends again what it does not get one for; fetching files and storing documents in the
Documenten API can take longer, so that is the worker's job (docs/app-en-sms.md).
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import logging
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from klantbeeld.channels.app.models import Webhookbericht
from klantbeeld.channels.gateways.whatsapp import (
    SIGNATURE_HEADER,
    InboundMessage,
    StatusUpdate,
    WebhookError,
    parse_webhook,
    verification_response,
    verify_signature,
)
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue

DESTINATION = "app:webhook"
# Messages that are no question of the resident's: a reaction (an emoji on a message),
# a system notice (a changed number).
GENEGEERD = frozenset({"reaction", "system"})
# Statuses that change something: "sent" says nothing the send's answer did not.
STATUSSEN = frozenset({"delivered", "read", "failed"})

log = logging.getLogger(__name__)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        challenge = verification_response(
            request.GET.dict(), settings.KLANTBEELD_WHATSAPP_VERIFY_TOKEN
        )
        if challenge is None:
            return HttpResponse(status=403)
        return HttpResponse(challenge, content_type="text/plain; charset=utf-8")
    signature = request.headers.get(SIGNATURE_HEADER)
    if not verify_signature(request.body, signature, settings.KLANTBEELD_WHATSAPP_APP_SECRET):
        return HttpResponse(status=403)
    try:
        items = parse_webhook(json.loads(request.body))
    except (ValueError, WebhookError) as error:
        log.warning("WhatsApp-webhook niet te lezen: %s", error)
        return HttpResponse(status=400)
    bewaar([item for item in items if _van_belang(item)])
    return HttpResponse(status=200)


def _van_belang(item: InboundMessage | StatusUpdate) -> bool:
    nummer = settings.KLANTBEELD_WHATSAPP_PHONE_NUMBER_ID
    if nummer and item.phone_number_id != nummer:
        return False  # another business number of the same app
    if isinstance(item, InboundMessage):
        return item.type not in GENEGEERD
    return item.status in STATUSSEN


def bewaar(items: list[InboundMessage | StatusUpdate]) -> int:
    """Store each item once and queue it for the worker; how many were new."""
    nieuw = 0
    with transaction.atomic():
        for item in items:
            nieuw += _bewaar(item)
    return nieuw


def _bewaar(item: InboundMessage | StatusUpdate) -> int:
    if isinstance(item, InboundMessage):
        soort = Webhookbericht.Soort.BERICHT
        sleutel = _sha256("bericht", item.message_id)
        # One resident's messages in order, one at a time: they make up one unit.
        volgorde = item.from_number[:64]
    else:
        soort = Webhookbericht.Soort.STATUS
        sleutel = _sha256("status", item.message_id, item.status)
        volgorde = _sha256(item.message_id)
    try:
        with transaction.atomic():
            rij = Webhookbericht.objects.create(
                sleutel=sleutel, soort=soort, bericht_id=item.message_id, gegevens=_gegevens(item)
            )
    except IntegrityError:
        return 0  # delivered before
    enqueue(
        [
            OutboxMessage(
                destination=DESTINATION, ordering_key=volgorde, payload={"webhookbericht": rij.pk}
            )
        ]
    )
    return 1


def _gegevens(item: InboundMessage | StatusUpdate) -> dict[str, Any]:
    gegevens = dataclasses.asdict(item)
    gegevens["timestamp"] = item.timestamp.isoformat()
    return gegevens


def item_van(rij: Webhookbericht) -> InboundMessage | StatusUpdate:
    """The stored item as the gateway client read it."""
    gegevens = dict(rij.gegevens)
    gegevens["timestamp"] = datetime.datetime.fromisoformat(gegevens["timestamp"])
    if rij.soort == Webhookbericht.Soort.BERICHT:
        return InboundMessage(**gegevens)
    return StatusUpdate(**gegevens)


def _sha256(*delen: str) -> str:
    return hashlib.sha256("\0".join(delen).encode()).hexdigest()
