"""The functioneel beheerder's part: the survey form's rules, answers only as aggregates,
and the demo's surveys and answers."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.core.management import call_command

from klantbeeld.domain.admin_tevredenheid import VragenlijstForm, uitslag
from klantbeeld.domain.models.tevredenheid import Uitnodiging, Vragenlijst, Waardering
from tests.domain.test_opvolging import actor

pytestmark = pytest.mark.django_db


def formulier(**velden) -> VragenlijstForm:
    data = {
        "naam": "Na contact",
        "actief": "on",
        "meting": "csat",
        "vraag": "Hoe tevreden bent u?",
        "kanalen": ["telefoon"],
        "onderwerpen": "Paspoort\n\nAfvalkalender\nPaspoort",
        "steekproef_procent": "50",
        "rust_dagen": "30",
        "geldig_dagen": "14",
        "volgorde": "0",
        **velden,
    }
    return VragenlijstForm(data=data)


def test_a_valid_survey_keeps_its_channels_and_subjects_as_lists():
    form = formulier()
    assert form.is_valid(), form.errors
    lijst = form.save()
    assert lijst.kanalen == ["telefoon"] and lijst.onderwerpen == ["Paspoort", "Afvalkalender"]


@pytest.mark.parametrize(
    ("velden", "veld"),
    [
        ({"steekproef_procent": "101"}, "steekproef_procent"),
        ({"kanalen": ["duivenpost"]}, "kanalen"),
        ({"opvolging_tot_en_met": "2"}, "opvolging_team"),
        ({"opvolging_tot_en_met": "5"}, "opvolging_tot_en_met"),
        ({"meting": "nps", "kanalen": ["chat"]}, "meting"),
    ],
)
def test_the_form_refuses_what_would_not_work(velden, veld):
    if "opvolging_tot_en_met" in velden and velden["opvolging_tot_en_met"] == "5":
        velden["opvolging_team"] = str(actor("Kwaliteit", "organisatorische_eenheid").pk)
    form = formulier(**velden)
    assert not form.is_valid()
    assert veld in form.errors


def test_answers_and_invitations_have_no_list_of_their_own_in_the_admin():
    assert Vragenlijst in admin.site._registry
    assert Waardering not in admin.site._registry and Uitnodiging not in admin.site._registry


def test_the_result_hides_small_groups():
    lijst = Vragenlijst.objects.create(naam="x", vraag="?")
    for score in (4, 4, 4, 4, 4, 2):
        Waardering.objects.create(
            vragenlijst=lijst,
            meting="csat",
            score=score,
            uitgevraagd_via="email",
            kanaal="telefoon",
            datum="2026-12-01",
        )
    Waardering.objects.create(
        vragenlijst=lijst,
        meting="csat",
        score=1,
        uitgevraagd_via="sms",
        kanaal="balie",
        datum="2026-12-01",
    )
    html = uitslag(Waardering.objects.filter(vragenlijst=lijst))
    assert "7 antwoorden" in html
    assert "<tr><td>4</td><td>5</td></tr>" in html and "<tr><td>1</td><td>\u2013</td></tr>" in html
    assert "<tr><td>balie</td><td>\u2013</td><td>\u2013</td></tr>" in html


def test_the_demo_has_the_surveys_and_weeks_of_answers():
    call_command("demo_data", "--partijen", "5")
    namen = set(Vragenlijst.objects.values_list("naam", flat=True))
    assert namen == {
        "Tevredenheid na telefoon en e-mail",
        "Tevredenheid na de chat",
        "Gemak van MijnGemeente",
    }
    assert Waardering.objects.filter(kanaal="chat", meting="csat").count() > 40
    assert Waardering.objects.filter(meting="ces").count() > 20
    assert Waardering.objects.values("datum").distinct().count() > 20
    aantal = Waardering.objects.count()
    call_command("demo_data", "--partijen", "1")
    assert Waardering.objects.count() == aantal
