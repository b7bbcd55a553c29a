"""GEMMA flows 1 to 4 in real Chromium: from the customer view a KCC employee opens a zaak,
sees its documents and the timeline of its contacts, adds a late document (nagekomen stuk)
and a contact about the zaak; axe finds nothing at 1280 and at 320 px, and the page does
not scroll sideways at 320 px (WCAG 1.4.10)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Betrokkene, Klantcontact, Onderwerpobject, Partij
from standins.oidc import Provider
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import nummer, persoon
from tests.integrations.conftest import drain
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_gevallen_browser import Werkplek, provider  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def jan() -> Partij:
    jan = persoon("Jan", "Jansen", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=5)
    nummer(jan, "bsn", bsn(1))
    return jan


def test_a_zaak_from_the_customer_view_with_a_late_document_and_a_contact(
    browser: Browser,
    live_server: Any,
    provider: Provider,  # noqa: F811
    zgw: LocalZgw,
    jan: Partij,
) -> None:
    zaak = zgw.add_zaak(
        "PARKEERVERGUNNING",
        omschrijving="Bewonersvergunning Dorpsstraat",
        bsn=bsn(1),
        vertrouwelijkheid="zaakvertrouwelijk",
    )
    zgw.add_status(zaak, "In behandeling", "Behandelaar: De Vries")
    zgw.add_document(
        zaak, "Aanvraagformulier parkeervergunning", vertrouwelijkheid="zaakvertrouwelijk"
    )
    eerder = Klantcontact.objects.create(
        nummer="5001",
        kanaal="telefoon",
        onderwerp="Vraag over de vergunning",
        inhoud="Wanneer hoor ik iets?",
        taal="nld",
        vertrouwelijk=False,
        indicatie_contact_gelukt=True,
        plaatsgevonden_op=timezone.now() - datetime.timedelta(days=2),
    )
    Betrokkene.objects.create(had_klantcontact=eerder, was_partij=jan, rol="klant", initiator=True)
    Onderwerpobject.objects.create(
        klantcontact=eerder,
        onderwerpobjectidentificator_code_objecttype="zgw-Zaak",
        onderwerpobjectidentificator_code_register="openzaak",
        onderwerpobjectidentificator_code_soort_object_id="uuid",
        onderwerpobjectidentificator_object_id=zaak["uuid"],
    )

    sanne = Werkplek(browser, live_server, "sanne")
    page = sanne.open_klant(bsn(1), "Jan Jansen")
    page.get_by_role("link", name=zaak["identificatie"]).click()
    titel = f"Zaak {zaak['identificatie']}: Bewonersvergunning Dorpsstraat"
    expect(page.get_by_role("heading", level=1)).to_have_text(titel)
    documenten = page.get_by_role("table", name="Documenten")
    expect(documenten).to_contain_text("Aanvraagformulier parkeervergunning")
    tijdlijn = page.get_by_role("list", name="Contacten en taken over deze zaak")
    expect(tijdlijn).to_contain_text("contact 5001: Vraag over de vergunning")
    # The call panel takes the zaak as a subject of the call in progress.
    page.locator(f'[data-belpaneel-zaak="{zaak["url"]}"]').click()
    expect(page.locator("#belpaneel")).to_contain_text(f"Over zaak {zaak['identificatie']}")
    op_elke_breedte(page)
    screenshot(page, "zaak")

    # Flow 4: the customer hands in a document at the counter.
    stuk = page.locator("form", has=page.get_by_role("button", name="Stuk toevoegen"))
    stuk.get_by_label("Kanaal").select_option("balie")
    stuk.get_by_label("Bestand").set_input_files(
        files=[{"name": "loonstrook.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    stuk.get_by_label("Titel van het document").fill("Loonstrook oktober")
    stuk.get_by_label("Soort document").select_option(label="Bijlage")
    stuk.get_by_label("Toelichting").fill("Nagestuurd aan de balie.")
    stuk.get_by_role("button", name="Stuk toevoegen").click()
    expect(page.get_by_role("status").first).to_contain_text("vastgelegd bij zaak")
    expect(page.get_by_text("1 nagekomen stuk wordt nog aan de zaak gekoppeld.")).to_be_visible()
    drain()  # the worker relates the document to the zaak
    page.reload()
    expect(documenten).to_contain_text("Loonstrook oktober")
    expect(tijdlijn).to_contain_text(f"Nagekomen stuk voor {zaak['identificatie']}")

    # Flow 2: a call about the zaak.
    contact = page.locator("form", has=page.get_by_role("button", name="Contact vastleggen"))
    contact.get_by_label("Onderwerp").fill("Termijn van het besluit")
    contact.get_by_label("Antwoord").fill("Binnen acht weken na de aanvraag.")
    contact.get_by_role("button", name="Contact vastleggen").click()
    expect(page.get_by_role("status").first).to_contain_text("vastgelegd bij zaak")
    expect(tijdlijn).to_contain_text("Termijn van het besluit")
    op_elke_breedte(page)

    # The document opens through Klantbeeld.
    with page.expect_download() as download:
        documenten.get_by_role("link", name="Loonstrook oktober").click()
    assert download.value.suggested_filename == "loonstrook.pdf"
