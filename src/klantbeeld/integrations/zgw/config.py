"""ZGW services from a TOML file (``klantbeeld zgw-services load``), so a deployment can
keep its configuration with its other settings. Secrets are named by environment variable,
never written in the file::

    [[service]]
    naam = "Open Zaak zaken"
    soort = "zaken"              # zaken, documenten, besluiten or catalogi
    api_root = "https://openzaak.example.nl/zaken/api/v1/"
    client_id = "klantbeeld"
    secret_env = "OPENZAAK_SECRET"
    timeout = 5                  # optional, seconds
    actief = true                # optional

Services that are not in the file are left as they are (switch them off in the admin).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from klantbeeld.configfile import ConfigError, full_clean, read_blocks, save_all
from klantbeeld.integrations.models import ZgwService, normalised_root

_REQUIRED = ("naam", "soort", "api_root", "client_id", "secret_env")
_OPTIONAL = ("timeout", "actief")


def load(path: Path) -> list[tuple[str, str]]:
    """Create or update (by ``naam``) every service in the file, all or none. Returns
    (naam, "aangemaakt" or "bijgewerkt") per service."""
    _, entries = read_blocks(path, "service")
    return save_all(path, "service", entries, _save)


def _save(entry: Any, where: str) -> tuple[str, str]:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: een [[service]]-blok verwacht.")
    unknown = set(entry) - set(_REQUIRED) - set(_OPTIONAL)
    missing = [key for key in _REQUIRED if not entry.get(key)]
    if unknown:
        raise ConfigError(f"{where}: onbekende sleutel(s) {', '.join(sorted(unknown))}.")
    if missing:
        raise ConfigError(f"{where}: {', '.join(missing)} ontbreekt.")
    for key in _REQUIRED:
        if not isinstance(entry[key], str):
            raise ConfigError(f"{where}: {key} moet tekst zijn.")
    timeout = entry.get("timeout", 5.0)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float):
        raise ConfigError(f"{where}: timeout moet een getal (seconden) zijn.")
    actief = entry.get("actief", True)
    if not isinstance(actief, bool):
        raise ConfigError(f"{where}: actief moet true of false zijn.")
    secret = os.environ.get(entry["secret_env"], "")
    if not secret:
        raise ConfigError(
            f"{where}: omgevingsvariabele {entry['secret_env']} is leeg of niet gezet."
        )
    service = ZgwService.objects.filter(naam=entry["naam"]).first()
    created = service is None
    service = service or ZgwService(naam=entry["naam"])
    service.soort = entry["soort"]
    service.api_root = normalised_root(entry["api_root"])
    service.client_id = entry["client_id"]
    service.secret = secret
    service.timeout = float(timeout)
    service.actief = actief
    full_clean(service, where)
    service.save()
    return service.naam, "aangemaakt" if created else "bijgewerkt"
