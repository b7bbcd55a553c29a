"""Find the customer: one search box; every search that shows persons is logged.

What was typed (a BSN, a name) stays out of URLs, browser history and access logs: the
search is a POST, kept in the session under a random key, and the browser is sent on to
the results page with only that key (POST-redirect-GET). So the browser's Back from a
customer returns to the search and its results, and reloading it asks nothing."""

from __future__ import annotations

import secrets
import uuid
from urllib.parse import urlencode

from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from klantbeeld.domain import validators
from klantbeeld.domain.models import Categorie, Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services.klantrelaties import soorten
from klantbeeld.domain.services.zoeken import MAX_TEKST, Treffer, zoek_partijen
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.contacten import zoek_contact
from klantbeeld.workspace.medewerkers import log_verwerking
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

SCHERM = "zoeken"
CONTACTNUMMER = 10
# What the result list shows of each person, as logged.
SOORTEN_GEGEVENS = ("naam", "identificatienummer", "adres")
# The session keeps this many searches (one per tab or Back step), the newest.
SESSIESLEUTEL = "zoekopdrachten"
MAX_OPDRACHTEN = 10


@rol_vereist(KLANTEN_ZIEN)
def zoeken(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _opdracht_geven(request)
    opdracht = _opdracht(request)
    tekst, doel, relatie = opdracht or ("", request.GET.get("doel"), "")
    soort = _soort_relatie(relatie)
    context: dict[str, object] = {
        "q": tekst,
        "activiteiten": verwerkingen.activiteiten(),
        "verlopen": opdracht is None and "opdracht" in request.GET,
        "soorten_relatie": soorten(),
        "soort_relatie": soort,
    }
    try:
        activiteit = verwerkingen.kies_activiteit(SCHERM, doel)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        context["fout"] = str(error)
        return render(request, "workspace/zoeken.html", context, status=503)
    context["doel"] = activiteit
    if tekst:
        context.update(_resultaten(request, tekst, activiteit, soort))
    return render(request, "workspace/zoeken.html", context)


def _opdracht_geven(request: HttpRequest) -> HttpResponse:
    """Keep the search in the session and send the browser to its results (303: a GET)."""
    tekst = request.POST.get("q", "").strip()[:MAX_TEKST]
    try:
        activiteit = verwerkingen.kies_activiteit(SCHERM, request.POST.get("doel"))
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        context = {"q": tekst, "activiteiten": verwerkingen.activiteiten(), "fout": str(error)}
        return render(request, "workspace/zoeken.html", context, status=503)
    url = reverse("workspace:zoeken")
    if tekst:
        opdrachten = dict(request.session.get(SESSIESLEUTEL) or {})
        sleutel = secrets.token_urlsafe(9)
        soort = _soort_relatie(request.POST.get("relatie", ""))
        opdrachten[sleutel] = {
            "q": tekst,
            "doel": str(activiteit.pk),
            "relatie": str(soort.uuid) if soort else "",
        }
        request.session[SESSIESLEUTEL] = dict(list(opdrachten.items())[-MAX_OPDRACHTEN:])
        url += "?" + urlencode({"opdracht": sleutel})
    return HttpResponseRedirect(url, status=303)


def _opdracht(request: HttpRequest) -> tuple[str, str, str] | None:
    """The search this session gave under the URL's key; None for an unknown key (an old
    one, or another session's)."""
    opdracht = (request.session.get(SESSIESLEUTEL) or {}).get(request.GET.get("opdracht", ""))
    if not isinstance(opdracht, dict):
        return None
    return (
        str(opdracht.get("q", "")),
        str(opdracht.get("doel", "")),
        str(opdracht.get("relatie", "")),
    )


def _soort_relatie(waarde: str) -> Categorie | None:
    """The kind of customer relation chosen to narrow the search (none: every partij)."""
    try:
        return soorten().filter(uuid=uuid.UUID(waarde)).first() if waarde else None
    except ValueError:
        return None


def _resultaten(
    request: HttpRequest,
    tekst: str,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    soort: Categorie | None = None,
) -> dict[str, object]:
    """Search, log what is shown (each time it is shown), and the page's results."""
    context: dict[str, object] = {"gezocht": True}
    # A contact's number (ten digits, unlike a BSN, KVK or vestigingsnummer), as the KCC
    # passes it on when transferring a call (C0534).
    cijfers = tekst.replace(" ", "")
    if len(cijfers) == CONTACTNUMMER and cijfers.isdigit():
        context["contact"] = zoek_contact(cijfers)
    treffers = zoek_partijen(tekst, soort_relatie=soort)
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
    if not treffers and soort is None and _is_klantnummer(cijfers):
        context["nieuw_nummer"] = cijfers
    return context


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
