"""IMAP access to one mailbox: connect and log in (TLS, STARTTLS or plain), find the
messages not yet handled, fetch one without marking it read, mark it handled (moved to a
folder, or an IMAP keyword), and wait for new mail (IDLE, RFC 2177, or a pause).

Every failure to connect or log in becomes an ``ImapFout`` whose text says plainly what is
wrong, for the administrator (the admin's connection test shows it as it is)."""

from __future__ import annotations

import contextlib
import datetime
import imaplib
import os
import re
import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted
from imap_tools.errors import MailboxLoginError
from imap_tools.imap_utf7 import utf7_encode
from imap_tools.mailbox import BaseMailBox

from klantbeeld.channels.email.models import Beveiliging, Markering, Postvak
from klantbeeld.events.worker import Stop

TIMEOUT = 30.0
# UIDs per FETCH of sizes and arrival times.
BLOK = 500
_KENMERK = re.compile(rb"UID (\d+)|RFC822\.SIZE (\d+)|INTERNALDATE \"([^\"]+)\"", re.IGNORECASE)
_UID = re.compile(rb"UID (\d+)", re.IGNORECASE)


class ImapFout(Exception):
    """The mailbox cannot be used; ``str()`` says why."""


@dataclass(frozen=True)
class Kenmerk:
    uid: int
    grootte: int
    ontvangen_op: datetime.datetime


