"""The Haal Centraal BRP API Personen (``POST …/personen``): find a person by BSN, by
geslachtsnaam and geboortedatum, by postcode and huisnummer, or by name in the
municipality, asking only the fields that verify an identity (name, date of birth,
address), with the API key and the protocol headers a municipality's gateway asks
(x-doelbinding, x-verwerking: why, x-gebruiker: who, x-origin-oin)."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from klantbeeld.integrations.verbinding import (
    Controle,
    Registerfout,
    controle,
    header,
    onbereikbaar,
    tls,
)

REGISTER = "De BRP"
JSON = "application/json; charset=utf-8"
# What a search shows to tell persons apart (the API's PersoonBeperkt has these too).
ZOEKVELDEN = (
    "burgerservicenummer",
    "naam.voornamen",
    "naam.voorvoegsel",
    "naam.geslachtsnaam",
    "naam.volledigeNaam",
    "geboorte.datum",
    "adressering.adresregel1",
    "adressering.adresregel2",
    "adressering.adresregel3",
)
# What a verification compares with the register: the address in parts, and since when.
CONTROLEVELDEN = (
    *ZOEKVELDEN,
    "verblijfplaats.verblijfadres",
    "verblijfplaats.datumVan",
)
# No one has this BSN: the connection check asks for it, so no one's data is read.
NIEMAND = "000000000"


class BrpFout(Registerfout):
    pass


def ingesteld() -> bool:
    return bool(settings.KLANTBEELD_BRP_API_ROOT)


@dataclass(frozen=True)
class Protocol:
    """Why and for whom a look-up is done: the gateway's x-verwerking and x-gebruiker."""

    verwerking: str
    gebruiker: str


@dataclass(frozen=True)
class Adres:
    straat: str
    huisnummer: int | None
    huisletter: str
    huisnummertoevoeging: str
    postcode: str
    woonplaats: str
    sinds: datetime.date | None


@dataclass(frozen=True)
class Persoon:
    """A person as the BRP gave them, only what verifying an identity needs."""

    bsn: str
    voornamen: str
    voorvoegsel: str
    geslachtsnaam: str
    volledige_naam: str
    geboortedatum: datetime.date | None
    geboortedatum_tekst: str
    adresregels: tuple[str, ...]
    adres: Adres | None
    geheimhouding: bool
    overleden: bool


@dataclass(frozen=True)
class Zoekvraag:
    """What was asked. ``vraag()`` chooses the API's question: by BSN when one is given,
    else by postcode and huisnummer (narrowed by name and date of birth when given), else
    by geslachtsnaam and geboortedatum, else by name in the municipality."""

    bsn: str = ""
    geslachtsnaam: str = ""
    geboortedatum: datetime.date | None = None
    voornamen: str = ""
    voorvoegsel: str = ""
    postcode: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    huisnummertoevoeging: str = ""

    @property
    def soort(self) -> str:
        if self.bsn:
            return "RaadpleegMetBurgerservicenummer"
        if self.postcode and self.huisnummer:
            return "ZoekMetPostcodeEnHuisnummer"
        if self.geslachtsnaam and self.geboortedatum:
            return "ZoekMetGeslachtsnaamEnGeboortedatum"
        if self.geslachtsnaam and self.voornamen and settings.KLANTBEELD_BRP_GEMEENTECODE:
            return "ZoekMetNaamEnGemeenteVanInschrijving"
        raise ValueError("Geen volledige zoekvraag.")

    def vraag(self, velden: tuple[str, ...] = ZOEKVELDEN) -> dict[str, Any]:
        soort = self.soort
        body: dict[str, Any] = {"type": soort, "fields": list(velden)}
        if soort == "RaadpleegMetBurgerservicenummer":
            body["burgerservicenummer"] = [self.bsn]
            return body
        datum = self.geboortedatum.isoformat() if self.geboortedatum else ""
        if soort == "ZoekMetPostcodeEnHuisnummer":
            postcode = self.postcode.replace(" ", "").upper()
            body |= {"postcode": postcode, "huisnummer": self.huisnummer}
            body |= _gegeven(
                huisletter=self.huisletter,
                huisnummertoevoeging=self.huisnummertoevoeging,
                geslachtsnaam=self.geslachtsnaam,
                geboortedatum=datum,
            )
        elif soort == "ZoekMetGeslachtsnaamEnGeboortedatum":
            body |= {"geslachtsnaam": self.geslachtsnaam, "geboortedatum": datum}
            body |= _gegeven(voornamen=self.voornamen, voorvoegsel=self.voorvoegsel)
        else:
            body |= {
                "geslachtsnaam": self.geslachtsnaam,
                "voornamen": self.voornamen,
                "gemeenteVanInschrijving": settings.KLANTBEELD_BRP_GEMEENTECODE,
            }
            body |= _gegeven(voorvoegsel=self.voorvoegsel)
        return body


