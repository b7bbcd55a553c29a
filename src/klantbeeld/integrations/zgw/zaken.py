"""A partij's zaken, read from every configured Zaken API when they are looked at.

All registers are asked at once, and each zaak's details (status history, documents,
besluiten) are fetched side by side, within one deadline. A register that fails or is too
slow leaves a ``Storing`` in the result, and the rest is still shown: a partial answer that
says so, never an error page and never silence."""

from __future__ import annotations

import concurrent.futures
import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings

from klantbeeld.domain.models import Partij
from klantbeeld.domain.models.partijen import CodeSoortObjectId
from klantbeeld.integrations.models import Soort
from klantbeeld.integrations.zgw.client import ZgwClient, ZgwError, seconds

T = TypeVar("T")

# The ZGW confidentiality levels, from least to most confidential.
VERTROUWELIJKHEID = (
    "openbaar",
    "beperkt_openbaar",
    "intern",
    "zaakvertrouwelijk",
    "vertrouwelijk",
    "confidentieel",
    "geheim",
    "zeer_geheim",
)

# Which rol filters find a partij by each of its identificatoren. Registers differ in where
# they keep an organisation's number (a niet-natuurlijk persoon or a vestiging), so each
# identifier is tried in every place the Zaken API allows.
_ROL_FILTERS: dict[str, tuple[str, ...]] = {
    CodeSoortObjectId.BSN: ("rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn",),
    CodeSoortObjectId.KVK_NUMMER: (
        "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__kvkNummer",
        "rol__betrokkeneIdentificatie__vestiging__kvkNummer",
    ),
    CodeSoortObjectId.VESTIGINGSNUMMER: (
        "rol__betrokkeneIdentificatie__vestiging__vestigingsNummer",
        "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__vestigingsNummer",
    ),
    CodeSoortObjectId.RSIN: ("rol__betrokkeneIdentificatie__nietNatuurlijkPersoon__innNnpId",),
}
_EXPAND = "zaaktype,status,status.statustype"


def mag_zien(aanduiding: str | None, maximum: str) -> bool:
    """Whether something marked ``aanduiding`` may be shown to someone cleared up to
    ``maximum``. An unknown marking counts as the most confidential (fail closed)."""
    if aanduiding not in VERTROUWELIJKHEID:
        return False
    return VERTROUWELIJKHEID.index(aanduiding) <= VERTROUWELIJKHEID.index(maximum)


@dataclass(frozen=True)
class Storing:
    """A register (or part of one) that did not answer; the user is told which and why."""

    register: str
    melding: str


@dataclass(frozen=True)
class Status:
    omschrijving: str
    datum: str
    toelichting: str = ""
    eindstatus: bool = False
    # What the resident is told at this status (the statustype's statustekst).
    tekst: str = ""


@dataclass(frozen=True)
class Document:
    url: str
    titel: str
    bestandsnaam: str
    formaat: str
    creatiedatum: str
    vertrouwelijkheid: str
    download: str


@dataclass(frozen=True)
class Besluit:
    url: str
    identificatie: str
    besluittype: str
    datum: str
    ingangsdatum: str
    vervaldatum: str
    toelichting: str


@dataclass
class Zaak:
    url: str
    uuid: str
    identificatie: str
    omschrijving: str
    zaaktype_url: str
    zaaktype: str
    register: str
    startdatum: str
    einddatum_gepland: str
    uiterlijke_einddatum_afdoening: str
    einddatum: str
    vertrouwelijkheid: str
    status: Status | None = None
    statussen: list[Status] = field(default_factory=list)
    documenten: list[Document] = field(default_factory=list)
    besluiten: list[Besluit] = field(default_factory=list)
    storingen: list[Storing] = field(default_factory=list)

    @property
    def afgesloten(self) -> bool:
        return bool(self.einddatum)

    @property
    def verwachte_einddatum(self) -> str:
        return self.einddatum_gepland or self.uiterlijke_einddatum_afdoening


@dataclass
class Zaakoverzicht:
    zaken: list[Zaak] = field(default_factory=list)
    storingen: list[Storing] = field(default_factory=list)

    @property
    def volledig(self) -> bool:
        return not self.storingen and not any(zaak.storingen for zaak in self.zaken)


