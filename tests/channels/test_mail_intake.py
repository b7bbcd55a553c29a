"""E-mail in (C1199, C5499, C5655, R1, R5, R14): a real Dovecot mailbox read by the reader,
documents in the local ZGW register, checked through the Klantinteracties API as a
consumer reads it."""

from __future__ import annotations

import base64
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import make_msgid

import pytest

from klantbeeld.channels.email import verwerken
from klantbeeld.channels.email.imap import Verbinding
from klantbeeld.channels.email.models import Postvakbericht, Uitkomst
from klantbeeld.domain.models import (
    Actor,
    Bronbericht,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Verzending,
)
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Deelnemer
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from standins.mail.smtp import smtp_server
from tests.cases.helpers import get, listing
from tests.channels.mail_corpus.steun import (
    ADRES,
    documentenregister,  # noqa: F401
    ingesteld_postvak,  # noqa: F401
    lees,
    mail,
    mailserver,  # noqa: F401
)
from tests.domain.test_opvolging import actor
from tests.domain.test_zoeken import persoon
from tests.integrations.conftest import drain

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% een brief\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
BY = ChangeContext(applicatie="Test", gebruikers_id="kcc", gebruikers_weergave="KCC")


def test_c1199_a_mail_becomes_one_contact_with_its_documents_and_a_task(ki, server, postvak, zgw):
    raw = mail(
        bericht_id="<CAF=vraag-1@example.org>",
        bijlagen=(("aanslag.pdf", PDF, "application/pdf"), ("foto.png", PNG, "image/png")),
    )
    server.deliver(ADRES, raw)

    ronde = lees(postvak)

    assert (ronde.afgehandeld, ronde.mislukt) == (1, 0)
    [kc] = listing(ki, "klantcontacten")
    assert kc["kanaal"] == "e-mail" and kc["onderwerp"] == "Vraag over de afvalkalender"
    assert kc["inhoud"] == "Wanneer wordt het oud papier opgehaald?"
    assert (kc["indicatieContactGelukt"], kc["taal"], kc["vertrouwelijk"]) == (True, "nld", False)
    assert kc["metadata"] == {"bronBerichtId": "<CAF=vraag-1@example.org>", "postvak": ADRES}
    # The actor is the mailbox's own automated actor.
    [betrokken_actor] = kc["hadBetrokkenActoren"]
    box_actor = get(ki, "actoren", betrokken_actor["uuid"])
    assert box_actor["naam"] == f"Mailverwerker {ADRES}"
    assert box_actor["actorIdentificatie"]["functie"] == "Mailverwerker"
    assert box_actor["soortActor"] == "geautomatiseerde_actor"
    # The sender: a betrokkene without partij, with the address they wrote from.
    body = get(ki, "klantcontacten", kc["uuid"], expand="hadBetrokkenen.digitaleAdressen")
    [betrokkene] = body["_expand"]["hadBetrokkenen"]
    assert betrokkene["wasPartij"] is None
    assert (betrokkene["rol"], betrokkene["initiator"]) == ("klant", True)
    assert betrokkene["contactnaam"]["voornaam"] == "Fatima"
    assert betrokkene["contactnaam"]["achternaam"] == "El Amrani"
    [adres] = betrokkene["_expand"]["digitaleAdressen"]
    assert (adres["soortDigitaalAdres"], adres["adres"]) == ("email", "fatima@example.org")
    # The .eml and each attachment, with their bytes, in the Documenten API.
    [verwerkt] = server.messages(ADRES, "Verwerkt")
    documenten = {eio["bestandsnaam"]: eio for eio in zgw.objects("enkelvoudiginformatieobjecten")}
    assert set(documenten) == {"Vraag-over-de-afvalkalender.eml", "aanslag.pdf", "foto.png"}
    assert zgw.content_of(documenten["Vraag-over-de-afvalkalender.eml"]) == verwerkt.raw
    assert zgw.content_of(documenten["aanslag.pdf"]) == PDF
    assert zgw.content_of(documenten["foto.png"]) == PNG
    assert documenten["foto.png"]["formaat"] == "image/png"
    bijlagen = [get(ki, "bijlagen", b["uuid"]) for b in kc["omvatteBijlagen"]]
    gekoppeld = {b["bijlageidentificator"]["objectId"] for b in bijlagen}
    assert gekoppeld == {eio["url"].rsplit("/", 1)[1] for eio in documenten.values()}
    # An open task for the mailbox's team.
    [taak] = listing(ki, "internetaken")
    assert (taak["status"], taak["gevraagdeHandeling"]) == (
        "te_verwerken",
        "Lezen en bepalen benodigde actie",
    )
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [str(postvak.team.uuid)]
    # Marked handled on the server: moved out of the INBOX.
    assert server.messages(ADRES) == []


