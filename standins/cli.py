"""What the stand-ins' ``python -m`` commands share: secrets named on the command line or
in the environment, and stopping on SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import os
import signal
from collections.abc import Callable
from types import FrameType


def named_secrets(
    parser: argparse.ArgumentParser,
    option: str,
    given: list[str],
    from_env: list[str],
    *,
    key: str = "ID",
    secret: str = "SECRET",
    name: Callable[[str], str | None] = lambda given: given or None,
) -> dict[str, str]:
    """``NAME:SECRET`` from ``option`` and ``NAME:VARIABLE`` from ``option``-env (the secret
    in that environment variable, so that ps does not show it), by name; ``name`` turns what
    was given into the name, or None where it is not one."""
    pairs: dict[str, str] = {}
    for item in given:
        given_name, sep, value = item.partition(":")
        named = name(given_name)
        if not sep or named is None or not value:
            parser.error(f"{option} {item!r}: use {key}:{secret}")
        pairs[named] = value
    for item in from_env:
        given_name, sep, variable = item.partition(":")
        named = name(given_name)
        if not sep or named is None or not os.environ.get(variable):
            parser.error(f"{option}-env {item!r}: use {key}:VARIABLE, with the variable set")
        pairs[named] = os.environ[variable]
    return pairs


def stop_on_signals() -> None:
    """From now on SIGTERM and SIGINT raise KeyboardInterrupt in the main thread."""

    def stop(signum: int, frame: FrameType | None) -> None:
        # A second signal while stopping must not interrupt the shutdown.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
