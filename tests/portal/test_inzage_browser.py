"""*Wie heeft mijn gegevens bekeken* and *Mijn gegevens downloaden* walked in real
Chromium: an employee signed in to the workspace through the staff's OpenID Connect
provider looks a resident up; the resident, signed in with DigiD through the broker, sees
that look-up with the team and the processing activity, never the employee's name, and
downloads everything as JSON and as PDF. axe at 1280 and 320 px on every page."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from klantbeeld.domain.models import Actor, Partij
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.privacy.verwerkingen import standaard_activiteit
from standins.oidc import Provider
from tests.domain.test_zoeken import nummer, persoon
from tests.portal.conftest import BSN_JAN, at_320, inloggen
from tests.workspace.conftest import screenshot
from tests.workspace.test_gevallen_browser import provider, teams, werkplek  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_sees_who_looked_at_their_data_and_downloads_it(
    browser: Browser,
    page: Page,
    live_server: Any,
    broker: Provider,
    teams: dict[str, Actor],  # noqa: F811
    settings: Any,
) -> None:
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Ons Dorp"
    jan = persoon("Jan", "Jansen", bezoekadres_straatnaam="Dorpsstraat", bezoekadres_huisnummer=5)
    nummer(jan, "bsn", BSN_JAN)
    doel = standaard_activiteit("klantbeeld")

    # Sanne (team Klantcontactcentrum) looks Jan up in the workspace.
    sanne = werkplek(browser, live_server, "sanne")
    sanne.open_klant(BSN_JAN, "Jan Jansen")
    assert Verwerkingsactie.objects.filter(gebruiker="sanne", actie_naam="Raadplegen").exists()

    # Jan signs in and looks at who processed his data.
    inloggen(page, live_server, "jan")
    page.get_by_role("link", name="Wie heeft mijn gegevens bekeken").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wie heeft mijn gegevens bekeken")
    lijst = page.get_by_role("list", name="Verwerkingen")
    expect(lijst.get_by_text("Een medewerker van Klantcontactcentrum").first).to_be_visible()
    expect(lijst.get_by_text("Raadplegen: Klantbeeld bekijken")).to_be_visible()
    expect(lijst.get_by_text(doel.naam).first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Sanne")
    expect(page.locator("main")).not_to_contain_text("de Vries")
    at_320(page)
    screenshot(page, "portaal-inzage")

    # A period without JavaScript's help: a plain GET form; today holds the look-up.
    vandaag = timezone.localdate().isoformat()
    page.get_by_label("Vanaf").fill(vandaag)
    page.get_by_label("Tot en met").fill(vandaag)
    page.get_by_role("button", name="Toon", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/mijn/inzage/?van={vandaag}&tot={vandaag}")
    expect(page.get_by_role("heading", name="Verwerkingen in deze periode")).to_be_visible()
    expect(page.get_by_text("Een medewerker van Klantcontactcentrum").first).to_be_visible()
    # His own visit of a moment ago is there too, as his.
    expect(page.get_by_text("Door uzelf").first).to_be_visible()
    page.get_by_label("Vanaf").fill("2020-01-01")
    page.get_by_label("Tot en met").fill("2020-01-31")
    page.get_by_role("button", name="Toon", exact=True).click()
    expect(page.get_by_text("In deze periode zijn uw gegevens niet bekeken")).to_be_visible()
    at_320(page)

    # The download: what is in it, then both files.
    page.get_by_role("link", name="Mijn gegevens downloaden").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens downloaden")
    at_320(page)
    screenshot(page, "portaal-downloaden")
    with page.expect_download() as gekregen:
        page.get_by_role("link", name="Download als JSON (voor computers)").click()
    download = gekregen.value
    assert download.suggested_filename == f"mijn-gegevens-{vandaag}.json"
    inzage = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    secties = {s["sleutel"]: s for s in inzage["secties"]}
    assert secties["partij"]["items"][0]["achternaam"] == "Jansen"
    eenheden = {v["eenheid"] for v in secties["verwerkingen"]["items"]}
    assert "Klantcontactcentrum" in eenheden
    assert "Sanne" not in json.dumps(inzage)

    with page.expect_download() as gekregen:
        page.get_by_role("link", name="Download als PDF (om te lezen)").click()
    download = gekregen.value
    assert download.suggested_filename == f"mijn-gegevens-{vandaag}.pdf"
    pdf = Path(download.path()).read_bytes()
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Uw gegevens bij Gemeente Ons Dorp" in tekst
    assert "Dorpsstraat" in tekst and "Klantcontactcentrum" in tekst
    assert "Sanne" not in tekst

    # The headers as the browser received them (its session, its cookies).
    for pad, soort in (
        ("/mijn/downloaden/mijn-gegevens.json", "application/json; charset=utf-8"),
        ("/mijn/downloaden/mijn-gegevens.pdf", "application/pdf"),
    ):
        antwoord = page.request.get(f"{live_server.url}{pad}")
        assert antwoord.status == 200
        assert antwoord.headers["content-type"] == soort
        assert antwoord.headers["content-disposition"].startswith(
            'attachment; filename="mijn-gegevens-'
        )
    # Each download is logged as his own.
    assert (
        Verwerkingsactie.objects.filter(
            actie_naam="Downloaden", uitgevoerd_door="betrokkene"
        ).count()
        == 4
    )
    assert Partij.objects.count() == 1  # reading made no partij (R3)
