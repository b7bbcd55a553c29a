"""Signing in to the admin: password and the code of a confirmed TOTP device; locked out
per username and per address (across usernames); the demo's admin gets in with what
bin/run prints."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from klantbeeld.demo import print_demo_banner
from klantbeeld.workspace.models import Aanmelding
from tests.support.beheer import totp_code

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"
WACHTWOORD = "een-lang-beheerwachtwoord"


@pytest.fixture(autouse=True)
def _no_throttle(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def beheerder() -> User:
    return User.objects.create_superuser("beheer", "beheer@example.nl", WACHTWOORD)


@pytest.fixture
def apparaat(beheerder: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=beheerder, name="telefoon", confirmed=True)


def inloggen(client: Client, gebruikersnaam: str = "beheer", **velden: str) -> Any:
    return client.post(
        LOGIN, {"username": gebruikersnaam, "password": WACHTWOORD, "code": "", **velden}
    )


def test_password_and_code_open_the_admin(client: Client, apparaat: TOTPDevice) -> None:
    response = inloggen(client, code=totp_code(apparaat))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/domain/partij/").status_code == 200


def test_a_password_alone_is_not_enough(client: Client, apparaat: TOTPDevice) -> None:
    response = inloggen(client)
    assert response.status_code == 200
    assert "De code van uw authenticator-app klopt niet" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    # Counted as a failed attempt, and recorded as one.
    assert AccessAttempt.objects.get().failures_since_start == 1
    assert Aanmelding.objects.get(geslaagd=False).toelichting == "Beheer: TOTP-code onjuist"


def test_a_session_without_a_verified_device_gets_no_admin(
    client: Client, apparaat: TOTPDevice
) -> None:
    client.force_login(apparaat.user, backend="django.contrib.auth.backends.ModelBackend")
    for url in ("/admin/", "/admin/domain/partij/", "/admin/clients/apiclient/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_without_a_device_the_admin_says_how_to_get_one(client: Client, beheerder: User) -> None:
    page = inloggen(client, code="123456").content.decode()
    assert "nog geen" in page and "klantbeeld totp-apparaat beheer" in page
    assert client.get("/admin/").status_code == 302
    assert Aanmelding.objects.get(geslaagd=False).toelichting == "Beheer: geen TOTP-apparaat"
    # An unconfirmed device is no device.
    TOTPDevice.objects.create(user=beheerder, name="half", confirmed=False)
    assert "klantbeeld totp-apparaat beheer" in inloggen(client).content.decode()


def test_the_command_enrols_a_device_whose_codes_sign_in(client: Client, beheerder: User) -> None:
    out = io.StringIO()
    call_command("totp_apparaat", "beheer", "--naam", "telefoon", stdout=out)
    text = out.getvalue()
    assert "otpauth://totp/Klantbeeld%3Abeheer?secret=" in text
    [device] = TOTPDevice.objects.filter(user=beheerder, confirmed=True)
    key = re.search(r"Sleutel \(handmatig invoeren\): ([A-Z2-7]+)", text)
    assert key and f"secret={key.group(1)}" in text
    assert inloggen(client, code=totp_code(device)).status_code == 302
    # --vervang: a lost phone's device stops working.
    call_command("totp_apparaat", "beheer", "--vervang", "--geen-qr", stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_one_address_trying_many_usernames_is_locked_out(
    client: Client, apparaat: TOTPDevice, settings: Any
) -> None:
    settings.KLANTBEELD_AXES_PER_GEBRUIKER = 5
    settings.KLANTBEELD_AXES_PER_ADRES = 10
    statuses = [inloggen(client, f"gok{n}", password="fout").status_code for n in range(10)]
    assert statuses[:9] == [200] * 9 and statuses[9] == 429
    # Now also the real account, with the right password and code, from that address.
    locked = inloggen(client, code=totp_code(apparaat))
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    elders = Client(REMOTE_ADDR="10.0.0.2")
    assert inloggen(elders, code=totp_code(apparaat, shift=1)).status_code == 302


def test_one_username_is_locked_out_sooner_without_locking_the_address(
    client: Client, apparaat: TOTPDevice, settings: Any
) -> None:
    settings.KLANTBEELD_AXES_PER_GEBRUIKER = 5
    settings.KLANTBEELD_AXES_PER_ADRES = 10
    statuses = [inloggen(client, password="fout").status_code for _ in range(5)]
    assert statuses == [200] * 4 + [429]
    assert inloggen(client, code=totp_code(apparaat)).status_code == 429
    User.objects.create_superuser("tweede", "t@example.nl", WACHTWOORD)
    tweede = TOTPDevice.objects.create(user=User.objects.get(username="tweede"), confirmed=True)
    assert inloggen(client, "tweede", code=totp_code(tweede)).status_code == 302


def test_behind_a_proxy_the_client_address_counts(apparaat: TOTPDevice, settings: Any) -> None:
    settings.KLANTBEELD_PROXY_COUNT = 1
    settings.KLANTBEELD_AXES_PER_ADRES = 10
    aanvaller = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for n in range(10):
        inloggen(aanvaller, f"gok{n}", password="fout")
    assert inloggen(aanvaller, code=totp_code(apparaat)).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    # A colleague behind the same proxy still gets in.
    collega = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert inloggen(collega, code=totp_code(apparaat, shift=1)).status_code == 302


def test_the_demo_admin_signs_in_with_what_bin_run_prints(client: Client) -> None:
    out = io.StringIO()
    print_demo_banner("127.0.0.1", 8123, out)
    text = out.getvalue()
    login = re.search(
        r"Admin login +admin / (\S+) \+ TOTP code: \.venv/bin/klantbeeld demo-code", text
    )
    assert login, text
    key = re.search(r"\(or add ([A-Z2-7]+) to an authenticator app\)", text)
    assert key
    device = TOTPDevice.objects.get(user__username="admin")
    assert key.group(1) in device.config_url
    code = io.StringIO()
    call_command("demo_code", stdout=code)
    response = inloggen(client, "admin", password=login.group(1), code=code.getvalue().strip())
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    # The next start: a new password, the same device (an app that has the key keeps working).
    print_demo_banner("127.0.0.1", 8123, io.StringIO())
    assert TOTPDevice.objects.get(user__username="admin") == device
