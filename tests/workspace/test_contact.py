"""Registering a contact from the customer view (C0992, C3546): klantcontact, betrokkene and
the employee as actor in one go, seen through the API; errors keep what was typed."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Klantcontact, Onderwerpobject
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.roles import Rol
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import nummer, persoon
from tests.support.client import ApiClient
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture
def jan():
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    return jan


def post(client: Client, partij: Any, **changes: str) -> Any:
    body = {
        "kanaal": "telefoon",
        "onderwerp": "Afvalkalender",
        "vraag": "Wanneer wordt het papier opgehaald?",
        "antwoord": "Elke tweede dinsdag van de maand.",
        "gelukt": "ja",
        "zaak": "",
    }
    return client.post(f"/werkplek/klanten/{partij.uuid}/contact/", {**body, **changes})


def test_c0992_a_question_answered_on_the_phone_is_registered(jan, ki: ApiClient):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    response = post(kcc, jan)
    assert response.status_code == 302
    page = kcc.get(response["Location"]).content.decode()
    assert "Contact vastgelegd met nummer" in page and "Afvalkalender" in page

    [kc] = ki.get("klantcontacten", {"hadBetrokkene__wasPartij__uuid": str(jan.uuid)}).json()[
        "results"
    ]
    assert (kc["kanaal"], kc["onderwerp"], kc["indicatieContactGelukt"]) == (
        "telefoon",
        "Afvalkalender",
        True,
    )
    assert kc["inhoud"] == "Wanneer wordt het papier opgehaald?"
    assert kc["reactie"] == "Elke tweede dinsdag van de maand."
    assert (kc["taal"], kc["vertrouwelijk"]) == ("nld", False)
    assert kc["referentienummer"]
    [actor] = Actor.objects.all()
    assert [a["uuid"] for a in kc["hadBetrokkenActoren"]] == [str(actor.uuid)]
    assert (actor.naam, actor.soort_actor, actor.functie) == (
        "sanne",
        "medewerker",
        "KCC-medewerker",
    )
    acties = list(Verwerkingsactie.objects.values_list("actie_naam", flat=True))
    assert acties == ["Raadplegen", "Registreren"]  # newest first: the view after saving

    post(kcc, jan, kanaal="balie", onderwerp="Paspoort")  # C3546: at the desk
    assert Actor.objects.count() == 1  # the same employee, the same actor
    assert Klantcontact.objects.filter(kanaal="balie").count() == 1


def test_a_missing_subject_keeps_what_was_typed(jan):
    response = post(medewerker(Rol.KCC_MEDEWERKER), jan, onderwerp="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "Het contact is niet vastgelegd" in page
    assert "Dit veld is verplicht." in page
    assert "Wanneer wordt het papier opgehaald?" in page
    assert not Klantcontact.objects.exists()
    assert not Verwerkingsactie.objects.filter(actie_naam="Registreren").exists()


def test_without_the_organisations_phone_number_the_reason_is_shown(jan, settings):
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = ""
    response = post(medewerker(Rol.KCC_MEDEWERKER), jan)
    assert response.status_code == 400
    assert "KLANTBEELD_ORGANISATIE_TELEFOONNUMMER" in response.content.decode()
    assert not Klantcontact.objects.exists()


def test_a_confidential_contact_is_hidden_from_kcc_afterwards(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    post(kcc, jan, onderwerp="Schuldhulp", vertrouwelijk="on")
    assert Klantcontact.objects.get().vertrouwelijk is True
    assert "Schuldhulp" not in kcc.get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    teamleider = medewerker(Rol.TEAMLEIDER, naam="ruud")
    assert "Schuldhulp" in teamleider.get(f"/werkplek/klanten/{jan.uuid}/").content.decode()


def test_c0359_a_contact_about_one_of_their_zaken_is_linked(jan, zgw: LocalZgw):
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    form = kcc.get(f"/werkplek/klanten/{jan.uuid}/contact/").content.decode()
    assert zaak["identificatie"] in form
    assert post(kcc, jan, onderwerp="Stoeptegel", zaak=zaak["url"]).status_code == 302
    [link] = Onderwerpobject.objects.all()
    assert link.onderwerpobjectidentificator_object_id == zaak["uuid"]
    assert link.klantcontact.hoofd_onderwerp_type == zaak["zaaktype"]


def test_only_roles_that_may_and_only_visible_partijen(jan):
    assert post(medewerker(Rol.FUNCTIONEEL_BEHEERDER), jan).status_code == 403
    geheim = persoon("Geert", "Geheim", indicatie_geheimhouding=True)
    assert post(medewerker(Rol.KCC_MEDEWERKER, naam="x"), geheim).status_code == 404
    assert not Klantcontact.objects.exists()


def test_a_form_sent_twice_registers_once(jan):
    import uuid

    kcc = medewerker(Rol.KCC_MEDEWERKER)
    form = kcc.get(f"/werkplek/klanten/{jan.uuid}/contact/").content.decode()
    assert 'name="inzending"' in form
    token = str(uuid.uuid4())
    eerste = post(kcc, jan, onderwerp="Afval", inzending=token)
    tweede = post(kcc, jan, onderwerp="Afval", inzending=token)
    assert (eerste.status_code, tweede.status_code) == (302, 302)
    assert Klantcontact.objects.count() == 1
    page = kcc.get(tweede["Location"]).content.decode()
    assert "Dit formulier was al verzonden" in page
    # A refused form can be corrected and sent again with its token.
    fout = post(kcc, jan, onderwerp="", inzending=(nieuw := str(uuid.uuid4())))
    assert fout.status_code == 400
    assert post(kcc, jan, onderwerp="Paspoort", inzending=nieuw).status_code == 302
    assert Klantcontact.objects.count() == 2
