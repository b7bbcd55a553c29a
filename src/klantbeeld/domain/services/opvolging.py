"""Follow-up of a klantcontact: asking a colleague or team to act (C9167), their queues
(R8), picking a task up, passing it on when it was misrouted (C6114), recording the
call-back or answer as a new contact (R9: C2984, C9708, C7300), creating a zaak from it
(C9761, C2716) and closing it. Every step is on the task's history (``Taakgebeurtenis``).

Who may act on a task is decided here, not in the screens: an employee assigned to it,
directly or through one of their teams.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    DigitaalAdres,
    InterneTaak,
    InterneTaakActor,
    Klantcontact,
    Onderwerpvoorkeur,
    Partij,
    Taakgebeurtenis,
    Teamlid,
)
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.base import ADRES_PARTS
from klantbeeld.domain.models.internetaken import Gebeurtenis, Prioriteit, Status
from klantbeeld.domain.services import klantrelaties
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.digitale_adressen import create_digitaal_adres
from klantbeeld.domain.services.internetaken import create_interne_taak, update_interne_taak
from klantbeeld.domain.services.klantcontacten import create_betrokkene, maak_klantcontact
from klantbeeld.domain.services.onderwerpvoorkeuren import (
    Onderwerp,
    onderwerp_van_taak,
    voorkeur_voor,
)
from klantbeeld.domain.services.zaken import Zaakverwijzing, Zakenregister, zaak_aanmaken

TOELICHTING_MAX = 1000
# What a task returned to the KCC asks of it (cases.md C6114, variant 3a).
OPNIEUW_ROUTEREN = "Opnieuw routeren"

# The contact fields a follow-up contact copies from its betrokkene (R9).
_BETROKKENE_VELDEN = (
    "was_partij",
    "rol",
    "organisatienaam",
    "contactnaam_voorletters",
    "contactnaam_voornaam",
    "contactnaam_voorvoegsel_achternaam",
    "contactnaam_achternaam",
    *(f"{kind}_{part}" for kind in ("bezoekadres", "correspondentieadres") for part in ADRES_PARTS),
)


class GeenBehandelaar(PermissionError):
    """The employee is not assigned to the task, directly or through a team."""


class TaakAfgesloten(ValueError):
    """The task was already handled (by someone else, or in another tab)."""


# -- who and which tasks --------------------------------------------------------------------


def teams_van(medewerker: Actor) -> list[Actor]:
    return list(Actor.objects.filter(teamleden__medewerker=medewerker).order_by("naam", "uuid"))


def teamleden_van(team: Actor) -> QuerySet[Teamlid]:
    return Teamlid.objects.filter(team=team).select_related("medewerker")


def toegewezenen(taak: InterneTaak) -> list[Actor]:
    """The task's assignees in the order they were given."""
    return [
        link.actor
        for link in InterneTaakActor.objects.filter(interne_taak=taak)
        .select_related("actor")
        .order_by("volgorde", "id")
    ]


def mag_behandelen(taak: InterneTaak, medewerker: Actor) -> bool:
    return InterneTaak.objects.filter(
        Q(toegewezen_aan_actoren=medewerker)
        | Q(toegewezen_aan_actoren__teamleden__medewerker=medewerker),
        pk=taak.pk,
    ).exists()


def inzienbaar(taken: QuerySet[InterneTaak], medewerker: Actor) -> QuerySet[InterneTaak]:
    """The tasks an employee may read: those they may act on, and those they asked for
    (an actor of the contact a task came from: the call-back they just set out)."""
    return taken.filter(
        Q(toegewezen_aan_actoren=medewerker)
        | Q(toegewezen_aan_actoren__teamleden__medewerker=medewerker)
        | Q(aanleidinggevend_klantcontact__actoren=medewerker)
    ).distinct()


def mag_inzien(taak: InterneTaak, medewerker: Actor) -> bool:
    return inzienbaar(InterneTaak.objects.filter(pk=taak.pk), medewerker).exists()


def open_taken(actoren: Sequence[Actor]) -> QuerySet[InterneTaak]:
    """Open tasks assigned to any of ``actoren``: most urgent first (priority, then the
    nearest deadline, then the oldest)."""
    return (
        InterneTaak.objects.filter(toegewezen_aan_actoren__in=actoren, status=Status.TE_VERWERKEN)
        .distinct()
        .order_by("-prioriteit", "uiterlijk_op", "toegewezen_op", "uuid")
    )


