"""The one intake service (cases.md R1, R4, R5, R14) and sending a message to a customer
(R9, C5655): every channel registers through these, so their rules are checked here once."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from klantbeeld.domain.models import (
    ActorKlantcontact,
    Betrokkene,
    Bijlage,
    Bronbericht,
    DigitaalAdres,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Verzending,
)
from klantbeeld.domain.models.intake import Verzendstatus
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Opvolging,
    registreer_contact,
)
from klantbeeld.domain.services.verzenden import Bericht, verstuur
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from standins.zgw import LocalZgw
from tests.domain.test_opvolging import BY, actor
from tests.domain.test_zoeken import persoon
from tests.integrations.conftest import zgw  # noqa: F401
from tests.support.kanalen import testkanalen

pytestmark = pytest.mark.django_db


def mail(**changes) -> Contactaanmelding:
    """C1199: a mail from someone not identified, with a task for KCC."""
    fields = {
        "kanaal": "e-mail",
        "onderwerp": "Vraag over de afvalkalender",
        "inhoud": "Wanneer wordt het oud papier opgehaald?",
        "deelnemers": [
            Deelnemer(
                voornaam="Fatima",
                achternaam="El Amrani",
                adressen=[Contactadres("email", "fatima@example.org", "Afzender")],
            )
        ],
        "actoren": [actor("Mailverwerker", "geautomatiseerde_actor")],
        "opvolging": Opvolging(
            gevraagde_handeling="Lezen en bepalen benodigde actie",
            toegewezen_aan=[actor("KCC", "organisatorische_eenheid")],
        ),
        "bron": Bron("e-mail:info@gemeente.local", "<abc@example.org>"),
        **changes,
    }
    return Contactaanmelding(**fields)


def test_a_mail_of_someone_unknown_is_registered_as_one_unit():
    registratie = registreer_contact(mail(), BY)
    kc = registratie.klantcontact
    assert registratie.nieuw and kc is not None
    assert (kc.kanaal, kc.metadata) == ("e-mail", {"bronBerichtId": "<abc@example.org>"})
    [betrokkene] = Betrokkene.objects.filter(had_klantcontact=kc)
    assert betrokkene.was_partij is None and betrokkene.initiator
    assert betrokkene.contactnaam_achternaam == "El Amrani"
    [adres] = DigitaalAdres.objects.filter(verstrekt_door_betrokkene=betrokkene)
    assert (adres.adres, adres.verstrekt_door_partij) == ("fatima@example.org", None)
    assert ActorKlantcontact.objects.filter(klantcontact=kc).count() == 1
    [taak] = InterneTaak.objects.filter(aanleidinggevend_klantcontact=kc)
    assert taak == registratie.taak and taak.status == "te_verwerken"


def test_the_same_message_twice_registers_one_contact():
    eerste = registreer_contact(mail(), BY)
    tweede = registreer_contact(mail(onderwerp="Anders"), BY)
    assert not tweede.nieuw and tweede.klantcontact == eerste.klantcontact
    assert Klantcontact.objects.count() == 1 and InterneTaak.objects.count() == 1


def test_a_message_whose_contact_was_deleted_since_is_not_registered_again():
    registratie = registreer_contact(mail(), BY)
    assert registratie.klantcontact is not None
    registratie.klantcontact.delete()
    again = registreer_contact(mail(), BY)
    assert (again.nieuw, again.klantcontact) == (False, None)
    assert not Klantcontact.objects.exists()


def test_someone_unknown_without_follow_up_is_not_registered():
    """R1: no identity and no follow-up: nothing."""
    with pytest.raises(ValidationError) as error:
        registreer_contact(mail(opvolging=None), BY)
    assert "opvolging" in error.value.message_dict
    assert not Klantcontact.objects.exists() and not Bronbericht.objects.exists()


def test_a_contact_needs_a_betrokkene_and_an_actor():
    """R4."""
    with pytest.raises(ValidationError) as error:
        registreer_contact(mail(deelnemers=[], actoren=[]), BY)
    assert {"betrokkene", "actor"} <= set(error.value.message_dict)
    assert not Klantcontact.objects.exists()


def test_a_known_customer_needs_no_follow_up():
    jan = persoon("Jan", "Jansen")
    registratie = registreer_contact(
        mail(deelnemers=[Deelnemer(partij=jan)], opvolging=None, bron=None), BY
    )
    assert registratie.klantcontact is not None
    assert Betrokkene.objects.get(had_klantcontact=registratie.klantcontact).was_partij == jan


def test_an_invalid_address_refuses_everything_and_names_the_field():
    deelnemer = Deelnemer(achternaam="X", adressen=[Contactadres("email", "geen adres")])
    with pytest.raises(ValidationError) as error:
        registreer_contact(mail(deelnemers=[deelnemer]), BY)
    assert "betrokkene.adres.email" in error.value.message_dict
    assert not Klantcontact.objects.exists() and not Bronbericht.objects.exists()


def test_a_long_text_is_cut_and_kept_whole_as_a_document(zgw: LocalZgw, settings):  # noqa: F811
    """R5: inhoud holds at most 1000 characters; the whole text is a bijlage."""
    settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE = zgw.objects("informatieobjecttypen")[0][
        "url"
    ]
    tekst = "Geachte heer, mevrouw. " * 100
    with ZgwZakenregister(by=BY) as register:
        kc = registreer_contact(mail(inhoud=tekst), BY, register=register).klantcontact
    assert kc is not None
    assert len(kc.inhoud) == 1000 and kc.inhoud.endswith("…")
    [eio] = zgw.objects("enkelvoudiginformatieobjecten")
    assert eio["formaat"] == "text/plain" and eio["titel"] == "Volledige tekst"
    assert zgw.content_of(eio).decode() == tekst.strip()
    assert Bijlage.objects.filter(was_bijlage_van_klantcontact=kc).count() == 1


def test_a_long_text_without_a_document_register_is_refused():
    from klantbeeld.domain.services.zaken import RegisterFout

    with pytest.raises(RegisterFout):
        registreer_contact(mail(inhoud="x" * 1500), BY)
    assert not Klantcontact.objects.exists() and not Bronbericht.objects.exists()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_deliveries_at_the_same_moment_register_one_contact():
    """R14 under concurrency: the second claim waits for the first and then finds it."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks on a unique key are PostgreSQL's")
    aanmelding = mail()
    start = threading.Barrier(4)
    uitkomsten: list[bool] = []

    def deliver() -> None:
        try:
            start.wait()
            uitkomsten.append(registreer_contact(aanmelding, BY).nieuw)
        finally:
            connection.close()

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(uitkomsten) == [False, False, False, True]
    assert Klantcontact.objects.count() == 1 and InterneTaak.objects.count() == 1


