"""The worker's mailbox readers: a thread per active mailbox that handles its backlog,
then waits for new mail (IDLE, or a pause when the server or the mailbox has none) and
handles that, until the worker stops. A reader that loses its server or database tries
again after a pause that doubles up to five minutes; the mailbox shows the error in the
admin meanwhile. A supervisor thread starts a reader for each new active mailbox and
restarts one whose configuration changed.

Exactly once: a message is marked handled on the server only after its handling
committed (``verwerken.verwerk``), and its key is unique in the database, so a message
fetched again after a crash, delivered twice, or read by two workers at once is handled
once. On PostgreSQL a worker also skips a message another worker holds at that moment
(an advisory lock per message), so several workers share one mailbox's backlog.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import close_old_connections, connection
from django.utils import timezone

from klantbeeld.channels.email.imap import Kenmerk, Verbinding
from klantbeeld.channels.email.models import Postvak, Uitkomst
from klantbeeld.channels.email.verwerken import (
    Afloop,
    Ontvangst,
    namens,
    verwerk,
    zet_apart,
)
from klantbeeld.events.worker import Stop
from klantbeeld.integrations.zgw.register import ZgwZakenregister

log = logging.getLogger(__name__)

# A message that fails this many rounds in which other messages went through is kept
# aside: its failure is its own, and it must not hold up the messages after it.
MAX_POGINGEN = 5
# Failures in a row, with nothing handled between, after which a round stops: the cause is
# the server, the database or the register, not the messages.
MAX_FOUTEN_OP_RIJ = 3
MAX_PAUZE = 300.0


@dataclass
class Ronde:
    afgehandeld: int = 0
    mislukt: int = 0
    nieuws: bool = False


class Postvaklezer:
    """Reads one mailbox until ``stop`` is set."""

    def __init__(self, postvak_pk: int, stop: Stop) -> None:
        self.postvak_pk = postvak_pk
        self.stop = stop
        self.pogingen: Counter[tuple[int, int]] = Counter()

    def draai(self) -> None:
        pauze = 0.0
        try:
            while not self.stop.is_set():
                postvak = (
                    Postvak.objects.select_related("team", "actor")
                    .filter(pk=self.postvak_pk)
                    .first()
                )
                if postvak is None or not postvak.actief:
                    return
                try:
                    self._lees(postvak)
                except Exception as fout:
                    pauze = min(max(pauze * 2, 1.0), MAX_PAUZE)
                    log.warning(
                        "Postvak %s: %s: %s; opnieuw over %.0f s",
                        postvak.naam, type(fout).__name__, fout, pauze,
                    )  # fmt: skip
                    _meld(postvak, fout=f"{type(fout).__name__}: {fout}")
                    _herstel_verbinding()
                    self.stop.wait(pauze)
                else:
                    pauze = 0.0
        finally:
            connection.close()

    def _lees(self, postvak: Postvak) -> None:
        with Verbinding(postvak) as verbinding:
            verbinding.zorg_voor_mappen()
            verbinding.kies_map()
            _meld(postvak, fout="")
            while not self.stop.is_set():
                verbinding.vergeet_meldingen()
                ronde = self.ronde(verbinding, postvak)
                if ronde.mislukt and not ronde.afgehandeld:
                    raise RondeMislukt(f"{ronde.mislukt} bericht(en) niet verwerkt")
                if not (ronde.nieuws or verbinding.nieuws()):
                    verbinding.wacht(self.stop, postvak.interval)

    def ronde(self, verbinding: Verbinding, postvak: Postvak) -> Ronde:
        """Handle every message waiting in the folder, oldest first."""
        uids = verbinding.nieuwe()
        ronde = Ronde()
        if not uids:
            return ronde
        kenmerken = verbinding.kenmerken(uids)
        mislukt: list[tuple[int, Exception]] = []
        with ZgwZakenregister(by=namens(postvak)) as register:
            for uid in uids:
                if self.stop.is_set() or uid not in kenmerken:
                    continue
                sleutel = (verbinding.uidvalidity, uid)
                with alleen_ik(postvak.pk, *sleutel) as mijn:
                    if not mijn:
                        continue  # another worker has it now
                    try:
                        afloop = self._een(verbinding, postvak, uid, kenmerken[uid], register)
                    except Exception as fout:
                        log.warning(
                            "Postvak %s: bericht %s niet verwerkt: %s: %s",
                            postvak.naam, uid, type(fout).__name__, fout,
                        )  # fmt: skip
                        _herstel_verbinding()
                        mislukt.append((uid, fout))
                        ronde.mislukt += 1
                        if len(mislukt) >= MAX_FOUTEN_OP_RIJ and not ronde.afgehandeld:
                            break
                        continue
                if afloop is not None:
                    ronde.afgehandeld += 1
                    self.pogingen.pop(sleutel, None)
        if ronde.afgehandeld:
            self._houdt_op(verbinding, postvak, mislukt, kenmerken)
        _meld(postvak, gelezen=True)
        return ronde

    def _een(
        self,
        verbinding: Verbinding,
        postvak: Postvak,
        uid: int,
        kenmerk: Kenmerk,
        register: ZgwZakenregister,
    ) -> Afloop | None:
        ontvangst = _haal(verbinding, postvak, uid, kenmerk)
        if ontvangst is None:
            return None  # gone: another worker handled it
        afloop = verwerk(postvak, ontvangst, register)
        # Only now, after the commit: a crash before this line leaves the message to be
        # fetched again, and its key finds it handled.
        verbinding.markeer(uid, quarantaine=afloop.uitkomst == Uitkomst.QUARANTAINE)
        log.info(
            "Postvak %s: bericht %s %s%s",
            postvak.naam, uid, afloop.uitkomst, "" if afloop.nieuw else " (eerder verwerkt)",
        )  # fmt: skip
        return afloop

    def _houdt_op(
        self,
        verbinding: Verbinding,
        postvak: Postvak,
        mislukt: list[tuple[int, Exception]],
        kenmerken: dict[int, Kenmerk],
    ) -> None:
        """Messages that failed while others went through: after MAX_POGINGEN such rounds,
        into quarantine with the failure as the reason."""
        for uid, fout in mislukt:
            sleutel = (verbinding.uidvalidity, uid)
            self.pogingen[sleutel] += 1
            kenmerk = kenmerken[uid]
            if self.pogingen[sleutel] < MAX_POGINGEN:
                continue
            ontvangst = _haal(verbinding, postvak, uid, kenmerk)
            if ontvangst is None:
                continue
            zet_apart(
                postvak,
                ontvangst,
                f"Na {MAX_POGINGEN} pogingen niet verwerkt: {type(fout).__name__}: {fout}",
            )
            verbinding.markeer(uid, quarantaine=True)
            self.pogingen.pop(sleutel, None)


def _haal(verbinding: Verbinding, postvak: Postvak, uid: int, kenmerk: Kenmerk) -> Ontvangst | None:
    """The message as received (only its header when it is too large); None when it is
    gone from the mailbox."""
    volledig = kenmerk.grootte <= postvak.max_bytes
    ruw = verbinding.haal(uid, alleen_kop=not volledig)
    if ruw is None:
        return None
    return Ontvangst(
        ruw=ruw,
        ontvangen_op=kenmerk.ontvangen_op,
        grootte=kenmerk.grootte,
        map=postvak.map,
        uid=uid,
        volledig=volledig,
    )


class RondeMislukt(Exception):
    pass


@contextlib.contextmanager
def alleen_ik(postvak_pk: int, uidvalidity: int, uid: int) -> Iterator[bool]:
    """On PostgreSQL: whether this worker holds the message (a session advisory lock,
    released after the message is marked). Elsewhere always True: SQLite serves one
    worker, and the message's key keeps the outcome right in any case."""
    if connection.vendor != "postgresql":
        yield True
        return
    digest = hashlib.sha256(f"klantbeeld-mail:{postvak_pk}:{uidvalidity}:{uid}".encode())
    sleutel = int.from_bytes(digest.digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [sleutel])
        row = cursor.fetchone()
    mijn = bool(row and row[0])
    try:
        yield mijn
    finally:
        if mijn:
            with contextlib.suppress(Exception), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [sleutel])


