"""The automated actor that acts for the municipality in what residents do in the portal
(R4: every klantcontact has an actor; soortActor geautomatiseerde_actor), made once."""

from __future__ import annotations

from klantbeeld.domain.models import Actor
from klantbeeld.domain.services.actoren import geautomatiseerde_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.portal.verwerkingen import SYSTEEM

ACTOR_NAAM = "MijnGemeente"
ACTOR_OMSCHRIJVING = "Wat inwoners en bedrijven zelf regelen in MijnGemeente"


def portaal_actor() -> Actor:
    """The automated actor "MijnGemeente" that registers what residents do, made once."""
    return geautomatiseerde_actor(ACTOR_NAAM, ACTOR_OMSCHRIJVING, ChangeContext(applicatie=SYSTEEM))
