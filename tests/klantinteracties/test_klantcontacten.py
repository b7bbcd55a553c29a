"""/klantcontacten: the record of each contact with a customer."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import (
    Actor,
    AuditTrail,
    Betrokkene,
    Bijlage,
    DigitaalAdres,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
)
from tests.support.client import ApiClient, invalid_names
from tests.support.spec import SPECS

pytestmark = pytest.mark.django_db

KLANTCONTACT = {
    "kanaal": "telefoon",
    "onderwerp": "Afval ophalen",
    "inhoud": "Mijn container is niet geleegd.",
    "taal": "nld",
    "vertrouwelijk": False,
}
ZAAK = {
    "objectId": "7d9e5b64-3c83-4b3a-9d43-2a6f0b0c1a11",
    "codeObjecttype": "zgw-Zaak",
    "codeRegister": "openzaak",
    "codeSoortObjectId": "uuid",
}

# -- helpers shared by the klantcontact family's tests -----------------------------------------


def klantcontact(ki: ApiClient, **fields: Any) -> dict[str, Any]:
    response = ki.post("klantcontacten", {**KLANTCONTACT, **fields})
    assert response.status_code == 201, response
    return response.json()


def persoon(ki: ApiClient, n: int = 1) -> dict[str, Any]:
    response = ki.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {"contactnaam": {"voornaam": "Jan", "achternaam": "Dijk"}},
            "partijIdentificatoren": [
                {
                    "partijIdentificator": {
                        "codeObjecttype": "natuurlijk_persoon",
                        "codeSoortObjectId": "bsn",
                        "objectId": bsn(n),
                        "codeRegister": "brp",
                    }
                }
            ],
        },
    )
    assert response.status_code == 201, response
    return response.json()


def betrokkene(ki: ApiClient, kc: dict[str, Any], **fields: Any) -> dict[str, Any]:
    body = {"hadKlantcontact": {"uuid": kc["uuid"]}, "rol": "klant", "initiator": True}
    response = ki.post("betrokkenen", {**body, **fields})
    assert response.status_code == 201, response
    return response.json()


def onderwerpobject(ki: ApiClient, **fields: Any) -> dict[str, Any]:
    response = ki.post("onderwerpobjecten", fields)
    assert response.status_code == 201, response
    return response.json()


def actor(naam: str = "Els de Vries") -> Actor:
    return Actor.objects.create(
        naam=naam, soort_actor="medewerker", functie="KCC", telefoonnummer="0201234567"
    )


def digitaal_adres(
    betrokkene_uuid: str, adres: str, partij_uuid: str | None = None
) -> DigitaalAdres:
    return DigitaalAdres.objects.create(
        verstrekt_door_betrokkene_id=betrokkene_uuid,
        verstrekt_door_partij_id=partij_uuid,
        soort_digitaal_adres="email",
        adres=adres,
    )


def interne_taak(kc: dict[str, Any]) -> InterneTaak:
    return InterneTaak.objects.create(
        gevraagde_handeling="Terugbellen",
        aanleidinggevend_klantcontact_id=kc["uuid"],
        status="te_verwerken",
    )


def uuids(response: Any) -> set[str]:
    assert response.status_code == 200, response
    return {item["uuid"] for item in response.json()["results"]}


def random_url(collection: str) -> str:
    return f"http://testserver/klantinteracties/api/v1/{collection}/{uuid.uuid4()}"


def queries(request: Any) -> int:
    with CaptureQueriesContext(connection) as context:
        response = request()
    assert response.status_code == 200, response
    return len(context)


# -- creating and reading ----------------------------------------------------------------------


def test_create_fills_both_numbers_and_the_moment(ki):
    before = timezone.now()
    body = klantcontact(ki)
    assert body["nummer"] == "0000000001"
    assert body["referentienummer"] == "0000000001"
    assert body["url"].endswith(f"/klantinteracties/api/v1/klantcontacten/{body['uuid']}")
    assert parse_datetime(body["plaatsgevondenOp"]) >= before - timedelta(seconds=1)
    assert body["metadata"] == {}
    assert body["verdereActieOndernomen"] is False
    assert body["indicatieContactGelukt"] is None
    for empty in ("hadBetrokkenActoren", "hadBetrokkenen", "gingOverOnderwerpobjecten"):
        assert body[empty] == []
    assert body["hoofdOnderwerpType"] == ""
    assert "_expand" not in body
    assert ki.get(f"klantcontacten/{body['uuid']}").json() == body


def test_numbers_come_from_separate_series_and_skip_chosen_ones(ki):
    first = klantcontact(ki, referentienummer="0000000002")
    second = klantcontact(ki)
    third = klantcontact(ki)
    assert (first["nummer"], first["referentienummer"]) == ("0000000001", "0000000002")
    assert (second["nummer"], second["referentienummer"]) == ("0000000002", "0000000001")
    assert (third["nummer"], third["referentienummer"]) == ("0000000003", "0000000003")


def test_chosen_numbers_are_kept_and_an_empty_one_is_filled(ki):
    body = klantcontact(ki, nummer="", referentienummer="42")
    assert body["referentienummer"] == "42"
    assert body["nummer"] == "0000000001"


def test_numbers_must_be_digits(ki):
    response = ki.post(
        "klantcontacten", {**KLANTCONTACT, "nummer": "A1", "referentienummer": "1-2"}
    )
    assert invalid_names(response) == {"nummer", "referentienummer"}
    assert Klantcontact.objects.count() == 0


def test_numbers_must_be_unique_also_when_changed(ki):
    first = klantcontact(ki, referentienummer="123", nummer="456")
    response = ki.post(
        "klantcontacten", {**KLANTCONTACT, "referentienummer": "123", "nummer": "456"}
    )
    assert invalid_names(response) == {"nummer", "referentienummer"}
    assert {p["code"] for p in response.json()["invalidParams"]} == {"unique"}
    second = klantcontact(ki)
    clash = ki.patch(f"klantcontacten/{second['uuid']}", {"referentienummer": "123"})
    assert invalid_names(clash) == {"referentienummer"}
    # Saving a klantcontact with its own number is no clash.
    same = ki.patch(f"klantcontacten/{first['uuid']}", {"referentienummer": "123"})
    assert same.status_code == 200, same


def test_missing_and_blank_required_fields_are_named(ki):
    assert invalid_names(ki.post("klantcontacten", {})) == {
        "kanaal",
        "onderwerp",
        "taal",
        "vertrouwelijk",
    }
    blank = ki.post("klantcontacten", {**KLANTCONTACT, "onderwerp": "", "kanaal": ""})
    assert invalid_names(blank) == {"onderwerp", "kanaal"}


def test_lengths_follow_the_spec(ki):
    response = ki.post(
        "klantcontacten",
        {**KLANTCONTACT, "taal": "nederlands", "onderwerp": "x" * 201, "reactie": "x" * 4001},
    )
    assert invalid_names(response) == {"taal", "onderwerp", "reactie"}
    assert klantcontact(ki, reactie="x" * 4000)["reactie"] == "x" * 4000


def test_metadata_values_are_texts_of_at_most_100_characters(ki):
    ok = klantcontact(ki, metadata={"bronBerichtId": "<abc@mail>", "lang": "x" * 255})
    assert ok["metadata"] == {"bronBerichtId": "<abc@mail>", "lang": "x" * 255}
    too_long = ki.post("klantcontacten", {**KLANTCONTACT, "metadata": {"lang": "x" * 256}})
    assert invalid_names(too_long) == {"metadata"}
    not_text = ki.post("klantcontacten", {**KLANTCONTACT, "metadata": {"aantal": 3}})
    assert invalid_names(not_text) == {"metadata"}
    not_object = ki.post("klantcontacten", {**KLANTCONTACT, "metadata": ["a"]})
    assert invalid_names(not_object) == {"metadata"}
    assert klantcontact(ki, metadata=None)["metadata"] == {}


def test_hoofd_onderwerp_type_must_be_a_url(ki):
    zaaktype = "https://openzaak.example.nl/catalogi/api/v1/zaaktypen/1"
    assert klantcontact(ki, hoofdOnderwerpType=zaaktype)["hoofdOnderwerpType"] == zaaktype
    response = ki.post("klantcontacten", {**KLANTCONTACT, "hoofdOnderwerpType": "geen url"})
    assert invalid_names(response) == {"hoofdOnderwerpType"}
    # Open Klant accepts null (its column is nullable): it means "none".
    assert klantcontact(ki, hoofdOnderwerpType=None)["hoofdOnderwerpType"] == ""


def test_the_moment_given_is_kept(ki):
    body = klantcontact(ki, plaatsgevondenOp="2024-03-01T10:00:00+01:00")
    assert body["plaatsgevondenOp"] == "2024-03-01T09:00:00Z"
    assert invalid_names(ki.post("klantcontacten", {**KLANTCONTACT, "plaatsgevondenOp": None})) == {
        "plaatsgevondenOp"
    }


def test_related_objects_are_listed_and_actors_in_full(ki):
    kc = klantcontact(ki)
    medewerker = actor()
    ki.post(
        "actorklantcontacten",
        {"actor": {"uuid": str(medewerker.uuid)}, "klantcontact": {"uuid": kc["uuid"]}},
    )
    b = betrokkene(ki, kc)
    o = onderwerpobject(ki, klantcontact={"uuid": kc["uuid"]}, onderwerpobjectidentificator=ZAAK)
    bijlage = ki.post("bijlagen", {"wasBijlageVanKlantcontact": {"uuid": kc["uuid"]}}).json()
    taak = interne_taak(kc)
    body = ki.get(f"klantcontacten/{kc['uuid']}").json()
    assert [a["uuid"] for a in body["hadBetrokkenActoren"]] == [str(medewerker.uuid)]
    assert body["hadBetrokkenActoren"][0]["naam"] == "Els de Vries"
    assert body["hadBetrokkenActoren"][0]["soortActor"] == "medewerker"
    assert [x["uuid"] for x in body["hadBetrokkenen"]] == [b["uuid"]]
    assert [x["uuid"] for x in body["gingOverOnderwerpobjecten"]] == [o["uuid"]]
    assert [x["uuid"] for x in body["omvatteBijlagen"]] == [bijlage["uuid"]]
    assert [x["url"] for x in body["leiddeTotInterneTaken"]] == [
        f"http://testserver/klantinteracties/api/v1/internetaken/{taak.uuid}"
    ]


# -- changing and deleting ---------------------------------------------------------------------


def test_patch_changes_only_what_is_sent(ki):
    kc = klantcontact(ki, metadata={"a": "b"})
    response = ki.patch(f"klantcontacten/{kc['uuid']}", {"reactie": "Opgelost."})
    assert response.status_code == 200, response
    body = response.json()
    assert body["reactie"] == "Opgelost."
    assert {k: v for k, v in body.items() if k != "reactie"} == {
        k: v for k, v in kc.items() if k != "reactie"
    }


def test_put_requires_the_mandatory_fields_and_keeps_the_numbers(ki):
    kc = klantcontact(ki)
    assert invalid_names(ki.put(f"klantcontacten/{kc['uuid']}", {"reactie": "x"})) == {
        "kanaal",
        "onderwerp",
        "taal",
        "vertrouwelijk",
    }
    response = ki.put(f"klantcontacten/{kc['uuid']}", {**KLANTCONTACT, "kanaal": "balie"})
    assert response.status_code == 200, response
    assert response.json()["kanaal"] == "balie"
    assert response.json()["referentienummer"] == kc["referentienummer"]


def test_every_change_is_audited(ki):
    kc = klantcontact(ki)
    ki.patch(f"klantcontacten/{kc['uuid']}", {"reactie": "Opgelost."})
    trail = AuditTrail.objects.filter(resource_uuid=kc["uuid"]).order_by("id")
    assert [t.actie for t in trail] == ["create", "update"]
    assert trail[1].oud["reactie"] == "" and trail[1].nieuw["reactie"] == "Opgelost."
    assert trail[1].applicatie == "Test"


def test_delete_takes_everything_that_hangs_on_the_klantcontact(ki):
    partij = persoon(ki)
    kc = klantcontact(ki)
    other = klantcontact(ki, onderwerp="Eerder contact")
    b = betrokkene(ki, kc, wasPartij={"uuid": partij["uuid"]})
    own_adres = digitaal_adres(b["uuid"], "eigen@example.nl")
    shared_adres = digitaal_adres(b["uuid"], "jan@example.nl", partij_uuid=partij["uuid"])
    about = onderwerpobject(ki, klantcontact={"uuid": kc["uuid"]})
    was = onderwerpobject(
        ki, klantcontact={"uuid": other["uuid"]}, wasKlantcontact={"uuid": kc["uuid"]}
    )
    ki.post("bijlagen", {"wasBijlageVanKlantcontact": {"uuid": kc["uuid"]}})
    interne_taak(kc)
    medewerker = actor()
    ki.post(
        "actorklantcontacten",
        {"actor": {"uuid": str(medewerker.uuid)}, "klantcontact": {"uuid": kc["uuid"]}},
    )

    assert ki.delete(f"klantcontacten/{kc['uuid']}").status_code == 204

    assert ki.get(f"klantcontacten/{kc['uuid']}").status_code == 404
    assert not Betrokkene.objects.exists()
    assert not Onderwerpobject.objects.filter(pk__in=[about["uuid"], was["uuid"]]).exists()
    assert not Bijlage.objects.exists()
    assert not InterneTaak.objects.exists()
    assert ki.get("actorklantcontacten").json()["count"] == 0
    assert not DigitaalAdres.objects.filter(pk=own_adres.pk).exists()
    # The partij gave this address too: it stays the partij's.
    shared_adres.refresh_from_db()
    assert shared_adres.verstrekt_door_betrokkene_id is None
    assert ki.get(f"klantcontacten/{other['uuid']}").status_code == 200
    assert Actor.objects.filter(pk=medewerker.pk).exists()
    destroyed = set(AuditTrail.objects.filter(actie="destroy").values_list("resource", flat=True))
    assert {
        "klantcontact",
        "betrokkene",
        "onderwerpobject",
        "bijlage",
        "internetaak",
        "digitaaladres",
        "actorklantcontact",
    } <= destroyed


def test_unknown_klantcontact_is_a_404(ki):
    assert ki.get(f"klantcontacten/{uuid.uuid4()}").status_code == 404
    assert ki.patch(f"klantcontacten/{uuid.uuid4()}", {"reactie": "x"}).status_code == 404
    assert ki.delete(f"klantcontacten/{uuid.uuid4()}").status_code == 404


# -- filters -------------------------------------------------------------------------------------


@pytest.fixture
def two_contacts(ki):
    """A: by phone, known caller (partij), with a task and a zaak; B: by e-mail, anonymous,
    confidential, and the earlier contact an onderwerpobject of A points back to."""
    partij = persoon(ki, 1)
    a = klantcontact(
        ki,
        nummer="0000000201",
        referentienummer="0000000101",
        reactie="Wordt morgen opgehaald.",
        indicatieContactGelukt=True,
        plaatsgevondenOp="2024-03-01T10:00:00Z",
    )
    b = klantcontact(
        ki,
        kanaal="e-mail",
        onderwerp="Paspoort aanvragen",
        inhoud="Wanneer kan ik langskomen?",
        vertrouwelijk=True,
        indicatieContactGelukt=False,
        plaatsgevondenOp="2024-04-01T10:00:00Z",
    )
    betrokkene_a = betrokkene(ki, a, wasPartij={"uuid": partij["uuid"]})
    digitaal_adres(betrokkene_a["uuid"], "Jan@Example.nl")
    betrokkene(ki, b)
    about = onderwerpobject(ki, klantcontact={"uuid": a["uuid"]}, onderwerpobjectidentificator=ZAAK)
    back = onderwerpobject(
        ki,
        klantcontact={"uuid": a["uuid"]},
        wasKlantcontact={"uuid": b["uuid"]},
        onderwerpobjectidentificator={
            "objectId": "kc-ref",
            "codeObjecttype": "klantcontact",
            "codeRegister": "klantbeeld",
            "codeSoortObjectId": "referentie",
        },
    )
    interne_taak(a)
    return {
        "A": a["uuid"],
        "B": b["uuid"],
        "betrokkene": betrokkene_a,
        "partij": partij,
        "about": about,
        "back": back,
    }


PARTIJ_ID = "hadBetrokkene__wasPartij__partijIdentificator__"
OW = "onderwerpobject__onderwerpobjectidentificator"
WAS_OW = "wasOnderwerpobject__onderwerpobjectidentificator"

# (parameter, value, expected, value, expected): a matching and a non-matching value.
# Values in <angle brackets> are taken from the fixture.
FILTERS = [
    ("hadBetrokkene__digitaaladres__adres__icontains", "EXAMPLE.nl", "A", "gmail", ""),
    ("hadBetrokkene__url", "<betrokkene.url>", "A", "<random betrokkenen>", ""),
    ("hadBetrokkene__uuid", "<betrokkene.uuid>", "A", "<random uuid>", ""),
    ("hadBetrokkene__wasPartij", "true", "A", "false", "B"),
    (f"{PARTIJ_ID}codeObjecttype", "natuurlijk_persoon", "A", "vestiging", ""),
    (f"{PARTIJ_ID}codeRegister", "brp", "A", "hr", ""),
    (f"{PARTIJ_ID}codeSoortObjectId", "bsn", "A", "kvk_nummer", ""),
    (f"{PARTIJ_ID}objectId", bsn(1), "A", bsn(2), ""),
    ("hadBetrokkene__wasPartij__url", "<partij.url>", "A", "<random partijen>", ""),
    ("hadBetrokkene__wasPartij__uuid", "<partij.uuid>", "A", "<random uuid>", ""),
    ("indicatieContactGelukt", "true", "A", "false", "B"),
    ("inhoud", "CONTAINER", "A", "fiets", ""),
    ("kanaal", "telefoon", "A", "tele", ""),
    ("leiddeTotInterneTaken", "true", "A", "false", "B"),
    ("nummer", "0000000201", "A", "0000000999", ""),
    ("onderwerp", "afval", "A", "fiets", ""),
    (f"{OW}CodeObjecttype", "zgw-Zaak", "A", "zaak", ""),
    (f"{OW}CodeRegister", "openzaak", "A", "open", ""),
    (f"{OW}CodeSoortObjectId", "uuid", "A", "nummer", ""),
    (f"{OW}ObjectId", ZAAK["objectId"], "A", "zaak", ""),
    ("onderwerpobject__url", "<about.url>", "A", "<random onderwerpobjecten>", ""),
    ("onderwerpobject__uuid", "<about.uuid>", "A", "<random uuid>", ""),
    ("plaatsgevondenOp", "2024-03-01T10:00:00Z", "A", "2024-03-01T10:00:01Z", ""),
    ("reactie", "MORGEN", "A", "nooit", ""),
    ("referentienummer", "0000000101", "A", "0000000102", ""),
    ("vertrouwelijk", "true", "B", "false", "A"),
    (f"{WAS_OW}CodeObjecttype", "klantcontact", "B", "zgw-Zaak", ""),
    (f"{WAS_OW}CodeRegister", "klantbeeld", "B", "openzaak", ""),
    (f"{WAS_OW}CodeSoortObjectId", "referentie", "B", "uuid", ""),
    (f"{WAS_OW}ObjectId", "kc-ref", "B", ZAAK["objectId"], ""),
    ("wasOnderwerpobject__url", "<back.url>", "B", "<about.url>", ""),
    ("wasOnderwerpobject__uuid", "<back.uuid>", "B", "<about.uuid>", ""),
]


def resolve(value: str, fixture: dict[str, Any]) -> str:
    if not value.startswith("<"):
        return value
    name = value[1:-1]
    if name == "random uuid":
        return str(uuid.uuid4())
    if name.startswith("random "):
        return random_url(name.split(" ", 1)[1])
    key, attr = name.split(".")
    return fixture[key][attr]


@pytest.mark.parametrize(("param", "hit", "hits", "miss", "misses"), FILTERS)
def test_filter(ki, two_contacts, param, hit, hits, miss, misses):
    for value, expected in ((hit, hits), (miss, misses)):
        found = uuids(ki.get("klantcontacten", {param: resolve(value, two_contacts)}))
        assert found == {two_contacts[label] for label in expected}, (param, value)


def spec_filters(path: str) -> set[str]:
    """The query parameters the spec gives for ``GET <path>``, paging and expand aside."""
    document = yaml.safe_load((SPECS / "klantinteracties-0.9.0_open-klant-2.18.yaml").read_text())
    parameters = document["paths"][path]["get"]["parameters"]
    return {p["name"] for p in parameters} - {"expand", "page", "pageSize"}


def test_every_filter_of_the_spec_is_tested():
    assert spec_filters("/klantcontacten") == {row[0] for row in FILTERS}


def test_was_partij_false_means_no_betrokkene_was_a_partij(ki):
    mixed = klantcontact(ki)
    betrokkene(ki, mixed, wasPartij={"uuid": persoon(ki)["uuid"]})
    betrokkene(ki, mixed)
    nobody = klantcontact(ki)
    assert uuids(ki.get("klantcontacten", {"hadBetrokkene__wasPartij": "false"})) == {
        nobody["uuid"]
    }
    assert uuids(ki.get("klantcontacten", {"hadBetrokkene__wasPartij": "true"})) == {mixed["uuid"]}


def test_a_url_filter_without_a_uuid_matches_nothing(ki, two_contacts):
    assert uuids(ki.get("klantcontacten", {"hadBetrokkene__url": "http://x/geen-uuid"})) == set()


def test_a_url_filter_value_that_is_not_a_url_is_a_400(ki):
    response = ki.get("klantcontacten", {"hadBetrokkene__url": "geen-url"})
    assert invalid_names(response) == {"hadBetrokkene__url"}


def test_a_bad_uuid_filter_is_a_400(ki):
    assert invalid_names(ki.get("klantcontacten", {"hadBetrokkene__uuid": "x"})) == {
        "hadBetrokkene__uuid"
    }


def test_filters_across_relations_list_each_klantcontact_once(ki):
    kc = klantcontact(ki)
    for naam in ("een", "twee"):
        b = betrokkene(ki, kc, wasPartij={"uuid": persoon(ki, len(naam))["uuid"]})
        digitaal_adres(b["uuid"], f"{naam}@example.nl")
    response = ki.get(
        "klantcontacten", {"hadBetrokkene__digitaaladres__adres__icontains": "example"}
    )
    assert response.json()["count"] == 1
    assert len(response.json()["results"]) == 1
    assert ki.get("klantcontacten", {"hadBetrokkene__wasPartij": "true"}).json()["count"] == 1


def test_newest_contact_comes_first(ki):
    old = klantcontact(ki, plaatsgevondenOp="2024-01-01T10:00:00Z")
    new = klantcontact(ki, plaatsgevondenOp="2024-06-01T10:00:00Z")
    same_moment = klantcontact(ki, plaatsgevondenOp="2024-01-01T10:00:00Z")
    results = ki.get("klantcontacten").json()["results"]
    assert [r["uuid"] for r in results] == [new["uuid"], same_moment["uuid"], old["uuid"]]


def test_related_objects_are_listed_in_the_order_they_were_registered(ki):
    kc = klantcontact(ki)
    created = [betrokkene(ki, kc, organisatienaam=f"B{n}")["uuid"] for n in range(4)]
    body = ki.get(f"klantcontacten/{kc['uuid']}", {"expand": "hadBetrokkenen"}).json()
    assert [b["uuid"] for b in body["hadBetrokkenen"]] == created
    assert [b["uuid"] for b in body["_expand"]["hadBetrokkenen"]] == created


# -- expand --------------------------------------------------------------------------------------


def test_expand_everything_nested(ki, two_contacts):
    expand = (
        "hadBetrokkenen,hadBetrokkenen.wasPartij,hadBetrokkenen.digitaleAdressen,"
        "gingOverOnderwerpobjecten,omvatteBijlagen,leiddeTotInterneTaken"
    )
    response = ki.get(f"klantcontacten/{two_contacts['A']}", {"expand": expand})
    assert response.status_code == 200, response
    expanded = response.json()["_expand"]
    assert set(expanded) == {
        "hadBetrokkenen",
        "gingOverOnderwerpobjecten",
        "omvatteBijlagen",
        "leiddeTotInterneTaken",
    }
    [b] = expanded["hadBetrokkenen"]
    assert b["uuid"] == two_contacts["betrokkene"]["uuid"]
    assert b["_expand"]["wasPartij"]["uuid"] == two_contacts["partij"]["uuid"]
    assert [d["adres"] for d in b["_expand"]["digitaleAdressen"]] == ["Jan@Example.nl"]
    assert {o["uuid"] for o in expanded["gingOverOnderwerpobjecten"]} == {
        two_contacts["about"]["uuid"],
        two_contacts["back"]["uuid"],
    }
    assert expanded["omvatteBijlagen"] == []
    assert [t["gevraagdeHandeling"] for t in expanded["leiddeTotInterneTaken"]] == ["Terugbellen"]


def test_a_nested_expand_implies_its_parent_and_an_absent_partij_is_null(ki, two_contacts):
    response = ki.get(f"klantcontacten/{two_contacts['B']}", {"expand": "hadBetrokkenen.wasPartij"})
    [b] = response.json()["_expand"]["hadBetrokkenen"]
    assert b["_expand"] == {"wasPartij": None}
    assert b["wasPartij"] is None


def test_expand_in_a_list_is_on_every_result(ki, two_contacts):
    results = ki.get("klantcontacten", {"expand": "omvatteBijlagen"}).json()["results"]
    assert [r["_expand"] for r in results] == [{"omvatteBijlagen": []}] * 2
    assert all("_expand" not in r for r in ki.get("klantcontacten").json()["results"])


def test_unknown_expand_value_is_a_400(ki):
    assert invalid_names(ki.get("klantcontacten", {"expand": "hadBetrokkenActoren"})) == {"expand"}


# -- cost ----------------------------------------------------------------------------------------


def full_contacts(ki: ApiClient, count: int) -> None:
    medewerker = actor()
    for n in range(count):
        kc = klantcontact(ki)
        b = betrokkene(ki, kc, wasPartij={"uuid": persoon(ki, n + 1)["uuid"]})
        digitaal_adres(b["uuid"], f"{n}@example.nl")
        onderwerpobject(ki, klantcontact={"uuid": kc["uuid"]}, onderwerpobjectidentificator=ZAAK)
        ki.post("bijlagen", {"wasBijlageVanKlantcontact": {"uuid": kc["uuid"]}})
        interne_taak(kc)
        ki.post(
            "actorklantcontacten",
            {"actor": {"uuid": str(medewerker.uuid)}, "klantcontact": {"uuid": kc["uuid"]}},
        )


@pytest.mark.parametrize(
    "expand",
    [
        None,
        "hadBetrokkenen,hadBetrokkenen.wasPartij,hadBetrokkenen.digitaleAdressen,"
        "gingOverOnderwerpobjecten,omvatteBijlagen,leiddeTotInterneTaken",
    ],
)
def test_a_page_costs_the_same_queries_whatever_its_size(ki, django_assert_num_queries, expand):
    full_contacts(ki, 3)
    params = {"expand": expand} if expand else {}
    one = queries(lambda: ki.get("klantcontacten", {**params, "pageSize": 1}))
    with django_assert_num_queries(one):
        response = ki.get("klantcontacten", {**params, "pageSize": 3})
    assert len(response.json()["results"]) == 3
