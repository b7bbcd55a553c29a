"""Cases of cases.md §4.2 (questions by other channels) and §4.6 (channels): what the
channel adapters (mail processor, scan street, app gateway, chatbot, e-form engine, DSO
gateway) and the desk register through the Klantinteracties API. The adapters themselves
(reading a mailbox, a chat session, a form) are outside this API; each scenario plays the
adapter's calls. Documents, submissions and zaken are referred to by their identificators
(§3)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from django.utils.dateparse import parse_datetime

from klantbeeld.demo.numbers import bsn, kvk_nummer, vestigingsnummer
from klantbeeld.domain.models import AuditTrail
from tests.cases.helpers import (
    LEZEN_EN_BEPALEN,
    OPVOLGEN,
    TERUGBELLEN,
    ZAAK_AANMAKEN,
    Betrokkene,
    Json,
    actor_uuids,
    adres_voor_opvolging,
    afhandelen,
    bestaand_bericht,
    betrokkenen_van,
    contacten_over,
    contacten_van,
    contactpersoon,
    digitaal_adres,
    document,
    dso_verzoek,
    find_partij,
    get,
    join,
    link_onderwerpobject,
    listing,
    medewerker,
    naam,
    objecten,
    organisatie,
    persoon,
    ref,
    register,
    systeem,
    taak,
    team,
    uuids,
    vertegenwoordiging,
    vervolgcontact,
    voorkeur,
    werkvoorraad,
    zaak,
)
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db

ZAAK_UUID = "0c4f6a3e-1d2b-4c5a-9e8f-7a6b5c4d3e21"


# -- §4.2 Questions by other channels --------------------------------------------------------------


@dataclass
class Mail:
    message_id: str
    afzender: str
    weergavenaam: tuple[str, str]
    onderwerp: str
    body: str
    ontvangen: str
    documenten: tuple[str, ...]


def mailverwerker_ontvangt(ki: ApiClient, mail: Mail, processor: Json, kcc: Json) -> Json:
    """The mail processor of C1199: one klantcontact (+ betrokkene without partij, the
    sender's address, a bijlage per stored document) and a KCC task per message; a message
    delivered again is recognised by its Message-ID (R14) and registers nothing."""
    bestaand = bestaand_bericht(
        ki,
        kanaal="e-mail",
        plaatsgevonden_op=mail.ontvangen,
        bron_bericht_id=mail.message_id,
        hadBetrokkene__digitaaladres__adres__icontains=mail.afzender,
    )
    if bestaand is not None:
        return bestaand
    kc = register(
        ki,
        kanaal="e-mail",
        onderwerp=mail.onderwerp[:200],
        inhoud=mail.body[:1000],
        plaatsgevondenOp=mail.ontvangen,
        metadata={"bronBerichtId": mail.message_id},
        actoren=[processor],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam(*mail.weergavenaam),
                adressen=[("email", mail.afzender, "afzender")],
            )
        ],
        bijlagen=[document(d) for d in mail.documenten],
    )
    taak(ki, kc, LEZEN_EN_BEPALEN, kcc)
    return kc


def test_c1199_email_to_the_general_mailbox(ki):
    """C1199 — E-mail to the general mailbox, answered by KCC.

    The mail processor (geautomatiseerde actor) registers klantcontact{kanaal e-mail,
    onderwerp cut at 200, inhoud cut at 1000, plaatsgevondenOp = received,
    metadata.bronBerichtId = Message-ID}, a betrokkene without partij (a sender address
    proves no identity, R1/R3) with the sender's address, one bijlage per stored document,
    and a task Lezen en bepalen benodigde actie for KCC (R8). R14: re-delivery creates
    nothing. A partij is linked later only when an employee establishes the identity."""
    processor = systeem(ki, "Mailverwerker", "Verwerkt inkomende e-mail")
    kcc = team(ki, "KCC")
    mail = Mail(
        message_id="<CAF=a1b2c3@mail.example.nl>",
        afzender="piet.jansen@example.nl",
        weergavenaam=("Piet", "Jansen"),
        onderwerp="Vraag over de afvalstoffenheffing " + "en de kwijtschelding " * 12,
        body="Geachte heer/mevrouw,\n" + "Ik heb een vraag over mijn aanslag. " * 40,
        ontvangen="2025-03-10T08:02:13+01:00",
        documenten=(
            "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",  # the message itself
            "6b5c4d3e-2f1a-4b0c-9d8e-7f6a5b4c3d2e",  # the attachment
        ),
    )

    kc = mailverwerker_ontvangt(ki, mail, processor, kcc)
    opnieuw = mailverwerker_ontvangt(ki, mail, processor, kcc)  # the mailbox delivers again

    assert opnieuw["uuid"] == kc["uuid"]
    [contact] = listing(ki, "klantcontacten", kanaal="e-mail")
    assert contact["onderwerp"] == mail.onderwerp[:200]
    assert contact["inhoud"] == mail.body[:1000]
    assert contact["metadata"] == {"bronBerichtId": mail.message_id}
    assert parse_datetime(contact["plaatsgevondenOp"]) == parse_datetime(mail.ontvangen)
    assert contact["indicatieContactGelukt"] is True
    assert (contact["taal"], contact["vertrouwelijk"]) == ("nld", False)
    assert [a["soortActor"] for a in contact["hadBetrokkenActoren"]] == ["geautomatiseerde_actor"]
    [afzender] = betrokkenen_van(ki, contact)
    assert afzender["wasPartij"] is None
    assert (afzender["rol"], afzender["initiator"], afzender["volledigeNaam"]) == (
        "klant",
        True,
        "Piet Jansen",
    )
    [adres] = afzender["_expand"]["digitaleAdressen"]
    assert (adres["soortDigitaalAdres"], adres["adres"]) == ("email", "piet.jansen@example.nl")
    bijlagen = listing(ki, "bijlagen", klantcontact__uuid=contact["uuid"])
    assert {b["bijlageidentificator"]["objectId"] for b in bijlagen} == set(mail.documenten)
    [open_taak] = werkvoorraad(ki, kcc)
    assert open_taak["gevraagdeHandeling"] == LEZEN_EN_BEPALEN
    assert open_taak["aanleidinggevendKlantcontact"]["uuid"] == contact["uuid"]

    # Later an employee establishes who Piet is and links the partij.
    piet = persoon(ki, 7, "Piet", "Jansen")
    response = ki.patch(f"betrokkenen/{afzender['uuid']}", {"wasPartij": ref(piet)})
    assert response.status_code == 200, response
    assert uuids(contacten_van(ki, piet)) == [contact["uuid"]]


def test_c2138_letter_answered_by_kcc(ki):
    """C2138 — Letter, answered by KCC.

    The scan street (geautomatiseerde actor) stores the scan and registers
    klantcontact{kanaal post, plaatsgevondenOp = scan time, onderwerp "Brief ontvangen",
    inhoud = OCR text} with the scan as bijlage and a betrokkene with the name and the
    correspondentieadres the software extracted, no partij (a letter authenticates nobody);
    a KCC task when the letter needs action."""
    scanstraat = systeem(ki, "Scanstraat", "Digitaliseert post")
    kcc = team(ki, "KCC")
    scan = "7c6d5e4f-3a2b-4c1d-8e9f-0a1b2c3d4e5f"
    gescand = "2025-03-12T11:40:00+01:00"

    kc = register(
        ki,
        kanaal="post",
        onderwerp="Brief ontvangen",
        inhoud="Geachte heer/mevrouw, graag wil ik bezwaar maken tegen ...",
        plaatsgevondenOp=gescand,
        actoren=[scanstraat],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Wim", "Meijer"),
                correspondentieadres={
                    "adresregel1": "Kerkstraat 3",
                    "adresregel2": "3511 AB Utrecht",
                    "land": "NL",
                },
            )
        ],
        bijlagen=[document(scan)],
    )
    taak(ki, kc, LEZEN_EN_BEPALEN, kcc)

    [brief] = listing(ki, "klantcontacten", kanaal="post", expand="omvatteBijlagen")
    assert brief["uuid"] == kc["uuid"]
    assert brief["onderwerp"] == "Brief ontvangen"
    assert parse_datetime(brief["plaatsgevondenOp"]) == parse_datetime(gescand)
    assert [b["bijlageidentificator"] for b in brief["_expand"]["omvatteBijlagen"]] == [
        document(scan)
    ]
    assert [a["naam"] for a in brief["hadBetrokkenActoren"]] == ["Scanstraat"]
    [afzender] = betrokkenen_van(ki, kc)
    assert afzender["wasPartij"] is None
    assert afzender["correspondentieadres"]["adresregel1"] == "Kerkstraat 3"
    assert afzender["correspondentieadres"]["land"] == "NL"
    assert uuids(t["aanleidinggevendKlantcontact"] for t in werkvoorraad(ki, kcc)) == [kc["uuid"]]


def test_c9853_app_message_answered_by_kcc(ki):
    """C9853 — App message (WhatsApp-like), answered by KCC.

    The app gateway registers one klantcontact per conversation unit: kanaal app,
    plaatsgevondenOp = the last message (VNG) with the first in metadata.eersteBerichtOp,
    a long transcript as document + bijlage (inhoud truncated), a betrokkene with the
    sender's number as a telefoonnummer address (omschrijving "app"), no partij; then an
    open KCC task."""
    gateway = systeem(ki, "App-gateway", "Berichten uit de gemeente-app")
    kcc = team(ki, "KCC")
    transcript = "klant: Mijn container is niet geleegd. " * 40
    transcript_document = "8d7e6f5a-4b3c-4d2e-9f0a-1b2c3d4e5f60"

    kc = register(
        ki,
        kanaal="app",
        onderwerp="Container niet geleegd",
        inhoud=transcript[:1000],
        plaatsgevondenOp="2025-03-10T20:14:00+01:00",
        metadata={
            "eersteBerichtOp": "2025-03-10T20:01:00+01:00",
            "bronBerichtId": "conv-8841",
        },
        actoren=[gateway],
        betrokkenen=[Betrokkene(adressen=[("telefoonnummer", "0612345678", "app")])],
        bijlagen=[document(transcript_document)],
    )
    taak(ki, kc, LEZEN_EN_BEPALEN, kcc)

    [bericht] = listing(ki, "klantcontacten", kanaal="app")
    assert bericht["metadata"]["eersteBerichtOp"] == "2025-03-10T20:01:00+01:00"
    assert parse_datetime(bericht["plaatsgevondenOp"]) == parse_datetime(
        "2025-03-10T20:14:00+01:00"
    )
    assert len(bericht["omvatteBijlagen"]) == 1
    [afzender] = betrokkenen_van(ki, kc)
    assert afzender["wasPartij"] is None
    [nummer] = afzender["_expand"]["digitaleAdressen"]
    assert (nummer["soortDigitaalAdres"], nummer["adres"], nummer["omschrijving"]) == (
        "telefoonnummer",
        "0612345678",
        "app",
    )
    [open_taak] = werkvoorraad(ki, kcc)
    assert open_taak["aanleidinggevendKlantcontact"]["uuid"] == kc["uuid"]
    assert uuids(
        listing(ki, "klantcontacten", hadBetrokkene__digitaaladres__adres__icontains="0612345678")
    ) == [kc["uuid"]]


# -- §4.6 Channels ---------------------------------------------------------------------------------


def test_c3546_desk_visitor_question_answered(ki):
    """C3546 — Desk visitor, question answered.

    As C0992 with kanaal balie and the desk employee as actor; an ID document shown at the
    desk counts as authentication (R3), so the contact is linked to the partij. An
    anonymous visitor without follow-up leaves nothing (R1)."""
    baliemedewerker = medewerker(ki, "Noor Hendriks", "Baliemedewerker")

    assert listing(ki, "klantcontacten") == []  # anonymous visitor: nothing registered

    # The visitor shows an ID document; the BSN on it selects or creates the partij.
    lisa = persoon(ki, 8, "Lisa", "de Groot")
    kc = register(
        ki,
        kanaal="balie",
        onderwerp="Uittreksel BRP",
        inhoud="Wat kost een uittreksel uit de BRP?",
        reactie="Een uittreksel kost 15,20 euro en krijgt u direct mee.",
        actoren=[baliemedewerker],
        betrokkenen=[Betrokkene(partij=lisa)],
    )

    [contact] = contacten_van(ki, lisa)
    assert contact["uuid"] == kc["uuid"]
    assert contact["kanaal"] == "balie"
    assert actor_uuids(contact) == {baliemedewerker["uuid"]}
    assert uuids(listing(ki, "klantcontacten", kanaal="balie")) == [kc["uuid"]]


@pytest.mark.parametrize(
    ("kanaal", "intake"),
    [
        ("e-mail", ("Mailverwerker", "Verwerkt inkomende e-mail")),
        ("app", ("App-gateway", "Berichten uit de gemeente-app")),
        ("post", ("Scanstraat", "Digitaliseert post")),
        ("balie", None),
    ],
)
def test_c5499_question_kcc_cannot_answer(ki, kanaal, intake):
    """C5499 — Mail/app/letter/desk question KCC cannot answer.

    Intake per channel (C1199, C9853, C2138, C3546), then an interne taak for the
    department that can answer (gevraagdeHandeling Opvolgen klantcontact), te_verwerken in
    the department's queue; the klantcontact keeps its original channel."""
    actor = systeem(ki, *intake) if intake else medewerker(ki, "Noor Hendriks", "Baliemedewerker")
    belastingen = team(ki, "Team Belastingen")
    kc = register(
        ki,
        kanaal=kanaal,
        onderwerp="WOZ-waarde",
        inhoud="Waarom is de WOZ-waarde van mijn woning zo gestegen?",
        actoren=[actor],
        betrokkenen=[Betrokkene(contactnaam=naam("Eva", "Mulder"))],
    )
    opvolgen = taak(ki, kc, OPVOLGEN, belastingen, toelichting="Uitleg WOZ-taxatie gevraagd.")

    [open_taak] = werkvoorraad(ki, belastingen)
    assert open_taak["uuid"] == opvolgen["uuid"]
    assert open_taak["status"] == "te_verwerken"
    assert open_taak["gevraagdeHandeling"] == OPVOLGEN
    contact = get(ki, "klantcontacten", open_taak["aanleidinggevendKlantcontact"]["uuid"])
    assert contact["kanaal"] == kanaal
    assert actor_uuids(contact) == {actor["uuid"]}


def test_c5419_representative_at_the_desk(ki):
    """C5419 — Representative visits the desk, question answered.

    Both partijen are found or created (R3) and the vertegenwoordiging is recorded once
    (a second one for the same pair and self-representation are refused). The klantcontact
    has two betrokkenen: the representative (rol vertegenwoordiger, initiator true) and the
    represented person (rol klant, initiator false); it is in the represented person's
    history."""
    baliemedewerker = medewerker(ki, "Noor Hendriks", "Baliemedewerker")
    dochter = persoon(ki, 9, "Ingrid", "Vos")
    moeder = persoon(ki, 10, "Truus", "Vos")

    vertegenwoordiging(ki, dochter, moeder)
    vertegenwoordiging(ki, dochter, moeder)  # a later visit: already known
    kc = register(
        ki,
        kanaal="balie",
        onderwerp="Kwijtschelding gemeentelijke belastingen",
        inhoud="Kan mijn moeder kwijtschelding krijgen?",
        reactie="Ja, via het formulier kwijtschelding; meegegeven.",
        actoren=[baliemedewerker],
        betrokkenen=[
            Betrokkene(rol="vertegenwoordiger", initiator=True, partij=dochter),
            Betrokkene(rol="klant", initiator=False, partij=moeder),
        ],
    )

    betrokkenen = betrokkenen_van(ki, kc)
    assert [(b["rol"], b["initiator"], b["wasPartij"]["uuid"]) for b in betrokkenen] == [
        ("vertegenwoordiger", True, dochter["uuid"]),
        ("klant", False, moeder["uuid"]),
    ]
    assert uuids(contacten_van(ki, moeder)) == [kc["uuid"]]
    assert len(listing(ki, "vertegenwoordigingen")) == 1
    dubbel = ki.post(
        "vertegenwoordigingen",
        {"vertegenwoordigendePartij": ref(dochter), "vertegenwoordigdePartij": ref(moeder)},
    )
    assert dubbel.status_code == 400
    zelf = ki.post(
        "vertegenwoordigingen",
        {"vertegenwoordigendePartij": ref(moeder), "vertegenwoordigdePartij": ref(moeder)},
    )
    assert zelf.status_code == 400
    assert len(listing(ki, "vertegenwoordigingen")) == 1


def test_c6193_request_via_dso(ki):
    """C6193 — Request via DSO (Omgevingsloket).

    The DSO gateway registers klantcontact{kanaal omgevingsloket, onderwerp "Omgevingsloket
    verzoek <nr>", plaatsgevondenOp = filing time} with the applicant (partij by BSN, R3),
    the agent who filed it as vertegenwoordiger betrokkene + vertegenwoordiging, bijlagen
    for the request documents and an onderwerpobject for the DSO verzoek (§3). The zaak is
    linked when the zaak system creates it. R14: the same verzoek delivered again is
    recognised by its reference and registers nothing."""
    gateway = systeem(ki, "DSO-gateway", "Omgevingsloket")
    aanvrager = persoon(ki, 11, "Mark", "de Wit")
    architect = organisatie(ki, 2, "Architectenbureau Lijn B.V.")
    verzoek = dso_verzoek("2025031000123")

    def gateway_ontvangt() -> Json:
        [bestaand] = contacten_over(ki, verzoek) or [None]
        if bestaand is not None:
            return bestaand
        vertegenwoordiging(ki, architect, aanvrager)
        return register(
            ki,
            kanaal="omgevingsloket",
            onderwerp="Omgevingsloket verzoek 2025031000123",
            inhoud="Aanvraag omgevingsvergunning: bouwen van een aanbouw.",
            plaatsgevondenOp="2025-03-10T16:45:00+01:00",
            actoren=[gateway],
            betrokkenen=[
                Betrokkene(rol="vertegenwoordiger", initiator=True, partij=architect),
                Betrokkene(rol="klant", initiator=False, partij=aanvrager),
            ],
            onderwerpobjecten=[verzoek],
            bijlagen=[document(str(uuid.uuid4())), document(str(uuid.uuid4()))],
        )

    kc = gateway_ontvangt()
    assert gateway_ontvangt()["uuid"] == kc["uuid"]
    # (3) Later the zaak system creates the zaak and links it.
    link_onderwerpobject(ki, kc, zaak(ZAAK_UUID))

    [contact] = listing(ki, "klantcontacten", kanaal="omgevingsloket")
    assert contact["uuid"] == kc["uuid"]
    assert uuids(contacten_over(ki, verzoek)) == [kc["uuid"]]
    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [kc["uuid"]]
    assert len(contact["omvatteBijlagen"]) == 2
    assert uuids(contacten_van(ki, aanvrager)) == [kc["uuid"]]
    assert (
        len(listing(ki, "vertegenwoordigingen", vertegenwoordigdePartij__uuid=aanvrager["uuid"]))
        == 1
    )


def test_c3759_eform_without_login(ki):
    """C3759 — E-form without login.

    The e-form engine registers klantcontact{kanaal e-formulier, onderwerp = form name,
    inhoud = summary, plaatsgevondenOp = submit time}, a betrokkene with contactnaam and
    no partij (R1), the form's digital addresses verstrektDoorBetrokkene, a bijlage per
    stored submission (JSON object and PDF), and the zaak as onderwerpobject."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    inzending = objecten("melding-overlast", "9e8f7a6b-5c4d-4e3f-a2b1-c0d9e8f7a6b5")
    pdf = document("0a9b8c7d-6e5f-4a4b-b3c2-d1e0f9a8b7c6")

    kc = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Melding overlast",
        inhoud="Geluidsoverlast van bouwwerkzaamheden 's nachts.",
        plaatsgevondenOp="2025-03-10T22:31:00+01:00",
        actoren=[engine],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Bas", "Koster"),
                adressen=[
                    ("email", "bas.koster@example.nl", "formulier"),
                    ("telefoonnummer", "0612312312", "formulier"),
                ],
            )
        ],
        bijlagen=[inzending, pdf],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )

    contact = get(ki, "klantcontacten", kc["uuid"], expand="omvatteBijlagen")
    assert contact["kanaal"] == "e-formulier"
    assert [b["bijlageidentificator"] for b in contact["_expand"]["omvatteBijlagen"]] == [
        inzending,
        pdf,
    ]
    [melder] = betrokkenen_van(ki, kc)
    assert melder["wasPartij"] is None
    assert melder["volledigeNaam"] == "Bas Koster"
    adressen = melder["_expand"]["digitaleAdressen"]
    assert {a["adres"] for a in adressen} == {"bas.koster@example.nl", "0612312312"}
    assert all(a["verstrektDoorPartij"] is None for a in adressen)
    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [kc["uuid"]]
    assert listing(ki, "partijen") == []


def _eform_na_digid(ki: ApiClient, engine: Json, n: int, email: str, *, toestemming: bool) -> Json:
    """The e-form engine after a DigiD login (C1790): the BSN selects or creates the
    partij (R3); with consent the form's e-mail becomes the partij's standard and
    preferred address (verstrektDoorPartij), without it stays on the betrokkene."""
    partij = persoon(ki, n, "Yara", "Peters")
    betrokkene = Betrokkene(partij=partij)
    if toestemming:
        bekend = get(ki, "partijen", partij["uuid"], expand="digitaleAdressen")
        if email not in {a["adres"] for a in bekend["_expand"]["digitaleAdressen"]}:
            adres = digitaal_adres(ki, "email", email, partij=partij, isStandaardAdres=True)
            voorkeur(ki, partij, adres)
    else:
        betrokkene.adressen = [("email", email, "formulier")]
    return register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag parkeervergunning",
        inhoud="Parkeervergunning voor bewoners, kenteken AB-123-C.",
        actoren=[engine],
        betrokkenen=[betrokkene],
        bijlagen=[objecten("aanvraag-parkeervergunning", str(uuid.uuid4()))],
    )


def test_c1790_eform_after_digid_with_consent(ki):
    """C1790 — E-form after DigiD login; contact data kept as known person.

    The BSN selects or creates the partij (R3): two submissions give exactly one partij,
    and a second partij with that BSN is refused. With consent the e-mail is a partij
    address (verstrektDoorPartij, isStandaardAdres, voorkeursDigitaalAdres). Both contacts
    are in that person's portal history (found by BSN)."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    eerste = _eform_na_digid(ki, engine, 12, "yara.peters@example.nl", toestemming=True)
    tweede = _eform_na_digid(ki, engine, 12, "yara.peters@example.nl", toestemming=True)

    [partij] = listing(ki, "partijen", partijIdentificator__objectId=bsn(12))
    tweede_partij = ki.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatoren": [
                {"partijIdentificator": partij["partijIdentificatoren"][0]["partijIdentificator"]}
            ],
        },
    )
    assert tweede_partij.status_code == 400
    assert len(listing(ki, "partijen")) == 1
    partij = get(ki, "partijen", partij["uuid"], expand="digitaleAdressen")
    [email] = partij["_expand"]["digitaleAdressen"]
    assert email["adres"] == "yara.peters@example.nl"
    assert email["isStandaardAdres"] is True
    assert email["verstrektDoorPartij"]["uuid"] == partij["uuid"]
    assert partij["voorkeursDigitaalAdres"]["uuid"] == email["uuid"]
    portaal = listing(
        ki,
        "klantcontacten",
        hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId="bsn",
        hadBetrokkene__wasPartij__partijIdentificator__objectId=bsn(12),
    )
    assert uuids(portaal) == [tweede["uuid"], eerste["uuid"]]


