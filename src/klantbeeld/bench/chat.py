"""How many chats one live-server process holds: ``klantbeeld bench-chat``.

Each chat is two WebSockets on one conversation, as a visitor and an agent have: one
sends a message every so often, the other waits for it. A message's latency is from the
send on one socket to its arrival on the other, the whole path a chat message takes: the
socket, the consumer, the database write, Redis and the other consumer. The live server
is a real ``klantbeeld serve-live`` process on this machine's database and Redis; its CPU
is read from /proc.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect

from klantbeeld.bench.report import Delays, delays
from klantbeeld.bench.system import usage
from klantbeeld.domain.services import gesprekken


@dataclass
class Stap:
    """One measurement: so many chats for so long."""

    chats: int
    verbonden: int = 0
    verstuurd: int = 0
    aangekomen: int = 0
    fouten: list[str] = field(default_factory=list)
    latentie: Delays | None = None
    server_cpu_procent: float = 0.0
    server_rss_mib: float = 0.0
    verbinden_s: float = 0.0


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def live_server(poort: int, workers: int = 1) -> Iterator[subprocess.Popen[bytes]]:
    """``klantbeeld serve-live`` on ``poort``, on this process's database, with a Redis
    prefix of its own and without the per-visitor message limit (one client machine sends
    for thousands of visitors)."""
    omgeving = {
        **os.environ,
        "KLANTBEELD_LIVE_PREFIX": f"bench{uuid.uuid4().hex[:8]}",
        "KLANTBEELD_CHAT_BERICHTEN_PER_MINUUT": "0",
    }
    os.environ["KLANTBEELD_LIVE_PREFIX"] = omgeving["KLANTBEELD_LIVE_PREFIX"]
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "klantbeeld.cli",
            "serve-live",
            "--port",
            str(poort),
            "--workers",
            str(workers),
        ],
        env=omgeving,
        stdout=subprocess.DEVNULL,
    )
    try:
        _wacht_op(poort)
        yield proces
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proces.kill()


def _wacht_op(poort: int, seconden: float = 30) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", poort), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError("de live-server startte niet")


def maak_gesprekken(aantal: int) -> list[tuple[str, str]]:
    return [
        (str(gesprek.uuid), sleutel)
        for gesprek, sleutel in (gesprekken.open_gesprek(naam="Bench") for _ in range(aantal))
    ]


async def _aanmelden(adres: str, sleutel: str) -> ClientConnection:
    ws = await connect(adres, open_timeout=60, max_queue=None)
    await ws.send(json.dumps({"soort": "aanmelden", "sleutel": sleutel, "sinds": 10**9}))
    while True:
        bericht = json.loads(await asyncio.wait_for(ws.recv(), 60))
        if bericht.get("soort") == "verbonden":
            return ws
        if bericht.get("soort") == "fout":
            raise RuntimeError(bericht.get("melding"))


async def meet(
    poort: int, chats: list[tuple[str, str]], per_minuut: float, seconden: float, pid: int
) -> Stap:
    stap = Stap(chats=len(chats))
    basis = f"ws://127.0.0.1:{poort}/live/chat"
    begin = time.monotonic()
    paren = await _verbind_alle(basis, chats, stap)
    stap.verbinden_s = round(time.monotonic() - begin, 1)
    verstuurd: dict[str, float] = {}
    aangekomen: dict[str, float] = {}
    voor = usage(pid)
    start = time.monotonic()
    luisteraars = [asyncio.create_task(_luister(b, aangekomen)) for _, b in paren]
    zenders = [
        asyncio.create_task(_zend(a, per_minuut, start + seconden, verstuurd, stap))
        for a, _ in paren
    ]
    await asyncio.gather(*zenders)
    # What was sent at the end gets a few seconds to arrive; later counts as lost.
    await asyncio.sleep(5)
    duur = time.monotonic() - start
    na = usage(pid)
    for taak in luisteraars:
        taak.cancel()
    await asyncio.gather(*(_sluit(ws) for paar in paren for ws in paar))
    stap.verstuurd, stap.aangekomen = len(verstuurd), len(aangekomen)
    stap.latentie = delays(verstuurd, aangekomen)
    stap.server_cpu_procent = round((na.cpu_seconds - voor.cpu_seconds) / duur * 100, 1)
    stap.server_rss_mib = round(sum(na.rss_mib_per_process), 1)
    return stap


async def _verbind_alle(
    basis: str, chats: list[tuple[str, str]], stap: Stap
) -> list[tuple[ClientConnection, ClientConnection]]:
    # In batches: a thousand handshakes at once is a test of the listen backlog.
    paren: list[tuple[ClientConnection, ClientConnection]] = []
    for i in range(0, len(chats), 100):
        batch = chats[i : i + 100]
        resultaten = await asyncio.gather(
            *(_paar(f"{basis}/{gesprek}/", sleutel) for gesprek, sleutel in batch),
            return_exceptions=True,
        )
        for resultaat in resultaten:
            if isinstance(resultaat, BaseException):
                stap.fouten.append(f"verbinden: {resultaat!r}"[:200])
            else:
                paren.append(resultaat)
    stap.verbonden = 2 * len(paren)
    return paren


async def _paar(adres: str, sleutel: str) -> tuple[ClientConnection, ClientConnection]:
    return await _aanmelden(adres, sleutel), await _aanmelden(adres, sleutel)


async def _zend(
    ws: ClientConnection, per_minuut: float, tot: float, verstuurd: dict[str, float], stap: Stap
) -> None:
    pauze = 60 / per_minuut
    await asyncio.sleep(random.uniform(0, pauze))
    while time.monotonic() < tot:
        client_id = uuid.uuid4().hex
        verstuurd[client_id] = time.time()
        try:
            await ws.send(json.dumps({"soort": "bericht", "tekst": "Bench", "clientId": client_id}))
        except Exception as fout:
            stap.fouten.append(f"versturen: {fout!r}"[:200])
            return
        await asyncio.sleep(random.uniform(0.5 * pauze, 1.5 * pauze))


async def _luister(ws: ClientConnection, aangekomen: dict[str, float]) -> None:
    with contextlib.suppress(Exception):
        async for tekst in ws:
            bericht = json.loads(tekst)
            if bericht.get("soort") == "bericht":
                client_id = bericht["bericht"].get("clientId")
                if client_id:
                    aangekomen.setdefault(client_id, time.time())


async def _sluit(ws: ClientConnection) -> None:
    with contextlib.suppress(Exception):
        await asyncio.wait_for(ws.close(), 5)
