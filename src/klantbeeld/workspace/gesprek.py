"""One written conversation (issue 13 steps 3 and 8; C1199, C9708): the whole thread with
its documents, who wrote and from where, linking the writer to a customer once their
identity is established, answering by mail, letter or app, handing over and closing.
It is a task's page in another shape: who may see and act is decided as for the task."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Verzending
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.services import opvolging
from klantbeeld.domain.services.klantcontacten import update_betrokkene
from klantbeeld.domain.services.openbaar import OpenbaarMetPersoonsgegevens
from klantbeeld.domain.services.verzenden import GeenKanaal, verstuur
from klantbeeld.domain.services.zaken import RegisterFout
from klantbeeld.domain.services.zoeken import partij_met_nummer
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace import antwoorden, taken
from klantbeeld.workspace.antwoorden import AntwoordForm
from klantbeeld.workspace.contact import te_groot
from klantbeeld.workspace.documenten import beschrijf
from klantbeeld.workspace.draad import contacten_in_draad, draad
from klantbeeld.workspace.eenmalig import BERICHT, AlVerzonden, eenmaal
from klantbeeld.workspace.klanten import SOORTEN, VASTGESTELD, NieuweKlantForm
from klantbeeld.workspace.medewerkers import (
    gebruiker,
    log_verwerking,
    niet_geidentificeerd,
    wie,
)
from klantbeeld.workspace.termijnen import reactietermijn, stand

gesprekpagina = functools.partial(taken.taakpagina, terug="workspace:gesprek")
Activiteit = verwerkingen.Verwerkingsactiviteit


class KoppelForm(NieuweKlantForm):
    """C1199: the writer is this customer, as the employee established."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in ("voornaam", "voorvoegsel", "achternaam"):
            del self.fields[veld]
        self.fields["nummer"].help_text = _(
            "Alleen als vaststaat dat de afzender deze klant is: een e-mailadres of "
            "telefoonnummer bewijst niemands identiteit."
        )


# -- the page -------------------------------------------------------------------------------


def _toon(
    request: HttpRequest,
    taak: InterneTaak,
    actor: Actor | None,
    status: int = 200,
    *,
    bekeken: Activiteit | None = None,
    direct: antwoorden.Bestemming | None = None,
    **forms_: forms.Form,
) -> HttpResponse:
    """The page; with ``bekeken`` (the processing activity) the viewing is logged."""
    contacten = contacten_in_draad(taak.aanleidinggevend_klantcontact)
    if bekeken is not None:
        _log_bekeken(request, bekeken, contacten)
    origineel = next(
        (kc for kc in contacten if kc.pk == taak.aanleidinggevend_klantcontact_id),
        taak.aanleidinggevend_klantcontact,
    )
    stappen = draad(contacten)
    regels = beschrijf([b for s in stappen for b in s.bijlagen], request)
    for stap in stappen:
        stap.documenten = [regels[b.pk] for b in stap.bijlagen if b.pk in regels]
    schrijver = antwoorden.afzender(origineel)
    mag = actor is not None and opvolging.mag_behandelen(taak, actor)
    open_ = taak.status == Status.TE_VERWERKEN
    blokken = antwoorden.tekstblokken(taak, actor)
    termijn = reactietermijn(origineel.kanaal, origineel.plaatsgevonden_op, taak.uiterlijk_op)
    antwoord_form = forms_.get("antwoord_form")
    if not isinstance(antwoord_form, AntwoordForm):
        antwoord_form = _antwoordform(taak, origineel, blokken)
    context = {
        "taak": taak,
        "origineel": origineel,
        "stappen": stappen,
        "afzender": schrijver,
        "afzender_naam": antwoorden.naam_van(schrijver),
        "afzender_postadres": ", ".join(
            antwoorden.adresregels(schrijver, "correspondentieadres") if schrijver else []
        ),
        "termijn": termijn,
        "stand": stand(termijn, timezone.localdate()),
        "toegewezenen": opvolging.toegewezenen(taak),
        "mag_behandelen": mag and open_,
        "kan_koppelen": mag and open_ and schrijver is not None and not schrijver.was_partij_id,
        "antwoord_form": antwoord_form,
        "kan_antwoorden": bool(antwoord_form.bestemmingen),
        # A public answer refused for its personal data: the direct message offered instead.
        "direct_alternatief": direct,
        "tekstblokken": antwoorden.ingevuld(blokken, _waarden(request, taak, schrijver)),
        "koppel_form": forms_.get("koppel_form") or KoppelForm(prefix="koppel"),
        "door_form": forms_.get("door_form") or taken.DoorzettenForm(prefix="door"),
        "af_form": forms_.get("af_form") or taken.AfhandelenForm(prefix="af"),
        "taalkeuze_terug": reverse("workspace:gesprek", args=[taak.uuid]),
    }
    return render(request, "workspace/gesprek.html", context, status=status)


