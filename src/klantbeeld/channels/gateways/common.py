"""What both clients share: the one error they raise, so that the outbox can tell a
message it must drop from one it should send again later, and reading settings and
answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Self

import httpx

# rejected: the provider refused this message (a bad number, content it does not take);
#   sending it again will not help.
# configuration: the provider refused Klantbeeld's settings (credentials, account, sender).
#   Not the message's fault: once they are fixed the same message goes out, so it is kept.
# unavailable: no answer, a timeout, a server error or too many requests.
Kind = Literal["rejected", "configuration", "unavailable"]


class ChannelError(Exception):
    """A provider did not take a message; ``str()`` says why, for people."""

    def __init__(
        self, message: str, *, kind: Kind, status: int | None = None, code: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind: Kind = kind
        self.status = status  # the HTTP status, None without an answer
        self.code = code  # the provider's own error code

    @property
    def permanent(self) -> bool:
        """Whether sending the same message again is pointless."""
        return self.kind == "rejected"


class PooledClient:
    """A client on a connection pool: its own, closed with it, or the caller's (the
    outbox worker's), which stays the caller's to close."""

    def __init__(self, http: httpx.Client | None) -> None:
        self._own_http = http is None
        self.http = http or httpx.Client()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._own_http:
            self.http.close()


def kind_of(status: int, *, configuration: bool = False, later: bool = False) -> Kind:
    """What an error answer means; ``configuration`` and ``later`` say what the provider's
    own error code says, where it says more than the HTTP status."""
    if status in (401, 403) or configuration:
        return "configuration"
    if status == 429 or status >= 500 or later:
        return "unavailable"
    return "rejected"


def json_object(response: httpx.Response) -> dict[str, Any]:
    """The answer's JSON object; empty for anything else."""
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def required(env: Mapping[str, str], names: Sequence[str], what: str) -> None:
    """Raise ValueError naming every one of ``names`` that ``env`` lacks."""
    missing = [name for name in names if not env.get(name)]
    if missing:
        raise ValueError(f"{what}: {', '.join(missing)} niet ingesteld.")


def seconds(env: Mapping[str, str], name: str, what: str, default: float = 10.0) -> float:
    try:
        return float(env.get(name) or default)
    except ValueError as error:
        raise ValueError(f"{what}: {name} is geen getal.") from error
