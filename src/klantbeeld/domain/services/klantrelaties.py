"""Customer relations in the broad sense (CORA *Klantrelatie*): the kinds of relation a
partij has with the organisation (a ``Categorie``) and the dated relations themselves (a
``CategorieRelatie``), one deriving from another partij's (a medebewoner through the
huurder's contract). The rules every writer obeys (API, workspace, admin, demo) and the
questions the adapters ask (current relations, search, routing).

A relation is in force from ``begin_datum`` up to, not including, ``eind_datum``: ended
"per" that date. So a relation ended today is no longer current today."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, Categorie, CategorieRelatie, Partij
from klantbeeld.domain.models.actoren import SoortActor


def vandaag() -> datetime.date:
    return timezone.localdate()


def in_force(op: datetime.date | None = None) -> Q:
    """The relations in force on ``op`` (today), as a condition on CategorieRelatie."""
    dag = op or vandaag()
    begonnen = Q(begin_datum__isnull=True) | Q(begin_datum__lte=dag)
    return begonnen & (Q(eind_datum__isnull=True) | Q(eind_datum__gt=dag))


def is_current(relatie: CategorieRelatie, op: datetime.date | None = None) -> bool:
    dag = op or vandaag()
    begonnen = relatie.begin_datum is None or relatie.begin_datum <= dag
    return begonnen and (relatie.eind_datum is None or relatie.eind_datum > dag)


def is_ended(relatie: CategorieRelatie, op: datetime.date | None = None) -> bool:
    return relatie.eind_datum is not None and relatie.eind_datum <= (op or vandaag())


# -- the rules ----------------------------------------------------------------------------------


def controleer_soort(categorie: Categorie) -> None:
    """A kind derives from another kind, never from itself, and not in a circle."""
    bron = categorie.afgeleid_van
    gezien = {categorie.pk} if categorie.pk else set()
    while bron is not None:
        if bron.pk in gezien or bron.pk == categorie.pk:
            raise ValidationError(
                {
                    "afgeleid_van": ValidationError(
                        _(
                            "Een soort relatie kan niet (via een andere) van zichzelf "
                            "afgeleid zijn."
                        ),
                        code="circular",
                    )
                }
            )
        gezien.add(bron.pk)
        bron = bron.afgeleid_van
    team = categorie.team if categorie.team_id is not None else None
    if team is not None and team.soort_actor != SoortActor.ORGANISATORISCHE_EENHEID:
        raise ValidationError(
            {
                "team": ValidationError(
                    _("Kies een team (organisatorische eenheid), geen medewerker."),
                    code="invalid",
                )
            }
        )


def controleer_relatie(
    relatie: CategorieRelatie, oud: CategorieRelatie | None, *, nieuw: bool
) -> None:
    """Every rule of one relation, checked before it is saved; ``oud`` is the stored row
    when it is changed. Raises one ValidationError naming the fields (API names follow
    from them: categorie, begin_datum, eind_datum; ``__all__`` for the whole)."""
    _controleer_datums(relatie)
    categorie = relatie.categorie
    soort_gewijzigd = nieuw or oud is None or oud.categorie_id != relatie.categorie_id
    if categorie is not None and not categorie.actief and soort_gewijzigd:
        raise ValidationError(
            {
                "categorie": ValidationError(
                    _(
                        "De soort relatie '%(soort)s' is niet meer in gebruik en kan niet "
                        "opnieuw worden gegeven."
                    )
                    % {"soort": categorie.naam},
                    code="inactive",
                )
            }
        )
    _controleer_afleiding(relatie, nieuw=nieuw)
    if oud is not None:
        _controleer_afgeleiden(relatie, oud)
    _controleer_overlap(relatie)


def _controleer_datums(relatie: CategorieRelatie) -> None:
    if relatie.begin_datum and relatie.eind_datum and relatie.eind_datum < relatie.begin_datum:
        raise ValidationError(
            {
                "eind_datum": ValidationError(
                    _("De einddatum kan niet voor de begindatum liggen."), code="invalid"
                )
            }
        )


def _controleer_afleiding(relatie: CategorieRelatie, *, nieuw: bool) -> None:
    """A relation of a derived kind rests on a relation of the kind it derives from, of
    another partij, and lies within that one's period; one of another kind rests on none."""
    categorie = relatie.categorie
    bronsoort = categorie.afgeleid_van if categorie else None
    via = relatie.via
    if bronsoort is None:
        if via is not None:
            raise ValidationError(
                {
                    "categorie": ValidationError(
                        _(
                            "Een relatie van deze soort is niet afgeleid van die van een "
                            "ander; ze kan niet via een andere relatie lopen."
                        ),
                        code="not_derived",
                    )
                }
            )
        return
    assert categorie is not None
    if via is None:
        raise ValidationError(
            {
                "categorie": ValidationError(
                    _(
                        "Een relatie als %(soort)s loopt via de relatie van een %(bron)s: "
                        "kies die relatie (in de werkplek, bij de klant)."
                    )
                    % {"soort": categorie.naam.lower(), "bron": bronsoort.naam.lower()},
                    code="via_required",
                )
            }
        )
    if via.categorie_id != bronsoort.pk:
        raise ValidationError(
            {
                "__all__": ValidationError(
                    _(
                        "Een relatie als %(soort)s loopt via die van een %(bron)s, niet "
                        "van een %(ander)s."
                    )
                    % {
                        "soort": categorie.naam.lower(),
                        "bron": bronsoort.naam.lower(),
                        "ander": via.categorie.naam.lower() if via.categorie else "?",
                    },
                    code="wrong_source",
                )
            }
        )
    if via.partij_id is None or via.partij_id == relatie.partij_id:
        raise ValidationError(
            {
                "__all__": ValidationError(
                    _("Een afgeleide relatie loopt via de relatie van een andere partij."),
                    code="same_partij",
                )
            }
        )
    if nieuw and is_ended(via):
        raise ValidationError(
            {
                "__all__": ValidationError(
                    _(
                        "De relatie van %(partij)s als %(bron)s is beëindigd; een nieuwe "
                        "relatie kan alleen via een lopende relatie."
                    )
                    % {"partij": via.partij, "bron": bronsoort.naam.lower()},
                    code="source_ended",
                )
            }
        )
    _controleer_binnen(relatie, via)


