"""The demo's BRP and Handelsregister: the persons and companies the local stand-ins
(``standins/brp.py``, ``standins/kvk.py``) hold, made from the demo register so that the
two agree: every demo person with a BSN is in the BRP with the register's name and
address, and a date of birth of their own (so the demo's three Henk Bos, who differ only
by address in the register, differ by date of birth too); every organisation with a
KVK-nummer is in the Handelsregister with its name and addresses. ``bin/run`` writes them
with ``klantbeeld demo-basisregistraties``.

To show what a verification finds, the last Henk Bos has moved in the BRP (the register
still has his old address), and the BRP knows people the register does not: a partner at
the first Henk Bos's address and a deceased Hendrik Bos."""

from __future__ import annotations

import datetime
import random
from typing import Any

from klantbeeld.demo import numbers
from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId, SoortPartij

# The demo's places (demo/vocabulary.py) and their municipality's code (CBS).
GEMEENTEN = {
    "Utrecht": "0344",
    "Amersfoort": "0307",
    "Zeist": "0355",
    "Nieuwegein": "0356",
    "Houten": "0321",
    "IJsselstein": "0353",
    "Woerden": "0632",
    "Veenendaal": "0345",
}
VROUWEN = {
    "Anna",
    "Emma",
    "Julia",
    "Mila",
    "Sophie",
    "Tess",
    "Sara",
    "Zoë",
    "Eva",
    "Lotte",
    "Fatima",
    "Yasmina",
    "Priya",
    "Ingrid",
    "Johanna",
}
RECHTSVORMEN = {
    "B.V.": "Besloten Vennootschap",
    "V.O.F.": "Vennootschap onder firma",
    "Stichting": "Stichting",
}
# What the demo's companies do (SBI 2008), by a word in their name.
ACTIVITEITEN = {
    "Bakkerij": ("1071", "Vervaardiging van brood en vers banketbakkerswerk"),
    "Fietsenmaker": ("4540", "Handel in en reparatie van motorfietsen en fietsen"),
    "Installatiebedrijf": ("4322", "Loodgieters- en fitterswerk; installatie van sanitair"),
    "Café": ("5630", "Cafés"),
    "Bouwbedrijf": ("4120", "Algemene burgerlijke en utiliteitsbouw"),
    "Kapsalon": ("9602", "Haar- en schoonheidsverzorging"),
    "Stichting": ("9499", "Overige ideële organisaties"),
    "Tandartspraktijk": ("8623", "Tandartspraktijken"),
    "Autobedrijf": ("4520", "Gespecialiseerde reparatie van auto's"),
    "Bloemenhuis": ("4776", "Winkels in bloemen, planten, zaden en tuinbenodigdheden"),
    "Advocatenkantoor": ("6910", "Rechtskundige dienstverlening"),
    "IT-Diensten": ("6202", "Advisering op het gebied van informatietechnologie"),
}
# The BRP-only persons' BSNs: far beyond the demo register's.
EXTRA = 3_900_000


def _datum(rng: random.Random, van: datetime.date, tot: datetime.date) -> datetime.date:
    return van + datetime.timedelta(days=rng.randint(0, (tot - van).days))


def _nummer(partij: Partij, soort: str) -> str:
    return next(
        (
            i.partij_identificator_object_id
            for i in partij.partij_identificatoren.all()
            if i.partij_identificator_code_soort_object_id == soort
        ),
        "",
    )


def _adres(partij: Partij, soort: str) -> dict[str, Any]:
    stad = getattr(partij, f"{soort}_stad")
    return {
        "straat": getattr(partij, f"{soort}_straatnaam"),
        "huisnummer": getattr(partij, f"{soort}_huisnummer"),
        "postcode": getattr(partij, f"{soort}_postcode").replace(" ", ""),
        "woonplaats": stad,
    }


def _persoon(partij: Partij, bsn: str) -> dict[str, Any]:
    rng = random.Random(int(bsn))  # the same person every run
    geboren = _datum(rng, datetime.date(1938, 1, 1), datetime.date(2006, 12, 31))
    volwassen = geboren.replace(year=geboren.year + 18, day=min(geboren.day, 28))
    adres = _adres(partij, "correspondentieadres")
    return {
        "bsn": bsn,
        "geslachtsnaam": partij.contactnaam_achternaam,
        "voornamen": partij.contactnaam_voornaam,
        "voorvoegsel": partij.contactnaam_voorvoegsel_achternaam,
        "geslacht": "V" if partij.contactnaam_voornaam in VROUWEN else "M",
        "geboortedatum": geboren.isoformat(),
        "geboorteplaats": rng.choice(sorted(GEMEENTEN)),
        **adres,
        "gemeente_code": GEMEENTEN.get(adres["woonplaats"], ""),
        "gemeente": adres["woonplaats"],
        "adres_sinds": _datum(rng, volwassen, datetime.date(2025, 12, 31)).isoformat(),
        "geheimhouding": bool(partij.indicatie_geheimhouding),
    }


