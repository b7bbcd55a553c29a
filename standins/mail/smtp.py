"""An SMTP server on loopback (aiosmtpd) that plays the organisation's mail relay.

Each recipient of a message goes one of these ways, decided at RCPT time:

- an address in ``rejecting`` (exact, or ``@domain``) is accepted and then bounced, as a
  real MTA does when the next hop refuses it: an RFC 3464 delivery status notification goes
  to the envelope sender with an empty envelope sender (``MAIL FROM:<>``);
- a mailbox of the Dovecot in ``deliver_to`` gets the message in its INBOX, with the trace
  headers a delivering MTA adds (``Return-Path``, ``Delivered-To``, ``Received``), before
  the server answers the DATA command, so a test can read the mailbox as soon as its
  client's ``sendmail`` returns;
- any other address in ``local_domains`` is refused at once (550 5.1.1);
- any other address is accepted and only kept (mail to the outside world). When ``auth``
  is set, that needs an authenticated session (554 5.7.1 otherwise), as on a relay that
  accepts mail for its own domains from anyone but relays only for its users.

Every message received is kept (``messages``) and so is every bounce sent (``bounces``);
``wait_for`` and ``wait_for_bounce`` wait for one rather than sleep.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import datetime
import email
import email.policy
import email.utils
import hmac
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from enum import Enum
from typing import Any, cast

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

from standins.mail.dovecot import Dovecot, DovecotError

HOST = "127.0.0.1"
STOP_TIMEOUT = 10.0


@dataclass(frozen=True)
class Received:
    """One message as it crossed the server: envelope and raw bytes, without the trace
    headers added on delivery. A bounce has an empty ``mail_from``."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes
    received_at: datetime.datetime
    queue_id: str
    authenticated_as: str | None = None
    delivered_to: tuple[str, ...] = ()
    bounced: tuple[str, ...] = ()

    @property
    def message(self) -> EmailMessage:
        return email.message_from_bytes(self.data, policy=email.policy.default)


class _Route(Enum):
    MAILBOX = "mailbox"
    BOUNCE = "bounce"
    UNKNOWN = "unknown"
    RELAY = "relay"
    RELAY_DENIED = "relay denied"


@dataclass
class SmtpServer:
    host: str
    port: int
    hostname: str
    deliver_to: Dovecot | None
    local_domains: frozenset[str]
    rejecting: frozenset[str]
    auth: Mapping[str, str] | None
    _messages: list[Received] = field(default_factory=list)
    _bounces: list[Received] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    @property
    def messages(self) -> list[Received]:
        with self._changed:
            return list(self._messages)

    @property
    def bounces(self) -> list[Received]:
        with self._changed:
            return list(self._bounces)

    def clear(self) -> None:
        with self._changed:
            self._messages.clear()
            self._bounces.clear()

    def wait_for(
        self, predicate: Callable[[Received], bool] = lambda _: True, timeout: float = 10.0
    ) -> Received:
        """The first message received (so far or within ``timeout`` s) that ``predicate``
        accepts; TimeoutError otherwise."""
        return self._wait(self._messages, predicate, timeout, "message")

    def wait_for_bounce(
        self, predicate: Callable[[Received], bool] = lambda _: True, timeout: float = 10.0
    ) -> Received:
        """As ``wait_for``, for the bounces sent; a bounce for a Dovecot user is in its
        INBOX by the time it is listed."""
        return self._wait(self._bounces, predicate, timeout, "bounce")

    def _wait(
        self,
        items: list[Received],
        predicate: Callable[[Received], bool],
        timeout: float,
        kind: str,
    ) -> Received:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for item in items:
                    if predicate(item):
                        return item
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(item.mail_from, item.rcpt_tos) for item in items]
                    raise TimeoutError(f"no matching {kind} within {timeout}s; seen: {seen}")
                self._changed.wait(remaining)

    def _record(self, items: list[Received], item: Received) -> None:
        with self._changed:
            items.append(item)
            self._changed.notify_all()

    def route(self, address: str, session: Session) -> _Route:
        lowered = address.lower()
        domain = lowered.rpartition("@")[2]
        mailbox = self.deliver_to is not None and self.deliver_to.is_user(lowered)
        local = mailbox or domain in self.local_domains
        if self.auth is not None and not session.authenticated and not local:
            return _Route.RELAY_DENIED
        if lowered in self.rejecting or f"@{domain}" in self.rejecting:
            return _Route.BOUNCE
        if mailbox:
            return _Route.MAILBOX
        return _Route.UNKNOWN if local else _Route.RELAY


