"""The call panel: a contact in progress kept on the server beside every page, each
employee's own, finished in one step into one klantcontact per subject (R2) through the
intake service, all or none."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Klantcontact
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.workspace.models import LopendContact
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db
SCRIPT = {"HTTP_X_BELPANEEL": "1"}


@pytest.fixture
def jan():
    jan = persoon("Jan", "Jansen")
    nummer(jan, "bsn", bsn(1))
    return jan


def start(client: Client) -> LopendContact:
    response = client.post("/werkplek/belpaneel/nieuw/", {"terug": "/werkplek/zoeken/"})
    assert response.status_code == 302 and response["Location"] == "/werkplek/zoeken/"
    return LopendContact.objects.latest("gestart_op")


def actie(client: Client, contact: Any, naam: str, **data: Any) -> Any:
    return client.post(f"/werkplek/belpaneel/{contact}/{naam}/", data, **SCRIPT)


def test_the_panel_is_on_every_page_of_an_agent_and_keeps_what_was_typed(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert "Nieuw contact" in kcc.get("/werkplek/zoeken/").content.decode()
    lopend = start(kcc)
    [onderwerp] = lopend.onderwerpen.all()
    veld = f"o{onderwerp.pk}-vraag"
    assert (
        actie(kcc, lopend.uuid, "opslaan", **{veld: "Vraagt naar de afvalkalender"}).status_code
        == 204
    )
    # Another page, a reload, a second tab: the same notes.
    for pagina in ("/werkplek/zoeken/", f"/werkplek/klanten/{jan.uuid}/", "/werkplek/taken/"):
        assert "Vraagt naar de afvalkalender" in kcc.get(pagina).content.decode()
    assert "Vraagt naar de afvalkalender" in kcc.get("/werkplek/belpaneel/").content.decode()


def test_the_panel_is_not_there_for_who_does_not_handle_contacts():
    zonder = medewerker()
    assert zonder.get("/werkplek/belpaneel/").status_code == 403
    assert zonder.post("/werkplek/belpaneel/nieuw/").status_code == 403
    assert not LopendContact.objects.exists()


def test_another_employees_contact_in_progress_does_not_exist_for_them(jan):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    lopend = start(sanne)
    piet = medewerker(Rol.KCC_MEDEWERKER, naam="piet")
    for naam in ("opslaan", "klant", "tekst", "kies", "weggooien"):
        assert actie(piet, lopend.uuid, naam, partij=str(jan.uuid)).status_code == 404
    assert piet.get(f"/werkplek/contact-afronden/{lopend.uuid}/").status_code == 404
    assert "Nieuw contact" in piet.get("/werkplek/belpaneel/").content.decode()
    lopend.refresh_from_db()
    assert lopend.klant is None


def test_a_customer_under_secrecy_cannot_be_linked_by_who_may_not_see_them(jan):
    jan.indicatie_geheimhouding = True
    jan.save()
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert actie(kcc, "huidig", "klant", partij=str(jan.uuid)).status_code == 404
    assert LopendContact.objects.get().klant is None


def test_page_offers_go_into_the_call_and_a_new_zaak_is_a_new_subject(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    # No call yet: the first offer starts one.
    html = actie(kcc, "huidig", "klant", partij=str(jan.uuid)).content.decode()
    assert "Jan Jansen" in html
    actie(kcc, "huidig", "tekst", tekst="Papier: elke tweede dinsdag.", label="Afvalkalender")
    actie(
        kcc, "huidig", "zaak", zaak="https://zaken.example/zaken/1", label="ZAAK-1 — Kapvergunning"
    )
    actie(kcc, "huidig", "zaak", zaak="https://zaken.example/zaken/2", label="ZAAK-2 — Parkeren")
    lopend = LopendContact.objects.get()
    assert lopend.klant == jan
    eerste, tweede = lopend.onderwerpen.all()
    assert (eerste.onderwerp, eerste.antwoord, eerste.zaak_label) == (
        "Afvalkalender",
        "Papier: elke tweede dinsdag.",
        "ZAAK-1 — Kapvergunning",
    )
    assert (tweede.onderwerp, tweede.zaak_url) == (
        "ZAAK-2 — Parkeren",
        "https://zaken.example/zaken/2",
    )


def test_actions_without_javascript_return_to_the_page(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    terug = f"/werkplek/klanten/{jan.uuid}/"
    response = kcc.post(
        "/werkplek/belpaneel/huidig/klant/", {"partij": str(jan.uuid), "terug": terug}
    )
    assert response.status_code == 302 and response["Location"] == terug
    # Never to another site, nor to the panel's own endpoints.
    for elders in ("https://elders.example/", "/werkplek/belpaneel/", "/admin/"):
        response = kcc.post("/werkplek/belpaneel/huidig/kies/", {"terug": elders})
        assert response["Location"] == "/werkplek/zoeken/"


def test_only_five_at_once_and_left_ones_are_forgotten(settings):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    for _ in range(7):
        start(kcc)
    assert LopendContact.objects.count() == 5
    LopendContact.objects.update(gewijzigd_op=timezone.now() - timezone.timedelta(hours=13))
    # Whoever starts a contact next: every draft left too long goes, also another's.
    start(medewerker(Rol.KCC_MEDEWERKER, naam="piet"))
    assert [c.medewerker.username for c in LopendContact.objects.all()] == ["piet"]


def afronden(client: Client, lopend: LopendContact, *onderwerpen: dict[str, str]) -> Any:
    """Send the finish step with each subject's fields, in the order of the panel."""
    data: dict[str, Any] = {"onderwerp": []}
    for onderwerp, velden in zip(lopend.onderwerpen.all(), onderwerpen, strict=False):
        data["onderwerp"].append(onderwerp.pk)
        data.update({f"o{onderwerp.pk}-{naam}": waarde for naam, waarde in velden.items()})
    return client.post(f"/werkplek/contact-afronden/{lopend.uuid}/", data)