class Verbinding:
    """One logged-in session on ``postvak``'s folder; use as a context manager."""

    def __init__(self, postvak: Postvak, timeout: float = TIMEOUT) -> None:
        self.postvak = postvak
        self.timeout = timeout
        self.box: BaseMailBox | None = None
        self.mogelijkheden: frozenset[str] = frozenset()
        self.uidvalidity = 0

    def __enter__(self) -> Verbinding:
        self.open()
        return self

    def __exit__(
        self,
        soort: type[BaseException] | None,
        fout: BaseException | None,
        spoor: TracebackType | None,
    ) -> None:
        self.sluit()

    # -- session --------------------------------------------------------------------------

    def open(self) -> None:
        postvak = self.postvak
        wachtwoord = os.environ.get(postvak.wachtwoord_env, "")
        if not wachtwoord:
            raise ImapFout(
                f"De omgevingsvariabele {postvak.wachtwoord_env} (het wachtwoord) is leeg of "
                "niet gezet in dit proces."
            )
        waar = f"{postvak.host}:{postvak.poort}"
        try:
            self.box = self._maak_box()
        except ssl.SSLError as fout:
            raise ImapFout(f"TLS met {waar} mislukt: {fout.reason or fout}.") from fout
        except socket.gaierror as fout:
            raise ImapFout(f"De server {postvak.host} is onbekend ({fout.strerror}).") from fout
        except TimeoutError as fout:
            raise ImapFout(f"{waar} antwoordt niet binnen {self.timeout:.0f} s.") from fout
        except OSError as fout:
            raise ImapFout(f"Geen verbinding met {waar}: {fout.strerror or fout}.") from fout
        except imaplib.IMAP4.error as fout:
            raise ImapFout(f"{waar} is geen IMAP-server die Klantbeeld begrijpt: {fout}") from fout
        try:
            self.box.login(postvak.gebruiker, wachtwoord, initial_folder=None)
        except MailboxLoginError as fout:
            self.sluit()
            raise ImapFout(
                f"Inloggen als {postvak.gebruiker} op {waar} geweigerd: {_tekst(fout)}"
            ) from fout
        # After login the server may offer more (MOVE, IDLE) than in its greeting.
        typ, data = self.box.client.capability()
        regel = data[0] if typ == "OK" and data and isinstance(data[0], bytes) else b""
        self.mogelijkheden = frozenset(regel.decode("ascii", "replace").upper().split())

    def _maak_box(self) -> BaseMailBox:
        postvak = self.postvak
        if postvak.beveiliging == Beveiliging.SSL:
            context = ssl.create_default_context()
            return MailBox(postvak.host, postvak.poort, timeout=self.timeout, ssl_context=context)
        if postvak.beveiliging == Beveiliging.STARTTLS:
            context = ssl.create_default_context()
            return MailBoxStartTls(
                postvak.host, postvak.poort, timeout=self.timeout, ssl_context=context
            )
        return MailBoxUnencrypted(postvak.host, postvak.poort, timeout=self.timeout)

    def sluit(self) -> None:
        box, self.box = self.box, None
        if box is None:
            return
        try:
            box.logout()
        except (imaplib.IMAP4.error, OSError, AttributeError):
            with contextlib.suppress(OSError, AttributeError):
                box.client.shutdown()

    @property
    def client(self) -> imaplib.IMAP4:
        if self.box is None:
            raise ImapFout("Niet verbonden.")
        return self.box.client

    # -- folders --------------------------------------------------------------------------

    def mappen(self) -> list[str]:
        assert self.box is not None
        return [map.name for map in self.box.folder.list()]

    def zorg_voor_mappen(self) -> list[str]:
        """Creates the folders handled and kept-aside messages go to; returns those made."""
        gemaakt = []
        bestaand = set(self.mappen())
        for naam in self.doelmappen():
            if naam not in bestaand:
                typ, data = self.client.create(_map(naam))
                if typ != "OK" and b"ALREADYEXISTS" not in (data[0] or b"").upper():
                    raise ImapFout(f"De map {naam!r} kan niet worden aangemaakt: {_tekst(data)}")
                gemaakt.append(naam)
        return gemaakt

    def doelmappen(self) -> list[str]:
        postvak = self.postvak
        namen = [postvak.map_quarantaine] if postvak.map_quarantaine else []
        if postvak.markering == Markering.VERPLAATSEN:
            namen.append(postvak.map_verwerkt)
        return namen

    def kies_map(self) -> int:
        """Select the mailbox's folder; returns its UIDVALIDITY."""
        typ, data = self.client.select(_map(self.postvak.map))
        if typ != "OK":
            raise ImapFout(f"De map {self.postvak.map!r} is niet te openen: {_tekst(data)}")
        _, waarden = self.client.response("UIDVALIDITY")
        waarde = waarden[0] if waarden and isinstance(waarden[0], bytes) else b"0"
        self.uidvalidity = int(waarde)
        return self.uidvalidity

    # -- messages -------------------------------------------------------------------------

    def nieuwe(self) -> list[int]:
        """The UIDs of the messages in the folder not handled yet, oldest first."""
        criteria = "UNDELETED"
        if self.postvak.markering == Markering.VLAG:
            criteria += f" UNKEYWORD {self.postvak.vlag}"
        typ, data = self.client.uid("SEARCH", criteria)
        _controleer(typ, data, "SEARCH")
        regel = data[0] if data and isinstance(data[0], bytes) else b""
        return sorted(int(uid) for uid in regel.split())

    def kenmerken(self, uids: list[int]) -> dict[int, Kenmerk]:
        """Size and arrival time (INTERNALDATE) of each of ``uids`` that still exists."""
        gevonden: dict[int, Kenmerk] = {}
        for begin in range(0, len(uids), BLOK):
            reeks = ",".join(str(uid) for uid in uids[begin : begin + BLOK])
            typ, data = self.client.uid("FETCH", reeks, "(UID RFC822.SIZE INTERNALDATE)")
            _controleer(typ, data, "FETCH")
            for regel in _regels(data):
                kenmerk = _kenmerk(regel)
                if kenmerk is not None:
                    gevonden[kenmerk.uid] = kenmerk
        return gevonden

    def haal(self, uid: int, *, alleen_kop: bool = False) -> bytes | None:
        """The message (or only its header) without marking it read; None when it is gone
        (handled by another worker since)."""
        deel = "BODY.PEEK[HEADER]" if alleen_kop else "BODY.PEEK[]"
        typ, data = self.client.uid("FETCH", str(uid), f"(UID {deel})")
        _controleer(typ, data, "FETCH")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2:
                kop, inhoud = item
                gevonden = _UID.search(kop) if isinstance(kop, bytes) else None
                if gevonden and int(gevonden.group(1)) == uid and isinstance(inhoud, bytes):
                    return inhoud
        return None

    def markeer(self, uid: int, *, quarantaine: bool = False) -> None:
        """Mark a message handled: into the quarantine folder, or as the mailbox says."""
        postvak = self.postvak
        if quarantaine and postvak.map_quarantaine:
            self.verplaats(uid, postvak.map_quarantaine)
        elif postvak.markering == Markering.VERPLAATSEN:
            self.verplaats(uid, postvak.map_verwerkt)
        else:
            typ, data = self.client.uid("STORE", str(uid), "+FLAGS.SILENT", f"({postvak.vlag})")
            _controleer(typ, data, "STORE")

    def verplaats(self, uid: int, naar: str) -> None:
        if "MOVE" in self.mogelijkheden:
            typ, data = self.client.uid("MOVE", str(uid), _map(naar))
            _controleer(typ, data, "MOVE")
            return
        # RFC 3501 without MOVE: copy, then delete only this message (UIDPLUS's UID
        # EXPUNGE; without it EXPUNGE removes every message marked deleted).
        typ, data = self.client.uid("COPY", str(uid), _map(naar))
        _controleer(typ, data, "COPY")
        typ, data = self.client.uid("STORE", str(uid), "+FLAGS.SILENT", r"(\Deleted)")
        _controleer(typ, data, "STORE")
        if "UIDPLUS" in self.mogelijkheden:
            typ, data = self.client.uid("EXPUNGE", str(uid))
        else:
            typ, data = self.client.expunge()
        _controleer(typ, data, "EXPUNGE")

    # -- waiting ----------------------------------------------------------------------------

    def vergeet_meldingen(self) -> None:
        """Forget the server's untagged news so far (``nieuws`` then tells what came since)."""
        self.client.untagged_responses.pop("EXISTS", None)
        self.client.untagged_responses.pop("RECENT", None)

    def nieuws(self) -> bool:
        """Whether the server reported new messages since ``vergeet_meldingen``."""
        return "EXISTS" in self.client.untagged_responses

    def wacht(self, stop: Stop, seconden: float) -> None:
        """Until new mail is reported (IDLE), ``seconden`` passed, or ``stop`` is set."""
        if not (self.postvak.idle and "IDLE" in self.mogelijkheden):
            stop.wait(seconden)
            self.client.noop()
            return
        assert self.box is not None
        self.box.idle.start()
        try:
            einde = time.monotonic() + min(seconden, 29 * 60)
            while not stop.is_set() and time.monotonic() < einde:
                if self.box.idle.poll(timeout=min(1.0, max(0.01, einde - time.monotonic()))):
                    return
        finally:
            self.box.idle.stop()


