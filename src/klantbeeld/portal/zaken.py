"""Mijn zaken (issue 14; cases C8404, C0300, C2975, C6278): the zaken of the one signed in
(or acted for) from every configured Zaken API, found by the login's BSN or KVK-nummer, so a
resident without a partij sees them too (R3). Deelzaken hang under their hoofdzaak, each
with its own status (C8404). A zaak's page shows its status history, the documents the
resident may see (up to ``KLANTBEELD_MIJN_MAX_VERTROUWELIJKHEID``), downloaded through
Klantbeeld, and the klantcontacten about it in which they took part, with the team and never
an employee's name (R12).

The list page arrives at once and the zaken follow (htmx loads the list, which waits on the
registers); without JavaScript a link shows the list in the page itself. A register that
fails leaves the rest shown, marked as incomplete.

On an open zaak of their own a resident adds a document with an explanation (C0300) or
withdraws the application (C2975): each is a klantcontact ``mijngemeente`` about the zaak
with a task for its handling team. Someone else's zaak is the portal's 404, whatever the
form says: a zaak is only ever taken from the resident's own search."""

from __future__ import annotations

import mimetypes
import uuid
from typing import Any, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from klantbeeld.domain.models import Actor, Klantcontact, Partij
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.klantcontacten import Rol
from klantbeeld.domain.services.actoren import actief_team
from klantbeeld.domain.services.intake import (
    Contactaanmelding,
    Document,
    Opvolging,
    registreer_contact,
)
from klantbeeld.domain.services.zaken import (
    ZAAK,
    Bestand,
    GeenBetrokkene,
    RegisterFout,
    Zaakverwijzing,
)
from klantbeeld.integrations.zgw.client import ZgwClient
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.integrations.zgw.zaken import (
    VERTROUWELIJKHEID,
    Zaak,
    Zaakoverzicht,
    behandelende_eenheden,
    zaken_van_identiteit,
)
from klantbeeld.portal.actor import portaal_actor
from klantbeeld.portal.identiteit import Ingelogde
from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist, niet_gevonden
from klantbeeld.portal.vertegenwoordiging import betrokkenen_voor
from klantbeeld.portal.verwerkingen import gebruiker, log_inzage

KANAAL = "mijngemeente"
TAAK_AANVULLING = "Aanvulling op zaak verwerken"
TAAK_INTREKKEN = "Aanvraag intrekken verwerken"
HANDELING = "Mijn zaken"


class GeenTeam(Exception):
    """No team to hand the resident's request to; ``str()`` says which setting."""


# -- reading ------------------------------------------------------------------------------


def max_vertrouwelijkheid() -> str:
    waarde: str = settings.KLANTBEELD_MIJN_MAX_VERTROUWELIJKHEID
    if waarde not in VERTROUWELIJKHEID:
        raise ImproperlyConfigured(
            "KLANTBEELD_MIJN_MAX_VERTROUWELIJKHEID must be a ZGW vertrouwelijkheidaanduiding "
            f"({', '.join(VERTROUWELIJKHEID)})."
        )
    return waarde


@require_GET
@inlog_vereist()
def lijst(request: HttpRequest) -> HttpResponse:
    """The page itself at once; the zaken come through ``lijst_deel`` (htmx), or in the
    page with ``?zonder_js=1`` (the link a browser without JavaScript shows)."""
    context: dict[str, object] = {"zonder_js": request.GET.get("zonder_js") == "1"}
    if context["zonder_js"]:
        context.update(_lijst(_mijn(request)))
    return render(request, "portal/zaken/lijst.html", context)


@require_GET
@inlog_vereist()
def lijst_deel(request: HttpRequest) -> HttpResponse:
    """The list of zaken alone, for htmx; a browser that asks for it as a page gets the
    whole page with the list in it."""
    if request.headers.get("HX-Request") != "true":
        return redirect(f"{reverse('portal:zaken')}?zonder_js=1")
    return render(request, "portal/zaken/_lijst.html", _lijst(_mijn(request)))


