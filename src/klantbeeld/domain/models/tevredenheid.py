"""Customer satisfaction (CORA *Meten klantwaardering*): short surveys after a contact on
the channel it happened on, and the answers.

An answer (``Waardering``) holds what it is reported by (channel, team, subject, the day)
and never who gave it: the invitation that knows the contact and the person is a separate
row, used to ask nobody too often and to start a follow-up on a low score, and it is not
linked to the answer it brought.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from klantbeeld.domain.models.actoren import Actor
from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.models.klantcontacten import Klantcontact
from klantbeeld.domain.models.partijen import Partij


class Meting(models.TextChoices):
    CSAT = "csat", "Klanttevredenheid (CSAT, 1 tot 5)"
    CES = "ces", "Klantinspanning (CES, 1 tot 7)"
    NPS = "nps", "Aanbevelingsscore (NPS, 0 tot 10)"


class Uitvraagkanaal(models.TextChoices):
    """How the question reaches the customer."""

    EMAIL = "email", "Link in een e-mail"
    SMS = "sms", "Link in een sms"
    CHAT = "chat", "Einde van de chat"
    PORTAAL = "portaal", "Vraag in MijnGemeente"


class Vragenlijst(UuidModel):
    naam = models.CharField(max_length=100, unique=True)
    actief = models.BooleanField(default=True)
    meting = models.CharField(max_length=10, choices=Meting.choices, default=Meting.CSAT)
    vraag = models.CharField(max_length=300)
    # An optional open question after the score ("Wat kan beter?").
    open_vraag = models.CharField(max_length=300, blank=True)
    # The channels of contacts it follows (Klantinteracties kanaal values); empty: all.
    kanalen = models.JSONField(default=list, blank=True)
    # The subjects it follows (klantcontact onderwerp); empty: all.
    onderwerpen = models.JSONField(default=list, blank=True)
    steekproef_procent = models.PositiveSmallIntegerField(default=100)
    # Nobody is asked again within this many days, whichever survey asked them.
    rust_dagen = models.PositiveSmallIntegerField(default=30)
    geldig_dagen = models.PositiveSmallIntegerField(default=14)
    # A score at or below this starts a follow-up task for ``opvolging_team``; empty: never.
    opvolging_tot_en_met = models.PositiveSmallIntegerField(null=True, blank=True)
    opvolging_team = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "vragenlijst"
        verbose_name_plural = "vragenlijsten"
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Uitnodiging(UuidModel):
    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.PROTECT, related_name="+")
    # sha256 of the secret in the link: a leaked database does not answer for anyone.
    sleutel = models.CharField(max_length=64, unique=True)
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who was asked, for the rule against asking too often: a keyed hash of the partij or,
    # without one, of the address the question went to.
    ontvanger = models.CharField(max_length=64, db_index=True)
    partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uitgevraagd_via = models.CharField(max_length=10, choices=Uitvraagkanaal.choices)
    # What the answer will be reported by.
    kanaal = models.CharField(max_length=50)
    onderwerp = models.CharField(max_length=200, blank=True)
    team = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verstuurd_op = models.DateTimeField(default=timezone.now, db_index=True)
    verloopt_op = models.DateTimeField()
    beantwoord_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        indexes = [models.Index(fields=["ontvanger", "verstuurd_op"])]

    def __str__(self) -> str:
        return f"Uitnodiging {self.uuid}"


class Waardering(UuidModel):
    """One answer, reported without identifying the customer."""

    vragenlijst = models.ForeignKey(Vragenlijst, on_delete=models.PROTECT, related_name="+")
    meting = models.CharField(max_length=10, choices=Meting.choices)
    score = models.PositiveSmallIntegerField()
    toelichting = models.TextField(blank=True)
    uitgevraagd_via = models.CharField(max_length=10, choices=Uitvraagkanaal.choices)
    kanaal = models.CharField(max_length=50, db_index=True)
    onderwerp = models.CharField(max_length=200, blank=True)
    team = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day only: a time would match the answer to the contact it followed.
    datum = models.DateField(db_index=True)

    class Meta:
        verbose_name = "waardering"
        verbose_name_plural = "waarderingen"
        indexes = [models.Index(fields=["meting", "datum"])]

    def __str__(self) -> str:
        return f"{self.get_meting_display()}: {self.score}"
