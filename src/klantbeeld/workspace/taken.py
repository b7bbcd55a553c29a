"""Work queues and working on a task (cases.md R8; C2984, C9708, C7300, C6114, C9761,
C2716): my tasks and my teams' tasks, most urgent first; one task with its contact, the
customer's contact data (R7) and its history; picking it up, recording the call-back,
passing it on, creating a zaak, closing it. Who may act is decided by the domain
(``opvolging``); these views show its answer."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, Betrokkene, InterneTaak, Klantcontact, Partij
from klantbeeld.domain.models.eigen_gegevens import Voorkeurskanaal, adres_als_tekst
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.services import opvolging
from klantbeeld.domain.services.zaken import RegisterFout
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace import escalaties
from klantbeeld.workspace.contact import kanalen, toewijzing
from klantbeeld.workspace.eenmalig import BERICHT, AlVerzonden, eenmaal, tokenveld
from klantbeeld.workspace.medewerkers import (
    IDENTIFICATOR,
    actor_van,
    gebruiker,
    log_verwerking,
    niet_geidentificeerd,
    wie,
)
from klantbeeld.workspace.roles import Rol, rollen_van
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist
from klantbeeld.workspace.zaakverwijzingen import zaken_bij

SCHERM = "klantbeeld"
UITKOMSTEN = [
    ("afgerond", _("Klant gesproken, taak is klaar")),
    ("open", _("Klant gesproken, taak blijft open (bijvoorbeeld om een zaak aan te maken)")),
    ("niet_bereikt", _("Niet bereikt: taak blijft open voor een nieuwe poging")),
]


# -- forms ----------------------------------------------------------------------------------


class ContactMomentForm(forms.Form):
    inzending = tokenveld()
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=kanalen, initial="telefoon")
    verslag = forms.CharField(
        label=_("Verslag"),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"required": _("Beschrijf kort wat er is besproken of geprobeerd.")},
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), choices=UITKOMSTEN, widget=forms.RadioSelect, initial="afgerond"
    )


class DoorzettenForm(forms.Form):
    naar = forms.ChoiceField(
        label=_("Doorzetten naar"), error_messages={"required": _("Kies aan wie de taak gaat.")}
    )
    reden = forms.CharField(
        label=_("Waarom"),
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": _("Geef aan waarom de taak niet bij u hoort.")},
    )
    opnieuw_routeren = forms.BooleanField(
        label=_(
            "Vraag om opnieuw te routeren (terug naar het KCC) in plaats van het verzoek "
            "zelf door te geven"
        ),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actoren = toewijzing(self.fields["naar"], gettext("Kies een team of collega"))


class ZaakForm(forms.Form):
    zaaktype = forms.ChoiceField(
        label=_("Zaaktype"), error_messages={"required": _("Kies het zaaktype.")}
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving van de zaak"),
        max_length=80,
        error_messages={"required": _("Geef de zaak een korte omschrijving.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), max_length=1000, required=False, widget=forms.Textarea
    )

    def __init__(self, *args: Any, zaaktypen: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zaaktype"].choices = [("", gettext("Kies een zaaktype")), *zaaktypen]  # type: ignore[attr-defined]


class AfhandelenForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Wat is er gedaan en wat kwam eruit"),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"required": _("Beschrijf kort wat er is gedaan, voor wie na u komt.")},
    )


# -- queues ---------------------------------------------------------------------------------


@dataclass
class Voorraad:
    titel: str
    taken: list[InterneTaak]


def mijn_actor(request: HttpRequest) -> Actor | None:
    return Actor.objects.filter(
        actoridentificator_object_id=request.user.get_username(), **IDENTIFICATOR
    ).first()


def _met_klant(taken: Any) -> list[InterneTaak]:
    return list(
        visible(taken)
        .select_related("aanleidinggevend_klantcontact")
        .prefetch_related(
            Prefetch(
                "aanleidinggevend_klantcontact__betrokkenen",
                queryset=Betrokkene.objects.select_related("was_partij").order_by("pk"),
            ),
            "toegewezen_aan_actoren",
        )
    )


@rol_vereist(KLANTEN_ZIEN)
def werkvoorraad(request: HttpRequest) -> HttpResponse:
    try:
        activiteit = verwerkingen.standaard_activiteit(SCHERM)
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/taken.html", {"fout": str(error)}, status=503)
    actor = mijn_actor(request)
    voorraden: list[Voorraad] = []
    if actor is not None:
        voorraden.append(Voorraad(gettext("Mijn taken"), _met_klant(opvolging.open_taken([actor]))))
        for team in opvolging.teams_van(actor):
            taken = _met_klant(opvolging.open_taken([team]))
            voorraden.append(Voorraad(gettext("Team %(naam)s") % {"naam": team.naam}, taken))
    klanten = [
        b.was_partij
        for voorraad in voorraden
        for taak in voorraad.taken
        for b in taak.aanleidinggevend_klantcontact.betrokkenen.all()
        if b.was_partij is not None
    ]
    taken = [taak for voorraad in voorraden for taak in voorraad.taken]
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Werkvoorraad bekijken",
        activiteit=activiteit,
        partijen=list(dict.fromkeys(klanten)),
        soorten_gegevens=("naam", "klantcontacten", "interne taken"),
        vertrouwelijk=any(t.aanleidinggevend_klantcontact.vertrouwelijk for t in taken),
    )
    return render(
        request,
        "workspace/taken.html",
        {"voorraden": voorraden, "heeft_actor": actor is not None, "vandaag": timezone.localdate()},
    )


# -- one task -------------------------------------------------------------------------------


def _taak(request: HttpRequest, taak: uuid.UUID) -> tuple[InterneTaak, Actor | None]:
    """The task if the employee may see it (``te_openen``). A confidential task is not
    there for who may not see it (404, like a wrong URL)."""
    gevonden = (
        visible(InterneTaak.objects.filter(uuid=taak))
        .select_related("aanleidinggevend_klantcontact")
        .first()
    )
    if gevonden is None:
        raise Http404("Geen taak met dit kenmerk.")
    actor = mijn_actor(request)
    if gevonden.uuid not in te_openen(request, [gevonden]):
        raise _GeenToegang
    return gevonden, actor


def te_openen(request: HttpRequest, taken: Iterable[InterneTaak]) -> set[uuid.UUID]:
    """Which of ``taken`` the employee may open (a team leader all; others those assigned
    to them or their team, and those they set out): pages link only to these."""
    uuids = {t.uuid for t in taken}
    if Rol.TEAMLEIDER in rollen_van(request.user):
        return uuids
    actor = mijn_actor(request)
    if actor is None or not uuids:
        return set()
    return set(
        opvolging.inzienbaar(InterneTaak.objects.filter(uuid__in=uuids), actor).values_list(
            "uuid", flat=True
        )
    )


class _GeenToegang(Exception):
    pass


def _klanten(taak: InterneTaak) -> list[Partij]:
    return [
        b.was_partij
        for b in taak.aanleidinggevend_klantcontact.betrokkenen.all()
        if b.was_partij is not None
    ]


@dataclass
class Bereikbaarheid:
    soort: str
    adres: str
    bron: str


BRONNEN = {
    opvolging.Bron.BIJ_CONTACT: _("opgegeven bij dit contact"),
    opvolging.Bron.ONDERWERP: _("voorkeur van de klant voor dit onderwerp"),
    opvolging.Bron.VOORKEUR: _("voorkeur van de klant"),
    opvolging.Bron.BEKEND: _("bij de klant bekend"),
}


def contactgegevens(taak: InterneTaak) -> list[Bereikbaarheid]:
    """The domain's R7 order in words; whose address it is when more than one person took
    part (a representative)."""
    rij = opvolging.bereikbaarheid(taak)
    meerdere = len({b.partij for b in rij if b.partij is not None}) > 1
    uitkomst = [
        Bereikbaarheid(
            b.adres.get_soort_digitaal_adres_display(),
            b.adres.adres,
            f"{BRONNEN[b.bron]}, {b.partij}" if meerdere and b.partij else str(BRONNEN[b.bron]),
        )
        for b in rij
    ]
    keuze = opvolging.onderwerpkeuze(taak)
    if keuze is not None and keuze.voorkeur.kanaal == Voorkeurskanaal.POST:
        # C1924 "per post": the letter goes to the customer's postal address, after what
        # was left for this contact.
        partij = keuze.partij
        adres = adres_als_tekst(partij, "correspondentieadres") or adres_als_tekst(
            partij, "bezoekadres"
        )
        plek = sum(1 for b in rij if b.bron == opvolging.Bron.BIJ_CONTACT)
        bron = f"{BRONNEN[opvolging.Bron.ONDERWERP]} ({keuze.onderwerp.naam})"
        uitkomst.insert(plek, Bereikbaarheid(str(_("Post")), adres or str(_("onbekend")), bron))
    return uitkomst


def _zaken_ingesteld() -> bool:
    return ZgwService.objects.filter(soort=Soort.ZAKEN, actief=True).exists()


def _zaaktypen(request: HttpRequest) -> tuple[list[tuple[str, str]], str]:
    try:
        with ZgwZakenregister(by=wie(gebruiker(request))) as register:
            return register.zaaktypen(), ""
    except RegisterFout as fout:
        return [], gettext("De zaaktypen konden niet worden opgehaald: %(fout)s") % {"fout": fout}


def _toon(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    status: int = 200,
    **forms_: forms.Form,
) -> HttpResponse:
    mag = actor is not None and opvolging.mag_behandelen(taak, actor)
    zaak_mogelijk = mag and taak.status == Status.TE_VERWERKEN and _zaken_ingesteld()
    zaaktypen, zaakfout = _zaaktypen(request) if zaak_mogelijk else ([], "")
    gebeurtenissen = list(taak.gebeurtenissen.select_related("klantcontact", "vervolgtaak"))
    # The zaken the task's contacts are about (its cause, the calls made for it).
    contacten = visible(
        Klantcontact.objects.filter(
            pk__in=[
                taak.aanleidinggevend_klantcontact_id,
                *(g.klantcontact_id for g in gebeurtenissen if g.klantcontact_id),
            ]
        )
    ).prefetch_related("onderwerpobjecten")
    context = {
        "taak": taak,
        "klantcontact": taak.aanleidinggevend_klantcontact,
        "betrokkenen": taak.aanleidinggevend_klantcontact.betrokkenen.all(),
        "bereikbaarheid": contactgegevens(taak),
        "toegewezenen": opvolging.toegewezenen(taak),
        "gebeurtenissen": gebeurtenissen,
        "zaken_bij": zaken_bij(request, list(contacten)),
        "mag_behandelen": mag and taak.status == Status.TE_VERWERKEN,
        "opgepakt": actor is not None and actor in opvolging.toegewezenen(taak),
        "vandaag": timezone.localdate(),
        "contact_form": forms_.get("contact_form") or ContactMomentForm(prefix="contact"),
        "door_form": forms_.get("door_form") or DoorzettenForm(prefix="door"),
        "af_form": forms_.get("af_form") or AfhandelenForm(prefix="af"),
        "zaak_form": forms_.get("zaak_form") or ZaakForm(prefix="zaak", zaaktypen=zaaktypen),
        "zaak_mogelijk": zaak_mogelijk,
        "zaakfout": zaakfout,
        "schriftelijk": taak.aanleidinggevend_klantcontact.kanaal
        in settings.KLANTBEELD_SCHRIFTELIJKE_KANALEN,
        # The actions' URLs take only POST: a language switch returns to the task's page.
        "taalkeuze_terug": reverse("workspace:taak", args=[taak.uuid]),
        # The second line in TOPdesk (docs/topdesk.md).
        **escalaties.blok(
            request,
            contact=taak.aanleidinggevend_klantcontact,
            taak=taak,
            kan=mag and taak.status == Status.TE_VERWERKEN,
        ),
    }
    return render(request, "workspace/taak.html", context, status=status)


def _activiteit() -> verwerkingen.Verwerkingsactiviteit:
    return verwerkingen.standaard_activiteit(SCHERM)


def taakpagina(
    view: Callable[..., HttpResponse], terug: str = "workspace:taak"
) -> Callable[..., HttpResponse]:
    """The checks every task page shares: a processing activity, a task the employee may
    see, and the domain's refusals shown as a readable page (a task closed meanwhile: on
    the page ``terug``, the task's own or its conversation's)."""

    def wrapped(request: HttpRequest, taak: uuid.UUID) -> HttpResponse:
        try:
            activiteit = _activiteit()
        except verwerkingen.GeenVerwerkingsactiviteit as error:
            return render(request, "workspace/taken.html", {"fout": str(error)}, status=503)
        try:
            gevonden, actor = _taak(request, taak)
        except _GeenToegang:
            return _geen_toegang(request)
        try:
            return view(request, gevonden, actor, activiteit)
        except opvolging.GeenBehandelaar:
            return _geen_toegang(request)
        except opvolging.TaakAfgesloten as error:
            messages.error(request, str(error))
            return redirect(terug, taak=gevonden.uuid)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return rol_vereist(KLANTEN_ZIEN)(wrapped)


def _geen_toegang(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "workspace/geen_toegang.html",
        {"nodig": gettext("toegewezen zijn aan deze taak of aan een van uw teams")},
        status=403,
    )


def log_taak(
    request: HttpRequest,
    taak: InterneTaak,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    actie: str,
    handeling: str,
) -> None:
    log_verwerking(
        request,
        actie=actie,
        handeling=handeling,
        activiteit=activiteit,
        partijen=_klanten(taak),
        soorten_gegevens=("naam", "contactgegevens", "klantcontacten", "interne taken"),
        vertrouwelijk=taak.aanleidinggevend_klantcontact.vertrouwelijk,
        objecten=niet_geidentificeerd(taak.aanleidinggevend_klantcontact.betrokkenen.all()),
    )


@taakpagina
def taak(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    log_taak(request, taak, activiteit, "Raadplegen", "Taak bekijken")
    return _toon(request, taak, actor)


@require_POST
@taakpagina
def oppakken(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    opvolging.pak_op(taak, actor_van(gebruiker(request)), wie(gebruiker(request)))
    log_taak(request, taak, activiteit, "Wijzigen", "Taak oppakken")
    messages.success(
        request, gettext("U heeft taak %(nummer)s opgepakt.") % {"nummer": taak.nummer}
    )
    return redirect("workspace:taak", taak=taak.uuid)


@require_POST
@taakpagina
def contact_vastleggen(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    form = ContactMomentForm(request.POST, prefix="contact")
    if not form.is_valid():
        return _toon(request, taak, actor, 400, contact_form=form)
    uitkomst = form.cleaned_data["uitkomst"]
    gelukt = opvolging.contact_gelukt(
        form.cleaned_data["kanaal"], bereikt=uitkomst != "niet_bereikt"
    )
    try:
        nieuw = domeinstap(
            form,
            lambda: _eenmaal(
                form.cleaned_data["inzending"],
                lambda: opvolging.leg_contact_vast(
                    taak,
                    medewerker=actor_van(gebruiker(request)),
                    by=wie(gebruiker(request)),
                    kanaal=form.cleaned_data["kanaal"],
                    verslag=form.cleaned_data["verslag"],
                    gelukt=gelukt,
                    afronden=uitkomst == "afgerond",
                ),
            ),
        )
    except AlVerzonden:
        messages.info(request, BERICHT)
        return redirect("workspace:taak", taak=taak.uuid)
    if nieuw is None:
        return _toon(request, taak, actor, 400, contact_form=form)
    log_taak(request, taak, activiteit, "Registreren", "Vervolgcontact vastleggen")
    if uitkomst == "afgerond":
        messages.success(
            request,
            gettext("Contact %(contact)s vastgelegd en taak %(taak)s afgehandeld.")
            % {"contact": nieuw.nummer, "taak": taak.nummer},
        )
        return redirect("workspace:taken")
    messages.success(
        request,
        gettext("Contact %(contact)s vastgelegd; de taak blijft open.") % {"contact": nieuw.nummer},
    )
    return redirect("workspace:taak", taak=taak.uuid)


@require_POST
@taakpagina
def doorzetten(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    return zet_door(
        request,
        taak,
        activiteit,
        fout=lambda form: _toon(request, taak, actor, 400, door_form=form),
        klaar="workspace:taken",
    )


def zet_door(
    request: HttpRequest,
    taak: InterneTaak,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    *,
    fout: Callable[[forms.Form], HttpResponse],
    klaar: str,
) -> HttpResponse:
    """C6114 from a page holding the DoorzettenForm: ``fout`` shows that page again with
    the refused form, ``klaar`` is where the employee goes next."""
    form = DoorzettenForm(request.POST, prefix="door")
    if not form.is_valid():
        return fout(form)
    naar = form.actoren[form.cleaned_data["naar"]]
    nieuw = domeinstap(
        form,
        lambda: opvolging.zet_door(
            taak,
            naar=[naar],
            reden=form.cleaned_data["reden"],
            gevraagde_handeling=(
                opvolging.OPNIEUW_ROUTEREN if form.cleaned_data["opnieuw_routeren"] else ""
            ),
            medewerker=actor_van(gebruiker(request)),
            by=wie(gebruiker(request)),
        ),
    )
    if nieuw is None:
        return fout(form)
    log_taak(request, taak, activiteit, "Wijzigen", "Taak doorzetten")
    messages.success(
        request,
        gettext("Taak doorgezet naar %(naar)s als taak %(taak)s.")
        % {"naar": naar.naam, "taak": nieuw.nummer},
    )
    return redirect(klaar)


@require_POST
@taakpagina
def zaak_aanmaken(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    zaaktypen, fout = _zaaktypen(request)
    form = ZaakForm(request.POST, prefix="zaak", zaaktypen=zaaktypen)
    if fout:
        form.add_error(None, fout)
    if not form.is_valid():
        return _toon(request, taak, actor, 400, zaak_form=form)
    by = wie(gebruiker(request))
    try:
        with ZgwZakenregister(by=by) as register:
            zaak = opvolging.maak_zaak(
                taak,
                medewerker=actor_van(gebruiker(request)),
                by=by,
                register=register,
                zaaktype=form.cleaned_data["zaaktype"],
                omschrijving=form.cleaned_data["omschrijving"],
                toelichting=form.cleaned_data["toelichting"],
            )
    except RegisterFout as error:
        form.add_error(None, gettext("De zaak is niet aangemaakt: %(fout)s") % {"fout": error})
        return _toon(request, taak, actor, 400, zaak_form=form)
    log_taak(request, taak, activiteit, "Registreren", "Zaak aanmaken uit taak")
    messages.success(
        request,
        gettext("Zaak %(zaak)s aangemaakt; taak %(taak)s is afgehandeld.")
        % {"zaak": zaak.identificatie, "taak": taak.nummer},
    )
    return redirect("workspace:taken")


@taakpagina
def afhandelen(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    activiteit: verwerkingen.Verwerkingsactiviteit,
) -> HttpResponse:
    if request.method != "POST":
        return redirect("workspace:taak", taak=taak.uuid)
    return rond_af(
        request,
        taak,
        activiteit,
        fout=lambda form: _toon(request, taak, actor, 400, af_form=form),
        klaar="workspace:taken",
    )


def rond_af(
    request: HttpRequest,
    taak: InterneTaak,
    activiteit: verwerkingen.Verwerkingsactiviteit,
    *,
    fout: Callable[[forms.Form], HttpResponse],
    klaar: str,
) -> HttpResponse:
    """Close the task from a page holding the AfhandelenForm (see ``zet_door``)."""
    form = AfhandelenForm(request.POST, prefix="af")
    gelukt = form.is_valid() and domeinstap(
        form,
        lambda: opvolging.rond_af(
            taak,
            toelichting=form.cleaned_data["toelichting"],
            medewerker=actor_van(gebruiker(request)),
            by=wie(gebruiker(request)),
        ),
    )
    if not gelukt:
        return fout(form)
    log_taak(request, taak, activiteit, "Wijzigen", "Interne taak afhandelen")
    messages.success(
        request,
        gettext("Taak '%(handeling)s' afgehandeld.") % {"handeling": taak.gevraagde_handeling},
    )
    return redirect(klaar)


def _eenmaal(token: Any, stap: Callable[[], Any]) -> Any:
    """``stap`` once for this form: with its token in the same transaction."""
    with transaction.atomic():
        eenmaal(token)
        return stap()


def domeinstap(form: forms.Form, stap: Callable[[], Any]) -> Any:
    """Run a domain step; its validation errors go on the form (nothing was changed)."""
    try:
        return stap()
    except ValidationError as error:
        velden = getattr(error, "error_dict", {})
        for naam, fouten in velden.items():
            form.add_error(naam if naam in form.fields else None, fouten)
        if not velden:
            form.add_error(None, error)
        return None
