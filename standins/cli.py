"""What the stand-ins' ``python -m`` commands share: secrets named on the command line or
in the environment, and stopping on SIGTERM or SIGINT."""

from __future__ import annotations

import argparse
import os
import signal
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager
from types import FrameType, ModuleType
from typing import TypeVar

T = TypeVar("T")


def command_parser(package: ModuleType, port: int) -> argparse.ArgumentParser:
    """``python -m package``'s parser, described by the package's docstring, with the host
    and port to serve on."""
    parser = argparse.ArgumentParser(
        prog=f"python -m {package.__name__}",
        description=package.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=port)
    return parser


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


def serve_until_stopped(
    serve: Callable[[], AbstractContextManager[T]], ready: Callable[[T], None]
) -> int:
    """``serve()`` until SIGTERM or SIGINT, calling ``ready`` with what it serves first;
    the exit status."""
    stop_on_signals()
    try:
        with serve() as served:
            ready(served)
            threading.Event().wait()
    except KeyboardInterrupt:
        pass
    return 0
