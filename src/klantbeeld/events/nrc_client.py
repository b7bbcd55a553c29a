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


def subscribe_zaken() -> tuple[str, str]:
    """The abonnement on kanaal ``zaken`` (one filter group per configured zaaktype, or all
    zaken) with Klantbeeld's callback: an existing one for the callback is reused (and
    brought up to date), so running this again makes no second one, which would deliver
    every notification twice. Returns its URL and "aangemaakt", "bijgewerkt" or
    "bestond al"."""
    if not settings.KLANTBEELD_NRC_CALLBACK_AUTH:
        raise NrcError("KLANTBEELD_NRC_CALLBACK_AUTH is niet ingesteld.")
    zaaktypen = settings.KLANTBEELD_NRC_ZAAKTYPEN
    kanalen = [{"naam": "zaken", "filters": {"zaaktype": zaaktype}} for zaaktype in zaaktypen] or [
        {"naam": "zaken", "filters": {}}
    ]
    body = {
        "callbackUrl": callback_url(),
        "auth": settings.KLANTBEELD_NRC_CALLBACK_AUTH,
        "kanalen": kanalen,
    }
    with _client() as client:
        existing = [
            abonnement
            for abonnement in _checked(client.get("abonnement"))
            if abonnement.get("callbackUrl") == body["callbackUrl"]
        ]
        if not existing:
            created = _checked(client.post("abonnement", json=body))
            return str(created["url"]), "aangemaakt"
        url = str(existing[0]["url"])
        if _same_kanalen(existing[0].get("kanalen", []), kanalen):
            return url, "bestond al"
        # The NRC does not show the auth it has: a PUT sends ours again with the kanalen.
        _checked(client.put(url, json=body))
        return url, "bijgewerkt"


def _same_kanalen(have: list[dict[str, Any]], want: list[dict[str, Any]]) -> bool:
    def key(kanalen: list[dict[str, Any]]) -> list[tuple[str, list[tuple[str, Any]]]]:
        return sorted(
            (str(k.get("naam")), sorted((k.get("filters") or {}).items())) for k in kanalen
        )

    return key(have) == key(want)
