"""Mijn zaken over HTTP without a browser: the level of assurance the actions demand, the
list fragment for a browser without htmx, and what a resident may not download."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client

from klantbeeld.domain.models import Actor, Klantcontact, Partij, Vertegenwoordigden
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services.actoren import create_actor
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.domain.services.identiteit import Identiteit, bestaande_partij
from klantbeeld.portal.identiteit import SESSIE_SLEUTEL, Ingelogde, Middel
from klantbeeld.portal.niveaus import Niveau
from standins.zgw import LocalZgw
from tests.portal.conftest import BSN_ANNA, BSN_JAN, BSN_PIET

pytestmark = pytest.mark.django_db


def ingelogd(
    client: Client, niveau: Niveau = Niveau.MIDDEN, bsn: str = BSN_JAN, door: str = ""
) -> Client:
    """``client`` with a portal session of a DigiD login of ``bsn`` (with DigiD Machtigen:
    acted for by ``door``)."""
    sessie = SessionStore()
    sessie[SESSIE_SLEUTEL] = Ingelogde(
        middel=Middel.DIGID,
        klant=Identiteit(bsn=bsn),
        niveau=niveau,
        gemachtigde=Identiteit(bsn=door) if door else None,
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


def test_a_representative_withdraws_for_the_one_they_act_for(
    client: Client, zgw: LocalZgw, settings: Any
):
    team = create_actor(
        {"naam": "Klantcontactcentrum", "soort_actor": SoortActor.ORGANISATORISCHE_EENHEID},
        SYSTEM,
    )
    settings.KLANTBEELD_MIJN_ZAAK_TEAM = str(team.uuid)
    zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=BSN_ANNA)
    piet = ingelogd(client, bsn=BSN_ANNA, door=BSN_PIET)
    antwoord = piet.post(f"/mijn/zaken/{uuid_van(zaak)}/intrekken/", {"reden": "Verhuisd"})
    assert antwoord.status_code == 302
    anna = bestaande_partij(Identiteit(bsn=BSN_ANNA))
    namens = bestaande_partij(Identiteit(bsn=BSN_PIET))
    assert anna is not None and namens is not None
    contact = Klantcontact.objects.get()
    assert contact.onderwerp == f"Intrekken aanvraag {zaak['identificatie']}"
    assert set(contact.betrokkenen.values_list("was_partij", "rol", "initiator")) == {
        (anna.pk, "klant", False),
        (namens.pk, "vertegenwoordiger", True),
    }
    assert Vertegenwoordigden.objects.filter(
        vertegenwoordigende_partij=namens, vertegenwoordigde_partij=anna
    ).exists()
    assert [
        a.pk for a in Actor.objects.filter(interne_taken__aanleidinggevend_klantcontact=contact)
    ] == [team.pk]
