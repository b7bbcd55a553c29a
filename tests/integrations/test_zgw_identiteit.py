"""The zaken of a login's identity (the portal's Mijn zaken), read over real HTTP from a
local ZGW register: no partij needed, deelzaken under their hoofdzaak without a request per
deelzaak, a vestiging's zaken, and one zaak with its deelzaken."""

from __future__ import annotations

import httpx
import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer, vestigingsnummer
from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.identiteit import Identiteit
from klantbeeld.integrations.zgw.zaken import behandelende_eenheden, zaken_van_identiteit
from standins.zgw import LocalZgw
from tests.integrations import test_zgw_robuust as nep

pytestmark = pytest.mark.django_db


def test_a_persons_zaken_by_bsn_with_deelzaken_under_their_hoofdzaak(zgw: LocalZgw):
    hoofd = zgw.add_zaak("SUBSIDIE", omschrijving="Verbouwing", bsn=bsn(1), startdatum="2026-09-01")
    subsidie = zgw.add_zaak("SUBSIDIE", omschrijving="Gevel", hoofdzaak=hoofd)
    zgw.add_status(subsidie, "Besluit genomen")
    melding = zgw.add_zaak("MOR", omschrijving="Container", hoofdzaak=hoofd)
    zgw.add_zaak("BEZWAAR", omschrijving="Geheim deel", hoofdzaak=hoofd, vertrouwelijkheid="geheim")
    los = zgw.add_zaak("MOR", omschrijving="Stoeptegel", bsn=bsn(1), startdatum="2026-10-01")
    zgw.add_zaak("MOR", omschrijving="Van een ander", bsn=bsn(2))
    zgw.received.clear()

    overzicht = zaken_van_identiteit(
        Identiteit(bsn=bsn(1)), max_vertrouwelijkheid="zaakvertrouwelijk", met_details=False
    )

    assert overzicht.volledig, overzicht.storingen
    assert Partij.objects.count() == 0  # found by the BSN itself (R3)
    assert [z.url for z in overzicht.hoofdzaken] == [los["url"], hoofd["url"]]
    [_, hoofdzaak] = overzicht.hoofdzaken
    assert {z.url for z in hoofdzaak.deelzaken} == {subsidie["url"], melding["url"]}
    deel = next(z for z in hoofdzaak.deelzaken if z.url == subsidie["url"])
    assert deel.status is not None and deel.status.omschrijving == "Besluit genomen"
    assert deel.zaaktype and deel.hoofdzaak == hoofd["url"]
    assert not deel.eigen and hoofdzaak.eigen  # Jan has no rol in the deelzaak
    # The deelzaken came with their hoofdzaak (expand): no request for any of them.
    assert not any(subsidie["url"].endswith(r.path) for r in zgw.received if r.method == "GET")


def test_one_zaak_with_its_deelzaken_only(zgw: LocalZgw):
    hoofd = zgw.add_zaak("SUBSIDIE", omschrijving="Verbouwing", bsn=bsn(1))
    deel = zgw.add_zaak("MOR", omschrijving="Container", hoofdzaak=hoofd)
    zgw.add_document(deel, "Foto", vertrouwelijkheid="openbaar")
    zgw.add_zaak("MOR", omschrijving="Stoeptegel", bsn=bsn(1))
    van_ander = zgw.add_zaak("MOR", omschrijving="Van een ander", bsn=bsn(2))

    def alleen(zaak: dict) -> list[str]:
        uuid = zaak["url"].rsplit("/", 1)[-1]
        overzicht = zaken_van_identiteit(
            Identiteit(bsn=bsn(1)), max_vertrouwelijkheid="zaakvertrouwelijk", alleen=uuid
        )
        return sorted(z.url for z in overzicht.zaken)

    assert alleen(hoofd) == sorted([hoofd["url"], deel["url"]])
    assert alleen(deel) == [deel["url"]]
    assert alleen(van_ander) == []
    [zaak] = zaken_van_identiteit(
        Identiteit(bsn=bsn(1)),
        max_vertrouwelijkheid="zaakvertrouwelijk",
        alleen=deel["url"].rsplit("/", 1)[-1],
    ).zaken
    assert [d.titel for d in zaak.documenten] == ["Foto"]


def test_a_vestiging_login_sees_that_vestigings_zaken(zgw: LocalZgw):
    hier = zgw.add_zaak(
        "SUBSIDIE", omschrijving="Hier", kvk=kvk_nummer(3), vestigingsnummer=vestigingsnummer(3)
    )
    elders = zgw.add_zaak(
        "SUBSIDIE", omschrijving="Elders", kvk=kvk_nummer(3), vestigingsnummer=vestigingsnummer(4)
    )
    zgw.add_zaak("SUBSIDIE", omschrijving="Ander bedrijf", kvk=kvk_nummer(5))

    def urls(identiteit: Identiteit) -> set[str]:
        overzicht = zaken_van_identiteit(identiteit, max_vertrouwelijkheid="zaakvertrouwelijk")
        assert overzicht.volledig, overzicht.storingen
        return {z.url for z in overzicht.zaken}

    vestiging = Identiteit(kvk_nummer=kvk_nummer(3), vestigingsnummer=vestigingsnummer(3))
    assert urls(vestiging) == {hier["url"]}
    assert urls(Identiteit(kvk_nummer=kvk_nummer(3))) == {hier["url"], elders["url"]}


def test_the_handling_teams_of_a_zaak(zgw: LocalZgw):
    zaak = zgw.add_zaak("PARKEERVERGUNNING", omschrijving="Vergunning", bsn=bsn(1))
    zgw.add_rol(
        zaak, "behandelaar", "organisatorische_eenheid", {"identificatie": "VERG", "naam": "Team"}
    )
    zgw.add_rol(zaak, "behandelaar", "medewerker", {"identificatie": "m1", "achternaam": "Jansen"})
    [eenheid] = behandelende_eenheden(zaak["url"])
    assert (eenheid.identificatie, eenheid.naam) == ("VERG", "Team")


def test_deelzaken_a_register_does_not_expand_are_fetched_side_by_side():
    """A register that ignores ``expand=deelzaken`` names them by URL only: each is asked
    for once, all at once; one that fails is reported and the rest is shown."""
    hoofd = nep.zaak(
        1, deelzaken=[f"{nep.ROOT}zaken/00000000-0000-0000-0000-00000000000{n}" for n in (2, 3)]
    )
    gevraagd: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        gevraagd.append(request.url.path)
        if request.url.path.endswith("/zaken"):
            return httpx.Response(200, json=nep.page([hoofd]))
        if request.url.path.endswith("0002"):
            return httpx.Response(200, json=nep.zaak(2, hoofdzaak=hoofd["url"]))
        return httpx.Response(500, json={"detail": "kapot"})

    overzicht = zaken_van_identiteit(
        Identiteit(bsn=bsn(1)),
        max_vertrouwelijkheid="openbaar",
        met_details=False,
        client=nep.client(handler),
    )

    [hoofdzaak] = overzicht.hoofdzaken
    assert [d.identificatie for d in hoofdzaak.deelzaken] == ["ZAAK-2"]
    assert not hoofdzaak.deelzaken[0].eigen
    assert not overzicht.volledig
    assert sum(p.endswith("0002") for p in gevraagd) == 1
