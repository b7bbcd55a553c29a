"""The WhatsApp Business Platform Cloud API (Meta's Graph API) for one business phone
number: sending text, image and document messages, uploading and downloading media, and
reading the webhooks Meta posts (messages from residents, statuses of what was sent).

Sending: ``POST /{version}/{phone_number_id}/messages`` with a bearer token; Meta answers
with the message's id (``wamid.…``) and reports sent, delivered, read or failed later by
webhook. Webhooks carry ``X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body,
keyed with the app secret>``; the callback URL is confirmed once with a GET handshake
(``hub.mode=subscribe``, ``hub.verify_token``, ``hub.challenge``).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from klantbeeld.channels.gateways.common import (
    ChannelError,
    PooledClient,
    json_object,
    kind_of,
    required,
    seconds,
)
from klantbeeld.channels.gateways.numbers import wa_id

DEFAULT_URL = "https://graph.facebook.com"
DEFAULT_VERSION = "v23.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"

# Graph API error codes that say "later", whatever the HTTP status: 1 and 2 (unknown error,
# service unavailable), 4 and 80007 (rate limits), 130429 (throughput), 131000 (something
# went wrong), 131016 (service overloaded), 131048 and 131056 (spam rate, pair rate).
_LATER = frozenset({1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056})
# Codes about Klantbeeld's settings, not the message: 190 (the access token is invalid or
# expired), 10 and 200 (the app lacks a permission), 131031 (the business account is
# locked), 133010 (the phone number is not registered).
_CONFIGURATION = frozenset({10, 190, 200, 131031, 133010})


class GatewayError(ChannelError):
    """The gateway did not take the message (``permanent``: it never will)."""


class WebhookError(ValueError):
    """A webhook body that is not what Meta posts; answer 400."""


@dataclass(frozen=True)
class Media:
    content: bytes
    mime_type: str
    sha256: str  # as Meta gives it


class WhatsAppGateway(PooledClient):
    """The Cloud API for the business phone number ``phone_number_id``. ``http``: a
    connection pool of the caller's (the outbox worker's), which stays the caller's."""

    def __init__(
        self,
        base_url: str,
        phone_number_id: str,
        token: str,
        *,
        version: str = DEFAULT_VERSION,
        timeout: float = 10.0,
        http: httpx.Client | None = None,
    ) -> None:
        if not phone_number_id or not token:
            raise ValueError("WhatsApp: phone number id en access token zijn nodig.")
        self.base_url = base_url.rstrip("/")
        self.phone_number_id = phone_number_id
        self.version = version
        self.timeout = timeout
        super().__init__(http)
        self._token = token

    @classmethod
    def from_env(
        cls, env: Mapping[str, str], prefix: str = "KLANTBEELD_WHATSAPP_"
    ) -> WhatsAppGateway:
        """From ``<prefix>URL`` (default Meta's), ``PHONE_NUMBER_ID``, ``TOKEN``,
        ``VERSION`` (default v23.0) and ``TIMEOUT`` (seconds, default 10)."""
        required(env, [prefix + "PHONE_NUMBER_ID", prefix + "TOKEN"], "WhatsApp")
        timeout = seconds(env, prefix + "TIMEOUT", "WhatsApp")
        return cls(
            env.get(prefix + "URL") or DEFAULT_URL,
            env[prefix + "PHONE_NUMBER_ID"],
            env[prefix + "TOKEN"],
            version=env.get(prefix + "VERSION") or DEFAULT_VERSION,
            timeout=timeout,
        )

    # -- sending ---------------------------------------------------------------------------

    def send_text(self, to: str, body: str, *, reply_to: str | None = None) -> str:
        """Send ``body`` to ``to`` (a phone number, 06… or +31…, or a wa_id); returns the
        message's wamid.
        ``reply_to``: the wamid of the resident's message this answers (shown quoted)."""
        return self._send(to, "text", {"body": body, "preview_url": False}, reply_to)

    def send_document(
        self,
        to: str,
        document: str | bytes,
        *,
        filename: str,
        caption: str | None = None,
        mime_type: str = "application/pdf",
        reply_to: str | None = None,
    ) -> str:
        """Send a document: its bytes (uploaded first) or an https link Meta fetches."""
        media = self._media_reference(document, mime_type, filename)
        media["filename"] = filename
        if caption:
            media["caption"] = caption
        return self._send(to, "document", media, reply_to)

    def send_image(
        self,
        to: str,
        image: str | bytes,
        *,
        caption: str | None = None,
        mime_type: str = "image/jpeg",
        reply_to: str | None = None,
    ) -> str:
        """Send an image: its bytes (uploaded first) or an https link Meta fetches."""
        media = self._media_reference(image, mime_type, "afbeelding")
        if caption:
            media["caption"] = caption
        return self._send(to, "image", media, reply_to)

    def upload_media(self, content: bytes, *, mime_type: str, filename: str) -> str:
        """Upload a file for later messages (Meta keeps it 30 days); returns its media id."""
        response = self._request(
            "POST",
            self._url(f"{self.phone_number_id}/media"),
            data={"messaging_product": "whatsapp", "type": mime_type},
            files={"file": (filename, content, mime_type)},
        )
        media_id = json_object(response).get("id")
        if not isinstance(media_id, str) or not media_id:
            raise GatewayError("WhatsApp antwoordde zonder media-id.", kind="unavailable")
        return media_id

    def download_media(self, media_id: str) -> Media:
        """A resident's file (an InboundMessage's ``media_id``): where Meta keeps it, then
        its bytes, both with the access token."""
        response = self._request(
            "GET",
            self._url(media_id),
            params={"phone_number_id": self.phone_number_id},
        )
        info = json_object(response)
        url = info.get("url")
        if not isinstance(url, str) or not url:
            raise GatewayError("WhatsApp gaf geen download-URL.", kind="unavailable")
        download = self._request("GET", url)
        mime_type = str(info.get("mime_type") or download.headers.get("Content-Type", ""))
        return Media(download.content, mime_type, str(info.get("sha256", "")))

    def _media_reference(self, media: str | bytes, mime_type: str, filename: str) -> dict[str, str]:
        if isinstance(media, bytes):
            return {"id": self.upload_media(media, mime_type=mime_type, filename=filename)}
        if urlsplit(media).scheme not in ("http", "https"):
            raise GatewayError(f"WhatsApp: {media!r} is geen http(s)-link.", kind="rejected")
        return {"link": media}

    def _send(self, to: str, soort: str, inhoud: Mapping[str, Any], reply_to: str | None) -> str:
        try:
            number = wa_id(to)
        except ValueError as error:
            raise GatewayError(str(error), kind="rejected") from error
        message: dict[str, Any] = {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": number,
            "type": soort,
            soort: dict(inhoud),
        }
        if reply_to:
            message["context"] = {"message_id": reply_to}
        response = self._request(
            "POST", self._url(f"{self.phone_number_id}/messages"), json=message
        )
        messages = json_object(response).get("messages")
        if isinstance(messages, list) and messages and isinstance(messages[0], dict):
            wamid = messages[0].get("id")
            if isinstance(wamid, str) and wamid:
                return wamid
        raise GatewayError("WhatsApp antwoordde zonder bericht-id.", kind="unavailable")

    def _url(self, path: str) -> str:
        return f"{self.base_url}/{self.version}/{path}"

    def _request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self._token}"}
        try:
            response = self.http.request(
                method, url, headers=headers, timeout=self.timeout, **kwargs
            )
        except httpx.HTTPError as error:
            raise GatewayError(
                f"WhatsApp niet bereikt: {type(error).__name__}: {error}", kind="unavailable"
            ) from error
        if not response.is_success:
            raise _error_from(response)
        return response


