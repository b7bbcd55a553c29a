"""Channels for tests: composers and senders that keep what passes through them, in place
of the real adapters, and the registries as they were again afterwards."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

from klantbeeld.channels import uitgaand
from klantbeeld.domain.models import Verzending
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.verzenden import Bericht, Opgesteld
from klantbeeld.domain.services.zaken import Bestand


@dataclass
class Testkanalen:
    """Keeps every composed ``Bericht`` and sent ``Verzending``; a sender raises the
    exceptions in ``uitkomsten`` first, one per try."""

    __test__ = False  # a helper for tests, not a test class

    opgesteld: list[Bericht] = field(default_factory=list)
    verstuurd: list[Verzending] = field(default_factory=list)
    uitkomsten: list[Exception] = field(default_factory=list)
    # Keep a mail as the contact's document, as the real composer does (needs a register).
    met_document: bool = True

    def stel_op(self, bericht: Bericht) -> Opgesteld:
        self.opgesteld.append(bericht)
        nummer = len(self.opgesteld)
        if bericht.kanaal != "e-mail":
            return Opgesteld(bericht.tekst.encode(), f"{bericht.kanaal}-{nummer}")
        # Like the real composer: a Message-ID, threading headers, the .eml kept.
        mail = EmailMessage()
        bericht_id = f"<test-{nummer}@gemeente.example.nl>"
        mail["From"] = bericht.afzender or "info@gemeente.example.nl"
        mail["To"] = bericht.adres
        mail["Subject"] = bericht.onderwerp
        mail["Message-ID"] = bericht_id
        if bericht.antwoord_op_bericht_id:
            mail["In-Reply-To"] = mail["References"] = bericht.antwoord_op_bericht_id
        mail.set_content(bericht.tekst)
        inhoud = mail.as_bytes()
        document = Bestand("bericht.eml", inhoud, "message/rfc822") if self.met_document else None
        return Opgesteld(inhoud, bericht_id, document)

    def verstuur(self, verzending: Verzending) -> str:
        if self.uitkomsten:
            raise self.uitkomsten.pop(0)
        self.verstuurd.append(verzending)
        return ""


@contextmanager
def bewaarde_kanalen() -> Iterator[None]:
    """Whatever a test registers or removes, the real channels are back afterwards."""
    opstellers = dict(verzenden._opstellers)
    beschikbaar = dict(verzenden._beschikbaar)
    verzenders = dict(uitgaand._verzenders)
    try:
        yield
    finally:
        for register, bewaard in (
            (verzenden._opstellers, opstellers),
            (verzenden._beschikbaar, beschikbaar),
            (uitgaand._verzenders, verzenders),
        ):
            register.clear()
            register.update(bewaard)  # type: ignore[attr-defined]


@contextmanager
def testkanalen(*kanalen: str, met_document: bool = True) -> Iterator[Testkanalen]:
    """``kanalen`` composed and sent by a ``Testkanalen``."""
    with bewaarde_kanalen():
        test = Testkanalen(met_document=met_document)
        for kanaal in kanalen:
            verzenden.registreer_opsteller(kanaal, test.stel_op)
            uitgaand.registreer_verzender(kanaal, test.verstuur)
        yield test


# A helper, not a test, though its name starts with "test" (pytest would collect it where it
# is imported).
testkanalen.__test__ = False  # type: ignore[attr-defined]


@contextmanager
def zonder_kanalen(kanalen: Iterable[str]) -> Iterator[None]:
    """Klantbeeld without these channels."""
    with bewaarde_kanalen():
        for kanaal in kanalen:
            verzenden._opstellers.pop(kanaal, None)
            uitgaand._verzenders.pop(kanaal, None)
        yield
