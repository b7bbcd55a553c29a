"""The texts of zaakmeldingen, kept by the functional administrator."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from klantbeeld.channels import teksten
from klantbeeld.domain.models.intake import Verzendkanaal

# The placeholders a zaakmelding's text may use, with what each is filled with.
PLAATSHOUDERS: dict[str, str] = {
    "naam": "de naam van de ontvanger",
    "zaak": "de identificatie van de zaak",
    "zaakomschrijving": "de omschrijving van de zaak",
    "zaaktype": "de omschrijving van het zaaktype",
    "status": "de omschrijving van de nieuwe status",
    "statustekst": "de statustekst uit de zaaktypecatalogus",
    "datum": "de datum waarop de status is gezet (3 november 2026)",
    "organisatie": "de naam van de organisatie (KLANTBEELD_ORGANISATIE_NAAM)",
}


class Meldingtekst(models.Model):
    """The subject and text of the message about a status. The most specific text wins:
    a zaaktype named by URL over one named by identificatie over one for every zaaktype,
    likewise for the status, and a text for the channel over one for every channel."""

    zaaktype = models.CharField(
        max_length=500,
        blank=True,
        help_text="URL of identificatie van het zaaktype; leeg: elk zaaktype.",
    )
    statustype = models.CharField(
        max_length=500,
        blank=True,
        help_text="URL of omschrijving van het statustype (zoals 'Afgehandeld'); leeg: elke "
        "status waarover de zaaktypecatalogus zegt te informeren.",
    )
    kanaal = models.CharField(
        max_length=10,
        # Zaakmeldingen go by mail, SMS or letter; never as a post on social media.
        choices=[(k, v) for k, v in Verzendkanaal.choices if k != Verzendkanaal.SOCIALE_MEDIA],
        blank=True,
        help_text="Leeg: voor elk kanaal (e-mail, sms, brief).",
    )
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField()
    actief = models.BooleanField(default=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "meldingtekst"
        verbose_name_plural = "meldingteksten"
        ordering = ["zaaktype", "statustype", "kanaal"]
        constraints = [
            models.UniqueConstraint(
                fields=["zaaktype", "statustype", "kanaal"], name="een_meldingtekst_per_geval"
            )
        ]

    def __str__(self) -> str:
        return " / ".join(
            [
                self.zaaktype or "elk zaaktype",
                self.statustype or "elke status",
                self.get_kanaal_display() or "elk kanaal",
            ]
        )

    def clean(self) -> None:
        self.zaaktype = self.zaaktype.strip()
        self.statustype = self.statustype.strip()
        fouten: dict[str, list[str]] = {}
        for veld in ("onderwerp", "tekst"):
            try:
                teksten.controleer(getattr(self, veld), PLAATSHOUDERS)
            except ValidationError as fout:
                fouten[veld] = fout.messages
        if fouten:
            raise ValidationError(fouten)
