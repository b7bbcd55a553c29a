"""``POST /contactformulieren``: a website's contact form (C3759, C1790, C4161-form) and its
confirmation mail (C1284), checked through the Klantinteracties API."""

from __future__ import annotations

from typing import Any

import pytest

from klantbeeld.api.intake.models import Intakeantwoord
from klantbeeld.domain.models import (
    Actor,
    DigitaalAdres,
    InterneTaak,
    Klantcontact,
    Partij,
    PartijIdentificator,
    Verzending,
)
from klantbeeld.domain.services.verzenden import Bericht
from standins.zgw import LocalZgw
from tests.intake.conftest import PDF, IntakeClient, token
from tests.support.client import ApiClient, invalid_names

pytestmark = pytest.mark.django_db

Json = dict[str, Any]


def formulier(website: IntakeClient, **changes: Any) -> Json:
    return {
        "token": token(website),
        "indienerIp": "203.0.113.7",
        "honeypot": "",
        "contactnaam": {"voornaam": "Fatima", "achternaam": "El Amrani"},
        "emailadres": "fatima@example.org",
        "telefoonnummer": "06 12345678",
        "onderwerp": "Vraag over de afvalkalender",
        "bericht": "Wanneer wordt het oud papier opgehaald in de Dorpsstraat?",
        **changes,
    }


@pytest.fixture
def website(applicatie) -> IntakeClient:
    client: IntakeClient = applicatie("Website gemeente", "intake.formulieren")
    return client


@pytest.fixture
def mijngemeente(applicatie) -> IntakeClient:
    """A website that logs people in (DigiD, eHerkenning) and is trusted to say who."""
    client: IntakeClient = applicatie("MijnGemeente", "intake.formulieren", "intake.identiteit")
    return client


def stuur(website: IntakeClient, gegevens: Json | None, bijlagen=None, **kw: Any):
    return website.form(
        "contactformulieren", "contactformulier", gegevens, {"bijlagen": bijlagen or []}, **kw
    )


def niets_vastgelegd() -> None:
    assert not Intakeantwoord.objects.exists()
    assert not Klantcontact.objects.exists()
    assert not InterneTaak.objects.exists()
    assert not Partij.objects.exists()


def test_c3759_a_contact_form_becomes_a_contact_with_a_task_and_its_attachments(
    website: IntakeClient, kcc: Actor, register: LocalZgw, ki: ApiClient
):
    bijlagen = [("foto.jpg", b"\xff\xd8\xff\xe0 foto"), ("brief.pdf", PDF)]
    response = stuur(website, formulier(website), bijlagen)
    assert response.status_code == 201, response
    body = response.json()
    assert body["bevestiging"] is None

    contact = ki.get(
        body["klantcontact"]["url"], {"expand": "hadBetrokkenen,hadBetrokkenen.digitaleAdressen"}
    ).json()
    assert (contact["kanaal"], contact["onderwerp"]) == (
        "e-formulier",
        "Vraag over de afvalkalender",
    )
    assert contact["inhoud"] == "Wanneer wordt het oud papier opgehaald in de Dorpsstraat?"
    assert contact["hadBetrokkenActoren"][0]["naam"] == "Website gemeente"
    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    assert betrokkene["wasPartij"] is None and betrokkene["initiator"] is True
    assert betrokkene["contactnaam"]["voornaam"] == "Fatima"
    adressen = {
        (a["soortDigitaalAdres"], a["adres"]) for a in betrokkene["_expand"]["digitaleAdressen"]
    }
    assert ("email", "fatima@example.org") in adressen
    assert {soort for soort, _ in adressen} == {"email", "telefoonnummer"}

    taak = ki.get(body["internetaak"]["url"]).json()
    assert taak["gevraagdeHandeling"] == "Lezen en bepalen benodigde actie"
    assert [a["uuid"] for a in taak["toegewezenAanActoren"]] == [str(kcc.uuid)]

    assert [d["titel"] for d in body["documenten"]] == ["foto.jpg", "brief.pdf"]
    inhoud = {
        eio["bestandsnaam"]: register.content_of(eio)
        for eio in register.objects("enkelvoudiginformatieobjecten")
    }
    assert inhoud == dict(bijlagen)
    assert len(contact["omvatteBijlagen"]) == 2


