"""Calls in the call panel (belpaneel.py): the screen-pop when an agent answers, the call
moving with its notes to a colleague's panel on a transfer, the panel told the call
ended, and the call's start, duration and transfers for the klantcontact the agent
registers (afronden.py). The call record itself is the telephony channel's
(channels/telefonie)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.confidentiality import seeing_confidential
from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.zoeken import partijen_met_telefoonnummer
from klantbeeld.live import groepen
from klantbeeld.workspace import belpaneel
from klantbeeld.workspace.models import LopendContact
from klantbeeld.workspace.roles import rollen_van
from klantbeeld.workspace.toegang import VERTROUWELIJK_ZIEN

if TYPE_CHECKING:
    from klantbeeld.channels.telefonie.models import Oproep

SOORT = "belpaneel"


def naar_paneel(oproep: Oproep) -> None:
    """Bring the call's contact in progress where the call is now (in the caller's
    transaction; the pushes go after it commits)."""
    lopend = LopendContact.objects.filter(oproep=oproep).first()
    if oproep.beeindigd:
        if lopend is not None:
            _stuur(lopend.medewerker, gettext("Het gesprek is beëindigd."))
        return
    user = oproep.medewerker
    if user is None or oproep.opgenomen_op is None:
        return
    if lopend is None:
        schermpop(user, oproep)
        _stuur(user, gettext("Nieuw gesprek met %(beller)s.") % {"beller": _beller(oproep)})
    elif lopend.medewerker_id != user.pk:
        van = lopend.medewerker
        _verhuis(lopend, user)
        _stuur(user, gettext("Doorverbonden gesprek met %(beller)s.") % {"beller": _beller(oproep)})
        _stuur(van, gettext("Het gesprek is doorverbonden naar een collega."))


def schermpop(user: User, oproep: Oproep) -> LopendContact:
    """A new contact in progress for the call, shown from now on; the caller as the
    customer when exactly one partij the agent may see has that number, else the number
    filled in (several: the panel offers them to choose from)."""
    contact = belpaneel.nieuw(user, "telefoon")
    contact.oproep = oproep
    contact.gestart_op = oproep.begin or timezone.now()
    kandidaten = kandidaten_voor(user, oproep.beller, 2)
    if len(kandidaten) == 1:
        contact.klant = kandidaten[0]
    else:
        contact.telefoonnummer = oproep.beller[: belpaneel.BELLER["telefoonnummer"]]
    contact.save()
    return contact


def kandidaten_voor(user: User, nummer: str, limit: int = 5) -> list[Partij]:
    """The partijen ``user`` may see with ``nummer``: the webhook runs for nobody in
    particular, so the agent's own right to see confidential rows is used."""
    with seeing_confidential(bool(VERTROUWELIJK_ZIEN.intersection(rollen_van(user)))):
        return partijen_met_telefoonnummer(nummer, limit)


def _verhuis(lopend: LopendContact, user: User) -> None:
    """The contact with its notes to ``user``'s panel, shown there; their oldest drafts
    beyond the maximum go, as for a contact they start themselves."""
    lopend.medewerker = user
    lopend.gekozen_op = timezone.now()
    # A customer the colleague may not see is hidden from them (the panel shows only
    # visible ones): the number stays for them to work with.
    if lopend.oproep is not None and not lopend.telefoonnummer:
        lopend.telefoonnummer = lopend.oproep.beller[: belpaneel.BELLER["telefoonnummer"]]
    lopend.save()
    for oud in belpaneel.lopende(user)[belpaneel.MAX_LOPEND :]:
        oud.delete()


def _stuur(user: User, melding: str) -> None:
    groepen.stuur(groepen.medewerker(user.pk), SOORT, melding=melding)


def _beller(oproep: Oproep) -> str:
    return oproep.beller or gettext("een anonieme beller")


# -- what the panel shows of the call, and what the klantcontact gets -------------------------


def iso_duur(duur: datetime.timedelta) -> str:
    """ISO 8601: ``PT4M5S``."""
    seconden = int(duur.total_seconds())
    uren, rest = divmod(seconden, 3600)
    minuten, seconden = divmod(rest, 60)
    return "PT" + (f"{uren}H" if uren else "") + (f"{minuten}M" if minuten else "") + f"{seconden}S"


def gespreksgegevens(
    lopend: LopendContact,
) -> tuple[datetime.datetime | None, dict[str, str]]:
    """The call's start (plaatsgevondenOp) and its metadata for the klantcontact: the
    platform's call id, the duration and the transfers (docs/telefonie.md)."""
    oproep = lopend.oproep
    if oproep is None:
        return None, {}
    metadata = {"oproepId": oproep.oproep_id[:255]}
    if oproep.duur is not None:
        metadata["gespreksduur"] = iso_duur(oproep.duur)
    if oproep.wachtrij:
        metadata["wachtrij"] = oproep.wachtrij[:255]
    if oproep.doorverbindingen:
        stappen = [
            f"{s['op']} {s['van'] or '?'}→{s['naar'] or '?'}" for s in oproep.doorverbindingen
        ]
        metadata["doorverbindingen"] = "; ".join(stappen)[:255]
    return oproep.begin, metadata
