"""``klantbeeld bench-chat``: how many chats one live-server process holds, and how fast
their messages arrive (docs/performance.md)."""

from __future__ import annotations

import asyncio
import os
import platform
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from klantbeeld.bench import chat
from klantbeeld.bench.mail import database


class Command(BaseCommand):
    help = (
        "Measure the live server: for each number of --chats, that many conversations with "
        "two WebSockets each (visitor and agent) on one `klantbeeld serve-live` process, "
        "each sending --per-minuut messages for --seconden; reports the latency from send to "
        "arrival on the other socket (p50/p95/p99/max), lost messages and the server's CPU. "
        "Adds conversations to the database: use a database for measuring."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--chats", default="100,500,1000,2000")
        parser.add_argument("--per-minuut", type=float, default=6.0)
        parser.add_argument("--seconden", type=float, default=30.0)
        parser.add_argument("--workers", type=int, default=1, help="Live-server processes.")

    def handle(self, *args: Any, **options: Any) -> None:
        stappen = [int(n) for n in options["chats"].split(",") if n.strip()]
        self.stdout.write(
            f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{database()}; {options['workers']} live-server process(es); a message per chat "
            f"every {60 / options['per_minuut']:.0f} s for {options['seconden']:.0f} s"
        )
        self.stdout.write(
            "| chats | connections | connect s | messages | lost | p50 ms | p95 ms | p99 ms "
            "| max ms | server CPU % | server MiB |"
        )
        self.stdout.write(
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        )
        poort = chat.vrije_poort()
        with chat.live_server(poort, options["workers"]) as proces:
            for aantal in stappen:
                gesprekken = chat.maak_gesprekken(aantal)
                stap = asyncio.run(
                    chat.meet(
                        poort, gesprekken, options["per_minuut"], options["seconden"], proces.pid
                    )
                )
                self._regel(stap)

    def _regel(self, stap: chat.Stap) -> None:
        lat = stap.latentie or chat.Delays(0, 0, 0, 0, 0)
        self.stdout.write(
            f"| {stap.chats} | {stap.verbonden} | {stap.verbinden_s} | {stap.verstuurd} | "
            f"{stap.verstuurd - stap.aangekomen} | {lat.p50_ms:.1f} | {lat.p95_ms:.1f} | "
            f"{lat.p99_ms:.1f} | {lat.max_ms:.1f} | {stap.server_cpu_procent} | "
            f"{stap.server_rss_mib} |"
        )
        for fout in stap.fouten[:5]:
            self.stderr.write(f"  {fout}")
