"""Registering a contact (cases C0992, C3546, C9167, …): the klantcontact, the customer as
betrokkene and the employee as actor in one go (R4), the zaak it was about, and the
follow-up asked of a colleague or team (an interne taak with a deadline and a priority).

A caller who is not identified is registered only when follow-up is needed (R1): then with
the name and the number or address they left, and no partij.
"""

from __future__ import annotations

import datetime
import mimetypes
import uuid
from collections.abc import Mapping
from contextlib import nullcontext
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, Gesprek, Klantcontact, Partij
from klantbeeld.domain.models.internetaken import Prioriteit
from klantbeeld.domain.services import klachten
from klantbeeld.domain.services.intake import (
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Document,
    Opvolging,
    registreer_contact,
)
from klantbeeld.domain.services.klantcontacten import METADATA_VALUE_MAX_LENGTH
from klantbeeld.domain.services.opvolging import (
    kort,
    toewijsbare_actoren,
    voorgestelde_opvolging,
)
from klantbeeld.domain.services.vertegenwoordigingen import vertegenwoordigt
from klantbeeld.domain.services.zaken import Bestand, RegisterFout, Zaakverwijzing
from klantbeeld.domain.services.zoeken import partij_met_nummer
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.integrations.zgw.zaken import zaken_van_partij
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace import chatregistratie
from klantbeeld.workspace.collegas import keuzes
from klantbeeld.workspace.eenmalig import BERICHT, AlVerzonden, eenmaal, tokenveld
from klantbeeld.workspace.medewerkers import actor_van, gebruiker, log_verwerking, wie
from klantbeeld.workspace.models import Vragenset
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, max_zaak_vertrouwelijkheid, rol_vereist

# The labels of the channels cases.md §3 names (and of a few an organisation may add).
KANAAL_LABELS = {
    "telefoon": _("Telefoon"),
    "balie": _("Balie"),
    "e-mail": _("E-mail"),
    "post": _("Brief"),
    "chat": _("Chat"),
    "app": _("App"),
    "e-formulier": _("E-formulier"),
    "mijngemeente": _("MijnGemeente"),
    "omgevingsloket": _("Omgevingsloket"),
    "sociale media": _("Sociale media"),
}


def kanalen() -> list[tuple[str, str]]:
    """The channels configured (KLANTBEELD_KANALEN), with their labels."""
    return [(k, str(KANAAL_LABELS.get(k, k))) for k in settings.KLANTBEELD_KANALEN]


GELUKT = [
    ("ja", _("Ja")),
    ("nee", _("Nee")),
    ("onbekend", _("Niet van toepassing (brief, e-mail)")),
]
# The requested action is stored as written (Dutch, as the register's data); only its
# label is translated.
HANDELINGEN = [
    ("Terugbellen", _("Terugbellen")),
    ("Beantwoorden per e-mail", _("Beantwoorden per e-mail")),
    ("Beantwoorden per brief", _("Beantwoorden per brief")),
    ("Zaak aanmaken", _("Zaak aanmaken")),
    ("Opvolgen klantcontact", _("Opvolgen klantcontact")),
]
# The domain's names for errors (``part.field``) and the form fields they belong to.
VELDEN = {
    "klantcontact.kanaal": "kanaal",
    "klantcontact.onderwerp": "onderwerp",
    "klantcontact.inhoud": "vraag",
    "klantcontact.reactie": "antwoord",
    "klantcontact.vertrouwelijk": "vertrouwelijk",
    "betrokkene.contactnaam_voornaam": "voornaam",
    "betrokkene.contactnaam_voorvoegsel_achternaam": "voorvoegsel",
    "betrokkene.contactnaam_achternaam": "achternaam",
    "gevraagde_handeling": "gevraagde_handeling",
    "toelichting": "toelichting",
    "uiterlijk_op": "uiterlijk_op",
    "toegewezen_aan_actoren": "toegewezen_aan",
    "betrokkene.adres.telefoonnummer": "terugbelnummer",
    "betrokkene.adres.email": "emailadres",
}


