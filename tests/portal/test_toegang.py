"""Nobody reaches what is not theirs: forged or incomplete claims, a level of assurance
below what a function demands, a wrong or replayed state, an open redirect, the staff's
session, an ended session, a fixed session key, a cached page, someone else's id."""

from __future__ import annotations

import datetime
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from klantbeeld.portal import urls as portaal_urls
from klantbeeld.portal.identiteit import Middel, OngeldigeInlog, claim, uit_claims
from klantbeeld.portal.inloggen import _volgende
from klantbeeld.portal.niveaus import Functie, Niveau, niveau_van, vereist
from klantbeeld.portal.sessies import nieuwe_sessie
from standins.oidc import Provider
from tests.portal.conftest import (
    BSN_ANNA,
    BSN_JAN,
    DIGID_BASIS,
    DIGID_MIDDEN,
    EH3,
    KVK_BAKKERIJ,
    VESTIGING_BAKKERIJ,
    ingelogde_van,
    portaalsessie,
)

pytestmark = pytest.mark.django_db
Mijn = Callable[[Any], Client]
EH_KVK = "urn:etoegang:core:LegalSubjectID"
EH_VESTIGING = "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr"
EH_NIVEAU = "urn:etoegang:core:LevelOfAssurance"
EH_INTERMEDIAIR = "urn:etoegang:1.9:IntermediateEntityID:KvKnr"
MACHTIGEN_VOOR = "urn:nl-eid-gdi:1.0:LegalSubjectID"
MACHTIGEN_DOOR = "urn:nl-eid-gdi:1.0:ActingSubjectID"


# -- the broker's claims ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("middel", "claims", "melding"),
    [
        (Middel.DIGID, {"bsn": "123456789", "authsp_level": DIGID_MIDDEN}, "burgerservicenummer"),
        (Middel.DIGID, {"authsp_level": DIGID_MIDDEN}, "burgerservicenummer"),
        (Middel.DIGID, {"bsn": ["111222333"], "authsp_level": DIGID_MIDDEN}, "burgerservicen"),
        (Middel.DIGID, {"bsn": True, "authsp_level": DIGID_MIDDEN}, "burgerservicenummer"),
        (
            Middel.DIGID,
            {MACHTIGEN_VOOR: BSN_JAN, MACHTIGEN_DOOR: BSN_JAN, "authsp_level": DIGID_MIDDEN},
            "voor uzelf",
        ),
        (
            Middel.DIGID,
            {MACHTIGEN_VOOR: BSN_JAN, MACHTIGEN_DOOR: "999999999", "authsp_level": DIGID_MIDDEN},
            "van uzelf",
        ),
        (
            Middel.DIGID,
            {MACHTIGEN_VOOR: "12345", MACHTIGEN_DOOR: BSN_ANNA, "authsp_level": DIGID_MIDDEN},
            "vertegenwoordigt",
        ),
        (Middel.EHERKENNING, {EH_KVK: "1234567", EH_NIVEAU: EH3}, "KVK-nummer"),
        (Middel.EHERKENNING, {EH_KVK: "1234567a", EH_NIVEAU: EH3}, "KVK-nummer"),
        (Middel.EHERKENNING, {EH_NIVEAU: EH3}, "KVK-nummer"),
        (
            Middel.EHERKENNING,
            {EH_KVK: KVK_BAKKERIJ, EH_VESTIGING: "12345", EH_NIVEAU: EH3},
            "vestigingsnummer",
        ),
        (
            Middel.EHERKENNING,
            {EH_KVK: KVK_BAKKERIJ, EH_INTERMEDIAIR: "kvk", EH_NIVEAU: EH3},
            "intermediair",
        ),
    ],
)
def test_claims_that_do_not_establish_who_it_is_are_refused(
    middel: Middel, claims: dict[str, Any], melding: str
) -> None:
    with pytest.raises(OngeldigeInlog, match=melding):
        uit_claims(middel, {"sub": "x", **claims})


