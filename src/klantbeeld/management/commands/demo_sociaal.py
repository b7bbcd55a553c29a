"""``klantbeeld demo-sociaal``: the demo's Mastodon account (used by bin/run)."""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klantbeeld.demo.sociaal import configureer


class Command(BaseCommand):
    help = (
        "Configure the demo's social-media account on the local Mastodon (its server, the "
        "account's handle, and the environment variable holding the access token)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--server", required=True)
        parser.add_argument("--account", required=True)
        parser.add_argument("--token-env", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        if not os.environ.get(options["token_env"]):
            raise CommandError(f"{options['token_env']} is niet gezet.")
        configureer(options["server"], options["account"], options["token_env"])
