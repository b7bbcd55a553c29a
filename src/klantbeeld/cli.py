"""The ``klantbeeld`` command: Django's management commands plus Klantbeeld's own.

klantbeeld serve [--host H] [--port P] [--workers N]   start the web server
klantbeeld worker                                       deliver webhooks and notifications
klantbeeld migrate                                      create or upgrade the database
klantbeeld demo-data [--partijen N]                     fill a demo dataset
klantbeeld create-api-client NAME                       print an Authorization header
klantbeeld help                                         every other command
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klantbeeld.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["klantbeeld", *argv])
    args[0] = "klantbeeld"
    if len(args) > 1 and not args[1].startswith("-"):
        # Commands are spelled with hyphens on the command line (demo-data), as modules
        # with underscores (demo_data).
        args[1] = args[1].replace("-", "_")
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
