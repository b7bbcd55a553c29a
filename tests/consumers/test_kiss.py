"""KISS (Klantinteractie-Servicesysteem: KISS-frontend and its .NET BFF) on Open Klant 2.

Facts from Klantinteractie-Servicesysteem/KISS-frontend: ``src/services/openklant2/
service.ts`` (the frontend's calls, through the BFF's proxy), ``Kiss.Bff/Extern/
Klantinteracties/PostKlantcontactenCustomProxy.cs`` and ``PostInterneTaakCustomProxy.cs``
(server-side calls), ``src/features/contact/contactmoment/ContactmomentAfhandeling.vue``
(the order of the calls) and ``docs/decision-record/klantinteracties-openklant.md`` (the
actor identificators); summarised in /work/research/consumers.md. The frontend parses
every answer with ``response.json()`` after ``throwIfNotOk``; the BFF calls
``EnsureSuccessStatusCode`` and ``ReadFromJsonAsync``, which refuses a Content-Type other
than application/json.

- a contactmoment: the BFF finds the signed-in employee's actor with
  ``GET /actoren?actoridentificatorObjectId=<email>`` (``results[0].uuid``) or makes one
  (medewerker, actoridentificator ``mdw``/``msei``/``email``, plus a ``medewerkerIdentificatie``
  object Open Klant ignores, and no ``actorIdentificatie``), ``POST /klantcontacten``,
  ``POST /actorklantcontacten``; the frontend adds a betrokkene per klant
  (``wasPartij`` or null, a ``contactnaam`` of four strings);
- a contactverzoek: the same, plus ``POST /digitaleadressen`` on the betrokkene
  (``verstrektDoorPartij: null``, omschrijving "onbekend"), actors for the chosen
  employee/department (``mdw``/``obj``/``idf``, ``mdw``/``handmatig``/``email``,
  ``afd``/``obj``/``idf``; found by the four ``actoridentificator…`` filters or made),
  ``POST /internetaken`` with ``nummer: ""`` and ``toegewezenAanActoren``, and an
  onderwerpobject for a zaak (``zgw-Zaak``/``openzaak``/``uuid``, ``wasKlantcontact: null``);
- a new klant: ``POST /partijen`` with every list key empty (read-only ones included) and
  ``partijIdentificatie: {contactnaam: null}``, then ``POST /partij-identificatoren``;
- a klant's contacts: ``GET /partijen?expand=digitaleAdressen&soortPartij=persoon&
  partijIdentificator__codeSoortObjectId=bsn&partijIdentificator__objectId=…``, each of
  its ``partijIdentificatoren`` by uuid, ``GET /betrokkenen?wasPartij__url=…&pageSize=100``,
  per betrokkene ``GET /klantcontacten/{hadKlantcontact.uuid}?expand=leiddeTotInterneTaken,
  gingOverOnderwerpobjecten``, its digitale adressen and the task's actoren by uuid.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.consumers.conftest import Server, bsn, json_answer


class Kiss:
    def __init__(self, server: Server) -> None:
        self.root = server.klantinteracties
        self.http = server.session()

    def get(self, path: str, params: dict[str, str] | None = None) -> Any:
        url = path if path.startswith("http") else f"{self.root}/{path}"
        return json_answer(self.http.get(url, params=params, timeout=30), 200)

    def post(self, path: str, body: dict[str, Any], status: int = 201) -> Any:
        return json_answer(self.http.post(f"{self.root}/{path}", json=body, timeout=30), status)

    # -- the BFF ---------------------------------------------------------------------

    def employee_actor(self, email: str, naam: str) -> str:
        found = self.get("actoren", {"actoridentificatorObjectId": email})["results"]
        if found:
            return str(found[0]["uuid"])
        created = self.post(
            "actoren",
            {
                "naam": naam,
                "soortActor": "medewerker",
                "indicatieActief": True,
                "actoridentificator": {
                    "objectId": email,
                    "codeObjecttype": "mdw",
                    "codeRegister": "msei",
                    "codeSoortObjectId": "email",
                },
                "medewerkerIdentificatie": {
                    "identificatie": "",
                    "achternaam": naam.split()[-1],
                    "voorletters": naam[0],
                    "voorvoegselAchternaam": "",
                },
            },
        )
        return str(created["uuid"])

    def post_klantcontact(self, employee: str, body: dict[str, Any]) -> dict[str, Any]:
        actor = self.employee_actor(employee, "Sanne de Boer")
        klantcontact = self.post("klantcontacten", body)
        self.post(
            "actorklantcontacten",
            {"actor": {"uuid": actor}, "klantcontact": {"uuid": klantcontact["uuid"]}},
        )
        return klantcontact  # type: ignore[no-any-return]

    # -- the frontend ----------------------------------------------------------------

    def contactmoment(self, onderwerp: str, notitie: str) -> dict[str, Any]:
        return self.post_klantcontact(
            "sanne.deboer@gemeente.example",
            {
                "kanaal": "telefoon",
                "onderwerp": onderwerp,
                "inhoud": notitie,
                "indicatieContactGelukt": True,
                "taal": "nld",
                "vertrouwelijk": False,
                "plaatsgevondenOp": datetime.datetime.now(datetime.UTC)
                .isoformat(timespec="milliseconds")
                .replace("+00:00", "Z"),
            },
        )

    def betrokkene(self, klantcontact: str, partij: str | None, **naam: str) -> str:
        voornaam = naam.get("voornaam", "")
        body = {
            "wasPartij": {"uuid": partij} if partij else None,
            "hadKlantcontact": {"uuid": klantcontact},
            "rol": "klant",
            "initiator": True,
            "organisatienaam": naam.get("organisatienaam", ""),
            "contactnaam": {
                "voorletters": voornaam[:1],
                "voornaam": voornaam,
                "voorvoegselAchternaam": naam.get("voorvoegselAchternaam", ""),
                "achternaam": naam.get("achternaam", ""),
            },
        }
        return str(self.post("betrokkenen", body)["uuid"])

    def actor(self, naam: str, identificatie: str, codes: tuple[str, str, str], soort: str) -> str:
        objecttype, register, soort_object_id = codes
        identificator = {
            "objectId": identificatie,
            "codeObjecttype": objecttype,
            "codeRegister": register,
            "codeSoortObjectId": soort_object_id,
        }
        found = self.get(
            "actoren",
            {
                "actoridentificatorObjectId": identificatie,
                "actoridentificatorCodeRegister": register,
                "actoridentificatorCodeSoortObjectId": soort_object_id,
                "actoridentificatorCodeObjecttype": objecttype,
            },
        )["results"]
        if found:
            return str(found[0]["uuid"])
        body = {
            "naam": naam,
            "soortActor": soort,
            "indicatieActief": True,
            "actoridentificator": identificator,
        }
        return str(self.post("actoren", body)["uuid"])

    def create_klant(self, number: str) -> dict[str, Any]:
        partij = self.post(
            "partijen",
            {
                "digitaleAdressen": [],
                "betrokkenen": [],
                "categorieRelaties": [],
                "voorkeursDigitaalAdres": None,
                "vertegenwoordigden": [],
                "rekeningnummers": [],
                "partijIdentificatoren": [],
                "voorkeursRekeningnummer": None,
                "indicatieGeheimhouding": False,
                "indicatieActief": True,
                "partijIdentificatie": {"contactnaam": None},
                "soortPartij": "persoon",
            },
        )
        identificator = self.post(
            "partij-identificatoren",
            {
                "identificeerdePartij": {"url": partij["url"], "uuid": partij["uuid"]},
                "partijIdentificator": {
                    "codeRegister": "brp",
                    "codeSoortObjectId": "bsn",
                    "codeObjecttype": "natuurlijk_persoon",
                    "objectId": number,
                },
            },
        )
        assert identificator["identificeerdePartij"]["uuid"] == partij["uuid"]
        return partij  # type: ignore[no-any-return]

    def find_klant(self, number: str) -> dict[str, Any] | None:
        page = self.get(
            "partijen",
            {
                "expand": "digitaleAdressen",
                "soortPartij": "persoon",
                "partijIdentificator__codeSoortObjectId": "bsn",
                "partijIdentificator__objectId": number,
            },
        )
        assert page["count"] <= 1  # enforceOneOrZero
        if not page["results"]:
            return None
        partij = page["results"][0]
        # mapPartijToKlant
        identificatoren = [
            self.get(f"partij-identificatoren/{row['uuid']}")
            for row in partij["partijIdentificatoren"]
        ]
        bsns = [
            i["partijIdentificator"]["objectId"]
            for i in identificatoren
            if i["partijIdentificator"]["codeSoortObjectId"] == "bsn"
        ]
        vestiging_van = [
            i["subIdentificatorVan"] for i in identificatoren if i["subIdentificatorVan"]
        ]
        emails = [
            a["adres"]
            for a in partij["_expand"].get("digitaleAdressen", [])
            if a["adres"] and a["soortDigitaalAdres"] == "email"
        ]
        return {
            "id": partij["uuid"],
            "url": partij["url"],
            "klantnummer": partij["nummer"] or "",
            "bsn": bsns[0] if bsns else None,
            "vestigingVan": vestiging_van,
            "emailadressen": emails,
        }

    def contactverzoeken_for(self, klant_url: str) -> list[dict[str, Any]]:
        betrokkenen = self.get("betrokkenen", {"wasPartij__url": klant_url, "pageSize": "100"})[
            "results"
        ]
        items = []
        for betrokkene in betrokkenen:
            klantcontact = self.get(
                f"klantcontacten/{betrokkene['hadKlantcontact']['uuid']}",
                {"expand": "leiddeTotInterneTaken,gingOverOnderwerpobjecten"},
            )
            taken = klantcontact["_expand"]["leiddeTotInterneTaken"]
            if not taken:
                continue  # a contactmoment, not a contactverzoek
            taak = taken[0]
            actoren = [self.get(f"actoren/{a['uuid']}") for a in taak["toegewezenAanActoren"]]
            adressen = [
                self.get(f"digitaleadressen/{a['uuid']}") for a in betrokkene["digitaleAdressen"]
            ]
            items.append(
                {
                    "uuid": taak["uuid"],
                    "status": taak["status"],
                    "toelichtingVoorCollega": taak["toelichting"],
                    "onderwerp": klantcontact["onderwerp"],
                    "registratiedatum": klantcontact["plaatsgevondenOp"],
                    "aangemaaktDoor": (klantcontact["hadBetrokkenActoren"] or [{}])[0].get(
                        "naam", ""
                    ),
                    "behandelaar": next(
                        (a["naam"] for a in actoren if a["soortActor"] == "medewerker"), None
                    ),
                    "afdeling": next(
                        (
                            a["naam"]
                            for a in actoren
                            if a["soortActor"] == "organisatorische_eenheid"
                        ),
                        None,
                    ),
                    "persoonsnaam": betrokkene["contactnaam"],
                    "digitaleAdressen": [a["adres"] for a in adressen],
                    "zaken": [
                        o["onderwerpobjectidentificator"]["objectId"]
                        for o in klantcontact["_expand"]["gingOverOnderwerpobjecten"]
                    ],
                }
            )
        return items


@pytest.fixture
def kiss(server: Server) -> Iterator[Kiss]:
    kiss = Kiss(server)
    yield kiss
    kiss.http.close()  # before the live server's database goes


def test_new_klant_is_found_by_bsn(kiss: Kiss) -> None:
    number = bsn()
    assert kiss.find_klant(number) is None
    partij = kiss.create_klant(number)
    klant = kiss.find_klant(number)
    assert klant is not None
    assert (klant["id"], klant["bsn"], klant["vestigingVan"]) == (partij["uuid"], number, [])
    assert klant["klantnummer"]


def test_contactmoment_with_a_klant(kiss: Kiss) -> None:
    partij = kiss.create_klant(bsn())
    klantcontact = kiss.contactmoment("Afvalpas kwijt", "Nieuwe pas aangevraagd")
    kiss.betrokkene(klantcontact["uuid"], partij["uuid"], voornaam="Anna", achternaam="Vries")
    # The employee's actor is made once, and found again by e-mail address the next time.
    kiss.contactmoment("Tweede vraag", "")
    found = kiss.get("actoren", {"actoridentificatorObjectId": "sanne.deboer@gemeente.example"})
    assert found["count"] == 1
    shown = kiss.get(f"klantcontacten/{klantcontact['uuid']}")
    assert [actor["naam"] for actor in shown["hadBetrokkenActoren"]] == ["Sanne de Boer"]
    assert kiss.contactverzoeken_for(partij["url"]) == []  # a contactmoment has no task


def test_contactverzoek_with_actoren_and_a_zaak(kiss: Kiss) -> None:
    partij = kiss.create_klant(bsn())
    klantcontact = kiss.contactmoment("Bezwaar WOZ", "Wil teruggebeld worden")
    betrokkene = kiss.betrokkene(
        klantcontact["uuid"],
        partij["uuid"],
        voornaam="Anna",
        voorvoegselAchternaam="de",
        achternaam="Vries",
    )
    adres = kiss.post(
        "digitaleadressen",
        {
            "verstrektDoorBetrokkene": {"uuid": betrokkene},
            "verstrektDoorPartij": None,
            "adres": "0612345678",
            "soortDigitaalAdres": "telefoonnummer",
            "omschrijving": "onbekend",
        },
    )
    assert adres["url"].endswith(adres["uuid"])
    medewerker = kiss.actor("Kees Bakker", "kbakker", ("mdw", "obj", "idf"), "medewerker")
    handmatig = kiss.actor(
        "Lisa Smit", "lisa@gemeente.example", ("mdw", "handmatig", "email"), "medewerker"
    )
    afdeling = kiss.actor("Belastingen", "BEL", ("afd", "obj", "idf"), "organisatorische_eenheid")
    assert kiss.actor("Kees Bakker", "kbakker", ("mdw", "obj", "idf"), "medewerker") == medewerker
    taak = kiss.post(
        "internetaken",
        {
            "nummer": "",
            "gevraagdeHandeling": "Contact opnemen met betrokkene",
            "aanleidinggevendKlantcontact": {"uuid": klantcontact["uuid"]},
            "toegewezenAanActoren": [{"uuid": medewerker}, {"uuid": afdeling}],
            "toelichting": "Graag voor vrijdag",
            "status": "te_verwerken",
        },
    )
    assert taak["nummer"]  # "" asks the register for a number
    zaak = str(uuid.uuid4())
    kiss.post(
        "onderwerpobjecten",
        {
            "klantcontact": {"uuid": klantcontact["uuid"]},
            "wasKlantcontact": None,
            "onderwerpobjectidentificator": {
                "objectId": zaak,
                "codeObjecttype": "zgw-Zaak",
                "codeRegister": "openzaak",
                "codeSoortObjectId": "uuid",
            },
        },
    )

    (item,) = kiss.contactverzoeken_for(partij["url"])
    assert item["uuid"] == taak["uuid"] and item["status"] == "te_verwerken"
    assert (item["behandelaar"], item["afdeling"]) == ("Kees Bakker", "Belastingen")
    assert item["aangemaaktDoor"] == "Sanne de Boer"
    assert item["persoonsnaam"]["voorvoegselAchternaam"] == "de"
    assert item["digitaleAdressen"] == ["0612345678"]
    assert item["zaken"] == [zaak]
    assert handmatig != medewerker


def test_contactverzoek_without_klant(kiss: Kiss) -> None:
    """No klant known: a betrokkene with only a name (``wasPartij: null``)."""
    klantcontact = kiss.contactmoment("Melding", "Lantaarnpaal kapot")
    betrokkene = kiss.betrokkene(klantcontact["uuid"], None, voornaam="Piet", achternaam="Jansen")
    shown = kiss.get(f"betrokkenen/{betrokkene}")
    assert shown["wasPartij"] is None
    assert shown["contactnaam"]["achternaam"] == "Jansen"
