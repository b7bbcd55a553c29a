"""A local Handelsregister for tests and demos: KVK's APIs Zoeken 2.0
(``GET /api/v2/zoeken``), Basisprofiel 1.5 (``GET /api/v1/basisprofielen/{kvkNummer}``,
``…/hoofdvestiging``, ``…/vestigingen``) and Vestigingsprofiel 1.4
(``GET /api/v1/vestigingsprofielen/{vestigingsnummer}``) on loopback, checked against the
document written from KVK's published facts
(``tests/specs/kvk-zoeken-2.0-basisprofiel-1.5-vestigingsprofiel-1.4_klantbeeld.yaml``;
tests/specs/README.md says where each fact comes from).

As KVK does, it

- wants the API key in the ``apikey`` header (401 without it or with another);
- finds by ``kvkNummer``, ``rsin``, ``vestigingsnummer``, ``naam`` (any part of a trade
  name, case-insensitively), ``straatnaam``, ``plaats``, ``postcode`` with ``huisnummer``
  (and ``huisletter``) or ``postbusnummer``, narrowed by ``type``; a rechtspersoon (a
  company with an RSIN) is a result of its own beside its vestigingen; inactive
  registrations only with ``inclusiefInactieveRegistraties``; pages by ``pagina`` and
  ``resultatenPerPagina``; nothing found is a 404 with IPD5200;
- refuses a postcode without huisnummer or postbusnummer, a huisnummer without postcode,
  and a question without any of these (400, IPD1999);
- answers an unknown KVK-nummer with 404 IPD0005 and an unknown vestigingsnummer with 404
  IPD0007 (a malformed one with 400 IPD0004 / IPD0006);
- errors are ``{"fout": [{"code", "omschrijving"}]}``.

Every request is checked against the document before it is answered (400 and recorded in
``violations`` when it breaks it), and so is every answer (a 500 and a violation).

    python -m standins.kvk --port 8008 --api-key-env VARIABLE --bedrijven bedrijven.json
"""

from __future__ import annotations

import argparse
import datetime
import functools
import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse
from werkzeug.datastructures import ImmutableMultiDict

from standins.cli import serve_until_stopped
from standins.http import LoopbackServer, Reply
from standins.openapi import document, problems

DOCUMENT = "kvk-zoeken-2.0-basisprofiel-1.5-vestigingsprofiel-1.4_klantbeeld.yaml"
SPEC_HOST = "https://api.kvk.nl"
ROOT = "/api"
HAL = "application/hal+json"
MAX_RESULTATEN = 1000
VERSIES = {"zoeken": "2.0.0", "basisprofielen": "1.5.0", "vestigingsprofielen": "1.4.0"}


@functools.cache
def api() -> OpenAPI:
    return document(DOCUMENT)


@dataclass
class Adres:
    straat: str = ""
    huisnummer: int | None = None
    huisletter: str = ""
    toevoeging: str = ""
    postcode: str = ""  # 1234AB
    plaats: str = ""
    postbus: int | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Adres | None:
        return cls(**data) if data else None


@dataclass
class Vestiging:
    vestigingsnummer: str
    naam: str  # eersteHandelsnaam
    bezoekadres: Adres | None = None
    postadres: Adres | None = None
    hoofdvestiging: bool = True
    commercieel: bool = True
    werkzame_personen: int = 1
    websites: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Vestiging:
        return cls(
            **{
                **data,
                "bezoekadres": Adres.from_dict(data.get("bezoekadres")),
                "postadres": Adres.from_dict(data.get("postadres")),
            }
        )


@dataclass
class Bedrijf:
    """One registration in the Handelsregister: a company with its vestigingen."""

    kvk_nummer: str
    naam: str
    rechtsvorm: str = "Eenmanszaak"
    rsin: str = ""  # only a rechtspersoon has one
    handelsnamen: list[str] = field(default_factory=list)
    registratiedatum: str = "2010-01-01"  # ISO
    sbi: list[tuple[str, str]] = field(default_factory=list)
    vestigingen: list[Vestiging] = field(default_factory=list)
    actief: bool = True

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Bedrijf:
        return cls(
            **{
                **data,
                "sbi": [tuple(s) for s in data.get("sbi", [])],
                "vestigingen": [Vestiging.from_dict(v) for v in data.get("vestigingen", [])],
            }
        )

    @property
    def namen(self) -> list[str]:
        return self.handelsnamen or [self.naam]

    @property
    def hoofdvestiging(self) -> Vestiging | None:
        return next((v for v in self.vestigingen if v.hoofdvestiging), None)


