"""The demo's mail servers: Dovecot (IMAP) with the organisation's mailboxes and an SMTP
server that delivers into them, until SIGTERM or SIGINT.

    python -m standins.mail --mailbox-env info@gemeente.local:KLANTBEELD_DEMO_MAIL_PASSWORD

Mail for a mailbox lands in its INBOX; mail to addresses given with --reject comes back to
its sender as a bounce; mail to any other address is accepted and only kept (shown with
--verbose). The mailboxes' domains are the server's own: mail to an unknown address there is
refused at once.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
import threading
from collections.abc import Sequence

from standins.cli import named_secrets, stop_on_signals
from standins.mail.dovecot import Dovecot, DovecotError, dovecot
from standins.mail.smtp import Received, SmtpServer, smtp_server


def _pairs(
    parser: argparse.ArgumentParser, given: list[str], from_env: list[str], what: str
) -> dict[str, str]:
    def address(given: str) -> str | None:
        return given.lower() if "@" in given else None

    return named_secrets(
        parser, what, given, from_env, key="ADDRESS", secret="PASSWORD", name=address
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m standins.mail",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--imap-port", type=int, default=8143)
    parser.add_argument("--smtp-port", type=int, default=8025)
    parser.add_argument(
        "--mailbox", action="append", default=[], metavar="ADDRESS:PASSWORD", help="a mailbox"
    )
    parser.add_argument(
        "--mailbox-env",
        action="append",
        default=[],
        metavar="ADDRESS:VARIABLE",
        help="a mailbox, its password in this environment variable (not shown by ps)",
    )
    parser.add_argument(
        "--reject",
        action="append",
        default=[],
        metavar="ADDRESS|@DOMAIN",
        help="accept mail for it, then bounce it to the sender (RFC 3464)",
    )
    parser.add_argument(
        "--smtp-user",
        action="append",
        default=[],
        metavar="ADDRESS:PASSWORD",
        help="require SMTP AUTH for mail to other domains, with these accounts",
    )
    parser.add_argument("--smtp-user-env", action="append", default=[], metavar="ADDRESS:VARIABLE")
    parser.add_argument("--workdir", help="keep the mailboxes here (default: a temporary dir)")
    parser.add_argument("--verbose", action="store_true", help="show every message received")
    return parser


def _show(message: Received) -> None:
    subject = message.message.get("Subject", "")
    print(
        f"SMTP: {message.mail_from or '<>'} -> {', '.join(message.rcpt_tos)}: {subject}",
        flush=True,
    )


def _watch(server: SmtpServer, stop: threading.Event) -> None:
    shown: set[str] = set()
    while not stop.is_set():
        try:
            message = server.wait_for(lambda m: m.queue_id not in shown, timeout=1.0)
        except TimeoutError:
            continue
        shown.add(message.queue_id)
        _show(message)


def _announce(imap: Dovecot, smtp: SmtpServer) -> None:
    first = next(iter(imap.users))
    test_mail = (
        f'import smtplib; smtplib.SMTP("{smtp.host}", {smtp.port}).sendmail('
        f'"burger@example.nl", ["{first}"], '
        'b"Subject: Vraag over mijn aanvraag\\r\\n\\r\\nWanneer hoor ik iets?\\r\\n")'
    )
    mailboxes = ", ".join(imap.users)
    print(f"Dovecot (IMAP) op {imap.host}:{imap.port} met postbus {mailboxes}", flush=True)
    bounces = ", ".join(sorted(smtp.rejecting))
    returned = f"; mail aan {bounces} komt terug als bounce" if bounces else ""
    print(f"SMTP op {smtp.host}:{smtp.port}, levert af in Dovecot{returned}", flush=True)
    print(f"Testmail: python3 -c {shlex.quote(test_mail)}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    options = parser.parse_args(argv)
    mailboxes = _pairs(parser, options.mailbox, options.mailbox_env, "--mailbox")
    if not mailboxes:
        parser.error("give at least one --mailbox or --mailbox-env")
    smtp_users = _pairs(parser, options.smtp_user, options.smtp_user_env, "--smtp-user")
    domains = {address.rpartition("@")[2] for address in mailboxes}
    # aiosmtpd logs each AUTH and lost connection as a warning; the demo's console is for
    # what Klantbeeld does.
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    stop_on_signals()
    stopped = threading.Event()
    try:
        with (
            dovecot(mailboxes, port=options.imap_port, workdir=options.workdir) as imap,
            smtp_server(
                port=options.smtp_port,
                deliver_to=imap,
                local_domains=domains,
                rejecting=options.reject,
                auth=smtp_users or None,
            ) as smtp,
        ):
            _announce(imap, smtp)
            if options.verbose:
                threading.Thread(target=_watch, args=(smtp, stopped), daemon=True).start()
            stopped.wait()
    except KeyboardInterrupt:
        pass
    except ValueError as error:
        print(f"python -m standins.mail: {error}", file=sys.stderr)
        return 2
    except DovecotError as error:
        print(f"python -m standins.mail: {error}", file=sys.stderr)
        return 1
    finally:
        stopped.set()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
