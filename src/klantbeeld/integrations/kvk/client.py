"""KVK's APIs for the Handelsregister: Zoeken 2.0 (``GET v2/zoeken``), Basisprofiel 1.5
(``GET v1/basisprofielen/{kvkNummer}`` and its ``/vestigingen``) and Vestigingsprofiel 1.4
(``GET v1/vestigingsprofielen/{vestigingsnummer}``), with the API key in the ``apikey``
header."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from klantbeeld.integrations.verbinding import (
    Controle,
    Registerfout,
    controle,
    onbereikbaar,
    tls,
)

REGISTER = "Het Handelsregister (KVK)"
PER_PAGINA = 20
# No company has this number: the connection check asks for it.
NIEMAND = "00000000"


class KvkFout(Registerfout):
    pass


def ingesteld() -> bool:
    return bool(settings.KLANTBEELD_KVK_API_ROOT)


@dataclass(frozen=True)
class Zoekresultaat:
    kvk_nummer: str
    vestigingsnummer: str
    naam: str
    soort: str  # hoofdvestiging, nevenvestiging or rechtspersoon
    straat: str
    plaats: str
    actief: bool


@dataclass(frozen=True)
class Zoekresultaten:
    resultaten: list[Zoekresultaat]
    totaal: int


@dataclass(frozen=True)
class Adres:
    soort: str  # bezoekadres or correspondentieadres
    volledig: str
    straat: str
    huisnummer: int | None
    huisletter: str
    toevoeging: str
    postcode: str
    plaats: str
    postbus: int | None


@dataclass(frozen=True)
class Vestiging:
    vestigingsnummer: str
    naam: str
    hoofdvestiging: bool
    adressen: tuple[Adres, ...]
    werkzame_personen: int | None

    @property
    def bezoekadres(self) -> Adres | None:
        return next((a for a in self.adressen if a.soort == "bezoekadres"), None)

    @property
    def correspondentieadres(self) -> Adres | None:
        return next((a for a in self.adressen if a.soort == "correspondentieadres"), None)


@dataclass(frozen=True)
class Basisprofiel:
    kvk_nummer: str
    naam: str
    rechtsvorm: str
    rsin: str
    handelsnamen: tuple[str, ...]
    registratiedatum: datetime.date | None
    activiteiten: tuple[str, ...]
    hoofdvestiging: Vestiging | None


@dataclass(frozen=True)
class VestigingRegel:
    vestigingsnummer: str
    naam: str
    hoofdvestiging: bool
    adres: str


class KvkClient:
    """Look-ups in the configured Handelsregister, each within the timeout."""

    def __init__(self, *, http: httpx.Client | None = None) -> None:
        root = settings.KLANTBEELD_KVK_API_ROOT
        self.api_root = root if root.endswith("/") else f"{root}/"
        self.timeout = settings.KLANTBEELD_KVK_TIMEOUT
        self._own_http = http is None
        self.http = http or httpx.Client(**tls(settings.KLANTBEELD_KVK_CA_BUNDLE))

    def __enter__(self) -> KvkClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own_http:
            self.http.close()

    def zoek(
        self,
        *,
        naam: str = "",
        kvk_nummer: str = "",
        postcode: str = "",
        huisnummer: int | None = None,
        pagina: int = 1,
    ) -> Zoekresultaten:
        """The registrations (rechtspersonen and vestigingen) that answer; none found is
        an empty list, not an error."""
        params: dict[str, str | int] = {"pagina": pagina, "resultatenPerPagina": PER_PAGINA}
        if naam:
            params["naam"] = naam
        if kvk_nummer:
            params["kvkNummer"] = kvk_nummer
        if postcode:
            params["postcode"] = postcode.replace(" ", "").upper()
        if huisnummer is not None:
            params["huisnummer"] = huisnummer
        antwoord = self._get("v2/zoeken", params)
        if antwoord is None:
            return Zoekresultaten([], 0)
        totaal = antwoord.get("totaal")
        resultaten = [_resultaat(i) for i in _lijst(antwoord, "resultaten")]
        return Zoekresultaten(resultaten, totaal if isinstance(totaal, int) else len(resultaten))

    def basisprofiel(self, kvk_nummer: str) -> Basisprofiel | None:
        """The company's Basisprofiel with its hoofdvestiging; None when KVK has none."""
        data = self._get(f"v1/basisprofielen/{kvk_nummer}", {})
        if data is None:
            return None
        embedded = _object(data, "_embedded")
        eigenaar = _object(embedded, "eigenaar")
        hoofd = embedded.get("hoofdvestiging")
        return Basisprofiel(
            kvk_nummer=_tekst(data, "kvkNummer"),
            naam=_tekst(data, "naam"),
            rechtsvorm=_tekst(eigenaar, "rechtsvorm"),
            rsin=_tekst(eigenaar, "rsin"),
            handelsnamen=tuple(
                _tekst(h, "naam") for h in _lijst(data, "handelsnamen") if _tekst(h, "naam")
            ),
            registratiedatum=_datum(_tekst(data, "formeleRegistratiedatum")),
            activiteiten=tuple(
                f"{_tekst(s, 'sbiCode')} {_tekst(s, 'sbiOmschrijving')}".strip()
                for s in _lijst(data, "sbiActiviteiten")
            ),
            hoofdvestiging=_vestiging(hoofd) if isinstance(hoofd, dict) else None,
        )

    def vestigingen(self, kvk_nummer: str) -> list[VestigingRegel]:
        data = self._get(f"v1/basisprofielen/{kvk_nummer}/vestigingen", {})
        if data is None:
            return []
        return [
            VestigingRegel(
                vestigingsnummer=_tekst(v, "vestigingsnummer"),
                naam=_tekst(v, "eersteHandelsnaam"),
                hoofdvestiging=_tekst(v, "indHoofdvestiging") == "Ja",
                adres=" ".join(_tekst(v, "volledigAdres").split()),
            )
            for v in _lijst(data, "vestigingen")
        ]

    def vestigingsprofiel(self, vestigingsnummer: str) -> Vestiging | None:
        data = self._get(f"v1/vestigingsprofielen/{vestigingsnummer}", {})
        return _vestiging(data) if data is not None else None

    @sensitive_variables("headers")
    def _get(self, pad: str, params: dict[str, str | int]) -> dict[str, Any] | None:
        """The answer; None for a 404 (nothing found, no such number)."""
        headers = {"apikey": settings.KLANTBEELD_KVK_API_KEY, "Accept": "application/json"}
        try:
            response = self.http.get(
                f"{self.api_root}{pad}", params=params, headers=headers, timeout=self.timeout
            )
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise KvkFout(onbereikbaar(REGISTER, error, self.timeout)) from error
        if response.status_code == 404:
            return None
        if not response.is_success:
            raise KvkFout(_waarom(response), response.status_code)
        try:
            data = response.json()
        except ValueError as error:
            raise KvkFout(f"{REGISTER} antwoordde niet met JSON.") from error
        if not isinstance(data, dict):
            raise KvkFout(f"{REGISTER} antwoordde niet zoals verwacht.")
        return data


