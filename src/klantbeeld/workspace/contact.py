"""Registering a contact with a known customer (cases C0992, C3546, C1199, …): the
klantcontact, the customer as betrokkene and the employee as actor in one go (R4), and,
when it was about one of their zaken, the link to it."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.klantcontacten import maak_klantcontact
from klantbeeld.domain.services.zaken import Zaakverwijzing, koppel_zaak
from klantbeeld.integrations.zgw.zaken import zaken_van_partij
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.medewerkers import actor_van, log_verwerking, wie
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, max_zaak_vertrouwelijkheid, rol_vereist

KANALEN = [
    ("telefoon", "Telefoon"),
    ("balie", "Balie"),
    ("email", "E-mail"),
    ("post", "Brief"),
    ("chat", "Chat"),
    ("webformulier", "Webformulier"),
    ("sociale media", "Sociale media"),
]
GELUKT = [("ja", "Ja"), ("nee", "Nee"), ("onbekend", "Niet van toepassing (brief, e-mail)")]
# Form fields and the klantcontact fields the domain names its errors after.
VELDEN = {
    "kanaal": "kanaal",
    "onderwerp": "onderwerp",
    "inhoud": "vraag",
    "reactie": "antwoord",
    "vertrouwelijk": "vertrouwelijk",
}


class ContactForm(forms.Form):
    kanaal = forms.ChoiceField(label="Kanaal", choices=KANALEN)
    onderwerp = forms.CharField(label="Onderwerp", max_length=200)
    vraag = forms.CharField(
        label="Vraag of aanleiding", max_length=1000, required=False, widget=forms.Textarea
    )
    antwoord = forms.CharField(
        label="Antwoord", max_length=4000, required=False, widget=forms.Textarea
    )
    gelukt = forms.ChoiceField(label="Contact gelukt", choices=GELUKT, initial="ja")
    vertrouwelijk = forms.BooleanField(
        label="Vertrouwelijk (alleen zichtbaar voor teamleiders en behandelaars)",
        required=False,
    )
    zaak = forms.ChoiceField(label="Over zaak", required=False)

    def __init__(self, *args: object, zaken: dict[str, Zaakverwijzing], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.zaken = zaken
        self.fields["zaak"].choices = [("", "Geen zaak")] + [  # type: ignore[attr-defined]
            (url, f"{z.identificatie}") for url, z in zaken.items()
        ]


@rol_vereist(KLANTEN_ZIEN)
def contact_vastleggen(request: HttpRequest, partij: uuid.UUID) -> HttpResponse:
    klant = visible(Partij.objects.filter(uuid=partij)).first()
    if klant is None:
        raise Http404("Geen klant met dit kenmerk.")
    try:
        activiteit = verwerkingen.kies_activiteit("klantbeeld", request.GET.get("doel"))
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/contact.html", {"fout": str(error)}, status=400)
    overzicht = zaken_van_partij(
        klant, max_vertrouwelijkheid=max_zaak_vertrouwelijkheid(request), met_details=False
    )
    zaken = {
        z.url: Zaakverwijzing(z.url, z.uuid, z.identificatie, z.zaaktype_url)
        for z in overzicht.zaken
    }
    form = ContactForm(request.POST or None, zaken=zaken)
    status = 200
    if request.method != "POST":
        # The form shows the customer's name and zaken.
        log_verwerking(
            request,
            actie="Raadplegen",
            handeling="Contactformulier openen",
            activiteit=activiteit,
            partijen=[klant],
            soorten_gegevens=("naam", "zaken"),
        )
    else:
        if form.is_valid():
            try:
                nummer = _vastleggen(request, klant, form)
            except ValidationError as error:
                _errors_on_form(form, error)
            else:
                log_verwerking(
                    request,
                    actie="Registreren",
                    handeling="Klantcontact vastleggen",
                    activiteit=activiteit,
                    partijen=[klant],
                    soorten_gegevens=("naam", "klantcontacten"),
                    vertrouwelijk=form.cleaned_data["vertrouwelijk"],
                )
                messages.success(request, f"Contact vastgelegd met nummer {nummer}.")
                url = reverse("workspace:klant", args=[klant.uuid])
                return redirect(f"{url}?doel={activiteit.pk}")
        status = 400
    return render(
        request,
        "workspace/contact.html",
        {"klant": klant, "form": form, "doel": activiteit, "storingen": overzicht.storingen},
        status=status,
    )


@transaction.atomic
def _vastleggen(request: HttpRequest, klant: Partij, form: ContactForm) -> str:
    """Actor, klantcontact and zaak link: all or nothing."""
    data = form.cleaned_data
    user = request.user
    assert user.is_authenticated
    by = wie(user)
    klantcontact, _, _ = maak_klantcontact(
        {
            "kanaal": data["kanaal"],
            "onderwerp": data["onderwerp"],
            "inhoud": data["vraag"],
            "reactie": data["antwoord"],
            "indicatie_contact_gelukt": {"ja": True, "nee": False}.get(data["gelukt"]),
            "taal": "nld",
            "vertrouwelijk": data["vertrouwelijk"],
            "plaatsgevonden_op": timezone.now(),
        },
        {"was_partij": klant, "rol": "klant", "initiator": True},
        None,
        by,
        actoren=[actor_van(user)],
    )
    if data["zaak"]:
        koppel_zaak(klantcontact, form.zaken[data["zaak"]], by)
    return klantcontact.referentienummer or klantcontact.nummer or ""


def _errors_on_form(form: ContactForm, error: ValidationError) -> None:
    """The domain's errors on the field they concern, else on the form as a whole."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = VELDEN.get(name.removeprefix("klantcontact."))
        form.add_error(field, errors)
