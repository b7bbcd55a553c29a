"""The mail tests' real parts: a Dovecot mailbox (standins/mail), the local ZGW register for
the documents, a Postvak pointing at the mailbox, and a way to let a reader handle what
waits in it."""

from __future__ import annotations

from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from klantbeeld.channels.email.imap import Verbinding
from klantbeeld.channels.email.lezer import Postvaklezer, Ronde
from klantbeeld.channels.email.models import Postvak
from klantbeeld.events.worker import Stop
from standins.mail.dovecot import Dovecot, dovecot
from standins.zgw import LocalZgw, local_zgw
from tests.domain.test_opvolging import actor
from tests.integrations.conftest import RSIN, SECRET, configure

ADRES = "info@gemeente.local"
WACHTWOORD = "postvak-geheim"
WACHTWOORD_ENV = "KLANTBEELD_TEST_POSTVAK_WACHTWOORD"


# The fixtures carry a name of their own (``name=``): a test module imports the functions
# and asks for ``server``, ``zgw`` and ``postvak`` as arguments.


@pytest.fixture(name="server")
def mailserver() -> Iterator[Dovecot]:
    with dovecot({ADRES: WACHTWOORD, "burger@example.org": "burger"}) as gestart:
        yield gestart


@pytest.fixture(name="zgw")
def documentenregister(db: None, settings: Any) -> Iterator[LocalZgw]:
    """The local ZGW register as Klantbeeld's Documenten API (as tests/integrations)."""
    settings.KLANTBEELD_ORGANISATIE_RSIN = RSIN
    cache.clear()
    with local_zgw({"klantbeeld": SECRET}) as register:
        configure(register)
        yield register
        assert register.violations == [], register.violations


@pytest.fixture(name="postvak")
def ingesteld_postvak(
    server: Dovecot,
    zgw: LocalZgw,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> Postvak:
    monkeypatch.setenv(WACHTWOORD_ENV, WACHTWOORD)
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
        "url"
    ]
    return maak_postvak(server)


def maak_postvak(server: Dovecot, **velden: Any) -> Postvak:
    waarden: dict[str, Any] = {
        "naam": "Algemeen",
        "adres": ADRES,
        "host": server.host,
        "poort": server.port,
        "beveiliging": "geen",
        "gebruiker": ADRES,
        "wachtwoord_env": WACHTWOORD_ENV,
        "team": actor("KCC", "organisatorische_eenheid"),
        "interval": 5,
        **velden,
    }
    return Postvak.objects.create(**waarden)


def lees(postvak: Postvak) -> Ronde:
    """One reader round over what waits in the mailbox, in this thread (and so in the
    test's database transaction)."""
    postvak.refresh_from_db()
    with Verbinding(postvak) as verbinding:
        verbinding.zorg_voor_mappen()
        verbinding.kies_map()
        return Postvaklezer(postvak.pk, Stop()).ronde(verbinding, postvak)


def mail(
    onderwerp: str = "Vraag over de afvalkalender",
    tekst: str = "Wanneer wordt het oud papier opgehaald?",
    *,
    van: str = "Fatima El Amrani <fatima@example.org>",
    aan: str = ADRES,
    bericht_id: str | None = None,
    bijlagen: tuple[tuple[str, bytes, str], ...] = (),
    **koppen: str,
) -> bytes:
    """A citizen's mail as a mail program writes it."""
    bericht = EmailMessage()
    bericht["From"] = van
    bericht["To"] = aan
    bericht["Subject"] = onderwerp
    bericht["Date"] = format_datetime(timezone.now())
    bericht["Message-ID"] = bericht_id or make_msgid(domain="example.org")
    for naam, waarde in koppen.items():
        bericht[naam.replace("_", "-")] = waarde
    bericht.set_content(tekst)
    for naam, inhoud, formaat in bijlagen:
        hoofd, _, sub = formaat.partition("/")
        bericht.add_attachment(inhoud, maintype=hoofd, subtype=sub, filename=naam)
    return bericht.as_bytes()
