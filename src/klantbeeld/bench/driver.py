"""Concurrent HTTP clients on keep-alive connections, with latencies and errors counted."""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import orjson


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: bytes | None = None
    # Called with (status, parsed body); returns an error text when the answer is wrong.
    check: Callable[[int, Any], str | None] | None = None


@dataclass
class Outcome:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)

    def merge(self, other: Outcome) -> None:
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        self.error_samples.extend(other.error_samples[: 5 - len(self.error_samples)])


class Connection:
    """One keep-alive HTTP/1.1 connection, reopened when the server closes it."""

    def __init__(self, base_url: str, headers: dict[str, str]) -> None:
        parts = urlsplit(base_url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.headers = {"Accept": "application/json", **headers}
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def send(self, request: Request) -> tuple[int, bytes]:
        headers = dict(self.headers)
        if request.body is not None:
            headers["Content-Type"] = "application/json"
        for attempt in (1, 2):
            try:
                self.conn.request(
                    request.method, self.prefix + request.path, body=request.body, headers=headers
                )
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.conn.close()


def run(
    base_url: str,
    headers: dict[str, str],
    next_request: Callable[[int], Request],
    clients: int,
    seconds: float,
) -> Outcome:
    """``clients`` threads send requests for ``seconds``; every answer is checked."""
    stop = time.perf_counter() + seconds
    outcomes = [Outcome() for _ in range(clients)]

    def client(number: int) -> None:
        connection = Connection(base_url, headers)
        outcome = outcomes[number]
        counter = number
        try:
            while time.perf_counter() < stop:
                request = next_request(counter)
                counter += clients
                started = time.perf_counter()
                try:
                    status, raw = connection.send(request)
                except OSError as error:
                    _fail(outcome, f"{request.method} {request.path}: {error}")
                    continue
                outcome.latencies.append(time.perf_counter() - started)
                problem = _judge(request, status, raw)
                if problem:
                    _fail(outcome, f"{request.method} {request.path}: {problem}")
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Outcome()
    for outcome in outcomes:
        total.merge(outcome)
    return total


def _judge(request: Request, status: int, raw: bytes) -> str | None:
    try:
        body = orjson.loads(raw) if raw else None
    except orjson.JSONDecodeError:
        return f"status {status}, body is not JSON"
    if request.check is None:
        return None if 200 <= status < 300 else f"status {status}"
    return request.check(status, body)


def _fail(outcome: Outcome, message: str) -> None:
    outcome.errors += 1
    if len(outcome.error_samples) < 5:
        outcome.error_samples.append(message[:300])