def _lijst(wie: Ingelogde) -> dict[str, object]:
    overzicht = zaken_van_identiteit(
        wie.klant, max_vertrouwelijkheid=max_vertrouwelijkheid(), met_details=False
    )
    log_inzage(wie, handeling=HANDELING, soorten_gegevens=["zaken"])
    hoofdzaken = overzicht.hoofdzaken
    return {
        "lopend": [z for z in hoofdzaken if not z.afgesloten],
        "afgesloten": [z for z in hoofdzaken if z.afgesloten],
        "onvolledig": not overzicht.volledig,
    }


@require_GET
@inlog_vereist()
def zaak(request: HttpRequest, zaak: uuid.UUID) -> HttpResponse:
    wie = _mijn(request)
    gevonden = _zoek(request, zaak, met_details=True)
    if isinstance(gevonden, HttpResponse):
        return gevonden
    gekozen, overzicht = gevonden
    contacten = contacten_over(gekozen, wie.partij())
    log_inzage(
        wie,
        handeling=f"{HANDELING}: zaak bekijken",
        soorten_gegevens=["zaken", "documenten", "klantcontacten"],
        vertrouwelijk=any(c.vertrouwelijk for c in contacten),
    )
    return render(
        request,
        "portal/zaken/zaak.html",
        {
            "zaak": gekozen,
            "contacten": [Contactregel(c) for c in contacten],
            "onvolledig": not overzicht.volledig,
            "kan_regelen": _kan_regelen(gekozen),
            "hoofdzaak": _uuid_van(gekozen.hoofdzaak) if gekozen.hoofdzaak else "",
        },
    )


@require_GET
@inlog_vereist(Functie.DOWNLOADEN)
def document(request: HttpRequest, zaak: uuid.UUID, document: uuid.UUID) -> HttpResponse:
    """A document of one of the resident's zaken, fetched from its register: only one the
    zaak's page lists (related to that zaak, within the confidentiality they may see)."""
    wie = _mijn(request)
    gevonden = _zoek(request, zaak, met_details=True)
    if isinstance(gevonden, HttpResponse):
        return gevonden
    gekozen, _overzicht = gevonden
    stuk = next((d for d in gekozen.documenten if _uuid_van(d.url) == str(document)), None)
    if stuk is None or not stuk.download:
        return niet_gevonden(request)
    try:
        with ZgwClient(user=("mijngemeente", gebruiker(wie))) as zgw:
            inhoud = zgw.download(stuk.download)
    except RegisterFout:
        return render(request, "portal/zaken/storing.html", {"zaak": gekozen}, status=502)
    log_inzage(wie, handeling=f"{HANDELING}: document downloaden", soorten_gegevens=["documenten"])
    naam = stuk.bestandsnaam or stuk.titel or "document"
    formaat = stuk.formaat or mimetypes.guess_type(naam)[0] or "application/octet-stream"
    return HttpResponse(
        inhoud,
        content_type=formaat,
        headers={
            "Content-Disposition": content_disposition_header(True, naam),
            "X-Content-Type-Options": "nosniff",
        },
    )


def _zoek(
    request: HttpRequest, zaak: uuid.UUID, *, met_details: bool
) -> tuple[Zaak, Zaakoverzicht] | HttpResponse:
    """The resident's zaak with this uuid, from their own search only; else the 404."""
    overzicht = zaken_van_identiteit(
        _mijn(request).klant,
        max_vertrouwelijkheid=max_vertrouwelijkheid(),
        met_details=met_details,
        alleen=str(zaak),
    )
    gekozen = next((z for z in overzicht.zaken if z.uuid == str(zaak)), None)
    if gekozen is None:
        # Also while a register is down: what cannot be shown to be theirs is not theirs.
        return niet_gevonden(request)
    return gekozen, overzicht


