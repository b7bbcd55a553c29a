"""The API clients found for recent credentials, kept for a few seconds per process.

Looking the client up was one query on every request; credentials are the same for
thousands of requests in a row. A change to a client (deactivated, token replaced, scopes
changed) empties this process's cache at once and reaches the other worker processes
within ``KLANTBEELD_API_CLIENT_CACHE_SECONDS``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from klantbeeld.api.clients.models import ApiClient

# Credentials that name no client are not kept: random tokens must not fill memory.
_MAX_ENTRIES = 1000


class RecentClients:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[float, ApiClient]] = {}

    def get(self, key: str, load: Callable[[], ApiClient | None]) -> ApiClient | None:
        seconds = settings.KLANTBEELD_API_CLIENT_CACHE_SECONDS
        now = time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < seconds:
            return entry[1]
        client = load()
        if client is not None and seconds > 0:
            if len(self._entries) >= _MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = (now, client)
        return client

    def clear(self) -> None:
        self._entries.clear()


recent_clients = RecentClients()


@receiver(post_save, sender=ApiClient)
@receiver(post_delete, sender=ApiClient)
def _forget_clients(**kwargs: Any) -> None:
    recent_clients.clear()