def test_a_form_with_one_name_and_only_a_phone_number(
    website: IntakeClient, kcc: Actor, ki: ApiClient
):
    """A form without attachments reaches no document register."""
    gegevens = formulier(
        website, contactnaam=None, naam="J. de Boer", emailadres="", kanaal="mijngemeente"
    )
    response = stuur(website, gegevens)
    assert response.status_code == 201, response
    contact = ki.get(response.json()["klantcontact"]["url"], {"expand": "hadBetrokkenen"}).json()
    assert contact["kanaal"] == "mijngemeente"
    assert contact["_expand"]["hadBetrokkenen"][0]["contactnaam"]["achternaam"] == "J. de Boer"
    assert response.json()["documenten"] == []


def test_c1790_a_bsn_from_a_trusted_application_links_the_partij_with_only_its_number(
    mijngemeente: IntakeClient, kcc: Actor, ki: ApiClient
):
    """R3: the partij is created with only its identificator; the addresses stay on the
    betrokkene; a second form reuses the partij."""
    response = stuur(mijngemeente, formulier(mijngemeente, bsn="111222333"))
    assert response.status_code == 201, response
    [partij] = Partij.objects.all()
    assert partij.soort_partij == "persoon"
    assert (partij.contactnaam_voornaam, partij.contactnaam_achternaam) == ("", "")
    assert not DigitaalAdres.objects.filter(verstrekt_door_partij=partij).exists()
    [identificator] = PartijIdentificator.objects.all()
    assert (
        identificator.partij_identificator_code_soort_object_id,
        identificator.partij_identificator_object_id,
        identificator.partij_identificator_code_register,
    ) == ("bsn", "111222333", "brp")
    gevonden = ki.get(
        "klantcontacten",
        {"hadBetrokkene__wasPartij__partijIdentificator__objectId": "111222333"},
    ).json()
    assert [c["uuid"] for c in gevonden["results"]] == [response.json()["klantcontact"]["uuid"]]

    tweede = stuur(mijngemeente, formulier(mijngemeente, bsn="111222333", onderwerp="Nog iets"))
    assert tweede.status_code == 201, tweede
    assert Partij.objects.count() == 1 and Klantcontact.objects.count() == 2


def test_a_known_partij_is_found_and_left_as_it_is(mijngemeente: IntakeClient, kcc: Actor):
    from klantbeeld.domain.services.common import ChangeContext
    from klantbeeld.domain.services.partijen import create_partij

    jan = create_partij(
        {
            "soort_partij": "persoon",
            "indicatie_actief": True,
            "contactnaam_achternaam": "Jansen",
            "indicatie_geheimhouding": True,
        },
        ChangeContext(applicatie="test"),
        identificatoren=[
            {
                "partij_identificator_code_objecttype": "natuurlijk_persoon",
                "partij_identificator_code_soort_object_id": "bsn",
                "partij_identificator_object_id": "111222333",
                "partij_identificator_code_register": "brp",
            }
        ],
    )
    response = stuur(mijngemeente, formulier(mijngemeente, bsn="111222333"))
    assert response.status_code == 201, response
    assert list(Partij.objects.all()) == [jan]
    contact = Klantcontact.objects.get()
    assert contact.betrokkenen.get().was_partij == jan
    jan.refresh_from_db()
    assert jan.contactnaam_achternaam == "Jansen"


def test_c4161_a_kvk_number_with_a_branch(mijngemeente: IntakeClient, kcc: Actor):
    gegevens = formulier(
        mijngemeente,
        kvkNummer="12345678",
        vestigingsnummer="000012345678",
        organisatienaam="Bakkerij De Korst",
    )
    response = stuur(mijngemeente, gegevens)
    assert response.status_code == 201, response
    [organisatie] = Partij.objects.all()
    assert (organisatie.soort_partij, organisatie.naam) == ("organisatie", "")
    kvk = PartijIdentificator.objects.get(partij_identificator_code_soort_object_id="kvk_nummer")
    vestiging = PartijIdentificator.objects.get(
        partij_identificator_code_soort_object_id="vestigingsnummer"
    )
    assert vestiging.sub_identificator_van == kvk
    assert {kvk.identificeerde_partij, vestiging.identificeerde_partij} == {organisatie}
    betrokkene = Klantcontact.objects.get().betrokkenen.get()
    assert (betrokkene.was_partij, betrokkene.organisatienaam) == (organisatie, "Bakkerij De Korst")
    assert betrokkene.contactnaam_achternaam == "El Amrani"

    tweede = stuur(mijngemeente, formulier(mijngemeente, kvkNummer="12345678"))
    assert tweede.status_code == 201, tweede
    assert Partij.objects.count() == 1 and PartijIdentificator.objects.count() == 2