def _kan_regelen(zaak: Zaak) -> bool:
    """Only a party to the zaak acts on it, and only while it runs (C0300, C2975)."""
    return zaak.eigen and not zaak.afgesloten


def _uuid_van(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1].lower()


# -- the contacts about a zaak (C6278) ----------------------------------------------------


def contacten_over(zaak: Zaak, partij: Partij | None) -> list[Klantcontact]:
    """The klantcontacten about ``zaak`` in which ``partij`` took part (R12: only their
    own; a resident without a partij has none), newest first."""
    if partij is None:
        return []
    return list(
        Klantcontact.objects.filter(
            Q(onderwerpobjecten__onderwerpobjectidentificator_object_id__in=[zaak.uuid, zaak.url]),
            onderwerpobjecten__onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"],
            betrokkenen__was_partij=partij,
        )
        .distinct()
        .order_by("-plaatsgevonden_op")
        .prefetch_related(
            Prefetch("actoren", queryset=Actor.objects.prefetch_related("teams__team"))
        )
    )


class Contactregel:
    """A klantcontact as a resident sees it: what was said and by which team, never the
    employee (R12) and never its interne taken."""

    def __init__(self, klantcontact: Klantcontact) -> None:
        self.datum = klantcontact.plaatsgevonden_op
        self.kanaal = klantcontact.kanaal
        self.onderwerp = klantcontact.onderwerp
        self.inhoud = klantcontact.inhoud
        self.reactie = klantcontact.reactie
        self.teams = _teams(klantcontact)


def _teams(klantcontact: Klantcontact) -> list[str]:
    """The teams that handled the contact: its organisatorische eenheden and the teams of
    its employees; else the organisation (an employee's name is never shown)."""
    teams: list[str] = []
    for actor in klantcontact.actoren.all():
        if actor.soort_actor == SoortActor.ORGANISATORISCHE_EENHEID:
            namen = [actor.naam]
        elif actor.soort_actor == SoortActor.MEDEWERKER:
            namen = [lid.team.naam for lid in actor.teams.all()]
        else:
            namen = []
        teams.extend(naam for naam in namen if naam and naam not in teams)
    return teams or [settings.KLANTBEELD_ORGANISATIE_NAAM or gettext("De gemeente")]


# -- acting on a zaak (C0300, C2975) ------------------------------------------------------


class AanvullingForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("Bijvoorbeeld een PDF, een foto of een Word-bestand."),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Schrijf kort wat u meestuurt en waarom."),
        max_length=1000,
        widget=forms.Textarea,
    )

    def clean_bestand(self) -> object:
        bestand = self.cleaned_data["bestand"]
        maximum = settings.KLANTBEELD_BIJLAGE_MAX_MB
        if bestand.size > maximum * 1024 * 1024:
            raise ValidationError(
                gettext("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.")
                % {"mb": maximum}
            )
        if bestand.size == 0:
            raise ValidationError(gettext("Het bestand is leeg."))
        if _bestandstype(bestand.name) not in settings.KLANTBEELD_BIJLAGE_TYPEN:
            raise ValidationError(
                gettext(
                    "Dit soort bestand kunnen wij niet aannemen. Gebruik bijvoorbeeld PDF, een "
                    "foto (JPEG, PNG) of een Word- of tekstbestand."
                )
            )
        return bestand


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=_("Waarom wilt u de aanvraag intrekken?"),
        max_length=1000,
        widget=forms.Textarea,
    )


