"""Builders for the case scenarios of cases.md §4.

Each helper is a call (or a few) a consumer makes to the Klantinteracties API: a KISS-like
workspace, a channel adapter, the e-form engine, a zaak system or the portal. They use only
the API (the ``ki`` client validates every answer against the upstream spec) and follow
the rules and conventions of cases.md §2-§3, so a scenario reads as the case's steps.
Every helper asserts that its own calls succeed; the scenarios assert the outcome.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from klantbeeld.demo.numbers import bsn, kvk_nummer, vestigingsnummer
from tests.support.client import ApiClient

Json = dict[str, Any]

# -- §3 conventions ---------------------------------------------------------------------------

TAAL = "nld"

# gevraagdeHandeling standard texts
TERUGBELLEN = "Terugbellen"
EMAIL_BEANTWOORDEN = "E-mail beantwoorden"
LEZEN_EN_BEPALEN = "Lezen en bepalen benodigde actie"
ZAAK_AANMAKEN = "Zaak aanmaken"
OPNIEUW_ROUTEREN = "Opnieuw routeren"
OPVOLGEN = "Opvolgen klantcontact"
INTREKKEN = "Aanvraag intrekken verwerken"

ZAAKTYPE_MOR = "https://openzaak.gemeente.example/catalogi/api/v1/zaaktypen/5f1a8c4e-8b0b-4f5e-9a55-3c1d2e7b9a01"
ZAAKTYPE_DAKKAPEL = "https://openzaak.gemeente.example/catalogi/api/v1/zaaktypen/0b6c9f2e-2f4d-4c1a-8f0e-6d5b4a3c2e10"


def zaak(uuid: str) -> Json:
    """A zaak in Open Zaak, as KISS refers to one."""
    return {
        "codeObjecttype": "zgw-Zaak",
        "codeRegister": "openzaak",
        "codeSoortObjectId": "uuid",
        "objectId": uuid,
    }


def document(uuid: str) -> Json:
    return {
        "codeObjecttype": "zgw-EnkelvoudigInformatieObject",
        "codeRegister": "openzaak",
        "codeSoortObjectId": "uuid",
        "objectId": uuid,
    }


def objecten(objecttype: str, uuid: str) -> Json:
    """An object in the Objecten API (form submission, productaanvraag, klanttaak, …)."""
    return {
        "codeObjecttype": objecttype,
        "codeRegister": "objecten",
        "codeSoortObjectId": "uuid",
        "objectId": uuid,
    }


def bag(nummeraanduiding_id: str) -> Json:
    return {
        "codeObjecttype": "nummeraanduiding",
        "codeRegister": "bag",
        "codeSoortObjectId": "nummeraanduidingidentificatie",
        "objectId": nummeraanduiding_id,
    }


def dso_verzoek(nummer: str) -> Json:
    return {
        "codeObjecttype": "verzoek",
        "codeRegister": "dso",
        "codeSoortObjectId": "verzoeknummer",
        "objectId": nummer,
    }


def ref(obj: Json) -> Json:
    return {"uuid": obj["uuid"]}


# -- actoren -----------------------------------------------------------------------------------


def _actor(ki: ApiClient, body: Json) -> Json:
    response = ki.post("actoren", {"indicatieActief": True, **body})
    assert response.status_code == 201, response
    return response.json()


def medewerker(ki: ApiClient, naam: str, functie: str = "KCC-medewerker") -> Json:
    return _actor(
        ki,
        {
            "naam": naam,
            "soortActor": "medewerker",
            "actorIdentificatie": {"functie": functie, "telefoonnummer": "0201234567"},
        },
    )


def team(ki: ApiClient, naam: str, omschrijving: str = "") -> Json:
    """An organisatorische eenheid: KCC, a department, a chain partner's team."""
    return _actor(
        ki,
        {
            "naam": naam,
            "soortActor": "organisatorische_eenheid",
            "actorIdentificatie": {"omschrijving": omschrijving or naam},
        },
    )


def systeem(ki: ApiClient, naam: str, functie: str) -> Json:
    """One of the automated actors of §3 (mail processor, chatbot, e-form engine, …)."""
    return _actor(
        ki,
        {
            "naam": naam,
            "soortActor": "geautomatiseerde_actor",
            "actorIdentificatie": {"functie": functie, "omschrijving": functie},
        },
    )


