"""Live conversations (chat, a chatbot handing over, a social-media message answered live):
opening one, its messages in order, the queue, taking and passing it on, and closing.

Every change is stored first and then announced to the open windows (klantbeeld.live), so
a window that was not connected catches up by asking for the messages after the last
number it saw. What is sent to a conversation's group names the conversation
(``gesprek``): an agent's window follows several at once. Registering the conversation as
a klantcontact is not done here: the agent does it from the call panel, or the chatbot
when it closes the conversation (gesprek_registratie.py), both through the intake service.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.models import (
    Actor,
    Afzender,
    Gesprek,
    Gespreksbericht,
    Gespreksstatus,
    Partij,
)
from klantbeeld.domain.services import tevredenheid
from klantbeeld.domain.services.actoren import actief_team, geautomatiseerde_actor
from klantbeeld.domain.services.common import SYSTEM
from klantbeeld.live import groepen

# What one message may hold: as much as the register's reactie (R5), so an agent's answer
# fits; a longer text is a document, not a chat message.
TEKST_MAX = 4000
CLIENT_ID_MAX = 64


class GesprekFout(ValueError):
    """A change the conversation's state does not allow, said for the person at the screen."""


@dataclass(frozen=True)
class Bestand:
    naam: str
    type: str
    inhoud: bytes


# -- opening and finding -----------------------------------------------------------------------


def chatbot() -> Actor | None:
    """The configured chatbot's actor (soortActor geautomatiseerde_actor), made once; None
    when no chatbot is configured and chats go straight to the queue."""
    if not settings.KLANTBEELD_CHATBOT_URL:
        return None
    return geautomatiseerde_actor(
        settings.KLANTBEELD_CHATBOT_NAAM, gettext("Virtuele assistent in de chat"), SYSTEM
    )


def chatteam() -> Actor | None:
    """The team whose queue gets chats (KLANTBEELD_CHAT_TEAM); None: everyone's queue."""
    return actief_team(settings.KLANTBEELD_CHAT_TEAM) if settings.KLANTBEELD_CHAT_TEAM else None


def open_gesprek(
    *,
    kanaal: str = "chat",
    partij: Partij | None = None,
    chatbot: Actor | None = None,
    team: Actor | None = None,
    naam: str = "",
    pagina: str = "",
    onderwerp: str = "",
) -> tuple[Gesprek, str]:
    """A new conversation and the secret the visitor's window keeps to come back to it.
    With a chatbot it starts with the bot; otherwise it waits in the team's queue."""
    sleutel = secrets.token_urlsafe(32)
    nu = timezone.now()
    met_bot = chatbot is not None
    gesprek = Gesprek.objects.create(
        kanaal=kanaal,
        status=Gespreksstatus.BOT if met_bot else Gespreksstatus.WACHTRIJ,
        bezoeker_sleutel=_hash(sleutel),
        bezoeker_naam=naam[:200],
        partij=partij,
        chatbot=chatbot,
        team=team,
        pagina=pagina[:1000],
        onderwerp=onderwerp[:200],
        gestart_op=nu,
        in_wachtrij_sinds=None if met_bot else nu,
    )
    if not met_bot:
        _meld_wachtrij(gesprek)
    return gesprek, sleutel


def voor_bezoeker(gesprek_uuid: uuid.UUID | str, sleutel: str) -> Gesprek | None:
    """The conversation when ``sleutel`` is its visitor's secret; None otherwise, the same
    whether it does not exist or the secret is wrong."""
    try:
        gesprek = Gesprek.objects.filter(uuid=uuid.UUID(str(gesprek_uuid))).first()
    except ValueError:
        return None
    if gesprek is None or not hmac.compare_digest(gesprek.bezoeker_sleutel, _hash(sleutel)):
        return None
    return gesprek


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


# -- messages ----------------------------------------------------------------------------------


