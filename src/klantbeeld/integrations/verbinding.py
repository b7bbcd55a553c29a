"""What the clients of the base registers (BRP, KVK) share: the connection's TLS
settings, the outcome of a connection check, and what went wrong in plain words."""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from klantbeeld.integrations.zgw.client import seconds


class Registerfout(Exception):
    """A register did not answer as it should; ``str()`` is a whole sentence for the user."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Controle:
    """Is a register configured, and did it answer a harmless question as it should?"""

    ingesteld: bool
    gezond: bool
    melding: str


def tls(ca_bundle: str, certificaat: str = "", sleutel: str = "") -> dict[str, Any]:
    """httpx.Client arguments: whom to trust, and the client certificate to show."""
    opties: dict[str, Any] = {}
    if ca_bundle:
        opties["verify"] = ca_bundle
    if certificaat:
        opties["cert"] = (certificaat, sleutel) if sleutel else certificaat
    return opties


def header(tekst: str, lengte: int = 242) -> str:
    """A header value in ASCII (HTTP headers carry no accents), at most ``lengte`` long: the
    most a verwerkingenlogging record holds."""
    zonder = unicodedata.normalize("NFKD", tekst).encode("ascii", "ignore").decode("ascii")
    return " ".join(zonder.split())[:lengte]


def onbereikbaar(register: str, error: httpx.HTTPError | httpx.InvalidURL, timeout: float) -> str:
    """Why a register did not answer, for the person at the screen."""
    if isinstance(error, httpx.TimeoutException):
        return f"{register} gaf geen antwoord binnen {seconds(timeout)}."
    return f"{register} is niet bereikbaar."


def controle(register: str, ingesteld: bool, vraag: Callable[[], object]) -> Controle:
    """Ask ``vraag`` once and say how it went."""
    if not ingesteld:
        return Controle(False, False, f"{register} is niet ingesteld.")
    begin = time.monotonic()
    try:
        vraag()
    except Registerfout as fout:
        return Controle(True, False, fout.message)
    ms = (time.monotonic() - begin) * 1000
    return Controle(True, True, f"{register} is bereikbaar, antwoord in {ms:.0f} ms.")
