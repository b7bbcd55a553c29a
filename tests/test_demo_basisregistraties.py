"""The demo's BRP and Handelsregister agree with the demo register: every person with a
BSN and every organisation with a KVK-nummer is there with the register's name and
address, the three Henk Bos differ by date of birth, and every person and company the
stand-ins serve holds to the API's document."""

from __future__ import annotations

import io
import json
from pathlib import Path

import httpx
import pytest
from django.core.management import call_command

from klantbeeld.demo import print_demo_banner
from klantbeeld.domain.models import Partij
from standins.brp import lees_personen, local_brp
from standins.kvk import lees_bedrijven, local_kvk

pytestmark = pytest.mark.django_db


def test_the_demo_registers_agree_with_the_demo_register(tmp_path: Path) -> None:
    call_command("demo_data", "--partijen", "250")
    brp, kvk = tmp_path / "brp.json", tmp_path / "kvk.json"
    call_command("demo_basisregistraties", "--brp", str(brp), "--kvk", str(kvk))
    personen = {p.bsn: p for p in lees_personen(brp)}
    bedrijven = {b.kvk_nummer: b for b in lees_bedrijven(kvk)}

    henks = Partij.objects.filter(
        contactnaam_voornaam="Henk", contactnaam_achternaam="Bos"
    ).order_by("pk")
    bsns = [p.partij_identificatoren.get().partij_identificator_object_id for p in henks]
    assert len(bsns) == 3
    # Told apart by date of birth; the last has moved in the BRP.
    assert len({personen[b].geboortedatum for b in bsns}) == 3
    register = list(henks)
    for partij, bsn in zip(register[:2], bsns[:2], strict=True):
        assert personen[bsn].straat == partij.correspondentieadres_straatnaam
        assert personen[bsn].postcode == partij.correspondentieadres_postcode.replace(" ", "")
    assert personen[bsns[2]].straat != register[2].correspondentieadres_straatnaam

    organisaties = Partij.objects.filter(soort_partij="organisatie")
    assert len(bedrijven) == organisaties.count()
    eerste = organisaties.order_by("pk").first()
    assert eerste is not None
    nummer = eerste.partij_identificatoren.get().partij_identificator_object_id
    assert bedrijven[nummer].naam == eerste.naam

    # Everyone served holds to the documents.
    with local_brp("sleutel", personen.values()) as lokale_brp:
        alle = list(personen)
        for begin in range(0, len(alle), 20):
            antwoord = httpx.post(
                f"{lokale_brp.api_root}/personen",
                content=json.dumps(
                    {
                        "type": "RaadpleegMetBurgerservicenummer",
                        "burgerservicenummer": alle[begin : begin + 20],
                        "fields": ["naam", "geboorte", "verblijfplaats", "adressering"],
                    }
                ),
                headers={"X-API-KEY": "sleutel", "Content-Type": "application/json"},
            )
            assert antwoord.status_code == 200, antwoord.text
        assert lokale_brp.violations == []
    with local_kvk("sleutel", bedrijven.values()) as lokale_kvk:
        for kvk_nummer in bedrijven:
            for pad in (
                f"v1/basisprofielen/{kvk_nummer}",
                f"v1/basisprofielen/{kvk_nummer}/vestigingen",
            ):
                antwoord = httpx.get(f"{lokale_kvk.api_root}{pad}", headers={"apikey": "sleutel"})
                assert antwoord.status_code == 200, antwoord.text
        assert lokale_kvk.violations == []


def test_the_banner_names_them_when_bin_run_started_them(monkeypatch: pytest.MonkeyPatch) -> None:
    call_command("demo_data", "--partijen", "250")
    out = io.StringIO()
    print_demo_banner("127.0.0.1", 8123, out)
    assert "BRP (demo)" not in out.getvalue()
    monkeypatch.setenv("KLANTBEELD_DEMO_BRP_PORT", "8007")
    monkeypatch.setenv("KLANTBEELD_DEMO_KVK_PORT", "8008")
    out = io.StringIO()
    print_demo_banner("127.0.0.1", 8123, out)
    assert "http://localhost:8007/haalcentraal/api/brp/personen" in out.getvalue()
    assert "three Henk Bos, one born " in out.getvalue()
    assert "http://localhost:8008/api/v2/zoeken" in out.getvalue()
