"""Kennis in the workspace: search (page, as you type, the call panel's partial), the
article page with its "Neem over" buttons, audience and drafts hidden, feedback to the
owner."""

from __future__ import annotations

import datetime
import html

import pytest

from klantbeeld.domain.models import Actor, Artikel, Artikelfeedback, Teamlid
from klantbeeld.domain.models.kennis import Status
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.domain.services.kennis import Sectietekst, bewaar_artikel
from klantbeeld.workspace.medewerkers import IDENTIFICATOR
from klantbeeld.workspace.roles import Rol
from tests.workspace.test_zoeken import medewerker

pytestmark = pytest.mark.django_db


def team(naam: str) -> Actor:
    return Actor.objects.create(naam=naam, soort_actor="organisatorische_eenheid")


def lid(login: str, *teams: Actor) -> Actor:
    actor = Actor.objects.create(
        naam=login.title(),
        soort_actor="medewerker",
        telefoonnummer="0201234567",
        actoridentificator_object_id=login,
        **IDENTIFICATOR,
    )
    for t in teams:
        Teamlid.objects.create(team=t, medewerker=actor)
    return actor


def artikel(titel: str, eigenaar: Actor, *, status=Status.GEPUBLICEERD, doelgroep=(), **velden):
    return bewaar_artikel(
        Artikel(),
        {
            "soort": velden.pop("soort", "product"),
            "titel": titel,
            "samenvatting": velden.pop("samenvatting", f"Over {titel.lower()}."),
            "eigenaar": eigenaar,
            "herzien_op": datetime.date(2030, 1, 1),
            "status": status,
            **velden,
        },
        SYSTEM,
        secties=[Sectietekst("Kosten", "Het kost € 84,20 & is <10> jaar geldig.")],
        doelgroep=list(doelgroep),
    )


@pytest.fixture
def burgerzaken() -> Actor:
    return team("Burgerzaken")


def test_search_page_shows_highlighted_results_and_hidden_take_over_buttons(burgerzaken):
    paspoort = artikel("Paspoort aanvragen", burgerzaken, trefwoorden="reisdocument")
    client = medewerker(Rol.KCC_MEDEWERKER)
    page = client.get("/werkplek/kennis/", {"q": "pasport aanvragen"}).content.decode()
    assert "<mark>Paspoort</mark> <mark>aanvragen</mark>" in page
    assert f'href="/werkplek/kennis/artikelen/{paspoort.pk}/?q=pasport%20aanvragen"' in page
    assert (
        '<button type="button" hidden data-belpaneel-tekst="Over paspoort aanvragen." '
        'data-belpaneel-label="Paspoort aanvragen" '
        'class="utrecht-button utrecht-button--secondary-action">Neem over in contact</button>'
    ) in page
    assert "Gezocht op:" in page and "<strong>paspoort</strong> in plaats van pasport" in page
    assert 'aria-current="page">Kennis</a>' in page


def test_as_you_type_answers_only_the_results_and_the_last_word_may_be_begun(burgerzaken):
    artikel("Parkeervergunning voor bewoners", burgerzaken)
    client = medewerker(Rol.KCC_MEDEWERKER)
    answer = client.get("/werkplek/kennis/", {"q": "parkeerverg"}, HTTP_HX_REQUEST="true")
    text = answer.content.decode()
    assert text.startswith('<div id="kennis-resultaten"')
    assert "<h1" not in text
    assert "<mark>Parkeervergunning</mark> voor bewoners" in text


def test_the_call_panel_partial_is_compact(burgerzaken):
    paspoort = artikel("Paspoort aanvragen", burgerzaken)
    client = medewerker(Rol.KCC_MEDEWERKER)
    text = client.get("/werkplek/kennis/zoeken/", {"q": "paspoort", "paneel": "1"}).content.decode()
    assert text.startswith('<div class="werkplek-kennispaneel"')
    assert f'href="/werkplek/kennis/artikelen/{paspoort.pk}/"' in text
    assert 'data-belpaneel-label="Paspoort aanvragen"' in text
    assert "<h1" not in text and "<form" not in text


def test_kind_filter_and_no_javascript_form(burgerzaken):
    artikel("Paspoort aanvragen", burgerzaken)
    artikel("Paspoort kwijt", burgerzaken, soort="vraag")
    client = medewerker(Rol.BEHANDELAAR)
    page = client.get("/werkplek/kennis/", {"q": "paspoort", "soort": "vraag"}).content.decode()
    assert "1 resultaat" in page and "kwijt" in page and "aanvragen</a>" not in page
    assert '<option value="vraag" selected>' in page
    assert 'method="get" action="/werkplek/kennis/"' in page


