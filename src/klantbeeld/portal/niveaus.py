"""Levels of assurance (betrouwbaarheidsniveaus) of a login, and the lowest level each
function of the portal demands (settings ``KLANTBEELD_MIJN_NIVEAU_*``)."""

from __future__ import annotations

import enum

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class Niveau(enum.IntEnum):
    ONBEKEND = 0
    BASIS = 1
    MIDDEN = 2
    SUBSTANTIEEL = 3
    HOOG = 4

    @property
    def label(self) -> str:
        return self.name.lower()


# The values brokers send: DigiD's SAML authentication contexts (Logius), eHerkenning's
# assurance classes, eIDAS' levels, and the plain names.
_WAARDEN: dict[str, Niveau] = {
    "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport": Niveau.BASIS,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract": Niveau.MIDDEN,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard": Niveau.SUBSTANTIEEL,
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI": Niveau.HOOG,
    "urn:etoegang:core:assurance-class:loa2": Niveau.BASIS,
    "urn:etoegang:core:assurance-class:loa2plus": Niveau.MIDDEN,
    "urn:etoegang:core:assurance-class:loa3": Niveau.SUBSTANTIEEL,
    "urn:etoegang:core:assurance-class:loa4": Niveau.HOOG,
    "http://eidas.europa.eu/LoA/low": Niveau.BASIS,
    "http://eidas.europa.eu/LoA/substantial": Niveau.SUBSTANTIEEL,
    "http://eidas.europa.eu/LoA/high": Niveau.HOOG,
    # DigiD's levels as numbers, as some brokers send them (10 basis … 30 hoog).
    "10": Niveau.BASIS,
    "20": Niveau.MIDDEN,
    "25": Niveau.SUBSTANTIEEL,
    "30": Niveau.HOOG,
    "basis": Niveau.BASIS,
    "midden": Niveau.MIDDEN,
    "substantieel": Niveau.SUBSTANTIEEL,
    "hoog": Niveau.HOOG,
}


def niveau_van(waarde: object) -> Niveau:
    """The level a broker's claim value stands for; an unknown or missing value is the
    lowest (fail closed: a function that demands a level refuses it)."""
    if isinstance(waarde, (list, tuple)):
        return max((niveau_van(w) for w in waarde), default=Niveau.ONBEKEND)
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        waarde = str(waarde)
    if not isinstance(waarde, str):
        return Niveau.ONBEKEND
    return _WAARDEN.get(waarde.strip(), _WAARDEN.get(waarde.strip().lower(), Niveau.ONBEKEND))


class Functie(enum.Enum):
    """What a resident does, each with its own minimum level."""

    INZIEN = "INZIEN"
    WIJZIGEN = "WIJZIGEN"
    AANVRAGEN = "AANVRAGEN"
    DOWNLOADEN = "DOWNLOADEN"


def vereist(functie: Functie) -> Niveau:
    naam = f"KLANTBEELD_MIJN_NIVEAU_{functie.value}"
    waarde = str(getattr(settings, naam)).strip().lower()
    if waarde not in {"basis", "midden", "substantieel", "hoog"}:
        raise ImproperlyConfigured(f"{naam} must be basis, midden, substantieel or hoog.")
    return _WAARDEN[waarde]
