"""Escalating a task to TOPdesk in real Chromium (docs/topdesk.md): the agent sends it,
the local TOPdesk's operator adds an action the caller may see and closes the incident,
its action sequence calls Klantbeeld; the task's page shows it all in its history, the
task is verwerkt and the customer's follow-up klantcontact exists (checked through the
Klantinteracties API). axe on the new screens at 320 and 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.domain.models import Actor, InterneTaak, Partij
from klantbeeld.integrations.topdesk.models import Escalatie
from standins.topdesk import LocalTopdesk, local_topdesk
from tests.integrations.conftest import drain
from tests.support.client import ApiClient
from tests.support.kanalen import Testkanalen, testkanalen
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_gevallen_browser import (  # noqa: F401  (fixtures)
    jan,
    provider,
    teams,
    werkplek,
)
from tests.workspace.test_klantbeeld import contact

pytestmark = pytest.mark.django_db(transaction=True)

SLEUTEL = "actievolgorde-geheim"
GROEP = "4b0a7c1e-2f3d-4e5a-8b6c-7d8e9f0a1b2c"


@pytest.fixture
def topdesk(live_server: Any, settings: Any) -> Iterator[LocalTopdesk]:
    with local_topdesk("klantbeeld", "applicatiewachtwoord") as td:
        settings.KLANTBEELD_TOPDESK_URL = td.url
        settings.KLANTBEELD_TOPDESK_GEBRUIKER = "klantbeeld"
        settings.KLANTBEELD_TOPDESK_WACHTWOORD = "applicatiewachtwoord"
        settings.KLANTBEELD_TOPDESK_TERUGMELD_SLEUTEL = SLEUTEL
        settings.KLANTBEELD_TOPDESK_CATEGORIEEN = ["Openbare ruimte/Verlichting", "Afval"]
        settings.KLANTBEELD_TOPDESK_OPERATORGROEPEN = [f"{GROEP}=Beheer openbare ruimte"]
        td.terugmeld_url = f"{live_server.url}/koppelingen/topdesk/terugmelding"
        td.terugmeld_sleutel = SLEUTEL
        yield td
        assert td.violations == []


@pytest.fixture
def mail() -> Iterator[Testkanalen]:
    with testkanalen("e-mail", met_document=False) as kanalen:
        yield kanalen


def test_an_escalated_task_closed_in_topdesk_is_reported_back_to_the_customer(
    browser: Browser,
    live_server: Any,
    teams: dict[str, Actor],  # noqa: F811
    jan: Partij,  # noqa: F811
    topdesk: LocalTopdesk,
    mail: Testkanalen,
    ki: ApiClient,
):
    kc = contact(jan, "Lantaarnpaal kapot")
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=kc,
        gevraagde_handeling="Uitzoeken",
        status="te_verwerken",
        nummer="0000031",
        referentienummer="0000031",
    )
    taak.toegewezen_aan_actoren.add(teams["Klantcontactcentrum"])

    sanne = werkplek(browser, live_server, "sanne")
    page = sanne.page
    page.goto(f"{sanne.url}/werkplek/taken/{taak.uuid}/")
    page.get_by_role("link", name="Doorzetten naar de tweede lijn in TOPdesk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Taak 0000031 naar TOPdesk")
    expect(page.get_by_label("Korte omschrijving")).to_have_value("Lantaarnpaal kapot")
    expect(page.get_by_label("Verzoek")).to_have_value("Vraag over lantaarnpaal kapot")
    op_elke_breedte(page)
    page.get_by_label("Korte omschrijving").fill("x" * 80)  # the field holds no more
    page.get_by_label("Korte omschrijving").fill("Lantaarnpaal Dorpsstraat 5 kapot")
    page.get_by_label("Categorie").select_option(label="Openbare ruimte / Verlichting")
    page.get_by_label("Operatorgroep").select_option(label="Beheer openbare ruimte")
    page.get_by_role("button", name="Naar TOPdesk").click()
    expect(page.get_by_role("status").first).to_contain_text("Doorgezet naar TOPdesk")
    expect(page.get_by_role("heading", name="Tweede lijn (TOPdesk)")).to_be_visible()

    drain()  # the worker makes the incident
    [incident] = topdesk.incidents.values()
    assert incident.data["externalNumber"] == "0000031"
    assert incident.data["operatorGroup"]["id"] == GROEP
    assert incident.data["caller"]["email"] == "jan@example.nl"
    page.reload()
    expect(page.locator("#topdesk + dl")).to_contain_text(incident.nummer)

    # TOPdesk's operator at work; each change calls Klantbeeld (the action sequence).
    with httpx.Client(base_url=topdesk.url, timeout=10) as operator:
        pad = f"/_standin/incidents/{incident.id}"
        operator.post(f"{pad}/actie", json={"tekst": "Alleen intern", "zichtbaar": False})
        operator.post(f"{pad}/actie", json={"tekst": "De monteur komt donderdag."})
        operator.post(f"{pad}/sluiten", json={"tekst": "De lantaarnpaal brandt weer."})
    assert [status for _, status, _ in topdesk.terugmeldingen] == [202, 202, 202]
    drain()  # the worker reads the incident from TOPdesk

    page.reload()
    geschiedenis = page.get_by_role("list", name="Geschiedenis")
    expect(geschiedenis).to_contain_text("Actie in TOPdesk door Tweede lijn: De monteur komt")
    expect(geschiedenis).to_contain_text("Afgesloten in TOPdesk")
    expect(geschiedenis).to_contain_text("Klant bericht")
    expect(geschiedenis).not_to_contain_text("Alleen intern")
    expect(page.locator(".werkplek-gegevens").first).to_contain_text("Verwerkt")
    op_elke_breedte(page)
    screenshot(page, "topdesk-taak")

    assert ki.get(f"internetaken/{taak.uuid}").json()["status"] == "verwerkt"
    [link] = ki.get("onderwerpobjecten", params={"wasKlantcontact__uuid": str(kc.uuid)}).json()[
        "results"
    ]
    vervolg = ki.get(f"klantcontacten/{link['klantcontact']['uuid']}").json()
    assert vervolg["kanaal"] == "e-mail"
    assert "De lantaarnpaal brandt weer." in vervolg["inhoud"]
    [b] = ki.get("betrokkenen", params={"hadKlantcontact__uuid": vervolg["uuid"]}).json()["results"]
    assert (b["initiator"], b["wasPartij"]["uuid"]) == (False, str(jan.uuid))
    assert str(Escalatie.objects.get().bericht_klantcontact_id) == link["klantcontact"]["uuid"]
    [bericht] = mail.opgesteld
    assert bericht.adres == "jan@example.nl"
