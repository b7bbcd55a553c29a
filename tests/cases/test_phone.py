"""Cases of cases.md §4.1 (questions by phone), §4.3 (reports about public space by phone)
and §4.4 (product request by phone), driven through the Klantinteracties API as the KCC
workspace does. Zaken API steps are outside Klantbeeld: a zaak is referred to by its uuid
(onderwerpobject identificator, §3)."""

from __future__ import annotations

import uuid

import pytest
from django.utils.dateparse import parse_datetime

from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import AuditTrail
from tests.cases.helpers import (
    LEZEN_EN_BEPALEN,
    TERUGBELLEN,
    ZAAK_AANMAKEN,
    ZAAKTYPE_DAKKAPEL,
    ZAAKTYPE_MOR,
    Betrokkene,
    actor_uuids,
    adres_voor_opvolging,
    afhandelen,
    betrokkenen_van,
    contacten_over,
    contacten_van,
    digitaal_adres,
    find_partij,
    get,
    join,
    link_onderwerpobject,
    listing,
    medewerker,
    naam,
    objecten,
    persoon,
    ref,
    register,
    taak,
    team,
    uuids,
    vertegenwoordiging,
    vervolgcontact,
    voorkeur,
    werkvoorraad,
    zaak,
)

pytestmark = pytest.mark.django_db

ZAAK_UUID = "0c4f6a3e-1d2b-4c5a-9e8f-7a6b5c4d3e21"
ANDERE_ZAAK_UUID = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c65"


def same_moment(served: str, given: str) -> bool:
    return parse_datetime(served) == parse_datetime(given)


# -- §4.1 Questions and answers by phone -----------------------------------------------------------


def test_c0992_question_answered_on_the_spot(ki):
    """C0992 — Caller's question answered on the spot.

    R1: an anonymous caller whose question is answered leaves nothing behind; a known
    caller gets a klantcontact whose betrokkene is the partij, found by BSN first (R3).
    R4: the logged-in agent is the actor. R5: inhoud = the question, reactie = the answer,
    plaatsgevondenOp = start of the call; §3: taal nld, vertrouwelijk false, referentienummer
    (and the deprecated nummer) filled."""
    agent = medewerker(ki, "Fatima el Amrani")

    # An anonymous caller asks the opening hours and hangs up: nothing to follow up (R1).
    assert listing(ki, "klantcontacten") == []

    # A known caller passes the check questions; the workspace looks the partij up (R3).
    jan = persoon(ki, 1, "Jan", "Dijk")
    assert find_partij(ki, "bsn", bsn(1))["uuid"] == jan["uuid"]
    gesprek_begon = "2025-03-10T09:15:00+01:00"
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Openingstijden milieustraat",
        inhoud="Wanneer is de milieustraat op zaterdag open?",
        reactie="Op zaterdag van 9.00 tot 16.00 uur.",
        plaatsgevondenOp=gesprek_begon,
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=jan)],
    )

    [contact] = contacten_van(ki, jan)
    assert contact["uuid"] == kc["uuid"]
    assert contact["kanaal"] == "telefoon"
    assert contact["inhoud"] == "Wanneer is de milieustraat op zaterdag open?"
    assert contact["reactie"] == "Op zaterdag van 9.00 tot 16.00 uur."
    assert contact["indicatieContactGelukt"] is True
    assert contact["taal"] == "nld"
    assert contact["vertrouwelijk"] is False
    assert same_moment(contact["plaatsgevondenOp"], gesprek_begon)
    assert contact["referentienummer"].isdigit() and len(contact["referentienummer"]) <= 10
    assert contact["nummer"].isdigit() and len(contact["nummer"]) <= 10
    assert actor_uuids(contact) == {agent["uuid"]}
    [betrokkene] = betrokkenen_van(ki, contact)
    assert (betrokkene["rol"], betrokkene["initiator"]) == ("klant", True)
    assert betrokkene["wasPartij"]["uuid"] == jan["uuid"]
    assert listing(ki, "klantcontacten") == [contact]