def lees_bedrijven(pad: str | Path) -> list[Bedrijf]:
    """The companies in a JSON file: a list of objects with ``Bedrijf``'s fields."""
    return [Bedrijf.from_dict(b) for b in json.loads(Path(pad).read_text(encoding="utf-8"))]


class Fout(Exception):
    def __init__(self, status: int, code: str, omschrijving: str) -> None:
        super().__init__(omschrijving)
        self.status = status
        self.body = {"fout": [{"code": code, "omschrijving": omschrijving}]}


class LocalKvk:
    """KVK's APIs at ``url`` for ``api_key``, holding ``bedrijven``. ``failing``: answer
    every request with this status; ``delay``: seconds to wait before answering."""

    def __init__(self, url: str, api_key: str, bedrijven: Iterable[Bedrijf] = ()) -> None:
        self.url = url
        self.api_root = f"{url}{ROOT}/"
        self.api_key = api_key
        self.bedrijven: dict[str, Bedrijf] = {b.kvk_nummer: b for b in bedrijven}
        self.violations: list[str] = []
        self.requests: list[str] = []
        self.failing: int | None = None
        self.delay = 0.0
        self._lock = threading.Lock()

    def add(self, bedrijf: Bedrijf) -> Bedrijf:
        with self._lock:
            self.bedrijven[bedrijf.kvk_nummer] = bedrijf
        return bedrijf

    # -- answering ------------------------------------------------------------------------

    def answer(self, method: str, target: str, headers: Mapping[str, str], raw: bytes) -> Reply:
        headers = {k.lower(): v for k, v in headers.items()}
        parts = urlsplit(target)
        self.requests.append(target)
        if self.delay:
            threading.Event().wait(self.delay)
        query = parse_qs(parts.query)
        try:
            if self.failing is not None:
                raise Fout(self.failing, "IPD9999", "Algemene technische fout.")
            if not self.api_key or headers.get("apikey") != self.api_key:
                raise Fout(401, "401", "Geen of onjuiste apikey aangeleverd.")
            if method != "GET":
                raise Fout(405, "IPD1998", "Algemene invoer parameter fout.")
            rest = parts.path.removeprefix(ROOT).strip("/").split("/")
            self._check_request(parts.path, query, headers, rest)
            body = self._route(rest, query)
        except Fout as fout:
            return self._checked(parts.path, query, fout.status, fout.body)
        return self._checked(parts.path, query, 200, body)

    def _check_request(
        self, path: str, query: dict[str, list[str]], headers: Mapping[str, str], rest: list[str]
    ) -> None:
        request = MockRequest(SPEC_HOST, "get", path, args=_multi(query), headers=dict(headers))
        found = problems(lambda: api().validate_request(request))
        if not found:
            return
        self.violations.extend(f"request {path}: {p}" for p in found)
        if len(rest) >= 3 and rest[1] == "basisprofielen":
            raise Fout(400, "IPD0004", f"Het KVK-nummer {rest[2][:20]} is niet valide.")
        if len(rest) >= 3 and rest[1] == "vestigingsprofielen":
            raise Fout(400, "IPD0006", f"Het vestigingsnummer {rest[2][:20]} is niet valide.")
        raise Fout(
            400,
            "IPD1999",
            f"De volgende opgegeven parameter(s) is(zijn) ongeldig: {_parameter(request)}",
        )

    def _route(self, rest: list[str], query: dict[str, list[str]]) -> dict[str, Any]:
        if rest == ["v2", "zoeken"]:
            return self._zoeken(query)
        if len(rest) >= 3 and rest[:2] == ["v1", "basisprofielen"]:
            bedrijf = self._bedrijf(rest[2])
            if len(rest) == 3:
                return self._basisprofiel(bedrijf)
            if rest[3:] == ["hoofdvestiging"] and bedrijf.hoofdvestiging is not None:
                return self._vestiging(bedrijf, bedrijf.hoofdvestiging)
            if rest[3:] == ["vestigingen"]:
                return self._vestigingen(bedrijf)
        if len(rest) == 3 and rest[:2] == ["v1", "vestigingsprofielen"]:
            for bedrijf in self._alle():
                for vestiging in bedrijf.vestigingen:
                    if vestiging.vestigingsnummer == rest[2]:
                        return self._vestiging(bedrijf, vestiging, volledig=True)
            raise Fout(
                404,
                "IPD0007",
                f"Op basis van het vestigingsnummer {rest[2]} kan het product niet worden "
                "geleverd.",
            )
        raise Fout(404, "IPD1998", "Algemene invoer parameter fout.")

    def _alle(self) -> list[Bedrijf]:
        with self._lock:
            return list(self.bedrijven.values())

    def _bedrijf(self, kvk_nummer: str) -> Bedrijf:
        with self._lock:
            bedrijf = self.bedrijven.get(kvk_nummer)
        if bedrijf is None:
            raise Fout(
                404,
                "IPD0005",
                f"Op basis van het KVK-nummer {kvk_nummer} kan het product niet worden geleverd.",
            )
        return bedrijf

    def _checked(
        self, path: str, query: dict[str, list[str]], status: int, body: dict[str, Any]
    ) -> Reply:
        soort = "application/json" if path.endswith("/zoeken") else HAL
        deel = path.removeprefix(ROOT).strip("/").split("/")
        versie = VERSIES.get(deel[1] if len(deel) > 1 else "", "")
        headers = {"api-version": versie} if versie else {}
        raw = json.dumps(body).encode()
        if path.startswith(f"{ROOT}/v"):
            request = MockRequest(SPEC_HOST, "get", path, args=_multi(query))
            response = MockResponse(raw, status_code=status, content_type=soort, headers=headers)
            found = problems(lambda: api().validate_response(request, response))
            if found:
                self.violations.extend(f"answer {status} {path}: {p}" for p in found)
                fout = Fout(500, "IPD9999", "Algemene technische fout.")
                return Reply(500, json.dumps(fout.body).encode(), soort)
        return Reply(status, raw, soort, headers)

    # -- zoeken ---------------------------------------------------------------------------

    def _zoeken(self, query: dict[str, list[str]]) -> dict[str, Any]:
        def een(naam: str) -> str:
            return query.get(naam, [""])[-1].strip()

        postcode, huisnummer, postbus = een("postcode"), een("huisnummer"), een("postbusnummer")
        fout = []
        if postcode and not (huisnummer or postbus):
            fout.append("postcode")
        if (huisnummer or postbus) and not postcode:
            fout.append("huisnummer" if huisnummer else "postbusnummer")
        if een("huisletter") and not huisnummer:
            fout.append("huisletter")
        zoekvelden = ("kvkNummer", "rsin", "vestigingsnummer", "naam", "straatnaam", "plaats")
        if not fout and not postcode and not any(een(v) for v in zoekvelden):
            raise Fout(400, "IPD1998", "Algemene invoer parameter fout.")
        if fout:
            raise Fout(
                400,
                "IPD1999",
                f"De volgende opgegeven parameter(s) is(zijn) ongeldig: {', '.join(fout)}",
            )
        typen = set(query.get("type", [])) or {"hoofdvestiging", "nevenvestiging", "rechtspersoon"}
        inactief = een("inclusiefInactieveRegistraties").lower() == "true"
        items: list[dict[str, Any]] = []
        for bedrijf in self._alle():
            if not bedrijf.actief and not inactief:
                continue
            if een("kvkNummer") and bedrijf.kvk_nummer != een("kvkNummer"):
                continue
            if een("rsin") and bedrijf.rsin != een("rsin"):
                continue
            if een("naam") and not any(
                een("naam").casefold() in naam.casefold() for naam in [bedrijf.naam, *bedrijf.namen]
            ):
                continue
            adresvragen = any(
                een(v) for v in ("vestigingsnummer", "straatnaam", "plaats", "postcode")
            )
            if bedrijf.rsin and "rechtspersoon" in typen and not adresvragen:
                items.append(self._rechtspersoon(bedrijf))
            for vestiging in bedrijf.vestigingen:
                soort = "hoofdvestiging" if vestiging.hoofdvestiging else "nevenvestiging"
                if soort in typen and _past(vestiging, een):
                    items.append(self._resultaat(bedrijf, vestiging, soort))
        if not items:
            raise Fout(
                404,
                "IPD5200",
                "Er zijn geen gegevens gevonden die voldoen aan de opgegeven zoekparameters.",
            )
        pagina = int(een("pagina") or 1)
        per = int(een("resultatenPerPagina") or 10)
        items = items[:MAX_RESULTATEN]
        begin = (pagina - 1) * per

        def link(nummer: int) -> str:
            rest = {k: v for k, v in query.items() if k != "pagina"}
            return f"{self.api_root}v2/zoeken?{urlencode({**rest, 'pagina': nummer}, doseq=True)}"

        body: dict[str, Any] = {
            "pagina": pagina,
            "resultatenPerPagina": per,
            "totaal": len(items),
            "resultaten": items[begin : begin + per],
            "_links": {"self": {"href": link(pagina)}},
        }
        if pagina > 1:
            body["vorige"] = link(pagina - 1)
        if begin + per < len(items):
            body["volgende"] = link(pagina + 1)
        return body

    def _links(self, bedrijf: Bedrijf, vestiging: Vestiging | None = None) -> dict[str, Any]:
        links = {"basisprofiel": {"href": f"{self.api_root}v1/basisprofielen/{bedrijf.kvk_nummer}"}}
        if vestiging is not None:
            links["vestigingsprofiel"] = {
                "href": f"{self.api_root}v1/vestigingsprofielen/{vestiging.vestigingsnummer}"
            }
        return links

    def _rechtspersoon(self, bedrijf: Bedrijf) -> dict[str, Any]:
        return {
            "kvkNummer": bedrijf.kvk_nummer,
            "rsin": bedrijf.rsin,
            "naam": bedrijf.naam,
            "type": "rechtspersoon",
            "actief": _ja(bedrijf.actief),
            "_links": self._links(bedrijf),
        }

    def _resultaat(self, bedrijf: Bedrijf, vestiging: Vestiging, soort: str) -> dict[str, Any]:
        item: dict[str, Any] = {
            "kvkNummer": bedrijf.kvk_nummer,
            "vestigingsnummer": vestiging.vestigingsnummer,
            "naam": vestiging.naam,
            "type": soort,
            "actief": _ja(bedrijf.actief),
            "_links": self._links(bedrijf, vestiging),
        }
        adres = vestiging.bezoekadres or vestiging.postadres
        if adres is not None:
            # Zoeken gives an address's type, street and place only.
            item["adres"] = {
                "binnenlandsAdres": {
                    "type": "bezoekadres" if vestiging.bezoekadres else "postadres",
                    "straatnaam": adres.straat or "Postbus",
                    "plaats": adres.plaats,
                }
            }
        return item

    # -- profielen ------------------------------------------------------------------------

    def _basisprofiel(self, bedrijf: Bedrijf) -> dict[str, Any]:
        body: dict[str, Any] = {
            "kvkNummer": bedrijf.kvk_nummer,
            "indNonMailing": "Nee",
            "naam": bedrijf.naam,
            "formeleRegistratiedatum": _datum(bedrijf.registratiedatum),
            "materieleRegistratie": {"datumAanvang": _datum(bedrijf.registratiedatum)},
            "totaalWerkzamePersonen": sum(v.werkzame_personen for v in bedrijf.vestigingen),
            "handelsnamen": [{"naam": n, "volgorde": i} for i, n in enumerate(bedrijf.namen)],
            "sbiActiviteiten": _sbi(bedrijf),
            "links": [
                {"rel": "self", "href": f"{self.api_root}v1/basisprofielen/{bedrijf.kvk_nummer}"},
                {
                    "rel": "vestigingen",
                    "href": f"{self.api_root}v1/basisprofielen/{bedrijf.kvk_nummer}/vestigingen",
                },
            ],
        }
        if bedrijf.rsin:
            body["statutaireNaam"] = bedrijf.naam
        eigenaar: dict[str, Any] = {
            "rechtsvorm": bedrijf.rechtsvorm,
            "uitgebreideRechtsvorm": bedrijf.rechtsvorm,
            "links": [
                {
                    "rel": "basisprofiel",
                    "href": f"{self.api_root}v1/basisprofielen/{bedrijf.kvk_nummer}",
                }
            ],
        }
        if bedrijf.rsin:
            eigenaar["rsin"] = bedrijf.rsin
        embedded: dict[str, Any] = {"eigenaar": eigenaar}
        if bedrijf.hoofdvestiging is not None:
            embedded["hoofdvestiging"] = self._vestiging(bedrijf, bedrijf.hoofdvestiging)
        body["_embedded"] = embedded
        return body

    def _vestiging(
        self, bedrijf: Bedrijf, vestiging: Vestiging, *, volledig: bool = False
    ) -> dict[str, Any]:
        """A vestiging; ``volledig`` as the Vestigingsprofiel gives it (with the RSIN and
        every trade name, which the Basisprofiel's hoofdvestiging leaves out)."""
        adressen = [
            _adres(soort, adres)
            for soort, adres in (
                ("correspondentieadres", vestiging.postadres),
                ("bezoekadres", vestiging.bezoekadres),
            )
            if adres is not None
        ]
        body: dict[str, Any] = {
            "vestigingsnummer": vestiging.vestigingsnummer,
            "kvkNummer": bedrijf.kvk_nummer,
            "indNonMailing": "Nee",
            "formeleRegistratiedatum": _datum(bedrijf.registratiedatum),
            "materieleRegistratie": {"datumAanvang": _datum(bedrijf.registratiedatum)},
            "eersteHandelsnaam": vestiging.naam,
            "indHoofdvestiging": _ja(vestiging.hoofdvestiging),
            "indCommercieleVestiging": _ja(vestiging.commercieel),
            "totaalWerkzamePersonen": vestiging.werkzame_personen,
            "voltijdWerkzamePersonen": vestiging.werkzame_personen,
            "deeltijdWerkzamePersonen": 0,
            "adressen": adressen,
            "websites": list(vestiging.websites),
            "sbiActiviteiten": _sbi(bedrijf),
            "links": [
                {
                    "rel": "vestigingsprofiel",
                    "href": f"{self.api_root}v1/vestigingsprofielen/{vestiging.vestigingsnummer}",
                },
                {
                    "rel": "basisprofiel",
                    "href": f"{self.api_root}v1/basisprofielen/{bedrijf.kvk_nummer}",
                },
            ],
        }
        if volledig:
            if bedrijf.rsin:
                body["rsin"] = bedrijf.rsin
                body["statutaireNaam"] = bedrijf.naam
            body["handelsnamen"] = [{"naam": n, "volgorde": i} for i, n in enumerate(bedrijf.namen)]
        return body

    def _vestigingen(self, bedrijf: Bedrijf) -> dict[str, Any]:
        commercieel = sum(1 for v in bedrijf.vestigingen if v.commercieel)
        return {
            "kvkNummer": bedrijf.kvk_nummer,
            "aantalCommercieleVestigingen": commercieel,
            "aantalNietCommercieleVestigingen": len(bedrijf.vestigingen) - commercieel,
            "totaalAantalVestigingen": len(bedrijf.vestigingen),
            "vestigingen": [
                {
                    "vestigingsnummer": v.vestigingsnummer,
                    "kvkNummer": bedrijf.kvk_nummer,
                    "eersteHandelsnaam": v.naam,
                    "indHoofdvestiging": _ja(v.hoofdvestiging),
                    "indAdresAfgeschermd": "Nee",
                    "indCommercieleVestiging": _ja(v.commercieel),
                    "volledigAdres": _volledig(v.bezoekadres or v.postadres),
                    "links": [
                        {
                            "rel": "vestigingsprofiel",
                            "href": f"{self.api_root}v1/vestigingsprofielen/{v.vestigingsnummer}",
                        }
                    ],
                }
                for v in bedrijf.vestigingen
            ],
            "links": [
                {
                    "rel": "self",
                    "href": f"{self.api_root}v1/basisprofielen/{bedrijf.kvk_nummer}/vestigingen",
                }
            ],
        }


