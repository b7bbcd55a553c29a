"""Colleagues (issue 15; C0534, C2984): the directory of employees and teams searched as
an agent types, with who can be reached now and how; a compact list for the call panel
(each colleague with a transfer button the panel's script shows); the options of a
task's "to whom" list narrowed by the same search; and *Mijn bereikbaarheid*, where an
employee keeps their own working hours and absences. The directory is the domain's
(services/collegas.py)."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from klantbeeld.domain import validators
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.collegas import Afwezigheid, Weekdag
from klantbeeld.domain.services import collegas
from klantbeeld.domain.services.collegas import NL, Collega, Stand
from klantbeeld.workspace.medewerkers import actor_van, gebruiker
from klantbeeld.workspace.roles import Rol
from klantbeeld.workspace.toegang import rol_vereist

# Every employee with a role in the workspace may look colleagues up.
IEDEREEN = frozenset(Rol)
# A task's "to whom" list, narrowed: at most this many options. The search beside it is
# named apart from the form's own fields (it is sent with the form too, and ignored).
MAX_KEUZES = 20
ZOEKVELD = "collega_zoek"


# -- what the directory shows ----------------------------------------------------------------


def bereikbaarheid_tekst(collega: Collega) -> str:
    """Whether the colleague (or team) can be reached now, and until or from when."""
    b = collega.bereikbaarheid
    team = collega.is_team
    if b.stand == Stand.BEREIKBAAR:
        tekst = gettext("Nu open") if team else gettext("Nu bereikbaar")
        return _met_tijd(tekst, gettext("tot %(tijd)s"), b.tot)
    if b.stand == Stand.AFWEZIG and b.afwezig_tot_en_met is not None:
        tot = date_format(b.afwezig_tot_en_met, "l j F")
        tekst = (
            gettext("Gesloten tot en met %(dag)s")
            if team
            else gettext("Afwezig tot en met %(dag)s")
        ) % {"dag": tot}
        return _met_tijd(tekst, gettext("weer bereikbaar %(tijd)s"), b.weer_vanaf)
    if b.stand == Stand.BUITEN_WERKTIJD:
        tekst = gettext("Nu gesloten") if team else gettext("Nu niet aan het werk")
        return _met_tijd(tekst, gettext("weer bereikbaar %(tijd)s"), b.weer_vanaf)
    return gettext("Openingstijden niet bekend") if team else gettext("Werktijden niet bekend")


def _met_tijd(tekst: str, vorm: str, moment: datetime.datetime | None) -> str:
    if moment is None:
        return tekst
    return f"{tekst}, {vorm % {'tijd': _wanneer(moment)}}"


def _wanneer(moment: datetime.datetime) -> str:
    """A moment as an agent says it: "17:00" today, "morgen 08:30", "maandag 7 juli 08:30"."""
    lokaal = moment.astimezone(NL)
    vandaag = datetime.datetime.now(NL).date()
    tijd = lokaal.strftime("%H:%M")
    if lokaal.date() == vandaag:
        return tijd
    if lokaal.date() == vandaag + datetime.timedelta(days=1):
        return gettext("morgen %(tijd)s") % {"tijd": tijd}
    return f"{date_format(lokaal.date(), 'l j F')} {tijd}"


# The Utrecht tokens' green has too little contrast with white text (2.8:1): a darker
# one of our own (werkplek.css) for "reachable".
BADGES = {
    Stand.BEREIKBAAR: "werkplek-badge--bereikbaar",
    Stand.BUITEN_WERKTIJD: "utrecht-status-badge--neutral",
    Stand.AFWEZIG: "utrecht-status-badge--warning",
    Stand.ONBEKEND: "utrecht-status-badge--neutral",
}


BADGETEKSTEN = {
    Stand.BEREIKBAAR: _("bereikbaar"),
    Stand.BUITEN_WERKTIJD: _("niet bereikbaar"),
    Stand.AFWEZIG: _("afwezig"),
    Stand.ONBEKEND: _("onbekend"),
}


def regel(collega: Collega) -> dict[str, Any]:
    """One colleague or team as the templates show them."""
    return {
        "uuid": str(collega.actor.pk),
        "naam": collega.naam,
        "team": collega.is_team,
        "functie": collega.functie,
        "teams": collega.teams,
        "vaardigheden": collega.vaardigheden,
        "leden": collega.leden,
        "telefoonnummer": collega.telefoonnummer,
        "tel": _tel(collega.telefoonnummer),
        "toestelnummer": collega.toestelnummer,
        "emailadres": collega.emailadres,
        "bereikbaar": collega.bereikbaarheid.nu_bereikbaar,
        "bereikbaarheid": bereikbaarheid_tekst(collega),
        "badge": BADGES[collega.bereikbaarheid.stand],
        "badge_tekst": BADGETEKSTEN[collega.bereikbaarheid.stand],
        "gevonden_op": [VELDLABELS[v] for v in collega.gevonden_op],
        "label": paneellabel(collega),
    }


VELDLABELS = {
    collegas.Veld.NAAM: _("naam"),
    collegas.Veld.TEAM: _("team"),
    collegas.Veld.FUNCTIE: _("functie"),
    collegas.Veld.VAARDIGHEID: _("vaardigheid"),
}


def _tel(nummer: str) -> str:
    """A tel: link's number: the digits (and a leading +) of what was written."""
    return validators.normalise_telefoonnummer(nummer) if nummer else ""


