"""A partij's zaken, or those of a login's identity (a BSN, a KVK-nummer with its
vestiging), read from every configured Zaken API when they are looked at; one zaak with
everything its page shows (``een_zaak``); the zaken onderwerpobjecten name
(``zaken_van_verwijzingen``).

A partij's zaken are those whose rollen carry one of its identifiers (a contact person:
those of the organisation they work for), and the zaken its own klantcontacten were about
(an organisation: its contact persons' too). The latter finds a zaak whose rol names no
identifier Klantbeeld knows, such as one made from a contact person's task.

All registers are asked at once, and each zaak's details (status history, documents,
besluiten) are fetched side by side, within one deadline. A register that fails or is too
slow leaves a ``Storing`` in the result, and the rest is still shown: a partial answer that
says so, never an error page and never silence."""

from __future__ import annotations

import concurrent.futures
import datetime
import functools
import logging
import time
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings

from klantbeeld.domain.models import Partij, PartijIdentificator
from klantbeeld.domain.models.partijen import CodeSoortObjectId, SoortPartij
from klantbeeld.domain.services.identiteit import Identiteit
from klantbeeld.domain.services.zaken import zaken_uit_contacten
from klantbeeld.integrations.models import Soort, ZgwService
from klantbeeld.integrations.zgw.client import Lijst, ZgwClient, ZgwError, seconds

T = TypeVar("T")
logger = logging.getLogger(__name__)

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
# With deelzaken (C8404): each hoofdzaak brings its deelzaken with their type and status in
# the same answer, so showing them costs no request per deelzaak.
_EXPAND_DEELZAKEN = (
    f"{_EXPAND},deelzaken,deelzaken.zaaktype,deelzaken.status,deelzaken.status.statustype"
)
# One zaak's page: its hoofdzaak too, with its type and status.
_EXPAND_EEN = (
    f"{_EXPAND_DEELZAKEN},hoofdzaak,hoofdzaak.zaaktype,hoofdzaak.status,hoofdzaak.status.statustype"
)
# The zaken a partij's contacts were about that are asked for one by one, at most.
MAX_VERWIJZINGEN = 25


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
class Eenheid:
    """An organisatorische eenheid as a rol names it."""

    identificatie: str
    naam: str


@dataclass(frozen=True)
class Status:
    omschrijving: str
    datum: str
    toelichting: str = ""
    eindstatus: bool = False
    # What the resident is told at this status (the statustype's statustekst).
    tekst: str = ""

    @property
    def moment(self) -> datetime.datetime | None:
        """When it was set, as an aware moment (the register answers in UTC): shown in
        Dutch time by whoever formats it."""
        return moment(self.datum)


@dataclass(frozen=True)
class Rol:
    """Someone involved in a zaak as a rol names them: the roltype's name, the kind of
    betrokkene, a name and the identifiers a register may hold."""

    omschrijving: str
    generiek: str
    soort: str
    naam: str
    bsn: str = ""
    kvk_nummer: str = ""
    vestigingsnummer: str = ""
    rsin: str = ""
    contactpersoon: str = ""


@dataclass(frozen=True)
class Document:
    url: str
    titel: str
    bestandsnaam: str
    formaat: str
    creatiedatum: str
    vertrouwelijkheid: str
    download: str

    @property
    def uuid(self) -> str:
        return self.url.rstrip("/").rsplit("/", 1)[-1].lower()


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
    # The hoofdzaak's URL when this is a deelzaak, and its deelzaken found with it (C8404).
    hoofdzaak: str = ""
    deelzaken: list[Zaak] = field(default_factory=list)
    # Found by the rol filters: the one searched for is a party to it. A deelzaak found only
    # through its hoofdzaak is shown, but is not theirs to act on.
    eigen: bool = True
    # The configured Zaken API (ZgwService) it came from.
    register_id: int | None = None
    # Filled in for one zaak's page (``een_zaak``): its rollen and its hoofdzaak.
    rollen: list[Rol] = field(default_factory=list)
    hoofd: Zaak | None = None

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

    @property
    def hoofdzaken(self) -> list[Zaak]:
        """The zaken that are no deelzaak of another zaak here; their deelzaken hang below
        them (``Zaak.deelzaken``)."""
        urls = {zaak.url for zaak in self.zaken}
        return [zaak for zaak in self.zaken if zaak.hoofdzaak not in urls]

    @property
    def alle_storingen(self) -> list[Storing]:
        return [*self.storingen, *(s for zaak in self.zaken for s in zaak.storingen)]


