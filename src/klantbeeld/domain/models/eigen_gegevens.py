"""What a resident or company keeps about themselves beyond the standard (cases.md C1923,
C1924): planned address changes, a preferred channel per topic, and the checks that an
e-mail address is theirs. The Klantinteracties API has no place for these; Klantbeeld
keeps them here and applies them to the partij (an address on its date) or uses them when
choosing how to reach someone (R7)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.models.base import AdresModel, UuidModel
from klantbeeld.domain.models.partijen import DigitaalAdres, Partij


def adres_als_tekst(houder: object, prefix: str) -> str:
    """A postal address on one line ("Straat 1a, 1234 AB Plaats"), "" when there is none."""

    def deel(naam: str) -> str:
        waarde = getattr(houder, f"{prefix}_{naam}")
        return "" if waarde is None else str(waarde)

    regels = [deel(f"adresregel{i}") for i in (1, 2, 3) if deel(f"adresregel{i}")]
    if not regels and deel("straatnaam"):
        nummer = f"{deel('huisnummer')}{deel('huisnummertoevoeging')}"
        regels = [
            " ".join(p for p in (deel("straatnaam"), nummer) if p),
            " ".join(p for p in (deel("postcode"), deel("stad")) if p),
        ]
    elif not regels and deel("postcode"):
        regels = [" ".join(p for p in (deel("postcode"), deel("huisnummer"), deel("stad")) if p)]
    if regels and deel("land") and deel("land").upper() != "NL":
        regels.append(deel("land"))
    return ", ".join(r for r in regels if r)


class SoortAdres(models.TextChoices):
    BEIDE = "beide", _("Bezoekadres en correspondentieadres")
    BEZOEKADRES = "bezoekadres", _("Bezoekadres")
    CORRESPONDENTIEADRES = "correspondentieadres", _("Correspondentieadres")

    @property
    def velden(self) -> tuple[str, ...]:
        """The partij's address groups this kind changes."""
        if self is SoortAdres.BEIDE:
            return ("bezoekadres", "correspondentieadres")
        return (self.value,)


class GeplandeAdreswijziging(UuidModel, AdresModel):  # type: ignore[misc,valid-type]
    """A new address from a date on (C1923: a move): shown beside the current one with
    its label and date, and written to the partij on that date by the worker."""

    partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="geplande_adreswijzigingen"
    )
    soort = models.CharField(max_length=20, choices=SoortAdres.choices)
    # The resident's own name for the new address ("Nieuwe woning").
    omschrijving = models.CharField(max_length=40)
    geldig_vanaf = models.DateField()
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    # When it was written to the partij; empty while it waits for its date.
    toegepast_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "geplande adreswijziging"
        verbose_name_plural = "geplande adreswijzigingen"
        indexes = [models.Index(fields=["toegepast_op", "geldig_vanaf"])]

    @property
    def adres_tekst(self) -> str:
        return adres_als_tekst(self, "adres")


class Voorkeurskanaal(models.TextChoices):
    POST = "post", _("Per post")
    EMAIL = "e-mail", _("Per e-mail")
    TELEFOON = "telefoon", _("Per telefoon")


class Onderwerpvoorkeur(UuidModel):
    """How a partij wants to hear about one topic (C1924: "belastingen per post,
    vergunningen per e-mail"), beside her default (``voorkeursDigitaalAdres``), which it
    never changes. E-mail and telephone name one of her own digital addresses; post uses
    her correspondence address."""

    partij = models.ForeignKey(Partij, on_delete=models.CASCADE, related_name="onderwerpvoorkeuren")
    # The topic's key in the configured list (KLANTBEELD_MIJN_ONDERWERPEN).
    onderwerp = models.CharField(max_length=40)
    kanaal = models.CharField(max_length=10, choices=Voorkeurskanaal.choices)
    digitaal_adres = models.ForeignKey(
        DigitaalAdres,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="onderwerpvoorkeuren",
    )

    class Meta:
        verbose_name = "voorkeur per onderwerp"
        verbose_name_plural = "voorkeuren per onderwerp"
        constraints = [
            models.UniqueConstraint(
                fields=["partij", "onderwerp"], name="een_voorkeur_per_onderwerp"
            )
        ]


class Adresverificatie(models.Model):
    """One link mailed to an e-mail address to show it is the resident's: usable once,
    until it expires, and only for the address as it was when the link was sent."""

    digitaal_adres = models.ForeignKey(
        DigitaalAdres, on_delete=models.CASCADE, related_name="verificaties"
    )
    adres = models.CharField(max_length=80)
    aangemaakt_op = models.DateTimeField(default=timezone.now)
    gebruikt_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "adresverificatie"
        verbose_name_plural = "adresverificaties"

    def __str__(self) -> str:
        return f"Verificatie van {self.adres}"
