"""Conversation units (C9853): how a resident's app messages become one klantcontact.

*Open in the standard*, our reading (cases.md): a unit is a resident's messages to the
business number until 24 hours pass without a message (either way) or an employee closes
it; a message after that starts a new unit. The first message registers the klantcontact
(kanaal ``app``; the resident without partij, with their number as a digital address for
this contact; the App-gateway as actor; a task for the app team); each later one adds to
its transcript (``inhoud``, cut at 1000 characters per R5) and moves ``plaatsgevondenOp``
to the last message, as VNG reads it, the first message's time staying in
``metadata.eersteBerichtOp``. Files are stored in the Documenten API as the contact's
bijlagen, and at closing a transcript that did not fit is stored whole as a document,
each by the worker on its own (bestanden.py): a Documenten API that is away holds up
neither the registration of the resident's messages nor closing.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from uuid import UUID

import httpx
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.channels.app import instellingen
from klantbeeld.channels.app.models import (
    Appbericht,
    Appgesprek,
    Berichtstatus,
    Richting,
    Sluitreden,
)
from klantbeeld.channels.gateways.whatsapp import InboundMessage
from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact
from klantbeeld.domain.models.internetaken import Status
from klantbeeld.domain.services.changes import Change
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import (
    INHOUD_MAX,
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Opvolging,
    eerder_geregistreerd,
    kort,
    registreer_contact,
)
from klantbeeld.domain.services.klantcontacten import update_klantcontact
from klantbeeld.domain.services.opvolging import vraag_opvolging_aan
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue

KANAAL = "app"
# A unit closes after this long without messages; WhatsApp's service window is as long.
STILTE = datetime.timedelta(hours=24)
GEVRAAGDE_HANDELING = "Lezen en bepalen benodigde actie"
ONDERWERP_MAX = 100
# The worker's destinations: closing a unit once it has been quiet for STILTE, storing a
# message's file and a closed unit's transcript as documents (bestanden.py).
STILTE_CONTROLE = "app:stilte"
BESTAND = "app:bestand"
VERSLAG = "app:verslag"
# How a message that is not text shows in the transcript.
SOORTEN = {
    "image": "foto",
    "document": "document",
    "audio": "spraakbericht",
    "video": "video",
    "sticker": "sticker",
    "location": "locatie",
    "contacts": "contactkaart",
    "unsupported": "bericht dat de app niet doorgeeft",
}


@dataclass(frozen=True)
class Gespreksbericht:
    """One message of a unit, for the conversation page."""

    uuid: UUID
    richting: str  # "in" (from the resident) or "uit" (to them)
    tijdstip: datetime.datetime
    door: str  # the resident's profile name or number; the employee who answered
    soort: str
    tekst: str
    bestandsnaam: str
    document: UUID | None  # the Documenten API uuid of the file
    status: str  # a Berichtstatus
    status_weergave: str
    fout: str


# -- taking messages in -------------------------------------------------------------------


def neem_op(bericht: InboundMessage, by: ChangeContext = instellingen.BY) -> Appbericht | None:
    """Add a resident's message to their open unit, or start a unit with it; None when it
    was taken in before. Call in a transaction, one resident at a time."""
    if Appbericht.objects.filter(wamid=bericht.message_id).exists():
        return None
    gesprek = (
        Appgesprek.objects.select_for_update()
        .filter(phone_number_id=bericht.phone_number_id, wa_id=bericht.from_number)
        .filter(gesloten_op=None)
        .first()
    )
    if gesprek is not None and bericht.timestamp - gesprek.laatste_bericht_op > STILTE:
        # Quiet for longer than a unit lasts, and not yet closed by the worker's check.
        _sluit(gesprek, Sluitreden.STILTE, None, by)
        gesprek = None
    if gesprek is None:
        return _begin(bericht, by)
    return _voeg_toe(gesprek, bericht, by)


def _begin(bericht: InboundMessage, by: ChangeContext) -> Appbericht | None:
    bron = Bron(f"app:{bericht.phone_number_id}", bericht.message_id)
    if eerder_geregistreerd(bron) is not None:
        return None  # registered before; its contact has been deleted since
    appbericht = _appbericht(bericht)
    nummer = f"+{bericht.from_number}"
    registratie = registreer_contact(
        Contactaanmelding(
            kanaal=KANAAL,
            onderwerp=_onderwerp(bericht),
            inhoud=regel(appbericht),
            deelnemers=[
                Deelnemer(
                    # A profile name is whatever the resident chose to show: kept whole.
                    achternaam=(bericht.profile_name or "").strip()[:200],
                    adressen=[Contactadres("telefoonnummer", nummer, "app")],
                )
            ],
            actoren=[instellingen.actor()],
            plaatsgevonden_op=bericht.timestamp,
            metadata={"eersteBerichtOp": _iso(bericht.timestamp)},
            opvolging=Opvolging(GEVRAAGDE_HANDELING, [instellingen.team()]),
            bron=bron,
            # The transcript grows; it is kept whole when the unit closes.
            volledige_tekst_bewaren=False,
        ),
        by,
    )
    if not registratie.nieuw or registratie.klantcontact is None:
        return None
    gesprek = Appgesprek.objects.create(
        phone_number_id=bericht.phone_number_id,
        wa_id=bericht.from_number,
        profielnaam=(bericht.profile_name or "")[:200],
        eerste_bericht_op=bericht.timestamp,
        laatste_bericht_op=bericht.timestamp,
        klantcontact=registratie.klantcontact,
    )
    appbericht.gesprek = gesprek
    appbericht.save()
    _bestand_later(appbericht, by)
    plan_controle(gesprek, gesprek.laatste_bericht_op + STILTE)
    return appbericht


def _voeg_toe(gesprek: Appgesprek, bericht: InboundMessage, by: ChangeContext) -> Appbericht:
    appbericht = _appbericht(bericht)
    appbericht.gesprek = gesprek
    appbericht.save()
    gesprek.laatste_bericht_op = max(gesprek.laatste_bericht_op, appbericht.tijdstip)
    gesprek.save(update_fields=["laatste_bericht_op"])
    klantcontact = gesprek.klantcontact
    laatste = max(b.tijdstip for b in _inkomend(gesprek))
    update_klantcontact(
        klantcontact,
        {"inhoud": kort(transcript(gesprek), INHOUD_MAX), "plaatsgevonden_op": laatste},
        by,
    )
    _bestand_later(appbericht, by)
    if not klantcontact.interne_taken.filter(status=Status.TE_VERWERKEN).exists():
        # The task was done before the resident wrote again: someone must read this.
        vraag_opvolging_aan(
            klantcontact,
            gevraagde_handeling=GEVRAAGDE_HANDELING,
            toegewezen_aan=[instellingen.team()],
            door=instellingen.actor(),
            by=by,
            toelichting=gettext("Nieuw bericht in het app-gesprek na afhandeling van de taak."),
        )
    return appbericht


def _appbericht(bericht: InboundMessage) -> Appbericht:
    """The message as a row of its unit (not saved: its unit may not exist yet)."""
    return Appbericht(
        richting=Richting.IN,
        wamid=bericht.message_id,
        soort=bericht.type[:20],
        tekst=bericht.text if bericht.text is not None else (bericht.caption or ""),
        media_id=(bericht.media_id or "")[:100],
        mime_type=(bericht.mime_type or "")[:100],
        bestandsnaam=(bericht.filename or "")[:200],
        tijdstip=bericht.timestamp,
        status=Berichtstatus.ONTVANGEN,
    )


def _bestand_later(appbericht: Appbericht, by: ChangeContext) -> None:
    """Have the worker fetch the message's file and store it as a document."""
    if appbericht.media_id:
        later(BESTAND, appbericht.uuid, by)


