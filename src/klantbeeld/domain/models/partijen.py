"""Partijen: the persons, organisations and contact persons the organisation knows."""

from __future__ import annotations

from django.db import models
from django.db.models import F
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _

from klantbeeld.domain.models.base import (
    BezoekadresModel,
    CorrespondentieadresModel,
    UuidModel,
)


class SoortPartij(models.TextChoices):
    PERSOON = "persoon", _("Persoon")
    ORGANISATIE = "organisatie", _("Organisatie")
    CONTACTPERSOON = "contactpersoon", _("Contactpersoon")


class Partij(UuidModel, BezoekadresModel, CorrespondentieadresModel):  # type: ignore[misc,valid-type]
    """One table for the three kinds of partij: the kind decides which columns are used.

    Persons and contact persons use the ``contactnaam_*`` columns, organisations ``naam``,
    and a contact person points to the partij it works for in ``werkte_voor_partij``.
    """

    nummer = models.CharField(max_length=10, null=True, blank=True, unique=True)
    interne_notitie = models.CharField(max_length=1000, blank=True)
    soort_partij = models.CharField(max_length=14, choices=SoortPartij.choices, db_index=True)
    indicatie_geheimhouding = models.BooleanField(null=True, blank=True, db_index=True)
    voorkeurstaal = models.CharField(max_length=3, blank=True)
    indicatie_actief = models.BooleanField(db_index=True)
    voorkeurs_digitaal_adres = models.ForeignKey(
        "DigitaalAdres", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    voorkeurs_rekeningnummer = models.ForeignKey(
        "Rekeningnummer", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # persoon / contactpersoon
    contactnaam_voorletters = models.CharField(max_length=10, blank=True)
    contactnaam_voornaam = models.CharField(max_length=200, blank=True)
    contactnaam_voorvoegsel_achternaam = models.CharField(max_length=10, blank=True)
    contactnaam_achternaam = models.CharField(max_length=200, blank=True, db_index=True)
    # organisatie
    naam = models.CharField(max_length=200, blank=True, db_index=True)
    # contactpersoon
    werkte_voor_partij = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contactpersonen",
    )

    class Meta:
        verbose_name = "partij"
        verbose_name_plural = "partijen"
        indexes = [
            models.Index(fields=["bezoekadres_nummeraanduiding_id"]),
            models.Index(fields=["bezoekadres_adresregel1"]),
            models.Index(fields=["bezoekadres_adresregel2"]),
            models.Index(fields=["bezoekadres_adresregel3"]),
            models.Index(fields=["bezoekadres_land"]),
            models.Index(fields=["correspondentieadres_nummeraanduiding_id"]),
            models.Index(fields=["correspondentieadres_adresregel1"]),
            models.Index(fields=["correspondentieadres_adresregel2"]),
            models.Index(fields=["correspondentieadres_adresregel3"]),
            models.Index(fields=["correspondentieadres_land"]),
            models.Index(
                fields=["correspondentieadres_postcode", "correspondentieadres_huisnummer"]
            ),
            models.Index(fields=["bezoekadres_postcode", "bezoekadres_huisnummer"]),
            # The workspace's search by street and house number (services/zoeken.py).
            models.Index(
                Upper("bezoekadres_straatnaam"),
                F("bezoekadres_huisnummer"),
                name="partij_bezoek_straat_idx",
            ),
            models.Index(
                Upper("correspondentieadres_straatnaam"),
                F("correspondentieadres_huisnummer"),
                name="partij_corr_straat_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.volledige_naam or f"Partij {self.nummer or self.uuid}"

    @property
    def volledige_naam(self) -> str:
        if self.soort_partij == SoortPartij.ORGANISATIE:
            return self.naam
        return volledige_naam(
            self.contactnaam_voornaam,
            self.contactnaam_voorvoegsel_achternaam,
            self.contactnaam_achternaam,
        )


def volledige_naam(voornaam: str, voorvoegsel: str, achternaam: str) -> str:
    """The name as one line: first name, prefix, surname (as Open Klant: no initials)."""
    return " ".join(part for part in (voornaam, voorvoegsel, achternaam) if part)


class CodeObjecttype(models.TextChoices):
    NATUURLIJK_PERSOON = "natuurlijk_persoon", _("Natuurlijk persoon")
    NIET_NATUURLIJK_PERSOON = "niet_natuurlijk_persoon", _("Niet-natuurlijk persoon")
    VESTIGING = "vestiging", _("Vestiging")


class CodeSoortObjectId(models.TextChoices):
    BSN = "bsn", _("Burgerservicenummer")
    VESTIGINGSNUMMER = "vestigingsnummer", _("Vestigingsnummer")
    KVK_NUMMER = "kvk_nummer", _("KvK-nummer")
    RSIN = "rsin", _("RSIN")


class CodeRegister(models.TextChoices):
    BRP = "brp", _("BRP")
    HR = "hr", _("Handelsregister")


class PartijIdentificator(UuidModel):
    """The key of a partij in a base register (BSN in the BRP, KVK-nummer in the HR, …)."""

    identificeerde_partij = models.ForeignKey(
        Partij,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="partij_identificatoren",
    )
    andere_partij_identificator = models.CharField(max_length=200, blank=True, db_index=True)
    partij_identificator_code_objecttype = models.CharField(
        max_length=23, choices=CodeObjecttype.choices
    )
    partij_identificator_code_soort_object_id = models.CharField(
        max_length=16, choices=CodeSoortObjectId.choices
    )
    partij_identificator_object_id = models.CharField(max_length=200)
    partij_identificator_code_register = models.CharField(
        max_length=3, choices=CodeRegister.choices
    )
    sub_identificator_van = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sub_identificatoren",
    )

    class Meta:
        verbose_name = "partij-identificator"
        verbose_name_plural = "partij-identificatoren"
        indexes = [
            models.Index(
                fields=[
                    "partij_identificator_object_id",
                    "partij_identificator_code_soort_object_id",
                ]
            ),
            models.Index(fields=["partij_identificator_code_objecttype"]),
            models.Index(fields=["partij_identificator_code_register"]),
            models.Index(fields=["partij_identificator_code_soort_object_id"]),
        ]
        constraints = [
            # A vestigingsnummer is unique within its KVK-nummer; every other identifier is
            # unique in its register.
            models.UniqueConstraint(
                fields=[
                    "partij_identificator_code_objecttype",
                    "partij_identificator_code_soort_object_id",
                    "partij_identificator_object_id",
                    "partij_identificator_code_register",
                ],
                condition=models.Q(sub_identificator_van__isnull=True),
                name="unique_partij_identificator",
            ),
            models.UniqueConstraint(
                fields=[
                    "partij_identificator_code_objecttype",
                    "partij_identificator_code_soort_object_id",
                    "partij_identificator_object_id",
                    "partij_identificator_code_register",
                    "sub_identificator_van",
                ],
                condition=models.Q(sub_identificator_van__isnull=False),
                name="unique_sub_partij_identificator",
            ),
            models.UniqueConstraint(
                fields=["identificeerde_partij", "partij_identificator_code_soort_object_id"],
                name="one_identificator_per_soort_per_partij",
            ),
        ]


class SoortDigitaalAdres(models.TextChoices):
    EMAIL = "email", _("E-mailadres")
    TELEFOONNUMMER = "telefoonnummer", _("Telefoonnummer")
    OVERIG = "overig", _("Overig")


class DigitaalAdres(UuidModel):
    """An e-mail address, phone number or other non-physical address."""

    verstrekt_door_betrokkene = models.ForeignKey(
        "Betrokkene",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="digitale_adressen",
    )
    verstrekt_door_partij = models.ForeignKey(
        Partij,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="digitale_adressen",
    )
    adres = models.CharField(max_length=80, db_index=True)
    # The normalised form (digits of a phone number, lower-case e-mail) for look-ups.
    adres_zoeksleutel = models.CharField(max_length=80, blank=True, db_index=True)
    soort_digitaal_adres = models.CharField(
        max_length=14, choices=SoortDigitaalAdres.choices, db_index=True
    )
    is_standaard_adres = models.BooleanField(default=False, db_index=True)
    omschrijving = models.CharField(max_length=40, blank=True, db_index=True)
    referentie = models.CharField(max_length=50, blank=True, db_index=True)
    verificatie_datum = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "digitaal adres"
        verbose_name_plural = "digitale adressen"


class Rekeningnummer(UuidModel):
    partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.CASCADE, related_name="rekeningnummers"
    )
    iban = models.CharField(max_length=34, db_index=True)
    bic = models.CharField(max_length=11, blank=True, db_index=True)

    class Meta:
        verbose_name = "rekeningnummer"
        verbose_name_plural = "rekeningnummers"


class Vertegenwoordigden(UuidModel):
    """Partij A (vertegenwoordigende) acts for partij B (vertegenwoordigde)."""

    vertegenwoordigende_partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="vertegenwoordigingen"
    )
    vertegenwoordigde_partij = models.ForeignKey(
        Partij, on_delete=models.CASCADE, related_name="vertegenwoordigd_door"
    )

    class Meta:
        verbose_name = "vertegenwoordiging"
        verbose_name_plural = "vertegenwoordigingen"
        constraints = [
            models.UniqueConstraint(
                fields=["vertegenwoordigende_partij", "vertegenwoordigde_partij"],
                name="unique_vertegenwoordiging",
            ),
        ]


