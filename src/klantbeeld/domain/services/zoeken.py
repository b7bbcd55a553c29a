"""Finding a partij from one search box, as an agent types what the caller says: a BSN,
KVK-nummer, RSIN or vestigingsnummer, a postcode with house number, a street with house
number, an e-mail address, a phone number in any notation, or a name (forgiving a
spelling that sounds the same or one letter off). What the text looks like decides how it
is searched; the results are ranked (an exact identifier first, a name that merely
resembles the text last). Confidential partijen are left out for callers who may not see
them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Concat, Lower, Trim, Upper
from django.utils.translation import gettext as _

from klantbeeld.domain import validators
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Categorie, DigitaalAdres, Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId, SoortDigitaalAdres
from klantbeeld.domain.services import gelijkenis
from klantbeeld.domain.services.digitale_adressen import zoeksleutel
from klantbeeld.domain.services.klantrelaties import met_huidige_relatie

MAX_TREFFERS = 25
MAX_TEKST = 200
_POSTCODE = re.compile(r"^([1-9]\d{3})\s?([A-Za-z]{2})(?:\s*(\d{1,5})\s*[-\s]?\s*(\w{0,4}))?$")
_PHONE = re.compile(r"^[+(]?[\d\s\-().]{8,}$")
# A street (with at least one letter) and a house number, with an addition: "Parkweg 88",
# "parkweg 88 A", "2e Hugo de Grootstraat 5-2".
_STRAAT = re.compile(
    r"^(?P<straat>.*[^\W\d_].*?)\s*(?<!\d)(?P<huisnummer>\d{1,5})\s*-?\s*(?P<toevoeging>[^\W_]{0,4})$"
)
# Names that resemble the text are looked for among at most this many candidates, and
# ranked below the names holding it: one that sounds the same above one letter off.
KANDIDATEN = 2000
KLINKT_ALS = 45
BIJNA_GELIJK = 40
# Surname prefixes: no surname resembles them.
VOORVOEGSELS = frozenset({"van", "den", "der", "ter", "ten", "het", "aan", "uit", "bij"})
ADRESSOORTEN = ("bezoekadres", "correspondentieadres")


@dataclass(frozen=True)
class Treffer:
    partij: Partij
    gevonden_op: str  # what matched, for the agent, in their language: "BSN", "naam", …
    score: int


def zoek_partijen(
    tekst: str, limit: int = MAX_TREFFERS, *, soort_relatie: Categorie | None = None
) -> list[Treffer]:
    """The partijen ``tekst`` points to, best first; none for an empty text. With
    ``soort_relatie`` only those with a current customer relation of that kind (only
    woningzoekenden, only ondernemers)."""
    tekst = " ".join(tekst.split())[:MAX_TEKST]
    if len(tekst) < 2:
        return []
    basis = _partijen()
    if soort_relatie is not None:
        basis = met_huidige_relatie(basis, soort_relatie)
    digits = re.sub(r"[\s.]", "", tekst)
    if digits.isdigit() and len(digits) in (8, 9, 12):
        return _op_nummer(basis, digits, limit)
    if match := _POSTCODE.match(tekst):
        return _op_adres(basis, match, limit)
    if match := _STRAAT.match(tekst):
        return _op_straat(basis, match, limit)
    if "@" in tekst:
        return _op_digitaal_adres(basis, SoortDigitaalAdres.EMAIL, tekst, _("e-mailadres"), limit)
    if _PHONE.match(tekst):
        return _op_digitaal_adres(
            basis, SoortDigitaalAdres.TELEFOONNUMMER, tekst, _("telefoonnummer"), limit
        )
    return _op_naam(basis, tekst, limit)


def _partijen() -> QuerySet[Partij]:
    return visible(Partij.objects.all())


def _op_nummer(basis: QuerySet[Partij], digits: str, limit: int) -> list[Treffer]:
    soorten = {
        8: [CodeSoortObjectId.KVK_NUMMER],
        9: [CodeSoortObjectId.BSN, CodeSoortObjectId.RSIN] if validators.elfproef(digits) else [],
        12: [CodeSoortObjectId.VESTIGINGSNUMMER],
    }[len(digits)]
    gevonden = basis.filter(
        partij_identificatoren__partij_identificator_object_id=digits,
        partij_identificatoren__partij_identificator_code_soort_object_id__in=soorten,
    )
    label = {8: _("KVK-nummer"), 9: _("BSN of RSIN"), 12: _("vestigingsnummer")}[len(digits)]
    return [Treffer(p, label, 100) for p in gevonden.distinct().order_by("pk")[:limit]]


def _op_adres(basis: QuerySet[Partij], match: re.Match[str], limit: int) -> list[Treffer]:
    cijfers, letters, huisnummer, toevoeging = match.groups()
    postcode = f"{cijfers} {letters.upper()}"
    treffers: dict[object, Treffer] = {}
    for soort in ADRESSOORTEN:
        condition = Q(**{f"{soort}_postcode": postcode})
        if huisnummer:
            condition &= Q(**{f"{soort}_huisnummer": int(huisnummer)})
        if toevoeging:
            condition &= Q(**{f"{soort}_huisnummertoevoeging__iexact": toevoeging})
        for partij in basis.filter(condition).order_by("pk")[:limit]:
            treffers.setdefault(partij.pk, Treffer(partij, _("postcode en huisnummer"), 90))
    return list(treffers.values())[:limit]


def _op_straat(basis: QuerySet[Partij], match: re.Match[str], limit: int) -> list[Treffer]:
    """Street and house number: the street's whole name in any case (the index of
    ``Partij.Meta`` on ``UPPER(straatnaam), huisnummer`` serves it); an addition, when
    typed, must match too."""
    straat = " ".join(match["straat"].split()).upper()
    huisnummer = int(match["huisnummer"])
    toevoeging = match["toevoeging"]
    treffers: dict[object, Treffer] = {}
    for soort in ADRESSOORTEN:
        gevonden = basis.alias(straat=Upper(f"{soort}_straatnaam")).filter(
            straat=straat, **{f"{soort}_huisnummer": huisnummer}
        )
        if toevoeging:
            gevonden = gevonden.filter(**{f"{soort}_huisnummertoevoeging__iexact": toevoeging})
        for partij in gevonden.order_by("pk")[:limit]:
            treffers.setdefault(partij.pk, Treffer(partij, _("straat en huisnummer"), 90))
    return list(treffers.values())[:limit]


def _op_digitaal_adres(
    basis: QuerySet[Partij], soort: str, tekst: str, label: str, limit: int
) -> list[Treffer]:
    sleutel = zoeksleutel(soort, tekst)
    # Only addresses the caller may see (one left on a confidential contact is not).
    partij_ids = visible(
        DigitaalAdres.objects.filter(
            soort_digitaal_adres=soort,
            adres_zoeksleutel=sleutel,
            verstrekt_door_partij__isnull=False,
        )
    ).values("verstrekt_door_partij")
    gevonden = basis.filter(pk__in=partij_ids).order_by("pk")[:limit]
    return [Treffer(p, label, 80) for p in gevonden]


def _op_naam(basis: QuerySet[Partij], tekst: str, limit: int) -> list[Treffer]:
    """The names holding every word, then (when they leave room) those that merely
    resemble the text (a word that sounds the same, or one letter off), each group
    ranked, at most ``limit``."""
    precies = _naam_bevat(basis, tekst, limit)
    if len(precies) >= limit:
        return precies  # a resembling name would rank below every one of these
    gevonden = {t.partij.pk for t in precies}
    return precies + _naam_lijkt_op(basis, tekst, limit - len(precies), gevonden)


def _naam_bevat(basis: QuerySet[Partij], tekst: str, limit: int) -> list[Treffer]:
    """Every word must occur in the name. Ranked in the database, before the cut: a
    surname (with or without its prefix: "de vries") or organisation name equal to the
    text first, then one that starts with it, then the others; alphabetical within."""
    woorden = tekst.split()
    condition = Q()
    for woord in woorden:
        condition &= (
            Q(contactnaam_achternaam__icontains=woord)
            | Q(contactnaam_voornaam__icontains=woord)
            | Q(contactnaam_voorvoegsel_achternaam__icontains=woord)
            | Q(naam__icontains=woord)
        )
    achternaam = Concat("contactnaam_voorvoegsel_achternaam", Value(" "), "contactnaam_achternaam")
    volledig = Concat("contactnaam_voornaam", Value(" "), achternaam)
    score = Case(
        When(
            Q(contactnaam_achternaam__iexact=tekst)
            | Q(naam__iexact=tekst)
            | Q(achternaam_voluit__iexact=tekst)
            | Q(naam_voluit__iexact=tekst),
            then=Value(70),
        ),
        When(
            Q(contactnaam_achternaam__istartswith=tekst)
            | Q(naam__istartswith=tekst)
            | Q(achternaam_voluit__istartswith=tekst),
            then=Value(60),
        ),
        default=Value(50),
        output_field=IntegerField(),
    )
    kandidaten = (
        basis.filter(condition)
        .annotate(achternaam_voluit=Trim(achternaam), naam_voluit=Trim(volledig))
        .annotate(
            score=score,
            sorteernaam=Lower(
                Case(
                    When(contactnaam_achternaam="", then="naam"),
                    default="contactnaam_achternaam",
                )
            ),
        )
        .order_by("-score", "sorteernaam", "contactnaam_voornaam", "pk")
    )
    return [Treffer(p, _("naam"), p.score) for p in kandidaten[:limit]]


NAAMKOLOMMEN = (
    "contactnaam_voornaam",
    "contactnaam_voorvoegsel_achternaam",
    "contactnaam_achternaam",
    "naam",
)


def _naam_lijkt_op(
    basis: QuerySet[Partij], tekst: str, limit: int, behalve: set[uuid.UUID]
) -> list[Treffer]:
    """Names each of whose typed words sounds like one of the name's words or is one
    letter off, below the names that hold the text; ``behalve`` are found already. The
    database proposes candidates (their names only), Python decides."""
    zoekwoorden = gelijkenis.woorden(tekst)
    sleutels = [w for w in zoekwoorden if len(w) >= gelijkenis.MIN_KLANK and w not in VOORVOEGSELS]
    if not sleutels:
        return []
    kandidaten = _kandidaten(basis, sleutels, behalve)
    scores: dict[uuid.UUID, int] = {}
    maten: dict[str, gelijkenis.Mate] = {}  # many share a name
    for pk, *namen in kandidaten:
        naam = " ".join(namen)
        mate = maten.get(naam)
        if mate is None:
            mate = maten[naam] = gelijkenis.alle_woorden_passen(
                zoekwoorden, gelijkenis.woorden(naam)
            )
        if mate >= gelijkenis.Mate.KLANK:
            scores[pk] = KLINKT_ALS
        elif mate == gelijkenis.Mate.TYPFOUT:
            scores[pk] = BIJNA_GELIJK
    labels = {KLINKT_ALS: _("naam (klinkt als)"), BIJNA_GELIJK: _("naam (bijna gelijk)")}
    treffers = [
        Treffer(p, labels[scores[p.pk]], scores[p.pk])
        for p in Partij.objects.filter(pk__in=list(scores))
    ]
    treffers.sort(key=lambda t: (-t.score, _sorteernaam(t.partij), t.partij.pk))
    return treffers[:limit]


class _Lijkt(Func):
    """pg_trgm's operators on the expressions of the trigram indexes of migration
    ``domain.0007`` (``UPPER(column)``): ``%`` a similar word, ``<%`` a similar word within
    a longer text (an organisation's name)."""

    output_field = BooleanField()
    template = "(%(expressions)s)"

    def __init__(self, woord: str, kolom: str, operator: str) -> None:
        self.arg_joiner = f" {operator.replace('%', '%%')} "
        super().__init__(Upper(Value(woord)), Upper(F(kolom)))


def _kandidaten(
    basis: QuerySet[Partij], woorden: list[str], behalve: set[uuid.UUID]
) -> Iterable[tuple[Any, ...]]:
    """(pk, name columns) of the rows each of whose ``woorden`` may resemble a first name,
    surname or a word of the organisation's name, at most KANDIDATEN: on PostgreSQL by
    trigram similarity (any typo); on other databases (SQLite: tests, the demo) a name
    starting with the same two letters, so a typo in the first two letters is not
    forgiven there."""
    rijen = basis.exclude(pk__in=behalve)
    if connection.vendor == "postgresql":
        rijen = rijen.filter(pk__in=_gelijkende(woorden))
    else:
        for woord in woorden:
            begin = woord[:2]
            rijen = rijen.filter(
                Q(contactnaam_achternaam__istartswith=begin)
                | Q(contactnaam_voornaam__istartswith=begin)
                | Q(naam__istartswith=begin)
                | Q(naam__icontains=f" {begin}")
            )
    return rijen.order_by("pk").values_list("pk", *NAAMKOLOMMEN)[:KANDIDATEN]


def _gelijkende(woorden: list[str]) -> list[uuid.UUID]:
    """PostgreSQL: the partijen each of whose ``woorden`` is trigram-similar to their
    first name or surname, or to a word of their organisation name, served by the
    trigram indexes of migration 0007. Up to some ten thousand rows the planner prefers
    to compute the trigrams of every row (it takes the operators for cheap), several
    times slower; so, for this query only, no table scan."""
    voorwaarde = Q()
    for woord in woorden:
        voorwaarde &= (
            Q(_Lijkt(woord, "contactnaam_achternaam", "%"))
            | Q(_Lijkt(woord, "contactnaam_voornaam", "%"))
            | Q(_Lijkt(woord, "naam", "<%"))
        )
    gevonden = Partij.objects.filter(voorwaarde).values_list("pk", flat=True)[:KANDIDATEN]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SHOW enable_seqscan")
        [(was,)] = cursor.fetchall()
        cursor.execute("SET LOCAL enable_seqscan = off")
        try:
            return list(gevonden)
        finally:
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [was])