def test_a_missing_or_unknown_level_is_the_lowest_and_refused_everywhere(mijn: Mijn) -> None:
    assert niveau_van(None) is Niveau.ONBEKEND
    assert niveau_van("urn:iets:anders") is Niveau.ONBEKEND
    assert niveau_van(3) is Niveau.ONBEKEND
    assert niveau_van(True) is Niveau.ONBEKEND
    assert niveau_van(20) is niveau_van("20") is Niveau.MIDDEN
    assert niveau_van("urn:etoegang:core:assurance-class:loa2plus") is Niveau.MIDDEN
    assert niveau_van([DIGID_BASIS, DIGID_MIDDEN]) is Niveau.MIDDEN
    wie = uit_claims(Middel.DIGID, {"sub": "jan", "bsn": BSN_JAN})
    assert wie.niveau is Niveau.ONBEKEND
    response = mijn(wie).get("/mijn/")
    assert response.status_code == 403
    assert "Hoger inlogniveau nodig" in response.content.decode()


def test_claim_names_are_configurable_and_may_point_into_a_nested_claim(settings: Any) -> None:
    settings.KLANTBEELD_DIGID_CLAIM_BSN = "aanvrager.bsn"
    settings.KLANTBEELD_DIGID_CLAIM_NIVEAU = "loa"
    wie = uit_claims(
        Middel.DIGID, {"sub": "s", "aanvrager": {"bsn": BSN_JAN}, "loa": "substantieel"}
    )
    assert wie.klant.bsn == BSN_JAN
    assert wie.niveau is Niveau.SUBSTANTIEEL
    # An exact claim name wins over the dotted path (URNs contain dots).
    assert claim({"a.b": 1, "a": {"b": 2}}, "a.b") == 1
    assert claim({"a": {"b": 2}}, "a.c") is None
    assert claim({"a": 1}, "") is None


def test_representation_and_company_logins_are_read_as_the_broker_sends_them() -> None:
    piet = ingelogde_van("piet-voor-anna")
    assert piet.klant.bsn == BSN_ANNA
    assert piet.gemachtigde is not None and piet.namens_ander
    bakkerij = ingelogde_van("bakkerij")
    assert bakkerij.klant.kvk_nummer == KVK_BAKKERIJ
    assert bakkerij.klant.vestigingsnummer == VESTIGING_BAKKERIJ
    assert bakkerij.gemachtigde is None and bakkerij.niveau is Niveau.SUBSTANTIEEL
    keten = uit_claims(
        Middel.EHERKENNING,
        {"sub": "k", EH_KVK: KVK_BAKKERIJ, EH_INTERMEDIAIR: "60000999", EH_NIVEAU: EH3},
    )
    assert keten.gemachtigde is not None and keten.gemachtigde.kvk_nummer == "60000999"


# -- levels of assurance ------------------------------------------------------------------


