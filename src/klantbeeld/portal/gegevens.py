"""*Mijn gegevens*: what Klantbeeld knows of the one the user acts for (name, addresses
with planned changes, e-mail addresses and phone numbers with the preferred one and
whether each is verified, a channel per topic) and the changes they may make themselves
(cases.md C1923, C1924, R3, R7).

Reading never makes a partij (R3); the first change that stores contact data makes it,
and only with the user's explicit consent to keep and reuse it (C1790): without consent
nothing is stored. Every change goes through a domain service (audited, published);
every page that shows personal data is logged (``log_inzage``), changes as well.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from klantbeeld.domain.models import DigitaalAdres, GeplandeAdreswijziging, Partij
from klantbeeld.domain.models.eigen_gegevens import SoortAdres, Voorkeurskanaal, adres_als_tekst
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services import adreswijzigingen, eigen_gegevens, onderwerpvoorkeuren
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.verzenden import Bericht, GeenKanaal, verstuur_kennisgeving
from klantbeeld.portal.identiteit import Ingelogde
from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist, niet_gevonden
from klantbeeld.portal.verwerkingen import log_inzage

HANDELING = "Mijn gegevens"
SOORTEN_GEGEVENS = ["naam", "adres", "contactgegevens", "contactvoorkeuren"]

# What the overview says after a change (``?gedaan=…``): fixed texts, nothing from the URL.
GEDAAN = {
    "mail": _(
        "Uw e-mailadres is toegevoegd. We hebben er een mail naartoe gestuurd. Klik op de link "
        "in die mail om te bevestigen dat het uw e-mailadres is."
    ),
    "niet-verstuurd": _(
        "Uw e-mailadres is toegevoegd, maar we konden nu geen mail sturen om het te bevestigen. "
        "Probeer het later opnieuw met de knop 'Stuur de mail opnieuw'."
    ),
    "telefoon": _("Uw telefoonnummer is toegevoegd."),
    "opnieuw": _("We hebben de mail opnieuw gestuurd. Klik op de link in de nieuwste mail."),
    "bevestigd": _("Uw e-mailadres is bevestigd. U kunt het nu als voorkeur kiezen."),
    "voorkeur": _("Uw voorkeursadres is gewijzigd."),
    "verwijderd": _("Het adres is verwijderd."),
    "gepland": _("Uw nieuwe adres is opgeslagen. Het gaat in op de datum die u koos."),
    "ingetrokken": _("De geplande adreswijziging is ingetrokken."),
    "onderwerpen": _("Uw voorkeuren per onderwerp zijn opgeslagen."),
}


def _wie(request: HttpRequest) -> Ingelogde:
    return cast(PortaalRequest, request).mijn


def _naar_overzicht(gedaan: str, anker: str = "") -> HttpResponseRedirect:
    url = f"{reverse('portal:gegevens')}?gedaan={gedaan}"
    return HttpResponseRedirect(f"{url}#{anker}" if anker else url)


# -- the overview ----------------------------------------------------------------------------


@require_http_methods(["GET"])
@inlog_vereist(Functie.INZIEN)
def gegevens(request: HttpRequest) -> HttpResponse:
    wie = _wie(request)
    partij = wie.partij()
    log_inzage(wie, handeling=HANDELING, soorten_gegevens=SOORTEN_GEGEVENS)
    context: dict[str, Any] = {
        "partij": partij,
        "gedaan": GEDAAN.get(request.GET.get("gedaan", "")),
        "onderwerpen": onderwerpvoorkeuren.onderwerpen(),
    }
    if partij is not None:
        context.update(_van_partij(partij))
    return render(request, "portal/gegevens.html", context)


def _van_partij(partij: Partij) -> dict[str, Any]:
    geplande = adreswijzigingen.geplande_van(partij)
    voorkeuren = onderwerpvoorkeuren.voorkeuren_van(partij)
    return {
        "naam": partij.volledige_naam,
        "adressen": _adressen(partij, geplande),
        "geplande": geplande,
        "digitale_adressen": eigen_gegevens.eigen_adressen(partij),
        "voorkeur_id": partij.voorkeurs_digitaal_adres_id,
        "per_onderwerp": [
            (o, voorkeuren.get(o.sleutel)) for o in onderwerpvoorkeuren.onderwerpen()
        ],
    }


def _adressen(partij: Partij, geplande: list[GeplandeAdreswijziging]) -> list[dict[str, Any]]:
    """The partij's current addresses, each with the day before the first planned change
    of it (the last day it holds), then the planned ones."""
    toegepast = list(
        GeplandeAdreswijziging.objects.filter(partij=partij, toegepast_op__isnull=False).order_by(
            "-toegepast_op"
        )[:10]
    )
    rijen = []
    for soort, label in (
        (SoortAdres.BEZOEKADRES, _("Bezoekadres (waar u woont of gevestigd bent)")),
        (SoortAdres.CORRESPONDENTIEADRES, _("Postadres (correspondentieadres)")),
    ):
        volgende = next((g for g in geplande if soort.value in SoortAdres(g.soort).velden), None)
        huidig = adres_als_tekst(partij, soort.value)
        # The resident's own name for it, when it came from a move they gave (C1923).
        eigen = next(
            (
                t.omschrijving
                for t in toegepast
                if soort.value in SoortAdres(t.soort).velden and t.adres_tekst == huidig
            ),
            "",
        )
        rijen.append(
            {
                "label": label,
                "omschrijving": eigen,
                "adres": huidig,
                "tot": volgende.geldig_vanaf - datetime.timedelta(days=1)
                if volgende is not None
                else None,
            }
        )
    return rijen


# -- e-mail addresses and phone numbers ------------------------------------------------------


class AdresForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Wat wilt u toevoegen?"),
        choices=[
            (SoortDigitaalAdres.EMAIL, _("E-mailadres")),
            (SoortDigitaalAdres.TELEFOONNUMMER, _("Telefoonnummer")),
        ],
        widget=forms.RadioSelect,
        initial=SoortDigitaalAdres.EMAIL,
        error_messages={"required": _("Kies e-mailadres of telefoonnummer.")},
    )
    adres = forms.CharField(
        label=_("E-mailadres of telefoonnummer"),
        max_length=80,
        help_text=_("Bijvoorbeeld naam@voorbeeld.nl of 0612345678."),
        error_messages={"required": _("Vul uw e-mailadres of telefoonnummer in.")},
    )
    toestemming = forms.BooleanField(
        label=_(
            "De gemeente mag dit bewaren en gebruiken om mij te bereiken, ook over andere vragen "
            "en zaken."
        ),
        error_messages={
            "required": _("Zonder uw toestemming bewaren wij niets. Vink het vakje aan.")
        },
    )


@require_http_methods(["GET", "POST"])
@inlog_vereist(Functie.WIJZIGEN)
def adres_toevoegen(request: HttpRequest) -> HttpResponse:
    wie = _wie(request)
    form = AdresForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        by = wie.wijziging()
        soort = form.cleaned_data["soort"]
        try:
            with transaction.atomic():
                partij = wie.maak_partij(by)
                adres = eigen_gegevens.voeg_adres_toe(
                    partij, soort=soort, adres=form.cleaned_data["adres"], by=by
                )
        except ValidationError as fout:
            form.add_error("adres", fout.messages)
        else:
            log_inzage(
                wie,
                handeling="E-mailadres of telefoonnummer toevoegen",
                soorten_gegevens=["contactgegevens"],
                actie="Wijzigen",
            )
            if soort != SoortDigitaalAdres.EMAIL:
                return _naar_overzicht("telefoon", "contactgegevens")
            return _naar_overzicht(_stuur_bevestiging(request, adres, by), "contactgegevens")
    return render(
        request, "portal/gegevens_adres.html", {"form": form}, status=400 if form.errors else 200
    )


def _stuur_bevestiging(request: HttpRequest, adres: DigitaalAdres, by: ChangeContext) -> str:
    """Mail a link that verifies ``adres``; what the overview says then."""
    organisatie = settings.KLANTBEELD_ORGANISATIE_NAAM or gettext("de gemeente")
    try:
        with transaction.atomic():
            sleutel = eigen_gegevens.vraag_verificatie(adres)
            link = request.build_absolute_uri(reverse("portal:gegevens_bevestigen", args=[sleutel]))
            # A service message, no klantcontact: it is about the address itself (like a
            # password reset), and its key must not spread to the register or the DMS.
            verstuur_kennisgeving(
                Bericht(
                    kanaal="e-mail",
                    adres=adres.adres,
                    onderwerp=gettext("Bevestig uw e-mailadres"),
                    tekst=_bevestigingsmail(link, organisatie),
                    automatisch=True,
                ),
                by,
            )
    except GeenKanaal:
        return "niet-verstuurd"
    return "mail"


def _bevestigingsmail(link: str, organisatie: str) -> str:
    return gettext(
        "Beste heer of mevrouw,\n\n"
        "U heeft dit e-mailadres doorgegeven bij Mijn %(organisatie)s. Klik op de link "
        "hieronder om te bevestigen dat dit uw e-mailadres is. U logt daarna in.\n\n"
        "%(link)s\n\n"
        "De link werkt %(uren)s uur en maar één keer. Heeft u dit e-mailadres niet zelf "
        "doorgegeven? Dan hoeft u niets te doen.\n\n"
        "Met vriendelijke groet,\n%(organisatie)s"
    ) % {
        "organisatie": organisatie,
        "link": link,
        "uren": settings.KLANTBEELD_MIJN_VERIFICATIE_UREN,
    }


def _eigen_adres(wie: Ingelogde, adres: uuid.UUID) -> tuple[Partij, DigitaalAdres] | None:
    partij = wie.partij()
    if partij is None:
        return None
    try:
        return partij, eigen_gegevens.eigen_adres(partij, adres)
    except eigen_gegevens.NietVanPartij:
        return None


@require_POST
@inlog_vereist(Functie.WIJZIGEN)
def opnieuw_versturen(request: HttpRequest, adres: uuid.UUID) -> HttpResponse:
    wie = _wie(request)
    gevonden = _eigen_adres(wie, adres)
    if gevonden is None or gevonden[1].soort_digitaal_adres != SoortDigitaalAdres.EMAIL:
        return niet_gevonden(request)
    gedaan = _stuur_bevestiging(request, gevonden[1], wie.wijziging())
    return _naar_overzicht("opnieuw" if gedaan == "mail" else gedaan, "contactgegevens")


@require_POST
@inlog_vereist(Functie.WIJZIGEN)
def adres_verwijderen(request: HttpRequest, adres: uuid.UUID) -> HttpResponse:
    wie = _wie(request)
    gevonden = _eigen_adres(wie, adres)
    if gevonden is None:
        return niet_gevonden(request)
    eigen_gegevens.verwijder_adres(*gevonden, wie.wijziging())
    log_inzage(
        wie,
        handeling="E-mailadres of telefoonnummer verwijderen",
        soorten_gegevens=["contactgegevens"],
        actie="Wijzigen",
    )
    return _naar_overzicht("verwijderd", "contactgegevens")


@require_POST
@inlog_vereist(Functie.WIJZIGEN)
def voorkeur_kiezen(request: HttpRequest, adres: uuid.UUID) -> HttpResponse:
    wie = _wie(request)
    gevonden = _eigen_adres(wie, adres)
    if gevonden is None:
        return niet_gevonden(request)
    try:
        eigen_gegevens.kies_voorkeursadres(*gevonden, wie.wijziging())
    except ValidationError as fout:
        return render(
            request,
            "portal/gegevens_fout.html",
            {"fouten": fout.messages},
            status=400,
        )
    log_inzage(
        wie,
        handeling="Voorkeursadres kiezen",
        soorten_gegevens=["contactgegevens", "contactvoorkeuren"],
        actie="Wijzigen",
    )
    return _naar_overzicht("voorkeur", "contactgegevens")


@require_http_methods(["GET", "POST"])
@inlog_vereist(Functie.WIJZIGEN)
def bevestigen(request: HttpRequest, sleutel: str) -> HttpResponse:
    """The link in the mail: a page that asks to confirm (a mail program that opens links
    to check them confirms nothing), then the address is verified."""
    wie = _wie(request)
    partij = wie.partij()
    try:
        if request.method == "POST":
            eigen_gegevens.verifieer(sleutel, partij, wie.wijziging())
            log_inzage(
                wie,
                handeling="E-mailadres bevestigen",
                soorten_gegevens=["contactgegevens"],
                actie="Wijzigen",
            )
            return _naar_overzicht("bevestigd", "contactgegevens")
        verificatie = eigen_gegevens.verificatie_van(sleutel, partij)
    except eigen_gegevens.OngeldigeVerificatie as fout:
        if fout.reden == "onbekend":
            return niet_gevonden(request)  # someone else's link: as if there is none
        return render(request, "portal/gegevens_bevestigen.html", {"fout": str(fout)}, status=400)
    log_inzage(wie, handeling=HANDELING, soorten_gegevens=["contactgegevens"])
    return render(
        request, "portal/gegevens_bevestigen.html", {"adres": verificatie.digitaal_adres.adres}
    )


# -- moving: an address from a date on (C1923) ----------------------------------------------


class VerhuizingForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Naam voor dit adres"),
        max_length=40,
        initial=_("Nieuw adres"),
        help_text=_("Bijvoorbeeld: Nieuwe woning."),
        error_messages={"required": _("Geef het adres een naam.")},
    )
    soort = forms.ChoiceField(
        label=_("Welk adres verandert?"),
        choices=[
            (SoortAdres.BEIDE, _("Het adres waar ik woon en mijn postadres")),
            (SoortAdres.CORRESPONDENTIEADRES, _("Alleen mijn postadres")),
            (SoortAdres.BEZOEKADRES, _("Alleen het adres waar ik woon")),
        ],
        widget=forms.RadioSelect,
        initial=SoortAdres.BEIDE,
        error_messages={"required": _("Kies welk adres verandert.")},
    )
    straatnaam = forms.CharField(label=_("Straat"), max_length=255)
    huisnummer = forms.IntegerField(
        label=_("Huisnummer"),
        min_value=1,
        max_value=99999,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul alleen cijfers in, bijvoorbeeld 12.")},
    )
    huisnummertoevoeging = forms.CharField(
        label=_("Toevoeging"),
        max_length=20,
        required=False,
        help_text=_("Bijvoorbeeld: A of 2-hoog."),
    )
    postcode = forms.CharField(
        label=_("Postcode"), max_length=7, help_text=_("Bijvoorbeeld: 1234 AB.")
    )
    stad = forms.CharField(label=_("Plaats"), max_length=255)
    geldig_vanaf = forms.DateField(
        label=_("Vanaf welke datum?"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een datum in, bijvoorbeeld 24-11-2026.")},
    )
    toestemming = AdresForm.base_fields["toestemming"]

    def clean_postcode(self) -> str:
        postcode = "".join(str(self.cleaned_data["postcode"]).split()).upper()
        if len(postcode) == 6:
            postcode = f"{postcode[:4]} {postcode[4:]}"
        return postcode


@require_http_methods(["GET", "POST"])
@inlog_vereist(Functie.WIJZIGEN)
def verhuizing(request: HttpRequest) -> HttpResponse:
    wie = _wie(request)
    form = VerhuizingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        by = wie.wijziging()
        try:
            with transaction.atomic():
                adreswijzigingen.plan_adreswijziging(
                    wie.maak_partij(by),
                    soort=data["soort"],
                    omschrijving=data["omschrijving"],
                    geldig_vanaf=data["geldig_vanaf"],
                    adres={
                        deel: data[deel]
                        for deel in (
                            "straatnaam",
                            "huisnummer",
                            "huisnummertoevoeging",
                            "postcode",
                            "stad",
                        )
                    },
                    by=by,
                )
        except ValidationError as fout:
            for veld, meldingen in fout.message_dict.items():
                naam = veld.removeprefix("adres_")
                form.add_error(naam if naam in form.fields else None, meldingen)
        else:
            log_inzage(
                wie,
                handeling="Verhuizing doorgeven",
                soorten_gegevens=["adres"],
                actie="Wijzigen",
            )
            return _naar_overzicht("gepland", "adressen")
    return render(
        request,
        "portal/gegevens_verhuizing.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@inlog_vereist(Functie.WIJZIGEN)
def verhuizing_intrekken(request: HttpRequest, wijziging: uuid.UUID) -> HttpResponse:
    wie = _wie(request)
    partij = wie.partij()
    gevonden = (
        GeplandeAdreswijziging.objects.filter(
            pk=wijziging, partij=partij, toegepast_op=None
        ).first()
        if partij is not None
        else None
    )
    if gevonden is None:
        return niet_gevonden(request)
    adreswijzigingen.trek_in(gevonden, wie.wijziging())
    log_inzage(
        wie,
        handeling="Geplande adreswijziging intrekken",
        soorten_gegevens=["adres"],
        actie="Wijzigen",
    )
    return _naar_overzicht("ingetrokken", "adressen")


# -- a channel per topic (C1924) -------------------------------------------------------------

GEEN = "geen"


class OnderwerpenForm(forms.Form):
    """One choice per configured topic: no own preference, post, or one of the partij's
    own addresses (an e-mail address once verified)."""

    def __init__(self, *args: Any, partij: Partij | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keuzes: list[tuple[str, str]] = [
            (GEEN, gettext("Geen aparte voorkeur: zoals bij al het andere")),
            (Voorkeurskanaal.POST, gettext("Per post")),
        ]
        self.adressen = {}
        if partij is not None:
            for adres in eigen_gegevens.eigen_adressen(partij):
                if adres.soort_digitaal_adres == SoortDigitaalAdres.EMAIL:
                    if adres.verificatie_datum is None:
                        continue
                    label = gettext("Per e-mail naar %(adres)s")
                else:
                    label = gettext("Per telefoon of sms naar %(adres)s")
                self.adressen[str(adres.pk)] = adres
                keuzes.append((str(adres.pk), label % {"adres": adres.adres}))
        huidig = onderwerpvoorkeuren.voorkeuren_van(partij) if partij is not None else {}
        for onderwerp in onderwerpvoorkeuren.onderwerpen():
            voorkeur = huidig.get(onderwerp.sleutel)
            if voorkeur is None:
                initial = GEEN
            elif voorkeur.digitaal_adres_id is not None:
                initial = str(voorkeur.digitaal_adres_id)
            else:
                initial = voorkeur.kanaal
            self.fields[onderwerp.sleutel] = forms.ChoiceField(
                label=onderwerp.naam,
                choices=keuzes,
                widget=forms.RadioSelect,
                initial=initial,
            )


@require_http_methods(["GET", "POST"])
@inlog_vereist(Functie.WIJZIGEN)
def onderwerpen(request: HttpRequest) -> HttpResponse:
    wie = _wie(request)
    partij = wie.partij()
    form = OnderwerpenForm(request.POST if request.method == "POST" else None, partij=partij)
    if request.method == "POST" and form.is_valid():
        by = wie.wijziging()
        gekozen = any(form.cleaned_data[naam] != GEEN for naam in form.fields)
        try:
            with transaction.atomic():
                # Nothing chosen by someone Klantbeeld does not know: nothing to keep (R3).
                if partij is not None or gekozen:
                    _bewaar_onderwerpen(partij or wie.maak_partij(by), form, by)
        except ValidationError as fout:
            form.add_error(None, fout.messages)
        else:
            log_inzage(
                wie,
                handeling="Voorkeur per onderwerp kiezen",
                soorten_gegevens=["contactvoorkeuren"],
                actie="Wijzigen",
            )
            return _naar_overzicht("onderwerpen", "onderwerpen")
    log_inzage(wie, handeling=HANDELING, soorten_gegevens=["contactgegevens", "contactvoorkeuren"])
    return render(
        request,
        "portal/gegevens_onderwerpen.html",
        {"form": form, "onbevestigd": partij is not None and _heeft_onbevestigd(partij)},
        status=400 if form.errors else 200,
    )


def _heeft_onbevestigd(partij: Partij) -> bool:
    return DigitaalAdres.objects.filter(
        verstrekt_door_partij=partij,
        soort_digitaal_adres=SoortDigitaalAdres.EMAIL,
        verificatie_datum=None,
    ).exists()


def _bewaar_onderwerpen(partij: Partij, form: OnderwerpenForm, by: ChangeContext) -> None:
    huidig = onderwerpvoorkeuren.voorkeuren_van(partij)
    for onderwerp in onderwerpvoorkeuren.onderwerpen():
        keuze = form.cleaned_data[onderwerp.sleutel]
        bestaand = huidig.get(onderwerp.sleutel)
        if keuze == GEEN:
            if bestaand is not None:
                onderwerpvoorkeuren.verwijder_voorkeur(partij, onderwerp, by)
            continue
        adres = form.adressen.get(keuze)
        kanaal = onderwerpvoorkeuren.kanaal_van(adres) if adres is not None else keuze
        if (
            bestaand is not None
            and bestaand.kanaal == kanaal
            and bestaand.digitaal_adres_id == (adres.pk if adres is not None else None)
        ):
            continue  # unchanged: no audit entry, no notification
        onderwerpvoorkeuren.zet_voorkeur(
            partij, onderwerp, kanaal=kanaal, digitaal_adres=adres, by=by
        )