def test_c1790_eform_after_digid_without_consent(ki):
    """C1790 — E-form after DigiD login, without consent to reuse contact data.

    R3: the partij holds only its identificator and required fields; the form's e-mail is
    on the betrokkene for this contact only (R7)."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    kc = _eform_na_digid(ki, engine, 13, "tijdelijk@example.nl", toestemming=False)

    partij = find_partij(ki, "bsn", bsn(13))
    assert partij["digitaleAdressen"] == []
    assert partij["voorkeursDigitaalAdres"] is None
    [betrokkene] = betrokkenen_van(ki, kc)
    assert betrokkene["wasPartij"]["uuid"] == partij["uuid"]
    assert [a["adres"] for a in betrokkene["_expand"]["digitaleAdressen"]] == [
        "tijdelijk@example.nl"
    ]
    assert adres_voor_opvolging(ki, kc, "email") == "tijdelijk@example.nl"


def test_c4823_eform_filed_by_a_representative(ki):
    """C4823 — E-form filed by a representative of a person.

    Partijen for both (BSN each, R3) and the vertegenwoordiging; betrokkenen: the
    representative (rol vertegenwoordiger, initiator true) and the represented person (rol
    klant, initiator false). The contact is in the represented person's history and in the
    representative's own history as vertegenwoordiger. (The zaak rollen are in the Zaken
    API.)"""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    curator = persoon(ki, 14, "Henk", "Bos")
    cliënt = persoon(ki, 15, "Rita", "Bos")
    vertegenwoordiging(ki, curator, cliënt)

    kc = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag bijzondere bijstand",
        actoren=[engine],
        betrokkenen=[
            Betrokkene(rol="vertegenwoordiger", initiator=True, partij=curator),
            Betrokkene(rol="klant", initiator=False, partij=cliënt),
        ],
        bijlagen=[objecten("aanvraag-bijzondere-bijstand", str(uuid.uuid4()))],
    )

    assert uuids(contacten_van(ki, cliënt)) == [kc["uuid"]]
    assert uuids(contacten_van(ki, curator)) == [kc["uuid"]]
    [als_vertegenwoordiger] = listing(ki, "betrokkenen", wasPartij__uuid=curator["uuid"])
    assert als_vertegenwoordiger["rol"] == "vertegenwoordiger"
    assert als_vertegenwoordiger["hadKlantcontact"]["uuid"] == kc["uuid"]
    [als_klant] = listing(ki, "betrokkenen", wasPartij__uuid=cliënt["uuid"])
    assert (als_klant["rol"], als_klant["initiator"]) == ("klant", False)
    assert uuids(get(ki, "partijen", curator["uuid"])["vertegenwoordigden"]) == [cliënt["uuid"]]


def test_c4161_form_eform_by_a_company_contact_person(ki):
    """C4161-form — E-form filed by a contact person of an organisation (eHerkenning).

    The organisation partij carries its KVK-nummer and, as eHerkenning gave a branch, the
    vestigingsnummer as sub-identificator (R3). The betrokkene is the organisation
    (rol klant, initiator true, organisatienaam) with the person who filled the form as
    contactnaam; with consent also a contactpersoon partij for that person (werkteVoorPartij,
    no identificator). The company's history is one query on its KVK-nummer."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    bakkerij = organisatie(ki, 3, "Bakkerij De Korst B.V.", vestiging=3)

    kc = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag terrasvergunning",
        actoren=[engine],
        betrokkenen=[
            Betrokkene(
                partij=bakkerij,
                organisatienaam="Bakkerij De Korst B.V.",
                contactnaam=naam("Els", "Bakker"),
            )
        ],
        bijlagen=[objecten("aanvraag-terrasvergunning", str(uuid.uuid4()))],
    )
    els = contactpersoon(ki, bakkerij, "Els", "Bakker")

    bedrijfshistorie = listing(
        ki,
        "klantcontacten",
        hadBetrokkene__wasPartij__partijIdentificator__objectId=kvk_nummer(3),
    )
    assert uuids(bedrijfshistorie) == [kc["uuid"]]
    [betrokkene] = betrokkenen_van(ki, kc)
    assert (betrokkene["organisatienaam"], betrokkene["volledigeNaam"]) == (
        "Bakkerij De Korst B.V.",
        "Els Bakker",
    )
    vestiging = listing(
        ki,
        "partijen",
        partijIdentificator__objectId=vestigingsnummer(3),
        subIdentificatorVan__objectId=kvk_nummer(3),
    )
    assert uuids(vestiging) == [bakkerij["uuid"]]
    els = get(ki, "partijen", els["uuid"])
    assert els["partijIdentificatie"]["werkteVoorPartij"]["uuid"] == bakkerij["uuid"]
    assert els["partijIdentificatoren"] == []


