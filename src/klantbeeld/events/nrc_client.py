"""Setting Klantbeeld up at the NRC: its kanalen, and the abonnement on zaken."""

from __future__ import annotations

from typing import Any

import httpx
from django.conf import settings
from django.urls import reverse

from klantbeeld.api.common.resources import public_root
from klantbeeld.events.delivery import nrc_token
from klantbeeld.events.nrc import KANALEN


class NrcError(Exception):
    pass


def _client() -> httpx.Client:
    if not settings.KLANTBEELD_NRC_URL:
        raise NrcError("KLANTBEELD_NRC_URL is niet ingesteld.")
    return httpx.Client(
        base_url=settings.KLANTBEELD_NRC_URL + "/",
        headers={"Authorization": f"Bearer {nrc_token()}"},
        timeout=settings.KLANTBEELD_DELIVERY_TIMEOUT,
    )


def _checked(response: httpx.Response) -> Any:
    if not response.is_success:
        raise NrcError(
            f"{response.request.method} {response.request.url}: "
            f"HTTP {response.status_code} {response.text[:500]}"
        )
    return response.json()


def register_kanalen() -> list[tuple[str, str]]:
    """Create every kanaal Klantbeeld publishes on that the NRC does not know yet; returns
    (naam, "aangemaakt" | "bestond al") per kanaal."""
    outcome = []
    with _client() as client:
        for kanaal in KANALEN:
            if _checked(client.get("kanaal", params={"naam": kanaal.naam})):
                outcome.append((kanaal.naam, "bestond al"))
                continue
            _checked(
                client.post(
                    "kanaal",
                    json={
                        "naam": kanaal.naam,
                        # Open Notificaties compares kenmerken with these in snake_case.
                        "filters": list(kanaal.kenmerken),
                        "documentatieLink": f"{public_root()}/klantinteracties/api/v1/schema/docs",
                    },
                )
            )
            outcome.append((kanaal.naam, "aangemaakt"))
    return outcome


def callback_url() -> str:
    return public_root() + reverse("notificatie-callback")


def subscribe_zaken() -> str:
    """An abonnement on kanaal ``zaken`` (one filter group per configured zaaktype, or all
    zaken) with Klantbeeld's callback; returns its URL."""
    if not settings.KLANTBEELD_NRC_CALLBACK_AUTH:
        raise NrcError("KLANTBEELD_NRC_CALLBACK_AUTH is niet ingesteld.")
    zaaktypen = settings.KLANTBEELD_NRC_ZAAKTYPEN
    kanalen = [{"naam": "zaken", "filters": {"zaaktype": zaaktype}} for zaaktype in zaaktypen] or [
        {"naam": "zaken", "filters": {}}
    ]
    with _client() as client:
        abonnement = _checked(
            client.post(
                "abonnement",
                json={
                    "callbackUrl": callback_url(),
                    "auth": settings.KLANTBEELD_NRC_CALLBACK_AUTH,
                    "kanalen": kanalen,
                },
            )
        )
    return str(abonnement["url"])