def plaats_bericht(
    gesprek: Gesprek,
    *,
    afzender: str,
    tekst: str = "",
    naam: str = "",
    medewerker: User | None = None,
    client_id: str = "",
    bijlage: Bestand | None = None,
) -> Gespreksbericht:
    """Add a message with the next number. The same ``client_id`` from the same side again
    (a window resending after a lost connection) returns the message stored the first time."""
    tekst = tekst.strip()
    client_id = client_id[:CLIENT_ID_MAX]
    _controleer_bericht(tekst, bijlage)
    if client_id:
        eerder = _eerder(gesprek, afzender, client_id)
        if eerder is not None:
            return eerder
    try:
        with transaction.atomic():
            vergrendeld = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
            if vergrendeld.afgesloten:
                raise GesprekFout(gettext("Dit gesprek is afgesloten."))
            vergrendeld.laatste_volgnummer += 1
            vergrendeld.save(update_fields=["laatste_volgnummer"])
            bericht = Gespreksbericht.objects.create(
                gesprek=vergrendeld,
                volgnummer=vergrendeld.laatste_volgnummer,
                afzender=afzender,
                naam=naam[:200],
                medewerker=medewerker,
                tekst=tekst,
                client_id=client_id,
                bijlage_naam=bijlage.naam[:255] if bijlage else "",
                bijlage_type=bijlage.type[:100] if bijlage else "",
                bijlage_inhoud=bijlage.inhoud if bijlage else None,
            )
            if afzender == Afzender.BEZOEKER and vergrendeld.status == Gespreksstatus.BOT:
                for luisteraar in _voor_de_bot:
                    luisteraar(vergrendeld, bericht)
    except IntegrityError:
        # The same client id at the same moment on two connections: the other one won.
        eerder = _eerder(gesprek, afzender, client_id) if client_id else None
        if eerder is None:
            raise
        return eerder
    gesprek.laatste_volgnummer = bericht.volgnummer
    groepen.stuur(
        groepen.gesprek(gesprek.uuid),
        "bericht",
        bericht=bericht_als_json(bericht),
        gesprek=str(gesprek.uuid),
    )
    return bericht


# Called in the message's own transaction for every visitor's message in a conversation
# the chatbot holds: the chatbot adapter queues it for the bot in the outbox there, so a
# message is never stored without being passed on (api/chatbot/doorsturen.py).
BijBericht = Callable[[Gesprek, Gespreksbericht], None]
_voor_de_bot: list[BijBericht] = []


def bij_bericht_voor_bot(luisteraar: BijBericht) -> None:
    """Have ``luisteraar`` called for each visitor's message while the bot holds the chat."""
    if luisteraar not in _voor_de_bot:
        _voor_de_bot.append(luisteraar)


def _controleer_bericht(tekst: str, bijlage: Bestand | None) -> None:
    if not tekst and bijlage is None:
        raise GesprekFout(gettext("Een bericht zonder tekst of bestand kan niet verstuurd worden."))
    if len(tekst) > TEKST_MAX:
        raise GesprekFout(
            gettext("Een bericht mag hoogstens %(max)d tekens lang zijn.") % {"max": TEKST_MAX}
        )


def _eerder(gesprek: Gesprek, afzender: str, client_id: str) -> Gespreksbericht | None:
    return gesprek.berichten.filter(afzender=afzender, client_id=client_id).first()


def berichten_sinds(gesprek: Gesprek, volgnummer: int = 0) -> QuerySet[Gespreksbericht]:
    """The messages after ``volgnummer``, in order (the file's bytes left out)."""
    return gesprek.berichten.filter(volgnummer__gt=volgnummer).defer("bijlage_inhoud")


def bericht_als_json(bericht: Gespreksbericht) -> dict[str, object]:
    """A message as the windows get it; a file is named, its bytes are fetched apart."""
    return {
        "volgnummer": bericht.volgnummer,
        "afzender": bericht.afzender,
        "naam": bericht.naam,
        "tekst": bericht.tekst,
        "clientId": bericht.client_id,
        "bijlage": {"naam": bericht.bijlage_naam, "type": bericht.bijlage_type}
        if bericht.bijlage_naam
        else None,
        "verzondenOp": bericht.verzonden_op.isoformat(),
        "gelezen": bericht.gelezen_op is not None,
    }


