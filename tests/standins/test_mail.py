"""The mail stand-ins (standins/mail) as the mail intake and the tests will use them: mail
sent over SMTP lands in Dovecot and is read over IMAP, IDLE announces it, undeliverable mail
comes back as an RFC 3464 report, and no Dovecot is left behind."""

from __future__ import annotations

import email
import email.policy
import imaplib
import os
import queue
import re
import shlex
import shutil
import signal
import smtplib
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage, Message
from pathlib import Path

import pytest
from imap_tools import MailBoxUnencrypted

from standins.mail.dovecot import Dovecot, DovecotError, dovecot, group_members
from standins.mail.smtp import SmtpServer, smtp_server

ROOT = Path(__file__).resolve().parents[2]
INFO = "info@gemeente.local"
AFZENDER = "afzender@gemeente.local"
USERS = {INFO: "info-wachtwoord", AFZENDER: "afzender:met:dubbele:punten"}


@pytest.fixture
def imap() -> Iterator[Dovecot]:
    with dovecot(USERS) as server:
        yield server


@pytest.fixture
def smtp(imap: Dovecot) -> Iterator[SmtpServer]:
    with smtp_server(
        deliver_to=imap,
        local_domains=["gemeente.local"],
        rejecting=["@onbekend.example", "vertrokken@example.nl"],
    ) as server:
        yield server


def mail(sender: str, to: str, subject: str, message_id: str, body: str = "Hallo") -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id
    message.set_content(body)
    return message.as_bytes(policy=email.policy.SMTP)


def send(server: SmtpServer, sender: str, recipients: list[str], raw: bytes) -> None:
    with smtplib.SMTP(server.host, server.port) as client:
        refused = client.sendmail(sender, recipients, raw)
    assert refused == {}


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)