def test_c0534_transferred_colleague_answers_directly(ki):
    """C0534 — Transferred; a colleague answers directly.

    R3: the caller is authenticated only now, so the partij is created first. The KCC
    registers the question and passes the referentienummer; the colleague finds the
    contact by it, reads subject, question and name, adds the answer and joins as second
    actor. R6: this live transfer is the one time a klantcontact is completed afterwards,
    and the change is audited with who did it. No interne taak."""
    kcc = medewerker(ki, "Fatima el Amrani")
    vergunningen = medewerker(ki, "Pieter Bos", "Medewerker Vergunningen")

    # (1) The caller is not known yet: look up, then create with the BSN (R3).
    assert find_partij(ki, "bsn", bsn(2)) is None
    anna = persoon(ki, 2, "Anna", "Jansen")
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Dakkapel zonder vergunning",
        inhoud="Mag ik aan de achterkant een dakkapel plaatsen zonder vergunning?",
        actoren=[kcc],
        betrokkenen=[Betrokkene(partij=anna)],
    )

    # (2) The call is transferred with the referentienummer; (3) the colleague finds it.
    [gevonden] = listing(
        ki,
        "klantcontacten",
        referentienummer=kc["referentienummer"],
        expand="hadBetrokkenen,hadBetrokkenen.wasPartij",
    )
    assert gevonden["uuid"] == kc["uuid"]
    assert gevonden["onderwerp"] == "Dakkapel zonder vergunning"
    assert gevonden["inhoud"].startswith("Mag ik aan de achterkant")
    [betrokkene] = gevonden["_expand"]["hadBetrokkenen"]
    assert betrokkene["_expand"]["wasPartij"]["partijIdentificatie"]["volledigeNaam"] == (
        "Anna Jansen"
    )

    # (4) The colleague answers, records it and joins as actor.
    antwoord = "Ja, aan de achterkant is een dakkapel vergunningvrij binnen de regels."
    response = ki.patch(
        f"klantcontacten/{kc['uuid']}",
        {"reactie": antwoord},
        headers={"X-Gebruiker-Id": "pbos", "X-Gebruiker-Weergave": "Pieter Bos"},
    )
    assert response.status_code == 200, response
    join(ki, kc, vergunningen)

    result = get(ki, "klantcontacten", kc["uuid"])
    assert result["reactie"] == antwoord
    assert actor_uuids(result) == {kcc["uuid"], vergunningen["uuid"]}
    assert result["leiddeTotInterneTaken"] == []
    assert listing(ki, "internetaken", klantcontact__uuid=kc["uuid"]) == []
    assert len(listing(ki, "klantcontacten")) == 1
    wijziging = AuditTrail.objects.get(resource_uuid=kc["uuid"], actie="update")
    assert wijziging.gebruikers_id == "pbos"
    assert (wijziging.oud["reactie"], wijziging.nieuw["reactie"]) == ("", antwoord)


def test_c9167_call_back_request_for_an_unknown_caller(ki):
    """C9167 — Not answerable now; call-back request. Variant A: unknown caller.

    R1: no identity but follow-up needed → a klantcontact whose betrokkene carries only
    the contact data needed (contactnaam, a phone number verstrektDoorBetrokkene), no
    wasPartij. R8: a task Terugbellen for the department, te_verwerken, with the caller's
    wish in toelichting; it is in the department's work queue and in the contact's
    leiddeTotInterneTaken."""
    agent = medewerker(ki, "Fatima el Amrani")
    oe_vergunningen = team(ki, "Team Vergunningen")

    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Bouwtekening dakkapel",
        inhoud="Welke tekeningen moet ik meesturen met de aanvraag voor een dakkapel?",
        actoren=[agent],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Kees", "Berg", "van den"),
                adressen=[("telefoonnummer", "0612345678", "terugbelnummer")],
            )
        ],
    )
    terugbellen = taak(
        ki,
        kc,
        TERUGBELLEN,
        oe_vergunningen,
        toelichting="Alleen bereikbaar op maandag tussen 14 en 16 uur.",
    )

    assert terugbellen["status"] == "te_verwerken"
    assert terugbellen["referentienummer"].isdigit() and len(terugbellen["referentienummer"]) <= 10
    assert terugbellen["nummer"].isdigit() and len(terugbellen["nummer"]) <= 10
    assert uuids(werkvoorraad(ki, oe_vergunningen)) == [terugbellen["uuid"]]
    contact = get(ki, "klantcontacten", kc["uuid"])
    assert uuids(contact["leiddeTotInterneTaken"]) == [terugbellen["uuid"]]
    [betrokkene] = betrokkenen_van(ki, kc)
    assert betrokkene["wasPartij"] is None
    assert betrokkene["volledigeNaam"] == "Kees van den Berg"
    [nummer] = betrokkene["_expand"]["digitaleAdressen"]
    assert (nummer["soortDigitaalAdres"], nummer["adres"]) == ("telefoonnummer", "0612345678")
    assert nummer["verstrektDoorBetrokkene"]["uuid"] == betrokkene["uuid"]
    assert nummer["verstrektDoorPartij"] is None
    assert uuids(listing(ki, "klantcontacten", hadBetrokkene__wasPartij=False)) == [kc["uuid"]]
    assert adres_voor_opvolging(ki, kc, "telefoonnummer") == "0612345678"


