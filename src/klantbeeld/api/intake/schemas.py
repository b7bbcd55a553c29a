"""What the intake API takes and answers. The metadata of a letter or form is one JSON part
of a multipart/form-data request (``brief``, ``contactformulier``), the files are parts of
their own; the names follow the Klantinteracties API (contactnaam, correspondentieadres,
gevraagdeHandeling, toegewezenAanActor)."""

from __future__ import annotations

import datetime
import ipaddress
from collections.abc import Callable
from typing import Literal
from uuid import UUID

from django.core.exceptions import ValidationError
from pydantic import Field, field_validator, model_validator

from klantbeeld.api.common.schemas import Adres, ApiSchema, ReferenceOut, Url
from klantbeeld.domain import validators

TAAL = r"^[a-z]{3}$"
KENMERK_MAX = 200
TEKST_MAX = 100_000


def _django_check(check: Callable[[str], None]) -> Callable[[str], str]:
    """A domain validator as a pydantic one: an empty value is allowed (not given)."""

    def validate(value: str) -> str:
        value = value.strip()
        if value:
            try:
                check(value)
            except ValidationError as error:
                raise ValueError(" ".join(error.messages)) from None
        return value

    return validate


class Contactnaam(ApiSchema):
    """A name as the Klantinteracties API gives a betrokkene's contactnaam (initials, if
    any, go with the voornaam)."""

    voornaam: str = Field("", max_length=200)
    voorvoegsel_achternaam: str = Field("", max_length=10)
    achternaam: str = Field("", max_length=200)


class ActorRef(ApiSchema):
    uuid: UUID


class Opvolging(ApiSchema):
    """The interne taak asked (R8): for whom and what."""

    gevraagde_handeling: str = Field(
        "",
        max_length=200,
        description="Wat er moet gebeuren; leeg: de standaard van Klantbeeld "
        "(KLANTBEELD_INTAKE_HANDELING, 'Lezen en bepalen benodigde actie').",
    )
    toegewezen_aan_actor: ActorRef | None = Field(
        None,
        description="Het team of de medewerker (een actor in de Klantinteracties API); "
        "leeg: het standaardteam (KLANTBEELD_INTAKE_TEAM).",
    )
    toelichting: str = Field("", max_length=1000)


class Identiteit(ApiSchema):
    """A BSN or KVK-nummer (with vestigingsnummer) that the calling application
    established by authentication (DigiD, eHerkenning). Needs the scope
    ``intake.identiteit``."""

    bsn: str = Field("", max_length=9, description="Alleen met scope intake.identiteit.")
    kvk_nummer: str = Field("", max_length=8, description="Alleen met scope intake.identiteit.")
    vestigingsnummer: str = Field(
        "", max_length=12, description="Alleen met kvkNummer en scope intake.identiteit."
    )

    check_bsn = field_validator("bsn")(_django_check(validators.validate_bsn))
    check_kvk = field_validator("kvk_nummer")(_django_check(validators.validate_kvk_nummer))
    check_vestiging = field_validator("vestigingsnummer")(
        _django_check(validators.validate_vestigingsnummer)
    )

    @model_validator(mode="after")
    def check_identiteit(self) -> Identiteit:
        if self.bsn and self.kvk_nummer:
            raise ValueError("Geef een BSN of een KVK-nummer, niet allebei.")
        if self.vestigingsnummer and not self.kvk_nummer:
            raise ValueError("Een vestigingsnummer hoort bij een KVK-nummer: geef dat ook.")
        return self

    def gegeven(self) -> str:
        """The name of the identity field given, or ""."""
        for veld, waarde in (("bsn", self.bsn), ("kvkNummer", self.kvk_nummer)):
            if waarde:
                return veld
        return ""


# -- letters ------------------------------------------------------------------------------


class Afzender(Identiteit):
    """What the scan software read of the sender (all optional)."""

    contactnaam: Contactnaam | None = None
    organisatienaam: str = Field("", max_length=200)
    correspondentieadres: Adres | None = Field(
        None,
        description="Het adres van de afzender, als adresregels (adresregel1-3, land) of "
        "als nummeraanduidingId (BAG).",
    )


class BriefOpvolging(Opvolging):
    nodig: bool = Field(
        True,
        description="Of de brief actie vraagt. Zonder actie wordt een brief alleen vastgelegd "
        "van een afzender wiens identiteit vaststaat (R1: bsn of kvkNummer).",
    )


class BriefIn(ApiSchema):
    kenmerk: str = Field(
        min_length=1,
        max_length=KENMERK_MAX,
        description="Het eigen kenmerk van het document in de scanstraat of het DMS. Dezelfde "
        "brief nog eens (hetzelfde kenmerk) legt niets nieuws vast.",
    )
    plaatsgevonden_op: datetime.datetime = Field(
        description="Het moment van scannen (niet de datum van de brief)."
    )
    onderwerp: str = Field(
        "", max_length=1000, description="Leeg: 'Brief ontvangen'. Langer dan 200 wordt afgekapt."
    )
    inhoud: str = Field(
        "",
        max_length=TEKST_MAX,
        description="De OCR-tekst. Langer dan 1000 tekens: afgekapt, en heel bewaard als "
        "document bij het klantcontact.",
    )
    taal: str = Field("nld", pattern=TAAL, description="ISO 639-2/B, bijvoorbeeld nld.")
    vertrouwelijk: bool = False
    afzender: Afzender = Field(default_factory=Afzender)
    opvolging: BriefOpvolging = Field(default_factory=BriefOpvolging)


