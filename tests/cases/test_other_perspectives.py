"""Cases of cases.md §4.9 (other perspectives): reading contact histories through the
Klantinteracties API, as a complaint handler's workspace and the portal do."""

from __future__ import annotations

import pytest
from django.utils.dateparse import parse_datetime

from klantbeeld.api.clients.models import ApiClient as ApiClientModel
from klantbeeld.demo.numbers import bsn
from tests.cases.helpers import (
    LEZEN_EN_BEPALEN,
    TERUGBELLEN,
    Betrokkene,
    Json,
    afhandelen,
    bag,
    contacten_over,
    contacten_van,
    document,
    get,
    listing,
    medewerker,
    objecten,
    persoon,
    register,
    taak,
    team,
    uuids,
    vervolgcontact,
    zaak,
)
from tests.support.client import ApiClient

pytestmark = pytest.mark.django_db

ZAAK_UUID = "0c4f6a3e-1d2b-4c5a-9e8f-7a6b5c4d3e21"
ANDERE_ZAAK_UUID = "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c65"


def tijdlijn(ki: ApiClient, identificator: Json) -> list[Json]:
    """The complaint handler's timeline of a zaak (C9127): the contacts about it, the
    follow-up contacts linked to those (wasKlantcontact, transitively), each with its
    tasks, ordered by plaatsgevondenOp."""
    gezien: dict[str, Json] = {}
    te_doen = uuids(contacten_over(ki, identificator))
    while te_doen:
        kc_uuid = te_doen.pop()
        if kc_uuid in gezien:
            continue
        gezien[kc_uuid] = get(ki, "klantcontacten", kc_uuid, expand="leiddeTotInterneTaken")
        for link in listing(ki, "onderwerpobjecten", wasKlantcontact__uuid=kc_uuid):
            te_doen.append(link["klantcontact"]["uuid"])
    return sorted(gezien.values(), key=lambda kc: parse_datetime(kc["plaatsgevondenOp"]))


def _klachtdossier(ki: ApiClient) -> dict[str, Json]:
    agent = medewerker(ki, "Fatima el Amrani")
    behandelaar = medewerker(ki, "Karin Smits", "Zaakbehandelaar")
    vergunningen = team(ki, "Team Vergunningen")
    klager = persoon(ki, 60, "Marco", "Timmer")
    buur = persoon(ki, 61, "Petra", "Timmer")

    vraag = register(
        ki,
        kanaal="telefoon",
        onderwerp="Status aanvraag",
        plaatsgevondenOp="2025-01-10T09:00:00+01:00",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=klager)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    terugbellen = taak(ki, vraag, TERUGBELLEN, vergunningen)
    teruggebeld = vervolgcontact(
        ki,
        vraag,
        behandelaar,
        kanaal="telefoon",
        onderwerp="Teruggebeld over status",
        inhoud="Besluit volgt binnen twee weken.",
        plaatsgevondenOp="2025-01-12T14:00:00+01:00",
    )
    afhandelen(ki, terugbellen)
    nagestuurd = vervolgcontact(
        ki,
        teruggebeld,
        behandelaar,
        kanaal="e-mail",
        onderwerp="Samenvatting telefoongesprek",
        inhoud="Zoals besproken ...",
        plaatsgevondenOp="2025-01-13T08:30:00+01:00",
        indicatieContactGelukt=None,
    )
    anders = register(
        ki,
        kanaal="balie",
        onderwerp="Paspoort",
        plaatsgevondenOp="2025-01-15T11:00:00+01:00",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=klager)],
    )
    klacht = register(
        ki,
        kanaal="e-mail",
        onderwerp="Klacht: nog steeds geen besluit",
        plaatsgevondenOp="2025-01-20T10:00:00+01:00",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=klager)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    open_taak = taak(ki, klacht, LEZEN_EN_BEPALEN, vergunningen)
    van_buur = register(
        ki,
        kanaal="telefoon",
        onderwerp="Andere zaak",
        plaatsgevondenOp="2025-01-16T10:00:00+01:00",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=buur)],
        onderwerpobjecten=[zaak(ANDERE_ZAAK_UUID)],
    )
    return {
        "klager": klager,
        "vraag": vraag,
        "terugbellen": terugbellen,
        "teruggebeld": teruggebeld,
        "nagestuurd": nagestuurd,
        "anders": anders,
        "klacht": klacht,
        "open_taak": open_taak,
        "van_buur": van_buur,
        "vergunningen": vergunningen,
    }


