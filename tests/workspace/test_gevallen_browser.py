"""The user's cases walked end to end through the workspace in real Chromium, each
employee signed in through the real OpenID Connect provider in a browser of their own;
what was registered is checked through the Klantinteracties API, every page visited is
checked with axe-core.

C4161, C0992, C3546 (and parallel tabs) · C9167, C3155, C7300, C2984 · C6114, C9761 ·
C2716, C9708 · C0534, C5419."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Partij, Teamlid
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.medewerkers import IDENTIFICATOR
from klantbeeld.workspace.models import Vragenset
from standins.oidc import Provider
from standins.zgw import LocalZgw
from tests.domain.test_zoeken import adres, nummer, persoon
from tests.integrations.conftest import drain
from tests.support.client import ApiClient
from tests.support.werkplek import werkplek_provider
from tests.workspace.conftest import op_elke_breedte, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

MENSEN = {
    "sanne": ("Sanne de Vries", ["kcc-medewerker"], ["Klantcontactcentrum"]),
    "lisa": ("Lisa van Dijk", ["behandelaar"], ["Vergunningen"]),
    "kees": ("Kees Bakker", ["behandelaar"], ["Openbare Ruimte"]),
}


@pytest.fixture
def provider(live_server: Any, settings: Any) -> Iterator[Provider]:
    mensen = {login: (naam, rollen) for login, (naam, rollen, _) in MENSEN.items()}
    with werkplek_provider(live_server, settings, mensen) as op:
        yield op


@pytest.fixture
def teams(provider: Provider) -> dict[str, Actor]:
    """The teams, each employee a member (as the functioneel beheerder set it up)."""
    teams: dict[str, Actor] = {}
    for login, (naam, _, namen) in MENSEN.items():
        medewerker = Actor.objects.create(
            naam=naam,
            soort_actor="medewerker",
            indicatie_actief=True,
            telefoonnummer="0201234567",
            actoridentificator_object_id=login,
            **IDENTIFICATOR,
        )
        for team in namen:
            if team not in teams:
                teams[team] = Actor.objects.create(
                    naam=team, soort_actor="organisatorische_eenheid", indicatie_actief=True
                )
            Teamlid.objects.create(team=teams[team], medewerker=medewerker)
    return teams


@pytest.fixture
def jan() -> Partij:
    jan = persoon("Jan", "Jansen", bezoekadres_postcode="1234 AB", bezoekadres_huisnummer=5)
    nummer(jan, "bsn", bsn(1))
    adres(jan, "email", "jan@example.nl")
    return jan


class Werkplek:
    """One employee's browser, signed in."""

    def __init__(
        self, browser: Browser, live_server: Any, login: str, *, javascript: bool = True
    ) -> None:
        self.context = browser.new_context(java_script_enabled=javascript)
        self.javascript = javascript
        self.context.set_default_timeout(10_000)
        self.page = self.context.new_page()
        self.url = live_server.url
        page = self.page
        page.goto(f"{self.url}/werkplek/")
        page.get_by_role("link", name="Inloggen met uw organisatie-account").click()
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", "wat-dan-ook")
        # The provider, the callback and the first page: slow on a loaded CI machine.
        page.click("button[type=submit]", timeout=30_000)
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Welkom, {MENSEN[login][0]}")

    def zoek(self, tekst: str, page: Page | None = None) -> Page:
        page = page or self.page
        page.get_by_role("link", name="Klant zoeken").click()
        page.get_by_label("Zoek op").fill(tekst)
        if self.javascript:
            page.evaluate("window.zelfdePagina = true")
        page.get_by_role("button", name="Zoeken").click()
        expect(page.locator("#resultaten-blok h2").first).to_be_visible()
        if self.javascript:
            # htmx put the results in place: no new page was loaded.
            assert page.evaluate("window.zelfdePagina") is True
        self.toegankelijk(page)
        return page

    def open_klant(self, tekst: str, naam: str) -> Page:
        page = self.zoek(tekst)
        page.get_by_role("link", name=naam).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(naam)
        self.toegankelijk(page)
        return page

    def taak(self, nummer: str, handeling: str, onderwerp: str) -> Page:
        page = self.page
        page.get_by_role("link", name="Taken", exact=True).click()
        self.toegankelijk(page)
        page.get_by_role("link", name=f"{handeling} (taak {nummer}, {onderwerp})").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Taak {nummer}: {handeling}")
        self.toegankelijk(page)
        return page

    def toegankelijk(self, page: Page) -> None:
        """axe needs JavaScript; the same pages are checked in the walks that have it."""
        if self.javascript:
            op_elke_breedte(page)

    def bericht(self, page: Page | None = None) -> str:
        melding = (page or self.page).get_by_role("status").first
        expect(melding).to_be_visible()
        return melding.inner_text()


