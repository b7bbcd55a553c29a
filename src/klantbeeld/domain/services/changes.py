"""Who hears of a change: listeners called inside the change's own transaction.

Every create, update and delete through the domain services is announced here once, right
after its audit-trail entry. A listener that writes rows (the outbox of the events adapter)
writes them in the same transaction, so a rolled-back change announces nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.db import models

if TYPE_CHECKING:
    from klantbeeld.domain.services.common import ChangeContext

Actie = Literal["create", "update", "destroy"]


@dataclass(frozen=True)
class Change:
    instance: models.Model
    actie: Actie
    by: ChangeContext


Listener = Callable[[Change], None]
_listeners: list[Listener] = []


def listen(listener: Listener) -> None:
    """Call ``listener`` for every change from now on (once, however often registered)."""
    if listener not in _listeners:
        _listeners.append(listener)


def announce(change: Change) -> None:
    for listener in _listeners:
        listener(change)
