"""Zaakmeldingen (C0322): a zaak reached a status its zaaktype says to tell the customer
about (the statustype's ``informeren``), and every customer involved hears of it once.

Who: the partijen with a klantcontact about the zaak and those the zaak's customer rollen
name by BSN, KVK, RSIN or vestigingsnummer; a reporter the rol names only by contact
details (``contactpersoonRol``) is told as a person without partij. Never a chain
partner or an employee in a rol of their own (R13: behandelaar, adviseur, …).

Each person gets one zaakmelding per status (unique in the database, so a notification
delivered twice or handled by two workers at once tells nobody twice, R14). The message
itself is the channels' business: the melder they register chooses the channel (R7) and
the text, and sends it as an outbound klantcontact about the zaak; the zaakmelding keeps
the Verzending, or the reason nothing could be sent.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext

from klantbeeld.domain.models import (
    DigitaalAdres,
    Onderwerpobject,
    Partij,
    PartijIdentificator,
    Verzending,
    Zaakmelding,
)
from klantbeeld.domain.models.intake import Verzendkanaal
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services.common import ChangeContext, audit
from klantbeeld.domain.services.zaken import Contactgegevens, Zaakverwijzing, Zakenregister

# The rollen of customers (the Zaken API's omschrijvingGeneriek); the others are the
# organisation's own people and its chain partners.
KLANTROLLEN = frozenset({"initiator", "mede_initiator", "belanghebbende"})

# The channel a kind of digital address is reached on.
KANAAL_VAN: dict[str, str] = {
    SoortDigitaalAdres.EMAIL: Verzendkanaal.EMAIL,
    SoortDigitaalAdres.TELEFOONNUMMER: Verzendkanaal.SMS,
}


@dataclass(frozen=True)
class Zaakstatus:
    """A zaak's new status as the Zaken and Catalogi APIs describe it."""

    zaak: Zaakverwijzing
    status: str  # the status's URL
    statustype: str  # its statustype's URL
    omschrijving: str  # the statustype's omschrijving
    informeren: bool
    statustekst: str = ""
    datum: datetime.date | None = None  # datumStatusGezet
    zaakomschrijving: str = ""
    zaaktype_identificatie: str = ""
    zaaktype_omschrijving: str = ""


@dataclass(frozen=True)
class Rolbetrokkene:
    """Someone a rol of the zaak names: by identifier (BSN, KVK, …: ``(soort, waarde)``
    as a partij-identificator holds it), by contact details, or both."""

    url: str
    omschrijving_generiek: str
    identificatoren: tuple[tuple[str, str], ...] = ()
    contactpersoon: Contactgegevens | None = None


@dataclass(frozen=True)
class Ontvanger:
    """Who is told: a partij, or the contact details of a rol (``rol`` its URL)."""

    partij: Partij | None = None
    rol: str = ""
    contact: Contactgegevens | None = None

    @property
    def naam(self) -> str:
        if self.partij is not None:
            return self.partij.volledige_naam
        return self.contact.naam if self.contact is not None else ""

    @property
    def sleutel(self) -> str:
        """Who, as a message's source key names them."""
        if self.partij is not None:
            return f"partij:{self.partij.uuid}"
        return f"rol:{self.rol}"


@dataclass(frozen=True)
class Melding:
    """What a melder needs to tell one person: the status, who, and the zaakmelding it
    answers for; ``register`` stores the message's document."""

    zaakmelding: Zaakmelding
    status: Zaakstatus
    ontvanger: Ontvanger
    by: ChangeContext
    register: Zakenregister | None = None


# Sends one melding; returns the Verzending, or the reason nothing was sent.
Melder = Callable[[Melding], Verzending | str]
_melder: list[Melder] = []


def registreer_melder(melder: Melder) -> None:
    """Have zaakmeldingen sent by ``melder`` (the channels do this when Django starts)."""
    _melder[:] = [melder]


def zaakstatus_gewijzigd(
    status: Zaakstatus,
    rollen: Sequence[Rolbetrokkene],
    by: ChangeContext,
    *,
    register: Zakenregister | None = None,
) -> list[Zaakmelding]:
    """Tell everyone involved of ``status`` when its statustype says to, each once; the
    zaakmeldingen made now (none for a status heard before)."""
    if not status.informeren:
        return []
    meldingen = []
    with transaction.atomic():
        for ontvanger in ontvangers(status.zaak.url, rollen):
            melding = _claim(status, ontvanger)
            if melding is None:
                continue
            _meld(Melding(melding, status, ontvanger, by, register))
            audit(melding, "create", by, None)
            meldingen.append(melding)
    return meldingen


