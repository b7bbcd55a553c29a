"""One zaak with everything its page shows (``een_zaak``), the zaken onderwerpobjecten
name (``zaken_van_verwijzingen``), and a partij's zaken found through its own contacts,
read from the local ZGW register over real HTTP."""

from __future__ import annotations

import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer
from klantbeeld.domain.models import Partij
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.zaken import (
    een_zaak,
    zaken_van_partij,
    zaken_van_verwijzingen,
)
from standins.zgw import LocalZgw
from tests.cases.helpers import Betrokkene, medewerker, persoon, register, zaak

pytestmark = pytest.mark.django_db


def zaken_api() -> ZgwService:
    return ZgwService.objects.get(soort=Soort.ZAKEN)


def test_one_zaak_with_rollen_deelzaken_and_its_hoofdzaak(zgw: LocalZgw) -> None:
    hoofd = zgw.add_zaak(
        "PARKEERVERGUNNING",
        omschrijving="Vergunning en laadpaal",
        bsn=bsn(1),
        startdatum="2026-10-01",
    )
    zgw.add_rol(
        hoofd,
        "belanghebbende",
        "natuurlijk_persoon",
        {"voornamen": "Els", "voorvoegselGeslachtsnaam": "de", "geslachtsnaam": "Vries"},
    )
    zgw.add_rol(
        hoofd,
        "behandelaar",
        "medewerker",
        {"identificatie": "mdw-1", "voorletters": "A.", "achternaam": "Jansen"},
    )
    zgw.add_rol(
        hoofd,
        "belanghebbende",
        "niet_natuurlijk_persoon",
        {"kvkNummer": kvk_nummer(1), "statutaireNaam": "Bakkerij De Korf"},
    )
    zgw.add_status(hoofd, "In behandeling")
    deel = zgw.add_zaak(
        "SUBSIDIE", omschrijving="Laadpaal", hoofdzaak=hoofd, vertrouwelijkheid="intern"
    )
    zgw.add_zaak(
        "BEZWAAR", omschrijving="Geheim", hoofdzaak=hoofd, vertrouwelijkheid="vertrouwelijk"
    )

    gevonden = een_zaak(zaken_api(), hoofd["uuid"], max_vertrouwelijkheid="zaakvertrouwelijk")
    assert gevonden is not None
    assert gevonden.register_id == zaken_api().pk
    assert gevonden.status is not None and gevonden.status.omschrijving == "In behandeling"
    assert [s.omschrijving for s in gevonden.statussen] == ["Ontvangen", "In behandeling"]
    assert [(r.generiek, r.naam, r.bsn, r.kvk_nummer) for r in gevonden.rollen] == [
        ("initiator", "", bsn(1), ""),
        ("belanghebbende", "Els de Vries", "", ""),
        ("behandelaar", "A. Jansen", "", ""),
        ("belanghebbende", "Bakkerij De Korf", "", kvk_nummer(1)),
    ]
    # The deelzaak above the level is left out; the other has its own status (C8404).
    assert [
        (d.identificatie, d.status.omschrijving if d.status else "") for d in gevonden.deelzaken
    ] == [(deel["identificatie"], "Ontvangen")]
    assert gevonden.storingen == []

    als_deel = een_zaak(zaken_api(), deel["uuid"], max_vertrouwelijkheid="zaakvertrouwelijk")
    assert als_deel is not None and als_deel.hoofd is not None
    assert als_deel.hoofd.identificatie == hoofd["identificatie"]


def test_a_zaak_that_is_unknown_or_too_confidential_is_none(zgw: LocalZgw) -> None:
    bezwaar = zgw.add_zaak("BEZWAAR", omschrijving="Bezwaar", vertrouwelijkheid="vertrouwelijk")
    assert een_zaak(zaken_api(), bezwaar["uuid"], max_vertrouwelijkheid="zaakvertrouwelijk") is None
    onbekend = "00000000-0000-4000-8000-000000000000"
    assert een_zaak(zaken_api(), onbekend, max_vertrouwelijkheid="geheim") is None
    zgw.clearance = "intern"  # the register itself refuses (403): the same to the caller
    assert een_zaak(zaken_api(), bezwaar["uuid"], max_vertrouwelijkheid="geheim") is None


def test_zaken_named_by_onderwerpobjecten_by_uuid_or_url(zgw: LocalZgw) -> None:
    mor = zgw.add_zaak("MOR", omschrijving="Losse tegel")
    bezwaar = zgw.add_zaak("BEZWAAR", omschrijving="Bezwaar", vertrouwelijkheid="vertrouwelijk")
    refs = [
        mor["uuid"].upper(),
        mor["url"],
        bezwaar["uuid"],
        "00000000-0000-4000-8000-000000000000",
        "https://elders.example.nl/zaken/api/v1/zaken/00000000-0000-4000-8000-000000000000",
        "ZAAK-2026-1",
    ]
    gevonden, storingen = zaken_van_verwijzingen(refs, max_vertrouwelijkheid="zaakvertrouwelijk")
    assert {ref: z.identificatie for ref, z in gevonden.items()} == {
        mor["uuid"].upper(): mor["identificatie"],
        mor["url"]: mor["identificatie"],
    }
    assert storingen == []
    # Only the configured registers are asked, nothing for what is no reference.
    assert {r.path.rsplit("/", 1)[-1] for r in zgw.received} == {
        mor["uuid"],
        bezwaar["uuid"],
        "00000000-0000-4000-8000-000000000000",
    }


def test_a_partij_without_identifiers_has_the_zaken_its_contacts_were_about(
    zgw: LocalZgw, ki
) -> None:
    """A zaak whose rol names nobody Klantbeeld can find by number: found through the
    onderwerpobject of the partij's own contact; a zaak found by number is not asked for
    twice."""
    piet = persoon(ki, 2, "Piet", "Bakker", partijIdentificatoren=[])
    piet_partij = Partij.objects.get(uuid=piet["uuid"])
    melding = zgw.add_zaak("MOR", omschrijving="Melding zonder BSN")
    via_url = zgw.add_zaak("MOR", omschrijving="Tweede melding")
    register(
        ki,
        kanaal="telefoon",
        onderwerp="Melding",
        actoren=[medewerker(ki, "S")],
        betrokkenen=[Betrokkene(partij=piet)],
        onderwerpobjecten=[
            zaak(melding["uuid"]),
            {**zaak(via_url["uuid"]), "objectId": via_url["url"]},
        ],
    )
    overzicht = zaken_van_partij(piet_partij, max_vertrouwelijkheid="openbaar", met_details=False)
    assert sorted(z.identificatie for z in overzicht.zaken) == sorted(
        [melding["identificatie"], via_url["identificatie"]]
    )
    assert overzicht.volledig
    assert all(z.register_id == zaken_api().pk for z in overzicht.zaken)