def toewijsbare_actoren() -> QuerySet[Actor]:
    """Teams and employees a task can be given to."""
    return Actor.objects.filter(
        indicatie_actief=True,
        soort_actor__in=(SoortActor.ORGANISATORISCHE_EENHEID, SoortActor.MEDEWERKER),
    ).order_by("-soort_actor", "naam", "uuid")


def voorgestelde_opvolging(partij: Partij | None) -> Actor | None:
    """The team proposed as assignee of follow-up for ``partij``: the team of the kind of
    its current customer relation (docs/klantrelaties.md), when it can be given tasks."""
    if partij is None:
        return None
    team = klantrelaties.team_voor(partij)
    if team is None or not toewijsbare_actoren().filter(pk=team.pk).exists():
        return None
    return team


# -- asking for follow-up -------------------------------------------------------------------


def vraag_opvolging_aan(
    klantcontact: Klantcontact,
    *,
    gevraagde_handeling: str,
    toegewezen_aan: Sequence[Actor],
    door: Actor,
    by: ChangeContext,
    toelichting: str = "",
    prioriteit: int = Prioriteit.NORMAAL,
    uiterlijk_op: datetime.date | None = None,
) -> InterneTaak:
    """A task for ``toegewezen_aan`` arising from ``klantcontact`` (C9167)."""
    _controleer_termijn(uiterlijk_op)
    with transaction.atomic():
        taak = create_interne_taak(
            {
                "aanleidinggevend_klantcontact": klantcontact,
                "gevraagde_handeling": gevraagde_handeling,
                "toelichting": toelichting,
                "toegewezen_aan_actoren": list(toegewezen_aan),
                "prioriteit": prioriteit,
                "uiterlijk_op": uiterlijk_op,
            },
            by,
        )
        _gebeurtenis(taak, Gebeurtenis.AANGEMAAKT, door, f"Voor {_namen(toegewezen_aan)}.")
    return taak


def _controleer_termijn(uiterlijk_op: datetime.date | None) -> None:
    if uiterlijk_op is not None and uiterlijk_op < timezone.localdate():
        raise ValidationError(
            {
                "uiterlijk_op": ValidationError(
                    gettext("De termijn ligt in het verleden."), code="invalid"
                )
            }
        )


# -- working on a task ----------------------------------------------------------------------


def pak_op(taak: InterneTaak, medewerker: Actor, by: ChangeContext) -> InterneTaak:
    """Take a team's task: the employee is added to its assignees, so colleagues see who
    has it and it is in the employee's own queue."""
    with transaction.atomic():
        taak = _open_taak(taak, medewerker)
        huidige = toegewezenen(taak)
        if medewerker not in huidige:
            taak = update_interne_taak(taak, {"toegewezen_aan_actoren": [*huidige, medewerker]}, by)
        _gebeurtenis(taak, Gebeurtenis.OPGEPAKT, medewerker)
    return taak


def zet_door(
    taak: InterneTaak,
    *,
    naar: Sequence[Actor],
    reden: str,
    medewerker: Actor,
    by: ChangeContext,
    gevraagde_handeling: str = "",
) -> InterneTaak:
    """C6114: a misrouted task is passed on. The old task is kept as history (closed,
    saying where it went and why); a new task with the same klantcontact goes to ``naar``
    with the original request, or ``gevraagde_handeling`` (e.g. ``Opnieuw routeren``)."""
    reden = reden.strip()
    if not reden:
        raise ValidationError(
            {"reden": ValidationError(gettext("Geef aan waarom."), code="required")}
        )
    if not naar:
        raise ValidationError(
            {"naar": ValidationError(gettext("Kies aan wie de taak gaat."), code="required")}
        )
    with transaction.atomic():
        oud = _open_taak(taak, medewerker)
        oorspronkelijk = f"\n\nOorspronkelijk verzoek: {oud.toelichting}" if oud.toelichting else ""
        nieuw = create_interne_taak(
            {
                "aanleidinggevend_klantcontact": oud.aanleidinggevend_klantcontact,
                "gevraagde_handeling": gevraagde_handeling or oud.gevraagde_handeling,
                "toelichting": kort(f"{reden}{oorspronkelijk}"),
                "toegewezen_aan_actoren": list(naar),
                "prioriteit": oud.prioriteit,
                "uiterlijk_op": oud.uiterlijk_op,
            },
            by,
        )
        update_interne_taak(
            oud,
            {
                "status": Status.VERWERKT,
                "toelichting": kort(
                    f"Doorgezet naar {_namen(naar)} (taak {nieuw.nummer}): {reden}"
                ),
            },
            by,
        )
        _gebeurtenis(oud, Gebeurtenis.DOORGEZET, medewerker, reden, vervolgtaak=nieuw)
        _gebeurtenis(
            nieuw,
            Gebeurtenis.AANGEMAAKT,
            medewerker,
            f"Doorgezet vanuit taak {oud.nummer} naar {_namen(naar)}: {reden}",
        )
    return nieuw


