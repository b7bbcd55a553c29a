"""Finding a partij from one search box, as an agent types what the caller says: a BSN,
KVK-nummer, RSIN or vestigingsnummer, a postcode with house number, an e-mail address, a
phone number in any notation, or a name. What the text looks like decides how it is
searched; the results are ranked (an exact identifier first, a name that merely contains
the text last). Confidential partijen are left out for callers who may not see them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Concat, Lower, Trim
from django.utils.translation import gettext as _

from klantbeeld.domain import validators
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import DigitaalAdres, Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId, SoortDigitaalAdres
from klantbeeld.domain.services.digitale_adressen import zoeksleutel

MAX_TREFFERS = 25
MAX_TEKST = 200
_POSTCODE = re.compile(r"^([1-9]\d{3})\s?([A-Za-z]{2})(?:\s*(\d{1,5})\s*[-\s]?\s*(\w{0,4}))?$")
_PHONE = re.compile(r"^[+(]?[\d\s\-().]{8,}$")


@dataclass(frozen=True)
class Treffer:
    partij: Partij
    gevonden_op: str  # what matched, for the agent, in their language: "BSN", "naam", …
    score: int


def zoek_partijen(tekst: str, limit: int = MAX_TREFFERS) -> list[Treffer]:
    """The partijen ``tekst`` points to, best first; none for an empty text."""
    tekst = " ".join(tekst.split())[:MAX_TEKST]
    if len(tekst) < 2:
        return []
    digits = re.sub(r"[\s.]", "", tekst)
    if digits.isdigit() and len(digits) in (8, 9, 12):
        return _op_nummer(digits, limit)
    if match := _POSTCODE.match(tekst):
        return _op_adres(match, limit)
    if "@" in tekst:
        return _op_digitaal_adres(SoortDigitaalAdres.EMAIL, tekst, _("e-mailadres"), limit)
    if _PHONE.match(tekst):
        return _op_digitaal_adres(
            SoortDigitaalAdres.TELEFOONNUMMER, tekst, _("telefoonnummer"), limit
        )
    return _op_naam(tekst, limit)


def _partijen() -> QuerySet[Partij]:
    return visible(Partij.objects.all())


def _op_nummer(digits: str, limit: int) -> list[Treffer]:
    soorten = {
        8: [CodeSoortObjectId.KVK_NUMMER],
        9: [CodeSoortObjectId.BSN, CodeSoortObjectId.RSIN] if validators.elfproef(digits) else [],
        12: [CodeSoortObjectId.VESTIGINGSNUMMER],
    }[len(digits)]
    gevonden = _partijen().filter(
        partij_identificatoren__partij_identificator_object_id=digits,
        partij_identificatoren__partij_identificator_code_soort_object_id__in=soorten,
    )
    label = {8: _("KVK-nummer"), 9: _("BSN of RSIN"), 12: _("vestigingsnummer")}[len(digits)]
    return [Treffer(p, label, 100) for p in gevonden.distinct().order_by("pk")[:limit]]


def _op_adres(match: re.Match[str], limit: int) -> list[Treffer]:
    cijfers, letters, huisnummer, toevoeging = match.groups()
    postcode = f"{cijfers} {letters.upper()}"
    treffers: dict[object, Treffer] = {}
    for soort in ("bezoekadres", "correspondentieadres"):
        condition = Q(**{f"{soort}_postcode": postcode})
        if huisnummer:
            condition &= Q(**{f"{soort}_huisnummer": int(huisnummer)})
        if toevoeging:
            condition &= Q(**{f"{soort}_huisnummertoevoeging__iexact": toevoeging})
        for partij in _partijen().filter(condition).order_by("pk")[:limit]:
            treffers.setdefault(partij.pk, Treffer(partij, _("postcode en huisnummer"), 90))
    return list(treffers.values())[:limit]


def _op_digitaal_adres(soort: str, tekst: str, label: str, limit: int) -> list[Treffer]:
    sleutel = zoeksleutel(soort, tekst)
    # Only addresses the caller may see (one left on a confidential contact is not).
    partij_ids = visible(
        DigitaalAdres.objects.filter(
            soort_digitaal_adres=soort,
            adres_zoeksleutel=sleutel,
            verstrekt_door_partij__isnull=False,
        )
    ).values("verstrekt_door_partij")
    gevonden = _partijen().filter(pk__in=partij_ids).order_by("pk")[:limit]
    return [Treffer(p, label, 80) for p in gevonden]


def _op_naam(tekst: str, limit: int) -> list[Treffer]:
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
        _partijen()
        .filter(condition)
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
