"""The local ZGW register (standins/zgw.py) over real HTTP: every answer is checked
against the Open Zaak documents in tests/specs, and the register behaves as Open Zaak does
where the tests of Klantbeeld's ZGW client rely on it."""

from __future__ import annotations

import base64
import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from openapi_core.templating.paths.exceptions import PathError
from openapi_core.templating.responses.exceptions import ResponseNotFound
from openapi_core.testing import MockRequest, MockResponse

from klantbeeld.demo.numbers import bsn, kvk_nummer, rsin, vestigingsnummer
from standins.zgw import APIS, SPEC_HOST, LocalZgw, elfproef, local_zgw, openapi_for
from tests.support.spec import validate_problem

SECRET = "geheim-van-de-lokale-zgw-tests-32-tekens"
CLIENTS = {"klantbeeld": SECRET}
CRS = {"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"}
ROOT = Path(__file__).resolve().parents[2]


def token(client_id: str = "klantbeeld", secret: str = SECRET, **claims: Any) -> str:
    payload = {"client_id": client_id, "iss": client_id, "iat": int(time.time()), **claims}
    return jwt.encode(payload, secret, algorithm="HS256")


def spec_errors(response: httpx.Response) -> list[Exception]:
    """How the answer breaks the operation's response in its API's document."""
    request = response.request
    path = request.url.path
    return list(
        openapi_for(path.split("/")[1]).response_validator.iter_errors(
            MockRequest(SPEC_HOST, request.method.lower(), path, content_type="application/json"),
            MockResponse(
                response.content,
                status_code=response.status_code,
                headers=dict(response.headers),
                content_type=response.headers.get("Content-Type", "").split(";")[0],
            ),
        )
    )


def describe(errors: list[Exception]) -> list[str]:
    lines = []
    for error in errors:
        lines.append(f"{type(error).__name__}: {error}")
        for inner in [
            *(getattr(error, "schema_errors", None) or []),
            *(getattr(error.__cause__, "schema_errors", None) or []),
        ]:
            lines.append(f"  {list(inner.absolute_path)}: {inner.message[:300]}")
    return lines


def check(response: httpx.Response) -> None:
    """Every answer fits its API's document and names the API version; problems without
    an operation or documented status (404 for an unknown path, 405, 503) fit the ZGW
    problem schemas."""
    response.read()
    path = response.request.url.path
    api = path.split("/")[1]
    if response.status_code >= 400:
        validate_problem(
            response.status_code,
            response.content,
            response.headers["Content-Type"],
            "application/problem+json",
        )
    if api not in APIS:
        return
    assert response.headers["API-version"] == APIS[api].version
    if response.request.method == "HEAD":
        return
    errors = spec_errors(response)
    if response.status_code >= 400 and any(
        isinstance(e, PathError | ResponseNotFound) for e in errors
    ):
        return
    where = f"{response.request.method} {path} → {response.status_code}"
    assert not errors, where + "\n" + "\n".join(describe(errors))


@pytest.fixture
def register() -> Iterator[LocalZgw]:
    with local_zgw(CLIENTS) as zgw:
        yield zgw


@pytest.fixture
def http() -> Iterator[httpx.Client]:
    """A client that checks every answer and sends a valid JWT and CRS headers."""
    with httpx.Client(
        timeout=10,
        headers={"Authorization": f"Bearer {token()}", **CRS},
        event_hooks={"response": [check]},
    ) as client:
        yield client


