"""``python -m standins.sms``: the local SMS provider for the demo (bin/run)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import standins.sms
from standins.cli import command_parser, named_secrets, serve_until_stopped
from standins.sms import sms_provider


def _accounts(parser: argparse.ArgumentParser, options: argparse.Namespace) -> dict[str, str]:
    accounts = named_secrets(
        parser, "--account", options.account, options.account_env, key="SID", secret="TOKEN"
    )
    if not accounts:
        parser.error("give at least one --account or --account-env")
    return accounts


def main(argv: Sequence[str] | None = None) -> int:
    parser = command_parser(standins.sms, 8003)
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
    return serve_until_stopped(
        lambda: sms_provider(
            accounts,
            senders=options.sender,
            messaging_services=options.messaging_service,
            unreachable=options.unreachable,
            host=options.host,
            port=options.port,
        ),
        lambda provider: print(f"Lokale SMS-provider (Twilio) op {provider.url}", flush=True),
    )


if __name__ == "__main__":
    raise SystemExit(main())
