"""``klantbeeld demo-portaal``: the demo's MijnGemeente logins as JSON for the local OpenID
Connect provider that stands in for the DigiD/eHerkenning broker (used by bin/run)."""

from __future__ import annotations

import json
import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klantbeeld.demo.portaal import demo_inwoner, op_clients, op_users
from klantbeeld.demo.staff import STAFF


class Command(BaseCommand):
    help = (
        "Print the demo's portal logins (login → name, DigiD/eHerkenning claims) as the "
        "provider's OP_USERS; with --clients, its DigiD and eHerkenning clients (OP_CLIENTS)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--medewerkers",
            action="store_true",
            help="Include the demo staff accounts (one provider for both logins).",
        )
        parser.add_argument(
            "--clients",
            action="store_true",
            help="Print the clients instead, with the secrets from "
            "$KLANTBEELD_DIGID_OIDC_CLIENT_SECRET and $KLANTBEELD_EHERKENNING_OIDC_CLIENT_SECRET.",
        )
        parser.add_argument("--port", type=int, default=8000, help="Klantbeeld's port.")
        parser.add_argument(
            "--stand-ins",
            action="store_true",
            help="Print the first demo resident's BSN and a verified e-mail address of theirs "
            "(tab-separated), for which bin/run seeds the Objecten API and appointments.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["stand_ins"]:
            self.stdout.write("\t".join(demo_inwoner()))
            return
        if options["clients"]:
            secrets = [
                os.environ.get(f"KLANTBEELD_{middel}_OIDC_CLIENT_SECRET", "")
                for middel in ("DIGID", "EHERKENNING")
            ]
            if not all(secrets):
                raise CommandError(
                    "KLANTBEELD_DIGID_OIDC_CLIENT_SECRET and "
                    "KLANTBEELD_EHERKENNING_OIDC_CLIENT_SECRET must be set."
                )
            self.stdout.write(json.dumps(op_clients(options["port"], *secrets)))
            return
        users = op_users()
        if options["medewerkers"]:
            users = {**STAFF, **users}
        self.stdout.write(json.dumps(users))