def zaken_van_partij(
    partij: Partij,
    *,
    max_vertrouwelijkheid: str,
    met_details: bool = True,
    client: ZgwClient | None = None,
) -> Zaakoverzicht:
    """The zaken in which ``partij`` has a rol, in every active Zaken API, up to the
    confidentiality ``max_vertrouwelijkheid``; open zaken first, newest first. Without
    ``met_details`` only what the list carries (zaaktype and status through ``expand``)."""
    return _zaken(
        rol_filters(partij),
        max_vertrouwelijkheid=max_vertrouwelijkheid,
        met_details=met_details,
        client=client,
        verwijzingen=zaken_uit_contacten(partij)[:MAX_VERWIJZINGEN],
    )


def zaken_van_identiteit(
    identiteit: Identiteit,
    *,
    max_vertrouwelijkheid: str,
    met_details: bool = True,
    alleen: str = "",
    client: ZgwClient | None = None,
) -> Zaakoverzicht:
    """The zaken of a login's identity, as ``zaken_van_partij`` finds them but with no
    partij needed (R3: a resident without one still sees their zaken), and with the
    deelzaken of each hoofdzaak (C8404). With ``alleen`` (a zaak's uuid) only that zaak and
    its deelzaken are kept and filled in: one zaak's page, checked to be theirs."""
    return _zaken(
        identiteit_filters(identiteit),
        max_vertrouwelijkheid=max_vertrouwelijkheid,
        met_details=met_details,
        client=client,
        met_deelzaken=True,
        alleen=alleen,
    )


def _zaken(
    zoekvragen: list[dict[str, str]],
    *,
    max_vertrouwelijkheid: str,
    met_details: bool,
    client: ZgwClient | None,
    met_deelzaken: bool = False,
    alleen: str = "",
    verwijzingen: list[str] | None = None,
) -> Zaakoverzicht:
    overzicht = Zaakoverzicht()
    zgw = client or ZgwClient()
    try:
        registers = zgw.of_kind(Soort.ZAKEN)
        if not registers:
            overzicht.storingen.append(Storing("Zaken", "er is geen Zaken API ingesteld"))
            return overzicht
        if not zoekvragen and not verwijzingen:
            return overzicht  # nothing to find a partij by (e.g. an anonymous contact person)
        deadline = time.monotonic() + settings.KLANTBEELD_ZGW_DEADLINE
        expand = _EXPAND_DEELZAKEN if met_deelzaken else _EXPAND
        gevonden = _zoek_overal(zgw, registers, zoekvragen, max_vertrouwelijkheid, deadline, expand)
        if verwijzingen:
            _verwezen(zgw, registers, gevonden, verwijzingen, deadline, expand)
        if met_deelzaken:
            _deelzaken(zgw, gevonden, deadline)
        ids = {register.naam: register.pk for register in registers}
        zaken: dict[str, Zaak] = {}
        for url, (register, data) in gevonden.zaken.items():
            if mag_zien(data.get("vertrouwelijkheidaanduiding"), max_vertrouwelijkheid):
                zaken[url] = _zaak(register, data, eigen=url not in gevonden.via_hoofdzaak)
                zaken[url].register_id = ids.get(register)
        if alleen:
            zaken = _alleen(zaken, alleen)
        overzicht.storingen.extend(gevonden.storingen)
        tasks = {
            url: _aanvulling(zgw, zaak, gevonden.zaken[url][1], max_vertrouwelijkheid, met_details)
            for url, zaak in zaken.items()
        }
        for url, uitkomst in _side_by_side(tasks, deadline).items():
            zaak = zaken[url]
            if isinstance(uitkomst, Storing):
                zaak.storingen.append(
                    Storing(zaak.register, f"gegevens van {zaak.identificatie}: {uitkomst.melding}")
                )
            else:
                uitkomst.toepassen(zaak)
        overzicht.zaken = sorted(zaken.values(), key=_volgorde)
        for zaak in overzicht.zaken:
            if zaak.hoofdzaak in zaken:
                zaken[zaak.hoofdzaak].deelzaken.append(zaak)
    finally:
        if client is None:
            zgw.__exit__(None, None, None)
        else:
            zgw.stop.set()  # late threads start no further requests on the caller's client
    return overzicht