def test_c1866_eform_resumed_later(ki):
    """C1866 — E-form resumed later.

    A half-filled form is a draft in the e-form engine, not a klantcontact (no planned
    contacts, R5). One klantcontact is registered at final submission, plaatsgevondenOp =
    submit time; the engine recognises a submission it already registered by its bijlage
    (the submission object) and registers nothing twice (R14)."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    inzending = objecten("aanvraag-evenementenvergunning", "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e")
    bas = persoon(ki, 16, "Bas", "Smit")

    # Monday: started and saved as draft; the resume-link mail is the form service's.
    assert listing(ki, "klantcontacten") == []

    def engine_dient_in() -> Json:
        bekend = listing(ki, "bijlagen", bijlageidentificatorObjectId=inzending["objectId"])
        if bekend:
            return get(ki, "klantcontacten", bekend[0]["wasBijlageVanKlantcontact"]["uuid"])
        return register(
            ki,
            kanaal="e-formulier",
            onderwerp="Aanvraag evenementenvergunning",
            plaatsgevondenOp="2025-03-14T17:05:00+01:00",
            actoren=[engine],
            betrokkenen=[Betrokkene(partij=bas)],
            bijlagen=[inzending],
        )

    # Friday: resumed and submitted; the engine retries the delivery once.
    kc = engine_dient_in()
    assert engine_dient_in()["uuid"] == kc["uuid"]

    [contact] = listing(ki, "klantcontacten")
    assert parse_datetime(contact["plaatsgevondenOp"]) == parse_datetime(
        "2025-03-14T17:05:00+01:00"
    )


def _eform_met_taak(ki: ApiClient, engine: Json, uitvoerder: Json) -> tuple[Json, Json]:
    """Step (1) of C7781/C2285: the e-form engine registers the submission and asks for
    a zaak with a task Zaak aanmaken."""
    klant = persoon(ki, 17, "Joost", "Dekker")
    kc = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag kapvergunning",
        actoren=[engine],
        betrokkenen=[Betrokkene(partij=klant)],
        bijlagen=[objecten("aanvraag-kapvergunning", str(uuid.uuid4()))],
    )
    return kc, taak(ki, kc, ZAAK_AANMAKEN, uitvoerder)


def _zaaksoftware_verwerkt(ki: ApiClient, uitvoerder: Json) -> list[Json]:
    """Steps (2)-(3): the zaak software polls its queue, creates each zaak (Zaken API),
    links it to the klantcontact and closes the task."""
    gesloten = []
    for open_taak in werkvoorraad(ki, uitvoerder):
        kc = {"uuid": open_taak["aanleidinggevendKlantcontact"]["uuid"]}
        link_onderwerpobject(ki, kc, zaak(ZAAK_UUID))
        gesloten.append(afhandelen(ki, open_taak, toelichting="Zaak ZAAK-2025-0000456."))
    return gesloten


def test_c7781_eform_engine_registers_task_other_software_creates_zaak(ki):
    """C7781 — E-form engine registers klantcontact + task; other software creates the zaak.

    (1) The engine registers the klantcontact (betrokkene, bijlage, actor) and a task Zaak
    aanmaken for the back-office team; (2) the zaak software finds it in the queue (R8);
    (3) creates the zaak, links it to the klantcontact (R10) and sets the task verwerkt."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    backoffice = team(ki, "Team Vergunningen")
    kc, zaak_aanmaken = _eform_met_taak(ki, engine, backoffice)

    [gesloten] = _zaaksoftware_verwerkt(ki, backoffice)

    assert gesloten["uuid"] == zaak_aanmaken["uuid"]
    assert get(ki, "internetaken", zaak_aanmaken["uuid"])["status"] == "verwerkt"
    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [kc["uuid"]]
    assert werkvoorraad(ki, backoffice) == []


