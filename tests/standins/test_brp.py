"""The local BRP answers as the Haal Centraal BRP API Personen 2.7.0 does, and every
request and answer holds to its published document (checked here again, apart from the
stand-in's own check)."""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from openapi_core.testing import MockRequest, MockResponse

from standins.brp import DOCUMENT, PATH, SPEC_HOST, LocalBrp, Persoon, local_brp
from standins.openapi import document, problems

# Read once: the same document the stand-in checks against, checked here again.
DOCUMENTEN = functools.cache(document)

SLEUTEL = "een-sleutel-voor-de-brp"
JSON = "application/json; charset=utf-8"

HENK_1 = Persoon(
    bsn="100000101",
    geslachtsnaam="Bos",
    voornamen="Henk",
    geslacht="M",
    geboortedatum="1958-04-12",
    straat="Parkweg",
    huisnummer=88,
    postcode="3441VC",
    woonplaats="Woerden",
    gemeente_code="0632",
    gemeente="Woerden",
    adres_sinds="1999-06-01",
)
HENK_2 = Persoon(
    bsn="100007302",
    geslachtsnaam="Bos",
    voornamen="Henk",
    geslacht="M",
    geboortedatum="1971-11-03",
    straat="Beatrixstraat",
    huisnummer=92,
    postcode="3431WX",
    woonplaats="Nieuwegein",
    gemeente_code="0356",
)
JOHANNA = Persoon(
    bsn="100000113",
    geslachtsnaam="Bos",
    voorvoegsel="",
    voornamen="Johanna Maria",
    geslacht="V",
    geboortedatum="1960-02-29",
    straat="Parkweg",
    huisnummer=88,
    postcode="3441VC",
    woonplaats="Woerden",
    gemeente_code="0632",
    geheimhouding=True,
)
OVERLEDEN = Persoon(
    bsn="100000125",
    geslachtsnaam="Bos",
    voornamen="Hendrik",
    geslacht="M",
    geboortedatum="1958-04-12",
    overlijdensdatum="2023-01-15",
)
NAAM = ["burgerservicenummer", "naam", "geboorte.datum", "adressering.adresregel1"]


@pytest.fixture
def brp() -> Iterator[LocalBrp]:
    with local_brp(SLEUTEL, [HENK_1, HENK_2, JOHANNA, OVERLEDEN]) as b:
        yield b


def vraag(brp: LocalBrp, body: Any, **headers: str) -> httpx.Response:
    """POST /personen, and the answer checked against the document here as well."""
    antwoord = httpx.post(
        f"{brp.api_root}/personen",
        content=json.dumps(body),
        headers={"X-API-KEY": SLEUTEL, "Content-Type": JSON, **headers},
        timeout=5,
    )
    request = MockRequest(SPEC_HOST, "post", PATH, content_type=JSON)
    response = MockResponse(
        antwoord.content,
        status_code=antwoord.status_code,
        content_type=antwoord.headers["content-type"],
    )
    assert problems(lambda: DOCUMENTEN(DOCUMENT).validate_response(request, response)) == []
    return antwoord


def bsns(antwoord: httpx.Response) -> list[str]:
    assert antwoord.status_code == 200, antwoord.text
    return [p["burgerservicenummer"] for p in antwoord.json()["personen"]]


def invalid(antwoord: httpx.Response) -> set[tuple[str, str]]:
    assert antwoord.status_code == 400, antwoord.text
    assert antwoord.headers["content-type"] == "application/problem+json"
    body = antwoord.json()
    assert (body["code"], body["title"]) == (
        "paramsValidation",
        "Een of meerdere parameters zijn niet correct.",
    )
    return {(p["code"], p["name"]) for p in body["invalidParams"]}


def test_without_the_api_key_is_401(brp: LocalBrp) -> None:
    body = {"type": "RaadpleegMetBurgerservicenummer", "burgerservicenummer": [HENK_1.bsn]}
    assert vraag(brp, {**body, "fields": NAAM}, **{"X-API-KEY": "fout"}).status_code == 401
    assert brp.violations == []


