"""Every figure of the dashboards against a hand-computed expectation over a small
register, kept current by the worker after a write and a back-dated write, and small
groups suppressed (docs/inzicht.md)."""

from __future__ import annotations

import datetime
from typing import Any

import httpx
import pytest
from django.utils import timezone

from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.worker import deliver_next
from klantbeeld.insight import cijfers, markeren
from klantbeeld.insight.berekenen import bereken
from klantbeeld.insight.cijfers import ONDERDRUKT, Filter
from klantbeeld.insight.models import Contactcijfer, Markering
from tests.insight.gegevens import Register, contact, om, vul

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(settings: Any) -> Register:
    settings.KLANTBEELD_INZICHT_MINIMUM = 1
    dag = timezone.localdate() - datetime.timedelta(days=14)
    r = vul(dag)
    bereken(dag - datetime.timedelta(days=1), timezone.localdate())
    return r


def rond(r: Register, **velden: Any) -> Filter:
    return Filter(r.dag - datetime.timedelta(days=1), r.dag + datetime.timedelta(days=3), **velden)


def rij(sectie: cijfers.Sectie, label: str) -> dict[str, Any]:
    return next(d for d in sectie.als_dicts() if d[sectie.kolommen[0].sleutel] == label)


def test_contacts_per_channel_and_day(register: Register):
    sectie = cijfers.contacten(rond(register))
    assert [k.sleutel for k in sectie.kolommen] == [
        "periode",
        "kanaal_e-mail",
        "kanaal_telefoon",
        "totaal",
    ]
    per_dag = [r[1:] for r in sectie.rijen]
    # The day before; the day (3 calls, a mail and its answer); the day after; c4; then none.
    assert per_dag == [[0, 0, 0], [2, 3, 5], [0, 0, 0], [0, 1, 1], [0, 0, 0]]


def test_contacts_per_subject(register: Register):
    sectie = cijfers.onderwerpen(rond(register))
    assert sectie.rijen == [["Paspoort", 4, 66.7], ["Afval", 2, 33.3]]


def test_a_relation_kind_narrows_the_contacts(register: Register):
    sectie = cijfers.onderwerpen(rond(register, relatiesoort=register.huurder.pk))
    assert sectie.rijen == [["Afval", 1, 100.0]]


def test_first_contact_resolution(register: Register):
    sectie = cijfers.eerste_contact(rond(register))
    # Calls started by customers: c1 (resolved), c2 (task), c3 (came back), c4 (resolved).
    assert rij(sectie, "Telefoon") == {
        "kanaal": "Telefoon",
        "inkomend": 4,
        "opgelost": 2,
        "percentage": 50.0,
    }
    # The mail with only its answer task is resolved; the answer itself is not the
    # customer's contact.
    assert rij(sectie, "E-mail")["inkomend"] == 1 and rij(sectie, "E-mail")["opgelost"] == 1
    assert rij(sectie, "Alle kanalen")["percentage"] == 60.0


def test_tasks_per_team(register: Register):
    sectie = cijfers.taken(rond(register))
    belastingen = rij(sectie, "Belastingen")
    assert belastingen == {
        "team": "Belastingen",
        "open": 1,  # c5's answer task
        "te_laat_nu": 1,  # its deadline was the day itself
        "geopend": 2,
        "afgehandeld": 1,
        "te_laat_afgehandeld": 1,  # handled the day after its deadline
        "behandelduur": 24.0,
    }


def test_answer_times_per_channel(register: Register):
    sectie = cijfers.antwoordtijden(rond(register))
    assert rij(sectie, "Chat") == {
        "kanaal": "Chat",
        "beantwoord": 1,
        "gemiddeld": 3.0,
        "binnen_5_minuten": 100.0,
        "binnen_1_uur": 100.0,
        "binnen_1_dag": 100.0,
    }
    assert rij(sectie, "E-mail") == {
        "kanaal": "E-mail",
        "beantwoord": 1,
        "gemiddeld": 120.0,
        "binnen_5_minuten": 0.0,
        "binnen_1_uur": 0.0,
        "binnen_1_dag": 100.0,
    }


def test_complaint_terms_met(register: Register):
    sectie = cijfers.klachten(rond(register))
    assert rij(sectie, "Hele periode") == {
        "periode": "Hele periode",
        "ontvangen": 3,
        "besloten": 1,
        "binnen_termijn": 0,
        "percentage": 0.0,
    }  # the one decided within five days fell outside the period (day + 5)
    breed = cijfers.klachten(Filter(register.dag, register.dag + datetime.timedelta(days=10)))
    assert rij(breed, "Hele periode")["besloten"] == 2
    assert rij(breed, "Hele periode")["binnen_termijn"] == 1
    assert rij(breed, "Hele periode")["percentage"] == 50.0
    assert breed.opmerking == "Nu open met verstreken termijn: 1."


def test_satisfaction(register: Register):
    totaal = rij(cijfers.tevredenheid(rond(register)), "Hele periode")
    assert totaal["nps_aantal"] == 4 and totaal["nps"] == 25.0  # (2 promoters - 1 detractor) / 4
    assert totaal["csat_aantal"] == 3 and totaal["csat"] == 4.0
    assert totaal["ces_aantal"] == 0 and totaal["ces"] is None


