"""The knowledge search's index: every published article and every page of an external
source as one ``Kennisdocument``, analysed (kennis_taal.py), with the words that occur in
it counted in ``Zoekwoord`` (typo correction, how rare a stem is).

Articles are indexed when they are saved (kennis.py); external sources are replaced whole
by ``vervang_bron`` when ``klantbeeld kennis-bijwerken`` has fetched them. The database's
full-text index follows the table by itself (triggers on SQLite, a generated column on
PostgreSQL: migration 0011)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from klantbeeld.domain.models import Artikel, Kennisdocument, Zoekwoord
from klantbeeld.domain.models.kennis import Bron, Status
from klantbeeld.domain.services import kennis_taal

# Longer "words" are URLs, codes or glued text: not worth correcting a typo to.
MAX_WOORD = 60


@dataclass(frozen=True)
class ExternDocument:
    """A page of an external source as its fetcher hands it over."""

    sleutel: str  # unique within its source: the page's URL, the product's uuid
    soort: str
    titel: str
    tekst: str
    samenvatting: str = ""
    trefwoorden: str = ""
    url: str = ""


@dataclass
class Telling:
    toegevoegd: int = 0
    bijgewerkt: int = 0
    verwijderd: int = 0
    ongewijzigd: int = 0
    fouten: list[str] = field(default_factory=list)


def woorden_van(document: Kennisdocument) -> set[str]:
    tekst = " ".join((document.titel, document.trefwoorden, document.samenvatting, document.tekst))
    return {w for w in kennis_taal.woorden(tekst) if len(w) <= MAX_WOORD}


def bekende_stammen() -> set[str]:
    return set(Zoekwoord.objects.filter(aantal__gt=0).values_list("stam", flat=True).distinct())


def analyseer(document: Kennisdocument, stammen: set[str]) -> None:
    """Fill the analysed fields; ``stammen``: the stems known in the index, so compounds of
    known words are also found by their parts."""
    eigen = stammen | {kennis_taal.stam(w) for w in woorden_van(document)}
    document.titel_termen = " ".join(kennis_taal.termen(document.titel, eigen))
    document.trefwoord_termen = " ".join(kennis_taal.termen(document.trefwoorden, eigen))
    document.samenvatting_termen = " ".join(kennis_taal.termen(document.samenvatting, eigen))
    document.tekst_termen = " ".join(kennis_taal.termen(document.tekst, eigen))


def tel_woorden(verschil: Counter[str]) -> None:
    """Add the differences in document counts per word (negative: a document no longer
    holds it); words no document holds any more are removed."""
    nieuw = [w for w, d in verschil.items() if d > 0]
    for deel in _delen(nieuw, 500):
        Zoekwoord.objects.bulk_create(
            [
                Zoekwoord(
                    woord=w,
                    stam=kennis_taal.stam(w)[:MAX_WOORD],
                    lengte=len(w),
                    begin=w[:1],
                    eind=w[-2:],
                    aantal=0,
                )
                for w in deel
            ],
            ignore_conflicts=True,
        )
    per_verschil: dict[int, list[str]] = {}
    for woord, d in verschil.items():
        if d:
            per_verschil.setdefault(d, []).append(woord)
    for d, lijst in per_verschil.items():
        for deel in _delen(lijst, 500):
            Zoekwoord.objects.filter(woord__in=deel).update(aantal=F("aantal") + d)
    Zoekwoord.objects.filter(aantal__lte=0).delete()


def _delen(items: list[str], grootte: int) -> Iterable[list[str]]:
    for start in range(0, len(items), grootte):
        yield items[start : start + grootte]


def document_van_artikel(artikel: Artikel) -> Kennisdocument:
    secties = "\n\n".join(f"{s.kop}\n{s.tekst}" for s in artikel.secties.all())
    teams = sorted(str(pk) for pk in artikel.doelgroep.values_list("pk", flat=True))
    return Kennisdocument(
        bron=Bron.ARTIKEL,
        sleutel=f"artikel:{artikel.pk}",
        artikel=artikel,
        soort=artikel.soort,
        titel=artikel.titel,
        samenvatting=artikel.samenvatting,
        tekst=secties,
        trefwoorden=artikel.trefwoorden,
        doelgroep=" ".join(teams),
        bijgewerkt_op=timezone.now(),
    )


@transaction.atomic
def indexeer_artikel(artikel: Artikel) -> None:
    """The article in the index when it is published, out of it when it is not."""
    bestaand = Kennisdocument.objects.filter(sleutel=f"artikel:{artikel.pk}").first()
    oud = woorden_van(bestaand) if bestaand else set()
    if artikel.status != Status.GEPUBLICEERD:
        if bestaand is not None:
            bestaand.delete()
            tel_woorden(Counter(dict.fromkeys(oud, -1)))
        return
    nieuw_document = document_van_artikel(artikel)
    nieuw = woorden_van(nieuw_document)
    verschil: Counter[str] = Counter(dict.fromkeys(nieuw - oud, 1))
    verschil.subtract(dict.fromkeys(oud - nieuw, 1))
    tel_woorden(verschil)
    analyseer(nieuw_document, bekende_stammen())
    if bestaand is not None:
        nieuw_document.pk = bestaand.pk
    nieuw_document.save()


def verwijder_artikel(artikel: Artikel) -> None:
    bestaand = Kennisdocument.objects.filter(sleutel=f"artikel:{artikel.pk}").first()
    if bestaand is not None:
        tel_woorden(Counter(dict.fromkeys(woorden_van(bestaand), -1)))
        bestaand.delete()


@transaction.atomic
def vervang_bron(
    bron: str, documenten: Iterable[ExternDocument], *, behoud: Iterable[str] = ()
) -> Telling:
    """Make the index hold exactly ``documenten`` for ``bron``: new ones added, changed ones
    updated, those the source no longer has removed, except those in ``behoud`` (keys of
    pages that could not be read this time: the index keeps what it had of them)."""
    telling = Telling()
    bestaand = {d.sleutel: d for d in Kennisdocument.objects.filter(bron=bron)}
    stammen = bekende_stammen()
    verschil: Counter[str] = Counter()
    gezien: set[str] = set()
    for extern in documenten:
        if extern.sleutel in gezien:
            continue
        gezien.add(extern.sleutel)
        nieuw = Kennisdocument(
            bron=bron,
            sleutel=extern.sleutel[:500],
            soort=extern.soort,
            titel=extern.titel[:300],
            samenvatting=extern.samenvatting,
            tekst=extern.tekst,
            trefwoorden=extern.trefwoorden,
            url=extern.url[:1000],
        )
        oud = bestaand.get(nieuw.sleutel)
        if oud is not None and _zelfde(oud, nieuw):
            telling.ongewijzigd += 1
            continue
        oude_woorden = woorden_van(oud) if oud is not None else set()
        nieuwe_woorden = woorden_van(nieuw)
        verschil.update(dict.fromkeys(nieuwe_woorden - oude_woorden, 1))
        verschil.subtract(dict.fromkeys(oude_woorden - nieuwe_woorden, 1))
        analyseer(nieuw, stammen)
        if oud is not None:
            nieuw.pk = oud.pk
            telling.bijgewerkt += 1
        else:
            telling.toegevoegd += 1
        nieuw.save()
    gezien.update(behoud)
    weg = [d for sleutel, d in bestaand.items() if sleutel not in gezien]
    for document in weg:
        verschil.subtract(dict.fromkeys(woorden_van(document), 1))
    Kennisdocument.objects.filter(pk__in=[d.pk for d in weg]).delete()
    telling.verwijderd = len(weg)
    tel_woorden(verschil)
    return telling


def _zelfde(oud: Kennisdocument, nieuw: Kennisdocument) -> bool:
    velden = ("soort", "titel", "samenvatting", "tekst", "trefwoorden", "url")
    return all(getattr(oud, v) == getattr(nieuw, v) for v in velden)


@transaction.atomic
def herbouw() -> int:
    """Count every word again and analyse every document anew with the stems known now
    (a compound is split by parts that a later document brought in). Returns the number
    of documents."""
    Zoekwoord.objects.all().delete()
    verschil: Counter[str] = Counter()
    documenten = list(Kennisdocument.objects.all())
    for document in documenten:
        verschil.update(woorden_van(document))
    tel_woorden(verschil)
    stammen = bekende_stammen()
    for document in documenten:
        analyseer(document, stammen)
    Kennisdocument.objects.bulk_update(
        documenten,
        ["titel_termen", "trefwoord_termen", "samenvatting_termen", "tekst_termen"],
        batch_size=500,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE domain_kennisdocument, domain_zoekwoord")
    return len(documenten)
