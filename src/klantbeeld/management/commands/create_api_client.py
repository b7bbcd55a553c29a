"""``klantbeeld create-api-client NAME``: make (or renew) an API client, print credentials."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klantbeeld.api.clients.models import ALL_SCOPES, DEFAULT_SCOPES, ApiClient


class Command(BaseCommand):
    help = (
        "Create an API client (or give an existing one new credentials) and print its "
        "Authorization header value. Every scope but intake.identiteit unless --scope is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("naam", help="Name of the application, e.g. 'KISS'.")
        parser.add_argument(
            "--scope",
            action="append",
            choices=ALL_SCOPES,
            help="A scope to grant (repeatable). Default: every scope but intake.identiteit.",
        )
        parser.add_argument(
            "--client-id", help="Client id for ZGW JWT (default: the name, lower-case)."
        )
        parser.add_argument(
            "--format",
            choices=["header", "json"],
            default="header",
            help="'header' prints only the Authorization value; 'json' prints every credential.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        naam: str = options["naam"].strip()
        if not naam:
            raise CommandError("The name may not be empty.")
        client_id = options["client_id"] or naam.lower().replace(" ", "-")
        client = ApiClient.objects.filter(naam=naam).first() or ApiClient(naam=naam)
        if ApiClient.objects.filter(client_id=client_id).exclude(pk=client.pk).exists():
            raise CommandError(f"Client id '{client_id}' is taken by another API client.")
        client.client_id = client_id
        client.scopes = options["scope"] or DEFAULT_SCOPES
        client.actief = True
        token = client.new_token()
        secret = client.new_secret()
        client.save()
        if options["format"] == "json":
            credentials = {
                "naam": client.naam,
                "authorization": f"Token {token}",
                "token": token,
                "clientId": client.client_id,
                "secret": secret,
                "scopes": client.scopes,
            }
            self.stdout.write(json.dumps(credentials, indent=2))
        else:
            self.stdout.write(f"Token {token}")
