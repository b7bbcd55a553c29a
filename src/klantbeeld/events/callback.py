"""The callback the NRC delivers notifications to (an abonnement's ``callbackUrl``).

It answers 401 without the agreed ``Authorization`` value (Open Notificaties checks that
when the abonnement is made), 204 to the NRC's test message without doing anything, and
otherwise stores the notification once, for the worker to handle: at-least-once delivery
upstream makes duplicates normal.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import orjson
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from klantbeeld.api.common.problems import InvalidParam, problem_response
from klantbeeld.events.models import InboxNotification
from klantbeeld.events.outbox import WAKE_CHANNEL

REQUIRED = ("kanaal", "hoofdObject", "resource", "resourceUrl", "actie", "aanmaakdatum")


@csrf_exempt
@require_POST
def notificatie_callback(request: HttpRequest) -> HttpResponse:
    expected = settings.KLANTBEELD_NRC_CALLBACK_AUTH
    given = request.headers.get("Authorization", "")
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return problem_response(request, 401, detail="Onjuiste of ontbrekende Authorization.")
    try:
        message = orjson.loads(request.body)
    except orjson.JSONDecodeError:
        return problem_response(request, 400, detail="De body is geen JSON.")
    missing = _missing(message)
    if missing:
        return problem_response(
            request,
            400,
            invalid_params=[
                InvalidParam(name, "required", "Dit veld is vereist.") for name in missing
            ],
        )
    if message["kanaal"] == "test":
        return HttpResponse(status=204)
    _store(message)
    return HttpResponse(status=204)


def _missing(message: Any) -> list[str]:
    if not isinstance(message, dict):
        return list(REQUIRED)
    return [
        name for name in REQUIRED if not isinstance(message.get(name), str) or not message[name]
    ]


def _store(message: dict[str, Any]) -> None:
    identity = orjson.dumps({name: message[name] for name in REQUIRED}, option=orjson.OPT_SORT_KEYS)
    try:
        with transaction.atomic():
            InboxNotification.objects.create(
                fingerprint=hashlib.sha256(identity).hexdigest(),
                kanaal=message["kanaal"],
                payload=message,
            )
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(f"NOTIFY {WAKE_CHANNEL}")
    except IntegrityError:
        pass  # delivered before: handled (or being handled) once