def zaken_van_partij(
    partij: Partij,
    *,
    max_vertrouwelijkheid: str,
    met_details: bool = True,
    client: ZgwClient | None = None,
) -> Zaakoverzicht:
    """The zaken in which ``partij`` has a rol, in every active Zaken API, up to the
    confidentiality ``max_vertrouwelijkheid``; open zaken first, newest first."""
    overzicht = Zaakoverzicht()
    zoekvragen = rol_filters(partij)
    with client or ZgwClient() as zgw:
        registers = zgw.of_kind(Soort.ZAKEN)
        if not registers:
            overzicht.storingen.append(Storing("Zaken", "er is geen Zaken API ingesteld"))
            return overzicht
        if not zoekvragen:
            return overzicht  # nothing to find a partij by (e.g. an anonymous contact person)
        deadline = time.monotonic() + settings.KLANTBEELD_ZGW_DEADLINE
        gevonden: dict[str, tuple[str, dict[str, Any]]] = {}
        tasks = {
            (register.naam, i): _zoek(zgw, register.api_root, vraag, max_vertrouwelijkheid)
            for register in registers
            for i, vraag in enumerate(zoekvragen)
        }
        for (naam, _), outcome in _side_by_side(tasks, deadline).items():
            if isinstance(outcome, Storing):
                _add_once(overzicht.storingen, Storing(naam, outcome.melding))
                continue
            for data in outcome:
                gevonden.setdefault(data["url"], (naam, data))
        zaken = {
            url: _zaak(naam, data)
            for url, (naam, data) in gevonden.items()
            if mag_zien(data.get("vertrouwelijkheidaanduiding"), max_vertrouwelijkheid)
        }
        details = {
            url: _details(zgw, zaak, gevonden[url][1], max_vertrouwelijkheid, met_details)
            for url, zaak in zaken.items()
        }
        for url, uitkomst in _side_by_side(details, deadline).items():
            if isinstance(uitkomst, Storing):
                zaak = zaken[url]
                zaak.storingen.append(
                    Storing(zaak.register, f"gegevens van {zaak.identificatie}: {uitkomst.melding}")
                )
        overzicht.zaken = sorted(zaken.values(), key=_volgorde)
    return overzicht


def rol_filters(partij: Partij) -> list[dict[str, str]]:
    """One query per way the register may know this partij."""
    vragen = []
    for soort, object_id in partij.partij_identificatoren.values_list(
        "partij_identificator_code_soort_object_id", "partij_identificator_object_id"
    ).order_by("pk"):
        for name in _ROL_FILTERS.get(soort, ()):
            vragen.append({name: object_id})
    return vragen


def _zoek(
    zgw: ZgwClient, root: str, vraag: dict[str, str], maximum: str
) -> Callable[[], list[dict[str, Any]]]:
    params = {**vraag, "expand": _EXPAND, "maximaleVertrouwelijkheidaanduiding": maximum}
    return lambda: zgw.get_list(f"{root}zaken", params)


def _zaak(register: str, data: dict[str, Any]) -> Zaak:
    return Zaak(
        url=data["url"],
        uuid=data.get("uuid", data["url"].rstrip("/").rsplit("/", 1)[-1]),
        identificatie=data.get("identificatie", ""),
        omschrijving=data.get("omschrijving", ""),
        zaaktype_url=data["zaaktype"],
        zaaktype="",
        register=register,
        startdatum=data.get("startdatum") or "",
        einddatum_gepland=data.get("einddatumGepland") or "",
        uiterlijke_einddatum_afdoening=data.get("uiterlijkeEinddatumAfdoening") or "",
        einddatum=data.get("einddatum") or "",
        vertrouwelijkheid=data.get("vertrouwelijkheidaanduiding") or "",
    )


def _details(
    zgw: ZgwClient, zaak: Zaak, data: dict[str, Any], maximum: str, met_details: bool
) -> Callable[[], None]:
    """Fill in what the list did not carry. Each part that fails leaves a Storing on the
    zaak and the other parts still come."""

    def fill() -> None:
        expanded = data.get("_expand") or {}
        _part(zaak, "zaaktype", lambda: _zaaktype(zgw, zaak, expanded))
        _part(zaak, "status", lambda: _huidige_status(zgw, zaak, data, expanded))
        if met_details:
            _part(zaak, "statusgeschiedenis", lambda: _statussen(zgw, zaak))
            _part(zaak, "documenten", lambda: _documenten(zgw, zaak, maximum))
            _part(zaak, "besluiten", lambda: _besluiten(zgw, zaak))

    return fill


def _part(zaak: Zaak, wat: str, fetch: Callable[[], None]) -> None:
    try:
        fetch()
    except ZgwError as error:
        zaak.storingen.append(Storing(error.service, f"{wat} van {zaak.identificatie}: {error}"))


