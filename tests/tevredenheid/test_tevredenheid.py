"""The rules of satisfaction surveys (docs/tevredenheid.md): who is invited after a contact
and how, and what an answer writes. The worker runs the job each registered contact queues,
as in production."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.utils import timezone

from klantbeeld.domain.models import InterneTaak, Klantcontact
from klantbeeld.domain.models.tevredenheid import Uitnodiging, Vragenlijst, Waardering
from klantbeeld.domain.services import tevredenheid
from klantbeeld.domain.services.intake import Contactadres, Deelnemer, Opvolging
from klantbeeld.domain.services.tevredenheid import Antwoordfout
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.events.models import OutboxMessage
from klantbeeld.portal import uitnodigen
from tests.domain.test_opvolging import BY, actor
from tests.integrations.conftest import drain
from tests.support.kanalen import Testkanalen, testkanalen
from tests.tevredenheid.steun import MAIL, contact, klant, team_met_medewerker, vragenlijst

pytestmark = pytest.mark.django_db


@pytest.fixture
def kanalen(settings) -> Iterator[Testkanalen]:
    settings.KLANTBEELD_BASE_URL = "https://mijn.gemeente.example.nl"
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    with testkanalen("e-mail", "sms", met_document=False) as test:
        yield test


@pytest.fixture
def team():
    return team_met_medewerker()


def uitnodiging_van(klantcontact: Klantcontact) -> Uitnodiging | None:
    drain()
    return Uitnodiging.objects.filter(klantcontact=klantcontact).first()


def geheim_uit(tekst: str) -> str:
    return tekst.split("/mijn/waardering/")[1].split("/")[0]


def test_a_phone_contact_is_invited_by_mail_with_a_link_that_answers_it(kanalen, team):
    eenheid, sanne = team
    lijst = vragenlijst()
    klantcontact = contact(klant(), sanne)
    uitnodiging = uitnodiging_van(klantcontact)
    assert uitnodiging is not None
    assert (uitnodiging.uitgevraagd_via, uitnodiging.kanaal, uitnodiging.team) == (
        "email",
        "telefoon",
        eenheid,
    )
    [mail] = kanalen.opgesteld
    assert mail.adres == MAIL and mail.automatisch
    assert lijst.vraag in mail.tekst
    # Nothing of the contact in the mail (a mailbox may be shared), and the notice is no
    # klantcontact of its own.
    assert "oud papier" not in mail.tekst and "Afvalkalender" not in mail.tekst
    assert Klantcontact.objects.count() == 1
    geheim = geheim_uit(mail.tekst)
    # Only the hash of the secret is kept.
    assert geheim not in uitnodiging.sleutel and len(uitnodiging.sleutel) == 64
    assert tevredenheid.uitnodiging_bij_sleutel(geheim) == uitnodiging

    waardering = tevredenheid.beantwoord(uitnodiging, 4, "Snel geholpen.")
    assert (waardering.meting, waardering.score, waardering.kanaal) == ("csat", 4, "telefoon")
    assert (waardering.onderwerp, waardering.team, waardering.uitgevraagd_via) == (
        "Afvalkalender",
        eenheid,
        "email",
    )
    assert waardering.datum == timezone.localdate()
    assert waardering.toelichting == "Snel geholpen."
    uitnodiging.refresh_from_db()
    assert uitnodiging.beantwoord_op is not None


def test_the_job_is_queued_in_the_contacts_transaction_only_while_a_survey_is_active(team):
    _, sanne = team
    contact(klant(), sanne)
    assert not OutboxMessage.objects.filter(destination=uitnodigen.BESTEMMING).exists()
    vragenlijst(actief=False)
    contact(klant(), sanne)
    assert not OutboxMessage.objects.filter(destination=uitnodigen.BESTEMMING).exists()
    vragenlijst("Actief")
    contact(klant(), sanne)
    assert OutboxMessage.objects.filter(destination=uitnodigen.BESTEMMING).count() == 1


def test_a_phone_contact_with_a_mobile_number_is_invited_by_sms(kanalen, team):
    _, sanne = team
    vragenlijst()
    klantcontact = contact(klant("06-12345678"), sanne)
    uitnodiging = uitnodiging_van(klantcontact)
    assert uitnodiging is not None and uitnodiging.uitgevraagd_via == "sms"
    [sms] = kanalen.opgesteld
    assert sms.kanaal == "sms" and sms.adres == "06-12345678"
    assert "/mijn/waardering/" in sms.tekst and len(sms.tekst) <= 160


def test_a_landline_number_is_no_sms_address_so_the_mail_left_for_the_contact_is_used(
    kanalen, team
):
    _, sanne = team
    vragenlijst()
    klantcontact = contact(
        klant("020-1234567"), sanne, adressen=(Contactadres("email", "ander@example.org"),)
    )
    uitnodiging = uitnodiging_van(klantcontact)
    assert uitnodiging is not None and uitnodiging.uitgevraagd_via == "email"
    assert [b.adres for b in kanalen.opgesteld] == ["ander@example.org"]


def test_an_email_contact_gets_a_mail_link_and_a_portal_contact_a_portal_prompt(kanalen, team):
    _, sanne = team
    vragenlijst(kanalen=[])
    per_mail = uitnodiging_van(contact(klant(), sanne, kanaal="e-mail"))
    in_portaal = uitnodiging_van(contact(klant(), sanne, kanaal="mijngemeente"))
    assert per_mail is not None and per_mail.uitgevraagd_via == "email"
    assert in_portaal is not None and in_portaal.uitgevraagd_via == "portaal"
    assert len(kanalen.opgesteld) == 1  # the prompt is shown, not sent
    assert tevredenheid.open_uitnodigingen(in_portaal.partij) == [in_portaal]


def test_only_the_survey_for_the_channel_and_subject_invites(kanalen, team):
    _, sanne = team
    vragenlijst("Alleen balie", kanalen=["balie"])
    vragenlijst("Alleen paspoort", kanalen=[], onderwerpen=["Paspoort"], volgorde=1)
    assert uitnodiging_van(contact(klant(), sanne, onderwerp="Afvalkalender")) is None
    raak = uitnodiging_van(contact(klant(), sanne, onderwerp="paspoort"))
    assert raak is not None and raak.vragenlijst.naam == "Alleen paspoort"


def test_no_invitation_for_outbound_failed_automated_anonymous_or_chat_contacts(kanalen, team):
    _, sanne = team
    vragenlijst(kanalen=[], rust_dagen=0)
    partij = klant()
    # Outbound: a message we sent (the betrokkene did not take the initiative).
    verzending = verstuur(
        Bericht(kanaal="e-mail", adres=MAIL, onderwerp="Uw aanvraag", tekst="Ontvangen."),
        ontvanger=Deelnemer(partij=partij, initiator=False),
        actor=sanne,
        by=BY,
    )
    assert verzending is not None
    niet = [
        verzending.klantcontact,
        contact(partij, sanne, indicatie_contact_gelukt=False),  # a call that failed
        contact(partij, actor("Formulieren", "geautomatiseerde_actor"), kanaal="e-formulier"),
        contact(
            None,
            sanne,
            opvolging=Opvolging(gevraagde_handeling="Terugbellen", toegewezen_aan=[sanne]),
        ),
        contact(partij, sanne, kanaal="chat"),  # asked at the end of the chat itself
    ]
    drain()
    assert not Uitnodiging.objects.filter(klantcontact__in=niet).exists()
    # Only the outbound message itself was sent.
    assert [b.onderwerp for b in kanalen.opgesteld] == ["Uw aanvraag"]


def test_an_anonymous_caller_who_left_a_mail_address_is_asked_and_known_by_its_hash(kanalen, team):
    _, sanne = team
    vragenlijst()
    terugbellen = Opvolging(gevraagde_handeling="Terugbellen", toegewezen_aan=[sanne])
    eerste = uitnodiging_van(
        contact(
            None,
            sanne,
            adressen=(Contactadres("email", "Anoniem@Example.org"),),
            opvolging=terugbellen,
        )
    )
    assert eerste is not None and eerste.partij is None
    assert eerste.ontvanger == tevredenheid.ontvanger_van(adres="anoniem@example.org")
    assert "anoniem" not in eerste.ontvanger
    # The same address, written otherwise, within the rest period: not asked again.
    tweede = contact(
        None, sanne, adressen=(Contactadres("email", "anoniem@example.org"),), opvolging=terugbellen
    )
    assert uitnodiging_van(tweede) is None


def test_sampling_is_the_same_for_a_contact_every_time_and_near_the_percentage(team):
    _, sanne = team
    lijst = vragenlijst(steekproef_procent=30)
    contacten = [
        contact(None, sanne, opvolging=Opvolging("Terugbellen", [sanne])) for _ in range(200)
    ]
    gekozen = [tevredenheid.in_steekproef(lijst, c) for c in contacten]
    assert gekozen == [tevredenheid.in_steekproef(lijst, c) for c in contacten]
    assert 40 <= sum(gekozen) <= 80  # 30 % of 200, give or take
    lijst.steekproef_procent = 0
    assert not any(tevredenheid.in_steekproef(lijst, c) for c in contacten[:20])
    lijst.steekproef_procent = 100
    assert all(tevredenheid.in_steekproef(lijst, c) for c in contacten[:20])


def test_a_retried_job_does_not_invite_twice(kanalen, team):
    _, sanne = team
    vragenlijst()
    klantcontact = contact(klant(), sanne)
    eerste = uitnodiging_van(klantcontact)
    assert tevredenheid.nodig_uit(klantcontact, uitnodigen.link) == eerste
    assert Uitnodiging.objects.count() == 1 and len(kanalen.opgesteld) == 1


def test_nobody_is_asked_again_within_the_rest_period_whichever_survey_asked(kanalen, team):
    _, sanne = team
    vragenlijst("Telefoon", kanalen=["telefoon"], rust_dagen=30)
    vragenlijst("Mail", kanalen=["e-mail"], rust_dagen=30)
    partij = klant()
    eerste = uitnodiging_van(contact(partij, sanne, kanaal="telefoon"))
    assert eerste is not None
    assert uitnodiging_van(contact(partij, sanne, kanaal="e-mail")) is None
    # After the rest period the other survey asks.
    Uitnodiging.objects.filter(pk=eerste.pk).update(
        verstuurd_op=timezone.now() - datetime.timedelta(days=31)
    )
    later = uitnodiging_van(contact(partij, sanne, kanaal="e-mail"))
    assert later is not None and later.vragenlijst.naam == "Mail"
    # Someone else is asked meanwhile.
    assert uitnodiging_van(contact(klant("ander@example.org"), sanne)) is not None


def test_an_answer_is_taken_once_and_the_second_is_told_friendly(kanalen, team):
    _, sanne = team
    vragenlijst()
    uitnodiging = uitnodiging_van(contact(klant(), sanne))
    assert uitnodiging is not None
    tevredenheid.beantwoord(uitnodiging, 5)
    with pytest.raises(Antwoordfout) as fout:
        tevredenheid.beantwoord(uitnodiging, 1)
    assert fout.value.reden == "beantwoord" and "al beantwoord" in str(fout.value)
    assert list(Waardering.objects.values_list("score", flat=True)) == [5]


def test_an_expired_link_takes_no_answer(kanalen, team):
    _, sanne = team
    vragenlijst(geldig_dagen=14)
    uitnodiging = uitnodiging_van(contact(klant(), sanne))
    assert uitnodiging is not None
    assert uitnodiging.verloopt_op - uitnodiging.verstuurd_op == datetime.timedelta(days=14)
    later = uitnodiging.verloopt_op + datetime.timedelta(seconds=1)
    with pytest.raises(Antwoordfout) as fout:
        tevredenheid.beantwoord(uitnodiging, 3, nu=later)
    assert fout.value.reden == "verlopen"
    assert not Waardering.objects.exists()


@pytest.mark.parametrize(
    ("meting", "goed", "fout"),
    [("csat", (1, 5), (0, 6)), ("ces", (1, 7), (0, 8)), ("nps", (0, 10), (-1, 11))],
)
def test_scores_are_taken_within_the_scale_of_the_measure(kanalen, team, meting, goed, fout):
    _, sanne = team
    vragenlijst(meting=meting, rust_dagen=0)
    for score in fout:
        uitnodiging = uitnodiging_van(contact(klant(), sanne))
        assert uitnodiging is not None
        with pytest.raises(Antwoordfout) as afgewezen:
            tevredenheid.beantwoord(uitnodiging, score)
        assert afgewezen.value.reden == "score"
        uitnodiging.refresh_from_db()
        assert uitnodiging.beantwoord_op is None  # it can still be answered
    for score in goed:
        uitnodiging = uitnodiging_van(contact(klant(), sanne))
        assert uitnodiging is not None
        assert tevredenheid.beantwoord(uitnodiging, score).score == score


def test_a_low_score_starts_a_follow_up_task_that_does_not_quote_the_open_answer(kanalen, team):
    _, sanne = team
    opvolgers = actor("Kwaliteit", "organisatorische_eenheid")
    vragenlijst(opvolging_tot_en_met=2, opvolging_team=opvolgers, rust_dagen=0)
    laag = contact(klant(), sanne)
    hoog = contact(klant("ander@example.org"), sanne)
    drain()
    tevredenheid.beantwoord(Uitnodiging.objects.get(klantcontact=hoog), 3, "Prima.")
    assert not InterneTaak.objects.exists()
    tevredenheid.beantwoord(
        Uitnodiging.objects.get(klantcontact=laag), 2, "De medewerker was onbeleefd."
    )
    [taak] = InterneTaak.objects.all()
    assert taak.aanleidinggevend_klantcontact == laag
    assert list(taak.toegewezen_aan_actoren.all()) == [opvolgers]
    assert "2" in taak.toelichting and "onbeleefd" not in taak.toelichting


def test_no_follow_up_without_a_threshold(kanalen, team):
    _, sanne = team
    vragenlijst()
    uitnodiging = uitnodiging_van(contact(klant(), sanne))
    assert uitnodiging is not None
    tevredenheid.beantwoord(uitnodiging, 1)
    assert not InterneTaak.objects.exists()


def test_an_answer_has_no_path_back_to_the_person(kanalen, team):
    _, sanne = team
    vragenlijst()
    uitnodiging = uitnodiging_van(contact(klant(), sanne))
    assert uitnodiging is not None
    waardering = tevredenheid.beantwoord(uitnodiging, 4)
    velden = {f.name for f in Waardering._meta.get_fields()}
    assert velden == {
        "uuid",
        "vragenlijst",
        "meting",
        "score",
        "toelichting",
        "uitgevraagd_via",
        "kanaal",
        "onderwerp",
        "team",
        "datum",
    }
    # The survey and the team lead to no person either: no relation from them to answers
    # or invitations is kept (related_name "+").
    assert not any(
        f.related_model in (Uitnodiging, Klantcontact)
        for f in Vragenlijst._meta.get_fields()
        if f.is_relation
    )
    assert isinstance(waardering.datum, datetime.date)
    assert not isinstance(waardering.datum, datetime.datetime)
