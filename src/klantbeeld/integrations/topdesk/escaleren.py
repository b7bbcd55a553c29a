"""Escalating a task or a contact to TOPdesk (docs/topdesk.md): recorded in Klantbeeld at
once, with a message in the outbox in the same transaction; the worker creates the incident
(retried while TOPdesk is away; a refusal that will stay marks the escalation failed, with
TOPdesk's reason). Our reference goes in ``externalNumber``; the caller is the customer by
name, e-mail address and phone number (R7's order), nothing more."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.models import Actor, InterneTaak, Klantcontact, Taakgebeurtenis
from klantbeeld.domain.models.internetaken import Gebeurtenis, Status
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services import opvolging
from klantbeeld.events.delivery import DeliveryError, is_permanent
from klantbeeld.events.models import OutboxMessage
from klantbeeld.events.outbox import enqueue
from klantbeeld.integrations.topdesk.client import (
    KENMERK,
    KORTE_OMSCHRIJVING,
    Aanmelder,
    Incident,
    Melding,
    TopdeskClient,
    TopdeskFout,
)
from klantbeeld.integrations.topdesk.models import OPEN, Escalatie, Escalatiestatus

DESTINATION = "topdesk"
TOPDESK = "TOPdesk"  # who did it, on a task's history


@dataclass(frozen=True)
class Keuze:
    """A category (and subcategory) or an operator group the employee can choose."""

    waarde: str
    label: str


def categorieen() -> list[Keuze]:
    """``KLANTBEELD_TOPDESK_CATEGORIEEN``: "Categorie" or "Categorie/Subcategorie"."""
    return [Keuze(c, c.replace("/", " / ")) for c in settings.KLANTBEELD_TOPDESK_CATEGORIEEN if c]


def operatorgroepen() -> list[Keuze]:
    """``KLANTBEELD_TOPDESK_OPERATORGROEPEN``: "id=Naam" (TOPdesk looks groups up by id)."""
    groepen = []
    for item in settings.KLANTBEELD_TOPDESK_OPERATORGROEPEN:
        groep_id, _, naam = item.partition("=")
        groepen.append(Keuze(groep_id.strip(), naam.strip() or groep_id.strip()))
    return groepen


def open_escalatie(taak: InterneTaak | None, contact: Klantcontact) -> Escalatie | None:
    """The escalation of this task (or of this contact on its own) still under way."""
    return Escalatie.objects.filter(
        interne_taak=taak, klantcontact=contact, status__in=OPEN
    ).first()


def kenmerk_van(taak: InterneTaak | None, contact: Klantcontact) -> str:
    """Our reference: the task's, else the contact's reference number."""
    if taak is not None:
        return taak.referentienummer or taak.nummer or str(taak.uuid)
    return contact.referentienummer or contact.nummer or str(contact.uuid)


def aanmelder_van(contact: Klantcontact, taak: InterneTaak | None = None) -> Aanmelder:
    """The customer as TOPdesk's caller: the betrokkene who started the contact (their
    partij's name when identified), with the first e-mail address and phone number in
    R7's order (``opvolging.bereikbaarheid``). Nothing else about them goes."""
    betrokkenen = sorted(contact.betrokkenen.all(), key=lambda b: (not b.initiator, b.pk))
    naam = ""
    if betrokkenen:
        klant = betrokkenen[0]
        naam = str(klant.was_partij) if klant.was_partij else klant.volledige_naam
        naam = naam or klant.organisatienaam
    # R7 for a task; a contact on its own is read as a task with no channel named.
    voor = taak or InterneTaak(aanleidinggevend_klantcontact=contact, gevraagde_handeling="")
    rij = opvolging.bereikbaarheid(voor)
    email = next(
        (b.adres.adres for b in rij if b.adres.soort_digitaal_adres == SoortDigitaalAdres.EMAIL),
        "",
    )
    telefoon = next(
        (
            b.adres.adres
            for b in rij
            if b.adres.soort_digitaal_adres == SoortDigitaalAdres.TELEFOONNUMMER
        ),
        "",
    )
    return Aanmelder(naam=naam or "Onbekende klant", email=email, telefoon=telefoon)