def test_a_long_body_is_cut_to_1000_and_the_whole_mail_kept_as_eml(server, postvak, zgw):
    tekst = "Ik wil graag bezwaar maken tegen de aanslag. " * 80
    server.deliver(ADRES, mail(tekst=tekst))
    lees(postvak)
    kc = Klantcontact.objects.get()
    assert len(kc.inhoud) == 1000 and kc.inhoud.endswith("…")
    [eio] = zgw.objects("enkelvoudiginformatieobjecten")
    eml = message_from_bytes(zgw.content_of(eio))
    assert eml.get_payload(decode=True).decode().strip() == tekst.strip()
    assert eio["formaat"] == "message/rfc822"


def test_the_same_mail_delivered_twice_registers_one_contact(server, postvak, zgw):
    raw = mail(bericht_id="<twee-keer@example.org>")
    server.deliver(ADRES, raw)
    server.deliver(ADRES, raw)
    lees(postvak)
    assert Klantcontact.objects.count() == 1 and InterneTaak.objects.count() == 1
    assert len(zgw.objects("enkelvoudiginformatieobjecten")) == 1
    assert len(server.messages(ADRES, "Verwerkt")) == 2 and server.messages(ADRES) == []
    # And again later, e.g. forwarded into the box once more.
    server.deliver(ADRES, raw)
    lees(postvak)
    assert Klantcontact.objects.count() == 1


def test_a_crash_between_commit_and_marking_registers_nothing_twice(
    server, postvak, zgw, monkeypatch
):
    """The reader dies after the registration committed but before the message was moved:
    the next reader fetches it again, finds its key, and only marks it."""
    server.deliver(ADRES, mail())

    def crash(self, uid, quarantaine=False):
        raise ConnectionResetError("the worker died here")

    with monkeypatch.context() as patched:
        patched.setattr(Verbinding, "markeer", crash)
        ronde = lees(postvak)
    assert ronde.mislukt == 1 and Klantcontact.objects.count() == 1
    assert len(server.messages(ADRES)) == 1  # still waiting on the server

    ronde = lees(postvak)
    assert (ronde.afgehandeld, ronde.mislukt) == (1, 0)
    assert Klantcontact.objects.count() == 1 and Postvakbericht.objects.count() == 1
    assert server.messages(ADRES) == [] and len(server.messages(ADRES, "Verwerkt")) == 1


def test_two_different_mails_with_one_message_id_are_both_registered(server, postvak, zgw):
    """Software that reuses Message-IDs must not make the second mail disappear."""
    server.deliver(ADRES, mail("Eerste vraag", "Een", bericht_id="<zelfde@example.org>"))
    server.deliver(ADRES, mail("Tweede vraag", "Twee", bericht_id="<zelfde@example.org>"))
    lees(postvak)
    assert sorted(Klantcontact.objects.values_list("onderwerp", flat=True)) == [
        "Eerste vraag",
        "Tweede vraag",
    ]


def test_with_a_flag_the_mail_stays_in_the_folder_and_is_read_once(server, postvak, zgw):
    postvak.markering = "vlag"
    postvak.save()
    server.deliver(ADRES, mail())
    lees(postvak)
    [gebleven] = server.messages(ADRES)
    assert "KlantbeeldVerwerkt" in gebleven.flags and "\\Seen" not in gebleven.flags
    assert lees(postvak).afgehandeld == 0
    assert Klantcontact.objects.count() == 1


