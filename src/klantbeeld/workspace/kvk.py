"""Finding and verifying a company in the Handelsregister through KVK's APIs
(docs/brp-kvk.md): search by name, KVK-nummer or postcode and huisnummer; a company's
Basisprofiel with its vestigingen (and one vestiging's profile); from there to the
organisation in the register, or to recording it. On an organisation with a KVK-nummer,
"Controleer in KVK" sets the Handelsregister's name and addresses beside the register's.

Every look-up is logged with the purpose the employee chose (by KVK-nummer: an eenmanszaak
is a person's business). The pages are hidden (404) while no KVK is configured."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services.zoeken import partijen_met_nummers
from klantbeeld.integrations.kvk import client
from klantbeeld.integrations.kvk.client import Adres as KvkAdres
from klantbeeld.integrations.kvk.client import Basisprofiel, KvkClient, KvkFout
from klantbeeld.privacy import verwerkingen
from klantbeeld.privacy.models import Verwerkingsactiviteit
from klantbeeld.workspace.basisregistraties import (
    Adres,
    Regel,
    adresregel,
    doel,
    fout_status,
    huisnummer_veld,
    in_register,
    nummer_van,
    postcode_veld,
    register_adres,
    tekstregel,
    zoekstap,
)
from klantbeeld.workspace.medewerkers import log_verwerking
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

GEGEVENSBRON = "Handelsregister"
SOORTEN_GEGEVENS = ("naam", "identificatienummer", "adres")
SOORTEN = {
    "hoofdvestiging": _("Hoofdvestiging"),
    "nevenvestiging": _("Nevenvestiging"),
    "rechtspersoon": _("Rechtspersoon"),
}


class KvkZoekForm(forms.Form):
    naam = forms.CharField(label=_("Naam of handelsnaam"), max_length=200, required=False)
    kvk_nummer = forms.CharField(
        label=_("KVK-nummer"),
        max_length=10,
        required=False,
        validators=[RegexValidator(r"^[0-9]{8}$", _("Een KVK-nummer heeft acht cijfers."))],
    )
    postcode = postcode_veld()
    huisnummer = huisnummer_veld()

    def clean_kvk_nummer(self) -> str:
        return "".join(self.cleaned_data["kvk_nummer"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if bool(data.get("postcode")) != bool(data.get("huisnummer")):
            raise ValidationError(gettext("Vul de postcode en het huisnummer in."))
        if not (data.get("naam") or data.get("kvk_nummer") or data.get("postcode")):
            raise ValidationError(
                gettext("Vul een naam in, of het KVK-nummer, of de postcode en het huisnummer.")
            )
        return data


def _alleen_met_kvk() -> None:
    if not client.ingesteld():
        raise Http404("Het Handelsregister is niet ingesteld.")


def _log(
    request: HttpRequest,
    actie: str,
    handeling: str,
    activiteit: Verwerkingsactiviteit,
    nummers: list[str],
    partijen: Sequence[Partij] = (),
) -> None:
    """A KVK look-up, by KVK-nummer: an organisation is no person, but an eenmanszaak's
    data is its owner's (the log's objecttype knows only 'persoon')."""
    log_verwerking(
        request,
        actie=actie,
        handeling=handeling,
        activiteit=activiteit,
        partijen=list(partijen),
        objecten=[("KVK", nummer) for nummer in dict.fromkeys(nummers)],
        soorten_gegevens=SOORTEN_GEGEVENS,
        gegevensbron=GEGEVENSBRON,
    )


@rol_vereist(KLANTEN_ZIEN)
def zoeken(request: HttpRequest) -> HttpResponse:
    _alleen_met_kvk()
    context: dict[str, Any] = {}
    stap = zoekstap(request, "workspace/kvk_zoeken.html", KvkZoekForm, context)
    if isinstance(stap, HttpResponse):
        return stap
    activiteit, form = stap
    data = form.cleaned_data
    try:
        with KvkClient() as kvk:
            gevonden = kvk.zoek(
                naam=data["naam"].strip(),
                kvk_nummer=data["kvk_nummer"],
                postcode=data["postcode"],
                huisnummer=data["huisnummer"],
            )
    except KvkFout as fout:
        context["storing"] = fout.message
        return render(request, "workspace/kvk_zoeken.html", context, status=fout_status(fout))
    nummers = [r.kvk_nummer for r in gevonden.resultaten] or [data["kvk_nummer"]]
    _log(request, "Zoeken", "Bedrijf zoeken in het Handelsregister", activiteit, nummers)
    in_het_register = partijen_met_nummers(
        (r.kvk_nummer for r in gevonden.resultaten), CodeSoortObjectId.KVK_NUMMER
    )
    context |= {
        "gezocht": True,
        "totaal": gevonden.totaal,
        "regels": [
            {
                "resultaat": r,
                "soort": SOORTEN.get(r.soort, r.soort),
                "partij": in_het_register.get(r.kvk_nummer),
            }
            for r in gevonden.resultaten
        ],
    }
    return render(request, "workspace/kvk_zoeken.html", context)


@rol_vereist(KLANTEN_ZIEN)
def profiel(request: HttpRequest, kvk_nummer: str) -> HttpResponse:
    """A company's Basisprofiel and vestigingen (KVK-nummers are public: in the URL), and
    one vestiging's profile when ``vestiging`` names one."""
    _alleen_met_kvk()
    if not (len(kvk_nummer) == 8 and kvk_nummer.isdigit()):
        raise Http404("Geen KVK-nummer.")
    try:
        activiteit = doel(request, "zoeken")
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/kvk_profiel.html", {"fout": str(error)}, status=503)
    gekozen = request.GET.get("vestiging", "")
    context: dict[str, Any] = {"kvk_nummer": kvk_nummer, "doel": activiteit}
    try:
        with KvkClient() as kvk:
            basisprofiel = kvk.basisprofiel(kvk_nummer)
            if basisprofiel is not None:
                context["vestigingen"] = kvk.vestigingen(kvk_nummer)
                if gekozen.isdigit() and len(gekozen) == 12:
                    context["vestiging"] = kvk.vestigingsprofiel(gekozen)
    except KvkFout as fout:
        context["storing"] = fout.message
        return render(request, "workspace/kvk_profiel.html", context, status=fout_status(fout))
    _log(
        request, "Raadplegen", "Bedrijf raadplegen in het Handelsregister", activiteit, [kvk_nummer]
    )
    context |= {
        "profiel": basisprofiel,
        "partij": in_register(kvk_nummer, CodeSoortObjectId.KVK_NUMMER),
    }
    return render(
        request, "workspace/kvk_profiel.html", context, status=200 if basisprofiel else 404
    )


