"""``klantbeeld demo-code``: the current TOTP code of the demo admin that `bin/run` made,
for signing in to the admin without an authenticator app. Works only for that device."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from klantbeeld.demo import demo_code


class Command(BaseCommand):
    help = "Print the current TOTP code of the demo admin (made by bin/run)."

    def handle(self, *args: Any, **options: Any) -> None:
        code = demo_code()
        if code is None:
            raise CommandError("Geen demo-beheerder met TOTP-apparaat: start eerst bin/run.")
        self.stdout.write(code)
