"""The worker's TOPdesk poller: a thread that reads the incidents changed since its last
look every ``KLANTBEELD_TOPDESK_PEILEN`` seconds (``bijwerken.peil``), the fallback for an
action sequence that did not call. Like the mailbox readers (channels/email/lezer.py): a
failure is logged and kept (the admin's TOPdesk-peiling), and the next round tries again."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection

from klantbeeld.events.worker import Stop
from klantbeeld.integrations.topdesk.bijwerken import peil
from klantbeeld.integrations.topdesk.client import TopdeskClient, ingesteld

log = logging.getLogger(__name__)


def aan() -> bool:
    return ingesteld() and settings.KLANTBEELD_TOPDESK_PEILEN > 0


class Topdeskpeiler:
    def __init__(self, stop: Stop) -> None:
        self.stop = stop
        self.thread = threading.Thread(target=self._draai, name="topdesk", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def join(self, timeout: float | None = None) -> None:
        self.thread.join(timeout)

    def _draai(self) -> None:
        try:
            while not self.stop.is_set():
                self.ronde()
                self.stop.wait(settings.KLANTBEELD_TOPDESK_PEILEN)
        finally:
            connection.close()

    def ronde(self) -> None:
        try:
            with TopdeskClient() as topdesk:
                aantal = peil(topdesk)
            if aantal:
                log.info("TOPdesk: %s melding(en) bijgewerkt", aantal)
        except Exception:
            log.exception("TOPdesk: peilen mislukt; de volgende ronde probeert het opnieuw")
            close_old_connections()