def _parameter(request: MockRequest) -> str:
    """The name of the parameter that breaks the document (openapi-core names the first)."""
    try:
        api().validate_request(request)
    except Exception as error:  # openapi-core's errors share no useful base
        return str(getattr(error, "name", "") or "onbekend")
    return ""


def _multi(query: dict[str, list[str]]) -> Any:
    return ImmutableMultiDict([(k, v) for k, values in query.items() for v in values])


def _ja(waarde: bool) -> str:
    return "Ja" if waarde else "Nee"


def _datum(iso: str) -> str:
    return datetime.date.fromisoformat(iso).strftime("%Y%m%d")


def _sbi(bedrijf: Bedrijf) -> list[dict[str, str]]:
    return [
        {"sbiCode": code, "sbiOmschrijving": omschrijving, "indHoofdactiviteit": _ja(i == 0)}
        for i, (code, omschrijving) in enumerate(bedrijf.sbi)
    ]


def _postcode(waarde: str) -> str:
    return waarde.replace(" ", "").upper()


def _volledig(adres: Adres | None) -> str:
    if adres is None:
        return ""
    if adres.postbus:
        return f"Postbus {adres.postbus} {_postcode(adres.postcode)} {adres.plaats}"
    nummer = " ".join(str(d) for d in (adres.huisnummer, adres.huisletter, adres.toevoeging) if d)
    return f"{adres.straat} {nummer} {_postcode(adres.postcode)} {adres.plaats}"