def behandelende_eenheden(zaak_url: str, *, client: ZgwClient | None = None) -> list[Eenheid]:
    """The organisatorische eenheden with a behandelaar rol in the zaak: its handling
    teams, as the register names them."""
    zgw = client or ZgwClient()
    try:
        root = zgw.service_for(zaak_url, Soort.ZAKEN).api_root
        rollen = zgw.get_list(
            f"{root}rollen",
            {
                "zaak": zaak_url,
                "omschrijvingGeneriek": "behandelaar",
                "betrokkeneType": "organisatorische_eenheid",
            },
        )
    finally:
        if client is None:
            zgw.__exit__(None, None, None)
    eenheden = []
    for rol in rollen:
        identificatie = rol.get("betrokkeneIdentificatie")
        if isinstance(identificatie, dict):
            eenheid = Eenheid(
                _text(identificatie.get("identificatie")), _text(identificatie.get("naam"))
            )
            if eenheid.identificatie or eenheid.naam:
                eenheden.append(eenheid)
    return eenheden


def rol_filters(partij: Partij) -> list[dict[str, str]]:
    """One query per way the register may know this partij. A contact person is known by
    the organisation they work for: a zaak made for them names it (register.py)."""
    partijen = [partij.pk]
    if partij.soort_partij == SoortPartij.CONTACTPERSOON and partij.werkte_voor_partij_id:
        partijen.append(partij.werkte_voor_partij_id)
    vragen = []
    for soort, object_id in (
        PartijIdentificator.objects.filter(identificeerde_partij__in=partijen)
        .values_list("partij_identificator_code_soort_object_id", "partij_identificator_object_id")
        .order_by("identificeerde_partij_id", "pk")
    ):
        for name in _ROL_FILTERS.get(soort, ()):
            if {name: object_id} not in vragen:
                vragen.append({name: object_id})
    return vragen


def identiteit_filters(identiteit: Identiteit) -> list[dict[str, str]]:
    """One query per way a register may know this identity. A login for one vestiging
    (eHerkenning's service restriction) sees that vestiging's zaken: the KVK-nummer and the
    vestigingsnummer asked together, in each place a rol may hold them."""
    if identiteit.bsn:
        return [{name: identiteit.bsn} for name in _ROL_FILTERS[CodeSoortObjectId.BSN]]
    if not identiteit.kvk_nummer:
        return []
    if not identiteit.vestigingsnummer:
        return [
            {name: identiteit.kvk_nummer} for name in _ROL_FILTERS[CodeSoortObjectId.KVK_NUMMER]
        ]
    return [
        {
            f"{prefix}__kvkNummer": identiteit.kvk_nummer,
            f"{prefix}__vestigingsNummer": identiteit.vestigingsnummer,
        }
        for prefix in (
            "rol__betrokkeneIdentificatie__nietNatuurlijkPersoon",
            "rol__betrokkeneIdentificatie__vestiging",
        )
    ]


@dataclass
class _Gevonden:
    zaken: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    storingen: list[Storing] = field(default_factory=list)
    # Deelzaken that came only with their hoofdzaak, not through a rol.
    via_hoofdzaak: set[str] = field(default_factory=set)


def _zoek_overal(
    zgw: ZgwClient,
    registers: list[ZgwService],
    zoekvragen: list[dict[str, str]],
    maximum: str,
    deadline: float,
    expand: str = _EXPAND,
) -> _Gevonden:
    """Every register asked every question at once; zaken by URL, once each."""
    gevonden = _Gevonden()
    tasks = {
        (register.naam, i): _zoek(zgw, register.api_root, vraag, maximum, expand)
        for register in registers
        for i, vraag in enumerate(zoekvragen)
    }
    for (naam, _), uitkomst in _side_by_side(tasks, deadline).items():
        if isinstance(uitkomst, Storing):
            _add_once(gevonden.storingen, Storing(naam, uitkomst.melding))
            continue
        if uitkomst.afgekapt:
            _add_once(
                gevonden.storingen,
                Storing(naam, f"meer dan {len(uitkomst)} zaken: alleen de eerste worden getoond"),
            )
        for data in uitkomst:
            if isinstance(data, dict) and isinstance(data.get("url"), str):
                gevonden.zaken.setdefault(data["url"], (naam, data))
            else:
                _add_once(gevonden.storingen, Storing(naam, "een zaak zonder url overgeslagen"))
    return gevonden


def _zoek(
    zgw: ZgwClient, root: str, vraag: dict[str, str], maximum: str, expand: str
) -> Callable[[], Lijst]:
    params = {**vraag, "expand": expand, "maximaleVertrouwelijkheidaanduiding": maximum}
    return lambda: zgw.get_list(f"{root}zaken", params)


