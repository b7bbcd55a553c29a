"""Real-world mail, the broken kinds included (mail_corpus/*.eml: charsets, HTML only,
nested multiparts with inline images, winmail.dat, empty and huge messages, broken MIME,
auto-replies, list mail, loops, bounces), read by the worker's own mailbox readers over
IMAP IDLE: every message handled exactly once, none lost, and the reader still running."""

from __future__ import annotations

import time

import pytest

from klantbeeld.channels.email.lezer import Postvaklezers
from klantbeeld.channels.email.models import Postvakbericht, Uitkomst
from klantbeeld.domain.models import Betrokkene, Bijlage, InterneTaak, Klantcontact
from klantbeeld.events.worker import Stop
from tests.channels.mail_corpus import corpus
from tests.channels.mail_corpus.steun import (
    ADRES,
    documentenregister,  # noqa: F401
    ingesteld_postvak,  # noqa: F401
    mail,
    mailserver,  # noqa: F401
)

pytestmark = pytest.mark.django_db(transaction=True)

G, Q, B, L = Uitkomst.GEREGISTREERD, Uitkomst.QUARANTAINE, Uitkomst.BUITENGEHOUDEN, Uitkomst.LUS
# file → (outcome, a piece of the contact's text or subject, the documents' file names)
VERWACHT: dict[str, tuple[str, str, set[str]]] = {
    "iso-8859-1.eml": (G, "het café op het plein: mag de naïeve eigenaar daar één", set()),
    "windows-1252.eml": (G, "een “factuur” van € 12,50 – klopt dat?", set()),  # noqa: RUF001
    "koi8-r.eml": (G, "Где можно получить разрешение на парковку?", set()),
    "utf-8-base64.eml": (G, "Mijn paspoort verloopt 🙏 — Zoë", set()),
    "utf-8-quoted-printable.eml": (G, "ook niet met een ß of een é erin.", set()),
    "encoded-words.eml": (G, "Aanvraag verhuizing 🚚 en rest", set()),
    "html-only.eml": (G, "Op de Kerkstraat 12 ligt een stoeptegel los.", set()),
    "nested-multipart.eml": (
        G,
        "De lantaarnpaal bij nummer 3 is kapot.",
        {"lantaarnpaal.png", "situatie schets €.pdf"},
    ),
    "winmail.eml": (
        G,
        "de tekening voor de dakkapel",
        {"Offerte dakkapel 2026.pdf", "tekening.png"},
    ),
    "empty-body.eml": (G, "wanneer is het gemeentehuis open?", set()),
    "empty-message.eml": (Q, "Leeg bericht", set()),
    "broken-boundary.eml": (Q, "MIME-structuur is onleesbaar", set()),
    "truncated-multipart.eml": (G, "maar is wel te lezen", {"notities.txt"}),
    "auto-reply.eml": (B, "Auto-Submitted: auto-replied", set()),
    "list-mail.eml": (B, "Precedence: list", set()),
    "loop.eml": (L, "X-Klantbeeld-Verzending", set()),
    "dsn-standard.eml": (B, "niet verstuurde", set()),
    "bounce-nonstandard.eml": (B, "niet verstuurde", set()),
    "no-message-id.eml": (G, "geen Message-ID in", set()),
    "raw-8bit-header.eml": (G, "de brug over de Ĳssel", set()),
    "forwarded-attachment.eml": (G, "Zie de doorgestuurde mail.", {"Bevestiging-afspraak.eml"}),
    "no-sender.eml": (Q, "Geen geldig afzenderadres", set()),
    "many-hops.eml": (L, "41 Received-regels", set()),
    "huge.eml": (Q, "Te groot", set()),
}


def wacht_tot(voorwaarde, timeout: float = 60.0) -> None:
    """Until the readers (other threads) have done their work, judged by the mailbox: a
    message leaves the folder only after its handling committed. (Not by the database:
    SQLite's shared in-memory test database locks a table a reader is writing.)"""
    einde = time.monotonic() + timeout
    while not voorwaarde():
        assert time.monotonic() < einde, "the readers did not finish in time"
        time.sleep(0.05)


