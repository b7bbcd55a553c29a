"""The integral customer view (case C4161): one screen with what the register and the
zaken registers know of a partij, only what the viewer may see; every view is logged."""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.klantbeeld import klantbeeld_van
from klantbeeld.domain.services.klantrelaties import relaties_van
from klantbeeld.integrations.zgw.zaken import zaken_van_partij
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.medewerkers import log_verwerking
from klantbeeld.workspace.roles import rollen_van
from klantbeeld.workspace.taken import te_openen
from klantbeeld.workspace.toegang import (
    KLANTEN_ZIEN,
    KLANTRELATIES_BEHEREN,
    max_zaak_vertrouwelijkheid,
    rol_vereist,
)

SCHERM = "klantbeeld"
SOORTEN_GEGEVENS = (
    "naam",
    "identificatienummer",
    "adres",
    "contactgegevens",
    "vertegenwoordiging",
    "klantcontacten",
    "interne taken",
    "zaken",
    "klantrelaties",
)


@rol_vereist(KLANTEN_ZIEN)
def klant(request: HttpRequest, partij: uuid.UUID) -> HttpResponse:
    try:
        activiteit = verwerkingen.kies_activiteit(SCHERM, request.GET.get("doel"))
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/klant.html", {"fout": str(error)}, status=400)
    # A partij the viewer may not see does not exist for them (also by URL).
    gevonden = visible(Partij.objects.filter(uuid=partij)).first()
    if gevonden is None:
        raise Http404("Geen klant met dit kenmerk.")
    beeld = klantbeeld_van(gevonden)
    relaties = relaties_van(gevonden)
    zaken = zaken_van_partij(
        gevonden,
        max_vertrouwelijkheid=max_zaak_vertrouwelijkheid(request),
        met_details=False,
    )
    # Status changes only of zaken the viewer may see, each with its zaak (for its link).
    zichtbaar = {z.url: z for z in zaken.zaken}
    meldingen = [(m, zichtbaar[m.zaak]) for m in beeld.zaakmeldingen if m.zaak in zichtbaar]
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Klantbeeld bekijken",
        activiteit=activiteit,
        partijen=beeld.personen,
        soorten_gegevens=SOORTEN_GEGEVENS,
        vertrouwelijk=any(k.vertrouwelijk for k in beeld.klantcontacten),
        ook_getoond=[
            *beeld.ook_getoond,
            *((p, "klantrelatie") for p in relaties.andere_partijen),
        ],
    )
    return render(
        request,
        "workspace/klant.html",
        {
            "beeld": beeld,
            "te_openen": te_openen(request, beeld.open_taken),
            "zaken": zaken,
            "meldingen": meldingen,
            "storingen": [*zaken.storingen, *(s for z in zaken.zaken for s in z.storingen)],
            "doel": activiteit,
            "relaties": relaties,
            "relaties_beheren": bool(KLANTRELATIES_BEHEREN.intersection(rollen_van(request.user))),
        },
    )