@pytest.mark.parametrize(
    "identiteit", [{"bsn": "111222333"}, {"kvkNummer": "12345678"}], ids=["bsn", "kvk"]
)
def test_an_identity_needs_the_identity_scope(website: IntakeClient, kcc: Actor, identiteit):
    response = stuur(website, formulier(website, **identiteit))
    assert response.status_code == 403, response
    assert "intake.identiteit" in response.json()["detail"]
    niets_vastgelegd()


@pytest.mark.parametrize(
    ("changes", "fout"),
    [
        ({"emailadres": "geen adres"}, "contactformulier.emailadres"),
        ({"telefoonnummer": "bel me"}, "contactformulier.telefoonnummer"),
        ({"emailadres": "", "telefoonnummer": ""}, "contactformulier"),
        ({"contactnaam": None}, "contactformulier"),
        ({"onderwerp": ""}, "contactformulier.onderwerp"),
        ({"bericht": ""}, "contactformulier.bericht"),
        ({"indienerIp": "de buurman"}, "contactformulier.indienerIp"),
        ({"kanaal": "postduif"}, "contactformulier.kanaal"),
        ({"bsn": "123456789"}, "contactformulier.bsn"),
        ({"vestigingsnummer": "000012345678"}, "contactformulier"),
        ({"bevestigingGewenst": True, "emailadres": ""}, "contactformulier"),
    ],
)
def test_a_refused_form_changes_nothing(mijngemeente: IntakeClient, kcc: Actor, changes, fout):
    response = stuur(mijngemeente, formulier(mijngemeente, **changes))
    assert invalid_names(response) == {fout}, response
    niets_vastgelegd()


def test_attachments_are_checked_each(
    website: IntakeClient, kcc: Actor, register: LocalZgw, settings
):
    settings.KLANTBEELD_INTAKE_MAX_BIJLAGEN = 2
    te_veel = stuur(website, formulier(website), [("a.pdf", PDF)] * 3)
    assert invalid_names(te_veel) == {"bijlagen"}
    verkeerd = stuur(website, formulier(website), [("a.pdf", PDF), ("b.exe", b"MZ")])
    assert invalid_names(verkeerd) == {"bijlagen.1"}
    niets_vastgelegd()
    assert not register.objects("enkelvoudiginformatieobjecten")


def test_the_same_submission_twice_registers_it_once(
    website: IntakeClient, kcc: Actor, register: LocalZgw
):
    gegevens = formulier(website, inzendingId="formulier-42")
    eerste = stuur(website, gegevens, [("a.pdf", PDF)])
    tweede = stuur(website, gegevens, [("a.pdf", PDF)])
    assert (eerste.status_code, tweede.status_code) == (201, 200)
    assert tweede.content == eerste.content
    assert Klantcontact.objects.count() == 1
    # Without its own id the token is the submission's: sending it again is the same one.
    zonder_id = formulier(website)
    assert stuur(website, zonder_id).status_code == 201
    assert stuur(website, zonder_id).status_code == 200
    assert Klantcontact.objects.count() == 2


# -- the confirmation (C1284) -------------------------------------------------------------


