"""Counters for the human-readable numbers of partijen, klantcontacten and interne taken."""

from __future__ import annotations

from django.db import models


class Nummerreeks(models.Model):
    """The last number handed out in one series; its row is locked while taking the next."""

    naam = models.CharField(max_length=50, unique=True)
    laatste = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "nummerreeks"
        verbose_name_plural = "nummerreeksen"

    def __str__(self) -> str:
        return f"{self.naam}: {self.laatste}"