def _waarom(response: httpx.Response) -> str:
    status = response.status_code
    if status in (401, 403):
        return (
            f"{REGISTER} weigert Klantbeeld de toegang (HTTP {status}): controleer de API-sleutel."
        )
    if status == 400:
        try:
            omschrijving = str(response.json()["fout"][0]["omschrijving"])
        except (ValueError, KeyError, IndexError, TypeError):
            omschrijving = ""
        return f"{REGISTER} weigert de zoekvraag{f': {omschrijving}' if omschrijving else ''}."
    if status >= 500:
        return f"{REGISTER} is tijdelijk niet beschikbaar (HTTP {status}); probeer het later."
    return f"{REGISTER} antwoordde met HTTP {status}."


def _tekst(data: Any, naam: str) -> str:
    waarde = data.get(naam) if isinstance(data, dict) else None
    return waarde if isinstance(waarde, str) else ""


def _object(data: Any, naam: str) -> dict[str, Any]:
    waarde = data.get(naam) if isinstance(data, dict) else None
    return waarde if isinstance(waarde, dict) else {}


def _getal(data: Any, naam: str) -> int | None:
    waarde = data.get(naam) if isinstance(data, dict) else None
    return waarde if isinstance(waarde, int) else None


def _lijst(data: Any, naam: str) -> list[dict[str, Any]]:
    waarde = data.get(naam) if isinstance(data, dict) else None
    return [w for w in waarde if isinstance(w, dict)] if isinstance(waarde, list) else []


def _datum(tekst: str) -> datetime.date | None:
    """KVK's yyyymmdd; None when a part is unknown (00) or it is no date."""
    try:
        return datetime.datetime.strptime(tekst, "%Y%m%d").date()
    except ValueError:
        return None


def _resultaat(item: dict[str, Any]) -> Zoekresultaat:
    adres = _object(item, "adres")
    binnen, buiten = _object(adres, "binnenlandsAdres"), _object(adres, "buitenlandsAdres")
    return Zoekresultaat(
        kvk_nummer=_tekst(item, "kvkNummer"),
        vestigingsnummer=_tekst(item, "vestigingsnummer"),
        naam=_tekst(item, "naam"),
        soort=_tekst(item, "type"),
        straat=_tekst(binnen, "straatnaam") or _tekst(buiten, "straatHuisnummer"),
        plaats=_tekst(binnen, "plaats") or _tekst(buiten, "land"),
        actief=_tekst(item, "actief") != "Nee",
    )


def _vestiging(data: dict[str, Any]) -> Vestiging:
    return Vestiging(
        vestigingsnummer=_tekst(data, "vestigingsnummer"),
        naam=_tekst(data, "eersteHandelsnaam"),
        hoofdvestiging=_tekst(data, "indHoofdvestiging") == "Ja",
        adressen=tuple(
            Adres(
                soort=_tekst(a, "type"),
                volledig=" ".join(_tekst(a, "volledigAdres").split()),
                straat=_tekst(a, "straatnaam"),
                huisnummer=_getal(a, "huisnummer"),
                huisletter=_tekst(a, "huisletter"),
                toevoeging=_tekst(a, "huisnummerToevoeging"),
                postcode=_tekst(a, "postcode"),
                plaats=_tekst(a, "plaats"),
                postbus=_getal(a, "postbusnummer"),
            )
            for a in _lijst(data, "adressen")
        ),
        werkzame_personen=_getal(data, "totaalWerkzamePersonen"),
    )


def controleer() -> Controle:
    """Is the Handelsregister configured and does it answer Klantbeeld?"""

    def vraag() -> None:
        with KvkClient() as kvk:
            kvk.zoek(kvk_nummer=NIEMAND)

    return controle(REGISTER, ingesteld(), vraag)