def _controleer_binnen(relatie: CategorieRelatie, via: CategorieRelatie) -> None:
    """The derived relation's period lies within its source's."""
    if via.begin_datum and relatie.begin_datum and relatie.begin_datum < via.begin_datum:
        raise ValidationError(
            {
                "begin_datum": ValidationError(
                    _(
                        "De relatie kan niet beginnen voor de relatie waarvan ze is afgeleid "
                        "(die begint op %(datum)s)."
                    )
                    % {"datum": _datum(via.begin_datum)},
                    code="before_source",
                )
            }
        )
    if via.eind_datum and (relatie.eind_datum is None or relatie.eind_datum > via.eind_datum):
        raise ValidationError(
            {
                "eind_datum": ValidationError(
                    _(
                        "De relatie kan niet langer lopen dan de relatie waarvan ze is "
                        "afgeleid (die eindigt per %(datum)s)."
                    )
                    % {"datum": _datum(via.eind_datum)},
                    code="after_source",
                )
            }
        )


def _controleer_afgeleiden(relatie: CategorieRelatie, oud: CategorieRelatie) -> None:
    """A relation others derive from keeps its kind, and does not begin after them (an
    earlier end is passed on to them: ``te_beeindigen``)."""
    afgeleiden = CategorieRelatie.objects.filter(via=relatie)
    if not afgeleiden.exists():
        return
    if oud.categorie_id != relatie.categorie_id:
        raise ValidationError(
            {
                "categorie": ValidationError(
                    _(
                        "Andere relaties zijn van deze relatie afgeleid; de soort kan niet "
                        "worden gewijzigd. Beëindig de relatie en geef een nieuwe."
                    ),
                    code="has_derived",
                )
            }
        )
    if relatie.begin_datum and afgeleiden.filter(begin_datum__lt=relatie.begin_datum).exists():
        raise ValidationError(
            {
                "begin_datum": ValidationError(
                    _("Een relatie die hiervan is afgeleid begint eerder."), code="after_derived"
                )
            }
        )
    if relatie.eind_datum:
        te_laat = afgeleiden.filter(begin_datum__gt=relatie.eind_datum).select_related("partij")
        if (eerste := te_laat.first()) is not None:
            raise ValidationError(
                {
                    "eind_datum": ValidationError(
                        _(
                            "De relatie van %(partij)s, die hiervan is afgeleid, begint pas "
                            "op %(datum)s; beëindig of verwijder die eerst."
                        )
                        % {"partij": eerste.partij, "datum": _datum(eerste.begin_datum)},
                        code="derived_later",
                    )
                }
            )


def _controleer_overlap(relatie: CategorieRelatie) -> None:
    """One partij has at most one relation of a kind at a time."""
    if relatie.partij_id is None or relatie.categorie_id is None:
        return
    andere = CategorieRelatie.objects.filter(
        partij_id=relatie.partij_id, categorie_id=relatie.categorie_id
    ).exclude(pk=relatie.pk)
    # Periods [b, e) overlap when each begins before the other ends.
    if relatie.eind_datum is not None:
        andere = andere.filter(Q(begin_datum__isnull=True) | Q(begin_datum__lt=relatie.eind_datum))
    if relatie.begin_datum is not None:
        andere = andere.filter(Q(eind_datum__isnull=True) | Q(eind_datum__gt=relatie.begin_datum))
    if (overlap := andere.order_by("begin_datum").first()) is not None:
        assert relatie.categorie is not None
        raise ValidationError(
            {
                "begin_datum": ValidationError(
                    _(
                        "Deze partij heeft al een relatie als %(soort)s in deze periode "
                        "(sinds %(datum)s)."
                    )
                    % {
                        "soort": relatie.categorie.naam.lower(),
                        "datum": _datum(overlap.begin_datum),
                    },
                    code="overlap",
                )
            }
        )