def test_c2285_fully_automated_zaak_handling(ki):
    """C2285 — As C7781, with fully automated zaak handling.

    The task is assigned to the zaak-automation actor (geautomatiseerde actor), which
    creates the zaak and closes the task without a human: the task is verwerkt and
    assigned to an automated actor; the klantcontact has no human actor."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    automaat = systeem(ki, "Zaakautomaat", "Maakt zaken aan")
    kc, zaak_aanmaken = _eform_met_taak(ki, engine, automaat)

    _zaaksoftware_verwerkt(ki, automaat)

    gesloten = get(ki, "internetaken", zaak_aanmaken["uuid"])
    assert gesloten["status"] == "verwerkt"
    assert uuids(gesloten["toegewezenAanActoren"]) == [automaat["uuid"]]
    assert get(ki, "actoren", automaat["uuid"])["soortActor"] == "geautomatiseerde_actor"
    contact = get(ki, "klantcontacten", kc["uuid"])
    assert {a["soortActor"] for a in contact["hadBetrokkenActoren"]} == {"geautomatiseerde_actor"}
    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [kc["uuid"]]


def _ingelogde_chat(ki: ApiClient, chatbot: Json) -> Json:
    """A chat after login (C1242): question, the bot's answer and the transcript."""
    klant = persoon(ki, 18, "Mila", "Jacobs")
    return register(
        ki,
        kanaal="chat",
        onderwerp="Ophaaldagen grofvuil",
        inhoud="Wanneer wordt grofvuil opgehaald in mijn wijk?",
        reactie="In uw wijk op de eerste dinsdag van de maand; aanmelden via de website.",
        actoren=[chatbot],
        betrokkenen=[Betrokkene(partij=klant)],
        bijlagen=[document(str(uuid.uuid4()))],
    )


