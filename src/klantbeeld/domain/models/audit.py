"""The history of every change: who (application, end user), when, old and new values."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class AuditTrail(models.Model):
    aangemaakt_op = models.DateTimeField(default=timezone.now, db_index=True)
    resource = models.CharField(max_length=50)
    resource_uuid = models.UUIDField()
    actie = models.CharField(max_length=20)  # create, update, partial_update, destroy
    applicatie = models.CharField(max_length=200, blank=True)
    gebruikers_id = models.CharField(max_length=255, blank=True)
    gebruikers_weergave = models.CharField(max_length=255, blank=True)
    oud = models.JSONField(null=True, blank=True)
    nieuw = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = "audittrail"
        verbose_name_plural = "audittrail"
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [models.Index(fields=["resource_uuid", "aangemaakt_op"])]

    def __str__(self) -> str:
        return f"{self.actie} {self.resource} {self.resource_uuid}"