def later(
    destination: str, onderwerp: UUID, by: ChangeContext, op: datetime.datetime | None = None
) -> None:
    """Queue work for the worker about a unit or message, in this transaction; ``by``
    goes along for the audit trail."""
    enqueue(
        [
            OutboxMessage(
                destination=destination,
                ordering_key=str(onderwerp),
                payload={"id": str(onderwerp), "by": dataclasses.asdict(by)},
                next_attempt_at=op or timezone.now(),
            )
        ]
    )


def by_van(message: OutboxMessage) -> ChangeContext:
    return ChangeContext(**message.payload.get("by", {}))


def _onderwerp(bericht: InboundMessage) -> str:
    tekst = (bericht.text or bericht.caption or "").strip()
    eerste_regel = tekst.splitlines()[0] if tekst else ""
    return kort(eerste_regel, ONDERWERP_MAX) or gettext("Bericht via de app")


# -- the transcript ------------------------------------------------------------------------


def _inkomend(gesprek: Appgesprek) -> list[Appbericht]:
    return list(gesprek.berichten.filter(richting=Richting.IN).order_by("tijdstip", "uuid"))


def regel(bericht: Appbericht) -> str:
    """One message in the transcript: its local time and what it said or carried."""
    tijd = timezone.localtime(bericht.tijdstip)
    inhoud = bericht.tekst.strip()
    if bericht.soort not in ("text", "button", "interactive"):
        label = SOORTEN.get(bericht.soort, bericht.soort)
        naam = f": {bericht.bestandsnaam}" if bericht.bestandsnaam else ""
        inhoud = f"({label}{naam}) {inhoud}".strip()
    return f"[{tijd:%d-%m-%Y %H:%M}] {inhoud}"


def transcript(gesprek: Appgesprek) -> str:
    """What the resident wrote in this unit, one line per message (the contact's inhoud
    holds it cut to 1000 characters)."""
    return "\n".join(regel(b) for b in _inkomend(gesprek))


# -- closing -------------------------------------------------------------------------------


def sluit_gesprek(gesprek: Appgesprek, medewerker: Actor | None, by: ChangeContext) -> Appgesprek:
    """Close the unit (the employee is done with it): the resident's next message starts
    a new one. A transcript longer than the contact holds is then stored whole as its
    document, by the worker. Closing a closed unit changes nothing."""
    with transaction.atomic():
        gesloten = Appgesprek.objects.select_for_update().get(pk=gesprek.pk)
        if gesloten.gesloten_op is None:
            _sluit(gesloten, Sluitreden.MEDEWERKER, medewerker, by)
    return gesloten


