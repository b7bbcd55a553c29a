"""The callback the NRC delivers notifications to (an abonnement's ``callbackUrl``).

It answers 401 without the agreed ``Authorization`` value (Open Notificaties checks that
when the abonnement is made), 204 to the NRC's test message without doing anything, and
otherwise stores the notification once, for the worker to handle: at-least-once delivery
upstream makes duplicates normal.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from typing import Any
from urllib.parse import urlsplit

import orjson
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from klantbeeld.api.common.problems import InvalidParam, problem_response
from klantbeeld.domain.validators import has_nul
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
    problems = invalid_message(message)
    if problems:
        # 400 ends the NRC's delivery of this message: retrying would not make it valid.
        return problem_response(request, 400, invalid_params=problems)
    if message["kanaal"] == "test":
        return HttpResponse(status=204)
    _store(message)
    return HttpResponse(status=204)


# The Notificaties API 1.0.0 message (schema ``Message``): the texts and their longest
# length; hoofdObject and resourceUrl are URLs, aanmaakdatum a date-time, kenmerken an
# object of texts. ``source`` and ``kenmerken`` are optional.
TEXTS = {"kanaal": 50, "source": 100, "resource": 100, "actie": 100}
KENMERK_MAX_LENGTH = 1000


def invalid_message(message: Any) -> list[InvalidParam]:
    """What is wrong with ``message`` against the Notificaties API's message schema."""
    if not isinstance(message, dict):
        return [InvalidParam("nonFieldErrors", "invalid", "Een bericht is een JSON-object.")]
    problems = [
        InvalidParam(name, "required", "Dit veld is vereist.")
        for name in REQUIRED
        if message.get(name) in (None, "")
    ]
    for name, value in message.items():
        if value in (None, "") and name in REQUIRED:
            continue
        reason = _field_problem(name, value)
        if reason:
            problems.append(InvalidParam(name, "invalid", reason))
    return problems


def _field_problem(name: str, value: Any) -> str | None:
    if has_nul(value):
        return "Tekst mag geen NUL-teken bevatten."
    if name in TEXTS:
        if not isinstance(value, str):
            return "Een tekst is vereist."
        if len(value) > TEXTS[name]:
            return f"Zorg ervoor dat dit veld niet meer dan {TEXTS[name]} tekens bevat."
    elif name in ("hoofdObject", "resourceUrl"):
        if not _is_url(value):
            return "Een geldige URL is vereist."
    elif name == "aanmaakdatum":
        if not _is_date_time(value):
            return "Een geldige datum en tijd (ISO 8601) is vereist."
    elif name == "kenmerken":
        return _kenmerken_problem(value)
    return None


def _kenmerken_problem(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "Kenmerken zijn een object van teksten."
    for kenmerk in value.values():
        if not isinstance(kenmerk, str):
            return "Kenmerken zijn een object van teksten."
        if len(kenmerk) > KENMERK_MAX_LENGTH:
            return f"Een kenmerk heeft hoogstens {KENMERK_MAX_LENGTH} tekens."
    return None


def _is_url(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _is_date_time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


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
