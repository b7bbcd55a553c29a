"""What a task's or a contact's page shows of its escalations to TOPdesk, and whether the
employee may escalate it (docs/topdesk.md). The forms are in ``workspace/topdesk.py``."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from klantbeeld.domain.models import InterneTaak, Klantcontact
from klantbeeld.integrations.topdesk.client import ingesteld
from klantbeeld.integrations.topdesk.escaleren import open_escalatie
from klantbeeld.integrations.topdesk.models import Escalatie
from klantbeeld.workspace.roles import rollen_van


def mag_escaleren(request: HttpRequest) -> bool:
    """TOPdesk is configured and the employee has a role that may escalate
    (``KLANTBEELD_TOPDESK_ROLLEN``)."""
    rollen = {r.value for r in rollen_van(request.user)}
    return ingesteld() and bool(rollen.intersection(settings.KLANTBEELD_TOPDESK_ROLLEN))


def blok(
    request: HttpRequest, *, contact: Klantcontact, taak: InterneTaak | None, kan: bool
) -> dict[str, Any]:
    """The page's TOPdesk part: its escalations (newest first, with what TOPdesk reported)
    and whether to offer escalating (``kan``: the page allows acting at all)."""
    escalaties = list(
        Escalatie.objects.filter(interne_taak=taak, klantcontact=contact).prefetch_related(
            "stappen"
        )
    )
    url = (
        reverse("workspace:taak_topdesk", args=[taak.uuid])
        if taak is not None
        else reverse("workspace:contact_topdesk", args=[contact.uuid])
    )
    return {
        "escalaties": escalaties,
        "escaleren_url": url,
        "escaleren_mogelijk": kan
        and mag_escaleren(request)
        and open_escalatie(taak, contact) is None,
    }
