"""*Mijn gegevens downloaden* (AVG artikel 15): everything Klantbeeld holds about the
signed-in person or company, as JSON to read by machine and as a PDF to read, both made
from the same structure (privacy/inzageverzoek.py). Each download is logged."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from klantbeeld.portal.identiteit import Ingelogde
from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist
from klantbeeld.portal.verwerkingen import DOWNLOADEN, log_inzage
from klantbeeld.privacy import afschrift
from klantbeeld.privacy.inzageverzoek import Onderwerp, stel_samen

# What the log records as processed: everything the export holds.
SOORTEN_GEGEVENS = [
    "naam",
    "identificatienummer",
    "adres",
    "contactgegevens",
    "rekeningnummer",
    "categorieën",
    "klantcontacten",
    "zaakberichten",
    "verwerkingen",
]


@require_GET
@inlog_vereist(Functie.DOWNLOADEN)
def downloaden(request: HttpRequest) -> HttpResponse:
    """What the download holds, and the two links; no personal data is shown here."""
    return render(request, "portal/downloaden.html", {})


def _inzage(wie: Ingelogde, formaat: str) -> dict[str, Any]:
    inzage = stel_samen(
        Onderwerp(partij=wie.partij(), bsn=wie.klant.bsn, kvk_nummer=wie.klant.kvk_nummer)
    )
    log_inzage(
        wie,
        actie=DOWNLOADEN,
        handeling=f"Mijn gegevens downloaden ({formaat})",
        soorten_gegevens=SOORTEN_GEGEVENS,
    )
    return inzage


def _bestand(inhoud: bytes, content_type: str, naam: str) -> HttpResponse:
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@require_GET
@inlog_vereist(Functie.DOWNLOADEN)
def als_json(request: HttpRequest) -> HttpResponse:
    inzage = _inzage(cast(PortaalRequest, request).mijn, "JSON")
    return _bestand(
        afschrift.als_json(inzage),
        "application/json; charset=utf-8",
        afschrift.bestandsnaam(inzage, "json"),
    )


@require_GET
@inlog_vereist(Functie.DOWNLOADEN)
def als_pdf(request: HttpRequest) -> HttpResponse:
    inzage = _inzage(cast(PortaalRequest, request).mijn, "PDF")
    return _bestand(
        afschrift.als_pdf(inzage), "application/pdf", afschrift.bestandsnaam(inzage, "pdf")
    )
