"""The kinds of customer relation in the admin: the functioneel beheerder keeps them (with
the domain's rules, each change audited and announced); relations are listed read-only;
the demo loads the configured preset with relations on the demo partijen."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from klantbeeld.domain.models import Actor, AuditTrail, Categorie, CategorieRelatie
from klantbeeld.domain.services.klantrelaties import is_current
from klantbeeld.workspace.roles import Rol
from tests.support.beheer import beheer_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    user = User.objects.create_user("fb", "fb@example.nl", "een-lang-wachtwoord", is_staff=True)
    user.groups.add(Group.objects.get(name=Rol.FUNCTIONEEL_BEHEERDER.value))
    return beheer_login(client, user)


def form(**velden: str) -> dict[str, str]:
    return {"naam": "", "omschrijving": "", "volgorde": "0", "actief": "on", **velden}


def test_the_functioneel_beheerder_keeps_the_kinds(beheerder):
    huurder = beheerder.post("/admin/domain/categorie/add/", form(naam="Huurder"))
    assert huurder.status_code == 302
    team = Actor.objects.create(naam="Verhuur", soort_actor="organisatorische_eenheid")
    huur = Categorie.objects.get(naam="Huurder")
    response = beheerder.post(
        "/admin/domain/categorie/add/",
        form(naam="Medebewoner", afgeleid_van=str(huur.pk), team=str(team.pk)),
    )
    assert response.status_code == 302
    mede = Categorie.objects.get(naam="Medebewoner")
    assert (mede.afgeleid_van, mede.team) == (huur, team)
    trail = AuditTrail.objects.filter(resource="categorie", actie="create")
    assert set(trail.values_list("applicatie", flat=True)) == {"Beheer"}
    # The domain's rules at their fields: no circle, a unique name.
    page = beheerder.post(
        f"/admin/domain/categorie/{huur.pk}/change/",
        form(naam="Huurder", afgeleid_van=str(mede.pk)),
    ).content.decode()
    assert "van zichzelf afgeleid" in page
    page = beheerder.post("/admin/domain/categorie/add/", form(naam="huurder")).content.decode()
    assert "Er bestaat al een categorie met deze naam." in page
    assert Categorie.objects.get(pk=huur.pk).afgeleid_van is None
    lijst = beheerder.get("/admin/domain/categorie/").content.decode()
    assert "Medebewoner" in lijst and "Verhuur" in lijst
    assert beheerder.get("/admin/domain/categorierelatie/").status_code == 200
    assert beheerder.get("/admin/domain/categorierelatie/add/").status_code == 403


@pytest.mark.parametrize(
    ("voorbeeld", "soorten"),
    [("gemeente", {"Inwoner", "Ondernemer"}), ("woningcorporatie", {"Huurder", "Medebewoner"})],
)
def test_the_demo_loads_the_configured_preset_with_relations(settings, voorbeeld, soorten):
    settings.KLANTBEELD_KLANTRELATIES_VOORBEELD = voorbeeld
    call_command("demo_data", partijen=60)
    gebruikt = set(CategorieRelatie.objects.values_list("categorie__naam", flat=True))
    assert soorten <= gebruikt
    for afgeleid in CategorieRelatie.objects.filter(via__isnull=False).select_related("via"):
        assert afgeleid.via.partij_id != afgeleid.partij_id
        assert afgeleid.begin_datum >= afgeleid.via.begin_datum
        assert is_current(afgeleid.via)
    aantal = CategorieRelatie.objects.count()
    call_command("demo_data", partijen=0)  # again: nothing doubled
    assert CategorieRelatie.objects.count() == aantal
