"""``klantbeeld demo-staff``: the demo's staff accounts as JSON for the local OpenID Connect
provider (used by bin/run)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from klantbeeld.demo.staff import op_users


class Command(BaseCommand):
    help = "Print the demo staff accounts (login → name, e-mail, roles) as JSON."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(op_users())
