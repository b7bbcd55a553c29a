"""The call panel: a contact in progress beside whatever the agent looks at (search, the
customer view, knowledge, a zaak), kept on the server while they work.

Nothing typed is lost on navigation, a reload or a second tab: the panel saves as the agent
types (belpaneel.js) and every page shows the same draft. Pages offer things to the
panel with buttons carrying ``data-belpaneel-*`` attributes (a customer, a zaak, a text
from the knowledge base, a colleague); the script sends them to ``actie``. Registering is
one step at the end (afronden.py), through the domain's intake service.

Without JavaScript the panel is a form with a save button, and each action a form that
returns to the page the agent was on.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Gesprek, Partij
from klantbeeld.domain.services.opvolging import toewijsbare_actoren
from klantbeeld.domain.services.zoeken import partijen_met_telefoonnummer
from klantbeeld.workspace.contact import kanalen
from klantbeeld.workspace.medewerkers import gebruiker
from klantbeeld.workspace.models import LopendContact, LopendOnderwerp
from klantbeeld.workspace.roles import rollen_van
from klantbeeld.workspace.toegang import KLANTEN_ZIEN, rol_vereist

# More at once is not a conversation but a queue: the tasks are for that.
MAX_LOPEND = 5
# What the register holds (Klantinteracties 0.9.0); the panel keeps no more.
GRENZEN = {"onderwerp": 200, "vraag": 1000, "antwoord": 4000}
BELLER = {
    "voornaam": 200,
    "voorvoegsel": 10,
    "achternaam": 200,
    "telefoonnummer": 80,
    "emailadres": 80,
}
# In the URL, instead of a contact's uuid: the one shown, or a new one when there is none.
HUIDIG = "huidig"


# -- finding the draft ------------------------------------------------------------------------


def opruimen() -> None:
    """Forget every draft left longer than the configured hours, whoever's: they hold notes
    about a person. Done whenever anyone starts a contact, which in a contact centre is all
    day long."""
    grens = timezone.now() - datetime.timedelta(hours=settings.KLANTBEELD_BELPANEEL_BEWAREN_UUR)
    LopendContact.objects.filter(gewijzigd_op__lt=grens).delete()


def lopende(user: User) -> list[LopendContact]:
    return list(user.lopende_contacten.all())


def huidig(user: User) -> LopendContact | None:
    return user.lopende_contacten.first()


def nieuw(user: User, kanaal: str = "telefoon") -> LopendContact:
    """A new contact in progress, shown from now on, with one empty subject."""
    opruimen()
    kanaal = kanaal if kanaal in settings.KLANTBEELD_KANALEN else "telefoon"
    with transaction.atomic():
        contact = LopendContact.objects.create(medewerker=user, kanaal=kanaal)
        contact.onderwerpen.create(volgorde=0)
        # The oldest beyond the maximum goes: it was left, not finished.
        for oud in lopende(user)[MAX_LOPEND:]:
            oud.delete()
    return contact


def van(request: HttpRequest, kenmerk: str) -> LopendContact:
    """The employee's own contact in progress; another's does not exist for them.
    ``huidig`` is the one shown, made when there is none."""
    user = gebruiker(request)
    if kenmerk == HUIDIG:
        return huidig(user) or nieuw(user)
    try:
        sleutel = uuid.UUID(kenmerk)
    except ValueError:
        raise Http404("Geen lopend contact met dit kenmerk.") from None
    contact = user.lopende_contacten.filter(uuid=sleutel).first()
    if contact is None:
        raise Http404("Geen lopend contact met dit kenmerk.")
    return contact


def laatste_onderwerp(contact: LopendContact) -> LopendOnderwerp:
    onderwerp = contact.onderwerpen.last()
    return onderwerp or contact.onderwerpen.create(volgorde=0)


# -- what the panel shows ----------------------------------------------------------------------


def mag_paneel(request: HttpRequest) -> bool:
    return bool(KLANTEN_ZIEN.intersection(rollen_van(request.user)))


def paneel_context(request: HttpRequest) -> dict[str, object]:
    """What the panel shows, in the same few queries on every page."""
    user = gebruiker(request)
    alle = list(
        user.lopende_contacten.select_related("collega", "oproep", "gesprek").prefetch_related(
            "onderwerpen"
        )
    )
    contact = alle[0] if alle else None
    klant = None
    if contact is not None and contact.klant_id is not None:
        # A customer put under secrecy since is not shown to who may not see them.
        klant = visible(Partij.objects.filter(pk=contact.klant_id)).first()
    oproep = contact.oproep if contact is not None else None
    return {
        "oproep": oproep,
        "duur": duur_tekst(oproep.duur) if oproep is not None and oproep.duur else "",
        # A caller's number that more than one customer gave: the agent chooses.
        "kandidaten": (
            partijen_met_telefoonnummer(contact.telefoonnummer)
            if oproep is not None and contact is not None and klant is None
            else []
        ),
        "lopend": contact,
        "andere": alle[1:],
        "klant": klant,
        "onderwerpen": list(contact.onderwerpen.all()) if contact else [],
        "kanalen": kanalen(),
        "beller_velden": _beller_velden(contact) if contact else [],
        "terug": terug(request),
    }


def _beller_velden(contact: LopendContact) -> list[tuple[str, str, str, str]]:
    """(name, label, input type, value) of an unidentified caller's fields."""
    return [
        (naam, str(label), soort, getattr(contact, naam))
        for naam, label, soort in (
            ("voornaam", _("Voornaam"), "text"),
            ("voorvoegsel", _("Tussenvoegsel"), "text"),
            ("achternaam", _("Achternaam"), "text"),
            ("telefoonnummer", _("Telefoonnummer"), "tel"),
            ("emailadres", _("E-mailadres"), "email"),
        )
    ]


