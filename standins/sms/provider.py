"""What the SMS stand-in knows and does: Twilio's Messages API for its accounts, and the
status callbacks after each message, in order, from one worker thread."""

from __future__ import annotations

import base64
import binascii
import datetime
import email.utils
import json
import math
import re
import secrets
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx

from klantbeeld.channels.gateways.sms import twilio_signature
from standins.reports import Reports, post_report
from standins.sms import documents

API_VERSION = "2010-04-01"
MAX_BODY = 1600  # characters; longer bodies are refused with 21617
MESSAGES_PATH = re.compile(r"/2010-04-01/Accounts/(AC[0-9a-fA-F]{32})/Messages\.json")
PHONE_NUMBER = re.compile(r"\+[1-9][0-9]{6,14}")
SERVICE_SID = re.compile(r"MG[0-9a-fA-F]{32}")
# Undelivered to an unreachable handset: Twilio's error 30003.
UNREACHABLE = 30003
# GSM 03.38: the characters one 7-bit septet carries, and those that take two.
GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENDED = "^{}\\[~]|€\f"


@dataclass
class SentSms:
    """A message the stand-in took, with its latest status."""

    sid: str
    account_sid: str
    to: str
    sender: str  # the From given, or the Messaging Service SID
    body: str
    status_callback: str | None
    status: str
    num_segments: int
    created: datetime.datetime


@dataclass
class Callback:
    """A status callback the stand-in posted, and what became of it."""

    url: str
    params: dict[str, str]
    signature: str
    answer: int | None  # the receiver's HTTP status; None when it was not reached
    error: str = ""


@dataclass
class Answer:
    status: int
    body: dict[str, Any] | list[Any]
    headers: dict[str, str] = field(default_factory=dict)


class Refusal(Exception):
    def __init__(self, status: int, code: int, message: str) -> None:
        super().__init__(message)
        self.answer = Answer(
            status,
            {
                "code": code,
                "message": message,
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
                "status": status,
            },
        )


def segments(body: str) -> int:
    """How many SMS parts Twilio bills for ``body``: GSM-7 takes 160 characters in one
    part and 153 per part beyond; anything else goes as UCS-2, 70 and 67 code units."""
    if all(char in GSM_BASIC or char in GSM_EXTENDED for char in body):
        length = sum(2 if char in GSM_EXTENDED else 1 for char in body)
        single, part = 160, 153
    else:
        length = len(body.encode("utf-16-le")) // 2
        single, part = 70, 67
    return 1 if length <= single else math.ceil(length / part)


def _rfc2822(moment: datetime.datetime) -> str:
    return email.utils.format_datetime(moment.astimezone(datetime.UTC).replace(microsecond=0))


