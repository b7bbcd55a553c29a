"""maykinmedia's ``open-klant-client`` (PyPI, pinned in pyproject.toml) against Klantbeeld.

Open Forms builds on this library, and Open Inwoner carries a copy of it. The flows call
every resource it wraps (``OpenKlantClient``: partij, partij_identificator, digitaal_adres,
klant_contact, onderwerp_object, actor, interne_taak, betrokkene, and the convenience
method ``maak_klant_contact``), every operation each one offers (list, list_iter,
retrieve, create*, partial_update, delete), and check each answer against the type the
library itself declares as that method's return type (typed.py), so a key the library
expects and Klantbeeld leaves out fails here as ``missing key 'x'``.

How the library reads an answer (``ResourceMixin.process_response``): any
``Content-Type`` that does not start with ``application/json`` raises
``NonJSONResponse``, errors included; a 4xx whose JSON has ``type``, ``code``, ``title``,
``status``, ``detail`` and ``instance`` becomes ``BadRequest`` (with ``invalidParams``) /
``NotFound`` / ``Unauthorized`` / ``Forbidden``. Facts: /work/research/consumers.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

import pytest

from tests.consumers.conftest import Server, bsn, kvk_nummer
from tests.consumers.typed import assert_conforms, load_client, returned_type

client_module = load_client()

from openklant_client.exceptions import BadRequest, NotFound  # noqa: E402


def call(method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call a client method and check its answer against the type the method declares."""
    answer = method(*args, **kwargs)
    assert_conforms(answer, returned_type(method))
    return answer


def iterate(resource: Any, **kwargs: Any) -> list[Any]:
    """``list_iter`` (every page), each row checked against the list's row type."""
    (row_type,) = get_args(returned_type(resource.list))
    rows = list(resource.list_iter(**kwargs))
    for row in rows:
        assert_conforms(row, row_type)
    return rows


@pytest.fixture
def client(server: Server) -> Any:
    with client_module.OpenKlantClient(
        base_url=f"{server.klantinteracties}/", token=server.token
    ) as open_klant:
        yield open_klant


def _identificator(soort: str, object_id: str) -> dict[str, str]:
    register, objecttype = {
        "bsn": ("brp", "natuurlijk_persoon"),
        "kvk_nummer": ("hr", "niet_natuurlijk_persoon"),
    }[soort]
    return {
        "codeSoortObjectId": soort,
        "codeRegister": register,
        "codeObjecttype": objecttype,
        "objectId": object_id,
    }


def _partij(soort: str, identificatie: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "soortPartij": soort,
        "indicatieActief": True,
        "voorkeurstaal": "nld",
        "indicatieGeheimhouding": False,
        "digitaleAdressen": None,
        "voorkeursDigitaalAdres": None,
        "rekeningnummers": None,
        "voorkeursRekeningnummer": None,
        "partijIdentificatie": identificatie,
        **extra,
    }


def test_partijen_and_identificatoren(client: Any) -> None:
    number = bsn()
    persoon = call(
        client.partij.create_persoon,
        data=_partij(
            "persoon",
            {
                "contactnaam": {
                    "voorletters": "A",
                    "voornaam": "Anna",
                    "voorvoegselAchternaam": "de",
                    "achternaam": "Vries",
                }
            },
            partijIdentificatoren=[{"partijIdentificator": _identificator("bsn", number)}],
        ),
    )
    organisatie = call(
        client.partij.create_organisatie,
        data=_partij("organisatie", {"naam": "Bakkerij Brood"}),
    )
    contactpersoon = call(
        client.partij.create_contactpersoon,
        data=_partij(
            "contactpersoon",
            {
                "contactnaam": {
                    "voorletters": "K",
                    "voornaam": "Kees",
                    "voorvoegselAchternaam": "",
                    "achternaam": "Bakker",
                },
                "werkteVoorPartij": {"uuid": organisatie["uuid"]},
            },
        ),
    )
    assert contactpersoon["soortPartij"] == "contactpersoon"

    kvk = kvk_nummer()
    identificator = call(
        client.partij_identificator.create,
        data={
            "identificeerdePartij": {"uuid": organisatie["uuid"]},
            "partijIdentificator": _identificator("kvk_nummer", kvk),
        },
    )
    assert identificator["identificeerdePartij"]["uuid"] == organisatie["uuid"]
    call(client.partij_identificator.retrieve, identificator["uuid"])
    found = call(
        client.partij_identificator.list,
        params={
            "partijIdentificatorCodeSoortObjectId": "kvk_nummer",
            "partijIdentificatorObjectId": kvk,
        },
    )
    assert [row["uuid"] for row in found["results"]] == [identificator["uuid"]]

    page = call(
        client.partij.list,
        params={
            "partijIdentificator__codeSoortObjectId": "bsn",
            "partijIdentificator__codeRegister": "brp",
            "partijIdentificator__codeObjecttype": "natuurlijk_persoon",
            "partijIdentificator__objectId": number,
        },
    )
    assert page["count"] == 1 and page["results"][0]["uuid"] == persoon["uuid"]
    assert {
        row["uuid"] for row in iterate(client.partij, params={"soortPartij": "organisatie"})
    } >= {organisatie["uuid"]}

    retrieved = call(
        client.partij.retrieve, persoon["uuid"], params={"expand": ["digitaleAdressen"]}
    )
    assert retrieved["partijIdentificatie"]["contactnaam"]["achternaam"] == "Vries"

    updated = call(
        client.partij.partial_update,
        organisatie["uuid"],
        data={"soortPartij": "organisatie", "interneNotitie": "Vaste klant"},
    )
    assert updated["interneNotitie"] == "Vaste klant"


