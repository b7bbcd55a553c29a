"""The local TOPdesk answers as TOPdesk's incident API does, and every request and answer
holds to the document written from TOPdesk's facts (checked here again, apart from the
stand-in's own check)."""

from __future__ import annotations

import datetime
import functools
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import ImmutableMultiDict

from standins.http import LoopbackServer, Reply
from standins.openapi import document, problems
from standins.topdesk import AFGEMELD, DOCUMENT, SPEC_HOST, LocalTopdesk, local_topdesk

DOCUMENTEN = functools.cache(document)
GEBRUIKER, WACHTWOORD = "klantbeeld", "een-applicatiewachtwoord"
BEGIN = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)

AANMELDER = {
    "dynamicName": "J. de Vries",
    "email": "j.devries@example.nl",
    "phoneNumber": "0612345678",
}


class Klok:
    def __init__(self) -> None:
        self.nu = BEGIN

    def __call__(self) -> datetime.datetime:
        return self.nu

    def verder(self, minuten: int = 1) -> datetime.datetime:
        self.nu += datetime.timedelta(minutes=minuten)
        return self.nu


@pytest.fixture
def klok() -> Klok:
    return Klok()


@pytest.fixture
def topdesk(klok: Klok) -> Iterator[LocalTopdesk]:
    with local_topdesk(GEBRUIKER, WACHTWOORD) as td:
        td.klok = klok
        yield td


@pytest.fixture
def http(topdesk: LocalTopdesk) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=topdesk.api_root, auth=(GEBRUIKER, WACHTWOORD)) as client:
        yield client


def checked(response: httpx.Response) -> httpx.Response:
    """The answer, after checking request and answer against the document once more."""
    url = urlsplit(str(response.request.url))
    args = ImmutableMultiDict([(k, v) for k, values in parse_qs(url.query).items() for v in values])
    method = response.request.method.lower()
    body = response.request.content or None
    request = MockRequest(
        SPEC_HOST,
        method,
        url.path,
        args=args,
        headers=dict(response.request.headers),
        data=body,
        content_type="application/json",
    )
    if response.status_code < 400:
        assert problems(lambda: DOCUMENTEN(DOCUMENT).validate_request(request)) == []
    answer = MockResponse(
        response.content, status_code=response.status_code, content_type="application/json"
    )
    request = MockRequest(SPEC_HOST, method, url.path, args=args)
    assert problems(lambda: DOCUMENTEN(DOCUMENT).validate_response(request, answer)) == []
    return response


def maak(http: httpx.Client, **velden: object) -> dict[str, object]:
    body = {
        "caller": AANMELDER,
        "briefDescription": "Container niet geleegd",
        "request": "De groene container in de Parkweg is twee keer overgeslagen.",
        "externalNumber": "KB-TAAK-0001",
        **velden,
    }
    body = {k: v for k, v in body.items() if v is not None}
    response = checked(http.post("incidents", json=body))
    assert response.status_code == 201
    data: dict[str, object] = response.json()
    return data


def test_version(http: httpx.Client) -> None:
    assert checked(http.get("version")).json() == {"version": "3.9.0"}


def test_create_numbers_incidents_per_month(
    http: httpx.Client, topdesk: LocalTopdesk, klok: Klok
) -> None:
    eerste = maak(http, category={"name": "Afval"}, action="Doorgezet vanuit Klantbeeld")
    assert eerste["number"] == "I 2612 001"
    assert eerste["caller"] == {"id": None, "branch": None, **AANMELDER}
    assert eerste["externalNumber"] == "KB-TAAK-0001"
    assert eerste["category"] == {"id": eerste["category"]["id"], "name": "Afval"}  # type: ignore[index]
    assert (eerste["completed"], eerste["closed"], eerste["closedDate"]) == (False, False, None)
    assert eerste["modificationDate"] == "2026-12-01T09:00:00.000+0000"
    assert maak(http)["number"] == "I 2612 002"
    klok.nu = datetime.datetime(2027, 1, 2, tzinfo=datetime.UTC)
    assert maak(http)["number"] == "I 2701 001"
    persoon = "0b8a2f66-1c5e-4b6e-9d5b-6f0d6a8f9e11"
    bekend = maak(http, caller=None, callerLookup={"id": persoon})
    assert bekend["caller"]["id"] == persoon  # type: ignore[index]
    assert topdesk.violations == []


