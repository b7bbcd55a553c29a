"""A person under geheimhouding does not show anywhere in the workspace for who may not see
them: not on a contact's page, a task's page or in a queue, not by a contact's number, not
by trying to record them as a new customer; and what shows them is logged confidential."""

from __future__ import annotations

import pytest

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Teamlid
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.medewerkers import actor_van
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.test_klantbeeld import contact
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


def test_a_secret_persons_contact_and_task_are_not_there_for_the_kcc() -> None:
    from django.contrib.auth.models import User

    geheim = persoon("Geert", "Geheim", indicatie_geheimhouding=True)
    nummer(geheim, "bsn", bsn(5))
    kc = contact(geheim, "Adreswijziging")  # the contact itself is not marked confidential
    Klantcontact.objects.filter(pk=kc.pk).update(referentienummer="0000000077")
    team = Actor.objects.create(naam="KCC", soort_actor="organisatorische_eenheid")
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc, gevraagde_handeling="Terugbellen", status="te_verwerken"
    )
    taak.toegewezen_aan_actoren.add(team)
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    Teamlid.objects.create(team=team, medewerker=actor_van(User.objects.get(username="sanne")))

    assert kcc.get(f"/werkplek/contacten/{kc.uuid}/").status_code == 404
    assert kcc.get(f"/werkplek/taken/{taak.uuid}/").status_code == 404
    assert "Geheim" not in kcc.get("/werkplek/taken/").content.decode()
    assert (
        "Adreswijziging"
        not in kcc.post("/werkplek/zoeken/", {"q": "0000000077"}, follow=True).content.decode()
    )
    nieuw = kcc.post(
        "/werkplek/klanten/nieuw/",
        {"nummer": bsn(5), "achternaam": "Iemand", "vastgesteld": "id-bewijs"},
    )
    page = nieuw.content.decode()
    assert nieuw.status_code == 400 and "vraag een teamleider" in page
    assert "al in gebruik" not in page

    leider = medewerker(Rol.TEAMLEIDER, naam="ruud")
    Teamlid.objects.create(team=team, medewerker=actor_van(User.objects.get(username="ruud")))
    assert "Geert Geheim" in leider.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    assert "Geert Geheim" in leider.get("/werkplek/taken/").content.decode()
    assert leider.get(f"/werkplek/taken/{taak.uuid}/").status_code == 200
    # Every look at the secret person is logged as confidential.
    for handeling in ("Contact bekijken", "Werkvoorraad bekijken", "Taak bekijken"):
        [actie] = Verwerkingsactie.objects.filter(handeling_naam=handeling)
        assert actie.vertrouwelijkheid == "vertrouwelijk", handeling
