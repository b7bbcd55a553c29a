"""The portal in real Chromium, signed in through a real OpenID Connect provider that
issues DigiD and eHerkenning claims as a municipality's broker does (standins/oidc)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.utils import translation
from playwright.sync_api import Page, expect

from klantbeeld.demo.numbers import bsn, kvk_nummer, vestigingsnummer
from klantbeeld.portal.identiteit import SESSIE_SLEUTEL, Ingelogde, Middel, uit_claims
from klantbeeld.portal.inloggen import MIDDEL
from klantbeeld.portal.sessies import ACTIEF, idle_seconden
from standins.oidc import Provider, oidc_provider
from tests.integrations.conftest import zgw  # noqa: F401
from tests.support.objecten import afspraken, objecten  # noqa: F401
from tests.workspace.conftest import (  # noqa: F401
    _no_content_security_policy_violations,
    _organisatie,
    _standaard_verwerkingsactiviteit,
    assert_accessible,
    browser_type_launch_args,
    op_elke_breedte,
)

DIGID_MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract"
DIGID_BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
EH3 = "urn:etoegang:core:assurance-class:loa3"

# Logins at the broker: residents by BSN, a company by KVK-nummer (with a vestiging), a
# representative by DigiD Machtigen.
BSN_JAN, BSN_ANNA, BSN_PIET = bsn(101), bsn(102), bsn(103)
KVK_BAKKERIJ = kvk_nummer(201)
VESTIGING_BAKKERIJ = vestigingsnummer(201)
GEBRUIKERS: dict[str, dict[str, Any]] = {
    "jan": {"name": "Jan Jansen", "claims": {"bsn": BSN_JAN, "authsp_level": DIGID_MIDDEN}},
    "anna": {"name": "Anna de Boer", "claims": {"bsn": BSN_ANNA, "authsp_level": DIGID_MIDDEN}},
    "jan-basis": {"name": "Jan Jansen", "claims": {"bsn": BSN_JAN, "authsp_level": DIGID_BASIS}},
    "piet-voor-anna": {
        "name": "Piet Peters",
        "claims": {
            "urn:nl-eid-gdi:1.0:ActingSubjectID": BSN_PIET,
            "urn:nl-eid-gdi:1.0:LegalSubjectID": BSN_ANNA,
            "authsp_level": DIGID_MIDDEN,
        },
    },
    "bakkerij": {
        "name": "Bakkerij De Korenschoof",
        "claims": {
            "urn:etoegang:core:LegalSubjectID": KVK_BAKKERIJ,
            "urn:etoegang:1.9:ServiceRestriction:Vestigingsnr": VESTIGING_BAKKERIJ,
            "urn:etoegang:core:ActingSubjectID": "4B75A0EA107B3D36C82FD675B5B78CC2",
            "urn:etoegang:core:LevelOfAssurance": EH3,
        },
    },
    # Another employee of the same company, authorised for the whole company.
    "bakkerij-collega": {
        "name": "Bakkerij De Korenschoof",
        "claims": {
            "urn:etoegang:core:LegalSubjectID": KVK_BAKKERIJ,
            "urn:etoegang:core:ActingSubjectID": "9C1E3F0A55D2B7E4A1C06F9D8B2E7A31",
            "urn:etoegang:core:LevelOfAssurance": EH3,
        },
    },
}
DIGID = {"client_id": "mijn-digid", "client_secret": "mijn-digid-geheim-van-32-tekens-lang"}
EHERKENNING = {"client_id": "mijn-eh", "client_secret": "mijn-eh-geheim-van-32-tekens-lang!"}


@pytest.fixture
def broker(live_server: Any, settings: Any) -> Iterator[Provider]:
    """The broker, with a DigiD and an eHerkenning client, configured as the portal's."""
    terug = f"{live_server.url}/mijn/uitgelogd/"
    clients = [
        {
            **client,
            "redirect_uris": [f"{live_server.url}/mijn/inloggen/{middel}/terug/"],
            "post_logout_redirect_uris": [terug],
            "token_endpoint_auth_method": "client_secret_basic",
        }
        for middel, client in (("digid", DIGID), ("eherkenning", EHERKENNING))
    ]
    with oidc_provider([], GEBRUIKERS, client_id="", clients=clients) as op:
        for middel, client in (("DIGID", DIGID), ("EHERKENNING", EHERKENNING)):
            setattr(settings, f"KLANTBEELD_{middel}_OIDC_DISCOVERY", op.discovery)
            setattr(settings, f"KLANTBEELD_{middel}_OIDC_CLIENT_ID", client["client_id"])
            setattr(settings, f"KLANTBEELD_{middel}_OIDC_CLIENT_SECRET", client["client_secret"])
        yield op


def inloggen(
    page: Page, live_server: Any, login: str, *, middel: str = "DigiD", pad: str = "/mijn/"
) -> None:
    """Sign in at the broker's own login form as ``login`` (one of GEBRUIKERS)."""
    page.goto(f"{live_server.url}{pad}")
    page.get_by_role("button", name=f"Inloggen met {middel}").click()
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", "wat-dan-ook")
    # The provider, the callback and the first page: slow on a loaded CI machine.
    page.click("button[type=submit]", timeout=30_000)
    expect(page.get_by_role("button", name="Uitloggen", exact=True)).to_be_visible()


at_320 = op_elke_breedte


def ingelogde_van(login: str) -> Ingelogde:
    """Who ``login`` (one of GEBRUIKERS) is once signed in, read from the broker's claims."""
    claims = {"sub": login, **GEBRUIKERS[login]["claims"]}
    middel = Middel.EHERKENNING if "urn:etoegang:core:LegalSubjectID" in claims else Middel.DIGID
    return uit_claims(middel, claims)


def portaalsessie(client: Client, wie: Ingelogde | str) -> str:
    """Sign ``client`` in to the portal as ``wie`` without the broker (for tests of what
    the portal does with a login; the login itself is tested through the broker): a
    session as the login makes it, under the portal's cookie. Returns the session key."""
    if isinstance(wie, str):
        wie = ingelogde_van(wie)
    session = SessionStore()
    session[SESSIE_SLEUTEL] = wie.als_sessie()
    session[MIDDEL] = wie.middel.value
    session[ACTIEF] = int(time.time())
    session.set_expiry(idle_seconden())
    session.save()
    assert session.session_key is not None
    client.cookies[settings.KLANTBEELD_MIJN_SESSIE_COOKIE] = session.session_key
    return session.session_key


@pytest.fixture
def mijn(client: Client) -> Callable[[Ingelogde | str], Client]:
    """``mijn("jan")``: the test client, signed in to the portal as jan."""

    def inloggen_als(wie: Ingelogde | str) -> Client:
        portaalsessie(client, wie)
        return client

    return inloggen_als


@pytest.fixture(autouse=True)
def _nederlands() -> Iterator[None]:
    """Each test starts in Dutch: a request in English (the language cookie) leaves English
    active in the thread that served it."""
    with translation.override("nl"):
        yield
