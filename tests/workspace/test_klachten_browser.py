"""Complaints walked end to end in real Chromium, each employee signed in through the
OpenID Connect provider, axe on every page: (a) a complaint from a phone contact the KCC
registered, to a decision after an extension; (b) a complaint that came in by mail, put to
the complaints committee (ten weeks), decided and referred to the next step with its
dossier."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, Klacht, Partij, Teamlid
from klantbeeld.domain.services import termijnen
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Contactaanmelding, Deelnemer, registreer_contact
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.medewerkers import IDENTIFICATOR
from standins.oidc import Provider
from tests.domain.test_zoeken import adres, nummer, persoon
from tests.support.kanalen import Testkanalen, testkanalen
from tests.support.werkplek import werkplek_provider
from tests.workspace import test_gevallen_browser as gevallen
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_gevallen_browser import Werkplek, contact_vastleggen

pytestmark = pytest.mark.django_db(transaction=True)

MENSEN = {
    "sanne": ("Sanne de Vries", ["kcc-medewerker"], ["Klantcontactcentrum"]),
    "fatima": ("Fatima El Amrani", ["klachtbehandelaar"], ["Klachten"]),
    "kees": ("Kees Bakker", ["kcc-medewerker"], ["Balie"]),
}


@pytest.fixture
def provider(live_server: Any, settings: Any, monkeypatch: Any) -> Iterator[Provider]:
    # The walk's own people: Werkplek greets them by name.
    monkeypatch.setattr(gevallen, "MENSEN", MENSEN)
    mensen = {login: (naam, rollen) for login, (naam, rollen, _) in MENSEN.items()}
    with werkplek_provider(live_server, settings, mensen) as op:
        yield op


@pytest.fixture
def mensen(provider: Provider) -> dict[str, Actor]:
    actoren: dict[str, Actor] = {}
    for login, (naam, _, teams) in MENSEN.items():
        actoren[login] = Actor.objects.create(
            naam=naam,
            soort_actor="medewerker",
            indicatie_actief=True,
            telefoonnummer="0201234567",
            actoridentificator_object_id=login,
            **IDENTIFICATOR,
        )
        for team in teams:
            eenheid, _ = Actor.objects.get_or_create(
                naam=team, soort_actor="organisatorische_eenheid", indicatie_actief=True
            )
            Teamlid.objects.create(team=eenheid, medewerker=actoren[login])
    return actoren


@pytest.fixture
def jan() -> Partij:
    jan = persoon("Jan", "Jansen", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=5)
    nummer(jan, "bsn", bsn(1))
    adres(jan, "email", "jan@example.nl")
    return jan


@pytest.fixture
def kanalen() -> Iterator[Testkanalen]:
    with testkanalen("e-mail", met_document=False) as test:
        yield test


def formulier(page: Page, knop: str) -> Any:
    return page.locator("form", has=page.get_by_role("button", name=knop, exact=True))


def verstuur(page: Page, knop: str) -> str:
    formulier(page, knop).get_by_role("button", name=knop, exact=True).click()
    melding = page.get_by_role("status").first
    expect(melding).to_be_visible()
    return melding.inner_text()


def open_klacht(werkplek: Werkplek, klacht: Klacht) -> Page:
    page = werkplek.page
    page.get_by_role("link", name="Klachten", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klachten")
    op_elke_breedte(page)
    page.get_by_role("link", name=f"Klacht {klacht.nummer}: {klacht.onderwerp}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Klacht {klacht.nummer}: {klacht.onderwerp}"
    )
    op_elke_breedte(page)
    return page


def test_a_complaint_from_a_phone_call_to_a_decision_after_an_extension(
    browser: Browser,
    live_server: Any,
    mensen: dict[str, Actor],
    jan: Partij,
    kanalen: Testkanalen,
) -> None:
    # The KCC takes the call and registers it; the contact becomes a complaint.
    sanne = Werkplek(browser, live_server, "sanne")
    page = sanne.open_klant(bsn(1), "Jan Jansen")
    contact_vastleggen(
        page,
        "Behandeling aan de balie",
        Vraag_of_aanleiding="Ik ben aan de balie afgesnauwd toen ik mijn paspoort ophaalde.",
        Antwoord="Excuses aangeboden; doorgegeven als klacht.",
    )
    page.get_by_role("button", name="Vastleggen").click()
    assert "Contact vastgelegd met nummer" in sanne.bericht(page)
    page.get_by_role("link", name="Behandeling aan de balie").click()
    op_elke_breedte(page)
    page.get_by_text("Is dit een klacht?").click()
    page.get_by_label("Waarover gaat de klacht").fill(
        "Afgesnauwd aan de balie bij het ophalen van een paspoort."
    )
    page.get_by_role("button", name="Maak klacht").click()
    klacht = Klacht.objects.get()
    assert f"Klacht {klacht.nummer} is geregistreerd" in sanne.bericht(page)
    op_elke_breedte(page)
    assert klacht.kanaal == "telefoon" and klacht.klager == jan
    assert klacht.omschrijving == "Afgesnauwd aan de balie bij het ophalen van een paspoort."
    zes_weken = termijnen.weken_later(timezone.localdate(), 6)
    assert klacht.termijn_einde == zes_weken

    # The complaints handler takes it over.
    fatima = Werkplek(browser, live_server, "fatima")
    page = open_klacht(fatima, klacht)
    betreft = formulier(page, "Vastleggen")
    betreft.get_by_role("group", name="Over de gedraging van").get_by_label("Kees Bakker").check()
    assert "Vastgelegd over wie de klacht gaat." in verstuur(page, "Vastleggen")
    # Kees was at the desk: he cannot handle it (Awb 9:7), said in words.
    formulier(page, "Toewijzen").get_by_label("Behandelaar").select_option(label="Kees Bakker")
    formulier(page, "Toewijzen").get_by_role("button", name="Toewijzen").click()
    expect(page.get_by_role("alert").first).to_contain_text("Awb artikel 9:7")
    op_elke_breedte(page)
    formulier(page, "Toewijzen").get_by_label("Behandelaar").select_option(label="Fatima El Amrani")
    assert "Fatima El Amrani behandelt de klacht." in verstuur(page, "Toewijzen")

    assert "ontvangstbevestiging is verstuurd" in verstuur(page, "Bevestiging versturen")
    horen = formulier(page, "Horen vastleggen")
    horen.get_by_label("Verslag van het horen").fill(
        "Telefonisch gehoord; de klager bevestigt de toon van het gesprek."
    )
    assert "Het horen is vastgelegd." in verstuur(page, "Horen vastleggen")

    verdagen = formulier(page, "Verdagen en brief versturen")
    verdagen.get_by_label("Aantal weken").fill("4")
    verdagen.get_by_label("Reden van de verdaging").fill(
        "Wij wachten op de verklaring van de baliemedewerker."
    )
    assert "De termijn is verdaagd tot" in verstuur(page, "Verdagen en brief versturen")
    klacht.refresh_from_db()
    assert klacht.termijn_einde == termijnen.weken_later(klacht.ontvangen_op, 10)
    expect(page.get_by_text("(verdaagd met 4 weken)")).to_be_visible()
    # Once only: the form is gone.
    expect(page.get_by_role("button", name="Verdagen en brief versturen")).to_have_count(0)

    besluit = formulier(page, "Besluit versturen")
    besluit.get_by_label("Uitkomst").select_option(label="Gegrond")
    besluit.get_by_label("Bevindingen, oordeel en conclusies").fill(
        "De medewerker was kortaf; dat had niet mogen gebeuren."
    )
    besluit.get_by_label("Maatregelen").fill("Besproken in het teamoverleg van de balie.")
    assert "Het besluit is vastgelegd" in verstuur(page, "Besluit versturen")
    op_elke_breedte(page)
    screenshot(page, "klacht")

    tijdlijn = page.get_by_role("list", name="Verloop")
    for stap in ("Ontvangen", "Ontvangst bevestigd", "Klager gehoord", "Termijn verdaagd"):
        expect(tijdlijn).to_contain_text(stap)
    expect(tijdlijn).to_contain_text("Besloten")
    klacht.refresh_from_db()
    assert (klacht.status, klacht.uitkomst, klacht.behandelaar) == (
        "afgehandeld",
        "gegrond",
        mensen["fatima"],
    )
    assert klacht.besloten_op is not None and klacht.besloten_op <= klacht.termijn_einde
    brieven = [(b.adres, b.onderwerp) for b in kanalen.opgesteld]
    assert brieven == [
        ("jan@example.nl", f"Ontvangstbevestiging van uw klacht {klacht.nummer}"),
        ("jan@example.nl", f"Meer tijd nodig voor uw klacht {klacht.nummer}"),
        ("jan@example.nl", f"Besluit over uw klacht {klacht.nummer}"),
    ]
    assert "Wij wachten op de verklaring" in kanalen.opgesteld[1].tekst
    assert "Nationale ombudsman" in kanalen.opgesteld[2].tekst
    assert Verwerkingsactie.objects.filter(
        gebruiker="fatima", handeling_naam="Klacht bekijken"
    ).exists()


def test_a_complaint_put_to_the_committee_and_referred_to_the_next_step(
    browser: Browser,
    live_server: Any,
    mensen: dict[str, Actor],
    jan: Partij,
    kanalen: Testkanalen,
    settings: Any,
) -> None:
    settings.KLANTBEELD_KLACHT_ONDERWERPEN = ["Klacht"]
    settings.KLANTBEELD_KLACHT_VERVOLGINSTANTIE = "commissie"
    settings.KLANTBEELD_KLACHT_VERVOLGINSTANTIE_GEGEVENS = (
        "Onafhankelijke Klachtencommissie, Postbus 10, 1000 AA Ons Dorp"
    )
    # A mail on the complaint subject opens the complaint by itself.
    registreer_contact(
        Contactaanmelding(
            kanaal="e-mail",
            onderwerp="Klacht",
            inhoud="Mijn bezwaar ligt al een jaar stil en niemand antwoordt.",
            deelnemers=[Deelnemer(partij=jan)],
            actoren=[mensen["sanne"]],
        ),
        ChangeContext(applicatie="Postvak"),
    )
    klacht = Klacht.objects.get()

    fatima = Werkplek(browser, live_server, "fatima")
    page = open_klacht(fatima, klacht)
    formulier(page, "Toewijzen").get_by_label("Behandelaar").select_option(label="Fatima El Amrani")
    verstuur(page, "Toewijzen")
    commissie = formulier(page, "Voorleggen")
    commissie.get_by_label("Toelichting voor de commissie").fill("Lang stilliggend bezwaar.")
    assert "Voorgelegd aan de klachtencommissie" in verstuur(page, "Voorleggen")
    klacht.refresh_from_db()
    tien_weken = termijnen.weken_later(klacht.ontvangen_op, 10)
    assert klacht.commissie and klacht.termijn_einde == tien_weken
    expect(page.get_by_text("(met advies van de klachtencommissie)")).to_be_visible()

    horen = formulier(page, "Horen vastleggen")
    horen.get_by_label("Verslag van het horen").fill("Gehoord door de commissie.")
    verstuur(page, "Horen vastleggen")
    besluit = formulier(page, "Besluit versturen")
    besluit.get_by_label("Uitkomst").select_option(label="Deels gegrond")
    besluit.get_by_label("Bevindingen, oordeel en conclusies").fill(
        "Conform het advies van de commissie: de termijn is overschreden, de inhoud niet."
    )
    verstuur(page, "Besluit versturen")
    assert kanalen.opgesteld[-1].tekst.endswith(
        "Onafhankelijke Klachtencommissie, Postbus 10, 1000 AA Ons Dorp."
    )

    doorverwijzen = formulier(page, "Doorverwijzing vastleggen")
    doorverwijzen.get_by_label("Toelichting bij de doorverwijzing").fill(
        "Klager legt de klacht voor aan de commissie."
    )
    assert "Doorverwezen" in verstuur(page, "Doorverwijzing vastleggen")
    op_elke_breedte(page)
    klacht.refresh_from_db()
    assert klacht.doorverwezen_op == timezone.localdate()
    assert klacht.vervolginstantie == "commissie"
    expect(page.get_by_role("list", name="Verloop")).to_contain_text(
        "Voorgelegd aan de klachtencommissie"
    )

    with page.expect_download() as pdf:
        page.get_by_role("link", name="dossier als PDF").click()
    assert pdf.value.suggested_filename == f"klachtdossier-{klacht.nummer}.pdf"
    with open(pdf.value.path(), "rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
    with page.expect_download() as los:
        page.get_by_role("link", name="dossier als JSON").click()
    with open(los.value.path(), encoding="utf-8") as bestand:
        gegevens = json.load(bestand)
    [stukken] = gegevens["secties"][0]["items"]
    assert stukken["commissie"] is True and stukken["uitkomst"] == "Deels gegrond"
    assert stukken["termijn_einde"] == tien_weken.isoformat()
    assert Verwerkingsactie.objects.filter(handeling_naam="Klachtdossier downloaden").count() == 2
    assert datetime.date.fromisoformat(stukken["doorverwezen_op"]) == timezone.localdate()