def test_c1242_chatbot_handles_the_question(ki):
    """C1242 — Chatbot handles the question.

    R1: an anonymous chat without follow-up registers nothing; a logged-in chat gives
    klantcontact{kanaal chat, inhoud = question, reactie = the bot's answer} with the
    partij as betrokkene and the transcript as bijlage; its only actor is the chatbot
    (geautomatiseerde actor)."""
    chatbot = systeem(ki, "Chatbot", "Beantwoordt chatvragen")
    assert listing(ki, "klantcontacten") == []  # anonymous chat: nothing

    kc = _ingelogde_chat(ki, chatbot)

    [contact] = listing(ki, "klantcontacten", kanaal="chat")
    assert contact["uuid"] == kc["uuid"]
    assert contact["reactie"].startswith("In uw wijk")
    assert [(a["uuid"], a["soortActor"]) for a in contact["hadBetrokkenActoren"]] == [
        (chatbot["uuid"], "geautomatiseerde_actor")
    ]
    assert len(contact["omvatteBijlagen"]) == 1
    assert listing(ki, "klantcontacten", hadBetrokkene__wasPartij=True) == [contact]


def test_c9309_chatbot_hands_over_to_a_live_agent(ki):
    """C9309 — Chatbot cannot help; handed to a live agent.

    Same conversation, one klantcontact (a hand-over is not follow-up, as C0534): the bot
    registers it with the transcript summary, the agent reads it, joins as actor and adds
    the answer. Outcome: one klantcontact with two actors, bot and medewerker."""
    chatbot = systeem(ki, "Chatbot", "Beantwoordt chatvragen")
    agent = medewerker(ki, "Fatima el Amrani")
    klant = persoon(ki, 19, "Daan", "Kok")
    kc = register(
        ki,
        kanaal="chat",
        onderwerp="Verhuizing doorgeven",
        inhoud="Bot: ik begrijp uw vraag niet. Klant: mijn verhuizing lukt niet online.",
        actoren=[chatbot],
        betrokkenen=[Betrokkene(partij=klant)],
    )

    # The agent sees the bot's part of the conversation.
    assert get(ki, "klantcontacten", kc["uuid"])["inhoud"].startswith("Bot: ik begrijp")
    join(ki, kc, agent)
    response = ki.patch(
        f"klantcontacten/{kc['uuid']}", {"reactie": "Verhuizing samen met de klant doorgegeven."}
    )
    assert response.status_code == 200, response

    [contact] = listing(ki, "klantcontacten")
    assert {(a["uuid"], a["soortActor"]) for a in contact["hadBetrokkenActoren"]} == {
        (chatbot["uuid"], "geautomatiseerde_actor"),
        (agent["uuid"], "medewerker"),
    }
    assert contact["leiddeTotInterneTaken"] == []


