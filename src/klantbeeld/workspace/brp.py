"""Finding and verifying a person in the BRP (docs/brp-kvk.md): by BSN, by achternaam and
geboortedatum (three Henk Bos differ only by those), by postcode and huisnummer, or by
name in the municipality; shown is only what verifies an identity (name, date of birth,
address). A person found leads to the customer in the register, or to recording them. On a
customer with a BSN, "Controleer in BRP" sets the BRP's data beside the register's.

Every look-up is logged with the purpose the employee chose, the BRP as its source. The
page is hidden (404) while no BRP is configured. Searches are POSTs: no BSN or name in a
URL."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain import validators
from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services.zoeken import partijen_met_nummers
from klantbeeld.integrations.brp import client
from klantbeeld.integrations.brp.client import BrpClient, BrpFout, Persoon, Protocol, Zoekvraag
from klantbeeld.privacy import verwerkingen
from klantbeeld.privacy.models import Verwerkingsactiviteit
from klantbeeld.workspace.basisregistraties import (
    Adres,
    Regel,
    adresregel,
    doel,
    fout_status,
    huisnummer_veld,
    nummer_van,
    postcode_veld,
    register_adres,
    tekstregel,
    zoekstap,
)
from klantbeeld.workspace.medewerkers import log_verwerking
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

GEGEVENSBRON = "BRP"
SOORTEN_GEGEVENS = ("naam", "identificatienummer", "geboortedatum", "adres")
# The API's own patterns (tests/specs/brp-personen-2.7.0_haal-centraal-brp.yaml), so that
# what the BRP would refuse is said here, in words, before it is asked.
NAAM = r"^[a-zA-Z0-9À-ž \.\-']{1,200}$|^[a-zA-Z0-9À-ž \.\-']{3,199}\*$"
NAAM_FOUT = _(
    "Gebruik letters, spaties, punten, streepjes en apostroffen; een * alleen aan het eind, "
    "na ten minste drie letters."
)
HANDELINGEN = {
    "RaadpleegMetBurgerservicenummer": "Persoon zoeken in de BRP op BSN",
    "ZoekMetGeslachtsnaamEnGeboortedatum": (
        "Persoon zoeken in de BRP op achternaam en geboortedatum"
    ),
    "ZoekMetPostcodeEnHuisnummer": "Persoon zoeken in de BRP op postcode en huisnummer",
    "ZoekMetNaamEnGemeenteVanInschrijving": "Persoon zoeken in de BRP op naam in de gemeente",
}


class BrpZoekForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=11, required=False)
    geslachtsnaam = forms.CharField(
        label=_("Achternaam"),
        help_text=_("Zonder tussenvoegsel. Met * aan het eind: alle namen die zo beginnen."),
        max_length=200,
        required=False,
        validators=[RegexValidator(NAAM, NAAM_FOUT)],
    )
    geboortedatum = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 14-03-1961.")},
    )
    voornamen = forms.CharField(
        label=_("Voornaam"),
        max_length=200,
        required=False,
        validators=[RegexValidator(NAAM, NAAM_FOUT)],
    )
    voorvoegsel = forms.CharField(
        label=_("Tussenvoegsel"),
        max_length=10,
        required=False,
        validators=[
            RegexValidator(r"^[a-zA-Z ']{1,10}$", _("Een tussenvoegsel heeft alleen letters."))
        ],
    )
    postcode = postcode_veld()
    huisnummer = huisnummer_veld()
    toevoeging = forms.CharField(
        label=_("Huisletter of toevoeging"),
        max_length=4,
        required=False,
        validators=[
            RegexValidator(r"^[a-zA-Z0-9 \-]{1,4}$", _("Een toevoeging heeft letters en cijfers."))
        ],
    )

    def clean_bsn(self) -> str:
        nummer = "".join(self.cleaned_data["bsn"].split())
        if nummer and not (len(nummer) == 9 and nummer.isdigit() and validators.elfproef(nummer)):
            raise ValidationError(gettext("Vul een geldig BSN in (negen cijfers)."))
        return nummer

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if data.get("bsn"):
            return data
        if data.get("postcode") or data.get("huisnummer"):
            if not (data.get("postcode") and data.get("huisnummer")):
                raise ValidationError(gettext("Vul de postcode en het huisnummer in."))
            return data
        if data.get("geslachtsnaam") and data.get("geboortedatum"):
            return data
        if data.get("geslachtsnaam") and data.get("voornamen") and _in_gemeente():
            return data
        if data.get("geslachtsnaam"):
            raise ValidationError(gettext("Vul ook de geboortedatum in."))
        raise ValidationError(
            gettext(
                "Vul een BSN in, of de achternaam en de geboortedatum, of de postcode en het "
                "huisnummer."
            )
        )

    def zoekvraag(self) -> Zoekvraag:
        data = self.cleaned_data
        toevoeging = data["toevoeging"].strip()
        letter = len(toevoeging) == 1 and toevoeging.isalpha()
        return Zoekvraag(
            bsn=data["bsn"],
            geslachtsnaam=data["geslachtsnaam"].strip(),
            geboortedatum=data["geboortedatum"],
            voornamen=data["voornamen"].strip(),
            voorvoegsel=data["voorvoegsel"].strip(),
            postcode=data["postcode"],
            huisnummer=data["huisnummer"],
            huisletter=toevoeging if letter else "",
            huisnummertoevoeging="" if letter else toevoeging,
        )


def _in_gemeente() -> bool:
    return bool(settings.KLANTBEELD_BRP_GEMEENTECODE)


def _alleen_met_brp() -> None:
    """No BRP configured: the pages do not exist (and nothing links to them)."""
    if not client.ingesteld():
        raise Http404("De BRP is niet ingesteld.")


def _protocol(request: HttpRequest, activiteit: Verwerkingsactiviteit, handeling: str) -> Protocol:
    return Protocol(f"{activiteit.naam}@{handeling}", request.user.get_username())


@rol_vereist(KLANTEN_ZIEN)
def zoeken(request: HttpRequest) -> HttpResponse:
    _alleen_met_brp()
    context: dict[str, Any] = {"gemeente": _in_gemeente()}
    stap = zoekstap(request, "workspace/brp_zoeken.html", BrpZoekForm, context)
    if isinstance(stap, HttpResponse):
        return stap
    activiteit, form = stap
    vraag = form.zoekvraag()
    handeling = HANDELINGEN[vraag.soort]
    try:
        with BrpClient() as brp:
            personen = brp.zoek(vraag, _protocol(request, activiteit, handeling))
    except BrpFout as fout:
        context["storing"] = fout.message
        return render(request, "workspace/brp_zoeken.html", context, status=fout_status(fout))
    bekend = partijen_met_nummers((p.bsn for p in personen), CodeSoortObjectId.BSN)
    regels = [_regel(p, bekend.get(p.bsn)) for p in personen]
    gevonden = [r["partij"] for r in regels if r["partij"] is not None]
    anderen = [("BSN", r["persoon"].bsn) for r in regels if r["partij"] is None]
    if not personen and vraag.bsn:
        anderen = [("BSN", vraag.bsn)]  # the number looked up, though no one has it
    log_verwerking(
        request,
        actie="Zoeken",
        handeling=handeling,
        activiteit=activiteit,
        partijen=gevonden,
        objecten=anderen,
        soorten_gegevens=SOORTEN_GEGEVENS,
        vertrouwelijk=any(p.geheimhouding for p in personen),
        gegevensbron=GEGEVENSBRON,
    )
    context |= {"regels": regels, "gezocht": True}
    return render(request, "workspace/brp_zoeken.html", context)


def _regel(persoon: Persoon, partij: Partij | None) -> dict[str, Any]:
    return {
        "persoon": persoon,
        "partij": partij,
        "voornaam": persoon.voornamen.split()[0] if persoon.voornamen else "",
        "adres": ", ".join(persoon.adresregels),
    }


@rol_vereist(KLANTEN_ZIEN)
def controle(request: HttpRequest, partij: uuid.UUID) -> HttpResponse:
    """The BRP's data beside the register's, for a customer with a BSN."""
    _alleen_met_brp()
    try:
        activiteit = doel(request, "klantbeeld")
    except verwerkingen.GeenVerwerkingsactiviteit as error:
        return render(request, "workspace/brp_controle.html", {"fout": str(error)}, status=503)
    gevonden = visible(Partij.objects.filter(uuid=partij)).first()
    bsn = nummer_van(gevonden, CodeSoortObjectId.BSN) if gevonden is not None else ""
    if gevonden is None or not bsn:
        raise Http404("Geen klant met een BSN met dit kenmerk.")
    handeling = "Gegevens van de klant controleren in de BRP"
    context: dict[str, Any] = {"partij": gevonden, "doel": activiteit, "bsn": bsn}
    try:
        with BrpClient() as brp:
            persoon = brp.raadpleeg(bsn, _protocol(request, activiteit, handeling))
    except BrpFout as fout:
        context["storing"] = fout.message
        return render(request, "workspace/brp_controle.html", context, status=fout_status(fout))
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling=handeling,
        activiteit=activiteit,
        partijen=[gevonden],
        soorten_gegevens=SOORTEN_GEGEVENS,
        vertrouwelijk=bool(persoon and persoon.geheimhouding),
        gegevensbron=GEGEVENSBRON,
    )
    context["persoon"] = persoon
    if persoon is not None:
        context["regels"] = vergelijk(gevonden, persoon)
        context["verschillen"] = any(r.gelijk is False for r in context["regels"])
    return render(request, "workspace/brp_controle.html", context)


def vergelijk(partij: Partij, persoon: Persoon) -> list[Regel]:
    """Name and address as the register has them against the BRP; the date of birth only
    the BRP knows (to ask the caller)."""
    voornaam = partij.contactnaam_voornaam.strip()
    voornamen = persoon.voornamen.split()
    achternaam = " ".join(
        d for d in (partij.contactnaam_voorvoegsel_achternaam, partij.contactnaam_achternaam) if d
    )
    brp_achternaam = " ".join(d for d in (persoon.voorvoegsel, persoon.geslachtsnaam) if d)
    voornaamregel = tekstregel(gettext("Voornaam"), voornaam, persoon.voornamen)
    if voornaam and voornamen:
        # A register keeps the name a person goes by: one of the BRP's voornamen will do.
        gelijk = voornaam.casefold() in {persoon.voornamen.casefold()} | {
            v.casefold() for v in voornamen
        }
        voornaamregel = Regel(voornaamregel.gegeven, voornaam, persoon.voornamen, gelijk)
    bron_adres = None
    if persoon.adres is not None:
        a = persoon.adres
        toevoeging = a.huisletter + (f"-{a.huisnummertoevoeging}" if a.huisnummertoevoeging else "")
        bron_adres = Adres(a.straat, a.huisnummer, toevoeging, a.postcode, a.woonplaats)
    register = register_adres(partij, "correspondentieadres") or register_adres(
        partij, "bezoekadres"
    )
    geboren = persoon.geboortedatum_tekst or (
        persoon.geboortedatum.isoformat()
        if isinstance(persoon.geboortedatum, datetime.date)
        else ""
    )
    return [
        voornaamregel,
        tekstregel(gettext("Achternaam"), achternaam, brp_achternaam),
        Regel(gettext("Geboortedatum"), "", geboren, None),
        adresregel(gettext("Adres"), register, bron_adres),
    ]