def test_c9167_call_back_request_from_a_consumer_using_the_deprecated_assignee(ki):
    """C9167 — Not answerable now; call-back request, registered by an older workspace.

    R8: the deprecated toegewezenAanActor is accepted alone (the task is in that team's
    queue and lists the team in toegewezenAanActoren too), never together with
    toegewezenAanActoren (400, nothing stored)."""
    agent = medewerker(ki, "Fatima el Amrani")
    oe_vergunningen = team(ki, "Team Vergunningen")
    kcc = team(ki, "KCC")
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Bouwtekening dakkapel",
        actoren=[agent],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Kees", "Berg"),
                adressen=[("telefoonnummer", "0612345678", "terugbelnummer")],
            )
        ],
    )
    verzoek = {
        "aanleidinggevendKlantcontact": ref(kc),
        "gevraagdeHandeling": TERUGBELLEN,
        "toelichting": "Na 14 uur.",
    }

    beide = ki.post(
        "internetaken",
        {
            **verzoek,
            "toegewezenAanActor": ref(oe_vergunningen),
            "toegewezenAanActoren": [ref(kcc)],
        },
    )
    assert beide.status_code == 400, beide
    assert listing(ki, "internetaken") == []
    oud = ki.post("internetaken", {**verzoek, "toegewezenAanActor": ref(oe_vergunningen)})
    assert oud.status_code == 201, oud

    [in_de_rij] = werkvoorraad(ki, oe_vergunningen)
    assert in_de_rij["uuid"] == oud.json()["uuid"]
    assert in_de_rij["toegewezenAanActor"]["uuid"] == oe_vergunningen["uuid"]
    assert uuids(in_de_rij["toegewezenAanActoren"]) == [oe_vergunningen["uuid"]]
    assert in_de_rij["status"] == "te_verwerken"
    assert werkvoorraad(ki, kcc) == []


def test_c9167_call_back_request_for_a_known_caller_with_another_number(ki):
    """C9167 — Not answerable now; call-back request. Variant B: known partij.

    The betrokkene points to the partij and carries only the number that deviates from
    the partij's own (R7: never write per-contact data onto the partij). The call-back
    number is the deviating one; a contact without a deviating number falls back to the
    partij's voorkeursDigitaalAdres."""
    agent = medewerker(ki, "Fatima el Amrani")
    oe_vergunningen = team(ki, "Team Vergunningen")
    jan = persoon(ki, 1, "Jan", "Dijk")
    thuis = digitaal_adres(ki, "telefoonnummer", "0301234567", partij=jan, isStandaardAdres=True)
    voorkeur(ki, jan, thuis)

    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Aanvraag omgevingsvergunning",
        inhoud="Hoe lang duurt de behandeling van mijn aanvraag?",
        actoren=[agent],
        betrokkenen=[
            Betrokkene(partij=jan, adressen=[("telefoonnummer", "0687654321", "alleen deze week")])
        ],
    )
    taak(ki, kc, TERUGBELLEN, oe_vergunningen)
    zonder_afwijking = register(
        ki,
        kanaal="telefoon",
        onderwerp="Aanvraag omgevingsvergunning",
        inhoud="Is mijn aanvraag al in behandeling?",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=jan)],
    )
    taak(ki, zonder_afwijking, TERUGBELLEN, oe_vergunningen)

    assert len(werkvoorraad(ki, oe_vergunningen)) == 2
    assert adres_voor_opvolging(ki, kc, "telefoonnummer") == "0687654321"
    assert adres_voor_opvolging(ki, zonder_afwijking, "telefoonnummer") == "0301234567"
    partij = get(ki, "partijen", jan["uuid"], expand="digitaleAdressen")
    assert [a["adres"] for a in partij["_expand"]["digitaleAdressen"]] == ["0301234567"]
    assert partij["voorkeursDigitaalAdres"]["uuid"] == thuis["uuid"]


