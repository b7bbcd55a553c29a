"""Klantcontacten and zaken: creating a zaak from a contact, a contact about an existing
zaak, a document for a zaak (cases C4390, C0359, C9761, C2716, C9018, C0300).

The zaken themselves live in the municipality's Zaken API; Klantbeeld links to them with an
onderwerpobject (R10 of cases.md) and never copies them. The register is reached through
the ``Zakenregister`` protocol, which the integrations adapter implements over HTTP; these
services hold the rules, so the API, the workspace and the channels share them.

The register's own links back (zaak ↔ klantcontact, zaak ↔ document) follow from the
onderwerpobjecten and bijlagen written here: the integrations adapter hears of those
changes and sends the links through the outbox, so none is lost when a register is down.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db import transaction

from klantbeeld.domain.confidentiality import visible
from klantbeeld.domain.models import Bijlage, Klantcontact, Onderwerpobject, Partij
from klantbeeld.domain.models.klantcontacten import Betrokkene
from klantbeeld.domain.models.partijen import SoortDigitaalAdres, SoortPartij
from klantbeeld.domain.services import klantcontacten
from klantbeeld.domain.services.common import ChangeContext

# How an onderwerpobject or bijlage names a zaak or a document (R10, as KISS does).
ZAAK = {"code_objecttype": "zgw-Zaak", "code_register": "openzaak", "code_soort_object_id": "uuid"}
DOCUMENT = {
    "code_objecttype": "zgw-EnkelvoudigInformatieObject",
    "code_register": "openzaak",
    "code_soort_object_id": "uuid",
}


class RegisterFout(Exception):
    """The zaken register refused or did not answer; ``str()`` says why, for the user."""


class GeenBetrokkene(PermissionError):
    """Someone acting for themselves is not a party to the zaak they want to change."""


@dataclass(frozen=True)
class Zaakverwijzing:
    url: str
    uuid: str
    identificatie: str
    zaaktype: str


@dataclass(frozen=True)
class Documentverwijzing:
    url: str
    uuid: str


@dataclass(frozen=True)
class Contactgegevens:
    """Who to contact about a zaak when the person is not identified (C4390)."""

    naam: str
    emailadres: str = ""
    telefoonnummer: str = ""
    # The name's parts, where they were recorded apart (a rol keeps them apart too).
    voornaam: str = ""
    voorvoegsel: str = ""
    achternaam: str = ""


@dataclass(frozen=True)
class Bestand:
    naam: str
    inhoud: bytes
    formaat: str = "application/octet-stream"


class Zakenregister(Protocol):
    """What the services need of the Zaken and Documenten APIs. Every method raises
    ``RegisterFout`` when the register does not do it."""

    def zaak(self, zaak: str) -> Zaakverwijzing:
        """The zaak with this URL or uuid."""
        ...

    def maak_zaak(
        self, *, zaaktype: str, omschrijving: str, toelichting: str, kanaal: str
    ) -> Zaakverwijzing: ...

    def verwijder_zaak(self, zaak: Zaakverwijzing) -> None: ...

    def voeg_rol_toe(
        self,
        zaak: Zaakverwijzing,
        *,
        omschrijving_generiek: str,
        partij: Partij | None,
        contact: Contactgegevens | None,
    ) -> None: ...

    def is_betrokkene(self, zaak: Zaakverwijzing, partij: Partij) -> bool: ...

    def maak_document(
        self,
        zaak: Zaakverwijzing | None,
        *,
        titel: str,
        bestand: Bestand,
        beschrijving: str,
        vertrouwelijkheid: str,
        auteur: str,
        informatieobjecttype: str = "",
    ) -> Documentverwijzing:
        """A document for ``zaak`` of ``informatieobjecttype`` if given (refused when the
        zaaktype does not allow it), else of a type its zaaktype allows; without a zaak, of
        ``informatieobjecttype``."""
        ...


def zaak_aanmaken(
    klantcontact: Klantcontact,
    *,
    zaaktype: str,
    omschrijving: str,
    register: Zakenregister,
    by: ChangeContext,
    toelichting: str = "",
    initiator: Partij | None = None,
    contact: Contactgegevens | None = None,
) -> Zaakverwijzing:
    """Create a zaak of ``zaaktype`` from ``klantcontact`` with an initiator rol, and link
    the contact to it. The initiator is ``initiator`` or ``contact`` if given, else the
    contact's initiating betrokkene: their partij, or failing that their name and the
    addresses they left (C4390: a reporter who is not identified). Without any initiator
    nothing is created. When the rol cannot be added the new zaak is removed again."""
    if initiator is None and contact is None:
        initiator, contact = _initiator_van(klantcontact)
    if initiator is None and contact is None:
        raise RegisterFout(
            "Geen initiator voor de zaak: het klantcontact heeft geen betrokkene met een partij "
            "of een naam."
        )
    zaak = register.maak_zaak(
        zaaktype=zaaktype,
        omschrijving=omschrijving,
        toelichting=toelichting,
        kanaal=klantcontact.kanaal,
    )
    try:
        register.voeg_rol_toe(
            zaak, omschrijving_generiek="initiator", partij=initiator, contact=contact
        )
        koppel_zaak(klantcontact, zaak, by)
    except Exception as fout:
        # Without its initiator, or without the link to the contact, the new zaak would be
        # found by nobody: it is removed again.
        try:
            register.verwijder_zaak(zaak)
        except RegisterFout as opruimen:
            raise RegisterFout(
                f"{fout} Zaak {zaak.identificatie} is aangemaakt maar niet afgemaakt en kon "
                f"niet worden verwijderd ({opruimen}): verwijder of herstel hem in het "
                "zaaksysteem."
            ) from fout
        raise
    return zaak


def rol_toevoegen(
    zaak: Zaakverwijzing,
    *,
    register: Zakenregister,
    partij: Partij | None = None,
    contact: Contactgegevens | None = None,
    omschrijving_generiek: str = "belanghebbende",
) -> None:
    """Add someone to an existing zaak (C0359: a second reporter about the same report)."""
    if partij is None and contact is None:
        raise RegisterFout("Geef een partij of contactgegevens voor de rol.")
    register.voeg_rol_toe(
        zaak, omschrijving_generiek=omschrijving_generiek, partij=partij, contact=contact
    )


def koppel_zaak(
    klantcontact: Klantcontact, zaak: Zaakverwijzing, by: ChangeContext
) -> Onderwerpobject:
    """Record that ``klantcontact`` is about ``zaak`` (once: linking again changes
    nothing), and name the zaaktype as its main subject when it has none yet."""
    with transaction.atomic():
        # Two requests linking the same contact at once (a double click) make one link.
        Klantcontact.objects.select_for_update().filter(pk=klantcontact.pk).first()
        existing = Onderwerpobject.objects.filter(
            klantcontact=klantcontact,
            onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"],
            onderwerpobjectidentificator_object_id=zaak.uuid,
        ).first()
        if existing is not None:
            return existing
        if not klantcontact.hoofd_onderwerp_type and zaak.zaaktype:
            klantcontacten.update_klantcontact(
                klantcontact, {"hoofd_onderwerp_type": zaak.zaaktype}, by
            )
        return klantcontacten.create_onderwerpobject(
            {"klantcontact": klantcontact, **_identificator("onderwerpobjectidentificator", ZAAK)}
            | {"onderwerpobjectidentificator_object_id": zaak.uuid},
            by,
        )


def document_toevoegen(
    klantcontact: Klantcontact,
    zaak: Zaakverwijzing,
    *,
    bestand: Bestand,
    titel: str,
    register: Zakenregister,
    by: ChangeContext,
    beschrijving: str = "",
    vertrouwelijkheid: str = "",
    auteur: str = "",
    namens: Partij | None = None,
    informatieobjecttype: str = "",
) -> Bijlage:
    """Store ``bestand`` in the Documenten API for ``zaak`` and attach it to
    ``klantcontact`` (C0300), of ``informatieobjecttype`` (one the zaaktype allows) or the
    zaaktype's default type. With ``namens`` (a resident acting for themselves) the
    partij must be a party to the zaak, else ``GeenBetrokkene`` and nothing is stored."""
    if not bestand.inhoud:
        raise RegisterFout("Het bestand is leeg.")
    if namens is not None and not register.is_betrokkene(zaak, namens):
        raise GeenBetrokkene(f"U bent geen partij bij zaak {zaak.identificatie}.")
    document = register.maak_document(
        zaak,
        titel=titel,
        bestand=bestand,
        beschrijving=beschrijving,
        vertrouwelijkheid=vertrouwelijkheid,
        auteur=auteur or by.gebruikers_weergave or by.applicatie,
        informatieobjecttype=informatieobjecttype,
    )
    with transaction.atomic():
        koppel_zaak(klantcontact, zaak, by)
        return klantcontacten.create_bijlage(
            {
                "was_bijlage_van_klantcontact": klantcontact,
                **_identificator("bijlageidentificator", DOCUMENT),
                "bijlageidentificator_object_id": document.uuid,
            },
            by,
        )


def document_bij_contact(
    klantcontact: Klantcontact,
    *,
    bestand: Bestand,
    titel: str,
    informatieobjecttype: str,
    register: Zakenregister,
    by: ChangeContext,
    auteur: str = "",
) -> Bijlage:
    """R5: material that belongs to a contact about no zaak (a letter, a photo, a long
    message) is stored in the Documenten API as ``informatieobjecttype`` and attached to
    the contact. A confidential contact's document is marked confidential too."""
    if not bestand.inhoud:
        raise RegisterFout("Het bestand is leeg.")
    if not informatieobjecttype:
        raise RegisterFout(
            "Er is geen documenttype voor bijlagen zonder zaak ingesteld "
            "(KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE)."
        )
    document = register.maak_document(
        None,
        titel=titel,
        bestand=bestand,
        beschrijving=f"Bijlage bij klantcontact {klantcontact.nummer}",
        vertrouwelijkheid="vertrouwelijk" if klantcontact.vertrouwelijk else "",
        auteur=auteur or by.gebruikers_weergave or by.applicatie,
        informatieobjecttype=informatieobjecttype,
    )
    return klantcontacten.create_bijlage(
        {
            "was_bijlage_van_klantcontact": klantcontact,
            **_identificator("bijlageidentificator", DOCUMENT),
            "bijlageidentificator_object_id": document.uuid,
        },
        by,
    )


