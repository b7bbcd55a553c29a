"""``python -m standins.sms``: the local SMS provider for the demo (bin/run)."""

from __future__ import annotations

import argparse
import os
import signal
import threading
from collections.abc import Sequence
from types import FrameType

import standins.sms
from standins.sms import sms_provider


def _accounts(parser: argparse.ArgumentParser, options: argparse.Namespace) -> dict[str, str]:
    accounts = {}
    for account in options.account:
        sid, sep, token = account.partition(":")
        if not sep or not sid or not token:
            parser.error(f"--account {account!r}: use SID:TOKEN")
        accounts[sid] = token
    for account in options.account_env:
        sid, sep, variable = account.partition(":")
        if not sep or not sid or not os.environ.get(variable):
            parser.error(f"--account-env {account!r}: use SID:VARIABLE, with the variable set")
        accounts[sid] = os.environ[variable]
    if not accounts:
        parser.error("give at least one --account or --account-env")
    return accounts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.sms",
        description=standins.sms.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8003)
    parser.add_argument("--account", action="append", default=[], metavar="SID:TOKEN")
    parser.add_argument(
        "--account-env",
        action="append",
        default=[],
        metavar="SID:VARIABLE",
        help="an account, its auth token in this environment variable (not shown by ps)",
    )
    parser.add_argument("--sender", action="append", default=[], help="a number or sender ID")
    parser.add_argument("--messaging-service", action="append", default=[], metavar="MG…")
    parser.add_argument(
        "--unreachable", action="append", default=[], help="a number whose SMS is undelivered"
    )
    options = parser.parse_args(argv)
    accounts = _accounts(parser, options)
    stopped = threading.Event()

    def stop(signum: int, frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with sms_provider(
        accounts,
        senders=options.sender,
        messaging_services=options.messaging_service,
        unreachable=options.unreachable,
        host=options.host,
        port=options.port,
    ) as provider:
        print(f"Lokale SMS-provider (Twilio) op {provider.url}", flush=True)
        stopped.wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