def test_three_henk_bos_differ_by_birth_date(brp: LocalBrp) -> None:
    gezocht = {
        "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
        "geslachtsnaam": "bos",
        "geboortedatum": "1971-11-03",
        "fields": NAAM,
    }
    antwoord = vraag(brp, gezocht)
    assert bsns(antwoord) == [HENK_2.bsn]
    [henk] = antwoord.json()["personen"]
    assert henk["naam"]["volledigeNaam"] == "Henk Bos"
    assert henk["geboorte"] == {
        "datum": {"type": "Datum", "datum": "1971-11-03", "langFormaat": "3 november 1971"}
    }
    assert henk["adressering"] == {"adresregel1": "Beatrixstraat 92"}
    # A wildcard after three letters; deceased persons only when asked for.
    ouder = {**gezocht, "geslachtsnaam": "Bos*", "geboortedatum": "1958-04-12"}
    assert bsns(vraag(brp, ouder)) == [HENK_1.bsn]
    met = vraag(brp, {**ouder, "inclusiefOverledenPersonen": True})
    assert bsns(met) == [HENK_1.bsn, OVERLEDEN.bsn]
    # The fields the API always delivers: why the deceased person's record is closed.
    assert met.json()["personen"][1]["opschortingBijhouding"]["reden"] == {
        "code": "O",
        "omschrijving": "overlijden",
    }
    assert bsns(vraag(brp, {**ouder, "voornamen": "hen*"})) == [HENK_1.bsn]
    assert bsns(vraag(brp, {**ouder, "voornamen": "Jan"})) == []
    assert brp.violations == []


def test_postcode_and_huisnummer_finds_everyone_living_there(brp: LocalBrp) -> None:
    gezocht = {
        "type": "ZoekMetPostcodeEnHuisnummer",
        "postcode": "3441 vc",
        "huisnummer": 88,
        "fields": ["burgerservicenummer", "naam.volledigeNaam"],
    }
    antwoord = vraag(brp, gezocht)
    assert bsns(antwoord) == [HENK_1.bsn, JOHANNA.bsn]
    assert antwoord.json()["personen"][1] == {
        "burgerservicenummer": JOHANNA.bsn,
        "naam": {"volledigeNaam": "Johanna Maria Bos"},
        "geheimhoudingPersoonsgegevens": True,
    }
    assert bsns(vraag(brp, {**gezocht, "geboortedatum": "1960-02-29"})) == [JOHANNA.bsn]
    assert bsns(vraag(brp, {**gezocht, "huisletter": "a"})) == []
    assert brp.violations == []


def test_raadplegen_gives_the_fields_asked_for(brp: LocalBrp) -> None:
    antwoord = vraag(
        brp,
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [HENK_1.bsn, "999999999", OVERLEDEN.bsn],
            "fields": ["naam.voornamen", "verblijfplaats.verblijfadres", "verblijfplaats.datumVan"],
        },
    )
    assert antwoord.status_code == 200
    henk, overleden = antwoord.json()["personen"]
    assert henk == {
        "naam": {"voornamen": "Henk"},
        "verblijfplaats": {
            "type": "Adres",
            "verblijfadres": {
                "officieleStraatnaam": "Parkweg",
                "korteStraatnaam": "Parkweg",
                "huisnummer": 88,
                "postcode": "3441VC",
                "woonplaats": "Woerden",
            },
            "datumVan": {"type": "Datum", "datum": "1999-06-01", "langFormaat": "1 juni 1999"},
        },
    }
    # Raadplegen also finds a deceased person.
    assert overleden["naam"] == {"voornamen": "Hendrik"}
    assert brp.violations == []


def test_naam_en_gemeente_van_inschrijving(brp: LocalBrp) -> None:
    gezocht = {
        "type": "ZoekMetNaamEnGemeenteVanInschrijving",
        "geslachtsnaam": "Bos",
        "voornamen": "Henk",
        "gemeenteVanInschrijving": "0356",
        "fields": ["burgerservicenummer"],
    }
    assert bsns(vraag(brp, gezocht)) == [HENK_2.bsn]
    raadpleeg = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [HENK_1.bsn, HENK_2.bsn],
        "gemeenteVanInschrijving": "0632",
        "fields": ["burgerservicenummer"],
    }
    assert bsns(vraag(brp, raadpleeg)) == [HENK_1.bsn]
    assert brp.violations == []


