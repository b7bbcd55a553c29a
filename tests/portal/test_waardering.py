"""The answer page of a satisfaction survey (/mijn/waardering/…): the link is the
credential, nothing said about anyone for an unknown or used link; and the start page's
prompt for a signed-in resident's own open invitation."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import timezone

from klantbeeld.domain.models.tevredenheid import Uitnodiging, Waardering
from klantbeeld.domain.services import tevredenheid
from tests.domain.test_opvolging import BY
from tests.integrations.conftest import drain
from tests.portal.conftest import ingelogde_van
from tests.support.kanalen import Testkanalen, testkanalen
from tests.tevredenheid.steun import contact, klant, team_met_medewerker, vragenlijst

pytestmark = pytest.mark.django_db


@pytest.fixture
def kanalen(settings) -> Iterator[Testkanalen]:
    settings.KLANTBEELD_BASE_URL = "http://testserver"
    with testkanalen("e-mail", met_document=False) as test:
        yield test


def uitgenodigd(kanalen: Testkanalen, **velden) -> tuple[Uitnodiging, str]:
    _, sanne = team_met_medewerker()
    vragenlijst(**velden)
    klantcontact = contact(klant(), sanne)
    drain()
    [mail] = kanalen.opgesteld
    pad = "/mijn/waardering/" + mail.tekst.split("/mijn/waardering/")[1].split("/")[0] + "/"
    return Uitnodiging.objects.get(klantcontact=klantcontact), pad


def test_the_link_shows_the_question_with_labelled_ends_and_takes_the_answer(
    client: Client, kanalen
):
    _, pad = uitgenodigd(kanalen)
    pagina = client.get(pad)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Hoe tevreden bent u over uw contact met ons?" in html
    assert "1 (heel ontevreden)" in html and "5 (heel tevreden)" in html
    assert pagina["Referrer-Policy"] == "same-origin"
    antwoord = client.post(pad, {"score": "4", "toelichting": "Vriendelijk."})
    assert antwoord.status_code == 302 and antwoord["Location"] == "/mijn/waardering/bedankt/"
    assert Waardering.objects.get().score == 4


def test_no_score_shows_an_error_summary_and_keeps_nothing(client: Client, kanalen):
    uitnodiging, pad = uitgenodigd(kanalen)
    antwoord = client.post(pad, {"toelichting": "Geen cijfer."})
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Er ging iets mis" in html and "Kies een cijfer van 1 tot en met 5." in html
    assert 'href="#id_score_0"' in html
    uitnodiging.refresh_from_db()
    assert uitnodiging.beantwoord_op is None and not Waardering.objects.exists()


def test_used_expired_and_unknown_links_say_so_without_saying_whose(client: Client, kanalen):
    uitnodiging, pad = uitgenodigd(kanalen)
    onbekend = client.get("/mijn/waardering/dit-is-geen-sleutel/")
    assert onbekend.status_code == 404
    assert "Deze link werkt niet" in onbekend.content.decode()
    client.post(pad, {"score": "5"})
    gebruikt = client.get(pad)
    assert "Al beantwoord" in gebruikt.content.decode()
    assert client.post(pad, {"score": "1"}).status_code == 200
    assert list(Waardering.objects.values_list("score", flat=True)) == [5]
    for html in (onbekend.content.decode(), gebruikt.content.decode()):
        assert "Fatima" not in html and "Afvalkalender" not in html and "telefoon" not in html
    Uitnodiging.objects.filter(pk=uitnodiging.pk).update(
        beantwoord_op=None, verloopt_op=timezone.now() - datetime.timedelta(minutes=1)
    )
    verlopen = client.get(pad)
    assert verlopen.status_code == 410 and "Deze link is verlopen" in verlopen.content.decode()


def test_the_start_page_prompts_for_the_residents_own_open_invitation(mijn, kanalen):
    jan = ingelogde_van("jan").maak_partij(BY)
    _, sanne = team_met_medewerker()
    vragenlijst(kanalen=["mijngemeente"])
    contact(jan, sanne, kanaal="mijngemeente")
    drain()
    [uitnodiging] = tevredenheid.open_uitnodigingen(jan)
    client = mijn("jan")
    start = client.get("/mijn/").content.decode()
    assert f"/mijn/waardering/uitnodiging/{uitnodiging.uuid}/" in start
    assert (
        client.post(f"/mijn/waardering/uitnodiging/{uitnodiging.uuid}/", {"score": "2"}).status_code
        == 302
    )
    assert "Geef uw mening" not in client.get("/mijn/").content.decode()
    # Someone else's invitation is not found.
    anna = mijn("anna")
    assert anna.get(f"/mijn/waardering/uitnodiging/{uitnodiging.uuid}/").status_code == 404