def test_a_call_with_two_subjects_becomes_two_klantcontacten_in_one_step(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    actie(kcc, "huidig", "klant", partij=str(jan.uuid))
    actie(kcc, "huidig", "tekst", tekst="Elke tweede dinsdag.", label="Afvalkalender")
    lopend = LopendContact.objects.get()
    actie(kcc, lopend.uuid, "onderwerp")
    tweede = lopend.onderwerpen.last()
    actie(kcc, lopend.uuid, "opslaan", **{f"o{tweede.pk}-onderwerp": "Paspoort"})

    page = kcc.get(f"/werkplek/contact-afronden/{lopend.uuid}/").content.decode()
    assert "Elke tweede dinsdag." in page and 'value="Paspoort"' in page
    assert 'id="belpaneel"' not in page  # the form is the contact here, not a second copy
    response = afronden(
        kcc,
        lopend,
        {
            "kanaal": "telefoon",
            "onderwerp": "Afvalkalender",
            "antwoord": "Elke tweede dinsdag.",
            "gelukt": "ja",
        },
        {"onderwerp": "Paspoort", "vraag": "Hoe lang is het geldig?", "gelukt": "ja"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(f"/werkplek/klanten/{jan.uuid}/")
    contacten = Klantcontact.objects.order_by("onderwerp")
    assert [(k.onderwerp, k.kanaal) for k in contacten] == [
        ("Afvalkalender", "telefoon"),
        ("Paspoort", "telefoon"),
    ]
    assert all(k.betrokkenen.get().was_partij == jan for k in contacten)
    assert not LopendContact.objects.exists()


def test_one_refused_subject_registers_none_and_keeps_the_call(jan):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    actie(kcc, "huidig", "klant", partij=str(jan.uuid))
    lopend = LopendContact.objects.get()
    actie(kcc, lopend.uuid, "onderwerp")
    tweede = lopend.onderwerpen.last()
    actie(kcc, lopend.uuid, "opslaan", **{f"o{tweede.pk}-vraag": "Nog iets"})
    response = afronden(
        kcc,
        lopend,
        {"kanaal": "telefoon", "onderwerp": "Afvalkalender", "gelukt": "ja"},
        {"vraag": "Nog iets", "onderwerp": "", "gelukt": "ja"},  # a subject is required
    )
    assert response.status_code == 400
    assert "Het contact is niet vastgelegd." in response.content.decode()
    assert not Klantcontact.objects.exists()
    assert LopendContact.objects.filter(pk=lopend.pk).exists()


def test_the_colleague_chosen_in_the_panel_gets_the_follow_up(jan):
    team = Actor.objects.create(
        naam="Vergunningen",
        soort_actor=SoortActor.ORGANISATORISCHE_EENHEID,
        indicatie_actief=True,
        actoridentificator_object_id="vergunningen",
        actoridentificator_code_objecttype="afdeling",
        actoridentificator_code_register="handelsregister",
        actoridentificator_code_soort_object_id="nummer",
    )
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    actie(kcc, "huidig", "klant", partij=str(jan.uuid))
    actie(kcc, "huidig", "collega", actor=str(team.uuid))
    lopend = LopendContact.objects.get()
    page = kcc.get(f"/werkplek/contact-afronden/{lopend.uuid}/").content.decode()
    assert f'<option value="{team.pk}" selected>Vergunningen</option>' in page
    response = afronden(
        kcc,
        lopend,
        {
            "kanaal": "telefoon",
            "onderwerp": "Dakkapel",
            "gelukt": "ja",
            "toegewezen_aan": str(team.pk),
            "gevraagde_handeling": "Terugbellen",
        },
    )
    assert response.status_code == 302
    [taak] = Klantcontact.objects.get().interne_taken.all()
    assert list(taak.toegewezen_aan_actoren.all()) == [team]
    page = kcc.get(response["Location"]).content.decode()
    assert "Verbind door met Vergunningen" in page


def test_an_unidentified_caller_is_registered_only_with_follow_up():
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    lopend = start(kcc)
    actie(kcc, lopend.uuid, "opslaan", achternaam="Bos", telefoonnummer="0612345678")
    page = kcc.get(f"/werkplek/contact-afronden/{lopend.uuid}/").content.decode()
    assert 'value="Bos"' in page and 'value="0612345678"' in page
    response = afronden(
        kcc,
        lopend,
        {
            "kanaal": "telefoon",
            "achternaam": "Bos",
            "terugbelnummer": "0612345678",
            "onderwerp": "Kapvergunning",
            "gelukt": "ja",
        },
    )
    assert response.status_code == 400
    assert "alleen iets vastgelegd als er opvolging nodig is" in response.content.decode()
    assert not Klantcontact.objects.exists()


def test_the_panel_costs_the_same_queries_however_many_contacts_are_open():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    kcc = medewerker(Rol.KCC_MEDEWERKER)

    def vragen() -> int:
        with CaptureQueriesContext(connection) as gemeten:
            assert kcc.get("/werkplek/belpaneel/").status_code == 200
        return len(gemeten)

    start(kcc)
    een = vragen()
    for _ in range(3):
        start(kcc)
    assert vragen() == een
