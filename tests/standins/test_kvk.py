"""The local Handelsregister answers as KVK's Zoeken, Basisprofiel and Vestigingsprofiel
APIs do, and every request and answer holds to the document written from KVK's facts
(checked here again, apart from the stand-in's own check)."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import ImmutableMultiDict

from standins.kvk import DOCUMENT, SPEC_HOST, Adres, Bedrijf, LocalKvk, Vestiging, local_kvk
from standins.openapi import document, problems

# Read once: the same document the stand-in checks against, checked here again.
DOCUMENTEN = functools.cache(document)

SLEUTEL = "een-sleutel-voor-de-kvk"

HOEKJE = Bedrijf(
    kvk_nummer="60000000",
    naam="Café Het Hoekje B.V.",
    rechtsvorm="Besloten Vennootschap",
    rsin="500000019",
    handelsnamen=["Café Het Hoekje", "Het Hoekje"],
    registratiedatum="2012-03-01",
    sbi=[("5630", "Cafés")],
    vestigingen=[
        Vestiging(
            "000060000000",
            "Café Het Hoekje",
            bezoekadres=Adres("Parkweg", 199, postcode="3441XW", plaats="Woerden"),
            postadres=Adres(postbus=12, postcode="3440AA", plaats="Woerden"),
            werkzame_personen=4,
        ),
        Vestiging(
            "000060000001",
            "Het Hoekje Zeist",
            bezoekadres=Adres("Lindenlaan", 3, huisletter="a", postcode="3701AB", plaats="Zeist"),
            hoofdvestiging=False,
        ),
    ],
)
BAKKER = Bedrijf(
    kvk_nummer="60000012",
    naam="Bakkerij De Korst",
    vestigingen=[
        Vestiging(
            "000060000012",
            "Bakkerij De Korst",
            bezoekadres=Adres("Eikenlaan", 140, postcode="3431GB", plaats="Nieuwegein"),
        )
    ],
)
GESTOPT = Bedrijf(kvk_nummer="60000099", naam="Hoekje Oud", actief=False)


@pytest.fixture
def kvk() -> Iterator[LocalKvk]:
    with local_kvk(SLEUTEL, [HOEKJE, BAKKER, GESTOPT]) as k:
        yield k


def get(kvk: LocalKvk, pad: str, sleutel: str = SLEUTEL, **params: str) -> httpx.Response:
    """GET, and the answer checked against the document here as well."""
    antwoord = httpx.get(
        f"{kvk.api_root}{pad}", params=params, headers={"apikey": sleutel}, timeout=5
    )
    parts = urlsplit(str(antwoord.request.url))
    request = MockRequest(
        SPEC_HOST,
        "get",
        parts.path,
        args=ImmutableMultiDict(list(antwoord.request.url.params.multi_items())),
    )
    response = MockResponse(
        antwoord.content,
        status_code=antwoord.status_code,
        content_type=antwoord.headers["content-type"],
        headers={"api-version": antwoord.headers.get("api-version", "")},
    )
    assert problems(lambda: DOCUMENTEN(DOCUMENT).validate_response(request, response)) == []
    return antwoord


def fout(antwoord: httpx.Response) -> tuple[int, str]:
    return antwoord.status_code, antwoord.json()["fout"][0]["code"]


def test_without_the_right_apikey_is_401(kvk: LocalKvk) -> None:
    assert get(kvk, "v2/zoeken", sleutel="fout", naam="hoekje").status_code == 401
    assert kvk.violations == []


def test_zoeken_by_name_gives_the_rechtspersoon_and_its_vestigingen(kvk: LocalKvk) -> None:
    antwoord = get(kvk, "v2/zoeken", naam="HOEKJE")
    assert antwoord.status_code == 200
    body = antwoord.json()
    assert (body["pagina"], body["resultatenPerPagina"], body["totaal"]) == (1, 10, 3)
    rechtspersoon, hoofd, neven = body["resultaten"]
    assert (rechtspersoon["type"], rechtspersoon["rsin"]) == ("rechtspersoon", "500000019")
    assert hoofd == {
        "kvkNummer": "60000000",
        "vestigingsnummer": "000060000000",
        "naam": "Café Het Hoekje",
        "type": "hoofdvestiging",
        "actief": "Ja",
        "adres": {
            "binnenlandsAdres": {
                "type": "bezoekadres",
                "straatnaam": "Parkweg",
                "plaats": "Woerden",
            }
        },
        "_links": {
            "basisprofiel": {"href": f"{kvk.api_root}v1/basisprofielen/60000000"},
            "vestigingsprofiel": {"href": f"{kvk.api_root}v1/vestigingsprofielen/000060000000"},
        },
    }
    assert neven["type"] == "nevenvestiging"
    # Inactive registrations only when asked for.
    assert get(kvk, "v2/zoeken", naam="hoekje oud").status_code == 404
    oud = get(kvk, "v2/zoeken", naam="hoekje oud", inclusiefInactieveRegistraties="true")
    assert oud.status_code == 404  # no vestigingen and no RSIN: nothing to show
    assert kvk.violations == []


def test_zoeken_by_number_address_and_type(kvk: LocalKvk) -> None:
    def gevonden(**params: str) -> list[tuple[str, str]]:
        antwoord = get(kvk, "v2/zoeken", **params)
        assert antwoord.status_code == 200, antwoord.text
        return [(r["type"], r.get("vestigingsnummer", "")) for r in antwoord.json()["resultaten"]]

    assert gevonden(kvkNummer="60000012") == [("hoofdvestiging", "000060000012")]
    assert gevonden(postcode="3701ab", huisnummer="3", huisletter="A") == [
        ("nevenvestiging", "000060000001")
    ]
    assert gevonden(postcode="3440AA", postbusnummer="12") == [("hoofdvestiging", "000060000000")]
    assert gevonden(kvkNummer="60000000", type="hoofdvestiging") == [
        ("hoofdvestiging", "000060000000")
    ]
    assert gevonden(vestigingsnummer="000060000001") == [("nevenvestiging", "000060000001")]
    pagina = get(kvk, "v2/zoeken", kvkNummer="60000000", resultatenPerPagina="2").json()
    assert len(pagina["resultaten"]) == 2 and "pagina=2" in pagina["volgende"]
    assert kvk.violations == []


def test_zoeken_refuses_what_kvk_refuses(kvk: LocalKvk) -> None:
    assert fout(get(kvk, "v2/zoeken", postcode="3441XW")) == (400, "IPD1999")
    assert fout(get(kvk, "v2/zoeken", huisnummer="199")) == (400, "IPD1999")
    assert fout(get(kvk, "v2/zoeken")) == (400, "IPD1998")
    assert fout(get(kvk, "v2/zoeken", naam="niemand")) == (404, "IPD5200")
    assert kvk.violations == []
    # What breaks the document is refused too, and recorded.
    slecht = get(kvk, "v2/zoeken", kvkNummer="123")
    assert fout(slecht) == (400, "IPD1999")
    assert "kvkNummer" in slecht.json()["fout"][0]["omschrijving"]
    assert fout(get(kvk, "v2/zoeken", postcode="3441XW", huisnummer="tien")) == (400, "IPD1999")
    assert len(kvk.violations) == 2


def test_basisprofiel_with_hoofdvestiging_and_vestigingen(kvk: LocalKvk) -> None:
    profiel = get(kvk, "v1/basisprofielen/60000000")
    assert profiel.status_code == 200
    assert profiel.headers["content-type"] == "application/hal+json"
    body = profiel.json()
    assert (body["naam"], body["formeleRegistratiedatum"], body["totaalWerkzamePersonen"]) == (
        "Café Het Hoekje B.V.",
        "20120301",
        5,
    )
    assert [h["naam"] for h in body["handelsnamen"]] == ["Café Het Hoekje", "Het Hoekje"]
    assert body["_embedded"]["eigenaar"]["rechtsvorm"] == "Besloten Vennootschap"
    hoofd = body["_embedded"]["hoofdvestiging"]
    assert [a["type"] for a in hoofd["adressen"]] == ["correspondentieadres", "bezoekadres"]
    assert hoofd["adressen"][1]["volledigAdres"] == "Parkweg 199 3441XW Woerden"
    # The embedded hoofdvestiging leaves out the RSIN and trade names; the profile has them.
    assert "rsin" not in hoofd and "handelsnamen" not in hoofd
    assert get(kvk, "v1/basisprofielen/60000000/hoofdvestiging").json() == hoofd
    vestigingen = get(kvk, "v1/basisprofielen/60000000/vestigingen").json()
    assert vestigingen["totaalAantalVestigingen"] == 2
    assert [v["volledigAdres"] for v in vestigingen["vestigingen"]] == [
        "Parkweg 199 3441XW Woerden",
        "Lindenlaan 3 a 3701AB Zeist",
    ]
    assert kvk.violations == []


def test_vestigingsprofiel(kvk: LocalKvk) -> None:
    profiel = get(kvk, "v1/vestigingsprofielen/000060000001", geoData="false").json()
    assert (profiel["eersteHandelsnaam"], profiel["indHoofdvestiging"], profiel["rsin"]) == (
        "Het Hoekje Zeist",
        "Nee",
        "500000019",
    )
    assert profiel["adressen"][0]["huisletter"] == "a"
    assert kvk.violations == []


def test_unknown_and_malformed_numbers(kvk: LocalKvk) -> None:
    assert fout(get(kvk, "v1/basisprofielen/69999999")) == (404, "IPD0005")
    assert fout(get(kvk, "v1/vestigingsprofielen/000069999999")) == (404, "IPD0007")
    assert kvk.violations == []
    assert fout(get(kvk, "v1/basisprofielen/6000")) == (400, "IPD0004")
    assert fout(get(kvk, "v1/vestigingsprofielen/123")) == (400, "IPD0006")
    assert len(kvk.violations) == 2


def test_a_register_that_is_down_and_an_answer_that_breaks_the_document(kvk: LocalKvk) -> None:
    kvk.failing = 503
    assert fout(get(kvk, "v2/zoeken", naam="hoekje")) == (503, "IPD9999")
    kvk.failing = None
    kvk.add(Bedrijf(kvk_nummer="60000013", naam="", vestigingen=[Vestiging("000060000013", "")]))
    assert fout(get(kvk, "v1/basisprofielen/60000013")) == (500, "IPD9999")
    assert kvk.violations and kvk.violations[0].startswith("answer 200")