@pytest.mark.parametrize(
    ("body", "fouten"),
    [
        (
            {"type": "ZoekMetGeslachtsnaamEnGeboortedatum", "fields": ["burgerservicenummer"]},
            {("required", "geslachtsnaam"), ("required", "geboortedatum")},
        ),
        (
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "Bos",
                "geboortedatum": "12-04-1958",
                "fields": ["burgerservicenummer"],
            },
            {("date", "geboortedatum")},
        ),
        (
            {
                "type": "ZoekMetGeslachtsnaamEnGeboortedatum",
                "geslachtsnaam": "<script>",
                "geboortedatum": "1958-04-12",
            },
            {("pattern", "geslachtsnaam"), ("required", "fields")},
        ),
        (
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": ["12345678"],
                "fields": [],
            },
            {("pattern", "burgerservicenummer.0"), ("minItems", "fields")},
        ),
        (
            {
                "type": "RaadpleegMetBurgerservicenummer",
                "burgerservicenummer": "100000101",
                "fields": ["burgerservicenummer"],
            },
            {("array", "burgerservicenummer")},
        ),
        (
            {"type": "Raadpleeg", "burgerservicenummer": ["100000101"], "fields": ["naam"]},
            {("value", "type")},
        ),
    ],
)
def test_what_breaks_the_document_is_refused_as_the_api_does(
    brp: LocalBrp, body: dict[str, Any], fouten: set[tuple[str, str]]
) -> None:
    assert invalid(vraag(brp, body)) == fouten
    # Recorded as requests that broke the document; every answer held to it.
    assert brp.violations
    assert all(v.startswith("request:") for v in brp.violations)


def test_parameters_and_fields_beyond_the_document_are_refused(brp: LocalBrp) -> None:
    antwoord = vraag(
        brp,
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": [HENK_1.bsn],
            "voornamen": "Henk",
            "fields": ["anummer", "geheimhoudingPersoonsgegevens", "naam.inOnderzoek"],
        },
    )
    assert invalid(antwoord) == {
        ("unknownParam", "voornamen"),
        ("fields", "fields.0"),
        ("fields", "fields.1"),
        ("fields", "fields.2"),
    }
    reasons = {p["name"]: p["reason"] for p in antwoord.json()["invalidParams"]}
    assert reasons["fields.0"] == "Parameter bevat een niet bestaande veldnaam."
    assert reasons["fields.1"] == "Parameter bevat een niet toegestane veldnaam."
    # A search answers PersoonBeperkt: no verblijfplaats there.
    zoek = {
        "type": "ZoekMetPostcodeEnHuisnummer",
        "postcode": "3441VC",
        "huisnummer": 88,
        "fields": ["verblijfplaats"],
    }
    assert invalid(vraag(brp, zoek)) == {("fields", "fields.0")}
    assert brp.violations == []


def test_media_types_and_a_brp_that_is_down(brp: LocalBrp) -> None:
    body = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [HENK_1.bsn],
        "fields": ["burgerservicenummer"],
    }
    assert vraag(brp, body, **{"Content-Type": "text/plain"}).status_code == 415
    assert vraag(brp, body, Accept="application/xml").status_code == 406
    # A plain application/json is the same body.
    assert bsns(vraag(brp, body, **{"Content-Type": "application/json"})) == [HENK_1.bsn]
    brp.failing = 503
    down = vraag(brp, body)
    assert down.status_code == 503
    assert down.json()["code"] == "notAvailable"
    assert brp.violations == []


def test_the_protocol_headers_are_kept(brp: LocalBrp) -> None:
    body = {
        "type": "RaadpleegMetBurgerservicenummer",
        "burgerservicenummer": [HENK_1.bsn],
        "fields": ["burgerservicenummer"],
    }
    vraag(brp, body, **{"x-doelbinding": "BRPACT-Totaal", "x-gebruiker": "sanne"})
    assert brp.protocol == [{"x-doelbinding": "BRPACT-Totaal", "x-gebruiker": "sanne"}]
    assert brp.vragen == [body]


def test_an_answer_that_breaks_the_document_becomes_a_500(brp: LocalBrp) -> None:
    brp.add(Persoon(bsn="100000137", geslachtsnaam="Bos<script>", geboortedatum="1980-01-01"))
    antwoord = vraag(
        brp,
        {
            "type": "RaadpleegMetBurgerservicenummer",
            "burgerservicenummer": ["100000137"],
            "fields": ["naam"],
        },
    )
    assert antwoord.status_code == 500
    assert brp.violations and brp.violations[0].startswith("answer 200:")
