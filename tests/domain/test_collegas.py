"""The directory of colleagues and teams (issue 15): reachable now in Dutch time, found by
name, team, function or skill as an agent types, kept from an outside source without
undoing what the beheerder set."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from klantbeeld.domain.models import Actor, Teamlid
from klantbeeld.domain.models.collegas import Afwezigheid, Gidsvermelding, Vaardigheid, Werktijd
from klantbeeld.domain.services import collegas
from klantbeeld.domain.services.collegas import (
    Bereikbaarheid,
    Gidsgegevens,
    Rooster,
    Stand,
    Veld,
    bereikbaarheid,
    werk_bij,
    zoek_collegas,
)
from klantbeeld.domain.services.common import SYSTEM

NL = ZoneInfo("Europe/Amsterdam")
KANTOOR = {dag: (datetime.time(8, 30), datetime.time(17)) for dag in range(1, 6)}


def nl(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=NL)  # type: ignore[misc]


# -- reachable now (no database) --------------------------------------------------------------


def test_reachable_within_the_hours_of_today_in_dutch_time():
    # Tuesday 1 July 2025 07:45 UTC is 09:45 in the Netherlands (summer time).
    utc = datetime.datetime(2025, 7, 1, 7, 45, tzinfo=datetime.UTC)
    assert bereikbaarheid(Rooster(KANTOOR), utc) == Bereikbaarheid(
        Stand.BEREIKBAAR, tot=nl(2025, 7, 1, 17, 0)
    )
    # 07:15 UTC in January is 08:15 there (winter time): before the start.
    winter = datetime.datetime(2025, 1, 7, 7, 15, tzinfo=datetime.UTC)
    assert bereikbaarheid(Rooster(KANTOOR), winter) == Bereikbaarheid(
        Stand.BUITEN_WERKTIJD, weer_vanaf=nl(2025, 1, 7, 8, 30)
    )


def test_after_hours_on_friday_the_next_start_is_monday():
    vrijdagavond = nl(2025, 7, 4, 17, 0)
    assert bereikbaarheid(Rooster(KANTOOR), vrijdagavond) == Bereikbaarheid(
        Stand.BUITEN_WERKTIJD, weer_vanaf=nl(2025, 7, 7, 8, 30)
    )


def test_absent_until_a_day_then_back_at_the_next_start():
    rooster = Rooster(KANTOOR, [(datetime.date(2025, 6, 30), datetime.date(2025, 7, 4))])
    assert bereikbaarheid(rooster, nl(2025, 7, 1, 10, 0)) == Bereikbaarheid(
        Stand.AFWEZIG,
        weer_vanaf=nl(2025, 7, 7, 8, 30),
        afwezig_tot_en_met=datetime.date(2025, 7, 4),
    )
    # After hours the day before an absence, the next start skips the absent days.
    assert bereikbaarheid(rooster, nl(2025, 6, 27, 18, 0)).weer_vanaf == nl(2025, 7, 7, 8, 30)


def test_without_hours_unknown_but_an_absence_still_shows():
    assert bereikbaarheid(Rooster({}), nl(2025, 7, 1, 10, 0)).stand == Stand.ONBEKEND
    weg = Rooster({}, [(datetime.date(2025, 7, 1), datetime.date(2025, 7, 1))])
    assert bereikbaarheid(weg, nl(2025, 7, 1, 10, 0)) == Bereikbaarheid(
        Stand.AFWEZIG, afwezig_tot_en_met=datetime.date(2025, 7, 1)
    )


# -- the directory (database) ----------------------------------------------------------------


def team(naam: str, **fields: object) -> Actor:
    return Actor.objects.create(
        naam=naam, soort_actor="organisatorische_eenheid", indicatie_actief=True, **fields
    )


def medewerker(naam: str, *teams: Actor, login: str = "", **vermelding: object) -> Actor:
    actor = Actor.objects.create(
        naam=naam,
        soort_actor="medewerker",
        indicatie_actief=True,
        functie="Medewerker",
        telefoonnummer="0201234567",
        actoridentificator_object_id=login or naam.split()[0].lower(),
        actoridentificator_code_objecttype="mdw",
        actoridentificator_code_register="klantbeeld",
        actoridentificator_code_soort_object_id="gebruikersnaam",
    )
    for t in teams:
        Teamlid.objects.create(team=t, medewerker=actor)
    vaardigheden = vermelding.pop("vaardigheden", [])
    gids = Gidsvermelding.objects.create(actor=actor, **vermelding)
    gids.vaardigheden.set([Vaardigheid.objects.get_or_create(naam=v)[0] for v in vaardigheden])
    return actor


@pytest.fixture
def gids(db: None) -> dict[str, Actor]:
    vergunningen = team("Vergunningen", telefoonnummer="0302861234", emailadres="vg@gemeente.nl")
    wmo = team("Wmo-loket")
    kantoor = Gidsvermelding.objects.create(actor=vergunningen)
    for dag, (begin, einde) in KANTOOR.items():
        Werktijd.objects.create(vermelding=kantoor, weekdag=dag, begin=begin, einde=einde)
    return {
        "vergunningen": vergunningen,
        "wmo": wmo,
        "lisa": medewerker(
            "Lisa van Dijk",
            vergunningen,
            functie="Vergunningverlener",
            telefoonnummer="030 286 12 34",
            toestelnummer="1234",
            vaardigheden=["Dakkapel", "Omgevingswet"],
        ),
        "kees": medewerker("Kees Janssen", wmo, functie="Consulent Wmo"),
        "anna": medewerker("Anna Jansen", vergunningen, functie="Juridisch medewerker"),
    }


def namen(tekst: str) -> list[str]:
    return [c.naam for c in zoek_collegas(tekst)]


def test_found_by_name_team_function_and_skill(gids):
    assert namen("lisa") == ["Lisa van Dijk"]
    assert namen("li") == ["Lisa van Dijk"]  # as one types
    assert namen("vergunningen") == ["Vergunningen", "Anna Jansen", "Lisa van Dijk"]
    assert namen("consulent") == ["Kees Janssen"]
    assert namen("dakkapel") == ["Lisa van Dijk"]
    [lisa] = zoek_collegas("dakkapel")
    assert lisa.gevonden_op == [Veld.VAARDIGHEID]
    assert (lisa.telefoonnummer, lisa.toestelnummer) == ("030 286 12 34", "1234")
    assert lisa.teams == ["Vergunningen"] and lisa.vaardigheden == ["Dakkapel", "Omgevingswet"]
    assert zoek_collegas("anna vergunningen")[0].gevonden_op == [Veld.NAAM, Veld.TEAM]


def test_typos_are_forgiven_and_ranked_below_exact_matches(gids):
    assert namen("jansen") == ["Anna Jansen", "Kees Janssen"]
    assert namen("janssen") == ["Kees Janssen", "Anna Jansen"]
    assert namen("vergunnigen") == ["Vergunningen", "Anna Jansen", "Lisa van Dijk"]
    assert namen("dakkapl") == ["Lisa van Dijk"]
    assert namen("xyz") == []


def test_a_team_shows_its_own_phone_hours_and_members(gids):
    [vergunningen] = zoek_collegas("vergunningen", limit=1)
    assert vergunningen.is_team
    assert (vergunningen.telefoonnummer, vergunningen.emailadres) == (
        "0302861234",
        "vg@gemeente.nl",
    )
    assert vergunningen.leden == 2
    assert vergunningen.bereikbaarheid.stand != Stand.ONBEKEND


def test_an_employee_without_own_hours_has_their_teams_office_hours(gids):
    dinsdag = nl(2025, 7, 1, 10, 0)
    [anna] = zoek_collegas("anna", nu=dinsdag)
    assert anna.bereikbaarheid.stand == Stand.BEREIKBAAR
    [kees] = zoek_collegas("kees", nu=dinsdag)  # Wmo-loket keeps no hours
    assert kees.bereikbaarheid.stand == Stand.ONBEKEND
    eigen = gids["kees"].gidsvermelding
    Werktijd.objects.create(
        vermelding=eigen, weekdag=2, begin=datetime.time(12), einde=datetime.time(16)
    )
    [kees] = zoek_collegas("kees", nu=dinsdag)
    assert kees.bereikbaarheid == Bereikbaarheid(
        Stand.BUITEN_WERKTIJD, weer_vanaf=nl(2025, 7, 1, 12, 0)
    )


def test_without_text_the_teams(gids):
    assert namen("") == ["Vergunningen", "Wmo-loket"]


def test_inactive_actors_and_automated_ones_are_not_in_the_directory(gids):
    gids["kees"].indicatie_actief = False
    gids["kees"].save()
    Actor.objects.create(
        naam="Kees de Chatbot", soort_actor="geautomatiseerde_actor", indicatie_actief=True
    )
    assert namen("kees") == []


# -- kept from an outside source -------------------------------------------------------------


def test_kept_from_the_identity_provider(gids):
    lisa = gids["lisa"]
    beheer = team("Bezwaar")
    Teamlid.objects.create(team=beheer, medewerker=lisa)  # made by the beheerder
    overgeslagen = werk_bij(
        lisa,
        Gidsgegevens(
            naam="Lisa van Dijk-Smit",
            emailadres="lisa@gemeente.nl",
            telefoonnummer="030 286 99 99",
            functie="Senior vergunningverlener",
            teams=["/Afdelingen/Wmo-loket", "Bestaat Niet"],
        ),
        SYSTEM,
        bron="identity provider",
    )
    assert overgeslagen == ["team Bestaat Niet bestaat niet"]
    lisa.refresh_from_db()
    assert (lisa.naam, lisa.emailadres, lisa.functie) == (
        "Lisa van Dijk-Smit",
        "lisa@gemeente.nl",
        "Senior vergunningverlener",
    )
    vermelding = lisa.gidsvermelding
    vermelding.refresh_from_db()
    assert vermelding.telefoonnummer == "030 286 99 99"
    assert vermelding.toestelnummer == "1234"  # not said: kept
    assert vermelding.gesynchroniseerd_op is not None
    # The memberships the beheerder made stay; the source's are now the source's.
    assert set(Teamlid.objects.filter(medewerker=lisa).values_list("team__naam", flat=True)) == {
        "Vergunningen",
        "Bezwaar",
        "Wmo-loket",
    }
    werk_bij(lisa, Gidsgegevens(teams=[]), SYSTEM, bron="identity provider")
    assert set(Teamlid.objects.filter(medewerker=lisa).values_list("team__naam", flat=True)) == {
        "Vergunningen",
        "Bezwaar",
    }


def test_a_value_the_entry_cannot_hold_is_skipped_the_rest_kept(gids):
    kees = gids["kees"]
    overgeslagen = werk_bij(
        kees,
        Gidsgegevens(telefoonnummer="bel maar", emailadres="geen-adres", functie="Adviseur"),
        SYSTEM,
        bron="import",
    )
    assert len(overgeslagen) == 2
    vermelding = Gidsvermelding.objects.get(actor=kees)
    assert (vermelding.telefoonnummer, vermelding.emailadres, vermelding.functie) == (
        "",
        "",
        "Adviseur",
    )


def test_skills_from_a_source(gids):
    werk_bij(gids["kees"], Gidsgegevens(vaardigheden=["Wmo", " Wmo ", "Turks"]), SYSTEM, bron="x")
    assert namen("turks") == ["Kees Janssen"]


# -- an employee's own hours and absences ----------------------------------------------------


def test_own_hours_are_set_per_day(gids):
    vermelding = gids["kees"].gidsvermelding
    collegas.stel_werktijden_in(
        vermelding, {1: (datetime.time(9), datetime.time(13)), 2: None, 3: None}
    )
    collegas.stel_werktijden_in(vermelding, {1: (datetime.time(9), datetime.time(17))})
    assert [str(w) for w in vermelding.werktijden.all()] == ["maandag 09:00-17:00"]
    with pytest.raises(ValidationError) as fout:
        collegas.stel_werktijden_in(vermelding, {2: (datetime.time(17), datetime.time(9))})
    assert "dag_2" in fout.value.error_dict
    assert vermelding.werktijden.count() == 1  # nothing changed


def test_an_absence_must_end_after_it_starts_and_not_be_over(gids):
    vermelding = gids["kees"].gidsvermelding
    vandaag = datetime.date.today()
    with pytest.raises(ValidationError):
        collegas.meld_afwezig(vermelding, vandaag, vandaag - datetime.timedelta(days=1))
    with pytest.raises(ValidationError):
        collegas.meld_afwezig(
            vermelding, vandaag - datetime.timedelta(days=9), vandaag - datetime.timedelta(days=2)
        )
    collegas.meld_afwezig(vermelding, vandaag, vandaag + datetime.timedelta(days=3))
    assert Afwezigheid.objects.count() == 1
    [kees] = zoek_collegas("kees")
    assert kees.bereikbaarheid.stand == Stand.AFWEZIG


def test_the_kept_index_follows_changes_made_here(gids):
    """The words of the directory are kept a minute per process (reading them on every
    keystroke is too slow for thousands); a change saved here empties them at once."""
    assert namen("bezwaar") == []
    bezwaar = team("Bezwaar")
    werk_bij(gids["kees"], Gidsgegevens(teams=["Bezwaar"]), SYSTEM, bron="x")  # bulk_create
    assert namen("bezwaar") == ["Bezwaar", "Kees Janssen"]
    bezwaar.naam = "Bezwaar en beroep"
    bezwaar.save()
    assert namen("beroep") == ["Bezwaar en beroep", "Kees Janssen"]
    Teamlid.objects.filter(team=bezwaar).delete()
    assert namen("beroep") == ["Bezwaar en beroep"]
    # Made inactive without a signal (a bulk update): left out of the results at once.
    Actor.objects.filter(pk=bezwaar.pk).update(indicatie_actief=False)
    assert namen("beroep") == []