def test_c9167_call_back_request_for_a_caller_authenticated_now(ki):
    """C9167 — Not answerable now; call-back request. Variant C: authenticated but new.

    R3: the partij is looked up, then created with its identificator in one call; a second
    creation with the same BSN is refused. Then as variant B."""
    agent = medewerker(ki, "Fatima el Amrani")
    oe_vergunningen = team(ki, "Team Vergunningen")

    assert find_partij(ki, "bsn", bsn(3)) is None
    nieuw = persoon(ki, 3, "Sara", "Visser")
    dubbel = ki.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatoren": [
                {
                    "partijIdentificator": {
                        "codeObjecttype": "natuurlijk_persoon",
                        "codeSoortObjectId": "bsn",
                        "objectId": bsn(3),
                        "codeRegister": "brp",
                    }
                }
            ],
        },
    )
    assert dubbel.status_code == 400
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Sloopmelding schuur",
        inhoud="Moet ik het slopen van mijn schuur melden?",
        actoren=[agent],
        betrokkenen=[
            Betrokkene(partij=nieuw, adressen=[("telefoonnummer", "0611122233", "mobiel")])
        ],
    )
    terugbellen = taak(ki, kc, TERUGBELLEN, oe_vergunningen)

    assert uuids(werkvoorraad(ki, oe_vergunningen)) == [terugbellen["uuid"]]
    assert uuids(contacten_van(ki, nieuw)) == [kc["uuid"]]
    assert len(listing(ki, "partijen", partijIdentificator__objectId=bsn(3))) == 1
    assert adres_voor_opvolging(ki, kc, "telefoonnummer") == "0611122233"


def test_c4161_tel_known_caller_klantbeeld_shown(ki):
    """C4161-tel — Caller authenticated, already known; klantbeeld shown.

    R3: the partij is looked up by BSN. The klantbeeld shows its identificators, digital
    addresses and preferred one, addresses, interneNotitie, the recent contacts newest
    first with their tasks and onderwerpobjecten (one request, expanded), and the
    representations. The same person as contact person of a company is a separate partij
    and is not merged. (Zaken, documents and the verwerkingenlog are outside this API.)"""
    agent = medewerker(ki, "Fatima el Amrani")
    kcc = team(ki, "KCC")
    jan = persoon(
        ki,
        1,
        "Jan",
        "Dijk",
        interneNotitie="Slechthorend: rustig en duidelijk praten.",
        correspondentieadres={"nummeraanduidingId": "0344200000123456", "land": "NL"},
    )
    email = digitaal_adres(ki, "email", "jan.dijk@example.nl", partij=jan, isStandaardAdres=True)
    voorkeur(ki, jan, email)
    moeder = persoon(ki, 2, "Gerda", "Dijk")
    vertegenwoordiging(ki, jan, moeder)
    bedrijf = ki.post(
        "partijen",
        {
            "soortPartij": "organisatie",
            "indicatieActief": True,
            "partijIdentificatie": {"naam": "Dijk Installatietechniek B.V."},
        },
    ).json()
    ki.post(
        "partijen",
        {
            "soortPartij": "contactpersoon",
            "indicatieActief": True,
            "partijIdentificatie": {
                "werkteVoorPartij": ref(bedrijf),
                "contactnaam": {"voornaam": "Jan", "achternaam": "Dijk"},
            },
        },
    )
    oud = register(
        ki,
        kanaal="balie",
        onderwerp="Paspoort aanvragen",
        plaatsgevondenOp="2025-01-06T10:00:00+01:00",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=jan)],
    )
    over_zaak = register(
        ki,
        kanaal="e-mail",
        onderwerp="Vraag over mijn aanvraag",
        plaatsgevondenOp="2025-02-03T10:00:00+01:00",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=jan)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    open_taak = taak(ki, over_zaak, LEZEN_EN_BEPALEN, kcc)
    register(
        ki,
        kanaal="telefoon",
        onderwerp="Andermans vraag",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=moeder)],
    )

    # (1)-(2) The agent authenticated the caller; Klantbeeld looks the partij up by BSN.
    gevonden = find_partij(ki, "bsn", bsn(1))
    assert gevonden["uuid"] == jan["uuid"]
    # (3) Contact data, addresses and internal note.
    partij = get(ki, "partijen", jan["uuid"], expand="digitaleAdressen")
    assert partij["interneNotitie"] == "Slechthorend: rustig en duidelijk praten."
    assert partij["correspondentieadres"]["nummeraanduidingId"] == "0344200000123456"
    assert partij["partijIdentificatoren"][0]["partijIdentificator"]["objectId"] == bsn(1)
    assert partij["voorkeursDigitaalAdres"]["uuid"] == email["uuid"]
    assert [a["adres"] for a in partij["_expand"]["digitaleAdressen"]] == ["jan.dijk@example.nl"]
    # Recent contacts, newest first, with their tasks and subjects in one request.
    recent = contacten_van(ki, jan, expand="leiddeTotInterneTaken,gingOverOnderwerpobjecten")
    assert uuids(recent) == [over_zaak["uuid"], oud["uuid"]]
    [taak_gezien] = recent[0]["_expand"]["leiddeTotInterneTaken"]
    assert (taak_gezien["uuid"], taak_gezien["status"]) == (open_taak["uuid"], "te_verwerken")
    [onderwerp] = recent[0]["_expand"]["gingOverOnderwerpobjecten"]
    assert onderwerp["onderwerpobjectidentificator"] == zaak(ZAAK_UUID)
    assert recent[1]["_expand"] == {"leiddeTotInterneTaken": [], "gingOverOnderwerpobjecten": []}
    # Representations.
    assert uuids(partij["vertegenwoordigden"]) == [moeder["uuid"]]
    namens = listing(ki, "vertegenwoordigingen", vertegenwoordigendePartij__uuid=jan["uuid"])
    assert [v["vertegenwoordigdePartij"]["uuid"] for v in namens] == [moeder["uuid"]]
    # The contact person "Jan Dijk" of the company is another partij, not merged (R3).
    assert len(listing(ki, "partijen", partijIdentificator__objectId=bsn(1))) == 1
    assert len(listing(ki, "partijen", soortPartij="contactpersoon")) == 1


