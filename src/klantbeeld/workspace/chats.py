"""Chat for the agents (issue 16, point 1): the queue of waiting chats of the agent's teams,
the chat screen with several chats at once, and the customer beside the chat.

A chat taken from the queue is also a contact in progress in the call panel (kanaal chat,
linked to the conversation): the agent notes and identifies there as on the phone, and
registers it at the end through the same finish step (afronden.py, chatregistratie.py).

The agent's messages, files and read marks go by POST (the same CSRF, validation and file
limits as every other form); only what needs no storage (typing) and following a
conversation's messages go over the workspace's live connection (live/werkplek_chat.py).
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Actor, Afzender, Gesprek, Gespreksstatus, Partij
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services import gesprekken
from klantbeeld.domain.services.klantbeeld import klantbeeld_van
from klantbeeld.domain.services.opvolging import teams_van
from klantbeeld.privacy import verwerkingen
from klantbeeld.workspace.antwoorden import ingevuld, regels
from klantbeeld.workspace.belpaneel import nieuw
from klantbeeld.workspace.contact import bestandstype, controleer_bijlage, te_groot, toewijzing
from klantbeeld.workspace.medewerkers import IDENTIFICATOR, gebruiker, log_verwerking
from klantbeeld.workspace.models import LopendContact, Tekstblok
from klantbeeld.workspace.roles import Rol, rollen_van
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist


def al_aangenomen() -> str:
    """What the agent is told when a colleague took the chat first."""
    return gettext("Dit gesprek is al door een collega aangenomen of gesloten.")


# Who may look along with a chat another agent holds (not answer it).
MEEKIJKEN = frozenset({Rol.TEAMLEIDER})


# -- whose chats ------------------------------------------------------------------------------


def mijn_teams(user: User) -> list[Actor]:
    """The teams of the employee's actor (none when they have no actor yet; looking makes
    none)."""
    actor = Actor.objects.filter(
        actoridentificator_object_id=user.get_username(),
        soort_actor=SoortActor.MEDEWERKER,
        **IDENTIFICATOR,
    ).first()
    return teams_van(actor) if actor is not None else []


def wachtend(user: User) -> QuerySet[Gesprek]:
    """The chats waiting for the employee: those of their teams and those of no team
    (everyone's queue), oldest first."""
    teams = mijn_teams(user)
    return gesprekken.wachtrij().filter(Q(team__isnull=True) | Q(team__in=teams))


def mijn_chats(user: User) -> QuerySet[Gesprek]:
    """The chats the employee holds now, each with the visitor's messages not yet read."""
    return (
        Gesprek.objects.filter(medewerker=user, status=Gespreksstatus.ACTIEF)
        .annotate(
            ongelezen=Count(
                "berichten",
                filter=Q(berichten__afzender=Afzender.BEZOEKER, berichten__gelezen_op__isnull=True),
            )
        )
        .order_by("aangenomen_op", "uuid")
    )


def mijn_regels(user: User) -> list[dict[str, Any]]:
    """The agent's chats as the lists show them: each with the visitor's name."""
    chats = list(mijn_chats(user))
    partijen = {
        p.pk: p
        for p in visible(Partij.objects.filter(pk__in=[g.partij_id for g in chats if g.partij_id]))
    }
    return [
        {"gesprek": g, "naam": naam_van(g, partijen.get(g.partij_id) if g.partij_id else None)}
        for g in chats
    ]


def mag_meekijken(user: User) -> bool:
    return bool(MEEKIJKEN.intersection(rollen_van(user)))


def mag_zien(user: User, gesprek: Gesprek) -> bool:
    """The agent who holds the chat sees it; a teamleider may look along. Nobody else:
    for them it does not exist."""
    return gesprek.medewerker_id == user.pk or mag_meekijken(user)


def _gesprek(request: HttpRequest, kenmerk: uuid.UUID, *, voeren: bool = False) -> Gesprek:
    """The chat, when the employee may see it (``voeren``: answer it, only its holder while
    it runs); else 404, as if it were not there."""
    user = gebruiker(request)
    gesprek = Gesprek.objects.filter(uuid=kenmerk).select_related("team", "chatbot").first()
    if gesprek is None or not mag_zien(user, gesprek):
        raise Http404("Geen chat met dit kenmerk.")
    if voeren and (gesprek.medewerker_id != user.pk or gesprek.afgesloten):
        raise Http404("Geen chat met dit kenmerk.")
    return gesprek


def zichtbare_partij(gesprek: Gesprek) -> Partij | None:
    """The visitor's partij, when the employee may see it (a hidden one does not exist)."""
    if gesprek.partij_id is None:
        return None
    return visible(Partij.objects.filter(pk=gesprek.partij_id)).first()


def naam_van(gesprek: Gesprek, partij: Partij | None = None) -> str:
    """How the visitor is named: their partij, what they typed, or anonymous."""
    if partij is not None:
        return str(partij)
    return gesprek.bezoeker_naam or gettext("Anonieme bezoeker")


def voornaam(user: User) -> str:
    """What the visitor sees of the agent: their first name."""
    return user.first_name or user.get_short_name() or gettext("Medewerker")


# -- the queue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wachtend:
    gesprek: Gesprek
    naam: str
    bekend: bool
    positie: int
    wacht: str
    sinds: datetime.datetime | None


def wachtrij_regels(user: User) -> list[Wachtend]:
    """The waiting chats as the queue shows them; the place is in the chat's own queue
    (its team's), as the visitor is told."""
    wachtenden = list(wachtend(user).select_related("team"))
    partijen = {
        p.pk: p
        for p in visible(
            Partij.objects.filter(pk__in=[g.partij_id for g in wachtenden if g.partij_id])
        )
    }
    # Places are counted among all waiting of the same team, also those this agent does
    # not see (none: their teams' queue is all of a team).
    voor: Counter[object] = Counter()
    nu = timezone.now()
    regels = []
    for g in wachtenden:
        voor[g.team_id] += 1
        partij = partijen.get(g.partij_id) if g.partij_id else None
        regels.append(
            Wachtend(
                gesprek=g,
                naam=naam_van(g, partij),
                bekend=partij is not None,
                positie=voor[g.team_id],
                wacht=timesince(g.in_wachtrij_sinds, nu, depth=1) if g.in_wachtrij_sinds else "",
                sinds=g.in_wachtrij_sinds,
            )
        )
    return regels


@require_GET
@rol_vereist(KLANTEN_ZIEN)
def overzicht(request: HttpRequest) -> HttpResponse:
    user = gebruiker(request)
    return render(request, "workspace/chats.html", _overzicht_context(user))


def _overzicht_context(user: User) -> dict[str, Any]:
    regels = wachtrij_regels(user)
    return {
        "wachtend": regels,
        "aantal_wachtend": len(regels),
        "mijn": mijn_regels(user),
    }


@require_GET
@rol_vereist(KLANTEN_ZIEN)
def wachtrij_deel(request: HttpRequest) -> HttpResponse:
    """The queue and the agent's own chats alone: the page's script fetches them when the
    live connection says something changed."""
    user = gebruiker(request)
    return render(request, "workspace/_chat_overzicht.html", _overzicht_context(user))


@require_GET
@rol_vereist(KLANTEN_ZIEN)
def aantal(request: HttpRequest) -> JsonResponse:
    """How many chats wait for the employee (the menu's counter)."""
    user = gebruiker(request)
    return JsonResponse({"wachtend": wachtend(user).count(), "mijn": mijn_chats(user).count()})


@require_POST
@rol_vereist(KLANTEN_ZIEN)
def aannemen(request: HttpRequest, gesprek: uuid.UUID) -> HttpResponse:
    """Take a chat from the queue. A colleague who was faster: the agent is told, nothing
    changes."""
    user = gebruiker(request)
    gevonden = Gesprek.objects.filter(uuid=gesprek).first()
    if gevonden is None or not wachtend(user).filter(pk=gevonden.pk).exists():
        messages.info(request, al_aangenomen())
        return redirect("workspace:chats")
    try:
        aangenomen = gesprekken.neem_aan(gevonden, user, naam=voornaam(user))
    except gesprekken.GesprekFout as fout:
        messages.info(request, str(fout))
        return redirect("workspace:chats")
    lopend_voor(user, aangenomen)
    return redirect("workspace:chat", aangenomen.uuid)


# -- the contact in progress ------------------------------------------------------------------


def lopend_voor(user: User, gesprek: Gesprek) -> LopendContact:
    """The agent's contact in progress for this chat, made (kanaal chat, the visitor's
    name and partij filled in) when there is none; it becomes the one the panel shows."""
    contact = user.lopende_contacten.filter(gesprek=gesprek).first()
    if contact is not None:
        contact.gekozen_op = timezone.now()
        contact.save(update_fields=["gekozen_op", "gewijzigd_op"])
        return contact
    contact = nieuw(user, "chat")
    voor, _spatie, achter = gesprek.bezoeker_naam.strip().partition(" ")
    contact.gesprek = gesprek
    contact.klant = zichtbare_partij(gesprek)
    contact.voornaam, contact.achternaam = voor[:200], achter[:200]
    contact.telefoonnummer = gesprek.bezoeker_telefoonnummer[:80]
    contact.emailadres = gesprek.bezoeker_emailadres[:80]
    contact.save()
    if gesprek.onderwerp:
        contact.onderwerpen.update(onderwerp=gesprek.onderwerp[:200])
    return contact


# -- the chat screen --------------------------------------------------------------------------


class BerichtForm(forms.Form):
    tekst = forms.CharField(
        label=_("Uw bericht"), max_length=gesprekken.TEKST_MAX, required=False, strip=True
    )
    client_id = forms.CharField(max_length=gesprekken.CLIENT_ID_MAX, required=False)
    bijlage = forms.FileField(label=_("Bestand meesturen"), required=False)

    def clean_bijlage(self) -> Any:
        return controleer_bijlage(self.cleaned_data.get("bijlage"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("tekst") and not data.get("bijlage") and not self.errors:
            raise forms.ValidationError(
                gettext("Een bericht zonder tekst of bestand kan niet verstuurd worden.")
            )
        return data


class OverdragenForm(forms.Form):
    aan = forms.ChoiceField(label=_("Aan collega of team"))
    toelichting = forms.CharField(
        label=_("Toelichting voor de collega"), max_length=1000, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actoren = toewijzing(self.fields["aan"], gettext("Kies een collega of team"))


@require_GET
@rol_vereist(KLANTEN_ZIEN)
def chat(request: HttpRequest, gesprek: uuid.UUID) -> HttpResponse:
    user = gebruiker(request)
    gevonden = _gesprek(request, gesprek)
    voert = gevonden.medewerker_id == user.pk and not gevonden.afgesloten
    lopend = lopend_voor(user, gevonden) if voert else None
    klant = _klant_bij(gevonden, lopend)
    context: dict[str, Any] = {
        "gesprek": gevonden,
        "naam": naam_van(gevonden, zichtbare_partij(gevonden)),
        "berichten": list(gesprekken.berichten_sinds(gevonden)),
        "mijn": mijn_regels(user),
        "voert": voert,
        "lopend": lopend,
        "klant": klant,
        "form": BerichtForm(),
        "overdragen": OverdragenForm() if voert else None,
        "snelteksten": _snelteksten(user, gevonden, klant) if voert else [],
    }
    if klant is not None:
        context["beeld"] = klantbeeld_van(klant)
        _log_klant(request, klant)
    return render(request, "workspace/chat.html", context)


def _klant_bij(gesprek: Gesprek, lopend: LopendContact | None) -> Partij | None:
    """The customer to show beside the chat: the one identified in the call panel, else
    the logged-in visitor's partij; only one the employee may see."""
    if lopend is not None and lopend.klant_id is not None:
        return visible(Partij.objects.filter(pk=lopend.klant_id)).first()
    return zichtbare_partij(gesprek)


def _log_klant(request: HttpRequest, klant: Partij) -> None:
    log_verwerking(
        request,
        actie="Raadplegen",
        handeling="Klantbeeld bij chat bekijken",
        activiteit=verwerkingen.kies_activiteit("klantbeeld", None),
        partijen=[klant],
        soorten_gegevens=("naam", "identificatienummer", "contactgegevens", "klantcontacten"),
    )


def _snelteksten(user: User, gesprek: Gesprek, klant: Partij | None) -> list[dict[str, str]]:
    """The teams' text modules (Tekstblok, kept in the admin by the functioneel beheerder)
    for everyone and for the agent's teams, filled in for this chat."""
    teams = mijn_teams(user)
    blokken = list(
        Tekstblok.objects.filter(Q(team__isnull=True) | Q(team__in=teams), actief=True).order_by(
            "naam", "pk"
        )
    )
    with translation.override("nl"):
        datum = formats.date_format(timezone.localdate(), "j F Y")
    waarden = {
        "naam": str(klant) if klant is not None else gesprek.bezoeker_naam,
        "onderwerp": gesprek.onderwerp,
        "referentienummer": "",
        "medewerker": voornaam(user),
        "organisatie": settings.KLANTBEELD_ORGANISATIE_NAAM,
        "datum": datum,
    }
    teksten = ingevuld(blokken, waarden)
    return [{"id": str(b.pk), "naam": b.naam, "tekst": teksten[str(b.pk)]} for b in blokken]


@require_GET
@rol_vereist(KLANTEN_ZIEN)
def berichten(request: HttpRequest, gesprek: uuid.UUID) -> JsonResponse:
    """The messages after number ``na``: a window that lost its connection catches up."""
    gevonden = _gesprek(request, gesprek)
    na = request.GET.get("na", "0")
    vanaf = int(na) if na.isdigit() else 0
    return JsonResponse(
        {
            "gesprek": str(gevonden.uuid),
            "status": gevonden.status,
            "berichten": [
                gesprekken.bericht_als_json(b) for b in gesprekken.berichten_sinds(gevonden, vanaf)
            ],
        }
    )


@require_POST
@rol_vereist(KLANTEN_ZIEN)
def versturen(request: HttpRequest, gesprek: uuid.UUID) -> HttpResponse:
    if (weigering := te_groot(request)) is not None:
        return weigering
    user = gebruiker(request)
    gevonden = _gesprek(request, gesprek, voeren=True)
    form = BerichtForm(request.POST, request.FILES)
    fout = ""
    if form.is_valid():
        bestand = form.cleaned_data.get("bijlage")
        try:
            bericht = gesprekken.plaats_bericht(
                gevonden,
                afzender=Afzender.MEDEWERKER,
                medewerker=user,
                naam=voornaam(user),
                tekst=regels(form.cleaned_data["tekst"]),
                client_id=form.cleaned_data["client_id"],
                bijlage=gesprekken.Bestand(
                    naam=bestand.name or "bestand",
                    type=bestandstype(bestand.name),
                    inhoud=bestand.read(),
                )
                if bestand
                else None,
            )
        except gesprekken.GesprekFout as error:
            fout = str(error)
        else:
            if _vanuit_script(request):
                return JsonResponse(gesprekken.bericht_als_json(bericht))
            return redirect("workspace:chat", gevonden.uuid)
    else:
        fout = " ".join(str(m) for fouten in form.errors.values() for m in fouten)
    if _vanuit_script(request):
        return JsonResponse({"fout": fout}, status=400)
    messages.error(request, fout)
    return redirect("workspace:chat", gevonden.uuid)


@require_POST
@rol_vereist(KLANTEN_ZIEN)
def gelezen(request: HttpRequest, gesprek: uuid.UUID) -> HttpResponse:
    """The agent's window showed the visitor's messages up to ``tot``."""
    gevonden = _gesprek(request, gesprek, voeren=True)
    tot = request.POST.get("tot", "")
    if tot.isdigit():
        gesprekken.markeer_gelezen(
            gevonden, door=Afzender.MEDEWERKER, tot=min(int(tot), gevonden.laatste_volgnummer)
        )
    return HttpResponse(status=204)


@require_GET
@rol_vereist(KLANTEN_ZIEN)
def bijlage(request: HttpRequest, gesprek: uuid.UUID, volgnummer: int) -> HttpResponse:
    """A file sent in the chat, as a download (never shown in the page's own origin)."""
    gevonden = _gesprek(request, gesprek)
    bericht = gevonden.berichten.filter(volgnummer=volgnummer).exclude(bijlage_naam="").first()
    if bericht is None or bericht.bijlage_inhoud is None:
        raise Http404("Geen bestand bij dit bericht.")
    soort = bericht.bijlage_type
    if soort not in settings.KLANTBEELD_BIJLAGE_TYPEN:
        soort = "application/octet-stream"
    antwoord = HttpResponse(bytes(bericht.bijlage_inhoud), content_type=soort)
    antwoord["Content-Disposition"] = _bijlage_naam(bericht.bijlage_naam)
    antwoord["X-Content-Type-Options"] = "nosniff"
    return antwoord


def _bijlage_naam(naam: str) -> str:
    from django.utils.http import content_disposition_header

    return content_disposition_header(as_attachment=True, filename=naam) or "attachment"


@require_POST
@rol_vereist(KLANTEN_ZIEN)
def overdragen(request: HttpRequest, gesprek: uuid.UUID) -> HttpResponse:
    """Pass the chat to a colleague (who gets it at once, with the notes of the call
    panel) or to a team's queue."""
    user = gebruiker(request)
    gevonden = _gesprek(request, gesprek, voeren=True)
    form = OverdragenForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Kies aan wie u het gesprek overdraagt."))
        return redirect("workspace:chat", gevonden.uuid)
    actor = form.actoren[form.cleaned_data["aan"]]
    toelichting = form.cleaned_data["toelichting"]
    if actor.soort_actor == SoortActor.ORGANISATORISCHE_EENHEID:
        gesprekken.naar_wachtrij(
            gevonden,
            team=actor,
            reden=gettext("U wordt doorverbonden met een medewerker van %(team)s.")
            % {"team": actor.naam},
        )
        # The next agent starts their own contact in progress from the queue.
        user.lopende_contacten.filter(gesprek=gevonden).delete()
        wachtrij = gettext("Het gesprek staat in de wachtrij van %(team)s.")
        messages.success(request, wachtrij % {"team": actor.naam})
        return redirect("workspace:chats")
    collega = User.objects.filter(
        username=actor.actoridentificator_object_id, is_active=True
    ).first()
    if collega is None or collega == user:
        messages.error(
            request,
            gettext("%(naam)s werkt niet in de werkplek: kies een andere collega of een team.")
            % {"naam": actor.naam},
        )
        return redirect("workspace:chat", gevonden.uuid)
    try:
        gesprekken.draag_over(
            gevonden, aan=collega, door=user, naam=voornaam(collega), toelichting=toelichting
        )
    except gesprekken.GesprekFout as fout:
        messages.error(request, str(fout))
        return redirect("workspace:chat", gevonden.uuid)
    # The notes go along: the colleague registers the chat.
    user.lopende_contacten.filter(gesprek=gevonden).update(
        medewerker=collega, gekozen_op=timezone.now()
    )
    messages.success(
        request, gettext("Het gesprek is overgedragen aan %(naam)s.") % {"naam": actor.naam}
    )
    return redirect("workspace:chats")


@require_POST
@rol_vereist(KLANTEN_ZIEN)
def sluiten(request: HttpRequest, gesprek: uuid.UUID) -> HttpResponse:
    """End the chat for both sides; then register it (or discard it, R1) in the panel."""
    user = gebruiker(request)
    gevonden = _gesprek(request, gesprek, voeren=True)
    gesprekken.sluit(gevonden)
    lopend = user.lopende_contacten.filter(gesprek=gevonden).first()
    if lopend is not None:
        return redirect("workspace:afronden", lopend.uuid)
    return redirect("workspace:chats")


def _vanuit_script(request: HttpRequest) -> bool:
    return request.headers.get("X-Chat") == "1"


def chat_url(gesprek: Gesprek) -> str:
    return reverse("workspace:chat", args=[gesprek.uuid])
