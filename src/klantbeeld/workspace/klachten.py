"""Complaints in the workspace (docs/klachten.md): the list for klachtbehandelaars and
team leaders, one complaint with its one timeline (C9127) and its actions as small forms,
the dossier for the next step, and "Maak klacht" from a klantcontact. The rules are the
domain's (``domain/services/klachten.py``); every look-up is logged with the purpose
"klachtbehandeling"."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from klantbeeld.channels.meldingen.versturen import deelnemer, kanaal_en_adres
from klantbeeld.domain.confidentiality import visible, without_hidden_references
from klantbeeld.domain.models import Actor, Klacht, Klantcontact
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.klachten import (
    Klachtgebeurtenissoort,
    Klachtstatus,
    Klachtuitkomst,
)
from klantbeeld.domain.services import klachten, termijnen
from klantbeeld.domain.services.klachthistorie import dossier as klachtdossier
from klantbeeld.domain.services.klachthistorie import tijdlijn, zaken_van
from klantbeeld.domain.services.meldingen import Ontvanger
from klantbeeld.domain.services.zaken import Contactgegevens, RegisterFout
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.privacy import afschrift, verwerkingen
from klantbeeld.privacy.models import Verwerkingsactiviteit
from klantbeeld.workspace.medewerkers import actor_van, gebruiker, log_verwerking, wie
from klantbeeld.workspace.roles import Rol, rollen_van
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

SCHERM = "klachtbehandeling"
ACTIVITEIT = "Behandelen van klachten over de dienstverlening"
# Who sees complaints; who may turn a contact into one (the KCC takes the call).
KLACHTEN_ZIEN = frozenset({Rol.KLACHTBEHANDELAAR, Rol.TEAMLEIDER})
KLACHT_MAKEN = KLACHTEN_ZIEN | KLANTEN_ZIEN
# "Near its deadline": this many working days or fewer left.
BIJNA = 5


def activiteit() -> Verwerkingsactiviteit:
    """The processing activity of complaints handling, part of the register: the one an
    administrator made the default for this screen, else made on first use."""
    try:
        return verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit:
        gevonden, _ = Verwerkingsactiviteit.objects.get_or_create(
            naam=ACTIVITEIT, defaults={"standaard_voor": [SCHERM]}
        )
        return gevonden


def mag_klachten_zien(request: HttpRequest) -> bool:
    return bool(KLACHTEN_ZIEN.intersection(rollen_van(request.user)))


# -- the list ------------------------------------------------------------------------------


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("open", _("Open")), ("", _("Alle")), *Klachtstatus.choices],
    )
    behandelaar = forms.ChoiceField(
        label=_("Behandelaar"),
        required=False,
        choices=[("", _("Iedereen")), ("mij", _("Ik")), ("geen", _("Nog niemand"))],
    )
    termijn = forms.ChoiceField(
        label=_("Termijn"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("te_laat", _("Verstreken")),
            ("bijna", _("Verloopt binnen 5 werkdagen")),
        ],
    )


@dataclass(frozen=True)
class Rij:
    klacht: Klacht
    termijn: str
    te_laat: bool
    bijna: bool


def termijn_in_woorden(klacht: Klacht, vandaag: datetime.date | None = None) -> str:
    """The term as the handler reads it: the date, and how many working days are left."""
    datum = formats.date_format(klacht.termijn_einde, "j F Y")
    if not klachten.is_open(klacht):
        return datum
    over = klachten.werkdagen_over(klacht, vandaag)
    if over < 0:
        return ngettext(
            "%(datum)s: %(dagen)s werkdag te laat",
            "%(datum)s: %(dagen)s werkdagen te laat",
            -over,
        ) % {"datum": datum, "dagen": -over}
    if over == 0:
        return gettext("%(datum)s: vandaag de laatste dag") % {"datum": datum}
    return ngettext(
        "%(datum)s: nog %(dagen)s werkdag",
        "%(datum)s: nog %(dagen)s werkdagen",
        over,
    ) % {"datum": datum, "dagen": over}


@rol_vereist(KLACHTEN_ZIEN)
def lijst(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or {"status": "open"})
    filters = form.cleaned_data if form.is_valid() else {"status": "open"}
    vandaag = timezone.localdate()
    rijen = []
    for klacht in _gefilterd(request, filters, vandaag):
        over = klachten.werkdagen_over(klacht, vandaag) if klachten.is_open(klacht) else None
        rijen.append(
            Rij(
                klacht,
                termijn_in_woorden(klacht, vandaag),
                te_laat=over is not None and over < 0,
                bijna=over is not None and 0 <= over <= BIJNA,
            )
        )
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Klachten bekijken",
        activiteit=activiteit(),
        partijen=[r.klacht.klager for r in rijen if r.klacht.klager is not None],
        soorten_gegevens=("naam", "klachten"),
    )
    return render(request, "workspace/klachten.html", {"form": form, "rijen": rijen})


def _gefilterd(
    request: HttpRequest, filters: dict[str, Any], vandaag: datetime.date
) -> QuerySet[Klacht]:
    # A complainant under geheimhouding is no one on the list for who may not see them
    # (R12). Only here: the rows of the list are never saved, whereas the complaint's own
    # page hands its row to the services, which save it whole.
    klachtenlijst = without_hidden_references(
        Klacht.objects.select_related("klager", "behandelaar"), "klager"
    ).order_by("termijn_einde", "nummer")
    status = filters.get("status")
    if status == "open":
        klachtenlijst = klachtenlijst.filter(status__in=klachten.OPEN)
    elif status:
        klachtenlijst = klachtenlijst.filter(status=status)
    if filters.get("behandelaar") == "mij":
        klachtenlijst = klachtenlijst.filter(behandelaar=actor_van(gebruiker(request)))
    elif filters.get("behandelaar") == "geen":
        klachtenlijst = klachtenlijst.filter(behandelaar__isnull=True)
    # A term is of an open complaint only: a decided one's has no more meaning.
    if filters.get("termijn") == "te_laat":
        klachtenlijst = klachtenlijst.filter(status__in=klachten.OPEN, termijn_einde__lt=vandaag)
    elif filters.get("termijn") == "bijna":
        klachtenlijst = klachtenlijst.filter(
            status__in=klachten.OPEN,
            termijn_einde__gte=vandaag,
            termijn_einde__lte=termijnen.werkdagen_later(vandaag, BIJNA),
        )
    return klachtenlijst[:500]


# -- the action forms ----------------------------------------------------------------------


def _medewerkers() -> QuerySet[Actor]:
    return Actor.objects.filter(soort_actor=SoortActor.MEDEWERKER, indicatie_actief=True).order_by(
        "naam"
    )


class ToewijzenForm(forms.Form):
    behandelaar = forms.ModelChoiceField(
        label=_("Behandelaar"),
        queryset=Actor.objects.none(),
        empty_label=_("Kies een behandelaar"),
        error_messages={"required": _("Kies wie de klacht behandelt.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["behandelaar"].queryset = _medewerkers()  # type: ignore[attr-defined]


class BetreftForm(forms.Form):
    actoren = forms.ModelMultipleChoiceField(
        label=_("Over de gedraging van"),
        queryset=Actor.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Wie de klacht betreft, mag haar niet behandelen."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actoren"].queryset = Actor.objects.filter(  # type: ignore[attr-defined]
            soort_actor__in=[SoortActor.MEDEWERKER, SoortActor.ORGANISATORISCHE_EENHEID],
            indicatie_actief=True,
        ).order_by("naam")


class BriefForm(forms.Form):
    onderwerp = forms.CharField(
        label=_("Onderwerp van de brief"),
        max_length=200,
        error_messages={"required": _("Vul het onderwerp van de brief in.")},
    )
    tekst = forms.CharField(
        label=_("Tekst van de brief"),
        widget=forms.Textarea,
        max_length=8000,
        error_messages={"required": _("Vul de tekst van de brief in.")},
    )


class BevestigenForm(BriefForm):
    pass


class HorenForm(forms.Form):
    gehoord_op = forms.DateField(
        label=_("Gehoord op"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Vul de datum van het horen in."),
            "invalid": _("Vul een datum in."),
        },
    )
    verslag = forms.CharField(
        label=_("Verslag van het horen"),
        widget=forms.Textarea,
        error_messages={"required": _("Vat samen wat er is besproken.")},
    )


class AfzienForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden om af te zien van horen"),
        widget=forms.Textarea,
        help_text=_(
            "Alleen als de klacht kennelijk ongegrond is, de klager niet gehoord wil worden, "
            "of niet op tijd heeft gereageerd (Awb 9:10 lid 2)."
        ),
        error_messages={"required": _("Geef de reden.")},
    )


class CommissieForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting voor de commissie"),
        widget=forms.Textarea,
        required=False,
    )


class VerdagenForm(BriefForm):
    weken = forms.IntegerField(
        label=_("Aantal weken"),
        min_value=1,
        error_messages={
            "required": _("Vul het aantal weken in."),
            "invalid": _("Vul een heel aantal weken in."),
            "min_value": _("Verdaag met ten minste 1 week."),
        },
    )
    reden = forms.CharField(
        label=_("Reden van de verdaging"),
        widget=forms.Textarea,
        help_text=_("Komt in de brief aan de klager."),
        error_messages={"required": _("Geef de reden van de verdaging.")},
    )
    field_order = ["weken", "reden", "onderwerp", "tekst"]


class BeslissenForm(BriefForm):
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("Kies de uitkomst")), *Klachtuitkomst.choices],
        error_messages={"required": _("Kies de uitkomst.")},
    )
    motivering = forms.CharField(
        label=_("Bevindingen, oordeel en conclusies"),
        widget=forms.Textarea,
        error_messages={"required": _("Schrijf de bevindingen en het oordeel op.")},
    )
    maatregelen = forms.CharField(label=_("Maatregelen"), widget=forms.Textarea, required=False)
    field_order = ["uitkomst", "motivering", "maatregelen", "onderwerp", "tekst"]


class DoorverwijzenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting bij de doorverwijzing"), widget=forms.Textarea, required=False
    )


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=_("Hoe en waarom de klager de klacht introk"),
        widget=forms.Textarea,
        error_messages={"required": _("Noteer hoe en waarom.")},
    )


@dataclass(frozen=True)
class Actie:
    # The log's name of the action (data, not interface: Dutch), and what the page shows.
    handeling: str
    titel: Any
    knop: Any
    form: type[forms.Form]
    # Whether the action is offered for the complaint in its state now.
    kan: Callable[[Klacht], bool]
    # Whether it sends a letter to the complainant (then the channel is shown).
    brief: bool = False


def _open(klacht: Klacht) -> bool:
    return klachten.is_open(klacht)


ACTIES: dict[str, Actie] = {
    "toewijzen": Actie(
        "Behandelaar toewijzen", _("Behandelaar toewijzen"), _("Toewijzen"), ToewijzenForm, _open
    ),
    "betreft": Actie(
        "Betrokkenen vastleggen", _("Over wie gaat de klacht"), _("Vastleggen"), BetreftForm, _open
    ),
    "bevestigen": Actie(
        "Ontvangst bevestigen",
        _("Ontvangst bevestigen"),
        _("Bevestiging versturen"),
        BevestigenForm,
        lambda k: _open(k) and k.bevestigd_op is None,
        brief=True,
    ),
    "horen": Actie(
        "Horen vastleggen", _("Klager gehoord"), _("Horen vastleggen"), HorenForm, _open
    ),
    "afzien": Actie(
        "Afzien van horen", _("Afzien van horen"), _("Afzien vastleggen"), AfzienForm, _open
    ),
    "commissie": Actie(
        "Voorleggen aan klachtencommissie",
        _("Voorleggen aan de klachtencommissie"),
        _("Voorleggen"),
        CommissieForm,
        lambda k: _open(k) and not k.commissie,
    ),
    "verdagen": Actie(
        "Termijn verdagen",
        _("Termijn verdagen"),
        _("Verdagen en brief versturen"),
        VerdagenForm,
        lambda k: _open(k) and k.verdaagd_op is None,
        brief=True,
    ),
    "beslissen": Actie(
        "Besluiten", _("Besluiten"), _("Besluit versturen"), BeslissenForm, _open, brief=True
    ),
    "brief": Actie(
        "Brief sturen",
        _("Brief sturen"),
        _("Brief versturen"),
        BriefForm,
        lambda k: k.status != Klachtstatus.INGETROKKEN,
        brief=True,
    ),
    "doorverwijzen": Actie(
        "Doorverwijzen",
        _("Doorverwijzen naar de volgende stap"),
        _("Doorverwijzing vastleggen"),
        DoorverwijzenForm,
        lambda k: (
            k.status == Klachtstatus.AFGEHANDELD
            and k.uitkomst != Klachtuitkomst.INFORMEEL
            and k.doorverwezen_op is None
        ),
    ),
    "intrekken": Actie(
        "Intrekking vastleggen",
        _("Klacht ingetrokken"),
        _("Intrekking vastleggen"),
        IntrekkenForm,
        _open,
    ),
}


def _beginwaarden(klacht: Klacht, naam: str) -> dict[str, Any]:
    if naam == "toewijzen":
        return {"behandelaar": klacht.behandelaar_id}
    if naam == "betreft":
        return {"actoren": list(klacht.betreft_actoren.all())}
    if naam == "horen":
        return {"gehoord_op": timezone.localdate()}
    if naam == "verdagen":
        onderwerp, tekst = klachten.brieftekst(klacht, Klachtgebeurtenissoort.VERDAAGD)
        return {
            "weken": settings.KLANTBEELD_KLACHT_VERDAGING_MAX_WEKEN,
            "onderwerp": onderwerp,
            "tekst": tekst,
        }
    soort = {
        "bevestigen": Klachtgebeurtenissoort.BEVESTIGD,
        "beslissen": Klachtgebeurtenissoort.BESLOTEN,
    }.get(naam)
    if soort is not None:
        onderwerp, tekst = klachten.brieftekst(klacht, soort)
        return {"onderwerp": onderwerp, "tekst": tekst}
    return {}


def _forms(klacht: Klacht, fout: tuple[str, forms.Form] | None = None) -> dict[str, forms.Form]:
    gevonden = {}
    for naam, actie in ACTIES.items():
        if fout is not None and fout[0] == naam:
            gevonden[naam] = fout[1]
        elif actie.kan(klacht):
            gevonden[naam] = actie.form(prefix=naam, initial=_beginwaarden(klacht, naam))
    return gevonden


# -- letters -------------------------------------------------------------------------------


def adressering(klacht: Klacht) -> klachten.Adressering | str:
    """The complainant's preferred channel and address (R7's order, the channels that are
    set up), or why there is none."""
    ontvanger = _ontvanger(klacht)
    gekozen = kanaal_en_adres(ontvanger)
    if isinstance(gekozen, str):
        return gekozen
    kanaal, adres = gekozen
    return klachten.Adressering(
        kanaal, adres, klachten.naam_klager(klacht), deelnemer(ontvanger, kanaal, adres)
    )


def _ontvanger(klacht: Klacht) -> Ontvanger:
    if klacht.klager is not None:
        return Ontvanger(partij=klacht.klager)
    email = telefoon = ""
    if klacht.ontvangen_in is not None:
        for betrokkene in klacht.ontvangen_in.betrokkenen.all():
            for adres in betrokkene.digitale_adressen.all():
                if adres.soort_digitaal_adres == "email":
                    email = email or adres.adres
                elif adres.soort_digitaal_adres == "telefoonnummer":
                    telefoon = telefoon or adres.adres
    return Ontvanger(contact=Contactgegevens(klacht.klager_naam, email, telefoon))


# -- one complaint -------------------------------------------------------------------------


def _klacht(uuid_: uuid.UUID) -> Klacht:
    gevonden = (
        Klacht.objects.select_related("klager", "behandelaar", "ontvangen_in")
        .filter(uuid=uuid_)
        .first()
    )
    if gevonden is None:
        raise Http404("Geen klacht met dit kenmerk.")
    return gevonden


def _toon(
    request: HttpRequest,
    klacht: Klacht,
    fout: tuple[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Klacht bekijken",
        activiteit=activiteit(),
        partijen=[klacht.klager] if klacht.klager is not None else [],
        soorten_gegevens=("naam", "klachten", "klantcontacten"),
        vertrouwelijk=klacht.ontvangen_in is not None and klacht.ontvangen_in.vertrouwelijk,
    )
    gericht = adressering(klacht)
    return render(
        request,
        "workspace/klacht.html",
        {
            "klacht": klacht,
            "termijn": termijn_in_woorden(klacht),
            "tijdlijn": tijdlijn(klacht),
            "zaken": zaken_van(klacht),
            "betreft": list(klacht.betreft_actoren.all()),
            "acties": [(naam, ACTIES[naam], form) for naam, form in _forms(klacht, fout).items()],
            "adressering": gericht if not isinstance(gericht, str) else None,
            "geen_adres": gericht if isinstance(gericht, str) else "",
            "vervolg": klachten.vervolgzin(),
            "kan_contacten_zien": bool(KLANTEN_ZIEN.intersection(rollen_van(request.user))),
        },
        status=status,
    )


@rol_vereist(KLACHTEN_ZIEN)
def klacht(request: HttpRequest, klacht: uuid.UUID) -> HttpResponse:
    return _toon(request, _klacht(klacht))


@require_POST
@rol_vereist(KLACHTEN_ZIEN)
def actie(request: HttpRequest, klacht: uuid.UUID, naam: str) -> HttpResponse:
    gevonden = _klacht(klacht)
    beschrijving = ACTIES.get(naam)
    if beschrijving is None:
        raise Http404("Geen actie met deze naam.")
    form = beschrijving.form(request.POST, prefix=naam)
    if form.is_valid():
        try:
            melding = _voer_uit(request, gevonden, naam, form.cleaned_data)
        except ValidationError as error:
            for bericht in error.messages:
                form.add_error(None, bericht)
        except RegisterFout as error:
            form.add_error(None, gettext("De brief is niet verstuurd: %(fout)s") % {"fout": error})
        else:
            log_verwerking(
                request,
                actie="Wijzigen",
                handeling=f"Klacht: {beschrijving.handeling}",
                activiteit=activiteit(),
                partijen=[gevonden.klager] if gevonden.klager is not None else [],
                soorten_gegevens=("klachten",),
            )
            messages.success(request, melding)
            return redirect("workspace:klacht", klacht=gevonden.uuid)
    gevonden.refresh_from_db()
    return _toon(request, gevonden, (naam, form), status=400)


def _voer_uit(request: HttpRequest, klacht: Klacht, naam: str, data: dict[str, Any]) -> str:
    user = gebruiker(request)
    door, by = actor_van(user), wie(user)
    if naam == "toewijzen":
        klachten.wijs_toe(klacht, data["behandelaar"], door=door, by=by)
        return gettext("%(naam)s behandelt de klacht.") % {"naam": data["behandelaar"].naam}
    if naam == "betreft":
        klachten.zet_betreft(klacht, list(data["actoren"]), door=door, by=by)
        return gettext("Vastgelegd over wie de klacht gaat.")
    if naam == "horen":
        klachten.hoor(
            klacht, gehoord_op=data["gehoord_op"], verslag=data["verslag"], door=door, by=by
        )
        return gettext("Het horen is vastgelegd.")
    if naam == "afzien":
        klachten.zie_af_van_horen(klacht, reden=data["reden"], door=door, by=by)
        return gettext("Vastgelegd dat van horen wordt afgezien.")
    if naam == "commissie":
        klachten.leg_voor_aan_commissie(klacht, toelichting=data["toelichting"], door=door, by=by)
        return gettext("Voorgelegd aan de klachtencommissie; de termijn is nu %(termijn)s.") % {
            "termijn": termijn_in_woorden(klacht)
        }
    if naam == "doorverwijzen":
        klachten.verwijs_door(klacht, toelichting=data["toelichting"], door=door, by=by)
        return gettext("Doorverwezen; download het dossier voor de volgende stap.")
    if naam == "intrekken":
        klachten.trek_in(klacht, reden=data["reden"], door=door, by=by)
        return gettext("De klacht is ingetrokken.")
    return _met_brief(klacht, naam, data, door, by)


def _met_brief(klacht: Klacht, naam: str, data: dict[str, Any], door: Actor, by: Any) -> str:
    gericht = adressering(klacht)
    if isinstance(gericht, str):
        raise ValidationError(gericht)
    brief = klachten.Brief(data["onderwerp"], data["tekst"], gericht)
    with ZgwZakenregister(by=by) as register:
        if naam == "bevestigen":
            klachten.bevestig_ontvangst(klacht, brief, door=door, by=by, register=register)
            return gettext("De ontvangstbevestiging is verstuurd.")
        if naam == "verdagen":
            klachten.verdaag(
                klacht,
                weken=data["weken"],
                reden=data["reden"],
                brief=brief,
                door=door,
                by=by,
                register=register,
            )
            return gettext("De termijn is verdaagd tot %(termijn)s; de brief is verstuurd.") % {
                "termijn": formats.date_format(klacht.termijn_einde, "j F Y")
            }
        if naam == "beslissen":
            klachten.beslis(
                klacht,
                uitkomst=data["uitkomst"],
                motivering=data["motivering"],
                maatregelen=data["maatregelen"],
                brief=brief,
                door=door,
                by=by,
                register=register,
            )
            return gettext("Het besluit is vastgelegd en de brief is verstuurd.")
        klachten.stuur_brief(klacht, brief, door=door, by=by, register=register)
        return gettext("De brief is verstuurd.")


@rol_vereist(KLACHTEN_ZIEN)
def dossier(request: HttpRequest, klacht: uuid.UUID, formaat: str) -> HttpResponse:
    """The dossier for the next step, as PDF to read or JSON to take along."""
    gevonden = _klacht(klacht)
    if formaat not in ("pdf", "json"):
        raise Http404("Geen dossier in dit formaat.")
    stukken = klachtdossier(gevonden)
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Klachtdossier downloaden",
        activiteit=activiteit(),
        partijen=[gevonden.klager] if gevonden.klager is not None else [],
        soorten_gegevens=("naam", "klachten", "klantcontacten"),
    )
    if formaat == "pdf":
        inhoud, soort = afschrift.als_pdf(stukken), "application/pdf"
    else:
        inhoud, soort = afschrift.als_json(stukken), "application/json"
    response = HttpResponse(inhoud, content_type=soort)
    response["Content-Disposition"] = (
        f'attachment; filename="klachtdossier-{gevonden.nummer}.{formaat}"'
    )
    return response


# -- from a contact ------------------------------------------------------------------------


class MaakKlachtForm(forms.Form):
    omschrijving = forms.CharField(
        label=_("Waarover gaat de klacht"),
        widget=forms.Textarea,
        max_length=4000,
        required=False,
        help_text=_("Leeg: de vraag of aanleiding van het contact."),
    )


def klacht_van(klantcontact: Klantcontact) -> Klacht | None:
    return Klacht.objects.filter(
        Q(ontvangen_in=klantcontact) | Q(betreft_klantcontacten=klantcontact)
    ).first()


@require_POST
@rol_vereist(KLACHT_MAKEN)
def maak_klacht(request: HttpRequest, klantcontact: uuid.UUID) -> HttpResponse:
    """ "Maak klacht" on a contact: the contact (a call, a mail) becomes the complaint's
    receipt. Whoever cannot see complaints stays on the contact."""
    contact = visible(Klantcontact.objects.filter(uuid=klantcontact)).first()
    if contact is None:
        raise Http404("Geen contact met dit kenmerk.")
    form = MaakKlachtForm(request.POST, prefix="klacht")
    user = gebruiker(request)
    if form.is_valid():
        try:
            with ZgwZakenregister(by=wie(user)) as register:
                nieuw = klachten.registreer_klacht(
                    contact,
                    door=actor_van(user),
                    by=wie(user),
                    omschrijving=form.cleaned_data["omschrijving"],
                    register=register,
                )
        except (ValidationError, RegisterFout) as error:
            fouten = error.messages if isinstance(error, ValidationError) else [str(error)]
            for bericht in fouten:
                messages.error(request, bericht)
        else:
            log_verwerking(
                request,
                actie="Wijzigen",
                handeling="Klacht registreren",
                activiteit=activiteit(),
                partijen=[nieuw.klager] if nieuw.klager is not None else [],
                soorten_gegevens=("klachten", "klantcontacten"),
                vertrouwelijk=contact.vertrouwelijk,
            )
            messages.success(
                request,
                gettext("Klacht %(nummer)s is geregistreerd; beslissen uiterlijk %(datum)s.")
                % {
                    "nummer": nieuw.nummer,
                    "datum": formats.date_format(nieuw.termijn_einde, "j F Y"),
                },
            )
            if mag_klachten_zien(request):
                return redirect("workspace:klacht", klacht=nieuw.uuid)
    else:
        for veldfouten in form.errors.values():
            for veldfout in veldfouten:
                messages.error(request, str(veldfout))
    return redirect("workspace:contact_detail", klantcontact=contact.uuid)


def blok(request: HttpRequest, contact: Klantcontact) -> dict[str, Any]:
    """What a contact's page shows of complaints: its complaint, or the form to make one."""
    if not KLACHT_MAKEN.intersection(rollen_van(request.user)):
        return {}
    bestaand = klacht_van(contact)
    return {
        "klacht": bestaand,
        "klacht_zichtbaar": mag_klachten_zien(request),
        "klacht_form": None if bestaand is not None else MaakKlachtForm(prefix="klacht"),
    }
