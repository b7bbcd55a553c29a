"""A resident's own contact data (portal *Mijn gegevens*): planned address changes applied
by the worker on their date (C1923), a channel per topic used by the follow-up (C1924,
R7), and e-mail addresses verified by a signed, expiring, single-use link."""

from __future__ import annotations

import datetime

import httpx
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from klantbeeld.domain.models import (
    AuditTrail,
    Betrokkene,
    DigitaalAdres,
    GeplandeAdreswijziging,
    InterneTaak,
    Klantcontact,
    Onderwerpvoorkeur,
    Partij,
)
from klantbeeld.domain.services import (
    adreswijzigingen,
    eigen_gegevens,
    onderwerpvoorkeuren,
    opvolging,
)
from klantbeeld.domain.services.digitale_adressen import (
    delete_digitaal_adres,
    update_digitaal_adres,
)
from klantbeeld.events.adreswijzigingen import DESTINATION
from klantbeeld.events.models import OutboxMessage, OutboxStatus
from klantbeeld.events.worker import deliver_next
from tests.domain.test_opvolging import BY, actor
from tests.domain.test_zoeken import persoon
from tests.support.kanalen import testkanalen

pytestmark = pytest.mark.django_db
NIEUW = {"straatnaam": "Dorpsstraat", "huisnummer": 12, "postcode": "1234 AB", "stad": "Ons Dorp"}


def oud_adres() -> dict[str, object]:
    return {
        f"{soort}_{deel}": waarde
        for soort in ("bezoekadres", "correspondentieadres")
        for deel, waarde in (
            ("straatnaam", "Kerkweg"),
            ("huisnummer", 1),
            ("postcode", "9999 ZZ"),
            ("stad", "Oudstad"),
        )
    }


def verhuizer() -> Partij:
    return persoon("Fatima", "El Amrani", **oud_adres())


# -- C1923: planned address changes ---------------------------------------------------------


def test_c1923_a_move_is_kept_apart_and_applied_by_the_worker_on_its_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fatima = verhuizer()
    vandaag = timezone.localdate()
    over_een_week = vandaag + datetime.timedelta(days=7)
    post_eerder = adreswijzigingen.plan_adreswijziging(
        fatima,
        soort="correspondentieadres",
        omschrijving="Postadres tijdens verbouwing",
        geldig_vanaf=vandaag + datetime.timedelta(days=3),
        adres={"straatnaam": "Postbus", "huisnummer": 5, "postcode": "1111 AA", "stad": "Stad"},
        by=BY,
    )
    woning = adreswijzigingen.plan_adreswijziging(
        fatima,
        soort="beide",
        omschrijving="Nieuwe woning",
        geldig_vanaf=over_een_week,
        adres=NIEUW,
        by=BY,
    )
    assert adreswijzigingen.geplande_van(fatima) == [post_eerder, woning]
    # Kept by Klantbeeld, the partij unchanged: before the date the old address holds.
    fatima.refresh_from_db()
    assert fatima.bezoekadres_straatnaam == "Kerkweg"
    # A job for the worker at the start of each change's day.
    jobs = OutboxMessage.objects.filter(destination=DESTINATION).order_by("next_attempt_at")
    assert [timezone.localtime(j.next_attempt_at).date() for j in jobs] == [
        vandaag + datetime.timedelta(days=3),
        over_een_week,
    ]
    assert all(timezone.localtime(j.next_attempt_at).time() == datetime.time(0) for j in jobs)
    with httpx.Client() as client:
        assert not deliver_next(client)  # nothing due yet

    # On the date the worker applies both, oldest date first, through the partij service.
    OutboxMessage.objects.filter(destination=DESTINATION).update(next_attempt_at=timezone.now())
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: over_een_week)
    with httpx.Client() as client:
        while deliver_next(client):
            pass
    monkeypatch.undo()
    assert set(
        OutboxMessage.objects.filter(destination=DESTINATION).values_list("status", flat=True)
    ) == {OutboxStatus.DELIVERED}
    fatima.refresh_from_db()
    assert (fatima.bezoekadres_straatnaam, fatima.bezoekadres_huisnummer) == ("Dorpsstraat", 12)
    assert (fatima.correspondentieadres_postcode, fatima.correspondentieadres_stad) == (
        "1234 AB",
        "Ons Dorp",
    )
    assert adreswijzigingen.geplande_van(fatima) == []
    # Audited as a change of the partij by the job, and published on channel partijen.
    wijzigingen = AuditTrail.objects.filter(
        resource="partij", resource_uuid=fatima.pk, actie="update"
    )
    assert wijzigingen.count() == 2
    assert {w.applicatie for w in wijzigingen} == {"Klantbeeld geplande adreswijzigingen"}


