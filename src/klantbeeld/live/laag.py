"""The channel layer: Channels' Redis layer with a connection pool that waits for a free
connection instead of refusing. redis-py's default pool raises at its limit, and a few
hundred windows connecting or closing at once (a live server restarting, a reconnect
storm) each need one for a moment; a short wait is right, an error is not."""

from __future__ import annotations

from typing import Any

from channels_redis.core import RedisChannelLayer
from redis.asyncio import BlockingConnectionPool

# Connections per event loop, and how long a command waits for one (seconds).
MAX_VERBINDINGEN = 200
WACHTTIJD = 20


class Kanaallaag(RedisChannelLayer):
    def create_pool(self, index: int) -> Any:
        host = dict(self.hosts[index])
        adres = host.pop("address")
        return BlockingConnectionPool.from_url(
            adres, max_connections=MAX_VERBINDINGEN, timeout=WACHTTIJD, **host
        )