# -- partijen (R3) -------------------------------------------------------------------------------


def bsn_identificator(n: int) -> Json:
    return {
        "codeObjecttype": "natuurlijk_persoon",
        "codeSoortObjectId": "bsn",
        "objectId": bsn(n),
        "codeRegister": "brp",
    }


def kvk_identificator(n: int) -> Json:
    return {
        "codeObjecttype": "niet_natuurlijk_persoon",
        "codeSoortObjectId": "kvk_nummer",
        "objectId": kvk_nummer(n),
        "codeRegister": "hr",
    }


def find_partij(ki: ApiClient, code_soort_object_id: str, object_id: str) -> Json | None:
    """R3: look a partij up by its identificator before creating one."""
    response = ki.get(
        "partijen",
        {
            "partijIdentificator__codeSoortObjectId": code_soort_object_id,
            "partijIdentificator__objectId": object_id,
        },
    )
    assert response.status_code == 200, response
    results = response.json()["results"]
    assert len(results) <= 1, "an identificator names one partij"
    return results[0] if results else None


def persoon(ki: ApiClient, n: int, voornaam: str, achternaam: str, **fields: Any) -> Json:
    """The partij of an authenticated person (BSN ``bsn(n)``): found, or created with its
    identificator in one call (R3)."""
    found = find_partij(ki, "bsn", bsn(n))
    if found is not None:
        return found
    response = ki.post(
        "partijen",
        {
            "soortPartij": "persoon",
            "indicatieActief": True,
            "partijIdentificatie": {
                "contactnaam": {"voornaam": voornaam, "achternaam": achternaam}
            },
            "partijIdentificatoren": [{"partijIdentificator": bsn_identificator(n)}],
            **fields,
        },
    )
    assert response.status_code == 201, response
    return response.json()


def organisatie(ki: ApiClient, n: int, naam: str, *, vestiging: int | None = None) -> Json:
    """The partij of a company authenticated with eHerkenning (KVK ``kvk_nummer(n)``, and
    the branch as a sub-identificator when eHerkenning gives one): found or created (R3)."""
    found = find_partij(ki, "kvk_nummer", kvk_nummer(n))
    if found is None:
        response = ki.post(
            "partijen",
            {
                "soortPartij": "organisatie",
                "indicatieActief": True,
                "partijIdentificatie": {"naam": naam},
                "partijIdentificatoren": [{"partijIdentificator": kvk_identificator(n)}],
            },
        )
        assert response.status_code == 201, response
        found = response.json()
    if vestiging is None:
        return found
    kvk = next(
        i
        for i in found["partijIdentificatoren"]
        if i["partijIdentificator"]["codeSoortObjectId"] == "kvk_nummer"
    )
    response = ki.post(
        "partij-identificatoren",
        {
            "identificeerdePartij": ref(found),
            "partijIdentificator": {
                "codeObjecttype": "vestiging",
                "codeSoortObjectId": "vestigingsnummer",
                "objectId": vestigingsnummer(vestiging),
                "codeRegister": "hr",
            },
            "subIdentificatorVan": ref(kvk),
        },
    )
    assert response.status_code == 201, response
    return get(ki, "partijen", found["uuid"])


def contactpersoon(ki: ApiClient, voor: Json, voornaam: str, achternaam: str) -> Json:
    """A contact person of an organisation: no identificator of its own (R3)."""
    response = ki.post(
        "partijen",
        {
            "soortPartij": "contactpersoon",
            "indicatieActief": True,
            "partijIdentificatie": {
                "werkteVoorPartij": ref(voor),
                "contactnaam": {"voornaam": voornaam, "achternaam": achternaam},
            },
        },
    )
    assert response.status_code == 201, response
    return response.json()


def digitaal_adres(
    ki: ApiClient,
    soort: str,
    adres: str,
    *,
    partij: Json | None = None,
    betrokkene: Json | None = None,
    **fields: Any,
) -> Json:
    body: Json = {"soortDigitaalAdres": soort, "adres": adres, **fields}
    if partij is not None:
        body["verstrektDoorPartij"] = ref(partij)
    if betrokkene is not None:
        body["verstrektDoorBetrokkene"] = ref(betrokkene)
    response = ki.post("digitaleadressen", body)
    assert response.status_code == 201, response
    return response.json()


