"""Searching for a customer in the workspace: only for roles that may, and every search
that shows persons leaves exactly one record in the verwerkingenlogging."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from klantbeeld.demo.numbers import bsn, kvk_nummer
from klantbeeld.domain.models import Partij
from klantbeeld.privacy.models import Verwerkingsactie, Verwerkingsactiviteit, VerwerktObject
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.support.beheer import beheer_login

# The activity migrate makes for the workspace (the admin has one of its own).
ZOEKEN_STANDAARD = "Beantwoorden van vragen en verzoeken van inwoners en ondernemers"
pytestmark = pytest.mark.django_db


def medewerker(*rollen: Rol, naam: str = "sanne") -> Client:
    user = User.objects.create_user(naam)
    user.groups.add(*Group.objects.filter(name__in=[r.value for r in rollen]))
    client = Client()
    # As after signing in through the identity provider (which also says how long its
    # answer holds before the provider is asked again).
    client.force_login(user, backend="klantbeeld.workspace.oidc.OidcBackend")
    session = client.session
    session["oidc_id_token_expiration"] = time.time() + 3600
    session.save()
    return client


@pytest.fixture
def jansen():
    jan = persoon("Jan", "Jansen", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=5)
    nummer(jan, "bsn", bsn(1))
    marie = persoon("Marie", "Jansen")
    return jan, marie


def test_a_search_shows_the_persons_and_logs_them_once(jansen):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.post("/werkplek/zoeken/", {"q": "jansen"}, follow=True).content.decode()
    assert "2 gevonden" in page
    assert "Jan Jansen" in page and f"BSN {bsn(1)}" in page and "1234 AB" in page
    [actie] = Verwerkingsactie.objects.all()
    assert (actie.actie_naam, actie.handeling_naam, actie.gebruiker) == (
        "Zoeken",
        "Klant zoeken",
        "sanne",
    )
    standaard = Verwerkingsactiviteit.objects.get(naam=ZOEKEN_STANDAARD)
    assert actie.activiteit == standaard
    assert actie.verwerkingsactiviteit_id == standaard.verwerkingsactiviteit_id
    objecten = {(o.soort_object_id, o.object_id) for o in actie.verwerkte_objecten.all()}
    assert objecten == {("BSN", bsn(1)), ("partij", str(jansen[1].uuid))}
    soorten = VerwerktObject.objects.values_list("verwerkte_soorten_gegevens", flat=True)
    assert list(soorten) == [["naam", "identificatienummer", "adres"]] * 2


def test_a_search_without_persons_logs_nothing(jansen):
    korf = Partij.objects.create(
        soort_partij="organisatie", indicatie_actief=True, naam="Bakkerij De Korf"
    )
    nummer(korf, "kvk_nummer", kvk_nummer(2), "niet_natuurlijk_persoon")
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert (
        "Bakkerij De Korf"
        in kcc.post("/werkplek/zoeken/", {"q": kvk_nummer(2)}, follow=True).content.decode()
    )
    assert (
        "Geen klant gevonden"
        in kcc.post("/werkplek/zoeken/", {"q": "niemand"}, follow=True).content.decode()
    )
    kcc.get("/werkplek/zoeken/")
    assert not Verwerkingsactie.objects.exists()


def test_the_chosen_purpose_is_logged(jansen):
    bezwaar = Verwerkingsactiviteit.objects.create(naam="Behandelen van bezwaarschriften")
    kcc = medewerker(Rol.BEHANDELAAR)
    kcc.post("/werkplek/zoeken/", {"q": bsn(1), "doel": str(bezwaar.pk)}, follow=True)
    assert Verwerkingsactie.objects.get().activiteit == bezwaar


def test_without_a_purpose_nothing_is_searched(jansen):
    Verwerkingsactiviteit.objects.update(actief=False)
    response = medewerker(Rol.KCC_MEDEWERKER).post(
        "/werkplek/zoeken/", {"q": "jansen"}, follow=True
    )
    assert response.status_code == 503
    assert "geen verwerkingsactiviteit ingesteld" in response.content.decode()
    assert "Jan Jansen" not in response.content.decode()
    assert not Verwerkingsactie.objects.exists()


@pytest.mark.parametrize("rollen", [(), (Rol.FUNCTIONEEL_BEHEERDER,)])
def test_roles_that_do_not_look_up_customers_are_refused(jansen, rollen):
    response = medewerker(*rollen).post("/werkplek/zoeken/", {"q": "jansen"}, follow=True)
    assert response.status_code == 403
    assert "Jan Jansen" not in response.content.decode()
    assert not Verwerkingsactie.objects.exists()


def test_confidential_persons_only_for_team_leads_and_back_office(jansen):
    persoon("Geert", "Jansen", indicatie_geheimhouding=True)
    assert (
        "Geert"
        not in medewerker(Rol.KCC_MEDEWERKER)
        .post("/werkplek/zoeken/", {"q": "jansen"}, follow=True)
        .content.decode()
    )
    assert (
        "Geert"
        in medewerker(Rol.TEAMLEIDER, naam="ruud")
        .post("/werkplek/zoeken/", {"q": "jansen"}, follow=True)
        .content.decode()
    )


def test_the_log_cannot_be_changed_or_deleted(jansen):
    medewerker(Rol.KCC_MEDEWERKER).post("/werkplek/zoeken/", {"q": "jansen"}, follow=True)
    actie = Verwerkingsactie.objects.get()
    actie.gebruiker = "iemand-anders"
    with pytest.raises(PermissionError):
        actie.save()
    with pytest.raises(PermissionError):
        actie.delete()
    with pytest.raises(PermissionError):
        actie.verwerkte_objecten.first().delete()
    beheer = User.objects.create_superuser("beheer", "b@example.nl", "x" * 20)
    admin = Client()
    beheer_login(admin, beheer)
    url = f"/admin/privacy/verwerkingsactie/{actie.pk}/delete/"
    assert admin.post(url, {"post": "yes"}).status_code == 403
    assert Verwerkingsactie.objects.get().gebruiker == "sanne"
