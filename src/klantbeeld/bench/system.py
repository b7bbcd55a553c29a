"""CPU time and resident memory of a process and its children, read from /proc (Linux)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Usage:
    cpu_seconds: float
    rss_mib_per_process: list[float]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found.extend(int(child) for child in children.read_text().split())
    return found


def tree(pid: int) -> list[int]:
    """``pid`` and all its descendants."""
    pids: list[int] = []
    queue = [pid]
    while queue:
        current = queue.pop()
        pids.append(current)
        queue.extend(_children(current))
    return pids


def usage(pid: int) -> Usage:
    cpu = 0.0
    rss: list[float] = []
    for current in tree(pid):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{current}/status").read_text()
        except FileNotFoundError:
            continue
        # utime and stime are fields 14 and 15 of stat; after the ")" they are 12 and 13.
        cpu += (int(fields[11]) + int(fields[12])) / _TICKS
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss.append(int(line.split()[1]) / 1024)
    return Usage(cpu, rss)
