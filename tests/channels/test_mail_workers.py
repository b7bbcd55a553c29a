"""Real worker processes (``klantbeeld worker``) reading a real mailbox: IDLE picks up new
mail at once, SIGTERM stops a reader cleanly, and on PostgreSQL two workers on one mailbox
and a worker killed with SIGKILL mid-message again and again register exactly one
klantcontact per message, with every message marked handled in the end."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from klantbeeld.channels.email.lezer import Postvaklezers
from klantbeeld.channels.email.models import Postvakbericht, Uitkomst
from klantbeeld.domain.models import Bijlage, Bronbericht, InterneTaak, Klantcontact
from klantbeeld.events.worker import Stop
from standins.mail.dovecot import Dovecot
from tests.channels.mail_corpus.steun import (
    ADRES,
    WACHTWOORD,
    WACHTWOORD_ENV,
    documentenregister,  # noqa: F401
    ingesteld_postvak,  # noqa: F401
    mail,
    mailserver,  # noqa: F401
)
from tests.integrations.conftest import RSIN

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF\n"


def start_worker(tmp_path: Path, naam: str) -> subprocess.Popen[bytes]:
    db = connection.settings_dict
    env = {**os.environ, WACHTWOORD_ENV: WACHTWOORD, "KLANTBEELD_ORGANISATIE_RSIN": RSIN}
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return subprocess.Popen(
        [sys.executable, "-m", "klantbeeld.cli", "worker", "--alleen-postvakken"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=(tmp_path / f"{naam}.log").open("ab"),
    )


def stop(*workers: subprocess.Popen[bytes]) -> None:
    """SIGTERM to each; each must end cleanly (exit 0). None is left running."""
    for worker in workers:
        worker.send_signal(signal.SIGTERM)
    codes = []
    for worker in workers:
        try:
            codes.append(worker.wait(timeout=30))
        except subprocess.TimeoutExpired:
            worker.kill()
            codes.append(worker.wait())
    assert codes == [0] * len(workers)


def wacht_tot(voorwaarde, timeout: float = 120.0) -> None:
    einde = time.monotonic() + timeout
    while not voorwaarde():
        assert time.monotonic() < einde, "not done in time"
        time.sleep(0.1)


def verwerkt(server: Dovecot) -> int:
    if "Verwerkt" not in server.folders(ADRES):
        return 0  # the reader makes it when it first connects
    return len(server.messages(ADRES, "Verwerkt"))


def vul(server: Dovecot, aantal: int) -> None:
    for nummer in range(aantal):
        server.deliver(
            ADRES,
            mail(
                f"Vraag {nummer}",
                f"Bericht nummer {nummer}",
                bericht_id=f"<vraag-{nummer}@example.org>",
                bijlagen=(("brief.pdf", PDF, "application/pdf"),),
            ),
        )


def precies_eens(aantal: int, server: Dovecot) -> None:
    assert server.messages(ADRES) == [] and verwerkt(server) == aantal
    assert Klantcontact.objects.count() == aantal
    assert Bronbericht.objects.count() == aantal and InterneTaak.objects.count() == aantal
    assert Postvakbericht.objects.filter(uitkomst=Uitkomst.GEREGISTREERD).count() == aantal
    for klantcontact in Klantcontact.objects.all():
        # The .eml and the attachment, each linked once.
        assert Bijlage.objects.filter(was_bijlage_van_klantcontact=klantcontact).count() == 2


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("several workers at once need PostgreSQL (row locks, advisory locks)")


def test_idle_brings_new_mail_in_at_once(server, postvak):
    """The reader waits in IMAP IDLE: a mail delivered while it waits is handled within
    seconds, though the mailbox would not be polled for 25 minutes."""
    postvak.interval = 1500
    postvak.save()
    stop_lezers = Stop()
    lezers = Postvaklezers(stop_lezers)
    lezers.start()
    try:
        server.deliver(ADRES, mail("Eerst", "Er lag al iets"))
        wacht_tot(lambda: verwerkt(server) == 1, timeout=30)  # connected; now idling
        server.deliver(ADRES, mail("Nieuw", "Net binnen"))
        begin = time.monotonic()
        wacht_tot(lambda: verwerkt(server) == 2, timeout=20)
        assert time.monotonic() - begin < 10
    finally:
        stop_lezers.set()
        lezers.join(timeout=30)
    assert not lezers.thread.is_alive(), "stopped when asked"
    assert set(Klantcontact.objects.values_list("onderwerp", flat=True)) == {"Eerst", "Nieuw"}


@pytest.mark.postgres_only
def test_two_workers_on_one_mailbox_register_each_mail_once(
    postgresql, server, postvak, zgw, tmp_path
):
    aantal = 60
    postvak.informatieobjecttype = _type(postvak)
    postvak.save()
    vul(server, aantal)
    workers = [start_worker(tmp_path, "a"), start_worker(tmp_path, "b")]
    try:
        wacht_tot(lambda: verwerkt(server) == aantal)
    finally:
        stop(*workers)
    precies_eens(aantal, server)
    # The second worker never stored a message's documents too.
    assert len(zgw.objects("enkelvoudiginformatieobjecten")) == 2 * aantal


@pytest.mark.postgres_only
def test_a_worker_killed_mid_message_again_and_again_registers_each_mail_once(
    postgresql, server, postvak, zgw, tmp_path
):
    aantal = 80
    postvak.informatieobjecttype = _type(postvak)
    postvak.save()
    vul(server, aantal)
    kills = 0
    while verwerkt(server) < aantal and kills < 6:
        voor = verwerkt(server)
        worker = start_worker(tmp_path, f"kill-{kills}")
        try:
            # Let it get some work done, then kill it wherever it is.
            wacht_tot(lambda v=voor: verwerkt(server) >= min(aantal, v + 8), timeout=120)
        finally:
            worker.kill()
            worker.wait(timeout=10)
        kills += 1
    assert kills >= 3, "the backlog outlasted several kills"
    worker = start_worker(tmp_path, "laatste")
    try:
        wacht_tot(lambda: verwerkt(server) == aantal)
    finally:
        stop(worker)
    precies_eens(aantal, server)


def _type(postvak) -> str:
    from django.conf import settings

    return settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE
