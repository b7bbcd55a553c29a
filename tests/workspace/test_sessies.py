"""Who gets into the workspace: only through the identity provider or the open emergency
login; nothing sensitive is kept where it should not be."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from klantbeeld.domain.models import DigitaalAdres, Partij
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.models import Noodtoegang
from klantbeeld.workspace.oidc import OidcBackend
from klantbeeld.workspace.roles import Rol
from tests.support.beheer import beheer_login
from tests.workspace.test_noodtoegang import (  # noqa: F401
    attempt,
    carla,
    code,
)
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle(settings: Any) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def test_the_admins_password_form_is_no_way_into_the_workspace(db):
    beheerder = User.objects.create_superuser("beheer", "b@example.nl", "een-lang-wachtwoord")
    beheerder.groups.add(Group.objects.get(name=Rol.KCC_MEDEWERKER))
    client = Client()
    client.force_login(beheerder, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post("/werkplek/zoeken/", {"q": "jansen"})
    assert response.status_code == 302
    assert response["Location"].startswith("/werkplek/inloggen/")
    assert "_auth_user_id" not in client.session  # signed out
    assert not Verwerkingsactie.objects.exists()


def test_an_emergency_session_ends_when_the_emergency_login_closes(carla, settings):  # noqa: F811
    beheerder = User.objects.create_superuser("beheer", "b@example.nl", "x" * 20)
    periode = Noodtoegang.objects.create(
        open_tot=timezone.now() + datetime.timedelta(hours=1), reden="IdP storing"
    )
    client = Client()
    assert attempt(client, carla).status_code == 302
    assert client.get("/werkplek/").status_code == 200

    admin = Client()
    beheer_login(admin, beheerder)
    admin.post(
        "/admin/workspace/noodtoegang/",
        {"action": "nu_sluiten", "_selected_action": [periode.pk]},
    )
    periode.refresh_from_db()
    assert periode.gesloten_door == beheerder and periode.open_tot <= timezone.now()
    assert client.get("/werkplek/").status_code == 302
    assert "_auth_user_id" not in client.session
    # The period stays on record: it cannot be deleted.
    url = f"/admin/workspace/noodtoegang/{periode.pk}/delete/"
    assert admin.post(url, {"post": "yes"}).status_code == 403


def test_a_failed_attempt_keeps_no_password(carla, settings):  # noqa: F811
    settings.KLANTBEELD_NOODTOEGANG = True
    attempt(Client(), carla, code="123456")  # the right password, a wrong code
    [failure] = AccessAttempt.objects.all()
    assert "een-lang-noodwachtwoord" not in failure.post_data
    assert "123456" not in failure.post_data


def test_oidc_never_takes_over_a_local_account(db):
    User.objects.create_superuser("admin", "a@example.nl", "een-lang-wachtwoord")
    backend = OidcBackend()
    claims = {"sub": "admin", "name": "Indringer", "roles": ["functioneel-beheerder"]}
    assert not backend.filter_users_by_claims(claims).exists()
    assert backend.create_user(claims) is None
    admin = User.objects.get(username="admin")
    assert admin.has_usable_password() and admin.is_superuser


def test_the_roles_may_come_from_the_id_token(monkeypatch):
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    monkeypatch.setattr(
        OIDCAuthenticationBackend, "get_userinfo", lambda self, *a: {"sub": "u1", "name": "A B"}
    )
    claims = OidcBackend().get_userinfo("token", "id-token", {"sub": "u1", "roles": ["x"]})
    assert claims == {"sub": "u1", "name": "A B", "roles": ["x"]}


def test_workspace_pages_are_not_cached(db):
    response = medewerker(Rol.KCC_MEDEWERKER).get("/werkplek/zoeken/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_a_search_text_stays_out_of_the_url_and_title(db):
    page = medewerker(Rol.KCC_MEDEWERKER).post("/werkplek/zoeken/", {"q": "123456782"}, follow=True)
    title = page.content.decode().split("<title>")[1].split("</title>")[0]
    assert "123456782" not in title
    assert (
        medewerker(Rol.KCC_MEDEWERKER, naam="x")
        .get("/werkplek/zoeken/", {"q": "jansen"})
        .status_code
        == 200
    )  # a GET searches nothing
    assert not Verwerkingsactie.objects.filter(gebruiker="x").exists()


def test_confidential_rows_do_not_leak_through_related_data(db):
    geheim = Partij.objects.create(
        soort_partij="organisatie",
        indicatie_actief=True,
        naam="Geheime B.V.",
        indicatie_geheimhouding=True,
    )
    els = Partij.objects.create(
        soort_partij="contactpersoon",
        indicatie_actief=True,
        contactnaam_voornaam="Els",
        contactnaam_achternaam="Visser",
        werkte_voor_partij=geheim,
    )
    page = medewerker(Rol.KCC_MEDEWERKER).get(f"/werkplek/klanten/{els.uuid}/").content.decode()
    assert "Geheime B.V." not in page and str(geheim.uuid) not in page
    # An address left on a confidential contact does not find its person.
    from tests.workspace.test_klantbeeld import contact

    kc = contact(els, "Schuldhulp", vertrouwelijk=True)
    betrokkene = kc.betrokkenen.get()
    DigitaalAdres.objects.create(
        verstrekt_door_betrokkene=betrokkene,
        verstrekt_door_partij=els,
        soort_digitaal_adres="email",
        adres="els@geheim.nl",
        adres_zoeksleutel="els@geheim.nl",
    )
    found = medewerker(Rol.KCC_MEDEWERKER, naam="y").post(
        "/werkplek/zoeken/", {"q": "els@geheim.nl"}, follow=True
    )
    assert "Geen klant gevonden" in found.content.decode()


def test_the_log_refuses_bulk_changes(db):
    with pytest.raises(PermissionError):
        Verwerkingsactie.objects.all().update(gebruiker="x")
    with pytest.raises(PermissionError):
        Verwerkingsactie.objects.all().delete()


def test_an_unknown_purpose_is_refused_not_replaced(db):
    response = medewerker(Rol.KCC_MEDEWERKER).post(
        "/werkplek/zoeken/", {"q": "jansen", "doel": "999"}, follow=True
    )
    assert response.status_code == 503
    assert "Het gekozen doel bestaat niet" in response.content.decode()
    assert not Verwerkingsactie.objects.exists()


def _oidc_on(settings: Any) -> None:
    settings.OIDC_RP_CLIENT_ID = "klantbeeld"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example.nl/auth"


def test_an_error_from_the_provider_is_a_recorded_failed_sign_in(db, settings):
    from klantbeeld.workspace.models import Aanmelding

    _oidc_on(settings)
    client = Client()
    # The sign-in this browser started: mozilla-django-oidc keeps its state in the session.
    started = client.get("/oidc/authenticate/")
    assert started.status_code == 302
    state = next(iter(client.session["oidc_states"]))
    response = client.get("/oidc/callback/", {"error": "access_denied", "state": state})
    assert response.status_code == 302
    assert response["Location"] == "/werkplek/inloggen/?mislukt=1"
    [aanmelding] = Aanmelding.objects.all()
    assert (aanmelding.geslaagd, aanmelding.methode) == (False, "oidc")
    assert "access_denied" in aanmelding.toelichting
    # The state is used up: the same answer again is not a second record.
    client.get("/oidc/callback/", {"error": "access_denied", "state": state})
    assert Aanmelding.objects.count() == 1


@pytest.mark.parametrize("params", [{"state": "x"}, {}])
def test_an_error_for_a_sign_in_nobody_started_here_writes_no_record(db, settings, params):
    from klantbeeld.workspace.models import Aanmelding

    _oidc_on(settings)
    for _ in range(5):
        response = Client().get("/oidc/callback/", {"error": "access_denied", **params})
        assert response.status_code == 302
        assert response["Location"] == "/werkplek/inloggen/?mislukt=1"
    assert not Aanmelding.objects.exists()


def test_after_a_while_the_provider_is_asked_again_silently(settings: Any) -> None:
    """Roles and accounts taken away at the provider do not last here: once the ID token's
    time is up, a workspace page first goes to the provider with prompt=none (the answer
    signs in again with the roles of that moment, or signs out)."""
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/auth"
    settings.OIDC_RP_CLIENT_ID = "klantbeeld"
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert kcc.get("/werkplek/").status_code == 200
    session = kcc.session
    session["oidc_id_token_expiration"] = 0
    session.save()
    response = kcc.get("/werkplek/zoeken/")
    assert response.status_code == 302
    assert response["Location"].startswith("http://127.0.0.1:9/auth?")
    assert "prompt=none" in response["Location"]
    # A form being sent is not interrupted, and nothing outside the workspace is.
    assert kcc.post("/werkplek/zoeken/", {"q": "x"}).status_code == 303
    assert kcc.get("/health").status_code == 200


def test_the_page_asked_for_is_where_the_sign_in_lands_only_within_the_workspace(
    settings: Any,
) -> None:
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "http://127.0.0.1:9/auth"
    settings.OIDC_RP_CLIENT_ID = "klantbeeld"
    bezoeker = Client()
    naar_login = bezoeker.get("/werkplek/taken/")
    assert naar_login.status_code == 302
    page = bezoeker.get(naar_login["Location"]).content.decode()
    assert "/oidc/authenticate/?next=/werkplek/taken/" in page
    # and the provider's start of sign-in keeps it for after the callback
    bezoeker.get("/oidc/authenticate/", {"next": "/werkplek/taken/"})
    assert bezoeker.session["oidc_login_next"] == "/werkplek/taken/"
    for elders in ("https://kwaad.example/werkplek/", "/admin/", "//kwaad.example/werkplek/"):
        page = bezoeker.get("/werkplek/inloggen/", {"next": elders}).content.decode()
        assert "/oidc/authenticate/?next" not in page, elders
