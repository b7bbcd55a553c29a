"""Spam protection of contact forms without a third party: honeypot, signed form token
(not too soon, not too late, once), rate limits per submitter's address and per
application, and a limit on links. Each refusal says why, registers nothing and is
counted."""

from __future__ import annotations

import time

import pytest

from klantbeeld.api.intake import spam
from klantbeeld.api.intake.models import GebruiktFormuliertoken, Weigering
from klantbeeld.domain.models import Actor, Klantcontact
from tests.intake.conftest import IntakeClient, token
from tests.intake.test_formulieren import formulier, stuur
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db


@pytest.fixture
def website(applicatie) -> IntakeClient:
    client: IntakeClient = applicatie("Website", "intake.formulieren")
    return client


def geteld() -> dict[str, int]:
    return {w.reden: w.aantal for w in Weigering.objects.filter(applicatie="Website")}


def test_a_token_is_issued_with_its_window(website: IntakeClient, settings):
    settings.KLANTBEELD_INTAKE_TOKEN_MIN_SECONDEN = 3
    body = website.get("contactformulieren/token").json()
    van, tot = body["geldigVanaf"], body["geldigTot"]
    assert van < tot
    assert body["token"].count(".") == 2


def test_a_filled_honeypot_is_accepted_but_not_registered(website: IntakeClient, kcc: Actor):
    response = stuur(website, formulier(website, honeypot="http://goedkope-pillen.example"))
    assert response.status_code == 202, response
    assert "niet vastgelegd" in response.json()["toelichting"]
    assert not Klantcontact.objects.exists()
    assert geteld() == {"honeypot": 1}
    stuur(website, formulier(website, honeypot="x"))
    assert geteld() == {"honeypot": 2}


@pytest.mark.parametrize(
    "vervalst",
    [
        "",
        "geen token",
        "1700000000.abc.0000",
        "{tijd}.nonce.{handtekening}",
    ],
    ids=["leeg", "onzin", "verkeerde-handtekening", "ander-tijdstip"],
)
def test_a_token_that_is_not_ours_is_refused(website: IntakeClient, kcc: Actor, vervalst: str):
    echt = token(website).split(".")
    waarde = vervalst.format(tijd=int(echt[0]) - 10, handtekening=echt[2])
    response = stuur(website, formulier(website, token=waarde))
    assert invalid_names(response) == {"contactformulier.token"}, response
    assert not Klantcontact.objects.exists()
    if waarde:  # an empty one is refused as a missing field, not counted as spam
        assert geteld() == {"token_ongeldig": 1}


def test_a_token_of_another_application_is_refused(website: IntakeClient, applicatie, kcc):
    ander: IntakeClient = applicatie("Andere website", "intake.formulieren")
    response = stuur(website, formulier(website, token=token(ander)))
    assert invalid_names(response) == {"contactformulier.token"}
    assert not Klantcontact.objects.exists()


def test_a_form_sent_too_soon_after_it_was_shown_is_refused(
    website: IntakeClient, kcc: Actor, settings
):
    settings.KLANTBEELD_INTAKE_TOKEN_MIN_SECONDEN = 3600
    response = stuur(website, formulier(website))
    assert invalid_names(response) == {"contactformulier.token"}
    assert "te snel" in response.json()["detail"]
    assert not Klantcontact.objects.exists()
    assert geteld() == {"te_snel": 1}


def test_a_form_left_open_too_long_is_refused(website: IntakeClient, kcc: Actor, settings):
    oud, _ = spam.geef_token("website", nu=time.time() - 3 * 3600)
    response = stuur(website, formulier(website, token=oud))
    assert invalid_names(response) == {"contactformulier.token"}
    assert "verlopen" in response.json()["detail"]
    assert not Klantcontact.objects.exists()
    assert geteld() == {"token_verlopen": 1}


def test_a_submission_sent_again_after_its_token_expired_is_answered_as_before(
    website: IntakeClient, kcc: Actor, settings
):
    gegevens = formulier(website)
    eerste = stuur(website, gegevens)
    assert eerste.status_code == 201, eerste
    settings.KLANTBEELD_INTAKE_TOKEN_MAX_SECONDEN = -1  # every token has expired
    tweede = stuur(website, gegevens)
    assert (tweede.status_code, tweede.content) == (200, eerste.content)
    assert Klantcontact.objects.count() == 1


