"""SMS to customers through the SMS provider's stand-in (Twilio's API over real HTTP), with
its signed delivery reports posted to Klantbeeld's live server: a zaakmelding reaches the
provider, "delivered" marks it afgeleverd, an unreachable number marks the contact not
reached (C5655), a report not signed by the provider is refused and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from klantbeeld.channels.sms.models import Smsstatus
from klantbeeld.channels.sms.opstellen import MAX_TEKENS, segmenten, stel_op
from klantbeeld.domain.models import Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.intake import Bron, Contactadres, Deelnemer
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.domain.services.zaken import Bestand
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from standins.sms import LocalSmsProvider, sms_provider
from tests.domain.test_opvolging import BY, actor
from tests.integrations.conftest import drain

ACCOUNT = "AC" + "7e" * 16
TOKEN = "sms-auth-token-van-de-gemeente"
AFZENDER = "Gemeente"
INWONER = "+31612345678"
ONBEREIKBAAR = "+31611111111"
VAST_NUMMER = "+31201234567"


@dataclass
class Sms:
    provider: LocalSmsProvider
    url: str  # Klantbeeld's live server


@pytest.fixture
def sms(settings, live_server) -> Iterator[Sms]:
    with sms_provider(
        {ACCOUNT: TOKEN},
        senders=[AFZENDER],
        unreachable=[ONBEREIKBAAR],
        not_mobile=[VAST_NUMMER],
        # Klantbeeld runs in this process: on SQLite its threads share the test's database
        # connection, so the reports are posted when the test asks (reports_answered).
        automatic_reports=False,
    ) as provider:
        settings.KLANTBEELD_BASE_URL = live_server.url
        settings.KLANTBEELD_SMS_URL = provider.url
        settings.KLANTBEELD_SMS_ACCOUNT_SID = ACCOUNT
        settings.KLANTBEELD_SMS_AUTH_TOKEN = TOKEN
        settings.KLANTBEELD_SMS_SENDER = AFZENDER
        yield Sms(provider, live_server.url)
    assert provider.violations == []


def zaakmelding(aan: str = "06-12 34 56 78", tekst: str = "") -> Verzending:
    """C0322: the message about a zaak's new status, on the customer's SMS number."""
    verzending = verstuur(
        Bericht(
            kanaal="sms",
            adres=aan,
            onderwerp="Uw melding ZAAK-2025-0042: in behandeling",
            tekst=tekst or "Gemeente: uw melding over de losliggende stoeptegel is in behandeling.",
            automatisch=True,
        ),
        ontvanger=Deelnemer(initiator=False, adressen=[Contactadres("telefoonnummer", aan)]),
        actor=actor("Notificatieservice", "geautomatiseerde_actor"),
        by=BY,
        bron=Bron("zaakstatus", f"status-{aan}-{len(tekst)}"),
    )
    assert verzending is not None
    return verzending


def reports_answered(sms: Sms, count: int) -> None:
    """Wait until the provider posted ``count`` reports and Klantbeeld answered each."""
    sms.provider.post_reports()
    callbacks = sms.provider.wait_for_callbacks(count)
    assert [c.answer for c in callbacks] == [204] * count, [c.error for c in callbacks]


def test_sms_is_offered_only_while_the_provider_is_set_up(settings):
    assert not verzenden.kan_versturen("sms")
    settings.KLANTBEELD_SMS_ACCOUNT_SID = ACCOUNT
    settings.KLANTBEELD_SMS_AUTH_TOKEN = TOKEN
    assert not verzenden.kan_versturen("sms")  # no sender yet
    settings.KLANTBEELD_SMS_SENDER = AFZENDER
    assert verzenden.kan_versturen("sms")


def test_c0322_a_zaakmelding_by_sms_reaches_the_provider_and_is_marked_delivered(sms):
    verzending = zaakmelding()
    assert sms.provider.messages == []  # nothing before the worker, after commit
    drain()
    [verstuurd] = sms.provider.wait_for(1)
    assert (verstuurd.to, verstuurd.sender) == (INWONER, AFZENDER)
    assert verstuurd.body == verzending.tekst
    assert verstuurd.status_callback == (
        f"{sms.url}/kanalen/sms/status?reference={verzending.uuid}"
    )
    verzending.refresh_from_db()
    assert (verzending.status, verzending.bericht_id) == (Verzendstatus.VERSTUURD, verstuurd.sid)

    reports_answered(sms, 2)  # sent, delivered
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.AFGELEVERD
    assert verzending.klantcontact is not None
    assert verzending.klantcontact.indicatie_contact_gelukt is None  # read? unknown


def test_an_unreachable_number_marks_the_contact_not_reached(sms):
    verzending = zaakmelding(ONBEREIKBAAR)
    drain()
    reports_answered(sms, 2)  # sent, undelivered (30003)
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.MISLUKT
    assert "30003" in verzending.fout and "onbereikbaar" in verzending.fout
    assert verzending.klantcontact is not None
    assert verzending.klantcontact.indicatie_contact_gelukt is False


def test_a_report_delivered_twice_is_recorded_once(sms):
    verzending = zaakmelding(ONBEREIKBAAR)
    drain()
    reports_answered(sms, 2)
    drain()
    laatste = sms.provider.callbacks[-1]
    again = httpx.post(
        laatste.url,
        data=laatste.params,
        headers={"X-Twilio-Signature": laatste.signature},
    )
    assert again.status_code == 204
    assert Smsstatus.objects.count() == 1
    assert not OutboxMessage.objects.filter(
        destination="sms:status", status=OutboxStatus.PENDING
    ).exists()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.MISLUKT


def test_a_report_not_signed_by_the_provider_is_refused_and_changes_nothing(sms):
    verzending = zaakmelding()
    drain()
    reports_answered(sms, 2)
    echt = sms.provider.callbacks[-1]
    vervalst = {**echt.params, "MessageStatus": "undelivered", "ErrorCode": "30005"}
    for handtekening in (echt.signature, "", "bm90LWV2ZW4tY2xvc2U="):
        answer = httpx.post(echt.url, data=vervalst, headers={"X-Twilio-Signature": handtekening})
        assert answer.status_code == 403
    # The real one for another Verzending: the reference is part of what is signed.
    elders = echt.url.replace(str(verzending.uuid), "0190a5f4-0000-7000-8000-000000000000")
    answer = httpx.post(elders, data=echt.params, headers={"X-Twilio-Signature": echt.signature})
    assert answer.status_code == 403
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.AFGELEVERD
    assert verzending.klantcontact is not None
    assert verzending.klantcontact.indicatie_contact_gelukt is None


def test_a_number_the_provider_refuses_for_good_marks_the_contact_at_once(sms):
    verzending = zaakmelding(VAST_NUMMER)
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.MISLUKT and "21614" in verzending.fout
    assert verzending.klantcontact is not None
    assert verzending.klantcontact.indicatie_contact_gelukt is False


def test_credentials_the_provider_refuses_keep_the_message_for_later(sms, settings):
    settings.KLANTBEELD_SMS_AUTH_TOKEN = "verkeerd"
    verzending = zaakmelding()
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.TE_VERSTUREN
    message = OutboxMessage.objects.get(destination="verzending:sms")
    assert message.status == OutboxStatus.PENDING and "20003" in message.last_error


# -- composing ----------------------------------------------------------------------------


def test_a_long_text_is_cut_to_what_the_provider_takes():
    opgesteld = stel_op(Bericht(kanaal="sms", adres=INWONER, onderwerp="o", tekst="ab " * 700))
    tekst = opgesteld.inhoud.decode("utf-8")
    assert MAX_TEKENS - 2 <= len(tekst) <= MAX_TEKENS and tekst.endswith("…")
    assert opgesteld.document is None


@pytest.mark.parametrize(
    ("bericht", "fout"),
    [
        (Bericht(kanaal="sms", adres="0612", onderwerp="o", tekst="t"), "geen telefoonnummer"),
        (Bericht(kanaal="sms", adres=INWONER, onderwerp="o", tekst="  "), "zonder tekst"),
        (
            Bericht(
                kanaal="sms",
                adres=INWONER,
                onderwerp="o",
                tekst="t",
                bijlagen=[Bestand("brief.pdf", b"%PDF", "application/pdf")],
            ),
            "bijlagen",
        ),
    ],
)
def test_what_cannot_go_by_sms_is_refused_before_anything_is_registered(bericht, fout):
    with pytest.raises(ValueError, match=fout):
        stel_op(bericht)


@pytest.mark.parametrize(
    ("tekst", "delen"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("€" * 80, 1),  # two septets each
        ("€" * 81, 2),
        ("Café é à ü", 1),  # GSM 03.38 has these
        ("ë" * 70, 1),  # it has not this one: UCS-2
        ("ë" + "a" * 70, 2),
    ],
)
def test_the_parts_a_text_goes_in(tekst, delen):
    assert segmenten(tekst) == delen
