"""What Klantbeeld keeps of an escalation to TOPdesk: which task or contact went, what was
sent, the incident it became, what TOPdesk reported back, and the moment up to which
changed incidents have been polled."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Escalatiestatus(models.TextChoices):
    TE_MELDEN = "te_melden", _("Wordt gemeld in TOPdesk")
    GEMELD = "gemeld", _("Gemeld in TOPdesk")
    GESLOTEN = "gesloten", _("Afgesloten in TOPdesk")
    MISLUKT = "mislukt", _("Niet gemeld in TOPdesk")


OPEN = (Escalatiestatus.TE_MELDEN, Escalatiestatus.GEMELD)


class Escalatie(models.Model):
    """A task or a contact handed to the second line in TOPdesk, as one incident."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The task escalated; null when a contact was escalated on its own.
    interne_taak = models.ForeignKey(
        "domain.InterneTaak",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="escalaties",
    )
    # The contact escalated, or the task's aanleidinggevend klantcontact.
    klantcontact = models.ForeignKey(
        "domain.Klantcontact", on_delete=models.CASCADE, related_name="escalaties"
    )
    kenmerk = models.CharField(max_length=60, help_text="In TOPdesk's externalNumber.")
    korte_omschrijving = models.CharField(max_length=80)
    verzoek = models.TextField()
    categorie = models.CharField(max_length=100, blank=True)
    subcategorie = models.CharField(max_length=100, blank=True)
    operatorgroep = models.CharField(max_length=100, blank=True, help_text="TOPdesk's id.")
    operatorgroep_naam = models.CharField(max_length=200, blank=True)
    # The caller as sent: the customer's name and contact data (docs/topdesk.md).
    aanmelder_naam = models.CharField(max_length=200, blank=True)
    aanmelder_email = models.CharField(max_length=254, blank=True)
    aanmelder_telefoon = models.CharField(max_length=40, blank=True)
    door = models.CharField(max_length=200, help_text="Naam van wie escaleerde.")
    status = models.CharField(
        max_length=12, choices=Escalatiestatus.choices, default=Escalatiestatus.TE_MELDEN
    )
    fout = models.TextField(blank=True, help_text="Waarom het (nog) niet gemeld is.")
    incident_id = models.CharField(max_length=64, blank=True, db_index=True)
    incident_nummer = models.CharField(max_length=30, blank=True, db_index=True)
    topdesk_status = models.CharField(max_length=100, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gemeld_op = models.DateTimeField(null=True, blank=True)
    bijgewerkt_op = models.DateTimeField(null=True, blank=True)
    gesloten_op = models.DateTimeField(null=True, blank=True)
    # The customer told of the closure: the follow-up contact (R9), or why not.
    bericht_klantcontact = models.ForeignKey(
        "domain.Klantcontact",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    bericht_fout = models.TextField(blank=True)

    class Meta:
        verbose_name = "escalatie naar TOPdesk"
        verbose_name_plural = "escalaties naar TOPdesk"
        ordering = ["-aangemaakt_op", "-id"]

    def __str__(self) -> str:
        return f"{self.kenmerk} → {self.incident_nummer or self.get_status_display()}"

    @property
    def open(self) -> bool:
        return self.status in OPEN


class Escalatiestap(models.Model):
    """What TOPdesk reported back on an escalation, once each: an action the caller may
    see (by its progress-trail id), a new processing status, the closure."""

    escalatie = models.ForeignKey(Escalatie, on_delete=models.CASCADE, related_name="stappen")
    sleutel = models.CharField(max_length=200, help_text="Uniek per escalatie.")
    moment = models.DateTimeField(default=timezone.now)
    door = models.CharField(max_length=200, blank=True)
    tekst = models.TextField()

    class Meta:
        verbose_name = "terugmelding uit TOPdesk"
        verbose_name_plural = "terugmeldingen uit TOPdesk"
        ordering = ["moment", "id"]
        constraints = [
            models.UniqueConstraint(fields=["escalatie", "sleutel"], name="unique_escalatiestap")
        ]

    def __str__(self) -> str:
        return self.tekst[:80]


class Topdeskpeiling(models.Model):
    """One row: up to which modificationDate changed incidents have been read."""

    tot = models.DateTimeField(null=True, blank=True)
    gepeild_op = models.DateTimeField(null=True, blank=True)
    fout = models.TextField(blank=True)

    class Meta:
        verbose_name = "TOPdesk-peiling"
        verbose_name_plural = "TOPdesk-peilingen"

    def __str__(self) -> str:
        return f"tot {self.tot}"