def _verwezen(
    zgw: ZgwClient,
    registers: list[ZgwService],
    gevonden: _Gevonden,
    verwijzingen: list[str],
    deadline: float,
    expand: str,
) -> None:
    """Add the zaken ``verwijzingen`` name (uuids or URLs) that the search did not find,
    each asked for by itself, all at once."""
    bekend = {*gevonden.zaken, *(_uuid_van(url) for url in gevonden.zaken)}
    ontbrekend = [v for v in dict.fromkeys(verwijzingen) if _sleutel(v) not in bekend]
    tasks: dict[str, Callable[[], _Gehaald]] = {
        ref: functools.partial(_haal, zgw, registers, ref, expand) for ref in ontbrekend
    }
    for uitkomst in _side_by_side(tasks, deadline).values():
        if isinstance(uitkomst, Storing):
            _add_once(gevonden.storingen, Storing(uitkomst.register, uitkomst.melding))
        elif uitkomst is not None:
            register, data = uitkomst
            gevonden.zaken.setdefault(data["url"], (register.naam, data))


_Gehaald = tuple[ZgwService, dict[str, Any]] | None


def _haal(zgw: ZgwClient, registers: list[ZgwService], ref: str, expand: str = "") -> _Gehaald:
    """The zaak an onderwerpobject names (its URL in a configured Zaken API, or its uuid in
    any of them); None when no register has it or the register will not show it (403)."""
    params = {"expand": expand} if expand else None
    if ref.startswith(("http://", "https://")):
        register = next((r for r in registers if ref.startswith(r.api_root)), None)
        if register is None or _uuid(ref.removeprefix(f"{register.api_root}zaken/")) is None:
            return None  # not a zaak of a register Klantbeeld may ask
        kandidaten = [(register, ref)]
    else:
        sleutel = _uuid(ref)
        if sleutel is None:
            return None
        kandidaten = [(r, f"{r.api_root}zaken/{sleutel}") for r in registers]
    for register, url in kandidaten:
        try:
            data = zgw.get(url, params)
        except ZgwError as error:
            if error.status in (403, 404):
                continue
            raise
        if isinstance(data.get("url"), str):
            return register, data
    return None


def een_zaak(
    register: ZgwService,
    uuid: str,
    *,
    max_vertrouwelijkheid: str,
    client: ZgwClient | None = None,
) -> Zaak | None:
    """One zaak of ``register`` with everything its page shows: status history, rollen,
    documents and besluiten up to ``max_vertrouwelijkheid``, its deelzaken and hoofdzaak
    (C8404) with their status. None when the register does not have it or it is more
    confidential than allowed (to the caller the same: it does not exist). Raises
    ``ZgwError`` when the register does not answer; parts that fail are ``storingen``."""
    zgw = client or ZgwClient()
    try:
        deadline = time.monotonic() + settings.KLANTBEELD_ZGW_DEADLINE
        gevonden = _haal(zgw, [register], uuid, _EXPAND_EEN)
        if gevonden is None:
            return None
        data = gevonden[1]
        if not mag_zien(data.get("vertrouwelijkheidaanduiding"), max_vertrouwelijkheid):
            return None
        zaak = _zaak(register.naam, data)
        zaak.register_id = register.pk
        verwant: list[tuple[Zaak, dict[str, Any]]] = []
        for gerelateerd in _verwante(zgw, register, data):
            if (
                isinstance(gerelateerd, dict)
                and isinstance(gerelateerd.get("url"), str)
                and mag_zien(gerelateerd.get("vertrouwelijkheidaanduiding"), max_vertrouwelijkheid)
            ):
                deel = _zaak(register.naam, gerelateerd, eigen=False)
                deel.register_id = register.pk
                verwant.append((deel, gerelateerd))
        tasks = {
            zaak.url: _aanvulling(
                zgw, zaak, data, max_vertrouwelijkheid, met_details=True, met_rollen=True
            ),
            **{
                deel.url: _aanvulling(zgw, deel, deeldata, max_vertrouwelijkheid, False)
                for deel, deeldata in verwant
            },
        }
        alle = {zaak.url: zaak, **{deel.url: deel for deel, _ in verwant}}
        for url, uitkomst in _side_by_side(tasks, deadline).items():
            if isinstance(uitkomst, Storing):
                wat = f"gegevens van {alle[url].identificatie}: {uitkomst.melding}"
                zaak.storingen.append(Storing(zaak.register, wat))
            else:
                uitkomst.toepassen(alle[url])
                zaak.storingen.extend(s for s in alle[url].storingen if alle[url] is not zaak)
        zaak.deelzaken = sorted(
            (deel for deel, _ in verwant if deel.url != zaak.hoofdzaak), key=_volgorde
        )
        zaak.hoofd = next((deel for deel, _ in verwant if deel.url == zaak.hoofdzaak), None)
        return zaak
    finally:
        if client is None:
            zgw.__exit__(None, None, None)
        else:
            zgw.stop.set()


