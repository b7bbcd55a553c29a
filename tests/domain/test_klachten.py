"""Complaint handling (Awb chapter 9), every rule and every refusal: registering from a
contact or automatically on a complaint subject, the handler who was not involved (9:7),
acknowledgement, hearing (9:10), the committee (9:15), one extension in writing (9:11),
the outcome with its letter naming the next step (9:12), referral with the dossier,
withdrawal, and reminders that follow the term."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from klantbeeld.domain.models import (
    Actor,
    InterneTaak,
    Klacht,
    Klachtgebeurtenis,
    Klantcontact,
    Partij,
    Teamlid,
)
from klantbeeld.domain.models.klachten import Horen
from klantbeeld.domain.models.klachten import Klachtgebeurtenissoort as Soort
from klantbeeld.domain.services import klachten, termijnen
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Contactaanmelding, Deelnemer, registreer_contact
from klantbeeld.domain.services.klachten import Adressering, Brief
from klantbeeld.domain.services.klachthistorie import dossier, tijdlijn
from klantbeeld.events import klachten as herinneringen
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.privacy.afschrift import als_json, als_pdf
from tests.domain.test_zoeken import persoon
from tests.support.kanalen import Testkanalen, testkanalen

pytestmark = pytest.mark.django_db
BY = ChangeContext(applicatie="test")


def mens(naam: str) -> Actor:
    return Actor.objects.create(
        naam=naam, soort_actor="medewerker", indicatie_actief=True, telefoonnummer="0201234567"
    )


@pytest.fixture
def kanalen() -> Iterator[Testkanalen]:
    with testkanalen("e-mail", met_document=False) as test:
        yield test


@pytest.fixture
def jan() -> Partij:
    return persoon("Jan", "Jansen")


@pytest.fixture
def sanne() -> Actor:
    return mens("Sanne de Vries")


@pytest.fixture
def fatima() -> Actor:
    return mens("Fatima El Amrani")


def telefoontje(
    jan: Partij, sanne: Actor, onderwerp: str = "Onvriendelijk behandeld"
) -> Klantcontact:
    aanmelding = Contactaanmelding(
        kanaal="telefoon",
        onderwerp=onderwerp,
        inhoud="Ik ben aan de balie onvriendelijk behandeld.",
        deelnemers=[Deelnemer(partij=jan)],
        actoren=[sanne],
    )
    contact = registreer_contact(aanmelding, BY).klantcontact
    assert contact is not None
    return contact


def brief(jan: Partij, soort: str = "brief") -> Brief:
    adres = Adressering("e-mail", "jan@example.nl", "Jan Jansen", Deelnemer(jan, initiator=False))
    return Brief(f"Uw klacht ({soort})", f"Beste Jan, over uw klacht ({soort}).", adres)


@pytest.fixture
def klacht(jan: Partij, sanne: Actor) -> Klacht:
    return klachten.registreer_klacht(telefoontje(jan, sanne), door=sanne, by=BY)


def soorten(klacht: Klacht) -> list[str]:
    return list(klacht.gebeurtenissen.values_list("soort", flat=True))


def test_a_complaint_from_a_phone_contact(klacht: Klacht, jan: Partij, sanne: Actor) -> None:
    vandaag = timezone.localdate()
    assert len(klacht.nummer or "") == 10 and klacht.nummer.isdigit()
    assert klacht.klager == jan and klacht.kanaal == "telefoon" and not klacht.schriftelijk
    assert klacht.ontvangen_op == vandaag
    assert klacht.termijn_einde == termijnen.atw_einde(vandaag + datetime.timedelta(weeks=6))
    assert klacht.onderwerp == "Onvriendelijk behandeld"
    assert list(klacht.betreft_klantcontacten.all()) == [klacht.ontvangen_in]
    [ontvangen] = klacht.gebeurtenissen.all()
    assert ontvangen.soort == Soort.ONTVANGEN and ontvangen.door == "Sanne de Vries"
    with pytest.raises(ValidationError, match="al klacht"):
        klachten.registreer_klacht(klacht.ontvangen_in, door=sanne, by=BY)


def test_two_clicks_at_once_make_one_complaint(
    klacht: Klacht, sanne: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second of two simultaneous requests passes the check before the first commits:
    the database refuses it, and it is told which complaint the contact already is."""
    monkeypatch.setattr(klachten, "klacht_bij", lambda contact: None)
    contact = klacht.ontvangen_in
    assert contact is not None
    with pytest.raises(IntegrityError):
        klachten.registreer_klacht(contact, door=sanne, by=BY)
    monkeypatch.undo()
    with (
        mock.patch.object(klachten, "klacht_bij", side_effect=[None, klacht]),
        pytest.raises(ValidationError, match=f"al klacht {klacht.nummer}"),
    ):
        klachten.registreer_klacht(contact, door=sanne, by=BY)
    assert Klacht.objects.filter(ontvangen_in=contact).count() == 1


