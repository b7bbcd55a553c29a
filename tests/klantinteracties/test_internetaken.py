"""/internetaken: follow-up work from a klantcontact, assigned to actoren (cases.md R8)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from klantbeeld.domain.models import AuditTrail, InterneTaak, InterneTaakActor, Klantcontact
from klantbeeld.domain.services import internetaken as service
from klantbeeld.domain.services.common import SYSTEM
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

NOT_FOUND = "5d0b5f1a-0f4a-4e8e-9a55-8d7e9b4c1a1a"


def klantcontact(**fields) -> Klantcontact:
    contact = Klantcontact(
        kanaal="telefoon", onderwerp="Paspoort", taal="nld", vertrouwelijk=False, **fields
    )
    contact.save()
    return contact


def actor(ki, naam="Fatima el Amrani", soort="medewerker"):
    identificatie = (
        {"functie": "KCC-medewerker", "telefoonnummer": "0201234567"}
        if soort == "medewerker"
        else {}
    )
    response = ki.post(
        "actoren", {"naam": naam, "soortActor": soort, "actorIdentificatie": identificatie}
    )
    assert response.status_code == 201, response
    return response.json()


def ref(obj) -> dict[str, str]:
    return {"uuid": str(obj["uuid"] if isinstance(obj, dict) else obj.uuid)}


def body(contact, *actoren, **extra):
    return {
        "gevraagdeHandeling": "Terugbellen",
        "aanleidinggevendKlantcontact": ref(contact),
        "toegewezenAanActoren": [ref(a) for a in actoren],
        "toelichting": "Klant wil weten wanneer het paspoort klaar is.",
        **extra,
    }


def create(ki, data):
    response = ki.post("internetaken", data)
    assert response.status_code == 201, response
    return response.json()


def uuids(items):
    return [item["uuid"] for item in items]


@pytest.fixture
def contact() -> Klantcontact:
    return klantcontact()


@pytest.fixture
def medewerker(ki):
    return actor(ki)


@pytest.fixture
def team(ki):
    return actor(ki, "Team Burgerzaken", "organisatorische_eenheid")


# -- creating and reading ---------------------------------------------------------------------


def test_create_and_read_a_task(ki, contact, medewerker, team):
    before = timezone.now()
    taak = create(ki, body(contact, medewerker, team))
    assert taak["url"].endswith(f"/klantinteracties/api/v1/internetaken/{taak['uuid']}")
    assert taak["gevraagdeHandeling"] == "Terugbellen"
    assert taak["aanleidinggevendKlantcontact"]["uuid"] == str(contact.uuid)
    assert taak["aanleidinggevendKlantcontact"]["url"].endswith(f"/klantcontacten/{contact.uuid}")
    assert uuids(taak["toegewezenAanActoren"]) == [medewerker["uuid"], team["uuid"]]
    assert taak["toegewezenAanActor"] == taak["toegewezenAanActoren"][0]
    assert taak["toelichting"] == "Klant wil weten wanneer het paspoort klaar is."
    assert taak["afgehandeldOp"] is None
    assert datetime.datetime.fromisoformat(taak["toegewezenOp"]) >= before
    assert ki.get(f"internetaken/{taak['uuid']}").json() == taak


def test_a_new_task_starts_te_verwerken(ki, contact, medewerker):
    assert create(ki, body(contact, medewerker))["status"] == "te_verwerken"


def test_the_assignees_keep_the_order_given(ki, contact, medewerker, team):
    taak = create(ki, body(contact, team, medewerker))
    assert uuids(taak["toegewezenAanActoren"]) == [team["uuid"], medewerker["uuid"]]
    assert taak["toegewezenAanActor"]["uuid"] == team["uuid"]


def test_an_actor_named_twice_is_assigned_once(ki, contact, medewerker, team):
    taak = create(ki, body(contact, medewerker, team, medewerker))
    assert uuids(taak["toegewezenAanActoren"]) == [medewerker["uuid"], team["uuid"]]


def test_the_deprecated_single_actor_is_accepted_alone(ki, contact, medewerker):
    data = body(contact)
    del data["toegewezenAanActoren"]
    taak = create(ki, {**data, "toegewezenAanActor": ref(medewerker)})
    assert uuids(taak["toegewezenAanActoren"]) == [medewerker["uuid"]]
    assert taak["toegewezenAanActor"]["uuid"] == medewerker["uuid"]


def test_toegewezen_op_is_read_only(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker, toegewezenOp="2001-01-01T00:00:00Z"))
    assert not taak["toegewezenOp"].startswith("2001")


def test_unknown_task_is_a_404(ki):
    assert ki.get(f"internetaken/{NOT_FOUND}").status_code == 404


# -- validation ----------------------------------------------------------------------------------


def test_required_fields_are_named(ki, medewerker):
    response = ki.post("internetaken", {"toegewezenAanActoren": [ref(medewerker)]})
    assert invalid_names(response) == {"gevraagdeHandeling", "aanleidinggevendKlantcontact"}


def test_both_actor_keys_are_refused_and_nothing_is_stored(ki, contact, medewerker, team):
    response = ki.post("internetaken", body(contact, medewerker, toegewezenAanActor=ref(team)))
    assert invalid_names(response) == {"nonFieldErrors"}
    assert InterneTaak.objects.count() == 0


def test_a_task_without_actor_is_refused(ki, contact):
    data = body(contact)
    del data["toegewezenAanActoren"]
    assert invalid_names(ki.post("internetaken", data)) == {"toegewezenAanActoren"}
    assert InterneTaak.objects.count() == 0


def test_an_empty_list_of_actors_is_refused(ki, contact):
    response = ki.post("internetaken", body(contact))
    assert invalid_names(response) == {"toegewezenAanActoren"}
    assert InterneTaak.objects.count() == 0


def test_a_task_created_verwerkt_needs_an_actor_too(ki, contact):
    response = ki.post("internetaken", body(contact, status="verwerkt"))
    assert invalid_names(response) == {"toegewezenAanActoren"}


def test_the_domain_refuses_a_task_without_actor_whatever_adapter_calls_it(contact):
    changes = {
        "gevraagde_handeling": "Terugbellen",
        "aanleidinggevend_klantcontact": contact,
        "status": "verwerkt",
    }
    with pytest.raises(ValidationError) as error:
        service.create_interne_taak(changes, SYSTEM)
    assert set(error.value.message_dict) == {"toegewezen_aan_actoren"}
    assert InterneTaak.objects.count() == 0


@pytest.mark.parametrize("key", ["toegewezenAanActor", "toegewezenAanActoren"])
def test_null_for_an_actor_key_is_refused(ki, contact, key):
    data = body(contact)
    del data["toegewezenAanActoren"]
    response = ki.post("internetaken", {**data, key: None})
    assert {name.split(".")[0] for name in invalid_names(response)} == {key}
    assert InterneTaak.objects.count() == 0


def test_unknown_references_are_named_together(ki, medewerker):
    data = {
        "gevraagdeHandeling": "Terugbellen",
        "aanleidinggevendKlantcontact": {"uuid": NOT_FOUND},
        "toegewezenAanActoren": [ref(medewerker), {"uuid": NOT_FOUND}],
    }
    response = ki.post("internetaken", data)
    assert invalid_names(response) == {
        "aanleidinggevendKlantcontact.uuid",
        "toegewezenAanActoren.1.uuid",
    }
    assert response.json()["invalidParams"][0]["code"] == "does_not_exist"


def test_an_unknown_deprecated_actor_is_named(ki, contact):
    data = body(contact)
    del data["toegewezenAanActoren"]
    response = ki.post("internetaken", {**data, "toegewezenAanActor": {"uuid": NOT_FOUND}})
    assert invalid_names(response) == {"toegewezenAanActor.uuid"}


def test_a_blank_gevraagde_handeling_is_refused(ki, contact, medewerker):
    response = ki.post("internetaken", body(contact, medewerker, gevraagdeHandeling=""))
    assert invalid_names(response) == {"gevraagdeHandeling"}


def test_lengths_are_checked(ki, contact, medewerker):
    response = ki.post(
        "internetaken",
        body(
            contact,
            medewerker,
            gevraagdeHandeling="x" * 201,
            toelichting="x" * 1001,
            nummer="1" * 11,
            referentienummer="1" * 11,
        ),
    )
    assert invalid_names(response) == {
        "gevraagdeHandeling",
        "toelichting",
        "nummer",
        "referentienummer",
    }


def test_unknown_status_is_refused(ki, contact, medewerker):
    response = ki.post("internetaken", body(contact, medewerker, status="klaar"))
    assert invalid_names(response) == {"status"}


# -- status and afgehandeldOp --------------------------------------------------------------------


def test_afgehandeld_op_is_refused_on_a_task_te_verwerken(ki, contact, medewerker):
    response = ki.post(
        "internetaken", body(contact, medewerker, afgehandeldOp="2025-01-01T12:00:00Z")
    )
    assert invalid_names(response) == {"afgehandeldOp"}
    assert InterneTaak.objects.count() == 0


def test_afgehandeld_op_is_refused_when_patching_an_open_task(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    response = ki.patch(f"internetaken/{taak['uuid']}", {"afgehandeldOp": "2025-01-01T12:00:00Z"})
    assert invalid_names(response) == {"afgehandeldOp"}
    assert ki.get(f"internetaken/{taak['uuid']}").json() == taak


def test_a_task_becoming_verwerkt_gets_afgehandeld_op_now(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    before = timezone.now()
    response = ki.patch(f"internetaken/{taak['uuid']}", {"status": "verwerkt"})
    assert response.status_code == 200, response
    done = response.json()
    assert done["status"] == "verwerkt"
    assert datetime.datetime.fromisoformat(done["afgehandeldOp"]) >= before


def test_a_task_created_verwerkt_gets_afgehandeld_op_now(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker, status="verwerkt"))
    assert taak["afgehandeldOp"] is not None


def test_a_given_afgehandeld_op_is_kept_with_status_verwerkt(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    response = ki.patch(
        f"internetaken/{taak['uuid']}",
        {"status": "verwerkt", "afgehandeldOp": "2025-01-01T12:00:00Z"},
    )
    assert response.json()["afgehandeldOp"] == "2025-01-01T12:00:00Z"


def test_afgehandeld_op_of_a_verwerkt_task_can_be_corrected(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker, status="verwerkt"))
    response = ki.patch(f"internetaken/{taak['uuid']}", {"afgehandeldOp": "2025-01-01T12:00:00Z"})
    assert response.json()["afgehandeldOp"] == "2025-01-01T12:00:00Z"


def test_going_back_to_te_verwerken_clears_afgehandeld_op(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker, status="verwerkt"))
    response = ki.patch(f"internetaken/{taak['uuid']}", {"status": "te_verwerken"})
    assert response.json()["status"] == "te_verwerken"
    assert response.json()["afgehandeldOp"] is None


def test_going_back_to_te_verwerken_with_an_afgehandeld_op_is_refused(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker, status="verwerkt"))
    response = ki.patch(
        f"internetaken/{taak['uuid']}",
        {"status": "te_verwerken", "afgehandeldOp": "2025-01-01T12:00:00Z"},
    )
    assert invalid_names(response) == {"afgehandeldOp"}


# -- nummer and referentienummer -------------------------------------------------------------------


def test_nummer_and_referentienummer_are_generated_in_separate_series(ki, contact, medewerker):
    first = create(ki, body(contact, medewerker, nummer="0000000007"))
    second = create(ki, body(contact, medewerker))
    assert (first["nummer"], first["referentienummer"]) == ("0000000007", "0000000001")
    assert (second["nummer"], second["referentienummer"]) == ("0000000001", "0000000002")


def test_generated_numbers_skip_numbers_clients_chose(ki, contact, medewerker):
    create(ki, body(contact, medewerker, referentienummer="0000000001"))
    assert create(ki, body(contact, medewerker))["referentienummer"] == "0000000002"


def test_client_numbers_must_be_digits(ki, contact, medewerker):
    response = ki.post(
        "internetaken", body(contact, medewerker, nummer="A12", referentienummer="12-3")
    )
    assert invalid_names(response) == {"nummer", "referentienummer"}


def test_client_numbers_must_be_unique(ki, contact, medewerker):
    create(ki, body(contact, medewerker, nummer="0000000042", referentienummer="0000000042"))
    response = ki.post(
        "internetaken",
        body(contact, medewerker, nummer="0000000042", referentienummer="0000000042"),
    )
    assert invalid_names(response) == {"nummer", "referentienummer"}
    assert response.json()["invalidParams"][0]["code"] == "unique"


def test_a_task_keeps_its_own_number_when_saved_again(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    response = ki.patch(
        f"internetaken/{taak['uuid']}", {"referentienummer": taak["referentienummer"]}
    )
    assert response.status_code == 200, response


def test_an_emptied_number_gets_a_new_one(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    response = ki.patch(f"internetaken/{taak['uuid']}", {"referentienummer": None})
    assert response.json()["referentienummer"] == "0000000002"


# -- updating ------------------------------------------------------------------------------------


def test_patch_changes_only_what_is_sent(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    response = ki.patch(f"internetaken/{taak['uuid']}", {"toelichting": "Gebeld, geen gehoor"})
    assert response.status_code == 200, response
    assert response.json() == {**taak, "toelichting": "Gebeld, geen gehoor"}


def test_patch_without_actor_keys_keeps_the_assignees(ki, contact, medewerker, team):
    taak = create(ki, body(contact, medewerker, team))
    response = ki.patch(f"internetaken/{taak['uuid']}", {"gevraagdeHandeling": "Mailen"})
    assert response.json()["toegewezenAanActoren"] == taak["toegewezenAanActoren"]


def test_a_list_of_actors_replaces_all_assignees_in_the_order_given(ki, contact, medewerker, team):
    bot = actor(ki, "Zaakautomaat", "organisatorische_eenheid")
    taak = create(ki, body(contact, medewerker))
    response = ki.patch(
        f"internetaken/{taak['uuid']}", {"toegewezenAanActoren": [ref(bot), ref(team)]}
    )
    assert uuids(response.json()["toegewezenAanActoren"]) == [bot["uuid"], team["uuid"]]
    assert response.json()["toegewezenAanActor"]["uuid"] == bot["uuid"]
    assert response.json()["toegewezenOp"] == taak["toegewezenOp"]


def test_the_deprecated_actor_replaces_all_assignees(ki, contact, medewerker, team):
    taak = create(ki, body(contact, medewerker, team))
    response = ki.patch(f"internetaken/{taak['uuid']}", {"toegewezenAanActor": ref(team)})
    assert uuids(response.json()["toegewezenAanActoren"]) == [team["uuid"]]


def test_patch_with_both_actor_keys_is_refused(ki, contact, medewerker, team):
    taak = create(ki, body(contact, medewerker))
    response = ki.patch(
        f"internetaken/{taak['uuid']}",
        {"toegewezenAanActor": ref(team), "toegewezenAanActoren": [ref(team)]},
    )
    assert invalid_names(response) == {"nonFieldErrors"}


def test_patch_with_an_empty_list_of_actors_is_refused(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    response = ki.patch(f"internetaken/{taak['uuid']}", {"toegewezenAanActoren": []})
    assert invalid_names(response) == {"toegewezenAanActoren"}
    assert ki.get(f"internetaken/{taak['uuid']}").json() == taak


def test_put_replaces_the_task(ki, contact, medewerker, team):
    other = klantcontact()
    taak = create(ki, body(contact, medewerker))
    data = {
        "gevraagdeHandeling": "E-mail beantwoorden",
        "aanleidinggevendKlantcontact": ref(other),
        "toegewezenAanActoren": [ref(team)],
        "status": "verwerkt",
    }
    response = ki.put(f"internetaken/{taak['uuid']}", data)
    assert response.status_code == 200, response
    after = response.json()
    assert after["gevraagdeHandeling"] == "E-mail beantwoorden"
    assert after["aanleidinggevendKlantcontact"]["uuid"] == str(other.uuid)
    assert uuids(after["toegewezenAanActoren"]) == [team["uuid"]]
    assert after["status"] == "verwerkt"
    assert after["toegewezenOp"] == taak["toegewezenOp"]


def test_put_without_actors_is_refused(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    data = body(contact)
    del data["toegewezenAanActoren"]
    assert invalid_names(ki.put(f"internetaken/{taak['uuid']}", data)) == {"toegewezenAanActoren"}


def test_put_requires_the_mandatory_fields(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    response = ki.put(f"internetaken/{taak['uuid']}", {"toegewezenAanActoren": [ref(medewerker)]})
    assert invalid_names(response) == {"gevraagdeHandeling", "aanleidinggevendKlantcontact"}


def test_a_closed_task_without_assignee_needs_one_to_be_reopened(ki, contact, medewerker, team):
    taak = create(ki, body(contact, medewerker, status="verwerkt"))
    assert ki.delete(f"actoren/{medewerker['uuid']}").status_code == 204
    response = ki.patch(f"internetaken/{taak['uuid']}", {"status": "te_verwerken"})
    assert invalid_names(response) == {"toegewezenAanActoren"}
    reopened = ki.patch(
        f"internetaken/{taak['uuid']}",
        {"status": "te_verwerken", "toegewezenAanActoren": [ref(team)]},
    )
    assert reopened.status_code == 200, reopened


def test_assignee_changes_are_audited(ki, contact, medewerker, team):
    taak = create(ki, body(contact, medewerker))
    ki.patch(f"internetaken/{taak['uuid']}", {"toegewezenAanActoren": [ref(team)]})
    entries = AuditTrail.objects.filter(resource_uuid=taak["uuid"]).order_by("id")
    toewijzingen = [e for e in entries if "toegewezen_aan_actoren" in (e.nieuw or {})]
    assert [(e.oud, e.nieuw) for e in toewijzingen] == [
        ({"toegewezen_aan_actoren": []}, {"toegewezen_aan_actoren": [medewerker["uuid"]]}),
        (
            {"toegewezen_aan_actoren": [medewerker["uuid"]]},
            {"toegewezen_aan_actoren": [team["uuid"]]},
        ),
    ]


# -- deleting ------------------------------------------------------------------------------------


def test_delete_task(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    assert ki.delete(f"internetaken/{taak['uuid']}").status_code == 204
    assert ki.get(f"internetaken/{taak['uuid']}").status_code == 404
    assert not InterneTaakActor.objects.exists()
    assert ki.get(f"actoren/{medewerker['uuid']}").status_code == 200
    assert AuditTrail.objects.filter(resource_uuid=taak["uuid"], actie="destroy").exists()


# -- filters -------------------------------------------------------------------------------------


def _found(ki, params):
    response = ki.get("internetaken", params)
    assert response.status_code == 200, response
    results = response.json()["results"]
    assert response.json()["count"] == len(results)
    return [taak["uuid"] for taak in results]


def test_work_queue_open_tasks_of_one_actor(ki, contact, medewerker, team):
    mine = create(ki, body(contact, medewerker))
    shared = create(ki, body(contact, team, medewerker))
    create(ki, body(contact, medewerker, status="verwerkt"))
    create(ki, body(contact, team))
    queue = _found(ki, {"status": "te_verwerken", "toegewezenAanActor__uuid": medewerker["uuid"]})
    assert sorted(queue) == sorted([mine["uuid"], shared["uuid"]])
    team_queue = _found(ki, {"status": "te_verwerken", "toegewezenAanActor__uuid": team["uuid"]})
    assert len(team_queue) == 2
    assert shared["uuid"] in team_queue


def test_filter_on_toegewezen_aan_actor(ki, contact, medewerker, team):
    taak = create(ki, body(contact, team, medewerker))
    other = actor(ki, "Iemand anders")
    assert _found(ki, {"toegewezenAanActor__uuid": medewerker["uuid"]}) == [taak["uuid"]]
    assert _found(ki, {"toegewezenAanActor__uuid": other["uuid"]}) == []
    assert _found(ki, {"toegewezenAanActor__url": medewerker["url"]}) == [taak["uuid"]]
    assert _found(ki, {"toegewezenAanActor__url": other["url"]}) == []
    assert _found(ki, {"toegewezenAanActor__url": "https://elders.example/actoren/x"}) == []
    assert invalid_names(ki.get("internetaken", {"toegewezenAanActor__uuid": "x"})) == {
        "toegewezenAanActor__uuid"
    }


def test_filter_on_actor_naam_is_exact_and_lists_each_task_once(ki, contact, medewerker):
    namesake = actor(ki, "Fatima el Amrani", "organisatorische_eenheid")
    taak = create(ki, body(contact, medewerker, namesake))
    assert _found(ki, {"actoren__naam": "Fatima el Amrani"}) == [taak["uuid"]]
    assert _found(ki, {"actoren__naam": "Fatima"}) == []


def test_to_many_filters_may_be_met_by_different_assignees(ki, contact, medewerker, team):
    taak = create(ki, body(contact, medewerker, team))
    params = {"actoren__naam": "Team Burgerzaken", "toegewezenAanActor__uuid": medewerker["uuid"]}
    assert _found(ki, params) == [taak["uuid"]]


def test_filter_on_aanleidinggevend_klantcontact(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    other = klantcontact()
    url = taak["aanleidinggevendKlantcontact"]["url"]
    assert _found(ki, {"aanleidinggevendKlantcontact__uuid": str(contact.uuid)}) == [taak["uuid"]]
    assert _found(ki, {"aanleidinggevendKlantcontact__uuid": str(other.uuid)}) == []
    assert _found(ki, {"aanleidinggevendKlantcontact__url": url}) == [taak["uuid"]]
    assert (
        _found(
            ki,
            {"aanleidinggevendKlantcontact__url": url.replace(str(contact.uuid), str(other.uuid))},
        )
        == []
    )
    assert _found(ki, {"aanleidinggevendKlantcontact__url": "http://x/geen-uuid"}) == []
    not_a_url = ki.get("internetaken", {"aanleidinggevendKlantcontact__url": "geen-url"})
    assert invalid_names(not_a_url) == {"aanleidinggevendKlantcontact__url"}
    assert _found(ki, {"klantcontact__uuid": str(contact.uuid)}) == [taak["uuid"]]
    assert _found(ki, {"klantcontact__uuid": str(other.uuid)}) == []


def test_filter_on_the_numbers_of_the_klantcontact(ki, medewerker):
    contact = klantcontact(nummer="0000000011", referentienummer="0000000012")
    taak = create(ki, body(contact, medewerker))
    create(ki, body(klantcontact(), medewerker))
    assert _found(ki, {"klantcontact__nummer": "0000000011"}) == [taak["uuid"]]
    assert _found(ki, {"klantcontact__nummer": "0000000012"}) == []
    assert _found(ki, {"klantcontact__referentienummer": "0000000012"}) == [taak["uuid"]]
    assert _found(ki, {"klantcontact__referentienummer": "0000000011"}) == []


def test_filter_on_the_numbers_of_the_task(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker, nummer="0000000021", referentienummer="0000000022"))
    create(ki, body(contact, medewerker))
    assert _found(ki, {"nummer": "0000000021"}) == [taak["uuid"]]
    assert _found(ki, {"nummer": "0000000022"}) == []
    assert _found(ki, {"referentienummer": "0000000022"}) == [taak["uuid"]]
    assert _found(ki, {"referentienummer": "0000000021"}) == []


def test_filter_on_status(ki, contact, medewerker):
    open_ = create(ki, body(contact, medewerker))
    done = create(ki, body(contact, medewerker, status="verwerkt"))
    assert _found(ki, {"status": "te_verwerken"}) == [open_["uuid"]]
    assert _found(ki, {"status": "verwerkt"}) == [done["uuid"]]
    assert invalid_names(ki.get("internetaken", {"status": "klaar"})) == {"status"}


def test_filter_on_toegewezen_op_is_an_exact_moment(ki, contact, medewerker):
    taak = create(ki, body(contact, medewerker))
    create(ki, body(contact, medewerker))
    moment = datetime.datetime.fromisoformat(taak["toegewezenOp"])
    assert _found(ki, {"toegewezenOp": taak["toegewezenOp"]}) == [taak["uuid"]]
    later = (moment + datetime.timedelta(seconds=1)).isoformat()
    assert _found(ki, {"toegewezenOp": later}) == []
    assert invalid_names(ki.get("internetaken", {"toegewezenOp": "gisteren"})) == {"toegewezenOp"}


def test_list_shows_the_newest_task_first(ki, contact, medewerker):
    first = create(ki, body(contact, medewerker))
    second = create(ki, body(contact, medewerker))
    assert _found(ki, {}) == [second["uuid"], first["uuid"]]


def test_a_page_costs_the_same_number_of_queries_whatever_its_size(
    ki, contact, medewerker, team, django_assert_num_queries
):
    for _ in range(6):
        create(ki, body(contact, medewerker, team))
    params = {"toegewezenAanActor__uuid": medewerker["uuid"], "actoren__naam": "Team Burgerzaken"}
    with CaptureQueriesContext(connection) as one:
        assert len(ki.get("internetaken", {**params, "pageSize": 1}).json()["results"]) == 1
    with django_assert_num_queries(len(one.captured_queries)):
        assert len(ki.get("internetaken", {**params, "pageSize": 6}).json()["results"]) == 6