def test_digitale_adressen(client: Any) -> None:
    partij = call(client.partij.create_persoon, data=_partij("persoon", {"contactnaam": None}))
    adres = call(
        client.digitaal_adres.create,
        data={
            "verstrektDoorBetrokkene": None,
            "verstrektDoorPartij": {"uuid": partij["uuid"]},
            "adres": "anna@example.nl",
            "omschrijving": "Privé",
            "soortDigitaalAdres": "email",
            "isStandaardAdres": False,
            "verificatieDatum": "2026-01-15",
        },
    )
    assert adres["verstrektDoorPartij"]["uuid"] == partij["uuid"]
    assert adres["verificatieDatum"] == "2026-01-15"
    call(client.digitaal_adres.retrieve, adres["uuid"])
    page = call(client.digitaal_adres.list, params={"verstrektDoorPartij__uuid": partij["uuid"]})
    assert [row["uuid"] for row in page["results"]] == [adres["uuid"]]
    assert len(iterate(client.digitaal_adres, params={"adres": "anna@example.nl"})) >= 1

    updated = call(
        client.digitaal_adres.partial_update, adres["uuid"], data={"isStandaardAdres": True}
    )
    assert updated["isStandaardAdres"] is True

    expanded = call(client.partij.retrieve, partij["uuid"], params={"expand": ["digitaleAdressen"]})
    assert [row["uuid"] for row in expanded["_expand"]["digitaleAdressen"]] == [adres["uuid"]]

    deleted = client.digitaal_adres.delete(adres["uuid"])
    assert deleted.status_code == 204
    with pytest.raises(NotFound):
        client.digitaal_adres.retrieve(adres["uuid"])