def werkplek(browser: Browser, live_server: Any, login: str) -> Werkplek:
    return Werkplek(browser, live_server, login)


def contact_vastleggen(
    page: Page, onderwerp: str, *, toegankelijk: Any = op_elke_breedte, **velden: str
) -> None:
    page.get_by_role("link", name="Contact vastleggen").click()
    toegankelijk(page)
    page.get_by_label("Onderwerp").fill(onderwerp)
    for label, waarde in velden.items():
        veld = page.get_by_label(label.replace("_", " "))
        if veld.evaluate("e => e.tagName") == "SELECT":
            veld.select_option(label=waarde)
        else:
            veld.fill(waarde)


def test_c4161_c0992_c3546_a_known_caller_is_helped_on_one_screen(
    browser: Browser, live_server: Any, teams: Any, jan: Partij, zgw: LocalZgw, ki: ApiClient
):
    zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=bsn(1))
    sanne = werkplek(browser, live_server, "sanne")

    # C4161: found by BSN as read aloud, everything on one screen, each look-up logged once.
    page = sanne.open_klant(f"{bsn(1)[:3]} {bsn(1)[3:]}", "Jan Jansen")
    expect(page.get_by_text("jan@example.nl")).to_be_visible()
    expect(page.get_by_role("cell", name="Losse stoeptegel")).to_be_visible()
    assert list(Verwerkingsactie.objects.values_list("actie_naam", flat=True)) == [
        "Raadplegen",
        "Zoeken",
    ]
    [zoeken] = Verwerkingsactie.objects.filter(actie_naam="Zoeken")
    assert [o.object_id for o in zoeken.verwerkte_objecten.all()] == [bsn(1)]

    # Two contacts in parallel tabs: a phone question (C0992) and a desk visit (C3546).
    klantbeeld = page.url
    tab = sanne.context.new_page()
    tab.goto(klantbeeld)
    contact_vastleggen(page, "Afvalkalender", Antwoord="Elke tweede dinsdag.")
    contact_vastleggen(tab, "Paspoort", Kanaal="Balie", Antwoord="Afspraak gemaakt.")
    page.get_by_role("button", name="Vastleggen").click()
    tab.get_by_role("button", name="Vastleggen").click()
    assert "Contact vastgelegd met nummer" in sanne.bericht(page)
    assert "Contact vastgelegd met nummer" in sanne.bericht(tab)
    op_elke_breedte(tab)

    contacten = ki.get(
        "klantcontacten", params={"hadBetrokkene__wasPartij__uuid": str(jan.uuid)}
    ).json()["results"]
    assert sorted((c["kanaal"], c["onderwerp"], c["reactie"]) for c in contacten) == [
        ("balie", "Paspoort", "Afspraak gemaakt."),
        ("telefoon", "Afvalkalender", "Elke tweede dinsdag."),
    ]
    sanne_actor = Actor.objects.get(actoridentificator_object_id="sanne")
    for c in contacten:
        assert c["indicatieContactGelukt"] is True and c["taal"] == "nld"
        assert [a["uuid"] for a in c["hadBetrokkenActoren"]] == [str(sanne_actor.pk)]
    assert ki.get("internetaken").json()["count"] == 0

    # English on request, on the same page; and back.
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jan Jansen")
    op_elke_breedte(page)
    page.get_by_role("button", name="Nederlands").click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")