def test_c2984_colleague_calls_back_on_kcc_request(ki):
    """C2984 — Colleague calls back on KCC's request.

    R8: the employee opens the team's work queue and picks the task; reads task,
    klantcontact, betrokkene and contact data (R7: the betrokkene's own number first).
    R9: the call back is a new klantcontact (kanaal telefoon, indicatieContactGelukt true,
    betrokkene copied with initiator false, actor = employee) linked by an onderwerpobject
    wasKlantcontact = original; the task becomes verwerkt with afgehandeldOp. R6: the
    original klantcontact itself is not changed."""
    agent = medewerker(ki, "Fatima el Amrani")
    pieter = medewerker(ki, "Pieter Bos", "Medewerker Vergunningen")
    oe_vergunningen = team(ki, "Team Vergunningen")
    jan = persoon(ki, 1, "Jan", "Dijk")
    digitaal_adres(ki, "telefoonnummer", "0301234567", partij=jan, isStandaardAdres=True)
    origineel = register(
        ki,
        kanaal="telefoon",
        onderwerp="Dakkapel",
        inhoud="Is voor mijn dakkapel aan de voorkant een vergunning nodig?",
        plaatsgevondenOp="2025-03-10T09:15:00+01:00",
        actoren=[agent],
        betrokkenen=[
            Betrokkene(partij=jan, adressen=[("telefoonnummer", "0687654321", "overdag")])
        ],
    )
    taak(ki, origineel, TERUGBELLEN, oe_vergunningen, toelichting="Na 14 uur bellen.")
    voor = get(ki, "klantcontacten", origineel["uuid"])

    # (1) Pieter opens the queue of his team and picks the task.
    [opgepakt] = werkvoorraad(ki, oe_vergunningen)
    assert opgepakt["gevraagdeHandeling"] == TERUGBELLEN
    assert opgepakt["toelichting"] == "Na 14 uur bellen."
    # (2) Task, klantcontact, betrokkene and the number to call (R7).
    contact = get(ki, "klantcontacten", opgepakt["aanleidinggevendKlantcontact"]["uuid"])
    assert contact["inhoud"].startswith("Is voor mijn dakkapel")
    nummer = adres_voor_opvolging(ki, contact, "telefoonnummer")
    assert nummer == "0687654321"
    # (3) He calls; (4) records the call and closes the task.
    terugbel = vervolgcontact(
        ki,
        contact,
        pieter,
        kanaal="telefoon",
        onderwerp="Terugbellen: dakkapel",
        inhoud="Klant teruggebeld over dakkapel aan de voorkant.",
        reactie="Aan de voorkant is een vergunning nodig; aanvraag via het Omgevingsloket.",
        indicatieContactGelukt=True,
    )
    gesloten = afhandelen(ki, opgepakt)

    assert gesloten["status"] == "verwerkt"
    assert gesloten["afgehandeldOp"] is not None
    assert werkvoorraad(ki, oe_vergunningen) == []
    [link] = listing(ki, "onderwerpobjecten", wasKlantcontact__uuid=origineel["uuid"])
    assert link["klantcontact"]["uuid"] == terugbel["uuid"]
    assert uuids(terugbel["gingOverOnderwerpobjecten"]) == [link["uuid"]]
    assert actor_uuids(terugbel) == {pieter["uuid"]}
    assert terugbel["kanaal"] == "telefoon"
    assert terugbel["indicatieContactGelukt"] is True
    [kopie] = betrokkenen_van(ki, terugbel)
    assert (kopie["rol"], kopie["initiator"]) == ("klant", False)
    assert kopie["wasPartij"]["uuid"] == jan["uuid"]
    assert [a["adres"] for a in kopie["_expand"]["digitaleAdressen"]] == ["0687654321"]
    assert uuids(contacten_van(ki, jan)) == [terugbel["uuid"], origineel["uuid"]]
    assert get(ki, "klantcontacten", origineel["uuid"]) == voor


