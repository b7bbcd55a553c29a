"""Escalating a task or a contact to the second line in TOPdesk (docs/topdesk.md): a short
description (prefilled from the onderwerp), the request, a category and an operator group;
recorded at once, the incident made by the worker."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.services import opvolging
from klantbeeld.integrations.topdesk.client import KORTE_OMSCHRIJVING
from klantbeeld.integrations.topdesk.escaleren import (
    categorieen,
    escaleer,
    open_escalatie,
    operatorgroepen,
)
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.escalaties import mag_escaleren
from klantbeeld.workspace.medewerkers import actor_van, gebruiker, log_verwerking
from klantbeeld.workspace.taken import _geen_toegang, domeinstap, log_taak, taakpagina
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

SCHERM = "klantbeeld"


class EscalatieForm(forms.Form):
    korte_omschrijving = forms.CharField(
        label=_("Korte omschrijving"),
        max_length=KORTE_OMSCHRIJVING,
        help_text=_("Hoogstens 80 tekens; zo staat de melding in de lijsten van TOPdesk."),
        error_messages={"required": _("Geef een korte omschrijving.")},
    )
    verzoek = forms.CharField(
        label=_("Verzoek"),
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": _("Beschrijf wat de tweede lijn moet doen.")},
    )
    categorie = forms.ChoiceField(label=_("Categorie"), required=False)
    operatorgroep = forms.ChoiceField(label=_("Operatorgroep"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        geen = [("", gettext("Geen keuze"))]
        self.fields["categorie"].choices = geen + [  # type: ignore[attr-defined]
            (c.waarde, c.label) for c in categorieen()
        ]
        self.fields["operatorgroep"].choices = geen + [  # type: ignore[attr-defined]
            (g.waarde, g.label) for g in operatorgroepen()
        ]


def _begin(contact: Klantcontact, taak: InterneTaak | None) -> dict[str, str]:
    """The form prefilled: the contact's onderwerp, the question and the task's request."""
    delen = [contact.inhoud]
    if taak is not None and taak.toelichting:
        delen.append(taak.toelichting)
    return {
        "korte_omschrijving": contact.onderwerp[:KORTE_OMSCHRIJVING],
        "verzoek": "\n\n".join(d for d in delen if d),
    }


def _verwerk(
    request: HttpRequest, contact: Klantcontact, taak: InterneTaak | None
) -> tuple[EscalatieForm, bool]:
    """The form, and whether the escalation was recorded."""
    if request.method != "POST":
        return EscalatieForm(initial=_begin(contact, taak)), False
    form = EscalatieForm(request.POST)
    if not form.is_valid():
        return form, False
    medewerker: Actor = actor_van(gebruiker(request))
    escalatie = domeinstap(
        form,
        lambda: escaleer(
            contact=contact,
            taak=taak,
            korte_omschrijving=form.cleaned_data["korte_omschrijving"],
            verzoek=form.cleaned_data["verzoek"],
            categorie=form.cleaned_data["categorie"],
            operatorgroep=form.cleaned_data["operatorgroep"],
            medewerker=medewerker,
        ),
    )
    if escalatie is None:
        return form, False
    messages.success(
        request,
        gettext("Doorgezet naar TOPdesk met kenmerk %(kenmerk)s; de melding wordt aangemaakt.")
        % {"kenmerk": escalatie.kenmerk},
    )
    return form, True


def _pagina(
    request: HttpRequest,
    form: EscalatieForm,
    *,
    contact: Klantcontact,
    taak: InterneTaak | None,
    terug: str,
) -> HttpResponse:
    return render(
        request,
        "workspace/topdesk_escaleren.html",
        {"form": form, "contact": contact, "taak": taak, "terug": terug},
        status=400 if form.is_bound else 200,
    )


@taakpagina
def taak_escaleren(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    mag = actor is not None and opvolging.mag_behandelen(taak, actor)
    if not (mag and mag_escaleren(request)):
        return _geen_toegang(request)
    terug = redirect("workspace:taak", taak=taak.uuid)
    if taak.status != Status.TE_VERWERKEN or open_escalatie(
        taak, taak.aanleidinggevend_klantcontact
    ):
        messages.error(request, gettext("Deze taak kan nu niet naar TOPdesk."))
        return terug
    contact = taak.aanleidinggevend_klantcontact
    form, klaar = _verwerk(request, contact, taak)
    if klaar:
        log_taak(request, taak, activiteit, "Wijzigen", "Taak naar TOPdesk")
        return terug
    log_taak(request, taak, activiteit, "Raadplegen", "Taak naar TOPdesk (formulier)")
    return _pagina(request, form, contact=contact, taak=taak, terug=terug.url)


@rol_vereist(KLANTEN_ZIEN)
def contact_escaleren(request: HttpRequest, klantcontact: uuid.UUID) -> HttpResponse:
    try:
        activiteit = verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/taken.html", {"fout": str(error)}, status=503)
    contact = visible(Klantcontact.objects.filter(uuid=klantcontact)).first()
    if contact is None:
        raise Http404("Geen contact met dit kenmerk.")
    if not mag_escaleren(request):
        return _geen_toegang(request)
    terug = redirect("workspace:contact_detail", klantcontact=contact.uuid)
    if open_escalatie(None, contact) is not None:
        messages.error(request, gettext("Dit contact staat al open in TOPdesk."))
        return terug
    form, klaar = _verwerk(request, contact, None)
    klanten = [b.was_partij for b in contact.betrokkenen.all() if b.was_partij is not None]
    log_verwerking(
        request,
        actie="Wijzigen" if klaar else "Raadplegen",
        handeling="Contact naar TOPdesk",
        activiteit=activiteit,
        partijen=klanten,
        soorten_gegevens=("naam", "contactgegevens", "klantcontacten"),
        vertrouwelijk=contact.vertrouwelijk,
    )
    if klaar:
        return terug
    return _pagina(request, form, contact=contact, taak=None, terug=terug.url)
