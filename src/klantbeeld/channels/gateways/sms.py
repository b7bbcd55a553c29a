"""Sending SMS through Twilio Programmable Messaging (REST API 2010-04-01) and reading its
delivery reports.

A message is sent with ``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` (form
encoded, HTTP Basic with the account SID and auth token); Twilio answers 201 with the
message resource, whose ``sid`` identifies the message from then on. Delivery comes later,
as status callbacks posted to the message's ``StatusCallback`` URL, signed with
``X-Twilio-Signature`` (tests/specs/README.md names the documents).

The caller's ``reference`` rides along in the callback URL (``?reference=…``): Twilio signs
that URL as it is, and a callback can arrive before the caller has stored the sid.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

from klantbeeld.channels.gateways.common import (
    ChannelError,
    PooledClient,
    json_object,
    kind_of,
    required,
    seconds,
)
from klantbeeld.channels.gateways.numbers import e164

API_VERSION = "2010-04-01"
DEFAULT_URL = "https://api.twilio.com"
REFERENCE_PARAMETER = "reference"
# Twilio's error codes that are about Klantbeeld's settings, not the message: 20003
# (authentication), 20404 (no such account or resource), 21212 (invalid From), 21603
# (From missing), 21606 (From is not the account's), 21701 (no such Messaging Service).
_CONFIGURATION = frozenset({20003, 20404, 21212, 21603, 21606, 21701})
# Statuses after which no other callback comes for the message.
FINAL_STATUSES = frozenset({"delivered", "undelivered", "failed", "canceled", "read"})

_ACCOUNT_SID = re.compile(r"AC[0-9a-fA-F]{32}")
_SERVICE_SID = re.compile(r"MG[0-9a-fA-F]{32}")
_PHONE_NUMBER = re.compile(r"\+[1-9][0-9]{6,14}")
# An alphanumeric sender ID: up to 11 letters, digits and spaces, at least one letter.
_ALPHANUMERIC_SENDER = re.compile(r"(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}")


class SmsError(ChannelError):
    """The provider did not take the SMS (``permanent``: it never will)."""


class CallbackError(ValueError):
    """A status callback that is not Twilio's (bad signature) or not one at all; answer
    403 and record nothing."""


@dataclass(frozen=True)
class SmsSettings:
    base_url: str
    account_sid: str
    auth_token: str
    # A phone number in E.164, an alphanumeric sender ID ("Gemeente") or a Messaging
    # Service SID (MG…), which lets Twilio choose the number.
    sender: str
    timeout: float = 10.0

    def __post_init__(self) -> None:
        if not _ACCOUNT_SID.fullmatch(self.account_sid):
            raise ValueError(f"SMS: account SID {self.account_sid!r} is geen AC…-SID.")
        if not self.auth_token:
            raise ValueError("SMS: het auth token ontbreekt.")
        if not any(
            pattern.fullmatch(self.sender)
            for pattern in (_PHONE_NUMBER, _SERVICE_SID, _ALPHANUMERIC_SENDER)
        ):
            raise ValueError(
                f"SMS: afzender {self.sender!r} is geen +E.164-nummer, afzendernaam "
                "(max. 11 tekens) of Messaging Service SID."
            )
        if urlsplit(self.base_url).scheme not in ("http", "https"):
            raise ValueError(f"SMS: {self.base_url!r} is geen http(s)-URL.")

    @classmethod
    def from_env(cls, env: Mapping[str, str], prefix: str = "KLANTBEELD_SMS_") -> SmsSettings:
        """From ``<prefix>URL`` (default Twilio's), ``ACCOUNT_SID``, ``AUTH_TOKEN``,
        ``SENDER`` and ``TIMEOUT`` (seconds, default 10)."""
        required(env, [prefix + n for n in ("ACCOUNT_SID", "AUTH_TOKEN", "SENDER")], "SMS")
        timeout = seconds(env, prefix + "TIMEOUT", "SMS")
        return cls(
            base_url=(env.get(prefix + "URL") or DEFAULT_URL).rstrip("/"),
            account_sid=env[prefix + "ACCOUNT_SID"],
            auth_token=env[prefix + "AUTH_TOKEN"],
            sender=env[prefix + "SENDER"],
            timeout=timeout,
        )


class SmsProvider(PooledClient):
    """Twilio's Messages API for one account. ``http``: a connection pool of the caller's
    (the outbox worker's), which stays the caller's to close."""

    def __init__(self, settings: SmsSettings, *, http: httpx.Client | None = None) -> None:
        super().__init__(http)
        self.settings = settings

    @property
    def messages_url(self) -> str:
        base = self.settings.base_url.rstrip("/")
        return f"{base}/{API_VERSION}/Accounts/{self.settings.account_sid}/Messages.json"

    def send(
        self, to: str, body: str, *, reference: str, status_callback: str | None = None
    ) -> str:
        """Send ``body`` to ``to`` (E.164, or a Dutch number such as 06 12345678);
        returns Twilio's message SID. With ``status_callback``, delivery reports for
        ``reference`` are posted there."""
        try:
            number = e164(to)
        except ValueError as error:
            raise SmsError(str(error), kind="rejected") from error
        form = {"To": number, "Body": body}
        if _SERVICE_SID.fullmatch(self.settings.sender):
            form["MessagingServiceSid"] = self.settings.sender
        else:
            form["From"] = self.settings.sender
        if status_callback:
            form["StatusCallback"] = with_reference(status_callback, reference)
        try:
            response = self.http.post(
                self.messages_url,
                data=form,
                auth=(self.settings.account_sid, self.settings.auth_token),
                headers={"Accept": "application/json"},
                timeout=self.settings.timeout,
            )
        except httpx.HTTPError as error:
            raise SmsError(
                f"SMS-provider niet bereikt: {type(error).__name__}: {error}", kind="unavailable"
            ) from error
        if response.status_code != 201:
            raise _error_from(response)
        sid = json_object(response).get("sid")
        if not isinstance(sid, str) or not sid:
            raise SmsError(
                "SMS-provider antwoordde 201 zonder sid.", kind="unavailable", status=201
            )
        return sid


def _error_from(response: httpx.Response) -> SmsError:
    status = response.status_code
    data = json_object(response)
    code = data.get("code") if isinstance(data.get("code"), int) else None
    detail = data.get("message") or response.text[:300] or response.reason_phrase
    kind = kind_of(status, configuration=code in _CONFIGURATION)
    nummer = f" {code}" if code is not None else ""
    return SmsError(
        f"SMS-provider weigerde (HTTP {status}{nummer}): {detail}",
        kind=kind,
        status=status,
        code=code,
    )


# -- status callbacks ---------------------------------------------------------------------


@dataclass(frozen=True)
class SmsStatus:
    """One delivery report."""

    message_id: str  # Twilio's MessageSid, as ``send`` returned it
    status: str  # queued, sent, delivered, undelivered, failed, …
    to: str
    sender: str
    error_code: int | None  # with undelivered and failed, e.g. 30003
    reference: str | None  # as given to ``send``

    @property
    def final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def delivered(self) -> bool:
        return self.status == "delivered"


def with_reference(url: str, reference: str) -> str:
    """``url`` with ``reference`` added to its query."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query = [(name, value) for name, value in query if name != REFERENCE_PARAMETER]
    query.append((REFERENCE_PARAMETER, reference))
    return urlunsplit(parts._replace(query=urlencode(query)))


def twilio_signature(url: str, params: Mapping[str, str], auth_token: str) -> str:
    """What Twilio puts in ``X-Twilio-Signature``: base64 HMAC-SHA1, keyed with the auth
    token, of the full URL followed by each parameter's name and value, sorted by name."""
    signed = url + "".join(name + params[name] for name in sorted(params))
    digest = hmac.new(auth_token.encode(), signed.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def parse_status_callback(
    url: str, form: bytes | Mapping[str, str], signature: str | None, auth_token: str
) -> SmsStatus:
    """The delivery report in a status callback, once its signature proves it Twilio's.

    ``url`` is the URL Twilio called, exactly as given to it (scheme, host, port, path and
    query, so behind a proxy the public one); ``form`` the raw body or its parameters."""
    params = (
        dict(parse_qsl(form.decode("utf-8", "replace"), keep_blank_values=True))
        if isinstance(form, bytes)
        else dict(form)
    )
    expected = twilio_signature(url, params, auth_token)
    if not signature or not hmac.compare_digest(expected.encode(), signature.encode()):
        raise CallbackError("X-Twilio-Signature ontbreekt of klopt niet.")
    sid = params.get("MessageSid") or params.get("SmsSid")
    status = params.get("MessageStatus") or params.get("SmsStatus")
    if not sid or not status:
        raise CallbackError("Geen MessageSid of MessageStatus in de statusmelding.")
    code = params.get("ErrorCode", "")
    query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
    return SmsStatus(
        message_id=sid,
        status=status,
        to=params.get("To", ""),
        sender=params.get("From", ""),
        error_code=int(code) if code.isdigit() else None,
        reference=query.get(REFERENCE_PARAMETER),
    )
