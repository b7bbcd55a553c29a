"""Cases of cases.md §4.7 (contact started by the case handler) and §4.8 (contact about a
zaak). Zaken, Catalogi, Documenten, Objecten and Notificaties are outside Klantbeeld; each
scenario plays the API-visible core: the klantcontacten, tasks and links a consumer
registers, with the zaak, documents and objects referred to by their identificators
(§3)."""

from __future__ import annotations

import uuid

import pytest

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.demo.numbers import bsn
from klantbeeld.domain.models import AuditTrail
from tests.cases.helpers import (
    INTREKKEN,
    OPVOLGEN,
    TERUGBELLEN,
    Betrokkene,
    Json,
    actor_uuids,
    adres_voor_opvolging,
    afhandelen,
    bestaand_bericht,
    betrokkenen_van,
    contacten_over,
    contacten_van,
    digitaal_adres,
    document,
    get,
    listing,
    medewerker,
    objecten,
    persoon,
    register,
    systeem,
    taak,
    team,
    uuids,
    vervolgcontact,
    voorkeur,
    werkvoorraad,
    zaak,
)
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db

ZAAK_UUID = "0c4f6a3e-1d2b-4c5a-9e8f-7a6b5c4d3e21"
DEELZAAK_UUID = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"


# -- §4.7 Contact started by the case handler ------------------------------------------------------


def test_c9750_handler_sends_a_progress_letter(ki):
    """C9750 — Handler sends a progress letter.

    klantcontact{kanaal post, onderwerp "Voortgang <zaak>", inhoud = summary,
    indicatieContactGelukt null, plaatsgevondenOp = sending time}, betrokkene{rol klant,
    initiator false, wasPartij} with the correspondentieadres actually used, actor = the
    handler, bijlage = the letter, onderwerpobject = the zaak. Visible in the customer's
    portal history (found by BSN)."""
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    klant = persoon(ki, 40, "Bram", "Evers")
    brief = document(str(uuid.uuid4()))

    kc = register(
        ki,
        kanaal="post",
        onderwerp="Voortgang ZAAK-2025-0000042",
        inhoud="Uw aanvraag is in behandeling; verwacht besluit binnen 4 weken.",
        indicatieContactGelukt=None,
        plaatsgevondenOp="2025-03-12T15:00:00+01:00",
        actoren=[behandelaar],
        betrokkenen=[
            Betrokkene(
                partij=klant,
                initiator=False,
                correspondentieadres={
                    "adresregel1": "Postbus 12",
                    "adresregel2": "3500 AA Utrecht",
                },
            )
        ],
        bijlagen=[brief],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )

    [over_zaak] = contacten_over(ki, zaak(ZAAK_UUID), expand="omvatteBijlagen")
    assert over_zaak["uuid"] == kc["uuid"]
    assert over_zaak["indicatieContactGelukt"] is None
    assert [b["bijlageidentificator"] for b in over_zaak["_expand"]["omvatteBijlagen"]] == [brief]
    [ontvanger] = betrokkenen_van(ki, kc)
    assert (ontvanger["initiator"], ontvanger["wasPartij"]["uuid"]) == (False, klant["uuid"])
    assert ontvanger["correspondentieadres"]["adresregel1"] == "Postbus 12"
    portaal = listing(
        ki, "klantcontacten", hadBetrokkene__wasPartij__partijIdentificator__objectId=bsn(40)
    )
    assert uuids(portaal) == [kc["uuid"]]


