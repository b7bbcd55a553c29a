"""What Klantbeeld heard about a zaak of a known partij, and the message the resident is
to get about it (sent through their preferred channel by the channels adapter)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.models.partijen import Partij


class Berichtkanaal(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "SMS"
    POST = "post", "Post"


class Berichtstatus(models.TextChoices):
    TE_VERSTUREN = "te_versturen", "Te versturen"
    VERSTUURD = "verstuurd", "Verstuurd"
    NIET_VERSTUURD = "niet_verstuurd", "Niet verstuurd"


class Zaakmelding(UuidModel):
    """A status change of a zaak in which a partij is known to be involved (case C0322):
    shown in the partij's timeline and announced to the resident."""

    partij = models.ForeignKey(Partij, on_delete=models.CASCADE, related_name="zaakmeldingen")
    zaak = models.URLField(max_length=1000, db_index=True)
    status = models.URLField(max_length=1000)
    zaaktype = models.URLField(max_length=1000, blank=True)
    ontvangen_op = models.DateTimeField(default=timezone.now)
    berichtkanaal = models.CharField(max_length=10, choices=Berichtkanaal.choices)
    bericht_adres = models.CharField(max_length=254, blank=True)
    berichtstatus = models.CharField(
        max_length=20, choices=Berichtstatus.choices, default=Berichtstatus.TE_VERSTUREN
    )

    class Meta:
        verbose_name = "zaakmelding"
        verbose_name_plural = "zaakmeldingen"
        ordering = ["-ontvangen_op"]
        constraints = [
            models.UniqueConstraint(fields=["partij", "status"], name="unique_melding_per_status")
        ]

    def __str__(self) -> str:
        return f"{self.zaak} → {self.partij_id}"
