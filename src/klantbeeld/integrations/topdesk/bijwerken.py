"""What TOPdesk reports back on an escalation: its processing status, the actions the caller
may see (``invisibleForCaller`` false) and its closure, each put once on the task's history
(and the escalation's own list, for a contact escalated alone). On closure the task is set
``verwerkt`` (R8) and the customer is told on their channel (R7), registered as a follow-up
klantcontact (R9) like any answer.

Two ways in, both idempotent (each step has a key, unique per escalation, and is applied
under the escalation's row lock): TOPdesk's action sequence calling the terugmeld endpoint
(``terugmelding.py``: a job for the worker), and polling the incidents changed since the
last poll (``peil``), the fallback for a call that never came. Either way Klantbeeld reads
the incident from TOPdesk itself."""

from __future__ import annotations

import datetime
import logging

import httpx
from django.db import IntegrityError, transaction
from django.utils import timezone

from klantbeeld.domain.models import Actor, InterneTaak
from klantbeeld.domain.models.internetaken import Gebeurtenis, Status
from klantbeeld.domain.services import verzenden
from klantbeeld.domain.services.actoren import geautomatiseerde_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import Bron
from klantbeeld.domain.services.internetaken import update_interne_taak
from klantbeeld.domain.services.opvolging import kort
from klantbeeld.domain.services.verzenden import Bericht
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue
from klantbeeld.integrations.topdesk.client import Incident, TopdeskClient, Voortgang
from klantbeeld.integrations.topdesk.escaleren import TOPDESK, gebeurtenis
from klantbeeld.integrations.topdesk.models import (
    Escalatie,
    Escalatiestap,
    Escalatiestatus,
    Topdeskpeiling,
)

log = logging.getLogger(__name__)

DESTINATION = "topdesk-bijwerken"
BY = ChangeContext(applicatie="Klantbeeld TOPdesk-koppeling")
ACTOR = "TOPdesk-koppeling"
BRON = "topdesk"
# Polls look back this far before the last change seen: TOPdesk's modificationDate is set
# when a change starts, so a slow change can commit after a later one was read.
MARGE = datetime.timedelta(minutes=2)


def plan_bijwerken(escalatie: Escalatie) -> None:
    """A job for the worker: read this escalation's incident and apply what changed."""
    enqueue(
        [
            OutboxMessage(
                destination=DESTINATION,
                ordering_key=str(escalatie.uuid),
                payload={"escalatie": str(escalatie.uuid)},
            )
        ]
    )


def voer_uit(message: OutboxMessage, client: httpx.Client) -> None:
    """The worker's job (an error is retried later)."""
    escalatie = Escalatie.objects.filter(uuid=message.payload["escalatie"]).first()
    if escalatie is not None:
        with TopdeskClient() as topdesk:
            werk_bij(escalatie, topdesk)


def werk_bij(escalatie: Escalatie, topdesk: TopdeskClient) -> None:
    """Read the incident and its progress trail from TOPdesk and apply what is new."""
    if not escalatie.incident_id or escalatie.status != Escalatiestatus.GEMELD:
        return
    incident = topdesk.incident(escalatie.incident_id)
    if incident is None:
        return  # gone from TOPdesk (deleted or archived): nothing to read back
    voortgang = topdesk.voortgang(incident.id)
    pas_toe(escalatie.pk, incident, voortgang)


def pas_toe(pk: int, incident: Incident, voortgang: list[Voortgang]) -> None:
    """Apply the incident as read: once, whoever applies it and however often."""
    with transaction.atomic():
        escalatie = Escalatie.objects.select_for_update().get(pk=pk)
        if escalatie.status != Escalatiestatus.GEMELD:
            return
        for actie in reversed(voortgang):  # oldest first
            nieuw = (
                actie.zichtbaar_voor_aanmelder
                and actie.id
                and actie.tekst
                and _stap(escalatie, f"actie:{actie.id}", actie.tekst, actie.door, actie.moment)
            )
            if nieuw:
                gebeurtenis(
                    escalatie, Gebeurtenis.TOPDESK_ACTIE, actie.door or TOPDESK, actie.tekst
                )
        if incident.status and incident.status != escalatie.topdesk_status:
            moment = incident.gewijzigd_op or timezone.now()
            tekst = f"Status: {incident.status}"
            if _stap(escalatie, f"status:{moment.isoformat()}:{incident.status}", tekst):
                gebeurtenis(escalatie, Gebeurtenis.TOPDESK_STATUS, TOPDESK, incident.status)
            escalatie.topdesk_status = incident.status
        escalatie.bijgewerkt_op = timezone.now()
        escalatie.save(update_fields=["topdesk_status", "bijgewerkt_op"])
        if incident.gesloten:
            _gesloten(escalatie, incident, voortgang)


