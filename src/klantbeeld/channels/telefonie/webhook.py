"""The endpoint the telephony platform posts its call notifications to
(``POST /kanalen/telefonie/oproepen``; docs/telefonie.md, the OpenAPI document beside this
module). Believed only from the platform (403 otherwise, nothing kept); a notification
that cannot be read is a 400 and changes nothing; each event is applied once, in the
request (it takes milliseconds: a screen-pop that waits for a worker comes too late), and
answered 204, also when it came before.

The error answers carry no body, as for the other webhooks Klantbeeld takes (SMS status
callbacks, WhatsApp): the platform only reads the status; the log says why.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from klantbeeld.channels.telefonie.melding import (
    SIGNATURE_HEADER,
    TOKEN_PARAMETER,
    MeldingFout,
    echt,
    lees,
)
from klantbeeld.channels.telefonie.verwerken import verwerk

OPENAPI = Path(__file__).with_name("openapi.yaml")
MAX_BYTES = 64 * 1024

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def oproepen(request: HttpRequest) -> HttpResponse:
    if not echt(
        request.body,
        request.headers.get(SIGNATURE_HEADER),
        request.GET.get(TOKEN_PARAMETER),
        settings.KLANTBEELD_TELEFONIE_GEHEIM,
    ):
        return HttpResponse(status=403)
    if len(request.body) > MAX_BYTES:
        log.warning("Oproepmelding geweigerd: groter dan %d bytes", MAX_BYTES)
        return HttpResponse(status=400)
    if request.content_type != "application/json":
        log.warning("Oproepmelding geweigerd: geen application/json maar %s", request.content_type)
        return HttpResponse(status=415)
    try:
        gebeurtenis = lees(json.loads(request.body))
    except (ValueError, MeldingFout) as fout:
        log.warning("Oproepmelding niet te lezen: %s", fout)
        return HttpResponse(status=400)
    if gebeurtenis.richting == "inbound":
        # An agent's own calls (outbound, internal) are no customer contact to pop up.
        verwerk(gebeurtenis)
    return HttpResponse(status=204)


@require_GET
def openapi(request: HttpRequest) -> HttpResponse:
    """The OpenAPI document for integrators (docs/telefonie.md)."""
    return HttpResponse(
        OPENAPI.read_bytes(), content_type="application/vnd.oai.openapi; charset=utf-8"
    )