def results(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    data = response.json()
    return data if isinstance(data, list) else data["results"]


def identificaties(response: httpx.Response) -> set[str]:
    return {zaak["identificatie"] for zaak in results(response)}


def test_the_response_check_is_not_vacuous(register: LocalZgw, http: httpx.Client) -> None:
    zaak = register.add_zaak("MOR", omschrijving="Losse tegel", bsn=bsn(1))
    good = http.get(zaak["url"])
    broken = httpx.Response(
        200,
        json={k: v for k, v in good.json().items() if k != "zaaktype"},
        headers=good.headers,
        request=good.request,
    )
    assert any("zaaktype" in line for line in describe(spec_errors(broken)))
    assert spec_errors(good) == []


# -- finding zaken -----------------------------------------------------------------------


def test_zaken_are_found_by_the_identifiers_of_their_rollen(
    register: LocalZgw, http: httpx.Client
) -> None:
    persoon = register.add_zaak("MOR", omschrijving="Losse tegel", bsn=bsn(1))
    tweede = register.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))
    register.add_zaak("MOR", omschrijving="Van een ander", bsn=bsn(2))
    bedrijf = register.add_zaak("SUBSIDIE", omschrijving="Subsidie", kvk=kvk_nummer(1))
    filiaal = register.add_zaak(
        "BEZWAAR",
        omschrijving="Bezwaar filiaal",
        kvk=kvk_nummer(2),
        rsin=rsin(2),
        vestigingsnummer=vestigingsnummer(2),
    )
    vestiging = register.add_zaak(
        "MOR", omschrijving="Winkel", vestigingsnummer=vestigingsnummer(3)
    )
    stichting = register.add_zaak("SUBSIDIE", omschrijving="Stichting", rsin=rsin(4))
    zaken = f"{register.zaken_root}/zaken"
    prefix = "rol__betrokkeneIdentificatie__"

    def found(name: str, value: str) -> set[str]:
        return identificaties(http.get(zaken, params={f"{prefix}{name}": value}))

    assert found("natuurlijkPersoon__inpBsn", bsn(1)) == {
        persoon["identificatie"],
        tweede["identificatie"],
    }
    assert found("nietNatuurlijkPersoon__kvkNummer", kvk_nummer(1)) == {bedrijf["identificatie"]}
    assert found("nietNatuurlijkPersoon__kvkNummer", kvk_nummer(2)) == {filiaal["identificatie"]}
    assert found("nietNatuurlijkPersoon__innNnpId", rsin(2)) == {filiaal["identificatie"]}
    assert found("nietNatuurlijkPersoon__innNnpId", rsin(4)) == {stichting["identificatie"]}
    assert found("nietNatuurlijkPersoon__vestigingsNummer", vestigingsnummer(2)) == {
        filiaal["identificatie"]
    }
    assert found("vestiging__vestigingsNummer", vestigingsnummer(3)) == {vestiging["identificatie"]}
    # The kind of betrokkene is part of the filter: a niet-natuurlijk persoon with a
    # vestigingsnummer is no vestiging.
    assert found("vestiging__vestigingsNummer", vestigingsnummer(2)) == set()
    assert found("natuurlijkPersoon__inpBsn", bsn(9)) == set()

    [rol] = [r for r in register.objects("rollen") if r["zaak"] == filiaal["url"]]
    assert rol["betrokkeneType"] == "niet_natuurlijk_persoon"
    assert rol["omschrijvingGeneriek"] == "initiator"
    assert rol["betrokkeneIdentificatie"]["kvkNummer"] == kvk_nummer(2)
    assert rol["betrokkeneIdentificatie"]["innNnpId"] == rsin(2)
    assert rol["betrokkeneIdentificatie"]["vestigingsNummer"] == vestigingsnummer(2)


def test_rol_filters_are_met_by_any_rol_of_the_zaak_as_in_open_zaak(
    register: LocalZgw, http: httpx.Client
) -> None:
    zaak = register.add_zaak("MOR", omschrijving="Melding", bsn=bsn(1))
    body = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": next(
            r["url"]
            for r in register.objects("roltypen")
            if r["zaaktype"] == zaak["zaaktype"] and r["omschrijvingGeneriek"] == "belanghebbende"
        ),
        "betrokkeneIdentificatie": {"inpBsn": bsn(2)},
    }
    assert http.post(f"{register.zaken_root}/rollen", json=body).status_code == 201
    params = {
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn(2),
        "rol__omschrijvingGeneriek": "initiator",
    }
    # bsn(2) is only belanghebbende; the initiator is someone else, yet the zaak is found.
    found = http.get(f"{register.zaken_root}/zaken", params=params)
    assert identificaties(found) == {zaak["identificatie"]}
    rollen = http.get(
        f"{register.zaken_root}/rollen",
        params={"zaak": zaak["url"], "omschrijvingGeneriek": "belanghebbende"},
    )
    assert [r["betrokkeneIdentificatie"]["inpBsn"] for r in results(rollen)] == [bsn(2)]


def test_expand_includes_zaaktype_status_rollen_and_documents(
    register: LocalZgw, http: httpx.Client
) -> None:
    zaak = register.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))
    register.add_status(zaak, "In behandeling", "Wij kijken ernaar")
    document = register.add_document(zaak, "Aanvraagformulier")
    expand = "zaaktype,status,status.statustype,rollen,rollen.roltype,zaakinformatieobjecten"
    listed = http.get(
        f"{register.zaken_root}/zaken",
        params={
            "expand": expand,
            "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn(1),
        },
    )
    detail = http.get(zaak["url"], params={"expand": expand})
    [from_list] = results(listed)
    assert from_list == detail.json()
    expanded = detail.json()["_expand"]
    assert expanded["zaaktype"] == register.zaaktype("PARKEERVERGUNNING")
    assert expanded["status"]["statustoelichting"] == "Wij kijken ernaar"
    assert expanded["status"]["_expand"]["statustype"]["omschrijving"] == "In behandeling"
    [rol] = expanded["rollen"]
    assert rol["_expand"]["roltype"]["omschrijvingGeneriek"] == "initiator"
    [relatie] = expanded["zaakinformatieobjecten"]
    assert relatie["informatieobject"] == document["url"]

    without = http.get(zaak["url"])
    assert "_expand" not in without.json()
    wrong = http.get(zaak["url"], params={"expand": "zaaktype,onzin"})
    assert wrong.status_code == 400
    assert wrong.json()["invalidParams"][0]["name"] == "expand"


