"""Issue 17 end to end, in real Chromium: a complaint from a phone call handled to a
decision with an extension, the caller's survey answered through the link in the mail,
and management reading both on the dashboard. The figures come from the worker keeping
the day figures current after each write, not from a rebuild by hand."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from klantbeeld.domain.models import Klacht, Waardering
from klantbeeld.domain.models.klachten import Klachtstatus
from klantbeeld.domain.services import klachten
from klantbeeld.domain.services.intake import Deelnemer
from klantbeeld.domain.services.klachten import Adressering, Brief
from klantbeeld.insight.models import Markering
from tests.domain.test_opvolging import BY, actor
from tests.insight.test_dashboard_browser import aanmelden, cel, provider  # noqa: F401
from tests.integrations.conftest import drain
from tests.support.kanalen import Testkanalen, testkanalen
from tests.support.live import zonder_slot
from tests.tevredenheid.steun import MAIL, contact, klant, team_met_medewerker, vragenlijst
from tests.workspace.conftest import (  # noqa: F401
    _standaard_verwerkingsactiviteit,
    assert_accessible,
    browser_type_launch_args,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mail(live_server: Any, settings: Any) -> Iterator[Testkanalen]:
    settings.KLANTBEELD_BASE_URL = live_server.url
    # Every figure shown, however small the group, and recomputed as soon as the worker runs.
    settings.KLANTBEELD_INZICHT_MINIMUM = 1
    settings.KLANTBEELD_INZICHT_VERTRAGING = 0
    with testkanalen("e-mail", met_document=False) as kanalen:
        yield kanalen


def test_a_handled_complaint_and_an_answered_survey_reach_the_dashboard(
    browser: Browser,
    live_server: Any,
    provider: Any,  # noqa: F811
    mail: Testkanalen,
) -> None:
    team, sanne = team_met_medewerker()
    vragenlijst(vraag="Hoe tevreden bent u over ons telefoongesprek?")
    beller = klant()
    telefoontje = contact(beller, sanne, onderwerp="Onvriendelijk behandeld")
    # The complaint: handled by someone it is not about, acknowledged, heard, extended by
    # two weeks in writing, and decided within the extended term.
    klacht = klachten.registreer_klacht(telefoontje, door=sanne, by=BY, betreft_actoren=[sanne])
    tom = actor("Tom Visser")
    klachten.wijs_toe(klacht, tom, door=tom, by=BY)
    adres = Adressering("e-mail", MAIL, "Fatima El Amrani", Deelnemer(beller, initiator=False))
    for stap in (
        lambda: klachten.bevestig_ontvangst(
            klacht,
            Brief("Ontvangen", "Wij hebben uw klacht.", adres),
            door=tom,
            by=BY,
            register=None,
        ),
        lambda: klachten.hoor(
            klacht,
            gehoord_op=timezone.localdate(),
            verslag="Telefonisch gehoord.",
            door=tom,
            by=BY,
        ),
        lambda: klachten.verdaag(
            klacht,
            weken=2,
            reden="Wij wachten op de verklaring van de collega.",
            brief=Brief("Meer tijd", "Wij hebben meer tijd nodig.", adres),
            door=tom,
            by=BY,
            register=None,
        ),
        lambda: klachten.beslis(
            klacht,
            uitkomst="gegrond",
            motivering="De toon was niet in orde.",
            brief=Brief("Besluit", "Uw klacht is gegrond.", adres),
            door=tom,
            by=BY,
            register=None,
        ),
    ):
        stap()
    klacht = Klacht.objects.get(pk=klacht.pk)
    assert klacht.status == Klachtstatus.AFGEHANDELD and klacht.verdaagd_op is not None
    assert klacht.besloten_op is not None and klacht.besloten_op <= klacht.termijn_einde

    # The worker sends the letters and the survey's invitation, and updates the figures.
    drain()
    [uitnodiging] = [b for b in mail.opgesteld if "/mijn/waardering/" in b.tekst]
    link = next(r for r in uitnodiging.tekst.splitlines() if "/mijn/waardering/" in r)
    antwoord = browser.new_context().new_page()
    antwoord.goto(link)
    antwoord.get_by_label("2", exact=True).check()
    antwoord.get_by_role("button", name="Versturen").click()
    expect(antwoord.get_by_role("heading", level=1)).to_have_text("Dank u wel")
    assert zonder_slot(lambda: list(Waardering.objects.values_list("score", "team")))[0] == (
        2,
        team.pk,
    )
    drain()
    assert not zonder_slot(Markering.objects.exists)

    page = aanmelden(browser, live_server, "mia")
    page.get_by_role("link", name="Inzicht", exact=True).click()
    page.locator("#id_periode").select_option("7")
    page.get_by_role("button", name="Tonen").click()
    # Received, decided, decided within the term, and the share.
    assert [cel(page, "klachten", "Hele periode", i) for i in range(4)] == [
        "1",
        "1",
        "1",
        "100,0%",
    ]
    # One CSAT answer: 2 out of 5.
    assert [cel(page, "tevredenheid", "Hele periode", i) for i in range(2)] == ["1", "2,0"]
    # The call is the week's one phone contact (the letters went by e-mail).
    kolommen = page.locator("table[data-sectie='contacten'] thead th").all_inner_texts()
    telefoon = kolommen.index("Telefoon") - 1
    rijen = page.locator("table[data-sectie='contacten'] tbody tr")
    assert sum(int(rij.locator("td").nth(telefoon).inner_text()) for rij in rijen.all()) == 1
    assert_accessible(page)