def test_c9127_contact_history_of_a_zaak_for_a_complaint(ki):
    """C9127 — Complaint handler needs the contact history of a zaak.

    All klantcontacten about the zaak, the follow-up contacts linked to them
    (wasKlantcontact, transitively), their interne taken (toegewezenOp, afgehandeldOp,
    status, assignees) and actors, in plaatsgevondenOp order; plus the complainant's
    other contacts in the period. (The verwerkingenlog entry with purpose
    "klachtbehandeling" is outside this API.)"""
    d = _klachtdossier(ki)

    lijn = tijdlijn(ki, zaak(ZAAK_UUID))

    assert uuids(lijn) == uuids([d["vraag"], d["teruggebeld"], d["nagestuurd"], d["klacht"]])
    [gesloten] = lijn[0]["_expand"]["leiddeTotInterneTaken"]
    assert gesloten["uuid"] == d["terugbellen"]["uuid"]
    assert gesloten["status"] == "verwerkt"
    assert gesloten["toegewezenOp"] and gesloten["afgehandeldOp"]
    assert uuids(gesloten["toegewezenAanActoren"]) == [d["vergunningen"]["uuid"]]
    [open_taak] = lijn[3]["_expand"]["leiddeTotInterneTaken"]
    assert (open_taak["uuid"], open_taak["status"]) == (d["open_taak"]["uuid"], "te_verwerken")
    assert [a["naam"] for a in lijn[1]["hadBetrokkenActoren"]] == ["Karin Smits"]

    # The complainant's other contacts in the period.
    begin, eind = (
        parse_datetime("2025-01-10T00:00:00+01:00"),
        parse_datetime("2025-01-31T00:00:00+01:00"),
    )
    in_periode = [
        kc
        for kc in contacten_van(ki, d["klager"])
        if begin <= parse_datetime(kc["plaatsgevondenOp"]) < eind and kc["uuid"] not in uuids(lijn)
    ]
    assert uuids(in_periode) == [d["anders"]["uuid"]]


def test_c9127_confidential_contacts_need_the_dedicated_role(ki):
    """C9127 — Complaint handler needs the contact history of a zaak: "confidential
    items only with the role (R12)".

    R12: staff see vertrouwelijk=true contacts only with a dedicated role. An application
    whose credentials carry only klantinteracties.lezen (no such role) must not get a
    vertrouwelijk klantcontact, neither in the zaak's list nor by its uuid."""
    agent = medewerker(ki, "Fatima el Amrani")
    klager = persoon(ki, 62, "Bart", "Kramer")
    gewoon = register(
        ki,
        kanaal="telefoon",
        onderwerp="Status aanvraag",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=klager)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    vertrouwelijk = register(
        ki,
        kanaal="telefoon",
        onderwerp="Melding huiselijke situatie",
        vertrouwelijk=True,
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=klager)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )
    zonder_rol = ApiClientModel(
        naam="Klachtbehandeling", client_id="klachten", scopes=["klantinteracties.lezen"]
    )
    token = zonder_rol.new_token()
    zonder_rol.save()
    klachten = ApiClient("/klantinteracties/api/v1", f"Token {token}")

    assert uuids(contacten_over(klachten, zaak(ZAAK_UUID))) == [gewoon["uuid"]]
    assert klachten.get(f"klantcontacten/{vertrouwelijk['uuid']}").status_code in {403, 404}


