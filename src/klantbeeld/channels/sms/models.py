"""The provider's delivery reports as they came in, each once, until the worker has
recorded them on the Verzending and its contact."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from klantbeeld.domain.models import Verzending


class Smsstatus(models.Model):
    """A final delivery report (delivered, undelivered, failed) for one SMS. The provider
    may post one twice: the message SID with the status is unique."""

    bericht_sid = models.CharField(max_length=64)
    status = models.CharField(max_length=20)
    foutcode = models.PositiveIntegerField(null=True, blank=True)
    verzending = models.ForeignKey(
        Verzending, null=True, on_delete=models.CASCADE, related_name="+"
    )
    ontvangen_op = models.DateTimeField(default=timezone.now)
    verwerkt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "sms-statusmelding"
        verbose_name_plural = "sms-statusmeldingen"
        constraints = [
            models.UniqueConstraint(fields=["bericht_sid", "status"], name="unique_smsstatus")
        ]

    def __str__(self) -> str:
        return f"{self.bericht_sid}: {self.status}"
