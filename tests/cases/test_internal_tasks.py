"""Cases of cases.md §4.5 (handling internal tasks), driven through the Klantinteracties
API as the employee's workspace and the back office do. Zaken and documents are referred
to by their identificators (§3)."""

from __future__ import annotations

import pytest

from tests.cases.helpers import (
    EMAIL_BEANTWOORDEN,
    OPNIEUW_ROUTEREN,
    TERUGBELLEN,
    ZAAK_AANMAKEN,
    ZAAKTYPE_DAKKAPEL,
    Betrokkene,
    Json,
    actor_uuids,
    adres_voor_opvolging,
    afhandelen,
    betrokkenen_van,
    contacten_over,
    document,
    get,
    link_onderwerpobject,
    listing,
    medewerker,
    naam,
    objecten,
    persoon,
    register,
    systeem,
    taak,
    team,
    uuids,
    vervolgcontact,
    werkvoorraad,
    zaak,
)
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db

ZAAK_UUID = "0c4f6a3e-1d2b-4c5a-9e8f-7a6b5c4d3e21"


def _terugbelverzoek(ki: ApiClient, voor: Json) -> tuple[Json, Json]:
    """A KCC call-back request for ``voor`` (as C9167)."""
    agent = medewerker(ki, "Fatima el Amrani")
    jan = persoon(ki, 1, "Jan", "Dijk")
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Kwijtschelding",
        inhoud="Kan ik kwijtschelding krijgen voor de afvalstoffenheffing?",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=jan, adressen=[("telefoonnummer", "0612345678", "")])],
    )
    return kc, taak(ki, kc, TERUGBELLEN, voor, toelichting="Graag voor vrijdag.")


def test_c6114_task_routed_to_the_wrong_team_goes_back_to_kcc(ki):
    """C6114 — Task routed to the wrong person/team. Policy (3a): back to KCC.

    The employee cannot do it: a new task {same aanleidinggevendKlantcontact, Opnieuw
    routeren, toelichting = why, assigned to KCC}; the original task becomes verwerkt with
    a toelichting saying it was passed on, and keeps its assignee (history, not
    reassignment). R8: verwerkt says nothing about the outcome; afgehandeldOp is filled.
    Outcome: the klantcontact's leiddeTotInterneTaken has both tasks."""
    kcc = team(ki, "KCC")
    vergunningen = team(ki, "Team Vergunningen")
    kc, verkeerd = _terugbelverzoek(ki, vergunningen)

    # (1) The employee of Vergunningen opens the task and its klantcontact; (2) cannot do it.
    [opgepakt] = werkvoorraad(ki, vergunningen)
    contact = get(ki, "klantcontacten", opgepakt["aanleidinggevendKlantcontact"]["uuid"])
    # (3a) Back to KCC with the reason; (4) the original task is closed as passed on.
    nieuw = taak(
        ki,
        contact,
        OPNIEUW_ROUTEREN,
        kcc,
        toelichting="Kwijtschelding hoort bij Belastingen, niet bij Vergunningen.",
    )
    afhandelen(ki, opgepakt, toelichting=f"{opgepakt['toelichting']}\nDoorgezet naar KCC.")

    taken = get(ki, "klantcontacten", kc["uuid"], expand="leiddeTotInterneTaken")
    per_uuid = {t["uuid"]: t for t in taken["_expand"]["leiddeTotInterneTaken"]}
    assert set(per_uuid) == {verkeerd["uuid"], nieuw["uuid"]}
    oud = per_uuid[verkeerd["uuid"]]
    assert oud["status"] == "verwerkt"
    assert oud["afgehandeldOp"] is not None
    assert oud["toelichting"].endswith("Doorgezet naar KCC.")
    assert uuids(oud["toegewezenAanActoren"]) == [vergunningen["uuid"]]
    opnieuw = per_uuid[nieuw["uuid"]]
    assert (opnieuw["status"], opnieuw["gevraagdeHandeling"]) == ("te_verwerken", OPNIEUW_ROUTEREN)
    assert uuids(opnieuw["toegewezenAanActoren"]) == [kcc["uuid"]]
    assert opnieuw["afgehandeldOp"] is None
    assert werkvoorraad(ki, vergunningen) == []
    assert uuids(werkvoorraad(ki, kcc)) == [nieuw["uuid"]]