def _antwoordform(
    taak: InterneTaak, origineel: Klantcontact, blokken: list[Any], **kwargs: Any
) -> AntwoordForm:
    return AntwoordForm(
        prefix="antwoord",
        bestemmingen=antwoorden.bestemmingen(taak),
        tekstblokken=blokken,
        **({"initial": {"onderwerp": antwoorden.beantwoord(origineel.onderwerp)}} | kwargs),
    )


def _waarden(request: HttpRequest, taak: InterneTaak, schrijver: Any) -> dict[str, str]:
    user = gebruiker(request)
    medewerker = user.get_full_name() or user.get_username()
    return antwoorden.waarden(taak, antwoorden.naam_van(schrijver), medewerker)


@gesprekpagina
def gesprek(
    request: HttpRequest, taak: InterneTaak, actor: Actor | None, activiteit: Activiteit
) -> HttpResponse:
    return _toon(request, taak, actor, bekeken=activiteit)


def _log_bekeken(
    request: HttpRequest, activiteit: Activiteit, contacten: list[Klantcontact]
) -> None:
    betrokkenen = [b for kc in contacten for b in kc.betrokkenen.all()]
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Gesprek bekijken",
        activiteit=activiteit,
        partijen=list(dict.fromkeys(b.was_partij for b in betrokkenen if b.was_partij)),
        soorten_gegevens=("naam", "contactgegevens", "klantcontacten", "interne taken"),
        vertrouwelijk=any(kc.vertrouwelijk for kc in contacten),
        objecten=list(dict.fromkeys(niet_geidentificeerd(betrokkenen))),
    )


# -- answering ------------------------------------------------------------------------------


@require_POST
@gesprekpagina
def beantwoorden(
    request: HttpRequest, taak: InterneTaak, actor: Actor | None, activiteit: Activiteit
) -> HttpResponse:
    """Send the answer (C9708); or, with *Invoegen*, show the form again with the chosen
    text module added (for a browser without JavaScript; the script does it in place)."""
    if (weigering := te_groot(request)) is not None:
        return weigering
    medewerker = _behandelaar(taak, actor)
    origineel = taak.aanleidinggevend_klantcontact
    blokken = antwoorden.tekstblokken(taak, medewerker)
    data: QueryDict = request.POST
    if request.POST.get("antwoord-direct"):
        # "Als direct bericht versturen" after the warning about a public answer.
        data = request.POST.copy()
        data["antwoord-naar"] = request.POST["antwoord-direct"]
    form = AntwoordForm(
        data,
        request.FILES,
        prefix="antwoord",
        bestemmingen=antwoorden.bestemmingen(taak),
        tekstblokken=blokken,
    )
    if "antwoord-invoegen" in request.POST or "antwoord-blijf" in request.POST:
        return _met_tekstblok(request, taak, medewerker, form, blokken)
    if (afgesloten := _al_afgehandeld(taak)) is not None:
        # Nothing is sent; what was typed stays on the screen.
        form.add_error(None, str(afgesloten))
    if not form.is_valid():
        return _toon(request, taak, actor, 400, antwoord_form=form)
    schrijver = antwoorden.afzender(origineel)
    if schrijver is None:
        form.add_error(None, gettext("Dit contact heeft geen afzender om te antwoorden."))
        return _toon(request, taak, actor, 400, antwoord_form=form)
    try:
        verzending = taken.domeinstap(
            form, lambda: _verstuur(request, taak, form, medewerker, schrijver)
        )
    except AlVerzonden:
        messages.info(request, BERICHT)
        return redirect("workspace:gesprek", taak=taak.uuid)
    except OpenbaarMetPersoonsgegevens as fout:
        form.add_error(None, str(fout))
        direct = antwoorden.direct_bij(list(form.bestemmingen.values()), form.bestemming)
        return _toon(request, taak, actor, 400, direct=direct, antwoord_form=form)
    # A composer refuses what its channel cannot carry (a bad number, attachments on app).
    except (RegisterFout, GeenKanaal, opvolging.TaakAfgesloten, ValueError) as fout:
        form.add_error(None, gettext("Het antwoord is niet verstuurd: %(fout)s") % {"fout": fout})
        verzending = None
    if verzending is None:
        return _toon(request, taak, actor, 400, antwoord_form=form)
    taken.log_taak(request, taak, activiteit, "Registreren", "Antwoord versturen")
    return _verstuurd(request, taak, form, verzending)