def test_c9761_call_back_leads_to_a_zaak(ki):
    """C9761 — Call-back reveals work to do; a zaak is created.

    As C2984; the zaak is created in the Zaken API (outside Klantbeeld). R10: the
    call-back klantcontact gets an onderwerpobject for the zaak (§3 identificator) and
    hoofdOnderwerpType = the zaaktype URL; the task is closed with the zaak identification
    in toelichting (InterneTaak 0.9.0 has no field for it)."""
    agent = medewerker(ki, "Fatima el Amrani")
    pieter = medewerker(ki, "Pieter Bos", "Medewerker Vergunningen")
    oe_vergunningen = team(ki, "Team Vergunningen")
    jan = persoon(ki, 1, "Jan", "Dijk")
    origineel = register(
        ki,
        kanaal="telefoon",
        onderwerp="Dakkapel",
        inhoud="Ik wil een dakkapel aan de voorkant.",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=jan, adressen=[("telefoonnummer", "0687654321", "")])],
    )
    taak(ki, origineel, TERUGBELLEN, oe_vergunningen, toelichting="Klant wil aanvragen.")

    [opgepakt] = werkvoorraad(ki, oe_vergunningen)
    terugbel = vervolgcontact(
        ki,
        origineel,
        pieter,
        kanaal="telefoon",
        onderwerp="Terugbellen: dakkapel",
        inhoud="Aanvraag voor dakkapel besproken en opgenomen.",
        indicatieContactGelukt=True,
    )
    # (2) The zaak is created in the Zaken API; (3) linked to the call-back contact.
    link_onderwerpobject(ki, terugbel, zaak(ZAAK_UUID))
    response = ki.patch(
        f"klantcontacten/{terugbel['uuid']}", {"hoofdOnderwerpType": ZAAKTYPE_DAKKAPEL}
    )
    assert response.status_code == 200, response
    # (4) The task is closed with the zaak identification.
    gesloten = afhandelen(
        ki, opgepakt, toelichting=f"{opgepakt['toelichting']}\nZaak ZAAK-2025-0000123 aangemaakt."
    )

    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [terugbel["uuid"]]
    assert get(ki, "klantcontacten", terugbel["uuid"])["hoofdOnderwerpType"] == ZAAKTYPE_DAKKAPEL
    assert gesloten["status"] == "verwerkt"
    assert "ZAAK-2025-0000123" in gesloten["toelichting"]
    assert contacten_over(ki, zaak(ANDERE_ZAAK_UUID)) == []


