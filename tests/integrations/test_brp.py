"""The BRP client against the local BRP over real HTTP: the question each search becomes,
only the fields that verify an identity, the protocol headers, errors in words."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from klantbeeld.integrations.brp.client import (
    BrpClient,
    BrpFout,
    Protocol,
    Zoekvraag,
    controleer,
    ingesteld,
)
from standins.brp import LocalBrp
from tests.support.basisregistraties import (
    BRP_SLEUTEL,
    HENK_NIEUWEGEIN,
    HENK_WOERDEN,
    JOHANNA,
)

WIE = Protocol("Beantwoorden van vragen van inwoners@Persoon zoeken", "sanne")


def zoek(vraag: Zoekvraag) -> list[str]:
    with BrpClient() as client:
        return [p.bsn for p in client.zoek(vraag, WIE)]


def test_henk_bos_by_geslachtsnaam_and_geboortedatum(brp: LocalBrp) -> None:
    with BrpClient() as client:
        [henk] = client.zoek(
            Zoekvraag(geslachtsnaam="Bos", geboortedatum=datetime.date(1971, 11, 3)), WIE
        )
    assert henk.bsn == HENK_NIEUWEGEIN.bsn
    assert (henk.volledige_naam, henk.geboortedatum, henk.geboortedatum_tekst) == (
        "Henk Bos",
        datetime.date(1971, 11, 3),
        "3 november 1971",
    )
    assert henk.adresregels == ("Beatrixstraat 92", "3431 WX  NIEUWEGEIN")
    [vraag] = brp.vragen
    assert vraag["type"] == "ZoekMetGeslachtsnaamEnGeboortedatum"
    # Only what verifies an identity is asked for.
    assert set(vraag["fields"]) == {
        "burgerservicenummer",
        "naam.voornamen",
        "naam.voorvoegsel",
        "naam.geslachtsnaam",
        "naam.volledigeNaam",
        "geboorte.datum",
        "adressering.adresregel1",
        "adressering.adresregel2",
        "adressering.adresregel3",
    }


def test_every_kind_of_question(brp: LocalBrp) -> None:
    assert zoek(Zoekvraag(bsn=HENK_WOERDEN.bsn)) == [HENK_WOERDEN.bsn]
    assert zoek(Zoekvraag(postcode="3441 vc", huisnummer=88)) == [HENK_WOERDEN.bsn, JOHANNA.bsn]
    assert zoek(
        Zoekvraag(postcode="3441VC", huisnummer=88, geboortedatum=datetime.date(1960, 2, 29))
    ) == [JOHANNA.bsn]
    # By name in the municipality (KLANTBEELD_BRP_GEMEENTECODE) when no birth date is known.
    assert zoek(Zoekvraag(geslachtsnaam="bos", voornamen="Henk")) == [HENK_WOERDEN.bsn]
    assert [v["type"] for v in brp.vragen] == [
        "RaadpleegMetBurgerservicenummer",
        "ZoekMetPostcodeEnHuisnummer",
        "ZoekMetPostcodeEnHuisnummer",
        "ZoekMetNaamEnGemeenteVanInschrijving",
    ]
    with pytest.raises(ValueError):
        Zoekvraag(geslachtsnaam="Bos").vraag()


def test_raadplegen_gives_the_address_in_parts_and_the_warnings(brp: LocalBrp) -> None:
    with BrpClient() as client:
        henk = client.raadpleeg(HENK_WOERDEN.bsn, WIE)
        johanna = client.raadpleeg(JOHANNA.bsn, WIE)
        assert client.raadpleeg("999999990", WIE) is None
    assert henk is not None and henk.adres is not None
    assert (henk.adres.straat, henk.adres.huisnummer, henk.adres.postcode) == (
        "Parkweg",
        88,
        "3441VC",
    )
    assert henk.adres.sinds == datetime.date(2004, 9, 1)
    assert johanna is not None and johanna.geheimhouding


def test_the_protocol_headers_and_the_api_key_are_sent(brp: LocalBrp, settings: Any) -> None:
    settings.KLANTBEELD_BRP_API_KEY_HEADER = "X-API-KEY"
    zoek(Zoekvraag(bsn=HENK_WOERDEN.bsn))
    assert brp.protocol == [
        {
            "x-doelbinding": "BRPACT-Totaal",
            # Accents leave the header (HTTP headers are ASCII).
            "x-verwerking": "Beantwoorden van vragen van inwoners@Persoon zoeken",
            "x-gebruiker": "sanne",
            "x-origin-oin": "00000001002220647000",
        }
    ]
    with BrpClient() as client:
        client.zoek(Zoekvraag(bsn=HENK_WOERDEN.bsn), Protocol("Financiële administratie", "é"))
    assert brp.protocol[1]["x-verwerking"] == "Financiele administratie"


def test_errors_in_words(brp: LocalBrp, settings: Any) -> None:
    settings.KLANTBEELD_BRP_API_KEY = "fout"
    with pytest.raises(BrpFout, match="weigert Klantbeeld de toegang"):
        zoek(Zoekvraag(bsn=HENK_WOERDEN.bsn))
    settings.KLANTBEELD_BRP_API_KEY = BRP_SLEUTEL
    brp.failing = 503
    with pytest.raises(BrpFout, match="tijdelijk niet beschikbaar"):
        zoek(Zoekvraag(bsn=HENK_WOERDEN.bsn))
    brp.failing = None
    brp.delay = 1.5
    settings.KLANTBEELD_BRP_TIMEOUT = 0.5
    with pytest.raises(BrpFout, match="gaf geen antwoord binnen 0,5 s"):
        zoek(Zoekvraag(bsn=HENK_WOERDEN.bsn))
    brp.delay = 0
    # A question the BRP refuses names the parameter.
    with pytest.raises(BrpFout, match="weigert de zoekvraag: geslachtsnaam"):
        zoek(Zoekvraag(geslachtsnaam="<b>", geboortedatum=datetime.date(1970, 1, 1)))
    brp.violations.clear()
    settings.KLANTBEELD_BRP_API_ROOT = "http://127.0.0.1:9/haalcentraal/api/brp"
    with pytest.raises(BrpFout, match="De BRP is niet bereikbaar"):
        zoek(Zoekvraag(bsn=HENK_WOERDEN.bsn))


def test_the_connection_check(brp: LocalBrp, settings: Any, capsys: Any) -> None:
    assert ingesteld()
    assert controleer().gezond
    assert brp.vragen[0]["burgerservicenummer"] == ["000000000"]
    call_command("basisregistraties")
    assert "De BRP is bereikbaar" in capsys.readouterr().out
    settings.KLANTBEELD_BRP_API_KEY = "fout"
    controle = controleer()
    assert not controle.gezond and "toegang" in controle.melding
    with pytest.raises(CommandError):
        call_command("basisregistraties")
    settings.KLANTBEELD_BRP_API_ROOT = ""
    assert not ingesteld()
    assert controleer().melding == "De BRP is niet ingesteld."