def _behandelaar(taak: InterneTaak, actor: Actor | None) -> Actor:
    """The employee, if they may act on the task (else the domain's refusal)."""
    if actor is None or not opvolging.mag_behandelen(taak, actor):
        raise opvolging.GeenBehandelaar(
            gettext("Deze taak is niet aan u of een van uw teams toegewezen.")
        )
    return actor


def _al_afgehandeld(taak: InterneTaak) -> opvolging.TaakAfgesloten | None:
    """Why the task can no longer be acted on, if it was closed (by a colleague, in
    another tab)."""
    if taak.status == Status.TE_VERWERKEN:
        return None
    moment = timezone.localtime(taak.afgehandeld_op or timezone.now())
    return opvolging.TaakAfgesloten(
        gettext("Taak %(nummer)s is al afgehandeld op %(moment)s.")
        % {"nummer": taak.nummer, "moment": f"{moment:%d-%m-%Y %H:%M}"}
    )


def _met_tekstblok(
    request: HttpRequest,
    taak: InterneTaak,
    medewerker: Actor,
    form: AntwoordForm,
    blokken: list[Any],
) -> HttpResponse:
    tekst = antwoorden.regels(str(form["tekst"].data or ""))
    if "antwoord-invoegen" in request.POST:
        schrijver = antwoorden.afzender(taak.aanleidinggevend_klantcontact)
        teksten = antwoorden.ingevuld(blokken, _waarden(request, taak, schrijver))
        gekozen = teksten.get(str(form["tekstblok"].data or ""))
        if gekozen is not None:
            tekst = antwoorden.voeg_in(tekst, gekozen)
    opnieuw = _antwoordform(
        taak, taak.aanleidinggevend_klantcontact, blokken, initial=form.opnieuw(tekst)
    )
    return _toon(request, taak, medewerker, antwoord_form=opnieuw)


def _verstuur(
    request: HttpRequest,
    taak: InterneTaak,
    form: AntwoordForm,
    medewerker: Actor,
    schrijver: Any,
) -> Verzending:
    """The answer registered and queued, and the task closed when asked: one unit, once
    per form (a second click sends nothing)."""
    origineel = taak.aanleidinggevend_klantcontact
    by = wie(gebruiker(request))
    with transaction.atomic():
        eenmaal(form.cleaned_data.get("inzending"))
        with ZgwZakenregister(by=by) as register:
            verzending = verstuur(
                antwoorden.bericht(origineel, form, antwoorden.naam_van(schrijver)),
                ontvanger=antwoorden.ontvanger(schrijver),
                actor=medewerker,
                by=by,
                register=register,
                vervolg_op=origineel,
            )
        assert verzending is not None and verzending.klantcontact is not None  # no bron
        if form.cleaned_data["afgehandeld"]:
            opvolging.rond_af(
                taak,
                toelichting=antwoorden.toelichting(verzending.kanaal, verzending.klantcontact),
                medewerker=medewerker,
                by=by,
            )
    return verzending


