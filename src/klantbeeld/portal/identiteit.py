"""Who is signed in to the portal, read from the broker's claims, and for whom they act.

A DigiD login is a person by BSN; with DigiD Machtigen the person signed in (the
gemachtigde) acts for another person (the vertegenwoordigde), whose data the portal shows.
An eHerkenning login is a company by KVK-nummer, optionally one vestiging, with the acting
employee's pseudonym; with a ketenmachtiging an intermediary company acts for it. The
portal always shows the data of ``klant``: the one acted for."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext

from klantbeeld.domain import validators
from klantbeeld.domain.models import Partij
from klantbeeld.domain.services.common import ChangeContext
from klantbeeld.domain.services.identiteit import Identiteit, bestaande_partij, partij_van
from klantbeeld.domain.services.vertegenwoordigingen import vertegenwoordigt
from klantbeeld.portal.niveaus import Niveau, niveau_van

SESSIE_SLEUTEL = "mijn_ingelogde"


class Middel(enum.StrEnum):
    DIGID = "digid"
    EHERKENNING = "eherkenning"

    @property
    def label(self) -> str:
        return {"digid": "DigiD", "eherkenning": "eHerkenning"}[self.value]


class OngeldigeInlog(Exception):
    """The broker's answer does not establish who this is; the message says why, in words
    a resident understands."""


@dataclass(frozen=True)
class Ingelogde:
    middel: Middel
    # Whose data the portal shows: the person or company acted for.
    klant: Identiteit
    niveau: Niveau
    # Who is at the keys when that is someone else (DigiD Machtigen: the gemachtigde's
    # BSN; ketenmachtiging: the intermediary's KVK-nummer).
    gemachtigde: Identiteit | None = None
    # eHerkenning: the acting employee's pseudonym (ActingSubjectID), never a name.
    handelende: str = ""
    # DigiD Machtigen: the service the mandate was given for.
    dienst: str = ""
    # The broker's subject, to recognise the same login.
    sub: str = ""

    @property
    def namens_ander(self) -> bool:
        return self.gemachtigde is not None

    def partij(self) -> Partij | None:
        """The partij of the one acted for, when there is one (R3: reading makes none)."""
        return bestaande_partij(self.klant)

    def maak_partij(self, by: ChangeContext) -> Partij:
        """The partij of the one acted for, made when an action needs one (R3). When the
        user acts for someone else, their own partij is made too and the representation
        recorded (C4823): ``maak_partijen`` gives both."""
        return self.maak_partijen(by)[0]

    @transaction.atomic
    def maak_partijen(self, by: ChangeContext) -> tuple[Partij, Partij | None]:
        """The partij of the one acted for and, when someone else is at the keys (DigiD
        Machtigen, ketenmachtiging), that representative's partij, with the
        vertegenwoordiging between them recorded once. Each is made only when missing,
        with nothing but its identificator (R3)."""
        klant = partij_van(self.klant, by)
        assert klant is not None  # a login always establishes a BSN or KVK-nummer
        if self.gemachtigde is None:
            return klant, None
        vertegenwoordiger = partij_van(self.gemachtigde, by)
        assert vertegenwoordiger is not None
        vertegenwoordigt(vertegenwoordiger, klant, by)
        return klant, vertegenwoordiger

    def wijziging(self) -> ChangeContext:
        """Who makes a change from the portal, as the audit trail records it: the portal,
        the means and a pseudonym of the broker's subject (some brokers use the BSN as
        ``sub``), never a name or a BSN."""
        wie = "gemachtigde" if self.namens_ander else "betrokkene zelf"
        pseudoniem = hashlib.sha256(f"{self.middel.value}:{self.sub}".encode()).hexdigest()
        return ChangeContext(
            applicatie="MijnGemeente",
            gebruikers_id=f"{self.middel.value}:{pseudoniem[:32]}",
            gebruikers_weergave=f"{self.middel.label} {wie}",
        )

    def als_sessie(self) -> dict[str, Any]:
        data = asdict(self)
        data["middel"] = self.middel.value
        data["niveau"] = int(self.niveau)
        return data

    @classmethod
    def uit_sessie(cls, data: dict[str, Any]) -> Ingelogde:
        gemachtigde = data.get("gemachtigde")
        return cls(
            middel=Middel(data["middel"]),
            klant=Identiteit(**data["klant"]),
            niveau=Niveau(int(data["niveau"])),
            gemachtigde=Identiteit(**gemachtigde) if gemachtigde else None,
            handelende=data.get("handelende", ""),
            dienst=data.get("dienst", ""),
            sub=data.get("sub", ""),
        )


def ingelogde(request: HttpRequest) -> Ingelogde | None:
    data = request.session.get(SESSIE_SLEUTEL)
    if not isinstance(data, dict):
        return None
    try:
        return Ingelogde.uit_sessie(data)
    except (KeyError, TypeError, ValueError):
        return None


def claim(claims: dict[str, Any], naam: str) -> Any:
    """The claim named ``naam``; when no claim has that exact name, a dotted path into a
    nested claim (``aanvrager.bsn``). URNs contain dots, so the exact name is tried first."""
    if not naam:
        return None
    if naam in claims:
        return claims[naam]
    waarde: Any = claims
    for deel in naam.split("."):
        if not isinstance(waarde, dict) or deel not in waarde:
            return None
        waarde = waarde[deel]
    return waarde


def uit_claims(middel: Middel, claims: dict[str, Any]) -> Ingelogde:
    if middel is Middel.DIGID:
        return _digid(claims)
    return _eherkenning(claims)


def _digid(claims: dict[str, Any]) -> Ingelogde:
    niveau = niveau_van(claim(claims, settings.KLANTBEELD_DIGID_CLAIM_NIVEAU))
    vertegenwoordigde = _tekst(claim(claims, settings.KLANTBEELD_DIGID_CLAIM_VERTEGENWOORDIGDE))
    sub = str(claims.get("sub", ""))
    if vertegenwoordigde:
        gemachtigde = _tekst(claim(claims, settings.KLANTBEELD_DIGID_CLAIM_GEMACHTIGDE)) or _tekst(
            claim(claims, settings.KLANTBEELD_DIGID_CLAIM_BSN)
        )
        bsn = _bsn(
            vertegenwoordigde,
            gettext("DigiD gaf geen geldig burgerservicenummer door van wie u vertegenwoordigt."),
        )
        door = _bsn(
            gemachtigde, gettext("DigiD gaf geen geldig burgerservicenummer van uzelf door.")
        )
        if bsn == door:
            raise OngeldigeInlog(gettext("Een machtiging voor uzelf is geen machtiging."))
        return Ingelogde(
            middel=Middel.DIGID,
            klant=Identiteit(bsn=bsn),
            niveau=niveau,
            gemachtigde=Identiteit(bsn=door),
            dienst=_tekst(claim(claims, settings.KLANTBEELD_DIGID_CLAIM_DIENST)),
            sub=sub,
        )
    bsn = _bsn(
        _tekst(claim(claims, settings.KLANTBEELD_DIGID_CLAIM_BSN)),
        gettext("DigiD gaf geen geldig burgerservicenummer door."),
    )
    return Ingelogde(middel=Middel.DIGID, klant=Identiteit(bsn=bsn), niveau=niveau, sub=sub)


def _eherkenning(claims: dict[str, Any]) -> Ingelogde:
    kvk = _tekst(claim(claims, settings.KLANTBEELD_EHERKENNING_CLAIM_KVK))
    try:
        validators.validate_kvk_nummer(kvk)
    except ValidationError:
        raise OngeldigeInlog(gettext("eHerkenning gaf geen geldig KVK-nummer door.")) from None
    vestiging = _tekst(claim(claims, settings.KLANTBEELD_EHERKENNING_CLAIM_VESTIGING))
    if vestiging and not (vestiging.isdigit() and len(vestiging) == 12):
        raise OngeldigeInlog(gettext("eHerkenning gaf een ongeldig vestigingsnummer door."))
    intermediair = _tekst(claim(claims, settings.KLANTBEELD_EHERKENNING_CLAIM_INTERMEDIAIR))
    gemachtigde = None
    if intermediair:
        try:
            validators.validate_kvk_nummer(intermediair)
        except ValidationError:
            raise OngeldigeInlog(
                gettext("eHerkenning gaf een ongeldig KVK-nummer door voor de intermediair.")
            ) from None
        gemachtigde = Identiteit(kvk_nummer=intermediair)
    return Ingelogde(
        middel=Middel.EHERKENNING,
        klant=Identiteit(kvk_nummer=kvk, vestigingsnummer=vestiging),
        niveau=niveau_van(claim(claims, settings.KLANTBEELD_EHERKENNING_CLAIM_NIVEAU)),
        gemachtigde=gemachtigde,
        handelende=_tekst(claim(claims, settings.KLANTBEELD_EHERKENNING_CLAIM_HANDELENDE))[:200],
        sub=str(claims.get("sub", "")),
    )


def _tekst(waarde: Any) -> str:
    if isinstance(waarde, (int, str)) and not isinstance(waarde, bool):
        return str(waarde).strip()
    return ""


def _bsn(waarde: str, melding: str) -> str:
    try:
        validators.validate_bsn(waarde)
    except ValidationError:
        raise OngeldigeInlog(melding) from None
    return waarde
