"""What the WhatsApp stand-in knows and does: the Cloud API for one business phone number,
and the webhooks Meta posts: residents' messages (``send_inbound``) and the statuses of
what the business sent, in order, from one worker thread."""

from __future__ import annotations

import base64
import datetime
import email.parser
import email.policy
import hashlib
import hmac
import json
import re
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from email.message import Message
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

from standins.http import Reply as Answer
from standins.reports import Reports, post_report
from standins.whatsapp import documents

GRAPH_PATH = re.compile(r"/(v[0-9]+\.[0-9]+)/([0-9A-Za-z_.]+)(?:/(messages|media))?/?")
DOWNLOAD_PATH = "/whatsapp_business/attachments/"
SERVICE_WINDOW = 24 * 3600  # seconds after a resident's last message that free text may go
WA_ID = re.compile(r"[1-9][0-9]{7,14}")
HREF = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"
# Meta's supported media types, with their size limits in bytes.
MEDIA_LIMITS = {
    "image/jpeg": 5 * 2**20,
    "image/png": 5 * 2**20,
    "image/webp": 500 * 2**10,
    "text/plain": 100 * 2**20,
    "application/pdf": 100 * 2**20,
    "application/msword": 100 * 2**20,
    "application/vnd.ms-excel": 100 * 2**20,
    "application/vnd.ms-powerpoint": 100 * 2**20,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": 100 * 2**20,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": 100 * 2**20,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": 100 * 2**20,
    "audio/aac": 16 * 2**20,
    "audio/mp4": 16 * 2**20,
    "audio/mpeg": 16 * 2**20,
    "audio/amr": 16 * 2**20,
    "audio/ogg": 16 * 2**20,
    "video/mp4": 16 * 2**20,
    "video/3gpp": 16 * 2**20,
}
# Why a message fails, as Meta reports it in a failed status (code, title, details).
NOT_ON_WHATSAPP = (
    131026,
    "Message undeliverable",
    "Unable to deliver message. The recipient may not be a WhatsApp user.",
)
OUTSIDE_WINDOW = (
    131047,
    "Re-engagement message",
    "Message failed to send because more than 24 hours have passed since the customer "
    "last replied to this number.",
)
MEDIA_ERROR = (131053, "Media upload error", "Unable to retrieve the media of this message.")


@dataclass
class SentMessage:
    """A message the business sent through the stand-in, with the statuses reported."""

    id: str  # wamid
    to: str  # the recipient's wa_id
    type: str
    request: dict[str, Any]  # the body as posted
    statuses: list[str] = field(default_factory=list)

    @property
    def text(self) -> str | None:
        return self.request.get("text", {}).get("body") if self.type == "text" else None

    @property
    def media(self) -> dict[str, Any]:
        """The image or document object (id or link, caption, filename)."""
        value = self.request.get(self.type)
        return value if self.type != "text" and isinstance(value, dict) else {}


@dataclass
class StoredMedia:
    id: str
    content: bytes
    mime_type: str
    filename: str | None

    @property
    def sha256(self) -> str:
        return base64.b64encode(hashlib.sha256(self.content).digest()).decode()


@dataclass
class InboundMedia:
    """A file a resident sends with ``send_inbound``."""

    content: bytes
    mime_type: str
    filename: str | None = None
    kind: Literal["document", "image", "audio", "video"] = "document"


@dataclass
class WebhookDelivery:
    """A webhook the stand-in posted, and what the receiver answered."""

    url: str
    body: bytes
    signature: str
    answer: int | None  # the receiver's HTTP status; None when it was not reached
    error: str = ""

    @property
    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.body)
        return data


class GraphError(Exception):
    """A Graph API error answer."""

    def __init__(
        self,
        status: int,
        code: int,
        message: str,
        *,
        kind: str = "OAuthException",
        details: str | None = None,
        subcode: int | None = None,
        transient: bool | None = None,
    ) -> None:
        super().__init__(message)
        error: dict[str, Any] = {"message": message, "type": kind, "code": code}
        if subcode is not None:
            error["error_subcode"] = subcode
        if transient is not None:
            error["is_transient"] = transient
        if details is not None:
            error["error_data"] = {"messaging_product": "whatsapp", "details": details}
        error["fbtrace_id"] = base64.urlsafe_b64encode(secrets.token_bytes(16)).decode()[:23]
        self.answer = Answer(status, json.dumps({"error": error}).encode())


