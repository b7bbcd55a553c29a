"""Notifications for a notification router (NRC, Notificaties API 1.0.0).

The kanalen and their kenmerken are Open Klant's (``partijen``, ``klantcontacten``,
``internetaken``), so subscribers written for Open Klant work unchanged. Sub-resources
(a betrokkene, a digitaal adres, …) are announced on their parent's kanaal with the
parent as ``hoofdObject`` and the parent's kenmerken, as Open Zaak does for a zaak's
statussen. Kenmerken are registered on the kanaal in snake_case (Open Notificaties
compares them so) and sent in camelCase.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models

from klantbeeld.api.common.resources import url_of
from klantbeeld.domain.models import (
    Betrokkene,
    Bijlage,
    CategorieRelatie,
    DigitaalAdres,
    InterneTaak,
    Klantcontact,
    Onderwerpobject,
    Partij,
    PartijIdentificator,
    Rekeningnummer,
)
from klantbeeld.domain.services.changes import Change


@dataclass(frozen=True)
class Kanaal:
    naam: str
    main_model: type[models.Model]
    kenmerken: tuple[str, ...]  # field names (snake_case)
    documentatie: str


KANALEN = (
    Kanaal(
        "partijen",
        Partij,
        ("nummer", "interne_notitie", "soort_partij"),
        "Partijen (personen, organisaties, contactpersonen) in Klantbeeld.",
    ),
    Kanaal(
        "klantcontacten",
        Klantcontact,
        ("hoofd_onderwerp_type", "indicatie_contact_gelukt", "verdere_actie_ondernomen"),
        "Klantcontacten en hun betrokkenen, onderwerpobjecten en bijlagen in Klantbeeld.",
    ),
    Kanaal(
        "internetaken",
        InterneTaak,
        ("nummer", "gevraagde_handeling", "toelichting", "status"),
        "Interne taken (terugbelverzoeken, contactverzoeken) in Klantbeeld.",
    ),
)
_BY_MODEL = {kanaal.main_model: kanaal for kanaal in KANALEN}

# Sub-resource → how to reach its main object.
_PARENTS: dict[type[models.Model], Callable[[Any], models.Model | None]] = {
    Betrokkene: lambda row: row.had_klantcontact,
    Onderwerpobject: lambda row: row.klantcontact,
    Bijlage: lambda row: row.was_bijlage_van_klantcontact,
    PartijIdentificator: lambda row: row.identificeerde_partij,
    DigitaalAdres: lambda row: row.verstrekt_door_partij,
    Rekeningnummer: lambda row: row.partij,
    # A customer relation (huurder, medebewoner, …) is the partij's.
    CategorieRelatie: lambda row: row.partij,
}


def _main_object(instance: models.Model) -> models.Model | None:
    if type(instance) in _BY_MODEL:
        return instance
    parent = _PARENTS.get(type(instance))
    return parent(instance) if parent else None


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def _kenmerk(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def notificatie(change: Change, resource: str, url: str) -> dict[str, Any] | None:
    """The message for ``change``, or None when no kanaal covers the resource."""
    instance = change.instance
    main = _main_object(instance)
    if main is None:
        return None
    kanaal = _BY_MODEL[type(main)]
    main_url = url if main is instance else url_of(main)
    kenmerken = {
        _camel(name): _kenmerk(value)
        for name in kanaal.kenmerken
        if (value := getattr(main, name)) not in (None, "")
    }
    return {
        "kanaal": kanaal.naam,
        # Open Notificaties needs it to turn the notification into a CloudEvent for
        # subscribers that asked for those; others ignore it.
        "source": settings.KLANTBEELD_NRC_SOURCE,
        "hoofdObject": main_url,
        "resource": resource,
        "resourceUrl": url,
        "actie": change.actie,
        "aanmaakdatum": now_text(),
        "kenmerken": kenmerken,
    }


def now_text() -> str:
    """Now in UTC, to the second, as the ZGW APIs write a date-time."""
    moment = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")