def _sorteernaam(partij: Partij) -> str:
    return (partij.contactnaam_achternaam or partij.naam).lower()


def partijen_met_nummers(nummers: Iterable[str], soort: str) -> dict[str, Partij]:
    """The partijen the caller may see with these numbers of ``soort``, by number, in one
    query (the first by pk where a number is used twice, as ``partij_met_nummer``)."""
    gezocht = [n for n in dict.fromkeys(nummers) if n]
    if not gezocht:
        return {}
    # The annotation follows the filter, so it reads the identificator the filter matched.
    rijen = (
        _partijen()
        .filter(
            partij_identificatoren__partij_identificator_object_id__in=gezocht,
            partij_identificatoren__partij_identificator_code_soort_object_id=soort,
        )
        .annotate(gevonden_nummer=F("partij_identificatoren__partij_identificator_object_id"))
        .order_by("pk")
    )
    gevonden: dict[str, Partij] = {}
    for partij in rijen:
        gevonden.setdefault(partij.gevonden_nummer, partij)
    return gevonden


def partij_met_nummer(
    nummer: str, soort: str | None = None, *, ook_verborgen: bool = False
) -> Partij | None:
    """The partij whose identificator is ``nummer`` (of ``soort``: bsn, kvk_nummer, …):
    only one the caller may see, unless ``ook_verborgen`` (to refuse recording a second
    partij with a number that is already used)."""
    partijen = Partij.objects.all() if ook_verborgen else _partijen()
    voorwaarde = {"partij_identificatoren__partij_identificator_object_id": nummer}
    if soort is not None:
        voorwaarde["partij_identificatoren__partij_identificator_code_soort_object_id"] = soort
    return partijen.filter(**voorwaarde).order_by("pk").first()


def partijen_met_telefoonnummer(nummer: str, limit: int = 5) -> list[Partij]:
    """The partijen the caller may see that gave ``nummer`` as a phone number (in any
    notation: +31 6…, 06-…), at most ``limit``: the screen-pop's candidates for a caller."""
    if not nummer.strip():
        return []
    treffers = _op_digitaal_adres(_partijen(), SoortDigitaalAdres.TELEFOONNUMMER, nummer, "", limit)
    return [t.partij for t in treffers]
