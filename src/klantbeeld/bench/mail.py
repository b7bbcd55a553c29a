"""Measuring the mail intake: a mailbox with a backlog of mails with attachments, read by
real worker processes (``klantbeeld worker --alleen-postvakken``) over IMAP, each mail
registered with its documents in a Documenten API; then mails delivered one by one at a
steady rate, and the time from delivery to the task in the team's queue.

The mail server is the demo's Dovecot stand-in and the Documenten API the local ZGW
register (standins/, in the checkout): both on loopback, so the figures are Klantbeeld's
own work plus the protocol round trips, not a network's."""

from __future__ import annotations

import contextlib
import datetime
import imaplib
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from klantbeeld.channels.email.models import Postvak, Postvakbericht
from klantbeeld.domain.models import Actor, InterneTaak
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.integrations.models import Soort, ZgwService

ADRES = "bench@gemeente.local"
WACHTWOORD = "bench-postvak"
WACHTWOORD_ENV = "KLANTBEELD_BENCH_POSTVAK_WACHTWOORD"
ZGW_SECRET = "klantbeeld-bench-geheim-voor-de-zgw-32-tekens"
RSIN = "002220647"


@dataclass
class Omgeving:
    """The stand-ins and the rows that point Klantbeeld at them."""

    dovecot: Any
    zgw: Any
    postvak: Postvak
    diensten: list[ZgwService]


# The checkout this code runs from (src/klantbeeld/bench/mail.py → the checkout's root).
CHECKOUT = Path(__file__).resolve().parents[3]


@contextlib.contextmanager
def omgeving() -> Iterator[Omgeving]:
    if (CHECKOUT / "standins").is_dir() and str(CHECKOUT) not in sys.path:
        # `klantbeeld bench-mail` from a checkout: its stand-ins are beside src/.
        sys.path.append(str(CHECKOUT))
    try:
        from standins.mail.dovecot import dovecot
        from standins.zgw import local_zgw
    except ImportError as error:  # an installed copy has no stand-ins
        raise RuntimeError(
            "bench-mail needs the stand-ins of a checkout (standins/): run it from one."
        ) from error
    with dovecot({ADRES: WACHTWOORD}) as server, local_zgw({"klantbeeld": ZGW_SECRET}) as zgw:
        diensten = _diensten(zgw)
        team, _ = Actor.objects.get_or_create(
            naam="Bench KCC", soort_actor=SoortActor.ORGANISATORISCHE_EENHEID
        )
        postvak = Postvak.objects.create(
            naam=f"Bench {server.port}",
            adres=ADRES,
            host=server.host,
            poort=server.port,
            beveiliging="geen",
            gebruiker=ADRES,
            wachtwoord_env=WACHTWOORD_ENV,
            team=team,
            informatieobjecttype=zgw.objects("informatieobjecttypen")[0]["url"],
            interval=60,
        )
        try:
            yield Omgeving(server, zgw, postvak, diensten)
        finally:
            postvak.delete()
            for dienst in diensten:
                dienst.delete()


def _diensten(zgw: Any) -> list[ZgwService]:
    roots = {
        Soort.ZAKEN: zgw.zaken_root,
        Soort.DOCUMENTEN: zgw.documenten_root,
        Soort.CATALOGI: zgw.catalogi_root,
        Soort.BESLUITEN: zgw.besluiten_root,
    }
    return [
        ZgwService.objects.create(
            naam=f"Bench {soort} {uuid.uuid4().hex[:8]}",
            soort=soort,
            api_root=root,
            client_id="klantbeeld",
            secret=ZGW_SECRET,
        )
        for soort, root in roots.items()
    ]


def bericht(nummer: int, bijlage: bytes) -> tuple[str, bytes]:
    """A citizen's mail with one attachment; its Message-ID and bytes."""
    bericht_id = f"<bench-{nummer}-{uuid.uuid4().hex[:12]}@example.org>"
    mail = EmailMessage()
    mail["From"] = f"Burger {nummer} <burger{nummer}@example.org>"
    mail["To"] = ADRES
    mail["Subject"] = f"Vraag {nummer} over de afvalkalender"
    mail["Date"] = format_datetime(datetime.datetime.now(datetime.UTC))
    mail["Message-ID"] = bericht_id
    mail.set_content(f"Beste gemeente,\n\nVraag nummer {nummer}: wanneer komt de container?\n")
    mail.add_attachment(bijlage, maintype="application", subtype="pdf", filename="brief.pdf")
    return bericht_id, mail.as_bytes()


def bijlage(kb: int, rng: random.Random) -> bytes:
    return b"%PDF-1.4\n" + rng.randbytes(kb * 1024) + b"\n%%EOF\n"


class Bezorger:
    """Delivers into the mailbox over one IMAP connection (APPEND), as a mail server's
    local delivery does; remembers when each message was in."""

    def __init__(self, server: Any) -> None:
        self.imap = imaplib.IMAP4(server.host, server.port)
        self.imap.login(ADRES, WACHTWOORD)
        self.bezorgd: dict[str, float] = {}

    def bezorg(self, bericht_id: str, raw: bytes) -> None:
        typ, data = self.imap.append("INBOX", None, None, raw)
        if typ != "OK":
            raise RuntimeError(f"APPEND: {data!r}")
        self.bezorgd[bericht_id] = time.time()

    def aantal(self, map: str) -> int:
        typ, data = self.imap.status(map, "(MESSAGES)")
        if typ != "OK":
            return 0
        regel = data[0].decode() if isinstance(data[0], bytes) else ""
        return int(regel.rsplit("MESSAGES", 1)[1].strip(" )"))

    def sluit(self) -> None:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            self.imap.logout()


def start_workers(aantal: int) -> list[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        WACHTWOORD_ENV: WACHTWOORD,
        "KLANTBEELD_ORGANISATIE_RSIN": settings.KLANTBEELD_ORGANISATIE_RSIN or RSIN,
        "LOG_LEVEL": "WARNING",
    }
    return [
        subprocess.Popen(
            [sys.executable, "-m", "klantbeeld.cli", "worker", "--alleen-postvakken"], env=env
        )
        for _ in range(aantal)
    ]


def wacht_tot_verwerkt(bezorger: Bezorger, aantal: int, timeout: float) -> bool:
    einde = time.monotonic() + timeout
    while time.monotonic() < einde:
        if bezorger.aantal("INBOX") == 0 and bezorger.aantal("Verwerkt") >= aantal:
            return True
        time.sleep(0.2)
    return False


def taaktijden(bericht_ids: list[str]) -> dict[str, float]:
    """When the task of each message's contact was made (the worker's clock)."""
    gevonden: dict[str, float] = {}
    for begin in range(0, len(bericht_ids), 500):
        stuk = bericht_ids[begin : begin + 500]
        rijen = Postvakbericht.objects.filter(bericht_id__in=stuk, klantcontact__isnull=False)
        contact_van = dict(rijen.values_list("klantcontact_id", "bericht_id"))
        for contact, moment in InterneTaak.objects.filter(
            aanleidinggevend_klantcontact_id__in=list(contact_van)
        ).values_list("aanleidinggevend_klantcontact_id", "toegewezen_op"):
            gevonden[contact_van[contact]] = moment.timestamp()
    return gevonden


def database() -> str:
    instellingen = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite ({instellingen['NAME']})"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        rij = cursor.fetchone()
    return f"PostgreSQL {rij[0] if rij else '?'}"
