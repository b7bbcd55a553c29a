"""Measuring the worker: notifications per second, and the delay from commit to delivery.

The NRC here is a sink on loopback that answers as an NRC does (201); validating what it
receives is the local NRC's job in the tests, and would measure the sink, not the worker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

import orjson

from klantbeeld.bench.loopback import serving
from klantbeeld.domain.services import partijen
from klantbeeld.domain.services.common import ChangeContext

BENCH = ChangeContext(applicatie="bench")


@dataclass
class Sink:
    url: str = ""
    arrivals: dict[str, float] = field(default_factory=dict)  # resourceUrl → time
    lock: threading.Lock = field(default_factory=threading.Lock)

    def count(self) -> int:
        with self.lock:
            return len(self.arrivals)

    def wait_for(self, count: int, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.count() >= count:
                return True
            time.sleep(0.01)
        return False


@contextmanager
def sink() -> Iterator[Sink]:
    state = Sink()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body in one write: separate small writes on a kept-alive connection
        # meet delayed ACKs and cost 40 ms each.
        wbufsize = 65536

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            arrived = time.time()
            url = orjson.loads(body).get("resourceUrl", "")
            with state.lock:
                state.arrivals.setdefault(url, arrived)
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    with serving(Handler) as url:
        state.url = url
        yield state


def new_partij(index: int) -> tuple[str, float]:
    """Register a partij (one transaction, one notification); its URL and commit time."""
    from klantbeeld.api.common.resources import url_of

    partij = partijen.create_partij(
        {
            "soort_partij": "organisatie",
            "indicatie_actief": True,
            "naam": f"Bench organisatie {index}",
        },
        BENCH,
    )
    return str(url_of(partij)), time.time()
