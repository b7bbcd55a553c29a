"""Registering a contact, whatever the channel: the one way into the register for the
workspace, every channel adapter (mail, letters, app messages, forms) and the portal.

A contact is registered as one unit (R4): the klantcontact, its betrokkenen with the
contact data they left for this contact (R7), what it was about (a zaak, an earlier
contact), its documents, the actor who handled it and the follow-up asked. Texts longer
than the register holds are cut, and the whole text is kept as a document (R5). A message
that a channel delivers twice is registered once (R14): its source key is unique in the
database, so this holds for two workers at the same moment too.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.models import (
    Actor,
    Betrokkene,
    Bronbericht,
    InterneTaak,
    Klantcontact,
    Partij,
)
from klantbeeld.domain.models.internetaken import Prioriteit
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.digitale_adressen import create_digitaal_adres
from klantbeeld.domain.services.klantcontacten import (
    METADATA_VALUE_MAX_LENGTH,
    create_betrokkene,
    create_bijlage,
    create_onderwerpobject,
    maak_klantcontact,
)
from klantbeeld.domain.services.opvolging import vraag_opvolging_aan
from klantbeeld.domain.services.zaken import (
    Bestand,
    RegisterFout,
    Zaakverwijzing,
    Zakenregister,
    document_bij_contact,
    document_toevoegen,
    koppel_zaak,
)

# The register's limits (Klantinteracties 0.9.0), and the mark that a text was cut.
ONDERWERP_MAX = 200
INHOUD_MAX = 1000
REACTIE_MAX = 4000
AFGEKAPT = "…"


@dataclass(frozen=True)
class Contactadres:
    """A digital address left for this contact (R7: on the betrokkene, never the partij)."""

    soort: str  # email, telefoonnummer or overig (the API's soortDigitaalAdres)
    adres: str
    omschrijving: str = ""


@dataclass(frozen=True)
class Deelnemer:
    """Who took part: a known partij (R3), or only the name and the addresses left (R1)."""

    partij: Partij | None = None
    rol: str = "klant"
    initiator: bool = True
    voornaam: str = ""
    voorvoegsel: str = ""
    achternaam: str = ""
    organisatienaam: str = ""
    adressen: Sequence[Contactadres] = ()
    # correspondentieadres_* fields of the betrokkene (a letter's sender, C2138).
    correspondentieadres: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """A file that is part of the contact (a mail, a scan, an attachment), stored in the
    Documenten API and linked as bijlage (R10)."""

    bestand: Bestand
    titel: str
    beschrijving: str = ""
    # For a document about a zaak: the type chosen (one the zaaktype allows); empty: the
    # zaaktype's default.
    informatieobjecttype: str = ""


@dataclass(frozen=True)
class Opvolging:
    """The follow-up asked: an interne taak (R8)."""

    gevraagde_handeling: str
    toegewezen_aan: Sequence[Actor]
    toelichting: str = ""
    prioriteit: int = Prioriteit.NORMAAL
    uiterlijk_op: datetime.date | None = None


@dataclass(frozen=True)
class Bron:
    """The message a channel registers: ``bron`` names the source (a mailbox, a gateway,
    a form) and ``bericht_id`` is the message's own id there."""

    bron: str
    bericht_id: str

    @property
    def sleutel(self) -> str:
        return hashlib.sha256(f"{self.bron}\0{self.bericht_id}".encode()).hexdigest()


