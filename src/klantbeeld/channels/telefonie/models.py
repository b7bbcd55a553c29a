"""The call records kept from the platform's events, each event once, and which agent an
extension at the platform is."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Toestel(models.Model):
    """An agent's extension (or account number) at the telephony platform, as its events
    name it, and the Klantbeeld user who answers on it. Kept by the functional
    administrator; by user name, so it can be set before the employee's first sign-in."""

    toestel = models.CharField(
        _("toestel"),
        max_length=50,
        unique=True,
        help_text=_("Het toestel- of accountnummer zoals het telefonieplatform het meldt."),
    )
    gebruikersnaam = models.CharField(
        _("gebruikersnaam"),
        max_length=150,
        help_text=_("De gebruikersnaam van de medewerker in Klantbeeld."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("toestel")
        verbose_name_plural = _("toestellen")
        ordering = ["toestel"]

    def __str__(self) -> str:
        return f"{self.toestel}: {self.gebruikersnaam}"


class Oproepstatus(models.TextChoices):
    GAAT_OVER = "gaat_over", _("Gaat over")
    IN_GESPREK = "in_gesprek", _("In gesprek")
    BEEINDIGD = "beeindigd", _("Beëindigd")
    GEMIST = "gemist", _("Gemist")


class Oproep(models.Model):
    """One call as the platform's events told it, whatever order they came in: each
    moment is the earliest (or, for the end, the last) the events gave."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    oproep_id = models.CharField(max_length=200, unique=True)
    beller = models.CharField(max_length=80, blank=True)
    beller_naam = models.CharField(max_length=200, blank=True)
    gebeld = models.CharField(max_length=80, blank=True)
    wachtrij = models.CharField(max_length=200, blank=True)
    # The extension that has the call now, since the event at ``toestel_sinds``.
    toestel = models.CharField(max_length=50, blank=True)
    toestel_sinds = models.DateTimeField(null=True, blank=True)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        max_length=20, choices=Oproepstatus.choices, default=Oproepstatus.GAAT_OVER
    )
    overgaan_op = models.DateTimeField(null=True, blank=True)
    opgenomen_op = models.DateTimeField(null=True, blank=True)
    beeindigd_op = models.DateTimeField(null=True, blank=True)
    reden = models.CharField(max_length=50, blank=True)
    # [{"op": ISO moment, "van": extension, "naar": extension, "soort": "warm"|"cold"}]
    doorverbindingen = models.JSONField(default=list, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("oproep")
        verbose_name_plural = _("oproepen")
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.beller or _('anoniem')} {self.oproep_id}"

    @property
    def begin(self) -> datetime.datetime | None:
        """The call's start: when it came in (or, lacking that event, was answered)."""
        return self.overgaan_op or self.opgenomen_op

    @property
    def duur(self) -> datetime.timedelta | None:
        """How long the agents talked: answered until ended."""
        if self.opgenomen_op is None or self.beeindigd_op is None:
            return None
        return max(self.beeindigd_op - self.opgenomen_op, datetime.timedelta(0))

    @property
    def beeindigd(self) -> bool:
        return self.beeindigd_op is not None


class Oproepgebeurtenis(models.Model):
    """One event as it arrived; its key is unique, so the same event again changes
    nothing."""

    sleutel = models.CharField(max_length=64, unique=True)
    oproep = models.ForeignKey(Oproep, on_delete=models.CASCADE, related_name="gebeurtenissen")
    status = models.CharField(max_length=30)
    tijdstip = models.DateTimeField()
    gegevens = models.JSONField()
    ontvangen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("oproepgebeurtenis")
        verbose_name_plural = _("oproepgebeurtenissen")
        ordering = ["tijdstip", "pk"]

    def __str__(self) -> str:
        return f"{self.oproep_id} {self.status} {self.tijdstip:%H:%M:%S}"