def personen() -> list[dict[str, Any]]:
    """The BRP's persons (``standins.brp.Persoon``'s fields) for the demo register."""
    mensen = (
        Partij.objects.filter(
            soort_partij=SoortPartij.PERSOON,
            partij_identificatoren__partij_identificator_code_soort_object_id=CodeSoortObjectId.BSN,
        )
        .prefetch_related("partij_identificatoren")
        .order_by("pk")
        .distinct()
    )
    lijst = [
        _persoon(p, _nummer(p, CodeSoortObjectId.BSN))
        for p in mensen
        if p.correspondentieadres_postcode and p.correspondentieadres_huisnummer
    ]
    henks = [p for p in lijst if (p["voornamen"], p["geslachtsnaam"]) == ("Henk", "Bos")]
    if henks:
        verhuisd = henks[-1]
        verhuisd.update(straat="Kerkstraat", huisnummer=7, adres_sinds="2025-11-01")
        verhuisd["postcode"] = verhuisd["postcode"][:4] + "KS"
        eerste = henks[0]
        lijst.append(
            {
                **eerste,
                "bsn": numbers.bsn(EXTRA),
                "voornamen": "Johanna Maria",
                "geslacht": "V",
                "geboortedatum": "1960-02-29",
            }
        )
        lijst.append(
            {
                "bsn": numbers.bsn(EXTRA + 1),
                "geslachtsnaam": "Bos",
                "voornamen": "Hendrik",
                "geslacht": "M",
                "geboortedatum": eerste["geboortedatum"],
                "overlijdensdatum": "2023-01-15",
            }
        )
    return lijst


def _bedrijf(partij: Partij, kvk: str) -> dict[str, Any]:
    rng = random.Random(int(kvk))
    naam = partij.naam or f"Bedrijf {kvk}"
    vorm = next((v for v in RECHTSVORMEN if naam.endswith(f" {v}")), "")
    handelsnaam = naam.removesuffix(f" {vorm}") if vorm else naam
    n = int(kvk) % 1_000_000
    bezoek = _adres(partij, "bezoekadres")
    post = _adres(partij, "correspondentieadres")
    activiteit = next((a for woord, a in ACTIVITEITEN.items() if woord in naam), None)
    return {
        "kvk_nummer": kvk,
        "naam": naam,
        "rechtsvorm": RECHTSVORMEN.get(vorm, "Eenmanszaak"),
        # Only a rechtspersoon has an RSIN.
        "rsin": numbers.rsin(n) if vorm in ("B.V.", "Stichting") else "",
        "handelsnamen": [handelsnaam],
        "registratiedatum": _datum(
            rng, datetime.date(1985, 1, 1), datetime.date(2024, 12, 31)
        ).isoformat(),
        "sbi": [list(activiteit)] if activiteit else [],
        "vestigingen": [
            {
                # As the demo's eHerkenning login names the company's vestiging.
                "vestigingsnummer": numbers.vestigingsnummer(n),
                "naam": handelsnaam,
                "bezoekadres": _kvk_adres(bezoek),
                "postadres": _kvk_adres(post),
                "werkzame_personen": rng.randint(1, 40),
            }
        ],
    }


def _kvk_adres(adres: dict[str, Any]) -> dict[str, Any] | None:
    if not (adres["postcode"] and adres["huisnummer"]):
        return None
    return {
        "straat": adres["straat"],
        "huisnummer": adres["huisnummer"],
        "postcode": adres["postcode"],
        "plaats": adres["woonplaats"],
    }


def bedrijven() -> list[dict[str, Any]]:
    """The Handelsregister's companies (``standins.kvk.Bedrijf``'s fields) for the demo
    register."""
    organisaties = (
        Partij.objects.filter(
            soort_partij=SoortPartij.ORGANISATIE,
            partij_identificatoren__partij_identificator_code_soort_object_id=(
                CodeSoortObjectId.KVK_NUMMER
            ),
        )
        .prefetch_related("partij_identificatoren")
        .order_by("pk")
        .distinct()
    )
    return [_bedrijf(p, _nummer(p, CodeSoortObjectId.KVK_NUMMER)) for p in organisaties]