# -- sending ------------------------------------------------------------------------------


@pytest.fixture
def testkanaal() -> Iterator[list[Bericht]]:
    """A composer and sender for the ``sms`` channel that keep what they composed."""
    with testkanalen("sms") as kanaal:
        yield kanaal.opgesteld


def test_a_message_is_registered_as_an_outbound_follow_up(testkanaal):
    """R9: initiator false, the employee as actor, linked to what it answers; the contact's
    success is unknown until the customer reads it."""
    vraag = registreer_contact(mail(), BY).klantcontact
    sanne = actor("Sanne de Vries")
    verzending = verstuur(
        Bericht(kanaal="sms", adres="+31612345678", onderwerp="Uw vraag", tekst="Dinsdag."),
        ontvanger=Deelnemer(
            achternaam="El Amrani",
            initiator=False,
            adressen=[Contactadres("telefoonnummer", "+31612345678")],
        ),
        actor=sanne,
        by=BY,
        vervolg_op=vraag,
    )
    assert verzending is not None
    kc = verzending.klantcontact
    assert kc is not None and kc.indicatie_contact_gelukt is None and kc.kanaal == "sms"
    assert (verzending.status, verzending.bericht_id) == (Verzendstatus.TE_VERSTUREN, "sms-1")
    assert not Betrokkene.objects.get(had_klantcontact=kc).initiator
    assert Onderwerpobject.objects.get(klantcontact=kc).was_klantcontact == vraag
    assert list(
        ActorKlantcontact.objects.filter(klantcontact=kc).values_list("actor", flat=True)
    ) == [sanne.pk]


def test_an_automated_message_asked_twice_is_sent_once(testkanaal):
    bericht = Bericht(kanaal="sms", adres="+31612345678", onderwerp="Status", tekst="Klaar.")
    ontvanger = Deelnemer(partij=persoon("Jan", "Jansen"), initiator=False)
    systeem = actor("Zaakmeldingen", "geautomatiseerde_actor")
    bron = Bron("zaakmelding", "status-1:partij-1")
    eerste = verstuur(bericht, ontvanger=ontvanger, actor=systeem, by=BY, bron=bron)
    tweede = verstuur(bericht, ontvanger=ontvanger, actor=systeem, by=BY, bron=bron)
    assert eerste == tweede and Verzending.objects.count() == 1 and len(testkanaal) == 1
    assert eerste is not None and eerste.klantcontact is not None
    eerste.klantcontact.delete()
    assert verstuur(bericht, ontvanger=ontvanger, actor=systeem, by=BY, bron=bron) is None
    assert Verzending.objects.count() == 1 and len(testkanaal) == 1


def test_a_bounce_marks_the_contact_as_not_reached(testkanaal):
    """C5655: a bounce later corrects indicatieContactGelukt to false."""
    verzending = verstuur(
        Bericht(kanaal="sms", adres="+31612345678", onderwerp="Voortgang", tekst="..."),
        ontvanger=Deelnemer(partij=persoon("Jan", "Jansen"), initiator=False),
        actor=actor("Behandelaar"),
        by=BY,
    )
    assert verzending is not None
    verzenden.niet_afgeleverd(verzending, "550 5.1.1 onbekende ontvanger", BY)
    verzending.refresh_from_db()
    assert verzending.status == Verzendstatus.MISLUKT and "5.1.1" in verzending.fout
    assert verzending.klantcontact is not None
    verzending.klantcontact.refresh_from_db()
    assert verzending.klantcontact.indicatie_contact_gelukt is False


def test_a_channel_without_a_composer_is_refused_with_a_reason():
    with pytest.raises(verzenden.GeenKanaal, match="niet ingesteld"):
        verstuur(
            Bericht(kanaal="fax", adres="020", onderwerp="x", tekst="y"),
            ontvanger=Deelnemer(partij=persoon("Jan", "Jansen"), initiator=False),
            actor=actor("Behandelaar"),
            by=BY,
        )
    assert not Klantcontact.objects.exists()