def test_c3155_information_gathered_beforehand_is_stored(ki):
    """C3155 — Store information gathered beforehand.

    The phone-menu choice, the verified number and the answers to the department's fixed
    question set are registered once the contact is: structured pairs in
    klantcontact.metadata, human-readable answers in the task's toelichting, a long
    pre-intake form as a bijlage (Objecten API). Nothing is registered before that."""
    agent = medewerker(ki, "Fatima el Amrani")
    oe_vergunningen = team(ki, "Team Vergunningen")
    jan = persoon(ki, 1, "Jan", "Dijk")
    pre_intake = objecten("pre-intake-vergunningen", "3f2e1d0c-9b8a-4765-8432-10fedcba9876")

    assert listing(ki, "klantcontacten") == []  # the workspace holds it until registration
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Dakkapel",
        inhoud="Wil een dakkapel plaatsen, vragen over de regels.",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=jan)],
        bijlagen=[pre_intake],
        metadata={
            "telefoonmenu": "vergunningen",
            "nummerGeverifieerd": "ja",
            "vragenset": "vergunningen-dakkapel",
            "adres": "Dorpsstraat 12, 3512 AB Utrecht",
        },
    )
    antwoorden = (
        "Vragenset dakkapel:\n- Voor- of achterkant: voorkant\n- Monument: nee\n- Breedte: 3 meter"
    )
    taak(ki, kc, TERUGBELLEN, oe_vergunningen, toelichting=antwoorden)

    [opgepakt] = werkvoorraad(ki, oe_vergunningen)
    assert opgepakt["toelichting"] == antwoorden
    contact = get(ki, "klantcontacten", kc["uuid"], expand="omvatteBijlagen")
    assert contact["metadata"] == {
        "telefoonmenu": "vergunningen",
        "nummerGeverifieerd": "ja",
        "vragenset": "vergunningen-dakkapel",
        "adres": "Dorpsstraat 12, 3512 AB Utrecht",
    }
    [bijlage] = contact["_expand"]["omvatteBijlagen"]
    assert bijlage["bijlageidentificator"] == pre_intake


def test_c3155_metadata_values_of_up_to_255_characters_are_kept(ki):
    """C3155 — Store information gathered beforehand: metadata string values ≤255.

    cases.md C3155 and the 0.9.0 spec (Klantcontact.metadata additionalProperties
    maxLength 255) allow values of up to 255 characters, e.g. a free-text answer from the
    pre-intake form; a longer value is a 400 naming metadata."""
    agent = medewerker(ki, "Fatima el Amrani")
    opmerking = ("Achtergevel, grenst aan openbaar groen; buurman akkoord. " * 5)[:255]
    assert len(opmerking) == 255

    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Dakkapel",
        actoren=[agent],
        metadata={"vragenset": "vergunningen-dakkapel", "opmerking": opmerking},
    )
    assert kc["metadata"]["opmerking"] == opmerking
    te_lang = ki.patch(f"klantcontacten/{kc['uuid']}", {"metadata": {"opmerking": opmerking + "."}})
    assert te_lang.status_code == 400
    assert {p["name"] for p in te_lang.json()["invalidParams"]} == {"metadata"}


# -- §4.3 Reports about public space by phone ------------------------------------------------------


def test_c4390_report_a_new_zaak_is_created(ki):
    """C4390 — Report; a new zaak is created at once.

    The zaak and the reporter's rol live in the Zaken API (outside Klantbeeld). The
    API-visible core: a klantcontact (kanaal telefoon, hoofdOnderwerpType = the MOR
    zaaktype) with an onderwerpobject for the new zaak (R10), a betrokkene without partij
    (R1: the reporter is not authenticated) carrying a name and contact data for
    follow-up, and the agent as actor; it is found by the zaak uuid."""
    agent = medewerker(ki, "Fatima el Amrani")
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Lantaarnpaal kapot",
        inhoud="Lantaarnpaal voor Dorpsstraat 12 brandt al een week niet.",
        hoofdOnderwerpType=ZAAKTYPE_MOR,
        actoren=[agent],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Ahmed", "Yilmaz"),
                adressen=[
                    ("telefoonnummer", "0612345678", "melder"),
                    ("email", "a.yilmaz@example.nl", "melder"),
                ],
            )
        ],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )

    [gevonden] = contacten_over(ki, zaak(ZAAK_UUID))
    assert gevonden["uuid"] == kc["uuid"]
    assert gevonden["hoofdOnderwerpType"] == ZAAKTYPE_MOR
    assert actor_uuids(gevonden) == {agent["uuid"]}
    [melder] = betrokkenen_van(ki, kc)
    assert melder["wasPartij"] is None
    assert melder["volledigeNaam"] == "Ahmed Yilmaz"
    assert {a["adres"] for a in melder["_expand"]["digitaleAdressen"]} == {
        "0612345678",
        "a.yilmaz@example.nl",
    }


