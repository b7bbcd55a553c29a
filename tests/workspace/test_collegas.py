"""Colleagues in the workspace (issue 15; C0534, C2984): the directory's page and its
partials (as one types, for the call panel), the search narrowing a task's "to whom"
list, Mijn bereikbaarheid, and the directory kept from the identity provider's claims."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.contrib.auth.models import User

from klantbeeld.domain.models import Actor, InterneTaak, Teamlid
from klantbeeld.domain.models.collegas import Afwezigheid, Gidsvermelding, Werktijd
from klantbeeld.workspace.medewerkers import actor_van
from klantbeeld.workspace.oidc import OidcBackend
from klantbeeld.workspace.roles import Rol
from tests.domain.test_collegas import medewerker as collega
from tests.domain.test_collegas import team
from tests.domain.test_zoeken import persoon
from tests.workspace.test_klantbeeld import contact
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


@pytest.fixture
def gids() -> dict[str, Actor]:
    vergunningen = team("Vergunningen", telefoonnummer="0302861234")
    kantoor = Gidsvermelding.objects.create(actor=vergunningen)
    for dag in range(1, 8):  # open every day and night: reachable whenever the test runs
        Werktijd.objects.create(
            vermelding=kantoor, weekdag=dag, begin=datetime.time(0), einde=datetime.time(23, 59)
        )
    lisa = collega(
        "Lisa van Dijk",
        vergunningen,
        login="lisa",
        functie="Vergunningverlener",
        telefoonnummer="030 286 12 34",
        toestelnummer="1234",
        vaardigheden=["Dakkapel"],
    )
    kees = collega("Kees Janssen", vergunningen, login="kees")
    vandaag = datetime.date.today()
    Afwezigheid.objects.create(
        vermelding=kees.gidsvermelding, van=vandaag, tot_en_met=vandaag + datetime.timedelta(3)
    )
    return {"vergunningen": vergunningen, "lisa": lisa, "kees": kees}


def test_the_directory_finds_by_name_with_a_typo_and_shows_how_to_reach(gids):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get("/werkplek/collegas/", {"q": "lisa van dyk"}).content.decode()
    assert "1 gevonden" in page and "Lisa van Dijk" in page
    assert 'href="tel:0302861234"' in page and "030 286 12 34" in page
    assert 'href="tel:1234"' in page and "Dakkapel" in page
    assert "Nu bereikbaar" in page  # her team's office hours
    assert 'aria-current="page">Collega\'s</a>' in page
    page = kcc.get("/werkplek/collegas/", {"q": "jansen"}).content.decode()
    assert "Kees Janssen" in page and "Afwezig tot en met" in page
    # Without a text: the teams.
    page = kcc.get("/werkplek/collegas/").content.decode()
    assert "Vergunningen" in page and "Team, 2 leden" in page and "Lisa" not in page


def test_as_one_types_only_the_results_and_the_pages_address_follows(gids):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    response = kcc.get("/werkplek/collegas/zoeken/", {"q": "dakkapel"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert page.lstrip().startswith("<div") and "<html" not in page
    assert "Lisa van Dijk" in page and "vaardigheid" in page
    assert response["HX-Replace-Url"] == "/werkplek/collegas/?q=dakkapel"


def test_the_call_panels_list_has_a_transfer_button_per_colleague(gids):
    """GET /werkplek/collegas/zoeken/?q=…&paneel=1: the lead's call panel shows the
    buttons and handles them (C0534)."""
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get("/werkplek/collegas/zoeken/", {"q": "vergunningen", "paneel": "1"})
    html = page.content.decode()
    lisa = gids["lisa"]
    assert (
        f'<button type="button" hidden data-belpaneel-collega="{lisa.uuid}" '
        f'data-belpaneel-label="Lisa van Dijk (Vergunningen)"'
    ) in html
    assert 'class="utrecht-button utrecht-button--secondary-action">Doorverbinden</button>' in html
    assert f'data-belpaneel-collega="{gids["vergunningen"].uuid}"' in html
    assert 'data-belpaneel-label="Vergunningen"' in html
    assert "<h3" not in html and "HX-Replace-Url" not in page


def test_only_employees_with_a_role_see_the_directory(gids):
    geen_rol = medewerker(naam="x")
    assert geen_rol.get("/werkplek/collegas/").status_code == 403
    beheerder = medewerker(Rol.FUNCTIONEEL_BEHEERDER, naam="y")
    assert beheerder.get("/werkplek/collegas/").status_code == 200


# -- routing a task --------------------------------------------------------------------------


def test_the_to_whom_list_shows_who_can_be_reached_and_narrows_as_one_types(gids):
    sanne = medewerker(Rol.BEHANDELAAR)
    user = User.objects.get(username="sanne")
    kc = contact(persoon("Jan", "Jansen"), "Dakkapel")
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc, gevraagde_handeling="Terugbellen", status="te_verwerken"
    )
    taak.toegewezen_aan_actoren.add(actor_van(user))
    page = sanne.get(f"/werkplek/taken/{taak.uuid}/").content.decode()
    assert "data-collegakiezer hidden" in page and 'hx-get="/werkplek/collegas/keuze/"' in page
    lisa, kees = gids["lisa"], gids["kees"]
    assert f'<option value="{lisa.uuid}">Lisa van Dijk</option>' in page  # the whole list
    assert "Wie is nu bereikbaar?" in page  # without JavaScript: the directory, a new tab
    # As one types: the best matches, the best chosen, the count for screen readers.
    opties = sanne.get(
        "/werkplek/collegas/keuze/",
        {
            "collega_zoek": "dakkapl",
            "veld": "door-naar",
            "leeg": "Kies een team of collega",
            "status": "id_door-naar-zoekstatus",
        },
    ).content.decode()
    assert opties.lstrip().startswith('<option value="">Kies een team of collega</option>')
    assert re.search(
        rf'<option value="{lisa.uuid}" selected>Lisa van Dijk \(Vergunningen\): Nu bereikbaar',
        opties,
    )
    assert str(kees.uuid) not in opties
    afwezig = sanne.get("/werkplek/collegas/keuze/", {"collega_zoek": "kees"}).content.decode()
    assert "Kees Janssen (Vergunningen): Afwezig tot en met" in afwezig
    assert 'id="id_door-naar-zoekstatus"' in opties and 'hx-swap-oob="true"' in opties
    # Emptied: everyone again, the choice kept.
    leeg = {"collega_zoek": "", "veld": "door-naar", "door-naar": str(kees.uuid)}
    alle = sanne.get("/werkplek/collegas/keuze/", leeg).content.decode()
    assert f'<option value="{kees.uuid}" selected>' in alle and str(lisa.uuid) in alle
    assert '<optgroup label="Teams">' in alle
    # The form takes the colleague chosen from the narrowed list.
    done = sanne.post(
        f"/werkplek/taken/{taak.uuid}/doorzetten/",
        {"door-naar": str(lisa.uuid), "door-reden": "Gaat over een dakkapel", "collega_zoek": "x"},
    )
    assert done.status_code == 302
    assert InterneTaak.objects.filter(toegewezen_aan_actoren=lisa).count() == 1


def test_the_follow_up_of_a_contact_offers_the_same_search(gids):
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    jan = persoon("Jan", "Jansen")
    page = kcc.get(f"/werkplek/klanten/{jan.uuid}/contact/").content.decode()
    assert 'id="id_toegewezen_aan-zoek"' in page
    assert '"leeg": "Geen opvolging nodig"' in page


# -- my availability -------------------------------------------------------------------------


def test_my_hours_and_absences(gids):
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    page = sanne.get("/werkplek/collegas/mijn-bereikbaarheid/").content.decode()
    assert "Werktijden niet bekend" in page
    uren = {"actie": "werktijden", "uren-dag_1_begin": "08:30", "uren-dag_1_einde": "17:00"}
    assert sanne.post("/werkplek/collegas/mijn-bereikbaarheid/", uren).status_code == 302
    actor = actor_van(User.objects.get(username="sanne"))
    assert [str(w) for w in actor.gidsvermelding.werktijden.all()] == ["maandag 08:30-17:00"]
    page = sanne.get("/werkplek/collegas/mijn-bereikbaarheid/").content.decode()
    assert 'value="08:30"' in page and "Uw werktijden zijn bewaard." in page

    half = sanne.post(
        "/werkplek/collegas/mijn-bereikbaarheid/",
        {"actie": "werktijden", "uren-dag_2_begin": "09:00"},
    )
    assert half.status_code == 400 and "Dinsdag: vul van en tot in" in half.content.decode()
    omgekeerd = sanne.post(
        "/werkplek/collegas/mijn-bereikbaarheid/",
        {"actie": "werktijden", "uren-dag_2_begin": "17:00", "uren-dag_2_einde": "09:00"},
    )
    assert omgekeerd.status_code == 400
    assert "Het einde moet na het begin liggen." in omgekeerd.content.decode()
    assert actor.gidsvermelding.werktijden.count() == 1  # nothing changed

    vandaag = datetime.date.today()
    afwezig = {
        "actie": "afwezig",
        "afwezig-van": vandaag.isoformat(),
        "afwezig-tot_en_met": (vandaag + datetime.timedelta(2)).isoformat(),
    }
    assert sanne.post("/werkplek/collegas/mijn-bereikbaarheid/", afwezig).status_code == 302
    [weg] = Afwezigheid.objects.filter(vermelding__actor=actor)
    assert (
        "Afwezig tot en met"
        in sanne.get("/werkplek/collegas/mijn-bereikbaarheid/").content.decode()
    )
    # Another's absence is not there to remove.
    ander = Afwezigheid.objects.get(vermelding__actor=gids["kees"])
    anders = {"actie": "verwijderen", "afwezigheid": str(ander.pk)}
    assert sanne.post("/werkplek/collegas/mijn-bereikbaarheid/", anders).status_code == 404
    eigen = {"actie": "verwijderen", "afwezigheid": str(weg.pk)}
    assert sanne.post("/werkplek/collegas/mijn-bereikbaarheid/", eigen).status_code == 302
    assert Afwezigheid.objects.count() == 1


# -- kept from the identity provider ---------------------------------------------------------


def test_each_sign_in_keeps_the_directory_from_the_claims(gids, settings: Any):
    settings.KLANTBEELD_OIDC_CLAIM_TOESTEL = "extension"
    user = User.objects.create_user("lisa-oidc")
    claims = {
        "sub": "lisa-oidc",
        "name": "Mila de Boer",
        "email": "mila@gemeente.example.nl",
        "phone_number": "+31 30 286 55 55",
        "extension": "5555",
        "job_title": "Adviseur vergunningen",
        "teams": ["/Afdelingen/Vergunningen"],
        "roles": ["behandelaar"],
    }
    OidcBackend().update_user(user, claims)
    actor = actor_van(user)
    assert (actor.naam, actor.functie, actor.emailadres) == (
        "Mila de Boer",
        "Adviseur vergunningen",
        "mila@gemeente.example.nl",
    )
    vermelding = actor.gidsvermelding
    assert (vermelding.telefoonnummer, vermelding.toestelnummer) == ("+31 30 286 55 55", "5555")
    assert Teamlid.objects.filter(medewerker=actor, gesynchroniseerd=True).count() == 1
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    page = kcc.get("/werkplek/collegas/", {"q": "adviseur"}).content.decode()
    assert "Mila de Boer" in page and 'href="tel:+31302865555"' in page
    # Left the team at the provider: left it here at the next sign-in.
    OidcBackend().update_user(user, {**claims, "teams": []})
    assert not Teamlid.objects.filter(medewerker=actor).exists()


def test_without_a_role_no_entry_and_without_the_organisations_number_still_a_sign_in(
    settings: Any,
):
    user = User.objects.create_user("niemand")
    OidcBackend().update_user(user, {"sub": "niemand", "name": "Nie Mand", "roles": []})
    assert not Actor.objects.exists()
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = ""
    user = User.objects.create_user("iemand")
    claims = {"sub": "iemand", "name": "Ie Mand", "roles": ["kcc-medewerker"]}
    assert OidcBackend().update_user(user, claims).first_name == "Ie"
    assert not Actor.objects.exists()


# -- an HR export ----------------------------------------------------------------------------


def test_klantbeeld_collegas_importeren(gids, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    bestand = tmp_path / "collegas.csv"
    bestand.write_text(
        "Gebruikersnaam;Naam;Telefoonnummer;Toestelnummer;Functie;Teams;Vaardigheden\n"
        "lisa;;030 286 77 77;;;;Dakkapel|Monumenten\n"
        "omar;Omar Haddad;06-12345678;4321;Wmo-consulent;Vergunningen|Onbekend;Arabisch\n"
        ";Zonder Login;;;;;\n",
        encoding="utf-8",
    )
    uit, fout = StringIO(), StringIO()
    call_command("collegas_importeren", str(bestand), stdout=uit, stderr=fout)
    assert "2 collega's bijgewerkt." in uit.getvalue()
    assert "team Onbekend bestaat niet" in fout.getvalue()
    assert "Regel 4: geen gebruikersnaam" in fout.getvalue()
    lisa = Gidsvermelding.objects.get(actor=gids["lisa"])
    assert (lisa.telefoonnummer, lisa.toestelnummer, lisa.functie) == (
        "030 286 77 77",
        "1234",  # an empty cell says nothing
        "Vergunningverlener",
    )
    assert sorted(v.naam for v in lisa.vaardigheden.all()) == ["Dakkapel", "Monumenten"]
    omar = Actor.objects.get(actoridentificator_object_id="omar")
    assert omar.naam == "Omar Haddad" and omar.telefoonnummer == "0201234567"
    assert omar.gidsvermelding.toestelnummer == "4321"
    assert list(omar.teams.values_list("team__naam", flat=True)) == ["Vergunningen"]


def test_the_demo_fills_the_directory():
    from klantbeeld.demo.staff import register_staff
    from klantbeeld.domain.services.collegas import Stand, zoek_collegas

    register_staff("0201234567")
    register_staff("0201234567")  # again: nothing doubles
    [lisa] = zoek_collegas("dakkapel")
    assert lisa.naam == "Lisa van Dijk" and lisa.teams == ["Vergunningen"]
    assert lisa.bereikbaarheid.stand != Stand.ONBEKEND  # her team's office hours
    [kees] = zoek_collegas("bijzondere bijstand")
    assert kees.bereikbaarheid.stand == Stand.AFWEZIG
    assert Afwezigheid.objects.count() == 1


# -- the admin -------------------------------------------------------------------------------


def test_the_beheerder_keeps_a_teams_office_hours_and_skills_in_the_admin(client):
    from tests.support.beheer import beheer_login

    User.objects.create_superuser("beheer", "beheer@example.nl", "een-lang-wachtwoord")
    beheerder = beheer_login(client, User.objects.get(username="beheer"))
    vergunningen = team("Vergunningen")
    assert beheerder.get("/admin/domain/gidsvermelding/add/").status_code == 200
    formset = {
        "werktijden-TOTAL_FORMS": "1",
        "werktijden-INITIAL_FORMS": "0",
        "werktijden-0-weekdag": "1",
        "werktijden-0-begin": "08:30",
        "werktijden-0-einde": "17:00",
        "afwezigheden-TOTAL_FORMS": "0",
        "afwezigheden-INITIAL_FORMS": "0",
    }
    fout = beheerder.post(
        "/admin/domain/gidsvermelding/add/",
        {"actor": str(vergunningen.pk), "telefoonnummer": "bel maar", **formset},
    )
    assert fout.status_code == 200 and "geldig telefoonnummer" in fout.content.decode()
    bewaard = beheerder.post(
        "/admin/domain/gidsvermelding/add/",
        {"actor": str(vergunningen.pk), "telefoonnummer": "030 286 10 00", **formset},
    )
    assert bewaard.status_code == 302
    vermelding = Gidsvermelding.objects.get(actor=vergunningen)
    assert [str(w) for w in vermelding.werktijden.all()] == ["maandag 08:30-17:00"]
    assert beheerder.get("/admin/domain/gidsvermelding/").status_code == 200
    assert beheerder.get("/admin/domain/vaardigheid/add/").status_code == 200