def _zaaktype(zgw: ZgwClient, zaak: Zaak, expanded: dict[str, Any]) -> None:
    zaaktype = expanded.get("zaaktype") or zgw.get(zaak.zaaktype_url)
    zaak.zaaktype = zaaktype.get("omschrijving") or zaaktype.get("identificatie", "")


def _huidige_status(
    zgw: ZgwClient, zaak: Zaak, data: dict[str, Any], expanded: dict[str, Any]
) -> None:
    if not data.get("status"):
        return
    status = expanded.get("status") or zgw.get(data["status"])
    statustype = (status.get("_expand") or {}).get("statustype") or zgw.get(status["statustype"])
    zaak.status = _status(status, statustype)


def _status(status: dict[str, Any], statustype: dict[str, Any]) -> Status:
    return Status(
        omschrijving=statustype.get("omschrijving") or "",
        datum=status.get("datumStatusGezet", ""),
        toelichting=status.get("statustoelichting") or "",
        eindstatus=bool(statustype.get("isEindstatus")),
        tekst=statustype.get("statustekst") or "",
    )


def _statussen(zgw: ZgwClient, zaak: Zaak) -> None:
    root = zgw.service_for(zaak.url).api_root
    statussen = zgw.get_list(f"{root}statussen", {"zaak": zaak.url})
    regels = [_status(s, zgw.get(s["statustype"])) for s in statussen]
    zaak.statussen = sorted(regels, key=lambda s: s.datum)


def _documenten(zgw: ZgwClient, zaak: Zaak, maximum: str) -> None:
    root = zgw.service_for(zaak.url).api_root
    relaties = zgw.get_list(f"{root}zaakinformatieobjecten", {"zaak": zaak.url})
    documenten = []
    for relatie in relaties:
        eio = zgw.get(relatie["informatieobject"])
        if not mag_zien(eio.get("vertrouwelijkheidaanduiding"), maximum):
            continue
        documenten.append(
            Document(
                url=eio["url"],
                titel=eio.get("titel", ""),
                bestandsnaam=eio.get("bestandsnaam") or "",
                formaat=eio.get("formaat") or "",
                creatiedatum=eio.get("creatiedatum") or "",
                vertrouwelijkheid=eio.get("vertrouwelijkheidaanduiding") or "",
                download=eio.get("inhoud") or "",
            )
        )
    zaak.documenten = sorted(documenten, key=lambda d: d.creatiedatum, reverse=True)


def _besluiten(zgw: ZgwClient, zaak: Zaak) -> None:
    besluiten = []
    for service in zgw.of_kind(Soort.BESLUITEN):
        for besluit in zgw.get_list(f"{service.api_root}besluiten", {"zaak": zaak.url}):
            besluittype = zgw.get(besluit["besluittype"])
            besluiten.append(
                Besluit(
                    url=besluit["url"],
                    identificatie=besluit.get("identificatie") or "",
                    besluittype=besluittype.get("omschrijving") or "",
                    datum=besluit.get("datum") or "",
                    ingangsdatum=besluit.get("ingangsdatum") or "",
                    vervaldatum=besluit.get("vervaldatum") or "",
                    toelichting=besluit.get("toelichting") or "",
                )
            )
    zaak.besluiten = sorted(besluiten, key=lambda b: b.datum, reverse=True)


def _volgorde(zaak: Zaak) -> tuple[bool, int]:
    start = datetime.date.fromisoformat(zaak.startdatum) if zaak.startdatum else datetime.date.min
    return zaak.afgesloten, -start.toordinal()


def _add_once(storingen: list[Storing], storing: Storing) -> None:
    if storing not in storingen:
        storingen.append(storing)


def _side_by_side(tasks: dict[Any, Callable[[], T]], deadline: float) -> dict[Any, T | Storing]:
    """Run ``tasks`` in parallel until ``deadline`` (a ``time.monotonic()`` value). A task
    that raised a ZgwError or was not done in time gives a Storing instead of its result."""
    outcomes: dict[Any, T | Storing] = {}
    start = time.monotonic()
    if not tasks:
        return outcomes
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=min(len(tasks), 8))
    futures = {pool.submit(task): key for key, task in tasks.items()}
    done, _ = concurrent.futures.wait(futures, timeout=max(0.0, deadline - time.monotonic()))
    # Late answers are not waited for; their threads end by their own request time-out.
    pool.shutdown(wait=False, cancel_futures=True)
    for future, key in futures.items():
        if future not in done:
            outcomes[key] = Storing("", f"gaf geen antwoord binnen {seconds(deadline - start)}")
            continue
        try:
            outcomes[key] = future.result()
        except ZgwError as error:
            outcomes[key] = Storing(error.service, error.message)
    return outcomes
