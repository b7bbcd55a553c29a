"""Klantbeeld's side of what the providers post, built from the gateway clients' own
functions and served on loopback: a WhatsApp webhook endpoint (handshake, signature,
parsing) and an SMS status callback endpoint. The channel adapters' views will do the same
inside Django."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, urlsplit

from klantbeeld.bench.loopback import serving
from klantbeeld.channels.gateways.sms import CallbackError, SmsStatus, parse_status_callback
from klantbeeld.channels.gateways.whatsapp import (
    SIGNATURE_HEADER,
    InboundMessage,
    StatusUpdate,
    parse_webhook,
    verification_response,
    verify_signature,
)


@dataclass
class Received:
    """What a receiver took (``items``) and what it refused (the raw bodies)."""

    url: str = ""
    items: list[object] = field(default_factory=list)
    refused: list[bytes] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[object]:
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.items) >= count, timeout):
                raise AssertionError(f"received {len(self.items)} of {count} in {timeout} s")
            return list(self.items)

    def wait_for_refusals(self, count: int, timeout: float = 10.0) -> list[bytes]:
        with self.changed:
            if not self.changed.wait_for(lambda: len(self.refused) >= count, timeout):
                raise AssertionError(f"refused {len(self.refused)} of {count} in {timeout} s")
            return list(self.refused)

    def take(self, items: list[object]) -> None:
        with self.changed:
            self.items.extend(items)
            self.changed.notify_all()

    def refuse(self, body: bytes) -> None:
        with self.changed:
            self.refused.append(body)
            self.changed.notify_all()


def _reply(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"") -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@dataclass
class WhatsAppReceiver(Received):
    def messages(self) -> list[InboundMessage]:
        return [item for item in self.items if isinstance(item, InboundMessage)]

    def statuses(self) -> list[StatusUpdate]:
        return [item for item in self.items if isinstance(item, StatusUpdate)]


@contextmanager
def whatsapp_receiver(app_secret: str, verify_token: str) -> Iterator[WhatsAppReceiver]:
    state = WhatsAppReceiver()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
            challenge = verification_response(params, verify_token)
            if challenge is None:
                _reply(self, 403)
            else:
                _reply(self, 200, challenge.encode())

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if not verify_signature(raw, self.headers.get(SIGNATURE_HEADER), app_secret):
                state.refuse(raw)
                _reply(self, 401)
                return
            state.take(list(parse_webhook(json.loads(raw))))
            _reply(self, 200)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as url:
        state.url = url + "/kanalen/whatsapp/webhook"
        yield state


@dataclass
class SmsReceiver(Received):
    def statuses(self) -> list[SmsStatus]:
        return [item for item in self.items if isinstance(item, SmsStatus)]


@contextmanager
def sms_receiver(auth_token: str) -> Iterator[SmsReceiver]:
    state = SmsReceiver()
    base: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            # The URL Twilio called, as the signature covers it.
            called = base[0] + self.path
            try:
                status = parse_status_callback(
                    called, raw, self.headers.get("X-Twilio-Signature"), auth_token
                )
            except CallbackError:
                state.refuse(raw)
                _reply(self, 403)
                return
            state.take([status])
            _reply(self, 204)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as url:
        base.append(url)
        state.url = url + "/kanalen/sms/status"
        yield state
