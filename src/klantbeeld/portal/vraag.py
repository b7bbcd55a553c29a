"""Een vraag stellen (Open Inwoner's *Mijn vragen*): the resident's question is registered
as a klantcontact on channel ``mijngemeente`` with the resident's partij as betrokkene
(made now if needed, R3), the automated actor "MijnGemeente", an optional attachment in
the Documenten API, and a task for the team ``KLANTBEELD_MIJN_TEAM`` (R8). The team
answers it from the workspace (R9: a follow-up contact pointing to the question), which
arrives in the portal as a message and on the question's page."""

from __future__ import annotations

import uuid
from contextlib import nullcontext
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
from django.views.decorators.http import require_http_methods

from klantbeeld.domain.models import Actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import (
    INHOUD_MAX,
    ONDERWERP_MAX,
    Contactaanmelding,
    Document,
    Opvolging,
    Registratie,
    registreer_contact,
)
from klantbeeld.domain.services.zaken import Bestand, RegisterFout
from klantbeeld.integrations.zgw.register import ZgwZakenregister
from klantbeeld.portal.actor import portaal_actor
from klantbeeld.portal.identiteit import Ingelogde
from klantbeeld.portal.niveaus import Functie
from klantbeeld.portal.toegang import PortaalRequest, inlog_vereist
from klantbeeld.portal.vertegenwoordiging import betrokkenen_voor
from klantbeeld.workspace.contact import bestandstype

KANAAL = "mijngemeente"


class GeenTeam(Exception):
    """No active team is configured to answer questions (``KLANTBEELD_MIJN_TEAM``)."""


class VraagForm(forms.Form):
    onderwerp = forms.CharField(
        label=_("Onderwerp"),
        max_length=ONDERWERP_MAX,
        help_text=_("In een paar woorden: waar gaat uw vraag over?"),
        error_messages={"required": _("Vul een onderwerp in.")},
    )
    vraag = forms.CharField(
        label=_("Uw vraag"),
        max_length=INHOUD_MAX,
        widget=forms.Textarea,
        help_text=_("Hoogstens 1000 tekens."),
        error_messages={
            "required": _("Schrijf uw vraag."),
            "max_length": _("Uw vraag is te lang. Gebruik hoogstens 1000 tekens."),
        },
    )
    bijlage = forms.FileField(
        label=_("Bijlage"),
        required=False,
        help_text=_("Een PDF, een foto (JPEG of PNG) of een Word- of tekstbestand."),
    )

    def __init__(self, *args: Any, met_bijlage: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not met_bijlage:
            del self.fields["bijlage"]

    def clean_vraag(self) -> str:
        return str(self.cleaned_data["vraag"]).replace("\r\n", "\n").strip()

    def clean_bijlage(self) -> Any:
        bijlage = self.cleaned_data.get("bijlage")
        if not bijlage:
            return None
        if bijlage.size == 0:
            raise ValidationError(gettext("Het bestand is leeg."))
        if bijlage.size > settings.KLANTBEELD_BIJLAGE_MAX_MB * 1024 * 1024:
            raise ValidationError(
                gettext("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.")
                % {"mb": settings.KLANTBEELD_BIJLAGE_MAX_MB}
            )
        if bestandstype(bijlage.name) not in settings.KLANTBEELD_BIJLAGE_TYPEN:
            raise ValidationError(
                gettext(
                    "Dit soort bestand kunnen we niet aannemen. Gebruik een PDF, een foto "
                    "(JPEG of PNG) of een Word- of tekstbestand."
                )
            )
        return bijlage


def bijlagen_mogelijk() -> bool:
    """Attachments are offered only when there is a document type to store them as."""
    return bool(settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE)


@require_http_methods(["GET", "POST"])
@inlog_vereist(Functie.AANVRAGEN)
def vraag(request: HttpRequest) -> HttpResponse:
    wie = cast(PortaalRequest, request).mijn
    met_bijlage = bijlagen_mogelijk()
    if request.method != "POST":
        return _pagina(request, VraagForm(met_bijlage=met_bijlage))
    form = VraagForm(request.POST, request.FILES, met_bijlage=met_bijlage)
    if not form.is_valid():
        return _pagina(request, form, status=400)
    try:
        sleutel = stel_vraag(
            wie,
            onderwerp=form.cleaned_data["onderwerp"],
            tekst=form.cleaned_data["vraag"],
            bijlage=form.cleaned_data.get("bijlage"),
        )
    except GeenTeam:
        return _pagina(
            request,
            form,
            fout=gettext("Vragen stellen kan nu niet. Bel ons of probeer het later opnieuw."),
            status=503,
        )
    except (RegisterFout, ValidationError):
        return _pagina(
            request,
            form,
            fout=gettext(
                "Uw vraag kon nu niet worden verstuurd. Probeer het later opnieuw, "
                "eventueel zonder bijlage."
            ),
            status=502,
        )
    return HttpResponseRedirect(reverse("portal:contact", args=[sleutel]) + "?verstuurd=1")


def stel_vraag(wie: Ingelogde, *, onderwerp: str, tekst: str, bijlage: Any = None) -> uuid.UUID:
    """Register the question (see the module's docstring); the new contact's key."""
    team = mijn_team()
    by = wie.wijziging()
    documenten = []
    if bijlage is not None:
        naam = bijlage.name or "bijlage"
        bestand = Bestand(naam=naam, inhoud=bijlage.read(), formaat=bestandstype(naam))
        documenten.append(Document(bestand=bestand, titel=bijlage.name or gettext("Bijlage")))
    with transaction.atomic():
        # The partijen only with the question: a refused one leaves none behind (R3).
        registratie = _registreer(wie, onderwerp, tekst, documenten, team, by)
    assert registratie.klantcontact is not None
    return registratie.klantcontact.uuid


def _registreer(
    wie: Ingelogde,
    onderwerp: str,
    tekst: str,
    documenten: list[Document],
    team: Actor,
    by: ChangeContext,
) -> Registratie:
    aanmelding = Contactaanmelding(
        kanaal=KANAAL,
        onderwerp=onderwerp,
        inhoud=tekst,
        deelnemers=betrokkenen_voor(wie, by),
        actoren=[portaal_actor()],
        # Asked, not yet answered: unknown until the team answers (R5).
        indicatie_contact_gelukt=None,
        documenten=documenten,
        opvolging=Opvolging(
            gevraagde_handeling=settings.KLANTBEELD_MIJN_HANDELING, toegewezen_aan=[team]
        ),
    )
    with ZgwZakenregister(by=by) if documenten else nullcontext() as register:
        return registreer_contact(aanmelding, by, register=register)


def mijn_team() -> Actor:
    """The team that answers the portal's questions: ``KLANTBEELD_MIJN_TEAM`` (an actor's
    uuid or name), when it is an active actor."""
    ingesteld = settings.KLANTBEELD_MIJN_TEAM.strip()
    if not ingesteld:
        raise GeenTeam("KLANTBEELD_MIJN_TEAM is niet ingesteld.")
    actoren = Actor.objects.filter(indicatie_actief=True)
    try:
        actor = actoren.filter(uuid=uuid.UUID(ingesteld)).first()
    except ValueError:
        actor = None
    actor = actor or actoren.filter(naam=ingesteld).order_by("pk").first()
    if actor is None:
        raise GeenTeam(f"KLANTBEELD_MIJN_TEAM ({ingesteld!r}) is geen actieve actor.")
    return actor


def _pagina(
    request: HttpRequest, form: VraagForm, *, fout: str = "", status: int = 200
) -> HttpResponse:
    return render(request, "portal/vraag.html", {"form": form, "fout": fout}, status=status)
