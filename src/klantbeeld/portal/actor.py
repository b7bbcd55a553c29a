"""The automated actor that acts for the municipality in what residents do in the portal
(R4: every klantcontact has an actor; soortActor geautomatiseerde_actor), made once."""

from __future__ import annotations

from django.db import transaction

from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor
from klantbeeld.domain.services.actoren import create_actor
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.portal.verwerkingen import SYSTEEM

ACTOR_NAAM = "MijnGemeente"
ACTOR_OMSCHRIJVING = "Wat inwoners en bedrijven zelf regelen in MijnGemeente"


def portaal_actor() -> Actor:
    """The automated actor "MijnGemeente" that registers what residents do, made once."""
    with transaction.atomic():
        bestaand = (
            Actor.objects.filter(naam=ACTOR_NAAM, soort_actor=SoortActor.GEAUTOMATISEERDE_ACTOR)
            .order_by("uuid")
            .first()
        )
        return bestaand or create_actor(
            {
                "naam": ACTOR_NAAM,
                "soort_actor": SoortActor.GEAUTOMATISEERDE_ACTOR,
                "indicatie_actief": True,
                "functie": ACTOR_NAAM,
                "omschrijving": ACTOR_OMSCHRIJVING,
            },
            ChangeContext(applicatie=SYSTEEM),
        )
