"""The one error both clients raise, so that the outbox can tell a message it must drop
from one it should send again later."""

from __future__ import annotations

from typing import Literal

# rejected: the provider refused this message (a bad number, content it does not take);
#   sending it again will not help.
# authentication: the provider refused Klantbeeld's credentials. Not the message's fault:
#   once the configuration is fixed, the same message goes out, so it is kept.
# unavailable: no answer, a timeout, a server error or too many requests.
Kind = Literal["rejected", "authentication", "unavailable"]


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