def paneel_html(request: HttpRequest) -> str:
    return render_to_string("workspace/_belpaneel.html", paneel_context(request), request=request)


@require_GET
@rol_vereist(KLANTEN_ZIEN)
def paneel(request: HttpRequest) -> HttpResponse:
    """The panel alone: the script fetches it when another tab may have changed it."""
    return HttpResponse(paneel_html(request))


# -- saving as the agent types ----------------------------------------------------------------


def bewaar(contact: LopendContact, data: QueryDict) -> None:
    """Keep what the form holds: the call's fields, and each subject's by ``o<pk>-<name>``.
    Texts beyond what the register holds are cut here, so the finish step never refuses
    them for length."""
    wijzigingen: list[str] = []
    kanaal = data.get("kanaal", "")
    if kanaal in settings.KLANTBEELD_KANALEN:
        contact.kanaal = kanaal
        wijzigingen.append("kanaal")
    for naam, grens in BELLER.items():
        if naam in data:
            setattr(contact, naam, data.get(naam, "").strip()[:grens])
            wijzigingen.append(naam)
    contact.save(update_fields=[*wijzigingen, "gewijzigd_op"])
    for onderwerp in contact.onderwerpen.all():
        velden = [n for n in GRENZEN if f"o{onderwerp.pk}-{n}" in data]
        for naam in velden:
            setattr(onderwerp, naam, data.get(f"o{onderwerp.pk}-{naam}", "")[: GRENZEN[naam]])
        if velden:
            onderwerp.save(update_fields=velden)


# -- actions ----------------------------------------------------------------------------------


def _kies(request: HttpRequest, contact: LopendContact) -> None:
    contact.gekozen_op = timezone.now()
    contact.save(update_fields=["gekozen_op", "gewijzigd_op"])


def _opslaan(request: HttpRequest, contact: LopendContact) -> None:
    bewaar(contact, request.POST)


def _onderwerp(request: HttpRequest, contact: LopendContact) -> None:
    volgende = contact.onderwerpen.aggregate(m=Max("volgorde"))["m"]
    contact.onderwerpen.create(volgorde=0 if volgende is None else volgende + 1)


def _onderwerp_weg(request: HttpRequest, contact: LopendContact) -> None:
    if contact.onderwerpen.count() > 1:
        contact.onderwerpen.filter(pk=_getal(request.POST.get("onderwerp"))).delete()


def _klant(request: HttpRequest, contact: LopendContact) -> None:
    """The customer of the call: one the employee may see, or none ("los"). A chat's
    conversation learns who the visitor is too (or forgets whom the agent unlinks)."""
    vorige = contact.klant_id
    if request.POST.get("partij") == "los":
        contact.klant = None
    else:
        contact.klant = visible(
            Partij.objects.filter(uuid=_uuid(request.POST.get("partij")))
        ).first()
        if contact.klant is None:
            raise Http404("Geen klant met dit kenmerk.")
    contact.save(update_fields=["klant", "gewijzigd_op"])
    if contact.gesprek_id is not None:
        gesprek = Gesprek.objects.filter(pk=contact.gesprek_id)
        if contact.klant is not None:
            gesprek.update(partij=contact.klant)
        elif vorige is not None:
            gesprek.filter(partij_id=vorige).update(partij=None)


def _tekst(request: HttpRequest, contact: LopendContact) -> None:
    """A text taken over (a knowledge article's answer) goes into the answer of the last
    subject; an empty subject line takes the text's title."""
    tekst = request.POST.get("tekst", "").strip()
    if not tekst:
        return
    onderwerp = laatste_onderwerp(contact)
    onderwerp.antwoord = "\n\n".join(filter(None, [onderwerp.antwoord, tekst]))[
        : GRENZEN["antwoord"]
    ]
    if not onderwerp.onderwerp:
        onderwerp.onderwerp = request.POST.get("label", "")[: GRENZEN["onderwerp"]]
    onderwerp.save(update_fields=["antwoord", "onderwerp"])


