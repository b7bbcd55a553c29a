"""A local messaging gateway for tests and demos: the WhatsApp Business Platform Cloud API
(Meta's Graph API, v23.0) for one business phone number, on loopback, checked against the
document in tests/specs (written from Meta's; tests/specs/README.md says why).

As Meta does, it

- takes ``POST /{version}/{phone_number_id}/messages`` (text, image and document messages,
  media by id or link) with ``Authorization: Bearer <token>`` (401, code 190, otherwise)
  and answers with the contact and the message's wamid; ``POST …/media`` (multipart
  upload) answers a media id; ``GET /{version}/{media_id}`` where to download a file, and
  that URL its bytes, with the same token;
- refuses what breaks the document (code 100, recorded in ``violations``);
- reports each message by status webhooks to the app's callback URL: ``sent`` and
  ``delivered``, or ``failed`` with Meta's code (131047 outside the 24-hour service
  window, 131026 for a number not on WhatsApp, 131053 for media it cannot fetch);
- posts residents' messages as webhooks (``send_inbound``), signed with
  ``X-Hub-Signature-256`` over the raw body with the app secret, and performs the
  subscription handshake (``verify_webhook``).

Every answer it gives and every webhook it posts is checked against the document too; an
answer that breaks it becomes a 500 and a violation, so its tests catch it.

    python -m standins.whatsapp --port 8004 --token-env VARIABLE --app-secret-env VARIABLE \\
        --webhook-url http://127.0.0.1:8000/… --verify-token-env VARIABLE
"""

from standins.whatsapp.gateway import (
    InboundMedia,
    LocalWhatsApp,
    SentMessage,
    StoredMedia,
    WebhookDelivery,
)
from standins.whatsapp.server import whatsapp_gateway

__all__ = [
    "InboundMedia",
    "LocalWhatsApp",
    "SentMessage",
    "StoredMedia",
    "WebhookDelivery",
    "whatsapp_gateway",
]
