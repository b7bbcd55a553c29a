"""One contact on its own page, found by its number; C0534: a transferred call answered
by the colleague, who joins as actor; only on the day and only once (R6)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from klantbeeld.domain.models import Klantcontact
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import persoon
from tests.support.client import ApiClient
from tests.workspace.test_klantbeeld import contact
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


def vraag_van_jan() -> Klantcontact:
    """C0534 step 1, as the KCC registered it (through the workspace)."""
    jan = persoon("Jan", "Jansen")
    sanne = medewerker(Rol.KCC_MEDEWERKER, naam="sanne")
    sanne.post(
        f"/werkplek/klanten/{jan.uuid}/contact/",
        {
            "kanaal": "telefoon",
            "onderwerp": "Kapvergunning",
            "vraag": "Mag de eik weg?",
            "gelukt": "ja",
        },
    )
    return Klantcontact.objects.get()


def test_c0534_the_colleague_finds_the_contact_by_number_and_adds_the_answer(ki: ApiClient):
    kc = vraag_van_jan()
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    found = lisa.post("/werkplek/zoeken/", {"q": kc.referentienummer}, follow=True).content.decode()
    assert f"Contact {kc.referentienummer} gevonden" in found
    page = lisa.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    assert "Mag de eik weg?" in page and "Jan Jansen" in page and "Antwoord toevoegen" in page
    assert Verwerkingsactie.objects.filter(handeling_naam="Contact bekijken").count() == 1

    leeg = lisa.post(f"/werkplek/contacten/{kc.uuid}/", {"reactie": " "})
    assert leeg.status_code == 400 and "Vul het antwoord in" in leeg.content.decode()
    done = lisa.post(f"/werkplek/contacten/{kc.uuid}/", {"reactie": "Ja, met een melding."})
    assert done.status_code == 302
    api = ki.get(f"klantcontacten/{kc.uuid}").json()
    assert api["reactie"] == "Ja, met een melding."
    assert len(api["hadBetrokkenActoren"]) == 2  # KCC and the colleague
    assert ki.get("internetaken").json()["count"] == 0

    again = lisa.post(f"/werkplek/contacten/{kc.uuid}/", {"reactie": "Toch niet."})
    assert again.status_code == 400 and "heeft al een antwoord" in again.content.decode()
    kc.refresh_from_db()
    assert kc.reactie == "Ja, met een melding."


def test_an_answer_cannot_be_added_to_an_older_contact():
    kc = vraag_van_jan()
    Klantcontact.objects.filter(pk=kc.pk).update(
        plaatsgevonden_op=timezone.now() - datetime.timedelta(days=2)
    )
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    assert "Antwoord toevoegen" not in lisa.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    response = lisa.post(f"/werkplek/contacten/{kc.uuid}/", {"reactie": "Laat"})
    assert response.status_code == 400 and "op de dag van het contact" in response.content.decode()
    kc.refresh_from_db()
    assert kc.reactie == ""


def test_a_confidential_contact_is_not_found_by_number_or_url_by_the_kcc():
    kc = contact(persoon("Jan", "Jansen"), "Schuldhulp", vertrouwelijk=True)
    Klantcontact.objects.filter(pk=kc.pk).update(referentienummer="0000000042")
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    found = sanne.post("/werkplek/zoeken/", {"q": "0000000042"}, follow=True).content.decode()
    assert "Contact 0000000042 gevonden" not in found and "Schuldhulp" not in found
    assert sanne.get(f"/werkplek/contacten/{kc.uuid}/").status_code == 404
    leider = medewerker(Rol.TEAMLEIDER, naam="ruud")
    assert leider.get(f"/werkplek/contacten/{kc.uuid}/").status_code == 200


def test_an_e_mail_or_a_contact_with_an_open_task_is_answered_from_the_task(ki: ApiClient):
    jan = persoon("Jan", "Jansen")
    mail = contact(jan, "Vraag per mail")
    Klantcontact.objects.filter(pk=mail.pk).update(kanaal="e-mail")
    lisa = medewerker(Rol.BEHANDELAAR, naam="lisa")
    assert (
        "Antwoord toevoegen" not in lisa.get(f"/werkplek/contacten/{mail.uuid}/").content.decode()
    )
    response = lisa.post(f"/werkplek/contacten/{mail.uuid}/", {"reactie": "Zo."})
    assert (
        response.status_code == 400
        and "beantwoord anders vanuit de taak" in response.content.decode()
    )
    mail.refresh_from_db()
    assert mail.reactie == ""