# Channels whose message says nothing about reaching the customer (R5: unknown).
ZONDER_GESPREK = ("e-mail", "post")


def contact_gelukt(kanaal: str, *, bereikt: bool) -> bool | None:
    """``indicatieContactGelukt`` of a follow-up contact: false when the customer was not
    reached (C7300), unknown for a letter or e-mail (R5), else true."""
    if not bereikt:
        return False
    return None if kanaal in ZONDER_GESPREK else True


def leg_contact_vast(
    taak: InterneTaak,
    *,
    medewerker: Actor,
    by: ChangeContext,
    kanaal: str,
    verslag: str,
    gelukt: bool | None,
    afronden: bool,
) -> Klantcontact:
    """Record calling back or answering (R9): a new klantcontact with the original's
    betrokkenen copied (``initiator`` false), the employee as actor and an onderwerpobject
    linking it to the original. With ``afronden`` the task is then closed with the report;
    an attempt that did not reach the customer (C7300) leaves it open for the next try and
    says so on the contact (``verdereActieOndernomen``)."""
    if gelukt is False and afronden:
        raise ValidationError(
            {
                "afronden": ValidationError(
                    gettext(
                        "Wie niet bereikt is, is nog niet geholpen: de taak blijft open. Zet "
                        "de taak door of leg een bericht vast als de klant per brief of e-mail "
                        "is geantwoord."
                    ),
                    code="invalid",
                )
            }
        )
    with transaction.atomic():
        taak = _open_taak(taak, medewerker)
        origineel = taak.aanleidinggevend_klantcontact
        betrokkenen = list(
            Betrokkene.objects.filter(had_klantcontact=origineel).order_by("-initiator", "uuid")
        )
        klantcontact, eerste, _ = maak_klantcontact(
            {
                "kanaal": kanaal,
                "onderwerp": origineel.onderwerp,
                "inhoud": verslag,
                "indicatie_contact_gelukt": gelukt,
                "verdere_actie_ondernomen": gelukt is False,
                "taal": origineel.taal or "nld",
                "vertrouwelijk": origineel.vertrouwelijk,
                "plaatsgevonden_op": timezone.now(),
            },
            _als_vervolg(betrokkenen[0]) if betrokkenen else None,
            {"was_klantcontact": origineel},
            by,
            actoren=[medewerker],
        )
        # Everyone who took part (a customer and their representative, C5419), each with
        # the addresses they left.
        kopieen = [eerste] + [
            create_betrokkene({**_als_vervolg(b), "had_klantcontact": klantcontact}, by)
            for b in betrokkenen[1:]
        ]
        for bron, kopie in zip(betrokkenen, kopieen, strict=False):
            if kopie is not None:
                _kopieer_adressen(bron, kopie, by)
        soort = Gebeurtenis.NIET_BEREIKT if gelukt is False else Gebeurtenis.TERUGGEBELD
        _gebeurtenis(taak, soort, medewerker, verslag, klantcontact=klantcontact)
        if afronden:
            _sluit(taak, medewerker, verslag, by)
    return klantcontact


def maak_zaak(
    taak: InterneTaak,
    *,
    medewerker: Actor,
    by: ChangeContext,
    register: Zakenregister,
    zaaktype: str,
    omschrijving: str,
    toelichting: str = "",
    klantcontact: Klantcontact | None = None,
) -> Zaakverwijzing:
    """C9761/C2716: a zaak from ``klantcontact``, else the task's last call-back that
    reached the customer (the call that revealed the work), else the task's own contact;
    the task closed with the zaak's identification. When the zaak
    cannot be made the task stays as it was.

    The zaken register is called without holding the task: a slow register must not make
    a colleague acting on the same task wait. Whether the employee may act is checked
    before; when a colleague closed the task meanwhile, the zaak stands (linked to the
    contact) and the task's history says so."""
    with transaction.atomic():
        taak = _open_taak(taak, medewerker)
    basis = klantcontact or laatste_vervolgcontact(taak) or taak.aanleidinggevend_klantcontact
    zaak = zaak_aanmaken(
        basis,
        zaaktype=zaaktype,
        omschrijving=omschrijving,
        toelichting=toelichting,
        register=register,
        by=by,
    )
    melding = f"Zaak {zaak.identificatie} aangemaakt: {omschrijving}"
    with transaction.atomic():
        _gebeurtenis(taak, Gebeurtenis.ZAAK_AANGEMAAKT, medewerker, melding, klantcontact=basis)
        # Closed by a colleague while the zaak was made: the zaak is on its history.
        with contextlib.suppress(TaakAfgesloten):
            _sluit(_open_taak(taak, medewerker), medewerker, melding, by)
    return zaak