def ontvangers(zaak: str, rollen: Sequence[Rolbetrokkene]) -> list[Ontvanger]:
    """The partijen involved in ``zaak``, then the reporters its customer rollen name by
    contact details only (once per person, not when the rol names a partij too)."""
    klantrollen = [r for r in rollen if r.omschrijving_generiek in KLANTROLLEN]
    partijen = betrokken_partijen(zaak, [i for rol in klantrollen for i in rol.identificatoren])
    bekend = set(
        PartijIdentificator.objects.filter(identificeerde_partij__in=partijen).values_list(
            "partij_identificator_code_soort_object_id", "partij_identificator_object_id"
        )
    )
    gevonden = [Ontvanger(partij=partij) for partij in partijen]
    gezien: set[tuple[str, str, str]] = set()
    for rol in klantrollen:
        contact = rol.contactpersoon
        if contact is None or bekend.intersection(rol.identificatoren):
            continue
        wie = (contact.naam.strip().lower(), contact.emailadres.lower(), contact.telefoonnummer)
        if not any(wie) or wie in gezien:
            continue
        gezien.add(wie)
        gevonden.append(Ontvanger(rol=rol.url, contact=contact))
    return gevonden


def betrokken_partijen(zaak: str, identificatoren: Iterable[tuple[str, str]] = ()) -> list[Partij]:
    """The partijen with a klantcontact about ``zaak`` (its URL; an onderwerpobject may name
    it by URL or by uuid), and those known by one of ``identificatoren`` (soort, waarde:
    the betrokkenen the zaak's rollen name)."""
    uuid = zaak.rstrip("/").rsplit("/", 1)[-1]
    over_zaak = Onderwerpobject.objects.filter(
        onderwerpobjectidentificator_object_id__in=[zaak, uuid],
        onderwerpobjectidentificator_code_objecttype__icontains="zaak",
    )
    wie = Q(betrokkenen__had_klantcontact__onderwerpobjecten__in=over_zaak)
    for soort, waarde in identificatoren:
        wie |= Q(
            partij_identificatoren__partij_identificator_code_soort_object_id=soort,
            partij_identificatoren__partij_identificator_object_id=waarde,
        )
    return list(
        Partij.objects.filter(wie)
        .distinct()
        .order_by("pk")
        .select_related("voorkeurs_digitaal_adres")
    )


def digitale_adressen(ontvanger: Ontvanger) -> list[tuple[str, str]]:
    """(kanaal, adres) to reach ``ontvanger`` on, in R7's order: the partij's preferred
    digital address, then its e-mail addresses, then its phone numbers (the standard
    address of each kind first); for a reporter their e-mail address, then their phone."""
    if ontvanger.partij is None:
        contact = ontvanger.contact
        if contact is None:
            return []
        return [
            (kanaal, adres)
            for kanaal, adres in (
                (Verzendkanaal.EMAIL, contact.emailadres),
                (Verzendkanaal.SMS, contact.telefoonnummer),
            )
            if adres
        ]
    partij = ontvanger.partij
    adressen = sorted(
        DigitaalAdres.objects.filter(
            verstrekt_door_partij=partij, soort_digitaal_adres__in=list(KANAAL_VAN)
        ),
        key=lambda a: (
            a.pk != partij.voorkeurs_digitaal_adres_id,
            a.soort_digitaal_adres != SoortDigitaalAdres.EMAIL,
            not a.is_standaard_adres,
            a.pk,
        ),
    )
    return [(KANAAL_VAN[a.soort_digitaal_adres], a.adres) for a in adressen]


# -- inside -----------------------------------------------------------------------------


def _claim(status: Zaakstatus, ontvanger: Ontvanger) -> Zaakmelding | None:
    """The zaakmelding of ``status`` for ``ontvanger``, or None when there is one already.
    On PostgreSQL a second worker's insert waits for the first one's transaction."""
    melding = Zaakmelding(
        partij=ontvanger.partij,
        rol="" if ontvanger.partij is not None else ontvanger.rol,
        contactpersoon=ontvanger.naam[:200] if ontvanger.partij is None else "",
        zaak=status.zaak.url,
        zaak_identificatie=status.zaak.identificatie[:40],
        zaaktype=status.zaak.zaaktype,
        status=status.status,
        status_omschrijving=status.omschrijving[:80],
    )
    try:
        with transaction.atomic():
            melding.save()
    except IntegrityError:
        return None
    return melding


def _meld(melding: Melding) -> None:
    if not _melder:
        uitkomst: Verzending | str = gettext(
            "Zaakmeldingen worden niet verstuurd: er is geen kanaal voor ingesteld."
        )
    else:
        uitkomst = _melder[0](melding)
    zaakmelding = melding.zaakmelding
    if isinstance(uitkomst, Verzending):
        zaakmelding.verzending = uitkomst
    else:
        zaakmelding.reden = uitkomst
    zaakmelding.save(update_fields=["verzending", "reden"])
