"""Mail to customers over a real SMTP server (standins/mail): composed once with our own
Message-ID, threaded to the mail it answers, kept as the contact's document, sent by the
worker after commit; a refusal for good marks the contact not reached (C5655), anything
else is tried again."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from klantbeeld.domain.models import Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.intake import Contactadres, Deelnemer
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from standins.mail.smtp import SmtpServer, smtp_server
from standins.zgw import LocalZgw
from tests.domain.test_opvolging import BY, actor
from tests.domain.test_zoeken import persoon
from tests.integrations.conftest import drain, zgw  # noqa: F401

pytestmark = pytest.mark.django_db
AFZENDER = "Gemeente Voorbeeld <info@gemeente.local>"


@pytest.fixture
def smtp(settings, zgw: LocalZgw) -> Iterator[SmtpServer]:  # noqa: F811
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
        "url"
    ]
    with smtp_server(
        local_domains=["gemeente.local"], auth={"klantbeeld": "smtp-geheim"}
    ) as server:
        settings.KLANTBEELD_SMTP_HOST = server.host
        settings.KLANTBEELD_SMTP_PORT = server.port
        settings.KLANTBEELD_SMTP_BEVEILIGING = "geen"
        settings.KLANTBEELD_SMTP_GEBRUIKER = "klantbeeld"
        settings.KLANTBEELD_SMTP_WACHTWOORD = "smtp-geheim"
        settings.KLANTBEELD_EMAIL_AFZENDER = AFZENDER
        settings.KLANTBEELD_EMAIL_RETOURADRES = "bounces@gemeente.local"
        yield server


def mail(aan: str = "fatima@example.org", **velden) -> Verzending:
    bericht = Bericht(
        kanaal="e-mail",
        adres=aan,
        naam="Fatima El Amrani",
        onderwerp="Re: Afvalkalender",
        tekst="Beste mevrouw El Amrani,\n\nHet oud papier wordt dinsdag opgehaald.",
        **velden,
    )
    with ZgwZakenregister(by=BY) as register:
        verzending = verstuur(
            bericht,
            ontvanger=Deelnemer(
                achternaam="El Amrani",
                initiator=False,
                adressen=[Contactadres("email", aan)],
            ),
            actor=actor("Sanne de Vries"),
            by=BY,
            register=register,
        )
    assert verzending is not None
    return verzending


def parse(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def test_an_answer_is_sent_threaded_and_kept_as_the_contacts_document(smtp, zgw):  # noqa: F811
    verzending = mail(antwoord_op_bericht_id="<vraag-1@example.org>")
    assert smtp.messages == []  # nothing before the worker, after commit
    drain()
    ontvangen = smtp.wait_for()
    assert (ontvangen.mail_from, ontvangen.rcpt_tos) == (
        "bounces@gemeente.local",
        ("fatima@example.org",),
    )
    assert ontvangen.authenticated_as == "klantbeeld"
    verstuurd = ontvangen.message
    assert verstuurd["Message-ID"] == verzending.bericht_id
    assert verzending.bericht_id.endswith("@gemeente.local>")
    assert verstuurd["In-Reply-To"] == "<vraag-1@example.org>"
    assert verstuurd["From"] == AFZENDER and "Fatima El Amrani" in verstuurd["To"]
    assert "Auto-Submitted" not in verstuurd
    assert "dinsdag opgehaald" in verstuurd.get_content()
    # What was sent is the contact's document, byte for byte.
    [eio] = zgw.objects("enkelvoudiginformatieobjecten")
    assert eio["formaat"] == "message/rfc822" and eio["bestandsnaam"].endswith(".eml")
    assert parse(zgw.content_of(eio))["Message-ID"] == verzending.bericht_id
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD and verzending.verstuurd_op is not None


def test_an_automated_message_says_so_and_carries_its_attachment(smtp):
    from klantbeeld.domain.services.zaken import Bestand

    mail(
        automatisch=True,
        bijlagen=[Bestand("ontvangstbevestiging.pdf", b"%PDF-1.4 bevestiging", "application/pdf")],
    )
    drain()
    verstuurd = smtp.wait_for().message
    assert verstuurd["Auto-Submitted"] == "auto-generated"
    [bijlage] = list(verstuurd.iter_attachments())
    assert bijlage.get_filename() == "ontvangstbevestiging.pdf"
    assert bijlage.get_content() == b"%PDF-1.4 bevestiging"


def test_a_recipient_refused_for_good_marks_the_contact_not_reached(smtp):
    """C5655 at the SMTP server itself: 550 for an unknown local address."""
    verzending = mail(aan="bestaat-niet@gemeente.local")
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.MISLUKT and verzending.fout.startswith("550")
    assert verzending.klantcontact is not None
    assert verzending.klantcontact.indicatie_contact_gelukt is False


def test_an_unreachable_server_is_tried_again_later(smtp, settings):
    settings.KLANTBEELD_SMTP_PORT = 1  # nothing listens there
    verzending = mail()
    drain()
    message = OutboxMessage.objects.get(destination="verzending:e-mail")
    assert message.status == OutboxStatus.PENDING and message.attempts == 1
    assert "Connection" in message.last_error or "refused" in message.last_error
    settings.KLANTBEELD_SMTP_PORT = smtp.port
    message.next_attempt_at = message.aangemaakt_op
    message.save()
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD
    assert len(smtp.messages) == 1


def test_a_wrong_smtp_password_is_retried_not_given_up(smtp, settings):
    settings.KLANTBEELD_SMTP_WACHTWOORD = "fout"
    verzending = mail()
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.TE_VERSTUREN
    assert "535" in OutboxMessage.objects.get(destination="verzending:e-mail").last_error


def test_without_a_sender_address_nothing_is_registered(settings):
    """Mail is not offered (nor chosen for a zaakmelding) until a sender address is set."""
    settings.KLANTBEELD_EMAIL_AFZENDER = ""
    assert not verzenden.kan_versturen("e-mail")
    with pytest.raises(verzenden.GeenKanaal, match="niet ingesteld"):
        verstuur(
            Bericht(kanaal="e-mail", adres="jan@example.org", onderwerp="x", tekst="y"),
            ontvanger=Deelnemer(partij=persoon("Jan", "Jansen"), initiator=False),
            actor=actor("Sanne"),
            by=BY,
        )
    assert not Verzending.objects.exists()
