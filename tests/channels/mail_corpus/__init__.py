"""The mail corpus: the .eml files beside this module (written by maak.py), and the mail
tests' real parts in steun.py."""

from __future__ import annotations

from pathlib import Path

MAP = Path(__file__).parent


def corpus() -> dict[str, bytes]:
    return {pad.name: pad.read_bytes() for pad in sorted(MAP.glob("*.eml"))}
