"""Sending one outbox message to its destination over HTTP."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import orjson
from django.conf import settings

from klantbeeld.events import webhooks
from klantbeeld.events.models import OutboxMessage
from klantbeeld.zgw_auth import zgw_jwt

# Answers of a register that say the same request will never be taken (a refusal of its
# content, a resource that is not there, no right to it): trying again changes nothing. A
# timeout (408), too many requests (429) and a server error are worth another try. Only
# a register link is failed at once on these (integrations/zgw/koppelingen.py): the NRC
# and webhook subscribers are tried again whatever they answer, as their refusal is often
# mended by configuration (a kanaal registered, a receiver redeployed) and no event may be
# lost.
PERMANENT_STATUS = frozenset({400, 403, 404, 409, 410, 422})


def is_permanent(status: int | None) -> bool:
    return status in PERMANENT_STATUS


class DeliveryError(Exception):
    """The destination did not take the message: it is tried again later, unless
    ``permanent`` (it never will): then it is marked failed at once, for staff to see."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


# Destinations other adapters add (``register_destination``), e.g. the ZGW registers.
Destination = Callable[[OutboxMessage, httpx.Client], None]
_destinations: dict[str, Destination] = {}


def register_destination(name: str, send: Destination) -> None:
    """Have messages whose ``destination`` is ``name`` sent by ``send``, which raises
    ``DeliveryError`` (or any error) to have the message tried again later."""
    _destinations[name] = send


def deliver(message: OutboxMessage, client: httpx.Client) -> None:
    if message.destination in _destinations:
        _destinations[message.destination](message, client)
    elif message.destination == "nrc":
        _post(client, f"{settings.KLANTBEELD_NRC_URL}/notificaties", *_for_nrc(message))
    elif message.subscription is not None:
        _post(client, message.subscription.url, *_for_webhook(message))
    else:
        raise DeliveryError(f"Onbekende bestemming {message.destination!r}.")


def nrc_token() -> str:
    """A ZGW JWT for the NRC (HS256 with the client's secret)."""
    if not settings.KLANTBEELD_NRC_SECRET:
        raise DeliveryError("KLANTBEELD_NRC_SECRET is niet ingesteld: geen JWT voor de NRC.")
    return zgw_jwt(settings.KLANTBEELD_NRC_CLIENT_ID, settings.KLANTBEELD_NRC_SECRET)


def _for_nrc(message: OutboxMessage) -> tuple[bytes, dict[str, str]]:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {nrc_token()}"}
    return orjson.dumps(message.payload), headers


def _for_webhook(message: OutboxMessage) -> tuple[bytes, dict[str, str]]:
    assert message.subscription is not None
    body = orjson.dumps(message.payload)
    headers = {"Content-Type": webhooks.CONTENT_TYPE}
    event_id = str(message.payload.get("id", message.pk))
    headers.update(webhooks.signature_headers(message.subscription.secret, event_id, body))
    return body, headers


def _post(client: httpx.Client, url: str, body: bytes, headers: dict[str, str]) -> None:
    try:
        response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as error:
        raise DeliveryError(f"{type(error).__name__}: {error}") from error
    if not response.is_success:
        raise DeliveryError(f"HTTP {response.status_code}: {response.text[:500]}")