@require_http_methods(["GET", "POST"])
@inlog_vereist(Functie.AANVRAGEN)
def aanvullen(request: HttpRequest, zaak: uuid.UUID) -> HttpResponse:
    """C0300: a document with an explanation, stored in the Documenten API for the zaak and
    registered as a klantcontact with a task for the zaak's handling team."""
    gevonden = _eigen_open_zaak(request, zaak)
    if isinstance(gevonden, HttpResponse):
        return gevonden
    if _te_groot(request):
        # Refused before the body is read: a file far beyond the limit is not received.
        te_groot = gettext("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.") % {
            "mb": settings.KLANTBEELD_BIJLAGE_MAX_MB
        }
        context = {"zaak": gevonden, "form": AanvullingForm(), "fout": te_groot}
        return render(request, "portal/zaken/aanvullen.html", context, status=413)
    form = AanvullingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        bestand = Bestand(
            naam=upload.name[:255],
            inhoud=upload.read(),
            formaat=_bestandstype(upload.name),
        )
        fout = _registreer(
            request,
            gevonden,
            # The register's texts are Dutch whatever language the resident chose.
            onderwerp=f"Aanvulling op {gevonden.identificatie}",
            inhoud=form.cleaned_data["toelichting"],
            taak=TAAK_AANVULLING,
            document=Document(
                bestand=bestand,
                titel=bestand.naam,
                beschrijving=form.cleaned_data["toelichting"],
            ),
        )
        return _na_registratie(
            request,
            fout,
            "portal/zaken/aanvullen.html",
            {"zaak": gevonden, "form": form},
            gettext(
                "Wij hebben uw document ontvangen. Het is toegevoegd aan uw zaak en de "
                "behandelaar kijkt ernaar."
            ),
        )
    return _formulier(request, "portal/zaken/aanvullen.html", gevonden, form)


@require_http_methods(["GET", "POST"])
@inlog_vereist(Functie.AANVRAGEN)
def intrekken(request: HttpRequest, zaak: uuid.UUID) -> HttpResponse:
    """C2975: the resident asks to withdraw their application; the handling team gets the
    task to close the zaak (the resident hears back from them)."""
    gevonden = _eigen_open_zaak(request, zaak)
    if isinstance(gevonden, HttpResponse):
        return gevonden
    form = IntrekkenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fout = _registreer(
            request,
            gevonden,
            onderwerp=f"Intrekken aanvraag {gevonden.identificatie}",
            inhoud=form.cleaned_data["reden"],
            taak=TAAK_INTREKKEN,
        )
        return _na_registratie(
            request,
            fout,
            "portal/zaken/intrekken.html",
            {"zaak": gevonden, "form": form},
            gettext(
                "Wij hebben uw verzoek ontvangen om de aanvraag in te trekken. U krijgt "
                "bericht als de aanvraag is ingetrokken."
            ),
        )
    return _formulier(request, "portal/zaken/intrekken.html", gevonden, form)


def _formulier(request: HttpRequest, sjabloon: str, zaak: Zaak, form: forms.Form) -> HttpResponse:
    """An action's form, empty or with what was wrong in it."""
    status = 400 if form.errors else 200
    return render(request, sjabloon, {"zaak": zaak, "form": form}, status=status)


def _na_registratie(
    request: HttpRequest,
    fout: str | HttpResponse | None,
    sjabloon: str,
    context: dict[str, Any],
    gelukt: str,
) -> HttpResponse:
    """After an action's registration: back to the zaak with ``gelukt`` when it was
    registered, the 404 when the zaak turned out not to be theirs, else the form again with
    why it could not be done (nothing was stored)."""
    if isinstance(fout, HttpResponse):
        return fout
    if fout is None:
        messages.success(request, gelukt)
        return redirect("portal:zaak", zaak=context["zaak"].uuid)
    return render(request, sjabloon, {**context, "fout": fout}, status=503)


def _eigen_open_zaak(request: HttpRequest, zaak: uuid.UUID) -> Zaak | HttpResponse:
    """The zaak with this uuid when the resident is a party to it and it still runs; else
    the 404 (before anything is read from the form or stored)."""
    gevonden = _zoek(request, zaak, met_details=False)
    if isinstance(gevonden, HttpResponse):
        return gevonden
    gekozen, _overzicht = gevonden
    if not _kan_regelen(gekozen):
        return niet_gevonden(request)
    return gekozen