def test_a_contact_on_a_complaint_subject_opens_a_complaint_on_any_channel(
    jan: Partij, sanne: Actor, settings: Any, kanalen: Testkanalen
) -> None:
    settings.KLANTBEELD_KLACHT_ONDERWERPEN = ["Klacht", "Klacht over de dienstverlening"]
    mail = Contactaanmelding(
        kanaal="e-mail",
        onderwerp="klacht over de dienstverlening",
        inhoud="Niemand belt mij terug.",
        deelnemers=[Deelnemer(partij=jan)],
        actoren=[sanne],
    )
    contact = registreer_contact(mail, BY).klantcontact
    klacht = Klacht.objects.get(ontvangen_in=contact)
    assert klacht.schriftelijk and klacht.omschrijving == "Niemand belt mij terug."
    # A question on another subject, and a letter to the customer about a complaint, are not.
    telefoontje(jan, sanne, onderwerp="Afvalkalender")
    klachten.bevestig_ontvangst(
        klacht,
        Brief("Klacht", "Ontvangen.", brief(jan).adressering),
        door=sanne,
        by=BY,
        register=None,
    )
    assert Klacht.objects.count() == 1


def test_whoever_the_complaint_is_about_does_not_handle_it(
    klacht: Klacht, sanne: Actor, fatima: Actor
) -> None:
    kees = mens("Kees Bakker")
    balie = Actor.objects.create(
        naam="Balie", soort_actor="organisatorische_eenheid", indicatie_actief=True
    )
    Teamlid.objects.create(team=balie, medewerker=kees)
    klachten.zet_betreft(klacht, [balie], door=sanne, by=BY)
    with pytest.raises(ValidationError, match="9:7"):
        klachten.wijs_toe(klacht, kees, door=sanne, by=BY)
    klacht.refresh_from_db()
    assert klacht.behandelaar is None and klacht.status == "ontvangen"
    klachten.wijs_toe(klacht, fatima, door=sanne, by=BY)
    assert klacht.status == "in_behandeling" and klacht.behandelaar == fatima
    with pytest.raises(ValidationError, match="9:7"):
        klachten.zet_betreft(klacht, [fatima], door=sanne, by=BY)
    assert soorten(klacht) == [Soort.ONTVANGEN, Soort.NOTITIE, Soort.TOEGEWEZEN]


def test_acknowledgement_is_a_letter_sent_once(
    klacht: Klacht, jan: Partij, sanne: Actor, kanalen: Testkanalen
) -> None:
    klachten.bevestig_ontvangst(klacht, brief(jan), door=sanne, by=BY, register=None)
    [bericht] = kanalen.opgesteld
    assert bericht.adres == "jan@example.nl" and bericht.onderwerp == "Uw klacht (brief)"
    bevestigd = klacht.gebeurtenissen.get(soort=Soort.BEVESTIGD)
    assert bevestigd.klantcontact is not None
    # R9: an outbound contact following up the one the complaint came in.
    assert bevestigd.klantcontact.onderwerpobjecten.get().was_klantcontact == klacht.ontvangen_in
    assert not bevestigd.klantcontact.betrokkenen.get().initiator
    with pytest.raises(ValidationError, match="al bevestigd"):
        klachten.bevestig_ontvangst(klacht, brief(jan), door=sanne, by=BY, register=None)
    assert len(kanalen.opgesteld) == 1