def bij_afgehandelde_taak(change: Change) -> None:
    """The conversation's task handled (R8: the assignee acted, in the workspace or
    through the API) closes the conversation as the employee closing it would."""
    taak = change.instance
    if not isinstance(taak, InterneTaak) or change.actie != "update":
        return
    if taak.status != Status.VERWERKT:
        return
    open_gesprek = Appgesprek.objects.filter(
        klantcontact_id=taak.aanleidinggevend_klantcontact_id, gesloten_op__isnull=True
    ).first()
    if open_gesprek is not None:
        sluit_gesprek(open_gesprek, None, change.by)


def _sluit(gesprek: Appgesprek, reden: str, medewerker: Actor | None, by: ChangeContext) -> None:
    gesprek.gesloten_op = timezone.now()
    gesprek.sluitreden = reden
    gesprek.gesloten_door = medewerker
    gesprek.save(update_fields=["gesloten_op", "sluitreden", "gesloten_door"])
    if verslag_nodig(gesprek):
        later(VERSLAG, gesprek.uuid, by)


def verslag_nodig(gesprek: Appgesprek) -> bool:
    """Whether the transcript did not fit in the contact (R5) and is not yet kept whole."""
    return gesprek.verslag_document is None and len(transcript(gesprek).strip()) > INHOUD_MAX


def plan_controle(gesprek: Appgesprek, op: datetime.datetime) -> None:
    """Have the worker look at ``gesprek`` at ``op``: quiet since STILTE, it is closed."""
    later(STILTE_CONTROLE, gesprek.uuid, instellingen.BY, op)


def controleer_stilte(message: OutboxMessage, client: httpx.Client) -> None:
    """The worker's periodic look at a unit: closed when quiet for STILTE, otherwise
    looked at again when it will have been."""
    with transaction.atomic():
        gesprek = (
            Appgesprek.objects.select_for_update()
            .filter(uuid=message.payload["id"], gesloten_op=None)
            .first()
        )
        if gesprek is None:
            return
        grens = gesprek.laatste_bericht_op + STILTE
        if grens > timezone.now():
            plan_controle(gesprek, grens)
        else:
            _sluit(gesprek, Sluitreden.STILTE, None, by_van(message))


# -- for the workspace ----------------------------------------------------------------------


def gesprek_van(klantcontact: Klantcontact) -> Appgesprek | None:
    """The unit ``klantcontact`` registers, or the one it answers (R9: an answer sent by
    app is a follow-up of the unit's contact)."""
    gesprek = Appgesprek.objects.filter(klantcontact=klantcontact).first()
    if gesprek is not None:
        return gesprek
    return (
        Appgesprek.objects.filter(klantcontact__was_onderwerpobjecten__klantcontact=klantcontact)
        .order_by("-laatste_bericht_op")
        .first()
    )


def berichten_van(gesprek: Appgesprek) -> list[Gespreksbericht]:
    """The unit's thread, oldest first: the resident's messages and the answers."""
    berichten = gesprek.berichten.select_related("verzending__klantcontact").prefetch_related(
        "verzending__klantcontact__actoren"
    )
    return [
        Gespreksbericht(
            uuid=b.uuid,
            richting=b.richting,
            tijdstip=b.tijdstip,
            door=_door(gesprek, b),
            soort=b.soort,
            tekst=b.tekst,
            bestandsnaam=b.bestandsnaam,
            document=b.document,
            status=b.status,
            status_weergave=b.get_status_display(),
            fout=b.fout,
        )
        for b in berichten
    ]


def _door(gesprek: Appgesprek, bericht: Appbericht) -> str:
    if bericht.richting == Richting.IN:
        return gesprek.profielnaam or gesprek.telefoonnummer
    contact = bericht.verzending.klantcontact if bericht.verzending else None
    actoren = list(contact.actoren.all()) if contact is not None else []
    return actoren[0].naam if actoren else ""


def laatste_bericht_van(wa_id: str) -> datetime.datetime | None:
    """When the resident last wrote to us (any unit)."""
    laatste = (
        Appbericht.objects.filter(richting=Richting.IN, gesprek__wa_id=wa_id)
        .order_by("-tijdstip")
        .values_list("tijdstip", flat=True)
        .first()
    )
    return laatste


def antwoorden_kan_tot(gesprek: Appgesprek) -> datetime.datetime | None:
    """Until when a free answer by app reaches the resident (WhatsApp's 24-hour service
    window after their last message); None when they never wrote."""
    laatste = laatste_bericht_van(gesprek.wa_id)
    return laatste + STILTE if laatste is not None else None


def kan_beantwoorden(gesprek: Appgesprek) -> bool:
    """Whether to offer "app" for an answer now (otherwise another channel, R7)."""
    tot = antwoorden_kan_tot(gesprek)
    return tot is not None and tot > timezone.now()


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
