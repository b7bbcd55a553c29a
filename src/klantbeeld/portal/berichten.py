"""Berichten (C4994): the messages of the resident or company (outbound klantcontacten,
``eigen_contacten.berichten``), which are unread, and marking one read when it is opened.

Read state is the portal's own (``GelezenBericht``), per partij the message was for: the
klantcontact is not changed for it (R6), it outlasts the login, and for a company every
employee shares it (they act for the same partij)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from klantbeeld.domain.models import Klantcontact, Partij
from klantbeeld.domain.services import eigen_contacten
from klantbeeld.portal.identiteit import Ingelogde
from klantbeeld.portal.models import GelezenBericht
from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist
from klantbeeld.portal.verwerkingen import log_inzage


def gelezen(partijen: Sequence[Partij], contacten: Iterable[Klantcontact]) -> set[uuid.UUID]:
    """The keys of those of ``contacten`` read for one of ``partijen``."""
    return set(
        GelezenBericht.objects.filter(
            partij__in=partijen, klantcontact__in=[c.pk for c in contacten]
        ).values_list("klantcontact_id", flat=True)
    )


def ongelezen(partijen: Sequence[Partij]) -> int:
    if not partijen:
        return 0
    return (
        eigen_contacten.berichten(partijen)
        .exclude(
            pk__in=GelezenBericht.objects.filter(partij__in=partijen).values("klantcontact_id")
        )
        .count()
    )


def ongelezen_voor(wie: Ingelogde) -> int:
    """The unread count the menu shows."""
    return ongelezen(eigen_contacten.eigen_partijen(wie.klant))


def markeer_gelezen(klantcontact: Klantcontact, partijen: Sequence[Partij]) -> None:
    """``klantcontact`` read for each of ``partijen`` it was a message to (nothing when
    it is no message to them). Twice, or by two employees at once, is once."""
    GelezenBericht.objects.bulk_create(
        [
            GelezenBericht(partij=partij, klantcontact=klantcontact)
            for partij in eigen_contacten.ontvangers(klantcontact, partijen)
        ],
        ignore_conflicts=True,
    )


@require_GET
@inlog_vereist(Functie.INZIEN)
def lijst(request: HttpRequest) -> HttpResponse:
    wie = cast(PortaalRequest, request).mijn
    partijen = eigen_contacten.eigen_partijen(wie.klant)
    contacten = list(eigen_contacten.berichten(partijen))
    al_gelezen = gelezen(partijen, contacten)
    rijen = [
        {
            "w": eigen_contacten.weergave(contact, partijen),
            "ongelezen": contact.pk not in al_gelezen,
        }
        for contact in contacten
    ]
    log_inzage(wie, handeling="Berichten", soorten_gegevens=["klantcontacten"])
    return render(
        request,
        "portal/berichten.html",
        {"rijen": rijen, "aantal_ongelezen": sum(1 for r in rijen if r["ongelezen"])},
    )