def test_hearing_or_the_reason_to_waive_it(klacht: Klacht, sanne: Actor) -> None:
    vandaag = timezone.localdate()
    with pytest.raises(ValidationError, match="besproken"):
        klachten.hoor(klacht, gehoord_op=vandaag, verslag=" ", door=sanne, by=BY)
    morgen = vandaag + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="tussen de ontvangst"):
        klachten.hoor(klacht, gehoord_op=morgen, verslag="Gesprek", door=sanne, by=BY)
    with pytest.raises(ValidationError, match="9:10"):
        klachten.zie_af_van_horen(klacht, reden="", door=sanne, by=BY)
    klachten.zie_af_van_horen(klacht, reden="Klager wil niet gehoord worden.", door=sanne, by=BY)
    assert klacht.horen == Horen.AFGEZIEN
    klachten.hoor(klacht, gehoord_op=vandaag, verslag="Telefonisch gehoord.", door=sanne, by=BY)
    klacht.refresh_from_db()
    assert (klacht.horen, klacht.gehoord_op, klacht.afzien_horen_reden) == ("gehoord", vandaag, "")


def test_the_committee_gives_ten_weeks(klacht: Klacht, sanne: Actor) -> None:
    klachten.leg_voor_aan_commissie(klacht, toelichting="Ernstige klacht.", door=sanne, by=BY)
    klacht.refresh_from_db()
    assert klacht.commissie
    assert klacht.termijn_einde == termijnen.weken_later(klacht.ontvangen_op, 10)
    assert klacht.gebeurtenissen.get(soort=Soort.COMMISSIE).toelichting.startswith(
        "Ernstige klacht. Beslissen uiterlijk"
    )
    with pytest.raises(ValidationError, match="al aan de klachtencommissie"):
        klachten.leg_voor_aan_commissie(klacht, toelichting="", door=sanne, by=BY)


def test_one_extension_of_at_most_four_weeks_in_writing(
    klacht: Klacht, jan: Partij, sanne: Actor, kanalen: Testkanalen
) -> None:
    def verdaag(weken: int, reden: str = "Wij wachten op de verklaring van de balie.") -> None:
        klachten.verdaag(
            klacht, weken=weken, reden=reden, brief=brief(jan), door=sanne, by=BY, register=None
        )

    oud = klacht.termijn_einde
    with pytest.raises(ValidationError, match="ten hoogste 4 weken"):
        verdaag(5)
    with pytest.raises(ValidationError, match="ten hoogste 4 weken"):
        verdaag(0)
    with pytest.raises(ValidationError, match="reden"):
        verdaag(4, reden=" ")
    assert kanalen.opgesteld == []
    verdaag(4)
    klacht.refresh_from_db()
    assert klacht.termijn_einde == termijnen.weken_later(klacht.ontvangen_op, 10)
    assert klacht.verdaagd_op == timezone.localdate() and klacht.verdaging_weken == 4
    [bericht] = kanalen.opgesteld
    assert "Wij wachten op de verklaring van de balie." in bericht.tekst
    assert klachten._datum(klacht.termijn_einde) in bericht.tekst
    assert klachten._datum(oud) in bericht.tekst
    assert klacht.gebeurtenissen.get(soort=Soort.VERDAAGD).klantcontact is not None
    with pytest.raises(ValidationError, match="maar één keer"):
        verdaag(1)
    klacht.refresh_from_db()
    assert klacht.verdaging_weken == 4 and len(kanalen.opgesteld) == 1


def test_no_extension_after_the_term_ended(klacht: Klacht, jan: Partij, sanne: Actor) -> None:
    Klacht.objects.filter(pk=klacht.pk).update(
        termijn_einde=timezone.localdate() - datetime.timedelta(days=1)
    )
    klacht.refresh_from_db()
    with pytest.raises(ValidationError, match="verstreken"):
        klachten.verdaag(
            klacht, weken=2, reden="Te laat", brief=brief(jan), door=sanne, by=BY, register=None
        )


