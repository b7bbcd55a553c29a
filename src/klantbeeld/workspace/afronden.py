"""Finishing a contact in progress (the call panel, belpaneel.py): one step that registers
one klantcontact per subject (R2), all or none, through the same form and intake service
as a contact registered on its own (contact.py).

What the panel holds is filled in; the parts most calls do not need (follow-up, a
representative, an attachment) are folded away until the agent opens them. The call's own
data (channel, representative, an unidentified caller's name and number) is asked once and
holds for every subject.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Gesprek, Klantcontact, Partij
from klantbeeld.domain.services import gesprekken
from klantbeeld.domain.services.zaken import Zaakverwijzing
from klantbeeld.integrations.zgw.zaken import zaken_van_partij
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.belpaneel import van
from klantbeeld.workspace.contact import (
    AL_VASTGELEGD,
    ContactForm,
    OnbekendeBellerForm,
    Oproepgegevens,
    probeer_vast_te_leggen,
    te_groot,
    vastgelegd,
)
from klantbeeld.workspace.eenmalig import BERICHT
from klantbeeld.workspace.medewerkers import log_verwerking
from klantbeeld.workspace.models import LopendContact, LopendOnderwerp
from klantbeeld.workspace.oproepen import gespreksgegevens
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, max_zaak_vertrouwelijkheid, rol_vereist

# Asked once for the whole call: the first subject's form shows them, the others take them.
GEDEELD = ("kanaal", "namens", "vertegenwoordiger_nummer")
BELLER = ("voornaam", "voorvoegsel", "achternaam", "terugbelnummer", "emailadres")
# The follow-up's fields folded away; the section opens when one of them is in play.
OPVOLGING = (
    "gevraagde_handeling",
    "toelichting",
    "vragenset",
    "prioriteit",
    "uiterlijk_op",
    "terugbelnummer",
)


@rol_vereist(KLANTEN_ZIEN)
def afronden(request: HttpRequest, contact: uuid.UUID) -> HttpResponse:
    if (weigering := te_groot(request)) is not None:
        return weigering
    lopend = van(request, str(contact))
    klant = _klant(lopend)
    activiteit = verwerkingen.kies_activiteit("klantbeeld", None)
    zaken, storingen = _zaken(request, klant)
    onderwerpen = _onderwerpen(request, lopend)
    eerste = f"o{onderwerpen[0].pk}"
    formulieren = [
        _formulier(request, lopend, onderwerp, eerste, klant, zaken) for onderwerp in onderwerpen
    ]
    if request.method != "POST" and klant is not None:
        log_verwerking(
            request,
            actie="Raadplegen",
            handeling="Contact afronden",
            activiteit=activiteit,
            partijen=[klant],
            soorten_gegevens=("naam", "zaken"),
        )
    ingevuld = all(f.is_bound for f in formulieren)
    if ingevuld and all(f.is_valid() for f in formulieren):
        contacten = _vastleggen(
            request, formulieren, klant, lopend.gesprek, gespreksgegevens(lopend)
        )
        if contacten is not None:
            return _klaar(request, lopend, contacten, klant, activiteit)
    return render(
        request,
        "workspace/afronden.html",
        {
            "lopend": lopend,
            "klant": klant,
            "onderwerpen": [
                (onderwerp, form, _opvolging_open(lopend, form))
                for onderwerp, form in zip(onderwerpen, formulieren, strict=True)
            ],
            "eerste": formulieren[0],
            "fout": any(f.errors for f in formulieren),
            "onbekend": klant is None,
            "zaak_buiten": _zaken_buiten(onderwerpen, zaken),
            "storingen": storingen,
        },
        status=400 if ingevuld else 200,
    )


def _klant(lopend: LopendContact) -> Partij | None:
    if lopend.klant_id is None:
        return None
    return visible(Partij.objects.filter(pk=lopend.klant_id)).first()


def _zaken(request: HttpRequest, klant: Partij | None) -> tuple[dict[str, Zaakverwijzing], Any]:
    """The customer's zaken the employee may see: only these can be what a contact is about."""
    if klant is None:
        return {}, []
    overzicht = zaken_van_partij(
        klant, max_vertrouwelijkheid=max_zaak_vertrouwelijkheid(request), met_details=False
    )
    return {
        z.url: Zaakverwijzing(z.url, z.uuid, z.identificatie, z.zaaktype_url)
        for z in overzicht.zaken
    }, overzicht.storingen


def _onderwerpen(request: HttpRequest, lopend: LopendContact) -> list[LopendOnderwerp]:
    """The subjects the page showed (another tab may have added one since), or, to show
    the page, those with something in them (at least one, to fill in here)."""
    alle = list(lopend.onderwerpen.all())
    getoond = request.POST.getlist("onderwerp")
    if request.method == "POST" and (gekozen := [o for o in alle if str(o.pk) in getoond]):
        return gekozen
    return [o for o in alle if not o.leeg] or alle[:1] or [lopend.onderwerpen.create()]