def paneellabel(collega: Collega) -> str:
    """How the call panel names a colleague it transfers to: "Lisa van Dijk (Vergunningen)"."""
    if collega.is_team or not collega.teams:
        return collega.naam
    return f"{collega.naam} ({', '.join(collega.teams)})"


def keuzelabel(collega: Collega) -> str:
    """A colleague or team as an option of a task's "to whom" list."""
    return f"{paneellabel(collega)}: {bereikbaarheid_tekst(collega)}"


def keuzes(actoren: list[Actor]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The options of a whole "to whom" list: teams, then employees, by name. (Whether
    they can be reached now is shown for what the directory search finds: for thousands
    of employees on every form it would cost more than it tells.)"""
    return [
        (groep, [(str(a.pk), a.naam) for a in actoren if a.soort_actor == soort])
        for groep, soort in (
            (gettext("Teams"), SoortActor.ORGANISATORISCHE_EENHEID),
            (gettext("Medewerkers"), SoortActor.MEDEWERKER),
        )
    ]


# -- the directory ---------------------------------------------------------------------------


@rol_vereist(IEDEREEN)
@require_GET
def zoekpagina(request: HttpRequest) -> HttpResponse:
    tekst = request.GET.get("q", "").strip()[: collegas.MAX_TEKST]
    return render(request, "workspace/collegas.html", {"q": tekst, **_resultaten(tekst)})


@rol_vereist(IEDEREEN)
@require_GET
def zoeken(request: HttpRequest) -> HttpResponse:
    """The results alone, as one types (htmx) on the directory's page, or with
    ``paneel=1`` compact, for the call panel."""
    tekst = request.GET.get("q", "").strip()[: collegas.MAX_TEKST]
    if request.GET.get("paneel") == "1":
        return render(request, "workspace/_collegas_paneel.html", _resultaten(tekst))
    response = render(request, "workspace/_collegas_resultaten.html", _resultaten(tekst))
    # The page's address follows what was typed, so Back and reload show the same.
    pagina = reverse("workspace:collegas")
    response["HX-Replace-Url"] = f"{pagina}?{urlencode({'q': tekst})}" if tekst else pagina
    return response


def _resultaten(tekst: str) -> dict[str, Any]:
    return {
        "gezocht": bool(tekst),
        "collegas": [regel(c) for c in collegas.zoek_collegas(tekst)],
    }


@rol_vereist(IEDEREEN)
@require_GET
def keuze(request: HttpRequest) -> HttpResponse:
    """The options of a task's "to whom" list (``veld``: the list's name; ``leeg``: its
    first option's text), narrowed to the teams and colleagues matching what was typed
    in the search beside it (``collega_zoek``), best first,
    each with whether they can be reached now, the best chosen; without ``q`` all of them
    (as the form has them), the choice kept."""
    tekst = request.GET.get(ZOEKVELD, "").strip()[: collegas.MAX_TEKST]
    gekozen = request.GET.get(request.GET.get("veld", ""), "")
    if tekst:
        gevonden = collegas.zoek_collegas(tekst, limit=MAX_KEUZES)
        opties = [(str(c.actor.pk), keuzelabel(c)) for c in gevonden]
        gekozen = opties[0][0] if opties else ""
        groepen = [("", opties)]
    else:
        groepen = keuzes(list(collegas.in_de_gids().order_by("-soort_actor", "naam", "uuid")))
        gevonden = []
    return render(
        request,
        "workspace/_collega_opties.html",
        {
            "leeg": request.GET.get("leeg", ""),
            "groepen": groepen,
            "gekozen": gekozen,
            "gezocht": bool(tekst),
            "aantal": len(gevonden),
            "status_id": request.GET.get("status", ""),
        },
    )


# -- my availability -------------------------------------------------------------------------


class WerktijdenForm(forms.Form):
    """Each weekday's hours; a day left empty is a day off."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for dag in Weekdag:
            # The day in the label too: the error summary names the field by it.
            for deel, label in (
                ("begin", gettext("%(dag)s van")),
                ("einde", gettext("%(dag)s tot")),
            ):
                self.fields[f"dag_{dag.value}_{deel}"] = forms.TimeField(
                    label=label % {"dag": capfirst(dag.label)},
                    required=False,
                    error_messages={"invalid": _("Vul een tijd in, bijvoorbeeld 08:30.")},
                )

    def dagen(self) -> list[dict[str, Any]]:
        return [
            {
                "naam": dag.label,
                "nummer": dag.value,
                "velden": [self[f"dag_{dag.value}_begin"], self[f"dag_{dag.value}_einde"]],
            }
            for dag in Weekdag
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for dag in Weekdag:
            begin, einde = data.get(f"dag_{dag.value}_begin"), data.get(f"dag_{dag.value}_einde")
            if (begin is None) != (einde is None) and f"dag_{dag.value}_begin" not in self.errors:
                self.add_error(
                    None,
                    gettext("%(dag)s: vul van en tot in, of laat beide leeg.")
                    % {"dag": capfirst(dag.label)},
                )
        return data

    def werktijden(self) -> dict[int, tuple[datetime.time, datetime.time] | None]:
        uitkomst: dict[int, tuple[datetime.time, datetime.time] | None] = {}
        for dag in Weekdag:
            begin = self.cleaned_data.get(f"dag_{dag.value}_begin")
            einde = self.cleaned_data.get(f"dag_{dag.value}_einde")
            uitkomst[dag.value] = (begin, einde) if begin and einde else None
        return uitkomst


class AfwezigForm(forms.Form):
    van = forms.DateField(
        label=_("Eerste dag"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Vul de eerste dag in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 24-11-2026."),
        },
    )
    tot_en_met = forms.DateField(
        label=_("Laatste dag"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Vul de laatste dag in."),
            "invalid": _("Vul een datum in, bijvoorbeeld 24-11-2026."),
        },
    )


@rol_vereist(IEDEREEN)
def mijn_bereikbaarheid(request: HttpRequest) -> HttpResponse:
    actor = actor_van(gebruiker(request))
    vermelding = collegas.vermelding_van(actor)
    uren = {w.weekdag: w for w in vermelding.werktijden.all()}
    begin = {f"dag_{d}_begin": w.begin.strftime("%H:%M") for d, w in uren.items()}
    einde = {f"dag_{d}_einde": w.einde.strftime("%H:%M") for d, w in uren.items()}
    werktijden_form = WerktijdenForm(prefix="uren", initial={**begin, **einde})
    afwezig_form = AfwezigForm(prefix="afwezig")
    status = 200
    if request.method == "POST":
        actie = request.POST.get("actie")
        if actie == "werktijden":
            werktijden_form = WerktijdenForm(request.POST, prefix="uren")
            if _bewaar(
                werktijden_form, lambda f: collegas.stel_werktijden_in(vermelding, f.werktijden())
            ):
                messages.success(request, gettext("Uw werktijden zijn bewaard."))
                return redirect("workspace:mijn_bereikbaarheid")
        elif actie == "afwezig":
            afwezig_form = AfwezigForm(request.POST, prefix="afwezig")
            if _bewaar(
                afwezig_form,
                lambda f: collegas.meld_afwezig(
                    vermelding, f.cleaned_data["van"], f.cleaned_data["tot_en_met"]
                ),
            ):
                messages.success(request, gettext("Uw afwezigheid is bewaard."))
                return redirect("workspace:mijn_bereikbaarheid")
        elif actie == "verwijderen":
            _verwijder(vermelding.pk, request.POST.get("afwezigheid", ""))
            messages.success(request, gettext("De afwezigheid is verwijderd."))
            return redirect("workspace:mijn_bereikbaarheid")
        status = 400
    [ik] = collegas.collegas([actor])
    return render(
        request,
        "workspace/mijn_bereikbaarheid.html",
        {
            "ik": regel(ik),
            "werktijden_form": werktijden_form,
            "afwezig_form": afwezig_form,
            "afwezigheden": collegas.afwezigheden(vermelding),
        },
        status=status,
    )


def _bewaar(form: forms.Form, stap: Any) -> bool:
    """Run the domain's step for a valid form; its refusals go on the form."""
    if not form.is_valid():
        return False
    try:
        stap(form)
    except ValidationError as error:
        velden = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
        for naam, fouten in velden.items():
            veld = f"{naam}_einde" if f"{naam}_einde" in form.fields else naam
            form.add_error(veld if veld in form.fields else None, fouten)
        return False
    return True


def _verwijder(vermelding: int, afwezigheid: str) -> None:
    """Only one's own absence: another's (or none) is not there."""
    try:
        sleutel = int(afwezigheid)
    except ValueError:
        raise Http404("Geen afwezigheid met dit kenmerk.") from None
    verwijderd, _ = Afwezigheid.objects.filter(pk=sleutel, vermelding_id=vermelding).delete()
    if not verwijderd:
        raise Http404("Geen afwezigheid met dit kenmerk.")
