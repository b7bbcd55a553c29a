"""Figures per scenario: throughput, latency percentiles, errors, server CPU and memory."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import Any

from klantbeeld.bench.driver import Outcome


@dataclass
class Figures:
    scenario: str
    description: str
    requests: int
    seconds: float
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    server_cpu_ms_per_request: float | None = None
    server_rss_mib: list[float] | None = None
    error_samples: list[str] | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def figures(
    scenario: str,
    description: str,
    outcome: Outcome,
    seconds: float,
    server_cpu: float | None = None,
    rss: list[float] | None = None,
) -> Figures:
    latencies = sorted(outcome.latencies) or [0.0]
    count = len(outcome.latencies)
    return Figures(
        scenario=scenario,
        description=description,
        requests=count,
        seconds=round(seconds, 2),
        requests_per_second=round(count / seconds, 1) if seconds else 0.0,
        p50_ms=round(_percentile(latencies, 50) * 1000, 1),
        p95_ms=round(_percentile(latencies, 95) * 1000, 1),
        p99_ms=round(_percentile(latencies, 99) * 1000, 1),
        errors=outcome.errors,
        server_cpu_ms_per_request=(
            round(server_cpu / count * 1000, 2) if server_cpu is not None and count else None
        ),
        server_rss_mib=[round(value, 1) for value in rss] if rss else None,
        error_samples=outcome.error_samples or None,
    )


@dataclass(frozen=True)
class Delays:
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float


def delays(start: dict[str, float], end: dict[str, float]) -> Delays:
    """From each key's start to its end (seconds since the epoch), for the keys that
    ended."""
    values = sorted((end[key] - at) * 1000 for key, at in start.items() if key in end)
    if not values:
        return Delays(0, 0.0, 0.0, 0.0, 0.0)

    def nearest(fraction: float) -> float:
        return values[min(len(values) - 1, round(fraction * (len(values) - 1)))]

    return Delays(len(values), statistics.median(values), nearest(0.95), nearest(0.99), values[-1])


def _percentile(sorted_values: list[float], percent: int) -> float:
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[percent - 1]


def markdown(rows: list[Figures], title: str) -> str:
    lines = [
        f"### {title}",
        "",
        "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/req |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        cpu = "" if row.server_cpu_ms_per_request is None else f"{row.server_cpu_ms_per_request}"
        lines.append(
            f"| {row.scenario} | {row.requests_per_second} | {row.p50_ms} | {row.p95_ms} | "
            f"{row.p99_ms} | {row.errors} | {cpu} |"
        )
    return "\n".join(lines) + "\n"
