"""Composing a mail to a customer: a plain-text MIME message with its own Message-ID (so
the customer's reply threads back to the contact), the In-Reply-To and References of the
mail it answers, and its attachments. The same bytes are sent and kept as the contact's
document (``.eml``)."""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, make_msgid, parseaddr

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from klantbeeld.domain.services.verzenden import Bericht, Opgesteld
from klantbeeld.domain.services.zaken import Bestand

# Marks our own mail (and lets an intake recognise it coming back: a loop).
KOPTEKST_KLANTBEELD = "X-Klantbeeld-Verzending"


def ingesteld() -> bool:
    """Mail can be composed: the organisation's sender address is set (sending also needs
    an SMTP server; without one, mail waits in the outbox)."""
    return "@" in parseaddr(settings.KLANTBEELD_EMAIL_AFZENDER)[1]


def afzender(bericht: Bericht) -> tuple[str, str]:
    """(display name, address) of the From: the mailbox the conversation came in on, or
    the organisation's default; a mailbox's bare address gets the organisation's name."""
    standaard_naam, standaard = parseaddr(settings.KLANTBEELD_EMAIL_AFZENDER)
    naam, adres = parseaddr(bericht.afzender) if bericht.afzender else ("", "")
    adres = adres or standaard
    if not adres or "@" not in adres:
        raise ImproperlyConfigured(
            "KLANTBEELD_EMAIL_AFZENDER is niet ingesteld: e-mail kan niet worden opgesteld."
        )
    return naam or standaard_naam or settings.KLANTBEELD_ORGANISATIE_NAAM, adres


def stel_op(bericht: Bericht) -> Opgesteld:
    naam, van = afzender(bericht)
    domein = van.rsplit("@", 1)[1]
    bericht_id = make_msgid(domain=domein)
    mail = EmailMessage(policy=SMTP)
    mail["From"] = formataddr((naam, van))
    mail["To"] = _aan(bericht)
    mail["Subject"] = bericht.onderwerp
    mail["Date"] = format_datetime(timezone.localtime())
    mail["Message-ID"] = bericht_id
    if bericht.antwoord_op_bericht_id:
        eerder = bericht.antwoord_op_bericht_id.strip()
        mail["In-Reply-To"] = eerder
        mail["References"] = eerder
    if bericht.automatisch:
        # RFC 3834: an auto-responder does not answer this.
        mail["Auto-Submitted"] = "auto-generated"
    mail[KOPTEKST_KLANTBEELD] = "1"
    mail.set_content(bericht.tekst)
    for bijlage in bericht.bijlagen:
        _voeg_toe(mail, bijlage)
    inhoud = mail.as_bytes()
    document = Bestand(
        naam=_bestandsnaam(bericht.onderwerp), inhoud=inhoud, formaat="message/rfc822"
    )
    return Opgesteld(inhoud=inhoud, bericht_id=bericht_id, document=document)


def _aan(bericht: Bericht) -> str:
    gebruiker, _, domein = bericht.adres.strip().rpartition("@")
    if not gebruiker or not domein:
        raise ValueError(f"Geen e-mailadres: {bericht.adres!r}")
    return str(Address(display_name=bericht.naam, username=gebruiker, domain=domein))


def _voeg_toe(mail: EmailMessage, bijlage: Bestand) -> None:
    hoofd, _, sub = (bijlage.formaat or "application/octet-stream").partition("/")
    mail.add_attachment(
        bijlage.inhoud,
        maintype=hoofd or "application",
        subtype=sub or "octet-stream",
        filename=bijlage.naam,
    )


def _bestandsnaam(onderwerp: str) -> str:
    stam = re.sub(r"[^\w.-]+", "-", onderwerp, flags=re.UNICODE).strip("-")[:60]
    return f"{stam or 'e-mail'}.eml"
