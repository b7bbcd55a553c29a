"""The mailboxes Klantbeeld reads (configured by the functional administrator, in the admin
or from a file) and what became of each message read from them."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from klantbeeld.domain.models import Actor, Klantcontact, Verzending
from klantbeeld.domain.models.actoren import SoortActor

STANDAARD_HANDELING = "Lezen en bepalen benodigde actie"


class Beveiliging(models.TextChoices):
    SSL = "ssl", "TLS vanaf het begin (IMAPS, meestal poort 993)"
    STARTTLS = "starttls", "STARTTLS (meestal poort 143)"
    GEEN = "geen", "Geen (alleen op een vertrouwd netwerk)"


class Markering(models.TextChoices):
    VERPLAATSEN = "verplaatsen", "Verplaatsen naar een map"
    VLAG = "vlag", "Een vlag (IMAP-keyword) zetten"


class Postvak(models.Model):
    """An IMAP mailbox whose mail becomes klantcontacten with a task for ``team``."""

    naam = models.CharField(max_length=100, unique=True)
    adres = models.EmailField(
        "e-mailadres",
        unique=True,
        help_text="Het adres van het postvak, bijvoorbeeld info@gemeente.nl; het is de bron "
        "van elk klantcontact dat eruit komt.",
    )
    host = models.CharField("IMAP-server", max_length=255)
    poort = models.PositiveIntegerField(
        default=993, validators=[MinValueValidator(1), MaxValueValidator(65535)]
    )
    beveiliging = models.CharField(
        max_length=10, choices=Beveiliging.choices, default=Beveiliging.SSL
    )
    gebruiker = models.CharField("gebruikersnaam", max_length=255)
    wachtwoord_env = models.CharField(
        "omgevingsvariabele met het wachtwoord",
        max_length=100,
        help_text="De naam van de omgevingsvariabele (van de worker en de beheeromgeving) "
        "waarin het wachtwoord staat; het wachtwoord zelf wordt nergens opgeslagen.",
    )
    map = models.CharField(max_length=200, default="INBOX")
    markering = models.CharField(
        "verwerkte berichten",
        max_length=12,
        choices=Markering.choices,
        default=Markering.VERPLAATSEN,
    )
    map_verwerkt = models.CharField(
        "map voor verwerkte berichten",
        max_length=200,
        default="Verwerkt",
        help_text="Bij verplaatsen: hierheen (wordt aangemaakt als hij ontbreekt).",
    )
    vlag = models.CharField(
        "vlag voor verwerkte berichten",
        max_length=60,
        default="KlantbeeldVerwerkt",
        help_text="Bij een vlag: dit IMAP-keyword.",
    )
    map_quarantaine = models.CharField(
        "quarantainemap",
        max_length=200,
        default="Quarantaine",
        help_text="Onleesbare en te grote berichten gaan hierheen (en staan onder "
        "Quarantaine in Klantbeeld).",
    )
    team = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="postvakken",
        limit_choices_to={"soort_actor": SoortActor.ORGANISATORISCHE_EENHEID},
        help_text="De organisatorische eenheid die de taak voor elk bericht krijgt.",
    )
    gevraagde_handeling = models.CharField(max_length=200, default=STANDAARD_HANDELING)
    actor = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
        help_text="De geautomatiseerde actor die de contacten registreert.",
    )
    informatieobjecttype = models.URLField(
        max_length=500,
        blank=True,
        help_text="Catalogi-URL van het documenttype voor de mail en haar bijlagen; leeg: "
        "KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE.",
    )
    max_mb = models.PositiveIntegerField(
        "grootste bericht (MB)",
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(1024)],
        help_text="Grotere berichten gaan in quarantaine.",
    )
    idle = models.BooleanField(
        "IMAP IDLE",
        default=True,
        help_text="Nieuwe mail meteen ophalen als de server IDLE kent; anders periodiek kijken.",
    )
    interval = models.PositiveIntegerField(
        "interval (s)",
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(1740)],
        help_text="Zonder IDLE: seconden tussen twee keer kijken. Met IDLE: hoe lang één "
        "IDLE duurt voor hij wordt vernieuwd (RFC 2177: minder dan 29 minuten).",
    )
    actief = models.BooleanField(default=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)
    # What the readers last saw; shown in the admin.
    gelezen_op = models.DateTimeField("laatst gelezen", null=True, blank=True, editable=False)
    fout = models.TextField("laatste fout", blank=True, editable=False)
    fout_op = models.DateTimeField("laatste fout op", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "postvak"
        verbose_name_plural = "postvakken"
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} <{self.adres}>"

    @property
    def bron(self) -> str:
        """The source of its messages' keys (R14)."""
        return f"e-mail:{self.adres.lower()}"

    @property
    def max_bytes(self) -> int:
        return self.max_mb * 1024 * 1024


