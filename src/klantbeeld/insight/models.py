"""Day figures: what the dashboards and the BI API read, one row per day and group,
recomputed whole for a day (``berekenen.py``) and never written by a request. Counts and
sums only, so any period is the sum of its days; no row holds a person."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from klantbeeld.domain.models import Actor, Categorie


class Markering(models.Model):
    """A day whose figures a change touched: written (insert only, no lock shared with
    other writers) in the change's transaction; the worker recomputes the day and
    removes its markings."""

    id = models.BigAutoField(primary_key=True)
    datum = models.DateField()
    aangemaakt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "te herberekenen dag"
        verbose_name_plural = "te herberekenen dagen"

    def __str__(self) -> str:
        return f"{self.datum}"


def _team() -> models.ForeignKey[Actor | None, Actor | None]:
    return models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )


class Contactcijfer(models.Model):
    """Klantcontacten of a day per channel, subject, team and kind of relation."""

    datum = models.DateField()
    kanaal = models.CharField(max_length=50)
    onderwerp = models.CharField(max_length=200)
    team = _team()
    relatiesoort = models.ForeignKey(
        Categorie, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contacten = models.PositiveIntegerField(default=0)
    # Contacts the customer started (the first-contact resolution's denominator) …
    inkomend = models.PositiveIntegerField(default=0)
    # … and those of them with no task and no return of the customer (docs/inzicht.md).
    opgelost = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "contactcijfer"
        verbose_name_plural = "contactcijfers"
        indexes = [models.Index(fields=["datum", "kanaal"])]

    def __str__(self) -> str:
        return f"{self.datum} {self._meta.verbose_name}"


class Taakcijfer(models.Model):
    """Interne taken opened and handled on a day, per team and the channel of the
    contact they came from."""

    datum = models.DateField()
    kanaal = models.CharField(max_length=50)
    team = _team()
    geopend = models.PositiveIntegerField(default=0)
    afgehandeld = models.PositiveIntegerField(default=0)
    te_laat = models.PositiveIntegerField(default=0)
    behandelduur_seconden = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "taakcijfer"
        verbose_name_plural = "taakcijfers"
        indexes = [models.Index(fields=["datum"])]

    def __str__(self) -> str:
        return f"{self.datum} {self._meta.verbose_name}"


class Antwoordcijfer(models.Model):
    """Answers given on a day, per channel and team, with how long the customer waited."""

    datum = models.DateField()
    kanaal = models.CharField(max_length=50)
    team = _team()
    aantal = models.PositiveIntegerField(default=0)
    seconden = models.BigIntegerField(default=0)
    binnen_5_minuten = models.PositiveIntegerField(default=0)
    binnen_1_uur = models.PositiveIntegerField(default=0)
    binnen_1_dag = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "antwoordcijfer"
        verbose_name_plural = "antwoordcijfers"
        indexes = [models.Index(fields=["datum"])]

    def __str__(self) -> str:
        return f"{self.datum} {self._meta.verbose_name}"


class Klachtcijfer(models.Model):
    """Complaints received and decided on a day, per channel and team."""

    datum = models.DateField()
    kanaal = models.CharField(max_length=50)
    team = _team()
    ontvangen = models.PositiveIntegerField(default=0)
    besloten = models.PositiveIntegerField(default=0)
    binnen_termijn = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "klachtcijfer"
        verbose_name_plural = "klachtcijfers"
        indexes = [models.Index(fields=["datum"])]

    def __str__(self) -> str:
        return f"{self.datum} {self._meta.verbose_name}"


class Waarderingcijfer(models.Model):
    """Satisfaction answers of a day per measure, channel, team and subject."""

    datum = models.DateField()
    meting = models.CharField(max_length=10)
    kanaal = models.CharField(max_length=50)
    onderwerp = models.CharField(max_length=200)
    team = _team()
    aantal = models.PositiveIntegerField(default=0)
    som = models.PositiveIntegerField(default=0)
    # NPS: promoters (9 to 10) and detractors (0 to 6); CSAT and CES: the top and bottom answers.
    hoog = models.PositiveIntegerField(default=0)
    laag = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "waarderingcijfer"
        verbose_name_plural = "waarderingcijfers"
        indexes = [models.Index(fields=["datum", "meting"])]

    def __str__(self) -> str:
        return f"{self.datum} {self._meta.verbose_name}"


CIJFERMODELLEN: tuple[type[models.Model], ...] = (
    Contactcijfer,
    Taakcijfer,
    Antwoordcijfer,
    Klachtcijfer,
    Waarderingcijfer,
)
