"""Reading the platform's call notifications: the shape of Voys's "call notifications"
(version v2, JSON, one POST per event; docs/telefonie.md has the field mapping) and
checking that they come from the platform.

The platform proves itself with the shared secret (KLANTBEELD_TELEFONIE_GEHEIM) in one of
two ways: an HMAC-SHA256 of the raw body in ``X-Klantbeeld-Signature: sha256=<hex>`` (what
a platform or relay that signs sends; the stand-in does), or the secret itself as the
``token`` query parameter of the URL configured at the platform (for platforms, Voys among
them, whose notifications carry no signature). Both are compared in constant time.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

SIGNATURE_HEADER = "X-Klantbeeld-Signature"
TOKEN_PARAMETER = "token"

CREATED = "created"
RINGING = "ringing"
ANSWERED = "in-progress"
WARM_TRANSFER = "warm-transfer"
COLD_TRANSFER = "cold-transfer"
ENDED = "ended"
STATUSES = frozenset({CREATED, RINGING, ANSWERED, WARM_TRANSFER, COLD_TRANSFER, ENDED})
TRANSFERS = frozenset({WARM_TRANSFER, COLD_TRANSFER})
# Reasons an ended call was missed: nobody answered, or the caller hung up waiting.
MISSED_REASONS = frozenset({"no-answer", "abandoned", "busy", "cancelled"})


class MeldingFout(ValueError):
    """The notification cannot be read; ``str()`` says why (for the log)."""


@dataclass(frozen=True)
class Gebeurtenis:
    oproep_id: str
    status: str
    tijdstip: datetime.datetime
    richting: str = "inbound"
    beller: str = ""
    beller_naam: str = ""
    gebeld: str = ""
    wachtrij: str = ""
    # The extension the event is about: who answers, or who the call is transferred to.
    toestel: str = ""
    # A transfer: the extension that passed the call on.
    van_toestel: str = ""
    reden: str = ""

    @property
    def gemist(self) -> bool:
        return self.status == ENDED and self.reden in MISSED_REASONS


def echt(body: bytes, signature: str | None, token: str | None, geheim: str) -> bool:
    """Whether the notification comes from the platform (see the module's docstring)."""
    if not geheim:
        return False  # not configured: nobody is believed
    if signature:
        verwacht = "sha256=" + hmac.new(geheim.encode(), body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(signature.strip().encode(), verwacht.encode())
    if token:
        return hmac.compare_digest(token.encode(), geheim.encode())
    return False


def onderteken(body: bytes, geheim: str) -> str:
    """The signature header's value for ``body`` (the stand-in and tests sign with it)."""
    return "sha256=" + hmac.new(geheim.encode(), body, hashlib.sha256).hexdigest()


def lees(data: Any) -> Gebeurtenis:
    """The event in a notification; MeldingFout when it is not one."""
    if not isinstance(data, dict):
        raise MeldingFout("geen JSON-object")
    oproep_id = _tekst(data, "call_id", 200, verplicht=True)
    status = _tekst(data, "status", 30, verplicht=True)
    if status not in STATUSES:
        raise MeldingFout(f"onbekende status {status!r}")
    richting = _tekst(data, "direction", 20) or "inbound"
    if richting not in ("inbound", "outbound", "internal"):
        raise MeldingFout(f"onbekende direction {richting!r}")
    caller = _object(data, "caller")
    destination = _object(data, "destination")
    target = _object(destination, "target")
    redirector = _object(data, "redirector")
    queue = _object(data, "queue")
    return Gebeurtenis(
        oproep_id=oproep_id,
        status=status,
        tijdstip=_tijdstip(data.get("timestamp")),
        richting=richting,
        beller=_tekst(caller, "number", 80),
        beller_naam=_tekst(caller, "name", 200),
        gebeld=_tekst(destination, "number", 80),
        wachtrij=_tekst(queue, "name", 200),
        toestel=_tekst(target, "account_number", 50),
        van_toestel=_tekst(redirector, "account_number", 50),
        reden=_tekst(data, "reason", 50),
    )


def _object(data: dict[str, Any], naam: str) -> dict[str, Any]:
    waarde = data.get(naam)
    if waarde is None:
        return {}
    if not isinstance(waarde, dict):
        raise MeldingFout(f"{naam} is geen object")
    return waarde


def _tekst(data: dict[str, Any], naam: str, grens: int, *, verplicht: bool = False) -> str:
    waarde = data.get(naam)
    if waarde is None or waarde == "":
        if verplicht:
            raise MeldingFout(f"{naam} ontbreekt")
        return ""
    if isinstance(waarde, int) and not isinstance(waarde, bool):
        waarde = str(waarde)  # an account number sent as a number
    if not isinstance(waarde, str):
        raise MeldingFout(f"{naam} is geen tekst")
    if len(waarde) > grens:
        raise MeldingFout(f"{naam} is langer dan {grens} tekens")
    return waarde.strip()


def _tijdstip(waarde: Any) -> datetime.datetime:
    if not isinstance(waarde, str):
        raise MeldingFout("timestamp ontbreekt")
    try:
        moment = datetime.datetime.fromisoformat(waarde.replace("Z", "+00:00"))
    except ValueError:
        raise MeldingFout(f"timestamp {waarde!r} is geen ISO 8601-tijdstip") from None
    if moment.tzinfo is None:
        raise MeldingFout("timestamp heeft geen tijdzone")
    return moment
