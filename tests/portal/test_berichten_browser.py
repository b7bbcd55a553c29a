"""Mijn contacten en berichten in real Chromium, signed in through the broker (cases.md
C6278, C4994, R9, R12): own contacts only, a message read and unread across logins, a
question asked that lands in the team's queue and is answered from the workspace, and a
company whose employees share what was read."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from klantbeeld.domain.models import (
    Actor,
    AuditTrail,
    Betrokkene,
    InterneTaak,
    Klantcontact,
    Partij,
    Teamlid,
)
from klantbeeld.domain.services import opvolging
from klantbeeld.domain.services.common import ChangeContext, snapshot
from klantbeeld.domain.services.identiteit import Identiteit, partij_van
from klantbeeld.portal.models import GelezenBericht
from standins.oidc import Provider
from tests.portal.conftest import (
    BSN_ANNA,
    BSN_JAN,
    KVK_BAKKERIJ,
    VESTIGING_BAKKERIJ,
    at_320,
    inloggen,
)

pytestmark = pytest.mark.django_db(transaction=True)
BY = ChangeContext(applicatie="Klantbeeld werkplek", gebruikers_id="sanne")


def actor(naam: str, soort: str = "medewerker") -> Actor:
    return Actor.objects.create(naam=naam, soort_actor=soort, indicatie_actief=True)


def contact(partij: Partij, onderwerp: str, *, initiator: bool, **velden: Any) -> Klantcontact:
    kc = Klantcontact.objects.create(
        kanaal=velden.pop("kanaal", "telefoon"),
        onderwerp=onderwerp,
        taal="nld",
        vertrouwelijk=velden.pop("vertrouwelijk", False),
        indicatie_contact_gelukt=True,
        **velden,
    )
    Betrokkene.objects.create(
        had_klantcontact=kc, was_partij=partij, rol="klant", initiator=initiator
    )
    return kc


@pytest.fixture
def gemeente(settings: Any) -> dict[str, Actor]:
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    settings.KLANTBEELD_MIJN_TEAM = "KCC"
    mensen = {
        "kcc": actor("KCC", "organisatorische_eenheid"),
        "burgerzaken": actor("Burgerzaken", "organisatorische_eenheid"),
        "sanne": actor("Sanne de Vries"),
        "lisa": actor("Lisa van Dijk"),
    }
    Teamlid.objects.create(team=mensen["kcc"], medewerker=mensen["sanne"])
    Teamlid.objects.create(team=mensen["burgerzaken"], medewerker=mensen["lisa"])
    return mensen


def ongelezen(page: Page, aantal: int) -> None:
    """The menu says how many messages are unread (nothing when none)."""
    menu = page.get_by_role("navigation", name="Mijn omgeving")
    if aantal:
        expect(menu.get_by_role("link", name=f"Berichten ({aantal} ongelezen)")).to_be_visible()
    else:
        expect(menu.get_by_role("link", name="Berichten", exact=True)).to_be_visible()


def uitloggen(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")


def test_a_resident_reads_contacts_messages_and_asks_a_question(
    page: Page, live_server: Any, broker: Provider, gemeente: dict[str, Actor]
) -> None:
    by = ChangeContext(applicatie="test")
    jan = partij_van(Identiteit(bsn=BSN_JAN), by)
    anna = partij_van(Identiteit(bsn=BSN_ANNA), by)
    assert jan is not None and anna is not None
    paspoort = contact(
        jan,
        "Paspoort verlengen",
        initiator=True,
        inhoud="Hoe lang is mijn paspoort geldig?",
        reactie="Tien jaar; u kunt online een afspraak maken.",
    )
    paspoort.actoren.add(gemeente["lisa"])
    geheim = contact(jan, "Schuldhulp", initiator=True, vertrouwelijk=True, inhoud="Gesprek")
    bericht = contact(
        jan,
        "Uw parkeervergunning",
        initiator=False,
        kanaal="post",
        inhoud="Uw parkeervergunning is verlengd tot 1 januari.",
    )
    bericht.actoren.add(gemeente["lisa"])
    van_anna = contact(anna, "Bezwaar WOZ", initiator=True, inhoud="Van Anna")
    voor = snapshot(Klantcontact.objects.get(pk=bericht.pk))

    inloggen(page, live_server, "jan")
    ongelezen(page, 1)
    page.get_by_role("navigation", name="Mijn omgeving").get_by_role(
        "link", name="Mijn contacten"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn contacten")
    for onderwerp in ("Paspoort verlengen", "Schuldhulp", "Uw parkeervergunning"):
        expect(page.get_by_role("link", name=onderwerp)).to_be_visible()
    expect(page.get_by_text("Bezwaar WOZ")).to_have_count(0)
    expect(page.get_by_text("Lisa")).to_have_count(0)
    expect(page.get_by_text("Van Burgerzaken aan u")).to_be_visible()
    at_320(page)

    page.get_by_role("link", name="Paspoort verlengen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Paspoort verlengen")
    expect(page.get_by_text("Hoe lang is mijn paspoort geldig?")).to_be_visible()
    expect(page.get_by_text("Tien jaar; u kunt online een afspraak maken.")).to_be_visible()
    expect(page.locator("dd", has_text="Burgerzaken")).to_be_visible()
    expect(page.get_by_text("Lisa")).to_have_count(0)
    at_320(page)
    page.goto(f"{live_server.url}/mijn/contacten/{geheim.uuid}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Schuldhulp")

    # Someone else's contact by its URL: not found, the same as none.
    antwoord = page.goto(f"{live_server.url}/mijn/contacten/{van_anna.uuid}/")
    assert antwoord is not None and antwoord.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(page.get_by_text("Van Anna")).to_have_count(0)

    # A message, unread until opened.
    page.goto(f"{live_server.url}/mijn/berichten/")
    expect(page.get_by_text("U heeft 1 ongelezen bericht.")).to_be_visible()
    expect(page.locator(".portaal-contact--ongelezen")).to_have_count(1)
    expect(page.get_by_role("link", name="Paspoort verlengen")).to_have_count(0)
    at_320(page)
    page.get_by_role("link", name="Uw parkeervergunning").click()
    expect(page.get_by_text("Uw parkeervergunning is verlengd tot 1 januari.")).to_be_visible()
    ongelezen(page, 0)
    page.goto(f"{live_server.url}/mijn/berichten/")
    expect(page.get_by_text("U heeft 0 ongelezen berichten.")).to_be_visible()
    expect(page.locator(".portaal-contact--ongelezen")).to_have_count(0)
    assert GelezenBericht.objects.filter(partij=jan, klantcontact=bericht).count() == 1
    # The register's contact is not changed for it (R6).
    assert snapshot(Klantcontact.objects.get(pk=bericht.pk)) == voor
    assert not AuditTrail.objects.filter(resource_uuid=bericht.pk, actie="update").exists()

    # Still read after signing in again.
    uitloggen(page)
    inloggen(page, live_server, "jan", pad="/mijn/berichten/")
    expect(page.get_by_text("U heeft 0 ongelezen berichten.")).to_be_visible()
    ongelezen(page, 0)

    # A question: to the KCC's queue, by the portal's automated actor.
    page.get_by_role("link", name="Stel een vraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stel een vraag")
    at_320(page)
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_text("Vul een onderwerp in.")).to_be_visible()
    at_320(page)
    page.get_by_label("Onderwerp").fill("Afvalpas kwijt")
    page.get_by_label("Uw vraag").fill("Ik ben mijn afvalpas kwijt. Hoe krijg ik een nieuwe?")
    page.get_by_role("button", name="Vraag versturen").click()
    expect(page.get_by_text("Uw vraag is verstuurd.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afvalpas kwijt")
    expect(page.get_by_text("Er is nog geen antwoord.")).to_be_visible()
    at_320(page)

    vraag = Klantcontact.objects.get(onderwerp="Afvalpas kwijt")
    assert vraag.kanaal == "mijngemeente"
    assert [b.was_partij for b in vraag.betrokkenen.all()] == [jan]
    assert vraag.betrokkenen.get().initiator
    assert [(a.naam, a.soort_actor) for a in vraag.actoren.all()] == [
        ("MijnGemeente", "geautomatiseerde_actor")
    ]
    taak = InterneTaak.objects.get(aanleidinggevend_klantcontact=vraag)
    assert taak.status == "te_verwerken"
    assert list(opvolging.open_taken([gemeente["kcc"]])) == [taak]

    # The KCC answers it in the workspace (R9): a follow-up contact to the question.
    sanne = gemeente["sanne"]
    opvolging.pak_op(taak, sanne, BY)
    opvolging.leg_contact_vast(
        taak,
        medewerker=sanne,
        by=BY,
        kanaal="mijngemeente",
        verslag="U krijgt binnen een week een nieuwe afvalpas thuisgestuurd.",
        gelukt=None,
        afronden=True,
    )

    page.goto(f"{live_server.url}/mijn/berichten/")
    ongelezen(page, 1)
    expect(page.get_by_text("U heeft 1 ongelezen bericht.")).to_be_visible()
    expect(page.get_by_role("link", name="Afvalpas kwijt")).to_be_visible()
    page.get_by_role("link", name="Afvalpas kwijt").click()
    expect(page.get_by_text("U krijgt binnen een week een nieuwe afvalpas")).to_be_visible()
    expect(page.get_by_text("Dit is een reactie op:")).to_be_visible()
    expect(page.get_by_text("Sanne")).to_have_count(0)
    ongelezen(page, 0)
    at_320(page)
    # The question's page shows the thread.
    page.goto(f"{live_server.url}/mijn/contacten/{vraag.uuid}/")
    expect(page.get_by_role("heading", name="Reacties")).to_be_visible()
    expect(page.get_by_text("U krijgt binnen een week een nieuwe afvalpas")).to_be_visible()
    expect(page.locator("dd", has_text="KCC").first).to_be_visible()
    at_320(page)


def test_a_company_shares_what_was_read(
    page: Page, live_server: Any, broker: Provider, gemeente: dict[str, Actor]
) -> None:
    bakkerij = partij_van(
        Identiteit(kvk_nummer=KVK_BAKKERIJ, vestigingsnummer=VESTIGING_BAKKERIJ),
        ChangeContext(applicatie="test"),
    )
    assert bakkerij is not None
    bericht = contact(
        bakkerij,
        "Uw terrasvergunning",
        initiator=False,
        kanaal="e-mail",
        inhoud="Uw terrasvergunning is verleend.",
    )
    bericht.actoren.add(gemeente["burgerzaken"])

    inloggen(page, live_server, "bakkerij", middel="eHerkenning", pad="/mijn/berichten/")
    ongelezen(page, 1)
    expect(page.get_by_text("U heeft 1 ongelezen bericht.")).to_be_visible()
    at_320(page)
    page.get_by_role("link", name="Uw terrasvergunning").click()
    expect(page.get_by_text("Uw terrasvergunning is verleend.")).to_be_visible()
    expect(page.locator("dd", has_text="Burgerzaken")).to_be_visible()
    at_320(page)
    uitloggen(page)

    # Another employee, for the whole company: read for the company.
    inloggen(page, live_server, "bakkerij-collega", middel="eHerkenning", pad="/mijn/berichten/")
    expect(page.get_by_role("link", name="Uw terrasvergunning")).to_be_visible()
    expect(page.get_by_text("U heeft 0 ongelezen berichten.")).to_be_visible()
    ongelezen(page, 0)
    assert GelezenBericht.objects.filter(klantcontact=bericht).count() == 1
    expect(page).to_have_url(re.compile(r"/mijn/berichten/$"))