def zaken_uit_contacten(partij: Partij) -> list[str]:
    """The zaken (uuid or URL, as the onderwerpobjecten name them) that the partij's own
    klantcontacten were about, newest contact first; for an organisation also those of its
    contact persons. Only contacts the caller may see count (a hidden contact names no
    zaak for them)."""
    partijen = visible(
        Partij.objects.filter(pk=partij.pk)
        | Partij.objects.filter(werkte_voor_partij=partij, soort_partij=SoortPartij.CONTACTPERSOON)
    )
    contacten = visible(Klantcontact.objects.filter(betrokkenen__was_partij__in=partijen))
    rijen = (
        visible(Onderwerpobject.objects.filter(klantcontact__in=contacten))
        .filter(onderwerpobjectidentificator_code_objecttype=ZAAK["code_objecttype"])
        .exclude(onderwerpobjectidentificator_object_id="")
        .order_by("-klantcontact__plaatsgevonden_op", "-pk")
        .values_list("onderwerpobjectidentificator_object_id", flat=True)
    )
    return list(dict.fromkeys(rijen))


def is_zaak(onderwerpobject: Onderwerpobject) -> bool:
    return onderwerpobject.onderwerpobjectidentificator_code_objecttype == ZAAK[
        "code_objecttype"
    ] and bool(onderwerpobject.onderwerpobjectidentificator_object_id)


