"""Answering a written conversation (C9708): where the answer goes (R7), its text with the
team's text modules filled in, its attachments, and the message the domain sends
(``verzenden.verstuur``: an outbound klantcontact linked to what it answers, R9)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from klantbeeld.channels.teksten import vul_in
from klantbeeld.domain.models import Actor, Betrokkene, InterneTaak, Klantcontact, Partij
from klantbeeld.domain.models.base import ADRES_PARTS
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services import opvolging, verzenden
from klantbeeld.domain.services.intake import Contactadres, Deelnemer
from klantbeeld.domain.services.verzenden import Bericht
from klantbeeld.domain.services.zaken import Bestand
from klantbeeld.workspace.contact import KANAAL_LABELS, bestandstype
from klantbeeld.workspace.eenmalig import tokenveld
from klantbeeld.workspace.models import Tekstblok
from klantbeeld.workspace.taken import BRONNEN

# R7's tiers: left for this contact, the customer's preferred address, their other ones.
TREDE = {
    opvolging.Bron.BIJ_CONTACT: 0,
    opvolging.Bron.ONDERWERP: 1,
    opvolging.Bron.VOORKEUR: 2,
    opvolging.Bron.BEKEND: 3,
}
# How the task's requested action names a channel ("Beantwoorden per brief").
GEVRAAGD = {"e-mail": "e-mail", "mail": "e-mail", "brief": "post", "app": "app"}
# The channel in a closed task's toelichting (stored Dutch, as the register's data).
PER = {"e-mail": "e-mail", "post": "brief", "app": "app", "sms": "sms"}
TEKST_MAX = 20000
# Channels whose messages answer one another by the id of the message answered.
DRADEN = ("e-mail", "app", "sociale media")
SOCIALE_MEDIA = "sociale media"


@dataclass(frozen=True)
class Bestemming:
    """Where an answer can go: a channel and the address on it, and why it is offered."""

    kanaal: str
    adres: str  # an e-mail address, a phone number, or a letter's lines (one per line)
    bron: str
    # On social media: a public reply (everyone reads it), else a direct message.
    openbaar: bool = False

    @property
    def sleutel(self) -> str:
        # Not the address itself: a letter's lines do not survive a form field unchanged.
        soort = "\0openbaar" if self.openbaar else ""
        tekst = f"{self.kanaal}\0{self.adres}{soort}"
        return hashlib.sha256(tekst.encode()).hexdigest()[:16]

    @property
    def label(self) -> str:
        kanaal = KANAAL_LABELS.get(self.kanaal, self.kanaal)
        if self.kanaal == SOCIALE_MEDIA:
            soort = gettext("openbaar antwoord") if self.openbaar else gettext("direct bericht")
            kanaal = f"{kanaal}, {soort}"
        return f"{kanaal}: {', '.join(self.adres.splitlines())} ({self.bron})"


def afzender(klantcontact: Klantcontact) -> Betrokkene | None:
    """Who wrote: the betrokkene that started the contact, else its first."""
    betrokkenen = sorted(klantcontact.betrokkenen.all(), key=lambda b: (not b.initiator, b.pk))
    return betrokkenen[0] if betrokkenen else None


def met_betrokkenen(pad: str) -> Prefetch[Any]:
    """The contact's betrokkenen at ``pad``, as ``afzender`` and ``naam_van`` read them:
    their partij and addresses with them, the one that started it first."""
    return Prefetch(
        pad,
        queryset=Betrokkene.objects.select_related("was_partij")
        .prefetch_related("digitale_adressen")
        .order_by("-initiator", "pk"),
    )


def naam_van(betrokkene: Betrokkene | None) -> str:
    if betrokkene is None:
        return ""
    if betrokkene.was_partij is not None:
        return str(betrokkene.was_partij)
    return betrokkene.volledige_naam or betrokkene.organisatienaam


def bestemmingen(taak: InterneTaak) -> list[Bestemming]:
    """Where the answer to ``taak`` can go, in the order R7 asks (the channel the task
    names; what was left for this contact; the customer's choice for the contact's topic,
    C1924; the customer's preferred, then other addresses; the channel it came in on),
    only on channels that can send."""
    origineel = taak.aanleidinggevend_klantcontact
    keuze = opvolging.onderwerpkeuze(taak)
    per_post = keuze.partij if keuze is not None and keuze.voorkeur.kanaal == "post" else None
    kandidaten: list[tuple[str, str, opvolging.Bron]] = []
    for rij in opvolging.bereikbaarheid(taak):
        kanaal = _kanaal_van(rij.adres.soort_digitaal_adres, origineel.kanaal)
        if kanaal:
            kandidaten.append((kanaal, rij.adres.adres, rij.bron))
    betrokkenen = list(origineel.betrokkenen.all())
    for betrokkene in betrokkenen:
        if regels := adresregels(betrokkene, "correspondentieadres"):
            kandidaten.append(("post", "\n".join(regels), opvolging.Bron.BIJ_CONTACT))
    for partij in dict.fromkeys(b.was_partij for b in betrokkenen if b.was_partij is not None):
        if regels := _postadres(partij):
            bron = opvolging.Bron.ONDERWERP if partij == per_post else opvolging.Bron.BEKEND
            kandidaten.append(("post", "\n".join(regels), bron))
    gevraagd = next(
        (k for woord, k in GEVRAAGD.items() if woord in taak.gevraagde_handeling.lower()), None
    )
    kandidaten.sort(
        key=lambda k: (
            gevraagd is not None and k[0] != gevraagd,
            TREDE[k[2]],
            k[0] != origineel.kanaal,
        )
    )
    gezien: set[tuple[str, str]] = set()
    uitkomst = []
    for kanaal, adres, bron in kandidaten:
        if (kanaal, adres) in gezien or not verzenden.kan_versturen(kanaal):
            continue
        gezien.add((kanaal, adres))
        if kanaal == SOCIALE_MEDIA and openbaar_bericht(origineel):
            uitkomst.append(Bestemming(kanaal, adres, str(BRONNEN[bron]), openbaar=True))
        uitkomst.append(Bestemming(kanaal, adres, str(BRONNEN[bron])))
    return uitkomst


def openbaar_bericht(klantcontact: Klantcontact) -> bool:
    """Whether the contact is a public post on social media (a public answer may follow
    it; a direct message or a followers-only post is answered directly)."""
    metadata = klantcontact.metadata if isinstance(klantcontact.metadata, dict) else {}
    return klantcontact.kanaal == SOCIALE_MEDIA and metadata.get("zichtbaarheid") == "openbaar"


def direct_bij(bestemmingen: Sequence[Bestemming], openbaar: Bestemming) -> Bestemming | None:
    """The direct message to the same resident as the public reply ``openbaar``."""
    return next(
        (
            b
            for b in bestemmingen
            if b.kanaal == openbaar.kanaal and b.adres == openbaar.adres and not b.openbaar
        ),
        None,
    )


def _kanaal_van(soort: str, binnengekomen: str) -> str:
    """The channel an answer to a digital address goes on: mail to an e-mail address; to
    a phone number only by app, when the conversation came in by app."""
    if soort == SoortDigitaalAdres.EMAIL:
        return "e-mail"
    if soort == SoortDigitaalAdres.TELEFOONNUMMER and binnengekomen == "app":
        return "app"
    if soort == SoortDigitaalAdres.OVERIG and binnengekomen == SOCIALE_MEDIA:
        return SOCIALE_MEDIA  # the handle the post came from
    return ""


def _postadres(partij: Partij) -> list[str]:
    """The partij's correspondence address, else its visiting address."""
    return adresregels(partij, "correspondentieadres") or adresregels(partij, "bezoekadres")


def adresregels(houder: Any, soort: str) -> list[str]:
    """A postal address as a letter's lines: its own lines when given, else street and
    number, postcode and town; a foreign country's code last. Nothing without a street
    or lines (a postcode alone reaches no one)."""
    veld = {deel: getattr(houder, f"{soort}_{deel}") for deel in ADRES_PARTS}
    eigen = [veld[f"adresregel{i}"] for i in (1, 2, 3) if veld[f"adresregel{i}"]]
    if eigen:
        regels = eigen
    elif veld["straatnaam"]:
        nummer = f"{veld['huisnummer'] or ''}{veld['huisnummertoevoeging']}"
        regels = [
            " ".join(p for p in (veld["straatnaam"], nummer) if p),
            " ".join(p for p in (veld["postcode"], veld["stad"]) if p),
        ]
    else:
        return []
    if veld["land"] and veld["land"].upper() != "NL":
        regels.append(veld["land"])
    return [r for r in regels if r]


# -- text modules ---------------------------------------------------------------------------


def tekstblokken(taak: InterneTaak, medewerker: Actor | None) -> list[Tekstblok]:
    """The active modules for everyone and for the teams of the task and the employee."""
    teams = set(opvolging.toegewezenen(taak))
    if medewerker is not None:
        teams |= set(opvolging.teams_van(medewerker))
    return list(
        Tekstblok.objects.filter(Q(team__isnull=True) | Q(team__in=teams), actief=True).order_by(
            "naam", "pk"
        )
    )


def waarden(taak: InterneTaak, geadresseerde: str, medewerker: str) -> dict[str, str]:
    """What a module's placeholders stand for in this answer. The date is written in
    Dutch: the answer is, whatever language the screens are in."""
    origineel = taak.aanleidinggevend_klantcontact
    with translation.override("nl"):
        datum = formats.date_format(timezone.localdate(), "j F Y")
    return {
        "naam": geadresseerde,
        "onderwerp": origineel.onderwerp,
        "referentienummer": origineel.referentienummer or origineel.nummer or "",
        "medewerker": medewerker,
        "organisatie": settings.KLANTBEELD_ORGANISATIE_NAAM,
        "datum": datum,
    }


def ingevuld(blokken: Sequence[Tekstblok], waarden: dict[str, str]) -> dict[str, str]:
    """Each module's text with its placeholders filled in, by its key."""
    return {str(blok.pk): vul_in(blok.tekst, waarden) for blok in blokken}


def regels(tekst: str) -> str:
    """Line ends as ``\n``: a browser sends a textarea's with ``\r\n``."""
    return tekst.replace("\r\n", "\n").replace("\r", "\n")


def voeg_in(tekst: str, blok: str) -> str:
    """``blok`` after what was written, a blank line between."""
    tekst = tekst.rstrip()
    return f"{tekst}\n\n{blok}" if tekst else blok


def beantwoord(onderwerp: str) -> str:
    """The subject of an answer: ``Re: <subject>``, once."""
    return onderwerp if onderwerp.lower().startswith("re:") else f"Re: {onderwerp}"[:200]


# -- the form -------------------------------------------------------------------------------


class BestandenInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class BijlagenVeld(forms.FileField):
    """Several files in one field (a list, empty when none was chosen)."""

    widget = BestandenInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        enkel = super().clean
        if isinstance(data, list | tuple):
            return [enkel(bestand, initial) for bestand in data if bestand]
        return [enkel(data, initial)] if data else []


class AntwoordForm(forms.Form):
    inzending = tokenveld()
    naar = forms.ChoiceField(
        label=_("Versturen naar"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies waar het antwoord heen gaat."),
            "invalid_choice": _("Dit adres kan niet (meer) worden gekozen; kies een ander."),
        },
    )
    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        max_length=200,
        error_messages={"required": _("Geef het antwoord een onderwerp.")},
    )
    tekstblok = forms.ChoiceField(label=_("Tekstblok"), required=False)
    tekst = forms.CharField(
        label=_("Antwoord"),
        max_length=TEKST_MAX,
        widget=forms.Textarea,
        error_messages={"required": _("Schrijf het antwoord.")},
    )
    bijlagen = BijlagenVeld(
        label=_("Bijlagen"),
        required=False,
        help_text=_("Eén of meer bestanden (PDF, foto, Word- of tekstbestand)."),
    )
    afgehandeld = forms.BooleanField(
        label=_("Taak afhandelen na versturen"), required=False, initial=True
    )

    def __init__(
        self,
        *args: Any,
        bestemmingen: Sequence[Bestemming],
        tekstblokken: Sequence[Tekstblok],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.bestemmingen = {b.sleutel: b for b in bestemmingen}
        self.fields["naar"].choices = [(b.sleutel, b.label) for b in bestemmingen]  # type: ignore[attr-defined]
        self.fields["tekstblok"].choices = [(str(t.pk), t.naam) for t in tekstblokken]  # type: ignore[attr-defined]
        if not self.is_bound and bestemmingen and "naar" not in self.initial:
            self.initial["naar"] = bestemmingen[0].sleutel

    @property
    def bestemming(self) -> Bestemming:
        return self.bestemmingen[self.cleaned_data["naar"]]

    def clean_tekst(self) -> str:
        return regels(self.cleaned_data["tekst"])

    def clean_bijlagen(self) -> list[Any]:
        bijlagen: list[Any] = self.cleaned_data.get("bijlagen") or []
        maximum = settings.KLANTBEELD_BIJLAGE_MAX_MB
        for bijlage in bijlagen:
            if bijlage.size == 0:
                raise ValidationError(gettext("%(naam)s is leeg.") % {"naam": bijlage.name})
            if bestandstype(bijlage.name) not in settings.KLANTBEELD_BIJLAGE_TYPEN:
                raise ValidationError(
                    gettext(
                        "%(naam)s: dit soort bestand wordt niet verstuurd; gebruik bijvoorbeeld "
                        "PDF, een foto (JPEG, PNG) of een Word- of tekstbestand."
                    )
                    % {"naam": bijlage.name}
                )
        if sum(b.size for b in bijlagen) > maximum * 1024 * 1024:
            raise ValidationError(
                gettext("De bijlagen zijn samen hoogstens %(mb)s MB.") % {"mb": maximum}
            )
        return bijlagen

    def opnieuw(self, tekst: str) -> dict[str, Any]:
        """What was typed, as the initial values of the form shown again (without the
        files: a browser does not let a page choose them)."""
        waarden = {naam: self[naam].data for naam in self.fields if naam != "bijlagen"}
        return {**waarden, "tekst": tekst}


# -- the message ----------------------------------------------------------------------------


def bericht(origineel: Klantcontact, form: AntwoordForm, geadresseerde: str) -> Bericht:
    """The message to send: threaded to the original when it goes back on the channel it
    came in on and that channel threads (mail, app), from the mailbox the mail came in on."""
    data = form.cleaned_data
    bestemming = form.bestemming
    metadata = origineel.metadata if isinstance(origineel.metadata, dict) else {}
    terug = bestemming.kanaal == origineel.kanaal and bestemming.kanaal in DRADEN
    return Bericht(
        kanaal=bestemming.kanaal,
        adres=bestemming.adres,
        onderwerp=data["onderwerp"],
        tekst=data["tekst"],
        naam=geadresseerde,
        bijlagen=[
            Bestand(naam=b.name or "bijlage", inhoud=b.read(), formaat=bestandstype(b.name))
            for b in data["bijlagen"]
        ],
        antwoord_op_bericht_id=str(metadata.get("bronBerichtId", "")) if terug else "",
        afzender=_afzender(bestemming.kanaal, metadata) if terug else "",
        openbaar=bestemming.openbaar,
    )


def _afzender(kanaal: str, metadata: dict[str, Any]) -> str:
    """Who answers: the mailbox the mail came in on, the account the post came to."""
    if kanaal == "e-mail":
        return str(metadata.get("postvak", ""))
    if kanaal == SOCIALE_MEDIA:
        return str(metadata.get("sociaalAccount", ""))
    return ""


def ontvanger(betrokkene: Betrokkene) -> Deelnemer:
    """R9: the writer as betrokkene of the answer: the same partij or name and the contact
    data they left, not the one who started it."""
    return Deelnemer(
        partij=betrokkene.was_partij,
        rol=betrokkene.rol,
        initiator=False,
        voornaam=betrokkene.contactnaam_voornaam,
        voorvoegsel=betrokkene.contactnaam_voorvoegsel_achternaam,
        achternaam=betrokkene.contactnaam_achternaam,
        organisatienaam=betrokkene.organisatienaam,
        adressen=[
            Contactadres(a.soort_digitaal_adres, a.adres, a.omschrijving)
            for a in betrokkene.digitale_adressen.all()
        ],
        correspondentieadres={
            deel: waarde
            for deel in ADRES_PARTS
            if (waarde := getattr(betrokkene, f"correspondentieadres_{deel}")) not in ("", None)
        },
    )


def toelichting(kanaal: str, klantcontact: Klantcontact) -> str:
    """What the closed task says was done (stored Dutch)."""
    nummer = klantcontact.referentienummer or klantcontact.nummer or ""
    return f"Beantwoord per {PER.get(kanaal, kanaal)} (referentienummer {nummer})"