class _Handler:
    """aiosmtpd's hooks; runs on the server's event loop."""

    def __init__(self, server: SmtpServer) -> None:
        self.server = server
        self.tasks: set[asyncio.Task[None]] = set()

    async def handle_RCPT(  # noqa: N802 (aiosmtpd's hook name)
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        route = self.server.route(address, session)
        if route is _Route.RELAY_DENIED:
            return f"554 5.7.1 <{address}>: Relay access denied"
        if route is _Route.UNKNOWN:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(  # noqa: N802 (aiosmtpd's hook name)
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        raw = cast(bytes, envelope.original_content)
        # aiosmtpd gives the null sender of ``MAIL FROM:<>`` as "<>".
        mail_from = envelope.mail_from if envelope.mail_from not in (None, "<>") else ""
        recipients = tuple(envelope.rcpt_tos)
        routes = {rcpt: self.server.route(rcpt, session) for rcpt in recipients}
        mailboxes = tuple(r for r in recipients if routes[r] is _Route.MAILBOX)
        bounced = tuple(r for r in recipients if routes[r] is _Route.BOUNCE)
        queue_id = _queue_id()
        now = datetime.datetime.now(datetime.UTC)
        user = session.auth_data if session.authenticated else None
        trace = _received_header(self.server.hostname, session, user, queue_id, now)
        loop = asyncio.get_running_loop()
        try:
            for mailbox in mailboxes:
                await loop.run_in_executor(
                    None, self._deliver, mailbox, mail_from, trace(mailbox), raw
                )
        except (DovecotError, OSError) as error:
            return f"451 4.3.0 Mailbox unavailable, try again later ({error})"
        received = Received(
            mail_from=mail_from,
            rcpt_tos=recipients,
            data=raw,
            received_at=now,
            queue_id=queue_id,
            authenticated_as=user,
            delivered_to=mailboxes,
            bounced=bounced,
        )
        self.server._record(self.server._messages, received)
        if bounced and mail_from:  # a bounce is never bounced (RFC 5321 6.1)
            task = asyncio.create_task(self._bounce(received))
            self.tasks.add(task)
            task.add_done_callback(self.tasks.discard)
        return f"250 2.0.0 Ok: queued as {queue_id}"

    def _deliver(self, mailbox: str, mail_from: str, received: str, raw: bytes) -> None:
        assert self.server.deliver_to is not None
        trace = f"Return-Path: <{mail_from}>\r\nDelivered-To: {mailbox}\r\n{received}"
        self.server.deliver_to.deliver(mailbox, trace.encode() + raw)

    async def _bounce(self, original: Received) -> None:
        now = datetime.datetime.now(datetime.UTC)
        queue_id = _queue_id()
        report = delivery_status_notification(
            original=original.data,
            sender=original.mail_from,
            recipients=original.bounced,
            reporting_mta=self.server.hostname,
            arrival=original.received_at,
            now=now,
        )
        deliver_to = self.server.deliver_to
        delivered: tuple[str, ...] = ()
        if deliver_to is not None and deliver_to.is_user(original.mail_from):
            trace = (
                f"Received: by {self.server.hostname} id {queue_id}"
                f"\r\n\tfor <{original.mail_from}>; {email.utils.format_datetime(now)}\r\n"
            )
            await asyncio.get_running_loop().run_in_executor(
                None, self._deliver, original.mail_from, "", trace, report
            )
            delivered = (original.mail_from,)
        bounce = Received(
            mail_from="",
            rcpt_tos=(original.mail_from,),
            data=report,
            received_at=now,
            queue_id=queue_id,
            delivered_to=delivered,
        )
        self.server._record(self.server._bounces, bounce)


def delivery_status_notification(
    *,
    original: bytes,
    sender: str,
    recipients: Sequence[str],
    reporting_mta: str,
    arrival: datetime.datetime,
    now: datetime.datetime,
) -> bytes:
    """A bounce as RFC 3464 lays it out: multipart/report with a note for people, the
    machine-readable message/delivery-status (one block per failed recipient, status 5.1.1)
    and the original message's header as text/rfc822-headers (RFC 6522)."""
    boundary = f"{uuid.uuid4().hex}/{reporting_mta}"
    headers = _header_block(original)
    per_recipient = "".join(
        f"\r\nFinal-Recipient: rfc822; {rcpt}\r\n"
        "Action: failed\r\n"
        "Status: 5.1.1\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{rcpt}>: Recipient address rejected:"
        " User unknown\r\n"
        for rcpt in recipients
    )
    failed = "".join(f"    <{rcpt}>: user unknown\r\n" for rcpt in recipients)
    head = (
        f"From: Mail Delivery System <MAILER-DAEMON@{reporting_mta}>\r\n"
        f"To: <{sender}>\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Date: {email.utils.format_datetime(now)}\r\n"
        f"Message-ID: <{uuid.uuid4().hex}@{reporting_mta}>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/report; report-type=delivery-status;\r\n"
        f'\tboundary="{boundary}"\r\n'
        "\r\n"
        "This is a MIME-encapsulated message.\r\n"
        "\r\n"
        f"--{boundary}\r\n"
        "Content-Description: Notification\r\n"
        "Content-Type: text/plain; charset=us-ascii\r\n"
        "\r\n"
        f"This is the mail system at host {reporting_mta}.\r\n"
        "\r\n"
        "Your message could not be delivered to one or more recipients.\r\n"
        "\r\n"
        f"{failed}"
        "\r\n"
        f"--{boundary}\r\n"
        "Content-Description: Delivery report\r\n"
        "Content-Type: message/delivery-status\r\n"
        "\r\n"
        f"Reporting-MTA: dns; {reporting_mta}\r\n"
        f"Arrival-Date: {email.utils.format_datetime(arrival)}\r\n"
        f"{per_recipient}"
        "\r\n"
        f"--{boundary}\r\n"
        "Content-Description: Undelivered Message Headers\r\n"
        "Content-Type: text/rfc822-headers\r\n"
    )
    eight_bit = any(byte > 0x7F for byte in headers)
    encoding = "Content-Transfer-Encoding: 8bit\r\n" if eight_bit else ""
    return (
        head.encode() + encoding.encode() + b"\r\n" + headers + f"\r\n--{boundary}--\r\n".encode()
    )


def _header_block(raw: bytes) -> bytes:
    """The header of ``raw``, each line ending in CRLF."""
    lines: list[bytes] = []
    for line in raw.splitlines():
        if not line:
            break
        lines.append(line + b"\r\n")
    return b"".join(lines)


def _received_header(
    hostname: str,
    session: Session,
    user: str | None,
    queue_id: str,
    now: datetime.datetime,
) -> Callable[[str], str]:
    peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer)
    helo = session.host_name or "unknown"
    protocol = "ESMTPA" if user else ("ESMTP" if session.extended_smtp else "SMTP")
    date = email.utils.format_datetime(now)

    def for_recipient(rcpt: str) -> str:
        return (
            f"Received: from {helo} ([{peer}])\r\n"
            f"\tby {hostname} with {protocol} id {queue_id}\r\n"
            f"\tfor <{rcpt}>; {date}\r\n"
        )

    return for_recipient


def _queue_id() -> str:
    return uuid.uuid4().hex[:12].upper()


def _authenticator(
    users: Mapping[str, str],
) -> Callable[[SMTP, Session, Envelope, str, Any], AuthResult]:
    known = {login.lower(): password for login, password in users.items()}

    def authenticate(
        server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = data.login.decode(errors="replace").lower()
        expected = known.get(login)
        given = data.password
        if expected is None or not hmac.compare_digest(expected.encode(), given):
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data=login)

    return authenticate


def _addresses(entries: Iterable[str], what: str, domain_only: bool = False) -> frozenset[str]:
    result = set()
    for entry in entries:
        lowered = entry.strip().lower()
        if domain_only:
            lowered = lowered.lstrip("@")
            if not lowered or "@" in lowered:
                raise ValueError(f"{what} {entry!r}: give a domain, e.g. gemeente.local")
        elif "@" not in lowered or lowered.endswith("@"):
            raise ValueError(f"{what} {entry!r}: give an address or @domain")
        result.add(lowered)
    return frozenset(result)


@contextlib.contextmanager
def smtp_server(
    *,
    port: int = 0,
    deliver_to: Dovecot | None = None,
    local_domains: Iterable[str] = (),
    rejecting: Iterable[str] = (),
    auth: Mapping[str, str] | None = None,
    hostname: str = "localhost",
) -> Iterator[SmtpServer]:
    """An SMTP server on ``127.0.0.1:port`` (0: a free port) for the length of the block;
    see the module's description for where each recipient's mail goes."""
    state = SmtpServer(
        host=HOST,
        port=0,
        hostname=hostname,
        deliver_to=deliver_to,
        local_domains=_addresses(local_domains, "local domain", domain_only=True),
        rejecting=_addresses(rejecting, "rejecting"),
        auth=None if auth is None else dict(auth),
    )
    handler = _Handler(state)

    def session_factory() -> SMTP:
        return SMTP(
            handler,
            hostname=hostname,
            enable_SMTPUTF8=True,
            authenticator=None if auth is None else _authenticator(auth),
            # Loopback only: AUTH without STARTTLS, which aiosmtpd refuses unless told.
            # Without accounts, requiring TLS (never offered) keeps AUTH out of EHLO, as
            # on a relay that has no SMTP AUTH.
            auth_require_tls=auth is None,
        )

    # The loop runs in a thread of its own from the start: the calling thread may already
    # run one (Playwright's sync API does), and then cannot run another.
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="smtp", daemon=True)
    thread.start()
    starting = asyncio.run_coroutine_threadsafe(
        loop.create_server(session_factory, host=HOST, port=port), loop
    )
    try:
        server = starting.result(STOP_TIMEOUT)
    except BaseException:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(STOP_TIMEOUT)
        loop.close()
        raise
    state.port = int(server.sockets[0].getsockname()[1])
    try:
        yield state
    finally:
        stopping = asyncio.run_coroutine_threadsafe(_shutdown(server, handler), loop)
        with contextlib.suppress(concurrent.futures.TimeoutError):
            stopping.result(STOP_TIMEOUT)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(STOP_TIMEOUT)
        loop.close()


async def _shutdown(server: asyncio.Server, handler: _Handler) -> None:
    """Stops listening, lets bounces under way reach their mailbox, then ends sessions."""
    server.close()
    await server.wait_closed()
    if handler.tasks:
        await asyncio.wait(handler.tasks, timeout=STOP_TIMEOUT)
    current = asyncio.current_task()
    others = [task for task in asyncio.all_tasks() if task is not current]
    for task in others:
        task.cancel()
    await asyncio.gather(*others, return_exceptions=True)