def test_c9167_c3155_c7300_c2984_a_call_back_request_handled_by_the_department(
    browser: Browser, live_server: Any, teams: dict[str, Actor], jan: Partij, ki: ApiClient
):
    Vragenset.objects.create(
        code="vergunningen-dakkapel",
        naam="Vergunningen: dakkapel",
        vragen="adres: Op welk adres komt de dakkapel?",
    )
    sanne = werkplek(browser, live_server, "sanne")
    page = sanne.open_klant(bsn(1), "Jan Jansen")

    # C9167 + C3155: the question the KCC cannot answer becomes a call-back request for
    # the department, with the department's questions asked and a deadline.
    contact_vastleggen(page, "Dakkapel", Vraag_of_aanleiding="Mag ik een dakkapel bouwen?")
    page.get_by_label("Opvolging door").select_option(label="Vergunningen")
    page.get_by_label("Toelichting voor wie het oppakt").fill("Alleen maandag 14-16 uur")
    page.get_by_label("Prioriteit").select_option(label="Hoog")
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Uiterlijk klaar op").fill(morgen.isoformat())
    page.get_by_label("Terugbelnummer voor dit contact").fill("06 1234 5678")
    # With JavaScript the questions appear on choosing the set (htmx), the rest untouched.
    page.evaluate("window.zelfdePagina = true")
    page.get_by_label("Vragen van de afdeling").select_option(label="Vergunningen: dakkapel")
    page.get_by_label("Op welk adres komt de dakkapel?").fill("Dorpsstraat 5")
    assert page.evaluate("window.zelfdePagina") is True
    expect(page.get_by_label("Onderwerp")).to_have_value("Dakkapel")
    op_elke_breedte(page)
    screenshot(page, "terugbelverzoek")
    page.get_by_role("button", name="Vastleggen").click()
    assert "is uitgezet" in sanne.bericht()
    taak = InterneTaak.objects.get()
    queue = ki.get(
        "internetaken",
        params={
            "status": "te_verwerken",
            "toegewezenAanActor__uuid": str(teams["Vergunningen"].pk),
        },
    ).json()
    assert [t["uuid"] for t in queue["results"]] == [str(taak.uuid)]
    assert ki.get(f"klantcontacten/{taak.aanleidinggevend_klantcontact_id}").json()["metadata"] == {
        "vragenset": "vergunningen-dakkapel",
        "adres": "Dorpsstraat 5",
    }

    # The department's queue; the number left for this contact comes first (R7).
    lisa = werkplek(browser, live_server, "lisa")
    lisa.page.get_by_role("link", name="Taken", exact=True).click()
    expect(lisa.page.get_by_role("heading", name="Team Vergunningen (1)")).to_be_visible()
    screenshot(lisa.page, "taken")
    page = lisa.taak(taak.nummer, "Terugbellen", "Dakkapel")
    expect(page.get_by_text("Op welk adres komt de dakkapel? Dorpsstraat 5")).to_be_visible()
    bereikbaar = page.get_by_role("list", name="Bereikbaar via").get_by_role("listitem")
    expect(bereikbaar.first).to_contain_text("06 1234 5678")
    page.get_by_role("button", name="Oppakken").click()
    assert "opgepakt" in lisa.bericht()

    # C7300: no answer; the attempt is registered and the task stays open.
    page.get_by_label("Verslag").fill("Geen gehoor, voicemail ingesproken.")
    page.get_by_label("Niet bereikt").check()
    page.get_by_role("button", name="Contact vastleggen").click()
    assert "de taak blijft open" in lisa.bericht()
    op_elke_breedte(page)

    # C2984: the second call succeeds; recorded as a follow-up contact, the task closed.
    page.get_by_label("Verslag").fill("Achterkant is vergunningvrij; uitgelegd.")
    page.get_by_label("Klant gesproken, taak is klaar").check()
    page.get_by_role("button", name="Contact vastleggen").click()
    assert f"taak {taak.nummer} afgehandeld" in lisa.bericht()

    api_taak = ki.get(f"internetaken/{taak.uuid}").json()
    assert api_taak["status"] == "verwerkt" and api_taak["afgehandeldOp"]
    links = ki.get(
        "onderwerpobjecten",
        params={"wasKlantcontact__uuid": str(taak.aanleidinggevend_klantcontact_id)},
    ).json()["results"]
    vervolg = [ki.get(f"klantcontacten/{o['klantcontact']['uuid']}").json() for o in links]
    assert sorted((v["indicatieContactGelukt"], v["verdereActieOndernomen"]) for v in vervolg) == [
        (False, True),
        (True, False),
    ]
    lisa_actor = Actor.objects.get(actoridentificator_object_id="lisa")
    assert {a["uuid"] for v in vervolg for a in v["hadBetrokkenActoren"]} == {str(lisa_actor.pk)}


