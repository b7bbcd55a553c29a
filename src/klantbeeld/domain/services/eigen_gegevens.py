"""What residents and companies change about their own contact data (the portal's *Mijn
gegevens*): adding and removing an e-mail address or phone number, choosing the preferred
one, and showing that an e-mail address is theirs with a link mailed to it.

Each change goes through the resource services (audited, published). An e-mail address
becomes preferred only once verified (``verificatieDatum``): mail about their matters must
reach them. The link's key is signed, expires (``KLANTBEELD_MIJN_VERIFICATIE_UREN``),
works once, only for the address as it was when sent, and only for its own partij.
"""

from __future__ import annotations

import datetime
from uuid import UUID

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from klantbeeld.domain.models import Adresverificatie, DigitaalAdres, Partij
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.digitale_adressen import (
    create_digitaal_adres,
    delete_digitaal_adres,
    update_digitaal_adres,
    zoeksleutel,
)
from klantbeeld.domain.services.partijen import update_partij

SALT = "klantbeeld.eigen_gegevens.verificatie"


class NietVanPartij(LookupError):
    """The address is not one of this partij's own (someone else's, or none)."""


class OngeldigeVerificatie(ValueError):
    """The link does not (or no longer) verify an address of this partij. ``reden``:
    ``onbekend`` (forged, or not this partij's: the same answer for both), ``gebruikt``,
    ``verlopen`` or ``veranderd`` (the address changed since the link was sent)."""

    def __init__(self, reden: str, melding: str) -> None:
        super().__init__(melding)
        self.reden = reden


def eigen_adressen(partij: Partij) -> list[DigitaalAdres]:
    return list(
        DigitaalAdres.objects.filter(verstrekt_door_partij=partij).order_by(
            "soort_digitaal_adres", "adres", "uuid"
        )
    )


def eigen_adres(partij: Partij, uuid: UUID) -> DigitaalAdres:
    """One of the partij's own addresses by its uuid; ``NietVanPartij`` for any other."""
    adres = DigitaalAdres.objects.filter(pk=uuid, verstrekt_door_partij=partij).first()
    if adres is None:
        raise NietVanPartij(str(uuid))
    return adres


def voeg_adres_toe(partij: Partij, *, soort: str, adres: str, by: ChangeContext) -> DigitaalAdres:
    """A new e-mail address or phone number of the partij, not yet verified."""
    if soort not in (SoortDigitaalAdres.EMAIL, SoortDigitaalAdres.TELEFOONNUMMER):
        raise ValidationError({"soort_digitaal_adres": gettext("Kies e-mailadres of telefoon.")})
    sleutel = zoeksleutel(soort, adres)
    if DigitaalAdres.objects.filter(
        verstrekt_door_partij=partij, soort_digitaal_adres=soort, adres_zoeksleutel=sleutel
    ).exists():
        raise ValidationError({"adres": gettext("Dit adres staat al bij uw gegevens.")})
    return create_digitaal_adres(
        {"verstrekt_door_partij": partij, "adres": adres.strip(), "soort_digitaal_adres": soort},
        by,
    )


def verwijder_adres(partij: Partij, adres: DigitaalAdres, by: ChangeContext) -> None:
    """Remove one of the partij's own addresses; being preferred, or a topic's address,
    ends with it."""
    if adres.verstrekt_door_partij_id != partij.pk:
        raise NietVanPartij(str(adres.pk))
    delete_digitaal_adres(adres, by)


def kies_voorkeursadres(partij: Partij, adres: DigitaalAdres, by: ChangeContext) -> Partij:
    """Make ``adres`` the partij's ``voorkeursDigitaalAdres``: an e-mail address only once
    it is verified."""
    if adres.verstrekt_door_partij_id != partij.pk:
        raise NietVanPartij(str(adres.pk))
    if adres.soort_digitaal_adres == SoortDigitaalAdres.EMAIL and adres.verificatie_datum is None:
        raise ValidationError(
            {
                "voorkeurs_digitaal_adres": gettext(
                    "Bevestig eerst dit e-mailadres met de link in de mail. Daarna kunt u het "
                    "als voorkeur kiezen."
                )
            }
        )
    return update_partij(partij, {"voorkeurs_digitaal_adres": adres}, by)


# -- verifying an e-mail address -------------------------------------------------------------


def vraag_verificatie(adres: DigitaalAdres) -> str:
    """A new key that verifies ``adres`` (an e-mail address of a partij), for the link."""
    if (
        adres.soort_digitaal_adres != SoortDigitaalAdres.EMAIL
        or adres.verstrekt_door_partij_id is None
    ):
        raise ValidationError({"adres": gettext("Alleen een e-mailadres wordt zo bevestigd.")})
    verificatie = Adresverificatie.objects.create(digitaal_adres=adres, adres=adres.adres)
    return signing.dumps({"v": verificatie.pk}, salt=SALT)


def geldig_tot(aangemaakt_op: datetime.datetime) -> datetime.datetime:
    return aangemaakt_op + datetime.timedelta(hours=settings.KLANTBEELD_MIJN_VERIFICATIE_UREN)


def verificatie_van(sleutel: str, partij: Partij | None) -> Adresverificatie:
    """The unused verification ``sleutel`` stands for, of an address of ``partij`` as it
    still is; ``OngeldigeVerificatie`` otherwise. Whose it is is checked first: someone
    else's link says nothing about its state."""
    try:
        inhoud = signing.loads(sleutel, salt=SALT)
    except signing.BadSignature:
        raise OngeldigeVerificatie("onbekend", gettext("Deze link is niet geldig.")) from None
    nummer = inhoud.get("v") if isinstance(inhoud, dict) else None
    verificatie = (
        Adresverificatie.objects.select_related("digitaal_adres").filter(pk=nummer).first()
        if isinstance(nummer, int)
        else None
    )
    if (
        partij is None
        or verificatie is None
        or verificatie.digitaal_adres.verstrekt_door_partij_id != partij.pk
    ):
        raise OngeldigeVerificatie("onbekend", gettext("Deze link is niet geldig."))
    if verificatie.gebruikt_op is not None:
        raise OngeldigeVerificatie("gebruikt", gettext("Deze link is al gebruikt."))
    if geldig_tot(verificatie.aangemaakt_op) < timezone.now():
        raise OngeldigeVerificatie("verlopen", gettext("Deze link is verlopen."))
    adres = verificatie.digitaal_adres
    if zoeksleutel(SoortDigitaalAdres.EMAIL, verificatie.adres) != adres.adres_zoeksleutel:
        raise OngeldigeVerificatie(
            "veranderd", gettext("Het e-mailadres is veranderd nadat de link is verstuurd.")
        )
    return verificatie


def verifieer(sleutel: str, partij: Partij | None, by: ChangeContext) -> DigitaalAdres:
    """Use the link: the address gets today's ``verificatieDatum``, the key is spent."""
    with transaction.atomic():
        verificatie = verificatie_van(sleutel, partij)
        # Locked and checked again: two clicks at once spend it once.
        locked = Adresverificatie.objects.select_for_update().get(pk=verificatie.pk)
        if locked.gebruikt_op is not None:
            raise OngeldigeVerificatie("gebruikt", gettext("Deze link is al gebruikt."))
        locked.gebruikt_op = timezone.now()
        locked.save(update_fields=["gebruikt_op"])
        return update_digitaal_adres(
            verificatie.digitaal_adres, {"verificatie_datum": timezone.localdate()}, by
        )
