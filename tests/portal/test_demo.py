"""The demo's portal: bin/run starts the local OpenID Connect provider as the DigiD and
eHerkenning broker with ``klantbeeld demo-portaal``'s clients and logins (demo residents
with zaken and contacts, a representative, a company with a vestiging), and the Quick
start banner says where to go and as whom."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from playwright.sync_api import Page, expect

from klantbeeld.demo import print_demo_banner
from klantbeeld.demo.portaal import DIGID_CLIENT, EHERKENNING_CLIENT, op_clients
from klantbeeld.demo.zgw import seed_arguments
from klantbeeld.domain.models import Klantcontact
from klantbeeld.domain.services.identiteit import Identiteit, bestaande_partij
from klantbeeld.portal.identiteit import Middel, uit_claims
from klantbeeld.portal.niveaus import Functie, vereist
from standins.oidc import Provider, oidc_provider
from tests.portal.conftest import inloggen


def _users(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    capsys.readouterr()
    call_command("demo_portaal", *args)
    users: dict[str, Any] = json.loads(capsys.readouterr().out)
    return users


@pytest.mark.django_db
def test_demo_portaal_prints_residents_with_zaken_a_representative_and_a_company(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("demo_data", "--partijen", "40")
    users = _users(capsys)
    assert set(users) == {"inwoner", "inwoner-2", "machtiging", "bedrijf"}
    seed = seed_arguments()
    met_zaken = {seed[i + 1] for i, flag in enumerate(seed) if flag in {"--bsn", "--kvk"}}
    wie = {
        login: uit_claims(
            Middel.EHERKENNING if login == "bedrijf" else Middel.DIGID,
            {"sub": login, **user["claims"]},
        )
        for login, user in users.items()
    }
    for login in ("inwoner", "inwoner-2"):
        klant = wie[login].klant
        assert klant.bsn in met_zaken  # the demo ZGW register has zaken for them
        partij = bestaande_partij(klant)
        assert partij is not None and users[login]["name"] == partij.volledige_naam
        assert Klantcontact.objects.filter(betrokkenen__was_partij=partij).exists()
    machtiging = wie["machtiging"]
    assert machtiging.klant == wie["inwoner"].klant
    assert machtiging.gemachtigde == wie["inwoner-2"].klant
    bedrijf = wie["bedrijf"]
    assert bedrijf.klant.kvk_nummer in met_zaken and len(bedrijf.klant.vestigingsnummer) == 12
    assert bestaande_partij(Identiteit(kvk_nummer=bedrijf.klant.kvk_nummer)) is not None
    # Every demo login may do everything the default levels allow.
    assert all(w.niveau >= vereist(f) for w in wie.values() for f in Functie)

    met_staf = _users(capsys, "--medewerkers")
    assert {"kcc", "behandelaar", "inwoner", "bedrijf"} <= set(met_staf)


@pytest.mark.django_db
def test_without_demo_partijen_the_logins_are_people_who_have_none_yet(
    capsys: pytest.CaptureFixture[str],
) -> None:
    users = _users(capsys)
    bsn = users["inwoner"]["claims"]["bsn"]
    assert uit_claims(Middel.DIGID, {"sub": "i", **users["inwoner"]["claims"]}).klant.bsn == bsn


@pytest.mark.django_db
def test_demo_portaal_prints_the_brokers_clients(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(CommandError):
        call_command("demo_portaal", "--clients")
    monkeypatch.setenv("KLANTBEELD_DIGID_OIDC_CLIENT_SECRET", "digid-geheim")
    monkeypatch.setenv("KLANTBEELD_EHERKENNING_OIDC_CLIENT_SECRET", "eh-geheim")
    capsys.readouterr()
    call_command("demo_portaal", "--clients", "--port", "8123")
    digid, eherkenning = json.loads(capsys.readouterr().out)
    assert (digid["client_id"], digid["client_secret"]) == (DIGID_CLIENT, "digid-geheim")
    assert "http://localhost:8123/mijn/inloggen/digid/terug/" in digid["redirect_uris"]
    assert "http://127.0.0.1:8123/mijn/uitgelogd/" in digid["post_logout_redirect_uris"]
    assert eherkenning["client_id"] == EHERKENNING_CLIENT
    assert (
        "http://127.0.0.1:8123/mijn/inloggen/eherkenning/terug/" in (eherkenning["redirect_uris"])
    )


@pytest.mark.django_db
def test_the_banner_prints_the_portal_and_its_demo_logins(
    monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    call_command("demo_data", "--partijen", "20")
    out = io.StringIO()
    print_demo_banner("127.0.0.1", 8123, out)
    assert "/mijn/" not in out.getvalue()  # no broker started: no portal login to offer
    monkeypatch.setenv("KLANTBEELD_DEMO_OIDC_PORT", "8002")
    settings.KLANTBEELD_DIGID_OIDC_CLIENT_ID = DIGID_CLIENT
    out = io.StringIO()
    print_demo_banner("127.0.0.1", 8123, out)
    tekst = out.getvalue()
    assert "MijnGemeente          http://localhost:8123/mijn/" in tekst
    for login in ("inwoner:", "inwoner-2:", "machtiging:", "bedrijf:"):
        assert login in tekst
    assert "DigiD Machtigen" in tekst and "vestiging" in tekst


# -- bin/run's broker, in real Chromium ---------------------------------------------------


@pytest.fixture
def demo_broker(live_server: Any, settings: Any) -> Iterator[Provider]:
    """The provider as bin/run starts it: the clients and users demo-portaal prints, the
    portal configured with the same client IDs, secrets and discovery URL."""
    call_command("demo_data", "--partijen", "20")
    port = int(live_server.url.rsplit(":", 1)[1])
    clients = op_clients(
        port, "demo-digid-geheim-32-tekens-lang!", "demo-eh-geheim-32-tekens-lang!!!"
    )
    out = io.StringIO()
    call_command("demo_portaal", "--medewerkers", stdout=out)
    with oidc_provider([], json.loads(out.getvalue()), client_id="", clients=clients) as op:
        for middel, client in (("DIGID", clients[0]), ("EHERKENNING", clients[1])):
            setattr(settings, f"KLANTBEELD_{middel}_OIDC_DISCOVERY", op.discovery)
            setattr(settings, f"KLANTBEELD_{middel}_OIDC_CLIENT_ID", client["client_id"])
            setattr(settings, f"KLANTBEELD_{middel}_OIDC_CLIENT_SECRET", client["client_secret"])
        yield op


@pytest.mark.django_db(transaction=True)
def test_the_demo_logins_sign_in_to_the_portal(
    page: Page, live_server: Any, demo_broker: Provider, capsys: pytest.CaptureFixture[str]
) -> None:
    users = _users(capsys)
    inwoner, bedrijf = users["inwoner"]["name"], users["bedrijf"]["name"]
    inloggen(page, live_server, "inwoner")
    expect(page.get_by_role("status")).to_have_text(f"Ingelogd met DigiD als {inwoner}.")
    _uitloggen(page)
    inloggen(page, live_server, "machtiging")
    expect(page.get_by_role("status")).to_contain_text(f"U handelt namens {inwoner}.")
    _uitloggen(page)
    inloggen(page, live_server, "bedrijf", middel="eHerkenning")
    expect(page.get_by_role("status")).to_have_text(f"Ingelogd met eHerkenning als {bedrijf}.")


def _uitloggen(page: Page) -> None:
    page.get_by_role("button", name="Uitloggen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("U bent uitgelogd")


@pytest.mark.django_db
def test_demo_portaal_names_the_resident_the_stand_ins_are_seeded_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("demo_data", "--partijen", "40")
    inwoner = _users(capsys)["inwoner"]["claims"]["bsn"]
    call_command("demo_portaal", "--stand-ins")
    bsn, email = capsys.readouterr().out.rstrip("\n").split("\t")
    assert bsn == inwoner  # the login `inwoner` sees the seeded klanttaken
    partij = bestaande_partij(Identiteit(bsn=bsn))
    assert partij is not None
    verified = partij.digitale_adressen.filter(
        soort_digitaal_adres="email", verificatie_datum__isnull=False
    )
    # Appointments are found by a verified address only: the seed uses one, or none.
    assert email == (verified.order_by("pk").values_list("adres", flat=True).first() or "")