def test_klantcontacten_betrokkenen_onderwerpobjecten_actoren_internetaken(client: Any) -> None:
    partij = call(client.partij.create_persoon, data=_partij("persoon", {"contactnaam": None}))
    klantcontact = call(
        client.klant_contact.create,
        data={
            "kanaal": "telefoon",
            "onderwerp": "Afvalpas",
            "inhoud": "Pas kwijt",
            "indicatieContactGelukt": True,
            "taal": "nld",
            "vertrouwelijk": False,
            "plaatsgevondenOp": "2026-03-02T09:30:00+01:00",
        },
    )
    betrokkene = call(
        client.betrokkene.create,
        data={
            "hadKlantcontact": {"uuid": klantcontact["uuid"]},
            "wasPartij": {"uuid": partij["uuid"]},
            "rol": "klant",
            "organisatienaam": "",
            "initiator": True,
            "contactnaam": {"voornaam": "Anna", "achternaam": "Vries"},
        },
    )
    call(client.betrokkene.retrieve, betrokkene["uuid"])
    page = call(client.betrokkene.list, params={"wasPartij__uuid": partij["uuid"]})
    assert [row["uuid"] for row in page["results"]] == [betrokkene["uuid"]]

    onderwerpobject = call(
        client.onderwerp_object.create,
        data={
            "klantcontact": {"uuid": klantcontact["uuid"]},
            "wasKlantcontact": None,
            "onderwerpobjectidentificator": {
                "objectId": "ZAAK-2026-0001",
                "codeObjecttype": "zaak",
                "codeRegister": "openzaak",
                "codeSoortObjectId": "identificatie",
            },
        },
    )
    call(client.onderwerp_object.retrieve, onderwerpobject["uuid"])
    call(client.onderwerp_object.list, params={"klantcontact__uuid": klantcontact["uuid"]})

    actor = call(
        client.actor.create,
        data={
            "naam": "Team Afval",
            "soortActor": "organisatorische_eenheid",
            "indicatieActief": True,
            "actoridentificator": {
                "objectId": "afval",
                "codeObjecttype": "afd",
                "codeRegister": "obj",
                "codeSoortObjectId": "idf",
            },
        },
    )
    call(client.actor.retrieve, actor["uuid"])
    actors = call(client.actor.list, params={"actoridentificatorObjectId": "afval"})
    assert actor["uuid"] in [row["uuid"] for row in actors["results"]]

    taak = call(
        client.interne_taak.create,
        data={
            "gevraagdeHandeling": "Terugbellen",
            "aanleidinggevendKlantcontact": {"uuid": klantcontact["uuid"]},
            "toegewezenAanActor": {"uuid": actor["uuid"]},
            "toelichting": "Na 14:00",
            "status": "te_verwerken",
        },
    )
    assert taak["toegewezenAanActor"]["uuid"] == actor["uuid"]
    call(client.interne_taak.retrieve, taak["uuid"])
    tasks = call(
        client.interne_taak.list,
        params={"aanleidinggevendKlantcontact__uuid": klantcontact["uuid"]},
    )
    assert [row["uuid"] for row in tasks["results"]] == [taak["uuid"]]

    expand = [
        "gingOverOnderwerpobjecten",
        "hadBetrokkenen",
        "hadBetrokkenen.digitaleAdressen",
        "hadBetrokkenen.wasPartij",
        "leiddeTotInterneTaken",
        "omvatteBijlagen",
    ]
    retrieved = call(client.klant_contact.retrieve, klantcontact["uuid"], params={"expand": expand})
    assert retrieved["leiddeTotInterneTaken"] == [{"uuid": taak["uuid"], "url": taak["url"]}]
    rows = call(
        client.klant_contact.list,
        params={"hadBetrokkene__wasPartij__uuid": partij["uuid"], "expand": expand},
    )
    assert [row["uuid"] for row in rows["results"]] == [klantcontact["uuid"]]
    assert len(iterate(client.klant_contact, params={"onderwerp": "Afvalpas"})) >= 1


def test_maak_klantcontact(client: Any) -> None:
    partij = call(client.partij.create_persoon, data=_partij("persoon", {"contactnaam": None}))
    answer = call(
        client.methods.maak_klant_contact,
        data={
            "klantcontact": {
                "kanaal": "Webformulier",
                "onderwerp": "Melding openbare ruimte",
                "taal": "nld",
                "vertrouwelijk": False,
            },
            "betrokkene": {
                "rol": "klant",
                "initiator": True,
                "organisatienaam": "",
                "wasPartij": {"uuid": partij["uuid"]},
            },
            "onderwerpobject": {
                "onderwerpobjectidentificator": {
                    "objectId": "OF-ABC123",
                    "codeObjecttype": "formulierinzending",
                    "codeRegister": "Open Formulieren",
                    "codeSoortObjectId": "public_registration_reference",
                }
            },
        },
    )
    assert answer["betrokkene"]["wasPartij"]["uuid"] == partij["uuid"]
    assert answer["onderwerpobject"]["klantcontact"]["uuid"] == answer["klantcontact"]["uuid"]

    alone = call(
        client.methods.maak_klant_contact,
        data={
            "klantcontact": {
                "kanaal": "balie",
                "onderwerp": "Vraag",
                "taal": "nld",
                "vertrouwelijk": False,
            }
        },
    )
    assert alone["betrokkene"] is None and alone["onderwerpobject"] is None


def test_errors_are_structured_json(client: Any) -> None:
    """A refusal reaches the caller as the library's own exception, not NonJSONResponse."""
    with pytest.raises(BadRequest) as refused:
        client.digitaal_adres.create(
            data={
                "verstrektDoorBetrokkene": None,
                "verstrektDoorPartij": None,
                "adres": "geen e-mailadres",
                "omschrijving": "",
                "soortDigitaalAdres": "email",
            }
        )
    assert [param["name"] for param in refused.value.invalidParams] == ["adres"]
    assert refused.value.title == "Ongeldige invoerwaarde."

    with pytest.raises(NotFound) as missing:
        client.partij.retrieve("00000000-0000-4000-8000-000000000000")
    assert missing.value.status == 404