def test_the_decision_needs_a_handler_a_hearing_and_reasons_and_names_the_next_step(
    klacht: Klacht, jan: Partij, sanne: Actor, fatima: Actor, kanalen: Testkanalen, settings: Any
) -> None:
    settings.KLANTBEELD_KLACHT_VERVOLGINSTANTIE = "commissie"
    settings.KLANTBEELD_KLACHT_VERVOLGINSTANTIE_GEGEVENS = "Klachtencommissie, Postbus 1"

    def beslis(uitkomst: str = "gegrond", motivering: str = "De medewerker was kortaf.") -> None:
        klachten.beslis(
            klacht,
            uitkomst=uitkomst,
            motivering=motivering,
            maatregelen="Besproken in het teamoverleg.",
            brief=brief(jan, "besluit"),
            door=fatima,
            by=BY,
            register=None,
        )

    with pytest.raises(ValidationError, match="behandelaar"):
        beslis()
    klachten.wijs_toe(klacht, fatima, door=sanne, by=BY)
    with pytest.raises(ValidationError, match="9:10"):
        beslis()
    klachten.hoor(klacht, gehoord_op=timezone.localdate(), verslag="Gehoord.", door=fatima, by=BY)
    with pytest.raises(ValidationError, match="9:12"):
        beslis(motivering="")
    with pytest.raises(ValidationError, match="uitkomst"):
        beslis(uitkomst="prima")
    beslis()
    klacht.refresh_from_db()
    assert (klacht.status, klacht.uitkomst, klacht.vervolginstantie) == (
        "afgehandeld",
        "gegrond",
        "commissie",
    )
    assert klacht.besloten_op == timezone.localdate()
    assert klacht.besloten_op <= klacht.termijn_einde  # a term met, as the dashboards count
    [bericht] = kanalen.opgesteld
    assert bericht.tekst.endswith(
        "Dan kunt u uw klacht voorleggen aan de Onafhankelijke klachtencommissie: "
        "Klachtencommissie, Postbus 1."
    )
    for actie in (
        lambda: klachten.trek_in(klacht, reden="Toch niet", door=sanne, by=BY),
        lambda: klachten.zie_af_van_horen(klacht, reden="x", door=sanne, by=BY),
        lambda: beslis(),
    ):
        with pytest.raises(ValidationError, match="afgehandeld"):
            actie()


def test_settled_informally_needs_no_hearing_and_has_no_next_step(
    klacht: Klacht, jan: Partij, fatima: Actor, kanalen: Testkanalen
) -> None:
    klachten.wijs_toe(klacht, fatima, door=fatima, by=BY)
    klachten.beslis(
        klacht,
        uitkomst="informeel",
        motivering="Excuses aangeboden; klager is tevreden (Awb 9:5).",
        brief=brief(jan),
        door=fatima,
        by=BY,
        register=None,
    )
    assert klacht.vervolginstantie == ""
    assert "voorleggen" not in kanalen.opgesteld[0].tekst
    with pytest.raises(ValidationError, match="volgende stap"):
        klachten.verwijs_door(klacht, toelichting="", door=fatima, by=BY)


def test_referral_with_the_dossier(
    klacht: Klacht, jan: Partij, fatima: Actor, kanalen: Testkanalen
) -> None:
    with pytest.raises(ValidationError, match="pas als"):
        klachten.verwijs_door(klacht, toelichting="", door=fatima, by=BY)
    klachten.wijs_toe(klacht, fatima, door=fatima, by=BY)
    klachten.zie_af_van_horen(klacht, reden="Kennelijk ongegrond.", door=fatima, by=BY)
    klachten.beslis(
        klacht,
        uitkomst="ongegrond",
        motivering="Uit de camerabeelden blijkt geen onheuse bejegening.",
        brief=brief(jan),
        door=fatima,
        by=BY,
        register=None,
    )
    klachten.verwijs_door(klacht, toelichting="Klager stapt naar de ombudsman.", door=fatima, by=BY)
    assert klacht.doorverwezen_op == timezone.localdate()
    assert klacht.vervolginstantie == "ombudsman"
    with pytest.raises(ValidationError, match="al doorverwezen"):
        klachten.verwijs_door(klacht, toelichting="", door=fatima, by=BY)

    stukken = dossier(klacht)
    gelezen = json.loads(als_json(stukken))
    [gegevens] = gelezen["secties"][0]["items"]
    assert gegevens["nummer"] == klacht.nummer and gegevens["uitkomst"] == "Ongegrond"
    verloop = [item["wat"] for item in gelezen["secties"][1]["items"]]
    assert verloop == [
        "Ontvangen",
        "Behandelaar toegewezen",
        "Afgezien van horen",
        "Besloten",
        "Doorverwezen",
    ]
    assert als_pdf(stukken).startswith(b"%PDF")