def _gegeven(**waarden: str) -> dict[str, str]:
    return {naam: waarde for naam, waarde in waarden.items() if waarde}


class BrpClient:
    """Look-ups in the configured BRP, each within the timeout."""

    def __init__(self, *, http: httpx.Client | None = None) -> None:
        root = settings.KLANTBEELD_BRP_API_ROOT
        self.url = f"{root.rstrip('/')}/personen"
        self.timeout = settings.KLANTBEELD_BRP_TIMEOUT
        self._own_http = http is None
        self.http = http or httpx.Client(
            **tls(
                settings.KLANTBEELD_BRP_CA_BUNDLE,
                settings.KLANTBEELD_BRP_CERTIFICAAT,
                settings.KLANTBEELD_BRP_SLEUTEL,
            )
        )

    def __enter__(self) -> BrpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own_http:
            self.http.close()

    def zoek(self, vraag: Zoekvraag, protocol: Protocol) -> list[Persoon]:
        """The persons who answer ``vraag`` (a BSN: that person, when there is one)."""
        antwoord = self._post(vraag.vraag(), protocol)
        return [_persoon(p) for p in antwoord.get("personen") or [] if isinstance(p, dict)]

    def raadpleeg(self, bsn: str, protocol: Protocol) -> Persoon | None:
        """The person with this BSN, with the address in parts (to compare), or None."""
        antwoord = self._post(Zoekvraag(bsn=bsn).vraag(CONTROLEVELDEN), protocol)
        personen = [p for p in antwoord.get("personen") or [] if isinstance(p, dict)]
        return _persoon(personen[0]) if personen else None

    @sensitive_variables("headers")
    def _post(self, body: dict[str, Any], protocol: Protocol) -> dict[str, Any]:
        headers = {
            settings.KLANTBEELD_BRP_API_KEY_HEADER: settings.KLANTBEELD_BRP_API_KEY,
            "Content-Type": JSON,
            "Accept": "application/json",
            "x-verwerking": header(protocol.verwerking),
            "x-gebruiker": header(protocol.gebruiker),
        }
        if settings.KLANTBEELD_BRP_DOELBINDING:
            headers["x-doelbinding"] = header(settings.KLANTBEELD_BRP_DOELBINDING)
        if settings.KLANTBEELD_BRP_ORIGIN_OIN:
            headers["x-origin-oin"] = header(settings.KLANTBEELD_BRP_ORIGIN_OIN)
        try:
            response = self.http.post(
                self.url,
                content=json.dumps(body).encode(),
                headers=headers,
                timeout=self.timeout,
            )
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise BrpFout(onbereikbaar(REGISTER, error, self.timeout)) from error
        if not response.is_success:
            raise BrpFout(_waarom(response), response.status_code)
        try:
            antwoord = response.json()
        except ValueError as error:
            raise BrpFout(f"{REGISTER} antwoordde niet met JSON.") from error
        if not isinstance(antwoord, dict):
            raise BrpFout(f"{REGISTER} antwoordde niet met personen.")
        return antwoord


