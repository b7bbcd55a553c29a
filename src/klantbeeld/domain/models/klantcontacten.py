"""Klantcontacten: each interaction with a customer, who took part and what it was about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.models.base import (
    BezoekadresModel,
    CorrespondentieadresModel,
    UuidModel,
    identificator_model,
)
from klantbeeld.domain.models.partijen import Partij, volledige_naam

if TYPE_CHECKING:
    from klantbeeld.domain.models.actoren import Actor


class Klantcontact(UuidModel):
    nummer = models.CharField(max_length=10, null=True, blank=True, unique=True)
    referentienummer = models.CharField(max_length=10, null=True, blank=True, unique=True)
    kanaal = models.CharField(max_length=50, db_index=True)
    onderwerp = models.CharField(max_length=200, db_index=True)
    inhoud = models.CharField(max_length=1000, blank=True)
    reactie = models.CharField(max_length=4000, blank=True)
    indicatie_contact_gelukt = models.BooleanField(null=True, blank=True, db_index=True)
    hoofd_onderwerp_type = models.CharField(max_length=200, blank=True)
    verdere_actie_ondernomen = models.BooleanField(default=False)
    taal = models.CharField(max_length=3)
    vertrouwelijk = models.BooleanField(db_index=True)
    plaatsgevonden_op = models.DateTimeField(default=timezone.now, db_index=True)
    metadata = models.JSONField(default=dict, blank=True)
    actoren: models.ManyToManyField[Actor, ActorKlantcontact] = models.ManyToManyField(
        "Actor", through="ActorKlantcontact", related_name="klantcontacten"
    )

    class Meta:
        verbose_name = "klantcontact"
        verbose_name_plural = "klantcontacten"
        ordering = ["-plaatsgevonden_op", "uuid"]

    def __str__(self) -> str:
        return f"{self.referentienummer or self.uuid}: {self.onderwerp}"


class Rol(models.TextChoices):
    VERTEGENWOORDIGER = "vertegenwoordiger", _("Vertegenwoordiger")
    KLANT = "klant", _("Klant")


class Betrokkene(UuidModel, BezoekadresModel, CorrespondentieadresModel):  # type: ignore[misc,valid-type]
    """How a partij (or an unknown person) took part in one klantcontact."""

    was_partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.SET_NULL, related_name="betrokkenen"
    )
    had_klantcontact = models.ForeignKey(
        Klantcontact, on_delete=models.CASCADE, related_name="betrokkenen"
    )
    contactnaam_voorletters = models.CharField(max_length=10, blank=True, db_index=True)
    contactnaam_voornaam = models.CharField(max_length=200, blank=True, db_index=True)
    contactnaam_voorvoegsel_achternaam = models.CharField(max_length=10, blank=True, db_index=True)
    contactnaam_achternaam = models.CharField(max_length=200, blank=True, db_index=True)
    rol = models.CharField(max_length=17, choices=Rol.choices, db_index=True)
    organisatienaam = models.CharField(max_length=200, blank=True, db_index=True)
    initiator = models.BooleanField()

    class Meta:
        verbose_name = "betrokkene bij klantcontact"
        verbose_name_plural = "betrokkenen bij klantcontact"

    @property
    def volledige_naam(self) -> str:
        return volledige_naam(
            self.contactnaam_voornaam,
            self.contactnaam_voorvoegsel_achternaam,
            self.contactnaam_achternaam,
        )


OnderwerpobjectidentificatorModel = identificator_model("onderwerpobjectidentificator")
BijlageidentificatorModel = identificator_model("bijlageidentificator")


class Onderwerpobject(UuidModel, OnderwerpobjectidentificatorModel):  # type: ignore[misc,valid-type]
    """What a klantcontact was about: an object in another register, or an earlier contact."""

    klantcontact = models.ForeignKey(
        Klantcontact,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="onderwerpobjecten",
    )
    was_klantcontact = models.ForeignKey(
        Klantcontact,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="was_onderwerpobjecten",
    )

    class Meta:
        verbose_name = "onderwerpobject"
        verbose_name_plural = "onderwerpobjecten"
        indexes = [
            models.Index(
                fields=[
                    "onderwerpobjectidentificator_object_id",
                    "onderwerpobjectidentificator_code_objecttype",
                ]
            ),
            models.Index(fields=["onderwerpobjectidentificator_code_objecttype"]),
            models.Index(fields=["onderwerpobjectidentificator_code_register"]),
            models.Index(fields=["onderwerpobjectidentificator_code_soort_object_id"]),
        ]


class Bijlage(UuidModel, BijlageidentificatorModel):  # type: ignore[misc,valid-type]
    """A document or other object that is (part of) the content of a klantcontact."""

    was_bijlage_van_klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.CASCADE, related_name="bijlagen"
    )

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"
        indexes = [
            models.Index(
                fields=["bijlageidentificator_object_id", "bijlageidentificator_code_objecttype"]
            ),
            models.Index(fields=["bijlageidentificator_code_objecttype"]),
            models.Index(fields=["bijlageidentificator_code_register"]),
            models.Index(fields=["bijlageidentificator_code_soort_object_id"]),
        ]


class ActorKlantcontact(UuidModel):
    """An actor (employee, team, automated system) that handled a klantcontact."""

    actor = models.ForeignKey("Actor", on_delete=models.CASCADE, related_name="+")
    klantcontact = models.ForeignKey(Klantcontact, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = "actor bij klantcontact"
        verbose_name_plural = "actoren bij klantcontact"
        constraints = [
            models.UniqueConstraint(
                fields=["actor", "klantcontact"], name="unique_actor_klantcontact"
            ),
        ]
