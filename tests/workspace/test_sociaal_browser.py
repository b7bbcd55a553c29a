"""Social media in real Chromium: a direct message to the organisation's Mastodon account
(the local Mastodon over real HTTP) is read by the worker's reader, appears in the
conversation queue, is answered by an employee and reaches the resident as a direct
message; a public mention answered with a BSN in the text is warned about and moved to a
direct message. Every registration is checked through the Klantinteracties API, and the
changed screens with axe at 320 and 1280 px."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, expect

from klantbeeld.channels.sociaal.lezen import lees
from klantbeeld.channels.sociaal.models import Sociaalaccount
from klantbeeld.domain.models import Actor, Verzending
from klantbeeld.domain.models.intake import Verzendstatus
from standins.mastodon import LocalMastodon, local_mastodon
from tests.integrations.conftest import drain
from tests.support.client import ApiClient
from tests.workspace.conftest import op_elke_breedte, screenshot
from tests.workspace.test_gevallen_browser import Werkplek, provider, teams  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)

TOKEN = "mastodon-toegangstoken-van-de-gemeente"
TOKEN_ENV = "KLANTBEELD_TEST_MASTODON_TOKEN"
INWONER = "fatima@social.example"


@pytest.fixture
def mastodon(teams: dict[str, Actor], monkeypatch: Any) -> Iterator[LocalMastodon]:  # noqa: F811
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    with local_mastodon("gemeente", TOKEN) as mastodon:
        Sociaalaccount.objects.create(
            naam="Mastodon",
            server=mastodon.url,
            account=mastodon.handle,
            token_env=TOKEN_ENV,
            team=teams["Klantcontactcentrum"],
        )
        yield mastodon
        assert mastodon.violations == []


def inwoner_post(mastodon: LocalMastodon, tekst: str, zichtbaarheid: str) -> None:
    """The resident posts, through the stand-in's own door, as in the demo."""
    antwoord = httpx.post(
        f"{mastodon.url}/_standin/post",
        json={"van": INWONER, "naam": "Fatima", "tekst": tekst, "zichtbaarheid": zichtbaarheid},
    )
    assert antwoord.status_code == 200


def worker_leest() -> None:
    with httpx.Client() as http:
        for account in Sociaalaccount.objects.all():
            lees(account, http)


def sociale_contacten(ki: ApiClient) -> list[dict[str, Any]]:
    antwoord = ki.get("klantcontacten", params={"kanaal": "sociale media", "pageSize": 100})
    assert antwoord.status_code == 200
    return sorted(antwoord.json()["results"], key=lambda c: c["plaatsgevondenOp"])


def test_a_direct_message_is_answered_and_a_public_answer_with_a_bsn_moved_to_a_dm(
    browser: Browser, live_server: Any, mastodon: LocalMastodon, ki: ApiClient
):
    inwoner_post(mastodon, "Mijn container is niet geleegd. Wat nu?", "direct")
    worker_leest()
    [vraag] = sociale_contacten(ki)
    assert vraag["metadata"]["zichtbaarheid"] == "direct"

    sanne = Werkplek(browser, live_server, "sanne")
    page = sanne.page
    page.get_by_role("link", name="Gesprekken", exact=True).click()
    rij = page.get_by_role("row").nth(1)
    expect(rij).to_contain_text("Sociale media")
    expect(rij).to_contain_text("Fatima (niet geïdentificeerd)")
    op_elke_breedte(page)
    rij.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Gesprek: Mijn container is niet geleegd. Wat nu?"
    )
    expect(page.get_by_text("direct bericht", exact=True)).to_be_visible()
    dm = page.get_by_label(re.compile(f"^Sociale media, direct bericht: @{INWONER}"))
    expect(dm).to_be_checked()
    expect(page.get_by_label(re.compile("openbaar antwoord"))).to_have_count(0)
    page.get_by_label("Antwoord", exact=True).fill("We legen de container morgen alsnog.")
    op_elke_breedte(page)
    page.get_by_role("button", name="Versturen").click()
    assert "het wordt verstuurd" in sanne.bericht()
    drain()

    [geplaatst] = mastodon.geplaatst()
    assert geplaatst["visibility"] == "direct"
    assert geplaatst["in_reply_to_id"] == vraag["metadata"]["bronBerichtId"]
    assert f"@{INWONER} We legen de container morgen alsnog." in geplaatst["content"]
    assert [m["acct"] for m in geplaatst["mentions"]] == [INWONER]
    # R9 through the API: the answer is a klantcontact on the same channel, following the DM.
    vraag_en_antwoord = sociale_contacten(ki)
    assert len(vraag_en_antwoord) == 2
    [link] = ki.get("onderwerpobjecten", params={"wasKlantcontact__uuid": vraag["uuid"]}).json()[
        "results"
    ]
    antwoord = ki.get(f"klantcontacten/{link['klantcontact']['uuid']}").json()
    assert antwoord["kanaal"] == "sociale media"
    assert antwoord["inhoud"] == "We legen de container morgen alsnog."

    # A public mention: the public reply is offered first; a BSN in it is stopped.
    inwoner_post(mastodon, "Is mijn aanvraag voor een parkeervergunning binnen?", "public")
    worker_leest()
    melding = sociale_contacten(ki)[-1]
    assert melding["metadata"]["zichtbaarheid"] == "openbaar"
    page.get_by_role("link", name="Gesprekken", exact=True).click()
    page.get_by_role("link", name=re.compile("parkeervergunning")).click()
    expect(page.get_by_text("openbaar bericht", exact=True)).to_be_visible()
    openbaar = page.get_by_label(re.compile(f"^Sociale media, openbaar antwoord: @{INWONER}"))
    expect(openbaar).to_be_checked()
    page.get_by_label("Antwoord", exact=True).fill("Ja, de aanvraag voor BSN 123456782 is binnen.")
    page.get_by_role("button", name="Versturen").click()
    expect(
        page.get_by_text(re.compile("Dit antwoord wordt openbaar, maar het bevat"))
    ).to_be_visible()
    expect(page.get_by_text(re.compile("een burgerservicenummer"))).to_be_visible()
    assert len(mastodon.geplaatst()) == 1  # nothing posted
    assert Verzending.objects.count() == 1  # nothing registered
    expect(page.get_by_label("Antwoord", exact=True)).to_have_value(
        "Ja, de aanvraag voor BSN 123456782 is binnen."
    )
    op_elke_breedte(page)
    screenshot(page, "sociale-media-waarschuwing")
    page.get_by_role("button", name="Als direct bericht versturen").click()
    assert "het wordt verstuurd" in sanne.bericht()
    drain()

    laatste = mastodon.geplaatst()[-1]
    assert laatste["visibility"] == "direct"
    assert laatste["in_reply_to_id"] == melding["metadata"]["bronBerichtId"]
    assert "123456782" in laatste["content"]
    assert all(v.status == Verzendstatus.VERSTUURD for v in Verzending.objects.all())
    [link] = ki.get("onderwerpobjecten", params={"wasKlantcontact__uuid": melding["uuid"]}).json()[
        "results"
    ]
    assert ki.get(f"klantcontacten/{link['klantcontact']['uuid']}").json()["kanaal"] == (
        "sociale media"
    )
