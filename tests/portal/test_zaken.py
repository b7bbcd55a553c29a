"""Mijn zaken over HTTP without a browser: the level of assurance the actions demand, the
list fragment for a browser without htmx, and what a resident may not download."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from klantbeeld.domain.models import Klantcontact, Partij
from klantbeeld.domain.services.identiteit import Identiteit
from klantbeeld.portal.identiteit import SESSIE_SLEUTEL, Ingelogde, Middel
from klantbeeld.portal.niveaus import Niveau
from standins.zgw import LocalZgw
from tests.portal.conftest import BSN_JAN

pytestmark = pytest.mark.django_db


def ingelogd(client: Client, niveau: Niveau = Niveau.MIDDEN, bsn: str = BSN_JAN) -> Client:
    """``client`` with a portal session of a DigiD login of ``bsn``."""
    sessie = SessionStore()
    sessie[SESSIE_SLEUTEL] = Ingelogde(
        middel=Middel.DIGID, klant=Identiteit(bsn=bsn), niveau=niveau
    ).als_sessie()
    sessie.save()
    client.cookies[settings.KLANTBEELD_MIJN_SESSIE_COOKIE] = sessie.session_key
    return client


def uuid_van(resource: dict[str, Any]) -> str:
    return str(resource["url"].rsplit("/", 1)[-1])


def test_adding_or_withdrawing_needs_the_level_aanvragen_asks(client: Client, zgw: LocalZgw):
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=BSN_JAN)
    basis = ingelogd(client, Niveau.BASIS)
    pad = f"/mijn/zaken/{uuid_van(zaak)}/"
    assert basis.get(pad).status_code == 200  # looking needs basis
    for actie in ("aanvullen", "intrekken"):
        antwoord = basis.post(f"{pad}{actie}/", {"reden": "Niet meer nodig"})
        assert antwoord.status_code == 403
    assert Klantcontact.objects.count() == 0
    assert Partij.objects.count() == 0


def test_the_list_fragment_asked_for_as_a_page_gives_the_page(client: Client, zgw: LocalZgw):
    zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=BSN_JAN)
    mijn = ingelogd(client)
    antwoord = mijn.get("/mijn/zaken/lijst/")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == "/mijn/zaken/?zonder_js=1"
    assert "Losse stoeptegel" in mijn.get(antwoord["Location"]).content.decode()
    fragment = mijn.get("/mijn/zaken/lijst/", headers={"HX-Request": "true"})
    assert "Losse stoeptegel" in fragment.content.decode()
    assert "<html" not in fragment.content.decode()
    # The frame itself waits for no register.
    zgw.failing = True
    frame = mijn.get("/mijn/zaken/")
    assert frame.status_code == 200 and 'hx-get="/mijn/zaken/lijst/"' in frame.content.decode()
    assert frame["Cache-Control"].startswith("max-age=0")


def test_no_document_above_the_confidentiality_a_resident_may_see(
    client: Client, zgw: LocalZgw, settings: Any
):
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=BSN_JAN)
    gewoon = zgw.add_document(zaak, "Foto", vertrouwelijkheid="zaakvertrouwelijk")
    geheim = zgw.add_document(zaak, "Advies", vertrouwelijkheid="vertrouwelijk")
    mijn = ingelogd(client)
    pad = f"/mijn/zaken/{uuid_van(zaak)}/documenten/"
    assert mijn.get(f"{pad}{uuid_van(gewoon)}/").status_code == 200
    assert mijn.get(f"{pad}{uuid_van(geheim)}/").status_code == 404
    settings.KLANTBEELD_MIJN_MAX_VERTROUWELIJKHEID = "openbaar"
    assert mijn.get(f"{pad}{uuid_van(gewoon)}/").status_code == 404
    assert "Foto" not in mijn.get(f"/mijn/zaken/{uuid_van(zaak)}/").content.decode()


def test_nothing_is_registered_without_a_team_for_the_zaak(
    client: Client, zgw: LocalZgw, settings: Any
):
    settings.KLANTBEELD_MIJN_ZAAK_TEAM = ""
    zaak = zgw.add_zaak("MOR", omschrijving="Losse stoeptegel", bsn=BSN_JAN)
    antwoord = ingelogd(client).post(
        f"/mijn/zaken/{uuid_van(zaak)}/intrekken/", {"reden": "Niet meer nodig"}
    )
    assert antwoord.status_code == 503
    assert "Neem contact op met de gemeente" in antwoord.content.decode()
    assert Klantcontact.objects.count() == 0
    assert Partij.objects.count() == 0