def test_c6278_citizen_views_own_klantcontacten(ki):
    """C6278 — Citizen or company with a zaak views a klantcontact.

    The portal (DigiD → BSN) lists the person's own contacts (R12: through their partij's
    identificator) with date, channel, subject, content, answer and documents, and per
    zaak the contacts linked to it; another person's contact is not among them.
    vertrouwelijk contacts are shown to the customer themselves. (Hiding tasks, internal
    notes and employee names, and the 404 for another person's contact, are the portal's:
    the Klantinteracties API is not resident-facing.)"""
    agent = medewerker(ki, "Fatima el Amrani")
    inwoner = persoon(ki, 63, "Emma", "Schouten")
    ander = persoon(ki, 64, "Luuk", "Schouten")
    brief = document("8b9c0d1e-2f3a-4b4c-9d5e-6f7a8b9c0d1e")
    over_zaak = register(
        ki,
        kanaal="telefoon",
        onderwerp="Vraag over aanvraag",
        inhoud="Wanneer krijg ik bericht?",
        reactie="Binnen twee weken.",
        plaatsgevondenOp="2025-02-01T10:00:00+01:00",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=inwoner)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
        bijlagen=[brief],
    )
    vertrouwelijk = register(
        ki,
        kanaal="balie",
        onderwerp="Persoonlijke situatie",
        vertrouwelijk=True,
        plaatsgevondenOp="2025-02-05T10:00:00+01:00",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=inwoner)],
    )
    register(
        ki,
        kanaal="telefoon",
        onderwerp="Vraag van een ander",
        actoren=[agent],
        betrokkenen=[Betrokkene(partij=ander)],
        onderwerpobjecten=[zaak(ZAAK_UUID)],
    )

    eigen = {
        "hadBetrokkene__wasPartij__partijIdentificator__codeSoortObjectId": "bsn",
        "hadBetrokkene__wasPartij__partijIdentificator__objectId": bsn(63),
    }
    mijn_contacten = listing(ki, "klantcontacten", expand="omvatteBijlagen", **eigen)
    assert uuids(mijn_contacten) == [vertrouwelijk["uuid"], over_zaak["uuid"]]
    getoond = mijn_contacten[1]
    assert (getoond["kanaal"], getoond["onderwerp"], getoond["inhoud"], getoond["reactie"]) == (
        "telefoon",
        "Vraag over aanvraag",
        "Wanneer krijg ik bericht?",
        "Binnen twee weken.",
    )
    assert [b["bijlageidentificator"] for b in getoond["_expand"]["omvatteBijlagen"]] == [brief]
    per_zaak = contacten_over(ki, zaak(ZAAK_UUID), **eigen)
    assert uuids(per_zaak) == [over_zaak["uuid"]]


def test_c3831_relate_a_klantcontact_to_objects(ki):
    """C3831 — Relate a klantcontact to objects.

    Any number of onderwerpobjecten per klantcontact, each an identificator of any
    register (§3): a zaak, a BAG address, a street light in the Objecten API, a licence
    plate. Searching by objectId + codeRegister finds the contact by each reference; a
    contact only about the address is found by the address alone."""
    agent = medewerker(ki, "Fatima el Amrani")
    adres = bag("0344200000123456")
    lantaarnpaal = objecten("lantaarnpaal", "9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f")
    kenteken = {
        "codeObjecttype": "voertuig",
        "codeRegister": "rdw",
        "codeSoortObjectId": "kenteken",
        "objectId": "AB-123-C",
    }
    kc = register(
        ki,
        kanaal="telefoon",
        onderwerp="Auto tegen lantaarnpaal",
        actoren=[agent],
        onderwerpobjecten=[zaak(ZAAK_UUID), adres, lantaarnpaal, kenteken],
    )
    alleen_adres = register(
        ki,
        kanaal="telefoon",
        onderwerp="Boom op stoep",
        actoren=[agent],
        onderwerpobjecten=[adres],
    )

    assert len(get(ki, "klantcontacten", kc["uuid"])["gingOverOnderwerpobjecten"]) == 4
    for identificator in (zaak(ZAAK_UUID), lantaarnpaal, kenteken):
        assert uuids(contacten_over(ki, identificator)) == [kc["uuid"]]
    assert uuids(contacten_over(ki, adres)) == [alleen_adres["uuid"], kc["uuid"]]
    assert contacten_over(ki, {**adres, "codeRegister": "brp"}) == []
