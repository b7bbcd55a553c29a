"""Recording a customer who is not in the register yet (cases.md R3; C0534, C9167 variant C):
only after their identity is established, always with their BSN or KVK-nummer, and only
when that number is not known yet. How the identity was established is logged.

The number arrives in a POST (from the search results), never in a URL."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain import validators
from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeObjecttype, CodeRegister, CodeSoortObjectId
from klantbeeld.domain.services.partijen import create_partij
from klantbeeld.domain.services.zoeken import partij_met_nummer
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.medewerkers import gebruiker, log_verwerking, wie
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

SCHERM = "zoeken"
VASTGESTELD = [
    ("", _("Kies hoe")),
    ("controlevragen", _("Controlevragen aan de telefoon")),
    ("id-bewijs", _("Identiteitsbewijs aan de balie")),
    ("digid", "DigiD"),
    ("eherkenning", "eHerkenning"),
]
# A person by BSN (BRP), an organisation by KVK-nummer (HR).
SOORTEN = {
    "persoon": (CodeObjecttype.NATUURLIJK_PERSOON, CodeSoortObjectId.BSN, CodeRegister.BRP),
    "organisatie": (
        CodeObjecttype.NIET_NATUURLIJK_PERSOON,
        CodeSoortObjectId.KVK_NUMMER,
        CodeRegister.HR,
    ),
}


class NieuweKlantForm(forms.Form):
    nummer = forms.CharField(
        label=_("BSN of KVK-nummer"),
        max_length=20,
        error_messages={"required": _("Vul het BSN of KVK-nummer in.")},
    )
    voornaam = forms.CharField(label=_("Voornaam"), max_length=200, required=False)
    voorvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=10, required=False)
    achternaam = forms.CharField(label=_("Achternaam of naam van de organisatie"), max_length=200)
    vastgesteld = forms.ChoiceField(
        label=_("Identiteit vastgesteld met"),
        choices=VASTGESTELD,
        error_messages={"required": _("Kies hoe de identiteit is vastgesteld.")},
    )

    def clean_nummer(self) -> str:
        nummer = "".join(self.cleaned_data["nummer"].split())
        if len(nummer) == 9 and nummer.isdigit() and validators.elfproef(nummer):
            self.soort = "persoon"
        elif len(nummer) == 8 and nummer.isdigit():
            self.soort = "organisatie"
        else:
            raise ValidationError(
                gettext("Vul een geldig BSN (negen cijfers) of KVK-nummer (acht cijfers) in.")
            )
        return nummer


@rol_vereist(KLANTEN_ZIEN)
def nieuwe_klant(request: HttpRequest) -> HttpResponse:
    try:
        activiteit = verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/taken.html", {"fout": str(error)}, status=503)
    if request.method != "POST" or "begin" in request.POST:
        # From the search results (a number), or from the BRP or the KVK (also the name).
        velden = ("nummer", "voornaam", "voorvoegsel", "achternaam")
        form = NieuweKlantForm(initial={veld: request.POST.get(veld, "") for veld in velden})
        return render(request, "workspace/nieuwe_klant.html", {"form": form})
    form = NieuweKlantForm(request.POST)
    if form.is_valid():
        bestaand = _bekend(form.cleaned_data["nummer"], form.soort)
        if bestaand is None and _bekend(form.cleaned_data["nummer"], form.soort, alle=True):
            # Someone the employee may not see (geheimhouding): saying so would tell.
            form.add_error(
                None,
                gettext("Deze klant kan hier niet worden vastgelegd; vraag een teamleider."),
            )
            return render(request, "workspace/nieuwe_klant.html", {"form": form}, status=400)
        if bestaand is not None:
            messages.success(request, gettext("Deze klant staat al in het register."))
            return redirect(
                f"{reverse('workspace:klant', args=[bestaand.uuid])}?doel={activiteit.pk}"
            )
        try:
            partij = _vastleggen(request, form)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            log_verwerking(
                request,
                actie="Registreren",
                handeling=_handeling(form.cleaned_data["vastgesteld"]),
                activiteit=activiteit,
                partijen=[partij],
                soorten_gegevens=("naam", "identificatienummer"),
            )
            messages.success(request, gettext("%(klant)s is vastgelegd.") % {"klant": partij})
            url = reverse("workspace:klant", args=[partij.uuid])
            return redirect(f"{url}?doel={activiteit.pk}")
    return render(request, "workspace/nieuwe_klant.html", {"form": form}, status=400)


def _handeling(vastgesteld: str) -> str:
    """The log's text, in Dutch whatever the employee's language."""
    with translation.override("nl"):
        return f"Klant vastleggen (identiteit: {str(dict(VASTGESTELD)[vastgesteld]).lower()})"


def _bekend(nummer: str, soort: str, *, alle: bool = False) -> Partij | None:
    return partij_met_nummer(nummer, SOORTEN[soort][1], ook_verborgen=alle)


def _vastleggen(request: HttpRequest, form: NieuweKlantForm) -> Partij:
    data: dict[str, Any] = form.cleaned_data
    objecttype, code, register = SOORTEN[form.soort]
    velden: dict[str, Any] = (
        {
            "soort_partij": "persoon",
            "contactnaam_voornaam": data["voornaam"],
            "contactnaam_voorvoegsel_achternaam": data["voorvoegsel"],
            "contactnaam_achternaam": data["achternaam"],
        }
        if form.soort == "persoon"
        else {"soort_partij": "organisatie", "naam": data["achternaam"]}
    )
    return create_partij(
        {**velden, "indicatie_actief": True},
        wie(gebruiker(request)),
        identificatoren=[
            {
                "partij_identificator_code_objecttype": objecttype,
                "partij_identificator_code_soort_object_id": code,
                "partij_identificator_object_id": data["nummer"],
                "partij_identificator_code_register": register,
            }
        ],
    )