def test_a_mail_of_another_team_goes_to_that_teams_queue(server, postvak, zgw, ki):
    """C5499: a mailbox of a department gives its tasks to that department, with the
    action the mailbox asks."""
    vergunningen = actor("Vergunningen", "organisatorische_eenheid")
    postvak.team = vergunningen
    postvak.gevraagde_handeling = "Opvolgen klantcontact"
    postvak.save()
    server.deliver(ADRES, mail())
    lees(postvak)
    [taak] = listing(ki, "internetaken", toegewezenAanActor__uuid=str(vergunningen.uuid))
    assert taak["gevraagdeHandeling"] == "Opvolgen klantcontact"


# -- conversations: replies and bounces of our own mail --------------------------------------


@pytest.fixture
def relay(server, settings):
    with smtp_server(deliver_to=server, rejecting=["weg@example.net"]) as smtp:
        settings.KLANTBEELD_SMTP_HOST = smtp.host
        settings.KLANTBEELD_SMTP_PORT = smtp.port
        settings.KLANTBEELD_SMTP_BEVEILIGING = "geen"
        settings.KLANTBEELD_EMAIL_AFZENDER = f"Gemeente Voorbeeld <{ADRES}>"
        yield smtp


def antwoord(aan: str) -> Verzending:
    """An employee answers a customer by mail (C9708), sent by the worker."""
    with ZgwZakenregister(by=BY) as register:
        verzending = verstuur(
            Bericht(
                kanaal="e-mail",
                adres=aan,
                onderwerp="Uw vraag over de afvalkalender",
                tekst="Het oud papier wordt op dinsdag opgehaald.",
                naam="Jan Jansen",
            ),
            ontvanger=Deelnemer(partij=persoon("Jan", "Jansen"), initiator=False),
            actor=actor("Sanne de Vries"),
            by=BY,
            register=register,
        )
    assert verzending is not None
    drain()
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.VERSTUURD, verzending.fout
    return verzending


def test_a_reply_to_our_mail_joins_its_conversation(server, postvak, zgw, relay, ki):
    verzonden = antwoord("burger@example.org")
    [ontvangen] = server.messages("burger@example.org")
    ons = message_from_bytes(ontvangen.raw)
    assert ons["Message-ID"] == verzonden.bericht_id

    reply = EmailMessage()
    reply["From"] = "Jan Jansen <burger@example.org>"
    reply["To"] = ADRES
    reply["Subject"] = "Re: " + ons["Subject"]
    reply["Message-ID"] = make_msgid(domain="example.org")
    reply["In-Reply-To"] = ons["Message-ID"]
    reply["References"] = ons["Message-ID"]
    reply.set_content("Dank u, maar ook op de feestdag?\n\n> Het oud papier wordt op dinsdag")
    server.deliver(ADRES, reply.as_bytes())
    lees(postvak)

    nieuw = Klantcontact.objects.exclude(pk=verzonden.klantcontact_id).get()
    [vervolg] = Onderwerpobject.objects.filter(klantcontact=nieuw)
    assert vervolg.was_klantcontact_id == verzonden.klantcontact_id
    kc = get(ki, "klantcontacten", str(nieuw.uuid), expand="hadBetrokkenen")
    # R1/R3: the address answering our mail proves no identity either.
    assert kc["_expand"]["hadBetrokkenen"][0]["wasPartij"] is None
    assert InterneTaak.objects.filter(aanleidinggevend_klantcontact=nieuw).exists()


def test_c5655_a_bounce_of_our_mail_marks_the_contact_not_reached(server, postvak, zgw, relay, ki):
    verzonden = antwoord("weg@example.net")
    bounce = relay.wait_for_bounce()
    assert bounce.delivered_to == (ADRES,)

    lees(postvak)

    verzonden.refresh_from_db()
    assert verzonden.status == Verzendstatus.MISLUKT and "5.1.1" in verzonden.fout
    kc = get(ki, "klantcontacten", str(verzonden.klantcontact.uuid))
    assert kc["indicatieContactGelukt"] is False
    # Kept out of the queue: no new contact, no task; recorded with the bounce.
    assert Klantcontact.objects.count() == 1 and not InterneTaak.objects.exists()
    rij = Postvakbericht.objects.get()
    assert (rij.uitkomst, rij.verzending_id) == (Uitkomst.ONBESTELBAAR, verzonden.pk)
    assert server.messages(ADRES) == []