def test_c0359_report_about_an_existing_zaak(ki):
    """C0359 — Report; a zaak already exists.

    The agent finds the open zaak (Zaken API) and adds the caller as a rol there. The
    API-visible core: the new klantcontact points to the existing zaak (no new zaak
    reference); both reports are found by the zaak uuid, each with its own reporter. No
    interne taak in this flow."""
    agent = medewerker(ki, "Fatima el Amrani")
    eerste = register(
        ki,
        kanaal="telefoon",
        onderwerp="Lantaarnpaal kapot",
        plaatsgevondenOp="2025-03-10T09:00:00+01:00",
        hoofdOnderwerpType=ZAAKTYPE_MOR,
        actoren=[agent],
        betrokkenen=[Betrokkene(contactnaam=naam("Ahmed", "Yilmaz"))],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    tweede = register(
        ki,
        kanaal="telefoon",
        onderwerp="Lantaarnpaal kapot",
        inhoud="De lantaarnpaal bij nummer 12 is nog steeds donker.",
        plaatsgevondenOp="2025-03-11T14:30:00+01:00",
        actoren=[agent],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Lotte", "Smit"),
                adressen=[("telefoonnummer", "0698765432", "melder")],
            )
        ],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )

    over_zaak = contacten_over(ki, zaak(ZAAK_UUID), expand="hadBetrokkenen")
    assert uuids(over_zaak) == [tweede["uuid"], eerste["uuid"]]
    assert [kc["_expand"]["hadBetrokkenen"][0]["volledigeNaam"] for kc in over_zaak] == [
        "Lotte Smit",
        "Ahmed Yilmaz",
    ]
    assert {
        o["onderwerpobjectidentificator"]["objectId"] for o in listing(ki, "onderwerpobjecten")
    } == {ZAAK_UUID}
    assert listing(ki, "internetaken") == []


# -- §4.4 Product request by phone -----------------------------------------------------------------


@pytest.mark.parametrize("zaak_direct", [True, False], ids=["zaak-created", "task-zaak-aanmaken"])
def test_c9018_caller_requests_a_product(ki, zaak_direct):
    """C9018 — Caller requests a product.

    The agent authenticates the caller, finds or creates the partij (R3), registers the
    klantcontact (onderwerp = product, inhoud = summary) and fills the e-form for the
    caller; the productaanvraag object (Objecten API) is a bijlage (R10). The zaak is
    created automatically (onderwerpobject zaak) or, when delegated, an interne taak
    Zaak aanmaken is created (→ C2716)."""
    agent = medewerker(ki, "Fatima el Amrani")
    backoffice = team(ki, "Team Burgerzaken")
    productaanvraag = objecten("productaanvraag", str(uuid.uuid4()))

    gerda = persoon(ki, 4, "Gerda", "Bakker")
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Gehandicaptenparkeerkaart",
        inhoud="Aanvraag gehandicaptenparkeerkaart, ingevuld namens de klant.",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=gerda)],
        bijlagen=[productaanvraag],
    )
    if zaak_direct:
        link_onderwerpobject(ki, kc, zaak(ZAAK_UUID))
    else:
        taak(ki, kc, ZAAK_AANMAKEN, backoffice)

    [bijlage] = listing(ki, "bijlagen", bijlageidentificatorObjectId=productaanvraag["objectId"])
    assert bijlage["wasBijlageVanKlantcontact"]["uuid"] == kc["uuid"]
    assert bijlage["bijlageidentificator"] == productaanvraag
    assert uuids(contacten_van(ki, gerda)) == [kc["uuid"]]
    if zaak_direct:
        assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [kc["uuid"]]
        assert listing(ki, "internetaken") == []
    else:
        [open_taak] = werkvoorraad(ki, backoffice)
        assert open_taak["gevraagdeHandeling"] == ZAAK_AANMAKEN
        assert open_taak["aanleidinggevendKlantcontact"]["uuid"] == kc["uuid"]
        assert listing(ki, "onderwerpobjecten") == []