def _map(naam: str) -> str:
    """A folder name as IMAP wants it: modified UTF-7 (RFC 3501 5.1.3), quoted."""
    gecodeerd = utf7_encode(naam).decode("ascii")
    return '"' + gecodeerd.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _regels(data: list[object]) -> Iterator[bytes]:
    for item in data:
        if isinstance(item, tuple) and item and isinstance(item[0], bytes):
            yield item[0]
        elif isinstance(item, bytes):
            yield item


def _kenmerk(regel: bytes) -> Kenmerk | None:
    uid = grootte = None
    moment = None
    for gevonden in _KENMERK.finditer(regel):
        if gevonden.group(1):
            uid = int(gevonden.group(1))
        elif gevonden.group(2):
            grootte = int(gevonden.group(2))
        elif gevonden.group(3):
            moment = _internaldate(gevonden.group(3).decode("ascii", "replace"))
    if uid is None or grootte is None:
        return None
    return Kenmerk(uid, grootte, moment or datetime.datetime.now(datetime.UTC))


_MAANDEN = {
    maand: nummer
    for nummer, maand in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def _internaldate(tekst: str) -> datetime.datetime | None:
    """RFC 3501's date-time: "17-Jul-1996 02:44:25 -0700" (English months, any locale)."""
    gevonden = re.fullmatch(
        r"\s*(\d{1,2})-(\w{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)\s*", tekst
    )
    if gevonden is None:
        return None
    dag, maand, jaar, uur, minuut, seconde, teken, tz_uur, tz_min = gevonden.groups()
    if maand.lower() not in _MAANDEN:
        return None
    verschil = datetime.timedelta(hours=int(tz_uur), minutes=int(tz_min))
    zone = datetime.timezone(verschil if teken == "+" else -verschil)
    try:
        return datetime.datetime(
            int(jaar), _MAANDEN[maand.lower()], int(dag), int(uur), int(minuut), int(seconde),
            tzinfo=zone,
        )  # fmt: skip
    except ValueError:
        return None


def _controleer(typ: str, data: list[object], opdracht: str) -> None:
    if typ != "OK":
        raise ImapFout(f"{opdracht} geweigerd: {_tekst(data)}")


def _tekst(data: object) -> str:
    if isinstance(data, MailboxLoginError):
        data = data.command_result[1] if hasattr(data, "command_result") else str(data)
    if isinstance(data, list | tuple):
        data = b" ".join(d if isinstance(d, bytes) else str(d).encode() for d in data if d)
    if isinstance(data, bytes):
        return data.decode("utf-8", "replace")
    return str(data)
