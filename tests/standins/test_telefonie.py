"""The local telephony platform (standins/telefonie.py): what it sends is what Klantbeeld's
OpenAPI document describes, signed with the shared secret; a call is driven through its
/_standin/ endpoints; an event that would break the document is not sent."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from standins.http import LoopbackServer, Reply
from standins.telefonie import LocalTelefonie, local_telefonie

GEHEIM = "s3cret"


class Ontvanger:
    """Klantbeeld's side, as far as this test needs: it keeps what arrives."""

    def __init__(self) -> None:
        self.ontvangen: list[tuple[dict[str, str], bytes]] = []

    def answer(self, method: str, target: str, headers: dict[str, str], raw: bytes) -> Reply:
        self.ontvangen.append((headers, raw))
        return Reply(204, b"")


@pytest.fixture
def opstelling() -> Iterator[tuple[LocalTelefonie, Ontvanger]]:
    ontvanger = Ontvanger()
    server = LoopbackServer("127.0.0.1", 0)
    webhook = f"{server.url}/kanalen/telefonie/oproepen"
    with (
        server.serving(ontvanger.answer, lambda m: Reply(500, m.encode())),
        local_telefonie(webhook, GEHEIM) as platform,
    ):
        yield platform, ontvanger


def test_a_call_through_the_standin_endpoints_sends_signed_events_in_order(opstelling):
    platform, ontvanger = opstelling
    basis = f"{platform.url}/_standin/oproepen"
    nieuw = httpx.post(basis, json={"beller": "+31612345678", "wachtrij": "Algemeen"})
    assert nieuw.status_code == 201
    call_id = nieuw.json()["call_id"]
    assert httpx.post(f"{basis}/{call_id}/opnemen", json={"toestel": "201"}).status_code == 201
    doorverbonden = httpx.post(f"{basis}/{call_id}/doorverbinden", json={"toestel": "202"})
    assert doorverbonden.json()["verzonden"] == [204, 204, 204, 204]
    assert httpx.post(f"{basis}/{call_id}/ophangen").status_code == 201

    meldingen: list[dict[str, Any]] = []
    for headers, raw in ontvanger.ontvangen:
        verwacht = "sha256=" + hmac.new(GEHEIM.encode(), raw, hashlib.sha256).hexdigest()
        assert headers["X-Klantbeeld-Signature"] == verwacht
        assert headers["Content-Type"] == "application/json"
        meldingen.append(json.loads(raw))
    assert [m["status"] for m in meldingen] == [
        "created",
        "ringing",
        "in-progress",
        "cold-transfer",
        "ended",
    ]
    assert {m["call_id"] for m in meldingen} == {call_id}
    assert meldingen[2]["destination"]["target"]["account_number"] == "201"
    assert meldingen[3]["redirector"]["account_number"] == "201"
    assert meldingen[3]["destination"]["target"]["account_number"] == "202"
    assert meldingen[4]["reason"] == "completed"
    assert [m["timestamp"] for m in meldingen] == sorted(m["timestamp"] for m in meldingen)
    assert platform.violations == []


def test_a_call_nobody_answers_ends_as_missed(opstelling):
    platform, ontvanger = opstelling
    call_id = platform.bel("+31612345678")
    platform.niet_opgenomen(call_id, "no-answer")
    laatste = json.loads(ontvanger.ontvangen[-1][1])
    assert (laatste["status"], laatste["reason"]) == ("ended", "no-answer")


def test_bad_requests_to_the_standin_are_refused(opstelling):
    platform, _ontvanger = opstelling
    basis = f"{platform.url}/_standin/oproepen"
    assert httpx.post(basis, json={}).status_code == 400
    assert httpx.post(f"{basis}/onbekend/opnemen", json={"toestel": "1"}).status_code == 400
    call_id = platform.bel("+31612345678")
    assert httpx.post(f"{basis}/{call_id}/opnemen", json={}).status_code == 400
    assert httpx.post(f"{basis}/{call_id}/zingen").status_code == 400
    assert httpx.get(f"{platform.url}/_standin/").status_code == 200


def test_an_event_that_breaks_the_document_is_not_sent(opstelling):
    platform, ontvanger = opstelling
    call_id = platform.bel("+31612345678")
    voor = len(ontvanger.ontvangen)
    melding = platform.melding(call_id, "ringing") | {"status": "opgehangen"}
    assert platform.verstuur(melding) == 0
    assert len(ontvanger.ontvangen) == voor
    assert platform.violations and "opgehangen" in platform.violations[0]
    platform.violations.clear()
