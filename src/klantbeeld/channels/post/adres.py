"""The address a letter goes to (R7): the lines of the address block, as PostNL wants them
for the Netherlands: street and number, then the postcode (four digits, a space, two
capitals), two spaces and the town in capitals; the country in capitals on a last line
when the address is abroad."""

from __future__ import annotations

import re
from typing import Any

from klantbeeld.domain.models import Betrokkene, Partij
from klantbeeld.domain.models.base import ADRES_PARTS

NEDERLAND = "NL"
_POSTCODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")

# Countries by their ISO 3166 code (the register's ``land``), named in Dutch as on an
# envelope posted in the Netherlands; any other code is printed as it is.
LANDEN = {
    "AT": "OOSTENRIJK",
    "AW": "ARUBA",
    "BE": "BELGIË",
    "BG": "BULGARIJE",
    "CH": "ZWITSERLAND",
    "CW": "CURAÇAO",
    "CY": "CYPRUS",
    "CZ": "TSJECHIË",
    "DE": "DUITSLAND",
    "DK": "DENEMARKEN",
    "EE": "ESTLAND",
    "ES": "SPANJE",
    "FI": "FINLAND",
    "FR": "FRANKRIJK",
    "GB": "VERENIGD KONINKRIJK",
    "GR": "GRIEKENLAND",
    "HR": "KROATIË",
    "HU": "HONGARIJE",
    "IE": "IERLAND",
    "IT": "ITALIË",
    "LT": "LITOUWEN",
    "LU": "LUXEMBURG",
    "LV": "LETLAND",
    "MA": "MAROKKO",
    "MT": "MALTA",
    "NO": "NOORWEGEN",
    "PL": "POLEN",
    "PT": "PORTUGAL",
    "RO": "ROEMENIË",
    "SE": "ZWEDEN",
    "SI": "SLOVENIË",
    "SK": "SLOWAKIJE",
    "SR": "SURINAME",
    "TR": "TURKIJE",
    "UA": "OEKRAÏNE",
    "US": "VERENIGDE STATEN",
}


def postadres(
    partij: Partij | None = None, betrokkene: Betrokkene | None = None
) -> list[str] | None:
    """The lines to send a letter to, in R7's order: the correspondentieadres the
    betrokkene gave for a contact, else the partij's correspondentieadres, else its
    bezoekadres. None when none of them can be printed (an address known only by its BAG
    nummeraanduiding is not resolved here)."""
    kandidaten: list[tuple[Any, str]] = []
    if betrokkene is not None:
        kandidaten.append((betrokkene, "correspondentieadres"))
        partij = partij or betrokkene.was_partij
    if partij is not None:
        kandidaten += [(partij, "correspondentieadres"), (partij, "bezoekadres")]
    for houder, soort in kandidaten:
        regels = adresregels(houder, soort)
        if regels:
            return regels
    return None


def adresregels(houder: Any, soort: str) -> list[str]:
    """The printable lines of ``houder``'s address ``soort`` (``correspondentieadres``,
    ``bezoekadres``: the columns ``<soort>_straatnaam`` and so on); empty when there is no
    street with a number, nor free address lines."""
    veld = {naam: getattr(houder, f"{soort}_{naam}", None) for naam in ADRES_PARTS}
    land = str(veld["land"] or "").strip().upper()
    buitenland = bool(land) and land != NEDERLAND
    regels = _gestructureerd(veld, buitenland)
    if not regels:
        regels = [
            str(veld[n]).strip() for n in ("adresregel1", "adresregel2", "adresregel3") if veld[n]
        ]
        regels = [regel for regel in regels if regel]
    if not regels:
        return []
    if buitenland:
        regels.append(LANDEN.get(land, land))
    return regels


def _gestructureerd(veld: dict[str, Any], buitenland: bool) -> list[str]:
    straat = str(veld["straatnaam"] or "").strip()
    nummer = veld["huisnummer"]
    stad = str(veld["stad"] or "").strip()
    if not (straat and nummer and stad):
        return []
    return [
        f"{straat} {nummer}{_toevoeging(str(veld['huisnummertoevoeging'] or ''))}",
        _postcode_en_plaats(str(veld["postcode"] or ""), stad, buitenland),
    ]


def _toevoeging(toevoeging: str) -> str:
    """A house letter is written against the number (12A), anything else after a space
    (12 bis, 12 2hg)."""
    toevoeging = toevoeging.strip()
    if not toevoeging:
        return ""
    if len(toevoeging) == 1 and toevoeging.isalpha():
        return toevoeging.upper()
    return f" {toevoeging}"


def _postcode_en_plaats(postcode: str, stad: str, buitenland: bool) -> str:
    if buitenland:
        return " ".join(part for part in (postcode.strip(), stad.upper()) if part)
    match = _POSTCODE.match(postcode)
    if match is None:
        return " ".join(part for part in (postcode.strip(), stad.upper()) if part)
    return f"{match[1]} {match[2].upper()}  {stad.upper()}"