@dataclass(frozen=True)
class Contactaanmelding:
    """Everything a channel knows of a contact to register."""

    kanaal: str
    onderwerp: str
    deelnemers: Sequence[Deelnemer]
    actoren: Sequence[Actor]
    inhoud: str = ""
    reactie: str = ""
    indicatie_contact_gelukt: bool | None = True
    taal: str = "nld"
    vertrouwelijk: bool = False
    plaatsgevonden_op: datetime.datetime | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    zaak: Zaakverwijzing | None = None
    # R9: the contact this one answers or follows up.
    vervolg_op: Klantcontact | None = None
    # Other things it was about (objecten, DSO requests): onderwerpobjectidentificator_*.
    onderwerpen: Sequence[Mapping[str, str]] = ()
    documenten: Sequence[Document] = ()
    # Things already stored elsewhere that are part of it: bijlageidentificator_*.
    bijlagen: Sequence[Mapping[str, str]] = ()
    opvolging: Opvolging | None = None
    bron: Bron | None = None
    # Keep a text that is cut (R5) whole as a document; a channel that stores the whole
    # message as a document anyway (a mail's .eml) says False.
    volledige_tekst_bewaren: bool = True
    # The informatieobjecttype of documents about no zaak; default: the setting.
    documenttype: str = ""
    # A resident acting for themselves (the portal): documents for ``zaak`` are stored only
    # when this partij is a party to it (C0300), else ``GeenBetrokkene`` and nothing is kept.
    namens: Partij | None = None


# Called with every contact registered now, in its transaction (a complaint subject opens a
# Klacht: domain/services/klachten.py). Registered when Django starts (domain/apps.py).
NaRegistratie = Callable[
    [Klantcontact, "Contactaanmelding", ChangeContext, "Zakenregister | None"], None
]
_na_registratie: list[NaRegistratie] = []


def bij_registratie(hook: NaRegistratie) -> None:
    """Call ``hook`` for every new registration from now on (once, however often asked)."""
    if hook not in _na_registratie:
        _na_registratie.append(hook)


@dataclass(frozen=True)
class Registratie:
    """The outcome: the klantcontact (None when an earlier registration of the same
    message was deleted since), whether it was registered now or before, and its task."""

    klantcontact: Klantcontact | None
    nieuw: bool
    taak: InterneTaak | None = None


def registreer_contact(
    aanmelding: Contactaanmelding,
    by: ChangeContext,
    *,
    register: Zakenregister | None = None,
) -> Registratie:
    """Register ``aanmelding`` as one unit, or find the registration of the same message.

    Raises ``ValidationError`` (named ``part.field``) when a part breaks a rule, and
    ``RegisterFout`` when a document cannot be stored: then nothing is kept. ``register``
    is needed when there are documents to store (or a text to keep whole).
    """
    _controleer(aanmelding)
    with transaction.atomic():
        if aanmelding.bron is not None:
            eerder = _claim(aanmelding.bron)
            if eerder is not None:
                return Registratie(eerder.klantcontact, nieuw=False)
        klantcontact, taak = _registreer(aanmelding, by, register)
        for hook in _na_registratie:
            hook(klantcontact, aanmelding, by, register)
        if aanmelding.bron is not None:
            Bronbericht.objects.filter(sleutel=aanmelding.bron.sleutel).update(
                klantcontact=klantcontact
            )
    return Registratie(klantcontact, nieuw=True, taak=taak)


def eerder_geregistreerd(bron: Bron) -> Bronbericht | None:
    """The registration of this message, if there was one."""
    return Bronbericht.objects.filter(sleutel=bron.sleutel).select_related("klantcontact").first()


def kort(tekst: str, maximum: int) -> str:
    """``tekst`` cut to ``maximum`` characters, ending in an ellipsis when cut."""
    tekst = tekst.strip()
    if len(tekst) <= maximum:
        return tekst
    return tekst[: maximum - len(AFGEKAPT)].rstrip() + AFGEKAPT


# -- the rules ------------------------------------------------------------------------------


def _controleer(aanmelding: Contactaanmelding) -> None:
    """R4 and R1, before anything is stored."""
    errors: dict[str, str] = {}
    if not aanmelding.deelnemers:
        errors["betrokkene"] = gettext("Een klantcontact heeft ten minste één betrokkene.")
    if not aanmelding.actoren:
        errors["actor"] = gettext("Een klantcontact heeft ten minste één actor.")
    onbekend = all(d.partij is None for d in aanmelding.deelnemers)
    klant_begon = any(d.initiator for d in aanmelding.deelnemers)
    if aanmelding.deelnemers and onbekend and klant_begon and aanmelding.opvolging is None:
        # R1: of someone not identified, only what needs follow-up is registered.
        errors["opvolging"] = gettext(
            "Van iemand van wie de identiteit niet vaststaat wordt alleen een contact "
            "vastgelegd als er opvolging nodig is."
        )
    if errors:
        raise ValidationError(errors)


