"""Valid-looking identifiers for demo and test data (never real people: a fixed prefix)."""

from __future__ import annotations

from klantbeeld.domain.validators import elfproef


def bsn(n: int) -> str:
    """The n-th nine-digit number that passes the eleven-test (n ≥ 0).

    Numbers start at 900 000 000 + 10·n; of every eleven candidates one passes, so the
    search is short.
    """
    candidate = 900_000_000 + 10 * n
    while not elfproef(f"{candidate:09d}"):
        candidate += 1
    return f"{candidate:09d}"


def rsin(n: int) -> str:
    candidate = 800_000_000 + 10 * n
    while not elfproef(f"{candidate:09d}"):
        candidate += 1
    return f"{candidate:09d}"


def kvk_nummer(n: int) -> str:
    return f"{60_000_000 + n:08d}"


def vestigingsnummer(n: int) -> str:
    return f"{100_000_000_000 + n:012d}"
