"""Live conversations: a chat on the organisation's website or app, with a chatbot, a
contact-centre agent or both, and direct messages on a monitored social-media account
once they are answered live.

A conversation is not a klantcontact: it is the working record while it runs (who is in
it, what was said, in which order). When it ends it is registered through the intake
service as one klantcontact, or as nothing when R1 says so (anonymous and solved at once).
Every message is kept with a number per conversation, so a window that lost its
connection asks for what came after the last number it saw and misses nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from klantbeeld.domain.models.actoren import Actor
from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.models.klantcontacten import Klantcontact
from klantbeeld.domain.models.partijen import Partij


class Gespreksstatus(models.TextChoices):
    BOT = "bot", "Met de chatbot"
    WACHTRIJ = "wachtrij", "Wacht op een medewerker"
    ACTIEF = "actief", "Met een medewerker"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class Afzender(models.TextChoices):
    BEZOEKER = "bezoeker", "Bezoeker"
    BOT = "bot", "Chatbot"
    MEDEWERKER = "medewerker", "Medewerker"
    SYSTEEM = "systeem", "Systeem"


class Gesprek(UuidModel):
    kanaal = models.CharField(max_length=50, default="chat")
    status = models.CharField(
        max_length=20, choices=Gespreksstatus.choices, default=Gespreksstatus.WACHTRIJ
    )
    # sha256 of the secret the visitor's window holds to come back to this conversation.
    bezoeker_sleutel = models.CharField(max_length=64)
    # What the visitor left of themselves (R1: only what follow-up needs).
    bezoeker_naam = models.CharField(max_length=200, blank=True)
    bezoeker_telefoonnummer = models.CharField(max_length=80, blank=True)
    bezoeker_emailadres = models.CharField(max_length=80, blank=True)
    # Known after DigiD/eHerkenning through the portal, or once an agent identified them.
    partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The chatbot that started it, an actor of the register (soortActor geautomatiseerde_actor).
    chatbot = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The queue it waits in: a team (an organisatorische eenheid actor); empty: the
    # configured chat team.
    team = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chatgesprekken",
    )
    onderwerp = models.CharField(max_length=200, blank=True)
    # The page the widget was opened on (to see what the visitor was reading).
    pagina = models.CharField(max_length=1000, blank=True)
    gestart_op = models.DateTimeField(default=timezone.now)
    in_wachtrij_sinds = models.DateTimeField(null=True, blank=True)
    aangenomen_op = models.DateTimeField(null=True, blank=True)
    afgesloten_op = models.DateTimeField(null=True, blank=True)
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Satisfaction (C7352): management information, never part of the klantcontact.
    waardering = models.PositiveSmallIntegerField(null=True, blank=True)
    laatste_volgnummer = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "gesprek"
        verbose_name_plural = "gesprekken"
        indexes = [
            models.Index(
                fields=["status", "in_wachtrij_sinds"],
                name="gesprek_wachtrij_idx",
                condition=Q(status="wachtrij"),
            ),
        ]

    def __str__(self) -> str:
        return f"Gesprek {self.uuid} ({self.get_status_display()})"

    @property
    def afgesloten(self) -> bool:
        return self.status == Gespreksstatus.AFGESLOTEN


class Gespreksbericht(models.Model):
    gesprek = models.ForeignKey(Gesprek, on_delete=models.CASCADE, related_name="berichten")
    volgnummer = models.PositiveIntegerField()
    afzender = models.CharField(max_length=20, choices=Afzender.choices)
    # The name shown beside the message (an agent's first name, the bot's name).
    naam = models.CharField(max_length=200, blank=True)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tekst = models.TextField(blank=True)
    # The sender's own id for the message: sent again after a lost connection, it is
    # stored once.
    client_id = models.CharField(max_length=64, blank=True)
    bijlage_naam = models.CharField(max_length=255, blank=True)
    bijlage_type = models.CharField(max_length=100, blank=True)
    bijlage_inhoud = models.BinaryField(null=True, blank=True)
    verzonden_op = models.DateTimeField(default=timezone.now)
    # When the other side (visitor, or the agent for the visitor's messages) saw it.
    gelezen_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "gespreksbericht"
        verbose_name_plural = "gespreksberichten"
        ordering = ["gesprek", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["gesprek", "volgnummer"], name="gespreksbericht_volgnummer_uniek"
            ),
            models.UniqueConstraint(
                fields=["gesprek", "afzender", "client_id"],
                condition=~Q(client_id=""),
                name="gespreksbericht_client_id_uniek",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gesprek_id} #{self.volgnummer} ({self.afzender})"
