"""What kind of mail this is, before anything is registered: a customer's message, or
something that must stay out of the work queue:

- a loop: our own mail come back (our header ``X-Klantbeeld-Verzending``, or the
  Message-ID of a mail we sent), or a mail that went round too many servers;
- a bounce (RFC 3464 ``multipart/report; report-type=delivery-status``, or the common
  non-standard ones from MAILER-DAEMON/postmaster with the original attached or quoted):
  the ids of the mail it bounces and whether delivery failed for good;
- automatic or bulk mail: RFC 3834 ``Auto-Submitted`` other than ``no``, ``Precedence``
  bulk/junk/list/auto_reply, any ``List-*`` field (RFC 2369/2919), the auto-reply marks of
  common software (``X-Autoreply``, ``X-Autorespond``, ``X-Auto-Response-Suppress``), a
  read receipt (RFC 8098), or an empty ``Return-Path`` (the null sender RFC 3834 asks of
  automatic replies).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message

from klantbeeld.channels.email.lezen import (
    afzender,
    bericht_id_van,
    bericht_ids,
    kop,
    kopwaarden,
    ontleed,
)
from klantbeeld.channels.email.opstellen import KOPTEKST_KLANTBEELD
from klantbeeld.channels.email.tekens import tekst_uit_bytes

# More trace fields than any honest route has (RFC 5321 6.3 asks for a limit of at
# least 100; mail between a citizen and a municipality passes a handful of servers).
MAX_STATIONS = 30
_BULK = frozenset({"bulk", "junk", "list", "auto_reply"})
_AUTOMAAT_KOPPEN = ("X-Autoreply", "X-Autorespond", "X-Auto-Response-Suppress")
_DAEMONS = frozenset({"mailer-daemon", "mailerdaemon", "mail-daemon", "postmaster"})
_BOUNCE_ONDERWERP = re.compile(
    r"undeliver|undelivered|returned mail|failure notice|delivery (status notification|"
    r"failure|has failed|failed)|mail delivery (failed|failure|system)|niet (bezorgd|"
    r"afgeleverd)|onbestelbaar|kan niet worden (bezorgd|afgeleverd)|unzustellbar|non remis",
    re.IGNORECASE,
)
_VERTRAAGD = re.compile(r"delay|vertraagd|warning|verz[oö]gert", re.IGNORECASE)
_STATUSCODE = re.compile(r"\b[45]\.\d{1,3}\.\d{1,3}\b")
_BERICHT_ID_REGEL = re.compile(rb"^message-id:\s*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Onbestelbaar:
    """A bounce: the Message-IDs of the mail it is about (the first that names one of
    ours counts), whether delivery failed for good, and what the server said."""

    bericht_ids: tuple[str, ...]
    mislukt: bool
    reden: str


@dataclass(frozen=True)
class Herkenning:
    soort: str  # KLANTCONTACT, AUTOMATISCH, LUS or ONBESTELBAAR
    reden: str = ""
    onbestelbaar: Onbestelbaar | None = None


KLANTCONTACT = "klantcontact"
AUTOMATISCH = "automatisch"
LUS = "lus"
ONBESTELBAAR = "onbestelbaar"


def herken(bericht: Message, *, eigen_bericht: Callable[[str], bool]) -> Herkenning:
    """``eigen_bericht(message_id)`` tells whether we sent a mail with that id."""
    lus = _lus(bericht, eigen_bericht)
    if lus:
        return Herkenning(LUS, lus)
    melding = onbestelbaar(bericht)
    if melding is not None:
        return Herkenning(ONBESTELBAAR, melding.reden, melding)
    automatisch = _automatisch(bericht)
    if automatisch:
        return Herkenning(AUTOMATISCH, automatisch)
    return Herkenning(KLANTCONTACT)


def _lus(bericht: Message, eigen_bericht: Callable[[str], bool]) -> str:
    if kopwaarden(bericht, KOPTEKST_KLANTBEELD):
        return f"Lus: een eigen bericht ({KOPTEKST_KLANTBEELD}) kwam terug."
    bericht_id = bericht_id_van(bericht)
    if bericht_id and eigen_bericht(bericht_id):
        return "Lus: het Message-ID is dat van een verzonden bericht."
    stations = len(kopwaarden(bericht, "Received"))
    if stations > MAX_STATIONS:
        return f"Lus: {stations} Received-regels (meer dan {MAX_STATIONS})."
    return ""


def _automatisch(bericht: Message) -> str:
    automatisch = kop(bericht, "Auto-Submitted").split(";", 1)[0].strip().lower()
    if automatisch and automatisch != "no":
        return f"Automatisch verstuurd (Auto-Submitted: {automatisch})."
    voorrang = kop(bericht, "Precedence").strip().lower()
    if voorrang in _BULK:
        return f"Massa- of lijstmail (Precedence: {voorrang})."
    for naam, _ in bericht.raw_items():
        if naam.lower().startswith("list-"):
            return f"Lijstmail ({naam})."
    for naam in _AUTOMAAT_KOPPEN:
        if kopwaarden(bericht, naam):
            return f"Automatisch antwoord ({naam})."
    if _rapport(bericht) == "disposition-notification":
        return "Leesbevestiging (disposition-notification)."
    if kop(bericht, "Return-Path").replace(" ", "") == "<>":
        return "Automatisch bericht: lege afzender (Return-Path: <>)."
    return ""


def _rapport(bericht: Message) -> str:
    if bericht.get_content_type() != "multipart/report":
        return ""
    return str(bericht.get_param("report-type") or "").lower()


# -- bounces ----------------------------------------------------------------------------------


def onbestelbaar(bericht: Message) -> Onbestelbaar | None:
    if _rapport(bericht) == "delivery-status":
        return _dsn(bericht)
    if _lijkt_op_bounce(bericht):
        return _niet_standaard(bericht)
    return None


def _dsn(bericht: Message) -> Onbestelbaar:
    """RFC 3464: one header block for the message, one per recipient."""
    acties: list[str] = []
    redenen: list[str] = []
    for deel in bericht.walk():
        if deel.get_content_type() != "message/delivery-status":
            continue
        for blok in _blokken(deel):
            actie = kop(blok, "Action").strip().lower()
            if not actie:
                continue
            acties.append(actie)
            status = kop(blok, "Status").strip()
            diagnose = kop(blok, "Diagnostic-Code").strip()
            ontvanger = kop(blok, "Final-Recipient").split(";", 1)[-1].strip()
            redenen.append(
                " ".join(
                    stuk
                    for stuk in (f"{ontvanger}:" if ontvanger else "", actie, status, diagnose)
                    if stuk
                )
            )
    mislukt = "failed" in acties or not acties
    reden = "; ".join(redenen) or kop(bericht, "Subject") or "Onbestelbaar"
    return Onbestelbaar(_oorspronkelijke_ids(bericht), mislukt, reden[:2000])


def _blokken(deel: Message) -> list[Message]:
    inhoud = deel.get_payload()
    if isinstance(inhoud, list):
        return [blok for blok in inhoud if isinstance(blok, Message)]
    # Sent with a transfer encoding, the blocks were not parsed: read them from the text.
    data = deel.get_payload(decode=True)
    tekst = data if isinstance(data, bytes) else str(inhoud).encode("ascii", "surrogateescape")
    return [ontleed(stuk + b"\n\n") for stuk in re.split(rb"\r?\n\r?\n", tekst) if stuk.strip()]


def _lijkt_op_bounce(bericht: Message) -> bool:
    _, adres = afzender(bericht)
    van_daemon = adres.rpartition("@")[0].lower() in _DAEMONS
    leeg_retour = kop(bericht, "Return-Path").replace(" ", "") == "<>"
    if not (van_daemon or leeg_retour):
        return False
    if _BOUNCE_ONDERWERP.search(kop(bericht, "Subject")):
        return True
    return van_daemon and any(
        deel.get_content_type() in ("message/rfc822", "text/rfc822-headers")
        for deel in bericht.walk()
    )


def _niet_standaard(bericht: Message) -> Onbestelbaar:
    onderwerp = kop(bericht, "Subject")
    reden = onderwerp
    for regel in _teksten(bericht).splitlines():
        if _STATUSCODE.search(regel):
            reden = f"{onderwerp}: {regel.strip()}" if onderwerp else regel.strip()
            break
    vertraagd = bool(_VERTRAAGD.search(onderwerp)) and not _BOUNCE_ONDERWERP.search(onderwerp)
    return Onbestelbaar(_oorspronkelijke_ids(bericht), not vertraagd, reden[:2000])


def _teksten(bericht: Message) -> str:
    stukken = []
    for deel in bericht.walk():
        if deel.get_content_maintype() == "text" and not deel.is_multipart():
            data = deel.get_payload(decode=True)
            if isinstance(data, bytes):
                stukken.append(tekst_uit_bytes(data, deel.get_content_charset()))
    return "\n".join(stukken)


def _oorspronkelijke_ids(bericht: Message) -> tuple[str, ...]:
    """The Message-IDs of the bounced mail: from the attached original or its header
    (message/rfc822, text/rfc822-headers), else from a Message-ID line quoted in a text.
    The bounce's own Message-ID is not one of them."""
    gevonden: list[str] = []
    for deel in bericht.walk():
        soort = deel.get_content_type()
        if soort in ("message/rfc822", "message/global"):
            binnen = deel.get_payload()
            if isinstance(binnen, list) and binnen and isinstance(binnen[0], Message):
                gevonden += bericht_ids(kop(binnen[0], "Message-ID"))
        elif soort in ("text/rfc822-headers", "text/plain") and not deel.is_multipart():
            data = deel.get_payload(decode=True)
            if isinstance(data, bytes):
                gevonden += [m.decode("ascii", "replace") for m in _BERICHT_ID_REGEL.findall(data)]
    eigen = bericht_id_van(bericht)
    return tuple(i for i in dict.fromkeys(gevonden) if i != eigen)