def _stap(
    escalatie: Escalatie,
    sleutel: str,
    tekst: str,
    door: str = "",
    moment: datetime.datetime | None = None,
) -> bool:
    """Record a step once; False when it was recorded before."""
    try:
        with transaction.atomic():
            Escalatiestap.objects.create(
                escalatie=escalatie,
                sleutel=sleutel[:200],
                tekst=tekst,
                door=door[:200],
                moment=moment or timezone.now(),
            )
    except IntegrityError:
        return False
    return True


def _gesloten(escalatie: Escalatie, incident: Incident, voortgang: list[Voortgang]) -> None:
    """Closed in TOPdesk: on the history, the customer told, the task done."""
    escalatie.status = Escalatiestatus.GESLOTEN
    escalatie.gesloten_op = incident.gesloten_op or timezone.now()
    _stap(escalatie, "gesloten", f"Melding {incident.nummer} afgesloten", TOPDESK)
    gebeurtenis(
        escalatie, Gebeurtenis.TOPDESK_GESLOTEN, TOPDESK, f"Melding {incident.nummer} afgesloten"
    )
    zichtbaar = [v.tekst for v in voortgang if v.zichtbaar_voor_aanmelder and v.tekst]
    antwoord = zichtbaar[0] if zichtbaar else ""  # the newest: the closing word
    verteld = _informeer(escalatie, antwoord)
    escalatie.save(update_fields=["status", "gesloten_op", "bericht_klantcontact", "bericht_fout"])
    taak = escalatie.interne_taak
    if taak is None or not verteld:
        return  # without a message the task stays open: someone must tell the customer
    taak = InterneTaak.objects.select_for_update().get(pk=taak.pk)
    if taak.status == Status.TE_VERWERKEN:
        toelichting = f"Afgehandeld in TOPdesk (melding {incident.nummer})"
        update_interne_taak(taak, {"status": Status.VERWERKT, "toelichting": kort(toelichting)}, BY)
        gebeurtenis(escalatie, Gebeurtenis.AFGEHANDELD, TOPDESK, toelichting)


def _informeer(escalatie: Escalatie, antwoord: str) -> bool:
    """Tell the customer on the first channel R7 gives (``antwoorden.bestemmingen``, as an
    employee's answer goes), as a follow-up contact of the escalated one (R9). Sent once
    (``Bron``: the escalation). False, with the reason kept and on the history, when there
    is no channel to reach them."""
    # The workspace's R7 order of destinations for an answer, shared rather than copied.
    from klantbeeld.integrations.zgw.register import ZgwZakenregister
    from klantbeeld.workspace import antwoorden

    contact = escalatie.klantcontact
    taak = escalatie.interne_taak or InterneTaak(
        aanleidinggevend_klantcontact=contact, gevraagde_handeling=""
    )
    bestemmingen = antwoorden.bestemmingen(taak)
    schrijver = antwoorden.afzender(contact)
    if not bestemmingen or schrijver is None:
        escalatie.bericht_fout = (
            "Geen kanaal om de klant te berichten: geen e-mailadres of postadres bekend, of "
            "het kanaal is niet ingesteld. Neem zelf contact op."
        )
        gebeurtenis(escalatie, Gebeurtenis.KLANT_BERICHT, TOPDESK, escalatie.bericht_fout)
        return False
    bestemming = bestemmingen[0]
    naam = antwoorden.naam_van(schrijver)
    with ZgwZakenregister(by=BY) as register:
        verzending = verzenden.verstuur(
            Bericht(
                kanaal=bestemming.kanaal,
                adres=bestemming.adres,
                onderwerp=f"Uw vraag is afgehandeld (referentienummer {escalatie.kenmerk})",
                tekst=_tekst(escalatie, naam, antwoord),
                naam=naam,
                automatisch=True,
            ),
            ontvanger=antwoorden.ontvanger(schrijver),
            actor=koppeling(),
            by=BY,
            register=register,
            vervolg_op=contact,
            bron=Bron(BRON, str(escalatie.uuid)),
            contact_onderwerp=contact.onderwerp,
        )
    if verzending is None or verzending.klantcontact is None:
        return True  # told before; that contact has been deleted since
    escalatie.bericht_klantcontact = verzending.klantcontact
    escalatie.bericht_fout = ""
    nummer = verzending.klantcontact.referentienummer or verzending.klantcontact.nummer
    gebeurtenis(
        escalatie,
        Gebeurtenis.KLANT_BERICHT,
        TOPDESK,
        f"Per {verzending.kanaal} aan {', '.join(verzending.adres.splitlines())} "
        f"(contact {nummer})",
    )
    return True


