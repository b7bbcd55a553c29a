"""Every change writes its messages in its own transaction; nothing for a rolled-back one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from klantbeeld.domain.services import partijen
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.events.models import OutboxMessage, WebhookSubscription
from tests.klantinteracties.test_klantcontacten import KLANTCONTACT, ZAAK, persoon

pytestmark = pytest.mark.django_db

BASE = "https://klanten.example.nl"
KI = f"{BASE}/klantinteracties/api/v1"


@pytest.fixture(autouse=True)
def _public_root(settings):
    settings.KLANTBEELD_BASE_URL = BASE


@pytest.fixture
def subscription():
    return WebhookSubscription.objects.create(naam="KISS", url="https://kiss.example.nl/hook")


def payloads(destination: str | None = None, *, skip: str = "partijidentificator") -> list[dict]:
    """The messages written, oldest first (without those about ``skip``: ``persoon()``
    creates a partij with its BSN identificator, whose messages are not the point here)."""
    messages = OutboxMessage.objects.order_by("id")
    if destination:
        messages = messages.filter(destination=destination)
    return [m.payload for m in messages if skip not in (_resource(m.payload), None)]


def _resource(payload: dict) -> str:
    return payload["data"]["resource"] if "data" in payload else payload["resource"]


def test_a_change_gives_one_cloud_event_per_subscription(ki, subscription):
    partij = persoon(ki)
    [event] = payloads()
    assert event["specversion"] == "1.0"
    assert event["type"] == "nl.klantbeeld.partij.create"
    assert event["source"] == BASE
    assert event["subject"] == partij["uuid"]
    assert event["data"] == {
        "resource": "partij",
        "uuid": partij["uuid"],
        "url": f"{KI}/partijen/{partij['uuid']}",
        "actie": "create",
        "applicatie": "Test",
    }
    ki.patch(f"partijen/{partij['uuid']}", {"interneNotitie": "Belt vaak"})
    ki.delete(f"partijen/{partij['uuid']}")
    assert [p["type"] for p in payloads()][1:] == [
        "nl.klantbeeld.partij.update",
        "nl.klantbeeld.partij.destroy",
    ]
    assert len({p["id"] for p in payloads()}) == 3


def test_the_partij_identificator_is_announced_on_the_partij_kanaal(ki, settings):
    settings.KLANTBEELD_NRC_URL = "https://notificaties.example.nl/api/v1"
    partij = persoon(ki)
    [identificator] = [p for p in payloads("nrc", skip="") if p["resource"] != "partij"]
    assert identificator["kanaal"] == "partijen"
    assert identificator["resource"] == "partijidentificator"
    assert identificator["hoofdObject"] == f"{KI}/partijen/{partij['uuid']}"
    assert identificator["resourceUrl"].startswith(f"{KI}/partij-identificatoren/")


def test_subscriptions_choose_their_resources(ki, subscription):
    WebhookSubscription.objects.create(
        naam="Alleen contacten", url="https://x.example.nl/", resources=["klantcontact"]
    )
    WebhookSubscription.objects.create(naam="Uit", url="https://y.example.nl/", actief=False)
    partij = persoon(ki)
    ki.post(
        "maak-klantcontact",
        {
            "klantcontact": KLANTCONTACT,
            "betrokkene": {
                "rol": "klant",
                "initiator": True,
                "wasPartij": {"uuid": partij["uuid"]},
            },
            "onderwerpobject": {"onderwerpobjectidentificator": ZAAK},
        },
    )
    everything = payloads(f"webhook:{subscription.pk}")
    assert [p["data"]["resource"] for p in everything] == [
        "partij",
        "klantcontact",
        "betrokkene",
        "onderwerpobject",
    ]
    contacts_only = OutboxMessage.objects.filter(destination__startswith="webhook:").exclude(
        destination=f"webhook:{subscription.pk}"
    )
    assert [m.payload["data"]["resource"] for m in contacts_only] == ["klantcontact"]
    assert "partijidentificator" in {
        p["data"]["resource"] for p in payloads(f"webhook:{subscription.pk}", skip="")
    }


def test_a_refused_change_writes_no_message(ki, subscription):
    response = ki.post(
        "maak-klantcontact",
        {"klantcontact": KLANTCONTACT, "betrokkene": {"rol": "burger"}},
    )
    assert response.status_code == 400
    assert OutboxMessage.objects.count() == 0


def test_a_rolled_back_transaction_takes_its_messages_with_it(subscription):
    with pytest.raises(ValidationError), transaction.atomic():
        partijen.create_partij(
            {"soort_partij": "persoon", "indicatie_actief": True, "contactnaam_voornaam": "A"},
            ChangeContext(applicatie="test"),
        )
        assert OutboxMessage.objects.count() == 1
        raise ValidationError("later step fails")
    assert OutboxMessage.objects.count() == 0


def test_nrc_notifications_follow_open_klant(ki, settings):
    settings.KLANTBEELD_NRC_URL = "https://notificaties.example.nl/api/v1"
    partij = persoon(ki)
    [notificatie] = payloads("nrc")
    url = f"{KI}/partijen/{partij['uuid']}"
    assert notificatie == {
        "kanaal": "partijen",
        "source": "klantbeeld",
        "hoofdObject": url,
        "resource": "partij",
        "resourceUrl": url,
        "actie": "create",
        "aanmaakdatum": notificatie["aanmaakdatum"],
        # Empty kenmerken (interneNotitie) are left out: the standard wants a value.
        "kenmerken": {"nummer": partij["nummer"], "soortPartij": "persoon"},
    }
    assert notificatie["aanmaakdatum"].endswith("Z")


def test_sub_resources_are_announced_on_the_kanaal_of_their_main_object(ki, settings):
    settings.KLANTBEELD_NRC_URL = "https://notificaties.example.nl/api/v1"
    partij = persoon(ki)
    body = ki.post(
        "maak-klantcontact",
        {
            "klantcontact": {**KLANTCONTACT, "indicatieContactGelukt": True},
            "betrokkene": {
                "rol": "klant",
                "initiator": True,
                "wasPartij": {"uuid": partij["uuid"]},
            },
        },
    ).json()
    klantcontact_url = f"{KI}/klantcontacten/{body['klantcontact']['uuid']}"
    kc, betrokkene = payloads("nrc")[1:]
    assert (kc["kanaal"], kc["resource"], kc["hoofdObject"]) == (
        "klantcontacten",
        "klantcontact",
        klantcontact_url,
    )
    assert kc["kenmerken"]["indicatieContactGelukt"] == "true"
    assert (betrokkene["kanaal"], betrokkene["resource"], betrokkene["hoofdObject"]) == (
        "klantcontacten",
        "betrokkene",
        klantcontact_url,
    )
    assert betrokkene["resourceUrl"] == f"{KI}/betrokkenen/{body['betrokkene']['uuid']}"
    assert betrokkene["kenmerken"] == kc["kenmerken"]


def test_nothing_for_the_nrc_when_none_is_configured(ki, settings):
    settings.KLANTBEELD_NRC_URL = ""
    persoon(ki)
    assert OutboxMessage.objects.count() == 0


def test_subscriptions_are_looked_up_once_per_period_and_a_change_is_seen_at_once(
    ki, subscription, django_assert_num_queries
):
    from klantbeeld.events.outbox import active_subscriptions

    assert active_subscriptions() == [subscription]
    with django_assert_num_queries(0):
        assert active_subscriptions() == [subscription]
    subscription.actief = False
    subscription.save()
    assert active_subscriptions() == []


def test_deleting_a_partij_announces_everything_that_goes_with_it(ki, settings, subscription):
    settings.KLANTBEELD_NRC_URL = "https://notificaties.example.nl/api/v1"
    partij = persoon(ki)
    ref = {"uuid": partij["uuid"]}
    adres = ki.post(
        "digitaleadressen",
        {"verstrektDoorPartij": ref, "adres": "jan@example.nl", "soortDigitaalAdres": "email"},
    ).json()
    rekening = ki.post("rekeningnummers", {"partij": ref, "iban": "NL91ABNA0417164300"}).json()
    identificator = partij["partijIdentificatoren"][0]["uuid"]
    OutboxMessage.objects.all().delete()

    assert ki.delete(f"partijen/{partij['uuid']}").status_code == 204

    url = f"{KI}/partijen/{partij['uuid']}"
    nrc = payloads("nrc", skip="")
    destroyed = {(p["resource"], p["resourceUrl"]) for p in nrc if p["actie"] == "destroy"}
    assert destroyed == {
        ("partijidentificator", f"{KI}/partij-identificatoren/{identificator}"),
        ("digitaaladres", f"{KI}/digitaleadressen/{adres['uuid']}"),
        ("rekeningnummer", f"{KI}/rekeningnummers/{rekening['uuid']}"),
        ("partij", url),
    }
    assert {p["hoofdObject"] for p in payloads("nrc", skip="")} == {url}
    webhook_types = {p["type"] for p in payloads(f"webhook:{subscription.pk}", skip="")}
    assert webhook_types == {
        "nl.klantbeeld.partijidentificator.destroy",
        "nl.klantbeeld.digitaaladres.destroy",
        "nl.klantbeeld.rekeningnummer.destroy",
        "nl.klantbeeld.partij.destroy",
    }
