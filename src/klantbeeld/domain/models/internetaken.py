"""Interne taken: the follow-up of a klantcontact, assigned to one or more actoren."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from klantbeeld.domain.models.actoren import Actor
from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.models.klantcontacten import Klantcontact


class Status(models.TextChoices):
    TE_VERWERKEN = "te_verwerken", "Te verwerken"
    VERWERKT = "verwerkt", "Verwerkt"


class InterneTaak(UuidModel):
    nummer = models.CharField(max_length=10, null=True, blank=True, unique=True)
    referentienummer = models.CharField(max_length=10, null=True, blank=True, unique=True)
    gevraagde_handeling = models.CharField(max_length=200)
    aanleidinggevend_klantcontact = models.ForeignKey(
        Klantcontact, on_delete=models.CASCADE, related_name="interne_taken"
    )
    toegewezen_aan_actoren: models.ManyToManyField[Actor, InterneTaakActor] = (
        models.ManyToManyField(Actor, through="InterneTaakActor", related_name="interne_taken")
    )
    toelichting = models.CharField(max_length=1000, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, db_index=True)
    toegewezen_op = models.DateTimeField(default=timezone.now, db_index=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "interne taak"
        verbose_name_plural = "interne taken"
        ordering = ["-toegewezen_op", "uuid"]

    def __str__(self) -> str:
        return f"{self.referentienummer or self.uuid}: {self.gevraagde_handeling}"


class InterneTaakActor(models.Model):
    """Assignment of a task to an actor; ``volgorde`` keeps the order the client gave."""

    interne_taak = models.ForeignKey(
        InterneTaak, on_delete=models.CASCADE, related_name="interne_taak_actoren"
    )
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["interne_taak", "actor"], name="unique_taak_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.interne_taak_id} → {self.actor_id}"
