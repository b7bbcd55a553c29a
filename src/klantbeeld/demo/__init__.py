"""What the Quick start prints: where Klantbeeld runs and how to get in."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from klantbeeld.api.clients.models import ALL_SCOPES, ApiClient
from klantbeeld.workspace.totp import geheim, nieuw_apparaat

DEMO_CLIENT = "Demo-client"
DEMO_ADMIN = "admin"
# The demo admin's TOTP device, new on every start (`klantbeeld demo-code` reads only this).
DEMO_TOTP_DEVICE = "bin/run demo"


class Writer(Protocol):
    def write(self, text: str) -> object: ...


@dataclass(frozen=True)
class DemoCredentials:
    authorization: str
    client_id: str
    secret: str
    admin_password: str
    admin_totp_uri: str
    admin_totp_key: str


def renew_demo_credentials() -> DemoCredentials:
    """Fresh credentials for the demo API client and admin on every start (none are stored
    in the repository; each run prints its own)."""
    client = ApiClient.objects.filter(naam=DEMO_CLIENT).first() or ApiClient(
        naam=DEMO_CLIENT, client_id="demo-client"
    )
    client.scopes = list(ALL_SCOPES)
    client.actief = True
    token = client.new_token()
    secret = client.new_secret()
    client.save()
    password = secrets.token_urlsafe(12)
    user_model = get_user_model()
    admin = user_model.objects.filter(username=DEMO_ADMIN).first()
    if admin is None:
        admin = user_model.objects.create_superuser(DEMO_ADMIN, "admin@example.nl", password)
    else:
        admin.set_password(password)
        admin.save()
    # The admin asks for a TOTP code too: a device made at the first start and kept, so a
    # key added to an authenticator app keeps working.
    device = TOTPDevice.objects.filter(
        user=admin, name=DEMO_TOTP_DEVICE, confirmed=True
    ).first() or nieuw_apparaat(admin, DEMO_TOTP_DEVICE)
    return DemoCredentials(
        f"Token {token}", client.client_id, secret, password, device.config_url, geheim(device)
    )


def demo_code() -> str | None:
    """The current TOTP code of the demo admin's device, or None when there is none (only
    the device `bin/run` made; no other account's code is ever computed)."""
    device = TOTPDevice.objects.filter(
        user__username=DEMO_ADMIN, name=DEMO_TOTP_DEVICE, confirmed=True
    ).first()
    if device is None:
        return None
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _staff_lines() -> list[str]:
    if not os.environ.get("KLANTBEELD_DEMO_OIDC_PORT"):
        return []
    from klantbeeld.demo.staff import STAFF

    logins = ", ".join(f"{login} ({', '.join(user['roles'])})" for login, user in STAFF.items())
    return [
        "  Werkplek login        'Inloggen met uw organisatie-account' at the demo's own",
        f"                        OpenID Connect provider, any password: {logins}",
    ]


def _portaal_lines(base: str) -> list[str]:
    """The portal and its demo logins, when bin/run started the broker's stand-in."""
    if not (
        os.environ.get("KLANTBEELD_DEMO_OIDC_PORT") and settings.KLANTBEELD_DIGID_OIDC_CLIENT_ID
    ):
        return []
    from klantbeeld.demo.portaal import demo_logins

    return [
        f"  MijnGemeente          {base}/mijn/ (residents and companies): 'Inloggen met DigiD'",
        "                        or 'Inloggen met eHerkenning' at the demo's stand-in broker,",
        "                        any password:",
        *(
            f"                          {login.login}: {login.naam} ({login.uitleg})"
            for login in demo_logins()
        ),
    ]


def _zgw_lines(base: str) -> list[str]:
    port = os.environ.get("KLANTBEELD_DEMO_ZGW_PORT")
    if not port:
        return []
    return [
        f"  ZGW-register (demo)   http://localhost:{port}/zaken/api/v1/ (and documenten, "
        "besluiten, catalogi):",
        f"                        a partij's zaken show on its page in the admin, "
        f"{base}/admin/domain/partij/,",
        "                        and with .venv/bin/klantbeeld zaken <BSN or KVK-nummer>",
    ]