class LocalSmsProvider:
    """Twilio's Messages API for ``accounts`` (SID → auth token).

    ``senders``: the numbers and alphanumeric sender IDs the accounts may send from;
    ``messaging_services``: the Messaging Service SIDs they have. Messages to a number in
    ``unreachable`` end ``undelivered`` (30003); a number in ``not_mobile`` is refused at
    once (21614). ``failing``: answer every send with this 5xx status. ``delay``: seconds
    to wait before answering (to make a client time out)."""

    def __init__(
        self,
        url: str,
        accounts: Mapping[str, str],
        *,
        senders: Iterable[str] = (),
        messaging_services: Iterable[str] = (),
        unreachable: Iterable[str] = (),
        not_mobile: Iterable[str] = (),
    ) -> None:
        self.url = url
        self.accounts = dict(accounts)
        self.senders = set(senders)
        self.messaging_services = set(messaging_services)
        self.unreachable = set(unreachable)
        self.not_mobile = set(not_mobile)
        self.failing: int | None = None
        self.delay = 0.0
        self.messages: list[SentSms] = []
        self.callbacks: list[Callback] = []
        # Requests and callbacks that break the documents (the stand-in's own answers too).
        self.violations: list[str] = []
        self.lock = threading.Lock()
        self._changed = threading.Condition(self.lock)
        self.reports: Reports[tuple[str, dict[str, str], str]] = Reports(self._post_callback)

    # -- for tests ------------------------------------------------------------------------

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list[SentSms]:
        """The messages taken, once there are ``count``."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.messages) >= count, timeout):
                raise AssertionError(f"{len(self.messages)} of {count} SMS sent in {timeout} s")
            return list(self.messages)

    def wait_for_callbacks(self, count: int = 1, timeout: float = 10.0) -> list[Callback]:
        """The status callbacks posted, once there are ``count``."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(self.callbacks) >= count, timeout):
                raise AssertionError(
                    f"{len(self.callbacks)} of {count} callbacks posted in {timeout} s"
                )
            return list(self.callbacks)

    def post_reports(self) -> int:
        """Post the status callbacks waiting (``automatic_reports=False``), now."""
        return self.reports.post_waiting()

    # -- the API --------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Answer:
        """The answer to one request (``target``: the path with its query)."""
        named = {name.lower(): value for name, value in headers.items()}
        path = urlsplit(target).path
        if method == "GET" and path == "/_standin/messages":
            return self._list()
        if self.delay:
            time.sleep(self.delay)
        try:
            answer = self._send(method, path, named, raw)
        except Refusal as refusal:
            answer = refusal.answer
        problems = documents.answer_problems(path, answer.status, json.dumps(answer.body).encode())
        if problems:  # a bug of the stand-in's: fail loudly rather than teach a client wrong
            with self.lock:
                self.violations.extend(f"answer {answer.status}: {p}" for p in problems)
            return Refusal(500, 20500, "Stand-in answer breaks the document.").answer
        return answer

    def _send(self, method: str, path: str, headers: Mapping[str, str], raw: bytes) -> Answer:
        account = self._authenticate(headers.get("authorization", ""))
        match = MESSAGES_PATH.fullmatch(path)
        if match is None or match.group(1) != account:
            raise Refusal(404, 20404, f"The requested resource {path} was not found")
        if method != "POST":
            raise Refusal(405, 20004, "Method not allowed")
        problems = documents.request_problems(path, dict(headers), raw)
        form = dict(parse_qsl(raw.decode("utf-8", "replace"), keep_blank_values=True))
        if problems:
            with self.lock:
                self.violations.extend(f"POST {path}: {p}" for p in problems)
            if not form.get("To"):
                raise Refusal(400, 21604, "A 'To' phone number is required.")
            raise Refusal(400, 20001, f"Invalid request: {problems[0]}")
        if self.failing:
            # Twilio's codes for these are 20000 plus the HTTP status (20500, 20503, 20429).
            status = self.failing
            raise Refusal(status, 20000 + status, HTTPStatus(status).phrase)
        return self._create(account, form)

    def _authenticate(self, header: str) -> str:
        scheme, _, credentials = header.partition(" ")
        try:
            user, _, password = base64.b64decode(credentials).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            user = password = ""
        token = self.accounts.get(user)
        if (
            scheme.lower() != "basic"
            or token is None
            or not secrets.compare_digest(token.encode(), password.encode())
        ):
            refusal = Refusal(401, 20003, "Authenticate")
            refusal.answer.headers["WWW-Authenticate"] = 'Basic realm="Twilio API"'
            raise refusal
        return user

    def _create(self, account: str, form: Mapping[str, str]) -> Answer:
        to, body = form["To"], form.get("Body", "")
        sender = self._sender(form)
        if not PHONE_NUMBER.fullmatch(to):
            raise Refusal(400, 21211, f"Invalid 'To' Phone Number: {to}")
        if not body:
            raise Refusal(400, 21602, "Message body is required.")
        if len(body) > MAX_BODY:
            raise Refusal(
                400, 21617, "The concatenated message body exceeds the 1600 character limit."
            )
        callback = form.get("StatusCallback") or None
        if callback is not None and not _callback_url(callback):
            raise Refusal(400, 21609, "The StatusCallback URL is not a valid URL.")
        if to in self.not_mobile:
            raise Refusal(400, 21614, f"'To' number {to} is not a valid mobile number")
        service = SERVICE_SID.fullmatch(sender) is not None
        message = SentSms(
            sid="SM" + secrets.token_hex(16),
            account_sid=account,
            to=to,
            sender=sender,
            body=body,
            status_callback=callback,
            status="accepted" if service else "queued",
            num_segments=segments(body),
            created=datetime.datetime.now(datetime.UTC),
        )
        with self._changed:
            self.messages.append(message)
            self._changed.notify_all()
        final = "undelivered" if to in self.unreachable else "delivered"
        for status in ("sent", final):
            self.reports.put((message.sid, {"MessageStatus": status}, self.accounts[account]))
        return Answer(201, self._resource(message))

    def _sender(self, form: Mapping[str, str]) -> str:
        service = form.get("MessagingServiceSid")
        if service:
            if service not in self.messaging_services:
                raise Refusal(404, 21701, f"The Messaging Service {service} does not exist")
            return service
        sender = form.get("From")
        if not sender:
            raise Refusal(400, 21603, "A 'From' phone number is required.")
        if sender not in self.senders:
            raise Refusal(
                400,
                21606,
                f"The From phone number {sender} is not a valid, SMS-capable inbound phone "
                "number or short code for your account.",
            )
        return sender

    def _resource(self, message: SentSms) -> dict[str, Any]:
        service = SERVICE_SID.fullmatch(message.sender) is not None
        uri = f"/{API_VERSION}/Accounts/{message.account_sid}/Messages/{message.sid}"
        moment = _rfc2822(message.created)
        return {
            "account_sid": message.account_sid,
            "api_version": API_VERSION,
            "body": message.body,
            "date_created": moment,
            "date_sent": None,
            "date_updated": moment,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": None if service else message.sender,
            "messaging_service_sid": message.sender if service else None,
            "num_media": "0",
            "num_segments": str(message.num_segments),
            "price": None,
            "price_unit": "USD",
            "sid": message.sid,
            "status": message.status,
            "subresource_uris": {"media": f"{uri}/Media.json"},
            "to": message.to,
            "uri": f"{uri}.json",
        }

    def _list(self) -> Answer:
        """Not Twilio's: the messages taken, for the demo (``GET /_standin/messages``)."""
        with self.lock:
            return Answer(200, [self._resource(message) for message in self.messages])

    # -- status callbacks -----------------------------------------------------------------

    def _post_callback(self, client: httpx.Client, item: tuple[str, dict[str, str], str]) -> None:
        sid, change, token = item
        self._advance(client, sid, change, token)

    def _advance(self, client: httpx.Client, sid: str, change: dict[str, str], token: str) -> None:
        with self.lock:
            message = next(m for m in self.messages if m.sid == sid)
            message.status = change["MessageStatus"]
        if message.status_callback is None:
            return
        params = self._callback_params(message)
        signature = twilio_signature(message.status_callback, params, token)
        body = urlencode(params).encode()
        problems = documents.callback_problems(body, signature)
        answer, error = post_report(
            client,
            message.status_callback,
            body,
            {
                "Content-Type": documents.FORM,
                "X-Twilio-Signature": signature,
                "User-Agent": "TwilioProxy/1.1",
            },
        )
        record = Callback(message.status_callback, params, signature, answer, error)
        with self._changed:
            self.violations.extend(f"callback {sid}: {p}" for p in problems)
            self.callbacks.append(record)
            self._changed.notify_all()

    def _callback_params(self, message: SentSms) -> dict[str, str]:
        service = SERVICE_SID.fullmatch(message.sender) is not None
        params = {
            "AccountSid": message.account_sid,
            "ApiVersion": API_VERSION,
            # With a Messaging Service, the number Twilio chose; the stand-in has none.
            "From": message.sender if not service else "+3197010000000",
            "MessageSid": message.sid,
            "MessageStatus": message.status,
            "SmsSid": message.sid,
            "SmsStatus": message.status,
            "To": message.to,
        }
        if service:
            params["MessagingServiceSid"] = message.sender
        if message.status == "undelivered":
            params["ErrorCode"] = str(UNREACHABLE)
        if message.status in ("delivered", "undelivered"):
            params["RawDlrDoneDate"] = datetime.datetime.now(datetime.UTC).strftime("%y%m%d%H%M")
        return params


def _callback_url(url: str) -> bool:
    """Twilio takes absolute http(s) URLs whose host has no underscore."""
    parts = urlsplit(url)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and "_" not in (parts.hostname or "")
    )