def is_document(bijlage: Bijlage) -> bool:
    return bijlage.bijlageidentificator_code_objecttype == DOCUMENT["code_objecttype"] and bool(
        bijlage.bijlageidentificator_object_id
    )


def _identificator(prefix: str, kind: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}_{name}": value for name, value in kind.items()}


def _initiator_van(klantcontact: Klantcontact) -> tuple[Partij | None, Contactgegevens | None]:
    # The customer, not their representative (C5419), then whoever started the contact.
    betrokkenen = sorted(
        Betrokkene.objects.filter(had_klantcontact=klantcontact).order_by("-initiator", "pk"),
        key=lambda b: b.rol != "klant",
    )
    for betrokkene in betrokkenen:
        if betrokkene.was_partij_id is not None:
            return betrokkene.was_partij, None
    for betrokkene in betrokkenen:
        naam = betrokkene.volledige_naam or betrokkene.organisatienaam
        if naam:
            return None, _contactgegevens(betrokkene, naam)
    return None, None


def _contactgegevens(betrokkene: Betrokkene, naam: str) -> Contactgegevens:
    adressen = dict(
        betrokkene.digitale_adressen.order_by("-pk").values_list("soort_digitaal_adres", "adres")
    )
    return Contactgegevens(
        naam=naam,
        emailadres=adressen.get(SoortDigitaalAdres.EMAIL, ""),
        telefoonnummer=adressen.get(SoortDigitaalAdres.TELEFOONNUMMER, ""),
        voornaam=betrokkene.contactnaam_voornaam,
        voorvoegsel=betrokkene.contactnaam_voorvoegsel_achternaam,
        achternaam=betrokkene.contactnaam_achternaam,
    )
