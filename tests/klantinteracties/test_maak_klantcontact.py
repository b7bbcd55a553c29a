"""/maak-klantcontact: klantcontact, betrokkene and onderwerpobject in one go, all or nothing."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError

from klantbeeld.domain.models import (
    ActorKlantcontact,
    AuditTrail,
    Betrokkene,
    Klantcontact,
    Onderwerpobject,
)
from klantbeeld.domain.services import klantcontacten as service
from klantbeeld.domain.services.common import ChangeContext
from tests.klantinteracties.test_klantcontacten import KLANTCONTACT, ZAAK, actor, persoon
from tests.support.client import invalid_names

pytestmark = pytest.mark.django_db

BETROKKENE = {
    "rol": "klant",
    "initiator": True,
    "contactnaam": {"voornaam": "Jan", "achternaam": "Dijk"},
}


def stored() -> tuple[int, int, int]:
    return (
        Klantcontact.objects.count(),
        Betrokkene.objects.count(),
        Onderwerpobject.objects.count(),
    )


def test_all_three_parts_are_created_and_linked(ki):
    partij = persoon(ki)
    elsewhere = str(uuid.uuid4())
    response = ki.post(
        "maak-klantcontact",
        {
            "klantcontact": KLANTCONTACT,
            # hadKlantcontact / klantcontact are the new klantcontact; what is sent is ignored.
            "betrokkene": {
                **BETROKKENE,
                "wasPartij": {"uuid": partij["uuid"]},
                "hadKlantcontact": {"uuid": elsewhere},
            },
            "onderwerpobject": {
                "onderwerpobjectidentificator": ZAAK,
                "klantcontact": {"uuid": elsewhere},
            },
        },
    )
    assert response.status_code == 201, response
    body = response.json()
    kc, betrokkene, onderwerpobject = (
        body["klantcontact"],
        body["betrokkene"],
        body["onderwerpobject"],
    )
    assert kc["referentienummer"] == "0000000001"
    assert betrokkene["hadKlantcontact"]["uuid"] == kc["uuid"]
    assert betrokkene["wasPartij"]["uuid"] == partij["uuid"]
    assert betrokkene["volledigeNaam"] == "Jan Dijk"
    assert onderwerpobject["klantcontact"]["uuid"] == kc["uuid"]
    assert onderwerpobject["onderwerpobjectidentificator"] == ZAAK
    assert [b["uuid"] for b in kc["hadBetrokkenen"]] == [betrokkene["uuid"]]
    assert [o["uuid"] for o in kc["gingOverOnderwerpobjecten"]] == [onderwerpobject["uuid"]]
    assert ki.get(f"klantcontacten/{kc['uuid']}").json() == kc
    assert ki.get(f"betrokkenen/{betrokkene['uuid']}").json() == betrokkene
    assert ki.get(f"onderwerpobjecten/{onderwerpobject['uuid']}").json() == onderwerpobject
    for part in (kc, betrokkene, onderwerpobject):
        assert AuditTrail.objects.filter(resource_uuid=part["uuid"], actie="create").exists()


def test_only_a_klantcontact(ki):
    response = ki.post("maak-klantcontact", {"klantcontact": KLANTCONTACT, "betrokkene": None})
    assert response.status_code == 201, response
    # As Open Klant: the parts not sent are null.
    assert response.json()["betrokkene"] is None
    assert response.json()["onderwerpobject"] is None
    assert stored() == (1, 0, 0)
    kc = response.json()["klantcontact"]
    assert ki.get(f"klantcontacten/{kc['uuid']}").json() == kc


def test_the_klantcontact_is_required(ki):
    assert invalid_names(ki.post("maak-klantcontact", {"betrokkene": BETROKKENE})) == {
        "klantcontact"
    }
    assert stored() == (0, 0, 0)


def test_an_invalid_betrokkene_leaves_no_klantcontact_behind(ki):
    response = ki.post(
        "maak-klantcontact",
        {"klantcontact": KLANTCONTACT, "betrokkene": {**BETROKKENE, "rol": "burger"}},
    )
    assert invalid_names(response) == {"betrokkene.rol"}
    assert stored() == (0, 0, 0)


def test_errors_are_named_after_their_part_and_reported_together(ki):
    response = ki.post(
        "maak-klantcontact",
        {
            "klantcontact": {**KLANTCONTACT, "onderwerp": None},
            "betrokkene": {"rol": "klant", "bezoekadres": {"postcode": "1234ab"}},
        },
    )
    assert invalid_names(response) == {
        "klantcontact.onderwerp",
        "betrokkene.initiator",
        "betrokkene.bezoekadres.postcode",
    }


def test_unknown_references_in_both_parts_are_named(ki):
    response = ki.post(
        "maak-klantcontact",
        {
            "klantcontact": KLANTCONTACT,
            "betrokkene": {**BETROKKENE, "wasPartij": {"uuid": str(uuid.uuid4())}},
            "onderwerpobject": {"wasKlantcontact": {"uuid": str(uuid.uuid4())}},
        },
    )
    assert invalid_names(response) == {
        "betrokkene.wasPartij.uuid",
        "onderwerpobject.wasKlantcontact.uuid",
    }
    assert stored() == (0, 0, 0)


def test_a_rule_of_the_klantcontact_stops_the_whole_registration(ki):
    ki.post("klantcontacten", {**KLANTCONTACT, "referentienummer": "77"})
    response = ki.post(
        "maak-klantcontact",
        {
            "klantcontact": {**KLANTCONTACT, "referentienummer": "77", "metadata": {"n": 1}},
            "betrokkene": BETROKKENE,
        },
    )
    assert invalid_names(response) == {"klantcontact.referentienummer", "klantcontact.metadata"}
    assert stored() == (1, 0, 0)


def test_service_checks_every_part_before_storing_any():
    with pytest.raises(ValidationError) as raised:
        service.maak_klantcontact(
            {"kanaal": "telefoon", "onderwerp": "", "taal": "nld", "vertrouwelijk": False},
            {"rol": "klant", "initiator": True, "contactnaam_voornaam": "x" * 201},
            {"onderwerpobjectidentificator_object_id": "x" * 201},
            ChangeContext(),
        )
    assert set(raised.value.message_dict) == {
        "klantcontact.onderwerp",
        "betrokkene.contactnaam_voornaam",
        "onderwerpobject.onderwerpobjectidentificator_object_id",
    }
    assert stored() == (0, 0, 0)


def test_a_failure_while_storing_rolls_everything_back(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Onderwerpobject, "save", fail)
    with pytest.raises(RuntimeError):
        service.maak_klantcontact(
            dict(kanaal="telefoon", onderwerp="Vraag", taal="nld", vertrouwelijk=False),
            {"rol": "klant", "initiator": True},
            {},
            ChangeContext(),
        )
    assert stored() == (0, 0, 0)
    assert not AuditTrail.objects.exists()


def test_klantbeelds_own_flows_add_the_actoren_in_the_same_unit():
    """R4: klantcontact, betrokkene and the handling actor are registered together."""
    medewerker = actor()
    klantcontact, betrokkene, _ = service.maak_klantcontact(
        dict(kanaal="telefoon", onderwerp="Vraag", taal="nld", vertrouwelijk=False),
        {"rol": "klant", "initiator": True},
        None,
        ChangeContext(applicatie="Klantbeeld"),
        actoren=[medewerker, medewerker],
    )
    assert betrokkene is not None and betrokkene.had_klantcontact_id == klantcontact.pk
    links = ActorKlantcontact.objects.filter(klantcontact=klantcontact)
    assert [link.actor_id for link in links] == [medewerker.pk]
