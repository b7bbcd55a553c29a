"""Open Forms' calls on a submission with a customer profile (Open Klant 2 / klantinteracties).

Facts from open-formulieren/open-forms (``src/openforms/contrib/customer_interactions``:
client.py, update.py, transform.py; ``src/openforms/prefill/contrib/customer_interactions/
plugin.py``), summarised in /work/research/consumers.md. Open Forms talks to Open Klant
through maykinmedia's ``open-klant-client`` (a subclass of ``OpenKlantClient``), so these
flows use that library too, with Open Forms' own query parameters and bodies, and read
the answers where Open Forms reads them:

- prefill: ``GET /digitaleadressen?verstrektDoorPartij__partijIdentificator__
  {codeSoortObjectId,codeRegister,codeObjecttype,objectId}=…`` (bsn/brp/natuurlijk_persoon,
  kvk_nummer/hr/niet_natuurlijk_persoon), every page; grouped by ``soortDigitaalAdres``,
  options from ``adres``, preferred the one with ``isStandaardAdres``;
- on submit: the partij found by ``GET /partijen?partijIdentificator__…`` (``results``;
  more than one is an error) or created (``POST /partijen`` with the identificator
  embedded); ``POST /maak-klantcontact`` (kanaal ``Webformulier``, vertrouwelijk, the
  betrokkene ``wasPartij``, onderwerpobject ``formulierinzending``), whose ``betrokkene``
  and ``onderwerpobject`` must not be null; each new address ``POST /digitaleadressen``
  on the betrokkene (and on the partij, ``isStandaardAdres: true``, when it becomes the
  preferred one); an existing address made preferred is found with
  ``GET /digitaleadressen?verstrektDoorPartij__uuid=…&adres=…`` and patched.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

import pytest

from tests.consumers.conftest import Server, bsn, kvk_nummer
from tests.consumers.typed import load_client

client_module = load_client()

IDENTIFICATOREN = {
    "bsn": {
        "codeSoortObjectId": "bsn",
        "codeRegister": "brp",
        "codeObjecttype": "natuurlijk_persoon",
    },
    "kvk": {
        "codeSoortObjectId": "kvk_nummer",
        "codeRegister": "hr",
        "codeObjecttype": "niet_natuurlijk_persoon",
    },
}
CHANNELS = {"email": "email", "telefoonnummer": "phoneNumber"}


@pytest.fixture
def open_klant(server: Server) -> Any:
    with client_module.OpenKlantClient(
        base_url=f"{server.klantinteracties}/", token=server.token
    ) as client:
        yield client


def prefill(client: Any, kind: str, value: str) -> list[dict[str, Any]]:
    """The communication preferences Open Forms shows: per channel, options and preferred."""
    params = {
        f"verstrektDoorPartij__partijIdentificator__{key}": code
        for key, code in IDENTIFICATOREN[kind].items()
    }
    params["verstrektDoorPartij__partijIdentificator__objectId"] = value
    addresses = sorted(
        client.digitaal_adres.list_iter(params=params), key=lambda a: a["soortDigitaalAdres"]
    )
    return [
        {
            "type": CHANNELS[soort],
            "options": [a["adres"] for a in group],
            "preferred": next((a["adres"] for a in group if a["isStandaardAdres"]), None),
        }
        for soort, group in (
            (s, list(g)) for s, g in groupby(addresses, lambda a: a["soortDigitaalAdres"])
        )
    ]


def find_partij(client: Any, kind: str, value: str) -> dict[str, Any] | None:
    params = {f"partijIdentificator__{key}": code for key, code in IDENTIFICATOREN[kind].items()}
    params["partijIdentificator__objectId"] = value
    results = client.partij.list(params=params)["results"]
    assert len(results) <= 1, "Open Forms refuses more than one partij per identificator"
    return results[0] if results else None


def get_or_create_partij(client: Any, kind: str, value: str) -> tuple[dict[str, Any], bool]:
    if found := find_partij(client, kind, value):
        return found, False
    data: dict[str, Any] = {
        "soortPartij": "persoon" if kind == "bsn" else "organisatie",
        "voorkeurstaal": "nld",
        "indicatieActief": True,
        "digitaleAdressen": None,
        "voorkeursDigitaalAdres": None,
        "rekeningnummers": None,
        "voorkeursRekeningnummer": None,
        "indicatieGeheimhouding": False,
        "partijIdentificatoren": [
            {"partijIdentificator": {**IDENTIFICATOREN[kind], "objectId": value}}
        ],
        "partijIdentificatie": {"contactnaam": None} if kind == "bsn" else {"naam": ""},
    }
    if kind == "bsn":
        return client.partij.create_persoon(data=data), True
    return client.partij.create_organisatie(data=data), True


def create_customer_contact(client: Any, reference: str, partij_uuid: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "klantcontact": {
            "kanaal": "Webformulier",
            "onderwerp": "Aanvraag parkeervergunning",
            "taal": "nld",
            "vertrouwelijk": True,
        },
        "betrokkene": {"rol": "klant", "initiator": True, "organisatienaam": ""},
        "onderwerpobject": {
            "onderwerpobjectidentificator": {
                "objectId": reference,
                "codeObjecttype": "formulierinzending",
                "codeRegister": "Open Formulieren",
                "codeSoortObjectId": "public_registration_reference",
            }
        },
    }
    if partij_uuid:
        data["betrokkene"]["wasPartij"] = {"uuid": partij_uuid}
    answer = client.methods.maak_klant_contact(data=data)
    # update.py asserts exactly this before it goes on.
    assert answer["betrokkene"] is not None
    assert answer["onderwerpobject"] is not None
    return dict(answer)


def create_digital_address(
    client: Any, adres: str, soort: str, preferred: bool, betrokkene: str, partij: str = ""
) -> dict[str, Any]:
    return dict(
        client.digitaal_adres.create(
            data={
                "adres": adres,
                "soortDigitaalAdres": soort,
                "isStandaardAdres": preferred,
                "verstrektDoorBetrokkene": {"uuid": betrokkene},
                "verstrektDoorPartij": {"uuid": partij} if partij else None,
                "omschrijving": "",
            }
        )
    )


def make_preferred(client: Any, adres: str, partij: str) -> dict[str, Any]:
    found = next(
        client.digitaal_adres.list_iter(
            params={"verstrektDoorPartij__uuid": partij, "adres": adres}
        )
    )
    return dict(
        client.digitaal_adres.partial_update(uuid=found["uuid"], data={"isStandaardAdres": True})
    )


def test_bsn_unknown_in_open_klant_gets_a_partij_and_a_preferred_address(open_klant: Any) -> None:
    number = bsn()
    assert prefill(open_klant, "bsn", number) == []

    partij, created = get_or_create_partij(open_klant, "bsn", number)
    assert created
    contact = create_customer_contact(open_klant, "OF-7KX2QP", partij["uuid"])
    assert contact["klantcontact"]["kanaal"] == "Webformulier"
    assert contact["klantcontact"]["vertrouwelijk"] is True
    assert contact["betrokkene"]["wasPartij"]["uuid"] == partij["uuid"]
    assert contact["onderwerpobject"]["onderwerpobjectidentificator"]["objectId"] == "OF-7KX2QP"
    assert contact["onderwerpobject"]["klantcontact"]["uuid"] == contact["klantcontact"]["uuid"]
    betrokkene = contact["betrokkene"]["uuid"]

    # "isNewPreferred": on the betrokkene and on the partij; "useOnlyOnce": betrokkene only.
    email = create_digital_address(
        open_klant, "anna@example.nl", "email", True, betrokkene, partij["uuid"]
    )
    phone = create_digital_address(open_klant, "0612345678", "telefoonnummer", False, betrokkene)
    assert email["verstrektDoorPartij"]["uuid"] == partij["uuid"]
    assert email["verstrektDoorBetrokkene"]["uuid"] == betrokkene
    assert email["isStandaardAdres"] is True
    assert phone["verstrektDoorPartij"] is None
    assert phone["verificatieDatum"] is None  # never verified: null, as Open Klant sends it

    assert prefill(open_klant, "bsn", number) == [
        {"type": "email", "options": ["anna@example.nl"], "preferred": "anna@example.nl"}
    ]
    again, created = get_or_create_partij(open_klant, "bsn", number)
    assert (again["uuid"], created) == (partij["uuid"], False)


def test_known_partij_changes_its_preferred_address(open_klant: Any) -> None:
    number = bsn()
    partij, _ = get_or_create_partij(open_klant, "bsn", number)
    for adres, preferred in (("oud@example.nl", True), ("nieuw@example.nl", False)):
        open_klant.digitaal_adres.create(
            data={
                "adres": adres,
                "soortDigitaalAdres": "email",
                "isStandaardAdres": preferred,
                "verstrektDoorBetrokkene": None,
                "verstrektDoorPartij": {"uuid": partij["uuid"]},
                "omschrijving": "",
            }
        )
    (shown,) = prefill(open_klant, "bsn", number)
    assert (shown["type"], shown["preferred"]) == ("email", "oud@example.nl")
    assert sorted(shown["options"]) == ["nieuw@example.nl", "oud@example.nl"]

    found, created = get_or_create_partij(open_klant, "bsn", number)
    assert (found["uuid"], created) == (partij["uuid"], False)
    contact = create_customer_contact(open_klant, "OF-9PL3ZA", partij["uuid"])
    updated = make_preferred(open_klant, "nieuw@example.nl", partij["uuid"])
    assert updated["isStandaardAdres"] is True
    # One preferred address per kind: the old one is no longer it.
    assert prefill(open_klant, "bsn", number)[0]["preferred"] == "nieuw@example.nl"
    assert contact["betrokkene"]["uuid"]


def test_kvk_submission(open_klant: Any) -> None:
    number = kvk_nummer()
    assert prefill(open_klant, "kvk", number) == []
    partij, created = get_or_create_partij(open_klant, "kvk", number)
    assert created and partij["soortPartij"] == "organisatie"
    contact = create_customer_contact(open_klant, "OF-KVK001", partij["uuid"])
    create_digital_address(
        open_klant,
        "info@bakkerij.example",
        "email",
        True,
        contact["betrokkene"]["uuid"],
        partij["uuid"],
    )
    assert prefill(open_klant, "kvk", number) == [
        {
            "type": "email",
            "options": ["info@bakkerij.example"],
            "preferred": "info@bakkerij.example",
        }
    ]


def test_anonymous_submission(open_klant: Any) -> None:
    contact = create_customer_contact(open_klant, "OF-ANON01", "")
    assert contact["betrokkene"]["wasPartij"] is None
    adres = create_digital_address(
        open_klant, "0201234567", "telefoonnummer", False, contact["betrokkene"]["uuid"]
    )
    assert adres["verstrektDoorPartij"] is None
