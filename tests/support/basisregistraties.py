"""The local BRP (standins/brp.py) and Handelsregister (standins/kvk.py), configured as
Klantbeeld's, with the persons and companies the tests use: three Henk Bos who differ
only by date of birth and address, as the demo register has them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from klantbeeld.demo.numbers import bsn, kvk_nummer, rsin, vestigingsnummer
from standins.brp import LocalBrp, Persoon, local_brp
from standins.kvk import Adres, Bedrijf, LocalKvk, Vestiging, local_kvk

BRP_SLEUTEL = "klantbeeld-sleutel-voor-de-brp"
KVK_SLEUTEL = "klantbeeld-sleutel-voor-de-kvk"


GEMEENTEN = {"Woerden": "0632", "Nieuwegein": "0356", "Veenendaal": "0345"}


def henk(nummer: int, geboren: str, straat: str, huisnummer: int, postcode: str, plaats: str):
    return Persoon(
        bsn=bsn(nummer),
        geslachtsnaam="Bos",
        voornamen="Henk",
        geslacht="M",
        geboortedatum=geboren,
        straat=straat,
        huisnummer=huisnummer,
        postcode=postcode,
        woonplaats=plaats,
        gemeente_code=GEMEENTEN[plaats],
        gemeente=plaats,
        adres_sinds="2004-09-01",
    )


HENK_WOERDEN = henk(101, "1958-04-12", "Parkweg", 88, "3441VC", "Woerden")
HENK_NIEUWEGEIN = henk(7302, "1971-11-03", "Beatrixstraat", 92, "3431WX", "Nieuwegein")
HENK_VEENENDAAL = henk(20100, "1990-06-21", "Oude Gracht", 124, "3901LV", "Veenendaal")
JOHANNA = Persoon(
    bsn=bsn(102),
    geslachtsnaam="Bos",
    voornamen="Johanna Maria",
    geslacht="V",
    geboortedatum="1960-02-29",
    straat="Parkweg",
    huisnummer=88,
    postcode="3441VC",
    woonplaats="Woerden",
    gemeente_code="0632",
    geheimhouding=True,
)
PERSONEN = [HENK_WOERDEN, HENK_NIEUWEGEIN, HENK_VEENENDAAL, JOHANNA]

HOEKJE = Bedrijf(
    kvk_nummer=kvk_nummer(0),
    naam="Café Het Hoekje B.V.",
    rechtsvorm="Besloten Vennootschap",
    rsin=rsin(0),
    handelsnamen=["Café Het Hoekje"],
    registratiedatum="2012-03-01",
    sbi=[("5630", "Cafés")],
    vestigingen=[
        Vestiging(
            vestigingsnummer(0),
            "Café Het Hoekje",
            bezoekadres=Adres("Parkweg", 199, postcode="3441XW", plaats="Woerden"),
            werkzame_personen=4,
        ),
        Vestiging(
            vestigingsnummer(1),
            "Café Het Hoekje Zeist",
            bezoekadres=Adres("Lindenlaan", 3, postcode="3701AB", plaats="Zeist"),
            hoofdvestiging=False,
        ),
    ],
)
KORST = Bedrijf(
    kvk_nummer=kvk_nummer(12),
    naam="Bakkerij De Korst",
    vestigingen=[
        Vestiging(
            vestigingsnummer(12),
            "Bakkerij De Korst",
            bezoekadres=Adres("Eikenlaan", 140, postcode="3431GB", plaats="Nieuwegein"),
        )
    ],
)
BEDRIJVEN = [HOEKJE, KORST]


@pytest.fixture
def brp(settings: Any) -> Iterator[LocalBrp]:
    with local_brp(BRP_SLEUTEL, PERSONEN) as register:
        settings.KLANTBEELD_BRP_API_ROOT = register.api_root
        settings.KLANTBEELD_BRP_API_KEY = BRP_SLEUTEL
        settings.KLANTBEELD_BRP_DOELBINDING = "BRPACT-Totaal"
        settings.KLANTBEELD_BRP_ORIGIN_OIN = "00000001002220647000"
        settings.KLANTBEELD_BRP_GEMEENTECODE = "0632"
        settings.KLANTBEELD_BRP_TIMEOUT = 3
        yield register
        assert register.violations == []


@pytest.fixture
def kvk(settings: Any) -> Iterator[LocalKvk]:
    with local_kvk(KVK_SLEUTEL, BEDRIJVEN) as register:
        settings.KLANTBEELD_KVK_API_ROOT = register.api_root
        settings.KLANTBEELD_KVK_API_KEY = KVK_SLEUTEL
        settings.KLANTBEELD_KVK_TIMEOUT = 3
        yield register
        assert register.violations == []
