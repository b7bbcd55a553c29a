"""A live server killed with open chats (kill -9): the conversation goes on when the
windows reconnect, and nothing said in between is lost or stored twice. A real
`klantbeeld serve-live` process on PostgreSQL (it shares the test database)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from klantbeeld.domain.models import Afzender
from klantbeeld.domain.services import gesprekken

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("the live server in its own process needs a database it can share")


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_live(poort: int, **extra: str) -> subprocess.Popen[bytes]:
    db = connection.settings_dict
    env = {
        **os.environ,
        **extra,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        # The same channel layer as this test process, so its pushes reach the server.
        "KLANTBEELD_LIVE_PREFIX": settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"],
    }
    proces = subprocess.Popen(
        [sys.executable, "-m", "klantbeeld.cli", "serve-live", "--port", str(poort)],
        env=env,
        stdout=subprocess.DEVNULL,
    )
    einde = time.monotonic() + 60
    while time.monotonic() < einde:
        try:
            socket.create_connection(("127.0.0.1", poort), 0.5).close()
            return proces
        except OSError:
            time.sleep(0.1)
    proces.kill()
    raise AssertionError("the live server did not start")


def aanmelden(poort: int, gesprek: str, sleutel: str, sinds: int) -> ClientConnection:
    ws = connect(f"ws://127.0.0.1:{poort}/live/chat/{gesprek}/", open_timeout=20)
    ws.send(json.dumps({"soort": "aanmelden", "sleutel": sleutel, "sinds": sinds}))
    return ws


def berichten_tot(ws: ClientConnection, laatste: int) -> list[dict]:
    """The chat messages the window gets until it has seen number ``laatste``, each number
    once (one that arrives while catching up can come both ways; the widget keeps one)."""
    gezien: dict[int, dict] = {}
    while max(gezien, default=0) < laatste:
        bericht = json.loads(ws.recv(timeout=20))
        if bericht["soort"] == "bericht":
            gezien[bericht["bericht"]["volgnummer"]] = bericht["bericht"]
    return [gezien[n] for n in sorted(gezien)]


def stuur(ws: ClientConnection, tekst: str, client_id: str) -> int:
    """Send as the visitor; the number the server gave it."""
    ws.send(json.dumps({"soort": "bericht", "tekst": tekst, "clientId": client_id}))
    while True:
        bericht = json.loads(ws.recv(timeout=20))
        if bericht["soort"] == "ontvangen" and bericht["bericht"]["clientId"] == client_id:
            return int(bericht["bericht"]["volgnummer"])


def test_a_killed_live_server_loses_nothing_of_an_open_chat():
    gesprek, sleutel = gesprekken.open_gesprek(naam="Fatima")
    poort = vrije_poort()
    live = start_live(poort)
    try:
        ws = aanmelden(poort, str(gesprek.uuid), sleutel, 0)
        assert stuur(ws, "Is het zwembad open?", "v1") == 1
        gesprekken.plaats_bericht(gesprek, afzender=Afzender.MEDEWERKER, naam="Anna", tekst="Ja")
        gezien = berichten_tot(ws, 2)
        assert [b["tekst"] for b in gezien] == ["Is het zwembad open?", "Ja"]

        live.send_signal(signal.SIGKILL)
        live.wait(timeout=10)
        # While it is down the agent goes on answering (a web process stores it) ...
        gesprekken.plaats_bericht(
            gesprek, afzender=Afzender.MEDEWERKER, naam="Anna", tekst="Tot 22:00"
        )
        gesprekken.plaats_bericht(
            gesprek, afzender=Afzender.MEDEWERKER, naam="Anna", tekst="Nog iets?"
        )

        live = start_live(poort)
        # ... and the window, back, asks for what came after the last number it saw, and
        # sends again what it had not seen confirmed (the same clientId).
        ws = aanmelden(poort, str(gesprek.uuid), sleutel, gezien[-1]["volgnummer"])
        gemist = berichten_tot(ws, 4)
        assert [b["tekst"] for b in gemist] == ["Tot 22:00", "Nog iets?"]
        assert stuur(ws, "Is het zwembad open?", "v1") == 1
        assert stuur(ws, "Dank u", "v2") == 5
        ws.close()
    finally:
        live.kill()
        live.wait(timeout=10)

    opgeslagen = list(gesprek.berichten.values_list("volgnummer", "tekst"))
    assert opgeslagen == [
        (1, "Is het zwembad open?"),
        (2, "Ja"),
        (3, "Tot 22:00"),
        (4, "Nog iets?"),
        (5, "Dank u"),
    ]


def test_a_stopped_live_server_does_not_wait_for_open_windows():
    """A deploy stops the live server (SIGTERM): it closes the sockets of windows still
    open after KLANTBEELD_LIVE_STOP_SECONDEN instead of waiting for them to leave."""
    poort = vrije_poort()
    proces = start_live(poort, KLANTBEELD_LIVE_STOP_SECONDEN="1")
    gesprek, sleutel = gesprekken.open_gesprek()
    ws = aanmelden(poort, str(gesprek.uuid), sleutel, 0)
    assert json.loads(ws.recv(timeout=20))["soort"] == "verbonden"
    begin = time.monotonic()
    proces.send_signal(signal.SIGTERM)
    try:
        assert proces.wait(timeout=20) is not None
    finally:
        proces.kill()
    assert time.monotonic() - begin < 10
    with pytest.raises(ConnectionClosed):
        while True:  # what was sent before the stop, then the close
            ws.recv(timeout=5)
