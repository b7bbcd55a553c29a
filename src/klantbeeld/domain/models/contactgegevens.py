"""The Contactgegevens API's own register of persons and organisations."""

from __future__ import annotations

from django.db import models

from klantbeeld.domain.models.base import AdresModel, UuidModel


class Geslacht(models.TextChoices):
    MAN = "m", "Man"
    VROUW = "v", "Vrouw"
    OVERIG = "o", "Overig"


class Persoon(UuidModel, AdresModel):  # type: ignore[misc,valid-type]
    geboortedatum = models.DateField()
    overlijdensdatum = models.DateField(null=True, blank=True)
    geslachtsnaam = models.CharField(max_length=200)
    geslacht = models.CharField(max_length=1, choices=Geslacht.choices, blank=True)
    voorvoegsel = models.CharField(max_length=10, blank=True)
    voornamen = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "persoon (contactgegevens)"
        verbose_name_plural = "personen (contactgegevens)"


class Organisatie(UuidModel, AdresModel):  # type: ignore[misc,valid-type]
    handelsnaam = models.CharField(max_length=255)
    oprichtingsdatum = models.DateField(null=True, blank=True)
    opheffingsdatum = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "organisatie (contactgegevens)"
        verbose_name_plural = "organisaties (contactgegevens)"
