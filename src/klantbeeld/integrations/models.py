"""The registers Klantbeeld connects to, configured by the functional administrator."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Soort(models.TextChoices):
    ZAKEN = "zaken", "Zaken API"
    DOCUMENTEN = "documenten", "Documenten API"
    BESLUITEN = "besluiten", "Besluiten API"
    CATALOGI = "catalogi", "Catalogi API"


class ZgwService(models.Model):
    """One ZGW API of one register (Open Zaak serves all four under one host), with the
    client credentials Klantbeeld signs its ZGW JWT with.

    A resource URL belongs to the service whose ``api_root`` is its longest prefix: a zaak
    found in one register points to its zaaktype in a catalogus that may live elsewhere."""

    naam = models.CharField(max_length=100, unique=True)
    soort = models.CharField(max_length=20, choices=Soort.choices)
    api_root = models.URLField(
        "API-root",
        max_length=500,
        unique=True,
        help_text="Bijvoorbeeld https://openzaak.example.nl/zaken/api/v1/",
    )
    client_id = models.CharField("client-ID", max_length=200)
    secret = models.CharField(max_length=500)
    timeout = models.FloatField(
        "time-out (s)",
        default=5.0,
        validators=[MinValueValidator(0.1), MaxValueValidator(120)],
        help_text="Hoe lang Klantbeeld op één antwoord wacht.",
    )
    actief = models.BooleanField(default=True)
    gecontroleerd_op = models.DateTimeField("laatste controle", null=True, blank=True)
    gezond = models.BooleanField("bereikbaar", null=True, blank=True)
    controle_melding = models.TextField("uitkomst laatste controle", blank=True)

    class Meta:
        verbose_name = "ZGW-service"
        verbose_name_plural = "ZGW-services"
        ordering = ["soort", "naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.get_soort_display()})"

    def save(self, *args: object, **kwargs: object) -> None:
        self.api_root = normalised_root(self.api_root)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        # Before the uniqueness check, so two spellings of one root are one root.
        self.api_root = normalised_root(self.api_root)


def normalised_root(url: str) -> str:
    """One spelling (ending in one slash), so prefix matching and joining paths need no
    special cases."""
    return url.rstrip("/") + "/" if url else url


# TOPdesk's escalations live beside their client (integrations/topdesk/models.py).
from klantbeeld.integrations.topdesk.models import (  # noqa: E402, F401
    Escalatie,
    Escalatiestap,
    Topdeskpeiling,
)
