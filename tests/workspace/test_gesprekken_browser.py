"""C1199 → C9708 in real Chromium: a mail to the general mailbox, registered with a task
for the KCC, is answered from the conversation queue with a text module, and the answer is
checked through the Klantinteracties API. Every page visited is checked with axe-core.

The mail channel's composer and sender stand in here (``Mailkanaal``): the real ones
(SMTP through the outbox) are the mail channel's, and these tests assert what the
workspace hands them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Document,
    Opvolging,
    registreer_contact,
)
from klantbeeld.domain.services.zaken import Bestand
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.workspace.models import Tekstblok
from standins.zgw import LocalZgw
from tests.integrations.conftest import drain
from tests.support.client import ApiClient
from tests.support.kanalen import Testkanalen, testkanalen
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_gevallen_browser import Werkplek, provider, teams  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

POSTVAK = "info@gemeente.example.nl"
BRON_ID = "<vraag-1@example.org>"
MAILVERWERKING = ChangeContext(applicatie="Mailverwerking")
MODULE = (
    "Geachte {naam},\n\nHet oud papier wordt elke tweede dinsdag opgehaald. U vindt de "
    "kalender op onze website.\n\nMet vriendelijke groet,\n{medewerker}\n{organisatie}"
)


@pytest.fixture
def mailkanaal() -> Iterator[Testkanalen]:
    with testkanalen("e-mail") as kanaal:
        yield kanaal


@pytest.fixture
def mail(teams: dict[str, Actor], zgw: LocalZgw, settings: Any) -> InterneTaak:  # noqa: F811
    """C1199: the mail processor registered a mail with its attachment, and a task for the
    KCC; the sender is not identified."""
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
        "url"
    ]
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    kcc = teams["Klantcontactcentrum"]
    Tekstblok.objects.create(team=kcc, naam="Afval: ophaaldagen", tekst=MODULE)
    Tekstblok.objects.create(naam="Algemeen: ontvangstbevestiging", tekst="Bedankt.")
    verwerker = Actor.objects.create(
        naam="Mailverwerker", soort_actor="geautomatiseerde_actor", indicatie_actief=True
    )
    with ZgwZakenregister(by=MAILVERWERKING) as register:
        registratie = registreer_contact(
            Contactaanmelding(
                kanaal="e-mail",
                onderwerp="Vraag over de afvalkalender",
                inhoud="Wanneer wordt het oud papier opgehaald?",
                deelnemers=[
                    Deelnemer(
                        voornaam="Fatima",
                        achternaam="El Amrani",
                        adressen=[Contactadres("email", "fatima@example.org", "Afzender")],
                    )
                ],
                actoren=[verwerker],
                metadata={"postvak": POSTVAK},
                documenten=[
                    Document(
                        Bestand("kalender.pdf", b"%PDF-1.4 kalender", "application/pdf"),
                        titel="Foto van de kalender",
                    )
                ],
                opvolging=Opvolging("Lezen en bepalen benodigde actie", [kcc]),
                bron=Bron(f"e-mail:{POSTVAK}", BRON_ID),
            ),
            MAILVERWERKING,
            register=register,
        )
    assert registratie.taak is not None
    return registratie.taak


def test_c1199_c9708_a_mail_is_answered_from_the_conversation_queue_with_a_text_module(
    browser: Browser,
    live_server: Any,
    mail: InterneTaak,
    mailkanaal: Testkanalen,
    zgw: LocalZgw,
    ki: ApiClient,
):
    origineel = mail.aanleidinggevend_klantcontact
    sanne = Werkplek(browser, live_server, "sanne")
    page = sanne.page

    # The common path: queue, oldest conversation, text module, send (five actions).
    page.get_by_role("link", name="Gesprekken", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gesprekken")
    rij = page.get_by_role("row").nth(1)
    expect(rij).to_contain_text("Fatima El Amrani (niet geïdentificeerd)")
    expect(rij).to_contain_text("fatima@example.org")
    expect(rij).to_contain_text("E-mail")
    op_elke_breedte(page)
    screenshot(page, "gesprekken")
    rij.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gesprek: Vraag over de afvalkalender"
    )
    expect(page.get_by_text("Wanneer wordt het oud papier opgehaald?")).to_be_visible()
    # R7: the address the mail came from is chosen; the subject answers the mail's.
    expect(page.get_by_label(re.compile("^E-mail: fatima@example.org"))).to_be_checked()
    expect(page.get_by_label("Onderwerp")).to_have_value("Re: Vraag over de afvalkalender")
    op_elke_breedte(page)

    # The attachment comes through the workspace, from the register.
    with page.expect_download() as download:
        page.get_by_role("link", name="Foto van de kalender").click()
    assert Path(download.value.path()).read_bytes() == b"%PDF-1.4 kalender"

    page.evaluate("window.zelfdePagina = true")
    page.get_by_label("Tekstblok").select_option(label="Afval: ophaaldagen")
    page.get_by_role("button", name="Invoegen").click()
    antwoord = page.get_by_label("Antwoord", exact=True)
    expect(antwoord).to_have_value(re.compile(r"^Geachte Fatima El Amrani,\n\nHet oud papier"))
    expect(antwoord).to_have_value(re.compile(r"Sanne de Vries\nGemeente Voorbeeld$"))
    assert page.evaluate("window.zelfdePagina") is True  # in place, no round trip
    expect(page.get_by_label("Taak afhandelen na versturen")).to_be_checked()
    op_elke_breedte(page)
    screenshot(page, "gesprek")
    page.get_by_role("button", name="Versturen").click()
    assert "het wordt verstuurd" in sanne.bericht()
    assert f"Taak {mail.nummer} is afgehandeld" in sanne.bericht()
    expect(page.get_by_text("Geen open gesprekken.")).to_be_visible()

    # What the mail channel was given: threaded to the mail, from the mailbox it came in on.
    [bericht] = mailkanaal.opgesteld
    assert (bericht.kanaal, bericht.adres, bericht.naam) == (
        "e-mail",
        "fatima@example.org",
        "Fatima El Amrani",
    )
    assert (bericht.onderwerp, bericht.antwoord_op_bericht_id, bericht.afzender) == (
        "Re: Vraag over de afvalkalender",
        BRON_ID,
        POSTVAK,
    )
    assert bericht.tekst == MODULE.format(
        naam="Fatima El Amrani", medewerker="Sanne de Vries", organisatie="Gemeente Voorbeeld"
    )
    [verzending] = Verzending.objects.all()
    assert verzending.status == Verzendstatus.TE_VERSTUREN
    drain()
    assert [v.pk for v in mailkanaal.verstuurd] == [verzending.pk]
    verzending.refresh_from_db()
    assert (verzending.status, verzending.bericht_id, verzending.antwoord_op_bericht_id) == (
        Verzendstatus.VERSTUURD,
        "<test-1@gemeente.example.nl>",
        BRON_ID,
    )

    # R9 through the Klantinteracties API: a new contact for the writer, by Sanne,
    # pointing to the mail, with the mail as sent; the task done.
    [link] = ki.get(
        "onderwerpobjecten", params={"wasKlantcontact__uuid": str(origineel.uuid)}
    ).json()["results"]
    kc = ki.get(f"klantcontacten/{link['klantcontact']['uuid']}").json()
    assert (kc["kanaal"], kc["onderwerp"], kc["indicatieContactGelukt"]) == (
        "e-mail",
        "Re: Vraag over de afvalkalender",
        None,
    )
    sanne_actor = Actor.objects.get(actoridentificator_object_id="sanne")
    assert [a["uuid"] for a in kc["hadBetrokkenActoren"]] == [str(sanne_actor.pk)]
    [betrokkene] = ki.get("betrokkenen", params={"hadKlantcontact__uuid": kc["uuid"]}).json()[
        "results"
    ]
    assert (betrokkene["initiator"], betrokkene["wasPartij"]) == (False, None)
    assert betrokkene["volledigeNaam"] == "Fatima El Amrani"
    assert len(kc["omvatteBijlagen"]) == 1
    [eml] = [
        e for e in zgw.objects("enkelvoudiginformatieobjecten") if e["formaat"] == "message/rfc822"
    ]
    assert f"In-Reply-To: {BRON_ID}" in zgw.content_of(eml).decode()
    taak = ki.get(f"internetaken/{mail.uuid}").json()
    assert taak["status"] == "verwerkt"
    nummer = Klantcontact.objects.get(uuid=kc["uuid"]).referentienummer
    assert taak["toelichting"] == f"Beantwoord per e-mail (referentienummer {nummer})"

    # The conversation shows the answer as sent, with the mail kept as its document.
    page.goto(f"{sanne.url}/werkplek/gesprekken/{mail.uuid}/")
    expect(page.get_by_text("Aan fatima@example.org: verstuurd")).to_be_visible()
    expect(
        page.get_by_role("link", name="Verstuurd: Re: Vraag over de afvalkalender")
    ).to_be_visible()
    op_elke_breedte(page)


def test_without_javascript_a_text_module_is_inserted_by_the_server_and_the_answer_sent(
    browser: Browser, live_server: Any, mail: InterneTaak, mailkanaal: Testkanalen
):
    sanne = Werkplek(browser, live_server, "sanne", javascript=False)
    page = sanne.page
    page.get_by_role("link", name="Gesprekken", exact=True).click()
    page.get_by_role("row").nth(1).get_by_role("link").click()
    page.get_by_label("Antwoord", exact=True).fill("Dank voor uw vraag.")
    page.get_by_label("Tekstblok").select_option(label="Afval: ophaaldagen")
    page.get_by_role("button", name="Invoegen").click()
    expect(page.get_by_label("Antwoord", exact=True)).to_have_value(
        re.compile(r"^Dank voor uw vraag.\n\nGeachte Fatima El Amrani,")
    )
    page.get_by_role("button", name="Versturen").click()
    assert "het wordt verstuurd" in sanne.bericht()
    [bericht] = mailkanaal.opgesteld
    assert bericht.tekst.startswith("Dank voor uw vraag.\n\nGeachte Fatima El Amrani,")
    assert InterneTaak.objects.get(pk=mail.pk).status == "verwerkt"
