"""``klantbeeld serve``: the production web server (gunicorn) on a chosen host and port."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Start the Klantbeeld web server (gunicorn) on the given host and port."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=settings.KLANTBEELD_HOST)
        parser.add_argument("--port", type=int, default=settings.KLANTBEELD_PORT)
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("KLANTBEELD_WORKERS", "2")),
            help="Worker processes (default 2; one or two per core).",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("KLANTBEELD_THREADS", "4")),
            help="Threads per worker process (default 4).",
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="Print the demo URLs and credentials before starting.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["demo"]:
            from klantbeeld.demo import print_demo_banner

            print_demo_banner(host, port, self.stdout)
        argv = [
            "gunicorn",
            "klantbeeld.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
            "--worker-class",
            "gthread",
            # Loaded once before the workers start: they share the code's memory and
            # answer their first request without importing the whole application.
            "--preload",
            # Access log lines with control characters escaped, no Server header.
            "--config",
            "python:klantbeeld.serving",
            "--access-logfile",
            "-",
            # The path without its query string: a query may hold personal data.
            "--access-logformat",
            '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms',
            "--timeout",
            "60",
        ]
        self.stdout.write(f"Klantbeeld on http://{host}:{port}/ (database: {_db_name()})")
        sys.stdout.flush()
        os.execvp(sys.executable, [sys.executable, "-m", *argv])


def _db_name() -> str:
    db = settings.DATABASES["default"]
    return f"{db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME')}"
