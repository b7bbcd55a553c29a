"""What the intake API keeps of its own: the answer given to each registered letter or
form (given again when the same one comes again, R14), the form tokens used (each is good
for one submission), and how many submissions its spam protection refused."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from klantbeeld.domain.models import Klantcontact


class Intakeantwoord(models.Model):
    """A letter or form taken in, by its source key (the domain's ``Bron.sleutel``): made
    first, so a second delivery at the same moment waits for the first and then gets its
    answer; the answer is given again to every later delivery (R14)."""

    sleutel = models.CharField(max_length=64, unique=True)
    # Kept when the klantcontact is deleted later: the letter or form stays handled.
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    antwoord = models.JSONField(default=dict)
    ontvangen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "intake-antwoord"
        verbose_name_plural = "intake-antwoorden"

    def __str__(self) -> str:
        return self.sleutel


class GebruiktFormuliertoken(models.Model):
    """A form token that was used. Unique in the database, so two submissions with one
    token (even at the same moment) register one. Rows older than a token can live are
    of no use and are deleted as new ones come (spam.py)."""

    nonce = models.CharField(max_length=64, unique=True)
    uitgegeven_op = models.DateTimeField(db_index=True)
    gebruikt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "gebruikt formuliertoken"
        verbose_name_plural = "gebruikte formuliertokens"

    def __str__(self) -> str:
        return self.nonce


class Weigerreden(models.TextChoices):
    HONEYPOT = "honeypot", "Honeypot ingevuld"
    TOKEN_ONGELDIG = "token_ongeldig", "Formuliertoken ongeldig"
    TE_SNEL = "te_snel", "Te snel na het openen van het formulier"
    TOKEN_VERLOPEN = "token_verlopen", "Formuliertoken verlopen"
    TOKEN_GEBRUIKT = "token_gebruikt", "Formuliertoken al gebruikt"
    LIMIET_IP = "limiet_ip", "Te veel inzendingen van één IP-adres"
    LIMIET_CLIENT = "limiet_client", "Te veel inzendingen van één applicatie"
    LINKS = "links", "Te veel links in het bericht"


class Weigering(models.Model):
    """How many submissions of one application were refused for one reason on one day:
    enough to see spam coming, without keeping anything of the submissions."""

    applicatie = models.CharField(max_length=200)
    dag = models.DateField()
    reden = models.CharField(max_length=20, choices=Weigerreden.choices)
    aantal = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "geweigerde inzendingen"
        verbose_name_plural = "geweigerde inzendingen"
        ordering = ["-dag", "applicatie", "reden"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicatie", "dag", "reden"], name="unique_intake_weigering"
            )
        ]

    def __str__(self) -> str:
        return f"{self.applicatie} {self.dag} {self.reden}: {self.aantal}"