def _verwante(zgw: ZgwClient, register: ZgwService, data: dict[str, Any]) -> list[Any]:
    """A zaak's deelzaken and hoofdzaak: as the register expanded them, else each asked
    for (a register that does not expand)."""
    expanded: dict[str, Any] = data["_expand"] if isinstance(data.get("_expand"), dict) else {}
    meegekomen = [*(expanded.get("deelzaken") or []), expanded.get("hoofdzaak")]
    urls = {d.get("url") for d in meegekomen if isinstance(d, dict)}
    for url in [*(data.get("deelzaken") or []), data.get("hoofdzaak")]:
        if isinstance(url, str) and url and url not in urls:
            gevonden = _haal(zgw, [register], url, _EXPAND)
            if gevonden is not None:
                meegekomen.append(gevonden[1])
    return meegekomen


def zaken_van_verwijzingen(
    verwijzingen: list[str],
    *,
    max_vertrouwelijkheid: str,
    client: ZgwClient | None = None,
) -> tuple[dict[str, Zaak], list[Storing]]:
    """The zaken these onderwerpobjecten name (uuids or URLs), by reference: identificatie
    and omschrijving for a link. Left out: what no register has, or what may not be seen
    (``max_vertrouwelijkheid``); a register that fails leaves a Storing."""
    gevonden: dict[str, Zaak] = {}
    storingen: list[Storing] = []
    if not verwijzingen:
        return gevonden, storingen
    zgw = client or ZgwClient()
    try:
        registers = zgw.of_kind(Soort.ZAKEN)
        deadline = time.monotonic() + settings.KLANTBEELD_ZGW_DEADLINE
        tasks: dict[str, Callable[[], _Gehaald]] = {
            ref: functools.partial(_haal, zgw, registers, ref)
            for ref in dict.fromkeys(verwijzingen)
        }
        for ref, uitkomst in _side_by_side(tasks, deadline).items():
            if isinstance(uitkomst, Storing):
                _add_once(storingen, uitkomst)
            elif uitkomst is not None:
                register, data = uitkomst
                if mag_zien(data.get("vertrouwelijkheidaanduiding"), max_vertrouwelijkheid):
                    gevonden[ref] = _zaak(register.naam, data)
                    gevonden[ref].register_id = register.pk
    finally:
        if client is None:
            zgw.__exit__(None, None, None)
        else:
            zgw.stop.set()
    return gevonden, storingen


def _sleutel(ref: str) -> str:
    """A reference as the search's results are keyed: a URL as it is, a uuid normalised."""
    if ref.startswith(("http://", "https://")):
        return ref
    return _uuid(ref) or ref


def _uuid_van(url: str) -> str:
    return _uuid(url.rstrip("/").rsplit("/", 1)[-1]) or ""


def _uuid(text: str) -> str | None:
    try:
        return str(uuid_module.UUID(text.rstrip("/")))
    except ValueError:
        return None


def _deelzaken(zgw: ZgwClient, gevonden: _Gevonden, deadline: float) -> None:
    """Add the deelzaken of the zaken found: from the hoofdzaak's expanded answer, else (a
    register that does not expand) each asked for, all at once."""
    ontbrekend: dict[str, str] = {}
    for register, data in list(gevonden.zaken.values()):
        expanded: dict[str, Any] = data["_expand"] if isinstance(data.get("_expand"), dict) else {}
        meegekomen = {
            d["url"]: d
            for d in (expanded.get("deelzaken") or [])
            if isinstance(d, dict) and isinstance(d.get("url"), str)
        }
        for url in data.get("deelzaken") or []:
            if not isinstance(url, str) or url in gevonden.zaken:
                continue
            if url in meegekomen:
                gevonden.zaken[url] = (register, meegekomen[url])
                gevonden.via_hoofdzaak.add(url)
            else:
                ontbrekend[url] = register
    tasks: dict[str, Callable[[], dict[str, Any]]] = {
        url: functools.partial(zgw.get, url) for url in ontbrekend
    }
    for url, uitkomst in _side_by_side(tasks, deadline).items():
        if isinstance(uitkomst, Storing):
            _add_once(
                gevonden.storingen, Storing(ontbrekend[url], f"een deelzaak: {uitkomst.melding}")
            )
        elif url not in gevonden.zaken:
            gevonden.zaken[url] = (ontbrekend[url], uitkomst)
            gevonden.via_hoofdzaak.add(url)


