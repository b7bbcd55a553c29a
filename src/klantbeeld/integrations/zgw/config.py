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
import tomllib
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from klantbeeld.integrations.models import ZgwService, normalised_root

_REQUIRED = ("naam", "soort", "api_root", "client_id", "secret_env")
_OPTIONAL = ("timeout", "actief")


class ConfigError(Exception):
    """The file cannot be used; ``str()`` says where and why. Nothing was changed."""


def load(path: Path) -> list[tuple[str, str]]:
    """Create or update (by ``naam``) every service in the file, all or none. Returns
    (naam, "aangemaakt" or "bijgewerkt") per service."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    entries = document.get("service")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: geen [[service]]-blokken gevonden.")
    outcome = []
    with transaction.atomic():
        for number, entry in enumerate(entries, start=1):
            outcome.append(_save(entry, f"{path}, service {number}"))
    return outcome


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
    try:
        service.full_clean()
    except ValidationError as error:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise ConfigError(f"{where}: {details}") from error
    service.save()
    return service.naam, "aangemaakt" if created else "bijgewerkt"