def test_c6114_c9761_a_misrouted_task_is_passed_on_and_a_zaak_made_after_the_call(
    browser: Browser,
    live_server: Any,
    teams: dict[str, Actor],
    jan: Partij,
    zgw: LocalZgw,
    ki: ApiClient,
):
    sanne = werkplek(browser, live_server, "sanne")
    page = sanne.open_klant(bsn(1), "Jan Jansen")
    contact_vastleggen(page, "Losse stoeptegel", Vraag_of_aanleiding="Stoeptegel ligt los")
    page.get_by_label("Opvolging door").select_option(label="Vergunningen")
    page.get_by_role("button", name="Vastleggen").click()
    oud = InterneTaak.objects.get()

    # C6114: Vergunningen is the wrong team; Lisa passes it to Openbare Ruimte.
    lisa = werkplek(browser, live_server, "lisa")
    page = lisa.taak(oud.nummer, "Terugbellen", "Losse stoeptegel")
    page.get_by_role("button", name="Doorzetten").click()
    expect(page.get_by_role("alert")).to_contain_text("Kies aan wie de taak gaat")
    op_elke_breedte(page)
    page.get_by_label("Doorzetten naar").select_option(label="Openbare Ruimte")
    page.get_by_label("Waarom").fill("Gaat over de openbare ruimte")
    page.get_by_role("button", name="Doorzetten").click()
    assert "Taak doorgezet naar Openbare Ruimte" in lisa.bericht()
    nieuw = InterneTaak.objects.get(status="te_verwerken")

    # C9761: Kees calls back, the call reveals work: a zaak is made from the task.
    kees = werkplek(browser, live_server, "kees")
    page = kees.taak(nieuw.nummer, "Terugbellen", "Losse stoeptegel")
    expect(page.get_by_text("Doorgezet vanuit taak")).to_be_visible()
    page.get_by_label("Verslag").fill("Melding opgenomen: tegel voor nummer 5")
    page.get_by_label("Klant gesproken, taak blijft open").check()
    page.get_by_role("button", name="Contact vastleggen").click()
    page.get_by_label("Zaaktype").select_option(label="Melding openbare ruimte")
    page.get_by_label("Omschrijving van de zaak").fill("Losse stoeptegel Dorpsstraat 5")
    op_elke_breedte(page)
    screenshot(page, "taak")
    page.get_by_role("button", name="Zaak aanmaken").click()
    assert "aangemaakt" in kees.bericht()

    [zaak] = zgw.objects("zaken")
    [rol] = zgw.objects("rollen")
    assert rol["betrokkeneIdentificatie"]["inpBsn"] == bsn(1)
    taken = ki.get(
        "klantcontacten",
        params={"expand": "leiddeTotInterneTaken", "onderwerp": "Losse stoeptegel"},
    ).json()["results"]
    [origineel] = [t for t in taken if t["_expand"]["leiddeTotInterneTaken"]]
    statussen = sorted(t["status"] for t in origineel["_expand"]["leiddeTotInterneTaken"])
    assert statussen == ["verwerkt", "verwerkt"]
    [terugbel] = ki.get(
        "klantcontacten",
        params={"onderwerpobject__onderwerpobjectidentificatorObjectId": zaak["uuid"]},
    ).json()["results"]
    assert terugbel["inhoud"] == "Melding opgenomen: tegel voor nummer 5"
    assert zaak["identificatie"] in ki.get(f"internetaken/{nieuw.uuid}").json()["toelichting"]
    drain()
    assert len(zgw.objects("zaakobjecten")) == 1