def _alleen(zaken: dict[str, Zaak], uuid: str) -> dict[str, Zaak]:
    """The zaak with this uuid and its deelzaken; nothing when it is not among ``zaken``."""
    gekozen = next((zaak for zaak in zaken.values() if zaak.uuid == uuid), None)
    if gekozen is None:
        return {}
    return {
        url: zaak for url, zaak in zaken.items() if zaak is gekozen or zaak.hoofdzaak == gekozen.url
    }


def _zaak(register: str, data: dict[str, Any], *, eigen: bool = True) -> Zaak:
    return Zaak(
        url=data["url"],
        uuid=_text(data.get("uuid")) or data["url"].rstrip("/").rsplit("/", 1)[-1],
        identificatie=_text(data.get("identificatie")),
        omschrijving=_text(data.get("omschrijving")),
        zaaktype_url=_text(data.get("zaaktype")),
        zaaktype="",
        register=register,
        startdatum=_text(data.get("startdatum")),
        einddatum_gepland=_text(data.get("einddatumGepland")),
        uiterlijke_einddatum_afdoening=_text(data.get("uiterlijkeEinddatumAfdoening")),
        einddatum=_text(data.get("einddatum")),
        vertrouwelijkheid=_text(data.get("vertrouwelijkheidaanduiding")),
        hoofdzaak=_text(data.get("hoofdzaak")),
        eigen=eigen,
    )


@dataclass
class _Aanvulling:
    """What a worker thread found for one zaak. Threads never touch the ``Zaak`` itself: a
    late one must not change an overview that was already returned."""

    zaaktype: str = ""
    status: Status | None = None
    statussen: list[Status] = field(default_factory=list)
    documenten: list[Document] = field(default_factory=list)
    besluiten: list[Besluit] = field(default_factory=list)
    rollen: list[Rol] = field(default_factory=list)
    storingen: list[Storing] = field(default_factory=list)

    def toepassen(self, zaak: Zaak) -> None:
        zaak.zaaktype = self.zaaktype
        zaak.status = self.status
        zaak.statussen = self.statussen
        zaak.documenten = self.documenten
        zaak.besluiten = self.besluiten
        zaak.rollen = self.rollen
        zaak.storingen.extend(self.storingen)


@dataclass(frozen=True)
class _Ref:
    """The parts of a zaak a worker thread needs, copied."""

    url: str
    identificatie: str
    zaaktype: str


def _aanvulling(
    zgw: ZgwClient,
    zaak: Zaak,
    data: dict[str, Any],
    maximum: str,
    met_details: bool,
    *,
    met_rollen: bool = False,
) -> Callable[[], _Aanvulling]:
    """Fill in what the list did not carry. Each part that fails leaves a Storing and the
    other parts still come."""
    ref = _Ref(zaak.url, zaak.identificatie, zaak.zaaktype_url)
    expanded: dict[str, Any] = data["_expand"] if isinstance(data.get("_expand"), dict) else {}
    status_url = _text(data.get("status"))

    def fill() -> _Aanvulling:
        uit = _Aanvulling()
        _part(uit, ref, "zaaktype", lambda: _zaaktype(zgw, uit, ref, expanded))
        if status_url:
            _part(uit, ref, "status", lambda: _huidige_status(zgw, uit, status_url, expanded))
        if met_details:
            _part(uit, ref, "statusgeschiedenis", lambda: _statussen(zgw, uit, ref))
            _part(uit, ref, "documenten", lambda: _documenten(zgw, uit, ref, maximum))
            for service in zgw.of_kind(Soort.BESLUITEN):
                _part(uit, ref, "besluiten", functools.partial(_besluiten, zgw, uit, ref, service))
            uit.besluiten.sort(key=lambda b: b.datum, reverse=True)
        if met_rollen:
            _part(uit, ref, "betrokkenen", lambda: _rollen(zgw, uit, ref))
        return uit

    return fill