def test_a_teamleiders_figures_are_their_teams_only(register: Register):
    alleen_klein = rond(register, teams=(register.klein.pk,))
    assert cijfers.onderwerpen(alleen_klein).rijen == []
    assert rij(cijfers.klachten(alleen_klein), "Hele periode")["ontvangen"] == 0


def test_small_groups_are_suppressed(register: Register, settings: Any):
    settings.KLANTBEELD_INZICHT_MINIMUM = 5
    totaal = rij(cijfers.tevredenheid(rond(register)), "Hele periode")
    assert totaal["nps_aantal"] is ONDERDRUKT and totaal["nps"] is ONDERDRUKT
    klachten = rij(cijfers.klachten(rond(register)), "Hele periode")
    assert klachten["ontvangen"] is ONDERDRUKT and klachten["percentage"] is ONDERDRUKT
    assert str(ONDERDRUKT) == "minder dan 5"
    # The answer times rest on one chat and one mail: no mean of fewer than five.
    assert rij(cijfers.antwoordtijden(rond(register)), "Chat")["gemiddeld"] is ONDERDRUKT
    # A team of two: nothing of it is shown, not even its contacts.
    klein = cijfers.contacten(rond(register, team=register.klein.pk))
    assert all(cel is ONDERDRUKT for r in klein.rijen for cel in r[1:])
    assert "minder dan 5 leden" in klein.opmerking
    # Belastingen has five members: its contacts are shown.
    assert cijfers.contacten(rond(register, team=register.belastingen.pk)).rijen[1][-1] == 5


def _werker_draait() -> None:
    OutboxMessage.objects.filter(destination=markeren.DESTINATION).update(
        next_attempt_at=timezone.now()
    )
    with httpx.Client() as client:
        while deliver_next(client):
            pass


def test_a_new_contact_is_counted_by_the_worker(register: Register):
    Markering.objects.all().delete()
    OutboxMessage.objects.filter(destination=markeren.DESTINATION).delete()
    vandaag = timezone.localdate()
    contact("balie", "Afval", timezone.now(), register.mensen[0])
    assert set(Markering.objects.values_list("datum", flat=True)) == {vandaag}
    # One job for the worker, not one per write.
    contact("balie", "Afval", timezone.now(), register.mensen[0])
    assert OutboxMessage.objects.filter(destination=markeren.DESTINATION).count() == 1
    assert not Contactcijfer.objects.filter(datum=vandaag).exists()  # not before the worker
    _werker_draait()
    assert Contactcijfer.objects.get(datum=vandaag, kanaal="balie").contacten == 2
    assert not Markering.objects.exists()


def test_a_back_dated_write_recomputes_its_day(register: Register):
    Markering.objects.all().delete()
    # The customer of c1 comes back about it five days later: c1 is no longer resolved.
    contact(
        "telefoon",
        "Afval",
        om(register.dag + datetime.timedelta(days=5), 9),
        register.mensen[0],
        vervolg_op=register.contacten["c1"],
    )
    assert register.dag in set(Markering.objects.values_list("datum", flat=True))
    # And a call registered afterwards for the day itself.
    contact("telefoon", "Afval", om(register.dag, 16), register.mensen[0])
    assert register.dag in set(Markering.objects.values_list("datum", flat=True))
    _werker_draait()
    telefoon = rij(cijfers.eerste_contact(rond(register)), "Telefoon")
    # Before: 4 calls, 2 resolved. Now the new call (resolved) and c1 (not any more).
    assert (telefoon["inkomend"], telefoon["opgelost"]) == (5, 2)
    assert cijfers.contacten(rond(register)).rijen[1][-1] == 6


def test_recomputing_gives_the_same_figures(register: Register):
    voor = sorted(
        Contactcijfer.objects.values_list("datum", "kanaal", "onderwerp", "contacten", "opgelost")
    )
    bereken(register.dag - datetime.timedelta(days=1), timezone.localdate())
    na = sorted(
        Contactcijfer.objects.values_list("datum", "kanaal", "onderwerp", "contacten", "opgelost")
    )
    assert voor == na


def test_a_complaint_or_survey_answer_saved_anywhere_marks_its_days(register: Register):
    from klantbeeld.domain.models import Klacht

    Markering.objects.all().delete()
    klacht = Klacht.objects.filter(besloten_op__isnull=False).first()
    assert klacht is not None
    klacht.save()
    assert set(Markering.objects.values_list("datum", flat=True)) == {
        klacht.ontvangen_op,
        klacht.besloten_op,
    }


def test_the_command_rebuilds_a_range_and_refuses_a_bad_date(register: Register):
    from django.core.management import CommandError, call_command

    Contactcijfer.objects.all().delete()
    call_command("inzicht_bijwerken", vanaf=register.dag.isoformat(), tot=register.dag.isoformat())
    dag = Contactcijfer.objects.filter(datum=register.dag)
    assert sum(dag.values_list("contacten", flat=True)) == 5
    with pytest.raises(CommandError, match="Geen datum"):
        call_command("inzicht_bijwerken", vanaf="gisteren")


def test_the_benchmark_times_every_request(settings: Any):
    import io

    from django.core.management import call_command

    uit = io.StringIO()
    call_command("bench_inzicht", partijen=40, samples=1, schrijven=2, stdout=uit)
    tekst = uit.getvalue()
    for regel in (
        "Dashboard, 30 days",
        "Export klachten.xlsx",
        "API tevredenheid",
        "Klantcontact write, with the insight listener",
    ):
        assert f"| {regel}" in tekst
