"""/betrokkenen: who took part in a klantcontact, in which role, with which contact data."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer, rsin
from klantbeeld.domain.models import AuditTrail, DigitaalAdres
from tests.klantinteracties.test_klantcontacten import (
    betrokkene,
    digitaal_adres,
    klantcontact,
    persoon,
    queries,
    resolve,
    spec_filters,
    uuids,
)
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

ADRES = {"straatnaam": "Markt", "huisnummer": 1, "postcode": "1234 AB", "stad": "Utrecht"}


def test_create_and_read(ki):
    kc = klantcontact(ki)
    body = betrokkene(
        ki,
        kc,
        contactnaam={
            "voorletters": "J.",
            "voornaam": "Jan",
            "voorvoegselAchternaam": "van",
            "achternaam": "Dijk",
        },
        correspondentieadres=ADRES,
        organisatienaam="Bakkerij De Korst",
        rol="vertegenwoordiger",
        initiator=False,
    )
    assert body["volledigeNaam"] == "Jan van Dijk"  # voorletters are not part of it
    assert body["hadKlantcontact"]["uuid"] == kc["uuid"]
    assert body["wasPartij"] is None
    assert body["correspondentieadres"]["postcode"] == "1234 AB"
    assert body["bezoekadres"] == {
        "nummeraanduidingId": "",
        "straatnaam": "",
        "huisnummer": None,
        "huisnummertoevoeging": "",
        "postcode": "",
        "stad": "",
        "adresregel1": "",
        "adresregel2": "",
        "adresregel3": "",
        "land": "",
    }
    assert (body["rol"], body["initiator"]) == ("vertegenwoordiger", False)
    assert body["digitaleAdressen"] == []
    assert ki.get(f"betrokkenen/{body['uuid']}").json() == body
    listed = ki.get(f"klantcontacten/{kc['uuid']}").json()["hadBetrokkenen"]
    assert [b["uuid"] for b in listed] == [body["uuid"]]


def test_required_fields_are_named(ki):
    assert invalid_names(ki.post("betrokkenen", {})) == {"hadKlantcontact", "rol", "initiator"}


def test_rol_is_one_of_the_spec(ki):
    kc = klantcontact(ki)
    response = ki.post(
        "betrokkenen",
        {"hadKlantcontact": {"uuid": kc["uuid"]}, "rol": "burger", "initiator": True},
    )
    assert invalid_names(response) == {"rol"}


def test_references_must_exist(ki):
    response = ki.post(
        "betrokkenen",
        {
            "hadKlantcontact": {"uuid": str(uuid.uuid4())},
            "wasPartij": {"uuid": str(uuid.uuid4())},
            "rol": "klant",
            "initiator": True,
        },
    )
    assert invalid_names(response) == {"hadKlantcontact.uuid", "wasPartij.uuid"}


def test_addresses_follow_the_patterns(ki):
    kc = klantcontact(ki)
    response = ki.post(
        "betrokkenen",
        {
            "hadKlantcontact": {"uuid": kc["uuid"]},
            "rol": "klant",
            "initiator": True,
            "bezoekadres": {"postcode": "1234AB", "land": "nl"},
            "contactnaam": {"voorletters": "x" * 11},
        },
    )
    assert invalid_names(response) == {
        "bezoekadres.postcode",
        "bezoekadres.land",
        "contactnaam.voorletters",
    }


def test_patch_changes_only_what_is_sent_and_a_null_group_empties_it(ki):
    kc = klantcontact(ki)
    partij = persoon(ki)
    b = betrokkene(ki, kc, contactnaam={"voornaam": "Piet"}, correspondentieadres=ADRES)
    response = ki.patch(f"betrokkenen/{b['uuid']}", {"wasPartij": {"uuid": partij["uuid"]}})
    assert response.status_code == 200, response
    body = response.json()
    assert body["wasPartij"]["uuid"] == partij["uuid"]
    assert body["contactnaam"]["voornaam"] == "Piet"
    assert body["correspondentieadres"] == b["correspondentieadres"]
    cleared = ki.patch(f"betrokkenen/{b['uuid']}", {"contactnaam": None, "wasPartij": None})
    assert cleared.json()["contactnaam"]["voornaam"] == ""
    assert cleared.json()["volledigeNaam"] == ""
    assert cleared.json()["wasPartij"] is None
    refused = invalid_names(ki.patch(f"betrokkenen/{b['uuid']}", {"hadKlantcontact": None}))
    assert refused and all(name.startswith("hadKlantcontact") for name in refused)


def test_put_requires_the_mandatory_fields(ki):
    kc = klantcontact(ki)
    b = betrokkene(ki, kc)
    assert invalid_names(ki.put(f"betrokkenen/{b['uuid']}", {"organisatienaam": "x"})) == {
        "hadKlantcontact",
        "rol",
        "initiator",
    }
    other = klantcontact(ki)
    moved = ki.put(
        f"betrokkenen/{b['uuid']}",
        {"hadKlantcontact": {"uuid": other["uuid"]}, "rol": "klant", "initiator": False},
    )
    assert moved.status_code == 200, moved
    assert moved.json()["hadKlantcontact"]["uuid"] == other["uuid"]
    assert moved.json()["initiator"] is False


def test_delete_takes_only_the_addresses_the_betrokkene_alone_gave(ki):
    kc = klantcontact(ki)
    partij = persoon(ki)
    b = betrokkene(ki, kc, wasPartij={"uuid": partij["uuid"]})
    own = digitaal_adres(b["uuid"], "eigen@example.nl")
    shared = digitaal_adres(b["uuid"], "jan@example.nl", partij_uuid=partij["uuid"])
    assert ki.delete(f"betrokkenen/{b['uuid']}").status_code == 204
    assert ki.get(f"betrokkenen/{b['uuid']}").status_code == 404
    assert not DigitaalAdres.objects.filter(pk=own.pk).exists()
    shared.refresh_from_db()
    assert (shared.verstrekt_door_betrokkene_id, shared.verstrekt_door_partij_id) == (
        None,
        uuid.UUID(partij["uuid"]),
    )
    assert ki.get(f"klantcontacten/{kc['uuid']}").json()["hadBetrokkenen"] == []
    assert AuditTrail.objects.filter(resource_uuid=own.pk, actie="destroy").exists()
    assert AuditTrail.objects.filter(resource_uuid=shared.pk, actie="update").exists()


def test_unknown_betrokkene_is_a_404(ki):
    assert ki.get(f"betrokkenen/{uuid.uuid4()}").status_code == 404
    assert ki.delete(f"betrokkenen/{uuid.uuid4()}").status_code == 404


# -- expand --------------------------------------------------------------------------------------


def test_expand_digitale_adressen(ki):
    kc = klantcontact(ki)
    b = betrokkene(ki, kc)
    digitaal_adres(b["uuid"], "jan@example.nl")
    body = ki.get(f"betrokkenen/{b['uuid']}", {"expand": "digitaleAdressen"}).json()
    assert [d["adres"] for d in body["_expand"]["digitaleAdressen"]] == ["jan@example.nl"]
    assert [d["uuid"] for d in body["digitaleAdressen"]] == [
        d["uuid"] for d in body["_expand"]["digitaleAdressen"]
    ]
    listed = ki.get("betrokkenen", {"expand": "digitaleAdressen"}).json()["results"]
    assert listed[0]["_expand"] == body["_expand"]
    assert "_expand" not in ki.get(f"betrokkenen/{b['uuid']}").json()


def test_only_the_spec_expansions_are_offered(ki):
    assert invalid_names(ki.get("betrokkenen", {"expand": "wasPartij"})) == {"expand"}


def test_a_partij_can_expand_its_betrokkenen_with_their_klantcontact(ki):
    kc = klantcontact(ki)
    partij = persoon(ki)
    betrokkene(ki, kc, wasPartij={"uuid": partij["uuid"]})
    response = ki.get(
        f"partijen/{partij['uuid']}", {"expand": "betrokkenen,betrokkenen.hadKlantcontact"}
    )
    assert response.status_code == 200, response
    [b] = response.json()["_expand"]["betrokkenen"]
    assert b["_expand"]["hadKlantcontact"]["onderwerp"] == kc["onderwerp"]


# -- filters -------------------------------------------------------------------------------------


@pytest.fixture
def two_betrokkenen(ki):
    """A: named, of a partij, on a contact with numbers, with an e-mail address; B: bare."""
    partij = persoon(ki, 1)
    kc_a = klantcontact(ki, nummer="0000000301", referentienummer="0000000401")
    kc_b = klantcontact(ki)
    a = betrokkene(
        ki,
        kc_a,
        wasPartij={"uuid": partij["uuid"]},
        contactnaam={
            "voorletters": "J.",
            "voornaam": "Jan",
            "voorvoegselAchternaam": "van",
            "achternaam": "Dijk",
        },
        organisatienaam="Bakkerij De Korst",
    )
    b = betrokkene(ki, kc_b)
    adres = digitaal_adres(a["uuid"], "jan@example.nl")
    return {
        "A": a["uuid"],
        "B": b["uuid"],
        "kc": kc_a,
        "partij": partij,
        "adres": {
            "uuid": str(adres.uuid),
            "url": f"http://testserver/klantinteracties/api/v1/digitaleadressen/{adres.uuid}",
        },
    }


PARTIJ_ID = "wasPartij__partijIdentificator__"
FILTERS = [
    ("contactnaamAchternaam", "Dijk", "A", "dijk", ""),
    ("contactnaamVoorletters", "J.", "A", "J", ""),
    ("contactnaamVoornaam", "Jan", "A", "Ja", ""),
    ("contactnaamVoorvoegselAchternaam", "van", "A", "van der", ""),
    ("hadKlantcontact__nummer", "0000000301", "A", "0000000401", ""),
    ("hadKlantcontact__referentienummer", "0000000401", "A", "0000000301", ""),
    ("hadKlantcontact__url", "<kc.url>", "A", "<random klantcontacten>", ""),
    ("hadKlantcontact__uuid", "<kc.uuid>", "A", "<random uuid>", ""),
    ("organisatienaam", "Bakkerij De Korst", "A", "Bakkerij", ""),
    ("verstrektedigitaalAdres__adres", "jan@example.nl", "A", "example.nl", ""),
    ("verstrektedigitaalAdres__url", "<adres.url>", "A", "<random digitaleadressen>", ""),
    ("verstrektedigitaalAdres__uuid", "<adres.uuid>", "A", "<random uuid>", ""),
    ("wasPartij__nummer", "<partij.nummer>", "A", "9999999999", ""),
    (f"{PARTIJ_ID}codeObjecttype", "natuurlijk_persoon", "A", "vestiging", ""),
    (f"{PARTIJ_ID}codeRegister", "brp", "A", "hr", ""),
    (f"{PARTIJ_ID}codeSoortObjectId", "bsn", "A", "rsin", ""),
    (f"{PARTIJ_ID}objectId", bsn(1), "A", bsn(2), ""),
    ("wasPartij__url", "<partij.url>", "A", "<random partijen>", ""),
    ("wasPartij__uuid", "<partij.uuid>", "A", "<random uuid>", ""),
]


@pytest.mark.parametrize(("param", "hit", "hits", "miss", "misses"), FILTERS)
def test_filter(ki, two_betrokkenen, param, hit, hits, miss, misses):
    for value, expected in ((hit, hits), (miss, misses)):
        found = uuids(ki.get("betrokkenen", {param: resolve(value, two_betrokkenen)}))
        assert found == {two_betrokkenen[label] for label in expected}, (param, value)


def test_every_filter_of_the_spec_is_tested():
    assert spec_filters("/betrokkenen") == {row[0] for row in FILTERS}


def test_filters_across_relations_list_each_betrokkene_once(ki):
    organisatie = ki.post(
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "Bakkerij De Korst B.V."},
            "partijIdentificatoren": [
                {
                    "partijIdentificator": {
                        "codeObjecttype": "niet_natuurlijk_persoon",
                        "codeSoortObjectId": soort,
                        "objectId": number,
                        "codeRegister": "hr",
                    }
                }
                for soort, number in (("kvk_nummer", kvk_nummer(1)), ("rsin", rsin(1)))
            ],
        },
    ).json()
    b = betrokkene(ki, klantcontact(ki), wasPartij={"uuid": organisatie["uuid"]})
    digitaal_adres(b["uuid"], "info@example.nl")
    digitaal_adres(b["uuid"], "info@example.nl")
    by_register = ki.get("betrokkenen", {"wasPartij__partijIdentificator__codeRegister": "hr"})
    assert [r["uuid"] for r in by_register.json()["results"]] == [b["uuid"]]
    by_adres = ki.get("betrokkenen", {"verstrektedigitaalAdres__adres": "info@example.nl"})
    assert [r["uuid"] for r in by_adres.json()["results"]] == [b["uuid"]]


# -- cost ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("expand", [None, "digitaleAdressen"])
def test_a_page_costs_the_same_queries_whatever_its_size(ki, django_assert_num_queries, expand):
    for n in range(3):
        b = betrokkene(ki, klantcontact(ki), wasPartij={"uuid": persoon(ki, n + 1)["uuid"]})
        digitaal_adres(b["uuid"], f"{n}@example.nl")
    params: dict[str, Any] = {"expand": expand} if expand else {}
    one = queries(lambda: ki.get("betrokkenen", {**params, "pageSize": 1}))
    with django_assert_num_queries(one):
        response = ki.get("betrokkenen", {**params, "pageSize": 3})
    assert len(response.json()["results"]) == 3
