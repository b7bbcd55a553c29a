"""What a provider reports after the fact (delivery statuses to a callback URL): posted by a
thread of its own, as the provider does, or only when a test asks. The second is for tests
whose receiver runs in the test's own process on SQLite's in-memory database, where the
receiver's threads share the test's database connection and must not use it at the same
time as the test."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

import httpx

T = TypeVar("T")


def post_report(
    client: httpx.Client, url: str, body: bytes, headers: dict[str, str]
) -> tuple[int | None, str]:
    """Post one report: the receiver's HTTP status, or None and why it was not reached."""
    try:
        return client.post(url, content=body, headers=headers).status_code, ""
    except httpx.HTTPError as error:
        return None, f"{type(error).__name__}: {error}"


class Reports(Generic[T]):
    def __init__(self, post: Callable[[httpx.Client, T], None]) -> None:
        self._post = post
        self._queue: queue.Queue[T | None] = queue.Queue()
        self._worker = threading.Thread(target=self._post_all, daemon=True)
        self.automatic = True

    def start(self, *, automatic: bool = True) -> None:
        self.automatic = automatic
        if automatic:
            self._worker.start()

    def put(self, item: T) -> None:
        self._queue.put(item)

    def stop(self) -> None:
        """Post what is queued, then stop (on request: what was not asked for is dropped)."""
        if self.automatic:
            self._queue.put(None)
            self._worker.join(timeout=10)

    def post_waiting(self) -> int:
        """Post the reports waiting, in the calling thread; how many."""
        posted = 0
        with httpx.Client(timeout=5.0) as client:
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    return posted
                if item is not None:
                    self._post(client, item)
                    posted += 1

    def _post_all(self) -> None:
        with httpx.Client(timeout=5.0) as client:
            while (item := self._queue.get()) is not None:
                self._post(client, item)
