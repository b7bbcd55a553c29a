"""C4994: an e-mail that a new message waits in MijnGemeente, through the outbox, only to a
verified preferred e-mail address, with nothing personal in it, and never a notice about
the notice."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.utils import timezone

from klantbeeld.domain.models import DigitaalAdres, Klantcontact, Partij, Teamlid, Verzending
from klantbeeld.domain.services import opvolging
from klantbeeld.domain.services.intake import Contactaanmelding, Deelnemer, registreer_contact
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.events.models import OutboxMessage
from klantbeeld.portal import kennisgeving
from tests.domain.test_opvolging import BY, actor
from tests.domain.test_zoeken import persoon
from tests.integrations.conftest import drain
from tests.support.kanalen import Testkanalen, testkanalen, zonder_kanalen

pytestmark = pytest.mark.django_db
ADRES = "jan@example.org"


@pytest.fixture
def mail(settings) -> Iterator[Testkanalen]:
    settings.KLANTBEELD_BASE_URL = "https://mijn.gemeente.example.nl"
    settings.KLANTBEELD_ORGANISATIE_NAAM = "Gemeente Voorbeeld"
    with testkanalen("e-mail", met_document=False) as kanalen:
        yield kanalen


def met_adres(partij: Partij, *, geverifieerd: bool = True, voorkeur: bool = True) -> None:
    adres = DigitaalAdres.objects.create(
        verstrekt_door_partij=partij,
        soort_digitaal_adres="email",
        adres=ADRES,
        verificatie_datum=timezone.localdate() if geverifieerd else None,
    )
    if voorkeur:
        partij.voorkeurs_digitaal_adres = adres
        partij.save()


@pytest.fixture
def jan() -> Partij:
    return persoon("Jan", "Jansen")


def vraag_en_antwoord(partij: Partij) -> Klantcontact:
    """A question asked in the portal, answered there by the team (R9)."""
    team = actor("KCC", "organisatorische_eenheid")
    sanne = actor("Sanne de Vries")
    Teamlid.objects.create(team=team, medewerker=sanne)
    vraag = registreer_contact(
        Contactaanmelding(
            kanaal="mijngemeente",
            onderwerp="Schuldhulp",
            inhoud="Ik kan mijn huur niet betalen.",
            deelnemers=[Deelnemer(partij=partij)],
            actoren=[actor("MijnGemeente", "geautomatiseerde_actor")],
        ),
        BY,
    ).klantcontact
    assert vraag is not None
    taak = opvolging.vraag_opvolging_aan(
        vraag, gevraagde_handeling="Opvolgen klantcontact", toegewezen_aan=[team], door=sanne, by=BY
    )
    return opvolging.leg_contact_vast(
        taak,
        medewerker=sanne,
        by=BY,
        kanaal="mijngemeente",
        verslag="Wij bellen u morgen over een betalingsregeling.",
        gelukt=None,
        afronden=True,
    )


def test_a_new_message_is_announced_by_mail_without_personal_content(mail, jan):
    met_adres(jan)
    vraag_en_antwoord(jan)
    contacten = Klantcontact.objects.count()

    drain()

    verzending = Verzending.objects.get()
    assert verzending.adres == ADRES
    assert verzending.onderwerp == "Er staat een nieuw bericht voor u klaar"
    assert "https://mijn.gemeente.example.nl/mijn/berichten/" in verzending.tekst
    for persoonlijk in ("Jan", "Jansen", "Schuldhulp", "huur", "betalingsregeling", "Sanne"):
        assert persoonlijk not in verzending.tekst
        assert persoonlijk not in verzending.onderwerp
    assert mail.opgesteld[0].automatisch
    assert mail.verstuurd == [verzending]
    # The notice is no klantcontact, so it announces nothing in turn (no loop).
    assert verzending.klantcontact is None
    assert Klantcontact.objects.count() == contacten
    drain()
    assert Verzending.objects.count() == 1
    handled = OutboxMessage.objects.filter(destination=kennisgeving.BESTEMMING)
    assert set(handled.values_list("status", flat=True)) == {"delivered"}


@pytest.mark.parametrize(
    "geverifieerd, voorkeur", [(False, True), (True, False)], ids=["unverified", "not-preferred"]
)
def test_only_to_a_verified_preferred_address(mail, jan, geverifieerd, voorkeur):
    met_adres(jan, geverifieerd=geverifieerd, voorkeur=voorkeur)
    vraag_en_antwoord(jan)
    drain()
    assert not Verzending.objects.exists()


def test_not_for_what_the_customer_sent(mail, jan):
    met_adres(jan)
    registreer_contact(
        Contactaanmelding(
            kanaal="telefoon",
            onderwerp="Paspoort",
            deelnemers=[Deelnemer(partij=jan, initiator=True)],
            actoren=[actor("Sanne de Vries")],
        ),
        BY,
    )
    drain()
    assert not Verzending.objects.exists()


def test_not_for_a_rolled_back_message(mail, jan):
    met_adres(jan)
    with pytest.raises(RuntimeError), transaction.atomic():
        vraag_en_antwoord(jan)
        raise RuntimeError("afgebroken")
    drain()
    assert not Verzending.objects.exists()


def test_not_when_the_message_itself_was_mailed_there(mail, jan):
    """An answer sent by mail to that address is in the mailbox already; to another
    address, the notice goes to the preferred one."""
    met_adres(jan)
    sanne = actor("Sanne de Vries")
    for adres in (ADRES, "werk@example.org"):
        verstuur(
            Bericht(kanaal="e-mail", adres=adres, onderwerp="Uw vraag", tekst="Het antwoord."),
            ontvanger=Deelnemer(partij=jan, initiator=False),
            actor=sanne,
            by=BY,
        )
    drain()
    kennisgevingen = Verzending.objects.filter(klantcontact=None)
    assert [v.adres for v in kennisgevingen] == [ADRES]
    assert Verzending.objects.count() == 3


def test_not_for_history_registered_late(mail, jan):
    met_adres(jan)
    registreer_contact(
        Contactaanmelding(
            kanaal="post",
            onderwerp="Oude brief",
            deelnemers=[Deelnemer(partij=jan, initiator=False)],
            actoren=[actor("Scanstraat", "geautomatiseerde_actor")],
            plaatsgevonden_op=timezone.now() - datetime.timedelta(days=30),
        ),
        BY,
    )
    drain()
    assert not Verzending.objects.exists()


def test_not_without_mail_set_up(settings, jan):
    met_adres(jan)
    with zonder_kanalen(["e-mail"]):
        vraag_en_antwoord(jan)
        drain()
    assert not Verzending.objects.exists()