def test_c1923_only_what_is_due_is_applied_and_a_late_job_catches_up() -> None:
    fatima = verhuizer()
    vandaag = timezone.localdate()
    morgen = adreswijzigingen.plan_adreswijziging(
        fatima,
        soort="bezoekadres",
        omschrijving="Nieuwe woning",
        geldig_vanaf=vandaag + datetime.timedelta(days=1),
        adres=NIEUW,
        by=BY,
    )
    assert adreswijzigingen.pas_toe_wat_geldt(BY, vandaag=vandaag) == 0
    fatima.refresh_from_db()
    assert fatima.bezoekadres_straatnaam == "Kerkweg"
    # The worker was down for days: the next run applies it.
    assert adreswijzigingen.pas_toe_wat_geldt(BY, vandaag=vandaag + datetime.timedelta(days=4)) == 1
    fatima.refresh_from_db()
    morgen.refresh_from_db()
    assert fatima.bezoekadres_straatnaam == "Dorpsstraat"
    assert fatima.correspondentieadres_straatnaam == "Kerkweg"  # only the bezoekadres
    assert morgen.toegepast_op is not None
    with pytest.raises(ValidationError):
        adreswijzigingen.trek_in(morgen, BY)


def test_c1923_a_withdrawn_move_is_never_applied_and_bad_input_is_refused() -> None:
    fatima = verhuizer()
    vandaag = timezone.localdate()
    wijziging = adreswijzigingen.plan_adreswijziging(
        fatima, soort="beide", omschrijving="Nieuw", geldig_vanaf=vandaag, adres=NIEUW, by=BY
    )
    adreswijzigingen.trek_in(wijziging, BY)
    assert adreswijzigingen.pas_toe_wat_geldt(BY) == 0
    assert AuditTrail.objects.filter(resource_uuid=wijziging.pk, actie="destroy").exists()
    with pytest.raises(ValidationError) as fout:
        adreswijzigingen.plan_adreswijziging(
            fatima,
            soort="beide",
            omschrijving="Vroeger",
            geldig_vanaf=vandaag - datetime.timedelta(days=1),
            adres={"straatnaam": "Dorpsstraat", "postcode": "12345"},
            by=BY,
        )
    assert {"geldig_vanaf", "adres_postcode", "adres_huisnummer", "adres_stad"} <= set(
        fout.value.message_dict
    )
    assert GeplandeAdreswijziging.objects.count() == 0


# -- C1924 / R7: a channel per topic --------------------------------------------------------


@pytest.fixture
def onderwerpen(settings) -> None:
    settings.KLANTBEELD_MIJN_ONDERWERPEN = (
        "Belastingen=belasting|aanslag|https://catalogi.example/zaaktypen/woz;"
        "Vergunningen=vergunning|dakkapel"
    )


def _klant_met_adressen() -> tuple[Partij, DigitaalAdres, DigitaalAdres]:
    jan = persoon("Jan", "Jansen", **oud_adres())
    thuis = eigen_gegevens.voeg_adres_toe(jan, soort="email", adres="jan@thuis.example", by=BY)
    werk = eigen_gegevens.voeg_adres_toe(jan, soort="email", adres="jan@werk.example", by=BY)
    for adres in (thuis, werk):
        eigen_gegevens.verifieer(eigen_gegevens.vraag_verificatie(adres), jan, BY)
        adres.refresh_from_db()
    eigen_gegevens.kies_voorkeursadres(jan, thuis, BY)
    return jan, thuis, werk


def _taak(
    partij: Partij, onderwerp: str, handeling: str = "Beantwoorden", **kc: str
) -> InterneTaak:
    contact = Klantcontact.objects.create(
        kanaal="balie",
        onderwerp=onderwerp,
        taal="nld",
        vertrouwelijk=False,
        indicatie_contact_gelukt=True,
        **kc,
    )
    Betrokkene.objects.create(
        had_klantcontact=contact, was_partij=partij, rol="klant", initiator=True
    )
    return opvolging.vraag_opvolging_aan(
        contact,
        gevraagde_handeling=handeling,
        toegewezen_aan=[actor("Team Vergunningen", "organisatorische_eenheid")],
        door=actor("Sanne de Vries"),
        by=BY,
    )