def _datum(dag: datetime.date | None) -> str:
    return dag.strftime("%d-%m-%Y") if dag else "?"


def te_beeindigen(relatie: CategorieRelatie) -> list[CategorieRelatie]:
    """The relations deriving from ``relatie`` (directly or further down) that run past its
    end date: each is ended on that date with it. Empty when it has no end."""
    if relatie.eind_datum is None:
        return []
    gevonden: list[CategorieRelatie] = []
    rand = [relatie.pk]
    while rand:
        rijen = list(
            CategorieRelatie.objects.filter(via__in=rand)
            .filter(Q(eind_datum__isnull=True) | Q(eind_datum__gt=relatie.eind_datum))
            .select_for_update()
            .order_by("pk")
        )
        gevonden.extend(rijen)
        rand = [r.pk for r in rijen]
    return gevonden


# -- questions the adapters ask ------------------------------------------------------------------


@dataclass(frozen=True)
class Relaties:
    huidige: list[CategorieRelatie]
    beeindigde: list[CategorieRelatie]
    toekomstige: list[CategorieRelatie]
    # The current relations of others that run through this partij's (its medebewoners).
    afgeleid: list[CategorieRelatie]

    @property
    def andere_partijen(self) -> list[Partij]:
        """The other partijen whose names the relations show."""
        via = [
            r.via.partij
            for r in (*self.huidige, *self.beeindigde, *self.toekomstige)
            if r.via and r.via.partij
        ]
        return list(dict.fromkeys([*via, *(r.partij for r in self.afgeleid if r.partij)]))


def relaties_van(partij: Partij) -> Relaties:
    """A partij's relations, with their kind and the partij of the relation each derives
    from, and the current relations running through its own (two queries). Only partijen
    the caller may see are named."""
    zichtbaar = visible(Partij.objects.all())
    rijen = list(
        CategorieRelatie.objects.filter(partij=partij)
        .select_related("categorie", "via__partij", "via__categorie")
        .order_by("categorie__volgorde", "categorie__naam", "-begin_datum", "pk")
    )
    verborgen = (
        set(
            CategorieRelatie.objects.filter(pk__in=[r.via_id for r in rijen if r.via_id])
            .exclude(partij__in=zichtbaar)
            .values_list("pk", flat=True)
        )
        if any(r.via_id for r in rijen)
        else set()
    )
    for rij in rijen:
        if rij.via_id in verborgen:
            rij.via = None  # (in memory only) a partij the caller may not see is not named
    dag = vandaag()
    return Relaties(
        huidige=[r for r in rijen if is_current(r, dag)],
        beeindigde=[r for r in rijen if is_ended(r, dag)],
        toekomstige=[r for r in rijen if r.begin_datum and r.begin_datum > dag],
        afgeleid=list(
            CategorieRelatie.objects.filter(in_force(dag), via__partij=partij)
            .filter(partij__in=zichtbaar)
            .select_related("partij", "categorie", "via")
            .order_by("via", "partij__contactnaam_achternaam", "pk")
        ),
    )


def met_huidige_relatie(partijen: QuerySet[Partij], categorie: Categorie) -> QuerySet[Partij]:
    """Those of ``partijen`` with a relation of ``categorie`` in force today (served by the
    index on CategorieRelatie.partij)."""
    return partijen.filter(
        Exists(
            CategorieRelatie.objects.filter(in_force(), partij=OuterRef("pk"), categorie=categorie)
        )
    )


def soorten(*, ook_inactief: bool = False) -> QuerySet[Categorie]:
    """The kinds, in the organisation's order."""
    rijen = Categorie.objects.select_related("afgeleid_van").order_by("volgorde", "naam")
    return rijen if ook_inactief else rijen.filter(actief=True)


def mogelijke_bronnen(categorie: Categorie, partijen: QuerySet[Partij]) -> list[CategorieRelatie]:
    """The current relations of ``partijen`` a relation of ``categorie`` can derive from."""
    if categorie.afgeleid_van_id is None:
        return []
    return list(
        CategorieRelatie.objects.filter(
            in_force(), categorie_id=categorie.afgeleid_van_id, partij__in=partijen
        )
        .select_related("partij", "categorie")
        .order_by("partij__contactnaam_achternaam", "partij__naam", "pk")[:50]
    )


def team_voor(partij: Partij) -> Actor | None:
    """The team that handles follow-up for ``partij``: that of the first (in the kinds'
    order) of its current relations whose kind names an active team."""
    relatie = (
        CategorieRelatie.objects.filter(
            in_force(),
            partij=partij,
            categorie__team__isnull=False,
            categorie__team__indicatie_actief=True,
        )
        .select_related("categorie__team")
        .order_by("categorie__volgorde", "categorie__naam", "pk")
        .first()
    )
    return relatie.categorie.team if relatie and relatie.categorie else None
