"""Row counts kept by the database itself, so an unfiltered list of a million rows does not
count them on every request (PostgreSQL only; elsewhere lists count as usual).

Triggers add one row per INSERT or DELETE statement with the number of rows it changed
(never updating a shared row, so concurrent writers do not wait on each other); the count
of a table is the sum of its rows, folded together now and then (``services.tellingen``).
"""

from __future__ import annotations

from django.db import models


class Rijtelling(models.Model):
    tabel = models.CharField(max_length=63, db_index=True)
    aantal = models.BigIntegerField()

    class Meta:
        verbose_name = "rijtelling"
        verbose_name_plural = "rijtellingen"

    def __str__(self) -> str:
        return f"{self.tabel}: {self.aantal:+d}"
