"""Mijn zaken in real Chromium (C8404, C0300, C2975, C6278): a resident signed in with DigiD
sees their zaken from the local ZGW registers, a hoofdzaak with its deelzaken, a register
that fails, the documents they may see and the contacts about a zaak that are theirs; adds a
document to an open zaak, is refused on someone else's, and withdraws an application. Each
outcome is checked in the Zaken and Documenten API stand-in and in the register."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import Browser, Page, expect

from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Partij, Teamlid
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services.actoren import create_actor
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.domain.services.identiteit import Identiteit, partij_van
from klantbeeld.domain.services.intake import (
    Contactaanmelding,
    Deelnemer,
    registreer_contact,
)
from klantbeeld.domain.services.zaken import ZAAK, Zaakverwijzing
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.privacy.models import Verwerkingsactie
from standins.oidc import Provider
from standins.zgw import LocalZgw, local_zgw
from tests.integrations.conftest import SECRET, drain
from tests.portal.conftest import BSN_ANNA, BSN_JAN, at_320, inloggen

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4 aanvraagformulier van Jan"


@pytest.fixture
def kapot_register(zgw: LocalZgw) -> Iterator[LocalZgw]:
    """A second Zaken API (a chain partner's) that answers every request with an error."""
    with local_zgw({"klantbeeld": SECRET}) as kapot:
        kapot.failing = True
        ZgwService.objects.create(
            naam="Zaken omgevingsdienst",
            soort=Soort.ZAKEN,
            api_root=kapot.zaken_root,
            client_id="klantbeeld",
            secret=SECRET,
        )
        yield kapot


@pytest.fixture
def teams(settings: Any) -> dict[str, Actor]:
    vergunningen = create_actor(
        {
            "naam": "Team Vergunningen",
            "soort_actor": SoortActor.ORGANISATORISCHE_EENHEID,
            "actoridentificator_object_id": "VERG",
            "actoridentificator_code_objecttype": "organisatorische_eenheid",
            "actoridentificator_code_soort_object_id": "identificatie",
            "actoridentificator_code_register": "gemeente",
        },
        SYSTEM,
    )
    kcc = create_actor(
        {"naam": "Klantcontactcentrum", "soort_actor": SoortActor.ORGANISATORISCHE_EENHEID},
        SYSTEM,
    )
    settings.KLANTBEELD_MIJN_ZAAK_TEAM = "Klantcontactcentrum"
    return {"vergunningen": vergunningen, "kcc": kcc}


def zaken_van_jan(zgw: LocalZgw) -> dict[str, dict[str, Any]]:
    vergunning = zgw.add_zaak(
        "PARKEERVERGUNNING",
        omschrijving="Parkeervergunning Dorpsstraat",
        bsn=BSN_JAN,
        vertrouwelijkheid="zaakvertrouwelijk",
        startdatum="2026-10-01",
        einddatum_gepland="2026-11-26",
    )
    zgw.add_status(vergunning, "In behandeling", toelichting="Behandelaar: Mila Medewerker")
    zgw.add_document(
        vergunning,
        "Aanvraagformulier",
        vertrouwelijkheid="zaakvertrouwelijk",
        inhoud=PDF,
        bestandsnaam="aanvraag.pdf",
    )
    zgw.add_document(vergunning, "Intern advies", vertrouwelijkheid="vertrouwelijk")
    zgw.add_rol(
        vergunning,
        "behandelaar",
        "organisatorische_eenheid",
        {"identificatie": "VERG", "naam": "Team Vergunningen"},
    )
    # C8404: one request for several products, a deelzaak per product.
    verbouwing = zgw.add_zaak(
        "SUBSIDIE", omschrijving="Verbouwing winkelpand", bsn=BSN_JAN, startdatum="2026-09-20"
    )
    deel_subsidie = zgw.add_zaak(
        "SUBSIDIE",
        omschrijving="Subsidie gevelverbetering",
        hoofdzaak=verbouwing,
        startdatum="2026-09-21",
    )
    zgw.add_status(deel_subsidie, "Besluit genomen")
    deel_melding = zgw.add_zaak(
        "MOR", omschrijving="Container op de stoep", hoofdzaak=verbouwing, startdatum="2026-09-22"
    )
    zgw.add_status(deel_melding, "In behandeling")
    afgerond = zgw.add_zaak(
        "MOR",
        omschrijving="Losse stoeptegel",
        bsn=BSN_JAN,
        startdatum="2026-08-01",
        einddatum="2026-08-10",
    )
    van_anna = zgw.add_zaak(
        "PARKEERVERGUNNING",
        omschrijving="Parkeervergunning Kerkplein",
        bsn=BSN_ANNA,
        vertrouwelijkheid="zaakvertrouwelijk",
    )
    zgw.add_document(van_anna, "Aanvraag van Anna", vertrouwelijkheid="zaakvertrouwelijk")
    return {
        "vergunning": vergunning,
        "verbouwing": verbouwing,
        "deel_subsidie": deel_subsidie,
        "deel_melding": deel_melding,
        "afgerond": afgerond,
        "van_anna": van_anna,
    }


def contact_over(zaak: dict[str, Any], bsn: str, onderwerp: str, actor: Actor) -> Klantcontact:
    """A klantcontact an employee registered about ``zaak`` with the person of ``bsn``."""
    partij = partij_van(Identiteit(bsn=bsn), SYSTEM)
    registratie = registreer_contact(
        Contactaanmelding(
            kanaal="telefoon",
            onderwerp=onderwerp,
            inhoud="Wanneer krijg ik bericht over mijn aanvraag?",
            reactie="U krijgt binnen twee weken bericht.",
            deelnemers=[Deelnemer(partij=partij)],
            actoren=[actor],
            zaak=Zaakverwijzing(
                url=zaak["url"],
                uuid=zaak["url"].rsplit("/", 1)[-1],
                identificatie=zaak["identificatie"],
                zaaktype=zaak["zaaktype"],
            ),
        ),
        SYSTEM,
    )
    assert registratie.klantcontact is not None
    return registratie.klantcontact


def uuid_van(zaak: dict[str, Any]) -> str:
    return str(zaak["url"].rsplit("/", 1)[-1])


def test_a_resident_sees_their_zaken_deelzaken_documents_and_contacts(
    page: Page,
    browser: Browser,
    live_server: Any,
    broker: Provider,
    zgw: LocalZgw,
    kapot_register: LocalZgw,
    teams: dict[str, Actor],
) -> None:
    zaken = zaken_van_jan(zgw)
    inloggen(page, live_server, "jan")
    page.get_by_role("link", name="Mijn zaken").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn zaken")
    # The zaken arrive after the page (htmx), from the register that answers; the other
    # one's failure is said, not hidden.
    lijst = page.locator("#zaken")
    expect(lijst.get_by_role("link", name="Parkeervergunning Dorpsstraat")).to_be_visible()
    expect(page.get_by_text("Een deel van uw zaken kan nu niet worden getoond")).to_be_visible()
    expect(lijst).not_to_contain_text("Kerkplein")
    # The hoofdzaak with its two deelzaken, each with its own status (C8404).
    verbouwing = lijst.locator("li.portaal-zaak", has_text="Verbouwing winkelpand")
    expect(verbouwing).to_contain_text("Deze zaak heeft 2 onderdelen")
    expect(verbouwing).to_contain_text("Subsidie gevelverbetering: Besluit genomen")
    expect(verbouwing).to_contain_text("Container op de stoep: In behandeling")
    # Deelzaken are not listed again on their own, and the closed zaak is under its heading.
    expect(lijst.get_by_role("heading", name="Subsidie gevelverbetering")).to_have_count(0)
    afgerond = page.get_by_role("heading", name="Afgeronde zaken")
    expect(afgerond).to_be_visible()
    expect(lijst.locator("li.portaal-zaak", has_text="Losse stoeptegel")).to_contain_text(
        "Afgerond op"
    )
    # Looking needs no partij (R3), and the look-up is logged for the resident.
    assert Partij.objects.count() == 0
    assert Verwerkingsactie.objects.filter(handeling_naam="Mijn zaken").exists()
    at_320(page)

    # Without JavaScript the same list, through the link in the page.
    zonder_js = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    zonder_js.add_cookies(page.context.cookies())
    kaal = zonder_js.new_page()
    kaal.goto("/mijn/zaken/")
    kaal.get_by_role("link", name="Toon mijn zaken").click()
    expect(kaal.get_by_role("link", name="Parkeervergunning Dorpsstraat")).to_be_visible()
    expect(kaal.get_by_text("Een deel van uw zaken kan nu niet worden getoond")).to_be_visible()
    zonder_js.close()

    # Contacts about the zaak: Jan's, handled by an employee of Team Vergunningen; Anna's
    # about the same zaak is not his.
    medewerker = create_actor(
        {"naam": "Mila Medewerker", "soort_actor": SoortActor.MEDEWERKER}, SYSTEM
    )
    Teamlid.objects.create(team=teams["vergunningen"], medewerker=medewerker)
    contact_over(zaken["vergunning"], BSN_JAN, "Vraag over parkeervergunning", medewerker)
    contact_over(zaken["vergunning"], BSN_ANNA, "Vraag van Anna", medewerker)

    page.get_by_role("link", name="Parkeervergunning Dorpsstraat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Parkeervergunning Dorpsstraat")
    voortgang = page.locator("ol.portaal-voortgang")
    expect(voortgang).to_contain_text("Ontvangen")
    expect(voortgang).to_contain_text("In behandeling")
    expect(page.get_by_role("link", name="Aanvraagformulier")).to_be_visible()
    expect(page.get_by_text("Intern advies")).to_have_count(0)  # vertrouwelijk: above the max
    contacten = page.locator("ul.portaal-contacten")
    expect(contacten).to_contain_text("Vraag over parkeervergunning")
    expect(contacten).to_contain_text("Team Vergunningen")
    expect(contacten).to_contain_text("U krijgt binnen twee weken bericht.")
    expect(contacten).not_to_contain_text("Vraag van Anna")
    expect(page.locator("main")).not_to_contain_text("Mila")  # never an employee's name
    at_320(page)

    # The document, downloaded through Klantbeeld.
    with page.expect_download() as download:
        page.get_by_role("link", name="Aanvraagformulier").click()
    assert download.value.suggested_filename == "aanvraag.pdf"
    assert Path(download.value.path()).read_bytes() == PDF

    # The hoofdzaak's page lists its deelzaken; a deelzaak found through it is shown, but is
    # not Jan's to act on (he has no rol in it).
    page.goto(f"{live_server.url}/mijn/zaken/{uuid_van(zaken['verbouwing'])}/")
    onderdelen = page.locator("ul.portaal-zaken")
    expect(onderdelen).to_contain_text("Subsidie gevelverbetering")
    expect(onderdelen).to_contain_text("Container op de stoep")
    expect(page.get_by_role("link", name="Document toevoegen")).to_be_visible()
    at_320(page)
    onderdelen.get_by_role("link", name="Container op de stoep").click()
    expect(page.get_by_text("Dit is een onderdeel van een grotere zaak.")).to_be_visible()
    expect(page.get_by_role("link", name="Document toevoegen")).to_have_count(0)
    at_320(page)

    # Someone else's zaak and its document do not exist for Jan.
    anna = uuid_van(zaken["van_anna"])
    for pad in (f"/mijn/zaken/{anna}/", f"/mijn/zaken/{anna}/aanvullen/"):
        page.goto(f"{live_server.url}{pad}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    document_van_anna = next(
        d for d in zgw.objects("enkelvoudiginformatieobjecten") if d["titel"] == "Aanvraag van Anna"
    )
    vergunning = uuid_van(zaken["vergunning"])
    antwoord = page.request.get(
        f"{live_server.url}/mijn/zaken/{vergunning}/documenten/{uuid_van(document_van_anna)}/"
    )
    assert antwoord.status == 404
    at_320(page)


def test_a_resident_adds_a_document_and_withdraws_an_application(
    page: Page, live_server: Any, broker: Provider, zgw: LocalZgw, teams: dict[str, Actor]
) -> None:
    zaken = zaken_van_jan(zgw)
    vergunning, anna = uuid_van(zaken["vergunning"]), uuid_van(zaken["van_anna"])
    inloggen(page, live_server, "jan", pad=f"/mijn/zaken/{vergunning}/")

    # C0300: a document with an explanation for an open zaak of his own.
    page.get_by_role("link", name="Document toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Document toevoegen")
    at_320(page)
    documenten_voor = len(zgw.objects("enkelvoudiginformatieobjecten"))
    # A forged form: posted to Anna's zaak from Jan's page. Refused, nothing stored.
    page.evaluate(
        "(pad) => document.querySelector('main form').setAttribute('action', pad)",
        f"/mijn/zaken/{anna}/aanvullen/",
    )
    page.get_by_label("Bestand").set_input_files(
        {"name": "parkeerkaart.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}
    )
    page.get_by_label("Toelichting").fill("Hierbij de parkeerkaart.")
    page.get_by_role("button", name="Document versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    assert len(zgw.objects("enkelvoudiginformatieobjecten")) == documenten_voor
    assert Klantcontact.objects.count() == 0
    assert Partij.objects.count() == 0

    page.goto(f"{live_server.url}/mijn/zaken/{vergunning}/aanvullen/")
    page.get_by_role("button", name="Document versturen").click()  # nothing filled in
    expect(page.get_by_text("Controleer wat u hebt ingevuld.")).to_be_visible()
    at_320(page)
    page.get_by_label("Bestand").set_input_files(
        {"name": "parkeerkaart.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 kaart"}
    )
    page.get_by_label("Toelichting").fill("Hierbij de kopie van mijn parkeerkaart.")
    page.get_by_role("button", name="Document versturen").click()
    expect(page.get_by_text("Wij hebben uw document ontvangen.")).to_be_visible()
    at_320(page)

    # In the Documenten API, related to the zaak once the worker has sent the link.
    nieuw = next(
        d
        for d in zgw.objects("enkelvoudiginformatieobjecten")
        if d["bestandsnaam"] == "parkeerkaart.pdf"
    )
    assert zgw.content_of(nieuw) == b"%PDF-1.4 kaart"
    drain()
    assert any(
        zio["zaak"] == zaken["vergunning"]["url"] and zio["informatieobject"] == nieuw["url"]
        for zio in zgw.objects("zaakinformatieobjecten")
    )
    # The klantcontact: the resident's partij (made now), about the zaak, with the document,
    # and a task for the team the register names as behandelaar.
    jan = Partij.objects.get()
    aanvulling = Klantcontact.objects.get(
        onderwerp=f"Aanvulling op {zaken['vergunning']['identificatie']}"
    )
    assert aanvulling.kanaal == "mijngemeente"
    assert aanvulling.inhoud == "Hierbij de kopie van mijn parkeerkaart."
    assert list(aanvulling.betrokkenen.values_list("was_partij", flat=True)) == [jan.pk]
    assert aanvulling.onderwerpobjecten.filter(
        onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"],
        onderwerpobjectidentificator_object_id=vergunning,
    ).exists()
    assert list(aanvulling.bijlagen.values_list("bijlageidentificator_object_id", flat=True)) == [
        uuid_van(nieuw)
    ]
    taak = InterneTaak.objects.get(aanleidinggevend_klantcontact=aanvulling)
    assert list(taak.toegewezen_aan_actoren.all()) == [teams["vergunningen"]]
    # Both are on the zaak's page now.
    page.reload()
    expect(page.get_by_role("link", name="parkeerkaart.pdf")).to_be_visible()
    expect(page.locator("ul.portaal-contacten")).to_contain_text("Aanvulling op")

    # C2975: withdraw the application; the register names no team for the hoofdzaak, so
    # the configured one gets the task.
    verbouwing = uuid_van(zaken["verbouwing"])
    page.goto(f"{live_server.url}/mijn/zaken/{verbouwing}/")
    page.get_by_role("link", name="Aanvraag intrekken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanvraag intrekken")
    at_320(page)
    page.get_by_label("Waarom wilt u de aanvraag intrekken?").fill("Ik verbouw het pand toch niet.")
    page.get_by_role("button", name="Aanvraag intrekken").click()
    expect(page.get_by_text("Wij hebben uw verzoek ontvangen")).to_be_visible()
    at_320(page)
    intrekking = Klantcontact.objects.get(
        onderwerp=f"Intrekken aanvraag {zaken['verbouwing']['identificatie']}"
    )
    assert intrekking.inhoud == "Ik verbouw het pand toch niet."
    assert intrekking.kanaal == "mijngemeente"
    assert list(intrekking.betrokkenen.values_list("was_partij", flat=True)) == [jan.pk]
    taak = InterneTaak.objects.get(aanleidinggevend_klantcontact=intrekking)
    assert taak.gevraagde_handeling == "Aanvraag intrekken verwerken"
    assert list(taak.toegewezen_aan_actoren.all()) == [teams["kcc"]]

    # Not for a closed zaak, a deelzaak he has no rol in, nor someone else's.
    for zaak in ("afgerond", "deel_melding", "van_anna"):
        page.goto(f"{live_server.url}/mijn/zaken/{uuid_van(zaken[zaak])}/intrekken/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    assert Klantcontact.objects.count() == 2
    assert django_settings.KLANTBEELD_MIJN_MAX_VERTROUWELIJKHEID == "zaakvertrouwelijk"
