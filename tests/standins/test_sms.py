"""The local SMS provider (standins/sms) speaks Twilio's Messages API as Twilio's documents
describe it, so that what works against it works against Twilio: it is asked here with
plain HTTP requests, not with Klantbeeld's client."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl

import httpx
import pytest

from standins.sms import LocalSmsProvider, sms_provider
from standins.sms.documents import answer_problems
from standins.sms.provider import segments
from tests.support.receiver import Receiver, receiver

ACCOUNT = "AC" + "3c" * 16
TOKEN = "auth-token"
SERVICE = "MG" + "7d" * 16
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def provider() -> Iterator[LocalSmsProvider]:
    with sms_provider(
        {ACCOUNT: TOKEN},
        senders=["Gemeente", "+3197010000001"],
        messaging_services=[SERVICE],
        unreachable=["+31611111111"],
    ) as local:
        yield local


@pytest.fixture
def callbacks() -> Iterator[Receiver]:
    with receiver() as local:
        yield local


def post(provider: LocalSmsProvider, form: dict[str, str], **options) -> httpx.Response:
    options.setdefault("auth", (ACCOUNT, TOKEN))
    account = options.pop("account", ACCOUNT)
    url = f"{provider.url}/2010-04-01/Accounts/{account}/Messages.json"
    return httpx.post(url, data=form, **options)


def test_a_message_is_created_as_twilio_answers(provider):
    response = post(provider, {"To": "+31612345678", "From": "Gemeente", "Body": "Hallo"})

    assert response.status_code == 201
    message = response.json()
    assert message["sid"].startswith("SM") and len(message["sid"]) == 34
    assert (message["status"], message["direction"], message["num_segments"]) == (
        "queued",
        "outbound-api",
        "1",
    )
    assert (message["from"], message["to"], message["messaging_service_sid"]) == (
        "Gemeente",
        "+31612345678",
        None,
    )
    assert message["uri"] == f"/2010-04-01/Accounts/{ACCOUNT}/Messages/{message['sid']}.json"
    (sent,) = provider.wait_for(1)
    assert (sent.sid, sent.body) == (message["sid"], "Hallo")
    assert provider.violations == []


def test_through_a_messaging_service_the_message_is_accepted(provider):
    response = post(provider, {"To": "+31612345678", "MessagingServiceSid": SERVICE, "Body": "Hoi"})
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["from"]) == ("accepted", None)


def test_a_request_that_breaks_the_document_is_refused_and_recorded(provider):
    response = post(provider, {"From": "Gemeente", "Body": "Hallo"})
    assert response.status_code == 400
    assert response.json()["code"] == 21604
    assert any("'To' is a required property" in v for v in provider.violations)

    json_body = httpx.post(
        f"{provider.url}/2010-04-01/Accounts/{ACCOUNT}/Messages.json",
        json={"To": "+31612345678", "From": "Gemeente", "Body": "Hallo"},
        auth=(ACCOUNT, TOKEN),
    )
    assert json_body.status_code == 400
    assert any("application/json" in v for v in provider.violations)
    assert provider.messages == []


def test_its_own_answers_are_checked_against_the_document(provider, monkeypatch):
    broken = {"sid": "SMnot-a-sid", "status": "verzonden"}
    monkeypatch.setattr(provider, "_resource", lambda message: broken)

    response = post(provider, {"To": "+31612345678", "From": "Gemeente", "Body": "Hallo"})
    assert response.status_code == 500
    assert any("verzonden" in v for v in provider.violations)
    assert answer_problems("/x", 400, json.dumps({"code": 1, "message": "x"}).encode())


@pytest.mark.parametrize(
    ("form", "status", "code"),
    [
        ({"To": "0612345678", "From": "Gemeente", "Body": "Hallo"}, 400, 21211),
        ({"To": "+31612345678", "Body": "Hallo"}, 400, 21603),
        ({"To": "+31612345678", "From": "Oplichter", "Body": "Hallo"}, 400, 21606),
        ({"To": "+31612345678", "MessagingServiceSid": "MG" + "0" * 32, "Body": "x"}, 404, 21701),
        ({"To": "+31612345678", "From": "Gemeente"}, 400, 21602),
        ({"To": "+31612345678", "From": "Gemeente", "Body": "x" * 1601}, 400, 21617),
        (
            {
                "To": "+31612345678",
                "From": "Gemeente",
                "Body": "x",
                "StatusCallback": "http://a_b/",
            },
            400,
            21609,
        ),
    ],
)
def test_what_twilio_refuses_it_refuses_with_twilios_code(provider, form, status, code):
    response = post(provider, form)
    assert response.status_code == status
    error = response.json()
    assert (error["code"], error["status"]) == (code, status)
    assert error["more_info"] == f"https://www.twilio.com/docs/errors/{code}"
    assert provider.messages == [] and provider.violations == []


def test_numbers_that_cannot_receive_sms_are_refused(provider):
    provider.not_mobile.add("+31201234567")
    response = post(provider, {"To": "+31201234567", "From": "Gemeente", "Body": "Hallo"})
    assert (response.status_code, response.json()["code"]) == (400, 21614)


def test_wrong_credentials_are_refused_as_twilio_does(provider):
    response = post(provider, {"To": "+31612345678", "Body": "x"}, auth=(ACCOUNT, "fout"))
    assert response.status_code == 401
    assert response.json()["code"] == 20003
    assert response.headers["WWW-Authenticate"] == 'Basic realm="Twilio API"'
    other = "AC" + "0" * 32
    response = post(provider, {"To": "+31612345678"}, account=other)
    assert response.status_code == 404


def test_status_callbacks_follow_signed_as_twilio_signs(provider, callbacks):
    url = callbacks.url + "/status?reference=v-1"
    response = post(
        provider,
        {"To": "+31612345678", "From": "Gemeente", "Body": "Hallo", "StatusCallback": url},
    )
    sid = response.json()["sid"]

    sent, delivered = callbacks.wait_for(2)
    statuses = []
    for callback in (sent, delivered):
        params = dict(parse_qsl(callback.body.decode()))
        signed = url + "".join(name + params[name] for name in sorted(params))
        expected = hmac.new(TOKEN.encode(), signed.encode(), hashlib.sha1).digest()
        assert callback.headers["x-twilio-signature"] == base64.b64encode(expected).decode()
        assert callback.path == "/status?reference=v-1"
        assert (params["MessageSid"], params["AccountSid"], params["To"]) == (
            sid,
            ACCOUNT,
            "+31612345678",
        )
        statuses.append(params["MessageStatus"])
    assert statuses == ["sent", "delivered"]
    assert [c.answer for c in provider.wait_for_callbacks(2)] == [204, 204]
    assert provider.messages[0].status == "delivered"
    assert provider.violations == []


def test_an_unreachable_number_ends_undelivered_with_30003(provider, callbacks):
    form = {"To": "+31611111111", "From": "Gemeente", "Body": "x", "StatusCallback": callbacks.url}
    post(provider, form)
    final = dict(parse_qsl(callbacks.wait_for(2)[1].body.decode()))
    assert (final["MessageStatus"], final["ErrorCode"]) == ("undelivered", "30003")


def test_a_receiver_that_is_down_is_recorded_not_fatal(provider):
    form = {"To": "+31612345678", "From": "Gemeente", "Body": "x"}
    post(provider, {**form, "StatusCallback": "http://127.0.0.1:9/status"})
    callbacks = provider.wait_for_callbacks(2)
    assert [c.answer for c in callbacks] == [None, None] and callbacks[0].error


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("€" * 80, 1),  # an extended GSM character takes two septets
        ("€" * 81, 2),
        ("é" * 160, 1),  # é is in the GSM alphabet
        ("ł" * 70, 1),  # ł is not: UCS-2
        ("ł" * 71, 2),
        ("👍" * 35, 1),  # two UTF-16 code units each
    ],
)
def test_segments_are_counted_as_twilio_bills_them(body, parts):
    assert segments(body) == parts


def test_the_demo_command_serves_until_stopped():
    environment = {**os.environ, "SMS_TOKEN": TOKEN, "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    command = [
        sys.executable,
        "-m",
        "standins.sms",
        "--port",
        "0",
        "--account-env",
        f"{ACCOUNT}:SMS_TOKEN",
        "--sender",
        "Gemeente",
    ]
    process = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().split(" op ")[-1].strip()
        form = {"To": "+31612345678", "From": "Gemeente", "Body": "Demo"}
        response = httpx.post(
            f"{url}/2010-04-01/Accounts/{ACCOUNT}/Messages.json", data=form, auth=(ACCOUNT, TOKEN)
        )
        assert response.status_code == 201
        listed = httpx.get(f"{url}/_standin/messages").json()
        assert [m["body"] for m in listed] == ["Demo"]
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
