"""Future appointments from Qmatic Orchestra's calendar, as Open Inwoner reads them: the
customer by e-mail address (``appointment/customers/identify;email=…``), then that
customer's appointments (``calendar-backend/public/api/v1/customers/{publicId}/
appointments``), with the API key in ``X-Api-Key``.

Qmatic knows a customer by e-mail address, not by BSN. So only addresses the municipality
has verified as the resident's own are asked for (``verificatieDatum`` set): an address
anyone could type in would show them someone else's appointments (R12)."""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import SoortDigitaalAdres
from klantbeeld.integrations.zgw.client import seconds
from klantbeeld.integrations.zgw.zaken import Storing

REGISTER = "Afsprakensysteem"


@dataclass(frozen=True)
class Afspraak:
    dienst: str
    start: datetime.datetime
    eind: datetime.datetime
    locatie: str
    adres: str
    public_id: str
    # Where the resident changes or cancels it (KLANTBEELD_AFSPRAKEN_BEHEER_URL), if set.
    beheren: str = ""


@dataclass
class Afsprakenoverzicht:
    afspraken: list[Afspraak] = field(default_factory=list)
    storingen: list[Storing] = field(default_factory=list)


class AfsprakenFout(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(f"{REGISTER}: {message}")
        self.message = message


def ingesteld() -> bool:
    return bool(settings.KLANTBEELD_AFSPRAKEN_API_ROOT)


def geverifieerde_adressen(partij: Partij | None) -> list[str]:
    """The partij's own e-mail addresses that were verified."""
    if partij is None:
        return []
    adressen = partij.digitale_adressen.filter(
        soort_digitaal_adres=SoortDigitaalAdres.EMAIL, verificatie_datum__isnull=False
    ).values_list("adres", flat=True)
    return sorted({adres.strip().lower() for adres in adressen if adres.strip()})


def toekomstige_afspraken(
    adressen: list[str], *, http: httpx.Client | None = None, nu: datetime.datetime | None = None
) -> Afsprakenoverzicht:
    """The appointments from now on of the customers with these e-mail addresses, soonest
    first; a Storing when the system does not answer in time."""
    overzicht = Afsprakenoverzicht()
    if not adressen:
        return overzicht
    if not ingesteld():
        return overzicht  # a municipality without an appointment system shows none
    nu = nu or datetime.datetime.now(datetime.UTC)
    client = http or httpx.Client()
    try:
        vraag = _Vraag(client)
        gezien: set[str] = set()
        for adres in adressen:
            for afspraak in vraag.afspraken(adres):
                if afspraak.public_id not in gezien and afspraak.eind >= nu:
                    gezien.add(afspraak.public_id)
                    overzicht.afspraken.append(afspraak)
    except AfsprakenFout as fout:
        overzicht.storingen.append(Storing(REGISTER, fout.message))
    finally:
        if http is None:
            client.close()
    overzicht.afspraken.sort(key=lambda a: a.start)
    return overzicht


class _Vraag:
    def __init__(self, http: httpx.Client) -> None:
        root = settings.KLANTBEELD_AFSPRAKEN_API_ROOT
        self.root = root if root.endswith("/") else f"{root}/"
        self.http = http
        self.deadline = settings.KLANTBEELD_AFSPRAKEN_DEADLINE
        self.tot = time.monotonic() + self.deadline

    def afspraken(self, adres: str) -> list[Afspraak]:
        klanten = self._get(f"appointment/customers/identify;email={quote(adres, safe='@')}")
        if not isinstance(klanten, list):
            return []
        gevonden: list[Afspraak] = []
        for klant in klanten:
            public_id = klant.get("publicId") if isinstance(klant, dict) else None
            if not isinstance(public_id, str):
                continue
            lijst = self._get(
                f"calendar-backend/public/api/v1/customers/{quote(public_id)}/appointments"
            )
            items = lijst.get("appointmentList") if isinstance(lijst, dict) else None
            for item in items if isinstance(items, list) else []:
                afspraak = _afspraak(item)
                if afspraak is not None:
                    gevonden.append(afspraak)
        return gevonden

    @sensitive_variables("headers")
    def _get(self, pad: str) -> Any:
        over = self.tot - time.monotonic()
        if over <= 0:
            raise AfsprakenFout(f"gaf geen antwoord binnen {seconds(self.deadline)}")
        headers = {"X-Api-Key": settings.KLANTBEELD_AFSPRAKEN_API_KEY, "Accept": "application/json"}
        try:
            response = self.http.get(f"{self.root}{pad}", headers=headers, timeout=over)
        except httpx.TimeoutException as error:
            raise AfsprakenFout(f"gaf geen antwoord binnen {seconds(self.deadline)}") from error
        except httpx.HTTPError as error:
            raise AfsprakenFout("is niet bereikbaar") from error
        if response.status_code == 404:
            return None  # no such customer: no appointments
        if not response.is_success:
            raise AfsprakenFout(f"antwoordde met HTTP {response.status_code}")
        try:
            return response.json()
        except ValueError as error:
            raise AfsprakenFout("antwoordde niet met JSON") from error


def _moment(value: Any) -> datetime.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%f%z")
    except ValueError:
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _afspraak(item: Any) -> Afspraak | None:
    if not isinstance(item, dict):
        return None
    start, eind = _moment(item.get("start")), _moment(item.get("end"))
    public_id = item.get("publicId")
    if start is None or eind is None or not isinstance(public_id, str):
        return None
    diensten = [
        str(s["name"]) for s in item.get("services") or [] if isinstance(s, dict) and s.get("name")
    ]
    gevonden = item.get("branch")
    branch: dict[str, Any] = gevonden if isinstance(gevonden, dict) else {}
    delen = (branch.get("addressLine2"), branch.get("addressZip"), branch.get("addressCity"))
    adres = ", ".join(str(deel) for deel in delen if deel)
    beheer = settings.KLANTBEELD_AFSPRAKEN_BEHEER_URL
    return Afspraak(
        dienst=", ".join(diensten) or str(item.get("title") or ""),
        start=start,
        eind=eind,
        locatie=str(branch.get("name") or ""),
        adres=adres,
        public_id=public_id,
        beheren=f"{beheer}{quote(public_id)}" if beheer else "",
    )
