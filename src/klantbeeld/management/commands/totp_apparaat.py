"""``klantbeeld totp-apparaat USERNAME``: give a staff account its second factor (a TOTP
device for an authenticator app), needed for the admin and the emergency login. Prints the
QR code to scan, the otpauth URI and the key to type in; they are shown only now."""

from __future__ import annotations

import io
from typing import Any

import qrcode
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from klantbeeld.workspace.totp import geheim, nieuw_apparaat


class Command(BaseCommand):
    help = "Create a confirmed TOTP device for a staff account and print its QR code and key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gebruikersnaam")
        parser.add_argument("--naam", default="authenticator", help="The device's name.")
        parser.add_argument(
            "--vervang",
            action="store_true",
            help="Remove the account's other devices (a lost or replaced phone).",
        )
        parser.add_argument("--geen-qr", action="store_true", help="Do not print the QR code.")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        user = user_model.objects.filter(username=options["gebruikersnaam"]).first()
        if user is None:
            raise CommandError(f"Geen account met gebruikersnaam {options['gebruikersnaam']!r}.")
        device = nieuw_apparaat(user, options["naam"], vervang=options["vervang"])
        if not options["geen_qr"]:
            self.stdout.write(qr_text(device.config_url))
        self.stdout.write(f"otpauth-URI: {device.config_url}")
        self.stdout.write(f"Sleutel (handmatig invoeren): {geheim(device)}")
        self.stdout.write(
            f"TOTP-apparaat {device.name!r} aangemaakt voor {user.get_username()}; "
            "scan de QR-code of voer de sleutel in de authenticator-app in."
        )


def qr_text(data: str) -> str:
    qr = qrcode.QRCode(border=2)
    qr.add_data(data)
    out = io.StringIO()
    qr.print_ascii(out=out, invert=True)
    return out.getvalue()
