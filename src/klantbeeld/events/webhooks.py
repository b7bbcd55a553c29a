"""Plain webhooks: a CloudEvent 1.0 (structured JSON) per change, signed as Standard
Webhooks prescribes (``webhook-id``, ``webhook-timestamp``, ``webhook-signature``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import Any

from klantbeeld.api.common.resources import public_root
from klantbeeld.domain.models.base import uuid7
from klantbeeld.domain.services.changes import Change
from klantbeeld.events.nrc import now_text

CONTENT_TYPE = "application/cloudevents+json"


def cloud_event(change: Change, resource: str, url: str) -> dict[str, Any]:
    return {
        "specversion": "1.0",
        "id": str(uuid7()),
        "source": public_root(),
        "type": f"nl.klantbeeld.{resource}.{change.actie}",
        "subject": str(change.instance.pk),
        "time": now_text(),
        "datacontenttype": "application/json",
        "data": {
            "resource": resource,
            "uuid": str(change.instance.pk),
            "url": url,
            "actie": change.actie,
            "applicatie": change.by.applicatie,
        },
    }


def signature_headers(
    secret: str, message_id: str, body: bytes, at: int | None = None
) -> dict[str, str]:
    """The Standard Webhooks headers for ``body``: HMAC-SHA256 over
    ``<id>.<timestamp>.<body>`` with the secret's bytes (base64 after ``whsec_``)."""
    timestamp = str(int(time.time()) if at is None else at)
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": f"v1,{digest}",
    }


def verify(secret: str, headers: dict[str, str], body: bytes, tolerance: int = 300) -> bool:
    """What a receiver checks (used by the tests and offered to integrators as reference)."""
    try:
        timestamp = int(headers["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    expected = signature_headers(secret, headers.get("webhook-id", ""), body, timestamp)
    given = headers.get("webhook-signature", "").split()
    return any(hmac.compare_digest(expected["webhook-signature"], item) for item in given)