def _error_from(response: httpx.Response) -> GatewayError:
    status = response.status_code
    error = json_object(response).get("error")
    error = error if isinstance(error, dict) else {}
    code = error.get("code") if isinstance(error.get("code"), int) else None
    details = (
        error.get("error_data", {}).get("details")
        if isinstance(error.get("error_data"), dict)
        else None
    )
    detail = str(error.get("message") or response.text[:300] or response.reason_phrase)
    if details:
        detail = f"{detail} ({details})"
    # Subcode 33: the phone number id does not exist, or not for this token.
    configuration = code in _CONFIGURATION or error.get("error_subcode") == 33
    later = code in _LATER or error.get("is_transient") is True
    kind = kind_of(status, configuration=configuration, later=later)
    nummer = f" #{code}" if code is not None else ""
    return GatewayError(
        f"WhatsApp weigerde (HTTP {status}{nummer}): {detail}",
        kind=kind,
        status=status,
        code=code,
    )


# -- webhooks ----------------------------------------------------------------------------


def verify_signature(raw_body: bytes, header: str | None, app_secret: str) -> bool:
    """Whether ``header`` (X-Hub-Signature-256) signs exactly these bytes with the app
    secret. Check the raw body: Meta escapes non-ASCII, a re-encoded body differs."""
    if not header or not header.startswith("sha256=") or not app_secret:
        return False
    expected = hmac.new(app_secret.encode(), raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.removeprefix("sha256=").encode())


def verification_response(params: Mapping[str, str], verify_token: str) -> str | None:
    """The body to answer Meta's subscription handshake with (the challenge), or None to
    answer 403: not a subscription, or not our verify token."""
    if params.get("hub.mode") != "subscribe" or not verify_token:
        return None
    given = params.get("hub.verify_token", "")
    if not hmac.compare_digest(given.encode(), verify_token.encode()):
        return None
    challenge = params.get("hub.challenge")
    return challenge if challenge else None