def _wamid() -> str:
    return "wamid." + base64.b64encode(b"\x15\x02\x00\x12\x18" + secrets.token_bytes(24)).decode()


def _numeric_id() -> str:
    return str(10**15 + secrets.randbelow(9 * 10**15))


def _digits(number: str) -> str:
    return re.sub(r"[\s\-().+]", "", number)


class LocalWhatsApp:
    """The Cloud API for the business number ``phone_number_id``, with the access token
    ``token``; webhooks go to ``webhook_url``, signed with ``app_secret``.

    Messages to a wa_id in ``not_on_whatsapp`` fail (131026). With ``service_window`` (on
    by default) free text, images and documents only reach a resident who wrote in the
    last 24 hours (``send_inbound`` opens the window); others fail with 131047, as Meta
    requires a template outside it. ``failing``: answer every request with 503 (code 2).
    ``delay``: seconds to wait before answering (to make a client time out)."""

    def __init__(
        self,
        url: str,
        *,
        token: str,
        app_secret: str,
        phone_number_id: str,
        display_phone_number: str,
        waba_id: str,
        webhook_url: str | None = None,
        verify_token: str | None = None,
    ) -> None:
        self.url = url
        self.token = token
        self.app_secret = app_secret
        self.phone_number_id = phone_number_id
        self.display_phone_number = display_phone_number
        self.waba_id = waba_id
        self.webhook_url = webhook_url
        self.verify_token = verify_token
        self.not_on_whatsapp: set[str] = set()
        self.service_window = True
        self.failing = False
        self.delay = 0.0
        self.messages: list[SentMessage] = []
        self.webhooks: list[WebhookDelivery] = []
        self.media: dict[str, StoredMedia] = {}
        # Requests, answers and webhooks that break the document.
        self.violations: list[str] = []
        self.last_inbound: dict[str, int] = {}  # wa_id → Unix time of the last message
        self.lock = threading.Lock()
        self._changed = threading.Condition(self.lock)
        self.reports: Reports[tuple[str, str, tuple[int, str, str] | None]]
        self.reports = Reports(self._post_status)

    # -- for tests ------------------------------------------------------------------------

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[SentMessage]:
        """The messages sent, once there are ``count``."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(f"{len(self.messages)} of {count} messages in {timeout} s")
            return list(self.messages)

    def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until ``condition`` holds, asked again whenever something changes (a
        message, a status, a webhook)."""
        with self._changed:
            if not self._changed.wait_for(condition, timeout):
                raise AssertionError(f"not so after {timeout} s")

    def wait_for_webhooks(self, count: int = 1, timeout: float = 10.0) -> list[WebhookDelivery]:
        """The webhooks posted (inbound messages and statuses), once there are ``count``."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.webhooks) >= count, timeout):
                raise AssertionError(f"{len(self.webhooks)} of {count} webhooks in {timeout} s")
            return list(self.webhooks)

    def add_media(self, content: bytes, mime_type: str, filename: str | None = None) -> str:
        """Keep a file as Meta keeps an upload or a resident's attachment; its media id."""
        media = StoredMedia(_numeric_id(), content, mime_type, filename)
        with self.lock:
            self.media[media.id] = media
        return media.id

    def send_inbound(
        self,
        text: str | None,
        *,
        from_number: str,
        name: str,
        message_id: str | None = None,
        timestamp: datetime.datetime | None = None,
        media: InboundMedia | None = None,
        reply_to: str | None = None,
    ) -> WebhookDelivery:
        """Post the webhook Meta posts when ``from_number`` (profile name ``name``) sends a
        message: ``text``, or ``media`` with ``text`` as its caption. Returns the delivery
        once the receiver answered; it also opens the 24-hour window for replies."""
        sender = _digits(from_number)
        moment = int((timestamp or datetime.datetime.now(datetime.UTC)).timestamp())
        message: dict[str, Any] = {
            "from": sender,
            "id": message_id or _wamid(),
            "timestamp": str(moment),
        }
        if reply_to:
            message["context"] = {"from": self.display_phone_number, "id": reply_to}
        if media is None:
            message["type"] = "text"
            message["text"] = {"body": text or ""}
        else:
            message["type"] = media.kind
            message[media.kind] = self._inbound_media(media, text)
        with self.lock:
            self.last_inbound[sender] = max(moment, self.last_inbound.get(sender, 0))
        value = {
            "contacts": [{"profile": {"name": name}, "wa_id": sender}],
            "messages": [message],
        }
        with httpx.Client(timeout=10.0) as client:
            return self._post_webhook(client, value)

    def send_status(
        self, message_id: str, status: str, *, error: tuple[int, str, str] | None = None
    ) -> WebhookDelivery:
        """Post a status webhook for a sent message now, e.g. ``read`` once the resident
        opened it (the stand-in reports sent and delivered by itself)."""
        with httpx.Client(timeout=10.0) as client:
            return self._status_webhook(client, message_id, status, error)

    def verify_webhook(self, *, verify_token: str | None = None) -> bool:
        """Meta's subscription handshake against ``webhook_url``: a GET with
        ``hub.mode=subscribe``, the verify token and a challenge, which a receiver that
        knows the token answers with 200 and the challenge."""
        if self.webhook_url is None:
            raise RuntimeError("Geen webhook-URL ingesteld.")
        challenge = str(secrets.randbelow(10**10))
        params = {
            "hub.mode": "subscribe",
            "hub.challenge": challenge,
            "hub.verify_token": verify_token if verify_token is not None else self.verify_token,
        }
        separator = "&" if urlsplit(self.webhook_url).query else "?"
        url = self.webhook_url + separator + urlencode(params)
        try:
            response = httpx.get(url, timeout=10.0)
        except httpx.HTTPError:
            return False
        return response.status_code == 200 and response.text == challenge

    def post_reports(self) -> int:
        """Post the status webhooks waiting (``automatic_reports=False``), now."""
        return self.reports.post_waiting()

    # -- the API --------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Answer:
        """The answer to one request (``target``: the path with its query)."""
        named = {name.lower(): value for name, value in headers.items()}
        parts = urlsplit(target)
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        if parts.path.startswith("/_standin/"):
            return self._demo(method, parts.path, raw)
        if self.delay:
            time.sleep(self.delay)
        try:
            answer = self._dispatch(method, parts.path, query, named, raw)
        except GraphError as error:
            answer = error.answer
        problems = documents.answer_problems(
            method, parts.path, answer.status, answer.body, answer.content_type
        )
        if problems:  # a bug of the stand-in's: fail loudly rather than teach a client wrong
            with self.lock:
                self.violations.extend(f"answer {answer.status}: {p}" for p in problems)
            return GraphError(500, 1, "Stand-in answer breaks the document.").answer
        return answer

    def _dispatch(
        self,
        method: str,
        path: str,
        query: dict[str, str],
        headers: dict[str, str],
        raw: bytes,
    ) -> Answer:
        self._authenticate(headers.get("authorization", ""))
        if path == DOWNLOAD_PATH and method == "GET":
            self._check(method, path, query, headers, raw)
            return self._download(query.get("mid", ""))
        match = GRAPH_PATH.fullmatch(path)
        if match is None:
            raise GraphError(400, 2500, f"Unknown path components: {path}")
        _, node, edge = match.groups()
        if edge is None and method == "GET" and node in self.media:
            self._check(method, path, query, headers, raw)
            return self._media_url(node, query)
        if node != self.phone_number_id or edge is None or method != "POST":
            raise GraphError(
                400,
                100,
                f"Unsupported {method.lower()} request. Object with ID '{node}' does not "
                "exist, cannot be loaded due to missing permissions, or does not support "
                "this operation.",
                kind="GraphMethodException",
                subcode=33,
            )
        self._check(method, path, query, headers, raw)
        if self.failing:
            raise GraphError(503, 2, "Service temporarily unavailable", transient=True)
        if edge == "media":
            return self._upload(headers, raw)
        return self._send(json.loads(raw))

    def _authenticate(self, header: str) -> None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(
            token.strip().encode(), self.token.encode()
        ):
            raise GraphError(401, 190, "Invalid OAuth access token - Cannot parse access token")

    def _check(
        self, method: str, path: str, query: dict[str, str], headers: dict[str, str], raw: bytes
    ) -> None:
        problems = documents.request_problems(method, path, query, headers, raw)
        if problems:
            with self.lock:
                self.violations.extend(f"{method} {path}: {p}" for p in problems)
            raise GraphError(400, 100, "(#100) Invalid parameter", details=problems[0])

    def _send(self, body: dict[str, Any]) -> Answer:
        to = _digits(body["to"])
        if not WA_ID.fullmatch(to):
            raise GraphError(
                400, 100, "(#100) Invalid parameter", details=f"Invalid recipient: {body['to']}"
            )
        message = SentMessage(_wamid(), to, body.get("type", "text"), body)
        with self._changed:
            self.messages.append(message)
            self._changed.notify_all()
        failure = self._failure(message)
        for status in ("failed",) if failure else ("sent", "delivered"):
            self.reports.put((message.id, status, failure))
        answer = {
            "messaging_product": "whatsapp",
            "contacts": [{"input": body["to"], "wa_id": to}],
            "messages": [{"id": message.id}],
        }
        return Answer(200, json.dumps(answer).encode())

    def _failure(self, message: SentMessage) -> tuple[int, str, str] | None:
        """Why Meta will report this message failed, if it will."""
        if message.to in self.not_on_whatsapp:
            return NOT_ON_WHATSAPP
        with self.lock:
            last = self.last_inbound.get(message.to)
        if self.service_window and (last is None or time.time() - last > SERVICE_WINDOW):
            return OUTSIDE_WINDOW
        media = message.media
        if media.get("id") is not None and media["id"] not in self.media:
            return MEDIA_ERROR
        if media.get("link") is not None and urlsplit(media["link"]).scheme not in (
            "http",
            "https",
        ):
            return MEDIA_ERROR
        return None

    def _upload(self, headers: dict[str, str], raw: bytes) -> Answer:
        fields = _form_data(headers.get("content-type", ""), raw)
        upload = fields.get("file")
        content = upload.get_payload(decode=True) if upload is not None else None
        mime_type = _part_text(fields.get("type"))
        if not isinstance(content, bytes) or not content:
            raise GraphError(400, 100, "(#100) Param file must be a file")
        limit = MEDIA_LIMITS.get(mime_type)
        if limit is None:
            raise GraphError(
                400,
                100,
                f"(#100) Param file must be a file with one of the following types: "
                f"{', '.join(MEDIA_LIMITS)}. Received file of type '{mime_type}'.",
            )
        if len(content) > limit:
            raise GraphError(400, 131053, "Media upload error", details="File too large")
        assert upload is not None
        media_id = self.add_media(content, mime_type, upload.get_filename())
        return Answer(200, json.dumps({"id": media_id}).encode())

    def _media_url(self, media_id: str, query: dict[str, str]) -> Answer:
        number = query.get("phone_number_id")
        if number is not None and number != self.phone_number_id:
            raise GraphError(400, 100, "(#100) Invalid parameter", details="Media not found")
        media = self.media[media_id]
        body = {
            "messaging_product": "whatsapp",
            "url": f"{self.url}{DOWNLOAD_PATH}?{urlencode({'mid': media.id})}",
            "mime_type": media.mime_type,
            "sha256": media.sha256,
            "file_size": str(len(media.content)),
            "id": media.id,
        }
        return Answer(200, json.dumps(body).encode())

    def _download(self, media_id: str) -> Answer:
        media = self.media.get(media_id)
        if media is None:
            raise GraphError(404, 100, "(#100) Invalid parameter", details="Media not found")
        return Answer(200, media.content, media.mime_type)

    def _demo(self, method: str, path: str, raw: bytes) -> Answer:
        """Not Meta's: for the demo, ``GET /_standin/messages`` lists what was sent and
        ``POST /_standin/inbound`` with ``{"from", "name", "text"}`` plays a resident."""
        if method == "GET" and path == "/_standin/messages":
            with self.lock:
                sent = [
                    {"id": m.id, "to": m.to, **m.request, "statuses": m.statuses}
                    for m in self.messages
                ]
            return Answer(200, json.dumps(sent).encode())
        if method == "POST" and path == "/_standin/inbound":
            data = json.loads(raw or b"{}")
            delivery = self.send_inbound(
                data.get("text", ""), from_number=data["from"], name=data.get("name", "")
            )
            return Answer(200, json.dumps({"answer": delivery.answer}).encode())
        return Answer(404, b'{"error": "not found"}')

    # -- webhooks -------------------------------------------------------------------------

    def _inbound_media(self, media: InboundMedia, caption: str | None) -> dict[str, Any]:
        media_id = self.add_media(media.content, media.mime_type, media.filename)
        item: dict[str, Any] = {
            "mime_type": media.mime_type,
            "sha256": self.media[media_id].sha256,
            "id": media_id,
        }
        if caption:
            item["caption"] = caption
        if media.kind == "document" and media.filename:
            item["filename"] = media.filename
        return item

    def _post_status(
        self, client: httpx.Client, item: tuple[str, str, tuple[int, str, str] | None]
    ) -> None:
        message_id, status, failure = item
        if self.webhook_url is None:  # an app without a callback URL hears nothing
            self._record_status(message_id, status)
        else:
            self._status_webhook(client, message_id, status, failure)

    def _record_status(self, message_id: str, status: str) -> SentMessage:
        with self._changed:
            message = next(m for m in self.messages if m.id == message_id)
            message.statuses.append(status)
            self._changed.notify_all()
        return message

    def _status_webhook(
        self,
        client: httpx.Client,
        message_id: str,
        status: str,
        failure: tuple[int, str, str] | None,
    ) -> WebhookDelivery:
        if self.webhook_url is None:
            raise RuntimeError("Geen webhook-URL ingesteld.")
        message = self._record_status(message_id, status)
        report: dict[str, Any] = {
            "id": message_id,
            "status": status,
            "timestamp": str(int(time.time())),
            "recipient_id": message.to,
        }
        if failure is not None:
            code, title, details = failure
            report["errors"] = [
                {
                    "code": code,
                    "title": title,
                    "message": title,
                    "error_data": {"details": details},
                    "href": HREF,
                }
            ]
        else:
            report["pricing"] = {"billable": False, "pricing_model": "PMP", "category": "service"}
        return self._post_webhook(client, {"statuses": [report]})

    def _post_webhook(self, client: httpx.Client, value: dict[str, Any]) -> WebhookDelivery:
        if self.webhook_url is None:
            raise RuntimeError("Geen webhook-URL ingesteld.")
        payload = {
            "object": "whatsapp_business_account",
            "entry": [
                {
                    "id": self.waba_id,
                    "changes": [
                        {
                            "value": {
                                "messaging_product": "whatsapp",
                                "metadata": {
                                    "display_phone_number": self.display_phone_number,
                                    "phone_number_id": self.phone_number_id,
                                },
                                **value,
                            },
                            "field": "messages",
                        }
                    ],
                }
            ],
        }
        # ASCII with \u escapes, as Meta sends it: a receiver must check the raw bytes.
        body = json.dumps(payload).encode()
        digest = hmac.new(self.app_secret.encode(), body, hashlib.sha256).hexdigest()
        signature = f"sha256={digest}"
        problems = documents.webhook_problems(body, signature)
        answer, error = post_report(
            client,
            self.webhook_url,
            body,
            {
                "Content-Type": "application/json",
                "X-Hub-Signature-256": signature,
                "User-Agent": "facebookexternalua",
            },
        )
        delivery = WebhookDelivery(self.webhook_url, body, signature, answer, error)
        with self._changed:
            self.violations.extend(f"webhook: {p}" for p in problems)
            self.webhooks.append(delivery)
            self._changed.notify_all()
        return delivery


def _form_data(content_type: str, raw: bytes) -> dict[str, Message]:
    """The parts of a multipart/form-data body by field name."""
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    fields = {}
    for part in message.iter_parts() if message.is_multipart() else ():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str):
            fields[name] = part
    return fields


def _part_text(part: Message | None) -> str:
    if part is None:
        return ""
    payload = part.get_payload(decode=True)
    return payload.decode().strip() if isinstance(payload, bytes) else ""