def _part(uit: _Aanvulling, ref: _Ref, wat: str, fetch: Callable[[], None]) -> None:
    try:
        fetch()
    except ZgwError as error:
        uit.storingen.append(
            Storing(error.service, f"{wat} van {ref.identificatie}: {error.message}")
        )
    except Exception:
        logger.exception("Onverwacht antwoord bij %s van %s", wat, ref.url)
        uit.storingen.append(
            Storing("", f"{wat} van {ref.identificatie}: onverwacht antwoord van het register")
        )


def _zaaktype(zgw: ZgwClient, uit: _Aanvulling, ref: _Ref, expanded: dict[str, Any]) -> None:
    zaaktype = expanded.get("zaaktype")
    if not isinstance(zaaktype, dict):
        zaaktype = zgw.get(ref.zaaktype)
    uit.zaaktype = _text(zaaktype.get("omschrijving")) or _text(zaaktype.get("identificatie"))


def _huidige_status(
    zgw: ZgwClient, uit: _Aanvulling, status_url: str, expanded: dict[str, Any]
) -> None:
    status = expanded.get("status")
    if not isinstance(status, dict):
        status = zgw.get(status_url)
    statustype = (status.get("_expand") or {}).get("statustype")
    if not isinstance(statustype, dict):
        statustype = zgw.get(_text(status.get("statustype")))
    uit.status = _status(status, statustype)


def _status(status: dict[str, Any], statustype: dict[str, Any]) -> Status:
    return Status(
        omschrijving=_text(statustype.get("omschrijving")),
        datum=_text(status.get("datumStatusGezet")),
        toelichting=_text(status.get("statustoelichting")),
        eindstatus=bool(statustype.get("isEindstatus")),
        tekst=_text(statustype.get("statustekst")),
    )


def _rollen(zgw: ZgwClient, uit: _Aanvulling, ref: _Ref) -> None:
    root = zgw.service_for(ref.url, Soort.ZAKEN).api_root
    rollen = zgw.get_list(f"{root}rollen", {"zaak": ref.url})
    uit.rollen = [_rol(r) for r in rollen if isinstance(r, dict)]
    if rollen.afgekapt:
        uit.storingen.append(Storing("", f"betrokkenen van {ref.identificatie} ingekort"))


def _rol(rol: dict[str, Any]) -> Rol:
    ident = rol.get("betrokkeneIdentificatie")
    ident = ident if isinstance(ident, dict) else {}
    contact = rol.get("contactpersoonRol")
    contact = contact if isinstance(contact, dict) else {}
    return Rol(
        omschrijving=_text(rol.get("omschrijving")) or _text(rol.get("omschrijvingGeneriek")),
        generiek=_text(rol.get("omschrijvingGeneriek")),
        soort=_text(rol.get("betrokkeneType")),
        naam=_text(rol.get("afwijkendeNaamBetrokkene")) or _naam_van(ident),
        bsn=_text(ident.get("inpBsn")),
        kvk_nummer=_text(ident.get("kvkNummer")),
        vestigingsnummer=_text(ident.get("vestigingsNummer")),
        rsin=_text(ident.get("innNnpId")),
        contactpersoon=_text(contact.get("naam")),
    )


def _naam_van(ident: dict[str, Any]) -> str:
    """The name a rol's betrokkeneIdentificatie gives, whatever the kind of betrokkene."""
    persoon = " ".join(
        _text(ident.get(veld)).strip()
        for veld in ("voornamen", "voorvoegselGeslachtsnaam", "geslachtsnaam")
        if _text(ident.get(veld)).strip()
    )
    medewerker = " ".join(
        _text(ident.get(veld)).strip()
        for veld in ("voorletters", "voorvoegselAchternaam", "achternaam")
        if _text(ident.get(veld)).strip()
    )
    handelsnaam = ident.get("handelsnaam")
    eerste = handelsnaam[0] if isinstance(handelsnaam, list) and handelsnaam else ""
    return (
        persoon
        or _text(ident.get("statutaireNaam"))
        or _text(eerste)
        or _text(ident.get("naam"))
        or medewerker
        or _text(ident.get("identificatie"))
    )


def _statussen(zgw: ZgwClient, uit: _Aanvulling, ref: _Ref) -> None:
    root = zgw.service_for(ref.url, Soort.ZAKEN).api_root
    statussen = zgw.get_list(f"{root}statussen", {"zaak": ref.url})
    regels = [_status(s, zgw.get(_text(s.get("statustype")))) for s in statussen]
    uit.statussen = sorted(regels, key=lambda s: _moment(s.datum))
    if statussen.afgekapt:
        uit.storingen.append(Storing("", f"statusgeschiedenis van {ref.identificatie} ingekort"))


