"""My tasks: the open interne taken assigned to the signed-in employee, and closing one
with its result (cases C2984, C9708: the follow-up done, what came of it recorded)."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, Betrokkene, InterneTaak
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.services.internetaken import update_interne_taak
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.medewerkers import IDENTIFICATOR, log_verwerking, wie
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

SCHERM = "klantbeeld"


class AfhandelenForm(forms.Form):
    toelichting = forms.CharField(
        label="Wat is er gedaan en wat kwam eruit",
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"required": "Beschrijf kort wat er is gedaan, voor wie na u komt."},
    )


def _mijn_actor(request: HttpRequest) -> Actor | None:
    return Actor.objects.filter(
        actoridentificator_object_id=request.user.get_username(), **IDENTIFICATOR
    ).first()


def _open_taken(actor: Actor) -> list[InterneTaak]:
    return list(
        visible(
            InterneTaak.objects.filter(toegewezen_aan_actoren=actor, status=Status.TE_VERWERKEN)
        )
        .select_related("aanleidinggevend_klantcontact")
        .prefetch_related(
            Prefetch(
                "aanleidinggevend_klantcontact__betrokkenen",
                queryset=Betrokkene.objects.select_related("was_partij").order_by("pk"),
            )
        )
        .order_by("toegewezen_op", "pk")
    )


@rol_vereist(KLANTEN_ZIEN)
def mijn_taken(request: HttpRequest) -> HttpResponse:
    try:
        activiteit = verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/taken.html", {"fout": str(error)}, status=503)
    actor = _mijn_actor(request)
    taken = _open_taken(actor) if actor is not None else []
    klanten = [
        b.was_partij
        for taak in taken
        for b in taak.aanleidinggevend_klantcontact.betrokkenen.all()
        if b.was_partij is not None
    ]
    if klanten:
        log_verwerking(
            request,
            actie="Raadplegen",
            handeling="Werkvoorraad bekijken",
            activiteit=activiteit,
            partijen=list(dict.fromkeys(klanten)),
            soorten_gegevens=("naam", "klantcontacten", "interne taken"),
        )
    return render(
        request, "workspace/taken.html", {"taken": taken, "heeft_actor": actor is not None}
    )


@rol_vereist(KLANTEN_ZIEN)
def afhandelen(request: HttpRequest, taak: uuid.UUID) -> HttpResponse:
    try:
        activiteit = verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/taken.html", {"fout": str(error)}, status=503)
    actor = _mijn_actor(request)
    gevonden = visible(InterneTaak.objects.filter(uuid=taak)).first()
    if gevonden is None:
        raise Http404("Geen taak met dit kenmerk.")
    if actor is None or not gevonden.toegewezen_aan_actoren.filter(pk=actor.pk).exists():
        return render(
            request,
            "workspace/geen_toegang.html",
            {"nodig": "toegewezen zijn aan deze taak"},
            status=403,
        )
    form = AfhandelenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            update_interne_taak(
                gevonden,
                {"status": Status.VERWERKT, "toelichting": form.cleaned_data["toelichting"]},
                wie(request.user),  # type: ignore[arg-type]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            klanten = [
                b.was_partij
                for b in gevonden.aanleidinggevend_klantcontact.betrokkenen.all()
                if b.was_partij is not None
            ]
            log_verwerking(
                request,
                actie="Wijzigen",
                handeling="Interne taak afhandelen",
                activiteit=activiteit,
                partijen=klanten,
                soorten_gegevens=("interne taken",),
            )
            messages.success(request, f"Taak '{gevonden.gevraagde_handeling}' afgehandeld.")
            return redirect("workspace:taken")
    return render(
        request,
        "workspace/afhandelen.html",
        {"taak": gevonden, "form": form},
        status=400 if request.method == "POST" else 200,
    )