def test_c1284_the_confirmation_is_its_own_outbound_contact_after_the_submission(
    website: IntakeClient, kcc: Actor, register: LocalZgw, ki: ApiClient, email: list[Bericht]
):
    response = stuur(website, formulier(website, bevestigingGewenst=True))
    assert response.status_code == 201, response
    body = response.json()
    assert body["bevestiging"]["status"] == "te_versturen"

    [bericht] = email
    assert bericht.adres == "fatima@example.org"
    assert bericht.onderwerp == "Ontvangen: Vraag over de afvalkalender"
    assert body["klantcontact"]["referentienummer"] in bericht.tekst
    assert bericht.tekst.startswith("Beste Fatima El Amrani,")

    bevestiging = ki.get(
        body["bevestiging"]["klantcontact"]["url"],
        {"expand": "hadBetrokkenen,hadBetrokkenen.digitaleAdressen,gingOverOnderwerpobjecten"},
    ).json()
    assert bevestiging["kanaal"] == "e-mail"
    assert bevestiging["indicatieContactGelukt"] is None
    assert bevestiging["hadBetrokkenActoren"][0]["naam"] == "Website gemeente"
    [ontvanger] = bevestiging["_expand"]["hadBetrokkenen"]
    assert ontvanger["initiator"] is False
    assert ontvanger["contactnaam"]["achternaam"] == "El Amrani"
    assert [a["adres"] for a in ontvanger["_expand"]["digitaleAdressen"]] == ["fatima@example.org"]
    [vervolg] = bevestiging["_expand"]["gingOverOnderwerpobjecten"]
    assert vervolg["wasKlantcontact"]["uuid"] == body["klantcontact"]["uuid"]
    # The mail as sent is the confirmation's bijlage.
    assert len(bevestiging["omvatteBijlagen"]) == 1

    [verzending] = Verzending.objects.all()
    assert (verzending.kanaal, verzending.adres, verzending.status) == (
        "e-mail",
        "fatima@example.org",
        "te_versturen",
    )
    assert str(verzending.klantcontact_id) == body["bevestiging"]["klantcontact"]["uuid"]
    # No task for the confirmation: one task, for the submission.
    assert InterneTaak.objects.count() == 1


def test_c1284_the_confirmation_reaches_the_writer_through_a_real_smtp_server(
    website: IntakeClient, kcc: Actor, register: LocalZgw, settings
):
    from standins.mail.smtp import smtp_server
    from tests.integrations.conftest import drain

    with smtp_server() as smtp:
        settings.KLANTBEELD_SMTP_HOST, settings.KLANTBEELD_SMTP_PORT = smtp.host, smtp.port
        settings.KLANTBEELD_SMTP_BEVEILIGING = "geen"
        settings.KLANTBEELD_EMAIL_AFZENDER = "Gemeente Voorbeeld <info@voorbeeld.example>"
        response = stuur(website, formulier(website, bevestigingGewenst=True))
        assert response.status_code == 201, response
        drain()
        mail = smtp.wait_for(lambda m: "fatima@example.org" in m.rcpt_tos).message
    assert mail["Subject"] == "Ontvangen: Vraag over de afvalkalender"
    assert mail["Auto-Submitted"] == "auto-generated"
    assert response.json()["klantcontact"]["referentienummer"] in mail.get_content()
    [verzending] = Verzending.objects.all()
    assert (verzending.status, verzending.bericht_id) == ("verstuurd", mail["Message-ID"])


def test_a_confirmation_for_a_known_person_goes_to_the_same_partij(
    mijngemeente: IntakeClient, kcc: Actor, register: LocalZgw, email: list[Bericht]
):
    response = stuur(
        mijngemeente, formulier(mijngemeente, bsn="111222333", bevestigingGewenst=True)
    )
    assert response.status_code == 201, response
    [partij] = Partij.objects.all()
    assert {b.was_partij for c in Klantcontact.objects.all() for b in c.betrokkenen.all()} == {
        partij
    }


def test_without_an_e_mail_channel_the_form_is_registered_and_says_no_confirmation_is_sent(
    website: IntakeClient, kcc: Actor, geen_email: None
):
    response = stuur(website, formulier(website, bevestigingGewenst=True))
    assert response.status_code == 201, response
    assert response.json()["bevestiging"] == {"status": "niet_mogelijk", "klantcontact": None}
    assert Klantcontact.objects.count() == 1 and not Verzending.objects.exists()


def test_a_submission_sent_again_is_not_confirmed_again(
    website: IntakeClient, kcc: Actor, register: LocalZgw, email: list[Bericht]
):
    gegevens = formulier(website, bevestigingGewenst=True)
    eerste = stuur(website, gegevens)
    tweede = stuur(website, gegevens)
    assert (eerste.status_code, tweede.status_code) == (201, 200)
    assert tweede.json()["bevestiging"] == eerste.json()["bevestiging"]
    assert len(email) == 1 and Verzending.objects.count() == 1
