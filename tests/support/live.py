"""The live server (klantbeeld.live.asgi under uvicorn) in a thread of the test process, so
it shares the test database like Django's live server does, for socket and browser tests:

    def test_…(live_ws):            # "ws://127.0.0.1:<port>", and pages point there
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
import uvicorn

T = TypeVar("T")


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the test runner keeps its own
        pass


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def live_ws(settings: Any, transactional_db: None) -> Iterator[str]:
    from channels.layers import channel_layers

    from klantbeeld.live.asgi import application

    # A channel layer of this server's own: one left behind by an earlier test's server
    # (its event loop gone, a receive still marked as running) refuses a new loop.
    channel_layers.backends = {}
    poort = _vrije_poort()
    server = _Server(
        uvicorn.Config(
            application,
            host="127.0.0.1",
            port=poort,
            ws="websockets-sansio",
            log_level="warning",
            lifespan="off",
        )
    )
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    einde = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > einde:
            raise RuntimeError("de live-server startte niet")
        time.sleep(0.02)
    basis = f"ws://127.0.0.1:{poort}"
    settings.KLANTBEELD_LIVE_URL = basis
    yield basis
    server.should_exit = True
    draad.join(timeout=10)
    channel_layers.backends = {}


def zonder_slot(lezen: Callable[[], T], seconden: float = 10) -> T:
    """``lezen()`` from the test's thread while the live server's thread may be writing.
    On SQLite's shared in-memory test database a table that another connection is writing
    is locked at once (no busy wait), so the read is tried again; PostgreSQL never locks a
    reader."""
    from django.db import OperationalError

    einde = time.monotonic() + seconden
    while True:
        try:
            return lezen()
        except OperationalError as fout:
            if "locked" not in str(fout) or time.monotonic() > einde:
                raise
            time.sleep(0.05)
