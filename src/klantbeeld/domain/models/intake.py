"""What the channels brought in and sent out: the source message of each registered
contact (R14, so a message delivered twice is registered once) and each message sent to a
customer (an answer, a confirmation, a zaakmelding), with its fate."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.models.klantcontacten import Klantcontact


class Bronbericht(models.Model):
    """The message a channel registered a klantcontact from. The key (channel source and
    the message's own id) is unique in the database: two deliveries of one message, even
    at the same moment on two workers, register one klantcontact."""

    # sha256 of bron + bericht_id: message ids have no length limit worth indexing.
    sleutel = models.CharField(max_length=64, unique=True)
    bron = models.CharField(max_length=200)
    bericht_id = models.TextField()
    # Kept when the klantcontact is deleted later (retention): the message stays handled.
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ontvangen_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "bronbericht"
        verbose_name_plural = "bronberichten"

    def __str__(self) -> str:
        return f"{self.bron}: {self.bericht_id[:80]}"


class Verzendkanaal(models.TextChoices):
    EMAIL = "e-mail", "E-mail"
    SMS = "sms", "SMS"
    APP = "app", "App"
    POST = "post", "Brief"
    SOCIALE_MEDIA = "sociale media", "Sociale media"


class Verzendstatus(models.TextChoices):
    TE_VERSTUREN = "te_versturen", "Te versturen"
    VERSTUURD = "verstuurd", "Verstuurd"
    AFGELEVERD = "afgeleverd", "Afgeleverd"
    MISLUKT = "mislukt", "Niet afgeleverd"


class Verzending(UuidModel):
    """One message to a customer, registered as an outbound klantcontact and sent by the
    channel's adapter through the outbox (never for a rolled-back change). What comes back
    later (a bounce, a provider's delivery report) is recorded here and on the contact."""

    klantcontact = models.ForeignKey(
        Klantcontact, null=True, on_delete=models.SET_NULL, related_name="verzendingen"
    )
    kanaal = models.CharField(max_length=20, choices=Verzendkanaal.choices)
    # E-mail address, phone number, or the postal address's lines for a letter.
    adres = models.TextField()
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField()
    # The channel's own id of the message: the mail's Message-ID, the provider's id.
    bericht_id = models.CharField(max_length=998, blank=True, db_index=True)
    # What this message answers: its Message-ID (In-Reply-To) or the conversation's key.
    antwoord_op_bericht_id = models.CharField(max_length=998, blank=True)
    # The message as sent (a MIME message, a PDF letter), built once at registration.
    inhoud = models.BinaryField(blank=True, default=b"")
    status = models.CharField(
        max_length=20, choices=Verzendstatus.choices, default=Verzendstatus.TE_VERSTUREN
    )
    fout = models.TextField(blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    verstuurd_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        ordering = ["-aangemaakt_op"]

    def __str__(self) -> str:
        return f"{self.get_kanaal_display()} aan {self.adres[:60]} ({self.status})"
