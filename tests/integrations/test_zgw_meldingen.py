"""A zaak's new status, announced through the notification callback, is read from the Zaken
and Catalogi APIs and reaches the partijen the zaak's rollen name, even when no klantcontact
is about that zaak, and those with a klantcontact about it (C0322). What is sent, and how,
is tests/channels/test_zaakmeldingen.py's."""

from __future__ import annotations

import pytest
from django.test import Client

from klantbeeld.demo.numbers import bsn, kvk_nummer
from klantbeeld.domain.models import Zaakmelding
from klantbeeld.events.models import InboxNotification, OutboxStatus
from klantbeeld.events.nrc import now_text
from klantbeeld.events.worker import handle_next
from standins.zgw import LocalZgw
from tests.cases.helpers import organisatie, persoon

pytestmark = pytest.mark.django_db

CALLBACK_AUTH = "Bearer callback-geheim-dat-alleen-de-nrc-kent"


def notify(zaak: dict, status: dict) -> None:
    response = Client().post(
        "/notificaties/callback",
        {
            "kanaal": "zaken",
            "hoofdObject": zaak["url"],
            "resource": "status",
            "resourceUrl": status["url"],
            "actie": "create",
            "aanmaakdatum": now_text(),
            "kenmerken": {"zaaktype": zaak["zaaktype"]},
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=CALLBACK_AUTH,
    )
    assert response.status_code == 204, response.content
    while handle_next():
        pass


@pytest.fixture(autouse=True)
def _callback(settings):
    settings.KLANTBEELD_NRC_CALLBACK_AUTH = CALLBACK_AUTH


def test_a_status_reaches_the_person_and_organisation_named_in_the_rollen(zgw: LocalZgw, ki):
    jan = persoon(ki, 1, "Jan", "Jansen")
    bakker = organisatie(ki, 3, "Bakkerij De Korf")
    persoonlijk = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))
    zakelijk = zgw.add_zaak("SUBSIDIE", omschrijving="Subsidie", kvk=kvk_nummer(3))

    notify(persoonlijk, zgw.add_status(persoonlijk, "Afgehandeld"))
    notify(zakelijk, zgw.add_status(zakelijk, "Besluit genomen"))

    meldingen = {
        str(m.partij.uuid): (m.zaak, m.zaak_identificatie, m.status_omschrijving)
        for m in Zaakmelding.objects.all()
    }
    assert meldingen == {
        jan["uuid"]: (persoonlijk["url"], persoonlijk["identificatie"], "Afgehandeld"),
        bakker["uuid"]: (zakelijk["url"], zakelijk["identificatie"], "Besluit genomen"),
    }


def test_an_unreachable_register_has_the_notification_handled_again(zgw: LocalZgw, ki):
    persoon(ki, 1, "Jan", "Jansen")
    zaak = zgw.add_zaak("MOR", omschrijving="Melding", bsn=bsn(1))
    status = zgw.add_status(zaak, "Afgehandeld")
    zgw.failing = True
    notify(zaak, status)
    inbox = InboxNotification.objects.get()
    assert inbox.status == OutboxStatus.PENDING
    assert "HTTP 503" in inbox.last_error
    assert not Zaakmelding.objects.exists()

    zgw.failing = False
    InboxNotification.objects.update(next_attempt_at=inbox.ontvangen_op)
    while handle_next():
        pass
    assert Zaakmelding.objects.count() == 1


def test_a_zaak_in_a_register_klantbeeld_does_not_know_uses_onderwerpobjecten_only(db):
    zaak = {
        "url": "https://elders.example.nl/zaken/api/v1/zaken/1",
        "zaaktype": "https://elders.example.nl/catalogi/api/v1/zaaktypen/1",
    }
    notify(zaak, {"url": "https://elders.example.nl/zaken/api/v1/statussen/1"})
    assert InboxNotification.objects.get().status == OutboxStatus.DELIVERED
    assert not Zaakmelding.objects.exists()


def test_a_partij_with_a_contact_about_the_zaak_hears_of_it_without_a_rol(zgw: LocalZgw, ki):
    from tests.cases.helpers import Betrokkene, medewerker, register, zaak

    jan = persoon(ki, 1, "Jan", "Jansen")
    bestaand = zgw.add_zaak("MOR", omschrijving="Melding", bsn=bsn(2))
    register(
        ki,
        kanaal="telefoon",
        onderwerp="Melding",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=jan)],
        onderwerpobjecten=[zaak(bestaand["uuid"])],
    )
    notify(bestaand, zgw.add_status(bestaand, "Afgehandeld"))
    assert InboxNotification.objects.get().status == OutboxStatus.DELIVERED
    assert [str(m.partij.uuid) for m in Zaakmelding.objects.all()] == [jan["uuid"]]


def test_a_register_that_refuses_for_good_is_not_asked_again(zgw: LocalZgw, ki, caplog):
    """A refusal that will stay (403: no rights for this zaaktype) is not retried; without
    the statustype nobody can say whether to inform, so nobody is told."""
    from klantbeeld.integrations.models import ZgwService

    persoon(ki, 1, "Jan", "Jansen")
    zaak = zgw.add_zaak("MOR", omschrijving="Melding", bsn=bsn(1))
    status = zgw.add_status(zaak, "Afgehandeld")
    ZgwService.objects.update(secret="een-geheim-dat-open-zaak-niet-kent-32")
    notify(zaak, status)
    assert InboxNotification.objects.get().status == OutboxStatus.DELIVERED
    assert not Zaakmelding.objects.exists()
    assert "HTTP 403" in caplog.text
