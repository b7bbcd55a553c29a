"""The endpoint TOPdesk's action sequences call when an incident Klantbeeld escalated
changes (docs/topdesk.md; OpenAPI: docs/openapi/topdesk-terugmelding.yaml).

It wants ``Authorization: Bearer <KLANTBEELD_TOPDESK_TERUGMELD_SLEUTEL>`` (compared in
constant time; 401 in the API error format otherwise) and a JSON object naming the
incident by ``id`` or ``number``. It trusts nothing else of the body: it queues a job for
the worker that reads the incident from TOPdesk itself, and answers 202 at once. An
incident Klantbeeld did not escalate is answered 202 too, doing nothing (an action
sequence may fire for every incident)."""

from __future__ import annotations

import hmac
from typing import Any

import orjson
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from klantbeeld.api.common.problems import InvalidParam, problem_response
from klantbeeld.domain.validators import has_nul
from klantbeeld.integrations.topdesk.bijwerken import plan_bijwerken
from klantbeeld.integrations.topdesk.models import Escalatie, Escalatiestatus

VELDEN = ("id", "number")


@csrf_exempt
@require_POST
def terugmelding(request: HttpRequest) -> HttpResponse:
    if not _toegestaan(request.headers.get("Authorization", "")):
        return problem_response(request, 401, detail="Onjuiste of ontbrekende Authorization.")
    try:
        body = orjson.loads(request.body)
    except orjson.JSONDecodeError:
        return problem_response(request, 400, detail="De body is geen JSON.")
    problemen = _ongeldig(body)
    if problemen:
        return problem_response(request, 400, invalid_params=problemen)
    voorwaarde = Q()
    if body.get("id"):
        voorwaarde |= Q(incident_id=body["id"])
    if body.get("number"):
        voorwaarde |= Q(incident_nummer=body["number"])
    with transaction.atomic():
        for escalatie in Escalatie.objects.filter(voorwaarde, status=Escalatiestatus.GEMELD):
            plan_bijwerken(escalatie)
    return HttpResponse(status=202)


def _toegestaan(gegeven: str) -> bool:
    sleutel = settings.KLANTBEELD_TOPDESK_TERUGMELD_SLEUTEL
    if not sleutel:
        return False  # not configured: nobody may call
    return hmac.compare_digest(gegeven.encode(), f"Bearer {sleutel}".encode())


def _ongeldig(body: Any) -> list[InvalidParam]:
    if not isinstance(body, dict):
        return [InvalidParam("nonFieldErrors", "invalid", "Een bericht is een JSON-object.")]
    problemen = []
    for naam in VELDEN:
        waarde = body.get(naam)
        if waarde is None:
            continue
        if not isinstance(waarde, str) or len(waarde) > 64 or has_nul(waarde):
            problemen.append(InvalidParam(naam, "invalid", "Een tekst van hoogstens 64 tekens."))
    if not problemen and not (body.get("id") or body.get("number")):
        problemen.append(
            InvalidParam("id", "required", "Geef het id of het nummer (number) van de melding.")
        )
    return problemen
