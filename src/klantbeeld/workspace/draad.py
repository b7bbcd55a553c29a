"""A written conversation as one thread: the klantcontacten linked to each other by
onderwerpobjecten ``wasKlantcontact`` (R9: an answer points to what it answers, a reply
to the answer), with their messages sent, their documents and the history of their
tasks, in time order. Only what the viewer may see is followed and shown."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import (
    Bijlage,
    Klantcontact,
    Onderwerpobject,
    Taakgebeurtenis,
    Verzending,
)
from klantbeeld.domain.services.zaken import is_document
from klantbeeld.workspace.antwoorden import met_betrokkenen

# A thread longer than this shows its newest contacts only.
MAX_CONTACTEN = 50


@dataclass
class Stap:
    """One thing in the thread: a message in or out, or a step on one of its tasks."""

    moment: datetime.datetime
    klantcontact: Klantcontact | None = None
    gebeurtenis: Taakgebeurtenis | None = None
    bijlagen: list[Bijlage] = field(default_factory=list)
    # What the page shows of the bijlagen (filled in by the page: from the register).
    documenten: list[Any] = field(default_factory=list)

    @property
    def inkomend(self) -> bool:
        """A message the customer (or their representative) started, not an answer."""
        return self.klantcontact is not None and any(
            b.initiator for b in self.klantcontact.betrokkenen.all()
        )


def contacten_in_draad(klantcontact: Klantcontact) -> list[Klantcontact]:
    """The contacts linked to ``klantcontact`` directly or through others, itself
    included, oldest first, with what the thread shows of them loaded."""
    gevonden = {klantcontact.pk}
    rand = {klantcontact.pk}
    while rand and len(gevonden) < MAX_CONTACTEN:
        links = visible(
            Onderwerpobject.objects.filter(
                Q(klantcontact__in=rand, was_klantcontact__isnull=False)
                | Q(was_klantcontact__in=rand, klantcontact__isnull=False)
            )
        ).values_list("klantcontact", "was_klantcontact")
        rand = {pk for paar in links for pk in paar} - gevonden
        gevonden |= rand
    nieuwste = (
        visible(Klantcontact.objects.filter(pk__in=gevonden))
        .prefetch_related(
            met_betrokkenen("betrokkenen"),
            "actoren",
            Prefetch("verzendingen", queryset=Verzending.objects.order_by("aangemaakt_op")),
            Prefetch("bijlagen", queryset=Bijlage.objects.order_by("pk")),
        )
        .order_by("-plaatsgevonden_op", "-pk")[:MAX_CONTACTEN]
    )
    return list(nieuwste)[::-1]


def draad(contacten: list[Klantcontact]) -> list[Stap]:
    """The contacts and the steps on their tasks, in time order."""
    stappen = [
        Stap(kc.plaatsgevonden_op, klantcontact=kc, bijlagen=documenten(kc)) for kc in contacten
    ]
    gebeurtenissen = Taakgebeurtenis.objects.filter(
        interne_taak__aanleidinggevend_klantcontact__in=contacten
    ).select_related("interne_taak", "vervolgtaak")
    stappen += [Stap(g.moment, gebeurtenis=g) for g in gebeurtenissen]
    return sorted(stappen, key=lambda s: s.moment)


def documenten(klantcontact: Klantcontact) -> list[Bijlage]:
    """The contact's bijlagen that are documents in a Documenten API."""
    return [b for b in klantcontact.bijlagen.all() if is_document(b)]
