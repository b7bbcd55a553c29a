"""Who signed in, how, and whether the emergency login was open."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Methode(models.TextChoices):
    OIDC = "oidc", "OpenID Connect"
    NOODTOEGANG = "noodtoegang", "Noodtoegang (wachtwoord + TOTP)"
    WACHTWOORD = "wachtwoord", "Wachtwoord (beheer)"
    UITLOGGEN = "uitloggen", "Uitgelogd"


class Aanmelding(models.Model):
    """One sign-in, failed sign-in or sign-out. Written by the application only; nobody
    changes or deletes it through the app (the admin shows it read-only)."""

    moment = models.DateTimeField(default=timezone.now, db_index=True)
    gebruikersnaam = models.CharField(max_length=150, db_index=True)
    methode = models.CharField(max_length=20, choices=Methode.choices)
    geslaagd = models.BooleanField()
    ip_adres = models.GenericIPAddressField(null=True, blank=True)
    toelichting = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "aanmelding"
        verbose_name_plural = "aanmeldingen"
        ordering = ["-moment"]

    def __str__(self) -> str:
        uitkomst = "gelukt" if self.geslaagd else "mislukt"
        return f"{self.gebruikersnaam} {self.get_methode_display()} {uitkomst}"


class Noodtoegang(models.Model):
    """The emergency login opened by an administrator until a given moment, with a
    reason (e.g. "IdP storing, melding 1234")."""

    geopend_op = models.DateTimeField(default=timezone.now)
    open_tot = models.DateTimeField()
    reden = models.CharField(max_length=500)
    geopend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Closed early: the row stays, with who closed it.
    gesloten_op = models.DateTimeField(null=True, blank=True)
    gesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "noodtoegang"
        verbose_name_plural = "noodtoegang"
        ordering = ["-geopend_op"]

    def __str__(self) -> str:
        return f"Noodtoegang tot {timezone.localtime(self.open_tot):%d-%m-%Y %H:%M}"