def _adres(soort: str, adres: Adres) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": soort,
        "indAfgeschermd": "Nee",
        "volledigAdres": _volledig(adres),
        "straatnaam": "Postbus" if adres.postbus else adres.straat,
        "postcode": _postcode(adres.postcode),
        "plaats": adres.plaats,
        "land": "Nederland",
    }
    if adres.postbus:
        body["postbusnummer"] = adres.postbus
    elif adres.huisnummer:
        body["huisnummer"] = adres.huisnummer
    if adres.huisletter:
        body["huisletter"] = adres.huisletter
    if adres.toevoeging:
        body["huisnummerToevoeging"] = adres.toevoeging
    return body


def _past(vestiging: Vestiging, een: Any) -> bool:
    """Whether a vestiging answers the address part of a search."""
    if een("vestigingsnummer") and vestiging.vestigingsnummer != een("vestigingsnummer"):
        return False
    adressen = [a for a in (vestiging.bezoekadres, vestiging.postadres) if a is not None]
    bezoek = vestiging.bezoekadres
    if een("straatnaam") and not (
        bezoek and bezoek.straat.casefold() == een("straatnaam").casefold()
    ):
        return False
    if een("plaats") and not any(a.plaats.casefold() == een("plaats").casefold() for a in adressen):
        return False
    if een("postcode"):
        postcode = _postcode(een("postcode"))

        def past(adres: Adres) -> bool:
            if _postcode(adres.postcode) != postcode:
                return False
            if een("postbusnummer"):
                return str(adres.postbus) == een("postbusnummer")
            if str(adres.huisnummer) != een("huisnummer"):
                return False
            return (
                not een("huisletter") or adres.huisletter.casefold() == een("huisletter").casefold()
            )

        return any(past(a) for a in adressen)
    return True