def _zaak(request: HttpRequest, contact: LopendContact) -> None:
    """The call is (also) about this zaak: the last subject gets it, or a new subject when
    that one is about another zaak (R2: one klantcontact per subject). Whether the zaak is
    the customer's and visible is checked when the contact is registered."""
    url = request.POST.get("zaak", "")
    if not url.startswith(("http://", "https://")):
        return
    label = request.POST.get("label", "")[:300]
    onderwerp = laatste_onderwerp(contact)
    if onderwerp.zaak_url and onderwerp.zaak_url != url:
        onderwerp = contact.onderwerpen.create(volgorde=onderwerp.volgorde + 1)
    onderwerp.zaak_url, onderwerp.zaak_label = url[:1000], label
    if not onderwerp.onderwerp:
        onderwerp.onderwerp = label[: GRENZEN["onderwerp"]]
    onderwerp.save(update_fields=["zaak_url", "zaak_label", "onderwerp"])


def _zaak_weg(request: HttpRequest, contact: LopendContact) -> None:
    contact.onderwerpen.filter(pk=_getal(request.POST.get("onderwerp"))).update(
        zaak_url="", zaak_label=""
    )


def _collega(request: HttpRequest, contact: LopendContact) -> None:
    """The team or colleague the call is passed to, or the follow-up goes to (C0534)."""
    if request.POST.get("actor") == "los":
        contact.collega = None
    else:
        contact.collega = (
            toewijsbare_actoren().filter(uuid=_uuid(request.POST.get("actor"))).first()
        )
        if contact.collega is None:
            raise Http404("Geen team of collega met dit kenmerk.")
    contact.save(update_fields=["collega", "gewijzigd_op"])


def _weggooien(request: HttpRequest, contact: LopendContact) -> None:
    contact.delete()


ACTIES: dict[str, Callable[[HttpRequest, LopendContact], None]] = {
    "kies": _kies,
    "opslaan": _opslaan,
    "onderwerp": _onderwerp,
    "onderwerp-weg": _onderwerp_weg,
    "klant": _klant,
    "tekst": _tekst,
    "zaak": _zaak,
    "zaak-weg": _zaak_weg,
    "collega": _collega,
    "weggooien": _weggooien,
}


@require_POST
@rol_vereist(KLANTEN_ZIEN)
def start(request: HttpRequest) -> HttpResponse:
    nieuw(gebruiker(request), request.POST.get("kanaal", "telefoon"))
    return _antwoord(request)


@require_POST
@rol_vereist(KLANTEN_ZIEN)
def actie(request: HttpRequest, contact: str, naam: str) -> HttpResponse:
    uitvoeren = ACTIES.get(naam)
    if uitvoeren is None:
        raise Http404("Onbekende handeling.")
    lopend = van(request, contact)
    # The panel's fields travel along with every action, so nothing typed is lost.
    if naam not in ("opslaan", "weggooien"):
        bewaar(lopend, request.POST)
    uitvoeren(request, lopend)
    if naam == "opslaan" and _vanuit_script(request):
        return HttpResponse(status=204)
    return _antwoord(request)


def _antwoord(request: HttpRequest) -> HttpResponse:
    """The script gets the panel to put in place; without it, back to the page."""
    if _vanuit_script(request):
        return HttpResponse(paneel_html(request))
    return redirect(terug(request) or "workspace:zoeken")


def _vanuit_script(request: HttpRequest) -> bool:
    return request.headers.get("X-Belpaneel") == "1"


def terug(request: HttpRequest) -> str:
    """The workspace page to return to after an action without JavaScript: the page the
    panel was on (only a page of the workspace itself)."""
    volgende = request.POST.get("terug") or request.get_full_path()
    veilig = url_has_allowed_host_and_scheme(
        volgende, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not veilig or not volgende.startswith("/werkplek/") or "/belpaneel/" in volgende:
        return ""
    return volgende


def _uuid(waarde: str | None) -> str:
    """A uuid as text, or one that matches nothing."""
    try:
        return str(uuid.UUID(waarde or ""))
    except ValueError:
        return str(uuid.UUID(int=0))


def _getal(waarde: str | None) -> int:
    """A primary key, or one that matches nothing."""
    return int(waarde) if waarde and waarde.isdigit() else 0


def duur_tekst(duur: datetime.timedelta) -> str:
    """``4:05`` (minutes and seconds), ``1:02:03`` from an hour."""
    seconden = int(duur.total_seconds())
    uren, rest = divmod(seconden, 3600)
    minuten, seconden = divmod(rest, 60)
    return f"{uren}:{minuten:02}:{seconden:02}" if uren else f"{minuten}:{seconden:02}"
