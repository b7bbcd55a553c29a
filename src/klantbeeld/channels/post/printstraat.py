"""Handing letters to the print street: the sender of kanaal ``post``.

Each letter becomes two files in KLANTBEELD_PRINTSTRAAT_MAP, named by the Verzending's
uuid: ``<uuid>.pdf`` (the letter as composed) and then ``<uuid>.json`` (where it goes and
what it is). Both are written under a temporary name starting with a dot and renamed into
place, so the print street never reads half a file; the JSON comes last, so a letter is
complete once its JSON is there. A retry writes the same names again: the print street
prints each name once (docs/berichten.md has the whole contract).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from klantbeeld.channels.post.brief import adresregels, afzender
from klantbeeld.channels.uitgaand import VerzendFout
from klantbeeld.domain.models import Betrokkene, Verzending

VERSIE = 1


def lever_aan(verzending: Verzending) -> str:
    """Write the letter into the print street's folder; a folder that is not set, not
    there or not writable is a temporary failure (the letter waits in the outbox)."""
    map_ = _map()
    pdf = bytes(verzending.inhoud)
    if not pdf:
        raise VerzendFout(f"Brief {verzending.uuid} heeft geen inhoud.", permanent=True)
    naam = str(verzending.uuid)
    try:
        _schrijf(map_ / f"{naam}.pdf", pdf)
        _schrijf(map_ / f"{naam}.json", _beschrijving(verzending, pdf))
    except OSError as fout:
        raise VerzendFout(
            f"De brief kon niet in de map van de printstraat ({map_}) worden gezet: {fout}",
            permanent=False,
        ) from fout
    return ""  # the letter keeps its own kenmerk as id


def _map() -> Path:
    ingesteld = settings.KLANTBEELD_PRINTSTRAAT_MAP
    if not ingesteld:
        raise VerzendFout(
            "KLANTBEELD_PRINTSTRAAT_MAP is niet ingesteld: er is geen printstraat voor brieven.",
            permanent=False,
        )
    map_ = Path(ingesteld)
    if not map_.is_dir():
        raise VerzendFout(f"De map van de printstraat ({map_}) bestaat niet.", permanent=False)
    return map_


def _schrijf(doel: Path, inhoud: bytes) -> None:
    """``inhoud`` at ``doel``, whole or not at all."""
    descriptor, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", dir=doel.parent)
    try:
        with os.fdopen(descriptor, "wb") as bestand:
            bestand.write(inhoud)
            bestand.flush()
            os.fsync(bestand.fileno())
        os.chmod(tijdelijk, 0o640)
        os.replace(tijdelijk, doel)
    except BaseException:
        Path(tijdelijk).unlink(missing_ok=True)
        raise


def _beschrijving(verzending: Verzending, pdf: bytes) -> bytes:
    van = afzender()
    data: dict[str, Any] = {
        "versie": VERSIE,
        "verzending": str(verzending.uuid),
        "kenmerk": verzending.bericht_id,
        "bestand": f"{verzending.uuid}.pdf",
        "sha256": hashlib.sha256(pdf).hexdigest(),
        "bytes": len(pdf),
        "ontvanger": {"naam": _naam(verzending), "adresregels": adresregels(verzending.adres)},
        "afzender": {"naam": van.naam, "adresregels": list(van.adresregels)},
        "onderwerp": verzending.onderwerp,
        "aangemaakt_op": verzending.aangemaakt_op.isoformat(),
        "aangeboden_op": timezone.now().isoformat(),
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def _naam(verzending: Verzending) -> str:
    """The addressee as the contact names them (the letter itself prints the name given
    when it was composed)."""
    betrokkene = (
        Betrokkene.objects.filter(had_klantcontact_id=verzending.klantcontact_id, initiator=False)
        .select_related("was_partij")
        .order_by("pk")
        .first()
    )
    if betrokkene is None:
        return ""
    if betrokkene.was_partij is not None:
        return betrokkene.was_partij.volledige_naam
    return betrokkene.volledige_naam or betrokkene.organisatienaam
