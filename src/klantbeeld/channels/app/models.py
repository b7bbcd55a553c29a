"""What the messaging gateway brought in and what went out through it: the webhook items
as received (the inbox, each once), the conversation units and their messages."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from klantbeeld.domain.models import Actor, Klantcontact, Verzending
from klantbeeld.domain.models.base import UuidModel


class Webhookbericht(models.Model):
    """One message or status from a webhook, stored before the answer so the gateway hears
    200 at once; the worker handles it. ``sleutel`` (the message's wamid, or a wamid and
    its status) is unique: a webhook delivered twice is handled once."""

    class Soort(models.TextChoices):
        BERICHT = "bericht", "Bericht"
        STATUS = "status", "Status"

    sleutel = models.CharField(max_length=64, unique=True)  # sha256 of what identifies it
    soort = models.CharField(max_length=10, choices=Soort.choices)
    bericht_id = models.TextField()  # the wamid
    # The item as the gateway client read it; emptied once handled (it is personal data,
    # kept on the conversation from then on).
    gegevens = models.JSONField(default=dict, blank=True)
    ontvangen_op = models.DateTimeField(default=timezone.now)
    verwerkt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "ontvangen webhookbericht"
        verbose_name_plural = "ontvangen webhookberichten"

    def __str__(self) -> str:
        return f"{self.soort} {self.bericht_id[:60]}"


class Sluitreden(models.TextChoices):
    STILTE = "stilte", "24 uur geen berichten"
    MEDEWERKER = "medewerker", "Gesloten door een medewerker"


class Appgesprek(UuidModel):
    """A conversation unit (C9853): a resident's messages to the business number until 24
    hours pass without a message or an employee closes it; one klantcontact."""

    phone_number_id = models.CharField(max_length=50)  # the business number
    wa_id = models.CharField(max_length=20, db_index=True)  # the resident's number, no +
    profielnaam = models.CharField(max_length=200, blank=True)
    eerste_bericht_op = models.DateTimeField()
    # The last message either way: the unit closes 24 hours after it.
    laatste_bericht_op = models.DateTimeField()
    gesloten_op = models.DateTimeField(null=True, blank=True)
    sluitreden = models.CharField(max_length=20, choices=Sluitreden.choices, blank=True)
    gesloten_door = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Deleting the contact (retention) takes its conversation with it.
    klantcontact = models.ForeignKey(
        Klantcontact, on_delete=models.CASCADE, related_name="appgesprekken"
    )
    # The whole transcript, kept as a document at closing when the contact holds it cut.
    verslag_document = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = "app-gesprek"
        verbose_name_plural = "app-gesprekken"
        ordering = ["-laatste_bericht_op"]
        constraints = [
            # One open unit per resident and business number, whatever runs at once.
            models.UniqueConstraint(
                fields=["phone_number_id", "wa_id"],
                condition=Q(gesloten_op__isnull=True),
                name="een_open_appgesprek",
            )
        ]

    def __str__(self) -> str:
        return f"+{self.wa_id} vanaf {timezone.localtime(self.eerste_bericht_op):%Y-%m-%d %H:%M}"

    @property
    def open(self) -> bool:
        return self.gesloten_op is None

    @property
    def telefoonnummer(self) -> str:
        return f"+{self.wa_id}"


class Richting(models.TextChoices):
    IN = "in", "Van de inwoner"
    UIT = "uit", "Aan de inwoner"


class Berichtstatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "Ontvangen"
    VERSTUURD = "verstuurd", "Verstuurd"
    AFGELEVERD = "afgeleverd", "Afgeleverd"
    GELEZEN = "gelezen", "Gelezen"
    MISLUKT = "mislukt", "Niet afgeleverd"


class Appbericht(UuidModel):
    """One message of a unit, from the resident or to them."""

    gesprek = models.ForeignKey(Appgesprek, on_delete=models.CASCADE, related_name="berichten")
    richting = models.CharField(max_length=3, choices=Richting.choices)
    # The gateway's id; none for an answer refused before it was sent.
    wamid = models.CharField(max_length=200, unique=True, null=True, blank=True)
    soort = models.CharField(max_length=20, default="text")  # text, image, document, …
    tekst = models.TextField(blank=True)  # the text, or a file's caption
    # A resident's file at the gateway (kept there for a while), until stored as document.
    media_id = models.CharField(max_length=100, blank=True)
    mime_type = models.CharField(max_length=100, blank=True)
    bestandsnaam = models.CharField(max_length=200, blank=True)
    # The file as stored in the Documenten API (its uuid; a bijlage of the contact).
    document = models.UUIDField(null=True, blank=True)
    tijdstip = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Berichtstatus.choices)
    fout = models.TextField(blank=True)
    verzending = models.ForeignKey(
        Verzending, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "app-bericht"
        verbose_name_plural = "app-berichten"
        ordering = ["tijdstip", "uuid"]

    def __str__(self) -> str:
        return f"{self.get_richting_display()} {timezone.localtime(self.tijdstip):%Y-%m-%d %H:%M}"