def test_the_confidentiality_filter_leaves_out_more_confidential_zaken(
    register: LocalZgw, http: httpx.Client
) -> None:
    for vertrouwelijkheid in ("openbaar", "intern", "vertrouwelijk", "geheim"):
        register.add_zaak(
            "MOR", omschrijving=vertrouwelijkheid, bsn=bsn(1), vertrouwelijkheid=vertrouwelijkheid
        )

    def omschrijvingen(maximum: str) -> set[str]:
        params = {
            "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn(1),
            "maximaleVertrouwelijkheidaanduiding": maximum,
        }
        response = http.get(f"{register.zaken_root}/zaken", params=params)
        return {zaak["omschrijving"] for zaak in results(response)}

    assert omschrijvingen("openbaar") == {"openbaar"}
    assert omschrijvingen("zaakvertrouwelijk") == {"openbaar", "intern"}
    assert omschrijvingen("geheim") == {"openbaar", "intern", "vertrouwelijk", "geheim"}


def test_lists_are_paged_by_a_hundred(register: LocalZgw, http: httpx.Client) -> None:
    for n in range(205):
        register.add_zaak("MOR", omschrijving=f"Melding {n}", bsn=bsn(1))
    params = {"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn(1)}
    first = http.get(f"{register.zaken_root}/zaken", params=params).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (205, 100, None)
    assert "page=2" in first["next"]
    assert bsn(1) in first["next"]  # the filter is kept

    seen = [zaak["url"] for zaak in first["results"]]
    url = first["next"]
    while url:
        page = http.get(url).json()
        seen.extend(zaak["url"] for zaak in page["results"])
        url, previous = page["next"], page["previous"]
    assert len(seen) == len(set(seen)) == 205
    assert len(page["results"]) == 5
    assert "page=2" in previous

    assert http.get(f"{register.zaken_root}/zaken", params={**params, "page": 4}).status_code == 404
    small = http.get(f"{register.zaken_root}/zaken", params={**params, "pageSize": 50}).json()
    assert len(small["results"]) == 50
    statustypen = http.get(f"{register.catalogi_root}/statustypen").json()
    assert statustypen["count"] == len(register.objects("statustypen"))
    assert statustypen["next"] is None


# -- creating ------------------------------------------------------------------------------


def test_a_zaak_with_rol_status_document_and_contactmoment_is_registered(
    register: LocalZgw, http: httpx.Client
) -> None:
    zaaktype = register.zaaktype("PARKEERVERGUNNING")
    zaak = http.post(
        f"{register.zaken_root}/zaken",
        json={
            "zaaktype": zaaktype["url"],
            "bronorganisatie": register.rsin,
            "verantwoordelijkeOrganisatie": register.rsin,
            "startdatum": "2026-11-02",
            "omschrijving": "Parkeervergunning Dorpsstraat",
            "communicatiekanaalNaam": "Telefoon",
        },
    )
    assert zaak.status_code == 201, zaak.text
    created = zaak.json()
    assert zaak.headers["Location"] == created["url"]
    assert created["identificatie"] == f"ZAAK-{datetime.date.today().year}-0000000001"
    assert created["registratiedatum"] == datetime.date.today().isoformat()
    assert created["vertrouwelijkheidaanduiding"] == zaaktype["vertrouwelijkheidaanduiding"]
    assert created["status"] is None
    assert http.get(created["url"]).json() == created

    roltype = next(
        r
        for r in register.objects("roltypen")
        if r["zaaktype"] == zaaktype["url"] and r["omschrijvingGeneriek"] == "initiator"
    )
    rol = http.post(
        f"{register.zaken_root}/rollen",
        json={
            "zaak": created["url"],
            "betrokkeneType": "natuurlijk_persoon",
            "roltype": roltype["url"],
            "roltoelichting": "Aanvrager",
            "betrokkeneIdentificatie": {"inpBsn": bsn(5), "geslachtsnaam": "Jansen"},
            "contactpersoonRol": {"naam": "P. Jansen", "emailadres": "p.jansen@example.nl"},
        },
    )
    assert rol.status_code == 201, rol.text
    assert rol.json()["omschrijving"] == roltype["omschrijving"]
    assert rol.json()["omschrijvingGeneriek"] == "initiator"
    assert rol.json()["contactpersoonRol"]["naam"] == "P. Jansen"
    assert http.get(rol.json()["url"]).json() == rol.json()
    found = http.get(
        f"{register.zaken_root}/zaken",
        params={"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn(5)},
    )
    assert identificaties(found) == {created["identificatie"]}

    ontvangen = register.statustype("PARKEERVERGUNNING", "Ontvangen")
    afgehandeld = register.statustype("PARKEERVERGUNNING", "Afgehandeld")
    for statustype, moment in (
        (ontvangen, "2026-11-02T10:00:00Z"),
        (afgehandeld, "2026-11-20T15:00:00+01:00"),
    ):
        status = http.post(
            f"{register.zaken_root}/statussen",
            json={
                "zaak": created["url"],
                "statustype": statustype["url"],
                "datumStatusGezet": moment,
            },
        )
        assert status.status_code == 201, status.text
    zaak_nu = http.get(created["url"]).json()
    assert zaak_nu["status"] == status.json()["url"]
    assert zaak_nu["einddatum"] == "2026-11-20"
    statussen = results(
        http.get(f"{register.zaken_root}/statussen", params={"zaak": created["url"]})
    )
    assert [s["indicatieLaatstGezetteStatus"] for s in statussen] == [False, True]

    eio = http.post(
        f"{register.documenten_root}/enkelvoudiginformatieobjecten",
        json={
            "bronorganisatie": register.rsin,
            "creatiedatum": "2026-11-02",
            "titel": "Aanvraagformulier",
            "auteur": "Klantbeeld",
            "taal": "dut",
            "informatieobjecttype": zaaktype["informatieobjecttypen"][0],
            "inhoud": base64.b64encode(b"%PDF-1.4 aanvraag").decode(),
            "bestandsnaam": "aanvraag.pdf",
        },
    ).json()
    relatie = http.post(
        f"{register.zaken_root}/zaakinformatieobjecten",
        json={"zaak": created["url"], "informatieobject": eio["url"]},
    )
    assert relatie.status_code == 201, relatie.text
    assert relatie.json()["aardRelatieWeergave"] == "Hoort bij, omgekeerd: kent"
    oios = http.get(
        f"{register.documenten_root}/objectinformatieobjecten", params={"object": created["url"]}
    ).json()
    assert [(o["informatieobject"], o["objectType"]) for o in oios] == [(eio["url"], "zaak")]
    listed = http.get(
        f"{register.zaken_root}/zaakinformatieobjecten", params={"zaak": created["url"]}
    ).json()
    assert listed == [relatie.json()]
    twice = http.post(
        f"{register.zaken_root}/zaakinformatieobjecten",
        json={"zaak": created["url"], "informatieobject": eio["url"]},
    )
    assert twice.status_code == 400
    assert twice.json()["invalidParams"][0]["code"] == "unique"

    # As Open Zaak: a contactmoment must be one of the Contactmomenten API.
    klantcontact = "https://klantbeeld.example.nl/klantinteracties/api/v1/klantcontacten/1"
    refused = http.post(
        f"{register.zaken_root}/zaakcontactmomenten",
        json={"zaak": created["url"], "contactmoment": klantcontact},
    )
    assert refused.status_code == 400
    assert refused.json()["invalidParams"][0]["code"] == "invalid-resource"
    contactmoment = "https://cmc.example.nl/contactmomenten/api/v1/contactmomenten/1"
    link = http.post(
        f"{register.zaken_root}/zaakcontactmomenten",
        json={"zaak": created["url"], "contactmoment": contactmoment},
    )
    assert link.status_code == 201, link.text
    assert http.get(link.json()["url"]).json() == link.json()
    links = http.get(
        f"{register.zaken_root}/zaakcontactmomenten",
        params={"zaak": created["url"], "contactmoment": contactmoment},
    ).json()
    assert links == [link.json()]

    zaakobject = http.post(
        f"{register.zaken_root}/zaakobjecten",
        json={
            "zaak": created["url"],
            "objectType": "overige",
            "objectTypeOverige": "klantcontact",
            "relatieomschrijving": "Klantcontact 0000000001",
            "objectIdentificatie": {"overigeData": {"klantcontact": klantcontact}},
        },
    )
    assert zaakobject.status_code == 201, zaakobject.text
    objecten = http.get(
        f"{register.zaken_root}/zaakobjecten",
        params={"zaak": created["url"], "objectType": "overige"},
    ).json()
    assert objecten["results"] == [zaakobject.json()]
    met_url = http.post(
        f"{register.zaken_root}/zaakobjecten",
        json={"zaak": created["url"], "objectType": "overige", "object": klantcontact},
    )
    assert met_url.status_code == 400  # Open Zaak asks the URL for a 200; nobody answers here
    assert register.violations == []


def test_a_document_is_uploaded_and_downloaded(register: LocalZgw, http: httpx.Client) -> None:
    inhoud = bytes(range(256)) * 40
    eio = http.post(
        f"{register.documenten_root}/enkelvoudiginformatieobjecten",
        json={
            "bronorganisatie": register.rsin,
            "creatiedatum": "2026-11-02",
            "titel": "Foto",
            "auteur": "Klantbeeld",
            "taal": "dut",
            "formaat": "image/jpeg",
            "bestandsnaam": "foto.jpg",
            "vertrouwelijkheidaanduiding": "vertrouwelijk",
            "informatieobjecttype": register.objects("informatieobjecttypen")[0]["url"],
            "inhoud": base64.b64encode(inhoud).decode(),
        },
    )
    assert eio.status_code == 201, eio.text
    created = eio.json()
    assert created["inhoud"] == f"{created['url']}/download"
    assert (created["bestandsomvang"], created["versie"], created["locked"]) == (
        len(inhoud),
        1,
        False,
    )
    assert created["identificatie"].startswith("DOCUMENT-2026-")
    download = http.get(created["inhoud"])
    assert download.headers["Content-Type"] == "application/octet-stream"
    assert download.content == inhoud
    assert http.get(created["url"]).json() == created
    expanded = http.get(created["url"], params={"expand": "informatieobjecttype"}).json()
    assert expanded["_expand"]["informatieobjecttype"]["url"] == created["informatieobjecttype"]

    zaak = register.add_zaak("MOR", omschrijving="Melding", bsn=bsn(1))
    document = register.add_document(zaak, "Foto van de situatie", inhoud=b"JPEG!")
    assert http.get(document["inhoud"]).content == b"JPEG!"
    listed = http.get(
        f"{register.documenten_root}/enkelvoudiginformatieobjecten",
        params={"objectinformatieobjecten__object": zaak["url"]},
    )
    assert [d["titel"] for d in results(listed)] == ["Foto van de situatie"]


def test_besluiten_are_listed_by_zaak(register: LocalZgw, http: httpx.Client) -> None:
    zaak = register.add_zaak("BEZWAAR", omschrijving="Bezwaar WOZ", bsn=bsn(1))
    ander = register.add_zaak("SUBSIDIE", omschrijving="Subsidie", bsn=bsn(1))
    besluit = register.add_besluit(zaak, toelichting="Bezwaar gegrond")
    register.add_besluit(ander)
    listed = http.get(f"{register.besluiten_root}/besluiten", params={"zaak": zaak["url"]})
    assert results(listed) == [besluit]
    assert http.get(besluit["url"]).json() == besluit
    besluittype = http.get(besluit["besluittype"]).json()
    assert besluittype["omschrijving"] == "Beslissing op bezwaar"
    assert zaak["zaaktype"] in besluittype["zaaktypen"]
    with pytest.raises(ValueError, match="kent geen besluiten"):
        register.add_besluit(register.add_zaak("MOR", omschrijving="Melding"))


def test_the_catalogus_describes_the_four_zaaktypen(register: LocalZgw, http: httpx.Client) -> None:
    root = register.catalogi_root
    [catalogus] = results(http.get(f"{root}/catalogussen", params={"rsin": register.rsin}))
    assert len(catalogus["zaaktypen"]) == 4
    for identificatie, omschrijving in (
        ("MOR", "Melding openbare ruimte"),
        ("PARKEERVERGUNNING", "Parkeervergunning aanvragen"),
        ("BEZWAAR", "Bezwaar behandelen"),
        ("SUBSIDIE", "Subsidie aanvragen"),
    ):
        [zaaktype] = results(http.get(f"{root}/zaaktypen", params={"identificatie": identificatie}))
        assert zaaktype == register.zaaktype(identificatie) == http.get(zaaktype["url"]).json()
        assert (zaaktype["omschrijving"], zaaktype["concept"]) == (omschrijving, False)
        statustypen = results(http.get(f"{root}/statustypen", params={"zaaktype": zaaktype["url"]}))
        assert 3 <= len(statustypen) <= 4
        assert [s["volgnummer"] for s in statustypen] == list(range(1, len(statustypen) + 1))
        assert [s["isEindstatus"] for s in statustypen] == [False] * (len(statustypen) - 1) + [True]
        assert sorted(s["url"] for s in statustypen) == sorted(zaaktype["statustypen"])
        for generiek in ("initiator", "belanghebbende", "behandelaar", "klantcontacter"):
            params = {"zaaktype": zaaktype["url"], "omschrijvingGeneriek": generiek}
            [roltype] = results(http.get(f"{root}/roltypen", params=params))
            assert roltype["url"] in zaaktype["roltypen"]
        iots = results(
            http.get(f"{root}/informatieobjecttypen", params={"zaaktype": zaaktype["url"]})
        )
        assert sorted(i["url"] for i in iots) == sorted(zaaktype["informatieobjecttypen"])
        # The same relation as resources of their own, with the direction of each type.
        relaties = results(
            http.get(f"{root}/zaaktype-informatieobjecttypen", params={"zaaktype": zaaktype["url"]})
        )
        assert [r["informatieobjecttype"] for r in relaties] == zaaktype["informatieobjecttypen"]
        assert [r["volgnummer"] for r in relaties] == list(range(1, len(relaties) + 1))
        assert {r["richting"] for r in relaties} <= {"inkomend", "uitgaand"}
        besluittypen = results(
            http.get(f"{root}/besluittypen", params={"zaaktypen": zaaktype["url"]})
        )
        assert [b["url"] for b in besluittypen] == zaaktype["besluittypen"]
        assert bool(besluittypen) == (identificatie != "MOR")
    assert results(http.get(f"{root}/zaaktypen", params={"status": "concept"})) == []
    assert http.get(f"{root}/zaaktypen", params={"identificatie": "ONBEKEND"}).json()["count"] == 0


# -- refusals ------------------------------------------------------------------------------


def test_requests_without_a_valid_jwt_are_refused(register: LocalZgw) -> None:
    zaken = f"{register.zaken_root}/zaken"
    attempts = {
        "no header": {},
        "wrong secret": {"Authorization": f"Bearer {token(secret='x' * 32)}"},
        "unknown client": {"Authorization": f"Bearer {token('onbekend')}"},
        "expired": {"Authorization": f"Bearer {token(iat=int(time.time()) - 7200)}"},
        "no iat": {
            "Authorization": "Bearer "
            + jwt.encode({"client_id": "klantbeeld"}, SECRET, algorithm="HS256")
        },
        "not a bearer": {"Authorization": f"Token {token()}"},
    }
    with httpx.Client(headers=CRS, event_hooks={"response": [check]}) as client:
        for name, headers in attempts.items():
            response = client.get(zaken, headers=headers)
            assert response.status_code == 403, name
            assert response.json()["status"] == 403
        assert [r.claims for r in register.received] == [None] * len(attempts)
        good = token(user_id="kcc-007")
        assert client.get(zaken, headers={"Authorization": f"Bearer {good}"}).status_code == 200
    received = register.received[-1]
    assert received.claims == jwt.decode(good, SECRET, algorithms=["HS256"])
    assert (received.method, received.path) == ("GET", "/zaken/api/v1/zaken")
    assert received.headers["Accept-Crs"] == "EPSG:4326"


def test_zaken_need_the_crs_headers_as_in_open_zaak(register: LocalZgw) -> None:
    auth = {"Authorization": f"Bearer {token()}"}
    zaken = f"{register.zaken_root}/zaken"
    body = {
        "zaaktype": register.zaaktype("MOR")["url"],
        "bronorganisatie": register.rsin,
        "verantwoordelijkeOrganisatie": register.rsin,
        "startdatum": "2026-11-02",
    }
    with httpx.Client(headers=auth, event_hooks={"response": [check]}) as client:
        without = client.get(zaken)
        assert without.status_code == 412
        assert without.json()["detail"] == "'Accept-Crs' header ontbreekt"
        assert client.get(zaken, headers={"Accept-Crs": "EPSG:28992"}).status_code == 406
        no_content_crs = client.post(zaken, json=body, headers={"Accept-Crs": "EPSG:4326"})
        assert no_content_crs.status_code == 412
        assert no_content_crs.json()["detail"] == "'Content-Crs' header ontbreekt"
        assert register.objects("zaken") == []
        created = client.post(zaken, json=body, headers=CRS)
        assert created.status_code == 201
        assert created.headers["Content-Crs"] == "EPSG:4326"
        assert client.get(created.json()["url"]).status_code == 412
        # Header names ignore case.
        lower = {"authorization": f"Bearer {token()}", "accept-crs": "EPSG:4326"}
        assert httpx.get(created.json()["url"], headers=lower).status_code == 200
        assert "accept-crs" in register.received[-1].headers
        # Other resources of the Zaken API do without.
        rollen = client.get(f"{register.zaken_root}/rollen")
        assert rollen.status_code == 200
        assert "Content-Crs" not in rollen.headers
        for url in (
            f"{register.documenten_root}/enkelvoudiginformatieobjecten",
            f"{register.besluiten_root}/besluiten",
            f"{register.catalogi_root}/zaaktypen",
        ):
            assert client.get(url).status_code == 200


def test_a_body_that_breaks_the_spec_is_refused_and_recorded(
    register: LocalZgw, http: httpx.Client
) -> None:
    response = http.post(
        f"{register.zaken_root}/zaken",
        json={
            "zaaktype": register.zaaktype("MOR")["url"],
            "bronorganisatie": "1234",
            "verantwoordelijkeOrganisatie": register.rsin,
            "vertrouwelijkheidaanduiding": "topgeheim",
        },
    )
    assert response.status_code == 400
    problems = {p["name"]: p["code"] for p in response.json()["invalidParams"]}
    assert problems["bronorganisatie"] == "min_length"
    assert problems["startdatum"] == "required"
    assert "vertrouwelijkheidaanduiding" in problems
    assert len(register.violations) == len(problems)
    assert all(v.startswith("POST /zaken/api/v1/zaken: ") for v in register.violations)
    assert register.objects("zaken") == []

    not_json = http.post(
        f"{register.zaken_root}/zaken",
        content=b"{zaaktype",
        headers={"Content-Type": "application/json"},
    )
    assert not_json.status_code == 400
    assert register.received[-1].body is None


def test_references_are_checked_as_open_zaak_does(register: LocalZgw, http: httpx.Client) -> None:
    zaken = f"{register.zaken_root}/zaken"
    onbekend = f"{register.catalogi_root}/zaaktypen/{uuid.uuid4()}"
    body = {
        "zaaktype": onbekend,
        "bronorganisatie": register.rsin,
        "verantwoordelijkeOrganisatie": register.rsin,
        "startdatum": "2026-11-02",
    }
    response = http.post(zaken, json=body)
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["name"] == "zaaktype"
    assert register.violations == []  # the body fits the document; the register refuses it

    bad_rsin = http.post(
        zaken,
        json={**body, "zaaktype": register.zaaktype("MOR")["url"], "bronorganisatie": "123456789"},
    )
    assert bad_rsin.json()["invalidParams"][0]["name"] == "bronorganisatie"

    zaak = register.add_zaak("MOR", omschrijving="Melding", bsn=bsn(1))
    ander_roltype = register.objects("roltypen")[-1]
    assert ander_roltype["zaaktype"] != zaak["zaaktype"]
    rol = {
        "zaak": zaak["url"],
        "betrokkeneType": "natuurlijk_persoon",
        "roltype": ander_roltype["url"],
        "betrokkeneIdentificatie": {"inpBsn": bsn(2)},
    }
    mismatch = http.post(f"{register.zaken_root}/rollen", json=rol)
    assert mismatch.json()["invalidParams"][0]["code"] == "zaaktype-mismatch"
    eigen_roltype = register.zaaktype("MOR")["roltypen"][0]
    not_a_bsn = http.post(
        f"{register.zaken_root}/rollen",
        json={**rol, "roltype": eigen_roltype, "betrokkeneIdentificatie": {"inpBsn": "123456789"}},
    )
    assert not elfproef("123456789")
    assert not_a_bsn.json()["invalidParams"][0]["name"] == "betrokkeneIdentificatie.inpBsn"

    statustype = register.statustype("BEZWAAR", "Ontvangen")
    status = http.post(
        f"{register.zaken_root}/statussen",
        json={
            "zaak": zaak["url"],
            "statustype": statustype["url"],
            "datumStatusGezet": "2026-11-02T10:00:00Z",
        },
    )
    assert status.json()["invalidParams"][0]["code"] == "zaaktype-mismatch"

    weg = f"{register.documenten_root}/enkelvoudiginformatieobjecten/{uuid.uuid4()}"
    relatie = http.post(
        f"{register.zaken_root}/zaakinformatieobjecten",
        json={"zaak": zaak["url"], "informatieobject": weg},
    )
    assert relatie.status_code == 400
    assert relatie.json()["invalidParams"][0]["name"] == "informatieobject"
    besluitbrief = register.add_document(register.add_zaak("BEZWAAR", omschrijving="B"), "Brief")
    verkeerd_type = http.post(
        f"{register.zaken_root}/zaakinformatieobjecten",
        json={"zaak": zaak["url"], "informatieobject": besluitbrief["url"]},
    )
    assert (
        verkeerd_type.json()["invalidParams"][0]["code"]
        == "missing-zaaktype-informatieobjecttype-relation"
    )
    onbekende_zaak = http.post(
        f"{register.zaken_root}/zaakcontactmomenten",
        json={"zaak": f"{zaken}/{uuid.uuid4()}", "contactmoment": "https://example.nl/c/1"},
    )
    assert onbekende_zaak.json()["invalidParams"][0]["name"] == "zaak"
    assert register.violations == []


def test_unknown_query_parameters_and_choices_are_refused(
    register: LocalZgw, http: httpx.Client
) -> None:
    zaken = f"{register.zaken_root}/zaken"
    typo = http.get(zaken, params={"rol__betrokkeneIdentificatie__natuurlijkPersoon__bsn": "1"})
    assert typo.status_code == 400
    assert typo.json()["invalidParams"][0]["code"] == "unknown-parameters"
    choice = http.get(zaken, params={"rol__betrokkeneType": "persoon"})
    assert choice.json()["invalidParams"][0] == {
        "name": "rol__betrokkeneType",
        "code": "invalid_choice",
        "reason": "Selecteer een geldige keuze. persoon is niet een van de beschikbare keuzes.",
    }
    assert register.violations == [
        "GET /zaken/api/v1/zaken: nonFieldErrors: Onbekende query parameters: "
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__bsn",
        "GET /zaken/api/v1/zaken: rol__betrokkeneType: Selecteer een geldige keuze. persoon is "
        "niet een van de beschikbare keuzes.",
    ]


def test_unknown_paths_methods_and_uuids(register: LocalZgw, http: httpx.Client) -> None:
    zaak = register.add_zaak("MOR", omschrijving="Melding", bsn=bsn(1))
    assert http.get(f"{register.zaken_root}/resultaten").status_code == 404
    assert http.get(f"{register.url}/api/v1/zaken").status_code == 404
    assert http.get(f"{register.zaken_root}/zaken/{uuid.uuid4()}").status_code == 404
    put = http.put(zaak["url"], json={})
    assert put.status_code == 405
    assert "GET" in put.headers["Allow"]
    assert http.post(f"{register.besluiten_root}/besluiten", json={}).status_code == 405
    assert http.head(zaak["url"]).status_code == 200


def test_a_zaak_is_deleted_with_what_belongs_to_it(register: LocalZgw, http: httpx.Client) -> None:
    zaak = register.add_zaak("BEZWAAR", omschrijving="Bezwaar", bsn=bsn(1))
    register.add_document(zaak, "Bezwaarschrift")
    rol = register.objects("rollen")[0]
    assert http.delete(rol["url"]).status_code == 204
    assert http.get(zaak["url"]).json()["rollen"] == []
    assert http.delete(zaak["url"]).status_code == 204
    for name in (
        "zaken",
        "rollen",
        "statussen",
        "zaakinformatieobjecten",
        "objectinformatieobjecten",
    ):
        assert register.objects(name) == [], name
    assert len(register.objects("enkelvoudiginformatieobjecten")) == 1

    met_besluit = register.add_zaak("BEZWAAR", omschrijving="Bezwaar", bsn=bsn(1))
    register.add_besluit(met_besluit)
    refused = http.delete(met_besluit["url"])
    assert refused.json()["invalidParams"][0]["code"] == "pending-besluit-relation"


def test_a_broken_or_slow_register(register: LocalZgw, http: httpx.Client) -> None:
    zaken = f"{register.zaken_root}/zaken"
    register.failing = True
    broken = http.get(zaken)
    assert broken.status_code == 503
    assert broken.json()["status"] == 503
    assert len(register.received) == 1
    register.failing = False
    register.delay = 0.3
    started = time.monotonic()
    assert http.get(zaken).status_code == 200
    assert time.monotonic() - started >= 0.3
    with pytest.raises(httpx.ReadTimeout):
        http.get(zaken, timeout=0.1)
    # The register is slow, not blocked: requests wait side by side.
    with ThreadPoolExecutor(4) as pool:
        started = time.monotonic()
        answers = list(pool.map(lambda _: http.get(zaken).status_code, range(4)))
    assert answers == [200] * 4
    assert time.monotonic() - started < 1.0


# -- demo data -----------------------------------------------------------------------------


def test_demo_data_gives_everyone_zaken_and_every_answer_fits_the_documents(
    register: LocalZgw, http: httpx.Client
) -> None:
    personen = [bsn(n) for n in range(1, 6)]
    organisaties = [kvk_nummer(n) for n in range(1, 4)]
    register.seed_demo(personen, organisaties)
    zaken = f"{register.zaken_root}/zaken"
    prefix = "rol__betrokkeneIdentificatie__"
    for persoon in personen:
        found = results(http.get(zaken, params={f"{prefix}natuurlijkPersoon__inpBsn": persoon}))
        assert 1 <= len(found) <= 3, persoon
    for kvk in organisaties:
        found = results(http.get(zaken, params={f"{prefix}nietNatuurlijkPersoon__kvkNummer": kvk}))
        assert 1 <= len(found) <= 3, kvk

    alle = register.objects("zaken")
    assert {z["zaaktype"] for z in alle} == {
        register.zaaktype(i)["url"] for i in ("MOR", "PARKEERVERGUNNING", "BEZWAAR", "SUBSIDIE")
    }
    eindstatussen = {s["url"] for s in register.objects("statustypen") if s["isEindstatus"]}
    statussen = {s["url"]: s for s in register.objects("statussen")}
    gesloten = [z for z in alle if z["einddatum"]]
    assert gesloten and len(gesloten) < len(alle)
    assert all(statussen[z["status"]]["statustype"] in eindstatussen for z in gesloten)
    assert any(sum(s["zaak"] == z["url"] for s in statussen.values()) >= 3 for z in alle)
    documenten = register.objects("enkelvoudiginformatieobjecten")
    assert any(d["vertrouwelijkheidaanduiding"] == "vertrouwelijk" for d in documenten)
    assert register.objects("besluiten")

    # Every list and resource, with every expansion, fits the documents (check()).
    expand = "zaaktype,status,status.statustype,rollen,rollen.roltype,zaakinformatieobjecten"
    for zaak in results(http.get(zaken, params={"expand": expand})):
        http.get(zaak["url"], params={"expand": expand})
    for root, collection in (
        (register.zaken_root, "rollen"),
        (register.zaken_root, "statussen"),
        (register.zaken_root, "zaakinformatieobjecten"),
        (register.documenten_root, "enkelvoudiginformatieobjecten"),
        (register.documenten_root, "objectinformatieobjecten"),
        (register.besluiten_root, "besluiten"),
        (register.catalogi_root, "catalogussen"),
        (register.catalogi_root, "zaaktypen"),
        (register.catalogi_root, "statustypen"),
        (register.catalogi_root, "roltypen"),
        (register.catalogi_root, "informatieobjecttypen"),
        (register.catalogi_root, "zaaktype-informatieobjecttypen"),
        (register.catalogi_root, "besluittypen"),
    ):
        for item in results(http.get(f"{root}/{collection}")):
            if collection != "objectinformatieobjecten":
                http.get(item["url"])
    for document in documenten:
        assert http.get(document["inhoud"]).content.startswith(b"%PDF")
    assert register.violations == []


def test_demo_data_is_the_same_every_time() -> None:
    def summary(zgw: LocalZgw) -> list[tuple[Any, ...]]:
        statustypen = {s["url"]: s["omschrijving"] for s in zgw.objects("statustypen")}
        statussen = zgw.objects("statussen")
        return [
            (
                z["identificatie"],
                z["omschrijving"],
                z["startdatum"],
                z["einddatum"],
                [statustypen[s["statustype"]] for s in statussen if s["zaak"] == z["url"]],
                len(z["zaakinformatieobjecten"]),
            )
            for z in zgw.objects("zaken")
        ]

    first, second = LocalZgw(), LocalZgw()
    for zgw in (first, second):
        zgw.seed_demo([bsn(1), bsn(2), bsn(3)], [kvk_nummer(1)])
    assert summary(first) == summary(second)
    assert len(summary(first)) == 1 + 2 + 3 + 2


def test_it_runs_as_a_program_until_it_is_stopped() -> None:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "standins.zgw",
            "--port",
            "0",
            "--client",
            f"klantbeeld:{SECRET}",
            "--bsn",
            bsn(1),
            "--kvk",
            kvk_nummer(1),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line.startswith("Lokaal ZGW-register op http://127.0.0.1:")
        url = line.rsplit(" ", 1)[-1]
        response = httpx.get(
            f"{url}/zaken/api/v1/zaken",
            params={"rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": bsn(1)},
            headers={"Authorization": f"Bearer {token()}", **CRS},
        )
        assert response.json()["count"] == 1
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
