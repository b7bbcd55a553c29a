"""The worker's reader of the social-media accounts: one thread that looks at each
active account once its interval has passed, one after the other. A failure (the server
away, the token refused) is shown in the admin and tried again at the next look."""

from __future__ import annotations

import datetime
import logging
import threading

import httpx
from django.db import close_old_connections, connection
from django.utils import timezone

from klantbeeld.channels.sociaal import instellingen, lezen
from klantbeeld.channels.sociaal.connector import PlatformFout
from klantbeeld.channels.sociaal.models import Sociaalaccount
from klantbeeld.events.worker import Stop

log = logging.getLogger(__name__)


def ronde(http: httpx.Client, nu: datetime.datetime | None = None) -> int:
    """Read every active account whose interval has passed; how many posts were new."""
    nu = nu or timezone.now()
    nieuw = 0
    for account in Sociaalaccount.objects.filter(actief=True).select_related("team"):
        if account.gelezen_op and nu - account.gelezen_op < datetime.timedelta(
            seconds=account.interval
        ):
            continue
        try:
            nieuw += lezen.lees(account, http)
        except (PlatformFout, instellingen.NietIngesteld) as fout:
            _meld_fout(account, str(fout))
        except Exception as fout:  # one account's failure must not stop the others
            log.exception("Sociale media: %s niet gelezen", account.naam)
            _meld_fout(account, f"{type(fout).__name__}: {fout}")
    return nieuw


def _meld_fout(account: Sociaalaccount, fout: str) -> None:
    # Looked at again after its interval, like a successful look.
    Sociaalaccount.objects.filter(pk=account.pk).update(
        fout=fout[:2000], fout_op=timezone.now(), gelezen_op=timezone.now()
    )


class Sociaallezer:
    """The thread beside the outbox worker; ``kijk_elke``: seconds between two rounds."""

    def __init__(self, stop: Stop, kijk_elke: float = 5.0) -> None:
        self.stop = stop
        self.kijk_elke = kijk_elke
        self.thread = threading.Thread(target=self._draai, name="sociale-media", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def join(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)

    def _draai(self) -> None:
        try:
            with httpx.Client() as http:
                while not self.stop.is_set():
                    try:
                        ronde(http)
                    except Exception:
                        log.exception("Sociale media: de accounts zijn niet te lezen")
                        close_old_connections()
                    self.stop.wait(self.kijk_elke)
        finally:
            connection.close()
