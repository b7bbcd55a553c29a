"""TOPdesk's incident REST API (``/tas/api``): create an incident, read one, list the
incidents changed since a moment, read an incident's progress trail; HTTP Basic with an
operator's login name and application password."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from django.conf import settings
from django.views.decorators.debug import sensitive_variables

from klantbeeld.integrations.verbinding import Controle, Registerfout, controle, onbereikbaar

SYSTEEM = "TOPdesk"
KORTE_OMSCHRIJVING = 80  # TOPdesk's briefDescription holds at most this many characters
KENMERK = 60  # and externalNumber this many
PER_PAGINA = 100


class TopdeskFout(Registerfout):
    pass


def ingesteld() -> bool:
    return bool(settings.KLANTBEELD_TOPDESK_URL)


@dataclass(frozen=True)
class Aanmelder:
    """Who asked: a person TOPdesk knows (``persoon_id``), or else by name and contact
    details (an unregistered caller)."""

    naam: str
    email: str = ""
    telefoon: str = ""
    persoon_id: str = ""


@dataclass(frozen=True)
class Melding:
    """What Klantbeeld hands to the second line."""

    korte_omschrijving: str
    verzoek: str
    kenmerk: str  # our reference, back in TOPdesk's externalNumber
    aanmelder: Aanmelder
    categorie: str = ""  # names, as in TOPdesk's lists
    subcategorie: str = ""
    operatorgroep: str = ""  # an id: operator groups are looked up by id


@dataclass(frozen=True)
class Incident:
    id: str
    nummer: str
    korte_omschrijving: str
    kenmerk: str
    status: str  # the processing status's name
    afgerond: bool
    gesloten: bool
    gesloten_op: datetime.datetime | None
    gemeld_op: datetime.datetime | None
    gewijzigd_op: datetime.datetime | None


@dataclass(frozen=True)
class Voortgang:
    """One entry of an incident's progress trail."""

    id: str
    tekst: str
    zichtbaar_voor_aanmelder: bool
    moment: datetime.datetime | None
    door: str


def korte_omschrijving(tekst: str) -> str:
    """``tekst`` on one line, cut to what TOPdesk holds (with an ellipsis when cut)."""
    regel = " ".join(tekst.split())
    if len(regel) <= KORTE_OMSCHRIJVING:
        return regel
    return regel[: KORTE_OMSCHRIJVING - 1].rstrip() + "…"


class TopdeskClient:
    """Requests to the configured TOPdesk, each within the timeout."""

    def __init__(self, *, http: httpx.Client | None = None) -> None:
        self.api_root = f"{settings.KLANTBEELD_TOPDESK_URL.rstrip('/')}/tas/api/"
        self.timeout = settings.KLANTBEELD_TOPDESK_TIMEOUT
        self._own_http = http is None
        self.http = http or httpx.Client()

    def __enter__(self) -> TopdeskClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._own_http:
            self.http.close()

    def versie(self) -> str:
        data = self._vraag("GET", "version")
        return _tekst(data, "version")

    def maak_incident(self, melding: Melding) -> Incident:
        if len(melding.kenmerk) > KENMERK:
            raise TopdeskFout(
                f"Het kenmerk {melding.kenmerk!r} is langer dan de {KENMERK} tekens "
                "die TOPdesk bewaart."
            )
        body: dict[str, Any] = {
            "briefDescription": korte_omschrijving(melding.korte_omschrijving),
            "request": melding.verzoek,
            "externalNumber": melding.kenmerk,
        }
        aanmelder = melding.aanmelder
        if aanmelder.persoon_id:
            body["callerLookup"] = {"id": aanmelder.persoon_id}
        else:
            caller = {"dynamicName": aanmelder.naam}
            if aanmelder.email:
                caller["email"] = aanmelder.email
            if aanmelder.telefoon:
                caller["phoneNumber"] = aanmelder.telefoon
            body["caller"] = caller
        if melding.categorie:
            body["category"] = {"name": melding.categorie}
        if melding.subcategorie:
            body["subcategory"] = {"name": melding.subcategorie}
        if melding.operatorgroep:
            body["operatorGroup"] = {"id": melding.operatorgroep}
        return _incident(self._vraag("POST", "incidents", json=body))

    def incident(self, incident_id: str) -> Incident | None:
        """The incident; None when TOPdesk has none with this id."""
        try:
            return _incident(self._vraag("GET", f"incidents/id/{incident_id}"))
        except TopdeskFout as fout:
            if fout.status == 404:
                return None
            raise

    def gewijzigd_sinds(self, moment: datetime.datetime) -> list[Incident]:
        """Every incident changed after ``moment``, oldest change first."""
        utc = moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        params: dict[str, str | int] = {
            "query": f"modificationDate=gt={utc}",
            "sort": "modificationDate:asc",
            "pageSize": PER_PAGINA,
        }
        return [_incident(i) for i in self._alle("incidents", params)]

    def met_kenmerk(self, kenmerk: str) -> list[Incident]:
        """The incidents whose externalNumber is ``kenmerk``, oldest first."""
        params: dict[str, str | int] = {
            "query": f'externalNumber=="{kenmerk}"',
            "sort": "creationDate:asc",
            "pageSize": PER_PAGINA,
        }
        return [_incident(i) for i in self._alle("incidents", params)]

    def voortgang(self, incident_id: str) -> list[Voortgang]:
        """The progress trail, newest first."""
        return [
            Voortgang(
                id=_tekst(m, "id"),
                tekst=_tekst(m, "plainText") or _tekst(m, "memoText"),
                zichtbaar_voor_aanmelder=m.get("invisibleForCaller") is False,
                moment=_moment(_tekst(m, "entryDate")),
                door=_tekst(_object(m, "operator"), "name") or _tekst(_object(m, "person"), "name"),
            )
            for m in self._alle(f"incidents/id/{incident_id}/progresstrail", {"pageSize": 100})
        ]

    def _alle(self, pad: str, params: Mapping[str, str | int]) -> list[dict[str, Any]]:
        """Every page: TOPdesk answers 206 while more follow, 204 when there is nothing."""
        items: list[dict[str, Any]] = []
        while True:
            response = self._response("GET", pad, params={**params, "pageStart": len(items)})
            if response.status_code == 204:
                return items
            pagina = _json(response)
            if not isinstance(pagina, list):
                raise TopdeskFout(f"{SYSTEEM} antwoordde niet zoals verwacht.")
            items.extend(i for i in pagina if isinstance(i, dict))
            if response.status_code != 206 or not pagina:
                return items

    def _vraag(self, method: str, pad: str, **kwargs: Any) -> dict[str, Any]:
        data = _json(self._response(method, pad, **kwargs))
        if not isinstance(data, dict):
            raise TopdeskFout(f"{SYSTEEM} antwoordde niet zoals verwacht.")
        return data

    @sensitive_variables("auth")
    def _response(self, method: str, pad: str, **kwargs: Any) -> httpx.Response:
        auth = (settings.KLANTBEELD_TOPDESK_GEBRUIKER, settings.KLANTBEELD_TOPDESK_WACHTWOORD)
        try:
            response = self.http.request(
                method,
                f"{self.api_root}{pad}",
                auth=auth,
                headers={"Accept": "application/json"},
                timeout=self.timeout,
                **kwargs,
            )
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise TopdeskFout(onbereikbaar(SYSTEEM, error, self.timeout)) from error
        if not response.is_success:
            raise TopdeskFout(_waarom(response), response.status_code)
        return response


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError as error:
        raise TopdeskFout(f"{SYSTEEM} antwoordde niet met JSON.") from error


