"""Actoren: who acts for the organisation (employee, team, automated system)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.models.base import UuidModel, identificator_model


class SoortActor(models.TextChoices):
    MEDEWERKER = "medewerker", _("Medewerker")
    GEAUTOMATISEERDE_ACTOR = "geautomatiseerde_actor", _("Geautomatiseerde actor")
    ORGANISATORISCHE_EENHEID = "organisatorische_eenheid", _("Organisatorische eenheid")


ActoridentificatorModel = identificator_model("actoridentificator")


class Actor(UuidModel, ActoridentificatorModel):  # type: ignore[misc,valid-type]
    """One table for the three kinds of actor; ``actor_identificatie_*`` hold the kind's data.

    medewerker: functie, emailadres, telefoonnummer; geautomatiseerde actor: functie,
    omschrijving; organisatorische eenheid: omschrijving, emailadres, faxnummer,
    telefoonnummer.
    """

    naam = models.CharField(max_length=200, db_index=True)
    soort_actor = models.CharField(max_length=24, choices=SoortActor.choices, db_index=True)
    indicatie_actief = models.BooleanField(default=True, db_index=True)
    functie = models.CharField(max_length=40, blank=True)
    emailadres = models.EmailField(max_length=254, blank=True)
    telefoonnummer = models.CharField(max_length=20, blank=True)
    faxnummer = models.CharField(max_length=20, blank=True)
    omschrijving = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "actor"
        verbose_name_plural = "actoren"
        indexes = [
            models.Index(
                fields=["actoridentificator_object_id", "actoridentificator_code_objecttype"]
            ),
            models.Index(fields=["actoridentificator_code_objecttype"]),
            models.Index(fields=["actoridentificator_code_register"]),
            models.Index(fields=["actoridentificator_code_soort_object_id"]),
        ]

    def __str__(self) -> str:
        return self.naam


class Teamlid(models.Model):
    """A medewerker's membership of a team (an organisatorische eenheid): tasks assigned to
    the team are in their team queue (cases.md R8). Not part of Klantinteracties 0.9.0;
    kept by the functioneel beheerder in the admin and from the identity provider."""

    team = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="teamleden",
        limit_choices_to={"soort_actor": SoortActor.ORGANISATORISCHE_EENHEID},
    )
    medewerker = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="teams",
        limit_choices_to={"soort_actor": SoortActor.MEDEWERKER},
    )
    # Given by an outside source (the identity provider's teams claim, an HR export;
    # services/collegas.py): taken away there, taken away here. A membership the
    # beheerder made stays.
    gesynchroniseerd = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = "teamlid"
        verbose_name_plural = "teamleden"
        constraints = [
            models.UniqueConstraint(fields=["team", "medewerker"], name="unique_teamlid"),
        ]

    def __str__(self) -> str:
        return f"{self.medewerker} in {self.team}"
