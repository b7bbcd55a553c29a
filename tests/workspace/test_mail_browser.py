"""C1199 → C9708 → the customer's reply, through the real mail servers (standins/mail) and
real Chromium: a mail to the general mailbox is read by the mail intake, answered from the
workspace's conversation queue, sent over SMTP with our own Message-ID, and the
customer's reply to it comes back into the same conversation as a new contact with a new
task. The register is checked through the Klantinteracties API and the documents in the
local Documenten API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.channels.email.models import Postvak
from klantbeeld.domain.models import Actor, InterneTaak
from standins.mail.dovecot import Dovecot
from standins.mail.smtp import SmtpServer, smtp_server
from standins.zgw import LocalZgw
from tests.channels.mail_corpus.steun import ADRES, WACHTWOORD, WACHTWOORD_ENV, lees
from tests.channels.mail_corpus.steun import mailserver as server  # noqa: F401
from tests.integrations.conftest import drain
from tests.support.client import ApiClient
from tests.workspace.conftest import op_elke_breedte
from tests.workspace.test_gevallen_browser import Werkplek, provider, teams  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)
KLANT = "fatima@example.org"


@pytest.fixture
def relay(server: Dovecot, settings: Any) -> Iterator[SmtpServer]:  # noqa: F811
    """The organisation's SMTP server, delivering into the mailbox; Klantbeeld sends
    through it from the mailbox's address, with bounces to that mailbox."""
    with smtp_server(deliver_to=server) as smtp:
        settings.KLANTBEELD_SMTP_HOST = smtp.host
        settings.KLANTBEELD_SMTP_PORT = smtp.port
        settings.KLANTBEELD_SMTP_BEVEILIGING = "geen"
        settings.KLANTBEELD_EMAIL_AFZENDER = f"Gemeente Voorbeeld <{ADRES}>"
        settings.KLANTBEELD_EMAIL_RETOURADRES = ADRES
        yield smtp


@pytest.fixture
def postvak(
    server: Dovecot,  # noqa: F811
    zgw: LocalZgw,
    teams: dict[str, Actor],  # noqa: F811
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> Postvak:
    monkeypatch.setenv(WACHTWOORD_ENV, WACHTWOORD)
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
        "url"
    ]
    return Postvak.objects.create(
        naam="Algemeen",
        adres=ADRES,
        host=server.host,
        poort=server.port,
        beveiliging="geen",
        gebruiker=ADRES,
        wachtwoord_env=WACHTWOORD_ENV,
        team=teams["Klantcontactcentrum"],
    )


def mail(onderwerp: str, tekst: str, **kop: str) -> EmailMessage:
    bericht = EmailMessage()
    bericht["From"] = f"Fatima El Amrani <{KLANT}>"
    bericht["To"] = ADRES
    bericht["Subject"] = onderwerp
    bericht["Message-ID"] = make_msgid(domain="example.org")
    for naam, waarde in kop.items():
        bericht[naam.replace("_", "-")] = waarde
    bericht.set_content(tekst)
    return bericht


def verstuur(relay: SmtpServer, bericht: EmailMessage) -> None:
    import smtplib

    with smtplib.SMTP(relay.host, relay.port) as client:
        client.send_message(bericht)


def test_a_mail_answered_from_the_workspace_and_the_customers_reply_thread_back(
    browser: Browser,
    live_server: Any,
    server: Dovecot,  # noqa: F811
    relay: SmtpServer,
    postvak: Postvak,
    zgw: LocalZgw,
    ki: ApiClient,
):
    vraag = mail("Vraag over de afvalkalender", "Wanneer wordt het oud papier opgehaald?")
    verstuur(relay, vraag)
    lees(postvak)
    [taak] = InterneTaak.objects.all()
    origineel = taak.aanleidinggevend_klantcontact
    assert origineel.metadata["bronBerichtId"] == vraag["Message-ID"]

    sanne = Werkplek(browser, live_server, "sanne")
    page = sanne.page
    page.get_by_role("link", name="Gesprekken", exact=True).click()
    page.get_by_role("row").nth(1).get_by_role("link").click()
    expect(page.get_by_text("Wanneer wordt het oud papier opgehaald?")).to_be_visible()
    expect(page.get_by_label(re.compile(f"^E-mail: {KLANT}"))).to_be_checked()
    page.get_by_label("Antwoord", exact=True).fill("Elke tweede dinsdag van de maand.")
    page.get_by_role("button", name="Versturen").click()
    assert "het wordt verstuurd" in sanne.bericht()

    # The worker sends it over SMTP: from the mailbox, threaded to the customer's mail.
    drain()
    verzonden = relay.wait_for(lambda m: KLANT in m.rcpt_tos).message
    assert verzonden["From"] == f"Gemeente Voorbeeld <{ADRES}>"
    assert verzonden["In-Reply-To"] == vraag["Message-ID"]
    assert verzonden["Subject"] == "Re: Vraag over de afvalkalender"
    assert "Elke tweede dinsdag" in verzonden.get_content()
    [link] = ki.get(
        "onderwerpobjecten", params={"wasKlantcontact__uuid": str(origineel.uuid)}
    ).json()["results"]
    antwoord = ki.get(f"klantcontacten/{link['klantcontact']['uuid']}").json()
    [eml] = [
        e
        for e in zgw.objects("enkelvoudiginformatieobjecten")
        if e["formaat"] == "message/rfc822"
        and verzonden["Message-ID"].encode() in zgw.content_of(e)
    ]
    assert len(antwoord["omvatteBijlagen"]) == 1
    assert ki.get(f"internetaken/{taak.uuid}").json()["status"] == "verwerkt"

    # The customer answers the answer: it joins the conversation with a new task.
    reactie = mail(
        "Re: Re: Vraag over de afvalkalender",
        "Dank u. En het glas?",
        In_Reply_To=verzonden["Message-ID"],
        References=f"{vraag['Message-ID']} {verzonden['Message-ID']}",
    )
    verstuur(relay, reactie)
    lees(postvak)
    [vervolg] = ki.get(
        "onderwerpobjecten", params={"wasKlantcontact__uuid": antwoord["uuid"]}
    ).json()["results"]
    nieuw = ki.get(f"klantcontacten/{vervolg['klantcontact']['uuid']}").json()
    assert (nieuw["kanaal"], nieuw["inhoud"]) == ("e-mail", "Dank u. En het glas?")
    [nieuwe_taak] = InterneTaak.objects.filter(status="te_verwerken")
    assert str(nieuwe_taak.aanleidinggevend_klantcontact.uuid) == nieuw["uuid"]

    page.get_by_role("link", name="Gesprekken", exact=True).click()
    rij = page.get_by_role("row").nth(1)
    expect(rij).to_contain_text("Re: Re: Vraag over de afvalkalender")
    rij.get_by_role("link").click()
    # The whole thread: the question, our answer, the reply.
    for tekst in ("Wanneer wordt het oud papier", "Elke tweede dinsdag", "En het glas?"):
        expect(page.get_by_text(re.compile(tekst)).first).to_be_visible()
    op_elke_breedte(page)
    assert eml["bestandsnaam"].endswith(".eml")