def _basisregistraties_lines() -> list[str]:
    """The demo's BRP and Handelsregister, when bin/run started them, with a Henk Bos to
    look for."""
    brp, kvk = (
        os.environ.get("KLANTBEELD_DEMO_BRP_PORT"),
        os.environ.get("KLANTBEELD_DEMO_KVK_PORT"),
    )
    if not (brp and kvk):
        return []
    from klantbeeld.demo.basisregistraties import personen

    henk = next(
        (p for p in personen() if (p["voornamen"], p["geslachtsnaam"]) == ("Henk", "Bos")), None
    )
    voorbeeld = f"; three Henk Bos, one born {henk['geboortedatum']}" if henk else ""
    return [
        f"  BRP (demo)            http://localhost:{brp}/haalcentraal/api/brp/personen",
        f"                        werkplek 'Zoeken in de BRP'{voorbeeld}",
        f"  KVK (demo)            http://localhost:{kvk}/api/v2/zoeken: werkplek",
        "                        'Zoeken in het Handelsregister (KVK)'",
    ]


def _topdesk_lines() -> list[str]:
    """The demo's TOPdesk, when bin/run started it."""
    port = os.environ.get("KLANTBEELD_DEMO_TOPDESK_PORT")
    if not port:
        return []
    return [
        f"  TOPdesk (demo)        http://localhost:{port}/tas/api/incidents: werkplek, a task's",
        "                        'Doorzetten naar de tweede lijn in TOPdesk'; its operator at",
        f"                        http://localhost:{port}/_standin/ adds actions and closes",
    ]


def _chatbot_lines(base: str) -> list[str]:
    """The demo chatbot, when bin/run started it (docs/chatbot.md)."""
    port = os.environ.get("KLANTBEELD_DEMO_CHATBOT_PORT")
    if not port or not os.environ.get("KLANTBEELD_CHATBOT_URL"):
        return []
    return [
        f"  Chatbot (demo)        http://localhost:{port}/berichten: answers chats first",
        "                        (afval, openingstijden, 'medewerker', 'terugbellen', 'klacht',",
        f"                        'parkeervergunning'); API {base}/chatbot/api/v1/schema/docs",
    ]


def _telefonie_lines() -> list[str]:
    """The demo's telephony platform (standins/telefonie.py), when bin/run started it."""
    port = os.environ.get("KLANTBEELD_DEMO_TELEFONIE_PORT")
    if not port:
        return []
    return [
        f"  Telefonie (demo)      http://localhost:{port}/_standin/: place a call, answer it on",
        "                        extension 201 (kcc) or 202 (teamleider): it pops up in their",
        "                        call panel; hang up, pass on, or leave it unanswered (a",
        "                        call-back task for the Klantcontactcentrum)",
    ]


def print_demo_banner(host: str, port: int, out: Writer) -> None:
    from klantbeeld.demo.kanalen import demo_kanalen_regels

    credentials = renew_demo_credentials()
    shown = "localhost" if host in {"0.0.0.0", "127.0.0.1", "::"} else host
    base = f"http://{shown}:{port}"
    out.write(
        "\n".join(
            [
                "",
                "Klantbeeld demo",
                f"  Klantinteracties API  {base}/klantinteracties/api/v1/",
                f"  Contactgegevens API   {base}/contactgegevens/api/v1/",
                f"  API documentation     {base}/klantinteracties/api/v1/schema/docs",
                f"  Werkplek (KCC)        {base}/werkplek/",
                *_portaal_lines(base),
                f"  Admin                 {base}/admin/",
                "  Worker                klantbeeld worker, started beside the web server: "
                "delivers webhooks",
                f"                        (admin: {base}/admin/events/) and NRC notifications",
                *_zgw_lines(base),
                *_basisregistraties_lines(),
                *_topdesk_lines(),
                *demo_kanalen_regels(),
                *_chatbot_lines(base),
                *_telefonie_lines(),
                "",
                "Demo credentials (new on every start)",
                f"  API header            Authorization: {credentials.authorization}",
                f"  ZGW JWT               client_id {credentials.client_id}, "
                f"secret {credentials.secret}",
                f"  Admin login           {DEMO_ADMIN} / {credentials.admin_password} + TOTP code:"
                " .venv/bin/klantbeeld demo-code",
                f"                        (or add {credentials.admin_totp_key} to an "
                "authenticator app)",
                *_staff_lines(),
                "",
                "Try it:",
                f"  curl -H 'Authorization: {credentials.authorization}' "
                f"{base}/klantinteracties/api/v1/partijen?pageSize=2",
                "",
            ]
        )
        + "\n"
    )