def test_c1924_a_follow_up_uses_the_address_chosen_for_its_topic(onderwerpen) -> None:
    from klantbeeld.workspace import antwoorden

    jan, thuis, werk = _klant_met_adressen()
    vergunningen = onderwerpvoorkeuren.onderwerp_met("vergunningen")
    assert vergunningen is not None
    onderwerpvoorkeuren.zet_voorkeur(jan, vergunningen, kanaal="e-mail", digitaal_adres=werk, by=BY)

    # Contact about a permit: the topic's address comes before the partij's default.
    taak = _taak(jan, "Vraag over een dakkapel")
    rij = opvolging.bereikbaarheid(taak)
    assert [(b.adres, b.bron) for b in rij] == [
        (werk, opvolging.Bron.ONDERWERP),
        (thuis, opvolging.Bron.VOORKEUR),
    ]
    with testkanalen("e-mail", "post", met_document=False):
        assert antwoorden.bestemmingen(taak)[0].adres == "jan@werk.example"
    # The default is unchanged (C1924: a topic never overwrites it).
    jan.refresh_from_db()
    assert jan.voorkeurs_digitaal_adres_id == thuis.pk

    # Contact Y about something else: the partij's preferred e-mail.
    anders = _taak(jan, "Paspoort verloren")
    assert opvolging.onderwerpkeuze(anders) is None
    assert opvolging.bereikbaarheid(anders)[0].adres == thuis

    # Contact X with a number left for it: that comes first, then the topic (C1924).
    taak_x = _taak(jan, "Vergunning schutting")
    betrokkene = taak_x.aanleidinggevend_klantcontact.betrokkenen.get()
    eigen = DigitaalAdres.objects.create(
        verstrekt_door_betrokkene=betrokkene,
        soort_digitaal_adres="email",
        adres="x@tijdelijk.example",
    )
    assert [b.bron for b in opvolging.bereikbaarheid(taak_x)][:2] == [
        opvolging.Bron.BIJ_CONTACT,
        opvolging.Bron.ONDERWERP,
    ]
    assert opvolging.bereikbaarheid(taak_x)[0].adres == eigen

    # The channel the task names still comes first of all (R7).
    bellen = _taak(jan, "Vergunning dakkapel", handeling="Terugbellen")
    telefoon = eigen_gegevens.voeg_adres_toe(jan, soort="telefoonnummer", adres="0612345678", by=BY)
    assert opvolging.bereikbaarheid(bellen)[0].adres == telefoon


def test_c1924_belastingen_per_post_sends_the_answer_as_a_letter(onderwerpen) -> None:
    from klantbeeld.workspace import antwoorden, taken

    jan, _, _ = _klant_met_adressen()
    belastingen = onderwerpvoorkeuren.onderwerp_met("belastingen")
    assert belastingen is not None
    onderwerpvoorkeuren.zet_voorkeur(jan, belastingen, kanaal="post", digitaal_adres=None, by=BY)
    # Known by the zaaktype too: the contact's hoofdOnderwerpType (R10).
    taak = _taak(jan, "Bezwaar", hoofd_onderwerp_type="https://catalogi.example/zaaktypen/woz")
    keuze = opvolging.onderwerpkeuze(taak)
    assert keuze is not None and keuze.onderwerp.naam == "Belastingen"
    with testkanalen("e-mail", "post", met_document=False):
        eerste = antwoorden.bestemmingen(taak)[0]
    assert (eerste.kanaal, eerste.adres) == ("post", "Kerkweg 1\n9999 ZZ Oudstad")
    # The workspace shows it in R7's order.
    [post, *_] = taken.contactgegevens(taak)
    assert post.adres == "Kerkweg 1, 9999 ZZ Oudstad" and "Belastingen" in post.bron
    # And by the word in the contact's onderwerp.
    assert opvolging.onderwerpkeuze(_taak(jan, "Aanslag afvalstoffenheffing")) is not None