class Uitkomst(models.TextChoices):
    GEREGISTREERD = "geregistreerd", "Geregistreerd als klantcontact"
    ONBESTELBAAR = "onbestelbaar", "Onbestelbaar-melding van eigen mail"
    BUITENGEHOUDEN = "buitengehouden", "Buiten de wachtrij: automatisch, massa- of lijstmail"
    LUS = "lus", "Buiten de wachtrij: lus"
    QUARANTAINE = "quarantaine", "Quarantaine"


class Postvakbericht(models.Model):
    """One message read from a mailbox and what became of it. The key (the mailbox and
    the message's Message-ID, or a fingerprint of a message without one) is unique, and is
    claimed first in the transaction that handles the message: a message fetched twice,
    delivered twice, or by two workers at once is handled once. The raw message is kept
    here only when it was not registered (quarantine, kept out of the queue); a registered
    mail is in the Documenten API as its .eml."""

    postvak = models.ForeignKey(
        Postvak, null=True, on_delete=models.SET_NULL, related_name="berichten"
    )
    sleutel = models.CharField(max_length=64, unique=True)
    bron = models.CharField(max_length=260)
    bericht_id = models.TextField("Message-ID")
    inhoudshash = models.CharField(max_length=64)
    uitkomst = models.CharField(max_length=20, choices=Uitkomst.choices)
    reden = models.TextField(blank=True)
    afzender = models.CharField(max_length=254, blank=True)
    onderwerp = models.CharField(max_length=200, blank=True)
    map = models.CharField(max_length=200, blank=True)
    uid = models.PositiveBigIntegerField("UID", null=True, blank=True)
    grootte = models.PositiveBigIntegerField("grootte (bytes)", default=0)
    ontvangen_op = models.DateTimeField("ontvangen", default=timezone.now)
    verwerkt_op = models.DateTimeField("verwerkt", default=timezone.now, db_index=True)
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verzending = models.ForeignKey(
        Verzending, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    inhoud = models.BinaryField(blank=True, default=b"")
    # False: only the header was kept (a message too big to fetch whole).
    volledig = models.BooleanField(default=True)

    class Meta:
        verbose_name = "ontvangen e-mail"
        verbose_name_plural = "ontvangen e-mail"
        ordering = ["-verwerkt_op"]
        indexes = [models.Index(fields=["uitkomst", "verwerkt_op"])]

    def __str__(self) -> str:
        return f"{self.bron} {self.bericht_id[:60]} ({self.uitkomst})"


class Quarantainebericht(Postvakbericht):
    """The admin's list of messages kept aside: unreadable, too big, or refused."""

    class Meta:
        proxy = True
        verbose_name = "bericht in quarantaine"
        verbose_name_plural = "quarantaine"


class BuitengehoudenBericht(Postvakbericht):
    """The admin's list of automatic, bulk and list mail, loops and bounces."""

    class Meta:
        proxy = True
        verbose_name = "buitengehouden bericht"
        verbose_name_plural = "buiten de wachtrij gehouden"