def _registreer(
    request: HttpRequest,
    zaak: Zaak,
    *,
    onderwerp: str,
    inhoud: str,
    taak: str,
    document: Document | None = None,
) -> str | HttpResponse | None:
    """Register the resident's contact about ``zaak`` with a task for its handling team, as
    one unit (a partij made for it is kept only when it succeeds). None when done, else a
    message for the form or the 404."""
    wie = _mijn(request)
    by = wie.wijziging()
    verwijzing = Zaakverwijzing(
        url=zaak.url, uuid=zaak.uuid, identificatie=zaak.identificatie, zaaktype=zaak.zaaktype_url
    )
    try:
        with ZgwZakenregister(by=by) as register, transaction.atomic():
            team = behandelteam(zaak, register.zgw)
            deelnemers = betrokkenen_voor(wie, by)
            partij = next(d.partij for d in deelnemers if d.rol == Rol.KLANT)
            registreer_contact(
                Contactaanmelding(
                    kanaal=KANAAL,
                    onderwerp=onderwerp,
                    inhoud=inhoud,
                    deelnemers=deelnemers,
                    actoren=[portaal_actor()],
                    zaak=verwijzing,
                    documenten=[document] if document is not None else [],
                    opvolging=Opvolging(
                        gevraagde_handeling=taak,
                        toegewezen_aan=[team],
                        toelichting=f"{zaak.identificatie} {zaak.omschrijving}".strip(),
                    ),
                    namens=partij,
                ),
                by,
                register=register,
            )
    except GeenBetrokkene:
        return niet_gevonden(request)
    except GeenTeam:
        return gettext(
            "Dit kunt u nu niet via deze website regelen. Neem contact op met de gemeente."
        )
    except (RegisterFout, ValidationError):
        return gettext("Dit lukte nu niet. Probeer het later opnieuw.")
    log_inzage(
        wie,
        actie="Registreren",
        handeling=f"{HANDELING}: {onderwerp}",
        soorten_gegevens=["zaken", "klantcontacten"] + (["documenten"] if document else []),
    )
    return None


def behandelteam(zaak: Zaak, zgw: ZgwClient) -> Actor:
    """The zaak's handling team: an organisatorische eenheid its register names as
    behandelaar that Klantbeeld knows (by identificatie, else by name), else the team of
    ``KLANTBEELD_MIJN_ZAAK_TEAM``."""
    teams = Actor.objects.filter(
        soort_actor=SoortActor.ORGANISATORISCHE_EENHEID, indicatie_actief=True
    ).order_by("pk")
    for eenheid in behandelende_eenheden(zaak.url, client=zgw):
        gevonden = None
        if eenheid.identificatie:
            gevonden = teams.filter(actoridentificator_object_id=eenheid.identificatie).first()
        if gevonden is None and eenheid.naam:
            gevonden = teams.filter(naam__iexact=eenheid.naam).first()
        if gevonden is not None:
            return gevonden
    ingesteld = settings.KLANTBEELD_MIJN_ZAAK_TEAM.strip()
    if not ingesteld:
        raise GeenTeam("KLANTBEELD_MIJN_ZAAK_TEAM is niet ingesteld.")
    gevonden = actief_team(ingesteld)
    if gevonden is None:
        raise GeenTeam(f"KLANTBEELD_MIJN_ZAAK_TEAM: geen actief team {ingesteld!r}.")
    return gevonden


def _te_groot(request: HttpRequest) -> bool:
    """A body far beyond the limit is refused before it is read at all."""
    grens = (settings.KLANTBEELD_BIJLAGE_MAX_MB + 1) * 1024 * 1024
    try:
        lengte = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        lengte = 0
    return request.method == "POST" and lengte > grens


def _bestandstype(naam: str | None) -> str:
    return mimetypes.guess_type(naam or "")[0] or "application/octet-stream"


def _mijn(request: HttpRequest) -> Ingelogde:
    """Who is signed in (``inlog_vereist`` put it on the request)."""
    return cast(PortaalRequest, request).mijn