def test_c5655_handler_sends_a_progress_email(ki):
    """C5655 — Handler sends a progress e-mail.

    As C9750 with kanaal e-mail, the address per R7 (the partij's preferred e-mail), the
    sent mail as bijlage. A bounce later corrects indicatieContactGelukt to false — a
    correction of a mistake (R6), audited."""
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    klant = persoon(ki, 41, "Femke", "Dam")
    email = digitaal_adres(ki, "email", "femke@example.nl", partij=klant, isStandaardAdres=True)
    voorkeur(ki, klant, email)
    eerder = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag",
        actoren=[behandelaar],
        betrokkenen=[Betrokkene(partij=klant)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    assert adres_voor_opvolging(ki, eerder, "email") == "femke@example.nl"

    kc = register(
        ki,
        kanaal="e-mail",
        onderwerp="Voortgang ZAAK-2025-0000042",
        inhoud="Uw aanvraag is compleet en in behandeling genomen.",
        indicatieContactGelukt=None,
        actoren=[behandelaar],
        betrokkenen=[Betrokkene(partij=klant, initiator=False)],
        bijlagen=[document(str(uuid.uuid4()))],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    # The mail bounces.
    response = ki.patch(f"klantcontacten/{kc['uuid']}", {"indicatieContactGelukt": False})
    assert response.status_code == 200, response

    [uitgaand] = contacten_over(ki, zaak(ZAAK_UUID), kanaal="e-mail")
    assert uitgaand["uuid"] == kc["uuid"]
    assert uitgaand["indicatieContactGelukt"] is False
    [ontvanger] = betrokkenen_van(ki, kc)
    assert ontvanger["initiator"] is False
    correctie = AuditTrail.objects.get(resource_uuid=kc["uuid"], actie="update")
    assert (
        correctie.oud["indicatie_contact_gelukt"],
        correctie.nieuw["indicatie_contact_gelukt"],
    ) == (
        None,
        False,
    )


def test_c7998_handler_phones_the_customer_with_questions(ki):
    """C7998 — Handler phones the customer with questions.

    klantcontact{kanaal telefoon, indicatieContactGelukt true, inhoud = the questions,
    reactie = the answers}, betrokkene initiator false, actor = the handler,
    onderwerpobject = the zaak."""
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    klant = persoon(ki, 42, "Stijn", "Post")
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Aanvullende vragen ZAAK-2025-0000042",
        inhoud="Hoe hoog wordt de schutting? Grenst die aan openbaar gebied?",
        reactie="1,80 meter; nee, alleen aan de buren.",
        indicatieContactGelukt=True,
        actoren=[behandelaar],
        betrokkenen=[Betrokkene(partij=klant, initiator=False)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )

    [over_zaak] = contacten_over(ki, zaak(ZAAK_UUID))
    assert over_zaak["uuid"] == kc["uuid"]
    assert (over_zaak["inhoud"], over_zaak["reactie"]) == (
        "Hoe hoog wordt de schutting? Grenst die aan openbaar gebied?",
        "1,80 meter; nee, alleen aan de buren.",
    )
    assert actor_uuids(over_zaak) == {behandelaar["uuid"]}
    assert [b["initiator"] for b in betrokkenen_van(ki, kc)] == [False]


def test_c7300_handler_phones_no_answer(ki):
    """C7300 — Handler phones; no answer.

    The attempt is registered: indicatieContactGelukt false, verdereActieOndernomen true
    because the system follows up with a retry task for the handler (Terugbellen). The
    attempt is visible on the zaak's contact list."""
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    klant = persoon(ki, 43, "Ilse", "Hermans")
    poging = register(
        ki,
        kanaal="telefoon",
        onderwerp="Aanvullende vragen ZAAK-2025-0000042",
        inhoud="Geen gehoor.",
        indicatieContactGelukt=False,
        verdereActieOndernomen=True,
        actoren=[behandelaar],
        betrokkenen=[Betrokkene(partij=klant, initiator=False)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    opnieuw = taak(ki, poging, TERUGBELLEN, behandelaar, toelichting="Morgen opnieuw proberen.")

    [mislukt] = contacten_over(ki, zaak(ZAAK_UUID), indicatieContactGelukt=False)
    assert mislukt["uuid"] == poging["uuid"]
    assert mislukt["verdereActieOndernomen"] is True
    assert uuids(werkvoorraad(ki, behandelaar)) == [opnieuw["uuid"]]


def test_c7300_contact_made_and_further_action_at_once_is_refused(ki):
    """C7300 — Handler phones; no answer: indicatieContactGelukt true together with
    verdereActieOndernomen true is invalid (400), on creation and when a change would make
    it so; nothing is stored or changed. (verdereActieOndernomen: the system acts itself
    because the customer could not be reached.)"""
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    basis = {
        "kanaal": "telefoon",
        "onderwerp": "Aanvullende vragen",
        "taal": "nld",
        "vertrouwelijk": False,
    }

    beide = ki.post(
        "klantcontacten", {**basis, "indicatieContactGelukt": True, "verdereActieOndernomen": True}
    )
    assert beide.status_code == 400, beide
    namen = {p["name"] for p in beide.json()["invalidParams"]}
    assert namen & {"indicatieContactGelukt", "verdereActieOndernomen"}
    assert listing(ki, "klantcontacten") == []

    poging = register(
        ki,
        kanaal="telefoon",
        onderwerp="Aanvullende vragen",
        indicatieContactGelukt=False,
        verdereActieOndernomen=True,
        actoren=[behandelaar],
    )
    wordt_beide = ki.patch(f"klantcontacten/{poging['uuid']}", {"indicatieContactGelukt": True})
    assert wordt_beide.status_code == 400, wordt_beide
    assert get(ki, "klantcontacten", poging["uuid"])["indicatieContactGelukt"] is False


def test_c0322_customer_informed_of_a_status_change(ki):
    """C0322 — Chain partner finishes a step; status changes; customer wants to know.

    The notification handling (Notificaties, Catalogi statustype informeren, Zaken rol)
    is outside this API. API-visible core: per informing status change the notification
    service (geautomatiseerde actor) registers one outbound klantcontact (initiator false,
    onderwerpobject = the zaak, onderwerp with the status description, the notification's
    id as metadata.bronBerichtId), on the channel R7 picks. A re-delivered notification is
    recognised and registers nothing (R14). The chain partner's own update is no
    klantcontact (R13)."""
    notificatieservice = systeem(ki, "Notificatieservice", "Stuurt berichten aan inwoners")
    klant = persoon(ki, 44, "Wouter", "Claes")
    email = digitaal_adres(ki, "email", "wouter@example.nl", partij=klant, isStandaardAdres=True)
    voorkeur(ki, klant, email)

    def notificatie_ontvangen(notificatie_id: str, aangemaakt: str, status: str) -> Json:
        bestaand = bestaand_bericht(
            ki,
            kanaal="e-mail",
            plaatsgevonden_op=aangemaakt,
            bron_bericht_id=notificatie_id,
            onderwerpobject__onderwerpobjectidentificatorObjectId=ZAAK_UUID,
        )
        if bestaand is not None:
            return bestaand
        return register(
            ki,
            kanaal="e-mail",
            onderwerp=f"Uw zaak ZAAK-2025-0000042: {status}",
            inhoud=f"De status van uw zaak is gewijzigd in '{status}'.",
            indicatieContactGelukt=None,
            plaatsgevondenOp=aangemaakt,
            metadata={"bronBerichtId": notificatie_id},
            actoren=[notificatieservice],
            betrokkenen=[Betrokkene(partij=klant, initiator=False)],
            onderwerpobjecten=[zaak(ZAAK_UUID)],
        )

    eerste = notificatie_ontvangen("ntf-001", "2025-03-10T09:00:00+01:00", "In behandeling")
    notificatie_ontvangen("ntf-001", "2025-03-10T09:00:00+01:00", "In behandeling")  # again
    tweede = notificatie_ontvangen("ntf-002", "2025-03-20T09:00:00+01:00", "Advies ontvangen")

    over_zaak = contacten_over(ki, zaak(ZAAK_UUID))
    assert uuids(over_zaak) == [tweede["uuid"], eerste["uuid"]]
    assert [kc["onderwerp"] for kc in over_zaak] == [
        "Uw zaak ZAAK-2025-0000042: Advies ontvangen",
        "Uw zaak ZAAK-2025-0000042: In behandeling",
    ]
    for kc in over_zaak:
        assert actor_uuids(kc) == {notificatieservice["uuid"]}
        assert [b["initiator"] for b in betrokkenen_van(ki, kc)] == [False]
    assert adres_voor_opvolging(ki, eerste, "email") == "wouter@example.nl"


def test_c6334_klanttaak_for_the_customer(ki):
    """C6334 — Create a klanttaak for the customer.

    The klanttaak is an Objecten API object (the portal's listing of open klanttaken is
    outside this API). API-visible core: the notice "a task awaits you" is an outbound
    klantcontact, and completing the klanttaak registers a klantcontact with an
    onderwerpobject → the klanttaak (§3 objecten identificator); both are found by that
    reference, and only in that partij's history."""
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    portaal = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    klant = persoon(ki, 45, "Hugo", "Lambert")
    ander = persoon(ki, 46, "Anouk", "Lambert")
    klanttaak = objecten("klanttaak", "6f7a8b9c-0d1e-4f2a-b3c4-d5e6f7a8b9c0")

    melding = register(
        ki,
        kanaal="e-mail",
        onderwerp="Er staat een taak voor u klaar",
        indicatieContactGelukt=None,
        plaatsgevondenOp="2025-03-10T09:00:00+01:00",
        actoren=[behandelaar],
        betrokkenen=[Betrokkene(partij=klant, initiator=False)],
        onderwerpobjecten=[klanttaak, zaak(ZAAK_UUID)],
    )
    voltooid = register(
        ki,
        kanaal="mijngemeente",
        onderwerp="Taak uitgevoerd: leges betalen",
        plaatsgevondenOp="2025-03-11T19:30:00+01:00",
        actoren=[portaal],
        betrokkenen=[Betrokkene(partij=klant)],
        onderwerpobjecten=[klanttaak],
    )

    assert uuids(contacten_over(ki, klanttaak)) == [voltooid["uuid"], melding["uuid"]]
    assert [b["initiator"] for b in betrokkenen_van(ki, voltooid)] == [True]
    assert uuids(contacten_van(ki, klant)) == [voltooid["uuid"], melding["uuid"]]
    assert contacten_van(ki, ander) == []


# -- §4.8 Contact about a zaak ---------------------------------------------------------------------


def test_c8404_several_products_hoofdzaak_with_deelzaken(ki):
    """C8404 — Several products in one request → hoofdzaak with deelzaken.

    One klantcontact for the request (one subject, R2) with an onderwerpobject for the
    hoofdzaak; the deelzaken and their statuses are in the Zaken API."""
    engine = systeem(ki, "E-formulierenmotor", "Verwerkt e-formulieren")
    klant = persoon(ki, 47, "Julia", "Verbeek")
    kc = register(
        ki,
        kanaal="e-formulier",
        onderwerp="Aanvraag evenement: vergunning, ontheffing geluid en parkeren",
        actoren=[engine],
        betrokkenen=[Betrokkene(partij=klant)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )

    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [kc["uuid"]]
    assert uuids(contacten_van(ki, klant)) == [kc["uuid"]]
    assert contacten_over(ki, zaak(DEELZAAK_UUID)) == []


def test_c3090_chain_partner_contacts_the_customer(ki):
    """C3090 — Part of a zaak outsourced to a chain partner (omgevingsdienst).

    Municipality ↔ partner messages are no klantcontacten (R13). The partner's call to
    the customer is registered through the API by the partner's own application, with the
    partner (an organisatorische eenheid) as actor and the deelzaak as onderwerpobject; it
    is visible on the zaak with the partner as actor, and the audit trail names the
    partner's application."""
    partner_app = ApiClientModel(
        naam="Omgevingsdienst Regio Utrecht",
        client_id="odru",
        scopes=["klantinteracties.lezen", "klantinteracties.schrijven"],
    )
    token = partner_app.new_token()
    partner_app.save()
    odru = ApiClient("/klantinteracties/api/v1", f"Token {token}")

    klant = persoon(ki, 48, "Gijs", "Martens")
    omgevingsdienst = team(ki, "Omgevingsdienst Regio Utrecht", "Ketenpartner milieutoezicht")
    kc = register(
        odru,
        kanaal="telefoon",
        onderwerp="Controle bodemonderzoek",
        inhoud="Afspraak gemaakt voor aanvullend bodemonderzoek.",
        actoren=[omgevingsdienst],
        betrokkenen=[Betrokkene(partij=klant, initiator=False)],
        onderwerpobjecten=[zaak(DEELZAAK_UUID)],
    )

    [op_zaak] = contacten_over(ki, zaak(DEELZAAK_UUID))
    assert op_zaak["uuid"] == kc["uuid"]
    assert [(a["naam"], a["soortActor"]) for a in op_zaak["hadBetrokkenActoren"]] == [
        ("Omgevingsdienst Regio Utrecht", "organisatorische_eenheid")
    ]
    aangemaakt = AuditTrail.objects.get(resource_uuid=kc["uuid"], actie="create")
    assert aangemaakt.applicatie == "Omgevingsdienst Regio Utrecht"
    assert len(listing(ki, "klantcontacten")) == 1


def test_c0300_customer_adds_information_to_a_running_application(ki):
    """C0300 — Customer adds information to a running application.

    The party check, the upload to the Documenten API and relating it to the zaak are the
    portal's and the ZGW APIs' (the 403 for someone else's zaak included). API-visible
    core: klantcontact{kanaal mijngemeente, onderwerp "Aanvulling op <zaak>", inhoud =
    explanation} with the partij as betrokkene, onderwerpobject = the zaak, bijlage = the
    document, and a task for the zaak's handling team."""
    portaal = systeem(ki, "MijnGemeente", "Persoonlijke internetpagina")
    behandelteam = team(ki, "Team Vergunningen")
    klant = persoon(ki, 49, "Lieke", "Jonker")
    upload = document("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d")

    kc = register(
        ki,
        kanaal="mijngemeente",
        onderwerp="Aanvulling op ZAAK-2025-0000042",
        inhoud="Hierbij de gevraagde constructietekening.",
        actoren=[portaal],
        betrokkenen=[Betrokkene(partij=klant)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
        bijlagen=[upload],
    )
    taak(ki, kc, OPVOLGEN, behandelteam, toelichting="Nieuwe stukken bij ZAAK-2025-0000042.")

    [contact] = contacten_over(ki, zaak(ZAAK_UUID), expand="omvatteBijlagen")
    assert contact["uuid"] == kc["uuid"]
    assert [b["bijlageidentificator"] for b in contact["_expand"]["omvatteBijlagen"]] == [upload]
    [open_taak] = werkvoorraad(ki, behandelteam)
    assert open_taak["aanleidinggevendKlantcontact"]["uuid"] == kc["uuid"]
    assert uuids(contacten_van(ki, klant)) == [kc["uuid"]]


def test_c2975_customer_cancels_an_application(ki):
    """C2975 — Customer wants to cancel an application.

    A klantcontact (onderwerp "Intrekken aanvraag <zaak>", reason in inhoud) about the
    zaak and a task Aanvraag intrekken verwerken for the handling team; the handler closes
    the zaak in the Zaken API, confirms with an outbound follow-up contact (R9) about the
    same zaak and sets the task verwerkt. (Who may cancel is checked against the zaak's
    rollen in the Zaken API, outside this API.)"""
    agent = medewerker(ki, "Fatima el Amrani")
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    behandelteam = team(ki, "Team Vergunningen")
    klant = persoon(ki, 50, "Ruud", "Prins")

    verzoek = register(
        ki,
        kanaal="telefoon",
        onderwerp="Intrekken aanvraag ZAAK-2025-0000042",
        inhoud="Ik ga verhuizen; de aanbouw gaat niet door.",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=klant)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    taak(ki, verzoek, INTREKKEN, behandelteam)

    [opgepakt] = werkvoorraad(ki, behandelteam)
    assert opgepakt["gevraagdeHandeling"] == INTREKKEN
    # Zaken API: the zaak gets result "ingetrokken". Then the confirmation.
    bevestiging = vervolgcontact(
        ki,
        verzoek,
        behandelaar,
        kanaal="e-mail",
        onderwerp="Bevestiging intrekking ZAAK-2025-0000042",
        inhoud="Uw aanvraag is ingetrokken.",
        indicatieContactGelukt=None,
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    afhandelen(ki, opgepakt)

    assert uuids(contacten_over(ki, zaak(ZAAK_UUID))) == [bevestiging["uuid"], verzoek["uuid"]]
    [ingetrokken] = listing(ki, "internetaken", klantcontact__uuid=verzoek["uuid"])
    assert (ingetrokken["gevraagdeHandeling"], ingetrokken["status"]) == (INTREKKEN, "verwerkt")
    [link] = listing(ki, "onderwerpobjecten", wasKlantcontact__uuid=verzoek["uuid"])
    assert link["klantcontact"]["uuid"] == bevestiging["uuid"]
    assert [b["initiator"] for b in betrokkenen_van(ki, bevestiging)] == [False]
