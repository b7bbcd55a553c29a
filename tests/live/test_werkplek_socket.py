"""The workspace's live connection: only a workspace session gets in, and what is sent to
the employee's group reaches their window (live/werkplek.py, live/groepen.py). Against the
real live server (uvicorn, in a thread) and the machine's Redis."""

from __future__ import annotations

import json
import re
import time

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from klantbeeld.live import groepen
from klantbeeld.live.tickets import werkplek_ticket
from klantbeeld.workspace.roles import Rol


def werkplek_adres(client: Client) -> str:
    pagina = client.get("/werkplek/").content.decode()
    adres = re.search(r'<meta name="klantbeeld-live" content="([^"]+)"', pagina)
    assert adres, "the workspace page names its live connection"
    return adres.group(1).replace("&amp;", "&")


def medewerker(naam: str = "sanne", backend: str = "klantbeeld.workspace.oidc.OidcBackend"):
    user = User.objects.create_user(naam)
    user.groups.add(*Group.objects.filter(name=Rol.KCC_MEDEWERKER.value))
    client = Client()
    client.force_login(user, backend=backend)
    session = client.session
    session["oidc_id_token_expiration"] = time.time() + 3600
    session.save()
    return user, client


def ontvang(ws: ClientConnection, timeout: float = 20) -> dict:
    return json.loads(ws.recv(timeout=timeout))


def geweigerd(adres: str) -> int | None:
    """The close code when the server refuses the connection."""
    with connect(adres, open_timeout=5) as ws:
        try:
            ws.recv(timeout=5)
        except ConnectionClosed as gesloten:
            return gesloten.rcvd.code if gesloten.rcvd else None
    return None


def test_the_employees_window_gets_what_is_sent_to_them(live_ws):
    user, client = medewerker()
    with connect(werkplek_adres(client), open_timeout=5) as ws:
        assert ontvang(ws) == {"soort": "verbonden"}
        groepen.stuur(groepen.medewerker(user.pk), "belpaneel", reden="oproep")
        assert ontvang(ws) == {"soort": "belpaneel", "reden": "oproep"}


def test_a_message_for_a_colleague_does_not_reach_this_window(live_ws):
    _, client = medewerker("sanne")
    collega, _ = medewerker("bram")
    with connect(werkplek_adres(client), open_timeout=5) as ws:
        ontvang(ws)
        groepen.stuur(groepen.medewerker(collega.pk), "belpaneel")
        groepen.stuur(groepen.WACHTRIJ, "wachtrij", gesprek="x")
        # The queue is everyone's; the colleague's own message is not.
        assert ontvang(ws) == {"soort": "wachtrij", "gesprek": "x"}


@pytest.mark.parametrize("ticket", ["", "onzin", "eyJ1IjoxfQ:1abc:def"])
def test_without_a_valid_ticket_the_connection_is_refused(live_ws, ticket):
    assert geweigerd(f"{live_ws}/live/werkplek/?ticket={ticket}") == 4401


def test_a_ticket_stops_working_when_its_session_is_signed_out(live_ws):
    _, client = medewerker()
    adres = werkplek_adres(client)
    client.logout()
    assert geweigerd(adres) == 4401


def test_an_admin_password_session_is_not_a_workspace_session(live_ws):
    user, client = medewerker(backend="django.contrib.auth.backends.ModelBackend")
    request = type("Verzoek", (), {"user": user, "session": client.session})()
    assert geweigerd(f"{live_ws}/live/werkplek/?ticket={werkplek_ticket(request)}") == 4401


def test_unknown_messages_from_the_window_get_a_plain_answer(live_ws):
    _, client = medewerker()
    with connect(werkplek_adres(client), open_timeout=5) as ws:
        ontvang(ws)
        ws.send(json.dumps({"soort": "bestaat-niet"}))
        assert ontvang(ws) == {"soort": "fout", "melding": "Onbekend bericht."}


def test_the_live_server_answers_its_health_check(live_ws):
    import httpx

    basis = live_ws.replace("ws://", "http://")
    assert httpx.get(f"{basis}/live/gezond").json() == {"status": "ok"}
    assert httpx.get(f"{basis}/anders").status_code == 404


def test_a_push_from_sync_code_on_a_thread_running_an_event_loop_arrives(live_ws):
    """As from a test driving Playwright's sync API, whose loop runs in the same thread."""
    import asyncio
    import threading

    user, client = medewerker()
    with connect(werkplek_adres(client), open_timeout=5) as ws:
        ontvang(ws)

        async def in_een_loop() -> None:
            groepen.stuur_nu(groepen.medewerker(user.pk), {"soort": "belpaneel"})

        # In a thread of its own: this test's thread may already run Playwright's loop.
        draad = threading.Thread(target=asyncio.run, args=(in_een_loop(),))
        draad.start()
        draad.join(timeout=20)
        assert ontvang(ws) == {"soort": "belpaneel"}
