"""Follow-up of a klantcontact (cases.md R8, R9; C9167, C6114, C2984, C7300): tasks for a
person or a team, the queues, picking up, passing on, calling back, closing; every step on
the task's history and only for those the task is assigned to."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    DigitaalAdres,
    Klantcontact,
    Onderwerpobject,
    Teamlid,
)
from klantbeeld.domain.models.internetaken import Prioriteit
from klantbeeld.domain.services import opvolging
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.opvolging import GeenBehandelaar, TaakAfgesloten
from tests.domain.test_zoeken import persoon

pytestmark = pytest.mark.django_db
BY = ChangeContext(applicatie="Test", gebruikers_id="test", gebruikers_weergave="Test")


def actor(naam: str, soort: str = "medewerker") -> Actor:
    return Actor.objects.create(
        naam=naam, soort_actor=soort, indicatie_actief=True, telefoonnummer="0201234567"
    )


@pytest.fixture
def mensen() -> dict[str, Actor]:
    mensen = {
        "sanne": actor("Sanne de Vries"),
        "lisa": actor("Lisa van Dijk"),
        "kees": actor("Kees Bakker"),
        "vergunningen": actor("Vergunningen", "organisatorische_eenheid"),
        "kcc": actor("Klantcontactcentrum", "organisatorische_eenheid"),
    }
    Teamlid.objects.create(team=mensen["vergunningen"], medewerker=mensen["lisa"])
    Teamlid.objects.create(team=mensen["kcc"], medewerker=mensen["sanne"])
    return mensen


@pytest.fixture
def oproep() -> Klantcontact:
    """C9167: a call with a call-back number the caller gave for this contact only."""
    jan = persoon("Jan", "Jansen")
    kc = Klantcontact.objects.create(
        kanaal="telefoon",
        onderwerp="Dakkapel",
        inhoud="Mag ik een dakkapel bouwen?",
        taal="nld",
        vertrouwelijk=False,
        indicatie_contact_gelukt=True,
    )
    b = Betrokkene.objects.create(had_klantcontact=kc, was_partij=jan, rol="klant", initiator=True)
    DigitaalAdres.objects.create(
        verstrekt_door_betrokkene=b, soort_digitaal_adres="telefoonnummer", adres="0612345678"
    )
    return kc


def terugbelverzoek(oproep: Klantcontact, mensen: dict[str, Actor], **kwargs: object):
    return opvolging.vraag_opvolging_aan(
        oproep,
        gevraagde_handeling="Terugbellen",
        toelichting="Alleen maandag 14-16 uur",
        toegewezen_aan=[mensen["vergunningen"]],
        door=mensen["sanne"],
        by=BY,
        **kwargs,  # type: ignore[arg-type]
    )


def test_c9167_a_call_back_request_for_a_team_is_in_each_members_team_queue(oproep, mensen):
    morgen = timezone.localdate() + datetime.timedelta(days=1)
    taak = terugbelverzoek(oproep, mensen, prioriteit=Prioriteit.HOOG, uiterlijk_op=morgen)
    assert (taak.status, taak.prioriteit, taak.uiterlijk_op) == ("te_verwerken", 3, morgen)
    assert taak.nummer and list(taak.toegewezen_aan_actoren.all()) == [mensen["vergunningen"]]
    assert list(opvolging.open_taken(opvolging.teams_van(mensen["lisa"]))) == [taak]
    assert list(opvolging.open_taken([mensen["lisa"]])) == []  # not personally hers
    assert opvolging.mag_behandelen(taak, mensen["lisa"])
    assert not opvolging.mag_behandelen(taak, mensen["kees"])
    [stap] = taak.gebeurtenissen.all()
    assert (stap.soort, stap.door, stap.toelichting) == (
        "aangemaakt",
        "Sanne de Vries",
        "Voor Vergunningen.",
    )


def test_queues_put_the_most_urgent_first(oproep, mensen):
    vandaag = timezone.localdate()
    laat = terugbelverzoek(oproep, mensen, uiterlijk_op=vandaag + datetime.timedelta(days=5))
    snel = terugbelverzoek(oproep, mensen, uiterlijk_op=vandaag)
    spoed = terugbelverzoek(oproep, mensen, prioriteit=Prioriteit.SPOED)
    assert list(opvolging.open_taken([mensen["vergunningen"]])) == [spoed, snel, laat]


def test_a_deadline_in_the_past_is_refused_and_nothing_is_made(oproep, mensen):
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        terugbelverzoek(oproep, mensen, uiterlijk_op=gisteren)
    assert "verleden" in str(error.value)
    assert not oproep.interne_taken.exists()


def test_picking_up_a_team_task_puts_it_in_my_queue_and_says_who_has_it(oproep, mensen):
    taak = terugbelverzoek(oproep, mensen)
    opvolging.pak_op(taak, mensen["lisa"], BY)
    assert opvolging.toegewezenen(taak) == [
        mensen["vergunningen"],
        mensen["lisa"],
    ]
    assert list(opvolging.open_taken([mensen["lisa"]])) == [taak]
    assert [g.soort for g in taak.gebeurtenissen.all()] == ["aangemaakt", "opgepakt"]
    with pytest.raises(GeenBehandelaar):
        opvolging.pak_op(taak, mensen["kees"], BY)


def test_c6114_a_misrouted_task_is_closed_and_a_new_one_goes_to_the_right_team(oproep, mensen):
    taak = terugbelverzoek(oproep, mensen)
    nieuw = opvolging.zet_door(
        taak,
        naar=[mensen["kcc"]],
        reden="Gaat over een uitkering, niet over vergunningen",
        gevraagde_handeling=opvolging.OPNIEUW_ROUTEREN,
        medewerker=mensen["lisa"],
        by=BY,
    )
    taak.refresh_from_db()
    assert taak.status == "verwerkt" and taak.afgehandeld_op is not None
    assert "Doorgezet naar Klantcontactcentrum" in taak.toelichting
    assert (nieuw.status, nieuw.gevraagde_handeling) == ("te_verwerken", "Opnieuw routeren")
    assert nieuw.aanleidinggevend_klantcontact == oproep
    assert "Oorspronkelijk verzoek: Alleen maandag 14-16 uur" in nieuw.toelichting
    assert list(nieuw.toegewezen_aan_actoren.all()) == [mensen["kcc"]]
    assert set(oproep.interne_taken.values_list("status", flat=True)) == {
        "verwerkt",
        "te_verwerken",
    }
    [stap] = taak.gebeurtenissen.filter(soort="doorgezet")
    assert stap.vervolgtaak == nieuw and stap.door == "Lisa van Dijk"
    assert list(opvolging.open_taken(opvolging.teams_van(mensen["sanne"]))) == [nieuw]


def test_passing_on_needs_a_reason_and_someone(oproep, mensen):
    taak = terugbelverzoek(oproep, mensen)
    with pytest.raises(ValidationError, match="waarom"):
        opvolging.zet_door(taak, naar=[mensen["kcc"]], reden=" ", medewerker=mensen["lisa"], by=BY)
    with pytest.raises(ValidationError, match="aan wie"):
        opvolging.zet_door(taak, naar=[], reden="Verkeerd", medewerker=mensen["lisa"], by=BY)
    assert oproep.interne_taken.count() == 1


def test_c2984_calling_back_records_a_linked_follow_up_contact_and_closes_the_task(oproep, mensen):
    taak = terugbelverzoek(oproep, mensen)
    terug = opvolging.leg_contact_vast(
        taak,
        medewerker=mensen["lisa"],
        by=BY,
        kanaal="telefoon",
        verslag="Dakkapel aan de achterkant is vergunningvrij.",
        gelukt=True,
        afronden=True,
    )
    assert (terug.kanaal, terug.indicatie_contact_gelukt, terug.onderwerp) == (
        "telefoon",
        True,
        "Dakkapel",
    )
    assert list(terug.actoren.all()) == [mensen["lisa"]]
    [b] = terug.betrokkenen.all()
    assert (b.was_partij, b.initiator, b.rol) == (
        oproep.betrokkenen.get().was_partij,
        False,
        "klant",
    )
    nummers = DigitaalAdres.objects.filter(verstrekt_door_betrokkene=b)
    assert list(nummers.values_list("adres", flat=True)) == ["0612345678"]
    link = Onderwerpobject.objects.get(was_klantcontact=oproep)
    assert link.klantcontact == terug
    taak.refresh_from_db()
    assert taak.status == "verwerkt" and taak.toelichting.startswith("Dakkapel aan de achterkant")
    assert [g.soort for g in taak.gebeurtenissen.all()] == [
        "aangemaakt",
        "teruggebeld",
        "afgehandeld",
    ]
    with pytest.raises(TaakAfgesloten):
        opvolging.rond_af(taak, toelichting="Nog eens", medewerker=mensen["lisa"], by=BY)


def test_c7300_no_answer_is_recorded_as_an_attempt_and_the_task_stays_open(oproep, mensen):
    taak = terugbelverzoek(oproep, mensen)
    poging = opvolging.leg_contact_vast(
        taak,
        medewerker=mensen["lisa"],
        by=BY,
        kanaal="telefoon",
        verslag="Geen gehoor, voicemail ingesproken.",
        gelukt=False,
        afronden=False,
    )
    assert (poging.indicatie_contact_gelukt, poging.verdere_actie_ondernomen) == (False, True)
    taak.refresh_from_db()
    assert taak.status == "te_verwerken"
    assert taak.gebeurtenissen.last().soort == "niet_bereikt"
    with pytest.raises(ValidationError, match="niet bereikt"):
        opvolging.leg_contact_vast(
            taak,
            medewerker=mensen["lisa"],
            by=BY,
            kanaal="telefoon",
            verslag="Weer niets",
            gelukt=False,
            afronden=True,
        )
    assert Klantcontact.objects.count() == 2  # the original and the one attempt


def test_only_an_assignee_may_act_and_nothing_changes_otherwise(oproep, mensen):
    taak = terugbelverzoek(oproep, mensen)
    for stap in (
        lambda: opvolging.rond_af(taak, toelichting="Klaar", medewerker=mensen["kees"], by=BY),
        lambda: opvolging.zet_door(
            taak, naar=[mensen["kcc"]], reden="x", medewerker=mensen["kees"], by=BY
        ),
        lambda: opvolging.leg_contact_vast(
            taak,
            medewerker=mensen["kees"],
            by=BY,
            kanaal="telefoon",
            verslag="x",
            gelukt=True,
            afronden=True,
        ),
    ):
        with pytest.raises(GeenBehandelaar):
            stap()
    taak.refresh_from_db()
    assert taak.status == "te_verwerken" and taak.gebeurtenissen.count() == 1
    assert Klantcontact.objects.count() == 1


def test_closing_needs_what_was_done(oproep, mensen):
    taak = terugbelverzoek(oproep, mensen)
    with pytest.raises(ValidationError, match="wat er is gedaan"):
        opvolging.rond_af(taak, toelichting="  ", medewerker=mensen["lisa"], by=BY)
    opvolging.rond_af(taak, toelichting="Per brief beantwoord", medewerker=mensen["lisa"], by=BY)
    taak.refresh_from_db()
    assert (taak.status, taak.toelichting) == ("verwerkt", "Per brief beantwoord")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_colleagues_closing_one_task_at_once_close_it_once():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL; SQLite serialises every write")
    vergunningen = actor("Vergunningen", "organisatorische_eenheid")
    leden = [actor(f"Medewerker {n}") for n in range(4)]
    for lid in leden:
        Teamlid.objects.create(team=vergunningen, medewerker=lid)
    jan = persoon("Jan", "Jansen")
    kc = Klantcontact.objects.create(
        kanaal="telefoon", onderwerp="Dakkapel", taal="nld", vertrouwelijk=False
    )
    Betrokkene.objects.create(had_klantcontact=kc, was_partij=jan, rol="klant", initiator=True)
    taak = opvolging.vraag_opvolging_aan(
        kc, gevraagde_handeling="Terugbellen", toegewezen_aan=[vergunningen], door=leden[0], by=BY
    )

    def sluit(lid: Actor) -> str:
        try:
            opvolging.rond_af(taak, toelichting=f"Door {lid.naam}", medewerker=lid, by=BY)
            return "gesloten"
        except TaakAfgesloten:
            return "al gesloten"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        uitkomsten = sorted(pool.map(sluit, leden))
    assert uitkomsten == ["al gesloten", "al gesloten", "al gesloten", "gesloten"]
    assert taak.gebeurtenissen.filter(soort="afgehandeld").count() == 1


def test_whether_a_follow_up_reached_the_customer():
    assert opvolging.contact_gelukt("telefoon", bereikt=True) is True
    assert opvolging.contact_gelukt("telefoon", bereikt=False) is False  # C7300
    assert opvolging.contact_gelukt("e-mail", bereikt=True) is None  # R5: unknown
    assert opvolging.contact_gelukt("post", bereikt=True) is None


def test_r7_the_address_the_task_asks_for_first_then_the_contacts_own(oproep, mensen):
    jan = oproep.betrokkenen.get().was_partij
    voorkeur = DigitaalAdres.objects.create(
        verstrekt_door_partij=jan, soort_digitaal_adres="email", adres="jan@example.nl"
    )
    DigitaalAdres.objects.create(
        verstrekt_door_partij=jan, soort_digitaal_adres="telefoonnummer", adres="0201112233"
    )
    jan.voorkeurs_digitaal_adres = voorkeur
    jan.save()
    bellen = terugbelverzoek(oproep, mensen)
    assert [(b.adres.adres, b.bron) for b in opvolging.bereikbaarheid(bellen)] == [
        ("0612345678", "bij_contact"),
        ("0201112233", "bekend"),
        ("jan@example.nl", "voorkeur"),
    ]
    mailen = opvolging.vraag_opvolging_aan(
        oproep,
        gevraagde_handeling="Beantwoorden per e-mail",
        toegewezen_aan=[mensen["vergunningen"]],
        door=mensen["sanne"],
        by=BY,
    )
    assert opvolging.bereikbaarheid(mailen)[0].adres.adres == "jan@example.nl"


def test_a_zaak_is_about_the_last_call_back_that_reached_the_customer(oproep, mensen):
    taak = terugbelverzoek(oproep, mensen)
    assert opvolging.laatste_vervolgcontact(taak) is None

    def bel(gelukt: bool) -> Klantcontact:
        return opvolging.leg_contact_vast(
            taak,
            medewerker=mensen["lisa"],
            by=BY,
            kanaal="telefoon",
            verslag="x",
            gelukt=gelukt,
            afronden=False,
        )

    bereikt = bel(True)
    bel(False)  # a later attempt that did not reach them
    assert opvolging.laatste_vervolgcontact(taak) == bereikt
