"""One zaak in the workspace (GEMMA flows 1 to 4 of the Relatiebeheercomponent; C9127, C8404):
its data, status history, hoofdzaak and deelzaken, besluiten, the betrokkenen the viewer
may see, its documents within the viewer's confidentiality (downloaded through Klantbeeld)
and one timeline of the klantcontacten about it, their follow-up and their tasks. Reached
from the customer view, a contact, a task.

Two writes, only while the zaak runs (no einddatum) and as its zaaktype allows: a
klantcontact about the zaak, and a late document (nagekomen stuk) of a type the zaaktype
allows, recorded by a klantcontact; both through the domain's intake service, the register
links through the outbox. Every look-up, download and write is logged with its purpose.

A zaak is addressed by its register (the ZgwService's key) and its uuid. One the viewer may
not see (more confidential than their roles allow, or unknown) is the 404 of any unknown
page: nothing says it exists."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Partij, PartijIdentificator
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services.intake import (
    Contactaanmelding,
    Deelnemer,
    registreer_contact,
)
from klantbeeld.domain.services.zaakhistorie import Zaakhistorie, zaakhistorie
from klantbeeld.domain.services.zaken import RegisterFout, Zaakverwijzing
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.client import ZgwError
from klantbeeld.integrations.zgw.koppelingen import (
    Koppeling,
    mislukte_koppelingen,
    wachtende_koppelingen,
)
from klantbeeld.integrations.zgw.register import Documenttype, ZgwZakenregister
from klantbeeld.integrations.zgw.zaken import (
    Rol,
    Storing,
    Zaak,
    een_zaak,
)
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.contact import als_document, controleer_bijlage, kanalen, te_groot
from klantbeeld.workspace.eenmalig import BERICHT, AlVerzonden, eenmaal, tokenveld
from klantbeeld.workspace.medewerkers import (
    actor_van,
    gebruiker,
    log_verwerking,
    niet_geidentificeerd,
    wie,
)
from klantbeeld.workspace.taken import te_openen
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, max_zaak_vertrouwelijkheid, rol_vereist
from klantbeeld.workspace.zaakverwijzingen import zgw_van

SCHERM = "klantbeeld"
SOORTEN_GEGEVENS = ("naam", "zaken", "documenten", "klantcontacten", "interne taken")
# Which of a rol's identifiers names which kind of partij identifier.
IDENTIFICATOREN = (
    ("bsn", CodeSoortObjectId.BSN),
    ("kvk_nummer", CodeSoortObjectId.KVK_NUMMER),
    ("vestigingsnummer", CodeSoortObjectId.VESTIGINGSNUMMER),
    ("rsin", CodeSoortObjectId.RSIN),
)


class ZaakOnbereikbaar(Exception):
    """The register did not answer: whether the zaak exists cannot be said."""


# -- forms --------------------------------------------------------------------------------


class KlantKeuze(forms.Form):
    """Who the contact was with: one of the zaak's own customers (a partij its rollen or
    contacts name); nobody else."""

    inzending = tokenveld()
    klant = forms.ChoiceField(
        label=_("Met wie"), error_messages={"required": _("Kies met wie het contact was.")}
    )
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=kanalen, initial="telefoon")

    def __init__(self, *args: Any, klanten: list[Partij], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.klanten = {str(p.uuid): p for p in klanten}
        self.fields["klant"].choices = [(k, str(p)) for k, p in self.klanten.items()]  # type: ignore[attr-defined]
        if len(klanten) == 1:
            self.fields["klant"].initial = next(iter(self.klanten))

    @property
    def gekozen(self) -> Partij:
        return self.klanten[self.cleaned_data["klant"]]


class ZaakcontactForm(KlantKeuze):
    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        error_messages={"required": _("Geef het contact een onderwerp.")},
    )
    vraag = forms.CharField(
        label=_("Vraag of aanleiding"), max_length=1000, required=False, widget=forms.Textarea
    )
    antwoord = forms.CharField(
        label=_("Antwoord"), max_length=4000, required=False, widget=forms.Textarea
    )
    vertrouwelijk = forms.BooleanField(
        label=_("Vertrouwelijk (alleen zichtbaar voor teamleiders en behandelaars)"),
        required=False,
    )


class NagekomenStukForm(KlantKeuze):
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("Bijvoorbeeld een PDF, een foto of een Word-bestand."),
        error_messages={"required": _("Kies het bestand dat de klant nastuurt.")},
    )
    titel = forms.CharField(
        label=_("Titel van het document"),
        max_length=200,
        required=False,
        help_text=_("Leeg: de naam van het bestand."),
    )
    documenttype = forms.ChoiceField(
        label=_("Soort document"),
        error_messages={"required": _("Kies de soort document.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=1000,
        required=False,
        widget=forms.Textarea,
        help_text=_("Wat de klant nastuurt en waarom."),
    )

    def __init__(self, *args: Any, documenttypen: list[Documenttype], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the types the zaaktype allows: another would be refused by the register.
        self.fields["documenttype"].choices = [(t.url, t.omschrijving) for t in documenttypen]  # type: ignore[attr-defined]
        standaard = [t for t in documenttypen if "bijlage" in t.omschrijving.lower()]
        if standaard or documenttypen:
            self.fields["documenttype"].initial = (standaard or documenttypen)[0].url

    def clean_bestand(self) -> Any:
        return controleer_bijlage(self.cleaned_data.get("bestand"))


# -- reading ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Betrokkene:
    """A rol as the page shows it: with the customer it is in Klantbeeld, if any."""

    rol: Rol
    partij: Partij | None = None


@dataclass
class Zaakpagina:
    register: ZgwService
    zaak: Zaak
    historie: Zaakhistorie
    betrokkenen: list[Betrokkene]
    mislukt: list[Koppeling]
    # Documents of its contacts on their way to the zaak (the outbox links them).
    onderweg: list[Koppeling]
    documenttypen: list[Documenttype] = field(default_factory=list)
    storingen: list[Storing] = field(default_factory=list)

    @property
    def klanten(self) -> list[Partij]:
        """Who a contact about the zaak can be with: its betrokkenen known in Klantbeeld,
        then the customers of its contacts."""
        gezien: dict[Any, Partij] = {}
        for betrokkene in self.betrokkenen:
            if betrokkene.partij is not None:
                gezien.setdefault(betrokkene.partij.pk, betrokkene.partij)
        for kc in self.historie.klantcontacten:
            if kc.pk in self.historie.direct:
                for b in kc.betrokkenen.all():
                    if b.was_partij is not None:
                        gezien.setdefault(b.was_partij.pk, b.was_partij)
        return list(gezien.values())

    @property
    def verwijzing(self) -> Zaakverwijzing:
        return verwijzing(self.zaak)

    @property
    def open(self) -> bool:
        return not self.zaak.afgesloten


def verwijzing(zaak: Zaak) -> Zaakverwijzing:
    return Zaakverwijzing(
        url=zaak.url, uuid=zaak.uuid, identificatie=zaak.identificatie, zaaktype=zaak.zaaktype_url
    )


def _zaak(request: HttpRequest, register: int, zaak: uuid.UUID) -> tuple[ZgwService, Zaak]:
    """The zaak if the viewer may see it; else the 404 of an unknown page."""
    service = ZgwService.objects.filter(pk=register, soort=Soort.ZAKEN, actief=True).first()
    if service is None:
        raise Http404("Geen zaak met dit kenmerk.")
    try:
        with zgw_van(request) as zgw:
            gevonden = een_zaak(
                service,
                str(zaak),
                max_vertrouwelijkheid=max_zaak_vertrouwelijkheid(request),
                client=zgw,
            )
    except ZgwError as fout:
        raise ZaakOnbereikbaar(str(fout)) from fout
    if gevonden is None:
        raise Http404("Geen zaak met dit kenmerk.")
    return service, gevonden


def _pagina(request: HttpRequest, service: ZgwService, zaak: Zaak) -> Zaakpagina:
    historie = zaakhistorie(zaak.uuid, zaak.url)
    direct = [kc for kc in historie.klantcontacten if kc.pk in historie.direct]
    pagina = Zaakpagina(
        register=service,
        zaak=zaak,
        historie=historie,
        betrokkenen=betrokkenen(zaak.rollen),
        mislukt=[m for m in mislukte_koppelingen(direct) if m.over(zaak.uuid, zaak.url)],
        onderweg=[
            k
            for k in wachtende_koppelingen(direct)
            if k.soort == "document" and k.over(zaak.uuid, zaak.url)
        ],
        storingen=list(zaak.storingen),
    )
    if pagina.open:
        pagina.documenttypen, storing = _documenttypen(request, zaak)
        pagina.storingen += storing
    return pagina


def _documenttypen(request: HttpRequest, zaak: Zaak) -> tuple[list[Documenttype], list[Storing]]:
    try:
        with ZgwZakenregister(by=wie(gebruiker(request))) as register:
            return register.documenttypen(verwijzing(zaak)), []
    except RegisterFout as fout:
        return [], [Storing("", gettext("documentsoorten van het zaaktype: %s") % fout)]


def betrokkenen(rollen: list[Rol]) -> list[Betrokkene]:
    """The rollen the viewer may see, each with its customer in Klantbeeld (found by the
    rol's identifiers). A rol naming a partij the viewer may not see (geheimhouding) is
    left out: that person is not there for them."""
    gezocht = {
        (soort, waarde)
        for rol in rollen
        for veld, soort in IDENTIFICATOREN
        if (waarde := getattr(rol, veld))
    }
    if not gezocht:
        return [Betrokkene(rol) for rol in rollen]
    waarden = {waarde for _, waarde in gezocht}
    rijen = list(
        PartijIdentificator.objects.filter(partij_identificator_object_id__in=waarden)
        .select_related("identificeerde_partij")
        .order_by("pk")
    )
    zichtbaar = set(
        visible(
            Partij.objects.filter(pk__in=[r.identificeerde_partij_id for r in rijen])
        ).values_list("pk", flat=True)
    )
    per_nummer: dict[tuple[str, str], Partij] = {}
    for rij in rijen:
        sleutel = (
            rij.partij_identificator_code_soort_object_id,
            rij.partij_identificator_object_id,
        )
        if sleutel in gezocht and rij.identificeerde_partij is not None:
            per_nummer.setdefault(sleutel, rij.identificeerde_partij)
    uitkomst = []
    for rol in rollen:
        partijen = [
            per_nummer[(soort, waarde)]
            for veld, soort in IDENTIFICATOREN
            if (waarde := getattr(rol, veld)) and (soort, waarde) in per_nummer
        ]
        if any(p.pk not in zichtbaar for p in partijen):
            continue
        uitkomst.append(Betrokkene(rol, partijen[0] if partijen else None))
    return uitkomst


def _log_inzage(
    request: HttpRequest,
    pagina: Zaakpagina,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    handeling: str,
    soorten_gegevens: Iterable[str] = SOORTEN_GEGEVENS,
) -> None:
    """The persons whose data the page shows: the zaak's betrokkenen (in Klantbeeld by
    their partij, else by their BSN) and those of the contacts on the timeline."""
    partijen = [b.partij for b in pagina.betrokkenen if b.partij is not None]
    partijen += [p for p in pagina.historie.partijen if p not in partijen]
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling=handeling,
        activiteit=activiteit,
        partijen=partijen,
        soorten_gegevens=tuple(soorten_gegevens),
        vertrouwelijk=pagina.historie.vertrouwelijk,
        objecten=[
            *(("BSN", b.rol.bsn) for b in pagina.betrokkenen if b.partij is None and b.rol.bsn),
            *niet_geidentificeerd(pagina.historie.betrokkenen),
        ],
    )


# -- views --------------------------------------------------------------------------------


def zaakpagina(view: Any) -> Any:
    """What every zaak page shares: the purpose of the look-up, the zaak the viewer may
    see (else the 404), and a page that says so when the register does not answer."""

    def wrapped(request: HttpRequest, register: int, zaak: uuid.UUID, **kwargs: Any) -> Any:
        try:
            activiteit = verwerkingen.kies_activiteit(SCHERM, request.GET.get("doel"))
        except verwerkingen.GeenVerwerkingsactiviteit as error:
            return render(request, "workspace/zaak.html", {"fout": str(error)}, status=400)
        try:
            service, gevonden = _zaak(request, register, zaak)
        except ZaakOnbereikbaar as fout:
            tekst = gettext("Het zaaksysteem gaf geen antwoord: %(fout)s") % {"fout": fout}
            return render(request, "workspace/zaak.html", {"fout": tekst}, status=502)
        return view(request, service, gevonden, activiteit, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return rol_vereist(KLANTEN_ZIEN)(wrapped)


@zaakpagina
def zaak(
    request: HttpRequest,
    service: ZgwService,
    gevonden: Zaak,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    pagina = _pagina(request, service, gevonden)
    _log_inzage(request, pagina, activiteit, "Zaak bekijken")
    return _toon(request, pagina, activiteit)


def _toon(
    request: HttpRequest,
    pagina: Zaakpagina,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    status: int = 200,
    **formulieren: forms.Form,
) -> HttpResponse:
    klanten = pagina.klanten
    context = {
        "pagina": pagina,
        "zaak": pagina.zaak,
        "doel": activiteit,
        "contact_form": formulieren.get("contact_form")
        or ZaakcontactForm(
            klanten=klanten,
            prefix="contact",
            initial={"onderwerp": pagina.zaak.omschrijving[:200]},
        ),
        "stuk_form": formulieren.get("stuk_form")
        or NagekomenStukForm(klanten=klanten, documenttypen=pagina.documenttypen, prefix="stuk"),
        "klanten": klanten,
        "te_openen_taken": te_openen(request, pagina.historie.taken),
        # The actions' URLs take only POST: a language switch returns to the zaak's page.
        "taalkeuze_terug": _url(pagina, activiteit),
    }
    return render(request, "workspace/zaak.html", context, status=status)


def _url(pagina: Zaakpagina, activiteit: verwerkingen.Verwerkingsactiviteit) -> str:
    url = reverse("workspace:zaak", args=[pagina.register.pk, pagina.zaak.uuid])
    return f"{url}?doel={activiteit.pk}"


@require_POST
@zaakpagina
def contact_toevoegen(
    request: HttpRequest,
    service: ZgwService,
    gevonden: Zaak,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    """GEMMA flow 2: a klantcontact about the zaak (a call, a visit), while it runs."""
    pagina = _pagina(request, service, gevonden)
    form = ZaakcontactForm(request.POST, klanten=pagina.klanten, prefix="contact")
    if not pagina.open:
        form.add_error(None, _afgesloten(gevonden))
    if not form.is_valid():
        return _toon(request, pagina, activiteit, 400, contact_form=form)
    data = form.cleaned_data
    aanmelding = Contactaanmelding(
        kanaal=data["kanaal"],
        onderwerp=data["onderwerp"],
        inhoud=data["vraag"],
        reactie=data["antwoord"],
        vertrouwelijk=data["vertrouwelijk"],
        deelnemers=[Deelnemer(partij=form.gekozen)],
        actoren=[actor_van(gebruiker(request))],
        zaak=pagina.verwijzing,
    )
    return _registreer(
        request,
        pagina,
        activiteit,
        form,
        aanmelding,
        handeling="Contact over zaak vastleggen",
        soorten_gegevens=("naam", "klantcontacten", "zaken"),
        fout=lambda f: _toon(request, pagina, activiteit, 400, contact_form=f),
    )


@require_POST
@zaakpagina
def document_toevoegen(
    request: HttpRequest,
    service: ZgwService,
    gevonden: Zaak,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    """GEMMA flow 4: a late document (nagekomen stuk) for the zaak, of a type its zaaktype
    allows, stored in the Documenten API and related to the zaak; a klantcontact records
    it."""
    if (weigering := te_groot(request)) is not None:
        return weigering
    pagina = _pagina(request, service, gevonden)
    form = NagekomenStukForm(
        request.POST,
        request.FILES,
        klanten=pagina.klanten,
        documenttypen=pagina.documenttypen,
        prefix="stuk",
    )
    if not pagina.open:
        form.add_error(None, _afgesloten(gevonden))
    elif not pagina.documenttypen:
        form.add_error(None, gettext("Het zaaktype van deze zaak staat geen documenten toe."))
    if not form.is_valid():
        return _toon(request, pagina, activiteit, 400, stuk_form=form)
    data = form.cleaned_data
    document = dataclasses.replace(
        als_document(data["bestand"]),
        titel=(data["titel"] or data["bestand"].name or gettext("Nagekomen stuk"))[:200],
        beschrijving=data["toelichting"],
        informatieobjecttype=data["documenttype"],
    )
    aanmelding = Contactaanmelding(
        kanaal=data["kanaal"],
        # The register's texts are Dutch whatever language the employee chose.
        onderwerp=f"Nagekomen stuk voor {gevonden.identificatie}",
        inhoud=data["toelichting"] or f"Nagekomen stuk: {document.titel}",
        deelnemers=[Deelnemer(partij=form.gekozen)],
        actoren=[actor_van(gebruiker(request))],
        zaak=pagina.verwijzing,
        documenten=[document],
    )
    return _registreer(
        request,
        pagina,
        activiteit,
        form,
        aanmelding,
        handeling="Nagekomen stuk toevoegen",
        soorten_gegevens=("naam", "klantcontacten", "zaken", "documenten"),
        fout=lambda f: _toon(request, pagina, activiteit, 400, stuk_form=f),
    )


def _afgesloten(zaak: Zaak) -> str:
    return gettext(
        "Zaak %(zaak)s is afgesloten: er kan niets meer aan worden toegevoegd. Leg het "
        "contact vast bij de klant."
    ) % {"zaak": zaak.identificatie}


def _registreer(
    request: HttpRequest,
    pagina: Zaakpagina,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    form: KlantKeuze,
    aanmelding: Contactaanmelding,
    *,
    handeling: str,
    soorten_gegevens: tuple[str, ...],
    fout: Callable[[forms.Form], HttpResponse],
) -> HttpResponse:
    """Register the contact (with its document) as one unit, once per form; a refusal
    goes on the form and nothing is kept."""
    by = wie(gebruiker(request))
    try:
        with ZgwZakenregister(by=by) as register, transaction.atomic():
            eenmaal(form.cleaned_data.get("inzending"))
            klantcontact = registreer_contact(aanmelding, by, register=register).klantcontact
    except AlVerzonden:
        messages.info(request, BERICHT)
        return redirect(_url(pagina, activiteit))
    except ValidationError as error:
        for naam, fouten in getattr(error, "error_dict", {None: error.messages}).items():
            veld = naam.rsplit(".", 1)[-1] if naam else None
            form.add_error(veld if veld in form.fields else None, fouten)
        return fout(form)
    except RegisterFout as error:
        form.add_error(None, gettext("Niet vastgelegd: %(fout)s") % {"fout": error})
        return fout(form)
    assert klantcontact is not None
    log_verwerking(
        request,
        actie="Registreren",
        handeling=handeling,
        activiteit=activiteit,
        partijen=[form.gekozen],
        soorten_gegevens=soorten_gegevens,
        vertrouwelijk=klantcontact.vertrouwelijk,
    )
    messages.success(
        request,
        gettext("Contact %(nummer)s vastgelegd bij zaak %(zaak)s.")
        % {"nummer": klantcontact.nummer, "zaak": pagina.zaak.identificatie},
    )
    return redirect(_url(pagina, activiteit))


@zaakpagina
def document_downloaden(
    request: HttpRequest,
    service: ZgwService,
    gevonden: Zaak,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    *,
    document: uuid.UUID,
) -> HttpResponse:
    """A document of the zaak, fetched from its register: only one the zaak's page lists
    (related to the zaak, within the viewer's confidentiality)."""
    stuk = next(
        (
            d
            for d in gevonden.documenten
            if d.url.rstrip("/").rsplit("/", 1)[-1].lower() == str(document)
        ),
        None,
    )
    if stuk is None or not stuk.download:
        raise Http404("Geen document met dit kenmerk bij deze zaak.")
    try:
        with zgw_van(request) as zgw:
            inhoud = zgw.download(stuk.download)
    except ZgwError as fout:
        tekst = gettext("Het document kon niet worden opgehaald: %(fout)s") % {"fout": fout}
        return render(request, "workspace/zaak.html", {"fout": tekst}, status=502)
    rollen = betrokkenen(gevonden.rollen)
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Document bij zaak downloaden",
        activiteit=activiteit,
        partijen=[b.partij for b in rollen if b.partij is not None],
        soorten_gegevens=("zaken", "documenten"),
        objecten=[("BSN", b.rol.bsn) for b in rollen if b.partij is None and b.rol.bsn],
    )
    naam = stuk.bestandsnaam or stuk.titel or "document"
    return HttpResponse(
        inhoud,
        content_type=stuk.formaat or "application/octet-stream",
        headers={
            "Content-Disposition": content_disposition_header(True, naam),
            "X-Content-Type-Options": "nosniff",
        },
    )
