"""Complaints about the service: Awb chapter 9 for a bestuursorgaan (a municipality), the
same handling with the organisation's own terms for a housing corporation's complaints
procedure (CORA *Afhandelen klachten dienstverlening*).

A complaint is not a klantcontact. The contact in which it came in is one
(``ontvangen_in``), and so is every letter and call about it; the complaint is the handling
around them: who handles it, its terms, the hearing, the outcome and where it can go next.
Terms are computed by ``domain/services/klachten.py`` (never stored by an adapter).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from klantbeeld.domain.models.actoren import Actor
from klantbeeld.domain.models.base import UuidModel
from klantbeeld.domain.models.internetaken import InterneTaak
from klantbeeld.domain.models.klantcontacten import Klantcontact
from klantbeeld.domain.models.partijen import Partij


class Klachtstatus(models.TextChoices):
    ONTVANGEN = "ontvangen", "Ontvangen"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    AFGEHANDELD = "afgehandeld", "Afgehandeld"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


class Klachtuitkomst(models.TextChoices):
    GEGROND = "gegrond", "Gegrond"
    DEELS_GEGROND = "deels_gegrond", "Deels gegrond"
    ONGEGROND = "ongegrond", "Ongegrond"
    # Awb 9:5: solved to the complainant's satisfaction; the rest of the procedure lapses.
    INFORMEEL = "informeel", "Naar tevredenheid opgelost"
    # Awb 9:8: a complaint that need not be handled (older than a year, handled before, …).
    NIET_BEHANDELD = "niet_behandeld", "Niet in behandeling genomen"


class Horen(models.TextChoices):
    """Awb 9:10: the complainant is given the chance to be heard, unless one of the
    grounds to waive it applies."""

    NOG_NIET = "nog_niet", "Nog niet gehoord"
    GEHOORD = "gehoord", "Gehoord"
    AFGEZIEN = "afgezien", "Afgezien van horen"


class Vervolginstantie(models.TextChoices):
    """Where a complainant can go when the outcome does not satisfy them (named in the
    decision letter, Awb 9:12 lid 2)."""

    OMBUDSMAN = "ombudsman", "Nationale ombudsman"
    COMMISSIE = "commissie", "Onafhankelijke klachtencommissie"


class Klacht(UuidModel):
    nummer = models.CharField(max_length=20, null=True, blank=True, unique=True)
    klager = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.SET_NULL, related_name="klachten"
    )
    # Who complained when no partij is known (yet).
    klager_naam = models.CharField(max_length=200, blank=True)
    ontvangen_in = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ontvangen_op = models.DateField(db_index=True)
    kanaal = models.CharField(max_length=50)
    # An oral complaint is handled informally (Awb 9:2); the written procedure (9:4 ff.)
    # applies to a written one.
    schriftelijk = models.BooleanField(default=True)
    onderwerp = models.CharField(max_length=200)
    omschrijving = models.TextField()
    # When what the complaint is about happened (Awb 9:8 lid 1 b: more than a year ago).
    gedraging_op = models.DateField(null=True, blank=True)
    # The employees or teams whose conduct it is about: none of them may handle it (9:7).
    betreft_actoren = models.ManyToManyField(Actor, blank=True, related_name="+")
    # What it concerns in the register and the ZGW registers: one timeline (C9127).
    betreft_klantcontacten = models.ManyToManyField(Klantcontact, blank=True, related_name="+")
    betreft_interne_taken = models.ManyToManyField(InterneTaak, blank=True, related_name="+")
    betreft_zaken = models.JSONField(default=list, blank=True)  # zaak urls
    team = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    behandelaar = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=Klachtstatus.choices, default=Klachtstatus.ONTVANGEN, db_index=True
    )
    # Handled with the advice of a complaints committee (Awb 9:14): the longer term.
    commissie = models.BooleanField(default=False)
    # The last day to decide: from the receipt, the committee, and an extension.
    termijn_einde = models.DateField(db_index=True)
    verdaagd_op = models.DateField(null=True, blank=True)
    # By how many weeks (Awb 9:11 lid 2: once, at most four): the end is computed from it.
    verdaging_weken = models.PositiveSmallIntegerField(default=0)
    verdaging_reden = models.TextField(blank=True)
    bevestigd_op = models.DateTimeField(null=True, blank=True)
    horen = models.CharField(max_length=10, choices=Horen.choices, default=Horen.NOG_NIET)
    gehoord_op = models.DateField(null=True, blank=True)
    afzien_horen_reden = models.TextField(blank=True)
    uitkomst = models.CharField(max_length=20, choices=Klachtuitkomst.choices, blank=True)
    # Findings, judgement and conclusions (Awb 9:12 lid 1) and what will change.
    motivering = models.TextField(blank=True)
    maatregelen = models.TextField(blank=True)
    besloten_op = models.DateField(null=True, blank=True, db_index=True)
    vervolginstantie = models.CharField(max_length=20, choices=Vervolginstantie.choices, blank=True)
    doorverwezen_op = models.DateField(null=True, blank=True)
    # The zaak of a configured zaaktype, when the organisation handles complaints as zaken.
    zaak_url = models.URLField(max_length=1000, blank=True)
    aangemaakt_op = models.DateTimeField(default=timezone.now, db_index=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "klacht"
        verbose_name_plural = "klachten"
        ordering = ["-ontvangen_op", "-aangemaakt_op"]
        indexes = [models.Index(fields=["status", "termijn_einde"])]
        # One complaint per contact it came in with, even for two clicks at the same moment.
        constraints = [
            models.UniqueConstraint(fields=["ontvangen_in"], name="klacht_ontvangen_in_uniek")
        ]

    def __str__(self) -> str:
        return f"Klacht {self.nummer or self.uuid}"


class Klachtgebeurtenissoort(models.TextChoices):
    ONTVANGEN = "ontvangen", "Ontvangen"
    BEVESTIGD = "bevestigd", "Ontvangst bevestigd"
    TOEGEWEZEN = "toegewezen", "Behandelaar toegewezen"
    GEHOORD = "gehoord", "Klager gehoord"
    AFGEZIEN_HOREN = "afgezien_horen", "Afgezien van horen"
    COMMISSIE = "commissie", "Voorgelegd aan de klachtencommissie"
    VERDAAGD = "verdaagd", "Termijn verdaagd"
    HERINNERING = "herinnering", "Herinnering termijn"
    BESLOTEN = "besloten", "Besloten"
    BRIEF = "brief", "Brief verstuurd"
    DOORVERWEZEN = "doorverwezen", "Doorverwezen"
    INGETROKKEN = "ingetrokken", "Ingetrokken"
    NOTITIE = "notitie", "Notitie"


class Klachtgebeurtenis(models.Model):
    """The complaint's own history, in order: what was done, when, by whom."""

    klacht = models.ForeignKey(Klacht, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(max_length=20, choices=Klachtgebeurtenissoort.choices)
    moment = models.DateTimeField(default=timezone.now)
    door = models.CharField(max_length=200)
    toelichting = models.TextField(blank=True)
    # The letter, call or conversation it was (registered through the intake service).
    klantcontact = models.ForeignKey(
        Klantcontact, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "klachtgebeurtenis"
        verbose_name_plural = "klachtgebeurtenissen"
        ordering = ["klacht", "moment", "id"]

    def __str__(self) -> str:
        return f"{self.klacht_id}: {self.get_soort_display()}"