def test_c9476_chatbot_registers_a_call_back_request(ki):
    """C9476 — Chatbot did not help; call-back requested.

    The bot asks name and phone number and registers klantcontact{kanaal chat, actor
    chatbot, inhoud = question + transcript summary} with a betrokkene (contactnaam, phone
    address) and a task Terugbellen for KCC. Outcome: an open KCC task whose klantcontact's
    actor is the chatbot and whose betrokkene has the phone number (continues as C2984)."""
    chatbot = systeem(ki, "Chatbot", "Beantwoordt chatvragen")
    kcc = team(ki, "KCC")
    kc = register(
        ki,
        kanaal="chat",
        onderwerp="Bezwaar parkeerboete",
        inhoud="Klant wil bezwaar maken tegen een parkeerboete; bot kon niet helpen.",
        actoren=[chatbot],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Fenna", "Hoek"),
                adressen=[("telefoonnummer", "0645645645", "terugbelnummer")],
            )
        ],
    )
    taak(ki, kc, TERUGBELLEN, kcc)

    [open_taak] = werkvoorraad(ki, kcc)
    assert open_taak["gevraagdeHandeling"] == TERUGBELLEN
    contact = get(ki, "klantcontacten", open_taak["aanleidinggevendKlantcontact"]["uuid"])
    assert actor_uuids(contact) == {chatbot["uuid"]}
    assert adres_voor_opvolging(ki, contact, "telefoonnummer") == "0645645645"