def _documenten(zgw: ZgwClient, uit: _Aanvulling, ref: _Ref, maximum: str) -> None:
    """Each document on its own: one that may not be seen (403: above the applicatie's
    clearance) or is gone (404) is left out; another failure is reported for that document
    only."""
    root = zgw.service_for(ref.url, Soort.ZAKEN).api_root
    for relatie in zgw.get_list(f"{root}zaakinformatieobjecten", {"zaak": ref.url}):
        try:
            eio = zgw.get(_text(relatie.get("informatieobject")))
        except ZgwError as error:
            if error.status not in (403, 404):
                uit.storingen.append(
                    Storing(error.service, f"een document van {ref.identificatie}: {error.message}")
                )
            continue
        if mag_zien(eio.get("vertrouwelijkheidaanduiding"), maximum):
            uit.documenten.append(_document(eio))
    uit.documenten.sort(key=lambda d: d.creatiedatum, reverse=True)


def _document(eio: dict[str, Any]) -> Document:
    return Document(
        url=_text(eio.get("url")),
        titel=_text(eio.get("titel")),
        bestandsnaam=_text(eio.get("bestandsnaam")),
        formaat=_text(eio.get("formaat")),
        creatiedatum=_text(eio.get("creatiedatum")),
        vertrouwelijkheid=_text(eio.get("vertrouwelijkheidaanduiding")),
        download=_text(eio.get("inhoud")),
    )


def _besluiten(zgw: ZgwClient, uit: _Aanvulling, ref: _Ref, service: ZgwService) -> None:
    for besluit in zgw.get_list(f"{service.api_root}besluiten", {"zaak": ref.url}):
        besluittype = zgw.get(_text(besluit.get("besluittype")))
        uit.besluiten.append(
            Besluit(
                url=_text(besluit.get("url")),
                identificatie=_text(besluit.get("identificatie")),
                besluittype=_text(besluittype.get("omschrijving")),
                datum=_text(besluit.get("datum")),
                ingangsdatum=_text(besluit.get("ingangsdatum")),
                vervaldatum=_text(besluit.get("vervaldatum")),
                toelichting=_text(besluit.get("toelichting")),
            )
        )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _datum(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return datetime.date.min


def moment(text: str) -> datetime.datetime | None:
    """A register's date-time (ISO 8601, UTC or with an offset) as an aware moment."""
    try:
        gelezen = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return gelezen if gelezen.tzinfo else gelezen.replace(tzinfo=datetime.UTC)


def _moment(text: str) -> datetime.datetime:
    return moment(text) or datetime.datetime.min.replace(tzinfo=datetime.UTC)


def _volgorde(zaak: Zaak) -> tuple[bool, int]:
    return zaak.afgesloten, -_datum(zaak.startdatum).toordinal()


def _add_once(storingen: list[Storing], storing: Storing) -> None:
    if storing not in storingen:
        storingen.append(storing)


def _side_by_side(tasks: dict[Any, Callable[[], T]], deadline: float) -> dict[Any, T | Storing]:
    """Run ``tasks`` in parallel until ``deadline`` (a ``time.monotonic()`` value). A task
    that raised or was not done in time gives a Storing instead of its result; once the
    deadline has passed, nothing more is started."""
    late = Storing("", f"gaf geen antwoord binnen {seconds(settings.KLANTBEELD_ZGW_DEADLINE)}")
    if not tasks or time.monotonic() >= deadline:
        return dict.fromkeys(tasks, late)
    outcomes: dict[Any, T | Storing] = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=min(len(tasks), 8))
    futures = {pool.submit(task): key for key, task in tasks.items()}
    done, _ = concurrent.futures.wait(futures, timeout=max(0.0, deadline - time.monotonic()))
    # Late answers are not waited for: their results are dropped, and the caller stops the
    # client so they start no further requests.
    pool.shutdown(wait=False, cancel_futures=True)
    for future, key in futures.items():
        if future not in done:
            outcomes[key] = late
            continue
        try:
            outcomes[key] = future.result()
        except ZgwError as error:
            outcomes[key] = Storing(error.service, error.message)
        except Exception:
            logger.exception("Onverwacht antwoord van een ZGW-register")
            outcomes[key] = Storing("", "antwoordde niet zoals de API beschrijft")
    return outcomes