class Categorie(UuidModel):
    """A kind of relation a partij has with the organisation (CORA *Klantrelatie*: inwoner,
    ondernemer; huurder, medebewoner, woningzoekende, VvE-lid, …), served as the
    Klantinteracties API's categorie. What the API does not carry (the description, the
    kind it derives from, routing, order) is kept beside it for the organisation."""

    naam = models.CharField(max_length=80, unique=True)
    omschrijving = models.CharField(max_length=500, blank=True)
    # A relation of this kind exists through another partij's relation of that kind
    # (a medebewoner through the huurder's contract, a VvE-lid through the VvE's).
    afgeleid_van = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="afgeleide_soorten"
    )
    # The team that handles follow-up for customers with this relation, when set.
    team = models.ForeignKey(
        "domain.Actor", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    volgorde = models.PositiveSmallIntegerField(default=0)
    actief = models.BooleanField(default=True)

    class Meta:
        verbose_name = "categorie"
        verbose_name_plural = "categorieën"

    def __str__(self) -> str:
        return self.naam


class CategorieRelatie(UuidModel):
    partij = models.ForeignKey(
        Partij, null=True, blank=True, on_delete=models.CASCADE, related_name="categorie_relaties"
    )
    categorie = models.ForeignKey(
        Categorie,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="categorie_relaties",
    )
    begin_datum = models.DateField(null=True, blank=True, db_index=True)
    eind_datum = models.DateField(null=True, blank=True, db_index=True)
    # The relation this one derives from (the huurder's, for a medebewoner): when that
    # one ends, this one ends with it.
    via = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="afgeleide_relaties"
    )
    # The contract, membership or registration it rests on (a contract number).
    kenmerk = models.CharField(max_length=80, blank=True)

    class Meta:
        verbose_name = "categorie-relatie"
        verbose_name_plural = "categorie-relaties"