def voorkeur(ki: ApiClient, partij: Json, adres: Json) -> Json:
    """Make one of the partij's own addresses its ``voorkeursDigitaalAdres``."""
    response = ki.patch(f"partijen/{partij['uuid']}", {"voorkeursDigitaalAdres": ref(adres)})
    assert response.status_code == 200, response
    return response.json()


def vertegenwoordiging(ki: ApiClient, vertegenwoordigende: Json, vertegenwoordigde: Json) -> Json:
    """Record "A acts for B" unless it is known already (C5419, C4823)."""
    bestaand = ki.get(
        "vertegenwoordigingen",
        {
            "vertegenwoordigendePartij__uuid": vertegenwoordigende["uuid"],
            "vertegenwoordigdePartij__uuid": vertegenwoordigde["uuid"],
        },
    ).json()["results"]
    if bestaand:
        return bestaand[0]
    response = ki.post(
        "vertegenwoordigingen",
        {
            "vertegenwoordigendePartij": ref(vertegenwoordigende),
            "vertegenwoordigdePartij": ref(vertegenwoordigde),
        },
    )
    assert response.status_code == 201, response
    return response.json()


# -- registering a klantcontact (R4) -------------------------------------------------------------


@dataclass
class Betrokkene:
    """How someone took part in a contact, with contact data for this contact only (R7)."""

    rol: str = "klant"
    initiator: bool = True
    partij: Json | None = None
    contactnaam: Json | None = None
    organisatienaam: str = ""
    correspondentieadres: Json | None = None
    # (soortDigitaalAdres, adres, omschrijving) given by the betrokkene for this contact
    adressen: Sequence[tuple[str, str, str]] = field(default_factory=tuple)

    def body(self) -> Json:
        body: Json = {"rol": self.rol, "initiator": self.initiator}
        if self.partij is not None:
            body["wasPartij"] = ref(self.partij)
        if self.contactnaam is not None:
            body["contactnaam"] = self.contactnaam
        if self.organisatienaam:
            body["organisatienaam"] = self.organisatienaam
        if self.correspondentieadres is not None:
            body["correspondentieadres"] = self.correspondentieadres
        return body


def naam(voornaam: str, achternaam: str, voorvoegsel: str = "") -> Json:
    return {"voornaam": voornaam, "voorvoegselAchternaam": voorvoegsel, "achternaam": achternaam}


def register(
    ki: ApiClient,
    *,
    kanaal: str,
    onderwerp: str,
    actoren: Sequence[Json],
    betrokkenen: Sequence[Betrokkene] = (),
    onderwerpobjecten: Sequence[Json] = (),
    bijlagen: Sequence[Json] = (),
    was_klantcontact: Json | None = None,
    **fields: Any,
) -> Json:
    """Register one klantcontact as Klantbeeld's flows do (R4): the contact with its first
    betrokkene and first onderwerpobject through /maak-klantcontact, then the other
    betrokkenen, their own digital addresses, the other onderwerpobjecten, the bijlagen and
    the actors. ``was_klantcontact`` makes it a follow-up of that contact (R9).
    Conventions (§3): taal nld, vertrouwelijk false; indicatieContactGelukt true (an
    inbound contact that took place); ``fields`` overrides each of them.
    Returns the klantcontact as the API serves it afterwards."""
    assert actoren, "R4: every klantcontact has at least one actor"
    klantcontact: Json = {
        "kanaal": kanaal,
        "onderwerp": onderwerp,
        "taal": TAAL,
        "vertrouwelijk": False,
        "indicatieContactGelukt": True,
        **fields,
    }
    links: list[Json] = [{"onderwerpobjectidentificator": i} for i in onderwerpobjecten]
    if was_klantcontact is not None:
        links.insert(0, {"wasKlantcontact": ref(was_klantcontact)})
    body: Json = {"klantcontact": klantcontact}
    if betrokkenen:
        body["betrokkene"] = betrokkenen[0].body()
    if links:
        body["onderwerpobject"] = links[0]
    response = ki.post("maak-klantcontact", body)
    assert response.status_code == 201, response
    created = response.json()
    kc = created["klantcontact"]
    stored: list[Json] = [created["betrokkene"]] if betrokkenen else []
    for extra in betrokkenen[1:]:
        response = ki.post("betrokkenen", {**extra.body(), "hadKlantcontact": ref(kc)})
        assert response.status_code == 201, response
        stored.append(response.json())
    for spec, betrokkene in zip(betrokkenen, stored, strict=True):
        for soort, adres, omschrijving in spec.adressen:
            digitaal_adres(ki, soort, adres, betrokkene=betrokkene, omschrijving=omschrijving)
    for link in links[1:]:
        response = ki.post("onderwerpobjecten", {**link, "klantcontact": ref(kc)})
        assert response.status_code == 201, response
    for identificator in bijlagen:
        response = ki.post(
            "bijlagen",
            {"wasBijlageVanKlantcontact": ref(kc), "bijlageidentificator": identificator},
        )
        assert response.status_code == 201, response
    for actor in actoren:
        join(ki, kc, actor)
    return get(ki, "klantcontacten", kc["uuid"])