def test_c2716_c9708_a_zaak_from_a_task_and_an_answer_by_e_mail(
    browser: Browser,
    live_server: Any,
    teams: dict[str, Actor],
    jan: Partij,
    zgw: LocalZgw,
    ki: ApiClient,
):
    sanne = werkplek(browser, live_server, "sanne")
    for onderwerp, handeling in (
        ("Kapvergunning eik", "Zaak aanmaken"),
        ("Bestemmingsplan", "Beantwoorden per e-mail"),
    ):
        page = sanne.open_klant(bsn(1), "Jan Jansen")
        contact_vastleggen(page, onderwerp)
        page.get_by_label("Opvolging door").select_option(label="Vergunningen")
        page.get_by_label("Gevraagde handeling").select_option(label=handeling)
        page.get_by_role("button", name="Vastleggen").click()
        sanne.bericht()
    zaak_taak = InterneTaak.objects.get(gevraagde_handeling="Zaak aanmaken")
    mail_taak = InterneTaak.objects.get(gevraagde_handeling="Beantwoorden per e-mail")

    # C2716: the back office creates the zaak straight from the task.
    lisa = werkplek(browser, live_server, "lisa")
    page = lisa.taak(zaak_taak.nummer, "Zaak aanmaken", "Kapvergunning eik")
    page.get_by_label("Zaaktype").select_option(label="Melding openbare ruimte")
    page.get_by_label("Omschrijving van de zaak").fill("Kap eik Dorpsstraat")
    page.get_by_role("button", name="Zaak aanmaken").click()
    lisa.bericht()
    [zaak] = zgw.objects("zaken")
    [kc] = ki.get(
        "klantcontacten",
        params={"onderwerpobject__onderwerpobjectidentificatorObjectId": zaak["uuid"]},
    ).json()["results"]
    assert kc["uuid"] == str(zaak_taak.aanleidinggevend_klantcontact_id)
    assert ki.get(f"internetaken/{zaak_taak.uuid}").json()["status"] == "verwerkt"

    # C9708: the answer sent by e-mail is registered as a follow-up contact (R9).
    page = lisa.taak(mail_taak.nummer, "Beantwoorden per e-mail", "Bestemmingsplan")
    expect(page.get_by_role("list", name="Bereikbaar via")).to_contain_text("jan@example.nl")
    page.get_by_label("Kanaal").select_option(label="E-mail")
    page.get_by_label("Verslag").fill("Per e-mail uitgelegd waar het bestemmingsplan staat.")
    page.get_by_role("button", name="Contact vastleggen").click()
    lisa.bericht()
    [link] = ki.get(
        "onderwerpobjecten",
        params={"wasKlantcontact__uuid": str(mail_taak.aanleidinggevend_klantcontact_id)},
    ).json()["results"]
    antwoord = ki.get(f"klantcontacten/{link['klantcontact']['uuid']}").json()
    assert (antwoord["kanaal"], antwoord["indicatieContactGelukt"]) == ("e-mail", None)
    [b] = ki.get("betrokkenen", params={"hadKlantcontact__uuid": antwoord["uuid"]}).json()[
        "results"
    ]
    assert (b["initiator"], b["wasPartij"]["uuid"]) == (False, str(jan.uuid))
    assert ki.get(f"internetaken/{mail_taak.uuid}").json()["status"] == "verwerkt"


