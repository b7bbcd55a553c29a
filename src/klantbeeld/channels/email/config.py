"""Mailboxes from a TOML file (``klantbeeld postvakken load FILE``), so a deployment keeps
them with its other configuration. The password is named by environment variable, never
written in the file::

    [[postvak]]
    naam = "Algemeen"
    adres = "info@gemeente.nl"
    host = "imap.gemeente.nl"
    poort = 993                       # optional, default 993
    beveiliging = "ssl"               # optional: ssl (default), starttls or geen
    gebruiker = "info@gemeente.nl"
    wachtwoord_env = "POSTVAK_INFO_WACHTWOORD"
    team = "KCC"                      # an organisatorische eenheid: its naam or uuid
    map = "INBOX"                     # optional, and the other fields of the admin form:
    markering = "verplaatsen"         # or "vlag"
    map_verwerkt = "Verwerkt"
    vlag = "KlantbeeldVerwerkt"
    map_quarantaine = "Quarantaine"
    gevraagde_handeling = "Lezen en bepalen benodigde actie"
    informatieobjecttype = "https://…/catalogi/api/v1/informatieobjecttypen/…"
    max_mb = 25
    idle = true
    interval = 60
    actief = true

All mailboxes in the file are created or updated (by ``naam``) or none is. Mailboxes not in
the file are left as they are (switch them off in the admin).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Any

from klantbeeld.channels.email.models import Postvak
from klantbeeld.channels.email.verwerken import actor_van
from klantbeeld.configfile import ConfigError, full_clean, read_blocks, save_all
from klantbeeld.domain.models import Actor
from klantbeeld.domain.models.actoren import SoortActor

_VERPLICHT = ("naam", "adres", "host", "gebruiker", "wachtwoord_env", "team")
_TEKST = (
    "beveiliging",
    "map",
    "markering",
    "map_verwerkt",
    "vlag",
    "map_quarantaine",
    "gevraagde_handeling",
    "informatieobjecttype",
)
_GETAL = ("poort", "max_mb", "interval")
_JA_NEE = ("idle", "actief")


def load(path: Path) -> list[tuple[str, str]]:
    """Returns (naam, "aangemaakt" or "bijgewerkt") per mailbox."""
    document, entries = read_blocks(path, "postvak")
    onbekend = set(document) - {"postvak"}
    if onbekend:
        raise ConfigError(f"{path}: onbekende sleutel(s) {', '.join(sorted(onbekend))}.")
    namen = [entry.get("naam") for entry in entries if isinstance(entry, dict)]
    dubbel = {naam for naam in namen if namen.count(naam) > 1}
    if dubbel:
        raise ConfigError(f"{path}: postvak {', '.join(map(str, dubbel))} staat er dubbel in.")
    return save_all(path, "postvak", entries, _bewaar)


def _bewaar(entry: Any, waar: str) -> tuple[str, str]:
    if not isinstance(entry, dict):
        raise ConfigError(f"{waar}: een [[postvak]]-blok verwacht.")
    _controleer_sleutels(entry, waar)
    if not os.environ.get(entry["wachtwoord_env"]):
        raise ConfigError(
            f"{waar}: omgevingsvariabele {entry['wachtwoord_env']} (het wachtwoord) is leeg "
            "of niet gezet."
        )
    postvak = Postvak.objects.filter(naam=entry["naam"]).first()
    nieuw = postvak is None
    postvak = postvak or Postvak(naam=entry["naam"])
    for veld in (*_VERPLICHT, *_TEKST, *_GETAL, *_JA_NEE):
        if veld in entry and veld != "team":
            setattr(postvak, veld, entry[veld])
    postvak.team = _team(entry["team"], waar)
    full_clean(postvak, waar)
    postvak.save()
    actor_van(postvak)
    return postvak.naam, "aangemaakt" if nieuw else "bijgewerkt"


def _controleer_sleutels(entry: dict[str, Any], waar: str) -> None:
    onbekend = set(entry) - {*_VERPLICHT, *_TEKST, *_GETAL, *_JA_NEE}
    if onbekend:
        raise ConfigError(f"{waar}: onbekende sleutel(s) {', '.join(sorted(onbekend))}.")
    ontbreekt = [sleutel for sleutel in _VERPLICHT if not entry.get(sleutel)]
    if ontbreekt:
        raise ConfigError(f"{waar}: {', '.join(ontbreekt)} ontbreekt.")
    for sleutel in (*_VERPLICHT, *_TEKST):
        if sleutel in entry and not isinstance(entry[sleutel], str):
            raise ConfigError(f"{waar}: {sleutel} moet tekst zijn.")
    for sleutel in _GETAL:
        waarde = entry.get(sleutel, 1)
        if isinstance(waarde, bool) or not isinstance(waarde, int):
            raise ConfigError(f"{waar}: {sleutel} moet een geheel getal zijn.")
    for sleutel in _JA_NEE:
        if not isinstance(entry.get(sleutel, True), bool):
            raise ConfigError(f"{waar}: {sleutel} moet true of false zijn.")


def _team(verwijzing: str, waar: str) -> Actor:
    teams = Actor.objects.filter(soort_actor=SoortActor.ORGANISATORISCHE_EENHEID)
    try:
        gevonden = list(teams.filter(uuid=uuid.UUID(verwijzing)))
    except ValueError:
        gevonden = list(teams.filter(naam=verwijzing)[:2])
    if len(gevonden) != 1:
        wat = "geen" if not gevonden else "meer dan één"
        raise ConfigError(
            f"{waar}: team {verwijzing!r}: {wat} organisatorische eenheid met die naam of uuid."
        )
    return gevonden[0]
