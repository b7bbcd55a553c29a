"""Signing in to the workspace in real Chromium through a real OpenID Connect provider;
every page visited is checked with axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Klantcontact
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.opvolging import vraag_opvolging_aan
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.models import Aanmelding, Methode
from standins.oidc import Provider, oidc_provider
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.conftest import op_elke_breedte, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
BY = ChangeContext(applicatie="Test", gebruikers_id="test", gebruikers_weergave="Test")

USERS = {
    "sanne": {
        "name": "Sanne de Vries",
        "email": "sanne@gemeente.example.nl",
        "roles": ["kcc-medewerker", "iets-anders"],
    },
}


@pytest.fixture
def provider(live_server: Any, settings: Any) -> Iterator[Provider]:
    with oidc_provider(
        [f"{live_server.url}/oidc/callback/"],
        USERS,
        post_logout_uris=[f"{live_server.url}/werkplek/inloggen/"],
    ) as op:
        for name, value in op.settings().items():
            setattr(settings, name, value)
        yield op


def test_a_kcc_employee_signs_in_with_the_organisation_account(
    page: Page, live_server: Any, provider: Provider, settings: Any
) -> None:
    page.goto(f"{live_server.url}/werkplek/")
    expect(page).to_have_title("Inloggen · Klantbeeld")
    op_elke_breedte(page)
    screenshot(page, "inloggen")

    page.get_by_role("link", name="Inloggen met uw organisatie-account").click()
    page.fill("input[name=login]", "sanne")  # the provider's own login form
    page.fill("input[name=password]", "wat-dan-ook")
    # The provider, the callback and the first page: slow on a loaded CI machine.
    page.click("button[type=submit]", timeout=30_000)

    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Sanne de Vries")
    expect(page.get_by_role("main").get_by_role("listitem")).to_have_text(["KCC-medewerker"])
    expect(page.get_by_role("cell", name="OpenID Connect")).to_be_visible()
    op_elke_breedte(page)
    [aanmelding] = Aanmelding.objects.all()
    assert (aanmelding.gebruikersnaam, aanmelding.methode, aanmelding.geslaagd) == (
        "sanne",
        Methode.OIDC,
        True,
    )

    # Find a customer by BSN as read aloud; the search is logged once, by this employee.
    jan = persoon("Jan", "Jansen", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=5)
    nummer(jan, "bsn", bsn(1))
    page.get_by_role("link", name="Klant zoeken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Klant zoeken")
    op_elke_breedte(page)
    page.get_by_label("Zoek op").fill(f"{bsn(1)[:3]} {bsn(1)[3:6]} {bsn(1)[6:]}")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("main").get_by_role("heading", level=2)).to_have_text("1 gevonden")
    expect(page.get_by_role("cell", name="Jan Jansen")).to_be_visible()
    op_elke_breedte(page)
    screenshot(page, "klant-zoeken")
    [actie] = Verwerkingsactie.objects.all()
    assert actie.gebruiker == "sanne"
    assert [o.object_id for o in actie.verwerkte_objecten.all()] == [bsn(1)]

    # The integral customer view, one click further; that look-up is logged too.
    page.get_by_role("link", name="Jan Jansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jan Jansen")
    expect(page.get_by_role("heading", name="Contactmomenten")).to_be_visible()
    op_elke_breedte(page)
    screenshot(page, "klantbeeld")
    assert list(Verwerkingsactie.objects.values_list("actie_naam", flat=True)) == [
        "Raadplegen",
        "Zoeken",
    ]

    # C0992: the question answered on the phone is registered from the customer view.
    settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER = "0201234567"
    page.get_by_role("link", name="Contact vastleggen").click()
    op_elke_breedte(page)
    screenshot(page, "contact-vastleggen")
    page.get_by_label("Onderwerp").fill("Afvalkalender")
    page.get_by_label("Antwoord").fill("Elke tweede dinsdag.")
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("Contact vastgelegd met nummer")
    expect(page.get_by_role("cell", name="Afvalkalender")).to_be_visible()
    op_elke_breedte(page)

    # C2984: a call-back task for her, closed from her queue with what came of it.
    kc = Klantcontact.objects.get(onderwerp="Afvalkalender")
    [sanne] = kc.actoren.all()
    taak = vraag_opvolging_aan(
        kc, gevraagde_handeling="Terugbellen", toegewezen_aan=[sanne], door=sanne, by=BY
    )
    page.get_by_role("link", name="Taken", exact=True).click()
    expect(page.get_by_role("heading", name="Mijn taken (1)")).to_be_visible()
    op_elke_breedte(page)
    page.get_by_role("link", name=f"Terugbellen (taak {taak.nummer}, Afvalkalender)").click()
    op_elke_breedte(page)
    page.get_by_label("Wat is er gedaan en wat kwam eruit").fill("Teruggebeld, uitgelegd.")
    page.get_by_role("button", name="Afhandelen").click()
    expect(page.get_by_role("status")).to_contain_text("afgehandeld")
    taak.refresh_from_db()
    assert taak.status == "verwerkt"

    page.get_by_role("button", name="Uitloggen").click()
    # Signed out at the provider too: back on the sign-in page, and the next sign-in asks
    # for credentials again (the next person at the desk is not the last one).
    expect(page).to_have_title("Inloggen · Klantbeeld")
    page.get_by_role("link", name="Inloggen met uw organisatie-account").click()
    expect(page.locator("input[name=login]")).to_be_visible()
    page.goto(f"{live_server.url}/werkplek/")
    expect(page).to_have_title("Inloggen · Klantbeeld")
    assert list(Aanmelding.objects.values_list("methode", flat=True)) == [
        Methode.UITLOGGEN,
        Methode.OIDC,
    ]


def test_the_emergency_login_page_is_accessible(page: Page, live_server: Any, settings: Any):
    settings.KLANTBEELD_NOODTOEGANG = True
    page.goto(f"{live_server.url}/werkplek/inloggen/")
    page.get_by_role("link", name="Inloggen met wachtwoord en code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Noodtoegang")
    op_elke_breedte(page)
    page.get_by_label("Gebruikersnaam").fill("iemand")
    page.get_by_role("button", name="Inloggen").click()
    # What was typed stays; each missing field says what to do.
    expect(page.get_by_label("Gebruikersnaam")).to_have_value("iemand")
    expect(page.get_by_text("Vul de zes cijfers uit de authenticator-app in.")).to_have_count(0)
    expect(page.get_by_text("Dit veld is verplicht.")).to_have_count(2)
    op_elke_breedte(page)