def _claim(bron: Bron) -> Bronbericht | None:
    """Claim ``bron`` for this transaction, or return the earlier registration. On
    PostgreSQL a second claim of the same key waits until the first transaction ends:
    after its commit the key is taken, after a rollback the claim succeeds."""
    try:
        with transaction.atomic():
            Bronbericht.objects.create(
                sleutel=bron.sleutel, bron=bron.bron[:200], bericht_id=bron.bericht_id
            )
    except IntegrityError:
        return eerder_geregistreerd(bron)
    return None


# -- registering ----------------------------------------------------------------------------


def _registreer(
    aanmelding: Contactaanmelding, by: ChangeContext, register: Zakenregister | None
) -> tuple[Klantcontact, InterneTaak | None]:
    eerste, *overige = aanmelding.deelnemers
    inhoud = kort(aanmelding.inhoud, INHOUD_MAX)
    reactie = kort(aanmelding.reactie, REACTIE_MAX)
    klantcontact, betrokkene, _ = maak_klantcontact(
        {
            "kanaal": aanmelding.kanaal,
            "onderwerp": kort(aanmelding.onderwerp, ONDERWERP_MAX) or gettext("(geen onderwerp)"),
            "inhoud": inhoud,
            "reactie": reactie,
            "indicatie_contact_gelukt": aanmelding.indicatie_contact_gelukt,
            "taal": aanmelding.taal,
            "vertrouwelijk": aanmelding.vertrouwelijk,
            "plaatsgevonden_op": aanmelding.plaatsgevonden_op or timezone.now(),
            "metadata": _metadata(aanmelding),
        },
        _betrokkene(eerste),
        None,
        by,
        actoren=aanmelding.actoren,
    )
    assert betrokkene is not None
    _adressen(betrokkene, eerste, "betrokkene", by)
    for index, deelnemer in enumerate(overige, start=1):
        extra = create_betrokkene({**_betrokkene(deelnemer), "had_klantcontact": klantcontact}, by)
        _adressen(extra, deelnemer, f"betrokkene{index}", by)
    _onderwerpen(klantcontact, aanmelding, by)
    for verwijzing in aanmelding.bijlagen:
        create_bijlage({"was_bijlage_van_klantcontact": klantcontact, **verwijzing}, by)
    taak = _opvolging(klantcontact, aanmelding, by)
    # Last: once a document is in the register, nothing after it can fail on the input
    # and leave it there unlinked.
    documenten = [*aanmelding.documenten, *_volledige_teksten(aanmelding, inhoud, reactie)]
    if documenten:
        if register is None:
            raise RegisterFout(
                gettext("Er is geen documentenregister om de bijlagen in op te slaan.")
            )
        for document in documenten:
            _bewaar(klantcontact, document, aanmelding, register, by)
    return klantcontact, taak


def _metadata(aanmelding: Contactaanmelding) -> dict[str, str]:
    metadata = dict(aanmelding.metadata)
    if aanmelding.bron is not None:
        # R14: the source message's id, for whoever reads the contact.
        metadata.setdefault("bronBerichtId", aanmelding.bron.bericht_id[:METADATA_VALUE_MAX_LENGTH])
    return metadata


def _betrokkene(deelnemer: Deelnemer) -> dict[str, Any]:
    changes: dict[str, Any] = {"rol": deelnemer.rol, "initiator": deelnemer.initiator}
    if deelnemer.partij is not None:
        changes["was_partij"] = deelnemer.partij
    for veld, waarde in (
        ("contactnaam_voornaam", deelnemer.voornaam),
        ("contactnaam_voorvoegsel_achternaam", deelnemer.voorvoegsel),
        ("contactnaam_achternaam", deelnemer.achternaam),
        ("organisatienaam", deelnemer.organisatienaam),
    ):
        if waarde:
            changes[veld] = waarde
    changes.update(
        {f"correspondentieadres_{k}": v for k, v in deelnemer.correspondentieadres.items()}
    )
    return changes