@rol_vereist(KLANTEN_ZIEN)
def controle(request: HttpRequest, partij: uuid.UUID) -> HttpResponse:
    """The Handelsregister's name and addresses beside the register's."""
    _alleen_met_kvk()
    try:
        activiteit = doel(request, "klantbeeld")
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/kvk_controle.html", {"fout": str(error)}, status=503)
    gevonden = visible(Partij.objects.filter(uuid=partij)).first()
    kvk_nummer = nummer_van(gevonden, CodeSoortObjectId.KVK_NUMMER) if gevonden else ""
    if gevonden is None or not kvk_nummer:
        raise Http404("Geen organisatie met een KVK-nummer met dit kenmerk.")
    context: dict[str, Any] = {"partij": gevonden, "doel": activiteit, "kvk_nummer": kvk_nummer}
    try:
        with KvkClient() as kvk:
            basisprofiel = kvk.basisprofiel(kvk_nummer)
    except KvkFout as fout:
        context["storing"] = fout.message
        return render(request, "workspace/kvk_controle.html", context, status=fout_status(fout))
    handeling = "Gegevens van de klant controleren in het Handelsregister"
    _log(request, "Raadplegen", handeling, activiteit, [kvk_nummer], [gevonden])
    context["profiel"] = basisprofiel
    if basisprofiel is not None:
        context["regels"] = vergelijk(gevonden, basisprofiel)
        context["verschillen"] = any(r.gelijk is False for r in context["regels"])
    return render(request, "workspace/kvk_controle.html", context)


def _adres(adres: KvkAdres | None) -> Adres | None:
    if adres is None:
        return None
    if adres.postbus:
        return Adres("Postbus", adres.postbus, "", adres.postcode, adres.plaats)
    toevoeging = adres.huisletter + (f"-{adres.toevoeging}" if adres.toevoeging else "")
    return Adres(adres.straat, adres.huisnummer, toevoeging, adres.postcode, adres.plaats)


def vergelijk(partij: Partij, profiel: Basisprofiel) -> list[Regel]:
    """Name and addresses as the register has them against the Handelsregister; a name the
    company trades under counts as the same."""
    naam = tekstregel(gettext("Naam"), partij.naam, profiel.naam)
    namen = {n.casefold() for n in (profiel.naam, *profiel.handelsnamen)}
    if partij.naam and profiel.naam:
        naam = Regel(naam.gegeven, partij.naam, profiel.naam, partij.naam.casefold() in namen)
    hoofd = profiel.hoofdvestiging
    return [
        naam,
        adresregel(
            gettext("Bezoekadres"),
            register_adres(partij, "bezoekadres"),
            _adres(hoofd.bezoekadres if hoofd else None),
        ),
        adresregel(
            gettext("Correspondentieadres"),
            register_adres(partij, "correspondentieadres"),
            _adres(hoofd.correspondentieadres if hoofd else None),
        ),
    ]
