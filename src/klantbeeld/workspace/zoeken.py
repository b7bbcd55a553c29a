"""Find the customer: one search box; every search that shows persons is logged.

The search is a POST: what was typed (a BSN, a name) stays out of URLs, browser history
and access logs."""

from __future__ import annotations

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from klantbeeld.domain import validators
from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services.zoeken import MAX_TEKST, Treffer, zoek_partijen
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.contacten import zoek_contact
from klantbeeld.workspace.medewerkers import log_verwerking
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

SCHERM = "zoeken"
CONTACTNUMMER = 10
# What the result list shows of each person, as logged.
SOORTEN_GEGEVENS = ("naam", "identificatienummer", "adres")


@rol_vereist(KLANTEN_ZIEN)
def zoeken(request: HttpRequest) -> HttpResponse:
    tekst = request.POST.get("q", "").strip()[:MAX_TEKST]
    context: dict[str, object] = {"q": tekst, "activiteiten": verwerkingen.activiteiten()}
    try:
        activiteit = verwerkingen.kies_activiteit(SCHERM, request.POST.get("doel"))
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        context["fout"] = str(error)
        return render(request, "workspace/zoeken.html", context, status=503)
    context["doel"] = activiteit
    if request.method == "POST" and tekst:
        # A contact's number (ten digits, unlike a BSN, KVK or vestigingsnummer), as the
        # KCC passes it on when transferring a call (C0534).
        cijfers = tekst.replace(" ", "")
        if len(cijfers) == CONTACTNUMMER and cijfers.isdigit():
            context["contact"] = zoek_contact(cijfers)
        treffers = zoek_partijen(tekst)
        log_verwerking(
            request,
            actie="Zoeken",
            handeling="Klant zoeken",
            activiteit=activiteit,
            partijen=[t.partij for t in treffers],
            soorten_gegevens=SOORTEN_GEGEVENS,
        )
        prefetch_related_objects([t.partij for t in treffers], "partij_identificatoren")
        context["treffers"] = [_regel(t) for t in treffers]
        if not treffers and _is_klantnummer(cijfers):
            context["nieuw_nummer"] = cijfers
        context["gezocht"] = True
    return render(request, "workspace/zoeken.html", context)


def _regel(treffer: Treffer) -> dict[str, object]:
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
    return {
        "uuid": str(partij.uuid),
        "naam": str(partij),
        "soort": partij.get_soort_partij_display(),
        "nummer": nummer,
        "adres": adres(partij),
        "gevonden_op": treffer.gevonden_op,
        "geheim": bool(partij.indicatie_geheimhouding),
    }


def adres(partij: Partij) -> str:
    """One whole address: the visiting address when there is one, else the correspondence
    address (never parts of both)."""
    for soort in ("bezoekadres", "correspondentieadres"):
        straat = getattr(partij, f"{soort}_straatnaam")
        postcode = getattr(partij, f"{soort}_postcode")
        if straat or postcode:
            nummer = f"{getattr(partij, f'{soort}_huisnummer') or ''}"
            nummer += getattr(partij, f"{soort}_huisnummertoevoeging")
            regel = " ".join(p for p in (straat, nummer) if p)
            plaats = " ".join(p for p in (postcode, getattr(partij, f"{soort}_stad")) if p)
            return ", ".join(p for p in (regel, plaats) if p)
    return ""


def _is_klantnummer(cijfers: str) -> bool:
    """A BSN or KVK-nummer a new customer can be recorded with (R3)."""
    if not cijfers.isdigit():
        return False
    return len(cijfers) == 8 or (len(cijfers) == 9 and validators.elfproef(cijfers))
