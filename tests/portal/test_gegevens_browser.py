"""*Mijn gegevens* in real Chromium: DigiD login at the broker (standins/oidc), an e-mail
address added with consent and verified by the link mailed through a real SMTP server
(standins/mail), made preferred, a move with two dated addresses applied by the worker on
its date (C1923), a channel per topic that the follow-up uses (C1924, R7). axe at 1280 and
320 px on every page; someone else's link is a 404; outcomes checked through the
Klantinteracties API."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from klantbeeld.domain.models import Betrokkene, Klantcontact, Partij
from klantbeeld.domain.services import opvolging
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.worker import deliver_next
from standins.mail.smtp import SmtpServer, smtp_server
from standins.oidc import Provider
from tests.domain.test_opvolging import actor
from tests.portal.conftest import at_320, inloggen
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp(settings: Any) -> Iterator[SmtpServer]:
    with smtp_server(local_domains=["gemeente.local"]) as server:
        settings.KLANTBEELD_SMTP_HOST = server.host
        settings.KLANTBEELD_SMTP_PORT = server.port
        settings.KLANTBEELD_SMTP_BEVEILIGING = "geen"
        settings.KLANTBEELD_EMAIL_AFZENDER = "Gemeente Voorbeeld <info@gemeente.local>"
        settings.KLANTBEELD_MIJN_ONDERWERPEN = (
            "Belastingen=belasting|aanslag;Vergunningen=vergunning"
        )
        yield server


def worker(op: datetime.date | None = None, monkeypatch: pytest.MonkeyPatch | None = None) -> None:
    """Let the worker run everything due (on ``op``: as on that day)."""
    if op is not None and monkeypatch is not None:
        from django.utils import timezone

        OutboxMessage.objects.filter(next_attempt_at__date__lte=op).update(
            next_attempt_at=timezone.now()
        )
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: op)
    with httpx.Client(timeout=5) as client:
        while deliver_next(client):
            pass
    if monkeypatch is not None:
        monkeypatch.undo()


def link_uit(smtp: SmtpServer, aan: str) -> str:
    mail = smtp.wait_for(lambda m: aan in m.rcpt_tos)
    assert mail.message["Subject"] == "Bevestig uw e-mailadres"
    gevonden = re.search(r"https?://\S+/mijn/gegevens/bevestigen/\S+/", mail.message.get_content())
    assert gevonden is not None
    return gevonden[0]


def vandaag() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


def test_mijn_gegevens_contact_data_a_move_and_a_channel_per_topic(
    page: Page,
    live_server: Any,
    broker: Provider,
    smtp: SmtpServer,
    ki: ApiClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inloggen(page, live_server, "jan", pad="/mijn/gegevens/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn gegevens")
    expect(page.get_by_text("Wij hebben nog geen gegevens van u")).to_be_visible()
    expect(page.get_by_role("link", name="Mijn gegevens", exact=True)).to_have_attribute(
        "aria-current", "page"
    )
    at_320(page)
    assert Partij.objects.count() == 0  # looking makes no partij (R3)

    # An e-mail address: without consent nothing is kept.
    page.get_by_role("link", name="E-mailadres of telefoonnummer toevoegen").click()
    at_320(page)
    page.get_by_label("E-mailadres of telefoonnummer", exact=True).fill("jan@example.org")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Zonder uw toestemming bewaren wij niets")).to_be_visible()
    at_320(page)
    assert Partij.objects.count() == 0
    page.get_by_label("De gemeente mag dit bewaren").check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").last).to_contain_text(
        "We hebben er een mail naartoe gestuurd"
    )
    expect(page.get_by_text("Nog niet bevestigd")).to_be_visible()
    at_320(page)
    [jan] = Partij.objects.all()
    # Not preferred before it is verified: the button is not offered.
    expect(page.get_by_role("button", name="Maak dit mijn voorkeur")).to_have_count(0)

    # The mail goes out through the outbox and the SMTP server.
    worker()
    link = link_uit(smtp, "jan@example.org")

    # Anna cannot use Jan's link: for her it does not exist.
    anna = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    inloggen(anna, live_server, "anna")
    anna.goto(link)
    expect(anna.get_by_role("heading", level=1)).to_have_text("Niet gevonden")
    expect(anna.get_by_role("button", name="Bevestigen")).to_have_count(0)
    anna.context.close()

    page.goto(link)
    expect(page.get_by_text("Is jan@example.org uw e-mailadres?")).to_be_visible()
    at_320(page)
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("status").last).to_contain_text("Uw e-mailadres is bevestigd")
    page.get_by_role("button", name="Maak dit mijn voorkeur jan@example.org").click()
    expect(page.get_by_role("status").last).to_contain_text("Uw voorkeursadres is gewijzigd")
    expect(page.get_by_text("Dit is uw voorkeursadres")).to_be_visible()
    at_320(page)
    # The link worked once.
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("al gebruikt")
    at_320(page)

    # A phone number too (no link needed).
    page.goto(f"{live_server.url}/mijn/gegevens/adres/")
    page.get_by_role("radio", name="Telefoonnummer").check()
    page.get_by_label("E-mailadres of telefoonnummer", exact=True).fill("06 12345678")
    page.get_by_label("De gemeente mag dit bewaren").check()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("status").last).to_contain_text("Uw telefoonnummer is toegevoegd")

    # Through the API: the preferred address is the verified e-mail address.
    partij = ki.get(f"partijen/{jan.uuid}").json()
    mail_uuid = partij["voorkeursDigitaalAdres"]["uuid"]
    adres = ki.get(f"digitaleadressen/{mail_uuid}").json()
    assert (adres["adres"], adres["verificatieDatum"]) == ("jan@example.org", vandaag().isoformat())

    # C1923: the current address, then a move with a date and a name for each.
    page.get_by_role("link", name="Verhuizing of nieuw postadres doorgeven").click()
    at_320(page)
    verhuis(page, "Huidige woning", "Kerkweg", "1", "9999zz", "Oudstad", vandaag())
    worker()  # today's change is applied at once
    over_een_maand = vandaag() + datetime.timedelta(days=30)
    page.get_by_role("link", name="Verhuizing of nieuw postadres doorgeven").click()
    verhuis(page, "Nieuwe woning", "Dorpsstraat", "12", "1234 AB", "Ons Dorp", over_een_maand)
    expect(page.get_by_role("status").last).to_contain_text("Uw nieuwe adres is opgeslagen")
    dag_ervoor = over_een_maand - datetime.timedelta(days=1)
    # Both with the names the resident gave and their dates.
    expect(page.get_by_role("strong").filter(has_text="Huidige woning").first).to_be_visible()
    expect(page.get_by_text("Kerkweg 1, 9999 ZZ Oudstad").first).to_be_visible()
    expect(page.get_by_text(f"geldt tot en met {dag_ervoor.day} ").first).to_be_visible()
    expect(page.get_by_role("strong").filter(has_text="Nieuwe woning")).to_be_visible()
    expect(page.get_by_text("Dorpsstraat 12, 1234 AB Ons Dorp")).to_be_visible()
    expect(page.get_by_text(f"Vanaf {over_een_maand.day} ")).to_be_visible()
    at_320(page)
    # Before the date the API returns the old address, from the date the new one.
    assert ki.get(f"partijen/{jan.uuid}").json()["bezoekadres"]["straatnaam"] == "Kerkweg"
    worker(op=over_een_maand, monkeypatch=monkeypatch)
    nu = ki.get(f"partijen/{jan.uuid}").json()
    assert (nu["bezoekadres"]["straatnaam"], nu["correspondentieadres"]["postcode"]) == (
        "Dorpsstraat",
        "1234 AB",
    )
    page.reload()
    expect(page.get_by_text("Nieuwe adressen die nog ingaan")).to_have_count(0)

    # C1924: vergunningen by phone, belastingen by post.
    page.get_by_role("link", name="Voorkeur per onderwerp kiezen").click()
    at_320(page)
    page.get_by_role("group", name="Vergunningen").get_by_label(
        "Per telefoon of sms naar 06 12345678"
    ).check()
    page.get_by_role("group", name="Belastingen").get_by_label("Per post").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").last).to_contain_text("Uw voorkeuren per onderwerp")
    expect(page.get_by_text("Per telefoon of sms naar 06 12345678")).to_be_visible()
    at_320(page)

    # A follow-up about a permit uses the phone number, though e-mail is the default.
    contact = Klantcontact.objects.create(
        kanaal="balie",
        onderwerp="Vergunning voor een dakkapel",
        taal="nld",
        vertrouwelijk=False,
        indicatie_contact_gelukt=True,
    )
    Betrokkene.objects.create(had_klantcontact=contact, was_partij=jan, rol="klant", initiator=True)
    taak = opvolging.vraag_opvolging_aan(
        contact,
        gevraagde_handeling="Beantwoorden",
        toegewezen_aan=[actor("Vergunningen", "organisatorische_eenheid")],
        door=actor("Sanne de Vries"),
        by=SYSTEM,
    )
    eerste = opvolging.bereikbaarheid(taak)[0]
    assert (eerste.adres.adres, eerste.bron) == ("06 12345678", opvolging.Bron.ONDERWERP)
    assert ki.get(f"partijen/{jan.uuid}").json()["voorkeursDigitaalAdres"]["uuid"] == mail_uuid


def verhuis(
    page: Page, naam: str, straat: str, nummer: str, postcode: str, plaats: str, op: datetime.date
) -> None:
    page.get_by_label("Naam voor dit adres").fill(naam)
    page.get_by_label("Straat").fill(straat)
    page.get_by_label("Huisnummer").fill(nummer)
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Plaats").fill(plaats)
    page.get_by_label("Vanaf welke datum?").fill(op.isoformat())
    page.get_by_label("De gemeente mag dit bewaren").check()
    page.get_by_role("button", name="Opslaan").click()
