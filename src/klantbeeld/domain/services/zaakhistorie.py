"""A zaak's history in the register (C9127): the klantcontacten about the zaak (an
onderwerpobject naming it), the contacts that followed them up (``wasKlantcontact``,
transitively), the interne taken they gave rise to with their assignees, and the actors,
as one timeline ordered by time. Only what the caller may see: a confidential contact and
what hangs on it are left out for who lacks the right (R12).

A fixed number of queries per step of follow-up, whatever the number of contacts."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    Bijlage,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Partij,
)
from klantbeeld.domain.services.zaken import DOCUMENT, ZAAK

# How far follow-up is followed, and how many contacts one timeline holds at most.
MAX_STAPPEN = 20
MAX_CONTACTEN = 500


@dataclass(frozen=True)
class Regel:
    """One line of the timeline: a contact (about the zaak, or following up ``vervolg_op``)
    or a task."""

    moment: datetime.datetime
    klantcontact: Klantcontact | None = None
    taak: InterneTaak | None = None
    vervolg_op: Klantcontact | None = None


@dataclass
class Zaakhistorie:
    regels: list[Regel] = field(default_factory=list)
    klantcontacten: list[Klantcontact] = field(default_factory=list)
    taken: list[InterneTaak] = field(default_factory=list)
    # The contacts about the zaak itself (not only following one up), by key.
    direct: set[uuid.UUID] = field(default_factory=set)
    # More contacts than a timeline holds: the oldest were left out.
    ingekort: bool = False

    @property
    def partijen(self) -> list[Partij]:
        """The partijen who took part in the contacts: whose data the timeline shows."""
        gezien: dict[uuid.UUID, Partij] = {}
        for kc in self.klantcontacten:
            for betrokkene in kc.betrokkenen.all():
                if betrokkene.was_partij is not None:
                    gezien.setdefault(betrokkene.was_partij.pk, betrokkene.was_partij)
        return list(gezien.values())

    @property
    def betrokkenen(self) -> list[Betrokkene]:
        return [b for kc in self.klantcontacten for b in kc.betrokkenen.all()]

    @property
    def vertrouwelijk(self) -> bool:
        return any(kc.vertrouwelijk for kc in self.klantcontacten)


def contacten_over_zaak(zaak_uuid: str, zaak_url: str) -> Q:
    """The filter on klantcontacten whose onderwerpobject names the zaak (by uuid, as
    Klantbeeld writes it, or by URL, as some API clients do)."""
    namen = {zaak_uuid, zaak_uuid.lower(), zaak_uuid.upper(), zaak_url} - {""}
    return Q(
        pk__in=Onderwerpobject.objects.filter(
            onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"],
            onderwerpobjectidentificator_object_id__in=namen,
        ).values("klantcontact")
    )


def zaakhistorie(zaak_uuid: str, zaak_url: str) -> Zaakhistorie:
    direct = set(
        visible(Klantcontact.objects.filter(contacten_over_zaak(zaak_uuid, zaak_url))).values_list(
            "pk", flat=True
        )
    )
    alle = set(direct)
    vervolg_op: dict[uuid.UUID, uuid.UUID] = {}
    grens = set(direct)
    for _ in range(MAX_STAPPEN):
        if not grens or len(alle) >= MAX_CONTACTEN:
            break
        paren = visible(Onderwerpobject.objects.filter(was_klantcontact__in=grens)).values_list(
            "klantcontact_id", "was_klantcontact_id"
        )
        grens = set()
        for volgend, eerder in paren:
            if volgend is not None and volgend not in alle:
                vervolg_op.setdefault(volgend, eerder)
                grens.add(volgend)
        alle |= grens
    contacten = list(
        visible(Klantcontact.objects.filter(pk__in=alle))
        .order_by("-plaatsgevonden_op", "-pk")
        .prefetch_related(
            Prefetch("actoren", queryset=Actor.objects.order_by("naam")),
            Prefetch("betrokkenen", queryset=Betrokkene.objects.select_related("was_partij")),
            Prefetch(
                "bijlagen",
                queryset=Bijlage.objects.filter(
                    bijlageidentificator_code_objecttype=DOCUMENT["code_objecttype"]
                ).order_by("pk"),
            ),
        )[:MAX_CONTACTEN]
    )
    per_pk = {kc.pk: kc for kc in contacten}
    taken = list(
        visible(InterneTaak.objects.filter(aanleidinggevend_klantcontact__in=list(per_pk)))
        .select_related("aanleidinggevend_klantcontact")
        .prefetch_related(
            Prefetch("toegewezen_aan_actoren", queryset=Actor.objects.order_by("naam"))
        )
    )
    regels = [
        Regel(kc.plaatsgevonden_op, klantcontact=kc, vervolg_op=_vervolg_op(kc, vervolg_op, per_pk))
        for kc in contacten
    ] + [Regel(taak.toegewezen_op, taak=taak) for taak in taken]
    regels.sort(key=lambda r: (r.moment, r.taak is not None))
    return Zaakhistorie(
        regels=regels,
        klantcontacten=contacten,
        taken=taken,
        direct=direct & set(per_pk),
        ingekort=len(alle) > len(contacten),
    )


def _vervolg_op(
    kc: Klantcontact, vervolg_op: dict[uuid.UUID, uuid.UUID], per_pk: dict[uuid.UUID, Klantcontact]
) -> Klantcontact | None:
    eerder = vervolg_op.get(kc.pk)
    return per_pk.get(eerder) if eerder is not None else None
