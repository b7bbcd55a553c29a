"""One klantcontact: what was asked and answered, by whom, with whom, about which zaak, and
what followed. Found from the customer view or by its number (C0534: the KCC passes the
number when transferring a call; the colleague adds the answer and joins as actor)."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Betrokkene, InterneTaak, Klantcontact, Onderwerpobject
from klantbeeld.domain.services.klantcontacten import (
    beantwoord_doorverbonden,
    waarom_geen_antwoord,
)
from klantbeeld.domain.services.zaken import ZAAK
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace import escalaties, klachten
from klantbeeld.workspace.medewerkers import actor_van, gebruiker, log_verwerking, wie
from klantbeeld.workspace.taken import te_openen
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist
from klantbeeld.workspace.zaakverwijzingen import zaken_bij

SCHERM = "klantbeeld"


class AntwoordForm(forms.Form):
    reactie = forms.CharField(
        label=_("Antwoord"),
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": _("Vul het antwoord in.")},
    )


def zoek_contact(nummer: str) -> Klantcontact | None:
    """A contact by its (reference) number, if the viewer may see it."""
    return (
        visible(Klantcontact.objects.filter(referentienummer=nummer)).first()
        or visible(Klantcontact.objects.filter(nummer=nummer)).first()
    )


@rol_vereist(KLANTEN_ZIEN)
def contact(request: HttpRequest, klantcontact: uuid.UUID) -> HttpResponse:
    try:
        activiteit = verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/taken.html", {"fout": str(error)}, status=503)
    gevonden = (
        visible(Klantcontact.objects.filter(uuid=klantcontact))
        .prefetch_related(
            Prefetch("betrokkenen", queryset=Betrokkene.objects.select_related("was_partij")),
            "actoren",
            "onderwerpobjecten",
            Prefetch(
                "interne_taken",
                queryset=visible(InterneTaak.objects.all()).order_by("toegewezen_op", "pk"),
            ),
        )
        .first()
    )
    if gevonden is None:
        raise Http404("Geen contact met dit kenmerk.")
    klanten = [b.was_partij for b in gevonden.betrokkenen.all() if b.was_partij is not None]
    form = AntwoordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            beantwoord_doorverbonden(
                gevonden,
                reactie=form.cleaned_data["reactie"],
                actor=actor_van(gebruiker(request)),
                by=wie(gebruiker(request)),
            )
        except ValidationError as error:
            form.add_error("reactie", error.messages)
        else:
            log_verwerking(
                request,
                actie="Wijzigen",
                handeling="Antwoord toevoegen",
                activiteit=activiteit,
                partijen=klanten,
                soorten_gegevens=("klantcontacten",),
                vertrouwelijk=gevonden.vertrouwelijk,
            )
            messages.success(request, gettext("Antwoord toegevoegd; u staat nu bij dit contact."))
            return redirect("workspace:contact_detail", klantcontact=gevonden.uuid)
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Contact bekijken",
        activiteit=activiteit,
        partijen=klanten,
        soorten_gegevens=("naam", "klantcontacten"),
        vertrouwelijk=gevonden.vertrouwelijk,
    )
    return render(
        request,
        "workspace/klantcontact.html",
        {
            "kc": gevonden,
            "te_openen": te_openen(request, gevonden.interne_taken.all()),
            "form": form,
            "kan_antwoorden": not waarom_geen_antwoord(gevonden),
            # Zaken are shown by identificatie, as links (zaken_bij), not as references.
            "onderwerpen": Onderwerpobject.objects.filter(klantcontact=gevonden)
            .exclude(
                Q(onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"])
                & ~Q(onderwerpobjectidentificator_object_id="")
            )
            .select_related("was_klantcontact"),
            "zaken_bij": zaken_bij(request, [gevonden]),
            "vervolg": Onderwerpobject.objects.filter(
                was_klantcontact=gevonden,
                klantcontact__in=visible(Klantcontact.objects.all()),
            )
            .select_related("klantcontact")
            .order_by("klantcontact__plaatsgevonden_op"),
            # The second line in TOPdesk (docs/topdesk.md).
            **escalaties.blok(request, contact=gevonden, taak=None, kan=True),
            # "Maak klacht" (docs/klachten.md).
            **klachten.blok(request, gevonden),
        },
        status=400 if request.method == "POST" else 200,
    )