def laatste_vervolgcontact(taak: InterneTaak) -> Klantcontact | None:
    """The last call-back that reached the customer for this task (C9761: the zaak it
    revealed is about that contact)."""
    stap = (
        taak.gebeurtenissen.filter(klantcontact__isnull=False, soort=Gebeurtenis.TERUGGEBELD)
        .select_related("klantcontact")
        .order_by("-moment", "-id")
        .first()
    )
    return stap.klantcontact if stap is not None else None


def rond_af(
    taak: InterneTaak, *, toelichting: str, medewerker: Actor, by: ChangeContext
) -> InterneTaak:
    """Close a task with what was done (``verwerkt``: the assignee acted, R8)."""
    if not toelichting.strip():
        raise ValidationError(
            {
                "toelichting": ValidationError(
                    gettext("Beschrijf kort wat er is gedaan."), code="required"
                )
            }
        )
    with transaction.atomic():
        taak = _open_taak(taak, medewerker)
        return _sluit(taak, medewerker, toelichting.strip(), by)


def _sluit(
    taak: InterneTaak, medewerker: Actor, toelichting: str, by: ChangeContext
) -> InterneTaak:
    taak = update_interne_taak(
        taak, {"status": Status.VERWERKT, "toelichting": kort(toelichting)}, by
    )
    _gebeurtenis(taak, Gebeurtenis.AFGEHANDELD, medewerker, toelichting)
    return taak


def _open_taak(taak: InterneTaak, medewerker: Actor) -> InterneTaak:
    """The task, locked, if ``medewerker`` may act on it and it is still open: two
    colleagues (or two tabs) acting at once cannot both close it."""
    locked = InterneTaak.objects.select_for_update().get(pk=taak.pk)
    if not mag_behandelen(locked, medewerker):
        raise GeenBehandelaar(gettext("Deze taak is niet aan u of een van uw teams toegewezen."))
    if locked.status != Status.TE_VERWERKEN:
        moment = timezone.localtime(locked.afgehandeld_op or timezone.now())
        raise TaakAfgesloten(
            gettext("Taak %(nummer)s is al afgehandeld op %(moment)s.")
            % {"nummer": locked.nummer, "moment": f"{moment:%d-%m-%Y %H:%M}"}
        )
    return locked


# -- how to reach the customer (R7) ---------------------------------------------------------

# The kind of address the requested action asks for comes first (R7: the channel named in
# the task).
GEVRAAGD_KANAAL = {"e-mail": "email", "terugbellen": "telefoonnummer", "bellen": "telefoonnummer"}


class Bron(StrEnum):
    BIJ_CONTACT = "bij_contact"  # left for this contact (the betrokkene's own)
    ONDERWERP = "onderwerp"  # the partij's preference for the contact's topic (C1924)
    VOORKEUR = "voorkeur"  # the partij's preferred address
    BEKEND = "bekend"  # another address of the partij


@dataclass(frozen=True)
class Bereikbaar:
    adres: DigitaalAdres
    bron: Bron
    partij: Partij | None  # whose, for a partij's address


@dataclass(frozen=True)
class Onderwerpkeuze:
    """A customer's preference for the topic of a follow-up (C1924): post, or one of
    their addresses."""

    onderwerp: Onderwerp
    voorkeur: Onderwerpvoorkeur
    partij: Partij


def onderwerpkeuze(taak: InterneTaak) -> Onderwerpkeuze | None:
    """The preference of a partij of ``taak``'s contact for its topic, if the topic is
    known and they have one. How the topic is known: ``onderwerp_van_taak`` (the
    configured topics' words in the contact's ``onderwerp`` or the task's
    ``gevraagdeHandeling``, or a zaaktype URL equal to the contact's
    ``hoofdOnderwerpType``)."""
    onderwerp = onderwerp_van_taak(taak)
    if onderwerp is None:
        return None
    betrokkenen = taak.aanleidinggevend_klantcontact.betrokkenen.order_by("-initiator", "uuid")
    for partij in dict.fromkeys(b.was_partij for b in betrokkenen if b.was_partij is not None):
        voorkeur = voorkeur_voor(partij, onderwerp)
        if voorkeur is not None:
            return Onderwerpkeuze(onderwerp, voorkeur, partij)
    return None