def _waarom(response: httpx.Response) -> str:
    status = response.status_code
    if status == 401:
        return (
            f"{SYSTEEM} weigert Klantbeeld de toegang (HTTP 401): controleer de gebruikersnaam "
            "en het applicatiewachtwoord."
        )
    if status == 403:
        return f"{SYSTEEM} staat dit de gebruiker van Klantbeeld niet toe (HTTP 403)."
    if status == 404:
        return f"{SYSTEEM} kent dit niet (HTTP 404)."
    if status == 400:
        melding = _melding(response)
        return f"{SYSTEEM} weigert het verzoek{f': {melding}' if melding else ''}."
    if status >= 500:
        return f"{SYSTEEM} is tijdelijk niet beschikbaar (HTTP {status}); probeer het later."
    return f"{SYSTEEM} antwoordde met HTTP {status}."


def _melding(response: httpx.Response) -> str:
    """TOPdesk's own words: the first ``message`` of its error list."""
    try:
        return str(response.json()[0]["message"])[:300]
    except (ValueError, KeyError, IndexError, TypeError):
        return ""


def _tekst(data: Any, naam: str) -> str:
    waarde = data.get(naam) if isinstance(data, dict) else None
    return waarde if isinstance(waarde, str) else ""


def _object(data: Any, naam: str) -> dict[str, Any]:
    waarde = data.get(naam) if isinstance(data, dict) else None
    return waarde if isinstance(waarde, dict) else {}


def _moment(tekst: str) -> datetime.datetime | None:
    """TOPdesk's 2026-12-01T09:30:00.123+0000 (or …Z); None when it is no moment."""
    try:
        return datetime.datetime.strptime(tekst.replace("Z", "+0000"), "%Y-%m-%dT%H:%M:%S.%f%z")
    except ValueError:
        return None


def _incident(data: dict[str, Any]) -> Incident:
    return Incident(
        id=_tekst(data, "id"),
        nummer=_tekst(data, "number"),
        korte_omschrijving=_tekst(data, "briefDescription"),
        kenmerk=_tekst(data, "externalNumber"),
        status=_tekst(_object(data, "processingStatus"), "name"),
        afgerond=data.get("completed") is True,
        gesloten=data.get("closed") is True,
        gesloten_op=_moment(_tekst(data, "closedDate")),
        gemeld_op=_moment(_tekst(data, "callDate")),
        gewijzigd_op=_moment(_tekst(data, "modificationDate")),
    )


def controleer() -> Controle:
    """Is TOPdesk configured and does it answer Klantbeeld?"""

    def vraag() -> None:
        with TopdeskClient() as topdesk:
            topdesk.versie()

    return controle(SYSTEEM, ingesteld(), vraag)
