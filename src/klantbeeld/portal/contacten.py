"""Mijn contacten (C6278): the resident's or company's own klantcontacten, one contact with
its answers, and its documents, downloaded through Klantbeeld from the Documenten API
(the resident needs no access to the register). What is shown is decided by the domain
(``eigen_contacten``, R12); another's contact by URL is ``niet_gevonden``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from klantbeeld.domain.models import Bijlage, Klantcontact, Partij
from klantbeeld.domain.services import eigen_contacten
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError
from klantbeeld.integrations.zgw.zaken import mag_zien
from klantbeeld.portal import berichten
from klantbeeld.portal.identiteit import Ingelogde
from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist, niet_gevonden
from klantbeeld.portal.verwerkingen import SYSTEEM, gebruiker, log_inzage
from klantbeeld.workspace.documenten import _eio

# The channels in the resident's words.
KANALEN: dict[str, Any] = {
    "telefoon": _("Telefoon"),
    "balie": _("Balie"),
    "e-mail": _("E-mail"),
    "post": _("Brief"),
    "chat": _("Chat"),
    "app": _("App"),
    "e-formulier": _("Formulier op de website"),
    "mijngemeente": _("Via deze website"),
    "omgevingsloket": _("Omgevingsloket"),
    "sms": _("SMS"),
}
SOORTEN = ["klantcontacten"]


def kanaal(naam: str) -> str:
    return str(KANALEN.get(naam, naam))


def partijen_van(request: HttpRequest) -> list[Partij]:
    return eigen_contacten.eigen_partijen(cast(PortaalRequest, request).mijn.klant)


@require_GET
@inlog_vereist(Functie.INZIEN)
def lijst(request: HttpRequest) -> HttpResponse:
    wie = cast(PortaalRequest, request).mijn
    partijen = partijen_van(request)
    contacten = list(eigen_contacten.eigen_contacten(partijen))
    gelezen = berichten.gelezen(partijen, contacten)
    rijen = [_rij(c, partijen, gelezen) for c in contacten]
    log_inzage(wie, handeling="Mijn contacten", soorten_gegevens=SOORTEN)
    return render(request, "portal/contacten.html", {"rijen": rijen})


@require_GET
@inlog_vereist(Functie.INZIEN)
def contact(request: HttpRequest, sleutel: uuid.UUID) -> HttpResponse:
    """One contact with what followed it (the answer to a question); opening a message
    marks it read for the partij it was for (C4994)."""
    wie = cast(PortaalRequest, request).mijn
    partijen = partijen_van(request)
    gevonden = eigen_contacten.eigen_contact(partijen, sleutel)
    if gevonden is None:
        return niet_gevonden(request)
    draad = eigen_contacten.draad(gevonden, partijen)
    eerder = eigen_contacten.vervolg_op(gevonden, partijen)
    berichten.markeer_gelezen(gevonden, partijen)
    log_inzage(
        wie,
        handeling="Contact bekijken",
        soorten_gegevens=SOORTEN,
        vertrouwelijk=any(c.vertrouwelijk for c in (gevonden, *draad)),
    )
    getoond = [_weergave(c, partijen) for c in (gevonden, *draad)]
    _beschrijf_documenten(getoond, wie)
    return render(
        request,
        "portal/contact.html",
        {
            "contact": getoond[0],
            "draad": getoond[1:],
            "eerder": _weergave(eerder, partijen) if eerder is not None else None,
            "verstuurd": "verstuurd" in request.GET,
        },
    )


@require_GET
@inlog_vereist(Functie.DOWNLOADEN)
def document(request: HttpRequest, sleutel: uuid.UUID, bijlage: uuid.UUID) -> HttpResponse:
    """A document of the resident's own contact, fetched from its register: only when it
    belongs to that contact, and up to the confidentiality residents may see."""
    wie = cast(PortaalRequest, request).mijn
    gevonden = eigen_contacten.document(partijen_van(request), sleutel, bijlage)
    if gevonden is None:
        return niet_gevonden(request)
    try:
        with ZgwClient(user=(SYSTEEM, gebruiker(wie))) as zgw:
            eio = _eio(zgw, gevonden)
            if not mag_zien(
                eio.get("vertrouwelijkheidaanduiding"),
                settings.KLANTBEELD_MIJN_DOCUMENT_VERTROUWELIJKHEID,
            ):
                return niet_gevonden(request)
            inhoud = zgw.download(str(eio.get("inhoud") or ""))
    except ZgwError:
        return render(
            request,
            "portal/storing.html",
            {"melding": gettext("Het document kan nu niet worden opgehaald.")},
            status=502,
        )
    log_inzage(
        wie,
        actie="Raadplegen",
        handeling="Document bij contact downloaden",
        soorten_gegevens=[*SOORTEN, "documenten"],
        vertrouwelijk=_contact_van(gevonden).vertrouwelijk,
    )
    naam = str(eio.get("bestandsnaam") or eio.get("titel") or "document")
    return HttpResponse(
        inhoud,
        content_type=str(eio.get("formaat") or "application/octet-stream"),
        headers={"Content-Disposition": content_disposition_header(True, naam)},
    )


@dataclass(frozen=True)
class Documentregel:
    """A document as the page lists it: its title and size from the register, or that
    the register did not say (the download may work later)."""

    bijlage: Bijlage
    titel: str = ""
    omvang: int | None = None
    onbekend: bool = False


def _beschrijf_documenten(weergaven: list[dict[str, Any]], wie: Ingelogde) -> None:
    """Each shown contact's documents as ``documenten``: only those residents may see."""
    bijlagen = [b for w in weergaven for b in w["w"].documenten]
    for weergave in weergaven:
        weergave["documenten"] = []
    if not bijlagen:
        return
    regels: dict[uuid.UUID, Documentregel] = {}
    with ZgwClient(user=(SYSTEEM, gebruiker(wie))) as zgw:
        for bijlage in bijlagen:
            try:
                eio = _eio(zgw, bijlage)
            except ZgwError:
                regels[bijlage.pk] = Documentregel(bijlage, onbekend=True)
                continue
            if mag_zien(
                eio.get("vertrouwelijkheidaanduiding"),
                settings.KLANTBEELD_MIJN_DOCUMENT_VERTROUWELIJKHEID,
            ):
                regels[bijlage.pk] = Documentregel(
                    bijlage,
                    titel=str(eio.get("titel") or eio.get("bestandsnaam") or ""),
                    omvang=eio.get("bestandsomvang"),
                )
    for weergave in weergaven:
        weergave["documenten"] = [regels[b.pk] for b in weergave["w"].documenten if b.pk in regels]


def _contact_van(bijlage: Bijlage) -> Klantcontact:
    contact = bijlage.was_bijlage_van_klantcontact
    assert contact is not None
    return contact


def _weergave(contact: Klantcontact, partijen: list[Partij]) -> dict[str, Any]:
    weergave = eigen_contacten.weergave(contact, partijen)
    return {"w": weergave, "kanaal": kanaal(weergave.kanaal)}


def _rij(contact: Klantcontact, partijen: list[Partij], gelezen: set[uuid.UUID]) -> dict[str, Any]:
    rij = _weergave(contact, partijen)
    rij["ongelezen"] = rij["w"].uitgaand and contact.pk not in gelezen
    return rij
