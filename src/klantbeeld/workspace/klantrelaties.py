"""A customer's relations with the organisation in the workspace (docs/klantrelaties.md):
giving one (a kind; for a derived kind the relation it runs through, found by searching
the partij whose relation it is or among the partijen already linked) and ending one
(which ends the relations derived from it). The rules are the domain's; every page that
shows persons and every change is logged."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import CategorieRelatie, Partij
from klantbeeld.domain.services import categorieen, klantrelaties
from klantbeeld.domain.services.zoeken import MAX_TEKST, zoek_partijen
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.medewerkers import log_verwerking, wie
from klantbeeld.workspace.toegang import KLANTRELATIES_BEHEREN, rol_vereist

SCHERM = "klantbeeld"
SOORTEN_GEGEVENS = ("naam", "klantrelaties")
DATUM = {"invalid": _("Vul een datum in, bijvoorbeeld 24-11-2026.")}


class RelatieForm(forms.Form):
    categorie = forms.ChoiceField(
        label=_("Soort relatie"),
        error_messages={"required": _("Kies de soort relatie.")},
    )
    begin_datum = forms.DateField(
        label=_("Sinds"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATUM,
        help_text=_("Leeg: vandaag."),
    )
    kenmerk = forms.CharField(
        label=_("Kenmerk"),
        max_length=80,
        required=False,
        help_text=_(
            "Het contract, de inschrijving of het lidmaatschap (bijvoorbeeld het "
            "contractnummer). Leeg bij een afgeleide relatie: dat van de relatie waar ze "
            "via loopt."
        ),
    )
    zoek_bron = forms.CharField(
        label=_("Zoek de klant via wie de relatie loopt"),
        max_length=MAX_TEKST,
        required=False,
        help_text=_(
            "Alleen voor een afgeleide relatie, zoals een medebewoner (via de huurder): "
            "naam, BSN, postcode en huisnummer."
        ),
    )
    via = forms.ChoiceField(
        label=_("Via de relatie van"),
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args: Any,
        bronnen: Sequence[CategorieRelatie] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.soorten = {str(c.uuid): c for c in klantrelaties.soorten()}
        self.fields["categorie"].choices = [  # type: ignore[attr-defined]
            ("", gettext("Kies een soort")),
            *(
                (
                    key,
                    c.naam
                    if c.afgeleid_van is None
                    else gettext("%(soort)s (via een %(bron)s)")
                    % {"soort": c.naam, "bron": c.afgeleid_van.naam.lower()},
                )
                for key, c in self.soorten.items()
            ),
        ]
        self.bronnen = {str(r.uuid): r for r in bronnen}
        self.fields["via"].choices = [  # type: ignore[attr-defined]
            (key, _bron_label(r)) for key, r in self.bronnen.items()
        ]
        if not self.bronnen:
            del self.fields["via"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        soort = self.soorten.get(data.get("categorie") or "")
        data["soort"] = soort
        data["bron"] = self.bronnen.get(data.get("via") or "")
        if soort is not None and soort.afgeleid_van is not None and data["bron"] is None:
            veld = "via" if "via" in self.fields else "zoek_bron"
            self.add_error(
                veld,
                gettext(
                    "Een %(soort)s heeft de relatie via een %(bron)s: zoek die klant en kies "
                    "de relatie."
                )
                % {"soort": soort.naam.lower(), "bron": soort.afgeleid_van.naam.lower()},
            )
        return data


class BeeindigenForm(forms.Form):
    eind_datum = forms.DateField(
        label=_("Beëindigen per"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Vul de datum in."), **DATUM},
        help_text=_("De eerste dag dat de relatie er niet meer is."),
    )


def _bron_label(relatie: CategorieRelatie) -> str:
    tekst = gettext("%(partij)s als %(soort)s, sinds %(datum)s") % {
        "partij": relatie.partij,
        "soort": relatie.categorie.naam.lower() if relatie.categorie else "",
        "datum": relatie.begin_datum.strftime("%d-%m-%Y") if relatie.begin_datum else "?",
    }
    return f"{tekst} ({relatie.kenmerk})" if relatie.kenmerk else tekst


def _klant(partij: uuid.UUID) -> Partij:
    gevonden = visible(Partij.objects.filter(uuid=partij)).first()
    if gevonden is None:
        raise Http404("Geen klant met dit kenmerk.")
    return gevonden


def gekoppelde_partijen(partij: Partij) -> QuerySet[Partij]:
    """The partijen already linked to ``partij``: representatives either way, its contact
    persons or employer, and those whose relation it shares (the same source)."""
    deelt = CategorieRelatie.objects.filter(partij=partij, via__isnull=False).values("via__partij")
    return visible(
        Partij.objects.filter(
            Q(vertegenwoordigingen__vertegenwoordigde_partij=partij)
            | Q(vertegenwoordigd_door__vertegenwoordigende_partij=partij)
            | Q(werkte_voor_partij=partij)
            | Q(pk=partij.werkte_voor_partij_id)
            | Q(pk__in=deelt)
        )
        .exclude(pk=partij.pk)
        .distinct()
    )


def _bronnen(klant: Partij, tekst: str) -> tuple[list[CategorieRelatie], list[Partij]]:
    """The relations a relation of the klant can derive from, of the linked partijen and of
    those ``tekst`` finds; with the partijen found (to log)."""
    afgeleide_soorten = [c for c in klantrelaties.soorten() if c.afgeleid_van_id is not None]
    gevonden = [t.partij for t in zoek_partijen(tekst)] if tekst else []
    partijen = visible(
        Partij.objects.filter(
            Q(pk__in=gekoppelde_partijen(klant).values("pk")) | Q(pk__in=[p.pk for p in gevonden])
        )
    ).exclude(pk=klant.pk)
    bronnen: dict[Any, CategorieRelatie] = {}
    for soort in afgeleide_soorten:
        for relatie in klantrelaties.mogelijke_bronnen(soort, partijen):
            bronnen.setdefault(relatie.pk, relatie)
    return list(bronnen.values()), gevonden


def _activiteit(request: HttpRequest) -> verwerkingen.Verwerkingsactiviteit:
    return verwerkingen.kies_activiteit(SCHERM, request.GET.get("doel"))


def _terug(klant: Partij, activiteit: verwerkingen.Verwerkingsactiviteit) -> str:
    return f"{reverse('workspace:klant', args=[klant.uuid])}?doel={activiteit.pk}"


@rol_vereist(KLANTRELATIES_BEHEREN)
def relatie_toevoegen(request: HttpRequest, partij: uuid.UUID) -> HttpResponse:
    klant = _klant(partij)
    try:
        activiteit = _activiteit(request)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/klantrelatie.html", {"fout": str(error)}, status=400)
    zoeken = request.method == "POST" and request.POST.get("actie") == "zoeken"
    tekst = request.POST.get("zoek_bron", "").strip()[:MAX_TEKST] if zoeken else ""
    if request.method == "POST" and not zoeken:
        # The choices offered when the form was shown: the linked partijen's and the found.
        tekst = request.POST.get("gezocht", "").strip()[:MAX_TEKST]
    bronnen, gevonden = _bronnen(klant, tekst)
    getoond = [r.partij for r in bronnen if r.partij is not None]
    if request.method != "POST" or zoeken:
        form = RelatieForm(initial=request.POST.dict() if zoeken else None, bronnen=bronnen)
        log_verwerking(
            request,
            actie="Zoeken" if zoeken else "Raadplegen",
            handeling="Klantrelatie toevoegen: relaties zoeken"
            if zoeken
            else "Klantrelatie toevoegen",
            activiteit=activiteit,
            partijen=[klant],
            soorten_gegevens=SOORTEN_GEGEVENS,
            ook_getoond=[(p, "klantrelatie") for p in dict.fromkeys([*getoond, *gevonden])],
        )
        return _formulier(request, klant, form, activiteit, tekst, zoeken=zoeken)
    form = RelatieForm(request.POST, bronnen=bronnen)
    if form.is_valid():
        try:
            relatie = categorieen.create_categorie_relatie(
                {
                    "partij": klant,
                    "categorie": form.cleaned_data["soort"],
                    "begin_datum": form.cleaned_data["begin_datum"],
                    "kenmerk": form.cleaned_data["kenmerk"],
                    "via": form.cleaned_data["bron"],
                },
                wie(request.user),  # type: ignore[arg-type]
            )
        except ValidationError as error:
            _fouten(form, error)
        else:
            bron = relatie.via.partij if relatie.via else None
            log_verwerking(
                request,
                actie="Registreren",
                handeling="Klantrelatie toevoegen",
                activiteit=activiteit,
                partijen=[klant],
                soorten_gegevens=SOORTEN_GEGEVENS,
                ook_getoond=[(bron, "klantrelatie")] if bron else [],
            )
            messages.success(
                request,
                gettext("Relatie als %(soort)s vastgelegd.")
                % {"soort": form.cleaned_data["soort"].naam.lower()},
            )
            return redirect(_terug(klant, activiteit))
    return _formulier(request, klant, form, activiteit, tekst, status=400)


def _fouten(form: forms.Form, error: ValidationError) -> None:
    """The domain's refusal at the form's fields (the whole form for the rest)."""
    per_veld = error.error_dict if hasattr(error, "error_dict") else {"__all__": error.error_list}
    for veld, fouten in per_veld.items():
        naam = {"categorie": "categorie", "begin_datum": "begin_datum"}.get(veld)
        for fout in fouten:
            form.add_error(naam, fout.messages)


def _formulier(
    request: HttpRequest,
    klant: Partij,
    form: RelatieForm,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    gezocht: str,
    *,
    zoeken: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "workspace/klantrelatie.html",
        {
            "klant": klant,
            "form": form,
            "doel": activiteit,
            "gezocht": gezocht,
            "zoeken": zoeken,
            "terug": _terug(klant, activiteit),
        },
        status=status,
    )


@rol_vereist(KLANTRELATIES_BEHEREN)
def relatie_beeindigen(request: HttpRequest, partij: uuid.UUID, relatie: uuid.UUID) -> HttpResponse:
    klant = _klant(partij)
    gevonden = (
        CategorieRelatie.objects.filter(uuid=relatie, partij=klant)
        .select_related("categorie")
        .first()
    )
    if gevonden is None:
        raise Http404("Geen relatie met dit kenmerk.")
    try:
        activiteit = _activiteit(request)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/klantrelatie.html", {"fout": str(error)}, status=400)
    form = BeeindigenForm(
        request.POST if request.method == "POST" else None,
        initial={"eind_datum": timezone.localdate()},
    )
    afgeleid = _afgeleid(gevonden)
    if not form.is_bound:
        log_verwerking(
            request,
            actie="Raadplegen",
            handeling="Klantrelatie beëindigen",
            activiteit=activiteit,
            partijen=[klant],
            soorten_gegevens=SOORTEN_GEGEVENS,
            ook_getoond=[(r.partij, "klantrelatie") for r in afgeleid if r.partij],
        )
    elif form.is_valid():
        try:
            categorieen.end_categorie_relatie(
                gevonden,
                form.cleaned_data["eind_datum"],
                wie(request.user),  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error("eind_datum", error.messages)
        else:
            log_verwerking(
                request,
                actie="Wijzigen",
                handeling="Klantrelatie beëindigen",
                activiteit=activiteit,
                partijen=[klant, *(r.partij for r in afgeleid if r.partij)],
                soorten_gegevens=SOORTEN_GEGEVENS,
            )
            messages.success(
                request,
                gettext("Relatie als %(soort)s beëindigd.")
                % {"soort": gevonden.categorie.naam.lower() if gevonden.categorie else ""},
            )
            return redirect(_terug(klant, activiteit))
    return render(
        request,
        "workspace/klantrelatie_beeindigen.html",
        {
            "klant": klant,
            "relatie": gevonden,
            "afgeleid": afgeleid,
            "form": form,
            "doel": activiteit,
            "terug": _terug(klant, activiteit),
        },
        status=400 if form.is_bound else 200,
    )


def _afgeleid(relatie: CategorieRelatie) -> list[CategorieRelatie]:
    """The current relations running through ``relatie`` (they end with it)."""
    return list(
        CategorieRelatie.objects.filter(klantrelaties.in_force(), via=relatie)
        .filter(partij__in=visible(Partij.objects.all()))
        .select_related("partij", "categorie")
        .order_by("partij__contactnaam_achternaam", "pk")
    )
