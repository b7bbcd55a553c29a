"""What a resident or company sees of its own klantcontacten (R12, C6278, C4994): the one
place that decides it, for the portal and anything else that shows customers their own.

**Whose.** The contacts where one of the customer's partijen is ``wasPartij`` of a
betrokkene. The partijen of a login (``eigen_partijen``):

- a person (BSN): their partij;
- a company logged in for one vestiging (eHerkenning with a vestigingsnummer): the partij
  of that vestiging *and* the organisation's (KVK-nummer), because what the municipality
  discussed with the company as a whole concerns every branch;
- a company logged in for the whole company (no vestigingsnummer): the organisation's
  partij and the partijen of all its vestigingen.

**What.** A contact's channel, subject, question (``inhoud``), answer (``reactie``), date,
its documents (bijlagen naming a Documenten API document) and who handled it, shown only
as a team or the organisation: an employee (medewerker) appears as their team(s), or the
organisation when they are in none, never by name. Contacts marked ``vertrouwelijk`` are
shown: confidentiality restricts staff, not the customer the contact is about (C6278).
Interne taken, ``interneNotitie`` and the other betrokkenen of a contact are never read
here.

**Messages** (C4994) are the outbound contacts: a betrokkene for one of the customer's
partijen with ``initiator`` false, in a contact that no betrokkene started (the
municipality took the initiative). The second half keeps out what a representative
asked for the customer (C4823: the represented person is ``initiator`` false there, the
representative true). Whether one was read is the portal's business (its own store, R6:
the klantcontact is never changed for it); ``ontvangers`` says for which partijen it
counts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from klantbeeld.domain.models import Actor, Betrokkene, Bijlage, Klantcontact, Partij, Teamlid
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.domain.services.identiteit import Identiteit
from klantbeeld.domain.services.zaken import is_document
from klantbeeld.domain.services.zoeken import partij_met_nummer

# How deep a thread of follow-ups (R9: wasKlantcontact) is followed from a question.
DRAAD_DIEPTE = 10


def eigen_partijen(identiteit: Identiteit) -> list[Partij]:
    """The partijen whose contacts this identity sees (see the module's docstring). None
    is made (R3: reading needs no partij)."""
    if identiteit.bsn:
        persoon = partij_met_nummer(identiteit.bsn, CodeSoortObjectId.BSN, ook_verborgen=True)
        return [persoon] if persoon is not None else []
    if not identiteit.kvk_nummer:
        return []
    vestigingen = Partij.objects.filter(
        partij_identificatoren__partij_identificator_code_soort_object_id=(
            CodeSoortObjectId.VESTIGINGSNUMMER
        ),
        partij_identificatoren__sub_identificator_van__partij_identificator_object_id=(
            identiteit.kvk_nummer
        ),
    )
    if identiteit.vestigingsnummer:
        vestigingen = vestigingen.filter(
            partij_identificatoren__partij_identificator_object_id=identiteit.vestigingsnummer
        )
    organisatie = partij_met_nummer(
        identiteit.kvk_nummer, CodeSoortObjectId.KVK_NUMMER, ook_verborgen=True
    )
    partijen = list(vestigingen.order_by("pk").distinct())
    if organisatie is not None:
        partijen.append(organisatie)
    return list(dict.fromkeys(partijen))


def eigen_contacten(partijen: Sequence[Partij]) -> QuerySet[Klantcontact]:
    """The contacts of ``partijen``, newest first, with what ``weergave`` reads."""
    return (
        Klantcontact.objects.filter(
            pk__in=Betrokkene.objects.filter(was_partij__in=partijen).values("had_klantcontact_id")
        )
        .prefetch_related(
            Prefetch("actoren", queryset=Actor.objects.order_by("naam", "uuid")),
            Prefetch(
                "actoren__teams",
                queryset=Teamlid.objects.select_related("team").order_by("team__naam"),
            ),
            Prefetch("bijlagen", queryset=Bijlage.objects.order_by("uuid")),
            # Only whether someone started it is read of the other betrokkenen.
            Prefetch(
                "betrokkenen",
                queryset=Betrokkene.objects.only(
                    "uuid", "had_klantcontact_id", "was_partij_id", "initiator"
                ).order_by("uuid"),
                to_attr="alle_betrokkenen",
            ),
        )
        .order_by("-plaatsgevonden_op", "uuid")
    )


def eigen_contact(partijen: Sequence[Partij], sleutel: uuid.UUID) -> Klantcontact | None:
    """One contact of ``partijen``; None for someone else's, as for one that does not
    exist (a hidden object does not exist)."""
    if not partijen:
        return None
    return eigen_contacten(partijen).filter(uuid=sleutel).first()


def berichten(partijen: Sequence[Partij]) -> QuerySet[Klantcontact]:
    """The messages of ``partijen`` (C4994): their outbound contacts, newest first."""
    uitgaand = Betrokkene.objects.filter(was_partij__in=partijen, initiator=False)
    begonnen = Betrokkene.objects.filter(initiator=True)
    return (
        eigen_contacten(partijen)
        .filter(pk__in=uitgaand.values("had_klantcontact_id"))
        .exclude(pk__in=begonnen.values("had_klantcontact_id"))
    )


def ontvangers(klantcontact: Klantcontact, partijen: Sequence[Partij]) -> list[Partij]:
    """Which of ``partijen`` ``klantcontact`` was a message to (none: it is no message)."""
    betrokkenen = _betrokkenen(klantcontact)
    if any(b.initiator for b in betrokkenen):
        return []
    eigen = {p.pk: p for p in partijen}
    return list(
        dict.fromkeys(eigen[b.was_partij_id] for b in betrokkenen if b.was_partij_id in eigen)
    )


def document(
    partijen: Sequence[Partij], klantcontact: uuid.UUID, bijlage: uuid.UUID
) -> Bijlage | None:
    """The bijlage ``bijlage`` when it is a document of the customer's own contact
    ``klantcontact``; None otherwise (another's, another contact's, or not a document)."""
    contact = eigen_contact(partijen, klantcontact)
    if contact is None:
        return None
    gevonden = next((b for b in contact.bijlagen.all() if b.uuid == bijlage), None)
    return gevonden if gevonden is not None and is_document(gevonden) else None


# -- what is shown ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Contactweergave:
    """A contact as the customer sees it."""

    uuid: uuid.UUID
    kanaal: str
    onderwerp: str
    inhoud: str
    reactie: str
    plaatsgevonden_op: datetime
    # True: the municipality took the initiative (a message to the customer).
    uitgaand: bool
    # Who handled it: team(s) or the organisation, never an employee's name.
    behandeld_door: str
    documenten: list[Bijlage] = field(default_factory=list)


def weergave(klantcontact: Klantcontact, partijen: Sequence[Partij]) -> Contactweergave:
    return Contactweergave(
        uuid=klantcontact.uuid,
        kanaal=klantcontact.kanaal,
        onderwerp=klantcontact.onderwerp,
        inhoud=klantcontact.inhoud,
        reactie=klantcontact.reactie,
        plaatsgevonden_op=klantcontact.plaatsgevonden_op,
        uitgaand=bool(ontvangers(klantcontact, partijen)),
        behandeld_door=behandeld_door(klantcontact.actoren.all()),
        documenten=[b for b in klantcontact.bijlagen.all() if is_document(b)],
    )


def behandeld_door(actoren: Iterable[Actor]) -> str:
    """The actors of a contact as a customer may see them: a team by its name; an
    employee as their teams, or the organisation; an automated actor (a mail processor,
    the portal) as the organisation."""
    organisatie = settings.KLANTBEELD_ORGANISATIE_NAAM or "Gemeente"
    namen: list[str] = []
    for actor in actoren:
        if actor.soort_actor == SoortActor.ORGANISATORISCHE_EENHEID:
            namen.append(actor.naam)
        elif actor.soort_actor == SoortActor.MEDEWERKER:
            teams = [lid.team.naam for lid in actor.teams.all()]
            namen.extend(teams or [organisatie])
        else:
            namen.append(organisatie)
    return ", ".join(dict.fromkeys(namen)) or organisatie


def draad(klantcontact: Klantcontact, partijen: Sequence[Partij]) -> list[Klantcontact]:
    """The customer's own contacts that follow up ``klantcontact`` (R9: an answer, a
    call-back, their follow-ups in turn), oldest first."""
    gezien = {klantcontact.pk}
    rand = [klantcontact.pk]
    gevonden: list[Klantcontact] = []
    for _ in range(DRAAD_DIEPTE):
        volgende = list(
            eigen_contacten(partijen)
            .filter(onderwerpobjecten__was_klantcontact__in=rand)
            .exclude(pk__in=gezien)
            .distinct()
        )
        if not volgende:
            break
        gevonden.extend(volgende)
        gezien.update(c.pk for c in volgende)
        rand = [c.pk for c in volgende]
    return sorted(gevonden, key=lambda c: (c.plaatsgevonden_op, str(c.uuid)))


def vervolg_op(klantcontact: Klantcontact, partijen: Sequence[Partij]) -> Klantcontact | None:
    """The customer's own contact that ``klantcontact`` follows up (R9), if any."""
    return (
        eigen_contacten(partijen)
        .filter(was_onderwerpobjecten__klantcontact=klantcontact)
        .exclude(pk=klantcontact.pk)
        .first()
    )


def _betrokkenen(klantcontact: Klantcontact) -> list[Betrokkene]:
    gelezen = getattr(klantcontact, "alle_betrokkenen", None)
    if gelezen is not None:
        return list(gelezen)
    return list(Betrokkene.objects.filter(had_klantcontact=klantcontact))
