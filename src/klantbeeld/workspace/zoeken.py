"""Find the customer: one search box; every search that shows persons is logged."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klantbeeld.domain.confidentiality import seeing_confidential
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services.zoeken import Treffer, zoek_partijen
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, mag_vertrouwelijk_zien, rol_vereist

SCHERM = "zoeken"
# What the result list shows of each person, as logged.
SOORTEN_GEGEVENS = ("naam", "identificatienummer", "adres")


@rol_vereist(KLANTEN_ZIEN)
def zoeken(request: HttpRequest) -> HttpResponse:
    tekst = request.GET.get("q", "").strip()
    context: dict[str, object] = {"q": tekst, "activiteiten": verwerkingen.activiteiten()}
    try:
        activiteit = verwerkingen.kies_activiteit(SCHERM, request.GET.get("doel"))
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        context["fout"] = str(error)
        return render(request, "workspace/zoeken.html", context, status=503)
    context["doel"] = activiteit
    if tekst:
        with seeing_confidential(mag_vertrouwelijk_zien(request)):
            treffers = zoek_partijen(tekst)
        verwerkingen.log_verwerking(
            actie="Zoeken",
            handeling="Klant zoeken",
            activiteit=activiteit,
            gebruiker=request.user.get_username(),
            partijen=[t.partij for t in treffers],
            soorten_gegevens=SOORTEN_GEGEVENS,
        )
        prefetch_related_objects([t.partij for t in treffers], "partij_identificatoren")
        context["treffers"] = [_regel(t) for t in treffers]
        context["gezocht"] = True
    return render(request, "workspace/zoeken.html", context)


def _regel(treffer: Treffer) -> dict[str, str]:
    partij = treffer.partij
    nummers = {
        i.partij_identificator_code_soort_object_id: i.partij_identificator_object_id
        for i in partij.partij_identificatoren.all()
    }
    nummer = next(
        (
            f"{label} {nummers[soort]}"
            for soort, label in (
                (CodeSoortObjectId.BSN, "BSN"),
                (CodeSoortObjectId.KVK_NUMMER, "KVK"),
                (CodeSoortObjectId.RSIN, "RSIN"),
            )
            if soort in nummers
        ),
        "",
    )
    adres = " ".join(
        str(part)
        for part in (
            partij.bezoekadres_straatnaam or partij.correspondentieadres_straatnaam,
            partij.bezoekadres_huisnummer or partij.correspondentieadres_huisnummer or "",
            partij.bezoekadres_postcode or partij.correspondentieadres_postcode,
            partij.bezoekadres_stad or partij.correspondentieadres_stad,
        )
        if part
    )
    return {
        "uuid": str(partij.uuid),
        "naam": str(partij),
        "soort": partij.get_soort_partij_display(),
        "nummer": nummer,
        "adres": adres,
        "gevonden_op": treffer.gevonden_op,
    }