def _herstel_verbinding() -> None:
    """After a failure: drop a database connection that broke, so the next query opens a
    new one. (Not inside a transaction someone else holds, such as a test's.)"""
    if not connection.in_atomic_block:
        close_old_connections()


def _meld(postvak: Postvak, *, fout: str | None = None, gelezen: bool = False) -> None:
    """What the admin shows of the reader: when it last read, and its last error."""
    velden: dict[str, object] = {}
    if gelezen:
        velden["gelezen_op"] = timezone.now()
    if fout is not None and fout != postvak.fout:
        velden.update(fout=fout[:2000], fout_op=timezone.now() if fout else None)
        postvak.fout = fout
    if not velden:
        return
    with contextlib.suppress(Exception):  # the database itself may be what failed
        Postvak.objects.filter(pk=postvak.pk).update(**velden)


class Postvaklezers:
    """A reader thread per active mailbox, kept in line with the configuration."""

    def __init__(self, stop: Stop, kijk_elke: float = 30.0) -> None:
        self.stop = stop
        self.kijk_elke = kijk_elke
        self.lezers: dict[int, tuple[object, Stop, threading.Thread]] = {}
        self.thread = threading.Thread(target=self._bewaak, name="postvakken", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def join(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)

    def _bewaak(self) -> None:
        try:
            while not self.stop.is_set():
                self._bij()
                self.stop.wait(self.kijk_elke)
        finally:
            for _, eigen_stop, _thread in self.lezers.values():
                eigen_stop.set()
            for _, _, thread in self.lezers.values():
                thread.join(60)
            connection.close()

    def _bij(self) -> None:
        try:
            actief = dict(Postvak.objects.filter(actief=True).values_list("pk", "gewijzigd_op"))
        except Exception:
            log.exception("Postvakken: de instellingen zijn niet te lezen")
            _herstel_verbinding()
            return
        for pk, (versie, eigen_stop, thread) in list(self.lezers.items()):
            if actief.get(pk) != versie or not thread.is_alive():
                eigen_stop.set()
                thread.join(60)
                del self.lezers[pk]
        for pk, versie in actief.items():
            if pk not in self.lezers:
                self.lezers[pk] = (versie, *self._start(pk))

    def _start(self, pk: int) -> tuple[Stop, threading.Thread]:
        eigen_stop = Stop()

        def draai() -> None:
            lezer = Postvaklezer(pk, _Samen(self.stop, eigen_stop))
            lezer.draai()

        thread = threading.Thread(target=draai, name=f"postvak-{pk}", daemon=True)
        thread.start()
        return eigen_stop, thread


class _Samen(Stop):
    """Set when either the worker or the supervisor stops this reader."""

    def __init__(self, *stops: Stop) -> None:
        super().__init__()
        self.stops = stops

    def is_set(self) -> bool:
        return self.requested or any(stop.is_set() for stop in self.stops)

    def wait(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while not self.is_set() and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.1))
