"""Complaints in the workspace: only klachtbehandelaars and team leaders see them; the list
filters by status, handler and term and says the term in words; every look-up is logged
with the purpose of complaints handling; an action that breaks a rule says why and changes
nothing; "Maak klacht" on a contact."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from klantbeeld.domain.models import Klacht, Partij
from klantbeeld.domain.services import klachten
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.privacy.models import Verwerkingsactie
from klantbeeld.workspace.klachten import termijn_in_woorden
from klantbeeld.workspace.medewerkers import actor_van
from klantbeeld.workspace.roles import Rol
from tests.domain.test_zoeken import adres, persoon
from tests.support.kanalen import Testkanalen, testkanalen
from tests.workspace.test_klantbeeld import contact
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db
BY = ChangeContext(applicatie="test")


@pytest.fixture
def jan() -> Partij:
    jan = persoon("Jan", "Jansen")
    adres(jan, "email", "jan@example.nl")
    return jan


@pytest.fixture
def kanalen() -> Iterator[Testkanalen]:
    with testkanalen("e-mail", met_document=False) as test:
        yield test


def klacht_van(jan: Partij, onderwerp: str = "Lang wachten aan de balie") -> Klacht:
    kc = contact(jan, onderwerp)
    door = actor_van(User.objects.get_or_create(username="piet")[0])
    return klachten.registreer_klacht(kc, door=door, by=BY)


def test_only_complaint_handlers_and_team_leaders_see_complaints(jan: Partij) -> None:
    klacht = klacht_van(jan)
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert kcc.get("/werkplek/klachten/").status_code == 403
    assert kcc.get(f"/werkplek/klachten/{klacht.uuid}/").status_code == 403
    assert "/werkplek/klachten/" not in kcc.get("/werkplek/").content.decode()
    fatima = medewerker(Rol.KLACHTBEHANDELAAR, naam="fatima")
    assert "/werkplek/klachten/" in fatima.get("/werkplek/").content.decode()
    assert fatima.get(f"/werkplek/klachten/{klacht.uuid}/").status_code == 200
    teamleider = medewerker(Rol.TEAMLEIDER, naam="tom")
    assert teamleider.get("/werkplek/klachten/").status_code == 200


def test_a_complainant_under_geheimhouding_is_not_on_the_list_for_who_may_not_see_them(
    kanalen: Testkanalen,
) -> None:
    """R12 on the list: the complaint is there, its complainant's name is not, for a
    klachtbehandelaar without the right; a team leader sees it. Handling the complaint
    keeps its complainant."""
    geheim = persoon("Geert", "Geheim", indicatie_geheimhouding=True)
    adres(geheim, "email", "geert@example.nl")
    klacht = klacht_van(geheim)
    fatima = medewerker(Rol.KLACHTBEHANDELAAR, naam="fatima")
    inhoud = fatima.get("/werkplek/klachten/").content.decode()
    assert str(klacht.nummer) in inhoud and "Geheim" not in inhoud
    teamleider = medewerker(Rol.TEAMLEIDER, naam="tom")
    assert "Geheim" in teamleider.get("/werkplek/klachten/").content.decode()
    fatima.post(
        f"/werkplek/klachten/{klacht.uuid}/bevestigen/",
        {"bevestigen-onderwerp": "Ontvangen", "bevestigen-tekst": "Wij hebben uw klacht."},
    )
    klacht.refresh_from_db()
    assert klacht.klager == geheim and klacht.bevestigd_op is not None


def test_the_list_filters_and_says_the_term_in_words(jan: Partij) -> None:
    fatima = medewerker(Rol.KLACHTBEHANDELAAR, naam="fatima")
    bijna = klacht_van(jan, "Bijna te laat")
    Klacht.objects.filter(pk=bijna.pk).update(
        termijn_einde=timezone.localdate() + datetime.timedelta(days=1)
    )
    verlopen = klacht_van(jan, "Al te laat")
    Klacht.objects.filter(pk=verlopen.pk).update(
        termijn_einde=timezone.localdate() - datetime.timedelta(days=14)
    )
    ruim = klacht_van(jan, "Ruim op tijd")
    zij = actor_van(User.objects.get(username="fatima"))
    klachten.wijs_toe(ruim, zij, door=zij, by=BY)

    alles = fatima.get("/werkplek/klachten/").content.decode()
    assert "3 klachten" in alles
    assert alles.index("Al te laat") < alles.index("Bijna te laat") < alles.index("Ruim op tijd")
    ruim.refresh_from_db()
    assert termijn_in_woorden(ruim) in alles
    te_laat = fatima.get("/werkplek/klachten/?status=open&termijn=te_laat").content.decode()
    assert "Al te laat" in te_laat and "Bijna te laat" not in te_laat
    assert "werkdagen te laat" in te_laat
    binnenkort = fatima.get("/werkplek/klachten/?status=open&termijn=bijna").content.decode()
    assert "Bijna te laat" in binnenkort and "Ruim op tijd" not in binnenkort
    mijn = fatima.get("/werkplek/klachten/?status=open&behandelaar=mij").content.decode()
    assert "1 klacht" in mijn and "Ruim op tijd" in mijn
    niemand = fatima.get("/werkplek/klachten/?status=open&behandelaar=geen").content.decode()
    assert "2 klachten" in niemand

    [actie, *_] = Verwerkingsactie.objects.filter(handeling_naam="Klachten bekijken")
    assert actie.activiteit.naam == "Behandelen van klachten over de dienstverlening"
    assert "klachtbehandeling" in actie.activiteit.standaard_voor


def test_words_for_the_term() -> None:
    klacht = Klacht(status="in_behandeling", termijn_einde=datetime.date(2026, 4, 7), nummer="1")
    assert termijn_in_woorden(klacht, datetime.date(2026, 4, 2)) == "7 april 2026: nog 1 werkdag"
    assert termijn_in_woorden(klacht, datetime.date(2026, 4, 7)) == (
        "7 april 2026: vandaag de laatste dag"
    )
    assert termijn_in_woorden(klacht, datetime.date(2026, 4, 9)) == (
        "7 april 2026: 2 werkdagen te laat"
    )


def test_a_refused_action_says_why_and_changes_nothing(jan: Partij, kanalen: Testkanalen) -> None:
    fatima = medewerker(Rol.KLACHTBEHANDELAAR, naam="fatima")
    klacht = klacht_van(jan)
    pagina = f"/werkplek/klachten/{klacht.uuid}/"
    zelf = actor_van(User.objects.get(username="fatima"))
    klacht.betreft_actoren.add(zelf)

    geweigerd = fatima.post(f"{pagina}toewijzen/", {"toewijzen-behandelaar": str(zelf.pk)})
    assert geweigerd.status_code == 400
    assert "Awb artikel 9:7" in geweigerd.content.decode()
    klacht.refresh_from_db()
    assert klacht.behandelaar is None

    leeg = fatima.post(
        f"{pagina}verdagen/",
        {
            "verdagen-weken": "6",
            "verdagen-reden": "",
            "verdagen-onderwerp": "x",
            "verdagen-tekst": "y",
        },
    )
    inhoud = leeg.content.decode()
    assert leeg.status_code == 400 and "Geef de reden van de verdaging." in inhoud
    te_lang = fatima.post(
        f"{pagina}verdagen/",
        {
            "verdagen-weken": "6",
            "verdagen-reden": "Drukte",
            "verdagen-onderwerp": "Meer tijd",
            "verdagen-tekst": "Beste Jan,",
        },
    )
    assert te_lang.status_code == 400
    assert "Verdagen kan met ten hoogste 4 weken." in te_lang.content.decode()
    klacht.refresh_from_db()
    assert klacht.verdaagd_op is None and kanalen.opgesteld == []


def test_acknowledgement_from_the_page_goes_to_the_preferred_address(
    jan: Partij, kanalen: Testkanalen, zgw: Any
) -> None:
    fatima = medewerker(Rol.KLACHTBEHANDELAAR, naam="fatima")
    klacht = klacht_van(jan)
    pagina = fatima.get(f"/werkplek/klachten/{klacht.uuid}/").content.decode()
    assert "Brieven gaan per e-mail naar jan@example.nl." in pagina
    assert "Ontvangstbevestiging van uw klacht" in pagina
    antwoord = fatima.post(
        f"/werkplek/klachten/{klacht.uuid}/bevestigen/",
        {"bevestigen-onderwerp": "Ontvangen", "bevestigen-tekst": "Beste Jan, ontvangen."},
    )
    assert antwoord.status_code == 302
    [bericht] = kanalen.opgesteld
    assert (bericht.adres, bericht.tekst) == ("jan@example.nl", "Beste Jan, ontvangen.")
    assert Verwerkingsactie.objects.filter(handeling_naam="Klacht: Ontvangst bevestigen").exists()


def test_maak_klacht_from_a_contact(jan: Partij) -> None:
    kcc = medewerker(Rol.KCC_MEDEWERKER)
    kc = contact(jan, "Onheuse bejegening")
    pagina = kcc.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    assert "Maak klacht" in pagina
    kcc.post(
        f"/werkplek/contacten/{kc.uuid}/klacht/",
        {"klacht-omschrijving": "Klant voelde zich niet serieus genomen."},
    )
    klacht = Klacht.objects.get()
    assert klacht.ontvangen_in == kc and klacht.omschrijving.startswith("Klant voelde")
    # The KCC stays on the contact: it cannot open complaints, but sees one was made.
    na = kcc.get(f"/werkplek/contacten/{kc.uuid}/").content.decode()
    assert f"Klacht {klacht.nummer}" in na and "Maak klacht" not in na
    assert f"/werkplek/klachten/{klacht.uuid}/" not in na
    # Left empty: the contact's own question is what the complaint is about.
    ander = contact(jan, "Wachttijd")
    kcc.post(f"/werkplek/contacten/{ander.uuid}/klacht/", {"klacht-omschrijving": ""})
    assert Klacht.objects.get(ontvangen_in=ander).omschrijving == "Vraag over wachttijd"


def test_a_contact_registered_as_a_complaint(jan: Partij) -> None:
    from tests.workspace.test_contact import post

    kcc = medewerker(Rol.KCC_MEDEWERKER)
    assert "Dit is een klacht over de dienstverlening" in (
        kcc.get(f"/werkplek/klanten/{jan.uuid}/contact/").content.decode()
    )
    antwoord = post(kcc, jan, onderwerp="Balie", vraag="Ik werd afgesnauwd.", klacht="on")
    assert antwoord.status_code == 302
    klacht = Klacht.objects.get()
    assert klacht.omschrijving == "Ik werd afgesnauwd." and klacht.kanaal == "telefoon"
    pagina = kcc.get(antwoord["Location"]).content.decode()
    assert f"Klacht {klacht.nummer} is geregistreerd." in pagina