def test_read_and_patch(http: httpx.Client, topdesk: LocalTopdesk, klok: Klok) -> None:
    incident = maak(http)
    pad = f"incidents/id/{incident['id']}"
    assert checked(http.get(pad)).json() == incident
    klok.verder()
    gewijzigd = checked(http.patch(pad, json={"action": "Aanvulling", "briefDescription": "Nieuw"}))
    assert gewijzigd.json()["briefDescription"] == "Nieuw"
    assert gewijzigd.json()["modificationDate"] == "2026-12-01T09:01:00.000+0000"
    assert topdesk.violations == []


def test_operator_hooks_show_in_the_progress_trail(
    http: httpx.Client, topdesk: LocalTopdesk, klok: Klok
) -> None:
    incident = maak(http)
    pad = f"incidents/id/{incident['id']}"
    assert checked(http.get(f"{pad}/progresstrail")).status_code == 204
    klok.verder()
    topdesk.actie(str(incident["id"]), "Intern: bij de inzamelaar nagevraagd", zichtbaar=False)
    klok.verder()
    topdesk.zet_status(str(incident["id"]), "In behandeling")
    klok.verder()
    topdesk.sluit(str(incident["id"]), "De container wordt morgen geleegd.")
    data = checked(http.get(pad)).json()
    assert data["processingStatus"]["name"] == AFGEMELD
    assert (data["completed"], data["closed"]) == (True, True)
    assert data["closedDate"] == data["modificationDate"] == "2026-12-01T09:03:00.000+0000"
    spoor = checked(http.get(f"{pad}/progresstrail")).json()
    assert [(m["memoText"], m["invisibleForCaller"]) for m in spoor] == [
        ("De container wordt morgen geleegd.", False),
        ("Intern: bij de inzamelaar nagevraagd", True),
    ]
    assert spoor[0]["operator"]["name"] == "Tweede lijn"
    assert len(checked(http.get(f"{pad}/actions")).json()) == 2
    assert topdesk.violations == []


def test_list_changed_since_with_pages(
    http: httpx.Client, topdesk: LocalTopdesk, klok: Klok
) -> None:
    ids = []
    for _ in range(3):
        ids.append(maak(http)["id"])
        klok.verder()
    topdesk.actie(str(ids[0]), "Bijgewerkt")
    query = {"query": "modificationDate=gt=2026-12-01T09:00:30Z", "sort": "modificationDate:asc"}
    alles = checked(http.get("incidents", params=query))
    assert alles.status_code == 200
    assert [i["id"] for i in alles.json()] == [ids[1], ids[2], ids[0]]
    eerste = checked(http.get("incidents", params={**query, "pageSize": 2}))
    assert eerste.status_code == 206 and len(eerste.json()) == 2
    rest = checked(http.get("incidents", params={**query, "pageSize": 2, "pageStart": 2}))
    assert rest.status_code == 200 and [i["id"] for i in rest.json()] == [ids[0]]
    leeg = checked(
        http.get("incidents", params={"query": "modificationDate=gt=2027-01-01T00:00:00Z"})
    )
    assert (leeg.status_code, leeg.content) == (204, b"")
    op_kenmerk = checked(
        http.get("incidents", params={"query": "externalNumber==KB-TAAK-0001;closed==false"})
    )
    assert len(op_kenmerk.json()) == 3
    assert topdesk.violations == []