def test_c1924_a_topic_names_only_a_verified_address_of_her_own(onderwerpen) -> None:
    jan, thuis, _ = _klant_met_adressen()
    piet = persoon("Piet", "Peters")
    van_piet = eigen_gegevens.voeg_adres_toe(piet, soort="email", adres="piet@example.org", by=BY)
    nieuw = eigen_gegevens.voeg_adres_toe(jan, soort="email", adres="jan@nieuw.example", by=BY)
    vergunningen = onderwerpvoorkeuren.onderwerp_met("vergunningen")
    assert vergunningen is not None
    for adres in (van_piet, nieuw):
        with pytest.raises(ValidationError):
            onderwerpvoorkeuren.zet_voorkeur(
                jan, vergunningen, kanaal="e-mail", digitaal_adres=adres, by=BY
            )
    voorkeur = onderwerpvoorkeuren.zet_voorkeur(
        jan, vergunningen, kanaal="e-mail", digitaal_adres=thuis, by=BY
    )
    # Removing the address ends the preference for it, on the audit trail.
    delete_digitaal_adres(thuis, BY)
    assert not Onderwerpvoorkeur.objects.exists()
    assert AuditTrail.objects.filter(resource_uuid=voorkeur.pk, actie="destroy").exists()


# -- verifying an e-mail address ------------------------------------------------------------


def test_an_email_address_becomes_preferred_only_after_its_link_is_used() -> None:
    jan = persoon("Jan", "Jansen")
    adres = eigen_gegevens.voeg_adres_toe(jan, soort="email", adres="Jan@Example.org", by=BY)
    with pytest.raises(ValidationError):
        eigen_gegevens.kies_voorkeursadres(jan, adres, BY)
    with pytest.raises(ValidationError):
        eigen_gegevens.voeg_adres_toe(jan, soort="email", adres="jan@example.org", by=BY)
    sleutel = eigen_gegevens.vraag_verificatie(adres)
    eigen_gegevens.verifieer(sleutel, jan, BY)
    adres.refresh_from_db()
    assert adres.verificatie_datum == timezone.localdate()
    eigen_gegevens.kies_voorkeursadres(jan, adres, BY)
    jan.refresh_from_db()
    assert jan.voorkeurs_digitaal_adres_id == adres.pk
    # Single use.
    with pytest.raises(eigen_gegevens.OngeldigeVerificatie) as fout:
        eigen_gegevens.verifieer(sleutel, jan, BY)
    assert fout.value.reden == "gebruikt"


def test_a_link_is_refused_forged_foreign_expired_or_for_a_changed_address(settings) -> None:
    jan, piet = persoon("Jan", "Jansen"), persoon("Piet", "Peters")
    adres = eigen_gegevens.voeg_adres_toe(jan, soort="email", adres="jan@example.org", by=BY)
    sleutel = eigen_gegevens.vraag_verificatie(adres)

    def reden(sleutel: str, partij: Partij | None) -> str:
        with pytest.raises(eigen_gegevens.OngeldigeVerificatie) as fout:
            eigen_gegevens.verifieer(sleutel, partij, BY)
        return fout.value.reden

    assert reden(sleutel, piet) == "onbekend"  # someone else's link
    assert reden(sleutel, None) == "onbekend"
    assert reden(sleutel[:-2] + "xx", jan) == "onbekend"  # forged signature
    from django.core import signing

    namaak = signing.dumps({"v": 999}, salt="iets anders")
    assert reden(namaak, jan) == "onbekend"
    # Refusing Piet did not spend Jan's link.
    eigen_gegevens.verifieer(sleutel, jan, BY)
    update_digitaal_adres(adres, {"verificatie_datum": None}, BY)
    # Expired.
    settings.KLANTBEELD_MIJN_VERIFICATIE_UREN = 1
    verlopen = eigen_gegevens.vraag_verificatie(adres)
    adres.verificaties.update(aangemaakt_op=timezone.now() - datetime.timedelta(hours=2))
    assert reden(verlopen, jan) == "verlopen"
    # The address changed after the link was sent.
    later = eigen_gegevens.vraag_verificatie(adres)
    update_digitaal_adres(adres, {"adres": "ander@example.org"}, BY)
    assert reden(later, jan) == "veranderd"
    adres.refresh_from_db()
    assert adres.verificatie_datum is None