def _verstuurd(
    request: HttpRequest, taak: InterneTaak, form: AntwoordForm, verzending: Verzending
) -> HttpResponse:
    kc = verzending.klantcontact
    assert kc is not None
    tekst = gettext(
        "Antwoord aan %(adres)s vastgelegd als contact %(nummer)s; het wordt verstuurd."
    ) % {
        "adres": ", ".join(verzending.adres.splitlines()),
        "nummer": kc.referentienummer or kc.nummer,
    }
    if form.cleaned_data["afgehandeld"]:
        tekst += " " + gettext("Taak %(nummer)s is afgehandeld.") % {"nummer": taak.nummer}
        messages.success(request, tekst)
        return redirect("workspace:gesprekken")
    messages.success(request, tekst)
    return redirect("workspace:gesprek", taak=taak.uuid)


# -- the writer is a known customer (C1199) -------------------------------------------------


@require_POST
@gesprekpagina
def klant_koppelen(
    request: HttpRequest, taak: InterneTaak, actor: Actor | None, activiteit: Activiteit
) -> HttpResponse:
    """Link the writer to the customer whose identity the employee established (the
    betrokkene's ``wasPartij``; the contact data they left stay the contact's, R7)."""
    _behandelaar(taak, actor)
    if (afgesloten := _al_afgehandeld(taak)) is not None:
        raise afgesloten
    schrijver = antwoorden.afzender(taak.aanleidinggevend_klantcontact)
    form = KoppelForm(request.POST, prefix="koppel")
    if schrijver is None or schrijver.was_partij_id is not None:
        messages.error(request, gettext("De afzender is al aan een klant gekoppeld."))
        return redirect("workspace:gesprek", taak=taak.uuid)
    if not form.is_valid():
        return _toon(request, taak, actor, 400, koppel_form=form)
    partij = partij_met_nummer(form.cleaned_data["nummer"], SOORTEN[form.soort][1])
    if partij is None:
        form.add_error(
            "nummer",
            gettext(
                "Geen klant met dit nummer. Leg de klant eerst vast (Klant zoeken) en koppel "
                "daarna."
            ),
        )
        return _toon(request, taak, actor, 400, koppel_form=form)
    update_betrokkene(schrijver, {"was_partij": partij}, wie(gebruiker(request)))
    with translation.override("nl"):
        hoe = str(dict(VASTGESTELD)[form.cleaned_data["vastgesteld"]]).lower()
    log_verwerking(
        request,
        actie="Wijzigen",
        handeling=f"Klant koppelen aan contact (identiteit: {hoe})",
        activiteit=activiteit,
        partijen=[partij],
        soorten_gegevens=("naam", "identificatienummer", "klantcontacten"),
        vertrouwelijk=taak.aanleidinggevend_klantcontact.vertrouwelijk,
    )
    messages.success(
        request, gettext("De afzender is gekoppeld aan %(klant)s.") % {"klant": partij}
    )
    return redirect("workspace:gesprek", taak=taak.uuid)


# -- handing over and closing ---------------------------------------------------------------


@require_POST
@gesprekpagina
def doorzetten(
    request: HttpRequest, taak: InterneTaak, actor: Actor | None, activiteit: Activiteit
) -> HttpResponse:
    return taken.zet_door(
        request,
        taak,
        activiteit,
        fout=lambda form: _toon(request, taak, actor, 400, door_form=form),
        klaar="workspace:gesprekken",
    )


@require_POST
@gesprekpagina
def afhandelen(
    request: HttpRequest, taak: InterneTaak, actor: Actor | None, activiteit: Activiteit
) -> HttpResponse:
    return taken.rond_af(
        request,
        taak,
        activiteit,
        fout=lambda form: _toon(request, taak, actor, 400, af_form=form),
        klaar="workspace:gesprekken",
    )
