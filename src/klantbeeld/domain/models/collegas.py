"""The directory of colleagues and teams: how to reach an employee or a team and when.

Not part of Klantinteracties: each entry hangs on the actor (medewerker or organisatorische
eenheid) that tasks are assigned to, so one directory serves the call panel, task routing
and the portal. Kept from the identity provider at each sign-in and by the functioneel
beheerder in the admin; employees keep their own working hours and absences
(services/collegas.py)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain import validators
from klantbeeld.domain.models.actoren import Actor, SoortActor


class Vaardigheid(models.Model):
    """What a colleague knows about (a product, a law, a language): searched by agents who
    need someone who knows."""

    naam = models.CharField("naam", max_length=80, unique=True)

    class Meta:
        verbose_name = "vaardigheid"
        verbose_name_plural = "vaardigheden"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class Gidsvermelding(models.Model):
    """An employee's or a team's entry in the directory. A team's phone number and e-mail
    address default to its actor's (Klantinteracties ``actorIdentificatie``); an employee's
    actor carries the organisation's number, so their own is kept here only."""

    actor = models.OneToOneField(
        Actor,
        on_delete=models.CASCADE,
        related_name="gidsvermelding",
        limit_choices_to={
            "soort_actor__in": (SoortActor.MEDEWERKER, SoortActor.ORGANISATORISCHE_EENHEID)
        },
    )
    functie = models.CharField("functie", max_length=200, blank=True)
    telefoonnummer = models.CharField(
        "telefoonnummer",
        max_length=30,
        blank=True,
        validators=[validators.validate_telefoonnummer],
        help_text="Direct nummer, bijvoorbeeld 030 286 12 34.",
    )
    toestelnummer = models.CharField(
        "toestelnummer",
        max_length=10,
        blank=True,
        help_text="Intern nummer, bijvoorbeeld 1234.",
    )
    emailadres = models.EmailField("e-mailadres", blank=True)
    vaardigheden = models.ManyToManyField(
        Vaardigheid, blank=True, related_name="vermeldingen", verbose_name="vaardigheden"
    )
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now=True)
    gesynchroniseerd_op = models.DateTimeField(
        "laatst bijgewerkt uit de identity provider of een import",
        null=True,
        blank=True,
        editable=False,
    )

    class Meta:
        verbose_name = "vermelding in de collegagids"
        verbose_name_plural = "collegagids"
        ordering = ["actor__naam"]

    def __str__(self) -> str:
        return self.actor.naam


class Weekdag(models.IntegerChoices):
    """ISO weekdays, as ``date.isoweekday()``."""

    MAANDAG = 1, _("maandag")
    DINSDAG = 2, _("dinsdag")
    WOENSDAG = 3, _("woensdag")
    DONDERDAG = 4, _("donderdag")
    VRIJDAG = 5, _("vrijdag")
    ZATERDAG = 6, _("zaterdag")
    ZONDAG = 7, _("zondag")


class Werktijd(models.Model):
    """When an employee works, or a team is open, on one weekday (Dutch time)."""

    vermelding = models.ForeignKey(
        Gidsvermelding, on_delete=models.CASCADE, related_name="werktijden"
    )
    weekdag = models.PositiveSmallIntegerField("dag", choices=Weekdag.choices)
    begin = models.TimeField("van")
    einde = models.TimeField("tot")

    class Meta:
        verbose_name = "werktijd"
        verbose_name_plural = "werktijden"
        ordering = ["weekdag"]
        constraints = [
            models.UniqueConstraint(fields=["vermelding", "weekdag"], name="werktijd_per_dag"),
            models.CheckConstraint(
                condition=Q(begin__lt=F("einde")), name="werktijd_begin_voor_einde"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekdag_display()} {self.begin:%H:%M}-{self.einde:%H:%M}"


class Afwezigheid(models.Model):
    """Days an employee is away (or a team closed), the last day included. No reason is
    kept: colleagues see only until when (a reason may be health data)."""

    vermelding = models.ForeignKey(
        Gidsvermelding, on_delete=models.CASCADE, related_name="afwezigheden"
    )
    van = models.DateField("van")
    tot_en_met = models.DateField("tot en met")

    class Meta:
        verbose_name = "afwezigheid"
        verbose_name_plural = "afwezigheden"
        ordering = ["van"]
        indexes = [models.Index(fields=["vermelding", "tot_en_met"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(van__lte=F("tot_en_met")), name="afwezigheid_van_voor_tot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van:%d-%m-%Y} t/m {self.tot_en_met:%d-%m-%Y}"
