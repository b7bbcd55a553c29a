"""Verwerkingsacties as the VNG Verwerkingenlogging API (bewerking 0.9.0) describes them,
and the register of verwerkingsactiviteiten (why data is processed) they point to."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils import timezone


class Verwerkingsactiviteit(models.Model):
    """A processing activity of the organisation's register (AVG art. 30), e.g. "Beantwoorden
    van vragen van inwoners". ``standaard_voor`` names the screens it is the default for."""

    naam = models.CharField(max_length=242, unique=True)
    verwerkingsactiviteit_id = models.UUIDField("verwerkingsactiviteit-ID", default=uuid.uuid4)
    url = models.URLField("URL in het verwerkingsactiviteitenregister", max_length=2000, blank=True)
    standaard_voor = models.JSONField(
        default=list,
        blank=True,
        help_text='Schermen waarvoor dit het standaarddoel is, bijvoorbeeld ["zoeken"].',
    )
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "verwerkingsactiviteit"
        verbose_name_plural = "verwerkingsactiviteiten"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Vertrouwelijkheid(models.TextChoices):
    NORMAAL = "normaal", "Normaal"
    VERTROUWELIJK = "vertrouwelijk", "Vertrouwelijk"


class Uitvoering(models.TextChoices):
    """Who carried a processing out, as the person concerned is told: the organisation
    (an employee or a system), the person themselves, or someone they authorised."""

    ORGANISATIE = "organisatie", "De organisatie"
    BETROKKENE = "betrokkene", "De betrokkene zelf"
    GEMACHTIGDE = "gemachtigde", "Een gemachtigde van de betrokkene"


class OnveranderlijkeQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("De verwerkingenlogging wordt niet gewijzigd.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("De verwerkingenlogging wordt niet verwijderd.")


class Onveranderlijk(models.Model):
    """Written once, never changed or deleted by the application (also not in bulk)."""

    objects = OnveranderlijkeQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError(f"Een {self._meta.verbose_name} wordt niet gewijzigd.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(f"Een {self._meta.verbose_name} wordt niet verwijderd.")


class Verwerkingsactie(Onveranderlijk):
    """One processing of personal data: who (gebruiker, systeem), when, what (actie,
    handeling) and why (verwerkingsactiviteit)."""

    actie_id = models.UUIDField("actie-ID", default=uuid.uuid4, unique=True)
    actie_naam = models.CharField(max_length=242)
    handeling_naam = models.CharField(max_length=242, blank=True)
    verwerking_naam = models.CharField(max_length=242, blank=True)
    verwerking_id = models.UUIDField("verwerking-ID", default=uuid.uuid4)
    activiteit = models.ForeignKey(
        Verwerkingsactiviteit,
        on_delete=models.PROTECT,
        related_name="verwerkingsacties",
        verbose_name="verwerkingsactiviteit",
    )
    # As they were at the moment of processing (the register may be renamed later).
    verwerkingsactiviteit_id = models.UUIDField()
    verwerkingsactiviteit_url = models.CharField(max_length=2000, blank=True)
    vertrouwelijkheid = models.CharField(
        max_length=13, choices=Vertrouwelijkheid.choices, default=Vertrouwelijkheid.NORMAAL
    )
    bewaartermijn = models.CharField(max_length=20, default="P10Y")
    uitvoerder = models.CharField(max_length=242, blank=True)
    systeem = models.CharField(max_length=242, default="Klantbeeld")
    # The employee's username (the provider's sub, up to 255; the VNG API's field holds 40)
    # and name.
    gebruiker = models.CharField(max_length=255)
    gegevensbron = models.CharField(max_length=242, default="Klantbeeld")
    # What the person concerned is shown instead of the employee (Logboek Dataverwerkingen:
    # no employee identity towards the data subject): the employee's team(s) at the moment
    # of processing, as team membership changes later. Empty: not known (the organisation).
    organisatie_eenheid = models.CharField(max_length=242, blank=True)
    uitgevoerd_door = models.CharField(
        max_length=12, choices=Uitvoering.choices, default=Uitvoering.ORGANISATIE
    )
    tijdstip = models.DateTimeField(default=timezone.now)
    tijdstip_registratie = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "verwerkingsactie"
        verbose_name_plural = "verwerkingsacties"
        ordering = ["-tijdstip_registratie"]

    def __str__(self) -> str:
        return f"{self.actie_naam} door {self.gebruiker}"


class VerwerktObject(Onveranderlijk):
    """A person whose data was processed, and which kinds of data."""

    verwerkt_object_id = models.UUIDField("verwerkt-object-ID", default=uuid.uuid4, unique=True)
    verwerkingsactie = models.ForeignKey(
        Verwerkingsactie, on_delete=models.PROTECT, related_name="verwerkte_objecten"
    )
    objecttype = models.CharField(max_length=20, default="persoon")
    soort_object_id = models.CharField(max_length=242)  # "BSN" or "partij" (Klantbeeld uuid)
    object_id = models.CharField(max_length=40)
    betrokkenheid = models.CharField(max_length=242, blank=True)
    verwerkte_soorten_gegevens = models.JSONField(default=list)

    class Meta:
        verbose_name = "verwerkt object"
        verbose_name_plural = "verwerkte objecten"
        indexes = [models.Index(fields=["soort_object_id", "object_id"])]

    def __str__(self) -> str:
        return f"{self.soort_object_id} {self.object_id}"
