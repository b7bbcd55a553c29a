"""How fast the workspace finds a customer: the search an agent types during a call, by
each kind of input (BSN, name, a name with a typo, postcode + huisnummer, street +
huisnummer, e-mail, phone in another notation), measured in-process on the filled
register; every answer is checked to hold the partij the input was taken from."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from klantbeeld.bench.driver import Outcome
from klantbeeld.domain.models import DigitaalAdres, Partij, PartijIdentificator
from klantbeeld.domain.services.zoeken import MAX_TREFFERS, zoek_partijen


@dataclass(frozen=True)
class Zoekvraag:
    tekst: str
    verwacht: object  # the partij's pk


def _bsn(rng: random.Random, amount: int) -> list[Zoekvraag]:
    rows = PartijIdentificator.objects.filter(
        partij_identificator_code_soort_object_id="bsn"
    ).values_list("partij_identificator_object_id", "identificeerde_partij_id")
    return [Zoekvraag(f"{b[:3]} {b[3:6]} {b[6:]}", pk) for b, pk in _sample(rows, rng, amount)]


def _naam(rng: random.Random, amount: int) -> list[Zoekvraag]:
    rows = Partij.objects.filter(soort_partij="persoon").exclude(contactnaam_achternaam="")
    values = rows.values_list("contactnaam_voornaam", "contactnaam_achternaam", "uuid")
    return [Zoekvraag(f"{v} {a}".strip(), pk) for v, a, pk in _sample(values, rng, amount)]


def _typfout(rng: random.Random, amount: int) -> list[Zoekvraag]:
    """A surname with one letter changed after its second (as a caller spells it, or a
    slip of the agent's finger)."""
    return [
        Zoekvraag(f"{v.voornaam} {_verschrijf(v.achternaam)}".strip(), v.verwacht)
        for v in _namen(rng, amount)
        if len(v.achternaam) >= 5
    ]


@dataclass(frozen=True)
class _Naam:
    voornaam: str
    achternaam: str
    verwacht: object


def _namen(rng: random.Random, amount: int) -> list[_Naam]:
    rows = Partij.objects.filter(soort_partij="persoon").exclude(contactnaam_achternaam="")
    values = rows.values_list("contactnaam_voornaam", "contactnaam_achternaam", "uuid")
    return [_Naam(v, a, pk) for v, a, pk in _sample(values, rng, amount)]


def _verschrijf(naam: str) -> str:
    plek = 3 if len(naam) > 5 else 2
    letter = "x" if naam[plek].lower() != "x" else "y"
    return naam[:plek] + letter + naam[plek + 1 :]


def _straat(rng: random.Random, amount: int) -> list[Zoekvraag]:
    rows = Partij.objects.exclude(bezoekadres_straatnaam="").exclude(
        bezoekadres_huisnummer__isnull=True
    )
    values = rows.values_list("bezoekadres_straatnaam", "bezoekadres_huisnummer", "uuid")
    return [Zoekvraag(f"{s} {h}", pk) for s, h, pk in _sample(values, rng, amount)]


def _postcode(rng: random.Random, amount: int) -> list[Zoekvraag]:
    rows = Partij.objects.exclude(bezoekadres_postcode="").exclude(
        bezoekadres_huisnummer__isnull=True
    )
    values = rows.values_list("bezoekadres_postcode", "bezoekadres_huisnummer", "uuid")
    return [Zoekvraag(f"{p} {h}", pk) for p, h, pk in _sample(values, rng, amount)]


def _digitaal(soort: str, vorm: Callable[[str], str]) -> Callable[..., list[Zoekvraag]]:
    def vragen(rng: random.Random, amount: int) -> list[Zoekvraag]:
        rows = DigitaalAdres.objects.filter(
            Q(soort_digitaal_adres=soort), verstrekt_door_partij__isnull=False
        ).values_list("adres", "verstrekt_door_partij_id")
        return [Zoekvraag(vorm(a), pk) for a, pk in _sample(rows, rng, amount)]

    return vragen


def _anders_genoteerd(nummer: str) -> str:
    """A phone number as a caller reads it out: +31 6 12 34 56 78 for 0612345678."""
    cijfers = "".join(c for c in nummer if c.isdigit())
    if cijfers.startswith("0"):
        cijfers = "31" + cijfers[1:]
    return "+" + " ".join(
        [cijfers[:2], cijfers[2:3], *(cijfers[i : i + 2] for i in range(3, len(cijfers), 2))]
    )


SOORTEN: dict[str, Callable[[random.Random, int], list[Zoekvraag]]] = {
    "zoeken-bsn": _bsn,
    "zoeken-naam": _naam,
    "zoeken-typfout": _typfout,
    "zoeken-postcode": _postcode,
    "zoeken-straat": _straat,
    "zoeken-email": _digitaal("email", str.upper),
    "zoeken-telefoon": _digitaal("telefoonnummer", _anders_genoteerd),
}


def _sample(rows: QuerySet[Any], rng: random.Random, amount: int) -> list[Any]:
    total = rows.count()
    if total == 0:
        return []
    start = rng.randrange(max(1, total - amount))
    return list(rows.order_by("pk")[start : start + amount])


def meet(soort: str, rng: random.Random, amount: int) -> Outcome:
    """Search each sample once; an answer without the expected partij is an error, unless
    the list is full (a common name: the agent adds a postcode or searches by number)."""
    outcome = Outcome()
    for vraag in SOORTEN[soort](rng, amount):
        started = time.perf_counter()
        treffers = zoek_partijen(vraag.tekst)
        outcome.latencies.append(time.perf_counter() - started)
        gevonden = any(t.partij.pk == vraag.verwacht for t in treffers)
        if not gevonden and len(treffers) < MAX_TREFFERS:
            outcome.errors += 1
            if len(outcome.error_samples) < 5:
                outcome.error_samples.append(f"{vraag.tekst!r}: not found")
    return outcome