def _waarom(response: httpx.Response) -> str:
    """Why the BRP refused, in words; with the parameters it names for a 400."""
    status = response.status_code
    if status in (401, 403):
        return (
            f"{REGISTER} weigert Klantbeeld de toegang (HTTP {status}): controleer de "
            "API-sleutel, het certificaat en de autorisatie."
        )
    if status == 400:
        try:
            namen = [p.get("name", "") for p in response.json().get("invalidParams", [])]
        except (ValueError, AttributeError):
            namen = []
        welke = f": {', '.join(n for n in namen if n)}" if any(namen) else ""
        return f"{REGISTER} weigert de zoekvraag{welke}."
    if status == 429:
        return f"{REGISTER} krijgt te veel vragen; probeer het over een minuut opnieuw."
    if status >= 500:
        return f"{REGISTER} is tijdelijk niet beschikbaar (HTTP {status}); probeer het later."
    return f"{REGISTER} antwoordde met HTTP {status}."


def _tekst(data: Any, *pad: str) -> str:
    for stap in pad:
        data = data.get(stap) if isinstance(data, dict) else None
    return data if isinstance(data, str) else ""


def _datum(data: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(_tekst(data, "datum"))
    except ValueError:
        return None


def _persoon(data: dict[str, Any]) -> Persoon:
    naam = data.get("naam") or {}
    geboorte = (data.get("geboorte") or {}).get("datum") or {}
    adressering = data.get("adressering") or {}
    plaats = data.get("verblijfplaats") or {}
    adres = None
    if plaats.get("type") == "Adres" and isinstance(plaats.get("verblijfadres"), dict):
        deel = plaats["verblijfadres"]
        nummer = deel.get("huisnummer")
        adres = Adres(
            straat=_tekst(deel, "officieleStraatnaam") or _tekst(deel, "korteStraatnaam"),
            huisnummer=nummer if isinstance(nummer, int) else None,
            huisletter=_tekst(deel, "huisletter"),
            huisnummertoevoeging=_tekst(deel, "huisnummertoevoeging"),
            postcode=_tekst(deel, "postcode"),
            woonplaats=_tekst(deel, "woonplaats"),
            sinds=_datum(plaats.get("datumVan")),
        )
    voornamen, voorvoegsel = _tekst(naam, "voornamen"), _tekst(naam, "voorvoegsel")
    geslachtsnaam = _tekst(naam, "geslachtsnaam")
    volledig = _tekst(naam, "volledigeNaam") or " ".join(
        d for d in (voornamen, voorvoegsel, geslachtsnaam) if d
    )
    opschorting = _tekst(data, "opschortingBijhouding", "reden", "code")
    return Persoon(
        bsn=_tekst(data, "burgerservicenummer"),
        voornamen=voornamen,
        voorvoegsel=voorvoegsel,
        geslachtsnaam=geslachtsnaam,
        volledige_naam=volledig,
        geboortedatum=_datum(geboorte),
        geboortedatum_tekst=_tekst(geboorte, "langFormaat"),
        adresregels=tuple(
            _tekst(adressering, regel)
            for regel in ("adresregel1", "adresregel2", "adresregel3")
            if _tekst(adressering, regel)
        ),
        adres=adres,
        geheimhouding=data.get("geheimhoudingPersoonsgegevens") is True,
        overleden=opschorting == "O",
    )


def controleer() -> Controle:
    """Is the BRP configured and does it answer Klantbeeld? (A question about a BSN no
    one has: no person's data is read.)"""

    def vraag() -> None:
        with BrpClient() as brp:
            brp.zoek(Zoekvraag(bsn=NIEMAND), Protocol("Verbindingscontrole", "klantbeeld"))

    return controle(REGISTER, ingesteld(), vraag)
