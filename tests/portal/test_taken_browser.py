"""Mijn taken and Producten en afspraken in real Chromium: signed in with DigiD through the
real OpenID Connect provider, reading the local Objecten API and appointment system over
HTTP; each outcome checked through the Klantinteracties API and the Objecten API."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from klantbeeld.domain.models import DigitaalAdres
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.domain.services.identiteit import Identiteit, partij_van
from standins.afspraken import Afspraak, LocalAfspraken
from standins.objecten import LocalObjecten
from standins.oidc import Provider
from tests.portal.conftest import BSN_ANNA, BSN_JAN, at_320, inloggen
from tests.support.client import ApiClient
from tests.support.objecten import klanttaak, over_een_week, productaanvraag

pytestmark = pytest.mark.django_db(transaction=True)

ZAAK_UUID = "5d1e4c7a-0b8e-4f7e-9f53-0d7a3c2b1a00"
ZAAK = f"https://zaken.example.nl/zaken/api/v1/zaken/{ZAAK_UUID}"


def test_a_resident_sees_and_completes_own_tasks(
    page: Page, live_server: Any, broker: Provider, objecten: LocalObjecten, ki: ApiClient
) -> None:
    taak = objecten.add(
        "klanttaak",
        klanttaak(
            BSN_JAN,
            titel="Stuur een kopie van uw huurcontract",
            zaak=ZAAK,
            zaakidentificatie="ZAAK-2026-0042",
            formulierlink="https://formulieren.example.nl/huurcontract",
            prefill={"kenteken": "AB-123-C"},
            verloopdatum="2026-12-31",
        ),
    )
    objecten.add(
        "klanttaak",
        klanttaak(
            BSN_JAN,
            titel="Betaal de leges",
            betaallink="https://betalen.example.nl/leges",
            documentlink="https://documenten.example.nl/factuur.pdf",
        ),
    )
    van_anna = objecten.add("klanttaak", klanttaak(BSN_ANNA, titel="Taak van Anna"))

    inloggen(page, live_server, "jan")
    page.get_by_role("navigation").get_by_role("link", name="Mijn taken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn taken")
    expect(page.get_by_role("heading", level=2)).to_have_text(
        ["Stuur een kopie van uw huurcontract", "Betaal de leges"]
    )
    expect(page.get_by_text("Taak van Anna")).to_have_count(0)
    expect(page.get_by_text("ZAAK-2026-0042")).to_be_visible()
    formulier = page.get_by_role("link", name="Formulier invullen: Stuur een kopie")
    expect(formulier).to_have_attribute(
        "href", f"https://formulieren.example.nl/huurcontract?initial_data_reference={taak['uuid']}"
    )
    expect(page.get_by_role("link", name="Betalen: Betaal de leges")).to_have_attribute(
        "href", "https://betalen.example.nl/leges"
    )
    expect(page.get_by_role("link", name="Document bekijken: Betaal de leges")).to_be_visible()
    at_320(page)

    page.get_by_role(
        "button", name="Ik heb dit gedaan: Stuur een kopie van uw huurcontract"
    ).click()
    expect(page.get_by_role("status").filter(has_text="genoteerd")).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_have_text(["Betaal de leges"])
    at_320(page)

    # The klantcontact points to the klanttaak (cases.md §3) and to its zaak.
    gevonden = ki.get(
        "klantcontacten",
        {"onderwerpobject__onderwerpobjectidentificatorObjectId": taak["uuid"]},
    ).json()["results"]
    assert len(gevonden) == 1
    klantcontact = gevonden[0]
    assert klantcontact["kanaal"] == "mijngemeente"
    assert klantcontact["onderwerp"] == "Taak gedaan: Stuur een kopie van uw huurcontract"
    onderwerpen = [ki.get(o["url"]).json() for o in klantcontact["gingOverOnderwerpobjecten"]]
    assert {
        (
            o["onderwerpobjectidentificator"]["codeObjecttype"],
            o["onderwerpobjectidentificator"]["codeRegister"],
            o["onderwerpobjectidentificator"]["objectId"],
        )
        for o in onderwerpen
    } == {("klanttaak", "objecten", taak["uuid"]), ("zgw-Zaak", "openzaak", ZAAK_UUID)}
    [betrokkene] = [ki.get(b["url"]).json() for b in klantcontact["hadBetrokkenen"]]
    partij = ki.get(betrokkene["wasPartij"]["url"]).json()
    assert betrokkene["initiator"] is True
    identificatoren = [ki.get(i["url"]).json() for i in partij["partijIdentificatoren"]]
    assert [i["partijIdentificator"]["objectId"] for i in identificatoren] == [BSN_JAN]
    # And the object is done in the Objecten API; Anna's is untouched.
    assert objecten.data(taak["uuid"])["status"] == "afgerond"
    assert objecten.data(van_anna["uuid"])["status"] == "open"

    # Back from the payment page on the task's own page: done from there too.
    leges = next(u for u in objecten.objects if objecten.data(u)["titel"] == "Betaal de leges")
    page.goto(f"{live_server.url}/mijn/taken/{leges}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Betaal de leges")
    at_320(page)
    page.get_by_role("button", name="Ik heb dit gedaan: Betaal de leges").click()
    expect(page.get_by_text("U heeft geen open taken.")).to_be_visible()
    assert objecten.data(leges)["status"] == "afgerond"

    # Anna's task by URL: the portal's 404, and nothing changes.
    csrf = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    antwoord = page.request.post(
        f"{live_server.url}/mijn/taken/{van_anna['uuid']}/gedaan/",
        form={"csrfmiddlewaretoken": csrf or ""},
        headers={"Referer": f"{live_server.url}/mijn/taken/"},
    )
    assert antwoord.status == 404
    assert "hoort niet bij u" in antwoord.text()
    assert objecten.data(van_anna["uuid"])["status"] == "open"
    assert ki.get("klantcontacten").json()["count"] == 2
    page.goto(f"{live_server.url}/mijn/taken/{van_anna['uuid']}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet gevonden")


def test_products_and_appointments_are_listed(
    page: Page,
    live_server: Any,
    broker: Provider,
    objecten: LocalObjecten,
    afspraken: LocalAfspraken,
) -> None:
    jan = partij_van(Identiteit(bsn=BSN_JAN), SYSTEM)
    assert jan is not None
    DigitaalAdres.objects.create(
        verstrekt_door_partij=jan,
        adres="jan@example.nl",
        soort_digitaal_adres="email",
        verificatie_datum=datetime.date(2026, 1, 5),
    )
    objecten.add("productaanvraag", productaanvraag(BSN_JAN, "Parkeervergunning"))
    objecten.add("productaanvraag", productaanvraag(BSN_ANNA, "Hondenbelasting"))
    afspraken.boek("jan@example.nl", Afspraak("Paspoort aanvragen", over_een_week(10)))
    afspraken.boek("anna@example.nl", Afspraak("Rijbewijs verlengen", over_een_week(11)))

    inloggen(page, live_server, "jan")
    page.get_by_role("navigation").get_by_role("link", name="Producten en afspraken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Producten en afspraken")
    expect(page.get_by_role("cell", name="Parkeervergunning", exact=True)).to_be_visible()
    expect(page.get_by_text("Hondenbelasting")).to_have_count(0)
    expect(page.get_by_role("heading", level=3)).to_have_text(["Paspoort aanvragen"])
    expect(page.get_by_text("Rijbewijs verlengen")).to_have_count(0)
    expect(page.get_by_text("Stadskantoor, Markt 1, 1234 AB, Gemeentestad")).to_be_visible()
    expect(
        page.get_by_role("link", name="Afspraak wijzigen of afzeggen: Paspoort aanvragen")
    ).to_have_attribute("href", re.compile(r"^https://afspraken\.example\.nl/beheer/"))
    at_320(page)


def test_a_failing_objecten_api_shows_a_partial_result(
    page: Page,
    live_server: Any,
    broker: Provider,
    objecten: LocalObjecten,
    afspraken: LocalAfspraken,
) -> None:
    objecten.add("klanttaak", klanttaak(BSN_JAN))
    objecten.failing = 503
    inloggen(page, live_server, "jan", pad="/mijn/taken/")
    melding = page.get_by_role("status").filter(has_text="We konden niet alles ophalen")
    expect(melding).to_contain_text("Objecten API: antwoordde met HTTP 503")
    expect(page.get_by_text("U heeft geen open taken.")).to_have_count(0)
    at_320(page)
    page.goto(f"{live_server.url}/mijn/producten/")
    expect(
        page.get_by_role("status").filter(has_text="We konden niet alles ophalen")
    ).to_be_visible()
    at_320(page)
