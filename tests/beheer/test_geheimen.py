"""Secrets made in the admin (an API client's token and JWT secret, a webhook's signing
secret) are shown once, in the answer to the save that made them, and on no admin page
after that (nor in a message or cookie); the pages show only their first characters."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from klantbeeld.api.clients.models import ApiClient, hash_token
from klantbeeld.events.models import WebhookSubscription
from tests.support.beheer import beheer_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin() -> Client:
    user = User.objects.create_superuser("beheer", "beheer@example.nl", "een-lang-wachtwoord")
    return beheer_login(Client(), user)


def pages_after(admin: Client, model: str, pk: object) -> str:
    """Every admin page that shows the row, and the index."""
    urls = [
        "/admin/",
        f"/admin/{model}/",
        f"/admin/{model}/?q=a",
        f"/admin/{model}/{pk}/change/",
        f"/admin/{model}/{pk}/history/",
    ]
    pages = []
    for url in urls:
        response = admin.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return "\n".join(pages)


def assert_nowhere_else(admin: Client, model: str, pk: object, secret: str) -> None:
    assert secret not in pages_after(admin, model, pk)
    assert all(secret not in morsel.value for morsel in admin.cookies.values())
    assert secret not in str(dict(admin.session))


def test_a_jwt_secret_is_shown_once_when_made_and_masked_after(admin: Client) -> None:
    response = admin.post(
        "/admin/clients/apiclient/add/",
        {"naam": "KISS", "client_id": "kiss", "scopes": ["klantinteracties.lezen"], "actief": "on"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    client = ApiClient.objects.get(naam="KISS")
    assert client.secret and client.secret in page
    token = re.search(r"Authorization: Token ([0-9a-f]{40})", page)
    assert token and client.token_hash == hash_token(token.group(1))
    assert_nowhere_else(admin, "clients/apiclient", client.pk, client.secret)
    assert_nowhere_else(admin, "clients/apiclient", client.pk, token.group(1))
    change = admin.get(f"/admin/clients/apiclient/{client.pk}/change/").content.decode()
    assert f"{client.secret[:4]}… (verborgen)" in change


def test_a_renewed_jwt_secret_is_shown_once_and_the_old_one_stops(admin: Client) -> None:
    client = ApiClient(naam="Portaal", client_id="portaal", scopes=["klantinteracties.lezen"])
    client.new_token()
    oud = client.new_secret()
    client.save()
    form = {"naam": "Portaal", "client_id": "portaal", "scopes": ["klantinteracties.lezen"]}
    response = admin.post(
        f"/admin/clients/apiclient/{client.pk}/change/",
        {**form, "actief": "on", "nieuw_secret": "on"},
    )
    client.refresh_from_db()
    assert client.secret != oud and client.secret in response.content.decode()
    assert_nowhere_else(admin, "clients/apiclient", client.pk, client.secret)
    # A save without renewal shows nothing secret and keeps the secret.
    response = admin.post(f"/admin/clients/apiclient/{client.pk}/change/", {**form, "actief": "on"})
    assert response.status_code == 302
    gebleven = client.secret
    client.refresh_from_db()
    assert client.secret == gebleven


def test_a_webhook_secret_is_shown_once_when_made(admin: Client) -> None:
    response = admin.post(
        "/admin/events/webhooksubscription/add/",
        {
            "naam": "Portaal",
            "url": "https://portaal.example/hook",
            "resources": "[]",
            "actief": "on",
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    abonnement = WebhookSubscription.objects.get()
    assert abonnement.secret in response.content.decode()
    assert_nowhere_else(admin, "events/webhooksubscription", abonnement.pk, abonnement.secret)


def test_a_totp_key_is_not_shown_after_it_is_made(admin: Client) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(
        user=User.objects.get(username="beheer"), name="telefoon", confirmed=True
    )
    base = "/admin/otp_totp/totpdevice"
    assert device.key not in pages_after(admin, "otp_totp/totpdevice", device.pk)
    assert admin.get(f"{base}/{device.pk}/config/").status_code == 403
    assert admin.get(f"{base}/{device.pk}/qrcode/").status_code == 403