class ContactForm(forms.Form):
    inzending = tokenveld()
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=kanalen)
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200)
    vraag = forms.CharField(
        label=_("Vraag of aanleiding"), max_length=1000, required=False, widget=forms.Textarea
    )
    antwoord = forms.CharField(
        label=_("Antwoord"), max_length=4000, required=False, widget=forms.Textarea
    )
    gelukt = forms.ChoiceField(label=_("Contact gelukt"), choices=GELUKT, initial="ja")
    vertrouwelijk = forms.BooleanField(
        label=_("Vertrouwelijk (alleen zichtbaar voor teamleiders en behandelaars)"),
        required=False,
    )
    # The contact is a complaint about the service (docs/klachten.md).
    klacht = forms.BooleanField(
        label=_("Dit is een klacht over de dienstverlening"), required=False
    )
    zaak = forms.ChoiceField(label=_("Over zaak"), required=False)
    bijlage = forms.FileField(
        label=_("Bijlage"),
        required=False,
        help_text=_(
            "Een document bij dit contact (brief, foto, formulier); het wordt in het "
            "documentenregister opgeslagen."
        ),
    )
    # C5419: a representative came in the customer's name.
    namens = forms.ChoiceField(label=_("Wie had het contact"), required=False)
    vertegenwoordiger_nummer = forms.CharField(
        label=_("Of: BSN of KVK-nummer van een nieuwe vertegenwoordiger"),
        max_length=20,
        required=False,
        help_text=_(
            "Alleen na controle van identiteit en machtiging; de vertegenwoordiging "
            "wordt dan vastgelegd."
        ),
    )
    # Follow-up (C9167): left empty when the contact needs none.
    toegewezen_aan = forms.ChoiceField(
        label=_("Opvolging door"),
        required=False,
        help_text=_("Het team of de collega die de taak krijgt. Leeg: geen opvolging nodig."),
    )
    gevraagde_handeling = forms.ChoiceField(
        label=_("Gevraagde handeling"), choices=HANDELINGEN, initial="Terugbellen", required=False
    )
    toelichting = forms.CharField(
        label=_("Toelichting voor wie het oppakt"),
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        help_text=_("Bijvoorbeeld: alleen maandag tussen 14 en 16 uur bereikbaar."),
    )
    prioriteit = forms.TypedChoiceField(
        label=_("Prioriteit"),
        choices=Prioriteit.choices,
        coerce=int,
        initial=Prioriteit.NORMAAL,
        required=False,
        empty_value=int(Prioriteit.NORMAAL),  # type: ignore[arg-type]  # stubs say str
    )
    uiterlijk_op = forms.DateField(
        label=_("Uiterlijk klaar op"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 24-11-2026.")},
    )
    vragenset = forms.ChoiceField(
        label=_("Vragen van de afdeling"),
        required=False,
        help_text=_(
            "Stel de vaste vragen van de afdeling, zodat wie terugbelt ze niet "
            "opnieuw hoeft te stellen."
        ),
    )
    terugbelnummer = forms.CharField(
        label=_("Terugbelnummer voor dit contact"),
        max_length=80,
        required=False,
        help_text=_("Alleen als de klant voor dit contact een ander nummer opgeeft."),
    )

    def __init__(
        self,
        *args: Any,
        zaken: dict[str, Zaakverwijzing] | None = None,
        klant: Partij | None = None,
        vertegenwoordigers: list[Partij] = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.zaken = zaken or {}
        self.vertegenwoordigers = {str(p.pk): p for p in vertegenwoordigers}
        self.fields["namens"].choices = [  # type: ignore[attr-defined]
            (
                "",
                gettext("%(klant)s zelf") % {"klant": klant} if klant else gettext("De klant zelf"),
            ),
            *(
                (key, gettext("%(naam)s (vertegenwoordiger)") % {"naam": p})
                for key, p in self.vertegenwoordigers.items()
            ),
        ]
        self.fields["zaak"].choices = [("", gettext("Geen zaak"))] + [  # type: ignore[attr-defined]
            (url, z.identificatie) for url, z in self.zaken.items()
        ]
        self.actoren = toewijzing(self.fields["toegewezen_aan"], gettext("Geen opvolging nodig"))
        self._stel_team_voor(klant)
        self._vragen_van(
            self.data.get("vragenset") if self.is_bound else self.initial.get("vragenset")
        )

    def _stel_team_voor(self, klant: Partij | None) -> None:
        """The team of the customer's relation (domain: voorgestelde_opvolging) is the
        default assignee; the employee may choose another or none."""
        team = voorgestelde_opvolging(klant)
        if team is None or self.is_bound or "toegewezen_aan" in self.initial:
            return
        self.initial["toegewezen_aan"] = str(team.pk)
        self.fields["toegewezen_aan"].help_text = gettext(
            "Voorgesteld: %(team)s, het team voor klanten met deze relatie. Kies een ander "
            "team of een collega, of leeg: geen opvolging nodig."
        ) % {"team": team.naam}

    def _vragen_van(self, gekozen: str | None) -> None:
        """Offer the active question sets; the chosen one's questions become fields."""
        sets = {v.code: v for v in Vragenset.objects.filter(actief=True)}
        self.fields["vragenset"].choices = [  # type: ignore[attr-defined]
            ("", gettext("Geen")),
            *((code, v.naam) for code, v in sets.items()),
        ]
        self.gekozen_set = sets.get(gekozen or "")
        self.vragen = self.gekozen_set.vragenlijst() if self.gekozen_set else []
        for sleutel, tekst in self.vragen:
            self.fields[f"antwoord_{sleutel}"] = forms.CharField(
                label=tekst, max_length=METADATA_VALUE_MAX_LENGTH, required=False
            )

    def antwoordvelden(self) -> list[forms.BoundField]:
        return [self[f"antwoord_{sleutel}"] for sleutel, _vraag in self.vragen]

    def antwoorden(self) -> list[tuple[str, str, str]]:
        """(key, question, answer) for each question answered."""
        return [
            (sleutel, tekst, self.cleaned_data[f"antwoord_{sleutel}"])
            for sleutel, tekst in self.vragen
            if self.cleaned_data.get(f"antwoord_{sleutel}")
        ]

    def clean_bijlage(self) -> Any:
        return controleer_bijlage(self.cleaned_data.get("bijlage"))

    @property
    def opvolging(self) -> Actor | None:
        return self.actoren.get(self.cleaned_data.get("toegewezen_aan") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("toegewezen_aan") and (
            data.get("toelichting") or data.get("uiterlijk_op") or data.get("terugbelnummer")
        ):
            self.add_error(
                "toegewezen_aan",
                _(
                    "Kies wie de opvolging doet, of laat toelichting, termijn en "
                    "terugbelnummer leeg."
                ),
            )
        if data.get("namens") and data.get("vertegenwoordiger_nummer"):
            self.add_error(
                "vertegenwoordiger_nummer",
                _("Kies een bekende vertegenwoordiger of vul een nummer in, niet allebei."),
            )
        zonder_type = not settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE
        if data.get("bijlage") and not data.get("zaak") and zonder_type:
            self.add_error(
                "bijlage",
                _(
                    "Een bijlage kan hier alleen bij een contact over een zaak: kies de "
                    "zaak, of laat de beheerder een documenttype voor bijlagen instellen."
                ),
            )
        if data.get("toegewezen_aan") and not data.get("gevraagde_handeling"):
            self.add_error("gevraagde_handeling", _("Kies wat er moet gebeuren."))
        return data


class OnbekendeBellerForm(ContactForm):
    """A caller who is not identified: only with follow-up, a name and a way to reach them."""

    voornaam = forms.CharField(label=_("Voornaam"), max_length=200, required=False)
    voorvoegsel = forms.CharField(label=_("Tussenvoegsel"), max_length=10, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200)
    emailadres = forms.EmailField(
        label=_("E-mailadres"),
        max_length=80,
        required=False,
        error_messages={"invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl.")},
    )
    field_order = ["voornaam", "voorvoegsel", "achternaam", "terugbelnummer", "emailadres"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in ("zaak", "namens", "vertegenwoordiger_nummer"):
            del self.fields[veld]
        self.fields["toegewezen_aan"].required = True
        self.fields["toegewezen_aan"].help_text = _("Het team of de collega die de taak krijgt.")
        self.fields["toegewezen_aan"].error_messages["required"] = _(
            "Van een onbekende beller wordt alleen iets vastgelegd als er opvolging nodig is: "
            "kies wie die doet."
        )
        self.fields["terugbelnummer"].label = _("Telefoonnummer")
        self.fields["terugbelnummer"].help_text = _("Waarop de beller terug wil worden gebeld.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("terugbelnummer") and not data.get("emailadres"):
            self.add_error("terugbelnummer", _("Vul een telefoonnummer of een e-mailadres in."))
        return data


def toewijzing(veld: forms.Field, leeg: str) -> dict[str, Actor]:
    """Offer the teams and employees a task can go to in ``veld`` (grouped, ``leeg`` for
    none; the directory's search narrows the list as one types, collegas.py); returns
    them by the value chosen."""
    actoren = {str(a.pk): a for a in toewijsbare_actoren()}
    veld.choices = [("", leeg), *keuzes(list(actoren.values()))]  # type: ignore[attr-defined]
    return actoren


# -- views ----------------------------------------------------------------------------------


@rol_vereist(KLANTEN_ZIEN)
def contact_vastleggen(request: HttpRequest, partij: uuid.UUID) -> HttpResponse:
    if (weigering := te_groot(request)) is not None:
        return weigering
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
    form = ContactForm(
        _ingevuld(request),
        _bestanden(request),
        initial=request.POST.dict() if "toon_vragen" in request.POST else None,
        zaken=zaken,
        klant=klant,
        vertegenwoordigers=list(
            visible(Partij.objects.filter(vertegenwoordigingen__vertegenwoordigde_partij=klant))
        ),
    )
    verwerking = {"activiteit": activiteit, "partijen": [klant]}
    if request.method != "POST":
        # The form shows the customer's name, zaken and representatives (once: showing a
        # question set's questions shows nothing new).
        log_verwerking(
            request,
            actie="Raadplegen",
            handeling="Contactformulier openen",
            soorten_gegevens=("naam", "zaken"),
            ook_getoond=[(p, "vertegenwoordiger") for p in form.vertegenwoordigers.values()],
            **verwerking,
        )
    elif (
        form.is_valid()
        and (klantcontact := probeer_vast_te_leggen(request, form, klant)) is not None
    ):
        if klantcontact is AL_VASTGELEGD:
            return _al_vastgelegd(request, reverse("workspace:klant", args=[klant.uuid]))
        vastgelegd(request, klantcontact, activiteit)
        url = reverse("workspace:klant", args=[klant.uuid])
        return redirect(f"{url}?doel={activiteit.pk}")
    return render(
        request,
        "workspace/contact.html",
        {"klant": klant, "form": form, "doel": activiteit, "storingen": overzicht.storingen},
        status=400 if form.is_bound else 200,
    )


@rol_vereist(KLANTEN_ZIEN)
def onbekende_beller(request: HttpRequest) -> HttpResponse:
    """C9167 variant A: a caller whose identity is not established asks to be called back."""
    if (weigering := te_groot(request)) is not None:
        return weigering
    form = OnbekendeBellerForm(
        _ingevuld(request),
        _bestanden(request),
        initial=request.POST.dict() if "toon_vragen" in request.POST else None,
    )
    if form.is_bound and form.is_valid():
        klantcontact = probeer_vast_te_leggen(request, form, None)
        if klantcontact is AL_VASTGELEGD:
            return _al_vastgelegd(request, reverse("workspace:zoeken"))
        if klantcontact is not None:
            _gelukt(request, klantcontact)
            return redirect("workspace:zoeken")
    return render(
        request,
        "workspace/contact.html",
        {"form": form, "onbekend": True},
        status=400 if form.is_bound else 200,
    )


def _ingevuld(request: HttpRequest) -> Any:
    """The form's data to check, or None when there is none or when the employee only
    asked to see a question set's questions (then what they typed is shown again,
    unchecked)."""
    if request.method != "POST" or "toon_vragen" in request.POST:
        return None
    return request.POST


# What probeer_vast_te_leggen answers for a form that was sent before.
AL_VASTGELEGD = Klantcontact()


def _al_vastgelegd(request: HttpRequest, url: str) -> HttpResponse:
    messages.info(request, BERICHT)
    return redirect(url)


def controleer_bijlage(bijlage: UploadedFile | None) -> UploadedFile | None:
    """An attachment within the size limit, not empty and of a kind that is accepted
    (judged by its name); else the error for its field."""
    maximum = settings.KLANTBEELD_BIJLAGE_MAX_MB
    if bijlage is None:
        return None
    if (bijlage.size or 0) > maximum * 1024 * 1024:
        raise ValidationError(gettext("Een bijlage is hoogstens %(mb)s MB.") % {"mb": maximum})
    if not bijlage.size:
        raise ValidationError(gettext("Het bestand is leeg."))
    if bestandstype(bijlage.name) not in settings.KLANTBEELD_BIJLAGE_TYPEN:
        raise ValidationError(
            gettext(
                "Dit soort bestand wordt niet aangenomen; gebruik bijvoorbeeld PDF, een "
                "foto (JPEG, PNG) of een Word- of tekstbestand."
            )
        )
    return bijlage


def bestandstype(naam: str | None) -> str:
    return mimetypes.guess_type(naam or "")[0] or "application/octet-stream"


def te_groot(request: HttpRequest) -> HttpResponse | None:
    """A page saying the file is too large, before the request's body is read at all (a
    body far beyond the limit is not received into memory or onto disk first)."""
    grens = (settings.KLANTBEELD_BIJLAGE_MAX_MB + 1) * 1024 * 1024
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    if request.method != "POST" or lengte <= grens:
        return None
    return render(
        request,
        "workspace/te_groot.html",
        {"maximum": settings.KLANTBEELD_BIJLAGE_MAX_MB},
        status=413,
    )


# A call's start (plaatsgevondenOp) and metadata for the klantcontact.
Oproepgegevens = tuple[datetime.datetime | None, Mapping[str, str]]


def _bestanden(request: HttpRequest) -> Any:
    return request.FILES if _ingevuld(request) is not None else None


def probeer_vast_te_leggen(
    request: HttpRequest,
    form: ContactForm,
    klant: Partij | None,
    gesprek: Gesprek | None = None,
    oproep: Oproepgegevens = (None, {}),
) -> Klantcontact | None:
    """Register; on a refusal the reasons are put on the form and nothing is kept. With
    ``gesprek``: the registration of that chat (chatregistratie.py); ``oproep``: a call's
    start and metadata (duration, transfers; workspace/oproepen.py)."""
    try:
        return _vastleggen(request, form, klant, gesprek, oproep)
    except AlVerzonden:
        return AL_VASTGELEGD
    except ValidationError as error:
        _errors_on_form(form, error)
    except RegisterFout as error:
        form.add_error(
            "bijlage", gettext("De bijlage is niet opgeslagen: %(fout)s") % {"fout": error}
        )
    return None


def vastgelegd(
    request: HttpRequest, klantcontact: Klantcontact, activiteit: verwerkingen.Verwerkingsactiviteit
) -> None:
    """After a registration: logged, and the employee told its number (and its task's)."""
    log_verwerking(
        request,
        actie="Registreren",
        handeling="Klantcontact vastleggen",
        soorten_gegevens=("naam", "klantcontacten"),
        vertrouwelijk=klantcontact.vertrouwelijk,
        activiteit=activiteit,
        partijen=[b.was_partij for b in klantcontact.betrokkenen.all() if b.was_partij],
    )
    _gelukt(request, klantcontact)


def _gelukt(request: HttpRequest, klantcontact: Klantcontact) -> None:
    taken = list(klantcontact.interne_taken.all())
    nummer = klantcontact.referentienummer or klantcontact.nummer
    tekst = gettext("Contact vastgelegd met nummer %(nummer)s.") % {"nummer": nummer}
    if taken:
        tekst += " " + gettext("Taak %(nummer)s '%(handeling)s' is uitgezet.") % {
            "nummer": taken[0].nummer,
            "handeling": taken[0].gevraagde_handeling,
        }
    if (klacht := klachten.klacht_bij(klantcontact)) is not None:
        tekst += " " + gettext("Klacht %(nummer)s is geregistreerd.") % {"nummer": klacht.nummer}
    messages.success(request, tekst)


@transaction.atomic
def _vastleggen(
    request: HttpRequest,
    form: ContactForm,
    klant: Partij | None,
    gesprek: Gesprek | None = None,
    oproep: Oproepgegevens = (None, {}),
) -> Klantcontact:
    """The contact as one unit, through the domain's intake service: the customer (or
    their representative) with the contact data left, the employee, the zaak, the task
    and the attachment; all or nothing."""
    data = form.cleaned_data
    eenmaal(data.get("inzending"))
    user = gebruiker(request)
    by = wie(user)
    medewerker = actor_van(user)
    vertegenwoordiger = _vertegenwoordiger(form, klant, by)
    zaak = form.zaken.get(data.get("zaak") or "")
    aanmelding = Contactaanmelding(
        kanaal=data["kanaal"],
        onderwerp=data["onderwerp"],
        inhoud=data["vraag"],
        reactie=data["antwoord"],
        indicatie_contact_gelukt={"ja": True, "nee": False}.get(data["gelukt"]),
        vertrouwelijk=data["vertrouwelijk"],
        metadata={**oproep[1], **_metadata(form)},
        plaatsgevonden_op=oproep[0],
        deelnemers=_deelnemers(data, klant, vertegenwoordiger),
        actoren=[medewerker],
        zaak=zaak,
        documenten=[als_document(data["bijlage"])] if data.get("bijlage") else [],
        opvolging=_opvolging(form),
    )
    if gesprek is not None:
        aanmelding = chatregistratie.voor_gesprek(aanmelding, gesprek)
    # The register is reached only for an attachment, or a text to keep whole (R5).
    nodig = aanmelding.documenten or chatregistratie.lang(aanmelding)
    with ZgwZakenregister(by=by) if nodig else nullcontext() as register:
        klantcontact = registreer_contact(aanmelding, by, register=register).klantcontact
    assert klantcontact is not None
    if data.get("klacht") and klachten.klacht_bij(klantcontact) is None:
        klachten.registreer_klacht(klantcontact, door=medewerker, by=by)
    return klantcontact


def _deelnemers(
    data: dict[str, Any], klant: Partij | None, vertegenwoordiger: Partij | None
) -> list[Deelnemer]:
    """Who took part: the customer, or (C5419) the representative who came in their name
    with the customer beside them, who did not start the contact."""
    adressen = [
        # Stored descriptions (data, not interface): Dutch.
        Contactadres(soort, data[veld], omschrijving)
        for veld, soort, omschrijving in (
            ("terugbelnummer", "telefoonnummer", "Terugbelnummer"),
            ("emailadres", "email", "Opgegeven bij contact"),
        )
        if data.get(veld)
    ]
    if vertegenwoordiger is not None:
        return [
            Deelnemer(partij=vertegenwoordiger, rol="vertegenwoordiger", adressen=adressen),
            Deelnemer(partij=klant, initiator=False),
        ]
    if klant is not None:
        return [Deelnemer(partij=klant, adressen=adressen)]
    return [
        Deelnemer(
            voornaam=data["voornaam"],
            voorvoegsel=data["voorvoegsel"],
            achternaam=data["achternaam"],
            adressen=adressen,
        )
    ]


def _opvolging(form: ContactForm) -> Opvolging | None:
    data = form.cleaned_data
    team = form.opvolging
    if team is None:
        return None
    return Opvolging(
        gevraagde_handeling=data["gevraagde_handeling"],
        toegewezen_aan=[team],
        toelichting=_met_antwoorden(data["toelichting"], form.antwoorden()),
        prioriteit=data["prioriteit"],
        uiterlijk_op=data["uiterlijk_op"],
    )


def als_document(bestand: UploadedFile) -> Document:
    return Document(
        bestand=Bestand(
            naam=bestand.name or "bijlage",
            inhoud=bestand.read(),
            # Judged by its name (checked against the accepted kinds), not by what the
            # browser says.
            formaat=bestandstype(bestand.name),
        ),
        titel=(bestand.name or "Bijlage")[:200],
    )


def _metadata(form: ContactForm) -> dict[str, str]:
    """C3155: the answers to the department's questions, by key."""
    if form.gekozen_set is None or not form.antwoorden():
        return {}
    return {
        "vragenset": form.gekozen_set.code,
        **{sleutel: antwoord for sleutel, _vraag, antwoord in form.antwoorden()},
    }


def _met_antwoorden(toelichting: str, antwoorden: list[tuple[str, str, str]]) -> str:
    """The toelichting with the answers appended, readable for who calls back."""
    regels = [f"{vraag} {antwoord}" for _sleutel, vraag, antwoord in antwoorden]
    # The answers are whole in the contact's metadata; the toelichting has 1000 characters.
    return kort("\n".join([toelichting, *regels] if toelichting else regels))


def _vertegenwoordiger(form: ContactForm, klant: Partij | None, by: Any) -> Partij | None:
    """The representative who came in the customer's name: one already recorded, or one
    found by number, whose vertegenwoordiging is then recorded (once)."""
    data = form.cleaned_data
    if klant is None:
        return None
    if data.get("namens"):
        return form.vertegenwoordigers[data["namens"]]
    nummer = "".join((data.get("vertegenwoordiger_nummer") or "").split())
    if not nummer:
        return None
    gevonden = partij_met_nummer(nummer)
    if gevonden is None or gevonden == klant:
        raise ValidationError(
            {
                "vertegenwoordiger_nummer": gettext(
                    "Geen andere klant met dit nummer: leg de vertegenwoordiger eerst vast "
                    "(zoeken op het nummer)."
                )
            }
        )
    vertegenwoordigt(gevonden, klant, by)
    return gevonden


def _errors_on_form(form: ContactForm, error: ValidationError) -> None:
    """The domain's errors on the field they concern, else on the form as a whole."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = name if name in form.fields else VELDEN.get(name)
        form.add_error(field if field in form.fields else None, errors)
