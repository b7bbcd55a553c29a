"""The chat widget on the portal's pages (docs/chat.md): a chat a signed-in resident opens
there is theirs. The widget asks for a ticket naming the resident's partij just before it
opens the chat; the partij is made then if the register has none yet (R3: an action of an
authenticated resident, not a page being read)."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from klantbeeld.live.tickets import partij_ticket
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist


@require_POST
@inlog_vereist()
def ticket(request: HttpRequest) -> JsonResponse:
    wie = cast(PortaalRequest, request).mijn
    partij = wie.maak_partij(wie.wijziging())
    return JsonResponse({"ticket": partij_ticket(partij.uuid)})
