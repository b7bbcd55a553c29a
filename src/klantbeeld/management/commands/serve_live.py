"""``klantbeeld serve-live``: the live server (WebSockets for chat and the workspace's
screen-pop), an ASGI server beside ``klantbeeld serve`` (docs/live.md)."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Start the live server (WebSockets: chat, screen-pop) on the given host and port."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.KLANTBEELD_HOST)
        parser.add_argument("--port", type=int, default=settings.KLANTBEELD_LIVE_PORT)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("KLANTBEELD_LIVE_WORKERS", "1")),
            help="Processes (default 1: one process holds thousands of connections).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        argv = [
            "uvicorn",
            "klantbeeld.live.asgi:application",
            "--host",
            host,
            "--port",
            str(port),
            "--workers",
            str(options["workers"]),
            "--ws",
            "websockets-sansio",
            "--no-server-header",
            "--no-access-log",
            # Dead connections (a phone that went into a tunnel) are noticed and closed.
            "--ws-ping-interval",
            "20",
            "--ws-ping-timeout",
            "20",
            # A stop (a deploy, Ctrl-C) does not wait for every open window to leave: after
            # this the sockets are closed, the windows reconnect and catch up.
            "--timeout-graceful-shutdown",
            str(settings.KLANTBEELD_LIVE_STOP_SECONDEN),
            "--log-level",
            "warning",
        ]
        self.stdout.write(f"Klantbeeld live on ws://{host}:{port}/live/")
        sys.stdout.flush()
        os.execvp(sys.executable, [sys.executable, "-m", *argv])
