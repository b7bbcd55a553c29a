"""``klantbeeld worker``: deliver the outbox (webhooks, NRC, mail to customers) and read
the mailboxes until stopped."""

from __future__ import annotations

import signal
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from klantbeeld.channels.email.lezer import Postvaklezers
from klantbeeld.channels.sociaal.lezer import Sociaallezer
from klantbeeld.events import worker
from klantbeeld.integrations.topdesk import peiler


class Command(BaseCommand):
    help = (
        "Deliver outgoing messages (webhooks, notifications to the NRC, mail) with retries, "
        "and read the active mailboxes into the register; run one or more beside the web "
        "server. Stops cleanly on SIGTERM or Ctrl-C."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--poll",
            type=float,
            default=1.0,
            help="Seconds between looks when idle (PostgreSQL also wakes it at once).",
        )
        parser.add_argument(
            "--zonder-postvakken",
            action="store_true",
            help="Only the outbox: read no mailboxes (another worker does).",
        )
        parser.add_argument(
            "--alleen-postvakken",
            action="store_true",
            help="Only read the mailboxes: deliver no outbox messages.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["zonder_postvakken"] and options["alleen_postvakken"]:
            raise CommandError("--zonder-postvakken en --alleen-postvakken sluiten elkaar uit.")
        stop = worker.Stop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        lezers = None
        if not options["zonder_postvakken"]:
            lezers = Postvaklezers(stop)
            lezers.start()
            # The social-media accounts are read with the mailboxes (docs/sociale-media.md).
            sociaal = Sociaallezer(stop)
            sociaal.start()
        # TOPdesk's changed incidents, polled beside the mailboxes (docs/topdesk.md).
        topdesk = None
        if not options["zonder_postvakken"] and peiler.aan():
            topdesk = peiler.Topdeskpeiler(stop)
            topdesk.start()
        if options["alleen_postvakken"]:
            self.stdout.write("Klantbeeld worker: reading the mailboxes")
            self.stdout.flush()
            while not stop.is_set():
                stop.wait(1.0)
        else:
            self.stdout.write("Klantbeeld worker: delivering the outbox")
            self.stdout.flush()
            worker.run(stop, poll_seconds=options["poll"])
        if lezers is not None:
            lezers.join(timeout=60)
            sociaal.join(timeout=60)
        if topdesk is not None:
            topdesk.join(timeout=60)
        self.stdout.write("Klantbeeld worker: stopped")
