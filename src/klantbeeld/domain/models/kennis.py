"""The knowledge base: articles the organisation writes for its staff (products and
services, frequently asked questions, work instructions, news), and the search index that
holds them beside the pages of external sources (the website, the SDG product catalogue).

Not part of Klantinteracties 0.9.0: local to Klantbeeld, not served through its APIs."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.models.actoren import Actor, SoortActor
from klantbeeld.domain.models.base import UuidModel


class Soort(models.TextChoices):
    PRODUCT = "product", _("Product of dienst")
    VRAAG = "vraag", _("Veelgestelde vraag")
    WERKINSTRUCTIE = "werkinstructie", _("Werkinstructie")
    NIEUWS = "nieuws", _("Nieuws")


class Bron(models.TextChoices):
    ARTIKEL = "artikel", _("Kennisbank")
    WEBSITE = "website", _("Website")
    SDG = "sdg", _("Productencatalogus (SDG)")


# The kinds a search can be narrowed to: the articles' kinds and the external sources.
WEBPAGINA = "webpagina"
SOORTEN_IN_INDEX = [*Soort.choices, (WEBPAGINA, _("Webpagina"))]


class Status(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    GEPUBLICEERD = "gepubliceerd", _("Gepubliceerd")


_EIGENAAR = {
    "soort_actor__in": [SoortActor.MEDEWERKER, SoortActor.ORGANISATORISCHE_EENHEID],
}


class Artikel(UuidModel):
    soort = models.CharField(max_length=20, choices=Soort.choices, db_index=True)
    titel = models.CharField(max_length=200)
    samenvatting = models.TextField(
        max_length=1000, help_text="Het antwoord in een paar zinnen: wat de klant moet weten."
    )
    trefwoorden = models.TextField(
        blank=True,
        max_length=2000,
        help_text=(
            "Andere woorden waarmee naar dit artikel wordt gezocht (synoniemen, spreektaal, "
            "afkortingen), gescheiden door komma's."
        ),
    )
    doelgroep: models.ManyToManyField[Actor, Actor] = models.ManyToManyField(
        Actor,
        blank=True,
        related_name="+",
        limit_choices_to={"soort_actor": SoortActor.ORGANISATORISCHE_EENHEID},
        help_text="Teams voor wie het artikel is; leeg: voor iedereen.",
    )
    eigenaar = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="kennisartikelen",
        limit_choices_to=_EIGENAAR,
        help_text="Het team of de medewerker die het artikel bijhoudt en feedback krijgt.",
    )
    herzien_op = models.DateField(
        db_index=True, help_text="Wanneer de inhoud uiterlijk opnieuw wordt nagekeken."
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.CONCEPT, db_index=True
    )
    versie = models.PositiveIntegerField(default=1, editable=False)
    aangemaakt_op = models.DateTimeField(default=timezone.now, editable=False)
    gewijzigd_op = models.DateTimeField(default=timezone.now, editable=False)
    gewijzigd_door = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = "kennisartikel"
        verbose_name_plural = "kennisartikelen"
        ordering = ["titel", "uuid"]

    def __str__(self) -> str:
        return self.titel


class Sectie(models.Model):
    artikel = models.ForeignKey(Artikel, on_delete=models.CASCADE, related_name="secties")
    volgorde = models.PositiveSmallIntegerField(default=0)
    kop = models.CharField(max_length=200)
    tekst = models.TextField(max_length=10_000)

    class Meta:
        verbose_name = "sectie"
        verbose_name_plural = "secties"
        ordering = ["volgorde", "id"]

    def __str__(self) -> str:
        return self.kop


class Artikelversie(models.Model):
    """What a published article said before a change: kept on every save of a published
    article, with who made the change that replaced it and when."""

    artikel = models.ForeignKey(Artikel, on_delete=models.CASCADE, related_name="versies")
    versie = models.PositiveIntegerField()
    inhoud = models.JSONField()
    status = models.CharField(max_length=12, choices=Status.choices)
    opgeslagen_op = models.DateTimeField()
    opgeslagen_door = models.CharField(max_length=200, blank=True)
    vervangen_op = models.DateTimeField(default=timezone.now)
    vervangen_door = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "artikelversie"
        verbose_name_plural = "artikelversies"
        ordering = ["-versie"]
        constraints = [
            models.UniqueConstraint(fields=["artikel", "versie"], name="unique_artikelversie"),
        ]

    def __str__(self) -> str:
        return f"{self.artikel_id} versie {self.versie}"


class Artikelfeedback(models.Model):
    """A remark of a colleague on an article, for its owner (docs/kennisbank.md)."""

    artikel = models.ForeignKey(Artikel, on_delete=models.CASCADE, related_name="feedback")
    versie = models.PositiveIntegerField()
    tekst = models.TextField(max_length=2000)
    gegeven_op = models.DateTimeField(default=timezone.now)
    gegeven_door = models.CharField(max_length=200)
    gebruikersnaam = models.CharField(max_length=150, blank=True)
    afgehandeld = models.BooleanField(default=False, db_index=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)
    afgehandeld_door = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "feedback op een artikel"
        verbose_name_plural = "feedback op artikelen"
        ordering = ["afgehandeld", "-gegeven_op"]

    def __str__(self) -> str:
        return f"{self.gegeven_door} over {self.artikel_id}"


class Synoniemgroep(models.Model):
    """Words that mean the same to a caller ("kliko, container, minicontainer"): a search
    for one also finds the others, across every article and source."""

    woorden = models.TextField(
        max_length=1000, help_text="Woorden of woordgroepen, gescheiden door komma's."
    )

    class Meta:
        verbose_name = "synoniemen"
        verbose_name_plural = "synoniemen"
        ordering = ["woorden"]

    def __str__(self) -> str:
        return self.woorden[:100]


class Kennisdocument(models.Model):
    """One searchable item: a published article, or a page of an external source.

    Beside the text shown, each field is stored analysed (``*_termen``: Dutch stems and
    compound parts, space-separated), which the database's full-text index reads: FTS5 on
    SQLite, a weighted tsvector on PostgreSQL (migration 0011)."""

    bron = models.CharField(max_length=10, choices=Bron.choices, db_index=True)
    sleutel = models.CharField(max_length=500, unique=True)
    artikel = models.OneToOneField(
        Artikel, null=True, blank=True, on_delete=models.CASCADE, related_name="document"
    )
    soort = models.CharField(max_length=20, choices=SOORTEN_IN_INDEX, db_index=True)
    titel = models.CharField(max_length=300)
    samenvatting = models.TextField(blank=True)
    tekst = models.TextField(blank=True)
    trefwoorden = models.TextField(blank=True)
    url = models.URLField(max_length=1000, blank=True)
    # Space-separated uuids of the teams it is for; empty: for everyone.
    doelgroep = models.TextField(blank=True, db_index=True)
    titel_termen = models.TextField(blank=True)
    trefwoord_termen = models.TextField(blank=True)
    samenvatting_termen = models.TextField(blank=True)
    tekst_termen = models.TextField(blank=True)
    bijgewerkt_op = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "kennisdocument (zoekindex)"
        verbose_name_plural = "kennisdocumenten (zoekindex)"

    def __str__(self) -> str:
        return self.titel


class Zoekwoord(models.Model):
    """A word as it occurs in the index, with its stem and the number of documents that
    hold it: what a mistyped word is corrected to, and how rare a stem is."""

    woord = models.CharField(max_length=60, unique=True)
    stam = models.CharField(max_length=60, db_index=True)
    lengte = models.PositiveSmallIntegerField()
    begin = models.CharField(max_length=1)
    eind = models.CharField(max_length=2)
    aantal = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "zoekwoord"
        verbose_name_plural = "zoekwoorden"
        indexes = [
            models.Index(fields=["lengte", "begin"], name="zoekwoord_lengte_begin"),
            models.Index(fields=["lengte", "eind"], name="zoekwoord_lengte_eind"),
        ]

    def __str__(self) -> str:
        return self.woord
