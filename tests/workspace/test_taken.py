"""My tasks (C2984, C9708): the open tasks assigned to me, closed with what came of it;
someone else's or a confidential task is not mine to see or close."""

from __future__ import annotations

from typing import Any

import pytest

from klantbeeld.domain.models import InterneTaak
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.medewerkers import actor_van
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import persoon
from tests.workspace.test_klantbeeld import contact
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


def taak_voor(client: Any, onderwerp: str, *, vertrouwelijk: bool = False) -> InterneTaak:
    from django.contrib.auth.models import User

    user = User.objects.get(pk=client.session["_auth_user_id"])
    jan = persoon("Jan", "Jansen")
    kc = contact(jan, onderwerp, vertrouwelijk=vertrouwelijk)
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc, gevraagde_handeling="Terugbellen", status="te_verwerken"
    )
    taak.toegewezen_aan_actoren.add(actor_van(user))
    return taak


def test_c2984_my_open_tasks_and_closing_one_with_the_result():
    sanne = medewerker(Rol.BEHANDELAAR)
    taak = taak_voor(sanne, "Vraag over parkeervergunning")
    anderen = medewerker(Rol.BEHANDELAAR, naam="ahmed")
    taak_voor(anderen, "Iets voor Ahmed")

    page = sanne.get("/werkplek/taken/").content.decode()
    assert "Vraag over parkeervergunning" in page and "Jan Jansen" in page
    assert "Iets voor Ahmed" not in page
    assert Verwerkingsactie.objects.filter(handeling_naam="Werkvoorraad bekijken").count() == 1

    empty = sanne.post(f"/werkplek/taken/{taak.uuid}/afhandelen/", {"af-toelichting": ""})
    assert empty.status_code == 400
    assert "Beschrijf kort wat er is gedaan" in empty.content.decode()
    done = sanne.post(
        f"/werkplek/taken/{taak.uuid}/afhandelen/",
        {"af-toelichting": "Teruggebeld; vergunning wordt verlengd."},
    )
    assert done.status_code == 302
    taak.refresh_from_db()
    assert taak.status == "verwerkt" and taak.afgehandeld_op is not None
    assert taak.toelichting == "Teruggebeld; vergunning wordt verlengd."
    assert "Mijn taken (0)" in sanne.get("/werkplek/taken/").content.decode()
    assert Verwerkingsactie.objects.filter(handeling_naam="Interne taak afhandelen").count() == 1


def test_someone_elses_task_cannot_be_closed():
    ahmed = medewerker(Rol.BEHANDELAAR, naam="ahmed")
    taak = taak_voor(ahmed, "Iets voor Ahmed")
    sanne = medewerker(Rol.BEHANDELAAR)
    response = sanne.post(f"/werkplek/taken/{taak.uuid}/afhandelen/", {"af-toelichting": "x"})
    assert response.status_code == 403
    taak.refresh_from_db()
    assert taak.status == "te_verwerken"


def test_a_confidential_task_is_not_shown_to_a_kcc_employee():
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    taak = taak_voor(sanne, "Schuldhulp", vertrouwelijk=True)
    assert "Schuldhulp" not in sanne.get("/werkplek/taken/").content.decode()
    assert sanne.get(f"/werkplek/taken/{taak.uuid}/afhandelen/").status_code == 404


def test_the_employee_who_set_out_a_task_may_read_it_but_not_act_on_it():
    """Found in use: a KCC agent got "Geen toegang" on the call-back task they had just
    set out for another team, linked from the customer view. Who asked may read it; only
    who it is assigned to may act, and others get no link to a page they cannot open."""
    from django.contrib.auth.models import User

    from klantbeeld.domain.models import Actor

    sanne = medewerker(Rol.KCC_MEDEWERKER)
    jan = persoon("Jan", "Jansen")
    kc = contact(jan, "Dakkapel")
    kc.actoren.add(actor_van(User.objects.get(username="sanne")))
    team = Actor.objects.create(
        naam="Vergunningen", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc, gevraagde_handeling="Terugbellen", status="te_verwerken"
    )
    taak.toegewezen_aan_actoren.add(team)
    taakpagina = f"/werkplek/taken/{taak.uuid}/"

    assert sanne.get(taakpagina).status_code == 200
    assert taakpagina in sanne.get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    assert taakpagina in sanne.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    weigering = sanne.post(f"{taakpagina}afhandelen/", {"af-toelichting": "Gedaan."})
    assert weigering.status_code == 403

    piet = medewerker(Rol.KCC_MEDEWERKER, naam="piet")
    assert piet.get(taakpagina).status_code == 403
    klantbeeld = piet.get(f"/werkplek/klanten/{jan.uuid}/").content.decode()
    assert "Terugbellen" in klantbeeld and taakpagina not in klantbeeld
    assert taakpagina not in piet.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    taak.refresh_from_db()
    assert taak.status == "te_verwerken"