@pytest.mark.parametrize(
    "body",
    [
        {"caller": AANMELDER, "briefDescription": "x" * 81},
        {"caller": AANMELDER, "externalNumber": "K" * 61},
        {"briefDescription": "zonder aanmelder"},
        {"caller": AANMELDER, "callerLookup": {"id": "0b8a2f66-1c5e-4b6e-9d5b-6f0d6a8f9e11"}},
        {"caller": {"email": "zonder@naam.nl"}},
        {"caller": AANMELDER, "onbekendVeld": 1},
    ],
)
def test_bad_requests_are_refused_in_topdesks_error_shape(
    http: httpx.Client, topdesk: LocalTopdesk, body: dict[str, object]
) -> None:
    response = checked(http.post("incidents", json=body))
    assert response.status_code == 400
    [fout] = response.json()
    assert fout["message"]
    assert topdesk.incidents == {}
    assert topdesk.violations  # recorded: a client broke the document
    topdesk.violations.clear()


def test_bad_queries_and_unknown_incidents(http: httpx.Client, topdesk: LocalTopdesk) -> None:
    for query in ("modificationDate=gt=gisteren", "foo", "caller.email==x@y.nl"):
        response = checked(http.get("incidents", params={"query": query}))
        assert response.status_code == 400 and response.json()[0]["message"]
    onbekend = checked(http.get("incidents/id/0b8a2f66-1c5e-4b6e-9d5b-6f0d6a8f9e11"))
    assert onbekend.status_code == 404 and "No incident" in onbekend.json()[0]["message"]
    assert topdesk.violations == []


@pytest.mark.parametrize("auth", [None, (GEBRUIKER, "fout"), ("iemand", WACHTWOORD)])
def test_without_the_application_password_nothing(
    topdesk: LocalTopdesk, auth: tuple[str, str] | None
) -> None:
    for method, pad, body in (
        ("GET", "version", None),
        ("POST", "incidents", {"caller": AANMELDER}),
    ):
        response = httpx.request(method, f"{topdesk.api_root}/{pad}", auth=auth, json=body)
        assert response.status_code == 401
        assert json.loads(response.content)[0]["message"]
    assert topdesk.incidents == {}


def test_the_operator_screen_adds_actions_closes_and_calls_the_action_sequence(
    topdesk: LocalTopdesk, http: httpx.Client
) -> None:
    """The demo's operator (``/_standin/``): a form adds an action and closes the incident;
    each change calls the action sequence's URL with the secret, as TOPdesk's would."""
    ontvangen: list[tuple[str, dict[str, str]]] = []
    ontvanger = LoopbackServer("127.0.0.1", 0)  # Klantbeeld's endpoint, recording

    def bewaar(method: str, target: str, headers: dict[str, str], raw: bytes) -> Any:
        ontvangen.append((headers.get("Authorization", ""), json.loads(raw)))
        return Reply(202, b"")

    with ontvanger.serving(bewaar, lambda _: Reply(500, b"")):
        topdesk.terugmeld_url = f"{ontvanger.url}/terugmelding"
        topdesk.terugmeld_sleutel = "geheim"
        incident = http.post(
            "/incidents",
            json={"briefDescription": "Lamp", "request": "Kapot", "caller": {"dynamicName": "J"}},
        ).json()
        with httpx.Client(base_url=topdesk.url) as scherm:
            pad = f"/_standin/incidents/{incident['id']}"
            actie = scherm.post(f"{pad}/actie", data={"tekst": "Monteur komt", "zichtbaar": "ja"})
            assert actie.status_code == 303
            assert scherm.post(f"{pad}/actie", json={}).status_code == 400
            assert scherm.post(f"{pad}/sluiten", json={"tekst": "Klaar"}).status_code == 200
            pagina = scherm.get("/_standin/").text
    assert "Lamp" in pagina and "Monteur komt" in pagina and "status gesloten" in pagina
    assert (
        ontvangen == [("Bearer geheim", {"id": incident["id"], "number": incident["number"]})] * 2
    )
    assert [s for _, s, _ in topdesk.terugmeldingen] == [202, 202]
    assert topdesk.incidents[incident["id"]].gesloten is not None
    assert topdesk.violations == []
