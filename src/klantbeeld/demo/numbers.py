"""Valid, distinct identifiers for demo, test and benchmark data."""

from __future__ import annotations

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3)


def _eleven_proof(prefix: str) -> str:
    """Complete a 7-digit prefix to a 9-digit number that passes the eleven-test.

    The last two digits weigh 2 and -1; some pair always closes the sum to a multiple of
    eleven, so each prefix gives exactly one number and distinct prefixes distinct numbers.
    """
    partial = sum(int(d) * w for d, w in zip(prefix, _WEIGHTS, strict=True))
    for a in range(10):
        b = (partial + 2 * a) % 11
        if b <= 9:
            return f"{prefix}{a}{b}"
    raise AssertionError("unreachable: ten values of a give ten different remainders")


def bsn(n: int) -> str:
    """The n-th demo BSN (0 ≤ n < 4,000,000)."""
    if not 0 <= n < 4_000_000:
        raise ValueError("n out of range for demo BSNs")
    return _eleven_proof(f"{1_000_000 + n:07d}")


def rsin(n: int) -> str:
    """The n-th demo RSIN (0 ≤ n < 4,000,000); never equal to a demo BSN."""
    if not 0 <= n < 4_000_000:
        raise ValueError("n out of range for demo RSINs")
    return _eleven_proof(f"{5_000_000 + n:07d}")


def kvk_nummer(n: int) -> str:
    return f"{60_000_000 + n:08d}"


def vestigingsnummer(n: int) -> str:
    return f"{100_000_000_000 + n:012d}"
