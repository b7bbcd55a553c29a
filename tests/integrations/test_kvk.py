"""The KVK client against the local Handelsregister over real HTTP: Zoeken, Basisprofiel
with its vestigingen, Vestigingsprofiel, errors in words."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from klantbeeld.demo.numbers import kvk_nummer, vestigingsnummer
from klantbeeld.integrations.kvk.client import KvkClient, KvkFout, controleer, ingesteld
from standins.kvk import LocalKvk
from tests.support.basisregistraties import HOEKJE, KVK_SLEUTEL


def test_zoeken_by_name_number_and_address(kvk: LocalKvk) -> None:
    with KvkClient() as client:
        gevonden = client.zoek(naam="hoekje")
        assert gevonden.totaal == 3
        assert [(r.soort, r.vestigingsnummer) for r in gevonden.resultaten] == [
            ("rechtspersoon", ""),
            ("hoofdvestiging", vestigingsnummer(0)),
            ("nevenvestiging", vestigingsnummer(1)),
        ]
        hoofd = gevonden.resultaten[1]
        assert (hoofd.naam, hoofd.straat, hoofd.plaats, hoofd.actief) == (
            "Café Het Hoekje",
            "Parkweg",
            "Woerden",
            True,
        )
        assert [r.kvk_nummer for r in client.zoek(kvk_nummer=kvk_nummer(12)).resultaten] == [
            kvk_nummer(12)
        ]
        op_adres = client.zoek(postcode="3441 xw", huisnummer=199).resultaten
        assert [r.vestigingsnummer for r in op_adres] == [vestigingsnummer(0)]
        # Nothing found (KVK's 404) is an empty list.
        assert client.zoek(naam="niemand").resultaten == []
    assert "apikey" not in kvk.requests[0]  # the key travels in a header, never in the URL


def test_basisprofiel_vestigingen_and_vestigingsprofiel(kvk: LocalKvk) -> None:
    with KvkClient() as client:
        profiel = client.basisprofiel(HOEKJE.kvk_nummer)
        assert profiel is not None
        assert (profiel.naam, profiel.rechtsvorm, profiel.registratiedatum) == (
            "Café Het Hoekje B.V.",
            "Besloten Vennootschap",
            datetime.date(2012, 3, 1),
        )
        assert profiel.activiteiten == ("5630 Cafés",)
        assert profiel.hoofdvestiging is not None
        adres = profiel.hoofdvestiging.bezoekadres
        assert adres is not None and (adres.straat, adres.huisnummer, adres.postcode) == (
            "Parkweg",
            199,
            "3441XW",
        )
        vestigingen = client.vestigingen(HOEKJE.kvk_nummer)
        assert [(v.naam, v.hoofdvestiging, v.adres) for v in vestigingen] == [
            ("Café Het Hoekje", True, "Parkweg 199 3441XW Woerden"),
            ("Café Het Hoekje Zeist", False, "Lindenlaan 3 3701AB Zeist"),
        ]
        zeist = client.vestigingsprofiel(vestigingsnummer(1))
        assert zeist is not None and not zeist.hoofdvestiging
        assert client.basisprofiel(kvk_nummer(999)) is None
        assert client.vestigingsprofiel(vestigingsnummer(999)) is None


def test_errors_in_words(kvk: LocalKvk, settings: Any) -> None:
    settings.KLANTBEELD_KVK_API_KEY = "fout"
    with KvkClient() as client, pytest.raises(KvkFout, match="weigert Klantbeeld de toegang"):
        client.zoek(naam="hoekje")
    settings.KLANTBEELD_KVK_API_KEY = KVK_SLEUTEL
    kvk.failing = 500
    with KvkClient() as client, pytest.raises(KvkFout, match="tijdelijk niet beschikbaar"):
        client.basisprofiel(HOEKJE.kvk_nummer)
    kvk.failing = None
    with KvkClient() as client, pytest.raises(KvkFout, match="weigert de zoekvraag: De volgende"):
        client.zoek(postcode="3441XW")
    kvk.delay = 1.5
    settings.KLANTBEELD_KVK_TIMEOUT = 0.5
    with KvkClient() as client, pytest.raises(KvkFout, match="gaf geen antwoord binnen 0,5 s"):
        client.zoek(naam="hoekje")
    kvk.delay = 0


def test_the_connection_check(kvk: LocalKvk, settings: Any) -> None:
    assert ingesteld()
    controle = controleer()
    assert controle.gezond
    assert controle.melding.startswith("Het Handelsregister (KVK) is bereikbaar")
    settings.KLANTBEELD_KVK_API_ROOT = "http://127.0.0.1:9/api/"
    assert controleer().melding == "Het Handelsregister (KVK) is niet bereikbaar."
    settings.KLANTBEELD_KVK_API_ROOT = ""
    assert not controleer().ingesteld
