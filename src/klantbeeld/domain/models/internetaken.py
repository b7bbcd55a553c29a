"""Interne taken: the follow-up of a klantcontact, assigned to one or more actoren."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.models.actoren import Actor
from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.models.klantcontacten import Klantcontact


class Status(models.TextChoices):
    TE_VERWERKEN = "te_verwerken", _("Te verwerken")
    VERWERKT = "verwerkt", _("Verwerkt")


class Prioriteit(models.IntegerChoices):
    """How soon a task must be picked up, beside its deadline. Not in Klantinteracties
    0.9.0: a local extension, not served through the API (docs/conformance)."""

    LAAG = 1, _("Laag")
    NORMAAL = 2, _("Normaal")
    HOOG = 3, _("Hoog")
    SPOED = 4, _("Spoed")


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
    # Local extensions (cases.md C9167: a call-back with a deadline and a priority).
    prioriteit = models.PositiveSmallIntegerField(
        choices=Prioriteit.choices, default=Prioriteit.NORMAAL
    )
    uiterlijk_op = models.DateField(null=True, blank=True)

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


class Gebeurtenis(models.TextChoices):
    AANGEMAAKT = "aangemaakt", _("Aangemaakt")
    OPGEPAKT = "opgepakt", _("Opgepakt")
    DOORGEZET = "doorgezet", _("Doorgezet")
    TERUGGEBELD = "teruggebeld", _("Contact gehad")
    NIET_BEREIKT = "niet_bereikt", _("Niet bereikt")
    ZAAK_AANGEMAAKT = "zaak_aangemaakt", _("Zaak aangemaakt")
    AFGEHANDELD = "afgehandeld", _("Afgehandeld")
    GEWIJZIGD = "gewijzigd", _("Gewijzigd")
    # The second line in TOPdesk (integrations/topdesk, docs/topdesk.md).
    NAAR_TOPDESK = "naar_topdesk", _("Naar TOPdesk")
    TOPDESK_GEMELD = "topdesk_gemeld", _("Gemeld in TOPdesk")
    TOPDESK_MISLUKT = "topdesk_mislukt", _("Niet gemeld in TOPdesk")
    TOPDESK_STATUS = "topdesk_status", _("Status in TOPdesk")
    TOPDESK_ACTIE = "topdesk_actie", _("Actie in TOPdesk")
    TOPDESK_GESLOTEN = "topdesk_gesloten", _("Afgesloten in TOPdesk")
    KLANT_BERICHT = "klant_bericht", _("Klant bericht")


class Taakgebeurtenis(models.Model):
    """One step in a task's life, as the people working on it see it: who did what and
    why. The audit trail keeps the field changes; this is the history a colleague reads."""

    interne_taak = models.ForeignKey(
        InterneTaak, on_delete=models.CASCADE, related_name="gebeurtenissen"
    )
    soort = models.CharField(max_length=20, choices=Gebeurtenis.choices)
    moment = models.DateTimeField(default=timezone.now)
    door = models.CharField(max_length=200, help_text="Naam van wie het deed.")
    toelichting = models.CharField(max_length=1000, blank=True)
    klantcontact = models.ForeignKey(
        Klantcontact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Het klantcontact dat bij deze stap is vastgelegd.",
    )
    vervolgtaak = models.ForeignKey(
        InterneTaak, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "taakgebeurtenis"
        verbose_name_plural = "taakgebeurtenissen"
        ordering = ["moment", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} door {self.door}"
