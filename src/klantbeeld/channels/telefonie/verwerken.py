"""One call event applied to the call record, once, in any order, and what follows from
it: the screen-pop in the answering agent's call panel, the call moving to a colleague's
panel on a transfer, the panel told the call ended, and a call-back task for a missed call.

Out of order: each moment keeps the earliest event that gave it (the end: the latest);
the agent is the one of the newest answer or transfer, so a transfer that arrives before
the answer still leaves the call with the colleague it went to. A missed call is known
from the ended event's own reason, so an answer arriving late cannot undo a call-back
task already made: a call ended with ``completed`` is never missed.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import logging

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction

from klantbeeld.channels.telefonie import melding
from klantbeeld.channels.telefonie.melding import Gebeurtenis
from klantbeeld.channels.telefonie.models import (
    Oproep,
    Oproepgebeurtenis,
    Oproepstatus,
    Toestel,
)
from klantbeeld.channels.telefonie.terugbellen import terugbeltaak
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.models.collegas import Gidsvermelding
from klantbeeld.workspace import oproepen
from klantbeeld.workspace.medewerkers import IDENTIFICATOR

log = logging.getLogger(__name__)


def verwerk(gebeurtenis: Gebeurtenis) -> bool:
    """Apply ``gebeurtenis``; False when it came before (and nothing changed)."""
    with transaction.atomic():
        Oproep.objects.get_or_create(oproep_id=gebeurtenis.oproep_id)
        oproep = Oproep.objects.select_for_update().get(oproep_id=gebeurtenis.oproep_id)
        if not _eerste_keer(oproep, gebeurtenis):
            return False
        _werk_bij(oproep, gebeurtenis)
        oproep.save()
        oproepen.naar_paneel(oproep)
        if gebeurtenis.gemist:
            terugbeltaak(oproep)
    return True


def _eerste_keer(oproep: Oproep, g: Gebeurtenis) -> bool:
    delen = [g.oproep_id, g.status, g.tijdstip.isoformat(), g.toestel, g.van_toestel, g.reden]
    sleutel = hashlib.sha256("\0".join(delen).encode()).hexdigest()
    gegevens = dataclasses.asdict(g) | {"tijdstip": g.tijdstip.isoformat()}
    try:
        with transaction.atomic():
            Oproepgebeurtenis.objects.create(
                sleutel=sleutel,
                oproep=oproep,
                status=g.status,
                tijdstip=g.tijdstip,
                gegevens=gegevens,
            )
    except IntegrityError:
        return False
    return True


def _werk_bij(oproep: Oproep, g: Gebeurtenis) -> None:
    for veld in ("beller", "beller_naam", "gebeld", "wachtrij"):
        if not getattr(oproep, veld) and getattr(g, veld):
            setattr(oproep, veld, getattr(g, veld))
    oproep.overgaan_op = _vroegste(oproep.overgaan_op, g.tijdstip)
    if g.status == melding.ANSWERED or g.status in melding.TRANSFERS:
        oproep.opgenomen_op = _vroegste(oproep.opgenomen_op, g.tijdstip)
        if g.toestel and (oproep.toestel_sinds is None or g.tijdstip >= oproep.toestel_sinds):
            oproep.toestel, oproep.toestel_sinds = g.toestel, g.tijdstip
            oproep.medewerker = medewerker_van(g.toestel)
    if g.status in melding.TRANSFERS:
        _doorverbinding(oproep, g)
    if g.status == melding.ENDED and (
        oproep.beeindigd_op is None or g.tijdstip > oproep.beeindigd_op
    ):
        oproep.beeindigd_op, oproep.reden = g.tijdstip, g.reden
    oproep.status = _status(oproep)


def _doorverbinding(oproep: Oproep, g: Gebeurtenis) -> None:
    soort = "warm" if g.status == melding.WARM_TRANSFER else "cold"
    stap = {"op": g.tijdstip.isoformat(), "van": g.van_toestel, "naar": g.toestel, "soort": soort}
    oproep.doorverbindingen = sorted([*oproep.doorverbindingen, stap], key=lambda s: s["op"])


def _status(oproep: Oproep) -> str:
    if oproep.beeindigd_op is not None:
        if oproep.reden in melding.MISSED_REASONS or (
            not oproep.reden and oproep.opgenomen_op is None
        ):
            return Oproepstatus.GEMIST
        return Oproepstatus.BEEINDIGD
    if oproep.opgenomen_op is not None:
        return Oproepstatus.IN_GESPREK
    return Oproepstatus.GAAT_OVER


def _vroegste(huidig: datetime.datetime | None, nieuw: datetime.datetime) -> datetime.datetime:
    return nieuw if huidig is None or nieuw < huidig else huidig


def medewerker_van(toestel: str) -> User | None:
    """The active user an extension is mapped to: in the admin's Toestellen, or else the
    employee whose extension in the directory of colleagues (filled from the identity
    provider's claim, KLANTBEELD_OIDC_CLAIM_TOESTEL) it is; None (logged) for neither."""
    mapping = Toestel.objects.filter(toestel=toestel).first()
    if mapping is not None:
        naam = mapping.gebruikersnaam if mapping.actief else ""
    else:
        naam = (
            Gidsvermelding.objects.filter(
                toestelnummer=toestel,
                actor__soort_actor=SoortActor.MEDEWERKER,
                actor__indicatie_actief=True,
                **{f"actor__{k}": v for k, v in IDENTIFICATOR.items()},
            )
            .values_list("actor__actoridentificator_object_id", flat=True)
            .first()
            or ""
        )
    user = User.objects.filter(username=naam, is_active=True).first() if naam else None
    if user is None:
        log.warning("Toestel %s is aan geen actieve medewerker gekoppeld", toestel)
    return user