def test_c7352_chatbot_helped_well(ki):
    """C7352 — Chatbot helped well.

    Registered as C1242; the customer's rating is management information kept outside
    the klantcontact: still one klantcontact with the chatbot as only actor, nothing about
    the rating in it."""
    chatbot = systeem(ki, "Chatbot", "Beantwoordt chatvragen")
    kc = _ingelogde_chat(ki, chatbot)

    [contact] = listing(ki, "klantcontacten")
    assert contact["uuid"] == kc["uuid"]
    assert actor_uuids(contact) == {chatbot["uuid"]}
    assert contact["metadata"] == {}


def test_c5479_chatbot_fills_an_eform(ki):
    """C5479 — Chatbot helped and filled an e-form.

    One klantcontact kanaal chat with the chatbot as actor, a bijlage to the submission
    object and the zaak as onderwerpobject once created; no second klantcontact for the
    form itself."""
    chatbot = systeem(ki, "Chatbot", "Beantwoordt chatvragen")
    klant = persoon(ki, 20, "Noah", "Brouwer")
    inzending = objecten("melding-openbare-ruimte", str(uuid.uuid4()))
    kc = register(
        ki,
        kanaal="chat",
        onderwerp="Melding losliggende stoeptegel",
        actoren=[chatbot],
        betrokkenen=[Betrokkene(partij=klant)],
        bijlagen=[inzending],
    )
    link_onderwerpobject(ki, kc, zaak(ZAAK_UUID))

    [contact] = listing(ki, "klantcontacten", expand="omvatteBijlagen")
    assert contact["kanaal"] == "chat"
    assert [b["bijlageidentificator"] for b in contact["_expand"]["omvatteBijlagen"]] == [inzending]
    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [kc["uuid"]]
    assert listing(ki, "klantcontacten", kanaal="e-formulier") == []


@pytest.mark.parametrize(
    ("kanaal", "component"),
    [
        ("post", ("DMS", "Registreert ontvangen post")),
        ("chat", ("Chatbot", "Beantwoordt chatvragen")),
    ],
)
def test_c4374_component_creates_a_task(ki, kanaal, component):
    """C4374 — DMS or chatbot creates a task for a received letter/chat.

    The automated intake registers the klantcontact with itself as actor and a task Lezen
    en bepalen benodigde actie for KCC. The task has no creator field; the klantcontact's
    actor shows the component."""
    intake = systeem(ki, *component)
    kcc = team(ki, "KCC")
    kc = register(
        ki,
        kanaal=kanaal,
        onderwerp="Ontvangen bericht",
        actoren=[intake],
        betrokkenen=[Betrokkene(contactnaam=naam("Ruben", "Wouters"))],
    )
    taak(ki, kc, LEZEN_EN_BEPALEN, kcc)

    [open_taak] = werkvoorraad(ki, kcc)
    assert open_taak["gevraagdeHandeling"] == LEZEN_EN_BEPALEN
    contact = get(ki, "klantcontacten", open_taak["aanleidinggevendKlantcontact"]["uuid"])
    assert [a["uuid"] for a in contact["hadBetrokkenActoren"]] == [intake["uuid"]]
    assert contact["kanaal"] == kanaal


def test_c5254_eform_confirmation_on_screen_only(ki):
    """C5254 — E-form shows a confirmation on screen; no mail.

    One klantcontact for the submission, its on-screen confirmation as PDF bijlage; no
    outbound contact: no betrokkene of this partij with initiator false."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    klant = persoon(ki, 21, "Sanne", "Dijkstra")
    register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag afvalpas",
        actoren=[engine],
        betrokkenen=[Betrokkene(partij=klant)],
        bijlagen=[objecten("aanvraag-afvalpas", str(uuid.uuid4())), document(str(uuid.uuid4()))],
    )

    assert len(contacten_van(ki, klant)) == 1
    rollen = listing(ki, "betrokkenen", wasPartij__uuid=klant["uuid"])
    assert [b["initiator"] for b in rollen] == [True]


def test_c1284_confirmation_mail_after_the_eform(ki):
    """C1284 — E-form completed; confirmation mail sent afterwards.

    The confirmation mail is its own outbound klantcontact: kanaal e-mail, betrokkene
    copied with initiator false (same partij, same contact data), actor = the e-form
    engine, onderwerpobject wasKlantcontact = the submission contact, bijlage = the sent
    mail, sent to the address R7 picks (here the one given in the form)."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    klant = persoon(ki, 22, "Tim", "Vermeulen")
    standaard = digitaal_adres(ki, "email", "tim@werk.example", partij=klant, isStandaardAdres=True)
    voorkeur(ki, klant, standaard)
    inzending = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag ontheffing",
        plaatsgevondenOp="2025-03-10T10:00:00+01:00",
        actoren=[engine],
        betrokkenen=[
            Betrokkene(partij=klant, adressen=[("email", "tim@thuis.example", "formulier")])
        ],
    )

    naar = adres_voor_opvolging(ki, inzending, "email")
    assert naar == "tim@thuis.example"
    bevestiging = vervolgcontact(
        ki,
        inzending,
        engine,
        kanaal="e-mail",
        onderwerp="Bevestiging: aanvraag ontheffing ontvangen",
        inhoud="Wij hebben uw aanvraag ontvangen.",
        plaatsgevondenOp="2025-03-10T10:00:30+01:00",
        indicatieContactGelukt=None,
        bijlagen=[document(str(uuid.uuid4()))],
    )

    assert uuids(contacten_van(ki, klant)) == [bevestiging["uuid"], inzending["uuid"]]
    [link] = listing(ki, "onderwerpobjecten", wasKlantcontact__uuid=inzending["uuid"])
    assert link["klantcontact"]["uuid"] == bevestiging["uuid"]
    assert bevestiging["kanaal"] == "e-mail"
    assert bevestiging["indicatieContactGelukt"] is None
    assert actor_uuids(bevestiging) == {engine["uuid"]}
    assert len(bevestiging["omvatteBijlagen"]) == 1
    [ontvanger] = betrokkenen_van(ki, bevestiging)
    assert (ontvanger["initiator"], ontvanger["wasPartij"]["uuid"]) == (False, klant["uuid"])
    assert [a["adres"] for a in ontvanger["_expand"]["digitaleAdressen"]] == ["tim@thuis.example"]