def bereikbaarheid(taak: InterneTaak) -> list[Bereikbaar]:
    """How to reach the customer for ``taak``, in the order R7 asks: the kind of address
    the requested action names first; within it what they left for this contact, then
    the address they chose for the contact's topic (C1924, ``onderwerpkeuze``), then
    their preferred address, then their other addresses (only those the caller may see).

    The topic's choice comes after what was left for this one contact (a preference for
    one interaction beats one for a whole topic) and before the partij's default (which it
    never changes). A topic chosen "per post" adds no digital address here; the answer's
    channel then is a letter (``workspace/antwoorden.py``)."""
    origineel = taak.aanleidinggevend_klantcontact
    betrokkenen = list(origineel.betrokkenen.all())
    rij = [
        Bereikbaar(a, Bron.BIJ_CONTACT, None)
        for a in DigitaalAdres.objects.filter(verstrekt_door_betrokkene__in=betrokkenen).order_by(
            "uuid"
        )
    ]
    keuze = onderwerpkeuze(taak)
    gekozen = keuze.voorkeur.digitaal_adres_id if keuze is not None else None
    if keuze is not None and gekozen is not None:
        adres = visible(DigitaalAdres.objects.filter(pk=gekozen)).first()
        if adres is not None:
            rij.append(Bereikbaar(adres, Bron.ONDERWERP, keuze.partij))
    for partij in dict.fromkeys(b.was_partij for b in betrokkenen if b.was_partij is not None):
        voorkeur = partij.voorkeurs_digitaal_adres_id
        adressen = sorted(
            visible(
                DigitaalAdres.objects.filter(verstrekt_door_partij=partij).exclude(
                    uuid__in=[gekozen] if gekozen is not None else []
                )
            ),
            key=lambda a: (a.pk != voorkeur, not a.is_standaard_adres, a.soort_digitaal_adres),
        )
        rij += [
            Bereikbaar(a, Bron.VOORKEUR if a.pk == voorkeur else Bron.BEKEND, partij)
            for a in adressen
        ]
    handeling = taak.gevraagde_handeling.lower()
    gevraagd = next((s for woord, s in GEVRAAGD_KANAAL.items() if woord in handeling), None)
    return sorted(rij, key=lambda b: b.adres.soort_digitaal_adres != gevraagd)  # stable


# -- shared ---------------------------------------------------------------------------------


def _als_vervolg(klant: Betrokkene) -> dict[str, Any]:
    """The customer as betrokkene of a follow-up contact (R9): the same partij and contact
    data; the organisation took the initiative this time."""
    return {**{veld: getattr(klant, veld) for veld in _BETROKKENE_VELDEN}, "initiator": False}


def _kopieer_adressen(klant: Betrokkene, betrokkene: Betrokkene, by: ChangeContext) -> None:
    """The addresses the customer left for the original contact hold for the follow-up
    too (R7: a call-back number is the betrokkene's own)."""
    for adres in DigitaalAdres.objects.filter(verstrekt_door_betrokkene=klant).order_by("uuid"):
        create_digitaal_adres(
            {
                "verstrekt_door_betrokkene": betrokkene,
                "adres": adres.adres,
                "soort_digitaal_adres": adres.soort_digitaal_adres,
                "omschrijving": adres.omschrijving,
            },
            by,
        )


def _gebeurtenis(
    taak: InterneTaak,
    soort: str,
    door: Actor,
    toelichting: str = "",
    *,
    klantcontact: Klantcontact | None = None,
    vervolgtaak: InterneTaak | None = None,
) -> None:
    Taakgebeurtenis.objects.create(
        interne_taak=taak,
        soort=soort,
        door=door.naam,
        toelichting=kort(toelichting),
        klantcontact=klantcontact,
        vervolgtaak=vervolgtaak,
    )


def _namen(actoren: Sequence[Actor]) -> str:
    return ", ".join(actor.naam for actor in actoren)


def kort(tekst: str) -> str:
    """A text cut to what a task's toelichting holds."""
    return tekst if len(tekst) <= TOELICHTING_MAX else tekst[: TOELICHTING_MAX - 1] + "…"