# -- contact forms ------------------------------------------------------------------------


class ContactformulierIn(Identiteit):
    token: str = Field(
        min_length=1,
        max_length=200,
        description="Het formuliertoken van GET /contactformulieren/token, dat de website in "
        "het formulier meegaf.",
    )
    indiener_ip: str = Field(
        max_length=45, description="Het IP-adres van wie het formulier instuurde."
    )
    honeypot: str = Field(
        "",
        max_length=1000,
        description="De waarde van het verborgen veld dat mensen leeg laten; ingevuld: de "
        "inzending wordt aangenomen (202) maar niet vastgelegd.",
    )
    inzending_id: str = Field(
        "",
        max_length=KENMERK_MAX,
        description="Het eigen kenmerk van de inzending bij de website; leeg: het token. "
        "Dezelfde inzending nog eens legt niets nieuws vast.",
    )
    naam: str = Field(
        "", max_length=200, description="De naam in één veld (als achternaam bewaard)."
    )
    contactnaam: Contactnaam | None = Field(None, description="De naam in delen.")
    organisatienaam: str = Field("", max_length=200)
    emailadres: str = Field("", max_length=254)
    telefoonnummer: str = Field("", max_length=30)
    onderwerp: str = Field(min_length=1, max_length=200)
    bericht: str = Field(min_length=1, max_length=TEKST_MAX)
    kanaal: str = Field("e-formulier", max_length=50)
    taal: str = Field("nld", pattern=TAAL)
    plaatsgevonden_op: datetime.datetime | None = Field(
        None, description="Het moment van insturen; leeg: nu."
    )
    bevestiging_gewenst: bool = Field(
        False, description="Stuur een bevestiging per e-mail (emailadres is dan nodig)."
    )
    opvolging: Opvolging = Field(default_factory=Opvolging)

    check_email = field_validator("emailadres")(_django_check(validators.validate_email))
    check_telefoon = field_validator("telefoonnummer")(
        _django_check(validators.validate_telefoonnummer)
    )

    @field_validator("indiener_ip")
    @classmethod
    def check_ip(cls, value: str) -> str:
        try:
            return str(ipaddress.ip_address(value.strip()))
        except ValueError:
            raise ValueError("Een geldig IPv4- of IPv6-adres is vereist.") from None

    @model_validator(mode="after")
    def check_bereikbaar(self) -> ContactformulierIn:
        if not (self.emailadres or self.telefoonnummer):
            raise ValueError("Geef een e-mailadres of een telefoonnummer (of allebei).")
        if self.bevestiging_gewenst and not self.emailadres:
            raise ValueError("Voor een bevestiging per e-mail is een e-mailadres nodig.")
        naam = self.contactnaam
        if not (self.naam.strip() or (naam and (naam.achternaam or naam.voornaam))):
            raise ValueError("Geef een naam: naam, of contactnaam met voornaam of achternaam.")
        return self


# -- answers ------------------------------------------------------------------------------


class KlantcontactOut(ApiSchema):
    uuid: UUID
    url: Url = Field(description="Het klantcontact in de Klantinteracties API.")
    referentienummer: str


class InformatieobjectOut(ApiSchema):
    uuid: UUID
    url: Url = Field(description="Het document in de Documenten API.")


class DocumentOut(ApiSchema):
    titel: str
    informatieobject: InformatieobjectOut
    bijlage: ReferenceOut = Field(description="De bijlage in de Klantinteracties API.")


class IntakeOut(ApiSchema):
    klantcontact: KlantcontactOut
    internetaak: ReferenceOut | None = Field(description="De taak; null zonder opvolging.")
    documenten: list[DocumentOut] = Field(
        description="De opgeslagen documenten: het bestand (of de bijlagen) en, bij een "
        "afgekapte tekst, de volledige tekst."
    )


class BevestigingOut(ApiSchema):
    status: Literal["te_versturen", "niet_mogelijk"] = Field(
        description="te_versturen: vastgelegd en klaar om te versturen; niet_mogelijk: "
        "Klantbeeld kan geen e-mail versturen (niet ingesteld), er gaat geen bevestiging uit."
    )
    klantcontact: ReferenceOut | None = Field(
        description="Het uitgaande klantcontact van de bevestiging."
    )


class ContactformulierOut(IntakeOut):
    bevestiging: BevestigingOut | None = Field(description="null: niet gevraagd.")


class NietVastgelegdOut(ApiSchema):
    toelichting: str


class FormuliertokenOut(ApiSchema):
    token: str
    geldig_vanaf: datetime.datetime
    geldig_tot: datetime.datetime
