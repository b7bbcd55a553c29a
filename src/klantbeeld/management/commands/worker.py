"""``klantbeeld worker``: deliver the outbox (webhooks, NRC) until stopped."""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klantbeeld.events import worker


class Command(BaseCommand):
    help = (
        "Deliver outgoing messages (webhooks, notifications to the NRC) with retries; "
        "run one or more beside the web server. Stops cleanly on SIGTERM or Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--poll",
            type=float,
            default=1.0,
            help="Seconds between looks when idle (PostgreSQL also wakes it at once).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        stop = worker.Stop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write("Klantbeeld worker: delivering the outbox")
        self.stdout.flush()
        worker.run(stop, poll_seconds=options["poll"])
        self.stdout.write("Klantbeeld worker: stopped")