def test_c6114_task_routed_to_the_wrong_team_passed_to_the_right_one(ki):
    """C6114 — Task routed to the wrong person/team. Variant (3b): the employee knows who.

    A new task with the original request (Terugbellen, same toelichting) for the right
    team; the original task becomes verwerkt. Outcome: two tasks on the klantcontact, the
    new one te_verwerken in the right team's queue."""
    vergunningen = team(ki, "Team Vergunningen")
    belastingen = team(ki, "Team Belastingen")
    kc, verkeerd = _terugbelverzoek(ki, vergunningen)

    [opgepakt] = werkvoorraad(ki, vergunningen)
    nieuw = taak(
        ki,
        kc,
        opgepakt["gevraagdeHandeling"],
        belastingen,
        toelichting=opgepakt["toelichting"],
    )
    afhandelen(ki, opgepakt, toelichting="Doorgezet naar Team Belastingen.")

    assert set(uuids(get(ki, "klantcontacten", kc["uuid"])["leiddeTotInterneTaken"])) == {
        verkeerd["uuid"],
        nieuw["uuid"],
    }
    [bij_belastingen] = werkvoorraad(ki, belastingen)
    assert bij_belastingen["uuid"] == nieuw["uuid"]
    assert (bij_belastingen["gevraagdeHandeling"], bij_belastingen["toelichting"]) == (
        TERUGBELLEN,
        "Graag voor vrijdag.",
    )
    assert get(ki, "internetaken", verkeerd["uuid"])["status"] == "verwerkt"
    assert listing(ki, "internetaken", status="verwerkt", klantcontact__uuid=kc["uuid"]) == [
        get(ki, "internetaken", verkeerd["uuid"])
    ]