def _adressen(betrokkene: Betrokkene, deelnemer: Deelnemer, deel: str, by: ChangeContext) -> None:
    for adres in deelnemer.adressen:
        try:
            create_digitaal_adres(
                {
                    "verstrekt_door_betrokkene": betrokkene,
                    "adres": adres.adres,
                    "soort_digitaal_adres": adres.soort,
                    "omschrijving": adres.omschrijving,
                },
                by,
            )
        except ValidationError as error:
            raise ValidationError({f"{deel}.adres.{adres.soort}": error.messages}) from None


def _onderwerpen(
    klantcontact: Klantcontact, aanmelding: Contactaanmelding, by: ChangeContext
) -> None:
    if aanmelding.zaak is not None:
        koppel_zaak(klantcontact, aanmelding.zaak, by)
    if aanmelding.vervolg_op is not None:
        create_onderwerpobject(
            {"klantcontact": klantcontact, "was_klantcontact": aanmelding.vervolg_op}, by
        )
    for identificator in aanmelding.onderwerpen:
        create_onderwerpobject({"klantcontact": klantcontact, **identificator}, by)


def _opvolging(
    klantcontact: Klantcontact, aanmelding: Contactaanmelding, by: ChangeContext
) -> InterneTaak | None:
    opvolging = aanmelding.opvolging
    if opvolging is None:
        return None
    return vraag_opvolging_aan(
        klantcontact,
        gevraagde_handeling=opvolging.gevraagde_handeling,
        toegewezen_aan=opvolging.toegewezen_aan,
        toelichting=kort(opvolging.toelichting, 1000),
        prioriteit=opvolging.prioriteit,
        uiterlijk_op=opvolging.uiterlijk_op,
        door=aanmelding.actoren[0],
        by=by,
    )


def _volledige_teksten(aanmelding: Contactaanmelding, inhoud: str, reactie: str) -> list[Document]:
    """R5: a text that was cut, whole, as a plain-text document."""
    if not aanmelding.volledige_tekst_bewaren:
        return []
    documenten = []
    for tekst, opgeslagen, titel in (
        (aanmelding.inhoud.strip(), inhoud, gettext("Volledige tekst")),
        (aanmelding.reactie.strip(), reactie, gettext("Volledig antwoord")),
    ):
        if tekst != opgeslagen:
            naam = f"{titel.lower().replace(' ', '-')}.txt"
            bestand = Bestand(naam=naam, inhoud=tekst.encode("utf-8"), formaat="text/plain")
            documenten.append(Document(bestand=bestand, titel=titel))
    return documenten


def _bewaar(
    klantcontact: Klantcontact,
    document: Document,
    aanmelding: Contactaanmelding,
    register: Zakenregister,
    by: ChangeContext,
) -> None:
    """The document in the Documenten API, attached to the contact and, about a zaak,
    related to it."""
    titel = kort(document.titel or document.bestand.naam or gettext("Bijlage"), 200)
    if aanmelding.zaak is not None:
        document_toevoegen(
            klantcontact,
            aanmelding.zaak,
            bestand=document.bestand,
            titel=titel,
            register=register,
            by=by,
            beschrijving=document.beschrijving,
            vertrouwelijkheid="vertrouwelijk" if klantcontact.vertrouwelijk else "",
            namens=aanmelding.namens,
            informatieobjecttype=document.informatieobjecttype,
        )
        return
    document_bij_contact(
        klantcontact,
        bestand=document.bestand,
        titel=titel,
        informatieobjecttype=aanmelding.documenttype
        or settings.KLANTBEELD_BIJLAGE_INFORMATIEOBJECTTYPE,
        register=register,
        by=by,
    )
