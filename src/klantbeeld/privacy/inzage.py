"""What a person is told about the processings of their own data (AVG art. 15 lid 1, the
seed's "wie heeft mijn gegevens bekeken"): when, by which part of the organisation, in
which processing activity (its name and its place in the register, which states the
purpose), and what was done. Never who did it: the Logboek Dataverwerkingen keeps the
employee out of what the data subject sees (``gebruiker`` and ``uitvoerder`` are for
accountability only); the person sees the employee's team, recorded when the processing
was logged (``Verwerkingsactie.organisatie_eenheid``).

**Confidential processings** (``vertrouwelijkheid=vertrouwelijk``: confidential data was
shown, such as a confidential klantcontact or a person under geheimhouding) are told as
having happened, with date and processing activity, but without the action, the unit and
the kinds of data. The VNG Inzage API (function F2008) leaves such records out entirely,
as befits a processing the person may not learn of (art. 23 AVG, art. 41 UAVG: e.g. an
investigation). Klantbeeld's mark means something milder, that what was shown was
confidential, not that the processing is secret from this person; hiding that it took
place would withhold the purpose and the fact of processing that art. 15 lid 1 sub a
grants, while the details are exactly what the mark protects (they can say what the
confidential matter is, or that another person's secret was involved). The person's own
look-ups are never withheld: they did them.

Persons are found in the log by their BSN, and by their partij's uuid for processings from
before the partij had a BSN (``verwerkingen.personen``). Companies are not in the log: the
AVG protects natural persons only."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import SoortPartij
from klantbeeld.privacy.models import (
    Uitvoering,
    Vertrouwelijkheid,
    Verwerkingsactie,
    VerwerktObject,
)
from klantbeeld.privacy.verwerkingen import personen

# How a person is logged: (soortObjectId, objectId), as ``verwerkingen.personen`` writes it.
Kenmerk = tuple[str, str]
# Relations that say nothing beyond "your data": the person themselves.
_ZELF = {"", "betrokkene", "vertegenwoordigde"}


@dataclass(frozen=True)
class Verwerking:
    """One processing of the person's data as they are told it."""

    tijdstip: datetime.datetime
    activiteit: str
    activiteit_url: str
    vertrouwelijk: bool
    # Uitvoering: the organisation, the person themselves, or their gemachtigde.
    uitgevoerd_door: str
    # The team(s), else the organisation's name; empty for their own and confidential ones.
    eenheid: str
    actie: str
    handeling: str
    soorten_gegevens: tuple[str, ...]
    # How they were involved when that was not as the person concerned (e.g. their name
    # was shown as someone's vertegenwoordiger or contactpersoon).
    betrokkenheid: str

    @property
    def door_organisatie(self) -> bool:
        return self.uitgevoerd_door == Uitvoering.ORGANISATIE

    def als_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["soorten_gegevens"] = list(self.soorten_gegevens)
        return data


def kenmerken_van(partij: Partij | None, bsn: str = "") -> list[Kenmerk]:
    """Every key under which the log may hold this person: ``bsn`` (the login's), the
    partij's BSN, and the partij's uuid (how a person without BSN was logged). None for an
    organisation."""
    kenmerken: list[Kenmerk] = [("BSN", bsn)] if bsn else []
    if partij is not None and partij.soort_partij != SoortPartij.ORGANISATIE:
        kenmerken += [*personen([partij]), ("partij", str(partij.uuid))]
    return list(dict.fromkeys(kenmerken))


def _eigen(kenmerken: Iterable[Kenmerk]) -> Q:
    condition = Q(pk__in=[])
    for soort, object_id in kenmerken:
        condition |= Q(objecttype="persoon", soort_object_id=soort, object_id=object_id)
    return condition


def _begin(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time.min))


def verwerkingsacties(
    kenmerken: Iterable[Kenmerk],
    *,
    van: datetime.date | None = None,
    tot_en_met: datetime.date | None = None,
) -> QuerySet[Verwerkingsactie]:
    """The processings of this person's data, newest first, in the period (days in the
    organisation's time zone, both ends included); each with ``eigen_objecten``: only this
    person's own verwerkte objecten, never those of others the same action concerned.
    Three queries per page, however many rows."""
    eigen = _eigen(kenmerken)
    acties = Verwerkingsactie.objects.filter(
        pk__in=VerwerktObject.objects.filter(eigen).values("verwerkingsactie_id")
    )
    if van is not None:
        acties = acties.filter(tijdstip__gte=_begin(van))
    if tot_en_met is not None:
        acties = acties.filter(tijdstip__lt=_begin(tot_en_met + datetime.timedelta(days=1)))
    return (
        acties.select_related("activiteit")
        .order_by("-tijdstip", "-pk")
        .prefetch_related(
            Prefetch(
                "verwerkte_objecten",
                queryset=VerwerktObject.objects.filter(eigen).order_by("pk"),
                to_attr="eigen_objecten",
            )
        )
    )


def organisatie() -> str:
    return settings.KLANTBEELD_ORGANISATIE_NAAM or "Gemeente"


def als_verwerking(actie: Verwerkingsactie) -> Verwerking:
    """``actie`` as the person is told it (see the module's docstring). ``actie`` comes
    from ``verwerkingsacties`` (its ``eigen_objecten``)."""
    objecten: list[VerwerktObject] = getattr(actie, "eigen_objecten", [])
    door = actie.uitgevoerd_door
    eigen = door != Uitvoering.ORGANISATIE
    vertrouwelijk = actie.vertrouwelijkheid == Vertrouwelijkheid.VERTROUWELIJK and not eigen
    verwerking = Verwerking(
        tijdstip=actie.tijdstip,
        activiteit=actie.verwerking_naam or actie.activiteit.naam,
        activiteit_url=actie.verwerkingsactiviteit_url,
        vertrouwelijk=vertrouwelijk,
        uitgevoerd_door=door,
        eenheid="",
        actie="",
        handeling="",
        soorten_gegevens=(),
        betrokkenheid="",
    )
    if vertrouwelijk:
        return verwerking
    soorten = dict.fromkeys(s for o in objecten for s in o.verwerkte_soorten_gegevens)
    relaties = dict.fromkeys(o.betrokkenheid for o in objecten if o.betrokkenheid not in _ZELF)
    return replace(
        verwerking,
        eenheid="" if eigen else (actie.organisatie_eenheid or organisatie()),
        actie=actie.actie_naam,
        handeling=actie.handeling_naam,
        soorten_gegevens=tuple(str(s) for s in soorten),
        betrokkenheid=", ".join(relaties),
    )


def verwerkingen_van(
    kenmerken: Iterable[Kenmerk],
    *,
    van: datetime.date | None = None,
    tot_en_met: datetime.date | None = None,
) -> list[Verwerking]:
    """All processings of the person's data in the period, as they are told them."""
    return [
        als_verwerking(actie)
        for actie in verwerkingsacties(kenmerken, van=van, tot_en_met=tot_en_met)
    ]
