"""Escalating to TOPdesk and reading back, against the local TOPdesk over real HTTP: the
incident made through the outbox (retried while TOPdesk is away, failed for good on a
refusal, never made twice), the action sequence's call (authenticated, in the API error
format when not), polling as the fallback, and every update applied once."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from django.test import Client
from django.utils import timezone

from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Onderwerpobject
from klantbeeld.domain.models.internetaken import Gebeurtenis
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.events.worker import deliver_next
from klantbeeld.integrations.topdesk.bijwerken import peil
from klantbeeld.integrations.topdesk.client import TopdeskClient
from klantbeeld.integrations.topdesk.escaleren import escaleer
from klantbeeld.integrations.topdesk.models import Escalatie, Escalatiestatus
from standins.topdesk import LocalTopdesk, local_topdesk
from tests.domain.test_zoeken import adres, persoon
from tests.support.kanalen import Testkanalen, testkanalen
from tests.workspace.test_klantbeeld import contact

pytestmark = pytest.mark.django_db

GEBRUIKER, WACHTWOORD, SLEUTEL = "klantbeeld", "een-applicatiewachtwoord", "geheime-sleutel"


@pytest.fixture
def topdesk(settings: Any) -> Iterator[LocalTopdesk]:
    with local_topdesk(GEBRUIKER, WACHTWOORD) as td:
        settings.KLANTBEELD_TOPDESK_URL = td.url
        settings.KLANTBEELD_TOPDESK_GEBRUIKER = GEBRUIKER
        settings.KLANTBEELD_TOPDESK_WACHTWOORD = WACHTWOORD
        settings.KLANTBEELD_TOPDESK_TIMEOUT = 3
        settings.KLANTBEELD_TOPDESK_TERUGMELD_SLEUTEL = SLEUTEL
        yield td
        assert td.violations == []


@pytest.fixture
def mail() -> Iterator[Testkanalen]:
    with testkanalen("e-mail", met_document=False) as kanalen:
        yield kanalen


@pytest.fixture
def taak() -> InterneTaak:
    jan = persoon("Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    adres(jan, "telefoonnummer", "0612345678")
    kc = contact(jan, "Lantaarnpaal kapot")
    kc.referentienummer = "0000042"
    kc.save()
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc,
        gevraagde_handeling="Uitzoeken",
        status="te_verwerken",
        referentienummer="0000007",
    )
    return taak


def sanne() -> Actor:
    return Actor.objects.create(naam="Sanne de Vries", soort_actor="medewerker")


def escaleer_taak(taak: InterneTaak, **velden: Any) -> Escalatie:
    return escaleer(
        contact=taak.aanleidinggevend_klantcontact,
        taak=taak,
        korte_omschrijving=velden.get("korte_omschrijving", "Lantaarnpaal kapot"),
        verzoek="Lantaarnpaal bij Dorpsstraat 5 brandt niet.",
        categorie=velden.get("categorie", "Openbare ruimte/Verlichting"),
        operatorgroep="",
        medewerker=sanne(),
    )


def drain() -> None:
    with httpx.Client(timeout=5) as client:
        while deliver_next(client):
            pass


def geschiedenis(taak: InterneTaak) -> list[tuple[str, str]]:
    return [(g.soort, g.toelichting) for g in taak.gebeurtenissen.order_by("moment", "id")]


def test_the_incident_is_made_through_the_outbox_with_our_reference_and_the_caller(
    topdesk: LocalTopdesk, taak: InterneTaak
):
    escalatie = escaleer_taak(taak)
    assert escalatie.status == Escalatiestatus.TE_MELDEN and topdesk.incidents == {}
    drain()
    escalatie.refresh_from_db()
    [incident] = topdesk.incidents.values()
    assert (escalatie.status, escalatie.incident_nummer) == ("gemeld", incident.nummer)
    assert incident.data["externalNumber"] == "0000007"
    assert incident.data["caller"] == {
        "id": None,
        "branch": None,
        "dynamicName": "Jan Jansen",
        "email": "jan@example.nl",
        "phoneNumber": "0612345678",
    }
    assert incident.data["category"]["name"] == "Openbare ruimte"
    assert incident.data["subcategory"]["name"] == "Verlichting"
    assert [s for s, _ in geschiedenis(taak)] == ["naar_topdesk", "topdesk_gemeld"]


def test_topdesk_away_is_tried_again_and_a_refusal_fails_with_its_reason(
    topdesk: LocalTopdesk, taak: InterneTaak
):
    escalatie = escaleer_taak(taak)
    topdesk.failing = 503
    drain()  # tried once; due again after the back-off
    topdesk.violations.clear()  # the stand-in's 503 is not in TOPdesk's document
    escalatie.refresh_from_db()
    bericht = OutboxMessage.objects.get(destination="topdesk")
    assert escalatie.status == "te_melden" and "tijdelijk niet beschikbaar" in escalatie.fout
    assert (bericht.status, bericht.attempts) == (OutboxStatus.PENDING, 1)
    assert bericht.next_attempt_at > timezone.now()
    OutboxMessage.objects.filter(pk=bericht.pk).update(next_attempt_at=timezone.now())
    topdesk.failing = None
    drain()
    escalatie.refresh_from_db()
    assert escalatie.status == "gemeld" and escalatie.fout == ""

    # A refusal that stays (TOPdesk's 400): failed at once, TOPdesk's words shown.
    ander = Klantcontact.objects.create(
        kanaal="telefoon", onderwerp="x", inhoud="y", taal="nld", vertrouwelijk=False
    )
    tweede = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=ander, gevraagde_handeling="x", status="te_verwerken"
    )
    mislukt = escaleer_taak(tweede)
    topdesk.failing = 400
    drain()
    mislukt.refresh_from_db()
    assert mislukt.status == Escalatiestatus.MISLUKT and "weigert" in mislukt.fout
    bericht = OutboxMessage.objects.filter(destination="topdesk").order_by("-id").first()
    assert bericht is not None and (bericht.status, bericht.attempts) == ("dead", 1)
    assert geschiedenis(tweede)[-1][0] == "topdesk_mislukt"


def test_a_lost_answer_makes_no_second_incident(topdesk: LocalTopdesk, taak: InterneTaak):
    """The worker killed after TOPdesk made the incident, before it stored that: the try
    again finds the incident by our reference."""
    escalatie = escaleer_taak(taak)
    drain()
    Escalatie.objects.filter(pk=escalatie.pk).update(
        status="te_melden", incident_id="", incident_nummer=""
    )
    OutboxMessage.objects.filter(destination="topdesk").update(
        status=OutboxStatus.PENDING, next_attempt_at=timezone.now()
    )
    drain()
    escalatie.refresh_from_db()
    assert len(topdesk.incidents) == 1
    assert escalatie.incident_id == next(iter(topdesk.incidents))


def test_one_escalation_of_a_task_at_a_time_and_a_long_description_refused(
    topdesk: LocalTopdesk, taak: InterneTaak
):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        escaleer_taak(taak, korte_omschrijving="x" * 81)
    escaleer_taak(taak)
    with pytest.raises(ValidationError):
        escaleer_taak(taak)
    assert Escalatie.objects.count() == 1


def test_the_callback_refuses_a_wrong_or_missing_secret_in_the_api_error_format(
    topdesk: LocalTopdesk, taak: InterneTaak
):
    url = "/koppelingen/topdesk/terugmelding"
    client = Client()
    for headers in ({}, {"Authorization": "Bearer fout"}, {"Authorization": SLEUTEL}):
        answer = client.post(url, {"id": "x"}, content_type="application/json", headers=headers)
        assert answer.status_code == 401
        fout = answer.json()  # the APIs' error format
        assert (fout["status"], fout["code"]) == (401, "not_authenticated")
        assert fout["detail"] == "Onjuiste of ontbrekende Authorization."
    ok = {"Authorization": f"Bearer {SLEUTEL}"}
    leeg = client.post(url, {}, content_type="application/json", headers=ok)
    assert leeg.status_code == 400 and leeg.json()["invalidParams"][0]["name"] == "id"
    onbekend = client.post(url, {"id": "onbekend"}, content_type="application/json", headers=ok)
    assert onbekend.status_code == 202
    assert not OutboxMessage.objects.filter(destination="topdesk-bijwerken").exists()


def test_callback_then_closure_updates_the_task_and_tells_the_customer_once(
    topdesk: LocalTopdesk, taak: InterneTaak, mail: Testkanalen
):
    escalatie = escaleer_taak(taak)
    drain()
    escalatie.refresh_from_db()
    topdesk.actie(escalatie.incident_id, "Intern: monteur ingepland", zichtbaar=False)
    topdesk.actie(escalatie.incident_id, "De monteur komt donderdag.")
    topdesk.zet_status(escalatie.incident_id, "In behandeling")
    client = Client()
    ok = {"Authorization": f"Bearer {SLEUTEL}"}
    body = {"id": "klopt-niet", "number": escalatie.incident_nummer}  # read from TOPdesk
    for _ in range(2):  # a call twice: applied once
        answer = client.post(
            "/koppelingen/topdesk/terugmelding", body, content_type="application/json", headers=ok
        )
        assert answer.status_code == 202
    drain()
    assert geschiedenis(taak)[2:] == [
        (Gebeurtenis.TOPDESK_ACTIE, "De monteur komt donderdag."),
        (Gebeurtenis.TOPDESK_STATUS, "In behandeling"),
    ]

    topdesk.sluit(escalatie.incident_id, "De lantaarnpaal is gerepareerd.")
    for _ in range(2):
        client.post(
            "/koppelingen/topdesk/terugmelding", body, content_type="application/json", headers=ok
        )
        drain()
    taak.refresh_from_db()
    escalatie.refresh_from_db()
    assert taak.status == "verwerkt" and taak.afgehandeld_op is not None
    assert escalatie.status == "gesloten"
    soorten = [s for s, _ in geschiedenis(taak)]
    assert soorten.count(Gebeurtenis.TOPDESK_GESLOTEN) == 1
    assert soorten[-1] == Gebeurtenis.AFGEHANDELD
    [bericht] = mail.opgesteld
    assert bericht.adres == "jan@example.nl"
    assert "De lantaarnpaal is gerepareerd." in bericht.tekst and "0000007" in bericht.tekst
    # R9: a follow-up contact of the escalated one, the customer not the initiator.
    vervolg = escalatie.bericht_klantcontact
    assert vervolg is not None and vervolg.kanaal == "e-mail"
    link = Onderwerpobject.objects.get(klantcontact=vervolg)
    assert link.was_klantcontact_id == taak.aanleidinggevend_klantcontact_id
    assert [b.initiator for b in vervolg.betrokkenen.all()] == [False]


def test_polling_picks_up_a_change_whose_call_was_missed(
    topdesk: LocalTopdesk, taak: InterneTaak, mail: Testkanalen
):
    escalatie = escaleer_taak(taak)
    drain()
    escalatie.refresh_from_db()
    topdesk.actie(escalatie.incident_id, "Onderdeel besteld.")  # no action sequence set up
    with TopdeskClient() as client:
        assert peil(client) == 1
        assert peil(client) == 1  # looked at again (the margin), nothing new
    assert [s for s, _ in geschiedenis(taak)].count(Gebeurtenis.TOPDESK_ACTIE) == 1
    later = timezone.now() + datetime.timedelta(minutes=10)
    topdesk.klok = lambda: later
    topdesk.sluit(escalatie.incident_id, "Vervangen.")
    with TopdeskClient() as client:
        peil(client)
    taak.refresh_from_db()
    assert taak.status == "verwerkt" and len(mail.opgesteld) == 1


def test_a_customer_without_a_channel_leaves_the_task_open_saying_why(
    topdesk: LocalTopdesk, mail: Testkanalen
):
    kc = Klantcontact.objects.create(
        kanaal="telefoon", onderwerp="x", inhoud="y", taal="nld", vertrouwelijk=False
    )
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc, gevraagde_handeling="x", status="te_verwerken"
    )
    escalatie = escaleer_taak(taak)
    drain()
    escalatie.refresh_from_db()
    topdesk.sluit(escalatie.incident_id, "Klaar.")
    with TopdeskClient() as client:
        peil(client)
    taak.refresh_from_db()
    escalatie.refresh_from_db()
    assert taak.status == "te_verwerken" and escalatie.status == "gesloten"
    assert "Geen kanaal" in escalatie.bericht_fout and mail.opgesteld == []