def test_c2716_zaak_created_from_an_internal_task(ki):
    """C2716 — A zaak is created from an internal task.

    (1) Queue (R8); (2) the task says Zaak aanmaken: the employee reads the klantcontact,
    its bijlagen, the betrokkene, the partij (its BSN for the zaak's initiator rol) and the
    digital addresses in one expanded request; (3) the zaak is created in the Zaken API
    and the documents related there; (4) the zaak is linked to the klantcontact
    (onderwerpobject, hoofdOnderwerpType, R10); (5) the task is verwerkt with the zaak
    identification in toelichting. Outcome: the klantcontact is found by zaak uuid."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    backoffice = team(ki, "Team Vergunningen")
    klant = persoon(ki, 30, "Roos", "van Leeuwen")
    brief = document("2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a")
    kc = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag dakkapel",
        actoren=[engine],
        betrokkenen=[
            Betrokkene(partij=klant, adressen=[("email", "roos@example.nl", "formulier")])
        ],
        bijlagen=[objecten("aanvraag-dakkapel", "4f5a6b7c-8d9e-4f0a-8b1c-2d3e4f5a6b7c"), brief],
    )
    taak(ki, kc, ZAAK_AANMAKEN, backoffice)

    # (1)-(2)
    [opgepakt] = werkvoorraad(ki, backoffice)
    assert opgepakt["gevraagdeHandeling"] == ZAAK_AANMAKEN
    contact = get(
        ki,
        "klantcontacten",
        opgepakt["aanleidinggevendKlantcontact"]["uuid"],
        expand="omvatteBijlagen,hadBetrokkenen,hadBetrokkenen.wasPartij,hadBetrokkenen.digitaleAdressen",
    )
    [betrokkene] = contact["_expand"]["hadBetrokkenen"]
    partij = betrokkene["_expand"]["wasPartij"]
    initiator_bsn = partij["partijIdentificatoren"][0]["partijIdentificator"]["objectId"]
    assert initiator_bsn == klant["partijIdentificatoren"][0]["partijIdentificator"]["objectId"]
    assert [a["adres"] for a in betrokkene["_expand"]["digitaleAdressen"]] == ["roos@example.nl"]
    documenten = [
        b["bijlageidentificator"]["objectId"]
        for b in contact["_expand"]["omvatteBijlagen"]
        if b["bijlageidentificator"]["codeObjecttype"] == "zgw-EnkelvoudigInformatieObject"
    ]
    assert documenten == [brief["objectId"]]
    # (3) Zaken API: zaak + rol initiator (BSN) + related documents. (4) Link it.
    link_onderwerpobject(ki, contact, zaak(ZAAK_UUID))
    response = ki.patch(f"klantcontacten/{kc['uuid']}", {"hoofdOnderwerpType": ZAAKTYPE_DAKKAPEL})
    assert response.status_code == 200, response
    # (5)
    gesloten = afhandelen(ki, opgepakt, toelichting="ZAAK-2025-0000789")

    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [kc["uuid"]]
    assert gesloten["status"] == "verwerkt"
    assert gesloten["toelichting"] == "ZAAK-2025-0000789"
    assert werkvoorraad(ki, backoffice) == []


def test_c9708_employee_answers_a_question_from_a_task(ki):
    """C9708 — Employee answers a question from an internal task.

    (1) Queue; (2) the task, klantcontact, betrokkene and addresses; (3) the channel and
    address per R7 (the betrokkene's own e-mail); (4) the answer is a follow-up
    klantcontact (R9): kanaal e-mail, inhoud = the answer, indicatieContactGelukt null
    (mail), betrokkene copied with initiator false, actor = the employee, the sent reply
    as bijlage, onderwerpobject {klantcontact: new, wasKlantcontact: original}; (5) the
    task is verwerkt."""
    processor = systeem(ki, "Mailverwerker", "Verwerkt inkomende e-mail")
    medewerker_wmo = medewerker(ki, "Hanna Kuipers", "Consulent Wmo")
    wmo = team(ki, "Team Wmo")
    origineel = register(
        ki,
        kanaal="e-mail",
        onderwerp="Traplift",
        inhoud="Kom ik in aanmerking voor een traplift?",
        actoren=[processor],
        betrokkenen=[
            Betrokkene(
                contactnaam=naam("Cor", "Brink"),
                adressen=[("email", "cor.brink@example.nl", "afzender")],
            )
        ],
    )
    taak(ki, origineel, EMAIL_BEANTWOORDEN, wmo)

    [opgepakt] = werkvoorraad(ki, wmo)
    contact = get(ki, "klantcontacten", opgepakt["aanleidinggevendKlantcontact"]["uuid"])
    naar = adres_voor_opvolging(ki, contact, "email")
    assert naar == "cor.brink@example.nl"
    antwoord = vervolgcontact(
        ki,
        contact,
        medewerker_wmo,
        kanaal="e-mail",
        onderwerp="Re: Traplift",
        inhoud="U kunt een Wmo-melding doen; wij nemen daarna contact met u op.",
        indicatieContactGelukt=None,
        bijlagen=[document("3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b")],
    )
    afhandelen(ki, opgepakt)

    [link] = listing(ki, "onderwerpobjecten", wasKlantcontact__uuid=origineel["uuid"])
    assert link["klantcontact"]["uuid"] == antwoord["uuid"]
    assert antwoord["kanaal"] == "e-mail"
    assert antwoord["indicatieContactGelukt"] is None
    assert actor_uuids(antwoord) == {medewerker_wmo["uuid"]}
    assert len(antwoord["omvatteBijlagen"]) == 1
    [kopie] = betrokkenen_van(ki, antwoord)
    assert (kopie["initiator"], kopie["volledigeNaam"]) == (False, "Cor Brink")
    assert kopie["wasPartij"] is None
    assert [a["adres"] for a in kopie["_expand"]["digitaleAdressen"]] == ["cor.brink@example.nl"]
    assert get(ki, "internetaken", opgepakt["uuid"])["status"] == "verwerkt"
    found = listing(ki, "klantcontacten", wasOnderwerpobject__uuid=link["uuid"])
    assert uuids(found) == [origineel["uuid"]]