def escaleer(
    *,
    contact: Klantcontact,
    taak: InterneTaak | None,
    korte_omschrijving: str,
    verzoek: str,
    categorie: str,
    operatorgroep: str,
    medewerker: Actor,
) -> Escalatie:
    """Record the escalation and queue the incident (one unit). A task must be open, and
    one escalation of a task or contact at a time is under way."""
    if not korte_omschrijving.strip() or len(korte_omschrijving) > KORTE_OMSCHRIJVING:
        raise ValidationError(
            {
                "korte_omschrijving": gettext(
                    "Geef een korte omschrijving van hoogstens %(max)s tekens."
                )
                % {"max": KORTE_OMSCHRIJVING}
            }
        )
    kenmerk = kenmerk_van(taak, contact)[:KENMERK]
    aanmelder = aanmelder_van(contact, taak)
    cat, _, subcat = categorie.partition("/")
    groepnaam = next((g.label for g in operatorgroepen() if g.waarde == operatorgroep), "")
    with transaction.atomic():
        if taak is not None:
            taak = InterneTaak.objects.select_for_update().get(pk=taak.pk)
            if taak.status != Status.TE_VERWERKEN:
                raise ValidationError(gettext("De taak is al afgehandeld."))
        if open_escalatie(taak, contact) is not None:
            raise ValidationError(gettext("Dit staat al open in TOPdesk."))
        escalatie = Escalatie.objects.create(
            interne_taak=taak,
            klantcontact=contact,
            kenmerk=kenmerk,
            korte_omschrijving=korte_omschrijving.strip(),
            verzoek=verzoek.strip(),
            categorie=cat.strip(),
            subcategorie=subcat.strip(),
            operatorgroep=operatorgroep,
            operatorgroep_naam=groepnaam,
            aanmelder_naam=aanmelder.naam,
            aanmelder_email=aanmelder.email,
            aanmelder_telefoon=aanmelder.telefoon,
            door=medewerker.naam,
        )
        if taak is not None:
            naar = f" ({groepnaam})" if groepnaam else ""
            gebeurtenis(
                escalatie,
                Gebeurtenis.NAAR_TOPDESK,
                medewerker.naam,
                f"{escalatie.korte_omschrijving}{naar}",
            )
        enqueue(
            [
                OutboxMessage(
                    destination=DESTINATION,
                    ordering_key=str(escalatie.uuid),
                    payload={"escalatie": str(escalatie.uuid)},
                )
            ]
        )
    return escalatie


def gebeurtenis(escalatie: Escalatie, soort: str, door: str, toelichting: str = "") -> None:
    """A step on the escalated task's history (none for a contact escalated alone)."""
    if escalatie.interne_taak_id is None:
        return
    Taakgebeurtenis.objects.create(
        interne_taak_id=escalatie.interne_taak_id,
        soort=soort,
        door=door[:200],
        toelichting=opvolging.kort(toelichting),
    )


def melding_van(escalatie: Escalatie) -> Melding:
    return Melding(
        korte_omschrijving=escalatie.korte_omschrijving,
        verzoek=escalatie.verzoek,
        kenmerk=escalatie.kenmerk,
        aanmelder=Aanmelder(
            naam=escalatie.aanmelder_naam,
            email=escalatie.aanmelder_email,
            telefoon=escalatie.aanmelder_telefoon,
        ),
        categorie=escalatie.categorie,
        subcategorie=escalatie.subcategorie,
        operatorgroep=escalatie.operatorgroep,
    )


def meld(message: OutboxMessage, client: httpx.Client) -> None:
    """The worker's delivery: create the incident once. A try whose outcome was lost (the
    worker killed after TOPdesk answered) finds its incident by our reference instead of
    making a second one."""
    escalatie = (
        Escalatie.objects.select_for_update().filter(uuid=message.payload["escalatie"]).first()
    )
    if escalatie is None or escalatie.status != Escalatiestatus.TE_MELDEN:
        return  # deleted, or reported by an earlier try
    try:
        with TopdeskClient() as topdesk:
            incident = _eerder_gemeld(topdesk, escalatie) or topdesk.maak_incident(
                melding_van(escalatie)
            )
    except TopdeskFout as fout:
        laatste = message.attempts + 1 >= settings.KLANTBEELD_OUTBOX_MAX_ATTEMPTS
        blijvend = is_permanent(fout.status) or laatste
        if blijvend:
            _mislukt(escalatie, str(fout))
        else:
            escalatie.fout = str(fout)
            escalatie.save(update_fields=["fout"])
        raise DeliveryError(str(fout), permanent=blijvend) from fout
    gemeld(escalatie, incident)


def _eerder_gemeld(topdesk: TopdeskClient, escalatie: Escalatie) -> Incident | None:
    """An incident with our reference made since this escalation began (a lost answer)."""
    for incident in topdesk.met_kenmerk(escalatie.kenmerk):
        recent = incident.gemeld_op is None or incident.gemeld_op >= escalatie.aangemaakt_op
        if recent and not Escalatie.objects.filter(incident_id=incident.id).exists():
            return incident
    return None


def gemeld(escalatie: Escalatie, incident: Incident) -> None:
    escalatie.status = Escalatiestatus.GEMELD
    escalatie.incident_id = incident.id
    escalatie.incident_nummer = incident.nummer
    escalatie.topdesk_status = incident.status
    escalatie.gemeld_op = timezone.now()
    escalatie.fout = ""
    escalatie.save(
        update_fields=[
            "status",
            "incident_id",
            "incident_nummer",
            "topdesk_status",
            "gemeld_op",
            "fout",
        ]
    )
    gebeurtenis(
        escalatie,
        Gebeurtenis.TOPDESK_GEMELD,
        TOPDESK,
        # Stored Dutch, as the rest of a task's history.
        f"Melding {incident.nummer}, status {incident.status or 'onbekend'}",
    )


def _mislukt(escalatie: Escalatie, reden: str) -> None:
    escalatie.status = Escalatiestatus.MISLUKT
    escalatie.fout = reden[:2000]
    escalatie.save(update_fields=["status", "fout"])
    gebeurtenis(escalatie, Gebeurtenis.TOPDESK_MISLUKT, TOPDESK, reden)
