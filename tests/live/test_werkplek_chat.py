"""The workspace's chat messages over its live connection (live/werkplek_chat.py): only
the agent who holds a chat (or a teamleider) follows it; only the holder's typing reaches
the conversation. Against the real live server and Redis."""

from __future__ import annotations

import json
import time

import pytest
from django.contrib.auth.models import Group, User
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from klantbeeld.domain.models import Afzender
from klantbeeld.domain.services import gesprekken
from klantbeeld.live import groepen
from klantbeeld.workspace.roles import Rol
from tests.live.test_werkplek_socket import medewerker, ontvang, werkplek_adres


def stil(ws, timeout: float = 1.0) -> bool:
    """Nothing arrives within ``timeout``."""
    try:
        ws.recv(timeout=timeout)
    except (TimeoutError, ConnectionClosed):
        return True
    return False


def test_the_holder_follows_the_chat_and_the_visitor_sees_them_typing(live_ws):
    sanne, client = medewerker("sanne")
    User.objects.filter(pk=sanne.pk).update(first_name="Sanne")
    gesprek, _ = gesprekken.open_gesprek(naam="Petra")
    gesprekken.neem_aan(gesprek, sanne)
    with connect(werkplek_adres(client), open_timeout=5) as ws:
        assert ontvang(ws) == {"soort": "verbonden"}
        ws.send(json.dumps({"soort": "volg", "gesprek": str(gesprek.uuid)}))
        # Following has no answer of its own: the typing sent next comes back through the
        # conversation's group, so it was joined.
        ws.send(json.dumps({"soort": "typt", "gesprek": str(gesprek.uuid)}))
        assert ontvang(ws) == {
            "soort": "typt",
            "door": "medewerker",
            "naam": "Sanne",
            "gesprek": str(gesprek.uuid),
        }
        gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo")
        bericht = ontvang(ws)
        assert bericht["soort"] == "bericht" and bericht["gesprek"] == str(gesprek.uuid)
        assert bericht["bericht"]["tekst"] == "Hallo"


@pytest.mark.parametrize("rol", [Rol.KCC_MEDEWERKER, Rol.TEAMLEIDER])
def test_another_agent_may_not_follow_or_type_in_a_chat_they_do_not_hold(live_ws, rol):
    sanne, _ = medewerker("sanne")
    bram, client = medewerker("bram")
    bram.groups.set(Group.objects.filter(name=rol.value))
    gesprek, _ = gesprekken.open_gesprek(naam="Petra")
    gesprekken.neem_aan(gesprek, sanne)
    with connect(werkplek_adres(client), open_timeout=5) as ws:
        ontvang(ws)
        ws.send(json.dumps({"soort": "typt", "gesprek": str(gesprek.uuid)}))
        assert ontvang(ws)["soort"] == "fout"
        ws.send(json.dumps({"soort": "volg", "gesprek": str(gesprek.uuid)}))
        if rol == Rol.TEAMLEIDER:
            # A teamleider looks along: the messages reach them.
            time.sleep(0.5)  # following has no answer of its own
            gesprekken.plaats_bericht(gesprek, afzender=Afzender.BEZOEKER, tekst="Hallo")
            assert ontvang(ws)["bericht"]["tekst"] == "Hallo"
        else:
            assert ontvang(ws) == {"soort": "fout", "melding": "Dit gesprek kunt u niet volgen."}
            groepen.stuur(groepen.gesprek(gesprek.uuid), "bericht", bericht={})
            assert stil(ws)
    ws_onzin = werkplek_adres(client)
    with connect(ws_onzin, open_timeout=5) as ws:
        ontvang(ws)
        ws.send('{"soort": "volg", "gesprek": "geen-uuid"}')
        assert ontvang(ws)["soort"] == "fout"
