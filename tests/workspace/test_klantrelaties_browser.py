"""Customer relations in real Chromium (CORA Klantrelatie, a housing corporation): a
behandelaar gives a co-resident a medebewoner relation through the huurder's contract
(found by searching the huurder), finds her by searching only medebewoners, then ends the
huurder's relation and sees the medebewoner's ended with it; axe finds nothing on each
page at 1280 and at 320 px."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Categorie, CategorieRelatie, Partij
from klantbeeld.domain.services import categorieen
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.klantrelatie_voorbeelden import laad_voorbeeld
from standins.oidc import Provider
from tests.domain.test_zoeken import nummer, persoon
from tests.workspace.conftest import screenshot
from tests.workspace.test_gevallen_browser import Werkplek, provider  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def huurder() -> Partij:
    laad_voorbeeld("woningcorporatie")
    jan = persoon("Jan", "Jansen", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=5)
    nummer(jan, "bsn", bsn(1))
    categorieen.create_categorie_relatie(
        {
            "partij": jan,
            "categorie": Categorie.objects.get(naam="Huurder"),
            "begin_datum": datetime.date(2020, 3, 1),
            "kenmerk": "HO-123456",
        },
        ChangeContext(applicatie="Test"),
    )
    return jan


def test_a_medebewoner_through_the_huurder_found_in_search_and_ended_with_the_huurder(
    browser: Browser,
    live_server: Any,
    provider: Provider,  # noqa: F811
    huurder: Partij,
) -> None:
    els = persoon("Els", "de Boer")
    nummer(els, "bsn", bsn(2))
    persoon("Kim", "de Boer")  # no relation: not among the medebewoners

    lisa = Werkplek(browser, live_server, "lisa")
    page = lisa.open_klant(bsn(2), "Els de Boer")
    expect(page.get_by_text("Geen lopende relatie.")).to_be_visible()

    # Add: the kind, then the huurder's relation found by searching the huurder.
    page.get_by_role("link", name="Relatie toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Relatie toevoegen voor Els de Boer")
    lisa.toegankelijk(page)
    page.get_by_label("Soort relatie").select_option(label="Medebewoner (via een huurder)")
    page.get_by_label("Zoek de klant via wie de relatie loopt").fill(bsn(1))
    page.get_by_role("button", name="Zoek relaties").click()
    bron = page.get_by_label("Jan Jansen als huurder, sinds 01-03-2020 (HO-123456)")
    expect(bron).to_be_visible()
    expect(page.get_by_label("Soort relatie")).to_have_value(
        str(Categorie.objects.get(naam="Medebewoner").uuid)
    )
    lisa.toegankelijk(page)
    bron.check()
    page.get_by_role("button", name="Relatie vastleggen").click()
    expect(page.get_by_role("status").first).to_have_text("Relatie als medebewoner vastgelegd.")
    relaties = page.get_by_role("list", name="Klantrelaties")
    expect(relaties).to_contain_text("Medebewoner")
    expect(relaties).to_contain_text("HO-123456")
    expect(relaties.get_by_role("link", name="Jan Jansen")).to_be_visible()
    lisa.toegankelijk(page)
    screenshot(page, "klantrelatie-medebewoner")

    # Search only among medebewoners: Els, not Kim.
    page.get_by_role("link", name="Klant zoeken").click()
    page.get_by_label("Zoek op").fill("de boer")
    page.get_by_label("Alleen klanten met de relatie").select_option(label="Medebewoner")
    page.get_by_role("button", name="Zoeken").click()
    resultaten = page.get_by_role("table", name="1 gevonden")
    expect(resultaten.get_by_role("link", name="Els de Boer")).to_be_visible()
    expect(
        page.get_by_text("Alleen klanten met een lopende relatie als Medebewoner.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Kim de Boer")).to_have_count(0)
    lisa.toegankelijk(page)

    # End the huurder's relation from the huurder's view: the medebewoner's ends with it.
    resultaten.get_by_role("link", name="Els de Boer").click()
    page.get_by_role("list", name="Klantrelaties").get_by_role("link", name="Jan Jansen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jan Jansen")
    afgeleid = page.get_by_role("list", name="Via de relaties van deze klant:")
    expect(afgeleid).to_contain_text("Els de Boer (medebewoner)")
    page.get_by_role("link", name="Beëindigen (huurder)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Relatie als huurder van Jan Jansen beëindigen"
    )
    expect(page.get_by_role("list", name="Deze relaties eindigen mee")).to_contain_text(
        "Els de Boer (medebewoner)"
    )
    lisa.toegankelijk(page)
    page.get_by_role("button", name="Beëindigen").click()
    expect(page.get_by_role("status").first).to_have_text("Relatie als huurder beëindigd.")
    expect(page.get_by_text("Geen lopende relatie.")).to_be_visible()

    page = lisa.open_klant(bsn(2), "Els de Boer")
    expect(page.get_by_text("Geen lopende relatie.")).to_be_visible()
    page.get_by_text("1 beëindigde relatie").click()
    beeindigd = page.get_by_role("list", name="Beëindigde relaties")
    expect(beeindigd).to_contain_text("Medebewoner")
    expect(beeindigd.get_by_role("link", name="Jan Jansen")).to_be_visible()
    lisa.toegankelijk(page)
    assert CategorieRelatie.objects.get(partij=els).eind_datum is not None
