"""Kennis: the organisation's knowledge, searched during a call (docs/kennisbank.md).

One search box with results as you type (htmx; without JavaScript the form is sent), a
filter by kind, the article with its sections, and "Neem over" buttons the call panel
takes up to copy an answer into the contact. Colleagues send feedback on an article; its
owner (the employee, or a member of the owning team) sees it here and marks it handled.

What a viewer may not see does not exist for them: drafts, and articles for teams they
are not in, are in no list and answer 404 by their URL. The search is a GET (the URL keeps
it across Back): a knowledge question holds no personal data."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from klantbeeld.domain.models import Actor, Artikel, Artikelfeedback, Kennisdocument
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.kennis import SOORTEN_IN_INDEX, Status
from klantbeeld.domain.services import kennis
from klantbeeld.domain.services.kennis_opslag import Zoekfilter
from klantbeeld.domain.services.kennis_zoeken import MAX_TEKST, zoek_kennis
from klantbeeld.workspace.medewerkers import IDENTIFICATOR, gebruiker, wie
from klantbeeld.workspace.roles import Rol
from klantbeeld.workspace.toegang import rol_vereist

# Every workspace role looks things up in the knowledge base.
KENNIS_ZIEN = frozenset(Rol)
RESULTATEN = 10
PANEEL_RESULTATEN = 5


def eigen_actoren(request: HttpRequest) -> list[Actor]:
    """The viewer's employee actor and the teams they are in (none made by looking)."""
    naam = request.user.get_username()
    medewerker = Actor.objects.filter(actoridentificator_object_id=naam, **IDENTIFICATOR).first()
    if medewerker is None:
        return []
    teams = Actor.objects.filter(
        soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, teamleden__medewerker=medewerker
    )
    return [medewerker, *teams]


def kijkfilter(request: HttpRequest, soort: str = "") -> Zoekfilter:
    teams = frozenset(
        str(a.pk)
        for a in eigen_actoren(request)
        if a.soort_actor == SoortActor.ORGANISATORISCHE_EENHEID
    )
    return Zoekfilter(soort=soort, teams=teams)


def _soort(request: HttpRequest) -> str:
    soort = request.GET.get("soort", "")
    return soort if soort in dict(SOORTEN_IN_INDEX) else ""


@rol_vereist(KENNIS_ZIEN)
def kennis_zoeken(request: HttpRequest) -> HttpResponse:
    """The search page; with htmx (or ``?paneel=1`` for the call panel) only the results."""
    vraag = request.GET.get("q", "").strip()[:MAX_TEKST]
    soort = _soort(request)
    paneel = request.GET.get("paneel") == "1"
    context: dict[str, object] = {
        "q": vraag,
        "soort": soort,
        "soorten": SOORTEN_IN_INDEX,
        "paneel": paneel,
    }
    if vraag:
        context["resultaat"] = zoek_kennis(
            vraag,
            kijkfilter(request, soort),
            aantal=PANEEL_RESULTATEN if paneel else RESULTATEN,
            typend=bool(request.headers.get("HX-Request")),
        )
    if paneel:
        return render(request, "workspace/_kennis_paneel.html", context)
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        return render(request, "workspace/_kennis_resultaten.html", context)
    actoren = eigen_actoren(request)
    context["feedback"] = list(kennis.open_feedback([a.pk for a in actoren])) if actoren else []
    return render(request, "workspace/kennis.html", context)


def zichtbaar_artikel(request: HttpRequest, uuid: object) -> Artikel:
    """A published article the viewer may see; 404 for any other."""
    artikel = get_object_or_404(
        Artikel.objects.select_related("eigenaar"), pk=uuid, status=Status.GEPUBLICEERD
    )
    doelgroep = {str(pk) for pk in artikel.doelgroep.values_list("pk", flat=True)}
    eigen = {str(a.pk) for a in eigen_actoren(request)}
    # The owner sees their own article, whoever it is for (their feedback links to it).
    if doelgroep and not doelgroep & eigen and str(artikel.eigenaar_id) not in eigen:
        raise Http404
    return artikel


@rol_vereist(KENNIS_ZIEN)
def artikel(request: HttpRequest, uuid: object) -> HttpResponse:
    gevonden = zichtbaar_artikel(request, uuid)
    return render(
        request,
        "workspace/kennisartikel.html",
        {
            "artikel": gevonden,
            "secties": list(gevonden.secties.all()),
            "q": request.GET.get("q", "")[:MAX_TEKST],
            "bedankt": request.GET.get("feedback") == "1",
        },
    )


@rol_vereist(KENNIS_ZIEN)
def document(request: HttpRequest, pk: int) -> HttpResponse:
    """A page of an external source as indexed (an article's document leads to the
    article)."""
    gevonden = get_object_or_404(Kennisdocument, pk=pk)
    if gevonden.artikel_id is not None:
        return redirect("workspace:kennisartikel", gevonden.artikel_id)
    return render(request, "workspace/kennisdocument.html", {"document": gevonden})


@rol_vereist(KENNIS_ZIEN)
def feedback(request: HttpRequest, uuid: object) -> HttpResponse:
    gevonden = zichtbaar_artikel(request, uuid)
    if request.method != "POST":
        return redirect("workspace:kennisartikel", gevonden.pk)
    user = gebruiker(request)
    try:
        kennis.geef_feedback(
            gevonden, request.POST.get("tekst", ""), wie(user), gebruikersnaam=user.get_username()
        )
    except ValidationError as fout:
        return render(
            request,
            "workspace/kennisartikel.html",
            {
                "artikel": gevonden,
                "secties": list(gevonden.secties.all()),
                "feedback_fout": " ".join(fout.messages),
                "feedback_tekst": request.POST.get("tekst", "")[: kennis.MAX_FEEDBACK],
            },
            status=400,
        )
    return redirect(f"{request.path.removesuffix('feedback/')}?feedback=1#feedback")


@rol_vereist(KENNIS_ZIEN)
def feedback_afhandelen(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner marks feedback handled; for anyone else it does not exist."""
    actoren = [a.pk for a in eigen_actoren(request)]
    gevonden = get_object_or_404(Artikelfeedback, pk=pk, artikel__eigenaar_id__in=actoren)
    if request.method == "POST":
        kennis.handel_feedback_af(gevonden, wie(gebruiker(request)))
        messages.success(request, gettext("De feedback is afgehandeld."))
    return redirect("workspace:kennis")