@contextmanager
def local_kvk(
    api_key: str, bedrijven: Iterable[Bedrijf] = (), *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[LocalKvk]:
    """KVK's APIs on ``host:port`` (0: a free port) for the length of the block."""
    server = LoopbackServer(host, port)
    kvk = LocalKvk(server.url, api_key, bedrijven)
    with server.serving(
        kvk.answer,
        lambda message: Reply(500, json.dumps(Fout(500, "IPD9999", message).body).encode()),
    ):
        yield kvk


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m standins.kvk",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8008)
    parser.add_argument(
        "--api-key-env", required=True, metavar="VARIABLE", help="the API key's variable"
    )
    parser.add_argument(
        "--bedrijven", metavar="FILE", help="a JSON file with the companies (see Bedrijf)"
    )
    options = parser.parse_args(argv)
    api_key = os.environ.get(options.api_key_env, "")
    if not api_key:
        parser.error(f"--api-key-env {options.api_key_env}: the variable is empty or not set")
    bedrijven = lees_bedrijven(options.bedrijven) if options.bedrijven else []

    def ready(kvk: LocalKvk) -> None:
        print(f"Lokaal Handelsregister (KVK-API's) op {kvk.api_root}", flush=True)

    return serve_until_stopped(
        lambda: local_kvk(api_key, bedrijven, host=options.host, port=options.port), ready
    )


if __name__ == "__main__":
    raise SystemExit(main())