def markeer_gelezen(gesprek: Gesprek, *, door: str, tot: int) -> int:
    """Mark what the other side sent, up to number ``tot``, as read by ``door`` (the visitor
    reads the agent's and bot's messages; the agent the visitor's). Returns how many."""
    andere = (
        [Afzender.BEZOEKER] if door == Afzender.MEDEWERKER else [Afzender.MEDEWERKER, Afzender.BOT]
    )
    aantal = gesprek.berichten.filter(
        volgnummer__lte=tot, afzender__in=andere, gelezen_op__isnull=True
    ).update(gelezen_op=timezone.now())
    if aantal:
        groepen.stuur(
            groepen.gesprek(gesprek.uuid), "gelezen", door=door, tot=tot, gesprek=str(gesprek.uuid)
        )
    return aantal


def transcript(gesprek: Gesprek) -> str:
    """The conversation as text, one line per message with time and sender, for the
    register (R5: long material is a document) and for the agent taking over."""
    regels = []
    for bericht in gesprek.berichten.defer("bijlage_inhoud"):
        tijd = timezone.localtime(bericht.verzonden_op).strftime("%H:%M")
        wie = bericht.naam or bericht.get_afzender_display()
        tekst = bericht.tekst
        if bericht.bijlage_naam:
            tekst = f"{tekst} [{gettext('bestand')}: {bericht.bijlage_naam}]".strip()
        regels.append(f"[{tijd}] {wie}: {tekst}")
    return "\n".join(regels)


def systeembericht(gesprek: Gesprek, tekst: str) -> Gespreksbericht:
    return plaats_bericht(gesprek, afzender=Afzender.SYSTEEM, tekst=tekst)


# -- the queue ---------------------------------------------------------------------------------


def naar_wachtrij(gesprek: Gesprek, *, team: Actor | None = None, reden: str = "") -> Gesprek:
    """Hand the conversation to the (team's) queue: from the bot (C9309), or from an agent
    passing it to a team. The transcript stays: whoever takes it sees what was said."""
    with transaction.atomic():
        gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
        if gesprek.afgesloten:
            raise GesprekFout(gettext("Dit gesprek is afgesloten."))
        gesprek.status = Gespreksstatus.WACHTRIJ
        gesprek.team = team or gesprek.team
        gesprek.medewerker = None
        gesprek.in_wachtrij_sinds = timezone.now()
        gesprek.save(update_fields=["status", "team", "medewerker", "in_wachtrij_sinds"])
        systeembericht(gesprek, reden or gettext("U wordt doorverbonden met een medewerker."))
    _meld_wachtrij(gesprek)
    return gesprek


def wachtrij(team: Actor | None = None) -> QuerySet[Gesprek]:
    """Conversations waiting, oldest first; of one team, or all."""
    wachtend = Gesprek.objects.filter(status=Gespreksstatus.WACHTRIJ)
    if team is not None:
        wachtend = wachtend.filter(team=team)
    return wachtend.order_by("in_wachtrij_sinds", "uuid")


def positie(gesprek: Gesprek) -> int | None:
    """Place in the queue (1 is next), or None when not waiting."""
    if gesprek.status != Gespreksstatus.WACHTRIJ or gesprek.in_wachtrij_sinds is None:
        return None
    voor = wachtrij().filter(team=gesprek.team, in_wachtrij_sinds__lt=gesprek.in_wachtrij_sinds)
    return voor.count() + 1


def neem_aan(gesprek: Gesprek, medewerker: User, *, naam: str = "") -> Gesprek:
    """The agent takes the conversation from the queue. Two agents at once: one gets it,
    the other is told it is gone."""
    with transaction.atomic():
        gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
        if gesprek.status != Gespreksstatus.WACHTRIJ:
            raise GesprekFout(gettext("Dit gesprek is al door een collega aangenomen of gesloten."))
        _wijs_toe(gesprek, medewerker)
        systeembericht(
            gesprek,
            gettext("%(naam)s helpt u verder.")
            % {"naam": naam or medewerker.get_short_name() or gettext("Een medewerker")},
        )
    _meld_wachtrij(gesprek)
    return gesprek


def draag_over(
    gesprek: Gesprek, *, aan: User, door: User, naam: str = "", toelichting: str = ""
) -> Gesprek:
    """Pass a conversation to a colleague, who gets it at once (their window is told)."""
    with transaction.atomic():
        gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
        if gesprek.afgesloten:
            raise GesprekFout(gettext("Dit gesprek is afgesloten."))
        if gesprek.medewerker_id != door.pk:
            raise GesprekFout(gettext("Alleen wie het gesprek voert, kan het overdragen."))
        _wijs_toe(gesprek, aan)
        systeembericht(
            gesprek,
            gettext("U wordt verder geholpen door %(naam)s.")
            % {"naam": naam or aan.get_short_name() or gettext("een collega")},
        )
    groepen.stuur(
        groepen.medewerker(aan.pk),
        "gesprek-overgedragen",
        gesprek=str(gesprek.uuid),
        toelichting=toelichting,
    )
    return gesprek