def test_c0534_c5419_a_transferred_call_and_a_representative_at_the_desk(
    browser: Browser, live_server: Any, teams: Any, jan: Partij, ki: ApiClient
):
    sanne = werkplek(browser, live_server, "sanne")
    page = sanne.open_klant(bsn(1), "Jan Jansen")
    contact_vastleggen(page, "Kapvergunning", Vraag_of_aanleiding="Mag de eik weg?")
    page.get_by_role("button", name="Vastleggen").click()
    referentie = re.search(r"nummer (\d+)", sanne.bericht())
    assert referentie

    # C0534: transferred with the number; the colleague adds the answer and joins.
    lisa = werkplek(browser, live_server, "lisa")
    page = lisa.zoek(referentie.group(1))
    page.get_by_role("link", name=re.compile("Kapvergunning")).click()
    expect(page.get_by_text("Mag de eik weg?")).to_be_visible()
    op_elke_breedte(page)
    page.get_by_label("Antwoord").fill("Ja, met een omgevingsvergunning.")
    page.get_by_role("button", name="Antwoord toevoegen").click()
    assert "Antwoord toegevoegd" in lisa.bericht()
    kc = Klantcontact.objects.get(referentienummer=referentie.group(1))
    api = ki.get(f"klantcontacten/{kc.uuid}").json()
    assert api["reactie"] == "Ja, met een omgevingsvergunning."
    assert len(api["hadBetrokkenActoren"]) == 2
    assert ki.get("internetaken").json()["count"] == 0

    # C5419: Marie's son at the desk, for her.
    marie = persoon("Marie", "de Wit")
    nummer(marie, "bsn", bsn(2))
    zoon = persoon("Peter", "de Wit")
    nummer(zoon, "bsn", bsn(3))
    page = sanne.open_klant(bsn(2), "Marie de Wit")
    contact_vastleggen(page, "Parkeervergunning", Kanaal="Balie")
    page.get_by_label("Of: BSN of KVK-nummer van een nieuwe vertegenwoordiger").fill(bsn(3))
    page.get_by_role("button", name="Vastleggen").click()
    sanne.bericht()
    [kc] = ki.get(
        "klantcontacten", params={"hadBetrokkene__wasPartij__uuid": str(marie.uuid)}
    ).json()["results"]
    rollen = {
        (b["rol"], b["initiator"], b["wasPartij"]["uuid"])
        for b in ki.get("betrokkenen", params={"hadKlantcontact__uuid": kc["uuid"]}).json()[
            "results"
        ]
    }
    assert rollen == {
        ("vertegenwoordiger", True, str(zoon.uuid)),
        ("klant", False, str(marie.uuid)),
    }
    [v] = ki.get(
        "vertegenwoordigingen", params={"vertegenwoordigdePartij__uuid": str(marie.uuid)}
    ).json()["results"]
    assert v["vertegenwoordigendePartij"]["uuid"] == str(zoon.uuid)


def test_the_core_flow_works_without_javascript(
    browser: Browser, live_server: Any, teams: dict[str, Actor], jan: Partij, ki: ApiClient
):
    """Sign in, find the customer, register a call-back request with the department's
    questions (shown by posting the form back), and handle it: all without JavaScript."""
    Vragenset.objects.create(code="dakkapel", naam="Dakkapel", vragen="adres: Welk adres?")
    sanne = Werkplek(browser, live_server, "sanne", javascript=False)
    page = sanne.open_klant(bsn(1), "Jan Jansen")
    contact_vastleggen(page, "Dakkapel", toegankelijk=sanne.toegankelijk)
    page.get_by_label("Opvolging door").select_option(label="Vergunningen")
    page.get_by_label("Vragen van de afdeling").select_option(label="Dakkapel")
    page.get_by_role("button", name="Vragen tonen").click()
    expect(page.get_by_label("Onderwerp")).to_have_value("Dakkapel")
    expect(page.get_by_label("Opvolging door")).to_have_value(str(teams["Vergunningen"].pk))
    page.get_by_label("Welk adres?").fill("Dorpsstraat 5")
    page.get_by_role("button", name="Vastleggen").click()
    assert "is uitgezet" in sanne.bericht()
    taak = InterneTaak.objects.get()
    assert "Welk adres? Dorpsstraat 5" in taak.toelichting

    lisa = Werkplek(browser, live_server, "lisa", javascript=False)
    page = lisa.taak(taak.nummer, "Terugbellen", "Dakkapel")
    page.get_by_label("Verslag").fill("Uitgelegd.")
    page.get_by_role("button", name="Contact vastleggen").click()
    assert "afgehandeld" in lisa.bericht()
    assert ki.get(f"internetaken/{taak.uuid}").json()["status"] == "verwerkt"