def test_a_token_is_good_for_one_submission(website: IntakeClient, kcc: Actor):
    gegevens = formulier(website, inzendingId="1")
    assert stuur(website, gegevens).status_code == 201
    response = stuur(website, {**gegevens, "inzendingId": "2", "onderwerp": "Nog een"})
    assert invalid_names(response) == {"contactformulier.token"}
    assert "al een ander formulier" in response.json()["detail"]
    assert Klantcontact.objects.count() == 1
    assert geteld() == {"token_gebruikt": 1}


def test_a_failed_registration_leaves_the_token_unused(website: IntakeClient, kcc: Actor, settings):
    settings.KLANTBEELD_INTAKE_TEAM = ""
    gegevens = formulier(website)
    assert stuur(website, gegevens).status_code == 400
    assert not GebruiktFormuliertoken.objects.exists()
    settings.KLANTBEELD_INTAKE_TEAM = "KCC"
    assert stuur(website, gegevens).status_code == 201


def test_used_tokens_are_forgotten_once_they_have_expired(
    website: IntakeClient, kcc: Actor, settings
):
    settings.KLANTBEELD_INTAKE_TOKEN_MAX_SECONDEN = 60
    oud = spam.Formuliertoken("oud", spam._moment(time.time() - 3600))
    GebruiktFormuliertoken.objects.create(nonce=oud.nonce, uitgegeven_op=oud.uitgegeven_op)
    assert stuur(website, formulier(website)).status_code == 201
    assert not GebruiktFormuliertoken.objects.filter(nonce="oud").exists()


def test_too_many_forms_from_one_address_are_refused(website: IntakeClient, kcc: Actor, settings):
    settings.KLANTBEELD_INTAKE_LIMIET_PER_IP = 2
    for nummer in range(2):
        assert stuur(website, formulier(website, inzendingId=str(nummer))).status_code == 201
    response = stuur(website, formulier(website, inzendingId="3"))
    assert response.status_code == 429, response
    assert response.headers["Retry-After"] == str(settings.KLANTBEELD_INTAKE_LIMIET_SECONDEN)
    assert response.json()["code"] == "limiet_ip"
    # Another submitter is not held up by this one.
    anders = formulier(website, inzendingId="4", indienerIp="2001:db8::1")
    assert stuur(website, anders).status_code == 201
    assert Klantcontact.objects.count() == 3
    assert geteld() == {"limiet_ip": 1}


def test_too_many_forms_of_one_application_are_refused(website: IntakeClient, kcc: Actor, settings):
    settings.KLANTBEELD_INTAKE_LIMIET_PER_CLIENT = 1
    assert stuur(website, formulier(website, indienerIp="192.0.2.1")).status_code == 201
    response = stuur(website, formulier(website, indienerIp="192.0.2.2"))
    assert response.status_code == 429, response
    assert response.json()["code"] == "limiet_client"
    assert Klantcontact.objects.count() == 1


def test_a_message_full_of_links_is_refused(website: IntakeClient, kcc: Actor, settings):
    settings.KLANTBEELD_INTAKE_MAX_LINKS = 2
    links = "Zie https://a.example en http://b.example en www.c.example"
    response = stuur(website, formulier(website, bericht=links))
    assert invalid_names(response) == {"contactformulier.bericht"}
    assert not Klantcontact.objects.exists()
    assert geteld() == {"links": 1}
    twee = "Zie https://a.example en www.c.example"
    assert stuur(website, formulier(website, bericht=twee)).status_code == 201


def test_the_counts_are_shown_read_only_in_the_admin(website: IntakeClient, kcc: Actor, client):
    from django.contrib.auth.models import User

    from tests.support.beheer import beheer_login

    stuur(website, formulier(website, honeypot="x"))
    beheerder = beheer_login(
        client, User.objects.create_superuser("beheer", "beheer@example.nl", "een-lang-wachtwoord")
    )
    lijst = beheerder.get("/admin/intake/weigering/")
    assert lijst.status_code == 200
    assert "Honeypot ingevuld" in lijst.content.decode()
    assert beheerder.get("/admin/intake/weigering/add/").status_code == 403