def _tekst(escalatie: Escalatie, naam: str, antwoord: str) -> str:
    """The message, in Dutch: the register's and the customer's language."""
    aanhef = f"Beste {naam}," if naam else "Beste,"
    regels = [
        aanhef,
        "",
        f"Uw vraag \u201c{escalatie.korte_omschrijving}\u201d (referentienummer "
        f"{escalatie.kenmerk}) is afgehandeld.",
    ]
    if antwoord:
        regels += ["", antwoord]
    regels += ["", "Met vriendelijke groet,", "", "Klantcontactcentrum"]
    return "\n".join(regels)


def koppeling() -> Actor:
    """The automated actor that tells customers what TOPdesk did; made when first needed."""
    return geautomatiseerde_actor(
        ACTOR, "Bericht klanten wanneer de tweede lijn in TOPdesk klaar is", BY
    )


# -- polling --------------------------------------------------------------------------------


def peil(topdesk: TopdeskClient) -> int:
    """Read the incidents changed since the last poll and apply those Klantbeeld escalated;
    how many were applied. Several workers: one polls at a time (the row is locked), the
    others skip this round. An incident that cannot be applied now holds the moment polled
    up to before its change, so the next poll reads it again."""
    with transaction.atomic():
        Topdeskpeiling.objects.get_or_create(pk=1)
        peiling = Topdeskpeiling.objects.select_for_update(skip_locked=True).filter(pk=1).first()
        if peiling is None:
            return 0
        begin = timezone.now()
        sinds = (peiling.tot or _eerste_escalatie() or begin) - MARGE
        try:
            gewijzigd = topdesk.gewijzigd_sinds(sinds)
        except Exception as fout:
            _fout(peiling, fout)
            raise
        toegepast, tot, fouten = 0, peiling.tot, []
        for incident in gewijzigd:  # oldest change first
            escalatie = Escalatie.objects.filter(
                incident_id=incident.id, status=Escalatiestatus.GEMELD
            ).first()
            try:
                if escalatie is not None:
                    with transaction.atomic():
                        pas_toe(escalatie.pk, incident, topdesk.voortgang(incident.id))
                    toegepast += 1
            except Exception as fout:
                log.exception("TOPdesk: incident %s niet bijgewerkt", incident.nummer)
                fouten.append(f"{incident.nummer}: {type(fout).__name__}: {fout}")
            moment = incident.gewijzigd_op
            if not fouten and moment and (tot is None or moment > tot):
                tot = moment
        peiling.tot = tot
        peiling.gepeild_op = begin
        peiling.fout = "; ".join(fouten)[:2000]
        peiling.save(update_fields=["tot", "gepeild_op", "fout"])
    return toegepast


def _fout(peiling: Topdeskpeiling, fout: Exception) -> None:
    Topdeskpeiling.objects.filter(pk=peiling.pk).update(
        fout=f"{type(fout).__name__}: {fout}"[:2000], gepeild_op=timezone.now()
    )


def _eerste_escalatie() -> datetime.datetime | None:
    eerste = Escalatie.objects.order_by("aangemaakt_op").values_list("aangemaakt_op", flat=True)
    return eerste.first()