def test_our_own_mail_arriving_in_the_box_is_a_loop_and_kept_out(server, postvak, zgw, relay):
    verzonden = antwoord(ADRES)  # e.g. an address that forwards to the general mailbox
    lees(postvak)
    rij = Postvakbericht.objects.get()
    assert rij.uitkomst == Uitkomst.LUS and rij.bericht_id == verzonden.bericht_id
    assert Klantcontact.objects.count() == 1  # only the one we sent


# -- kept aside ----------------------------------------------------------------------------------


def test_a_mail_over_the_limit_is_kept_aside_never_lost(server, postvak, zgw):
    postvak.max_mb = 1
    postvak.save()
    groot = mail(bijlagen=(("scan.pdf", b"%PDF" + b"x" * 1_200_000, "application/pdf"),))
    server.deliver(ADRES, groot)
    server.deliver(ADRES, mail("Daarna", "Het volgende bericht"))
    lees(postvak)
    rij = Postvakbericht.objects.get(uitkomst=Uitkomst.QUARANTAINE)
    assert not rij.volledig and rij.grootte > 1024 * 1024 and "Te groot" in rij.reden
    assert bytes(rij.inhoud).startswith(b"From:") or b"Message-ID" in bytes(rij.inhoud)
    [apart] = server.messages(ADRES, "Quarantaine")
    assert len(apart.raw) == rij.grootte  # whole, on the server
    assert Klantcontact.objects.get().onderwerp == "Daarna"  # not held up
    with pytest.raises(verwerken.NietOpnieuw, match="Quarantaine"):
        verwerken.opnieuw(rij, ZgwZakenregister(by=BY), BY)


def test_a_mail_the_register_refuses_waits_in_quarantine_and_can_be_tried_again(
    server, postvak, zgw
):
    goed = postvak.informatieobjecttype or ""
    postvak.informatieobjecttype = zgw.objects("informatieobjecttypen")[0]["url"] + "-weg"
    postvak.save()
    server.deliver(ADRES, mail())
    lees(postvak)
    rij = Postvakbericht.objects.get()
    assert rij.uitkomst == Uitkomst.QUARANTAINE and "documentenregister" in rij.reden
    assert not Klantcontact.objects.exists() and not Bronbericht.objects.exists()
    assert len(server.messages(ADRES, "Quarantaine")) == 1

    postvak.informatieobjecttype = goed
    postvak.save()
    with ZgwZakenregister(by=BY) as register:
        nu = verwerken.opnieuw(rij, register, BY)
    assert nu.uitkomst == Uitkomst.GEREGISTREERD and nu.klantcontact is not None
    assert nu.inhoud in (b"", memoryview(b"")) or bytes(nu.inhoud) == b""
    assert InterneTaak.objects.filter(aanleidinggevend_klantcontact=nu.klantcontact).exists()


def test_a_bulk_mail_kept_out_can_still_be_registered_by_the_administrator(server, postvak, zgw):
    server.deliver(ADRES, mail("Mijn vraag", "Echt een vraag", Precedence="bulk"))
    lees(postvak)
    rij = Postvakbericht.objects.get()
    assert rij.uitkomst == Uitkomst.BUITENGEHOUDEN and "Precedence: bulk" in rij.reden
    assert not Klantcontact.objects.exists()
    with ZgwZakenregister(by=BY) as register:
        nu = verwerken.opnieuw(rij, register, BY, als_klantcontact=True)
    assert nu.uitkomst == Uitkomst.GEREGISTREERD
    assert Klantcontact.objects.get().onderwerp == "Mijn vraag"


def test_the_mailbox_actor_is_made_once(server, postvak, zgw):
    server.deliver(ADRES, mail())
    server.deliver(ADRES, mail("Nog een vraag"))
    lees(postvak)
    assert Actor.objects.filter(soort_actor="geautomatiseerde_actor").count() == 1
