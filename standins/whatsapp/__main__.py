"""``python -m standins.whatsapp``: the local WhatsApp gateway for the demo (bin/run)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence

import standins.whatsapp
from standins.cli import command_parser, serve_until_stopped
from standins.whatsapp import LocalWhatsApp, whatsapp_gateway
from standins.whatsapp.server import DEMO_DISPLAY_NUMBER, DEMO_PHONE_NUMBER_ID


def _secret(parser: argparse.ArgumentParser, name: str, variable: str | None) -> str | None:
    if variable is None:
        return None
    value = os.environ.get(variable)
    if not value:
        parser.error(f"--{name}-env {variable}: the variable is not set")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = command_parser(standins.whatsapp, 8004)
    parser.add_argument("--phone-number-id", default=DEMO_PHONE_NUMBER_ID)
    parser.add_argument("--display-phone-number", default=DEMO_DISPLAY_NUMBER)
    parser.add_argument(
        "--token-env", required=True, metavar="VARIABLE", help="the access token's variable"
    )
    parser.add_argument(
        "--app-secret-env", required=True, metavar="VARIABLE", help="the app secret's variable"
    )
    parser.add_argument("--verify-token-env", metavar="VARIABLE")
    parser.add_argument("--webhook-url", help="the app's callback URL for webhooks")
    parser.add_argument(
        "--not-on-whatsapp",
        action="append",
        default=[],
        metavar="NUMBER",
        help="a number whose messages fail as not on WhatsApp (131026)",
    )
    parser.add_argument(
        "--no-service-window",
        action="store_true",
        help="let free text reach residents who did not write in the last 24 hours",
    )
    options = parser.parse_args(argv)
    token = _secret(parser, "token", options.token_env)
    app_secret = _secret(parser, "app-secret", options.app_secret_env)
    verify_token = _secret(parser, "verify-token", options.verify_token_env)
    assert token is not None and app_secret is not None

    def ready(gateway: LocalWhatsApp) -> None:
        gateway.service_window = not options.no_service_window
        gateway.not_on_whatsapp.update(n.lstrip("+") for n in options.not_on_whatsapp)
        print(f"Lokale WhatsApp-gateway (Cloud API) op {gateway.url}", flush=True)

    return serve_until_stopped(
        lambda: whatsapp_gateway(
            token=token,
            app_secret=app_secret,
            webhook_url=options.webhook_url,
            verify_token=verify_token,
            phone_number_id=options.phone_number_id,
            display_phone_number=options.display_phone_number,
            host=options.host,
            port=options.port,
        ),
        ready,
    )


if __name__ == "__main__":
    raise SystemExit(main())