def test_withdrawal(klacht: Klacht, sanne: Actor) -> None:
    with pytest.raises(ValidationError, match="introk"):
        klachten.trek_in(klacht, reden="", door=sanne, by=BY)
    klachten.trek_in(klacht, reden="Klager belde: opgelost.", door=sanne, by=BY)
    assert klacht.status == "ingetrokken"
    assert soorten(klacht)[-1] == Soort.INGETROKKEN


def test_the_timeline_holds_contacts_tasks_and_events(
    klacht: Klacht, jan: Partij, sanne: Actor
) -> None:
    eerder = telefoontje(jan, sanne, onderwerp="Vraag over de balie")
    taak = InterneTaak.objects.create(
        aanleidinggevend_klantcontact=eerder, gevraagde_handeling="Terugbellen"
    )
    klacht.betreft_klantcontacten.add(eerder)
    klacht.betreft_interne_taken.add(taak)
    regels = tijdlijn(klacht)
    assert [r.gebeurtenis.soort for r in regels if r.gebeurtenis] == [Soort.ONTVANGEN]
    # The contact the complaint came in is the event; the other contact and the task too.
    assert [r.klantcontact for r in regels if r.klantcontact] == [eerder]
    assert [r.taak for r in regels if r.taak] == [taak]


def pending() -> list[OutboxMessage]:
    return list(
        OutboxMessage.objects.filter(
            destination=herinneringen.DESTINATION, status=OutboxStatus.PENDING
        ).order_by("next_attempt_at")
    )


def test_reminders_follow_the_term_and_run_once(
    klacht: Klacht, jan: Partij, fatima: Actor, kanalen: Testkanalen, settings: Any
) -> None:
    settings.KLANTBEELD_KLACHT_HERINNERINGEN = [5, 1]
    # Planned again on every change: the registration's reminders, planned on create.
    klachten.wijs_toe(klacht, fatima, door=fatima, by=BY)
    vijf, een = pending()
    assert [vijf.payload["werkdagen"], een.payload["werkdagen"]] == [5, 1]
    assert timezone.localtime(een.next_attempt_at).date() == termijnen.werkdagen_eerder(
        klacht.termijn_einde, 1
    )
    assert vijf.payload["termijn_einde"] == klacht.termijn_einde.isoformat()

    klachten.verdaag(
        klacht, weken=2, reden="Drukte.", brief=brief(jan), door=fatima, by=BY, register=None
    )
    nieuw = pending()
    assert len(nieuw) == 2 and {m.pk for m in nieuw}.isdisjoint({vijf.pk, een.pk})
    assert {m.payload["termijn_einde"] for m in nieuw} == {klacht.termijn_einde.isoformat()}

    # A reminder for the old term does nothing; the new one tells the handler once.
    herinneringen.voer_uit(vijf, None)  # type: ignore[arg-type]
    assert not klacht.gebeurtenissen.filter(soort=Soort.HERINNERING).exists()
    herinneringen.voer_uit(nieuw[0], None)  # type: ignore[arg-type]
    herinneringen.voer_uit(nieuw[0], None)  # type: ignore[arg-type]
    [herinnering] = klacht.gebeurtenissen.filter(soort=Soort.HERINNERING)
    assert herinnering.door == "Klachtbewaking"
    [taak] = InterneTaak.objects.filter(toegewezen_aan_actoren=fatima)
    assert taak.uiterlijk_op == klacht.termijn_einde
    assert taak.gevraagde_handeling == f"Beslis over klacht {klacht.nummer}"

    # Decided: no reminders left, and a late job changes nothing.
    klachten.zie_af_van_horen(klacht, reden="Niet nodig.", door=fatima, by=BY)
    klachten.beslis(
        klacht,
        uitkomst="ongegrond",
        motivering="Zo.",
        brief=brief(jan),
        door=fatima,
        by=BY,
        register=None,
    )
    assert pending() == []
    herinneringen.voer_uit(nieuw[1], None)  # type: ignore[arg-type]
    assert Klachtgebeurtenis.objects.filter(soort=Soort.HERINNERING).count() == 1


def test_working_days_left(klacht: Klacht) -> None:
    vandaag = timezone.localdate()
    assert klachten.werkdagen_over(klacht, vandaag) == termijnen.werkdagen_tussen(
        vandaag, klacht.termijn_einde
    )
    assert klachten.werkdagen_over(klacht, klacht.termijn_einde) == 0