def _wijs_toe(gesprek: Gesprek, medewerker: User) -> None:
    gesprek.status = Gespreksstatus.ACTIEF
    gesprek.medewerker = medewerker
    gesprek.aangenomen_op = gesprek.aangenomen_op or timezone.now()
    gesprek.save(update_fields=["status", "medewerker", "aangenomen_op"])


def sluit(gesprek: Gesprek, *, tekst: str = "") -> Gesprek:
    """End the conversation for both sides; nothing more can be said in it."""
    with transaction.atomic():
        gesprek = Gesprek.objects.select_for_update().get(pk=gesprek.pk)
        if gesprek.afgesloten:
            return gesprek
        systeembericht(gesprek, tekst or gettext("Het gesprek is beëindigd."))
        gesprek.status = Gespreksstatus.AFGESLOTEN
        gesprek.afgesloten_op = timezone.now()
        gesprek.save(update_fields=["status", "afgesloten_op"])
    groepen.stuur(groepen.gesprek(gesprek.uuid), "gesloten", gesprek=str(gesprek.uuid))
    _meld_wachtrij(gesprek)
    return gesprek


def waardeer(gesprek: Gesprek, cijfer: int) -> Gesprek:
    """The visitor's rating, 1 to 5 (C7352): kept with the conversation as management
    information, never on the klantcontact, and an answer to the chat survey when one is
    configured (tevredenheid.py). Once only: the one kept is the one counted."""
    if not 1 <= cijfer <= 5:
        raise GesprekFout(gettext("Een waardering is een cijfer van 1 tot en met 5."))
    with transaction.atomic():
        bijgewerkt = Gesprek.objects.filter(pk=gesprek.pk, waardering__isnull=True).update(
            waardering=cijfer
        )
        if not bijgewerkt:
            raise GesprekFout(gettext("Dit gesprek heeft al een waardering."))
        gesprek.refresh_from_db()
        tevredenheid.waardeer_gesprek(
            cijfer=cijfer,
            kanaal=gesprek.kanaal,
            onderwerp=_onderwerp(gesprek),
            team=gesprek.team or chatteam(),
        )
    # A rating the bot passes on (it asked in the chat) must reach the visitor's window
    # too, or the widget asks for it a second time.
    groepen.stuur(
        groepen.gesprek(gesprek.uuid), "gewaardeerd", cijfer=cijfer, gesprek=str(gesprek.uuid)
    )
    return gesprek


def _onderwerp(gesprek: Gesprek) -> str:
    """What the conversation was about: its subject, or that of its klantcontact."""
    if gesprek.onderwerp:
        return gesprek.onderwerp
    return gesprek.klantcontact.onderwerp if gesprek.klantcontact is not None else ""


def waarderingsvraag() -> str:
    """The question the widget asks at the end: the chat survey's, when there is one."""
    vragenlijst = tevredenheid.chatvragenlijst()
    return vragenlijst.vraag if vragenlijst is not None else ""


def _meld_wachtrij(gesprek: Gesprek) -> None:
    # Every agent of the team sees the queue change; without a team, everyone listening
    # to the general chat queue.
    groep = groepen.team(gesprek.team_id) if gesprek.team_id else groepen.WACHTRIJ
    groepen.stuur(groep, "wachtrij", gesprek=str(gesprek.uuid), status=gesprek.status)
    groepen.stuur(
        groepen.gesprek(gesprek.uuid), "status", status=gesprek.status, gesprek=str(gesprek.uuid)
    )


def wachttijd(gesprek: Gesprek) -> datetime.timedelta | None:
    if gesprek.in_wachtrij_sinds is None:
        return None
    einde = gesprek.aangenomen_op or gesprek.afgesloten_op or timezone.now()
    return max(einde - gesprek.in_wachtrij_sinds, datetime.timedelta(0))
