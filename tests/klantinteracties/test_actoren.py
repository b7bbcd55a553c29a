"""/actoren: the employees, teams and automated systems that act for the municipality."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from klantbeeld.domain.models import Actor, ActorKlantcontact, AuditTrail, Klantcontact
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

MEDEWERKER = {
    "naam": "Fatima el Amrani",
    "soortActor": "medewerker",
    "indicatieActief": True,
    "actoridentificator": {
        "objectId": "fel001",
        "codeObjecttype": "mdw",
        "codeRegister": "ad",
        "codeSoortObjectId": "gebruikersnaam",
    },
    "actorIdentificatie": {
        "functie": "KCC-medewerker",
        "emailadres": "f.elamrani@gemeente.example",
        "telefoonnummer": "0201234567",
    },
}
TEAM = {
    "naam": "Team Burgerzaken",
    "soortActor": "organisatorische_eenheid",
    "actorIdentificatie": {"omschrijving": "Paspoorten en rijbewijzen", "faxnummer": "0207654321"},
}
BOT = {
    "naam": "Mailverwerker",
    "soortActor": "geautomatiseerde_actor",
    "actorIdentificatie": {"functie": "Leest info@", "omschrijving": "Mailbox-koppeling"},
}


def create(ki, body):
    response = ki.post("actoren", body)
    assert response.status_code == 201, response
    return response.json()


def klantcontact() -> Klantcontact:
    contact = Klantcontact(kanaal="telefoon", onderwerp="Paspoort", taal="nld", vertrouwelijk=False)
    contact.save()
    return contact


def taak_voor(ki, *actoren, status="te_verwerken"):
    body = {
        "gevraagdeHandeling": "Terugbellen",
        "aanleidinggevendKlantcontact": {"uuid": str(klantcontact().uuid)},
        "toegewezenAanActoren": [{"uuid": actor["uuid"]} for actor in actoren],
        "status": status,
    }
    response = ki.post("internetaken", body)
    assert response.status_code == 201, response
    return response.json()


# -- creating and reading ---------------------------------------------------------------------


def test_create_and_read_a_medewerker(ki):
    body = create(ki, MEDEWERKER)
    assert body["url"].endswith(f"/klantinteracties/api/v1/actoren/{body['uuid']}")
    assert body["naam"] == "Fatima el Amrani"
    assert body["soortActor"] == "medewerker"
    assert body["indicatieActief"] is True
    assert body["actoridentificator"] == MEDEWERKER["actoridentificator"]
    assert body["actorIdentificatie"] == MEDEWERKER["actorIdentificatie"]
    assert ki.get(f"actoren/{body['uuid']}").json() == body


def test_a_geautomatiseerde_actor_shows_functie_and_omschrijving(ki):
    body = create(ki, BOT)
    assert body["actorIdentificatie"] == {
        "functie": "Leest info@",
        "omschrijving": "Mailbox-koppeling",
    }


def test_an_organisatorische_eenheid_without_phone_or_email_serves_them_empty(ki):
    # As Open Klant: every part of the soort, an empty one as "" (also with a pattern).
    body = create(ki, TEAM)
    assert body["actorIdentificatie"] == {
        "omschrijving": "Paspoorten en rijbewijzen",
        "emailadres": "",
        "faxnummer": "0207654321",
        "telefoonnummer": "",
    }


def test_new_actor_is_active_by_default_and_has_an_empty_actoridentificator(ki):
    body = create(ki, TEAM)
    assert body["indicatieActief"] is True
    assert body["actoridentificator"] == {
        "objectId": "",
        "codeObjecttype": "",
        "codeRegister": "",
        "codeSoortObjectId": "",
    }


def test_parts_of_another_soort_are_not_stored(ki):
    body = create(
        ki,
        {
            **BOT,
            "actorIdentificatie": {**BOT["actorIdentificatie"], "telefoonnummer": "0201234567"},
        },
    )
    assert "telefoonnummer" not in body["actorIdentificatie"]
    assert Actor.objects.get(pk=body["uuid"]).telefoonnummer == ""


def test_unknown_actor_is_a_404(ki):
    assert ki.get("actoren/5d0b5f1a-0f4a-4e8e-9a55-8d7e9b4c1a1a").status_code == 404


# -- validation ----------------------------------------------------------------------------------


def test_naam_and_soort_actor_are_required(ki):
    assert invalid_names(ki.post("actoren", {"actorIdentificatie": {}})) == {"naam", "soortActor"}


def test_unknown_soort_actor_is_refused(ki):
    response = ki.post("actoren", {**TEAM, "soortActor": "robot"})
    assert invalid_names(response) == {"soortActor"}
    assert response.json()["invalidParams"][0]["code"] == "invalid_choice"


def test_a_medewerker_needs_functie_and_telefoonnummer(ki):
    response = ki.post("actoren", {**MEDEWERKER, "actorIdentificatie": {"emailadres": "a@b.nl"}})
    assert invalid_names(response) == {
        "actorIdentificatie.functie",
        "actorIdentificatie.telefoonnummer",
    }
    assert Actor.objects.count() == 0


def test_a_medewerker_without_actor_identificatie_is_accepted_and_served_as_null(ki):
    # KISS and Open Klant's own tests make actors known by naam and actoridentificator
    # only; Open Klant stores them and serves "actorIdentificatie": null.
    body = {k: v for k, v in MEDEWERKER.items() if k != "actorIdentificatie"}
    created = create(ki, body)
    assert created["actorIdentificatie"] is None
    assert ki.get(f"actoren/{created['uuid']}").json()["actorIdentificatie"] is None
    explicit_null = create(ki, {**body, "actorIdentificatie": None})
    assert explicit_null["actorIdentificatie"] is None


def test_a_medewerker_with_an_empty_functie_is_refused(ki):
    identificatie = {**MEDEWERKER["actorIdentificatie"], "functie": ""}
    response = ki.post("actoren", {**MEDEWERKER, "actorIdentificatie": identificatie})
    assert invalid_names(response) == {"actorIdentificatie.functie"}


def test_a_sent_identificatie_with_only_blank_parts_is_refused_not_taken_as_none(ki):
    # Found by bin/fuzz: only leaving the block out (or null) means "no identificatie".
    bot = create(ki, BOT)
    response = ki.patch(
        f"actoren/{bot['uuid']}", {"actorIdentificatie": {"functie": "", "emailadres": "a@b.nl"}}
    )
    assert invalid_names(response) == {"actorIdentificatie.functie"}
    assert ki.get(f"actoren/{bot['uuid']}").json() == bot


def test_a_geautomatiseerde_actor_needs_a_functie(ki):
    response = ki.post("actoren", {**BOT, "actorIdentificatie": {"omschrijving": "x"}})
    assert invalid_names(response) == {"actorIdentificatie.functie"}


def test_an_organisatorische_eenheid_needs_nothing_in_actor_identificatie(ki):
    body = create(ki, {"naam": "Team Vergunningen", "soortActor": "organisatorische_eenheid"})
    assert body["actorIdentificatie"] is None


@pytest.mark.parametrize("number", ["0201234567", "+31201234567", "0031201234567"])
def test_phone_numbers_of_the_spec_pattern_are_accepted(ki, number):
    identificatie = {**MEDEWERKER["actorIdentificatie"], "telefoonnummer": number}
    body = create(ki, {**MEDEWERKER, "actorIdentificatie": identificatie})
    assert body["actorIdentificatie"]["telefoonnummer"] == number


@pytest.mark.parametrize("number", ["020-1234567", "020 123 4567", "12345", "0012"])
def test_phone_numbers_outside_the_spec_pattern_are_refused(ki, number):
    medewerker = {**MEDEWERKER["actorIdentificatie"], "telefoonnummer": number}
    team = {**TEAM["actorIdentificatie"], "telefoonnummer": number}
    assert invalid_names(ki.post("actoren", {**MEDEWERKER, "actorIdentificatie": medewerker})) == {
        "actorIdentificatie.telefoonnummer"
    }
    assert invalid_names(ki.post("actoren", {**TEAM, "actorIdentificatie": team})) == {
        "actorIdentificatie.telefoonnummer"
    }


def test_an_invalid_email_address_is_refused(ki):
    identificatie = {**MEDEWERKER["actorIdentificatie"], "emailadres": "geen-adres"}
    response = ki.post("actoren", {**MEDEWERKER, "actorIdentificatie": identificatie})
    assert invalid_names(response) == {"actorIdentificatie.emailadres"}


def test_every_bad_part_of_actor_identificatie_is_named_at_once(ki):
    identificatie = {"functie": "x" * 41, "emailadres": "nee", "telefoonnummer": "nee"}
    response = ki.post("actoren", {**MEDEWERKER, "actorIdentificatie": identificatie})
    assert invalid_names(response) == {
        "actorIdentificatie.functie",
        "actorIdentificatie.emailadres",
        "actorIdentificatie.telefoonnummer",
    }


def test_lengths_are_checked(ki):
    response = ki.post(
        "actoren", {**TEAM, "naam": "x" * 201, "actoridentificator": {"objectId": "x" * 201}}
    )
    assert invalid_names(response) == {"naam", "actoridentificator.objectId"}


def test_a_blank_naam_is_refused(ki):
    assert invalid_names(ki.post("actoren", {**TEAM, "naam": ""})) == {"naam"}


def test_a_faxnummer_that_is_too_long_is_refused(ki):
    response = ki.post("actoren", {**TEAM, "actorIdentificatie": {"faxnummer": "1" * 21}})
    assert invalid_names(response) == {"actorIdentificatie.faxnummer"}


# -- updating ------------------------------------------------------------------------------------


def test_patch_changes_only_what_is_sent(ki):
    actor = create(ki, MEDEWERKER)
    response = ki.patch(f"actoren/{actor['uuid']}", {"naam": "Fatima el Amrani-de Vries"})
    assert response.status_code == 200, response
    assert response.json() == {**actor, "naam": "Fatima el Amrani-de Vries"}


def test_patch_can_deactivate_an_actor(ki):
    actor = create(ki, MEDEWERKER)
    response = ki.patch(f"actoren/{actor['uuid']}", {"indicatieActief": False})
    assert response.json()["indicatieActief"] is False


def test_actor_identificatie_is_one_value_parts_left_out_are_emptied(ki):
    actor = create(ki, MEDEWERKER)
    response = ki.patch(
        f"actoren/{actor['uuid']}",
        {"actorIdentificatie": {"functie": "Teamleider", "telefoonnummer": "0207654321"}},
    )
    assert response.json()["actorIdentificatie"] == {
        "functie": "Teamleider",
        "emailadres": "",
        "telefoonnummer": "0207654321",
    }


def test_changing_soort_actor_clears_what_the_new_soort_does_not_have(ki):
    actor = create(ki, MEDEWERKER)
    response = ki.patch(
        f"actoren/{actor['uuid']}",
        {
            "soortActor": "geautomatiseerde_actor",
            "actorIdentificatie": {"functie": "Chatbot", "omschrijving": "Webchat"},
        },
    )
    assert response.status_code == 200, response
    assert response.json()["actorIdentificatie"] == {
        "functie": "Chatbot",
        "omschrijving": "Webchat",
    }
    stored = Actor.objects.get(pk=actor["uuid"])
    assert (stored.emailadres, stored.telefoonnummer) == ("", "")


def test_changing_soort_actor_without_actor_identificatie_clears_the_old_parts(ki):
    bot = create(ki, BOT)
    response = ki.patch(f"actoren/{bot['uuid']}", {"soortActor": "organisatorische_eenheid"})
    assert response.status_code == 200, response
    assert response.json()["actorIdentificatie"] == {
        "omschrijving": "Mailbox-koppeling",
        "emailadres": "",
        "faxnummer": "",
        "telefoonnummer": "",
    }
    assert Actor.objects.get(pk=bot["uuid"]).functie == ""


def test_becoming_a_medewerker_without_its_parts_leaves_no_identificatie(ki):
    # As Open Klant: the old soort's parts go, and none of the new soort were given.
    team = create(ki, TEAM)
    response = ki.patch(f"actoren/{team['uuid']}", {"soortActor": "medewerker"})
    assert response.status_code == 200, response
    assert response.json()["actorIdentificatie"] is None
    assert Actor.objects.get(pk=team["uuid"]).faxnummer == ""


def test_patch_of_actor_identificatie_is_checked_against_the_current_soort(ki):
    actor = create(ki, MEDEWERKER)
    response = ki.patch(f"actoren/{actor['uuid']}", {"actorIdentificatie": {"functie": "x"}})
    assert invalid_names(response) == {"actorIdentificatie.telefoonnummer"}


def test_put_replaces_the_actor(ki):
    actor = create(ki, MEDEWERKER)
    response = ki.put(f"actoren/{actor['uuid']}", TEAM)
    assert response.status_code == 200, response
    body = response.json()
    assert body["naam"] == "Team Burgerzaken"
    assert body["soortActor"] == "organisatorische_eenheid"
    assert body["actorIdentificatie"] == {
        "omschrijving": "Paspoorten en rijbewijzen",
        "emailadres": "",
        "faxnummer": "0207654321",
        "telefoonnummer": "",
    }


def test_put_requires_naam_and_soort_actor(ki):
    actor = create(ki, TEAM)
    assert invalid_names(ki.put(f"actoren/{actor['uuid']}", {"indicatieActief": False})) == {
        "naam",
        "soortActor",
    }


def test_actoridentificator_null_empties_the_group(ki):
    actor = create(ki, MEDEWERKER)
    response = ki.patch(f"actoren/{actor['uuid']}", {"actoridentificator": None})
    assert set(response.json()["actoridentificator"].values()) == {""}


def test_changes_are_audited(ki):
    actor = create(ki, MEDEWERKER)
    ki.patch(f"actoren/{actor['uuid']}", {"naam": "F. el Amrani"})
    entries = AuditTrail.objects.filter(resource_uuid=actor["uuid"]).order_by("id")
    assert [e.actie for e in entries] == ["create", "update"]
    assert entries[1].oud["naam"] == "Fatima el Amrani"
    assert entries[1].nieuw["naam"] == "F. el Amrani"
    assert entries[1].applicatie == "Test"


# -- deleting ------------------------------------------------------------------------------------


def test_delete_actor(ki):
    actor = create(ki, TEAM)
    assert ki.delete(f"actoren/{actor['uuid']}").status_code == 204
    assert ki.get(f"actoren/{actor['uuid']}").status_code == 404
    assert AuditTrail.objects.filter(resource_uuid=actor["uuid"], actie="destroy").exists()


def test_the_only_assignee_of_an_open_task_cannot_be_deleted(ki):
    actor = create(ki, MEDEWERKER)
    taak = taak_voor(ki, actor)
    response = ki.delete(f"actoren/{actor['uuid']}")
    assert invalid_names(response) == {"nonFieldErrors"}
    assert response.json()["invalidParams"][0]["code"] == "protected"
    assert taak["referentienummer"] in response.json()["invalidParams"][0]["reason"]
    assert ki.get(f"actoren/{actor['uuid']}").status_code == 200
    assert ki.get(f"internetaken/{taak['uuid']}").json() == taak


def test_deleting_one_of_several_assignees_keeps_the_task_with_the_others(ki):
    actor = create(ki, MEDEWERKER)
    team = create(ki, TEAM)
    taak = taak_voor(ki, actor, team)
    assert ki.delete(f"actoren/{actor['uuid']}").status_code == 204
    after = ki.get(f"internetaken/{taak['uuid']}").json()
    assert [a["uuid"] for a in after["toegewezenAanActoren"]] == [team["uuid"]]
    assert after["toegewezenAanActor"]["uuid"] == team["uuid"]
    audit = AuditTrail.objects.filter(resource_uuid=taak["uuid"]).order_by("id").last()
    assert audit.nieuw == {"toegewezen_aan_actoren": [team["uuid"]]}


def test_a_closed_task_keeps_its_history_when_its_only_assignee_is_deleted(ki):
    actor = create(ki, MEDEWERKER)
    taak = taak_voor(ki, actor, status="verwerkt")
    assert ki.delete(f"actoren/{actor['uuid']}").status_code == 204
    after = ki.get(f"internetaken/{taak['uuid']}").json()
    assert after["toegewezenAanActoren"] == []
    assert after["toegewezenAanActor"] is None
    assert after["status"] == "verwerkt"


def test_deleting_an_actor_deletes_its_links_to_klantcontacten(ki):
    actor = create(ki, MEDEWERKER)
    contact = klantcontact()
    link = ActorKlantcontact.objects.create(actor_id=actor["uuid"], klantcontact=contact)
    assert ki.delete(f"actoren/{actor['uuid']}").status_code == 204
    assert not ActorKlantcontact.objects.filter(pk=link.pk).exists()
    assert Klantcontact.objects.filter(pk=contact.pk).exists()
    assert AuditTrail.objects.filter(resource_uuid=link.pk, actie="destroy").exists()


# -- filters -------------------------------------------------------------------------------------


def _found(ki, params):
    response = ki.get("actoren", params)
    assert response.status_code == 200, response
    return {actor["naam"] for actor in response.json()["results"]}


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("actoridentificatorObjectId", "fel001"),
        ("actoridentificatorCodeObjecttype", "mdw"),
        ("actoridentificatorCodeRegister", "ad"),
        ("actoridentificatorCodeSoortObjectId", "gebruikersnaam"),
    ],
)
def test_filter_on_actoridentificator(ki, param, value):
    create(ki, MEDEWERKER)
    create(ki, TEAM)
    assert _found(ki, {param: value}) == {"Fatima el Amrani"}
    assert _found(ki, {param: value + "x"}) == set()


def test_filter_on_indicatie_actief(ki):
    create(ki, MEDEWERKER)
    create(ki, {**TEAM, "indicatieActief": False})
    assert _found(ki, {"indicatieActief": "true"}) == {"Fatima el Amrani"}
    assert _found(ki, {"indicatieActief": "false"}) == {"Team Burgerzaken"}


def test_filter_on_naam_finds_part_of_the_name_in_any_case(ki):
    create(ki, MEDEWERKER)
    create(ki, TEAM)
    assert _found(ki, {"naam": "burgerzaken"}) == {"Team Burgerzaken"}
    assert _found(ki, {"naam": "Team Burgerzaken"}) == {"Team Burgerzaken"}
    assert _found(ki, {"naam": "Vergunningen"}) == set()


def test_filter_on_soort_actor(ki):
    create(ki, MEDEWERKER)
    create(ki, TEAM)
    create(ki, BOT)
    assert _found(ki, {"soortActor": "geautomatiseerde_actor"}) == {"Mailverwerker"}
    assert _found(ki, {"soortActor": "medewerker"}) == {"Fatima el Amrani"}
    assert invalid_names(ki.get("actoren", {"soortActor": "robot"})) == {"soortActor"}


def test_list_is_ordered_by_naam(ki):
    create(ki, TEAM)
    create(ki, MEDEWERKER)
    create(ki, BOT)
    names = [a["naam"] for a in ki.get("actoren").json()["results"]]
    assert names == ["Fatima el Amrani", "Mailverwerker", "Team Burgerzaken"]


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(ki, django_assert_num_queries):
    for index in range(6):
        create(ki, {**MEDEWERKER, "naam": f"Medewerker {index}"})
    with CaptureQueriesContext(connection) as one:
        assert len(ki.get("actoren", {"pageSize": 1}).json()["results"]) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(ki.get("actoren", {"pageSize": 6}).json()["results"]) == 6