def join(ki: ApiClient, klantcontact: Json, actor: Json) -> Json:
    """An actor takes part in a contact (``/actorklantcontacten``)."""
    response = ki.post(
        "actorklantcontacten", {"actor": ref(actor), "klantcontact": ref(klantcontact)}
    )
    assert response.status_code == 201, response
    return response.json()


def link_onderwerpobject(ki: ApiClient, klantcontact: Json, identificator: Json) -> Json:
    """R10: the contact was about this object (a zaak created later, a DSO verzoek, …)."""
    response = ki.post(
        "onderwerpobjecten",
        {"klantcontact": ref(klantcontact), "onderwerpobjectidentificator": identificator},
    )
    assert response.status_code == 201, response
    return response.json()


# -- reading ---------------------------------------------------------------------------------------


def get(ki: ApiClient, collection: str, uuid: str, expand: str | None = None) -> Json:
    response = ki.get(f"{collection}/{uuid}", {"expand": expand} if expand else None)
    assert response.status_code == 200, response
    return response.json()


def listing(ki: ApiClient, collection: str, **filters: Any) -> list[Json]:
    """Every result of a filtered list (one page of 500 is enough for a scenario)."""
    response = ki.get(collection, {"pageSize": 500, **filters})
    assert response.status_code == 200, response
    body = response.json()
    assert body["next"] is None
    return body["results"]


def contacten_van(ki: ApiClient, partij: Json, **filters: Any) -> list[Json]:
    """A partij's contact history, newest first."""
    return listing(ki, "klantcontacten", hadBetrokkene__wasPartij__uuid=partij["uuid"], **filters)


def contacten_over(ki: ApiClient, identificator: Json, **filters: Any) -> list[Json]:
    """The contacts about an object of another register, found by its reference."""
    return listing(
        ki,
        "klantcontacten",
        onderwerpobject__onderwerpobjectidentificatorObjectId=identificator["objectId"],
        onderwerpobject__onderwerpobjectidentificatorCodeRegister=identificator["codeRegister"],
        **filters,
    )


def bestaand_bericht(
    ki: ApiClient, *, kanaal: str, plaatsgevonden_op: str, bron_bericht_id: str, **filters: Any
) -> Json | None:
    """R14: the klantcontact already registered for a source message, if any.

    The API has no filter on ``metadata``, so an adapter narrows the candidates with what
    it does have (channel, the message's own time, e.g. the sender's address) and compares
    ``metadata.bronBerichtId`` itself."""
    kandidaten = listing(
        ki, "klantcontacten", kanaal=kanaal, plaatsgevondenOp=plaatsgevonden_op, **filters
    )
    for klantcontact in kandidaten:
        if klantcontact["metadata"].get("bronBerichtId") == bron_bericht_id:
            return klantcontact
    return None


def uuids(items: Iterable[Json]) -> list[str]:
    return [item["uuid"] for item in items]


def actor_uuids(klantcontact: Json) -> set[str]:
    return {actor["uuid"] for actor in klantcontact["hadBetrokkenActoren"]}