@pytest.fixture
def proefpaginas(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.portal.urls"


@pytest.mark.parametrize("functie", [Functie.WIJZIGEN, Functie.AANVRAGEN, Functie.DOWNLOADEN])
def test_a_function_that_demands_more_refuses_a_lower_level(
    mijn: Mijn, proefpaginas: None, functie: Functie
) -> None:
    url = f"/mijn/proef/{functie.value.lower()}/"
    response = mijn("jan-basis").get(url)
    assert response.status_code == 403
    tekst = response.content.decode()
    assert "betrouwbaarheidsniveau midden of hoger" in tekst
    assert "ingelogd met niveau basis" in tekst
    assert "no-store" in response["Cache-Control"]
    assert mijn("jan").get(url).status_code == 200


def test_each_function_has_its_own_configurable_minimum(
    mijn: Mijn, proefpaginas: None, settings: Any
) -> None:
    settings.KLANTBEELD_MIJN_NIVEAU_DOWNLOADEN = "hoog"
    client = mijn("bakkerij")  # EH3: substantieel
    assert client.get("/mijn/proef/downloaden/").status_code == 403
    assert client.get("/mijn/proef/wijzigen/").status_code == 200
    settings.KLANTBEELD_MIJN_NIVEAU_INZIEN = "midden"
    assert mijn("jan-basis").get("/mijn/proef/inzien/").status_code == 403


def test_a_misconfigured_minimum_stops_rather_than_lets_anyone_in(settings: Any) -> None:
    settings.KLANTBEELD_MIJN_NIVEAU_WIJZIGEN = "laag"
    with pytest.raises(ImproperlyConfigured):
        vereist(Functie.WIJZIGEN)


# -- redirects after the login ------------------------------------------------------------


@pytest.mark.parametrize(
    "volgende",
    [
        "https://evil.example/mijn/",
        "//evil.example/mijn/",
        "/\\evil.example/mijn/",
        "\\\\evil.example/mijn/",
        "https:evil.example",
        "javascript:alert(1)",
        "/mijn/../werkplek/",
        "/mijn/%2e%2e/werkplek/",
        "/werkplek/",
        "/admin/",
        "/mijn/uitloggen/",
        "/mijn/inloggen/digid/terug/?code=x&state=y",
        "/mijn/bestaat-niet/",
        "mijn/",
        "",
    ],
)
def test_after_the_login_only_a_portal_page_is_returned_to(volgende: str) -> None:
    request = RequestFactory().get("/mijn/inloggen/digid/terug/")
    assert _volgende(request, volgende) == "/mijn/"


def test_the_page_that_asked_for_the_login_is_returned_to() -> None:
    request = RequestFactory().get("/mijn/inloggen/digid/terug/")
    assert _volgende(request, "/mijn/?tab=1") == "/mijn/?tab=1"


def test_a_signed_in_user_is_not_sent_elsewhere_by_the_login_page(mijn: Mijn) -> None:
    response = mijn("jan").get("/mijn/inloggen/", {"volgende": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/mijn/"


# -- the state of the login ---------------------------------------------------------------


def _start(client: Client, middel: str = "digid") -> dict[str, list[str]]:
    response = client.post(f"/mijn/inloggen/{middel}/", {"volgende": "/mijn/"})
    assert response.status_code == 302
    return parse_qs(urlsplit(response["Location"]).query)


@pytest.mark.django_db(transaction=True)
def test_a_callback_with_a_wrong_or_missing_state_is_refused(
    client: Client, broker: Provider
) -> None:
    vraag = _start(client)
    assert vraag["code_challenge_method"] == ["S256"] and vraag["nonce"]
    for state in ("vals", ""):
        response = client.get("/mijn/inloggen/digid/terug/", {"code": "abc", "state": state})
        assert response.status_code == 400
        assert "niet gelukt" in response.content.decode()
    # The state of another browser's login is no use here either.
    ander = Client()
    response = ander.get("/mijn/inloggen/digid/terug/", {"code": "abc", "state": vraag["state"][0]})
    assert response.status_code == 400
    assert ander.get("/mijn/").status_code == 302


def test_a_means_that_is_not_configured_or_does_not_exist_is_not_found(client: Client) -> None:
    assert client.post("/mijn/inloggen/digid/").status_code == 404
    assert client.post("/mijn/inloggen/itsme/").status_code == 404
    assert client.get("/mijn/inloggen/itsme/terug/").status_code == 404


# -- sessions -----------------------------------------------------------------------------


def test_the_staff_session_never_grants_the_portal_and_the_other_way_round(
    client: Client, mijn: Mijn
) -> None:
    medewerker = get_user_model().objects.create_user("sanne", password="x", is_staff=True)
    client.force_login(medewerker)
    staf_sleutel = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get("/mijn/").status_code == 302
    # Not even with the staff's session key in the portal's cookie.
    client.cookies[settings.KLANTBEELD_MIJN_SESSIE_COOKIE] = staf_sleutel
    assert client.get("/mijn/")["Location"].startswith("/mijn/inloggen/")

    inwoner = Client()
    sleutel = portaalsessie(inwoner, "jan")
    assert inwoner.get("/mijn/").status_code == 200
    assert inwoner.get("/werkplek/")["Location"].startswith("/werkplek/inloggen/")
    inwoner.cookies[settings.SESSION_COOKIE_NAME] = sleutel
    assert inwoner.get("/werkplek/")["Location"].startswith("/werkplek/inloggen/")


def test_after_the_idle_time_the_next_request_asks_for_a_new_login(
    mijn: Mijn, settings: Any
) -> None:
    settings.KLANTBEELD_MIJN_SESSIE_MINUTEN = 5
    client = mijn("jan")
    assert client.get("/mijn/").status_code == 200
    # The idle time passes: the server ends the session (its expiry in the database).
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get("/mijn/")
    assert response.status_code == 302
    assert response["Location"] == "/mijn/inloggen/?volgende=%2Fmijn%2F&verlopen=1"
    assert client.cookies[settings.KLANTBEELD_MIJN_SESSIE_COOKIE].value == ""  # removed
    pagina = client.get(response["Location"]).content.decode()
    assert "U was 5 minuten niet actief" in pagina


def test_a_visit_moves_the_end_of_the_session_and_the_cookie_has_no_lifetime_of_its_own(
    mijn: Mijn,
) -> None:
    client = mijn("jan")
    sessie = Session.objects.get()
    sessie.expire_date = timezone.now() + datetime.timedelta(minutes=1)
    data = sessie.get_decoded()
    data["_actief"] = 0  # the last renewal was long ago
    sessie.session_data = Session.objects.encode(data)
    sessie.save()
    response = client.get("/mijn/")
    assert response.status_code == 200
    einde = Session.objects.get().expire_date - timezone.now()
    assert datetime.timedelta(minutes=14) < einde <= datetime.timedelta(minutes=15)
    cookie = response.cookies[settings.KLANTBEELD_MIJN_SESSIE_COOKIE]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    assert cookie["httponly"] and cookie["path"] == "/mijn/" and cookie["samesite"] == "Lax"


def test_an_abandoned_login_is_not_called_an_idle_timeout(client: Client) -> None:
    store = SessionStore()  # a portal session with only a login's leftovers
    store["mijn_volgende"] = "/mijn/"
    store.save()
    client.cookies[settings.KLANTBEELD_MIJN_SESSIE_COOKIE] = store.session_key
    response = client.get("/mijn/")
    assert "verlopen" not in response["Location"]


def test_signing_out_leaves_no_session_behind(mijn: Mijn) -> None:
    client = mijn("jan")
    response = client.post("/mijn/uitloggen/")
    assert response.status_code == 302 and response["Location"].endswith("/mijn/uitgelogd/")
    assert not Session.objects.exists()
    assert client.cookies[settings.KLANTBEELD_MIJN_SESSIE_COOKIE].value == ""
    response = client.get("/mijn/")
    assert "verlopen" not in response["Location"]


def test_portal_pages_are_never_stored_by_a_cache(mijn: Mijn) -> None:
    anoniem = Client()
    for response in (
        anoniem.get("/mijn/"),
        anoniem.get("/mijn/inloggen/"),
        anoniem.get("/mijn/uitgelogd/"),
        mijn("jan").get("/mijn/"),
        mijn("jan").get("/mijn/bestaat-niet/"),
        mijn("jan-basis").get("/mijn/", HTTP_ACCEPT="text/html"),
    ):
        assert "no-store" in response["Cache-Control"], response
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


# -- someone else's item ------------------------------------------------------------------

_WAARDEN: dict[str, Callable[[], Any]] = {
    "uuid": uuid.uuid4,
    "int": lambda: 987654321,
    "string": lambda: f"onbekend-{uuid.uuid4().hex[:8]}",
    "slug": lambda: f"onbekend-{uuid.uuid4().hex[:8]}",
    "path": lambda: f"onbekend/{uuid.uuid4().hex[:8]}",
}


def _patronen_met_parameters(
    patronen: list[URLPattern | URLResolver], voorvoegsel: str = ""
) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, converter names by parameter) of every portal URL with a parameter, read
    from the urlpatterns when the test runs: new pages are walked too."""
    gevonden = []
    for patroon in patronen:
        if isinstance(patroon, URLResolver):
            gevonden += _patronen_met_parameters(patroon.url_patterns, voorvoegsel)
            continue
        converters = patroon.pattern.converters  # type: ignore[attr-defined]
        if converters and patroon.name:
            soorten = {
                naam: type(converter).__name__.removesuffix("Converter").lower()
                for naam, converter in converters.items()
            }
            gevonden.append((f"portal:{patroon.name}", str(patroon.pattern), soorten))
    return gevonden


def test_the_walk_finds_the_portal_urls_with_parameters() -> None:
    namen = {naam for naam, _, _ in _patronen_met_parameters(portaal_urls.urlpatterns)}
    assert {"portal:start", "portal:terug"} <= namen


@pytest.mark.parametrize("login", ["jan", "bakkerij", "piet-voor-anna"])
def test_a_random_or_foreign_id_in_any_portal_url_is_the_portals_not_found(
    mijn: Mijn, login: str
) -> None:
    client = mijn(login)
    for naam, patroon, soorten in _patronen_met_parameters(portaal_urls.urlpatterns):
        kwargs = {parameter: _WAARDEN[soort]() for parameter, soort in soorten.items()}
        url = reverse(naam, kwargs=kwargs)
        response = client.get(url)
        if response.status_code == 405:
            response = client.post(url)
        assert response.status_code == 404, f"{patroon}: {url} → {response.status_code}"
        assert "Deze pagina bestaat niet, of hoort niet bij u." in response.content.decode(), url
        assert "no-store" in response["Cache-Control"], url
    assert get_resolver().resolve("/mijn/").namespace == "portal"


def test_a_broker_that_does_not_answer_is_given_up_on(client: Client, settings: Any) -> None:
    """A worker never waits forever on the broker: the login page says it is unreachable."""
    client.get("/mijn/inloggen/")  # the first request's start-up is not the broker's time
    with socket.socket() as stil:
        stil.bind(("127.0.0.1", 0))
        stil.listen()
        settings.KLANTBEELD_DIGID_OIDC_DISCOVERY = (
            f"http://127.0.0.1:{stil.getsockname()[1]}/.well-known/openid-configuration"
        )
        settings.KLANTBEELD_DIGID_OIDC_CLIENT_ID = "mijn-digid"
        settings.OIDC_TIMEOUT = 1
        begin = time.monotonic()
        response = client.post("/mijn/inloggen/digid/")
        assert time.monotonic() - begin < 5
    assert response.status_code == 400
    assert "DigiD is nu niet bereikbaar" in response.content.decode()


class _Discovery(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        poort = self.server.server_address[1]
        body = json.dumps(
            {
                "issuer": f"http://127.0.0.1:{poort}",
                "authorization_endpoint": "https://login.broker.example/auth",
                "token_endpoint": f"http://127.0.0.1:{poort}/token",
                "jwks_uri": f"http://127.0.0.1:{poort}/jwks",
                "end_session_endpoint": "https://uit.broker.example/end",
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def test_the_login_pages_forms_may_lead_to_the_brokers_endpoints(
    client: Client, settings: Any
) -> None:
    """A broker whose authorization and end-session endpoints are on other hosts than its
    discovery document: the browser may still follow the login and logout there."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Discovery)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        discovery = f"http://127.0.0.1:{server.server_address[1]}"
        settings.KLANTBEELD_EHERKENNING_OIDC_DISCOVERY = f"{discovery}/.well-known/openid"
        settings.KLANTBEELD_EHERKENNING_OIDC_CLIENT_ID = "mijn-eh"
        csp = client.get("/mijn/inloggen/")["Content-Security-Policy"]
    finally:
        server.shutdown()
    form_action = next(d for d in csp.split("; ") if d.startswith("form-action"))
    assert form_action.split()[1:] == [
        "'self'",
        discovery,
        "https://login.broker.example",
        "https://uit.broker.example",
    ]


def test_each_login_deletes_the_sessions_that_ended(mijn: Mijn, rf: RequestFactory) -> None:
    mijn("jan")
    mijn("anna")
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    request = rf.get("/mijn/inloggen/digid/terug/")
    request.session = SessionStore()  # type: ignore[attr-defined]
    nieuwe_sessie(request)
    request.session.save()  # type: ignore[attr-defined]
    assert list(Session.objects.values_list("session_key", flat=True)) == [
        request.session.session_key  # type: ignore[attr-defined]
    ]
