"""Sending a composed mail over SMTP. A recipient the server refuses for good (5xx) is a
permanent failure: the contact is marked not reached. Anything else (a 4xx, the server
unreachable, a time-out) is tried again later by the outbox."""

from __future__ import annotations

import smtplib
import ssl
from email.utils import parseaddr

from django.conf import settings

from klantbeeld.channels.email.opstellen import afzender
from klantbeeld.channels.uitgaand import VerzendFout
from klantbeeld.domain.models import Verzending
from klantbeeld.domain.services.verzenden import Bericht


def verstuur_mail(verzending: Verzending) -> str:
    if not settings.KLANTBEELD_SMTP_HOST:
        raise VerzendFout("KLANTBEELD_SMTP_HOST is niet ingesteld.", permanent=False)
    inhoud = bytes(verzending.inhoud)
    try:
        with _verbinding() as smtp:
            smtp.sendmail(_retouradres(), [verzending.adres], inhoud)
    except smtplib.SMTPRecipientsRefused as error:
        code, reden = next(iter(error.recipients.values()))
        raise VerzendFout(_tekst(code, reden), permanent=code >= 500) from error
    except smtplib.SMTPDataError as error:
        # 5xx after DATA is about this message (too large, refused content): for good.
        permanent = error.smtp_code >= 500
        raise VerzendFout(_tekst(error.smtp_code, error.smtp_error), permanent=permanent) from error
    except smtplib.SMTPResponseException as error:
        # Our login or sender address refused: the configuration's fault, not the
        # message's; tried again once it is fixed.
        raise VerzendFout(_tekst(error.smtp_code, error.smtp_error), permanent=False) from error
    except (OSError, smtplib.SMTPException) as error:
        raise VerzendFout(f"{type(error).__name__}: {error}", permanent=False) from error
    return verzending.bericht_id


def _verbinding() -> smtplib.SMTP:
    host, port = settings.KLANTBEELD_SMTP_HOST, settings.KLANTBEELD_SMTP_PORT
    timeout = settings.KLANTBEELD_SMTP_TIMEOUT
    beveiliging = settings.KLANTBEELD_SMTP_BEVEILIGING
    smtp: smtplib.SMTP
    if beveiliging == "ssl":
        smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(host, port, timeout=timeout)
        if beveiliging == "starttls":
            smtp.starttls(context=ssl.create_default_context())
    if settings.KLANTBEELD_SMTP_GEBRUIKER:
        smtp.login(settings.KLANTBEELD_SMTP_GEBRUIKER, settings.KLANTBEELD_SMTP_WACHTWOORD)
    return smtp


def _retouradres() -> str:
    """The envelope sender, where bounces go."""
    retour = parseaddr(settings.KLANTBEELD_EMAIL_RETOURADRES)[1]
    return retour or afzender(Bericht(kanaal="e-mail", adres="", onderwerp="", tekst=""))[1]


def _tekst(code: int, reden: bytes | str) -> str:
    if isinstance(reden, bytes):
        reden = reden.decode("utf-8", "replace")
    return f"{code} {reden}"
