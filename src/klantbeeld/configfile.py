"""What the TOML configuration files (mailboxes, ZGW services) share: blocks of one kind
read from the file, and all of them saved or none, with an error that says where."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction


class ConfigError(Exception):
    """The file cannot be used; ``str()`` says where and why. Nothing was changed."""


def read_blocks(path: Path, block: str) -> tuple[dict[str, Any], list[Any]]:
    """The document at ``path`` and its ``[[block]]`` blocks (at least one)."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{path}: {error}") from error
    entries = document.get(block)
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{path}: geen [[{block}]]-blokken gevonden.")
    return document, entries


def save_all(
    path: Path, block: str, entries: list[Any], save: Callable[[Any, str], tuple[str, str]]
) -> list[tuple[str, str]]:
    """``save`` (entry, where it is in the file) for each entry, in one transaction: all or
    none. Returns what each returned: (naam, "aangemaakt" or "bijgewerkt")."""
    with transaction.atomic():
        return [
            save(entry, f"{path}, {block} {number}")
            for number, entry in enumerate(entries, start=1)
        ]


def full_clean(instance: models.Model, where: str) -> None:
    """The model's own validation, its complaints as a ConfigError."""
    try:
        instance.full_clean()
    except ValidationError as error:
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        raise ConfigError(f"{where}: {details}") from error