def betrokkenen_van(ki: ApiClient, klantcontact: Json) -> list[Json]:
    """The betrokkenen of a contact with their own digital addresses (expanded)."""
    kc = get(
        ki,
        "klantcontacten",
        klantcontact["uuid"],
        expand="hadBetrokkenen,hadBetrokkenen.digitaleAdressen",
    )
    return kc["_expand"]["hadBetrokkenen"]


# -- interne taken (R8) ----------------------------------------------------------------------------


def taak(
    ki: ApiClient, klantcontact: Json, handeling: str, *actoren: Json, toelichting: str = ""
) -> Json:
    response = ki.post(
        "internetaken",
        {
            "aanleidinggevendKlantcontact": ref(klantcontact),
            "gevraagdeHandeling": handeling,
            "toegewezenAanActoren": [ref(a) for a in actoren],
            "toelichting": toelichting,
        },
    )
    assert response.status_code == 201, response
    return response.json()


def werkvoorraad(ki: ApiClient, actor: Json) -> list[Json]:
    """R8: the open tasks of an employee or team."""
    return listing(
        ki, "internetaken", status="te_verwerken", toegewezenAanActor__uuid=actor["uuid"]
    )


def afhandelen(ki: ApiClient, taak: Json, toelichting: str | None = None) -> Json:
    """R8: the assignee acted; Klantbeeld fills ``afgehandeldOp``."""
    body: Json = {"status": "verwerkt"}
    if toelichting is not None:
        body["toelichting"] = toelichting
    response = ki.patch(f"internetaken/{taak['uuid']}", body)
    assert response.status_code == 200, response
    return response.json()


# -- follow-up (R7, R9) ----------------------------------------------------------------------------


def adres_voor_opvolging(ki: ApiClient, klantcontact: Json, soort: str) -> str | None:
    """R7: the address of kind ``soort`` to follow up a contact: the betrokkene's own for
    that contact, else the partij's preferred address, else its standard address of that
    kind. (The channel named in a task and the original channel are the caller's.)"""
    betrokkenen = [b for b in betrokkenen_van(ki, klantcontact) if b["rol"] == "klant"]
    for betrokkene in betrokkenen:
        for adres in betrokkene["_expand"]["digitaleAdressen"]:
            if adres["soortDigitaalAdres"] == soort:
                return str(adres["adres"])
    for betrokkene in betrokkenen:
        if betrokkene["wasPartij"] is None:
            continue
        partij = get(ki, "partijen", betrokkene["wasPartij"]["uuid"], expand="digitaleAdressen")
        adressen = [
            a for a in partij["_expand"]["digitaleAdressen"] if a["soortDigitaalAdres"] == soort
        ]
        voorkeur = (partij["voorkeursDigitaalAdres"] or {}).get("uuid")
        for adres in adressen:
            if adres["uuid"] == voorkeur:
                return str(adres["adres"])
        for adres in adressen:
            if adres["isStandaardAdres"]:
                return str(adres["adres"])
    return None


def vervolgcontact(
    ki: ApiClient,
    origineel: Json,
    actor: Json,
    *,
    kanaal: str,
    onderwerp: str,
    inhoud: str,
    **fields: Any,
) -> Json:
    """R9: a new contact that answers or calls back on ``origineel``: its betrokkenen
    copied (same partij, same contact data, ``initiator=false``), ``actor`` as actor, and
    an onderwerpobject ``{klantcontact: new, wasKlantcontact: original}``."""
    kopie = [
        Betrokkene(
            rol=b["rol"],
            initiator=False,
            partij={"uuid": b["wasPartij"]["uuid"]} if b["wasPartij"] else None,
            contactnaam=b["contactnaam"] if b["volledigeNaam"] else None,
            organisatienaam=b["organisatienaam"],
            adressen=tuple(
                (a["soortDigitaalAdres"], a["adres"], a["omschrijving"])
                for a in b["_expand"]["digitaleAdressen"]
            ),
        )
        for b in betrokkenen_van(ki, origineel)
    ]
    return register(
        ki,
        kanaal=kanaal,
        onderwerp=onderwerp,
        inhoud=inhoud,
        actoren=[actor],
        betrokkenen=kopie,
        was_klantcontact=origineel,
        **fields,
    )
