"""The widget's HTTP endpoints (docs/chat.md): what chat offers now, opening a chat, and a
file sent or fetched. Everything else of a conversation goes over its live connection
(consumer.py). Answers are JSON; a refusal is ``{"melding": "<Dutch>"}`` with its status.

These endpoints use no cookies: the conversation's secret (``sleutel``) is what proves the
visitor, so they need no CSRF token and the organisation's websites may call them across
origins (CORS for the origins in KLANTBEELD_CHAT_HERKOMSTEN and Klantbeeld's own pages).
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from klantbeeld.api.intake.bestanden import bestandstype
from klantbeeld.channels.chat import herkomst, openingstijden
from klantbeeld.domain.models import Afzender, Gesprek, Partij
from klantbeeld.domain.services import gesprekken
from klantbeeld.domain.services.gesprekken import Bestand, GesprekFout
from klantbeeld.live.tickets import partij_van_ticket
from klantbeeld.live.verbinding import adres

MB = 1024 * 1024
View = Callable[..., HttpResponseBase]


def melding(tekst: str, status: int, **meer: Any) -> JsonResponse:
    return JsonResponse({"melding": tekst, **meer}, status=status)


def chat_endpoint(*methoden: str) -> Callable[[View], View]:
    """Answer the browser's preflight, refuse pages of sites not allowed, and let allowed
    pages read the answer."""

    def decorator(view: View) -> View:
        @csrf_exempt
        @functools.wraps(view)
        def bewaakt(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not herkomst.verzoek_toegestaan(request):
                return melding(
                    gettext("Deze website mag de chat van Klantbeeld niet gebruiken."), 403
                )
            if request.method == "OPTIONS":
                return herkomst.cors(request, HttpResponse(status=204))
            if request.method not in methoden:
                antwoord = melding(gettext("Deze methode wordt hier niet ondersteund."), 405)
                antwoord["Allow"] = ", ".join(methoden)
                return herkomst.cors(request, antwoord)
            return herkomst.cors(request, view(request, *args, **kwargs))

        return bewaakt

    return decorator


def aanbod() -> dict[str, Any]:
    """What the widget shows before a chat is open: office hours, whether a chatbot
    answers, and what to do instead when chat is closed."""
    return {
        "openingstijden": openingstijden.stand(),
        "chatbot": bool(settings.KLANTBEELD_CHATBOT_URL),
        "telefoonnummer": settings.KLANTBEELD_CHAT_TELEFOONNUMMER
        or settings.KLANTBEELD_ORGANISATIE_TELEFOONNUMMER,
        "contactformulier": settings.KLANTBEELD_CHAT_CONTACTFORMULIER,
        "organisatie": settings.KLANTBEELD_ORGANISATIE_NAAM,
    }


@chat_endpoint("GET")
def stand(request: HttpRequest) -> HttpResponseBase:
    return JsonResponse(aanbod())


@chat_endpoint("POST")
def open_chat(request: HttpRequest) -> HttpResponseBase:
    """``POST /chat/gesprekken`` with ``{"naam", "pagina", "onderwerp", "ticket"}`` (all
    optional; the ticket is a portal page's, naming the signed-in resident): 201 with the
    conversation and the secret the window keeps."""
    try:
        gegevens = json.loads(request.body or b"{}")
    except ValueError:
        gegevens = None
    if not isinstance(gegevens, dict):
        return melding(gettext("Het verzoek is geen JSON-object."), 400)
    partij: Partij | None = None
    if gegevens.get("ticket"):
        partij = _partij(str(gegevens["ticket"]))
        if partij is None:
            return melding(
                gettext("Uw inlog is verlopen. Laad de pagina opnieuw om als uzelf te chatten."),
                400,
            )
    bot = gesprekken.chatbot()
    if bot is None and not openingstijden.geconfigureerd().is_open():
        return melding(gesloten_tekst(), 409, **aanbod())
    if not herkomst.binnen_limiet(request, "open"):
        return melding(
            gettext("Er zijn vanaf uw adres te veel chats geopend. Probeer het later opnieuw."), 429
        )
    gesprek, sleutel = gesprekken.open_gesprek(
        partij=partij,
        chatbot=bot,
        team=gesprekken.chatteam(),
        naam=_tekst(gegevens.get("naam")),
        pagina=_tekst(gegevens.get("pagina")) or request.headers.get("Referer", ""),
        onderwerp=_tekst(gegevens.get("onderwerp")),
    )
    return JsonResponse(
        {
            "gesprek": str(gesprek.uuid),
            "sleutel": sleutel,
            "status": gesprek.status,
            "positie": gesprekken.positie(gesprek),
            "live": adres(f"chat/{gesprek.uuid}/"),
            "ingelogd": partij is not None,
            **aanbod(),
        },
        status=201,
    )


def gesloten_tekst() -> str:
    stand_nu = openingstijden.stand()
    if stand_nu["opentTekst"]:
        return gettext("De chat is nu gesloten. U kunt weer chatten %(wanneer)s.") % {
            "wanneer": stand_nu["opentTekst"]
        }
    return gettext("De chat is nu gesloten.")


def _partij(ticket: str) -> Partij | None:
    partij_uuid = partij_van_ticket(ticket)
    return Partij.objects.filter(uuid=partij_uuid).first() if partij_uuid else None


def _tekst(waarde: object) -> str:
    return waarde.strip() if isinstance(waarde, str) else ""


def _sleutel(request: HttpRequest) -> str:
    return request.headers.get("X-Klantbeeld-Sleutel") or str(request.POST.get("sleutel", ""))


def _gesprek(request: HttpRequest, gesprek_uuid: uuid.UUID) -> Gesprek | None:
    return gesprekken.voor_bezoeker(gesprek_uuid, _sleutel(request))


def _niet_gevonden() -> JsonResponse:
    # The same for a conversation that does not exist and a wrong secret.
    return melding(gettext("Dit gesprek bestaat niet of de sleutel klopt niet."), 404)


@chat_endpoint("POST")
def stuur_bestand(request: HttpRequest, gesprek_uuid: uuid.UUID) -> HttpResponseBase:
    """``POST /chat/gesprekken/<uuid>/bestanden`` (multipart: ``sleutel``, ``bestand``,
    optional ``clientId`` and ``tekst``): the file as the visitor's message."""
    grens = (settings.KLANTBEELD_BIJLAGE_MAX_MB + 1) * MB
    # Refused before the body is read: a too large upload does not fill the disk first.
    if int(request.META.get("CONTENT_LENGTH") or 0) > grens:
        return melding(te_groot(), 413)
    gesprek = _gesprek(request, gesprek_uuid)
    if gesprek is None:
        return _niet_gevonden()
    bestand = request.FILES.get("bestand")
    if not isinstance(bestand, UploadedFile):
        return melding(gettext("Kies een bestand om te versturen."), 400)
    fout = bestandsfout(bestand)
    if fout:
        return melding(fout, 413 if fout == te_groot() else 400)
    if not herkomst.binnen_limiet(request, "bestand"):
        return melding(
            gettext("U hebt te veel bestanden verstuurd. Probeer het later opnieuw."), 429
        )
    naam = (bestand.name or "bestand")[:255]
    try:
        bericht = gesprekken.plaats_bericht(
            gesprek,
            afzender=Afzender.BEZOEKER,
            naam=gesprek.bezoeker_naam,
            tekst=str(request.POST.get("tekst", "")),
            client_id=str(request.POST.get("clientId", "")),
            bijlage=Bestand(naam=naam, type=bestandstype(naam), inhoud=b"".join(bestand.chunks())),
        )
    except GesprekFout as fout_gesprek:
        return melding(str(fout_gesprek), 409)
    return JsonResponse({"bericht": gesprekken.bericht_als_json(bericht)}, status=201)


def te_groot() -> str:
    return gettext("Het bestand is te groot. Het mag hoogstens %(mb)s MB zijn.") % {
        "mb": settings.KLANTBEELD_BIJLAGE_MAX_MB
    }


def bestandsfout(bestand: UploadedFile) -> str:
    """Why the file is refused, in the words of the intake forms; empty when it is fine."""
    if not bestand.size:
        return gettext("Het bestand is leeg.")
    if bestand.size > settings.KLANTBEELD_BIJLAGE_MAX_MB * MB:
        return te_groot()
    if bestandstype(bestand.name or "") not in settings.KLANTBEELD_BIJLAGE_TYPEN:
        return gettext(
            "Dit soort bestand kunnen we niet aannemen. Gebruik een PDF, een foto "
            "(JPEG of PNG) of een Word- of tekstbestand."
        )
    return ""


@chat_endpoint("GET")
def haal_bestand(
    request: HttpRequest, gesprek_uuid: uuid.UUID, volgnummer: int
) -> HttpResponseBase:
    """``GET /chat/gesprekken/<uuid>/bestanden/<volgnummer>`` with the secret in the
    ``X-Klantbeeld-Sleutel`` header (not in the address, which logs and histories keep)."""
    gesprek = _gesprek(request, gesprek_uuid)
    if gesprek is None:
        return _niet_gevonden()
    bericht = gesprek.berichten.filter(volgnummer=volgnummer).exclude(bijlage_naam="").first()
    if bericht is None:
        return melding(gettext("Dit bestand bestaat niet in dit gesprek."), 404)
    antwoord = HttpResponse(bytes(bericht.bijlage_inhoud or b""), content_type=bericht.bijlage_type)
    # Never shown inline on Klantbeeld's host: a file is someone's upload, not our page.
    antwoord["Content-Disposition"] = (
        content_disposition_header(True, bericht.bijlage_naam) or "attachment"
    )
    antwoord["Cache-Control"] = "private, no-store"
    antwoord["Access-Control-Expose-Headers"] = "Content-Disposition"
    return antwoord