@dataclass(frozen=True)
class InboundMessage:
    """A message a resident sent to the business number."""

    message_id: str  # wamid, unique: a webhook delivered twice carries the same one
    from_number: str  # the resident's wa_id (E.164 digits, no +)
    profile_name: str | None  # the name in the resident's WhatsApp profile
    timestamp: datetime.datetime  # aware, UTC
    type: str  # text, image, document, audio, video, location, unsupported, …
    text: str | None  # a text message's body (a button's label, a reply's title)
    media_id: str | None  # image, document, audio, video, sticker: download_media()
    mime_type: str | None
    filename: str | None
    caption: str | None
    reply_to: str | None  # the wamid it replies to (context.id)
    phone_number_id: str  # the business number it came in on


@dataclass(frozen=True)
class StatusUpdate:
    """What became of a message the business sent."""

    message_id: str  # the wamid ``send_*`` returned
    recipient: str
    status: str  # sent, delivered, read, failed
    timestamp: datetime.datetime
    phone_number_id: str
    error_code: int | None = None  # with failed, e.g. 131047 (outside the 24-hour window)
    error_title: str | None = None
    error_details: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failed"


MEDIA_TYPES = ("image", "document", "audio", "video", "sticker")


def parse_webhook(payload: Mapping[str, Any]) -> list[InboundMessage | StatusUpdate]:
    """The messages and statuses in one webhook body (parsed JSON), in order. Changes of
    other fields (group updates, account alerts) and unknown properties are passed over;
    a ``messages`` change without what every one has raises WebhookError."""
    if not isinstance(payload, Mapping) or payload.get("object") != "whatsapp_business_account":
        raise WebhookError("Geen WhatsApp-webhook (object whatsapp_business_account verwacht).")
    items: list[InboundMessage | StatusUpdate] = []
    for value in _message_values(payload):
        number = _text(_mapping(value.get("metadata")).get("phone_number_id")) or ""
        names = _profile_names(value.get("contacts"))
        for message in _list(value.get("messages")):
            items.append(_inbound(_mapping(message), names, number))
        for status in _list(value.get("statuses")):
            items.append(_status(_mapping(status), number))
    return items


def _message_values(payload: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    for entry in _list(payload.get("entry")):
        for change in _list(_mapping(entry).get("changes")):
            change = _mapping(change)
            if change.get("field") == "messages":
                yield _mapping(change.get("value"))


def _inbound(message: Mapping[str, Any], names: Mapping[str, str], number: str) -> InboundMessage:
    soort = _required(message, "type")
    sender = _required(message, "from")
    media = _mapping(message.get(soort)) if soort in MEDIA_TYPES else {}
    return InboundMessage(
        message_id=_required(message, "id"),
        from_number=sender,
        profile_name=names.get(sender),
        timestamp=_moment(_required(message, "timestamp")),
        type=soort,
        text=_message_text(message, soort),
        media_id=_text(media.get("id")),
        mime_type=_text(media.get("mime_type")),
        filename=_text(media.get("filename")),
        caption=_text(media.get("caption")),
        reply_to=_text(_mapping(message.get("context")).get("id")),
        phone_number_id=number,
    )


def _message_text(message: Mapping[str, Any], soort: str) -> str | None:
    if soort == "text":
        return _text(_mapping(message.get("text")).get("body"))
    if soort == "button":
        return _text(_mapping(message.get("button")).get("text"))
    if soort == "interactive":
        interactive = _mapping(message.get("interactive"))
        reply = _mapping(interactive.get(str(interactive.get("type", ""))))
        return _text(reply.get("title"))
    return None


def _status(status: Mapping[str, Any], number: str) -> StatusUpdate:
    error = _mapping(next(iter(_list(status.get("errors"))), None))
    code = error.get("code")
    return StatusUpdate(
        message_id=_required(status, "id"),
        recipient=_text(status.get("recipient_id")) or "",
        status=_required(status, "status"),
        timestamp=_moment(_required(status, "timestamp")),
        phone_number_id=number,
        error_code=code if isinstance(code, int) else None,
        error_title=_text(error.get("title")),
        error_details=_text(_mapping(error.get("error_data")).get("details")),
    )


def _profile_names(contacts: Any) -> dict[str, str]:
    names = {}
    for contact in _list(contacts):
        contact = _mapping(contact)
        name = _text(_mapping(contact.get("profile")).get("name"))
        number = _text(contact.get("wa_id"))
        if name and number:
            names[number] = name
    return names


def _moment(value: str) -> datetime.datetime:
    if not value.isdigit():
        raise WebhookError(f"Tijdstip {value!r} is geen Unix-tijd.")
    return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC)


def _required(item: Mapping[str, Any], name: str) -> str:
    value = _text(item.get(name))
    if not value:
        raise WebhookError(f"{name} ontbreekt in de webhook.")
    return value


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