def wait_until(condition: Callable[[], bool], timeout: float) -> bool:
    """For what gives no notice (another process group emptying); polls briefly."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_mail_to_a_mailbox_is_read_over_imap(imap: Dovecot, smtp: SmtpServer) -> None:
    raw = mail("burger@example.nl", INFO, "Vraag over mijn aanvraag", "<vraag-1@example.nl>")
    send(smtp, "burger@example.nl", [INFO], raw)

    # Delivered before the server answered DATA: readable as soon as sendmail returns.
    connection = imaplib.IMAP4(imap.host, imap.port)
    connection.login(INFO, USERS[INFO])
    connection.select("INBOX")
    typ, found = connection.search(None, "ALL")
    assert (typ, found) == ("OK", [b"1"])
    typ, fetched = connection.fetch("1", "(RFC822)")
    connection.logout()
    delivered = parse(fetched[0][1])
    assert delivered["Subject"] == "Vraag over mijn aanvraag"
    assert delivered["Message-ID"] == "<vraag-1@example.nl>"
    assert delivered["Return-Path"] == "<burger@example.nl>"
    assert delivered["Delivered-To"] == INFO
    assert delivered.get_content().strip() == "Hallo"

    with MailBoxUnencrypted(imap.host, imap.port).login(INFO, USERS[INFO]) as mailbox:
        [message] = list(mailbox.fetch())
    assert (message.from_, message.subject) == ("burger@example.nl", "Vraag over mijn aanvraag")

    received = smtp.wait_for(lambda m: m.rcpt_tos == (INFO,))
    assert (received.mail_from, received.delivered_to, received.data) == (
        "burger@example.nl",
        (INFO,),
        raw,
    )


def test_idle_announces_a_new_message(imap: Dovecot, smtp: SmtpServer) -> None:
    with MailBoxUnencrypted(imap.host, imap.port).login(INFO, USERS[INFO]) as mailbox:
        mailbox.idle.start()
        send(smtp, "burger@example.nl", [INFO], mail("burger@example.nl", INFO, "Nieuw", "<n@x>"))
        responses = mailbox.idle.poll(timeout=10)
        mailbox.idle.stop()
        assert b"* 1 EXISTS" in responses
        assert [message.subject for message in mailbox.fetch()] == ["Nieuw"]


@pytest.mark.parametrize("recipient", ["iemand@onbekend.example", "Vertrokken@example.nl"])
def test_mail_to_a_rejecting_address_comes_back_as_a_delivery_status_notification(
    imap: Dovecot, smtp: SmtpServer, recipient: str
) -> None:
    original_id = "<bevestiging-42@gemeente.local>"
    send(smtp, AFZENDER, [recipient], mail(AFZENDER, recipient, "Bevestiging", original_id))

    bounce = smtp.wait_for_bounce(lambda b: b.rcpt_tos == (AFZENDER,))
    assert (bounce.mail_from, bounce.delivered_to) == ("", (AFZENDER,))
    [stored] = imap.messages(AFZENDER)
    report = parse(stored.raw)
    assert report["Return-Path"] == "<>"
    assert report.get_content_type() == "multipart/report"
    assert report.get_param("report-type") == "delivery-status"
    notification, status, headers = report.iter_parts()
    assert notification.get_content_type() == "text/plain"
    assert status.get_content_type() == "message/delivery-status"
    per_message, per_recipient = status.get_payload()
    assert per_message["Reporting-MTA"] == "dns; localhost"
    assert isinstance(per_recipient, Message)
    assert per_recipient["Final-Recipient"] == f"rfc822; {recipient}"
    assert per_recipient["Action"] == "failed"
    assert per_recipient["Status"] == "5.1.1"
    assert per_recipient["Diagnostic-Code"].startswith("smtp; 550 5.1.1")
    assert headers.get_content_type() == "text/rfc822-headers"
    original = email.message_from_string(headers.get_content(), policy=email.policy.default)
    assert original["Message-ID"] == original_id
    assert original["Subject"] == "Bevestiging"


def test_only_the_undeliverable_recipients_are_reported(imap: Dovecot, smtp: SmtpServer) -> None:
    recipients = [INFO, "iemand@onbekend.example", "burger@example.nl"]
    send(smtp, AFZENDER, recipients, mail(AFZENDER, INFO, "Aan drie", "<drie@gemeente.local>"))

    bounce = smtp.wait_for_bounce()
    status = parse(bounce.data).get_payload()[1]
    assert [block["Final-Recipient"] for block in status.get_payload()[1:]] == [
        "rfc822; iemand@onbekend.example"
    ]
    assert [parse(m.raw)["Subject"] for m in imap.messages(INFO)] == ["Aan drie"]
    received = smtp.wait_for()
    assert received.bounced == ("iemand@onbekend.example",)
    assert received.rcpt_tos == tuple(recipients)


def test_a_bounce_is_never_bounced(imap: Dovecot, smtp: SmtpServer) -> None:
    send(smtp, "", ["iemand@onbekend.example"], mail("", "x", "Terug", "<t@x>"))
    assert smtp.wait_for().mail_from == ""
    # A later message that does bounce shows the bounces made so far: only its own.
    send(smtp, AFZENDER, ["iemand@onbekend.example"], mail(AFZENDER, "x", "Heen", "<h@x>"))
    smtp.wait_for_bounce()
    assert [bounce.rcpt_tos for bounce in smtp.bounces] == [(AFZENDER,)]


def test_an_unknown_address_in_a_local_domain_is_refused_at_once(smtp: SmtpServer) -> None:
    with (
        smtplib.SMTP(smtp.host, smtp.port) as client,
        pytest.raises(smtplib.SMTPRecipientsRefused) as refused,
    ):
        client.sendmail("burger@example.nl", ["niemand@gemeente.local"], b"Subject: x\r\n\r\n")
    code, reply = refused.value.recipients["niemand@gemeente.local"]
    assert (code, reply[:5]) == (550, b"5.1.1")
    assert smtp.messages == []


def test_smtp_auth_refuses_a_wrong_password_and_guards_relaying(
    imap: Dovecot, smtp: SmtpServer
) -> None:
    with smtplib.SMTP(smtp.host, smtp.port) as client:
        client.ehlo()
        assert not client.has_extn("auth")  # a server without accounts offers no AUTH

    users = {"klantbeeld@gemeente.local": "juist"}
    with smtp_server(deliver_to=imap, auth=users) as server:
        for mechanism in ("PLAIN", "LOGIN"):
            with smtplib.SMTP(server.host, server.port) as client:
                client.ehlo()
                assert mechanism in client.esmtp_features["auth"].split()
                client.user, client.password = "klantbeeld@gemeente.local", "fout"
                with pytest.raises(smtplib.SMTPAuthenticationError) as refused:
                    client.auth(mechanism, getattr(client, f"auth_{mechanism.lower()}"))
                assert refused.value.smtp_code == 535

        raw = mail("klantbeeld@gemeente.local", "burger@example.nl", "Antwoord", "<a@g>")
        with smtplib.SMTP(server.host, server.port) as client:
            # Without AUTH: mail for the mailboxes, but no relaying to other domains.
            assert client.sendmail("burger@example.nl", [INFO], raw) == {}
            with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
                client.sendmail("klantbeeld@gemeente.local", ["burger@example.nl"], raw)
            assert refused.value.recipients["burger@example.nl"][0] == 554

        with smtplib.SMTP(server.host, server.port) as client:
            client.login("klantbeeld@gemeente.local", "juist")
            assert client.sendmail("klantbeeld@gemeente.local", ["burger@example.nl"], raw) == {}
        relayed = server.wait_for(lambda m: m.rcpt_tos == ("burger@example.nl",))
        assert relayed.authenticated_as == "klantbeeld@gemeente.local"
        assert relayed.delivered_to == ()


def test_two_dovecots_run_side_by_side() -> None:
    with dovecot({INFO: "een"}) as first, dovecot({INFO: "twee"}) as second:
        assert first.port != second.port
        first.deliver(INFO, b"Subject: eerste\r\n\r\n")
        second.deliver(INFO, b"Subject: tweede\r\n\r\n")
        assert [parse(m.raw)["Subject"] for m in first.messages(INFO)] == ["eerste"]
        assert [parse(m.raw)["Subject"] for m in second.messages(INFO)] == ["tweede"]
        with pytest.raises(DovecotError):
            first.folders("iemand@anders.nl")


def test_helpers_keep_folders_and_flags(imap: Dovecot) -> None:
    imap.create_folder(INFO, "Afgehandeld/Beëindigd")
    uid = imap.deliver(
        INFO, b"Subject: oud\r\n\r\n", folder="Afgehandeld/Beëindigd", flags=["\\Seen"]
    )
    assert imap.folders(INFO) == ["Afgehandeld", "Afgehandeld/Beëindigd", "INBOX"]
    [stored] = imap.messages(INFO, "Afgehandeld/Beëindigd")
    assert stored.uid == uid
    assert "\\Seen" in stored.flags
    assert stored.raw == b"Subject: oud\r\n\r\n"
    assert imap.messages(INFO) == []


def test_no_dovecot_is_left_after_the_block() -> None:
    with dovecot({INFO: "x"}) as server:
        pid = server.pid
        with imaplib.IMAP4(server.host, server.port) as connection:
            connection.login(INFO, "x")
            assert len(group_members(pid)) > 1  # master, its helpers and this session
    assert group_members(pid) == []
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_no_dovecot_is_left_when_its_starter_is_killed() -> None:
    script = (
        "import os, signal\n"
        "from standins.mail.dovecot import dovecot\n"
        f"with dovecot({{{INFO!r}: 'x'}}) as server:\n"
        "    print(server.pid, server.workdir, flush=True)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    environment = {**os.environ, "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    starter = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, timeout=60
    )
    assert starter.returncode == -signal.SIGKILL, starter.stderr
    pid, workdir = starter.stdout.split()
    assert wait_until(lambda: group_members(int(pid)) == [], timeout=20)
    shutil.rmtree(workdir)  # what the killed starter could not remove


def _lines(process: subprocess.Popen[str]) -> queue.Queue[str]:
    """The process's output lines as they come, so that a test can wait for one."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.strip())

    threading.Thread(target=read, daemon=True).start()
    return lines