def test_c4994_messages_in_the_personal_page(ki):
    """C4994 — Read vs unread messages in the personal page.

    API-visible core: the portal's "messages" are the outbound klantcontacten of the
    user's partij (a betrokkene of that partij with initiator false), newest first; opening
    one reads it and leaves the klantcontact unchanged (R6). The read state itself lives
    in the portal's own store (0.9.0 has no read flag) and is not part of this API."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    klant = persoon(ki, 23, "Lotte", "Peeters")
    inkomend = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag",
        plaatsgevondenOp="2025-03-01T10:00:00+01:00",
        actoren=[engine],
        betrokkenen=[Betrokkene(partij=klant)],
    )
    brief = register(
        ki,
        kanaal="post",
        onderwerp="Voortgang aanvraag",
        plaatsgevondenOp="2025-03-05T10:00:00+01:00",
        indicatieContactGelukt=None,
        actoren=[behandelaar],
        betrokkenen=[Betrokkene(partij=klant, initiator=False)],
    )
    mail = register(
        ki,
        kanaal="e-mail",
        onderwerp="Besluit aanvraag",
        plaatsgevondenOp="2025-03-09T10:00:00+01:00",
        indicatieContactGelukt=None,
        actoren=[behandelaar],
        betrokkenen=[Betrokkene(partij=klant, initiator=False)],
    )

    alles = contacten_van(ki, klant, expand="hadBetrokkenen")
    berichten = [
        kc
        for kc in alles
        if any(
            (b["wasPartij"] or {}).get("uuid") == klant["uuid"] and not b["initiator"]
            for b in kc["_expand"]["hadBetrokkenen"]
        )
    ]
    assert uuids(berichten) == [mail["uuid"], brief["uuid"]]
    assert inkomend["uuid"] not in uuids(berichten)
    voor = get(ki, "klantcontacten", brief["uuid"])
    geopend = get(ki, "klantcontacten", brief["uuid"], expand="omvatteBijlagen")
    assert {k: v for k, v in geopend.items() if k != "_expand"} == voor
    assert not AuditTrail.objects.filter(resource_uuid=brief["uuid"], actie="update").exists()


def test_c1924_different_preferred_channels(ki):
    """C1924 — Different preferred channels for different interactions.

    The partij's default is its voorkeursDigitaalAdres plus one isStandaardAdres per kind;
    a preference for one interaction is a betrokkene address on that klantcontact; R7
    picks. A per-topic preference is a labelled partij address (omschrijving/referentie)
    that never overwrites the default, and per-contact data never lands on the partij."""
    agent = medewerker(ki, "Fatima el Amrani")
    klant = persoon(ki, 24, "Jesse", "Willems")
    email = digitaal_adres(ki, "email", "jesse@example.nl", partij=klant, isStandaardAdres=True)
    digitaal_adres(ki, "telefoonnummer", "0301112222", partij=klant, isStandaardAdres=True)
    voorkeur(ki, klant, email)
    digitaal_adres(
        ki,
        "email",
        "jesse.belastingen@example.nl",
        partij=klant,
        omschrijving="Belastingen",
        referentie="belastingen",
    )
    contact_x = register(
        ki,
        kanaal="telefoon",
        onderwerp="Vraag over vergunning",
        actoren=[agent],
        betrokkenen=[
            Betrokkene(partij=klant, adressen=[("telefoonnummer", "0623232323", "deze vraag")])
        ],
    )
    contact_y = register(
        ki,
        kanaal="telefoon",
        onderwerp="Vraag over afval",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=klant)],
    )

    assert adres_voor_opvolging(ki, contact_x, "telefoonnummer") == "0623232323"
    assert adres_voor_opvolging(ki, contact_y, "email") == "jesse@example.nl"
    assert adres_voor_opvolging(ki, contact_y, "telefoonnummer") == "0301112222"
    partij = get(ki, "partijen", klant["uuid"], expand="digitaleAdressen")
    assert partij["voorkeursDigitaalAdres"]["uuid"] == email["uuid"]
    eigen = {a["adres"]: a for a in partij["_expand"]["digitaleAdressen"]}
    assert set(eigen) == {"jesse@example.nl", "0301112222", "jesse.belastingen@example.nl"}
    assert eigen["jesse@example.nl"]["isStandaardAdres"] is True
    assert eigen["jesse.belastingen@example.nl"]["isStandaardAdres"] is False
    [per_onderwerp] = listing(ki, "digitaleadressen", referentie="belastingen")
    assert per_onderwerp["verstrektDoorPartij"]["uuid"] == klant["uuid"]


def test_c1923_person_is_moving(ki):
    """C1923 — Person is moving; two named, dated addresses.

    The planned changes (label, address, valid-from) live in Klantbeeld's own store and
    are applied on their date; that store and its scheduler are not part of this API.
    API-visible core: during the move the correspondentieadres (new BAG
    nummeraanduidingId) differs from the bezoekadres; on the moving date the bezoekadres
    follows; each change is audited with old and new values (R6)."""
    klant = persoon(
        ki,
        25,
        "Iris",
        "Maas",
        bezoekadres={"nummeraanduidingId": "0344200000111111", "land": "NL"},
        correspondentieadres={"nummeraanduidingId": "0344200000111111", "land": "NL"},
    )

    # From the date post should go to the new address.
    response = ki.patch(
        f"partijen/{klant['uuid']}",
        {"correspondentieadres": {"nummeraanduidingId": "0344200000222222", "land": "NL"}},
    )
    assert response.status_code == 200, response
    tijdens = get(ki, "partijen", klant["uuid"])
    assert tijdens["bezoekadres"]["nummeraanduidingId"] == "0344200000111111"
    assert tijdens["correspondentieadres"]["nummeraanduidingId"] == "0344200000222222"

    # Moving day.
    response = ki.patch(
        f"partijen/{klant['uuid']}",
        {"bezoekadres": {"nummeraanduidingId": "0344200000222222", "land": "NL"}},
    )
    assert response.status_code == 200, response
    na = get(ki, "partijen", klant["uuid"])
    assert na["bezoekadres"]["nummeraanduidingId"] == "0344200000222222"
    wijzigingen = AuditTrail.objects.filter(resource_uuid=klant["uuid"], actie="update")
    assert wijzigingen.count() == 2
