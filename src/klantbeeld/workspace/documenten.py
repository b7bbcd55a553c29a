"""The documents of a contact (R5, R10: bijlagen naming an enkelvoudiginformatieobject in a
Documenten API): their title and size for the conversation page, and a download through
the workspace, so the employee needs no account at the register and each download is
logged. Only documents up to the viewer's confidentiality level are shown or served."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Bijlage
from klantbeeld.domain.services.zaken import is_document
from klantbeeld.integrations.models import Soort
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError
from klantbeeld.integrations.zgw.register import gebruiker as jwt_gebruiker
from klantbeeld.integrations.zgw.zaken import mag_zien
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.medewerkers import (
    gebruiker,
    log_verwerking,
    niet_geidentificeerd,
    wie,
)
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, max_zaak_vertrouwelijkheid, rol_vereist

SCHERM = "klantbeeld"
EIO = "enkelvoudiginformatieobjecten"


@dataclass(frozen=True)
class Documentregel:
    """A document as the conversation page lists it; ``fout`` when the register did not
    say what it is (the download may still work later)."""

    bijlage: Bijlage
    titel: str = ""
    bestandsnaam: str = ""
    omvang: int | None = None
    fout: str = ""


def beschrijf(bijlagen: list[Bijlage], request: HttpRequest) -> dict[uuid.UUID, Documentregel]:
    """Title and size of each document the viewer may see, by the bijlage's key."""
    maximum = max_zaak_vertrouwelijkheid(request)
    regels: dict[uuid.UUID, Documentregel] = {}
    if not bijlagen:
        return regels
    with ZgwClient(user=jwt_gebruiker(wie(gebruiker(request)))) as zgw:
        for bijlage in bijlagen:
            try:
                eio = _eio(zgw, bijlage)
            except ZgwError as fout:
                regels[bijlage.pk] = Documentregel(bijlage, fout=str(fout))
                continue
            if mag_zien(eio.get("vertrouwelijkheidaanduiding"), maximum):
                regels[bijlage.pk] = Documentregel(
                    bijlage,
                    titel=str(eio.get("titel") or ""),
                    bestandsnaam=str(eio.get("bestandsnaam") or ""),
                    omvang=eio.get("bestandsomvang"),
                )
    return regels


@rol_vereist(KLANTEN_ZIEN)
def download(request: HttpRequest, klantcontact: uuid.UUID, bijlage: uuid.UUID) -> HttpResponse:
    """The document itself, fetched from its register; logged as a look-up of the persons
    of its contact."""
    try:
        activiteit = verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/taken.html", {"fout": str(error)}, status=503)
    gevonden = (
        visible(
            Bijlage.objects.filter(uuid=bijlage, was_bijlage_van_klantcontact__uuid=klantcontact)
        )
        .select_related("was_bijlage_van_klantcontact")
        .first()
    )
    if gevonden is None or not is_document(gevonden):
        raise Http404("Geen document met dit kenmerk bij dit contact.")
    try:
        with ZgwClient(user=jwt_gebruiker(wie(gebruiker(request)))) as zgw:
            eio = _eio(zgw, gevonden)
            if not mag_zien(
                eio.get("vertrouwelijkheidaanduiding"), max_zaak_vertrouwelijkheid(request)
            ):
                raise Http404("Geen document met dit kenmerk bij dit contact.")
            inhoud = zgw.download(str(eio.get("inhoud") or ""))
    except ZgwError as fout:
        return render(
            request,
            "workspace/taken.html",
            {"fout": gettext("Het document kon niet worden opgehaald: %(fout)s") % {"fout": fout}},
            status=502,
        )
    contact = gevonden.was_bijlage_van_klantcontact
    assert contact is not None
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Document bij contact downloaden",
        activiteit=activiteit,
        partijen=[b.was_partij for b in contact.betrokkenen.all() if b.was_partij is not None],
        soorten_gegevens=("klantcontacten", "documenten"),
        vertrouwelijk=contact.vertrouwelijk,
        objecten=niet_geidentificeerd(contact.betrokkenen.all()),
    )
    naam = str(eio.get("bestandsnaam") or eio.get("titel") or "document")
    return HttpResponse(
        inhoud,
        content_type=str(eio.get("formaat") or "application/octet-stream"),
        headers={"Content-Disposition": content_disposition_header(True, naam)},
    )


def _eio(zgw: ZgwClient, bijlage: Bijlage) -> dict[str, Any]:
    """The informatieobject a bijlage names (by uuid), from the Documenten API that has it."""
    try:
        sleutel = str(uuid.UUID(bijlage.bijlageidentificator_object_id))
    except ValueError:
        raise ZgwError("Documenten API", gettext("het kenmerk is geen uuid")) from None
    laatste: ZgwError | None = None
    for service in zgw.of_kind(Soort.DOCUMENTEN):
        try:
            return zgw.get(f"{service.api_root}{EIO}/{sleutel}")
        except ZgwError as fout:
            if fout.status != 404:
                raise
            laatste = fout
    raise laatste or ZgwError("Documenten API", gettext("er is geen Documenten API ingesteld"))