def test_drafts_and_other_teams_articles_do_not_exist_for_the_viewer(burgerzaken):
    kcc = team("Klantcontactcentrum")
    vergunningen = team("Vergunningen")
    lid("sanne", kcc)
    concept = artikel("Paspoort concept", burgerzaken, status=Status.CONCEPT)
    intern = artikel("Paspoort voor Vergunningen", burgerzaken, doelgroep=[vergunningen])
    eigen = artikel("Paspoort instructie KCC", burgerzaken, doelgroep=[kcc])
    client = medewerker(Rol.KCC_MEDEWERKER)
    page = client.get("/werkplek/kennis/", {"q": "paspoort"}).content.decode()
    assert "instructie KCC" in page
    assert "Paspoort concept" not in page and "voor Vergunningen" not in page
    assert client.get(f"/werkplek/kennis/artikelen/{concept.pk}/").status_code == 404
    assert client.get(f"/werkplek/kennis/artikelen/{intern.pk}/").status_code == 404
    assert client.get(f"/werkplek/kennis/artikelen/{eigen.pk}/").status_code == 200


def test_article_page_shows_sections_owner_review_date_and_version(burgerzaken):
    paspoort = artikel("Paspoort aanvragen", burgerzaken)
    client = medewerker(Rol.KCC_MEDEWERKER)
    page = client.get(f"/werkplek/kennis/artikelen/{paspoort.pk}/").content.decode()
    assert '<h1 class="utrecht-heading-1">Paspoort aanvragen</h1>' in page
    assert "Burgerzaken" in page and "1 januari 2030" in page and "<dd>1, van" in page
    # A section's own button carries its plain text, escaped once.
    tekst = html.escape("Kosten: Het kost € 84,20 & is <10> jaar geldig.")
    assert f'data-belpaneel-tekst="{tekst}" data-belpaneel-label="Paspoort aanvragen"' in page
    assert page.count("Neem over in contact") == 2


def test_feedback_reaches_the_owner_who_marks_it_handled(burgerzaken):
    lid("ahmed", burgerzaken)
    paspoort = artikel("Paspoort aanvragen", burgerzaken)
    sanne = medewerker(Rol.KCC_MEDEWERKER)
    answer = sanne.post(
        f"/werkplek/kennis/artikelen/{paspoort.pk}/feedback/", {"tekst": "Prijs is veranderd."}
    )
    assert answer.status_code == 302 and answer["Location"].endswith("?feedback=1#feedback")
    [feedback] = Artikelfeedback.objects.all()
    assert (feedback.tekst, feedback.gebruikersnaam, feedback.versie) == (
        "Prijs is veranderd.",
        "sanne",
        1,
    )
    # Sanne owns nothing: no list, and the feedback does not exist for her.
    assert "Feedback op uw artikelen" not in sanne.get("/werkplek/kennis/").content.decode()
    assert sanne.post(f"/werkplek/kennis/feedback/{feedback.pk}/afgehandeld/").status_code == 404
    ahmed = medewerker(Rol.BEHANDELAAR, naam="ahmed")
    page = ahmed.get("/werkplek/kennis/").content.decode()
    assert "Feedback op uw artikelen" in page and "Prijs is veranderd." in page
    ahmed.post(f"/werkplek/kennis/feedback/{feedback.pk}/afgehandeld/")
    feedback.refresh_from_db()
    assert feedback.afgehandeld and feedback.afgehandeld_door == "ahmed"
    assert "Prijs is veranderd." not in ahmed.get("/werkplek/kennis/").content.decode()


def test_empty_feedback_is_refused_and_nothing_is_stored(burgerzaken):
    paspoort = artikel("Paspoort aanvragen", burgerzaken)
    client = medewerker(Rol.KCC_MEDEWERKER)
    answer = client.post(f"/werkplek/kennis/artikelen/{paspoort.pk}/feedback/", {"tekst": "  "})
    assert answer.status_code == 400
    assert "Schrijf wat er niet klopt of ontbreekt." in answer.content.decode()
    assert not Artikelfeedback.objects.exists()


def test_signed_out_goes_to_sign_in():
    from django.test import Client

    answer = Client().get("/werkplek/kennis/?q=paspoort")
    assert answer.status_code == 302 and "/inloggen/" in answer["Location"]