def _formulier(
    request: HttpRequest,
    lopend: LopendContact,
    onderwerp: LopendOnderwerp,
    eerste: str,
    klant: Partij | None,
    zaken: dict[str, Zaakverwijzing],
) -> ContactForm:
    """The subject's form, its fields named ``o<pk>-…``; the call's own fields are those of
    the first subject's form (``eerste``)."""
    prefix = f"o{onderwerp.pk}"
    gedeeld = GEDEELD + BELLER if klant is None else GEDEELD
    data = files = initial = None
    if request.method == "POST" and "toon_vragen" not in request.POST:
        data, files = _met_gedeeld(request.POST, prefix, eerste, gedeeld), request.FILES
    elif request.method == "POST":
        # Only the department's questions were asked for: show what was typed, unchecked.
        initial = {
            k.removeprefix(f"{prefix}-"): v
            for k, v in _met_gedeeld(request.POST, prefix, eerste, gedeeld).items()
            if k.startswith(f"{prefix}-")
        }
    else:
        initial = _uit_paneel(lopend, onderwerp, zaken)
    if klant is None:
        return OnbekendeBellerForm(data, files, initial=initial, prefix=prefix)
    return ContactForm(
        data,
        files,
        initial=initial,
        prefix=prefix,
        zaken=zaken,
        klant=klant,
        vertegenwoordigers=list(
            visible(Partij.objects.filter(vertegenwoordigingen__vertegenwoordigde_partij=klant))
        ),
    )


def _met_gedeeld(post: QueryDict, prefix: str, eerste: str, gedeeld: tuple[str, ...]) -> QueryDict:
    """The form's data with the call's own fields as the first subject's form has them."""
    data = post.copy()
    for veld in gedeeld:
        data[f"{prefix}-{veld}"] = post.get(f"{eerste}-{veld}", "")
    return data


def _uit_paneel(
    lopend: LopendContact, onderwerp: LopendOnderwerp, zaken: dict[str, Zaakverwijzing]
) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "kanaal": lopend.kanaal,
        "onderwerp": onderwerp.onderwerp,
        "vraag": onderwerp.vraag,
        "antwoord": onderwerp.antwoord,
        "voornaam": lopend.voornaam,
        "voorvoegsel": lopend.voorvoegsel,
        "achternaam": lopend.achternaam,
        "terugbelnummer": lopend.telefoonnummer,
        "emailadres": lopend.emailadres,
    }
    if onderwerp.zaak_url in zaken:
        initial["zaak"] = onderwerp.zaak_url
    if lopend.collega_id is not None:
        initial["toegewezen_aan"] = str(lopend.collega_id)
    return initial


def _zaken_buiten(
    onderwerpen: list[LopendOnderwerp], zaken: dict[str, Zaakverwijzing]
) -> list[str]:
    """Zaken noted in the panel that are not among this customer's visible zaken: the
    agent chooses again (the label is what the agent's own page showed)."""
    return [
        o.zaak_label or o.zaak_url for o in onderwerpen if o.zaak_url and o.zaak_url not in zaken
    ]


def _opvolging_open(lopend: LopendContact, form: ContactForm) -> bool:
    """Open when something in it needs the agent: an error, or a caller without a customer
    (whose number is asked there)."""
    if any(form[veld].errors for veld in OPVOLGING if veld in form.fields):
        return True
    return lopend.klant_id is None and not form.is_bound


def _vastleggen(
    request: HttpRequest,
    formulieren: list[ContactForm],
    klant: Partij | None,
    gesprek: Gesprek | None = None,
    oproep: Oproepgegevens = (None, {}),
) -> list[Klantcontact] | None:
    """Every subject or none: a refusal of one keeps the others out of the register too.
    A chat's registration is one klantcontact per subject, each with the transcript; a
    call's start, duration and transfers go on each (``oproep``)."""
    with transaction.atomic():
        contacten = [
            probeer_vast_te_leggen(request, form, klant, gesprek, oproep) for form in formulieren
        ]
        if any(c is None for c in contacten):
            transaction.set_rollback(True)
            return None
    if any(c is AL_VASTGELEGD for c in contacten):
        messages.info(request, BERICHT)
    return [c for c in contacten if c is not None and c is not AL_VASTGELEGD]


def _klaar(
    request: HttpRequest,
    lopend: LopendContact,
    contacten: list[Klantcontact],
    klant: Partij | None,
    activiteit: Any,
) -> HttpResponse:
    for klantcontact in contacten:
        vastgelegd(request, klantcontact, activiteit)
    if lopend.collega is not None and contacten:
        nummers = ", ".join(c.referentienummer or c.nummer or "" for c in contacten)
        messages.info(
            request,
            gettext("Verbind door met %(collega)s en noem contactnummer %(nummers)s.")
            % {"collega": lopend.collega.naam, "nummers": nummers},
        )
    if lopend.gesprek is not None and contacten:
        _chat_vastgelegd(lopend.gesprek, contacten[0])
    lopend.delete()
    if klant is not None:
        return redirect(f"{reverse('workspace:klant', args=[klant.uuid])}?doel={activiteit.pk}")
    return redirect("workspace:zoeken")


def _chat_vastgelegd(gesprek: Gesprek, klantcontact: Klantcontact) -> None:
    """The chat knows its klantcontact; registering ends a chat still open (the visitor is
    told)."""
    Gesprek.objects.filter(pk=gesprek.pk).update(klantcontact=klantcontact)
    gesprekken.sluit(gesprek)