def test_the_corpus_is_handled_once_and_nothing_is_lost(server, postvak, zgw):
    postvak.max_mb = 1
    postvak.save()
    berichten = corpus()
    berichten["huge.eml"] = mail(
        "Heel groot", bijlagen=(("scan.tif", b"II*\0" + b"\xab" * 1_500_000, "image/tiff"),)
    )
    assert set(berichten) == set(VERWACHT), "every corpus file has an expected outcome"
    uids = {server.deliver(ADRES, raw): naam for naam, raw in berichten.items()}

    stop = Stop()
    lezers = Postvaklezers(stop, kijk_elke=0.5)
    lezers.start()
    try:
        wacht_tot(lambda: not server.messages(ADRES))
        # Delivered again, all of it: nothing new.
        for raw in berichten.values():
            server.deliver(ADRES, raw)
        wacht_tot(lambda: not server.messages(ADRES))
        [(_, _, lezer)] = lezers.lezers.values()
        assert lezer.is_alive(), "the reader survived the corpus"
    finally:
        stop.set()
        lezers.join(timeout=30)
    assert not lezers.thread.is_alive()

    rijen = {uids[rij.uid]: rij for rij in Postvakbericht.objects.filter(uid__in=list(uids))}
    assert set(rijen) == set(berichten), "one record per message"
    assert Postvakbericht.objects.count() == len(berichten)
    verwerkt = len(server.messages(ADRES, "Verwerkt"))
    apart = len(server.messages(ADRES, "Quarantaine"))
    assert verwerkt + apart == 2 * len(berichten) and apart == 2 * 4

    for naam, (uitkomst, tekst, bestanden) in VERWACHT.items():
        rij = rijen[naam]
        assert rij.uitkomst == uitkomst, (naam, rij.reden)
        if uitkomst != G:
            assert tekst in rij.reden, (naam, rij.reden)
            assert bytes(rij.inhoud), f"{naam}: kept here, not lost"
            continue
        kc = rij.klantcontact
        assert kc is not None, naam
        assert tekst in kc.inhoud or tekst in kc.onderwerp, (naam, kc.onderwerp, kc.inhoud)
        assert InterneTaak.objects.filter(aanleidinggevend_klantcontact=kc).count() == 1
        aantal = Bijlage.objects.filter(was_bijlage_van_klantcontact=kc).count()
        assert aantal == 1 + len(bestanden), naam  # the .eml and each attachment
    documenten = {eio["bestandsnaam"] for eio in zgw.objects("enkelvoudiginformatieobjecten")}
    assert set().union(*(b for _, _, b in VERWACHT.values())) <= documenten
    geregistreerd = sum(1 for u, _, _ in VERWACHT.values() if u == G)
    assert Klantcontact.objects.count() == geregistreerd


def test_what_the_corpus_says_about_its_senders(server, postvak, zgw):
    """Names and languages as the sender's software wrote them."""
    for naam in ("encoded-words.eml", "koi8-r.eml", "raw-8bit-header.eml", "no-message-id.eml"):
        server.deliver(ADRES, corpus()[naam])
    stop = Stop()
    lezers = Postvaklezers(stop, kijk_elke=0.5)
    lezers.start()
    try:
        wacht_tot(lambda: not server.messages(ADRES))
    finally:
        stop.set()
        lezers.join(timeout=30)
    namen = {
        (b.contactnaam_voornaam, b.contactnaam_voorvoegsel_achternaam, b.contactnaam_achternaam)
        for b in Betrokkene.objects.all()
    }
    assert ("Renée", "", "Müller") in namen and ("Björn", "van der", "Ĳssel") in namen
    assert Klantcontact.objects.get(onderwerp="Вопрос о парковке").taal == "rus"  # noqa: RUF001
    zonder_id = Postvakbericht.objects.get(onderwerp="Bericht zonder Message-ID")
    assert zonder_id.bericht_id.startswith("sha256:")
    assert zonder_id.klantcontact.metadata["bronBerichtId"] == zonder_id.bericht_id
