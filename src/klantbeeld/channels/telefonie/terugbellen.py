"""A missed call becomes a call-back task (R8) through the intake service: the caller as
betrokkene (a known partij when exactly one non-secret partij has the number; else only
the number, R1), kanaal telefoon, indicatieContactGelukt false, the task ``Terugbellen``
for the configured team. Registered once per call id (R14: the call is the source)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.channels.telefonie.models import Oproep
from klantbeeld.domain.confidentiality import seeing_confidential
from klantbeeld.domain.models import Actor
from klantbeeld.domain.services.actoren import actief_team, geautomatiseerde_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.intake import (
    Bron,
    Contactaanmelding,
    Contactadres,
    Deelnemer,
    Opvolging,
    Registratie,
    registreer_contact,
)
from klantbeeld.domain.services.zoeken import partijen_met_telefoonnummer

BY = ChangeContext(applicatie="Klantbeeld kanalen", gebruikers_weergave="Telefonie")
BRON = "telefonie"
HANDELING = "Terugbellen"
ACTOR_NAAM = "Telefonie"
ACTOR_OMSCHRIJVING = "Gebeurtenissen van het telefonieplatform"

log = logging.getLogger(__name__)


def team() -> Actor | None:
    """The team KLANTBEELD_TELEFONIE_TEAM names (its uuid or name)."""
    naam = settings.KLANTBEELD_TELEFONIE_TEAM.strip()
    return actief_team(naam) if naam else None


def terugbeltaak(oproep: Oproep) -> Registratie | None:
    """The call-back task for ``oproep``; None for an anonymous caller (nobody to call
    back) or without a team (logged)."""
    if not oproep.beller or not any(c.isdigit() for c in oproep.beller):
        return None
    kcc = team()
    if kcc is None:
        log.error(
            "Gemiste oproep %s: geen terugbeltaak, want KLANTBEELD_TELEFONIE_TEAM "
            "noemt geen actief team",
            oproep.oproep_id,
        )
        return None
    # Only a partij every KCC agent may see: a task on a secret person's contact would be
    # hidden from the very team that is to call back.
    with seeing_confidential(False):
        bekend = partijen_met_telefoonnummer(oproep.beller, 2)
    partij = bekend[0] if len(bekend) == 1 else None
    moment = timezone.localtime(oproep.begin or oproep.beeindigd_op or timezone.now())
    wachtrij = (
        gettext(" (wachtrij %(wachtrij)s)") % {"wachtrij": oproep.wachtrij}
        if oproep.wachtrij
        else ""
    )
    tekst = gettext("Gemiste oproep van %(nummer)s op %(moment)s%(wachtrij)s.") % {
        "nummer": oproep.beller,
        "moment": moment.strftime("%d-%m-%Y %H:%M"),
        "wachtrij": wachtrij,
    }
    metadata = {"oproepId": oproep.oproep_id[:255]}
    if oproep.wachtrij:
        metadata["wachtrij"] = oproep.wachtrij[:255]
    aanmelding = Contactaanmelding(
        kanaal="telefoon",
        onderwerp=gettext("Gemiste oproep"),
        inhoud=tekst,
        deelnemers=[
            Deelnemer(
                partij=partij,
                adressen=[Contactadres("telefoonnummer", oproep.beller, gettext("Terugbellen"))],
            )
        ],
        actoren=[geautomatiseerde_actor(ACTOR_NAAM, ACTOR_OMSCHRIJVING, BY)],
        indicatie_contact_gelukt=False,
        plaatsgevonden_op=oproep.begin,
        metadata=metadata,
        opvolging=Opvolging(HANDELING, [kcc], toelichting=tekst),
        bron=Bron(BRON, oproep.oproep_id),
    )
    try:
        with transaction.atomic():
            return registreer_contact(aanmelding, BY)
    except ValidationError as fout:
        # A number the register refuses (not a phone number): the call is recorded, the
        # platform must not send it again and again; the log says why there is no task.
        log.error("Gemiste oproep %s: geen terugbeltaak: %s", oproep.oproep_id, fout)
        return None