def test_the_demo_command_runs_both_and_stops_on_sigterm() -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}",
        "DEMO_MAIL_PASSWORD": "demo-geheim",
    }
    command = [
        sys.executable,
        "-m",
        "standins.mail",
        "--imap-port=0",
        "--smtp-port=0",
        f"--mailbox-env={INFO}:DEMO_MAIL_PASSWORD",
        "--reject=@onbekend.example",
    ]
    process = subprocess.Popen(
        command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        output = _lines(process)
        imap_line, smtp_line, test_mail = (output.get(timeout=30) for _ in range(3))
        imap_address = re.fullmatch(
            rf"Dovecot \(IMAP\) op 127\.0\.0\.1:(\d+) met postbus {INFO}", imap_line
        )
        assert imap_address, imap_line
        imap_port = int(imap_address.group(1))
        assert re.match(
            r"SMTP op 127\.0\.0\.1:\d+, levert af in Dovecot; mail aan @onbekend", smtp_line
        )
        assert test_mail.startswith("Testmail: ")
        subprocess.run(shlex.split(test_mail.removeprefix("Testmail: ")), check=True, timeout=30)
        with MailBoxUnencrypted("127.0.0.1", imap_port).login(INFO, "demo-geheim") as mailbox:
            assert [m.subject for m in mailbox.fetch()] == ["Vraag over mijn aanvraag"]
    finally:
        process.send_signal(signal.SIGTERM)
        _, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    with pytest.raises(ConnectionRefusedError):
        imaplib.IMAP4("127.0.0.1", imap_port)
